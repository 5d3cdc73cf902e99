//! What the outputs promise, checked on every input the fuzzers make. Each check panics
//! with the output's name and what is wrong when a promise is broken.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Which oracles a run checks. The fuzzers check [`Oracles::ALL`]; CI (the regression
/// test) checks the ones whose renderer is fixed on the branch it runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Oracles {
    /// Every part of notice.docx and every gantt.svg is well-formed XML 1.0.
    pub xml: bool,
    /// notice.html has no link or source that runs script or fetches a remote file, and no
    /// event-handler attribute.
    pub html_links: bool,
    /// gantt.mmd holds the fixed header, sections and one task line per chart entry, in order.
    pub mermaid_tasks: bool,
    /// Human diagnostics (without colour) carry no control character but the line break.
    pub human_inert: bool,
}

impl Oracles {
    pub const ALL: Oracles = Oracles {
        xml: true,
        html_links: true,
        mermaid_tasks: true,
        human_inert: true,
    };
    pub const NONE: Oracles = Oracles {
        xml: false,
        html_links: false,
        mermaid_tasks: false,
        human_inert: false,
    };

    /// Every oracle but those named in `skip` (comma-separated field names), so that a
    /// fuzzing run can look past a bug it already knows (`FUZZ_SKIP_ORACLES=html_links`).
    pub fn all_but(skip: &str) -> Oracles {
        let off = |name: &str| skip.split(',').any(|s| s.trim() == name);
        Oracles {
            xml: !off("xml"),
            html_links: !off("html_links"),
            mermaid_tasks: !off("mermaid_tasks"),
            human_inert: !off("human_inert"),
        }
    }
}

/// The characters XML 1.0 allows in a document (production `Char`).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// The well-formedness constraints quick-xml does not check itself (characters, references,
/// one root, every element closed) are checked here.
pub fn xml_is_well_formed(name: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: not UTF-8 XML: {e}"));
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| !xml_char(c)) {
        panic!("{name}: character {c:?} at byte {at} is not allowed in XML");
    }
    let mut reader = Reader::from_str(text);
    let (mut depth, mut roots) = (0usize, 0usize);
    loop {
        let event = reader.read_event().unwrap_or_else(|e| {
            panic!(
                "{name}: malformed XML near byte {}: {e}",
                reader.error_position()
            )
        });
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                attributes_are_well_formed(name, &e);
                roots += usize::from(depth == 0);
                depth += 1;
            }
            Event::Empty(e) => {
                attributes_are_well_formed(name, &e);
                roots += usize::from(depth == 0);
            }
            Event::End(_) => depth -= 1,
            Event::GeneralRef(r) => {
                if r.is_char_ref() {
                    let c = r.resolve_char_ref().ok().flatten();
                    assert!(
                        c.is_some_and(xml_char),
                        "{name}: character reference &{}; is not an XML character",
                        &*r
                    );
                } else {
                    assert!(
                        ["lt", "gt", "amp", "apos", "quot"].contains(&&*r),
                        "{name}: undefined entity &{};",
                        &*r
                    );
                }
            }
            Event::Text(t) => {
                assert!(!t.contains('<'), "{name}: '<' in text");
            }
            _ => {}
        }
    }
    assert_eq!(depth, 0, "{name}: an element is not closed");
    assert_eq!(roots, 1, "{name}: {roots} root elements");
}

fn attributes_are_well_formed(name: &str, e: &BytesStart) {
    for a in e.attributes().with_checks(true) {
        let a = a.unwrap_or_else(|err| panic!("{name}: malformed attribute: {err}"));
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .unwrap_or_else(|err| panic!("{name}: malformed attribute value: {err}"));
        if let Some(c) = value.chars().find(|&c| !xml_char(c)) {
            panic!("{name}: attribute value holds {c:?}, not an XML character");
        }
    }
}

/// Every part of a .docx (a zip of XML parts) is well-formed.
pub fn docx_parts_are_well_formed(name: &str, bytes: &[u8]) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{name}: not a zip: {e}"));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        let part_name = format!("{name}/{}", part.name().unwrap_or_default());
        let mut data = Vec::new();
        part.read_to_end(&mut data)
            .unwrap_or_else(|e| panic!("{part_name}: unreadable: {e}"));
        if part_name.ends_with(".xml") || part_name.ends_with(".rels") {
            xml_is_well_formed(&part_name, &data);
        }
    }
}

