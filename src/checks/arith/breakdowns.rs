//! A101, A107, A108: a breakdown's total against its parts, shares against 100 %, and
//! parts of other units.

use rust_decimal::Decimal;

use super::{
    cut_to, difference_text, if_cut, overflow, part_label, soften, sum, MAX_NESTING, SUM_HELP,
    UNIT_HELP,
};
use crate::checks::interval::{dims_text, same_dims, usable, Iv, Style};
use crate::checks::missing_unit::read_in_neighbours_unit;
use crate::checks::Findings;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Breakdown, Figure};
use crate::quantity::Dims;

/// A101 (total against parts), A108 (shares against 100 %), A107 (parts of other units).
pub fn breakdowns(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for bd in &plan.breakdowns {
            walk_breakdown(f, bd, 0, &mut out);
        }
    }
    for d in out {
        f.report(d);
    }
}

fn walk_breakdown(f: &Findings, bd: &Breakdown, depth: usize, out: &mut Vec<Diagnostic>) {
    if depth > MAX_NESTING {
        return;
    }
    breakdown_sum(f, bd, depth > 0, out);
    for n in &bd.nested {
        walk_breakdown(f, n, depth + 1, out);
    }
}

/// Dimensions that order time: shares by year may be cumulative targets, not parts of 100 %.
fn is_time_dimension(dim: Option<&str>) -> bool {
    dim.is_some_and(|d| {
        ["年", "季度", "月", "阶段", "期"]
            .iter()
            .any(|w| d.contains(w))
    })
}

fn breakdown_sum(f: &Findings, bd: &Breakdown, nested: bool, out: &mut Vec<Diagnostic>) {
    let Some(parts) = bd
        .parts
        .iter()
        .map(|p| f.policy.figure(p))
        .collect::<Option<Vec<&Figure>>>()
    else {
        return;
    };
    let Some(total) = bd.total.as_ref().map(|t| f.policy.figure(t)) else {
        out.extend(breakdown_sum_as_read(f, bd, nested, &parts, None));
        return;
    };
    let Some(total) = total else { return };
    // A figure written without a unit among its neighbours' is read in their unit (A115),
    // and the sum is checked under that reading, as a warning.
    let group: Vec<&Figure> = std::iter::once(total)
        .chain(parts.iter().copied())
        .collect();
    let what = format!("“{}”", bd.id);
    let Some(reading) = read_in_neighbours_unit(f, &group, &what) else {
        out.extend(breakdown_sum_as_read(f, bd, nested, &parts, Some(total)));
        return;
    };
    let parts: Vec<&Figure> = parts.iter().map(|p| reading.figure(p)).collect();
    let total = reading.figure(total);
    out.extend(reading.warnings.iter().cloned());
    if let Some(mut d) = breakdown_sum_as_read(f, bd, nested, &parts, Some(total)) {
        if d.severity == Severity::Error {
            d.severity = Severity::Warning;
        }
        d.notes.push(format!(
            "按同组其他数的单位“{}”读原文未写单位的数后核对，故为警告",
            reading.unit
        ));
        out.push(d);
    }
}

