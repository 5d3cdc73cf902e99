//! The policy text of an imported notice, formatted like the hand-written files of
//! `policies/` and reading top to bottom like the notice: data statements stand just before
//! the prose that states them, and the prose refers to them as `{名称}`.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::cells;
use super::dates;
use super::figures::{self, Context, Stmt};
use super::members::collective;
use super::names::{clean, Names};
use super::relations;
use super::structure::{numbering, Doc, Group, Item, Notice};

/// Task fields as notices write them, and the keyword the language gives each.
const FIELDS: &[(&str, &str)] = &[
    ("牵头单位", "牵头单位"),
    ("责任单位", "责任单位"),
    ("配合单位", "配合单位"),
    ("实施单位", "实施单位"),
    ("协办单位", "配合单位"),
    ("完成时限", "完成时限"),
    ("完成时间", "完成时限"),
    ("启动时间", "启动时间"),
    ("开展时间", "启动时间"),
    ("实施年限", "实施年限"),
    ("实施时间", "实施年限"),
];

fn is_unit_field(key: &str) -> bool {
    key.ends_with("单位")
}

struct Emitter {
    cx: Context,
    out: String,
    /// Units named in tasks, by kind, in order of first mention.
    units: BTreeMap<&'static str, Vec<String>>,
    tables: Names,
    tasks: usize,
    /// Inside a phase block: where its statements go (a byte offset of `out`) and their depth.
    hoist: Option<(usize, usize)>,
}

/// Writes the draft for `doc`; `source` names the file it came from.
pub fn emit(doc: &Doc, source: &str) -> String {
    let mut e = Emitter {
        cx: Context::with_cells(cells::Cells::of(doc)),
        out: String::new(),
        units: BTreeMap::new(),
        tables: Names::default(),
        tasks: 0,
        hoist: None,
    };
    for plan in &doc.plans {
        let _ = writeln!(e.out, "\n方案 {} {{", quoted(&plan.title));
        for item in &plan.items {
            e.item(item, 1);
        }
        e.out.push_str("}\n");
    }
    let mut head = String::new();
    let title = doc
        .notice
        .as_ref()
        .map(|n| n.title.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| doc.plans.first().map(|p| p.title.clone()))
        .unwrap_or_default();
    // The notice's title heads the draft; a notice read without one starts with the import line.
    if !title.is_empty() {
        let _ = writeln!(head, "// {title}");
    }
    let _ = writeln!(
        head,
        "// 由 policyc import 从 {source} 读出的草稿：照原文记录，不改正任何数字、日期或名称。\n// 标有“推断”的关系是导入时推断的，请逐条核对。"
    );
    if let Some(n) = &doc.notice {
        notice(&mut head, n, &doc.bookmarks);
    }
    if !e.units.is_empty() {
        head.push_str("\n单位 {\n");
        for (kind, names) in &e.units {
            let _ = writeln!(head, "  {kind}：{}", names.join("、"));
        }
        head.push_str("}\n");
    }
    head + &e.out
}

fn notice(out: &mut String, n: &Notice, bookmarks: &[String]) {
    out.push_str("\n通知 {\n");
    if !bookmarks.is_empty() {
        let _ = writeln!(out, "  书签：{}", bookmarks.join("、"));
    }
    if !n.title.is_empty() {
        let _ = writeln!(out, "  标题：{}", line_value(&n.title));
    }
    if let Some(v) = &n.issuer {
        let _ = writeln!(out, "  发文机关：{}", line_value(v));
    }
    if let Some(v) = &n.number {
        let _ = writeln!(out, "  发文字号：{}", line_value(v));
    }
    if let Some(v) = &n.recipients {
        if n.recipients_without_colon {
            let _ = writeln!(out, "  主送：{}", quoted(v));
        } else {
            let _ = writeln!(out, "  主送：{}", list_text(v));
        }
    }
    for p in &n.body {
        let _ = writeln!(out, "  正文：{}", quoted(p));
    }
    if let Some(v) = &n.signature {
        let _ = writeln!(out, "  署名：{}", line_value(v));
    }
    if let Some(v) = &n.date {
        let _ = writeln!(out, "  成文日期：{}", when_text(v));
    }
    if let Some(v) = &n.remark {
        let _ = writeln!(out, "  附注：{}", line_value(v));
    }
    if let Some(v) = &n.cc {
        let _ = writeln!(out, "  抄送：{}", list_text(v));
    }
    if let Some((by, on)) = &n.printed {
        let by: String = by.chars().filter(|c| !c.is_whitespace()).collect();
        let _ = writeln!(out, "  印发：{by} {}", when_text(on));
    }
    out.push_str("}\n");
}

