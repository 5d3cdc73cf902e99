//! Word documents (.docx, as Word, WPS and LibreOffice write them) → blocks: the paragraphs of
//! `word/document.xml` in order, line breaks as new lines, tables with merged cells (a
//! horizontal merge keeps its text in the first cell and leaves the covered cells empty; a
//! vertical merge's continuation cells are empty), and the text of text boxes, where a notice
//! often keeps its 版记, as paragraphs of their own where they stand. A paragraph in a heading
//! style (标题 1–9, `heading N` in `word/styles.xml`) is a heading, whatever its punctuation.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{nested_table_text, Block, ImportError, MAX_INPUT_BYTES};

/// The blocks of a .docx held in `bytes`.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ImportError::NotWord(format!("压缩包无法打开（{e}）")))?;
    let mut entry = zip
        .by_name("word/document.xml")
        .map_err(|_| ImportError::NotWord("其中没有 word/document.xml（正文）".to_string()))?;
    if entry.size() > MAX_INPUT_BYTES * 4 {
        return Err(ImportError::TooLarge(entry.size()));
    }
    let mut xml = String::new();
    entry
        .by_ref()
        .take(MAX_INPUT_BYTES * 4)
        .read_to_string(&mut xml)
        .map_err(|e| ImportError::NotWord(format!("正文无法读取（{e}）")))?;
    drop(entry);
    let headings = heading_styles(&mut zip);
    parse(&xml, &headings)
}

