//! Tables as the notice prints them: columns, rows and cells.
//!
//! A row keeps its text as written, from its first cell to its last, and where each cell ends
//! in it; a cell's text and span are read from there when asked for, and a figure's value is
//! worked out from the cell's text and its column's unit ([`Table::value`]). A table of
//! 10,000 rows × 200 columns (4 MB of text) thus costs a string per row and four bytes per
//! cell, where a string and a resolved figure per cell cost 1.6 GB.
//!
//! Serialised (model.json, `policyc export`), a table is what it always was: every row's cells
//! with their text, value and span; reading one back takes the cells' texts and spans.

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};

use super::Calc;
use crate::diagnostics::Span;
use crate::quantity::{Quantity, QuantityError};

/// Most rows a table may have: data rows, subtotals, totals and blank rows together. Far
/// above any notice's table; more is refused with `E0003` (and the rest of the table dropped),
/// so that a pasted data dump or `空行：999999999` cannot exhaust memory when rendered.
pub const MAX_TABLE_ROWS: usize = 10_000;

/// Most columns a table may have; cells past it are refused with `E0003` and dropped.
pub const MAX_TABLE_COLUMNS: usize = 200;

/// A table as the notice prints it.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "TableData")]
pub struct Table {
    pub name: String,
    pub title: Option<String>,
    /// The unit of cells when a column does not give one.
    pub unit: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Blank rows of a reporting form.
    pub blank_rows: usize,
    pub relations: Vec<Calc>,
    pub notes: Vec<String>,
    /// Lines the form prints with it (填报单位：……): those written before its columns stand
    /// between the title and the grid, the others under the grid, each with the number of
    /// notes written before it (the notice's order of lines and notes).
    pub lines_above: Vec<String>,
    pub lines_below: Vec<(usize, String)>,
    pub span: Span,
}

impl Table {
    /// A column's heading as written, or 第N列 where the table has no heading for it.
    pub fn column_name(&self, col: usize) -> String {
        self.columns
            .get(col)
            .map_or_else(|| format!("第{}列", col + 1), |c| c.written.clone())
    }

    /// The figure a cell of column `col` states, if it is one: a bare number (the first
    /// column holds the rows' labels), in the column's unit or else the table's (a unit that
    /// cannot be read leaves the number without one).
    pub fn value(&self, col: usize, text: &str) -> Option<Quantity> {
        self.read_value(col, text).ok().flatten()
    }

    /// [`Table::value`], or why a figure there is beyond what exact decimals hold.
    pub fn read_value(&self, col: usize, text: &str) -> Result<Option<Quantity>, QuantityError> {
        if col == 0 || !looks_numeric(text) {
            return Ok(None);
        }
        let unit = self
            .columns
            .get(col)
            .and_then(|c| c.unit.as_deref())
            .or(self.unit.as_deref());
        match Quantity::from_cell(text, unit) {
            Ok(q) => Ok(Some(q)),
            Err(e @ QuantityError::TooLarge { .. }) => Err(e),
            Err(QuantityError::Unit(_)) => Ok(Quantity::from_cell(text, None).ok()),
            Err(_) => Ok(None),
        }
    }

    /// The number of columns of its widest row.
    /// For each column, whether its unit (or the table's) is 10^14 of its base unit or more,
    /// as [`Table::may_be_too_large`] needs: worked out once for the rows that follow.
    pub fn large_units(&self) -> LargeUnits {
        let large = |unit: Option<&str>| {
            unit.is_some_and(|u| {
                crate::quantity::parse_unit(u).is_ok_and(|u| {
                    u.scale.abs() >= rust_decimal::Decimal::from(100_000_000_000_000_u64)
                })
            })
        };
        LargeUnits {
            columns: self
                .columns
                .iter()
                .map(|c| large(c.unit.as_deref().or(self.unit.as_deref())))
                .collect(),
            table: large(self.unit.as_deref()),
        }
    }

    /// Whether a cell could be too large to hold in its column's unit
    /// ([`QuantityError::TooLarge`] from [`Table::read_value`]). Lowering asks this of every
    /// cell: a figure of at most 12 digits before its decimal point in a unit below 10^14 of
    /// its base unit stays under 10^26, well inside what a decimal holds (7.9 × 10^28), and is
    /// passed without being read. (A unit that cannot be read is no TooLarge either: the cell
    /// is then read without it.)
    pub fn may_be_too_large(&self, col: usize, text: &str, large: &LargeUnits) -> bool {
        if col == 0 || !looks_numeric(text) {
            return false;
        }
        let digits = text
            .chars()
            .take_while(|c| !matches!(c, '.' | '．'))
            .filter(|c| *c != ',')
            .count();
        digits > 12 || large.columns.get(col).copied().unwrap_or(large.table)
    }

    pub fn widest_row(&self) -> usize {
        self.rows.iter().map(Row::width).max().unwrap_or(0)
    }