/// Text in 「」, with the brackets inside balanced (an unbalanced one becomes 『』 so that the
/// quote still ends where the notice's text does) and literal braces full-width (fold to the
/// same character, are not references).
fn quoted(text: &str) -> String {
    let mut depth = 0i32;
    let mut balanced = true;
    for c in text.chars() {
        match c {
            '「' => depth += 1,
            '」' => {
                depth -= 1;
                if depth < 0 {
                    balanced = false;
                }
            }
            _ => {}
        }
    }
    let t = if balanced && depth == 0 {
        text.to_string()
    } else {
        text.replace('「', "『").replace('」', "』")
    };
    format!("「{t}」")
}

/// A one-line field's value (标题, 发文字号 …): unquoted, as data, when the line can hold it; in
/// 「」 otherwise.
fn line_value(text: &str) -> String {
    if text.contains("//")
        || text.contains('\n')
        || text.starts_with(['「', '"'])
        || text.trim().is_empty()
    {
        quoted(text)
    } else {
        text.trim().to_string()
    }
}

/// A list value (主送, 抄送): stops of the list rule removed.
fn list_text(v: &str) -> String {
    v.replace(['；', ';', '{', '}', '｛', '｝'], "，")
        .replace("//", "／／")
}

/// A time value: what the `when` rule can read, with its own stops removed.
fn when_text(v: &str) -> String {
    let t: String = v
        .trim()
        .trim_end_matches(['。', '）', ')', '，', ','])
        .chars()
        .filter(|c| !"{}｛｝「」；;\"".contains(*c))
        .collect();
    let t = t.replace("//", "／／");
    if t.is_empty() {
        "（未写明）".to_string()
    } else {
        t
    }
}

fn pad(depth: usize) -> String {
    "  ".repeat(depth)
}

/// The kind of a unit from how its name ends.
fn unit_kind(name: &str) -> &'static str {
    if name.starts_with('各')
        || name.contains("各乡")
        || name.contains("各街道")
        || name.contains("各部门")
        || name.starts_with("两镇")
    {
        "集合"
    } else if name.ends_with("街道") || name.ends_with("办事处") {
        "街道"
    } else if name.ends_with('镇')
        || name.ends_with('乡')
        || name.ends_with("镇人民政府")
        || name.ends_with("乡人民政府")
        || name.ends_with("苏木")
    {
        "乡镇"
    } else if name.contains("公司") || name.ends_with("集团") {
        "企业"
    } else if [
        "局",
        "委",
        "办",
        "厅",
        "部",
        "政府",
        "委员会",
        "部门",
        "科",
        "室",
        "院",
        "队",
    ]
    .iter()
    .any(|s| name.ends_with(s))
    {
        "部门"
    } else {
        "机构"
    }
}

/// A unit name the language can declare: short, brackets balanced, no sentence in it.
fn unit_like(name: &str) -> bool {
    let open = name.matches(['（', '(']).count();
    let close = name.matches(['）', ')']).count();
    let n = name.chars().count();
    const ENDS: &[&str] = &[
        "局", "委", "办", "厅", "部", "府", "会", "门", "科", "室", "院", "队", "镇", "乡", "街道",
        "处", "中心", "公司", "集团", "站", "所", "场", "社", "校", "馆", "组", "区", "县", "市",
        "旗", "村", "单位", "企业", "机关", "机构",
    ];
    let bare = name.trim_end_matches(['）', ')']);
    let ends_like_unit = ENDS.iter().any(|e| name.ends_with(e) || bare.ends_with(e));
    (2..=40).contains(&n)
        && ends_like_unit
        && open == close
        && !name.contains(['。', '：', ':', '|', '｜', '「', '」', '{', '}'])
        && !name.contains("又称")
        && !name.contains("//")
}