/// The ids of the heading styles (`heading 1` … `heading 9`, whatever the id: Word in Chinese
/// names them 1, 2 …); ids `Heading1` … where the document has no styles part.
fn heading_styles<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Vec<String> {
    let mut out: Vec<String> = (1..=9).map(|n| format!("Heading{n}")).collect();
    let Ok(entry) = zip.by_name("word/styles.xml") else {
        return out;
    };
    let mut xml = String::new();
    if entry
        .take(MAX_INPUT_BYTES)
        .read_to_string(&mut xml)
        .is_err()
    {
        return out;
    }
    let mut reader = Reader::from_str(&xml);
    let mut id: Option<String> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:style" => id = attr(&e, "w:styleId"),
                "w:name" => {
                    let name = attr(&e, "w:val").unwrap_or_default().to_ascii_lowercase();
                    let level = name
                        .strip_prefix("heading ")
                        .and_then(|n| n.parse::<u8>().ok());
                    if let (Some(id), Some(1..=9)) = (id.as_ref(), level) {
                        out.push(id.clone());
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// One table being read: its rows, the current row and cell.
#[derive(Default)]
struct TableState {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
    span: usize,
    continues_merge: bool,
}

fn parse(xml: &str, heading_styles: &[String]) -> Result<Vec<Block>, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    // Paragraphs nest (a text box inside a paragraph): a stack of open paragraphs' text.
    let mut paras: Vec<String> = Vec::new();
    // Whether the outermost open paragraph outside tables is in a heading style.
    let mut heading = false;
    let mut tables: Vec<TableState> = Vec::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ImportError::NotWord(format!("正文的 XML 有误（{e}）")))?;
        match event {
            // An empty paragraph: a blank line outside tables, nothing inside a cell.
            Event::Empty(e)
                if e.name().as_ref() == "w:p" && tables.is_empty() && paras.is_empty() =>
            {
                out.push(Block::Line(String::new()));
            }
            Event::Empty(e) if e.name().as_ref() == "w:p" => {}
            Event::Start(e) | Event::Empty(e) => {
                match e.name().as_ref() {
                    "w:p" => {
                        if paras.is_empty() {
                            heading = false;
                        }
                        paras.push(String::new());
                    }
                    "w:pStyle" if paras.len() == 1 && tables.is_empty() => {
                        heading = attr(&e, "w:val").is_some_and(|v| heading_styles.contains(&v));
                    }
                    "w:t" => in_text = true,
                    "w:br" | "w:cr" => {
                        if let Some(p) = paras.last_mut() {
                            p.push('\n');
                        }
                    }
                    "w:tab" => {
                        if let Some(p) = paras.last_mut() {
                            p.push('\t');
                        }
                    }
                    "w:tbl" => tables.push(TableState::default()),
                    "w:tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell.clear();
                            t.span = 1;
                            t.continues_merge = false;
                        }
                    }
                    "w:gridSpan" => {
                        if let Some(t) = tables.last_mut() {
                            t.span = attr(&e, "w:val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1)
                                .clamp(1, 200);
                        }
                    }
                    "w:vMerge" => {
                        // <w:vMerge/> or val="continue" continues the cell above; "restart" starts one.
                        if let Some(t) = tables.last_mut() {
                            t.continues_merge = attr(&e, "w:val").is_none_or(|v| v == "continue");
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let text = t.xml10_content();
                if let Some(p) = paras.last_mut() {
                    p.push_str(&text);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let ch = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                };
                let ch = if ch.is_empty() {
                    r.resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default()
                } else {
                    ch.to_string()
                };
                if let Some(p) = paras.last_mut() {
                    p.push_str(&ch);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => {
                    let text = paras.pop().unwrap_or_default();
                    match tables.last_mut() {
                        Some(t) if paras.is_empty() => {
                            if !t.cell.is_empty() && !text.is_empty() {
                                t.cell.push(' ');
                            }
                            t.cell.push_str(&text);
                        }
                        _ if !paras.is_empty() => {
                            // A text box's paragraph: its own line, where it stands.
                            for l in text.split('\n') {
                                out.push(Block::Line(l.to_string()));
                            }
                        }
                        _ if heading && !text.trim().is_empty() && !text.contains('\n') => {
                            out.push(Block::Heading(text));
                        }
                        _ => {
                            for l in text.split('\n') {
                                out.push(Block::Line(l.to_string()));
                            }
                        }
                    }
                }
                "w:tc" => {
                    if let Some(t) = tables.last_mut() {
                        let text = if t.continues_merge {
                            String::new()
                        } else {
                            std::mem::take(&mut t.cell)
                        };
                        t.row.push(text.replace('\n', " "));
                        for _ in 1..t.span {
                            t.row.push(String::new());
                        }
                    }
                }
                "w:tr" => {
                    if let Some(t) = tables.last_mut() {
                        let row = std::mem::take(&mut t.row);
                        t.rows.push(row);
                    }
                }
                "w:tbl" => {
                    if let Some(t) = tables.pop() {
                        match tables.last_mut() {
                            // A table inside a cell: its text joins the cell.
                            Some(outer) => outer.cell.push_str(&nested_table_text(t.rows)),
                            None => out.push(Block::Table(t.rows)),
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_and_merged_cells() {
        let xml = r#"<w:document><w:body>
            <w:p><w:r><w:t>一、目标</w:t></w:r></w:p>
            <w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙 &amp; 丙</w:t></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>上</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl>
            </w:body></w:document>"#;
        let b = parse(xml, &[]).unwrap();
        assert_eq!(b[0], Block::Line("一、目标".into()));
        assert_eq!(b[1], Block::Line("甲".into()));
        assert_eq!(b[2], Block::Line("乙 & 丙".into()));
        assert_eq!(
            b[3],
            Block::Table(vec![
                vec!["合并".into(), "".into()],
                vec!["上".into(), "1".into()],
                vec!["".into(), "2".into()],
            ])
        );
    }

    #[test]
    fn a_paragraph_in_a_heading_style_is_a_heading() {
        let xml = r#"<w:document><w:body>
            <w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>（一）坚持以人为本，为民服务。</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr><w:r><w:t>正文。</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let b = parse(xml, &["2".to_string()]).unwrap();
        assert_eq!(
            b[0],
            Block::Heading("（一）坚持以人为本，为民服务。".into())
        );
        assert_eq!(b[1], Block::Line("正文。".into()));
    }

    #[test]
    fn a_zip_without_a_document_is_not_word() {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, b"<workbook/>").unwrap();
            w.finish().unwrap();
        }
        assert!(matches!(
            blocks(buf.get_ref()),
            Err(ImportError::NotWord(_))
        ));
    }
}
