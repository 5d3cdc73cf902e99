//! 附件说明 and the heads of attachment bodies: the list after 附件：(1.××, 2.××, a title
//! wrapped onto a second line) and the line that opens an attachment (附件1, 附件 2：标题).

use super::{chars, has_sentence_punct, numbering, Entry};

/// Attachment titles listed after 附件：, one a line (1.××, 2.××).
pub(super) fn attachment_list(lines: &[Entry], i: usize) -> Option<(Vec<(String, String)>, usize)> {
    let l = lines[i].line()?;
    let rest = l
        .strip_prefix("附件：")
        .or_else(|| l.strip_prefix("附件:"))?
        .trim();
    if rest.is_empty() {
        return None;
    }
    let mut out = vec![listed_item(rest, 1).unwrap_or_else(|| (String::new(), rest.to_string()))];
    let mut k = i + 1;
    // Later lines may be indented under the first title (GB/T 9704 aligns them with 　).
    while let Some(l) = lines.get(k).and_then(Entry::line).map(str::trim) {
        let next = out.len() + 1;
        match listed_item(l, next) {
            Some(item) if chars(l) <= 60 && !l.contains('。') => {
                out.push(item);
                k += 1;
            }
            // A title wrapped onto a line of its own (……查处情 / 况汇总表) just before the first
            // attachment's body: the rest of the last title.
            None if chars(l) <= 12
                && !has_sentence_punct(l)
                && attachment_head(l).is_none()
                && lines
                    .get(k + 1)
                    .and_then(Entry::line)
                    .is_some_and(|n| attachment_head(n.trim()).is_some()) =>
            {
                if let Some(last) = out.last_mut() {
                    last.1.push_str(l);
                }
                k += 1;
                break;
            }
            _ => break,
        }
    }
    Some((out, k))
}

/// One numbered line of a 附件说明: 1.××, or `next.` followed by a title that itself starts
/// with digits (2.2021年……计划), which only the list's own count tells from a decimal.
fn listed_item(s: &str, next: usize) -> Option<(String, String)> {
    let split = |len: usize| {
        (
            s[..len].trim_end_matches(['.', '、', '．']).to_string(),
            s[len..].trim().to_string(),
        )
    };
    if let Some((3, len)) = numbering(s) {
        return Some(split(len));
    }
    let no = next.to_string();
    let after = s.strip_prefix(no.as_str())?;
    after
        .starts_with(['.', '、', '．'])
        .then(|| split(no.len() + after.chars().next().map_or(0, char::len_utf8)))
}

/// `附件1`, `附件 2`, `附件3：标题`: the start of an attachment's body.
pub(super) fn attachment_head(s: &str) -> Option<(String, String)> {
    let rest = s.strip_prefix("附件")?.trim_start();
    let no: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if no.is_empty() {
        return None;
    }
    let title = rest[no.len()..]
        .trim_start_matches(['：', ':', ' ', '　'])
        .trim();
    if chars(title) > 60 {
        return None;
    }
    Some((no, title.to_string()))
}
