//! A106: ratio splits (按 3:2 分配).

use rust_decimal::Decimal;

use super::{part_label, soften, MAX_NESTING};
use crate::checks::interval::{same_dims, usable, Iv, Style};
use crate::checks::Findings;
use crate::diagnostics::Diagnostic;
use crate::model::{Breakdown, Figure, RatioSpec};

/// A106: parts of a breakdown with 比例 must be in that ratio.
pub fn ratios(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        let mut stack: Vec<(&Breakdown, usize)> = plan.breakdowns.iter().map(|b| (b, 0)).collect();
        while let Some((bd, depth)) = stack.pop() {
            if depth < MAX_NESTING {
                stack.extend(bd.nested.iter().map(|n| (n, depth + 1)));
            }
            if let Some(r) = &bd.ratio {
                if let Some(d) = ratio_split(f, bd, r) {
                    out.push(d);
                }
            }
        }
    }
    out.sort_by_key(|d| d.primary_span().map(|s| s.start));
    for d in out {
        f.report(d);
    }
}

/// Whether `a / ra` and `b / rb` can be the same scale: some `x ∈ a`, `y ∈ b` with
/// `x·rb = y·ra`, checked by cross-multiplying (exact, unlike dividing by 3).
fn same_scale(a: &Iv, ra: Decimal, b: &Iv, rb: Decimal) -> Option<bool> {
    let lo = a.low.checked_mul(rb)?;
    let hi = b.high.checked_mul(ra)?;
    let lo2 = b.low.checked_mul(ra)?;
    let hi2 = a.high.checked_mul(rb)?;
    let ok1 = lo < hi || (lo == hi && !a.low_open && !b.high_open);
    let ok2 = lo2 < hi2 || (lo2 == hi2 && !b.low_open && !a.high_open);
    Some(ok1 && ok2)
}

/// Whether the parts (and the total, if any, with the whole ratio) can be in the ratio
/// `terms` at the precision written.
fn fits_ratio(
    parts: &[&Figure],
    terms: &[Decimal],
    total: Option<&Iv>,
    r_sum: Decimal,
) -> Option<bool> {
    let mut items: Vec<(Iv, Decimal)> = parts
        .iter()
        .zip(terms)
        .map(|(p, r)| (Iv::of(&p.quantity), *r))
        .collect();
    if let Some(t) = total {
        items.push((t.clone(), r_sum));
    }
    let mut consistent = true;
    for (i, (a, ra)) in items.iter().enumerate() {
        if ra.is_zero() {
            let zero = Iv::zero(a.dims.clone());
            consistent &= a.overlaps(&zero);
            continue;
        }
        for (b, rb) in items.iter().skip(i + 1) {
            if rb.is_zero() {
                continue;
            }
            consistent &= same_scale(a, *ra, b, *rb)?;
        }
    }
    Some(consistent)
}

