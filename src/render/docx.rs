//! notice.docx: WordprocessingML parts rendered from templates (templates/docx/), zipped with
//! fixed timestamps so that two builds are byte-identical.

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::notice::NoticeView;
use super::Templates;

/// The parts of the package: (part name, template). Order is fixed: it is part of the bytes.
const PARTS: &[(&str, &str)] = &[
    ("[Content_Types].xml", "docx/content_types.xml.j2"),
    ("_rels/.rels", "docx/rels.xml.j2"),
    ("docProps/core.xml", "docx/core.xml.j2"),
    ("word/document.xml", "docx/document.xml.j2"),
    ("word/_rels/document.xml.rels", "docx/document.xml.rels.j2"),
    ("word/styles.xml", "docx/styles.xml.j2"),
    ("word/settings.xml", "docx/settings.xml.j2"),
    ("word/fontTable.xml", "docx/font_table.xml.j2"),
    ("word/header1.xml", "docx/header.xml.j2"),
    ("word/footer1.xml", "docx/footer.xml.j2"),
    ("word/footer2.xml", "docx/footer.xml.j2"),
];

/// Builds notice.docx. `date` is ISO (YYYY-MM-DD).
/// `notice` is `view` as a template value, converted once by the caller.
pub fn write_docx(
    view: &NoticeView,
    notice: &minijinja::Value,
    templates: &Templates,
    date: &str,
) -> anyhow::Result<Vec<u8>> {
    let title = view
        .cover
        .as_ref()
        .map(|c| c.title.clone())
        .or_else(|| view.plans.first().map(|p| p.title.clone()))
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (part, template) in PARTS {
        // The notice's fields, then the package's title and date and which footer this is
        // ("odd" or "even", for the two page-number footers).
        let side = if *part == "word/footer2.xml" {
            "even"
        } else {
            "odd"
        };
        let ctx = minijinja::context! { title => title.clone(), date, side, ..notice.clone() };
        let xml = templates.render(template, &ctx)?;
        let xml = xml_chars(&xml);
        zip.start_file(*part, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The text with every character XML 1.0 forbids mapped or removed, so that the part is
/// well-formed whatever a policy holds: a vertical tab or form feed (Word's manual line and
/// page breaks, common in copied text) becomes a space, other C0 controls and the
/// noncharacters U+FFFE/U+FFFF are dropped. Tab, line feed and carriage return are allowed.
pub fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !text.contains(forbidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| match c {
            '\u{0B}' | '\u{0C}' => Some(' '),
            c if forbidden(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}
