//! Tables: columns, rows and cells, cut at the size limits, and column relations.

use super::*;

use crate::quantity::{heading_unit, QuantityError, UnitError};

impl Lower<'_> {
    pub(super) fn table(&mut self, t: &ast::Table) -> Table {
        let mut table = Table {
            name: t.name.value.clone(),
            title: t.title.as_ref().map(|x| x.value.clone()),
            unit: None,
            columns: Vec::new(),
            rows: Vec::new(),
            blank_rows: 0,
            relations: Vec::new(),
            notes: Vec::new(),
            lines_above: Vec::new(),
            lines_below: Vec::new(),
            span: t.span,
        };
        let mut limits = TableLimits {
            name: t.name.value.clone(),
            name_span: t.name.span,
            rows_reported: false,
            columns_reported: false,
            large_units: None,
        };
        for line in &t.lines {
            match line {
                ast::TableLine::Unit(u) => {
                    match crate::quantity::parse_unit(&u.value) {
                        Err(UnitError::Unknown { component }) => {
                            self.error(
                                "E0104",
                                format!("无法识别计量单位“{component}”"),
                                u.span,
                                "这个单位",
                            );
                        }
                        Err(UnitError::TooLarge { unit }) => self.too_large(&unit, u.span),
                        Ok(_) => {}
                    }
                    table.unit = Some(u.value.clone());
                    limits.large_units = None;
                }
                ast::TableLine::Columns(cells) => {
                    limits.large_units = None;
                    let cells = self.table_width(&mut limits, cells);
                    table.columns = cells
                        .iter()
                        .map(|c| {
                            let path = heading_path(&c.value);
                            let unit = path.iter().rev().find_map(|p| heading_unit(p));
                            Column {
                                written: c.value.clone(),
                                path,
                                unit,
                                span: c.span,
                            }
                        })
                        .collect();
                }
                ast::TableLine::Total(cells) => {
                    self.table_row(&mut table, &mut limits, RowKind::Total, cells)
                }
                ast::TableLine::Subtotal(cells) => {
                    self.table_row(&mut table, &mut limits, RowKind::Subtotal, cells)
                }
                ast::TableLine::Row(cells) => {
                    self.table_row(&mut table, &mut limits, RowKind::Data, cells)
                }
                ast::TableLine::Blank { count } => {
                    let wanted = int(&count.value).unwrap_or(0);
                    let room = MAX_TABLE_ROWS - table.rows.len().min(MAX_TABLE_ROWS);
                    let room = room.saturating_sub(table.blank_rows);
                    if wanted > room as u64 {
                        self.too_many_rows(&mut limits, count.span);
                    }
                    table.blank_rows += wanted.min(room as u64) as usize;
                }
                ast::TableLine::Relation(rel) => {
                    let ast::Relation {
                        left,
                        cmp,
                        right,
                        span,
                    } = rel.as_ref();
                    let cols = table.columns.clone();
                    let rel = Calc {
                        name: None,
                        written: String::new(),
                        left: self.expr(left, Some(&cols)),
                        cmp: comparison(&cmp.value),
                        right: self.expr(right, Some(&cols)),
                        description: None,
                        multiple: None,
                        span: *span,
                    };
                    table.relations.push(rel);
                }
                ast::TableLine::Note(n) => table.notes.push(n.value.clone()),
                ast::TableLine::Text(l) if table.columns.is_empty() => {
                    table.lines_above.push(l.value.clone())
                }
                ast::TableLine::Text(l) => {
                    table.lines_below.push((table.notes.len(), l.value.clone()))
                }
            }
        }
        table
    }

    /// The cells of a line, cut to [`MAX_TABLE_COLUMNS`] with an `E0003` (once per table).
    pub(super) fn table_width<'c>(
        &mut self,
        limits: &mut TableLimits,
        cells: &'c [ast::Text],
    ) -> &'c [ast::Text] {
        if cells.len() <= MAX_TABLE_COLUMNS {
            return cells;
        }
        self.too_many_columns(limits, cells.len(), cells[MAX_TABLE_COLUMNS].span);
        &cells[..MAX_TABLE_COLUMNS]
    }

    /// Reports that a line of a table has `count` cells, more than [`MAX_TABLE_COLUMNS`], the
    /// first one too many at `at` (once per table).
    pub(super) fn too_many_columns(&mut self, limits: &mut TableLimits, count: usize, at: Span) {
        if limits.columns_reported {
            return;
        }
        limits.columns_reported = true;
        let d = self.error(
            "E0003",
            format!(
                "表“{}”有 {count} 列，超过上限 {MAX_TABLE_COLUMNS} 列",
                limits.name
            ),
            at,
            "从这一格起超出上限",
        );
        d.labels.push(Label {
            span: limits.name_span,
            message: "这张表".into(),
            primary: false,
        });
        d.help = Some(format!(
            "表格最多 {MAX_TABLE_COLUMNS} 列、{MAX_TABLE_ROWS} 行，超出的部分不予处理；请把表拆成几张，或检查是否把几行写成了一行"
        ));
    }

    /// Reports that a table has more than [`MAX_TABLE_ROWS`] rows (once per table).
    pub(super) fn too_many_rows(&mut self, limits: &mut TableLimits, at: Span) {
        if limits.rows_reported {
            return;
        }
        limits.rows_reported = true;
        let d = self.error(
            "E0003",
            format!("表“{}”超过 {MAX_TABLE_ROWS} 行的上限", limits.name),
            at,
            "从这里起超出上限",
        );
        d.labels.push(Label {
            span: limits.name_span,
            message: "这张表".into(),
            primary: false,
        });
        d.help = Some(format!(
            "表格最多 {MAX_TABLE_ROWS} 行（含小计、合计和空行）、{MAX_TABLE_COLUMNS} 列，超出的部分不予处理；请把表拆成几张，或检查是否粘贴了多余的数据"
        ));
    }

    pub(super) fn table_row(
        &mut self,
        table: &mut Table,
        limits: &mut TableLimits,
        kind: RowKind,
        cells: &ast::Text,
    ) {
        if table.rows.len() + table.blank_rows >= MAX_TABLE_ROWS {
            self.too_many_rows(limits, cells.span);
            return;
        }
        let (row, count) = Row::new(kind, &cells.value, cells.span, MAX_TABLE_COLUMNS);
        if count > MAX_TABLE_COLUMNS {
            let first_cut = crate::syntax::cells::raw_cells(&cells.value)
                .nth(MAX_TABLE_COLUMNS)
                .map(|raw| crate::syntax::cells::trimmed(&cells.value, raw).1)
                .map_or(cells.span, |at| Span {
                    start: cells.span.start + at.start,
                    end: cells.span.start + at.end,
                });
            self.too_many_columns(limits, count, first_cut);
        }
        let large = limits
            .large_units
            .get_or_insert_with(|| table.large_units());
        for (col, cell) in row.cells().enumerate() {
            if !table.may_be_too_large(col, cell.text, large) {
                continue;
            }
            if let Err(QuantityError::TooLarge { written }) = table.read_value(col, cell.text) {
                self.too_large(&written, cell.span);
            }
        }
        table.rows.push(row);
    }
}

