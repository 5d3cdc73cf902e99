//! Spreadsheets (.xlsx) with rust_xlsxwriter, and the CSV byte-order mark.
//!
//! A sheet is first laid out as a [`Grid`] of cells and merged ranges, then written in one
//! go, so that column widths and row heights can be computed from the text: a column is as
//! wide as its widest cell (a Chinese character counts two), up to a cap beyond which the
//! text wraps; a row is as high as its most-wrapped cell.
//!
//! Output is deterministic: the workbook's creation time is fixed ([`CREATED`]), and nothing
//! else in the file depends on the clock.

use anyhow::Context;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
};

use super::text::display_width;

/// The creation time written into every workbook (2000-01-01, UTC), so that two builds of
/// the same policy give byte-identical files.
pub const CREATED: (u16, u8, u8) = (2000, 1, 1);

/// The font of every sheet: 宋体, as official forms in Excel and WPS use.
pub const FONT: &str = "宋体";
const FONT_SIZE: f64 = 11.0;
/// Points per line of 11-point 宋体, with leading.
const LINE_HEIGHT: f64 = 15.0;
/// Narrowest column, in character columns.
const MIN_WIDTH: usize = 6;

/// A CSV text with a UTF-8 byte-order mark, so that Excel and WPS read Chinese correctly.
pub fn with_bom(csv: String) -> Vec<u8> {
    let mut out = Vec::with_capacity(csv.len() + 3);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    out.extend_from_slice(csv.as_bytes());
    out
}

/// What a cell is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Title,
    /// A heading cell: bold, centred, bordered.
    Header,
    /// Text, left-aligned and wrapped.
    Text,
    /// Short text, centred (序号, dates, row labels of totals).
    Centered,
    /// A figure, with this many decimals shown.
    Number {
        decimals: u32,
    },
    /// A line under the table (注, differences between stated and computed totals).
    Note,
}

/// One cell.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub kind: Kind,
    /// The value of a figure cell.
    pub number: Option<f64>,
    /// Shaded: the cell differs from what the notice states.
    pub highlight: bool,
    /// A bold row (合计, 小计).
    pub bold: bool,
}

impl Cell {
    pub fn text(text: String) -> Cell {
        Cell {
            text,
            kind: Kind::Text,
            number: None,
            highlight: false,
            bold: false,
        }
    }

    pub fn centered(text: String) -> Cell {
        Cell {
            kind: Kind::Centered,
            ..Cell::text(text)
        }
    }

    /// A figure: written as a number, shown with `decimals` decimals.
    pub fn number(text: String, value: f64, decimals: u32) -> Cell {
        Cell {
            kind: Kind::Number { decimals },
            number: Some(value),
            ..Cell::text(text)
        }
    }
}

/// A merged range, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// A sheet laid out before it is written.
#[derive(Debug, Clone)]
pub struct Grid {
    width: usize,
    rows: Vec<Vec<Option<Cell>>>,
    merges: Vec<Merge>,
    /// Heading rows, first and last: frozen and repeated on printed pages.
    header: Option<(usize, usize)>,
}

impl Grid {
    pub fn new(width: usize) -> Grid {
        Grid {
            width: width.max(1),
            rows: Vec::new(),
            merges: Vec::new(),
            header: None,
        }
    }

    /// Index of the next row to be added.
    pub fn next_row(&self) -> usize {
        self.rows.len()
    }

    fn full_width_row(&mut self, text: &str, kind: Kind) {
        let r = self.rows.len();
        let mut row = vec![None; self.width];
        let mut cell = Cell::text(text.to_string());
        cell.kind = kind;
        row[0] = Some(cell);
        self.rows.push(row);
        if self.width > 1 {
            self.merges.push(Merge {
                first_row: r,
                first_col: 0,
                last_row: r,
                last_col: self.width - 1,
            });
        }
    }

    /// A title row, merged across the table.
    pub fn title(&mut self, text: &str) {
        self.full_width_row(text, Kind::Title);
    }

    /// A line under (or above) the table, merged across it.
    pub fn note(&mut self, text: &str) {
        self.full_width_row(text, Kind::Note);
    }

    /// One heading row.
    pub fn header_row(&mut self, headings: &[String]) {
        let r = self.rows.len();
        let row = (0..self.width)
            .map(|c| {
                let mut cell = Cell::text(headings.get(c).cloned().unwrap_or_default());
                cell.kind = Kind::Header;
                Some(cell)
            })
            .collect();
        self.rows.push(row);
        self.header = Some((r, r));
    }