    /// The data rows that the 合计 or 小计 row at `at` adds up (none for a data row). A table's
    /// only 合计 adds every data row, wherever it stands. Of several 合计 rows, and of 小计
    /// rows, each adds the data rows since the previous one of its kind (a 小计 also stops at a
    /// 合计) — or, where the first of its kind stands above every data row (德州's plan table
    /// prints each 小计 above its rows), the data rows after it up to the next one. The checks
    /// and the appendix both read totals this way, so that they agree.
    pub fn rows_summed_by(&self, at: usize) -> Vec<usize> {
        let data = |i: &usize| self.rows[*i].kind == RowKind::Data;
        let bounds: &[RowKind] = match self.rows.get(at).map(|r| r.kind) {
            None | Some(RowKind::Data) => return Vec::new(),
            Some(RowKind::Total) => {
                let totals = self
                    .rows
                    .iter()
                    .filter(|r| r.kind == RowKind::Total)
                    .count();
                if totals == 1 {
                    return (0..self.rows.len()).filter(data).collect();
                }
                &[RowKind::Total]
            }
            Some(RowKind::Subtotal) => &[RowKind::Total, RowKind::Subtotal],
        };
        let bound = |i: &usize| bounds.contains(&self.rows[*i].kind);
        let kind = self.rows[at].kind;
        let first_bound = (0..self.rows.len()).find(|i| self.rows[*i].kind == kind);
        let first_data = (0..self.rows.len()).find(data);
        let leading = matches!((first_bound, first_data), (Some(b), Some(d)) if b < d);
        if leading {
            (at + 1..self.rows.len())
                .take_while(|i| !bound(i))
                .filter(data)
                .collect()
        } else {
            let mut rows: Vec<usize> = (0..at)
                .rev()
                .take_while(|i| !bound(i))
                .filter(data)
                .collect();
            rows.reverse();
            rows
        }
    }
}

/// Whether a cell's text is a bare number: 26441, 26,441, 2.85, full-width digits.
/// Which columns' units are large enough that a cell of few digits could overflow
/// ([`Table::large_units`]).
pub struct LargeUnits {
    columns: Vec<bool>,
    /// For cells beyond the headed columns, in the table's unit.
    table: bool,
}

pub fn looks_numeric(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && s.chars().all(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ',' | '．')
        })
}

/// How a table relation refers to a column (`第N列`, counted from 1): lowering writes it,
/// the checks and the appendix read it back with [`relation_column`].
pub fn relation_column_id(col: usize) -> String {
    format!("第{}列", col + 1)
}

/// The column index a table relation's reference (`第N列`) stands for.
pub fn relation_column(id: &str) -> Option<usize> {
    id.strip_prefix('第')?
        .strip_suffix('列')?
        .parse::<usize>()
        .ok()?
        .checked_sub(1)
}

/// A column: its heading path (group / heading) and unit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Column {
    /// As written: 预计2021财政补贴（万元）/市财政资金.
    pub written: String,
    /// Heading levels, outermost first.
    pub path: Vec<String>,
    pub unit: Option<String>,
    pub span: Span,
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Data,
    Subtotal,
    Total,
}

/// A row of cells.
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    /// From the first cell's text to the last's.
    pub span: Span,
    /// The text at `span` (cut after the last cell kept), cells separated by `｜` or `|`.
    text: String,
    /// Where each cell's text as written (blanks included) ends in `text`: at the bar that
    /// follows it, or at the end.
    ends: Vec<u32>,
}

/// A cell: its text as printed (trimmed; empty for a blank cell) and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRef<'a> {
    pub text: &'a str,
    pub span: Span,
}

impl Row {
    /// The row whose cells are `text`, written at `span`, keeping at most `max_cells` cells.
    /// Returns it and how many cells the text has.
    pub fn new(kind: RowKind, text: &str, span: Span, max_cells: usize) -> (Row, usize) {
        let mut ends = Vec::new();
        let mut count = 0;
        for raw in crate::syntax::cells::raw_cells(text) {
            count += 1;
            if ends.len() < max_cells {
                ends.push(u32::try_from(raw.end).unwrap_or(u32::MAX));
            }
        }
        let kept = ends.last().map_or(0, |&e| e as usize).min(text.len());
        let row = Row {
            kind,
            span,
            text: text[..kept].to_string(),
            ends,
        };
        (row, count)
    }

    /// The number of cells.
    pub fn width(&self) -> usize {
        self.ends.len()
    }