fn breakdown_sum_as_read(
    f: &Findings,
    bd: &Breakdown,
    nested: bool,
    parts: &[&Figure],
    total: Option<&Figure>,
) -> Option<Diagnostic> {
    if parts.is_empty() || parts.iter().any(|p| !usable(&p.quantity)) {
        return None;
    }
    if total.is_some_and(|t| !usable(&t.quantity)) {
        return None;
    }
    let all_percent = parts.iter().all(|p| p.quantity.is_percent());
    let total_percent = total.is_some_and(|t| t.quantity.is_percent());
    if all_percent && !total_percent {
        if total.is_none() && is_time_dimension(bd.dimension.as_deref()) {
            return None;
        }
        return shares(f, bd, parts, total);
    }
    let total = total?;

    // Units first: parts of another kind cannot be added.
    let want = &total.quantity.dims;
    let odd: Vec<&&Figure> = parts
        .iter()
        .filter(|p| !same_dims(&p.quantity.dims, want))
        .collect();
    if !odd.is_empty() {
        let mut d = f
            .new_diag(
                "A107",
                format!(
                    "“{}”的分项与合计单位不同，不能相加：合计的单位是 {}，分项“{}”是 {}",
                    bd.id,
                    dims_text(&total.quantity.dims),
                    part_label(bd, &odd[0].id),
                    dims_text(&odd[0].quantity.dims)
                ),
            )
            .with_primary(
                odd[0].span,
                format!("单位是 {}", dims_text(&odd[0].quantity.dims)),
            )
            .with_secondary(
                total.span,
                format!("合计，单位是 {}", dims_text(&total.quantity.dims)),
            );
        for p in &odd[1..] {
            d = d.with_secondary(p.span, format!("单位是 {}", dims_text(&p.quantity.dims)));
        }
        return Some(d.with_help(UNIT_HELP));
    }

    let stated = Iv::of(&total.quantity);
    let ivs: Vec<Iv> = parts.iter().map(|p| Iv::of(&p.quantity)).collect();
    let Some(computed) = sum(&ivs, &stated.dims) else {
        return Some(overflow(f, &format!("“{}”的分项相加", bd.id), total.span));
    };
    if computed.overlaps(&stated) {
        return None;
    }
    // One part under a total is a subset ("新增200万平方米，其中农村居民42万平方米"), not the
    // whole: it can only be wrong by exceeding the total.
    if parts.len() == 1 {
        if computed.can_be_at_most(&stated) {
            return None;
        }
        let style = Style::like(&total.quantity);
        let d = f
            .new_diag(
                "A101",
                format!(
                    "“{}”的分项“{}”大于合计：分项写作 {}，合计写作 {}（{}）",
                    bd.id,
                    part_label(bd, &parts[0].id),
                    parts[0].quantity.written,
                    total.quantity.written,
                    difference_text(
                        &style,
                        &[Style::like(&parts[0].quantity)],
                        &stated,
                        &computed
                    )
                ),
            )
            .with_primary(
                parts[0].span,
                format!("分项写作 {}", parts[0].quantity.written),
            )
            .with_secondary(total.span, format!("合计写作 {}", total.quantity.written));
        return Some(soften(
            d.with_help("“其中”的一项不能大于合计：请核对原文的这两个数"),
            computed.approx || stated.approx,
        ));
    }
    let finer: Vec<Style> = parts.iter().map(|p| Style::like(&p.quantity)).collect();
    let style = Style::like(&total.quantity);
    let (what, total_label) = if nested {
        (
            format!(
                "“{}”{}的{}个分项之和与它本身不符：它写作 {}，分项之和为 {}",
                bd.id,
                bd.dimension
                    .as_deref()
                    .map_or(String::new(), |x| format!("按{x}分成")),
                parts.len(),
                total.quantity.written,
                style.fmt(computed.value)
            ),
            format!("写作 {}", total.quantity.written),
        )
    } else {
        (
            format!(
                "“{}”的合计与分项之和不符：合计写作 {}，{}个分项之和为 {}",
                bd.id,
                total.quantity.written,
                parts.len(),
                style.fmt(computed.value)
            ),
            format!("合计写作 {}", total.quantity.written),
        )
    };
    let mut d = f
        .new_diag(
            "A101",
            format!(
                "{what}（{}）",
                difference_text(&style, &finer, &stated, &computed)
            ),
        )
        .with_primary(total.span, total_label);
    for p in parts {
        d = d.with_secondary(p.span, format!("分项“{}”", part_label(bd, &p.id)));
    }
    let cut = cut_to(&total.quantity, computed.value, &style.fmt(computed.value));
    Some(soften(
        if_cut(d.with_help(SUM_HELP), cut),
        computed.approx || stated.approx,
    ))
}

/// A108: parts that are percentages of a whole must add up to 100 %.
fn shares(
    f: &Findings,
    bd: &Breakdown,
    parts: &[&Figure],
    total: Option<&Figure>,
) -> Option<Diagnostic> {
    let ivs: Vec<Iv> = parts.iter().map(|p| Iv::of(&p.quantity)).collect();
    let computed = sum(&ivs, &Dims::new())?;
    let hundred = Iv::point(Decimal::ONE, Dims::new());
    if computed.overlaps(&hundred) {
        return None;
    }
    let style = Style::like(&parts[0].quantity);
    let mut d = f
        .new_diag(
            "A108",
            format!(
                "“{}”的{}个分项都是占比，加起来应为 100%，实为 {}（{}）",
                bd.id,
                parts.len(),
                style.fmt(computed.value),
                difference_text(&style, &[], &hundred, &computed)
            ),
        )
        .with_primary(
            parts[0].span,
            format!("分项“{}”", part_label(bd, &parts[0].id)),
        );
    for p in &parts[1..] {
        d = d.with_secondary(p.span, format!("分项“{}”", part_label(bd, &p.id)));
    }
    if let Some(t) = total {
        d = d.with_secondary(t.span, "各占比所分的合计");
    }
    // More than the whole is certainly wrong; less may be a list that is not complete.
    if computed.low > Decimal::ONE || (computed.low == Decimal::ONE && computed.low_open) {
        d.severity = Severity::Error;
    }
    Some(soften(
        d.with_help(
            "各部分的占比之和应为 100%。请核对原文各占比；若原文只列了一部分，不要把它们写成“分解”的分项",
        ),
        computed.approx,
    ))
}
