//! Filters templates use to write figures and dates the way notices write them.

use minijinja::Environment;

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("csv_cell", csv_cell);
    env.add_filter("md_cell", md_cell);
    env.add_filter("plain", plain);
    env.add_filter("md_text", md_text);
    env.add_filter("json", json);
    env.add_filter("mermaid", mermaid);
    env.add_filter("md_inline", md_inline);
    env.add_filter("md_line", md_line);
    env.add_filter("prose_html", prose_html);
    env.add_filter("title_lines", title_lines);
}

/// A title's lines for notice.docx: broken between words into a trapezoid or diamond when it
/// is longer than a line of the 2号 title (the 156 mm text block holds 20 characters of 22 pt;
/// 19 are used, so that full-width brackets and a substituted font still fit).
pub fn title_lines(text: String) -> Vec<String> {
    super::title::lines(&text, 38)
}

/// Pretty JSON (two-space indentation, fields in the order the view declares them) for
/// `.json` outputs. Unlike minijinja's `tojson` it does not escape HTML characters: the
/// output is a data file, not a script block in a page.
pub fn json(value: minijinja::Value) -> Result<String, minijinja::Error> {
    serde_json::to_string_pretty(&value)
        .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string()))
}

/// Text for a Mermaid label, title or section name: on one line, with the characters Mermaid
/// reads as syntax written as its entity codes `#35;` `#58;` `#59;` `#37;`, which Mermaid
/// turns back into the characters when it draws. `:` ends a task name; a `%` second on a line
/// (5%完成) makes Mermaid 11 drop the whole line as a comment; `#…;` reads as an entity code;
/// `#` and `;` end the data of several statements. A word that Mermaid's gantt lexer reads as
/// a statement when a line starts with it (`excludes weekends`, `dateFormat`, `click`, any
/// case) gets its second letter as an entity code, so the line is a task whatever the name:
/// the first letter stays, because a line starting with `#` is a comment.
pub fn mermaid(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut chars = word.char_indices().peekable();
        let mut in_ascii_word = false;
        while let Some((at, c)) = chars.next() {
            let word_start = !in_ascii_word;
            in_ascii_word = c.is_ascii_alphanumeric();
            if word_start && c.is_ascii_alphabetic() && starts_mermaid_keyword(&word[at..]) {
                out.push(c);
                if let Some((_, second)) = chars.next() {
                    out.push_str(&format!("#{};", u32::from(second)));
                }
                while let Some(&(_, c)) = chars.peek() {
                    if !c.is_ascii_alphanumeric() {
                        break;
                    }
                    out.push(c);
                    chars.next();
                }
                in_ascii_word = false;
                continue;
            }
            match c {
                '#' => out.push_str("#35;"),
                ':' => out.push_str("#58;"),
                ';' => out.push_str("#59;"),
                '%' => out.push_str("#37;"),
                c => out.push(c),
            }
        }
    }
    if out.is_empty() {
        out.push_str("（无名称）");
    }
    out
}

/// The statement words of Mermaid's gantt lexer (matched case-insensitively at the start of
/// a token).
const MERMAID_KEYWORDS: &[&str] = &[
    "gantt",
    "dateformat",
    "inclusiveenddates",
    "topaxis",
    "axisformat",
    "tickinterval",
    "includes",
    "excludes",
    "todaymarker",
    "weekday",
    "weekend",
    "title",
    "acctitle",
    "accdescr",
    "section",
    "click",
    "call",
    "href",
    "displaymode",
];

/// Whether `word` (from an ASCII letter on) begins with a Mermaid statement word.
fn starts_mermaid_keyword(word: &str) -> bool {
    let head: String = word
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    MERMAID_KEYWORDS.iter().any(|k| head.starts_with(k))
}

