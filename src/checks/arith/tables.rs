//! A102: a table's totals and subtotals against its rows; the cell reading shared with
//! the column relations.

use rust_decimal::Decimal;

use super::relations::cell_off_by;
use super::{cut_to, difference_text, if_cut, overflow, soften};
use crate::checks::interval::{same_dims, usable, Iv, Style};
use crate::checks::Findings;
use crate::diagnostics::Diagnostic;
use crate::model::{Row, RowKind, Table};
use crate::quantity::Quantity;

/// A cell as arithmetic sees it.
// A short-lived local, one per cell looked at: its size does not matter, and borrowing the
// model's quantity instead of boxing a copy is the point.
#[allow(clippy::large_enum_variant)]
pub(super) enum CellValue<'a> {
    /// The model's reading of the cell, borrowed; or a percentage read here.
    Number(std::borrow::Cow<'a, Quantity>),
    /// Empty, or a dash: nothing, which adds as 0.
    Blank,
    /// Words: the column cannot be summed in this row.
    Text,
}

fn is_blank(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "-" | "－" | "—" | "——" | "–" | "/" | "／" | "无" | "\\"
    )
}

pub(super) fn column_unit(table: &Table, col: usize) -> Option<String> {
    table
        .columns
        .get(col)
        .and_then(|c| c.unit.clone())
        .or_else(|| table.unit.clone())
}

pub(super) fn cell_value<'a>(table: &Table, row: &Row, col: usize) -> CellValue<'a> {
    let Some(cell) = row.cell(col) else {
        return CellValue::Blank;
    };
    if let Some(q) = table.value(col, cell.text) {
        return if usable(&q) {
            CellValue::Number(std::borrow::Cow::Owned(q))
        } else {
            CellValue::Text
        };
    }
    if is_blank(cell.text) {
        return CellValue::Blank;
    }
    // 30% in a cell: the model reads bare numbers only.
    let t = cell.text.trim();
    if col > 0 {
        if let Some(n) = t.strip_suffix(['%', '％']) {
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.') {
                if let Ok(q) = Quantity::from_cell(n, Some("%")) {
                    return CellValue::Number(std::borrow::Cow::Owned(q));
                }
            }
        }
    }
    CellValue::Text
}

pub(super) fn row_label(row: &Row, index: usize) -> String {
    match row.cell(0).map(|c| c.text.trim()) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => format!("第{}行", index + 1),
    }
}

/// A102: a table's total and subtotal rows against the rows they add up, column by column.
pub fn table_totals(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for table in &plan.tables {
            table_total_checks(f, table, &mut out);
        }
    }
    for d in out {
        f.report(d);
    }
}

fn table_total_checks(f: &Findings, table: &Table, out: &mut Vec<Diagnostic>) {
    let width = table.widest_row();
    for at in 0..table.rows.len() {
        let rows = table.rows_summed_by(at);
        if rows.is_empty() {
            continue;
        }
        for col in 1..width {
            if let Some(d) = column_sum(f, table, at, &rows, col) {
                out.push(d);
            }
        }
    }
}

/// A blank total cell: nothing to compare, but a column whose sum is too large to hold is
/// reported (A110) all the same.
fn blank_total_overflow(
    f: &Findings,
    table: &Table,
    at: usize,
    rows: &[usize],
    col: usize,
) -> Option<Diagnostic> {
    let mut sum: Option<Iv> = None;
    for &i in rows {
        if let CellValue::Number(q) = cell_value(table, &table.rows[i], col) {
            let iv = Iv::of(&q);
            let next = match sum.take() {
                None => Some(iv),
                Some(acc) if same_dims(&acc.dims, &iv.dims) => acc.plus(&iv),
                Some(_) => return None,
            };
            if next.is_none() {
                return Some(column_overflow(f, table, at, col));
            }
            sum = next;
        }
    }
    None
}

/// A110 for a column whose rows add up past what can be held, at the total row's cell (or the
/// row, where that cell is blank).
fn column_overflow(f: &Findings, table: &Table, at: usize, col: usize) -> Diagnostic {
    let row = &table.rows[at];
    let span = row
        .cell(col)
        .map(|c| c.span)
        .filter(|s| s.start != s.end)
        .unwrap_or(row.span);
    overflow(
        f,
        &format!(
            "表“{}”「{}」一列的各行相加",
            table.name,
            table.column_name(col)
        ),
        span,
    )
}

