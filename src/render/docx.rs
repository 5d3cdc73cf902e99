//! notice.docx: WordprocessingML parts rendered from templates (templates/docx/), zipped with
//! fixed timestamps so that two builds are byte-identical.

use std::io::Write;

use serde::Serialize;

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
    ("word/footer3.xml", "docx/footer.xml.j2"),
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
    let signing = Signing {
        cover: view
            .cover
            .as_ref()
            .map(|c| SignatureIndents::of(c.signature.as_deref(), c.date.as_deref())),
        plans: view
            .plans
            .iter()
            .map(|p| SignatureIndents::of(p.issuer.as_deref(), p.date.as_deref()))
            .collect(),
    };
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (part, template) in PARTS {
        // The notice's fields, then the package's title and date and which footer this is
        // ("odd" or "even", for the two page-number footers; "none" for the 版记's page).
        let side = match *part {
            "word/footer2.xml" => "even",
            "word/footer3.xml" => "none",
            _ => "odd",
        };
        let ctx = minijinja::context! {
            title => title.clone(), date, side, signing => &signing, ..notice.clone()
        };
        zip.start_file(*part, options)?;
        // Rendered into the archive as it goes: held whole, document.xml of a plan with
        // large tables was most of a build's memory.
        let mut xml = XmlCharsWriter::new(&mut zip);
        templates.render_to(template, &ctx, &mut xml)?;
        xml.finish()?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Where the 署名 and 成文日期 of the cover notice and of each plan stand.
#[derive(Debug, Serialize)]
struct Signing {
    cover: Option<SignatureIndents>,
    plans: Vec<SignatureIndents>,
}

/// Right indents of the 署名 and 成文日期 lines after GB/T 9704 §7.3.5.1, the layout of a
/// notice the office seals on paper: the 成文日期 four characters in from the right edge,
/// the 署名 centred over it (a seal pressed on both needs them aligned on one centre). Each
/// indent is given twice: `*_chars` in hundredths of a character (what Word reads) and in
/// twips (what other readers fall back to), for the 3号 body size.
#[derive(Debug, Serialize, PartialEq)]
pub struct SignatureIndents {
    pub signature_chars: u32,
    pub signature_twips: u32,
    pub date_chars: u32,
    pub date_twips: u32,
}

/// Twips in a quarter of a character of the 3号 (16 pt) body text.
const QUARTER_CHAR_TWIPS: u32 = 80;

impl SignatureIndents {
    /// The indents for this 署名 and 成文日期. Widths are counted in half characters (a
    /// digit is half as wide as a Chinese character). A 署名 too long to centre over the
    /// date ends at the right edge; without a date it stands two characters in (§7.3.5.2).
    pub fn of(signature: Option<&str>, date: Option<&str>) -> SignatureIndents {
        // Both indents in quarter characters: centring can fall on half a half-width digit.
        let date_quarters: u32 = 16;
        let signature_quarters = match (signature, date) {
            (Some(s), Some(d)) => {
                let centred = date_quarters as i64 + half_widths(d) as i64 - half_widths(s) as i64;
                centred.max(0) as u32
            }
            _ => 8,
        };
        SignatureIndents {
            signature_chars: signature_quarters * 25,
            signature_twips: signature_quarters * QUARTER_CHAR_TWIPS,
            date_chars: date_quarters * 25,
            date_twips: date_quarters * QUARTER_CHAR_TWIPS,
        }
    }
}

/// The printed width of a line in half characters: ASCII letters and digits take one, Chinese
/// characters and full-width punctuation two.
fn half_widths(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
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

/// A writer that passes text on with [`xml_chars`] applied, in pieces of about
/// [`XmlCharsWriter::PIECE`] bytes (a character split between two writes is held until its
/// end arrives).
struct XmlCharsWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> XmlCharsWriter<W> {
    const PIECE: usize = 1 << 20;

    fn new(inner: W) -> Self {
        XmlCharsWriter {
            inner,
            pending: Vec::with_capacity(Self::PIECE + 1024),
        }
    }

    /// Passes on what is pending: every whole character, or with `all` everything.
    fn pass_on(&mut self, all: bool) -> std::io::Result<()> {
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() && !all => e.valid_up_to(),
            Err(_) => {
                let text = String::from_utf8_lossy(&self.pending).into_owned();
                self.inner.write_all(xml_chars(&text).as_bytes())?;
                self.pending.clear();
                return Ok(());
            }
        };
        let text = std::str::from_utf8(&self.pending[..whole]).expect("checked above");
        self.inner.write_all(xml_chars(text).as_bytes())?;
        self.pending.drain(..whole);
        Ok(())
    }

    /// Passes on the rest; the writer is done.
    fn finish(mut self) -> std::io::Result<()> {
        self.pass_on(true)
    }
}

impl<W: Write> Write for XmlCharsWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= Self::PIECE {
            self.pass_on(false)?;
        }
        Ok(buf.len())
    }

    /// Passes on the whole characters pending, without flushing `inner`: flushing an archive
    /// entry's compressor ends a deflate block there, which would change notice.docx's bytes.
    fn flush(&mut self) -> std::io::Result<()> {
        self.pass_on(false)
    }
}

#[cfg(test)]
mod tests {
    use super::{SignatureIndents, XmlCharsWriter};
    use std::io::Write;

    #[test]
    fn forbidden_characters_are_mapped_whatever_the_pieces() {
        let text = "甲\u{0B}乙\u{0}丙\u{FFFE}丁\t\n";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut out = Vec::new();
            let mut w = XmlCharsWriter::new(&mut out);
            w.write_all(&bytes[..cut]).unwrap();
            w.flush().unwrap();
            w.write_all(&bytes[cut..]).unwrap();
            w.finish().unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                "甲 乙丙丁\t\n",
                "cut at {cut}"
            );
        }
        // Larger than a piece, with a character across the piece's end.
        let long = format!(
            "{}乙\u{0C}",
            "a".repeat(XmlCharsWriter::<Vec<u8>>::PIECE - 1)
        );
        let mut out = Vec::new();
        let mut w = XmlCharsWriter::new(&mut out);
        w.write_all(long.as_bytes()).unwrap();
        w.finish().unwrap();
        assert_eq!(out, long.replace('\u{0C}', " ").into_bytes());
    }

    #[test]
    fn signature_is_centred_over_the_date_four_characters_in() {
        // 13 characters over 2021年7月20日 (6.5 characters): 4 + (6.5 − 13) / 2 = 0.75.
        let at = SignatureIndents::of(Some("包头市东河区人民政府办公室"), Some("2021年7月20日"));
        assert_eq!((at.signature_chars, at.signature_twips), (75, 240));
        assert_eq!((at.date_chars, at.date_twips), (400, 1280));
        // Too long to centre: it ends at the right edge, the date stays four characters in.
        let long = "某某省某某市某某县人民政府办公室与某某局";
        let at = SignatureIndents::of(Some(long), Some("2021年7月20日"));
        assert_eq!((at.signature_chars, at.date_chars), (0, 400));
        // No date: two characters in.
        let at = SignatureIndents::of(Some("某局"), None);
        assert_eq!((at.signature_chars, at.signature_twips), (200, 640));
    }
}
