//! Reading a roster: CSV in UTF-8 (with or without BOM) or GBK, or the first sheet of an
//! Excel workbook (.xlsx, .xls). Every cell keeps where it is, so that a bad row is reported
//! at its line and column (with a caret into a CSV).

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader};

use crate::diagnostics::Span;

/// One cell: its text (borrowed from a CSV's text unless quotes or trimming changed it),
/// and for CSV its byte range in the decoded text.
#[derive(Debug, Clone, Default)]
pub struct Cell<'t> {
    pub text: Cow<'t, str>,
    pub span: Option<Span>,
}

/// A row: its line (CSV) or row number (Excel), from 1, and its cells.
#[derive(Debug, Clone, Copy)]
pub struct Row<'s, 't> {
    pub line: usize,
    pub cells: &'s [Cell<'t>],
}

/// A roster's rows; the first non-blank one is the header. The cells of all rows are kept
/// in one vector (a million-row roster is a million rows, not a million vectors).
#[derive(Debug, Clone, Default)]
pub struct Sheet<'t> {
    cells: Vec<Cell<'t>>,
    /// Each row's line and where its cells end in `cells`.
    rows: Vec<(usize, usize)>,
}

impl<'t> Sheet<'t> {
    fn push_row(&mut self, line: usize, first_cell: usize) {
        if self.cells[first_cell..].iter().any(|c| !c.text.is_empty()) {
            self.rows.push((line, self.cells.len()));
        } else {
            self.cells.truncate(first_cell);
        }
    }

    /// The rows in order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_, 't>> + '_ {
        let mut start = 0;
        self.rows.iter().map(move |&(line, end)| {
            let cells = &self.cells[start..end];
            start = end;
            Row { line, cells }
        })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Decodes a roster file's bytes: UTF-8 (BOM stripped, borrowed) or, failing that, GBK read
/// strictly.
pub fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(Cow::Borrowed(s));
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| Cow::Owned(s.into_owned()))
}

/// Whether bytes are a workbook (a zip: .xlsx, or an OLE file: .xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The cell `text[start..end]` with its white space trimmed (and a CR before a line feed).
fn plain_cell(text: &str, start: usize, end: usize) -> Cell<'_> {
    let raw = &text[start..end];
    let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    // Most cells start and end with a digit or a letter: nothing to trim.
    let (lead, trimmed) = if graphic(raw.as_bytes().first()) && graphic(raw.as_bytes().last()) {
        (0, raw)
    } else {
        let t = raw.trim_start();
        (raw.len() - t.len(), t.trim_end())
    };
    Cell {
        text: Cow::Borrowed(trimmed),
        span: Some(Span::new(start + lead, start + lead + trimmed.len())),
    }
}

/// A cell holding double quotes, from `start` to the comma or line feed that ends it (or the
/// end of the text): the quotes removed, "" read as ", a line break inside quotes kept.
/// Returns the cell, where it ends and how many line feeds it holds.
fn quoted_cell(text: &str, start: usize) -> (Cell<'_>, usize, usize) {
    let b = text.as_bytes();
    let mut cur = String::new();
    let mut quoted = false;
    let mut newlines = 0;
    let mut i = start;
    let mut run = start;
    while i < b.len() {
        match b[i] {
            b'"' if quoted && b.get(i + 1) == Some(&b'"') => {
                cur.push_str(&text[run..=i]);
                i += 2;
                run = i;
                continue;
            }
            b'"' => {
                cur.push_str(&text[run..i]);
                quoted = !quoted;
                run = i + 1;
            }
            b',' | b'\n' if !quoted => break,
            b'\n' => newlines += 1,
            _ => {}
        }
        i += 1;
    }
    cur.push_str(&text[run..i]);
    let end = if b[..i].ends_with(b"\r") { i - 1 } else { i };
    if cur.ends_with('\r') && !quoted {
        cur.pop();
    }
    let lead = cur.len() - cur.trim_start().len();
    let len = cur.trim().len();
    let text = if len == cur.len() {
        cur
    } else {
        cur.trim().to_string()
    };
    let cell = Cell {
        text: Cow::Owned(text),
        span: Some(Span::new(start + lead, (start + lead + len).min(end))),
    };
    (cell, i, newlines)
}