/// The task fields in a paragraph: `牵头单位：…` lines, or `（牵头单位：…；完成时限：…）`.
fn fields_in(text: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (word, key) in FIELDS {
        let mut from = 0;
        while let Some(p) = text[from..].find(word) {
            let at = from + p;
            from = at + word.len();
            let rest = &text[from..];
            let Some(rest) = rest.strip_prefix(['：', ':']) else {
                continue;
            };
            // A field begins the paragraph or follows an opening bracket or a separator.
            let before = text[..at].chars().last();
            if !(at == 0 || before.is_some_and(|c| "（(；;，, ".contains(c))) {
                continue;
            }
            let end = rest
                .find(|c: char| "；;）)\n".contains(c))
                .unwrap_or(rest.len());
            let value = rest[..end]
                .trim()
                .trim_end_matches(['。', '，', ','])
                .to_string();
            if !value.is_empty() {
                out.push((*key, value));
            }
        }
    }
    out
}

impl Emitter {
    fn line(&mut self, depth: usize, text: &str) {
        let _ = writeln!(self.out, "{}{text}", pad(depth));
    }

    /// A statement where the prose stands, or, inside a phase (which holds no figures), before
    /// the phase.
    fn stmt_here(&mut self, depth: usize, s: &Stmt) {
        match (self.hoist, s) {
            (Some((at, hoist_depth)), stmt) if !matches!(stmt, Stmt::Milestone { .. }) => {
                let mut text = std::mem::take(&mut self.out);
                let tail = text.split_off(at);
                self.stmt(hoist_depth, s);
                let added = std::mem::take(&mut self.out);
                text.push_str(&added);
                text.push_str(&tail);
                self.out = text;
                self.hoist = Some((at + added.len(), hoist_depth));
            }
            _ => self.stmt(depth, s),
        }
    }

    fn stmt(&mut self, depth: usize, s: &Stmt) {
        match s {
            Stmt::Figure { name, qty } => self.line(depth, &format!("指标 {name}：{qty}")),
            Stmt::Restate { path, qty, note } => {
                self.line(depth, &format!("复述 {path}：{qty} // 推断：{note}"))
            }
            Stmt::Breakdown {
                name,
                total,
                parts,
                note,
            } => {
                let comment = note
                    .as_ref()
                    .map(|n| format!(" // 推断：{n}"))
                    .unwrap_or_default();
                self.line(depth, &format!("分解 {name} {{{comment}"));
                self.line(depth + 1, &format!("合计：{total}"));
                for (label, qty) in parts {
                    self.line(depth + 1, &format!("{label}：{qty}"));
                }
                self.line(depth, "}");
            }
            Stmt::Calc { expr, note } => self.line(depth, &format!("核算：{expr} // 推断：{note}")),
            Stmt::Ratio { name, ratio } => self.line(depth, &format!("比例 {name}：{ratio}")),
            Stmt::Milestone { label, when } => {
                self.line(depth, &format!("节点 {label}：{}", when_text(when)))
            }
            Stmt::Basis(text) => self.line(depth, &format!("依据：{}", line_value(text))),
            Stmt::Rule {
                name,
                object,
                branches,
            } => {
                self.line(depth, &format!("规则 {name} {{ // 推断：由「；」分开的各句条件读出，请核对是否覆盖全部情形"));
                self.line(depth + 1, &format!("对象：{}", line_value(object)));
                for (cond, out) in branches {
                    self.line(depth + 1, &format!("若 {cond}：{out}"));
                }
                self.line(depth, "}");
            }
        }
    }

    /// Reads a paragraph and writes its statements then its prose.
    fn para(&mut self, depth: usize, text: &str, in_phase: bool) {
        let text = text.replace('{', "｛").replace('}', "｝");
        let mut skip = 0;
        if let Some((kind, label, when, end)) = phase_line(&text) {
            let kw = match kind {
                PhaseKind::Phase => "阶段",
                PhaseKind::Step if in_phase => "步骤",
                PhaseKind::Step => "节点",
            };
            self.line(depth, &format!("{kw} {label}：{}", when_text(&when)));
            skip = end;
        }
        let fields = fields_in(&text);
        let para = figures::read(&text, &mut self.cx, skip);
        if !fields.is_empty() && !starts_with_field(&text) {
            // A task with its units in brackets after it.
            self.task(
                depth,
                task_title(&text),
                vec![para.prose.clone()],
                fields,
                para.stmts,
            );
            return;
        }
        for s in &para.stmts {
            self.stmt_here(depth, s);
        }
        self.line(depth, &quoted(&para.prose));
    }