    /// Heading rows with merged cells: `cells` are (row within the heading, column,
    /// rows spanned, columns spanned, text).
    pub fn header_cells(&mut self, depth: usize, cells: &[(usize, usize, usize, usize, String)]) {
        let first = self.rows.len();
        for _ in 0..depth.max(1) {
            let row = (0..self.width)
                .map(|_| {
                    let mut cell = Cell::text(String::new());
                    cell.kind = Kind::Header;
                    Some(cell)
                })
                .collect();
            self.rows.push(row);
        }
        for (r, c, rs, cs, text) in cells {
            if let Some(Some(cell)) = self.rows.get_mut(first + r).and_then(|row| row.get_mut(*c)) {
                cell.text = text.clone();
            }
            if *rs > 1 || *cs > 1 {
                self.merges.push(Merge {
                    first_row: first + r,
                    first_col: *c,
                    last_row: first + r + rs - 1,
                    last_col: c + cs - 1,
                });
            }
        }
        self.header = Some((first, first + depth.max(1) - 1));
    }

    /// A row of cells (missing cells are blank, bordered text cells).
    pub fn row(&mut self, mut cells: Vec<Cell>) {
        cells.resize_with(self.width.max(cells.len()), || Cell::text(String::new()));
        cells.truncate(self.width);
        self.rows.push(cells.into_iter().map(Some).collect());
    }

    /// Merges `n` rows of column `col` from `first_row` down, holding `text`.
    pub fn merge_down(&mut self, first_row: usize, col: usize, n: usize, text: String) {
        if let Some(Some(cell)) = self.rows.get_mut(first_row).and_then(|r| r.get_mut(col)) {
            cell.text = text;
            cell.kind = Kind::Centered;
        }
        if n > 1 {
            self.merges.push(Merge {
                first_row,
                first_col: col,
                last_row: first_row + n - 1,
                last_col: col,
            });
        }
    }

    fn merge_at(&self, r: usize, c: usize) -> Option<&Merge> {
        self.merges.iter().find(|m| {
            (m.first_row..=m.last_row).contains(&r) && (m.first_col..=m.last_col).contains(&c)
        })
    }

    /// Column widths in character columns: the widest unmerged cell plus padding, capped.
    pub fn widths(&self, caps: &[usize]) -> Vec<usize> {
        (0..self.width)
            .map(|c| {
                let cap = caps.get(c).copied().unwrap_or(30).max(MIN_WIDTH);
                let widest = self
                    .rows
                    .iter()
                    .enumerate()
                    .filter_map(|(r, row)| {
                        let cell = row.get(c)?.as_ref()?;
                        let merged_across = self
                            .merge_at(r, c)
                            .is_some_and(|m| m.first_col != m.last_col);
                        (!merged_across).then(|| display_width(&cell.text))
                    })
                    .max()
                    .unwrap_or(0);
                (widest + 2).clamp(MIN_WIDTH, cap + 2)
            })
            .collect()
    }

    /// Row heights in points, from the number of lines the widest-wrapping cell needs.
    pub fn heights(&self, widths: &[usize]) -> Vec<f64> {
        let lines_in = |text: &str, width: usize| -> usize {
            let usable = width.saturating_sub(2).max(1);
            text.lines()
                .map(|l| display_width(l).div_ceil(usable).max(1))
                .sum::<usize>()
                .max(1)
        };
        let mut heights: Vec<f64> = self
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let lines = row
                    .iter()
                    .enumerate()
                    .filter_map(|(c, cell)| {
                        let cell = cell.as_ref()?;
                        match self.merge_at(r, c) {
                            // A cell merged down is accounted for below.
                            Some(m) if m.first_row != m.last_row => None,
                            Some(m) => {
                                let w = widths[m.first_col..=m.last_col].iter().sum();
                                Some(lines_in(&cell.text, w))
                            }
                            None => Some(lines_in(&cell.text, widths[c])),
                        }
                    })
                    .max()
                    .unwrap_or(1);
                let per_line = if row
                    .first()
                    .and_then(|c| c.as_ref())
                    .is_some_and(|c| c.kind == Kind::Title)
                {
                    LINE_HEIGHT * 1.6
                } else {
                    LINE_HEIGHT
                };
                lines as f64 * per_line + 6.0
            })
            .collect();
        // A cell merged down: its rows together must hold its text.
        for m in &self.merges {
            if m.first_row == m.last_row {
                continue;
            }
            let Some(Some(cell)) = self.rows.get(m.first_row).and_then(|r| r.get(m.first_col))
            else {
                continue;
            };
            let w: usize = widths[m.first_col..=m.last_col].iter().sum();
            let need = lines_in(&cell.text, w) as f64 * LINE_HEIGHT + 6.0;
            let have: f64 = heights[m.first_row..=m.last_row].iter().sum();
            if need > have {
                heights[m.last_row] += need - have;
            }
        }
        heights
    }
}