/// A CSV cell: quoted when needed, and defused when a spreadsheet would read it as a formula
/// (text starting with = + - @ gets a leading apostrophe).
pub fn csv_cell(text: String) -> String {
    let text = defuse_formula(&text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A Markdown table cell: pipes escaped, line breaks flattened.
pub fn md_cell(text: String) -> String {
    if text.contains(['|', '\n', '\r']) {
        text.replace('|', "\\|").replace(['\n', '\r'], " ")
    } else {
        text
    }
}

/// Markdown prose as plain text for Word: emphasis markers and hard-break backslashes removed.
pub fn plain(text: String) -> String {
    text.replace("**", "").replace("\\\n", "\n")
}

/// Text from a policy in a Markdown table cell or line: like [`md_cell`], and `<` `>` escaped
/// with a backslash so that a Markdown viewer shows them instead of reading them as HTML.
pub fn md_text(text: String) -> String {
    let text = md_cell(text);
    // Most cells have no angle bracket: no copy for them (14,000 cells in the task table of
    // 2,000 tasks).
    if text.contains(['<', '>']) {
        text.replace('<', "\\<").replace('>', "\\>")
    } else {
        text
    }
}

/// Text from a policy that is not prose (a title, a heading, a unit's name) for Markdown: on
/// one line, with every ASCII character that Markdown reads as inline syntax escaped, so that
/// it shows as written and never becomes a link, an image, emphasis or HTML.
pub fn md_inline(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Like [`md_inline`], for text that starts a line of its own (a group member's line): a
/// leading list or quote marker (`- ` `+ ` `1. ` `2) `, a marker followed by a blank or ending
/// the line) is escaped too, and so is a line of `=` or `-` that would underline the line above
/// as a heading. `1.综合组` is no list (no blank after the marker) and stays as written.
pub fn md_line(text: String) -> String {
    let text = md_inline(text);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let marker = if text.starts_with(['-', '+']) {
        Some(0)
    } else if digits > 0 && text[digits..].starts_with(['.', ')']) {
        Some(digits)
    } else {
        None
    };
    let ends_marker = |at: usize| {
        text[at + 1..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
    };
    let rule = !text.trim().is_empty() && text.trim().chars().all(|c| matches!(c, '=' | '-' | ' '));
    match marker {
        Some(at) if ends_marker(at) || rule => format!("{}\\{}", &text[..at], &text[at..]),
        _ if rule => format!("\\{text}"),
        _ => text,
    }
}

/// Prose (Markdown) as HTML for notice.html, safe to open: raw HTML shows as text; a link keeps
/// its target only if it is http(s), mailto or relative (otherwise only its text stays); an
/// image becomes a link to it under the same rule, so that opening the page loads nothing.
pub fn prose_html(markdown: String) -> minijinja::Value {
    use pulldown_cmark::{html, CowStr, Event, LinkType, Parser, Tag, TagEnd};
    // Whether each open link or image was kept, to drop its end with it.
    let mut kept: Vec<bool> = Vec::new();
    let events = Parser::new(&markdown).filter_map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Link {
            dest_url, title, ..
        })
        | Event::Start(Tag::Image {
            dest_url, title, ..
        }) => {
            let safe = safe_link(&dest_url);
            kept.push(safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                title,
                id: CowStr::Borrowed(""),
            }))
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => kept
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        e => Some(e),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    // The template puts each block on its own line.
    out.truncate(out.trim_end().len());
    minijinja::Value::from_safe_string(out)
}

/// A link target that cannot run script or data: http(s), mailto, or relative (no scheme).
/// Browsers drop ASCII blanks and control characters inside a scheme (`java\tscript:`), so
/// they are dropped here before the scheme is read.
pub fn safe_link(target: &str) -> bool {
    let squeezed: String = target
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = squeezed.find(':');
    let path_start = squeezed.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(c), Some(p)) if p < c => true,
        (Some(c), _) => matches!(&squeezed[..c], "http" | "https" | "mailto"),
    }
}

/// Text that a spreadsheet would run as a formula is prefixed with an apostrophe.
/// Plain negative numbers are left alone: they are data, not formulas.
pub fn defuse_formula(text: &str) -> String {
    let starts_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let is_number = text.parse::<f64>().is_ok();
    if starts_formula && !is_number {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_labels_escape_syntax_characters() {
        assert_eq!(
            mermaid("完成:验收;达到40%\n#1".into()),
            "完成#58;验收#59;达到40#37; #35;1"
        );
        assert_eq!(mermaid("  ".into()), "（无名称）");
        assert_eq!(
            mermaid("excludes weekends".into()),
            "e#120;cludes w#101;ekends"
        );
        assert_eq!(
            mermaid("DateFormat DD 完成Section".into()),
            "D#97;teFormat DD 完成S#101;ction"
        );
        assert_eq!(mermaid("清洁取暖 ab myclick".into()), "清洁取暖 ab myclick");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(csv_cell("=SUM(A1)".into()), "'=SUM(A1)");
        assert_eq!(csv_cell("@cmd".into()), "'@cmd");
        assert_eq!(csv_cell("-12.5".into()), "-12.5");
        assert_eq!(csv_cell("a,b".into()), "\"a,b\"");
        assert_eq!(md_text("<b>|".into()), "\\<b\\>\\|");
    }

    #[test]
    fn titles_and_names_are_text_in_markdown() {
        assert_eq!(
            md_inline("[点此](javascript:alert(1))".into()),
            "\\[点此\\](javascript:alert(1))"
        );
        assert_eq!(md_inline("<img src=x>".into()), "\\<img src=x\\>");
        assert_eq!(
            md_inline("**粗**_斜_`码`".into()),
            "\\*\\*粗\\*\\*\\_斜\\_\\`码\\`"
        );
        assert_eq!(md_inline("甲\n# 乙".into()), "甲 \\# 乙");
        assert_eq!(md_inline("&lt;".into()), "\\&lt;");
        assert_eq!(md_line("1. 列表".into()), "1\\. 列表");
        assert_eq!(md_line("- 项".into()), "\\- 项");
        assert_eq!(md_line("组长：李鹏".into()), "组长：李鹏");
        assert_eq!(md_line("1.综合组".into()), "1.综合组");
        assert_eq!(md_line("===".into()), "\\===");
        assert_eq!(md_line("---".into()), "\\---");
        assert_eq!(md_line("+".into()), "\\+");
    }

    #[test]
    fn prose_links_keep_only_safe_targets() {
        for hostile in [
            "[点](javascript:alert(1))",
            "[点](JaVaScRiPt:alert(1))",
            "[点](java\tscript:alert(1))",
            "[点](vbscript:msgbox)",
            "[点](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
            "[点][r]\n\n[r]: javascript:alert(1)",
        ] {
            let html = prose_html(hostile.into()).to_string();
            assert!(!html.contains("href"), "{hostile} → {html}");
            assert!(
                html.contains('点') || html.contains("alert"),
                "{hostile} → {html}"
            );
        }
        for fine in [
            "[网](https://www.gov.cn/)",
            "[信](mailto:a@b.cn)",
            "[表](tasks.html#t1)",
            "[表](./a:b)",
        ] {
            assert!(
                prose_html(fine.into()).to_string().contains("href"),
                "{fine}"
            );
        }
    }

    #[test]
    fn prose_never_loads_an_image_or_passes_html() {
        for hostile in [
            "![图](https://evil.example/track.png)",
            "![图](javascript:alert(1))",
            "<img src=https://evil.example/x.png>",
            "<script>alert(1)</script>",
            "<iframe src=x></iframe>",
            "前<b onmouseover=alert(1)>后",
        ] {
            let html = prose_html(hostile.into()).to_string();
            assert!(
                !html.contains("<img")
                    && !html.contains("<script")
                    && !html.contains("<iframe")
                    && !html.contains("<b "),
                "{hostile} → {html}"
            );
        }
        let link = prose_html("![图](https://evil.example/x.png)".into()).to_string();
        assert!(
            link.contains(r#"<a href="https://evil.example/x.png">图</a>"#),
            "{link}"
        );
    }
}
