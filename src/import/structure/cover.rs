//! The cover notice and its 版记: 发文机关标志, 标题 and 发文字号 in either order of a 版头,
//! 主送, the text, 署名 and 成文日期, then 抄送 and 印发 at the end (as lines or ruled off in
//! a table).

use super::{chars, has_sentence_punct, Doc, Entry, Notice};

/// 〔2022〕22号 as a document number line (號 where the notice is printed in traditional
/// characters).
fn is_doc_number(s: &str) -> bool {
    chars(s) <= 30 && s.contains(['〔', '[', '﹝', '［']) && s.ends_with(['号', '號'])
}

/// A line that holds only a date as a signature date is printed: 2022年3月31日, or digits
/// run together (2022511) — a garbled date kept as written.
pub fn is_date_line(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.as_str();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let starts_digit = t.starts_with(|c: char| c.is_ascii_digit());
    if !starts_digit || chars(t) > 14 {
        return false;
    }
    (t.contains('年') && t.contains('月') && digits >= 5)
        || (digits == chars(t) && (6..=8).contains(&digits))
}

/// The cover notice: a title ending in 通知 (over up to four lines), a document number,
/// 主送 (a line ending in a colon), the text, then a signature over a date.
pub(super) fn read_notice(lines: &[Entry], at: &mut usize) -> Option<Notice> {
    let mut n = Notice::default();
    let mut i = 0;
    // The 版头 of GB/T 9704 prints the document number above the title (as policyc's own
    // notice.docx and an office's template do); a text copy usually puts it below.
    // Above both may stand the 发文机关标志: the issuer's name and 文件.
    let mut first = 0;
    if let Some(l) = lines.first().and_then(Entry::line) {
        let name = l.trim().strip_suffix("文件").unwrap_or_default();
        if !name.is_empty() && chars(name) <= 30 && !has_sentence_punct(name) {
            n.issuer = Some(name.to_string());
            first = 1;
        }
    }
    if let Some(l) = lines.get(first).and_then(Entry::line) {
        if is_doc_number(l) {
            n.number = Some(l.to_string());
            first += 1;
        }
    }
    // The title, possibly over several lines.
    let mut title = String::new();
    for (k, entry) in lines.iter().enumerate().skip(first).take(4) {
        let Some(l) = entry.line() else { break };
        if has_sentence_punct(l) && !l.ends_with("通知") {
            break;
        }
        title.push_str(l);
        if l.ends_with("通知") || l.ends_with("通报") || l.ends_with("意见") {
            i = k + 1;
            break;
        }
    }
    if i > 0 {
        n.title = title;
    }
    if let Some(l) = lines.get(i).and_then(Entry::line) {
        if n.number.is_none() && is_doc_number(l) {
            n.number = Some(l.to_string());
            i += 1;
        }
    }
    // 主送: a line ending with a colon, before any sentence.
    let mut has_recipients = false;
    if let Some(l) = lines.get(i).and_then(Entry::line) {
        if (l.ends_with('：') || l.ends_with(':')) && !l.contains('。') && chars(l) < 120 {
            n.recipients = Some(l.trim_end_matches(['：', ':']).to_string());
            has_recipients = true;
            i += 1;
        } else if i == 0 && !l.contains('。') && l.contains(['、', ',', '，']) && chars(l) < 120
        {
            // A 主送 whose colon was lost (the first line of a notice with no title).
            let next = lines.get(i + 1).and_then(Entry::line).unwrap_or("");
            if next.contains("印发") || next.contains("现将") {
                n.recipients = Some(l.to_string());
                n.recipients_without_colon = true;
                has_recipients = true;
                i += 1;
            }
        }
    }
    if i == 0 && !has_recipients {
        return None;
    }
    // The text, up to a signature followed by a date (or a date alone).
    let start = i;
    let mut sig_at = None;
    for (k, entry) in lines.iter().enumerate().skip(start).take(40) {
        let Some(l) = entry.line() else { break };
        if is_date_line(l) {
            sig_at = Some(k);
            break;
        }
    }
    let Some(date_at) = sig_at else {
        // A title but no signature: the notice is its title; the text belongs to the plan.
        *at = i;
        return (!n.title.is_empty()).then_some(n);
    };
    let mut body_end = date_at;
    if date_at > start {
        if let Some(l) = lines[date_at - 1].line() {
            if !has_sentence_punct(l) && chars(l) <= 40 {
                n.signature = Some(l.to_string());
                body_end = date_at - 1;
            }
        }
    }
    n.body = lines[start..body_end]
        .iter()
        .filter_map(|e| e.line().map(str::to_string))
        .collect();
    n.date = lines[date_at].line().map(str::to_string);
    i = date_at + 1;
    if let Some(l) = lines.get(i).and_then(Entry::line) {
        let t = l.trim();
        if (t.starts_with('（') || t.starts_with('('))
            && (t.contains("公开") || t.contains("公開"))
            && chars(t) <= 16
        {
            n.remark = Some(t.to_string());
            i += 1;
        }
    }
    *at = i;
    Some(n)
}

/// 版记 at the end: 抄送：… and 某某办公室 2020年5月7日印发.
pub(super) fn read_footer(lines: &mut Vec<Entry>, doc: &mut Doc) -> Option<()> {
    let notice = doc.notice.as_mut()?;
    // GB/T 9704 rules the 版记 off in a table (抄送 over 印发机关 and 印发日期, one row each,
    // the organ and the date in cells of their own): its rows read as the lines they print.
    if let Some(rows) = lines.last().and_then(Entry::table) {
        let texts: Vec<String> = rows
            .iter()
            .map(|r| {
                let cells: Vec<&str> = r
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                cells.join(" ")
            })
            .filter(|t| !t.is_empty())
            .collect();
        let is_footer_row =
            |t: &String| t.starts_with("抄送") || (t.ends_with("印发") && chars(t) <= 40);
        if !texts.is_empty() && rows.len() <= 3 && texts.iter().all(is_footer_row) {
            lines.pop();
            lines.extend(texts.into_iter().map(Entry::Line));
        }
    }
    while let Some(l) = lines.last().and_then(Entry::line).map(str::to_string) {
        if let Some(cc) = l.strip_prefix("抄送：").or_else(|| l.strip_prefix("抄送:")) {
            notice.cc = Some(cc.trim_end_matches('。').to_string());
        } else if l.ends_with("印发") && chars(&l) <= 40 {
            let body = l.trim_end_matches("印发").trim();
            let split = body.rfind(|c: char| c.is_whitespace());
            match split {
                Some(s) => {
                    notice.printed =
                        Some((body[..s].trim().to_string(), body[s..].trim().to_string()))
                }
                None => break,
            }
        } else {
            break;
        }
        lines.pop();
    }
    Some(())
}
