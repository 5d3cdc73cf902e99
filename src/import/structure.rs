//! Blocks → the parts of a notice, by the conventions of official documents (GB/T 9704):
//! the cover notice (标题, 发文字号, 主送, 正文, 署名, 成文日期, 附注, 抄送, 印发), one or more plans,
//! sections numbered 一、 （一） 1. （1）, leadership groups (组长：姓名 职务), and attachments
//! (附件说明 and the bodies headed 附件N or by a listed title).

use super::members::{collective, member_line, one_a_line, role_line, roster, split_member};
use super::Block;

mod attachments;
mod cover;

use attachments::{attachment_head, attachment_list};
pub use cover::is_date_line;
use cover::{read_footer, read_notice};

/// A notice read into its parts.
#[derive(Debug, Default)]
pub struct Doc {
    /// `[bookmark: …]` left by a word processor.
    pub bookmarks: Vec<String>,
    pub notice: Option<Notice>,
    pub plans: Vec<Plan>,
}

#[derive(Debug, Default)]
pub struct Notice {
    /// 发文机关, read from the 发文机关标志 of a 版头 (达拉特旗人民政府文件).
    pub issuer: Option<String>,
    pub title: String,
    pub number: Option<String>,
    pub recipients: Option<String>,
    /// The 主送 line is printed without its colon: the draft writes the line as printed.
    pub recipients_without_colon: bool,
    pub body: Vec<String>,
    pub signature: Option<String>,
    pub date: Option<String>,
    pub remark: Option<String>,
    /// Lines of the 版记 (抄送：…, … 印发).
    pub cc: Option<String>,
    pub printed: Option<(String, String)>,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug)]
pub enum Item {
    /// A numbered (or short unnumbered) heading and what stands under it.
    Section {
        title: String,
        items: Vec<Item>,
    },
    Para(String),
    Table {
        title: Option<String>,
        /// The form's own lines between its title and its grid (填报单位：……).
        lines_above: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Group(Group),
    Attachment {
        no: String,
        title: String,
        /// The label over its page as printed, where that is not 附件N: 附件 1：, or empty
        /// when the page prints its title alone.
        label: Option<String>,
        items: Vec<Item>,
        missing: bool,
    },
}

#[derive(Debug)]
pub struct Group {
    pub title: String,
    pub members: Vec<Member>,
}

#[derive(Debug)]
pub struct Member {
    pub role: String,
    /// None when the notice prints the post without a name (or names a body of people,
    /// [`super::members::collective`]).
    pub name: Option<String>,
    pub post: String,
}

/// Reads the document.
pub fn read(blocks: &[Block]) -> Doc {
    let mut doc = Doc::default();
    let mut lines: Vec<Entry> = Vec::new();
    for b in blocks {
        match b {
            Block::Line(l) => {
                let (marks, rest) = take_bookmarks(l);
                doc.bookmarks.extend(marks);
                let t = rest.trim();
                if !t.is_empty() {
                    lines.push(Entry::Line(t.to_string()));
                }
            }
            Block::Heading(h) => lines.push(Entry::Heading(h.trim().to_string())),
            Block::Table(rows) => lines.push(Entry::Table(rows.clone())),
        }
    }
    let mut at = 0;
    doc.notice = read_notice(&lines, &mut at);
    let footer = read_footer(&mut lines, &mut doc);
    let _ = footer;
    read_plans(&lines[at..], &mut doc);
    doc
}

#[derive(Debug, Clone)]
enum Entry {
    Line(String),
    /// A line its document marks as a heading.
    Heading(String),
    Table(Vec<Vec<String>>),
}

impl Entry {
    fn line(&self) -> Option<&str> {
        match self {
            Entry::Line(l) | Entry::Heading(l) => Some(l),
            Entry::Table(_) => None,
        }
    }