/// Decodes the character references and the named ones browsers know in URLs
/// (`&colon;`, `&tab;`, `&newline;`), as a browser does before reading an attribute.
fn decode_attribute(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').unwrap_or(rest.len());
        let body = &rest[1..end];
        let decoded = if let Some(hex) = body.strip_prefix("#x").or(body.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(dec) = body.strip_prefix('#') {
            dec.parse::<u32>().ok().and_then(char::from_u32)
        } else {
            match body {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => None,
            }
        };
        match decoded {
            Some(c) if end < rest.len() => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme of a URL as a browser reads it (control characters and white space dropped,
/// lower case), if it has one.
fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    let colon = url.find(':')?;
    let before = &url[..colon];
    (!before.is_empty() && !before.contains(['/', '?', '#'])).then(|| before.to_string())
}

/// The tags of an HTML page with their attributes, read the way a browser tokenises them
/// (enough for the attributes a page written by policyc can have).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<') {
        let start = i + lt + 1;
        let name_end = html[start..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |n| start + n);
        let tag = html[start..name_end].to_lowercase();
        let mut attrs = Vec::new();
        let mut j = name_end;
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let key_end = html[j..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .map_or(html.len(), |n| j + n);
            let key = html[j..key_end].to_lowercase();
            j = key_end;
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[j + 1..]
                            .find(q as char)
                            .map_or(html.len(), |n| j + 1 + n);
                        value = html[j + 1..end].to_string();
                        j = (end + 1).min(html.len());
                    }
                    _ => {
                        let end = html[j..]
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .map_or(html.len(), |n| j + n);
                        value = html[j..end].to_string();
                        j = end;
                    }
                }
            }
            if key.is_empty() {
                j += 1;
            }
            attrs.push((key, decode_attribute(&value)));
        }
        if !tag.is_empty() && !tag.starts_with('!') {
            out.push((tag, attrs));
        }
        i = j.min(html.len());
        if i >= html.len() {
            break;
        }
    }
    out
}

/// No `<script>`, no event handler attribute, no link whose scheme runs code
/// (`javascript:`, `vbscript:`, `data:` …: only http, https and mailto, or a relative link),
/// and nothing the page fetches from elsewhere when opened (`src` of any kind but relative).
pub fn html_has_no_live_script_link(name: &str, html: &str) {
    for (tag, attrs) in tags(html) {
        assert!(
            !["script", "iframe", "object", "embed", "base", "form"].contains(&tag.as_str()),
            "{name}: <{tag}> element"
        );
        for (key, value) in attrs {
            assert!(
                !key.starts_with("on"),
                "{name}: <{tag} {key}=…> event handler"
            );
            match key.as_str() {
                "href" | "xlink:href" | "action" | "formaction" => {
                    let s = scheme(&value);
                    assert!(
                        s.as_deref()
                            .is_none_or(|s| ["http", "https", "mailto"].contains(&s)),
                        "{name}: <{tag} {key}=\"{value}\"> is a live script link"
                    );
                }
                "src" | "srcset" | "poster" | "background" | "data" => {
                    let remote = scheme(&value).is_some() || value.trim_start().starts_with("//");
                    assert!(
                        !remote,
                        "{name}: <{tag} {key}=\"{value}\"> fetches a file when the page is opened"
                    );
                }
                "style" => assert!(
                    !value.to_lowercase().contains("url("),
                    "{name}: <{tag} style=\"{value}\"> fetches a file"
                ),
                _ => {}
            }
        }
    }
}

/// Words Mermaid's gantt lexer reads as a statement when a line starts with them
/// (case-insensitive), whatever follows.
const MERMAID_KEYWORDS: &[&str] = &[
    "title",
    "section",
    "dateformat",
    "axisformat",
    "tickinterval",
    "todaymarker",
    "excludes",
    "includes",
    "inclusiveenddates",
    "topaxis",
    "weekday",
    "weekend",
    "click",
    "acctitle",
    "accdescr",
    "displaymode",
    "gantt",
];

/// The keyword a Mermaid line starts with, if any.
fn keyword(line: &str) -> Option<&'static str> {
    let lower = line.to_lowercase();
    MERMAID_KEYWORDS.iter().copied().find(|k| {
        lower.starts_with(k)
            && lower[k.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == ':' || c == '{')
    })
}

/// A label Mermaid shows as written: no `:` (it ends a task's text), no `#` or `;` except
/// in entity codes (`#58;`), no `%%` (a comment), not starting with `#` (a comment).
fn plain_label(text: &str) -> bool {
    if text.contains("%%") || text.trim_start().starts_with('#') || text.contains(':') {
        return false;
    }
    let mut rest = text;
    while let Some(at) = rest.find(['#', ';']) {
        let after = &rest[at..];
        if !after.starts_with('#') {
            return false;
        }
        let Some(end) = after.find(';') else {
            return false;
        };
        let body = &after[1..end];
        if body.is_empty() || !body.chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        rest = &after[end + 1..];
    }
    true
}