/// The levels of a grouped heading (组/列), split at each "/" that stands outside parentheses:
/// the "/" of a unit in a heading (单价（元/平方米）) is part of the unit.
fn heading_path(heading: &str) -> Vec<String> {
    let mut levels = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in heading.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '/' | '／' if depth == 0 => {
                levels.push(heading[start..i].trim().to_string());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    levels.push(heading[start..].trim().to_string());
    levels
}

/// A column by name (with or without its unit), by its last heading, or as 第N列.
pub(super) fn column_index(cols: &[Column], name: &str) -> Option<usize> {
    if let Some(n) = name.strip_prefix('第').and_then(|r| r.strip_suffix('列')) {
        return int(n)
            .and_then(|n| (n as usize).checked_sub(1))
            .filter(|i| *i < cols.len());
    }
    let strip = |s: &str| {
        let s = s.trim();
        match heading_unit(s) {
            Some(u) => s
                .trim_end_matches(['）', ')'])
                .trim_end_matches(u.as_str())
                .trim_end_matches(['（', '('])
                .to_string(),
            None => s.to_string(),
        }
    };
    let wanted = strip(name);
    let mut seen = HashSet::new();
    cols.iter()
        .position(|c| c.written == name || strip(&c.written) == wanted)
        .or_else(|| {
            cols.iter().position(|c| {
                let last = c.path.last().map(|l| strip(l)).unwrap_or_default();
                seen.insert(last.clone()) && last == wanted
            })
        })
}

#[cfg(test)]
mod tests {
    use super::heading_path;

    #[test]
    fn a_unit_in_a_heading_is_not_a_level() {
        assert_eq!(heading_path("单价（元/平方米）"), ["单价（元/平方米）"]);
        assert_eq!(
            heading_path("补助标准/金额（元/户）"),
            ["补助标准", "金额（元/户）"]
        );
        assert_eq!(heading_path("资金 / 市级"), ["资金", "市级"]);
    }
}