fn ratio_split(f: &Findings, bd: &Breakdown, ratio: &RatioSpec) -> Option<Diagnostic> {
    let parts: Vec<&Figure> = bd
        .parts
        .iter()
        .map(|p| f.policy.figure(p))
        .collect::<Option<_>>()?;
    if parts.iter().any(|p| !usable(&p.quantity)) {
        return None;
    }
    let total = bd.total.as_ref().and_then(|t| f.policy.figure(t));
    let ratio_label = format!("比例 {}", ratio.written);
    if ratio.terms.len() != parts.len() {
        let mut d = f
            .new_diag(
                "A106",
                format!(
                    "“{}”要求按 {} 分配，比例有 {} 项，而分项有 {} 个，无法一一对应",
                    bd.id,
                    ratio.written,
                    ratio.terms.len(),
                    parts.len()
                ),
            )
            .with_primary(ratio.span, ratio_label);
        for p in &parts {
            d = d.with_secondary(p.span, format!("分项“{}”", part_label(bd, &p.id)));
        }
        return Some(d.with_help(
            "比例的项数应与分项个数相同。若比例只适用于其中几个分项（如市、区两级，不含居民自筹），\
             请把这几个分项写成一个嵌套的分解，把比例写在那里",
        ));
    }
    let want = &parts[0].quantity.dims;
    if parts.iter().any(|p| !same_dims(&p.quantity.dims, want)) {
        return None; // A107 reports it, when there is a total; nothing to split otherwise
    }
    let r_sum = ratio
        .terms
        .iter()
        .try_fold(Decimal::ZERO, |a, t| a.checked_add(*t))?;
    if r_sum <= Decimal::ZERO || ratio.terms.iter().any(|t| *t < Decimal::ZERO) {
        return None;
    }
    let total_iv = total
        .filter(|t| usable(&t.quantity) && same_dims(&t.quantity.dims, want))
        .map(|t| Iv::of(&t.quantity));
    let consistent = fits_ratio(&parts, &ratio.terms, total_iv.as_ref(), r_sum)?;
    if consistent {
        return None;
    }
    let approx = parts.iter().any(|p| Iv::of(&p.quantity).approx)
        || total_iv.as_ref().is_some_and(|t| t.approx);
    let (base, base_text) = match total {
        Some(t) => (t.quantity.value, format!("合计 {}", t.quantity.written)),
        None => {
            let s = parts
                .iter()
                .try_fold(Decimal::ZERO, |a, p| a.checked_add(p.quantity.value))?;
            (
                s,
                format!("分项之和 {}", Style::like(&parts[0].quantity).fmt(s)),
            )
        }
    };
    let expected: Vec<(String, String)> = parts
        .iter()
        .zip(&ratio.terms)
        .map(|(p, r)| {
            let e = base * *r / r_sum;
            (
                part_label(bd, &p.id).to_string(),
                Style::like(&p.quantity).fmt(e),
            )
        })
        .collect();
    let listed = |v: Vec<String>| v.join("、");
    let expected_text = listed(expected.iter().map(|(l, e)| format!("{l} {e}")).collect());
    let written_text = listed(
        parts
            .iter()
            .map(|p| format!("{} {}", part_label(bd, &p.id), p.quantity.written))
            .collect(),
    );
    // 3:7 where the rule says 7:3: the amounts follow the rule with its terms the other way
    // round. Either the rule or the split is written backwards, or the rule covers other
    // money than this split — the text alone cannot tell, so this is a warning.
    let reversed: Vec<Decimal> = ratio.terms.iter().rev().copied().collect();
    let backwards = reversed != ratio.terms
        && fits_ratio(&parts, &reversed, total_iv.as_ref(), r_sum) == Some(true);
    let message = if backwards {
        let terms: Vec<String> = reversed.iter().map(|t| t.normalize().to_string()).collect();
        format!(
            "“{}”的分项恰好是比例 {} 颠倒过来的 {}：原文为 {}，按比例 {} 应为 {}",
            bd.id,
            ratio.written,
            terms.join(":"),
            written_text,
            ratio.written,
            expected_text,
        )
    } else {
        format!(
            "“{}”的分项不符合比例 {}：按{}计应为 {}，原文为 {}（各数按末位四舍五入，仍找不到符合该比例的分法）",
            bd.id, ratio.written, base_text, expected_text, written_text,
        )
    };
    let mut d = f
        .new_diag("A106", message)
        .with_primary(ratio.span, ratio_label);
    for (p, (_, e)) in parts.iter().zip(&expected) {
        d = d.with_secondary(p.span, format!("按比例应为 {e}"));
    }
    if let Some(t) = total {
        d = d.with_secondary(t.span, "合计");
    }
    if backwards {
        d.severity = crate::diagnostics::Severity::Warning;
        return Some(d.with_help(
            "请核对原文：比例的先后是否写反（如市、区两级的分担），或分项是否填反；\
             若比例只适用于另一部分资金，这里的分配另有依据，可把比例从这个分解上去掉",
        ));
    }
    Some(soften(
        d.with_help(
            "请核对原文的比例和各分项金额；原文如此，则分配与规定的比例不符，应请起草单位更正",
        ),
        approx,
    ))
}
