//! Reading a roster: CSV in UTF-8 (with or without BOM) or GBK, or the first sheet of an
//! Excel workbook (.xlsx, .xls). Every cell keeps where it is, so that a bad row is reported
//! at its line and column (with a caret into a CSV).

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::diagnostics::Span;

/// One cell: its text, and for CSV its byte range in the decoded text.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub span: Option<Span>,
}

/// A row and its line (CSV) or row number (Excel), from 1.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A roster's rows; the first non-blank one is the header.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub rows: Vec<Row>,
}

/// Decodes a roster file's bytes: UTF-8 (BOM stripped) or, failing that, GBK read strictly.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// Whether bytes are a workbook (a zip: .xlsx, or an OLE file: .xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Splits CSV text into rows of cells (double quotes, "" inside quotes; a quoted cell may
/// hold a line break). Blank lines are left out; CRLF is read as LF.
pub fn read_csv(text: &str) -> Sheet {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut line = 1;
    let mut row_line = 1;
    let mut quoted = false;
    let mut chars = text.char_indices().peekable();
    let finish = |cur: &mut String, start: usize, end: usize, cells: &mut Vec<Cell>| {
        let raw = std::mem::take(cur);
        let lead = raw.len() - raw.trim_start().len();
        let len = raw.trim().len();
        let text = if len == raw.len() {
            raw
        } else {
            raw.trim().to_string()
        };
        cells.push(Cell {
            text,
            span: Some(Span::new(start + lead, (start + lead + len).min(end))),
        });
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if quoted && chars.peek().map(|p| p.1) == Some('"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => {
                finish(&mut cur, start, i, &mut cells);
                start = i + 1;
            }
            '\n' if !quoted => {
                let end = if text[..i].ends_with('\r') { i - 1 } else { i };
                if cur.ends_with('\r') {
                    cur.pop();
                }
                finish(&mut cur, start, end, &mut cells);
                if cells.iter().any(|c| !c.text.is_empty()) {
                    rows.push(Row {
                        line: row_line,
                        cells: std::mem::take(&mut cells),
                    });
                }
                cells.clear();
                line += 1;
                row_line = line;
                start = i + 1;
            }
            c => {
                if c == '\n' {
                    line += 1;
                }
                cur.push(c);
            }
        }
    }
    finish(&mut cur, start, text.len(), &mut cells);
    if cells.iter().any(|c| !c.text.is_empty()) {
        rows.push(Row {
            line: row_line,
            cells,
        });
    }
    Sheet { rows }
}

/// The first sheet of a workbook. Numbers are read as the shortest decimal that Excel's
/// stored binary value stands for (Excel itself writes at most 15 significant digits, which
/// this gives back exactly): 39999.99 stays 39999.99.
pub fn read_workbook(bytes: &[u8]) -> Result<Sheet, String> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| "工作簿中没有工作表".to_string())?
        .map_err(|e| e.to_string())?;
    let (top, _) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, r)| Row {
            line: top as usize + i + 1,
            cells: r
                .iter()
                .map(|d| Cell {
                    text: cell_text(d),
                    span: None,
                })
                .collect(),
        })
        .filter(|r| r.cells.iter().any(|c| !c.text.is_empty()))
        .collect();
    Ok(Sheet { rows })
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The column letter of a 0-based column: 0 → A, 26 → AA.
pub fn column_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}