    fn table(&self) -> Option<&[Vec<String>]> {
        match self {
            Entry::Table(rows) => Some(rows),
            _ => None,
        }
    }
}

fn take_bookmarks(line: &str) -> (Vec<String>, String) {
    let mut marks = Vec::new();
    let mut rest = line.to_string();
    while let Some(s) = rest.find("[bookmark:") {
        let Some(e) = rest[s..].find(']') else { break };
        marks.push(rest[s + "[bookmark:".len()..s + e].trim().to_string());
        rest.replace_range(s..s + e + 1, "");
    }
    (marks, rest)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn has_sentence_punct(s: &str) -> bool {
    s.contains(['。', '，', '；', ',', ';'])
}

// ───────────────────────────── plans and sections ─────────────────────────────

/// The last word of a plan's title, in simplified and traditional script (reprints print both).
const PLAN_WORDS: &[&str] = &[
    "方案", "计划", "细则", "办法", "规划", "要点", "意见", "标准", "計劃", "細則", "辦法", "規劃",
    "要點", "標準",
];

fn ends_like_plan(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c == '）' || c == ')' || c.is_ascii_digit() || "-—–年（(".contains(c)
    });
    PLAN_WORDS.iter().any(|w| t.ends_with(w)) || PLAN_WORDS.iter().any(|w| s.ends_with(w))
}

/// A period line printed under a title: （2020-2022年）.
fn is_period_line(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with('（') || t.starts_with('('))
        && t.ends_with(['）', ')'])
        && t.contains('年')
        && chars(t) <= 16
}

/// How a plan's text begins: 为…, 根据…, 按照…, a first heading, or a long paragraph.
fn opens_plan(s: &str) -> bool {
    ["为", "根据", "按照", "依据", "为了", "近年来", "一、"]
        .iter()
        .any(|w| s.starts_with(w))
        || (chars(s) > 60 && numbering(s).is_none())
}

/// The heading level of a numbered line and the numbering's length in bytes:
/// 一、 → 1, （一） → 2, 1. 1、 → 3, （1） 1) → 4.
pub fn numbering(s: &str) -> Option<(u8, usize)> {
    const CN: &str = "一二三四五六七八九十";
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| cs.get(k).map(|c| c.1);
    let bytes = |k: usize| cs.get(k).map_or(s.len(), |c| c.0);
    let mut k = 0;
    while at(k).is_some_and(|c| CN.contains(c)) {
        k += 1;
    }
    if k > 0 && k <= 3 && at(k) == Some('、') {
        return Some((1, bytes(k + 1)));
    }
    if matches!(at(0), Some('（' | '(')) {
        let mut k = 1;
        while at(k).is_some_and(|c| CN.contains(c)) {
            k += 1;
        }
        if k > 1 && k <= 4 && matches!(at(k), Some('）' | ')')) {
            return Some((2, bytes(k + 1)));
        }
        let mut k = 1;
        while at(k).is_some_and(|c| c.is_ascii_digit()) {
            k += 1;
        }
        if k > 1 && k <= 3 && matches!(at(k), Some('）' | ')')) {
            return Some((4, bytes(k + 1)));
        }
        return None;
    }
    let mut k = 0;
    while at(k).is_some_and(|c| c.is_ascii_digit()) {
        k += 1;
    }
    if k > 0 && k <= 2 {
        match at(k) {
            Some('.' | '、' | '．') if !at(k + 1).is_some_and(|c| c.is_ascii_digit()) => {
                return Some((3, bytes(k + 1)))
            }
            Some(')' | '）') => return Some((4, bytes(k + 1))),
            _ => {}
        }
    }
    None
}

/// A line read as a heading: its title, its level, and the text that follows the title on the
/// same line (（一）改造内容。正文…).
fn heading(s: &str, next: Option<&str>) -> Option<(String, u8, Option<String>)> {
    if let Some((level, len)) = numbering(s) {
        let rest = &s[len..];
        if !rest.contains('。') && chars(rest) <= 40 && !rest.ends_with(['；', ';', '，']) {
            return Some((s.to_string(), level, None));
        }
        // A run-in heading printed on a line of its own (（2）新能源取暖项目。): the title.
        if let Some(head) = rest.trim_end().strip_suffix('。') {
            if !head.contains(['。', '：', ':', '；', '，']) && chars(head) <= 36 {
                return Some((s.to_string(), level, None));
            }
        }
        if let Some(p) = rest.find('。') {
            let head = &rest[..p];
            let tail = rest[p + '。'.len_utf8()..].trim();
            if chars(head) <= 36 && !tail.is_empty() && !head.contains(['：', ':']) {
                let title = s[..len + p + '。'.len_utf8()].to_string();
                return Some((title, level, Some(tail.to_string())));
            }
        }
        return None;
    }
    // An unnumbered heading: short, no punctuation, followed by a longer line.
    let next_longer = next.is_some_and(|n| chars(n) > chars(s) + 4);
    if chars(s) <= 24
        && chars(s) >= 2
        && !s.contains(['。', '，', '；', '：', ':', '、', ',', '（', '('])
        && !s.ends_with(|c: char| c.is_ascii_digit())
        && !is_date_line(s)
        && next_longer
    {
        return Some((s.to_string(), 9, None));
    }
    None
}

