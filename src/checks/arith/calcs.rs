//! A105, A109: the arithmetic a notice implies (核算), and division by zero in it.

use super::expressions::{eval, expr_ids, expr_text, has_mul_div, units_diag, EvalError};
use super::{cut_to, difference_text, if_cut, overflow, soften};
use crate::checks::interval::{same_dims, usable, Iv, Style};
use crate::checks::Findings;
use crate::diagnostics::{Diagnostic, Span};
use crate::model::{Calc, Comparison, Expr, Policy};
use crate::quantity::Quantity;

/// A105: the arithmetic the notice implies must hold; A107 when its units do not agree.
pub fn calcs(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        // A 倍数 is checked by A111.
        for c in plan.calcs.iter().filter(|c| c.multiple.is_none()) {
            if let Some(d) = calc(f, c) {
                out.push(d);
            }
        }
    }
    for d in out {
        f.report(d);
    }
}

/// A109: a 核算 divides by a figure that is 0 (or, rounded, may be 0).
fn division_by_zero(f: &Findings, what: &str, c: &Calc, divisor: Span) -> Diagnostic {
    let text = f.src.get(divisor.start..divisor.end).unwrap_or("除数");
    f.new_diag(
        "A109",
        format!("{what}中除以“{text}”，而它的值为零（或按四舍五入可能为零），这个算式无法核算"),
    )
    .with_primary(divisor, "除数为零")
    .with_secondary(c.span, "这个核算")
    .with_help("请核对作除数的数字；若原文就是 0，这个核算没有意义，应请起草单位更正或删去")
}

/// The stated figure a side consists of, if it is a single figure.
pub(super) fn single<'a>(e: &'a Expr, policy: &'a Policy) -> Option<&'a Quantity> {
    match e {
        Expr::Figure { id, .. } => policy.figure(id).map(|f| &f.quantity),
        Expr::Literal { quantity, .. } => Some(quantity),
        Expr::Chain { .. } => None,
    }
}

