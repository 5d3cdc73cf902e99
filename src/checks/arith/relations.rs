//! A103: the relations (关系) between a table's columns, row by row.

use super::expressions::{eval, expr_ids, expr_text, has_mul_div, units_diag, EvalError};
use super::tables::{cell_value, column_unit, row_label, CellValue};
use super::{difference_text, soften};
use crate::checks::interval::{same_dims, Iv, Style};
use crate::checks::Findings;
use crate::diagnostics::Diagnostic;
use rust_decimal::Decimal;

use crate::model::{relation_column, Calc, Comparison, Expr, Row, RowKind, Table};

/// A103: every row must satisfy the table's relations (关系) between columns.
pub fn table_relations(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for table in &plan.tables {
            for rel in &table.relations {
                relation(f, table, rel, &mut out);
            }
        }
    }
    for d in out {
        f.report(d);
    }
}

fn relation(f: &Findings, table: &Table, rel: &Calc, out: &mut Vec<Diagnostic>) {
    let name = |id: &str| match relation_column(id) {
        Some(c) => format!("「{}」", table.column_name(c)),
        None => id.to_string(),
    };
    let text = format!(
        "{} {} {}",
        expr_text(&rel.left, &name),
        match rel.cmp {
            Comparison::Equal => "=",
            Comparison::AtMost => "≤",
            Comparison::AtLeast => "≥",
        },
        expr_text(&rel.right, &name)
    );
    let mut ids = Vec::new();
    expr_ids(&rel.left, &mut ids);
    expr_ids(&rel.right, &mut ids);
    let cols: Vec<usize> = ids
        .iter()
        .filter_map(|(id, _)| relation_column(id))
        .collect();
    if cols.len() != ids.len() {
        return; // a column that does not exist: E0101 already
    }
    let mut units_reported = false;
    for (ri, row) in table.rows.iter().enumerate() {
        let (l, r) = match evaluate(table, rel, &cols, row) {
            Outcome::Skip | Outcome::Holds => continue,
            Outcome::Units { left, right } => {
                if !units_reported {
                    units_reported = true;
                    out.push(units_diag(
                        f,
                        &format!("表“{}”的关系", table.name),
                        &left,
                        &right,
                    ));
                }
                continue;
            }
            Outcome::Fails { left, right } => (left, right),
        };
        let style = cols
            .iter()
            .find_map(|c| match cell_value(table, row, *c) {
                CellValue::Number(q) => Some(Style::like(&q)),
                _ => None,
            })
            .unwrap_or_else(|| Style::base(&l.dims));
        let finer: Vec<Style> = cols
            .iter()
            .filter_map(|c| match cell_value(table, row, *c) {
                CellValue::Number(q) => Some(Style::like(&q)),
                _ => None,
            })
            .collect();
        let left_col = single_column(&rel.left);
        let mut d = f.new_diag(
            "A103",
            format!(
                "表“{}”中“{}”一行不满足关系 {text}：左边为 {}，右边算得 {}（{}）",
                table.name,
                row_label(row, ri),
                style.fmt(l.value),
                style.fmt(r.value),
                difference_text(&style, &finer, &l, &r)
            ),
        );
        let primary = left_col
            .and_then(|c| row.cell(c))
            .map_or(row.span, |c| c.span);
        d = d.with_primary(primary, format!("左边为 {}", style.fmt(l.value)));
        let mut seen = Vec::new();
        for c in &cols {
            if seen.contains(c) || Some(*c) == left_col {
                continue;
            }
            seen.push(*c);
            if let Some(cell) = row.cell(*c) {
                d = d.with_secondary(cell.span, format!("「{}」", table.column_name(*c)));
            }
        }
        d = d.with_secondary(rel.span, "关系");
        out.push(soften(
            d.with_help("请核对原文这一行的各个数；原文如此，则是表格本身的错误，应请起草单位更正"),
            l.approx || r.approx,
        ));
    }
}

/// A relation in one row.
enum Outcome {
    /// Nothing to compare: a cell holds text, or every cell is blank.
    Skip,
    Holds,
    /// The two sides are different kinds of quantity (A107).
    Units {
        left: (crate::diagnostics::Span, crate::quantity::Dims),
        right: (crate::diagnostics::Span, crate::quantity::Dims),
    },
    Fails {
        left: Iv,
        right: Iv,
    },
}