fn iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// gantt.mmd, read line by line as Mermaid's gantt grammar does: `gantt`, the fixed header
/// (title, dateFormat YYYY-MM-DD, axisFormat, tickInterval, todayMarker off, each once),
/// `section` lines, `%%` comments, and task lines `label :[crit, ][milestone, ]id, start,
/// end`, whose ids are exactly `ids`, in order. A name that Mermaid would read as a keyword,
/// a second header, a click handler or part of a task's data breaks this.
pub fn mermaid_tasks_are(name: &str, mmd: &str, ids: &[&str]) {
    let mut lines = mmd.lines().map(str::trim).filter(|l| !l.is_empty());
    assert_eq!(
        lines.next(),
        Some("gantt"),
        "{name}: does not start with gantt"
    );
    let mut header: Vec<&str> = Vec::new();
    let mut tasks: Vec<String> = Vec::new();
    for line in lines {
        if line.starts_with("%%") {
            continue;
        }
        if let Some(k) = keyword(line) {
            let rest = line[k.len()..].trim();
            match k {
                "section" | "title" => assert!(
                    plain_label(rest),
                    "{name}: {k} line {line:?} carries Mermaid syntax"
                ),
                "dateformat" => assert_eq!(rest, "YYYY-MM-DD", "{name}: {line:?}"),
                "todaymarker" => assert_eq!(rest, "off", "{name}: {line:?}"),
                "axisformat" | "tickinterval" => {}
                other => panic!("{name}: line {line:?} is a Mermaid `{other}` statement"),
            }
            if k != "section" {
                assert!(
                    tasks.is_empty() && !header.contains(&k),
                    "{name}: a second or late `{k}` line: {line:?}"
                );
                header.push(k);
            }
            continue;
        }
        let (label, data) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{name}: line {line:?} is neither a statement nor a task"));
        assert!(
            plain_label(label),
            "{name}: task label {label:?} carries Mermaid syntax"
        );
        assert!(
            !data.contains(['#', ';', ':']),
            "{name}: task data {data:?} is cut short by Mermaid"
        );
        let mut items: Vec<&str> = data.split(',').map(str::trim).collect();
        while matches!(items.first(), Some(&"crit") | Some(&"milestone")) {
            items.remove(0);
        }
        let [id, start, end] = items[..] else {
            panic!("{name}: task data {data:?} is not `id, start, end`");
        };
        assert!(
            iso_date(start) && (iso_date(end) || end == "1d"),
            "{name}: task dates {data:?}"
        );
        tasks.push(id.to_string());
    }
    assert_eq!(tasks, ids, "{name}: task lines are not the chart's tasks");
}

/// Human diagnostics, rendered without colour, show every character of the policy as text:
/// only line breaks are control characters.
pub fn human_output_is_inert(human: &str) {
    if let Some(c) = human.chars().find(|&c| {
        c != '\n'
            && (c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    }) {
        panic!("control character {c:?} on the terminal:\n{human}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracles_catch_what_they_promise_to() {
        let fails =
            |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
        assert!(!fails(&|| xml_is_well_formed(
            "a",
            b"<a x=\"1\">&amp;&#20013;</a>"
        )));
        assert!(fails(&|| xml_is_well_formed("a", b"<a>\x0b</a>")));
        assert!(fails(&|| xml_is_well_formed("a", b"<a>&#11;</a>")));
        assert!(fails(&|| xml_is_well_formed("a", b"<a><b></a>")));
        assert!(fails(&|| xml_is_well_formed("a", b"<a>&nbsp;</a>")));
        assert!(!fails(&|| html_has_no_live_script_link(
            "h",
            "<a href=\"https://x.cn\">x</a><a href=\"tasks.html\">t</a>"
        )));
        assert!(fails(&|| html_has_no_live_script_link(
            "h",
            "<a href=\"javascript:alert(1)\">x</a>"
        )));
        assert!(fails(&|| html_has_no_live_script_link(
            "h",
            "<a href=\"java&#115;cript&colon;x\">x</a>"
        )));
        assert!(fails(&|| html_has_no_live_script_link(
            "h",
            "<a href=' data:text/html,x'>x</a>"
        )));
        assert!(fails(&|| html_has_no_live_script_link(
            "h",
            "<img src=\"http://x.cn/a.png\">"
        )));
        assert!(fails(&|| html_has_no_live_script_link(
            "h",
            "<p onclick=x>"
        )));
        let mmd = "gantt\n    title 方案\n    dateFormat YYYY-MM-DD\n    axisFormat %Y年%-m月\n    tickInterval 1month\n    todayMarker off\n\n    section 一#58;二\n    %% 注\n    任务甲 :crit, task1, 2024-01-01, 2024-02-01\n    节点 :milestone, m1, 2024-03-01, 1d\n";
        assert!(!fails(&|| mermaid_tasks_are("m", mmd, &["task1", "m1"])));
        assert!(fails(&|| mermaid_tasks_are("m", mmd, &["task1"])));
        for bad in [
            "excludes weekends",
            "dateFormat DD",
            "click task1 call alert()",
            "inclusiveEndDates",
            "a :b",
            "#1",
        ] {
            let broken = mmd.replace("任务甲", bad);
            assert!(
                fails(&|| mermaid_tasks_are("m", &broken, &["task1", "m1"])),
                "{bad}"
            );
        }
        assert!(fails(&|| human_output_is_inert("a\u{1b}[31m")));
        assert!(!fails(&|| human_output_is_inert("error: ␛\n")));
    }
}