    /// Cell `i` (from 0), if the row has it.
    pub fn cell(&self, i: usize) -> Option<CellRef<'_>> {
        let end = (*self.ends.get(i)? as usize).min(self.text.len());
        let start = match i.checked_sub(1) {
            None => 0,
            Some(prev) => {
                let bar = self.ends[prev] as usize;
                let len = self.text[bar..].chars().next().map_or(1, char::len_utf8);
                (bar + len).min(end)
            }
        };
        let (text, at) = crate::syntax::cells::trimmed(&self.text, start..end);
        Some(CellRef {
            text,
            span: Span {
                start: self.span.start + at.start,
                end: self.span.start + at.end,
            },
        })
    }

    /// Every cell, in order.
    pub fn cells(&self) -> impl Iterator<Item = CellRef<'_>> + '_ {
        (0..self.width()).filter_map(|i| self.cell(i))
    }

    /// The row of `cells` (texts and spans, as serialised), written back as text with a bar
    /// before each cell after the first, so that each cell keeps its span where the spans
    /// leave room for it.
    fn from_cells(kind: RowKind, span: Span, cells: Vec<CellData>) -> Row {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(cells.len());
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                text.push('|');
            }
            let at = c.span.start.saturating_sub(span.start);
            while text.len() < at {
                text.push(' ');
            }
            text.push_str(c.text.trim());
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        Row {
            kind,
            span,
            text,
            ends,
        }
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_struct("Table", 9)?;
        t.serialize_field("name", &self.name)?;
        t.serialize_field("title", &self.title)?;
        t.serialize_field("unit", &self.unit)?;
        t.serialize_field("columns", &self.columns)?;
        t.serialize_field("rows", &RowsOf(self))?;
        t.serialize_field("blank_rows", &self.blank_rows)?;
        t.serialize_field("relations", &self.relations)?;
        t.serialize_field("notes", &self.notes)?;
        if !self.lines_above.is_empty() {
            t.serialize_field("lines_above", &self.lines_above)?;
        }
        if !self.lines_below.is_empty() {
            t.serialize_field("lines_below", &self.lines_below)?;
        }
        t.serialize_field("span", &self.span)?;
        t.end()
    }
}

/// A table's rows, serialised with their cells' values, worked out one cell at a time.
struct RowsOf<'a>(&'a Table);

impl Serialize for RowsOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.rows.len()))?;
        for row in &self.0.rows {
            seq.serialize_element(&RowOf(self.0, row))?;
        }
        seq.end()
    }
}

struct RowOf<'a>(&'a Table, &'a Row);

impl Serialize for RowOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut r = s.serialize_struct("Row", 3)?;
        r.serialize_field("kind", &self.1.kind)?;
        r.serialize_field("cells", &CellsOf(self.0, self.1))?;
        r.serialize_field("span", &self.1.span)?;
        r.end()
    }
}

struct CellsOf<'a>(&'a Table, &'a Row);

impl Serialize for CellsOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.width()))?;
        for (col, cell) in self.1.cells().enumerate() {
            seq.serialize_element(&CellOut {
                text: cell.text,
                value: self.0.value(col, cell.text),
                span: cell.span,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct CellOut<'a> {
    text: &'a str,
    value: Option<Quantity>,
    span: Span,
}

/// A table as serialised; a cell's value is read back from its text.
#[derive(Deserialize)]
struct TableData {
    name: String,
    title: Option<String>,
    unit: Option<String>,
    columns: Vec<Column>,
    rows: Vec<RowData>,
    blank_rows: usize,
    relations: Vec<Calc>,
    notes: Vec<String>,
    #[serde(default)]
    lines_above: Vec<String>,
    #[serde(default)]
    lines_below: Vec<(usize, String)>,
    span: Span,
}

#[derive(Deserialize)]
struct RowData {
    kind: RowKind,
    cells: Vec<CellData>,
    span: Span,
}

#[derive(Deserialize)]
struct CellData {
    text: String,
    span: Span,
}

impl From<TableData> for Table {
    fn from(t: TableData) -> Table {
        Table {
            name: t.name,
            title: t.title,
            unit: t.unit,
            columns: t.columns,
            rows: t
                .rows
                .into_iter()
                .map(|r| Row::from_cells(r.kind, r.span, r.cells))
                .collect(),
            blank_rows: t.blank_rows,
            relations: t.relations,
            notes: t.notes,
            lines_above: t.lines_above,
            lines_below: t.lines_below,
            span: t.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &Row) -> Vec<(&str, usize, usize)> {
        row.cells()
            .map(|c| (c.text, c.span.start, c.span.end))
            .collect()
    }

    #[test]
    fn cells_are_read_from_the_rows_text() {
        let span = Span { start: 10, end: 24 };
        let (row, count) = Row::new(RowKind::Data, "甲 ｜ 5|  |6", span, 200);
        assert_eq!(count, 4);
        assert_eq!(
            texts(&row),
            vec![("甲", 10, 13), ("5", 18, 19), ("", 22, 22), ("6", 23, 24)]
        );
        let (cut, count) = Row::new(RowKind::Data, "甲 ｜ 5|  |6", span, 2);
        assert_eq!((cut.width(), count), (2, 4));
        assert_eq!(texts(&cut), vec![("甲", 10, 13), ("5", 18, 19)]);
        assert_eq!(cut.cell(2), None);
    }

    #[test]
    fn a_row_read_back_keeps_its_cells_texts_and_spans() {
        let span = Span { start: 10, end: 24 };
        let (row, _) = Row::new(RowKind::Total, "甲 ｜ 5|  |6", span, 200);
        let data = row
            .cells()
            .map(|c| CellData {
                text: c.text.to_string(),
                span: c.span,
            })
            .collect();
        let back = Row::from_cells(RowKind::Total, span, data);
        assert_eq!(texts(&back), texts(&row));
    }
}