/// Members one a line from the role line at `i`: `组长：姓名 职务` lines, and under a role the
/// lines with only a name and a post. Returns them and the index after them.
fn members_by_line(lines: &[Entry], i: usize) -> (Vec<Member>, usize) {
    let mut members = Vec::new();
    let Some((role, rest)) = lines[i].line().and_then(role_line) else {
        return (members, i + 1);
    };
    let (name, post) = split_member(&rest);
    members.push(Member {
        role: role.clone(),
        name,
        post,
    });
    let mut last_role = role;
    let mut k = i + 1;
    while let Some(l) = lines.get(k).and_then(Entry::line) {
        if let Some((role, rest)) = role_line(l) {
            let (name, post) = split_member(&rest);
            members.push(Member {
                role: role.clone(),
                name,
                post,
            });
            last_role = role;
        } else if member_line(l) || collective(l) {
            let (name, post) = split_member(l);
            members.push(Member {
                role: last_role.clone(),
                name,
                post,
            });
        } else {
            break;
        }
        k += 1;
    }
    (members, k)
}

/// The name of a group from the words that announce it: 成立利通区冬季清洁取暖项目领导小组.
fn group_title(prev: &[Item]) -> String {
    for item in prev.iter().rev().take(3) {
        let text = match item {
            Item::Para(p) => p.as_str(),
            Item::Section { title, .. } => title.as_str(),
            _ => continue,
        };
        for kind in ["领导小组", "工作专班", "工作组"] {
            if let Some(e) = text.find(kind) {
                let head = &text[..e];
                let start = head
                    .rfind(['成', '立', '整', '，', '。', '、', '）', ')'])
                    .map_or(0, |s| {
                        s + head[s..].chars().next().map_or(1, char::len_utf8)
                    });
                let start = head[start..]
                    .find(|c: char| !c.is_whitespace())
                    .map_or(start, |s| start + s);
                let name = format!("{}{kind}", &head[start..]);
                let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
                return name
                    .trim_start_matches(|c: char| "（(一二三四五六七八九十）)、".contains(c))
                    .to_string();
            }
        }
    }
    "领导小组".to_string()
}

/// An attachment being read: its number, title, label as printed (see [`Item::Attachment`])
/// and content.
type OpenAttachment = (String, String, Option<String>, Vec<Item>);