    /// Writes a task: its content, its units and times, the figures it holds; milestones and
    /// citations after it (a task does not hold them).
    fn task(
        &mut self,
        depth: usize,
        (no, title): (Option<String>, Option<String>),
        prose: Vec<String>,
        fields: Vec<(&'static str, String)>,
        stmts: Vec<Stmt>,
    ) {
        self.tasks += 1;
        let mut head = String::from("任务");
        match no {
            Some(n) => {
                let _ = write!(head, " {n}");
            }
            None => {
                let _ = write!(head, " {}", self.tasks);
            }
        }
        if let Some(t) = title {
            let _ = write!(head, " {}", quoted(&t));
        }
        self.line(depth, &format!("{head} {{"));
        let content = prose.join("\n\n");
        self.line(depth + 1, &format!("内容：{}", quoted(&content)));
        let mut seen = Vec::new();
        for (key, value) in &fields {
            if seen.contains(key) {
                continue;
            }
            seen.push(key);
            if is_unit_field(key) {
                let units: Vec<String> = value
                    .split(['、', '，', ','])
                    .map(str::trim)
                    .filter(|u| unit_like(u))
                    .map(str::to_string)
                    .collect();
                if units.is_empty() {
                    continue;
                }
                for u in &units {
                    let list = self.units.entry(unit_kind(u)).or_default();
                    if !list.contains(u) {
                        list.push(u.clone());
                    }
                }
                self.line(depth + 1, &format!("{key}：{}", units.join("、")));
            } else {
                self.line(depth + 1, &format!("{key}：{}", when_text(value)));
            }
        }
        let (inside, after): (Vec<_>, Vec<_>) = stmts.into_iter().partition(|s| {
            matches!(
                s,
                Stmt::Figure { .. }
                    | Stmt::Restate { .. }
                    | Stmt::Breakdown { .. }
                    | Stmt::Calc { .. }
            )
        });
        for s in &inside {
            self.stmt(depth + 1, s);
        }
        self.line(depth, "}");
        for s in &after {
            self.stmt(depth, s);
        }
    }

    fn item(&mut self, item: &Item, depth: usize) {
        self.item_in(item, depth, false);
    }

    fn item_in(&mut self, item: &Item, depth: usize, in_phase: bool) {
        match item {
            Item::Para(p) => self.para(depth, p, in_phase),
            Item::Section { title, items, .. } => self.section(title, items, depth, in_phase),
            Item::Table {
                title,
                lines_above,
                rows,
            } => self.table(depth, title.as_deref(), lines_above, rows),
            Item::Group(g) => self.group(depth, g),
            Item::Attachment {
                no,
                title,
                label,
                items,
                missing,
            } => {
                let no = if no.is_empty() {
                    String::new()
                } else {
                    format!(" {no}")
                };
                if *missing && items.is_empty() {
                    self.line(depth, "// 原文列出此附件，但未附其内容。");
                    self.line(depth, &format!("附件{no} {}", quoted(title)));
                    return;
                }
                self.line(depth, &format!("附件{no} {} {{", quoted(title)));
                if let Some(label) = label {
                    self.line(depth + 1, &format!("标识：{}", quoted(label)));
                }
                for i in items {
                    self.item(i, depth + 1);
                }
                self.line(depth, "}");
            }
        }
    }

    fn section(&mut self, title: &str, items: &[Item], depth: usize, in_phase: bool) {
        let outer = self.cx.enter_section(title);
        self.section_body(title, items, depth, in_phase);
        self.cx.leave_section(outer);
    }

    fn section_body(&mut self, title: &str, items: &[Item], depth: usize, in_phase: bool) {
        self.line(depth, &format!("节 {} {{", quoted(title)));
        // A phase heading: 准备部署阶段（2022年3月1日-2022年4月31日）.
        let phase = (!in_phase).then(|| phase_heading(title)).flatten();
        // A phase holds steps, milestones, tasks and prose only: a heading with sections,
        // tables or groups under it is a phase without a block.
        let only_prose = items.iter().all(|i| matches!(i, Item::Para(_)));
        let phase = match phase {
            Some((label, when)) if !only_prose => {
                self.line(depth + 1, &format!("阶段 {label}：{}", when_text(&when)));
                None
            }
            other => other,
        };
        let outer_hoist = self.hoist.take();
        let inner = if let Some((label, when)) = &phase {
            // Figures stated inside the phase are declared just before it.
            self.hoist = Some((self.out.len(), depth + 1));
            self.line(depth + 1, &format!("阶段 {label}：{} {{", when_text(when)));
            depth + 2
        } else {
            self.hoist = outer_hoist;
            depth + 1
        };
        let is_task = items
            .iter()
            .any(|i| matches!(i, Item::Para(p) if starts_with_field(p)));
        if is_task {
            let mut prose = Vec::new();
            let mut fields = Vec::new();
            let mut stmts = Vec::new();
            let mut rest = Vec::new();
            for i in items {
                match i {
                    Item::Para(p) => {
                        let p = p.replace('{', "｛").replace('}', "｝");
                        fields.extend(fields_in(&p));
                        let para = figures::read(&p, &mut self.cx, 0);
                        prose.push(para.prose);
                        stmts.extend(para.stmts);
                    }
                    other => rest.push(other),
                }
            }
            let (no, name) = split_heading(title);
            self.task(inner, (no, name), prose, fields, stmts);
            for i in rest {
                self.item_in(i, inner, phase.is_some() || in_phase);
            }
        } else {
            for i in items {
                self.item_in(i, inner, phase.is_some() || in_phase);
            }
        }
        if phase.is_some() {
            self.line(depth + 1, "}");
            self.hoist = outer_hoist;
        }
        self.line(depth, "}");
    }

    fn group(&mut self, depth: usize, g: &Group) {
        self.line(
            depth,
            &format!("领导小组 {} {{", group_title_text(&g.title)),
        );
        for m in &g.members {
            let name = match &m.name {
                Some(n) => n.clone(),
                None if collective(&m.post) => "（集体）".to_string(),
                None => "（未列姓名）".to_string(),
            };
            let name: String = name.chars().filter(|c| !"|｜{}".contains(*c)).collect();
            let post: String = m.post.chars().filter(|c| !"{}｛｝".contains(*c)).collect();
            let post = post.replace("//", "／／");
            if post.is_empty() {
                self.line(depth + 1, &format!("{}：{name}", m.role));
            } else {
                self.line(depth + 1, &format!("{}：{name}｜{post}", m.role));
            }
        }
        self.line(depth, "}");
    }

    fn table(
        &mut self,
        depth: usize,
        title: Option<&str>,
        lines_above: &[String],
        rows: &[Vec<String>],
    ) {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let name = cells::table_name(&mut self.tables, title);
        let head = match title {
            Some(t) => format!("表 {name} {} {{", quoted(t)),
            None => format!("表 {name} {{"),
        };
        self.line(depth, &head);
        for l in lines_above {
            self.line(depth + 1, &quoted(l));
        }
        let cell = |c: &str| -> String {
            c.replace(['|', '｜'], "／")
                .replace(['\n', '\r'], " ")
                .replace(['}', '｝'], "）")
                .replace("//", "／／")
                .trim()
                .to_string()
        };
        let row_text = |r: &Vec<String>| -> String {
            let mut cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
            cells.resize(width, String::new());
            cells.join("｜")
        };
        let Some((header, body)) = rows.split_first() else {
            self.line(depth, "}");
            return;
        };
        if let Some(unit) = cells::implied_unit(rows) {
            self.line(
                depth + 1,
                &format!("单位：{unit} // 推断：表中没有写单位，各列标题都是“{unit}数”"),
            );
        }
        self.line(depth + 1, &format!("列：{}", row_text(header)));
        for (r, kw) in body.iter().zip(cells::row_keywords(body)) {
            self.line(depth + 1, &format!("{kw}：{}", row_text(r)));
        }
        for (rel, held, of) in relations::column_relations(header, body, width) {
            self.line(
                depth + 1,
                &format!("关系：{rel} // 推断：这一关系在 {of} 行数字中的 {held} 行成立"),
            );
        }
        self.line(depth, "}");
    }
}

fn group_title_text(title: &str) -> String {
    // The group keyword comes first in the language; the title is its name as written.
    let t: String = title.chars().filter(|c| !"{}｛｝\n".contains(*c)).collect();
    quoted(&t)
}

/// Whether a paragraph begins with a task field (`牵头单位：…`).
fn starts_with_field(text: &str) -> bool {
    FIELDS.iter().any(|(w, _)| {
        text.strip_prefix(w)
            .is_some_and(|r| r.starts_with(['：', ':']))
    })
}

/// A task's number and title from its paragraph: `1.实施统一的…制度。正文` → (1, 实施统一的…制度).
fn task_title(text: &str) -> (Option<String>, Option<String>) {
    let (no, rest) = match numbering(text) {
        Some((_, len)) => (
            Some(text[..len].trim_end_matches(['.', '、', '．']).to_string()),
            &text[len..],
        ),
        None => (None, text),
    };
    let title = rest
        .split(['。', '；', '（', '('])
        .next()
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.chars().count() <= 30)
        .map(str::to_string);
    (no.filter(|n| valid_task_no(n)), title)
}

