//! Small text helpers shared by the renderers.

use unicode_width::UnicodeWidthStr;

use crate::model::Policy;

/// Replaces `{路径}` in prose with the figure as the notice writes it (2.85万户); an unknown
/// path is left as written (the model has already reported it).
pub fn fill_figures(policy: &Policy, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let path = after[..close].trim().replace(['「', '」'], "");
        match policy.figure(&path) {
            Some(f) => out.push_str(&f.quantity.written),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Columns a text takes in a fixed-width font: a Chinese character counts two.
/// For text over several lines, the widest line.
pub fn display_width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A relative link to `path` (segments separated by `/`), every byte outside the unreserved
/// ASCII set percent-encoded, so that a file name cannot become a scheme (`javascript:`), a
/// query or a fragment, and starting with `./`.
pub fn href(path: &str) -> String {
    let mut out = String::from("./");
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        for b in seg.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_two_columns_wide() {
        assert_eq!(display_width("牵头单位"), 8);
        assert_eq!(display_width("ab\n住建局"), 6);
    }

    #[test]
    fn links_cannot_become_schemes() {
        assert_eq!(
            href("javascript:alert(1)/a.html"),
            "./javascript%3Aalert%281%29/a.html"
        );
        assert_eq!(href("000_甲/tasks.html"), "./000_%E7%94%B2/tasks.html");
    }
}
