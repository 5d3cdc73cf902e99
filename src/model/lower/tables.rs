//! Tables: columns, rows and cells, cut at the size limits, and column relations.

use super::*;

use crate::quantity::{QuantityError, UnitError};

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
            span: t.span,
        };
        let mut limits = TableLimits {
            name: t.name.value.clone(),
            name_span: t.name.span,
            rows_reported: false,
            columns_reported: false,
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
                }
                ast::TableLine::Columns(cells) => {
                    let cells = self.table_width(&mut limits, cells);
                    table.columns = cells
                        .iter()
                        .map(|c| {
                            let path: Vec<String> = c
                                .value
                                .split(['/', '／'])
                                .map(|s| s.trim().to_string())
                                .collect();
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
        if !limits.columns_reported {
            limits.columns_reported = true;
            let d = self.error(
                "E0003",
                format!(
                    "表“{}”有 {} 列，超过上限 {MAX_TABLE_COLUMNS} 列",
                    limits.name,
                    cells.len()
                ),
                cells[MAX_TABLE_COLUMNS].span,
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
        &cells[..MAX_TABLE_COLUMNS]
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
        cells: &[ast::Text],
    ) {
        let row_span = match (cells.first(), cells.last()) {
            (Some(a), Some(b)) => Span {
                start: a.span.start,
                end: b.span.end,
            },
            _ => Span::default(),
        };
        if table.rows.len() + table.blank_rows >= MAX_TABLE_ROWS {
            self.too_many_rows(limits, row_span);
            return;
        }
        let cells = self.table_width(limits, cells);
        let mut too_large = Vec::new();
        let cells = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let unit = table
                    .columns
                    .get(i)
                    .and_then(|col| col.unit.clone())
                    .or_else(|| table.unit.clone());
                let value = if looks_numeric(&c.value) && i > 0 {
                    match crate::quantity::Quantity::from_cell(&c.value, unit.as_deref()) {
                        Ok(q) => Some(q),
                        Err(QuantityError::TooLarge { written }) => {
                            too_large.push((written, c.span));
                            None
                        }
                        Err(QuantityError::Unit(_)) => {
                            crate::quantity::Quantity::from_cell(&c.value, None).ok()
                        }
                        Err(_) => None,
                    }
                } else {
                    None
                };
                Cell {
                    text: c.value.clone(),
                    value,
                    span: c.span,
                }
            })
            .collect();
        for (written, span) in too_large {
            self.too_large(&written, span);
        }
        table.rows.push(Row {
            kind,
            cells,
            span: row_span,
        });
    }
}

/// The unit a heading gives in parentheses at its end: 总投资额（万元） → 万元.
pub(super) fn heading_unit(heading: &str) -> Option<String> {
    let h = heading.trim_end();
    let inner = h
        .strip_suffix('）')
        .and_then(|x| x.rsplit_once('（'))
        .or_else(|| h.strip_suffix(')').and_then(|x| x.rsplit_once('(')))?
        .1
        .trim();
    crate::quantity::parse_unit(inner)
        .ok()
        .map(|_| inner.to_string())
}

pub(super) fn looks_numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && s.chars().all(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ',' | '．')
        })
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