fn valid_task_no(n: &str) -> bool {
    !n.is_empty() && !n.contains(|c: char| c.is_whitespace() || "{「\"｛".contains(c))
}

/// A heading's number and its words: `（1）余热取暖。` → (（1）, 余热取暖).
fn split_heading(title: &str) -> (Option<String>, Option<String>) {
    match numbering(title) {
        Some((_, len)) => {
            let no = title[..len].trim_end_matches(['.', '、', '．']).to_string();
            let rest = title[len..].trim().trim_end_matches('。').to_string();
            (
                Some(no).filter(|n| valid_task_no(n)),
                Some(rest).filter(|r| !r.is_empty()),
            )
        }
        None => (None, Some(title.trim_end_matches('。').to_string())),
    }
}

enum PhaseKind {
    Phase,
    Step,
}

/// `第一阶段:2020年3月31日前，…` or `第二步：2022年3月16日- 4月30日，…`: the kind, the label, the
/// time as written and the byte where the time ends.
fn phase_line(text: &str) -> Option<(PhaseKind, String, String, usize)> {
    let body = match numbering(text) {
        Some((_, len)) => text[len..].trim_start(),
        None => text,
    };
    let (label, after) = body.split_once(['：', ':'])?;
    let label = label.trim();
    let n = label.chars().count();
    if n == 0 || n > 10 || label.contains(['，', '。', '、', '；', '（', '(']) {
        return None;
    }
    let kind = if label.contains('步') {
        PhaseKind::Step
    } else {
        PhaseKind::Phase
    };
    let after = after.trim_start();
    let (start, end) = dates::first_date(after)?;
    if start != 0 {
        return None;
    }
    // A time alone before the first comma or full stop: not a sentence that happens to
    // begin with a date.
    let rest = after[end..].trim_start();
    if !(rest.is_empty() || rest.starts_with(['，', ',', '。', '；'])) {
        return None;
    }
    let label = clean(label, 12);
    if label.is_empty() {
        return None;
    }
    let when = after[..end].to_string();
    let end_in_text = text.len() - after.len() + end;
    Some((kind, label, when, end_in_text))
}

