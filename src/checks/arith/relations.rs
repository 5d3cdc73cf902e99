//! A103: the relations (关系) between a table's columns, row by row.

use super::expressions::{eval, expr_ids, expr_text, has_mul_div, units_diag, EvalError};
use super::tables::{cell_value, column_unit, row_label, CellValue};
use super::{difference_text, soften};
use crate::checks::interval::{same_dims, Iv, Style};
use crate::checks::Findings;
use crate::diagnostics::Diagnostic;
use crate::model::{relation_column, Calc, Comparison, Expr, Table};

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
        let values: Vec<CellValue> = cols.iter().map(|c| cell_value(table, row, *c)).collect();
        if values.iter().any(|v| matches!(v, CellValue::Text))
            || values.iter().all(|v| matches!(v, CellValue::Blank))
        {
            continue;
        }
        // A blank cell is 0, in the column's unit.
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
            (Err(EvalError::Units { left, right }), _)
            | (_, Err(EvalError::Units { left, right })) => {
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
            (Ok(l), Ok(r)) => (l, r),
            _ => continue,
        };
        if !same_dims(&l.dims, &r.dims) {
            if !units_reported {
                units_reported = true;
                out.push(units_diag(
                    f,
                    &format!("表“{}”的关系", table.name),
                    &(rel.left.span(), l.dims),
                    &(rel.right.span(), r.dims),
                ));
            }
            continue;
        }
        // A single cell stating the result of a product is read as rounded to its last digit.
        let single_cell = |e: &Expr| match e {
            Expr::Figure { id, .. } => match relation_column(id).map(|c| cell_value(table, row, c))
            {
                Some(CellValue::Number(q)) => Some(q),
                _ => None,
            },
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
            continue;
        }
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
        let left_col = match &rel.left {
            Expr::Figure { id, .. } => relation_column(id),
            _ => None,
        };
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