/// Reads the plans: a title (over one or two lines, with a period line), then its content.
fn read_plans(lines: &[Entry], doc: &mut Doc) {
    let mut plan = Plan::default();
    // Stack of open sections: (level, title, items).
    let mut stack: Vec<(u8, String, Vec<Item>)> = Vec::new();
    let mut listed: Vec<(String, String)> = Vec::new();
    let mut found: Vec<bool> = Vec::new();
    // Where the 附件说明 stands among the plan's items.
    let mut list_at: Option<usize> = None;
    let mut attachment: Option<OpenAttachment> = None;
    let mut i = 0;

    fn close_to(stack: &mut Vec<(u8, String, Vec<Item>)>, level: u8, sink: &mut Vec<Item>) {
        while stack.last().is_some_and(|s| s.0 >= level) {
            let (_, title, items) = stack.pop().expect("checked");
            let section = Item::Section { title, items };
            match stack.last_mut() {
                Some(parent) => parent.2.push(section),
                None => sink.push(section),
            }
        }
    }
    /// Closes every open section and the attachment being read, if any, into the plan.
    fn finish_attachment(
        stack: &mut Vec<(u8, String, Vec<Item>)>,
        attachment: &mut Option<OpenAttachment>,
        plan: &mut Plan,
    ) {
        close_to(stack, 0, sink_plan_or_att(attachment, plan));
        if let Some((no, title, label, items)) = attachment.take() {
            plan.items.push(Item::Attachment {
                no,
                title,
                label,
                items,
                missing: false,
            });
        }
    }
    fn sink<'a>(
        stack: &'a mut [(u8, String, Vec<Item>)],
        att: &'a mut Option<OpenAttachment>,
        plan: &'a mut Plan,
    ) -> &'a mut Vec<Item> {
        if let Some(top) = stack.last_mut() {
            return &mut top.2;
        }
        if let Some(a) = att.as_mut() {
            return &mut a.3;
        }
        &mut plan.items
    }

    /// The name of the group whose members follow: from the words that announce it, the
    /// heading right above them, or the attachment they stand in.
    fn group_name(
        stack: &mut [(u8, String, Vec<Item>)],
        attachment: &mut Option<OpenAttachment>,
        plan: &mut Plan,
    ) -> String {
        let mut title = group_title(sink(stack, attachment, plan));
        if title == "领导小组" {
            // Members right under a heading that names the group: 2. 新能源取暖建设改造项目小组.
            if let Some(top) = stack.last().filter(|s| s.2.is_empty()) {
                let words = numbering(&top.1).map_or(top.1.as_str(), |(_, len)| &top.1[len..]);
                if words.contains('组') || words.contains("专班") {
                    title = words.trim().to_string();
                }
            }
        }
        if title == "领导小组" {
            attachment
                .as_ref()
                .map(|a| a.1.clone())
                .filter(|t| t.contains("小组") || t.contains("专班"))
                .unwrap_or(title)
        } else {
            title
        }
    }

    while i < lines.len() {
        let entry = &lines[i];
        let next = lines.get(i + 1).and_then(Entry::line);
        let Some(l) = entry.line() else {
            if let Some(members) = lines[i].table().and_then(roster) {
                // A group's members laid out as a table (role, name, post).
                let title = group_name(&mut stack, &mut attachment, &mut plan);
                sink(&mut stack, &mut attachment, &mut plan)
                    .push(Item::Group(Group { title, members }));
                i += 1;
                continue;
            }
            if let Entry::Table(rows) = entry {
                // A table's title is the line just above it when that line names a table, or
                // the line above a form's own line (填报单位：……) between the title and the grid.
                let target = sink(&mut stack, &mut attachment, &mut plan);
                let names_table = |p: &str| p.ends_with('表') && chars(p) <= 60;
                // Spaces do not count: a form's line spreads its fields across the page.
                let form_line = |p: &str| {
                    p.contains(['：', ':'])
                        && !has_sentence_punct(p)
                        && p.chars().filter(|c| !c.is_whitespace()).count() <= 60
                };
                let (title, lines_above) = match target.as_slice() {
                    [.., Item::Para(t), Item::Para(l)] if names_table(t) && form_line(l) => {
                        let line = target.pop();
                        let title = target.pop();
                        match (title, line) {
                            (Some(Item::Para(t)), Some(Item::Para(l))) => (Some(t), vec![l]),
                            _ => unreachable!("matched two paragraphs"),
                        }
                    }
                    [.., Item::Para(p)] if names_table(p) => {
                        let Some(Item::Para(p)) = target.pop() else {
                            unreachable!()
                        };
                        (Some(p), Vec::new())
                    }
                    _ => (None, Vec::new()),
                };
                target.push(Item::Table {
                    title,
                    lines_above,
                    rows: rows.clone(),
                });
            }
            i += 1;
            continue;
        };

        // A plan title: starts the document, or a short title-like line followed by a plan's
        // opening words.
        let first = plan.title.is_empty() && plan.items.is_empty() && stack.is_empty();
        let mut title_lines = 1;
        let mut candidate = l.to_string();
        if let Some(n) = next {
            if !has_sentence_punct(l)
                && !has_sentence_punct(n)
                && chars(l) <= 30
                && chars(n) <= 20
                && ends_like_plan(n)
                && numbering(n).is_none()
                && !ends_like_plan(l)
            {
                candidate.push_str(n);
                title_lines = 2;
            }
        }
        if let Some(p) = lines.get(i + title_lines).and_then(Entry::line) {
            if is_period_line(p) {
                candidate.push_str(p);
                title_lines += 1;
            }
        }
        let after = lines
            .get(i + title_lines)
            .and_then(Entry::line)
            .unwrap_or("");
        let title_like = numbering(l).is_none()
            && !is_date_line(l)
            && !has_sentence_punct(&candidate)
            && chars(&candidate) <= 60
            && ends_like_plan(&candidate)
            && attachment.is_none();
        // A first line that reads as a headline over the text's opening (a press report's
        // 甘肃今年将完成……) is the document's title whatever its last word.
        let headline = first
            && title_lines == 1
            && numbering(l).is_none()
            && !is_date_line(l)
            && !has_sentence_punct(l)
            && chars(l) <= 40
            && attachment.is_none()
            && opens_plan(after);
        if (title_like && (first || opens_plan(after))) || headline {
            if !first {
                close_to(&mut stack, 0, &mut plan.items);
                doc.plans.push(std::mem::take(&mut plan));
            }
            plan.title = candidate;
            i += title_lines;
            continue;
        }
        if first && plan.title.is_empty() {
            // A document whose first line is not a plan title: the plan is untitled.
            plan.title = doc
                .notice
                .as_ref()
                .and_then(|n| n.title.split('《').nth(1))
                .and_then(|t| t.split('》').next())
                .unwrap_or("")
                .to_string();
        }

        // 附件说明 and attachment bodies.
        // The list is not kept as prose: the attachments declared below are it (the draft prints
        // 附件：1.×× from them).
        if let Some((list, end)) = attachment_list(lines, i) {
            found = vec![false; list.len()];
            listed = list;
            // The 附件说明 ends the plan's text: what follows it (a 图解 line) is no part of
            // the last section.
            if attachment.is_none() {
                close_to(&mut stack, 0, &mut plan.items);
                list_at = Some(plan.items.len());
            }
            i = end;
            continue;
        }
        let head = attachment_head(l).or_else(|| {
            listed
                .iter()
                .position(|(_, t)| !t.is_empty() && t.replace(' ', "") == l.replace(' ', ""))
                .map(|k| (listed[k].0.clone(), String::new()))
        });
        if let Some((no, mut title)) = head {
            let mut used = 1;
            // The label as the page prints it: 附件N as the draft prints it by default, 附件 1：
            // (its own spaces and colon), or none over a page that starts with its title.
            let label = match attachment_head(l) {
                Some((_, ref on_line)) => {
                    let label = l.trim().strip_suffix(on_line.as_str()).unwrap_or(l).trim();
                    (label != format!("附件{no}")).then(|| label.to_string())
                }
                None => Some(String::new()),
            };
            let listed_title = listed
                .iter()
                .find(|(n, t)| *n == no && !t.is_empty())
                .map(|(_, t)| t.clone());
            if title.is_empty() {
                if let (Some(t), true) = (&listed_title, attachment_head(l).is_some()) {
                    // 附件1 under a list that names it: the list's title; a title line below
                    // that repeats it is the same title.
                    title = t.clone();
                    if next.is_some_and(|n| n.replace(' ', "") == t.replace(' ', "")) {
                        used = 2;
                    }
                } else if attachment_head(l).is_some() {
                    if let Some(n) = next {
                        if chars(n) <= 60 && !n.contains('。') {
                            title = n.to_string();
                            used = 2;
                        }
                    }
                } else {
                    title = l.to_string();
                }
            }
            finish_attachment(&mut stack, &mut attachment, &mut plan);
            if let Some(k) = listed.iter().position(|(n, _)| *n == no) {
                found[k] = true;
            }
            attachment = Some((no, title, label, Vec::new()));
            i += used;
            continue;
        }

        // A leadership group: role lines and the member lines under them, or its members one
        // cell a line (the role, the name and the post on lines of their own).
        let one_cell_a_line = if l.ends_with(['：', ':']) {
            let window: Vec<Option<&str>> = lines[i..].iter().take(600).map(Entry::line).collect();
            one_a_line(&window, 0)
        } else {
            None
        };
        if one_cell_a_line.is_some() || role_line(l).is_some() {
            let title = group_name(&mut stack, &mut attachment, &mut plan);
            let (members, k) = match one_cell_a_line {
                Some((members, used)) => (members, i + used),
                None => members_by_line(lines, i),
            };
            sink(&mut stack, &mut attachment, &mut plan)
                .push(Item::Group(Group { title, members }));
            i = k;
            continue;
        }

        let styled = matches!(entry, Entry::Heading(_)).then(|| {
            (
                l.to_string(),
                numbering(l).map_or(9, |(level, _)| level),
                None,
            )
        });
        if let Some((title, level, tail)) = heading(l, next).or(styled) {
            let level = if level == 9 {
                stack.last().map_or(1, |s| s.0.saturating_add(1).min(8))
            } else {
                level
            };
            close_to(
                &mut stack,
                level,
                sink_plan_or_att(&mut attachment, &mut plan),
            );
            stack.push((level, title, Vec::new()));
            if let Some(t) = tail {
                stack.last_mut().expect("pushed").2.push(Item::Para(t));
            }
            i += 1;
            continue;
        }
        sink(&mut stack, &mut attachment, &mut plan).push(Item::Para(l.to_string()));
        i += 1;
    }
    finish_attachment(&mut stack, &mut attachment, &mut plan);
    let missing =
        listed
            .iter()
            .zip(&found)
            .filter(|(_, found)| !**found)
            .map(|((no, title), _)| Item::Attachment {
                no: no.clone(),
                title: title.clone(),
                label: None,
                items: Vec::new(),
                missing: true,
            });
    // A list none of whose attachments is attached stands where the notice prints it, before
    // any line that follows it; otherwise after the attached ones, in the list's order.
    match list_at {
        Some(at) if !found.contains(&true) => {
            let after = plan.items.split_off(at);
            plan.items.extend(missing);
            plan.items.extend(after);
        }
        _ => plan.items.extend(missing),
    }
    doc.plans.push(plan);
}