fn calc(f: &Findings, c: &Calc) -> Option<Diagnostic> {
    let mut look = |id: &str| {
        f.policy
            .figure(id)
            .filter(|fig| usable(&fig.quantity))
            .map(|fig| Iv::of(&fig.quantity))
    };
    let what = match &c.name {
        Some(n) => format!("核算“{n}”"),
        None => "核算".to_string(),
    };
    let left = eval(&c.left, &mut look, 0);
    let right = eval(&c.right, &mut look, 0);
    let mut ids = Vec::new();
    expr_ids(&c.left, &mut ids);
    expr_ids(&c.right, &mut ids);
    // Every figure involved, labelled with its value where it is stated.
    let with_figures = |mut d: Diagnostic| {
        let mut seen = Vec::new();
        for (id, _) in &ids {
            if seen.contains(id) {
                continue;
            }
            seen.push(id);
            if let Some(fig) = f.policy.figure(id) {
                if !(c.span.start <= fig.span.start && fig.span.end <= c.span.end) {
                    d = d.with_secondary(fig.span, format!("{id} = {}", fig.quantity.written));
                }
            }
        }
        d
    };
    let (mut l, mut r) = match (left, right) {
        (Err(EvalError::Units { left, right }), _) | (_, Err(EvalError::Units { left, right })) => {
            return Some(with_figures(units_diag(f, &what, &left, &right)));
        }
        (Err(EvalError::DivisionByZero { divisor }), _)
        | (_, Err(EvalError::DivisionByZero { divisor })) => {
            return Some(with_figures(division_by_zero(f, &what, c, divisor)));
        }
        (Err(EvalError::Overflow { at }), _) | (_, Err(EvalError::Overflow { at })) => {
            return Some(with_figures(overflow(f, &what, at)));
        }
        (Ok(l), Ok(r)) => (l, r),
        _ => return None,
    };
    if !same_dims(&l.dims, &r.dims) {
        return Some(with_figures(units_diag(
            f,
            &what,
            &(c.left.span(), l.dims),
            &(c.right.span(), r.dims),
        )));
    }
    // A single figure stating the result of a product is read as rounded to its last digit.
    let ls = single(&c.left, f.policy);
    let rs = single(&c.right, f.policy);
    if let (Some(q), true) = (ls, has_mul_div(&c.right)) {
        l = l.as_rounded_result(q);
    }
    if let (Some(q), true) = (rs, has_mul_div(&c.left)) {
        r = r.as_rounded_result(q);
    }
    let holds = match c.cmp {
        Comparison::Equal => l.overlaps(&r),
        Comparison::AtMost => l.can_be_at_most(&r),
        Comparison::AtLeast => r.can_be_at_most(&l),
    };
    if holds {
        return None;
    }
    // Write both sides like the stated figure, or like a figure of the same unit.
    let want = &l.dims;
    let style = rs
        .or(ls)
        .or_else(|| {
            ids.iter()
                .filter_map(|(id, _)| f.policy.figure(id).map(|fig| &fig.quantity))
                .find(|q| same_dims(&q.dims, want))
        })
        .map_or_else(|| Style::base(&l.dims), Style::like);
    let name = |id: &str| id.to_string();
    let side = |e: &Expr, iv: &Iv, q: Option<&Quantity>| match (e, q) {
        (Expr::Chain { .. }, _) | (_, None) => {
            format!("{} 算得 {}", expr_text(e, &name), style.fmt(iv.value))
        }
        (Expr::Figure { id, .. }, Some(q)) => format!("{id} 写作 {}", q.written),
        (Expr::Literal { .. }, Some(q)) => q.written.clone(),
    };
    let cmp = match c.cmp {
        Comparison::Equal => "=",
        Comparison::AtMost => "≤",
        Comparison::AtLeast => "≥",
    };
    let detail = match c.cmp {
        Comparison::Equal => {
            let finer: Vec<Style> = ids
                .iter()
                .filter_map(|(id, _)| f.policy.figure(id).map(|fig| &fig.quantity))
                .filter(|q| same_dims(&q.dims, want))
                .map(Style::like)
                .collect();
            difference_text(&style, &finer, &r, &l)
        }
        Comparison::AtMost => format!(
            "取舍入范围内最有利的值，左边最小为 {}，仍大于右边最大的 {}",
            style.fmt(l.low),
            style.fmt(r.high)
        ),
        Comparison::AtLeast => format!(
            "取舍入范围内最有利的值，左边最大为 {}，仍小于右边最小的 {}",
            style.fmt(l.high),
            style.fmt(r.low)
        ),
    };
    let mut d = f
        .new_diag(
            "A105",
            format!(
                "{what}不成立（应有 左边 {cmp} 右边）：左边 {}，右边 {}（{detail}）",
                side(&c.left, &l, ls),
                side(&c.right, &r, rs),
            ),
        )
        .with_primary(
            // The statement up to its right side, without the description after it.
            Span::new(c.span.start, c.right.span().end.max(c.span.start)),
            format!("{} {cmp} {}", style.fmt(l.value), style.fmt(r.value)),
        );
    d = with_figures(d);
    // A single stated figure that is the other side cut off at its last digit.
    if c.cmp == Comparison::Equal {
        let cut = match (ls, rs) {
            (Some(q), None) => cut_to(q, r.value, &style.fmt(r.value)),
            (None, Some(q)) => cut_to(q, l.value, &style.fmt(l.value)),
            _ => None,
        };
        d = if_cut(d, cut);
    }
    Some(soften(
        d.with_help(
            "请逐一核对算式中的数：原文的标准、数量和金额至少有一个与其余不符；原文如此，则是通知本身的错误。\
             若算式并非原文的意思（例如补贴有封顶、或只对部分户数适用），请改写核算",
        ),
        l.approx || r.approx,
    ))
}