/// Text that a spreadsheet would read as a formula if the cell were edited.
fn formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// What decides a cell's format.
#[derive(Clone, Copy, PartialEq)]
struct Style {
    kind: Kind,
    bold: bool,
    highlight: bool,
    /// A text starting with = + - @ is stored as text and stays text when edited.
    quoted: bool,
}

impl Style {
    fn of(cell: &Cell) -> Style {
        Style {
            kind: cell.kind,
            bold: cell.bold,
            highlight: cell.highlight,
            quoted: cell.number.is_none() && formula_like(&cell.text),
        }
    }
}

/// The formats of a sheet's cells, each made once: a sheet has a handful of styles, and a
/// `Format` made for every cell of 2,000 tasks was a tenth of the workbook's instructions.
#[derive(Default)]
struct Formats(Vec<(Style, Format)>);

impl Formats {
    fn of(&mut self, cell: &Cell) -> &Format {
        let style = Style::of(cell);
        let at = match self.0.iter().position(|(s, _)| *s == style) {
            Some(at) => at,
            None => {
                self.0.push((style, format_for(style)));
                self.0.len() - 1
            }
        };
        &self.0[at].1
    }
}

fn format_for(style: Style) -> Format {
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_align(FormatAlign::VerticalCenter);
    let bordered = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
    let mut f = match style.kind {
        Kind::Title => base
            .set_font_size(16)
            .set_bold()
            .set_align(FormatAlign::Center),
        Kind::Header => bordered.set_bold().set_align(FormatAlign::Center),
        Kind::Text => bordered.set_align(FormatAlign::Left),
        Kind::Centered => bordered.set_align(FormatAlign::Center),
        Kind::Number { decimals } => {
            let num = if decimals == 0 {
                "0".to_string()
            } else {
                format!("0.{}", "0".repeat(decimals as usize))
            };
            bordered.set_align(FormatAlign::Right).set_num_format(num)
        }
        Kind::Note => base.set_text_wrap().set_align(FormatAlign::Left),
    };
    if style.bold {
        f = f.set_bold();
    }
    if style.highlight {
        f = f.set_background_color(Color::RGB(0xFFF2CC));
    }
    if style.quoted {
        f = f.set_quote_prefix();
    }
    f
}

/// Smallest print scale, in percent, at which the 11 pt text prints at 9 pt or more.
const MIN_PRINT_SCALE: u16 = 82;
/// The width an A4 landscape page prints, in points: 297 mm less Excel's default margins
/// (0.7 inch each side).
const PRINTABLE_WIDTH_PT: usize = 741;

/// Columns narrowed (their text wraps into more lines) until the sheet prints one page
/// wide at [`MIN_PRINT_SCALE`], none below eight characters (or its own width if less); a
/// sheet too wide even so keeps them, and prints across pages.
fn fit_widths(mut widths: Vec<usize>) -> Vec<usize> {
    const FLOOR: usize = 8;
    let fits = |w: &[usize]| print_scale(w).is_none();
    let narrowed = |w: &[usize]| -> Vec<usize> {
        w.iter()
            .map(|&c| {
                if c > FLOOR {
                    FLOOR + (c - FLOOR) * 9 / 10
                } else {
                    c
                }
            })
            .collect()
    };
    let mut floor: Vec<usize> = widths.iter().map(|&c| c.min(FLOOR)).collect();
    if !fits(&floor) {
        return widths;
    }
    while !fits(&widths) {
        let next = narrowed(&widths);
        if next == widths {
            // Within a tenth of the floor: the floor fits.
            std::mem::swap(&mut widths, &mut floor);
            break;
        }
        widths = next;
    }
    widths
}

/// `None` when the columns fit one A4 landscape page wide at [`MIN_PRINT_SCALE`] or more
/// (then the sheet is fitted to the page width), else that scale. A column `w` characters
/// wide is `7w + 5` pixels of ¾ pt (Excel's default 11 pt font has 7-pixel digits).
fn print_scale(widths: &[usize]) -> Option<u16> {
    let points: usize = widths.iter().map(|w| (7 * w + 5) * 3 / 4).sum();
    (points * usize::from(MIN_PRINT_SCALE) > PRINTABLE_WIDTH_PT * 100).then_some(MIN_PRINT_SCALE)
}

/// A workbook being filled with sheets.
pub struct Book {
    workbook: Workbook,
    names: Vec<String>,
}

impl Default for Book {
    fn default() -> Self {
        Book::new()
    }
}

