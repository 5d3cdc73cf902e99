//! Control characters in a policy file: reported once, on input, and blanked out before
//! the text is parsed, so that no output (the Word draft and the SVG chart are XML, which
//! cannot carry most of them; a terminal acts on ESC and BEL) ever receives one.
//!
//! Text copied from Word brings them in: U+000B is Word's manual line break (Shift+Enter),
//! U+000C its page break; NUL and the C1 controls come from mis-decoded files. Each is
//! replaced by as many spaces as it has bytes, so every span of the file stays valid and the
//! diagnostics quote the file as it is (the human renderer shows the character visibly).

use crate::diagnostics::{Diagnostic, FileId, Severity, Span};

/// The code of the warning.
pub const CODE: &str = "E0010";

/// Characters reported one by one in a file; past this many, one last diagnostic says how
/// many more there are, so a file full of NULs does not drown every other finding.
pub const MAX_REPORTED: usize = 20;

/// Whether `c` is a control character a policy file must not carry: C0 except the tab and
/// the line break, DEL, and C1. (A carriage return never reaches here: line endings are
/// normalised on load.)
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// What the character is, in the drafter's words: 手动换行符（U+000B）.
pub fn name_zh(c: char) -> String {
    let what = match c {
        '\u{0}' => "空字符",
        '\u{7}' => "响铃符",
        '\u{8}' => "退格符",
        '\u{b}' => "手动换行符",
        '\u{c}' => "分页符",
        '\u{1b}' => "转义符",
        '\u{7f}' => "删除符",
        '\u{85}' => "下一行符",
        _ => "控制字符",
    };
    format!("{what}（U+{:04X}）", c as u32)
}

/// `text` with every control character blanked (one space per byte), and a warning for
/// each (the first [`MAX_REPORTED`] of them). Borrowed when there is none, the common case.
pub fn blank_controls(text: &str, file: FileId) -> (std::borrow::Cow<'_, str>, Vec<Diagnostic>) {
    if !text.chars().any(is_control) {
        return (std::borrow::Cow::Borrowed(text), Vec::new());
    }
    let mut clean = String::with_capacity(text.len());
    let mut diags = Vec::new();
    let mut found = 0usize;
    for (at, c) in text.char_indices() {
        if !is_control(c) {
            clean.push(c);
            continue;
        }
        found += 1;
        for _ in 0..c.len_utf8() {
            clean.push(' ');
        }
        if found <= MAX_REPORTED {
            diags.push(warning(c, Span::new(at, at + c.len_utf8()), file));
        }
    }
    if found > MAX_REPORTED {
        if let Some(last) = diags.last_mut() {
            last.notes.push(format!(
                "此后另有 {} 个控制字符，同样按空格处理，不再逐一列出",
                found - MAX_REPORTED
            ));
        }
    }
    (std::borrow::Cow::Owned(clean), diags)
}

fn warning(c: char, span: Span, file: FileId) -> Diagnostic {
    let name = name_zh(c);
    let help = if c == '\u{b}' {
        "这是从 Word 复制文字时常带入的手动换行符；需要分段时请另起一行，否则删去它"
    } else {
        "请删去这个字符；它在文稿、表格和图中都按空格处理"
    };
    Diagnostic::new(
        CODE,
        Severity::Warning,
        format!("文件中有不可见的{name}"),
        file,
    )
    .with_primary(span, format!("这里是{name}，已按空格处理"))
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_is_blanked_byte_for_byte() {
        let controls: Vec<char> = (0u32..0x20)
            .chain(0x7f..0xa0)
            .filter_map(char::from_u32)
            .filter(|&c| c != '\t' && c != '\n')
            .collect();
        assert_eq!(controls.len(), 30 + 33);
        for c in controls {
            let text = format!("「甲{c}乙」\n");
            let (clean, diags) = blank_controls(&text, FileId(0));
            assert_eq!(clean.len(), text.len(), "{c:?}");
            assert!(!clean.chars().any(is_control), "{c:?}");
            assert_eq!(diags.len(), 1, "{c:?}");
            let d = &diags[0];
            assert_eq!((d.code, d.severity), (CODE, Severity::Warning));
            let span = d.primary_span().unwrap();
            assert_eq!(&text[span.start..span.end], c.to_string(), "{c:?}");
            assert!(d.message.contains(&format!("U+{:04X}", c as u32)));
        }
    }

    #[test]
    fn tabs_line_breaks_and_ordinary_text_are_kept() {
        let text = "通知 {\n\t标题：「关于印发《方案》的通知」\u{3000}\n}\n";
        let (clean, diags) = blank_controls(text, FileId(0));
        assert!(matches!(clean, std::borrow::Cow::Borrowed(_)));
        assert!(diags.is_empty());
    }

    #[test]
    fn names_say_what_the_character_is() {
        assert_eq!(name_zh('\u{b}'), "手动换行符（U+000B）");
        assert_eq!(name_zh('\u{0}'), "空字符（U+0000）");
        assert_eq!(name_zh('\u{1b}'), "转义符（U+001B）");
        assert_eq!(name_zh('\u{9b}'), "控制字符（U+009B）");
    }

    #[test]
    fn a_file_full_of_them_gets_a_bounded_report() {
        for n in [MAX_REPORTED, MAX_REPORTED + 1, 10_000] {
            let text = "\u{0}".repeat(n);
            let (clean, diags) = blank_controls(&text, FileId(0));
            assert_eq!(clean, " ".repeat(n));
            assert_eq!(diags.len(), n.min(MAX_REPORTED));
            let more = diags
                .last()
                .unwrap()
                .notes
                .iter()
                .any(|n| n.contains("此后另有"));
            assert_eq!(more, n > MAX_REPORTED, "{n}");
        }
    }
}