fn column_sum(
    f: &Findings,
    table: &Table,
    at: usize,
    rows: &[usize],
    col: usize,
) -> Option<Diagnostic> {
    let row = &table.rows[at];
    let stated_q = match cell_value(table, row, col) {
        CellValue::Number(q) => q,
        CellValue::Blank => return blank_total_overflow(f, table, at, rows, col),
        CellValue::Text => return None,
    };
    // Rates (元/户) and percentages do not add up down a column: a total row gives their
    // average or overall rate. Only a share column totalling 100% is a sum.
    if stated_q.dims.values().any(|e| *e < 0)
        || (stated_q.is_percent() && stated_q.value != Decimal::ONE)
        || heading_is_rate(table, col)
    {
        return None;
    }
    let stated = Iv::of(&stated_q);
    // The running sum (None once it overflows) and the rows added; how each row writes its
    // figure is worked out only for a finding.
    let mut computed = Some(Iv::zero(stated.dims.clone()));
    let mut parts = Vec::new();
    for &i in rows {
        match cell_value(table, &table.rows[i], col) {
            CellValue::Number(q) => {
                if !same_dims(&q.dims, &stated.dims) {
                    return None;
                }
                computed = computed.and_then(|sum| sum.plus(&Iv::of(&q)));
                parts.push((i, q));
            }
            CellValue::Blank => {}
            CellValue::Text => return None,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let Some(computed) = computed else {
        return Some(column_overflow(f, table, at, col));
    };
    if computed.overlaps(&stated) {
        return None;
    }
    let finer: Vec<Style> = parts.iter().map(|(_, q)| Style::like(q)).collect();
    let style = Style::like(&stated_q);
    let kind = if row.kind == RowKind::Total {
        "合计"
    } else {
        "小计"
    };
    let mut d = f
        .new_diag(
            "A102",
            format!(
                "表“{}”“{}”一列的{kind}写作 {}，{}行之和为 {}（{}）",
                table.name,
                table.column_name(col),
                stated_q.written,
                parts.len(),
                style.fmt(computed.value),
                difference_text(&style, &finer, &stated, &computed)
            ),
        )
        .with_primary(
            row.cell(col).map_or(row.span, |c| c.span),
            format!("{kind}写作 {}", stated_q.written),
        );
    for (i, _) in &parts {
        d = d.with_secondary(
            table.rows[*i]
                .cell(col)
                .map_or(table.rows[*i].span, |c| c.span),
            row_label(&table.rows[*i], *i),
        );
    }
    // A row whose own relation is off by exactly what the column is off by: that cell is
    // the likely slip (002's 突泉县 row, 3096 for 2197 + 896, makes the column 3 too many),
    // and the total as written agrees with the rows once it is corrected.
    if let Some(gap) = computed.value.checked_sub(stated.value) {
        let culprits: Vec<(usize, Decimal)> = parts
            .iter()
            .filter_map(|(i, _)| {
                let (off, by_relation) = cell_off_by(table, &table.rows[*i], col)?;
                (off == gap && !stated.approx && !computed.approx).then_some((*i, by_relation))
            })
            .collect();
        if let [(i, by_relation)] = culprits[..] {
            let cell = &table.rows[i];
            d = d.with_note(format!(
                "各行之和比{kind}{}的 {}，恰是“{}”一行「{}」与本表关系算得的差（写作 {}，按关系应为 {}）：\
                 多半是这一格写错了，而不是{kind}；按关系改正这一格，各行之和即为 {}，与写明的{kind}相符",
                if gap > Decimal::ZERO { "多出" } else { "少" },
                style.fmt(gap.abs()),
                row_label(cell, i),
                table.column_name(col),
                parts
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map_or(String::new(), |(_, q)| q.written.clone()),
                style.fmt(by_relation),
                stated_q.written,
            ));
        }
    }
    let cut = cut_to(&stated_q, computed.value, &style.fmt(computed.value));
    Some(soften(
        if_cut(
            d.with_help(
                "请核对原文表格这一列的合计（小计）与各行：原文如此，则是表格本身的错误，应请起草单位更正；\
                 若原文表格有未录入的行，请补全",
            ),
            cut,
        ),
        computed.approx || stated.approx,
    ))
}

/// Whether a column's heading ends in a rate unit, （元/户）: the model splits headings at
/// “/” into groups, so such a unit does not reach the cells.
fn heading_is_rate(table: &Table, col: usize) -> bool {
    let Some(h) = table.columns.get(col).map(|c| c.written.trim()) else {
        return false;
    };
    let inner = h
        .strip_suffix('）')
        .and_then(|x| x.rsplit_once('（'))
        .or_else(|| h.strip_suffix(')').and_then(|x| x.rsplit_once('(')))
        .map(|(_, u)| u.trim());
    inner
        .and_then(|u| crate::quantity::parse_unit(u).ok())
        .is_some_and(|u| u.dims.values().any(|e| *e < 0))
}