impl Book {
    pub fn new() -> Book {
        let mut workbook = Workbook::new();
        let (y, m, d) = CREATED;
        let created = ExcelDateTime::from_ymd(y, m, d).expect("a valid fixed date");
        // No author: an official output names no tool.
        let props = DocProperties::new().set_creation_datetime(&created);
        workbook.set_properties(&props);
        // The fastest deflate: compressing the sheets at the default level was a third of
        // the workbook's instructions for a plan of 2,000 tasks, for a file a few dozen KB
        // smaller.
        workbook.set_zip_compression_level(1);
        Book {
            workbook,
            names: Vec::new(),
        }
    }

    /// Adds a sheet named after `title` (shortened to Excel's 31 characters, characters
    /// Excel refuses replaced, made unique), with the grid's cells, merges, widths and heights.
    pub fn add_sheet(&mut self, title: &str, grid: Grid, caps: &[usize]) -> anyhow::Result<()> {
        let name = self.sheet_name(title);
        let widths = fit_widths(grid.widths(caps));
        let heights = grid.heights(&widths);
        let ws = self.workbook.add_worksheet();
        ws.set_name(&name)
            .with_context(|| format!("sheet name {name}"))?;
        ws.set_landscape();
        ws.set_paper_size(9); // A4
        match print_scale(&widths) {
            // One page wide keeps the text at 9 pt or more.
            None => {
                ws.set_print_fit_to_pages(1, 0);
            }
            // Too wide for that: printed at the scale that gives 9 pt, across as many pages
            // as it needs, with the first column (the row labels) on every page.
            Some(scale) => {
                ws.set_print_scale(scale);
                ws.set_repeat_columns(0, 0)?;
            }
        }
        ws.set_print_center_horizontally(true);
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w as f64)?;
        }
        for (r, h) in heights.iter().enumerate() {
            ws.set_row_height(r as u32, *h)?;
        }
        if let Some((first, last)) = grid.header {
            ws.set_freeze_panes(last as u32 + 1, 0)?;
            ws.set_repeat_rows(first as u32, last as u32)?;
        }
        let mut formats = Formats::default();
        // Merged ranges first: they write their top-left cell and format the rest.
        for m in &grid.merges {
            let Some(Some(cell)) = grid.rows.get(m.first_row).and_then(|r| r.get(m.first_col))
            else {
                continue;
            };
            ws.merge_range(
                m.first_row as u32,
                m.first_col as u16,
                m.last_row as u32,
                m.last_col as u16,
                &cell.text,
                formats.of(cell),
            )?;
        }
        for (r, row) in grid.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Some(cell) = cell else { continue };
                if grid.merge_at(r, c).is_some() {
                    continue;
                }
                let f = formats.of(cell);
                match cell.number {
                    Some(v) => ws.write_number_with_format(r as u32, c as u16, v, f)?,
                    None if cell.text.is_empty() => ws.write_blank(r as u32, c as u16, f)?,
                    None => ws.write_string_with_format(r as u32, c as u16, &cell.text, f)?,
                };
            }
        }
        Ok(())
    }

    fn sheet_name(&mut self, title: &str) -> String {
        let clean: String = title
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .collect();
        let clean = clean.trim_matches('\'').trim();
        let base: String = if clean.is_empty() {
            "Sheet".to_string()
        } else {
            clean.chars().take(31).collect()
        };
        let mut name = base.clone();
        let mut n = 2;
        while self
            .names
            .iter()
            .any(|x| x.to_lowercase() == name.to_lowercase())
        {
            let suffix = format!("({n})");
            let keep = 31 - suffix.chars().count();
            name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        self.names.push(name.clone());
        name
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> anyhow::Result<Vec<u8>> {
        if self.names.is_empty() {
            self.workbook.add_worksheet();
        }
        self.workbook
            .save_to_buffer()
            .context("writing the workbook")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_chinese_twice_and_wrap_past_the_cap() {
        let mut g = Grid::new(2);
        g.header_row(&["序号".into(), "任务".into()]);
        g.row(vec![
            Cell::centered("1".into()),
            Cell::text("住房保障中心".repeat(10)),
        ]);
        let w = g.widths(&[24, 40]);
        assert_eq!(w, vec![6, 42]);
        let h = g.heights(&w);
        assert!(h[1] > h[0], "the long task wraps onto several lines: {h:?}");
    }

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut b = Book::new();
        assert_eq!(b.sheet_name("a/b:c"), "a_b_c");
        let long = "甲".repeat(40);
        let first = b.sheet_name(&long);
        let second = b.sheet_name(&long);
        assert_eq!(first.chars().count(), 31);
        assert_ne!(first, second);
        assert!(second.ends_with("(2)"));
    }
}