/// A relation evaluated in one row, a blank cell read as 0 in its column's unit.
fn evaluate(table: &Table, rel: &Calc, cols: &[usize], row: &Row) -> Outcome {
    let values: Vec<CellValue> = cols.iter().map(|c| cell_value(table, row, *c)).collect();
    if values.iter().any(|v| matches!(v, CellValue::Text))
        || values.iter().all(|v| matches!(v, CellValue::Blank))
    {
        return Outcome::Skip;
    }
    // A 合计 or 小计 row leaves blank what has no total (a rate such as 元/平方米): there the
    // blank is not 0, and the row cannot be held to the relation.
    if row.kind != RowKind::Data && values.iter().any(|v| matches!(v, CellValue::Blank)) {
        return Outcome::Skip;
    }
    let zero_dims = |c: usize| {
        column_unit(table, c)
            .and_then(|u| crate::quantity::parse_unit(&u).ok())
            .map(|u| u.dims)
            .unwrap_or_default()
    };
    let mut look = |id: &str| {
        let c = relation_column(id)?;
        match cell_value(table, row, c) {
            CellValue::Number(q) => Some(Iv::of(&q)),
            CellValue::Blank => Some(Iv::zero(zero_dims(c))),
            CellValue::Text => None,
        }
    };
    let l = eval(&rel.left, &mut look, 0);
    let r = eval(&rel.right, &mut look, 0);
    let (l, r) = match (l, r) {
        (Err(EvalError::Units { left, right }), _) | (_, Err(EvalError::Units { left, right })) => {
            return Outcome::Units { left, right }
        }
        (Ok(l), Ok(r)) => (l, r),
        _ => return Outcome::Skip,
    };
    if !same_dims(&l.dims, &r.dims) {
        return Outcome::Units {
            left: (rel.left.span(), l.dims),
            right: (rel.right.span(), r.dims),
        };
    }
    // A single cell stating the result of a product is read as rounded to its last digit.
    let single_cell = |e: &Expr| match single_column(e).map(|c| cell_value(table, row, c)) {
        Some(CellValue::Number(q)) => Some(q),
        _ => None,
    };
    let (mut l, mut r) = (l, r);
    if let (Some(q), true) = (single_cell(&rel.left), has_mul_div(&rel.right)) {
        l = l.as_rounded_result(&q);
    }
    if let (Some(q), true) = (single_cell(&rel.right), has_mul_div(&rel.left)) {
        r = r.as_rounded_result(&q);
    }
    let holds = match rel.cmp {
        Comparison::Equal => l.overlaps(&r),
        Comparison::AtMost => l.can_be_at_most(&r),
        Comparison::AtLeast => r.can_be_at_most(&l),
    };
    if holds {
        Outcome::Holds
    } else {
        Outcome::Fails { left: l, right: r }
    }
}

/// The column a side of a relation is, when it is a single column.
fn single_column(e: &Expr) -> Option<usize> {
    match e {
        Expr::Figure { id, .. } => relation_column(id),
        _ => None,
    }
}

/// A cell that a relation of its row says is off, and by how much: `(stated − by the
/// relation, the value by the relation)`, for a column whose cell is the whole left side of
/// an equality (「2020年底需开工户数」 = 「2019年未开工户数」 + 「2020年计划任务户数」) that
/// fails in `row`, all exact numbers. The column check uses it to tell when a wrong total
/// is the sum of a wrong row.
pub(super) fn cell_off_by(table: &Table, row: &Row, col: usize) -> Option<(Decimal, Decimal)> {
    table.relations.iter().find_map(|rel| {
        if rel.cmp != Comparison::Equal || single_column(&rel.left) != Some(col) {
            return None;
        }
        let mut ids = Vec::new();
        expr_ids(&rel.left, &mut ids);
        expr_ids(&rel.right, &mut ids);
        let cols: Vec<usize> = ids
            .iter()
            .filter_map(|(id, _)| relation_column(id))
            .collect();
        if cols.len() != ids.len() {
            return None;
        }
        match evaluate(table, rel, &cols, row) {
            Outcome::Fails { left, right } if !left.approx && !right.approx => {
                Some((left.value.checked_sub(right.value)?, right.value))
            }
            _ => None,
        }
    })
}