/// A heading naming a phase with its time: `（一）准备部署阶段（2022年3月1日-2022年4月31日）` →
/// (准备部署阶段, the time).
fn phase_heading(title: &str) -> Option<(String, String)> {
    let words = match numbering(title) {
        Some((_, len)) => &title[len..],
        None => title,
    };
    let open = words.find(['（', '('])?;
    let inner_start = open + words[open..].chars().next()?.len_utf8();
    let close = words[inner_start..].find(['）', ')'])? + inner_start;
    let inner = &words[inner_start..close];
    let (s, e) = dates::first_date(inner)?;
    if s != 0 || e == 0 {
        return None;
    }
    let label = clean(&words[..open], 16);
    if label.is_empty() {
        return None;
    }
    Some((label, inner.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_in_brackets_and_on_lines() {
        assert_eq!(
            fields_in("建立机制。（牵头单位：区发改委、区商务局；责任单位：区政府各部门）"),
            vec![
                ("牵头单位", "区发改委、区商务局".to_string()),
                ("责任单位", "区政府各部门".to_string())
            ]
        );
        assert_eq!(
            fields_in("完成时限：2020年6月底前"),
            vec![("完成时限", "2020年6月底前".to_string())]
        );
        assert!(fields_in("由区农业农村局牵头单位：无").is_empty());
    }

    #[test]
    fn phases_and_steps() {
        let (_, label, when, _) = phase_line("第一步：2022年3月2日- 3月15日，完成摸底。").unwrap();
        assert_eq!(
            (label.as_str(), when.as_str()),
            ("第一步", "2022年3月2日- 3月15日")
        );
        assert_eq!(
            phase_heading("（一）准备部署阶段（2022年3月1日-2022年4月31日）"),
            Some(("准备部署阶段".into(), "2022年3月1日-2022年4月31日".into()))
        );
    }
}