/// Splits CSV text into rows of cells (double quotes, "" inside quotes; a quoted cell may
/// hold a line break). Blank lines are left out; CRLF is read as LF. Cells without quotes
/// borrow the text; the scan is over bytes, which is sound because no byte of a multi-byte
/// UTF-8 character is an ASCII comma, quote or line feed.
pub fn read_csv(text: &str) -> Sheet<'_> {
    let b = text.as_bytes();
    let mut sheet = Sheet::default();
    // A roster's rows have as many cells as its first line: reserve for that many.
    let lines = b.iter().filter(|&&c| c == b'\n').count() + 1;
    let first = b
        .iter()
        .take_while(|&&c| c != b'\n')
        .filter(|&&c| c == b',')
        .count()
        + 1;
    sheet.rows.reserve(lines);
    sheet
        .cells
        .reserve(lines.saturating_mul(first).min(b.len() + 1));
    let mut line = 1;
    let mut row_line = 1;
    let mut first_cell = 0;
    let mut start = 0;
    loop {
        let stop = b[start..]
            .iter()
            .position(|&c| matches!(c, b',' | b'\n' | b'"'))
            .map_or(b.len(), |p| start + p);
        let end = if stop < b.len() && b[stop] == b'"' {
            let (cell, end, newlines) = quoted_cell(text, start);
            sheet.cells.push(cell);
            line += newlines;
            end
        } else {
            sheet.cells.push(plain_cell(text, start, stop));
            stop
        };
        match b.get(end) {
            Some(b',') => start = end + 1,
            Some(_) => {
                sheet.push_row(row_line, first_cell);
                first_cell = sheet.cells.len();
                line += 1;
                row_line = line;
                start = end + 1;
            }
            None => {
                sheet.push_row(row_line, first_cell);
                return sheet;
            }
        }
    }
}

/// The first sheet of a workbook. Numbers are read as the shortest decimal that Excel's
/// stored binary value stands for (Excel itself writes at most 15 significant digits, which
/// this gives back exactly): 39999.99 stays 39999.99.
pub fn read_workbook(bytes: &[u8]) -> Result<Sheet<'static>, String> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| "工作簿中没有工作表".to_string())?
        .map_err(|e| e.to_string())?;
    let (top, _) = range.start().unwrap_or((0, 0));
    let mut sheet = Sheet::default();
    for (i, r) in range.rows().enumerate() {
        let first_cell = sheet.cells.len();
        sheet.cells.extend(r.iter().map(|d| Cell {
            text: Cow::Owned(cell_text(d)),
            span: None,
        }));
        sheet.push_row(top as usize + i + 1, first_cell);
    }
    Ok(sheet)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(sheet: &Sheet) -> Vec<(usize, Vec<String>)> {
        sheet
            .rows()
            .map(|r| (r.line, r.cells.iter().map(|c| c.text.to_string()).collect()))
            .collect()
    }

    #[test]
    fn csv_cells_quotes_blank_lines_and_line_numbers() {
        let text = "户号, 费用 \r\n\nA1,\"3,900\"\nA2,\"他说\"\"好\"\"\"\n\"A3\n续\",5\nA4,";
        let sheet = read_csv(text);
        assert_eq!(
            table(&sheet),
            [
                (1, vec!["户号".to_string(), "费用".to_string()]),
                (3, vec!["A1".into(), "3,900".into()]),
                (4, vec!["A2".into(), "他说\"好\"".into()]),
                (5, vec!["A3\n续".into(), "5".into()]),
                (7, vec!["A4".into(), "".into()]),
            ]
        );
        // A plain cell borrows the text and its span is the trimmed cell.
        let first = sheet.rows().next().unwrap();
        let span = first.cells[1].span.unwrap();
        assert_eq!(&text[span.start..span.end], "费用");
        assert!(matches!(first.cells[1].text, Cow::Borrowed(_)));
    }

    #[test]
    fn csv_without_a_final_line_feed_and_an_empty_text() {
        assert_eq!(table(&read_csv("a,b")), [(1, vec!["a".into(), "b".into()])]);
        assert!(read_csv("").is_empty());
        assert!(read_csv("\n\n ,\n").is_empty());
    }
}
