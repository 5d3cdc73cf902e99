//! A 指标 written as more than one plain figure: with bound words (80.3%以上, 不低于95%), as a
//! range (2-3个, 30%–40%) or as a product (2*12.29Km). Each becomes one quantity whose
//! interval is every value the words allow, written as the notice writes it.

use super::*;

use crate::quantity::{Precision, Quantity};

/// Bound words that make a figure a floor: the value is at least (or more than) it.
const AT_LEAST: &[&str] = &[
    "以上",
    "及以上",
    "达到",
    "不低于",
    "不少于",
    "超过",
    "高于",
    "多于",
    "大于",
    "≥",
    ">",
];

impl Lower<'_> {
    /// The quantity of a 指标, shaped as written.
    pub(super) fn figure_quantity(&mut self, f: &ast::Figure) -> Quantity {
        let Some(shape) = &f.shape else {
            return self.quantity(&f.value, &written(&f.value));
        };
        let text = shape.written.value.as_str();
        match &shape.kind {
            ast::ShapeKind::Bound { before, after } => {
                let q = self.quantity(&f.value, text);
                let word = after.as_ref().or(before.as_ref()).map(|w| w.value.as_str());
                bounded(q, word.is_some_and(|w| AT_LEAST.contains(&w)))
            }
            ast::ShapeKind::Range { high } => self.range(&f.value, high, &shape.written),
            ast::ShapeKind::Product { factors } => self.product(&f.value, factors, &shape.written),
        }
    }

    /// 2-3个: from the first end to the second, both included; a first end written without
    /// its 万/亿 and unit takes the second's (2-3万户 is 2万 to 3万户).
    fn range(
        &mut self,
        low: &ast::QuantityLit,
        high: &ast::QuantityLit,
        text: &ast::Text,
    ) -> Quantity {
        let mut low = low.clone();
        if low.unit.is_none() && low.magnitude.is_none() {
            low.magnitude = high.magnitude.clone();
            low.unit = high.unit.clone();
        }
        let lo = self.quantity(&low, &written(&low));
        let hi = self.quantity(high, &written(high));
        if !usable(&lo) || !usable(&hi) {
            return super::figures::fallback_quantity(&text.value);
        }
        if lo.dims != hi.dims {
            self.error(
                "E0120",
                format!("范围“{}”两端的单位不同，无法作为一个数", text.value),
                text.span,
                "两端单位不同",
            )
            .help = Some("范围两端写同一种单位，如 2-3个、30%–40%、2万-3万户".into());
            return super::figures::fallback_quantity(&text.value);
        }
        if lo.value > hi.value {
            self.error(
                "E0120",
                format!("范围“{}”的前一端大于后一端", text.value),
                text.span,
                "前一端大于后一端",
            )
            .help = Some("范围从小写到大，如 2-3个；请按通知原文核对".into());
            return super::figures::fallback_quantity(&text.value);
        }
        Quantity {
            written: text.value.clone(),
            precision: Precision::Approximate,
            low: lo.low.min(lo.value),
            high: hi.high.max(hi.value),
            ..lo
        }
    }

    /// 2*12.29Km: the product of the factors, one of which may carry a unit (and 万/亿); its
    /// interval is the product of the factors' intervals.
    fn product(
        &mut self,
        first: &ast::QuantityLit,
        rest: &[ast::QuantityLit],
        text: &ast::Text,
    ) -> Quantity {
        let lits: Vec<&ast::QuantityLit> = std::iter::once(first).chain(rest).collect();
        if lits.iter().filter(|q| q.unit.is_some()).count() > 1 {
            self.error(
                "E0120",
                format!("乘积“{}”中不止一个数带单位", text.value),
                text.span,
                "几个数带单位",
            )
            .help = Some("乘积写作 个数×带单位的数，如 2*12.29Km；面积等请照原文写出结果".into());
            return super::figures::fallback_quantity(&text.value);
        }
        let factors: Vec<Quantity> = lits.iter().map(|q| self.quantity(q, &written(q))).collect();
        if !factors.iter().all(usable) {
            return super::figures::fallback_quantity(&text.value);
        }
        let with_unit = lits.iter().position(|q| q.unit.is_some()).unwrap_or(0);
        let mut out = factors[with_unit].clone();
        let (mut value, mut low, mut high) = (Decimal::ONE, Decimal::ONE, Decimal::ONE);
        let mut number = out.number;
        let mut exact = true;
        for (i, q) in factors.iter().enumerate() {
            let step = (|| {
                value = value.checked_mul(q.value)?;
                low = low.checked_mul(q.low.min(q.high))?;
                high = high.checked_mul(q.high.max(q.low))?;
                if i != with_unit {
                    number = number.checked_mul(q.value)?;
                }
                Some(())
            })();
            if step.is_none() {
                self.too_large(&text.value, text.span);
                return super::figures::fallback_quantity(&text.value);
            }
            exact &= q.precision == Precision::Exact;
        }
        out.written = text.value.clone();
        out.number = number;
        out.value = value;
        out.low = low.min(high);
        out.high = high.max(low);
        out.precision = if exact {
            Precision::Exact
        } else {
            Precision::Rounded {
                step: out.high - out.low,
            }
        };
        out
    }
}

/// A figure with a bound word: a floor (80.3%以上) allows every value from it up, a ceiling
/// (不超过3万元) every value from zero to it. A floor has no top, so arithmetic that would add
/// it overflows and is skipped, as the checks skip any figure they cannot bound.
fn bounded(mut q: Quantity, at_least: bool) -> Quantity {
    if !usable(&q) {
        return q;
    }
    if at_least {
        q.low = q.low.min(q.value);
        q.high = Decimal::MAX;
    } else {
        q.low = Decimal::ZERO.min(q.low);
        q.high = q.high.max(q.value);
    }
    q.precision = Precision::Approximate;
    q
}

/// Whether a quantity was read (an unreadable one is an approximate zero with an empty
/// interval, already reported).
fn usable(q: &Quantity) -> bool {
    !(q.precision == Precision::Approximate && q.low == q.high)
}