fn sink_plan_or_att<'a>(
    att: &'a mut Option<OpenAttachment>,
    plan: &'a mut Plan,
) -> &'a mut Vec<Item> {
    match att.as_mut() {
        Some(a) => &mut a.3,
        None => &mut plan.items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Block> {
        text.lines().map(|l| Block::Line(l.to_string())).collect()
    }

    #[test]
    fn numbering_levels() {
        assert_eq!(numbering("一、指导思想").map(|n| n.0), Some(1));
        assert_eq!(numbering("（二）改造方式。").map(|n| n.0), Some(2));
        assert_eq!(numbering("3.根据居民意愿").map(|n| n.0), Some(3));
        assert_eq!(numbering("(1)热网").map(|n| n.0), Some(4));
        assert_eq!(numbering("2.85万户"), None);
    }

    #[test]
    fn a_run_in_heading_on_its_own_line_is_a_heading() {
        assert_eq!(
            heading("（2）新能源取暖项目。", Some("改造 12717 户。")),
            Some(("（2）新能源取暖项目。".to_string(), 4, None))
        );
        // A numbered sentence with a clause is text, not a heading.
        assert_eq!(heading("1.各街道统筹实施，住建局负责验收。", None), None);
    }

    #[test]
    fn cover_notice_then_plan_with_sections() {
        let doc = read(&lines(
            "某县人民政府关于印发《某县改造方案》的通知\n某政办发〔2022〕22号\n各乡镇：\n现印发给你们。\n某县人民政府\n2022年3月31日\n（此件公开发布）\n某县改造方案\n为改善环境，制定本方案。\n一、目标\n改造460户。\n（一）分项。正文。\n",
        ));
        let n = doc.notice.unwrap();
        assert_eq!(n.number.as_deref(), Some("某政办发〔2022〕22号"));
        assert_eq!(n.recipients.as_deref(), Some("各乡镇"));
        assert_eq!(n.signature.as_deref(), Some("某县人民政府"));
        assert_eq!(n.date.as_deref(), Some("2022年3月31日"));
        assert_eq!(n.remark.as_deref(), Some("（此件公开发布）"));
        assert_eq!(doc.plans[0].title, "某县改造方案");
        assert!(
            matches!(&doc.plans[0].items[1], Item::Section { title, items, .. } if title == "一、目标" && items.len() == 2)
        );
    }
}
