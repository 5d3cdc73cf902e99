//! A111: a growth or multiple the notice states between two of its figures (倍数: 增长一倍,
//! 翻两番, 是…的两倍, 近一倍) must fit the figures, within their rounding.

use super::arith::units_diag;
use super::interval::{usable, Iv};
use super::Findings;
use crate::diagnostics::{Diagnostic, Span};
use crate::model::{Calc, Expr, Multiple};
use rust_decimal::Decimal;

/// A111: every 倍数 against the quotient of its two figures.
pub fn multiples(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for c in &plan.calcs {
            if let Some(m) = &c.multiple {
                out.extend(check(f, c, m));
            }
        }
    }
    for d in out {
        f.report(d);
    }
}

fn check(f: &Findings, c: &Calc, m: &Multiple) -> Option<Diagnostic> {
    let (Expr::Figure { id: a, .. }, Expr::Figure { id: b, .. }) = (&c.left, &c.right) else {
        return None;
    };
    let fa = f.policy.figure(a).filter(|x| usable(&x.quantity))?;
    let fb = f.policy.figure(b).filter(|x| usable(&x.quantity))?;
    let (ia, ib) = (Iv::of(&fa.quantity), Iv::of(&fb.quantity));
    let what = match &c.name {
        Some(n) => format!("倍数“{n}”"),
        None => "倍数".to_string(),
    };
    // Figures of different units are not a multiple of each other (A107, as in a 核算).
    if ia.norm() != ib.norm() {
        return Some(units_diag(
            f,
            &what,
            &(c.left.span(), ia.dims),
            &(c.right.span(), ib.dims),
        ));
    }
    // A base that may be 0 has no multiple.
    if ib.low <= Decimal::ZERO && ib.high >= Decimal::ZERO {
        return None;
    }
    let ratio = ia.div(&ib)?;
    let allowed = Iv {
        value: m.high,
        low: m.low,
        high: m.high,
        low_open: false,
        high_open: false,
        dims: ratio.dims.clone(),
        approx: false,
    };
    if ratio.overlaps(&allowed) {
        return None;
    }
    let times = ratio.value.round_dp(2).normalize();
    let growth = ratio
        .value
        .checked_sub(Decimal::ONE)
        .and_then(|g| g.checked_mul(Decimal::ONE_HUNDRED))
        .map(|g| g.round_dp(1).normalize());
    let range = if m.low == m.high {
        format!("{} 倍", m.high.normalize())
    } else {
        format!("{}～{} 倍", m.low.normalize(), m.high.normalize())
    };
    // The statement up to its words, without the description after them.
    let statement = f
        .find_in(c.span, &m.written)
        .map_or(c.span, |w| Span::new(c.span.start, w.end));
    let growth_text = growth.map_or_else(String::new, |g| format!("（增长 {g}%）"));
    Some(
        f.new_diag(
            "A111",
            format!(
                "{what}与所引的数不符：{a} 写作 {}，{b} 写作 {}，前者是后者的 {times} 倍{growth_text}，原文却说“{}”（应为 {range}）",
                fa.quantity.written, fb.quantity.written, m.written
            ),
        )
        .with_primary(statement, format!("实际为 {times} 倍"))
        .with_secondary(fa.span, format!("{a} = {}", fa.quantity.written))
        .with_secondary(fb.span, format!("{b} = {}", fb.quantity.written))
        .with_help(
            "请核对两个数和倍数的说法：增长一倍、翻一番即为原来的 2 倍，翻两番为 4 倍，“近一倍”指略少于一倍（至多少 5%）。原文如此，则是通知本身的错误",
        ),
    )
}
