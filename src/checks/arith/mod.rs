//! Arithmetic checks, family A1xx: every stated total against its parts, tables, restated
//! figures, the arithmetic a notice implies (核算), ratio splits, shares, and units.
//!
//! All arithmetic is on the intervals of [`super::interval`]: exact figures are points,
//! rounded figures are their 四舍五入 interval, approximate figures ±5 %. Two statements
//! disagree when no value lies in both intervals. A finding reports the stated value, the
//! computed value, the difference and the tolerance the comparison allowed, with the figures
//! written the way the notice writes them.
//!
//! Severity: the registry's default (error for what is certainly wrong) unless an
//! approximate figure (约, 左右) is involved, which makes the finding a warning — an estimate
//! may be off by more than 5 % without the notice being wrong.

mod breakdowns;
mod calcs;
mod expressions;
mod ratios;
mod relations;
mod restatements;
mod tables;

pub use breakdowns::breakdowns;
pub use calcs::calcs;
pub(super) use expressions::units_diag;
pub use ratios::ratios;
pub use relations::table_relations;
pub use restatements::restatements;
pub use tables::table_totals;

use rust_decimal::{Decimal, RoundingStrategy};

use super::interval::{last_digit, tolerance_text, Iv, Style};
use super::Findings;
use crate::diagnostics::{Diagnostic, Severity, Span};
use crate::model::Breakdown;
use crate::quantity::{Dims, Precision, Quantity};

// ───────────────────────────── shared ─────────────────────────────

/// An approximate figure makes a finding a warning: the estimate may be off, the notice
/// need not be.
fn soften(mut d: Diagnostic, approx: bool) -> Diagnostic {
    if approx && d.severity == Severity::Error {
        d.severity = Severity::Warning;
        d.notes.push(
            "涉及约数（约、左右、近、余、多）：约数本是估计，超出其范围也未必是错，故为警告".into(),
        );
    }
    d
}

/// The last segment of a part's path, as its label: 改造户数.2021年 → 2021年.
fn part_label<'a>(bd: &Breakdown, part: &'a str) -> &'a str {
    part.strip_prefix(bd.id.as_str())
        .and_then(|r| r.strip_prefix('.'))
        .unwrap_or(part)
}

/// Sums intervals that share normalised dimensions.
fn sum(ivs: &[Iv], dims: &Dims) -> Option<Iv> {
    let mut acc = Iv::zero(dims.clone());
    for iv in ivs {
        acc = acc.plus(iv)?;
    }
    Some(acc)
}

/// `相差 X；tolerance` for a stated and a computed interval, written like the stated figure,
/// or, when that needs more digits than it has (0.083207亿元), like the first of `finer` that
/// writes both exactly (832.07万元).
fn difference_text(style: &Style, finer: &[Style], stated: &Iv, computed: &Iv) -> String {
    let diff = stated.value.saturating_sub(computed.value).abs();
    let tol = computed.tolerance_towards(stated);
    let exact = |s: &Style| !s.fmt(diff).contains('≈') && !s.fmt(tol).contains('≈');
    let smaller = style.smaller();
    let style = std::iter::once(style)
        .chain(finer)
        .chain(smaller.as_ref())
        .find(|s| exact(s))
        .unwrap_or(style);
    format!(
        "相差 {}；{}",
        style.fmt(diff),
        tolerance_text(style, diff, tol, stated.approx || computed.approx)
    )
}

const SUM_HELP: &str =
    "请核对原文的合计与各分项：原文如此，则这是通知本身的错误，应请起草单位更正；\
    若原文的分项本来就没有列全（“其中”只列了一部分），不要把它们写成“分解”的分项";

const UNIT_HELP: &str = "户、平方米、元等是不同的量，不能相加、相减或比较；\
    元/户 × 户 = 元，元/平方米 × 平方米 = 元。万元与亿元、平方米与万平方米之间会自动换算。\
    请核对原文的单位和算式";

/// Nesting is bounded by the grammar's own limit; this guards against a cyclic model.
const MAX_NESTING: usize = 64;

/// A110: a computed value (a 核算, a sum of parts or of a column) beyond what exact decimals
/// hold (28 significant digits): reported, and that one comparison is skipped.
fn overflow(f: &Findings, what: &str, at: Span) -> Diagnostic {
    f.new_diag(
        "A110",
        format!("{what}的结果位数过多（超过 28 位有效数字），无法精确计算，未能核对"),
    )
    .with_primary(at, "算到这里超出范围")
    .with_help(
        "请核对算式中的数字和单位（如 亿亿元、万万元 多写了一个数量级）；金额可用万元、亿元表示",
    )
}

/// The note for a stated figure that is `value` cut off at the stated figure's last digit.
fn cut_to(stated: &Quantity, value: Decimal, value_text: &str) -> Option<String> {
    let step = last_digit(stated)?;
    if stated.precision == Precision::Approximate || step.is_zero() {
        return None;
    }
    let units = value.checked_div(step)?;
    if units.trunc().checked_mul(step)? != stated.value || units.fract().is_zero() {
        return None;
    }
    let rounded = units
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .checked_mul(step)?;
    let style = Style::like(stated);
    let value_text = match (value_text, style.smaller()) {
        (t, Some(smaller)) if t.contains('≈') && !smaller.fmt(value).contains('≈') => {
            smaller.fmt(value)
        }
        (t, _) => t.to_string(),
    };
    Some(format!(
        "{value_text} 截去尾数正是 {}，按四舍五入应写作 {}：原文可能是截尾取整，故为警告",
        stated.written,
        Style::like(stated).fmt(rounded)
    ))
}

/// Downgrades a finding to a warning when the stated figure is the computed one cut off.
fn if_cut(mut d: Diagnostic, note: Option<String>) -> Diagnostic {
    if let Some(n) = note {
        if d.severity == Severity::Error {
            d.severity = Severity::Warning;
        }
        d.notes.push(n);
    }
    d
}
