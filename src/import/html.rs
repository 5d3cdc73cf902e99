//! HTML (a notice as a government site publishes it) → blocks: paragraphs, `<br>`, tables
//! with `colspan`/`rowspan`, character entities. Site chrome is not the notice: `<head>`,
//! scripts and styles, `<nav>`, `<header>`, `<footer>`, `<aside>`, forms and frames are
//! dropped with everything inside them.
//!
//! Text laid out with tabs keeps them, so that a table copied as text reads as in a .txt:
//! inside `<pre>` (LibreOffice's HTML of a text document) lines and tabs are as written, and
//! LibreOffice's XHTML (its odf2xhtml filter) writes each tab as a `<span>` opening with a
//! no-break space, read back as the tab.

use super::{nested_table_text, Block};

/// Elements whose content is never the notice.
const CHROME: &[&str] = &[
    "head", "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
    "select", "button", "template", "svg",
];
/// Elements that end a line.
const BREAKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "blockquote",
    "pre",
    "center",
    "dt",
    "dd",
    "ul",
    "ol",
    "hr",
    "main",
    "body",
];

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    cell: Option<String>,
    /// Cells still covered by a rowspan from above: (column, rows left).
    carried: Vec<(usize, usize)>,
}

pub fn blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut skip: Vec<String> = Vec::new();
    // Open <pre> elements: inside one, a line break ends a line and a tab stays a tab.
    let mut pre = 0usize;
    // LibreOffice's XHTML says so in its head (a DCTERMS.source naming the filter).
    let head = html.find("<body").map_or(html, |b| &html[..b]);
    let odf_tabs = head.contains("odf2xhtml");
    // Whether the last tag opened a paragraph (so that a closing one ends an empty paragraph).
    let mut last_opened_p = false;
    let mut rest = html;
    // A paragraph keeps a leading tab: text pasted from a table comes one cell a paragraph,
    // each starting with a tab, and is read as a table like the same text in a .txt.
    let flush = |line: &mut String, out: &mut Vec<Block>| {
        let t = line.trim_start_matches(' ').trim_end();
        if !t.trim().is_empty() {
            out.push(Block::Line(t.to_string()));
        }
        line.clear();
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(rest, &skip, &mut tables, &mut line, pre > 0, &mut out);
            break;
        };
        push_text(
            &rest[..lt],
            &skip,
            &mut tables,
            &mut line,
            pre > 0,
            &mut out,
        );
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map_or("", |e| &r[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let self_closing = tag.ends_with('/');
        if CHROME.contains(&name.as_str()) {
            if closing {
                if let Some(p) = skip.iter().rposition(|s| *s == name) {
                    skip.truncate(p);
                }
            } else if !self_closing {
                skip.push(name);
            }
            continue;
        }
        if !skip.is_empty() {
            continue;
        }
        let p_open = std::mem::replace(&mut last_opened_p, name == "p" && !closing);
        match (name.as_str(), closing) {
            ("span", false) if odf_tabs && tables.is_empty() => {
                if let Some(space) = ["\u{a0}", "&#160;", "&nbsp;"]
                    .into_iter()
                    .find(|s| rest.starts_with(s))
                {
                    line.push('\t');
                    rest = &rest[space.len()..];
                }
            }
            ("pre", _) if tables.is_empty() => {
                flush(&mut line, &mut out);
                pre = if closing {
                    pre.saturating_sub(1)
                } else {
                    pre + 1
                };
            }
            ("table", false) => {
                flush(&mut line, &mut out);
                tables.push(Table::default());
            }
            ("table", true) => {
                if let Some(mut t) = tables.pop() {
                    end_cell(&mut t);
                    t.rows.retain(|r| !r.is_empty());
                    match tables.last_mut() {
                        Some(outer) => {
                            if let Some(c) = outer.cell.as_mut() {
                                c.push_str(&nested_table_text(t.rows));
                            }
                        }
                        None => out.push(Block::Table(t.rows)),
                    }
                }
            }
            ("tr", false) => {
                if let Some(t) = tables.last_mut() {
                    end_cell(t);
                    t.rows.push(Vec::new());
                    fill_carried(t);
                }
            }
            ("td" | "th", false) => {
                if let Some(t) = tables.last_mut() {
                    end_cell(t);
                    if t.rows.is_empty() {
                        t.rows.push(Vec::new());
                    }
                    fill_carried(t);
                    let colspan = attr(body, "colspan").unwrap_or(1).clamp(1, 200);
                    let rowspan = attr(body, "rowspan").unwrap_or(1).clamp(1, 10_000);
                    let col = t.rows.last().map_or(0, Vec::len);
                    if rowspan > 1 {
                        for k in 0..colspan {
                            t.carried.push((col + k, rowspan - 1));
                        }
                    }
                    t.cell = Some(String::new());
                    // The covered columns of a colspan follow as empty cells when the cell ends.
                    for _ in 1..colspan {
                        t.carried.push((col + 1, 0));
                    }
                    t.carried.retain(|c| c.1 > 0);
                    if colspan > 1 {
                        t.rows.last_mut().expect("a row").reserve(colspan);
                        // Remember the span on the cell itself.
                        t.cell = Some(String::new());
                        t.rows
                            .last_mut()
                            .expect("a row")
                            .push(String::from("\u{0}span"));
                        for _ in 2..colspan {
                            t.rows.last_mut().expect("a row").push(String::new());
                        }
                    }
                }
            }
            ("td" | "th", true) | ("tr", true) => {
                if let Some(t) = tables.last_mut() {
                    end_cell(t);
                }
            }
            (n, _) if BREAKS.contains(&n) => {
                match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    Some(c) => c.push(' '),
                    None => {
                        // An empty paragraph (<p> </p>) is a blank line: it parts the rows of
                        // a table written one cell a paragraph, as a blank line does in a .txt.
                        if n == "p" && closing && p_open && line.trim().is_empty() {
                            out.push(Block::Line(String::new()));
                        }
                        flush(&mut line, &mut out)
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut line, &mut out);
    out
}

/// Ends the open cell: its text goes in its place (before the cells its colspan covers).
fn end_cell(t: &mut Table) {
    let Some(text) = t.cell.take() else { return };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(row) = t.rows.last_mut() else { return };
    match row.iter().position(|c| c == "\u{0}span") {
        Some(p) => {
            row[p] = String::new();
            row.insert(p, text);
        }
        None => row.push(text),
    }
}

/// Empty cells where a rowspan from a row above covers the next column.
fn fill_carried(t: &mut Table) {
    loop {
        let col = t.rows.last().map_or(0, Vec::len);
        let Some(k) = t.carried.iter().position(|c| c.0 == col && c.1 > 0) else {
            return;
        };
        t.carried[k].1 -= 1;
        t.rows.last_mut().expect("a row").push(String::new());
    }
}

fn attr(tag: &str, name: &str) -> Option<usize> {
    let lower = tag.to_ascii_lowercase();
    let p = lower.find(&format!("{name}="))?;
    let v = &tag[p + name.len() + 1..];
    let v = v.trim_start_matches(['"', '\'']);
    v.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// Adds text to the open cell or line; inside `<pre>` each line break ends a line, and an
/// empty one is a blank line as in a .txt.
fn push_text(
    raw: &str,
    skip: &[String],
    tables: &mut [Table],
    line: &mut String,
    pre: bool,
    out: &mut Vec<Block>,
) {
    if !skip.is_empty() || raw.is_empty() {
        return;
    }
    // A no-break space is a space to the reader (LibreOffice keeps a run of blanks as
    // blank and no-break space by turns), as &nbsp; is.
    let raw = raw.replace('\u{a0}', " ");
    if pre && tables.is_empty() {
        let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
        let mut pieces = raw.split('\n');
        line.push_str(&entities(pieces.next().unwrap_or_default()));
        for piece in pieces {
            out.push(Block::Line(line.trim_end().to_string()));
            line.clear();
            line.push_str(&entities(piece));
        }
        return;
    }
    let text = entities(&raw.replace(['\n', '\r'], " "));
    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
        Some(c) => c.push_str(&text),
        None => {
            if tables.is_empty() {
                line.push_str(&text);
            }
        }
    }
}

/// Decodes character references: named ones a notice uses, and numeric ones.
pub fn entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 10);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let ch = match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "hellip" => Some('…'),
            "middot" => Some('·'),
            "times" => Some('×'),
            "divide" => Some('÷'),
            "deg" => Some('°'),
            _ => name.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_is_dropped_and_paragraphs_kept() {
        let b = blocks("<html><head><title>x</title><script>var a='<p>';</script></head><body><nav>首页 &gt; 通知</nav><p>一、目标</p><p>改造&nbsp;460户<br>其中&#x7532;</p><footer>版权所有</footer></body></html>");
        assert_eq!(
            b,
            vec![
                Block::Line("一、目标".into()),
                Block::Line("改造 460户".into()),
                Block::Line("其中甲".into())
            ]
        );
    }

    #[test]
    fn pre_keeps_lines_and_tabs() {
        let b =
            blocks("<body><pre> 标题\n\n\t旗县市\n\t<font>合计</font>\n</pre><p>后文</p></body>");
        assert_eq!(
            b,
            vec![
                Block::Line(" 标题".into()),
                Block::Line("".into()),
                Block::Line("\t旗县市".into()),
                Block::Line("\t合计".into()),
                Block::Line("后文".into()),
            ]
        );
    }

    #[test]
    fn odf2xhtml_tabs_are_spans_opening_with_a_no_break_space() {
        let html = "<head><meta name=\"DCTERMS.source\" content=\"http://xml.openoffice.org/odf2xhtml\"/></head><body><p>序号<span>\u{a0}项目</span></p><p>第\u{a0} \u{a0}季度</p></body>";
        assert_eq!(
            blocks(html),
            vec![
                Block::Line("序号\t项目".into()),
                Block::Line("第   季度".into())
            ]
        );
        // Elsewhere a span with a no-break space is a space.
        assert_eq!(
            blocks("<body><p>序号<span>\u{a0}项目</span></p></body>"),
            vec![Block::Line("序号 项目".into())]
        );
    }

    #[test]
    fn tables_with_spans() {
        let b = blocks("<table><tr><td colspan=2>合并</td></tr><tr><td rowspan=2>上</td><td>1</td></tr><tr><td>2</td></tr></table>");
        assert_eq!(
            b,
            vec![Block::Table(vec![
                vec!["合并".into(), "".into()],
                vec!["上".into(), "1".into()],
                vec!["".into(), "2".into()],
            ])]
        );
    }
}
