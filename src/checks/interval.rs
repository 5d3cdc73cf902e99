//! Interval arithmetic in exact decimals, in base units, with dimensions carried through.
//!
//! A stated figure is the set of values that could have been written that way
//! (DOMAIN.md, "Consistency with rounding"):
//!
//! - an exact figure (26441户) is the point itself. Counts are never widened: a five-row
//!   table of household counts off by 3 is off by 3 (the trap of XBRL Calculations 1.1,
//!   which reads a count as "rounded to 0 decimals", ±0.5 each);
//! - a rounded figure (2.85万户, 212万平方米, 1234.56万元) is every value that rounds to it
//!   under 四舍五入: half a unit of its last written digit below, included, up to half a
//!   unit above, excluded — `[v − h, v + h)`. So 101万 and 102万 can never be the same
//!   quantity, although the closed intervals would touch at 101.5万;
//! - an approximate figure (约, 左右) is the closed interval of
//!   [`crate::quantity::APPROX_TOLERANCE`] (5 %) either side, or its rounding interval if that
//!   is wider. Findings involving one are warnings, not errors.
//!
//! Sums of intervals are exact; a product or quotient takes the smallest and largest of the
//! endpoint products and is treated as closed (more lenient at the edges, never stricter).
//! Every operation is checked: an overflow, or a division by an interval that contains 0,
//! gives `None` and the check skips that arithmetic rather than panic.

use rust_decimal::Decimal;

use crate::quantity::{base_name, parse_unit, Dims, Precision, Quantity};

/// A set of possible values: `low..high` in base units, each end open or closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iv {
    /// The value as stated (or computed from stated values).
    pub value: Decimal,
    pub low: Decimal,
    pub high: Decimal,
    /// The low end is excluded.
    pub low_open: bool,
    /// The high end is excluded.
    pub high_open: bool,
    /// Dimensions as written (base units and exponents).
    pub dims: Dims,
    /// An approximate figure (约, 左右) went into this value.
    pub approx: bool,
}

impl Iv {
    /// The interval a stated figure stands for.
    pub fn of(q: &Quantity) -> Iv {
        let (low_open, high_open) = match q.precision {
            Precision::Exact | Precision::Approximate => (false, false),
            Precision::Rounded { .. } => {
                if q.value > Decimal::ZERO {
                    (false, true)
                } else if q.value < Decimal::ZERO {
                    (true, false)
                } else {
                    (true, true)
                }
            }
        };
        Iv {
            value: q.value,
            low: q.low.min(q.high),
            high: q.high.max(q.low),
            low_open,
            high_open,
            dims: q.dims.clone(),
            approx: q.precision == Precision::Approximate,
        }
    }

    /// An exact value.
    pub fn point(value: Decimal, dims: Dims) -> Iv {
        Iv {
            value,
            low: value,
            high: value,
            low_open: false,
            high_open: false,
            dims,
            approx: false,
        }
    }

    /// Zero, in these dimensions.
    pub fn zero(dims: Dims) -> Iv {
        Iv::point(Decimal::ZERO, dims)
    }

    /// Whether every figure that went into it was exact.
    pub fn is_point(&self) -> bool {
        self.low == self.high
    }

    /// The sum. Dimensions are the left operand's; the caller compares them first.
    pub fn add(&self, o: &Iv) -> Option<Iv> {
        self.clone().plus(o)
    }

    /// [`Iv::add`] into this interval: a running sum keeps its dimensions instead of copying
    /// them at every term.
    pub fn plus(mut self, o: &Iv) -> Option<Iv> {
        self.value = self.value.checked_add(o.value)?;
        self.low = self.low.checked_add(o.low)?;
        self.high = self.high.checked_add(o.high)?;
        self.low_open |= o.low_open;
        self.high_open |= o.high_open;
        self.approx |= o.approx;
        Some(self)
    }

    /// The negation: ends swap, and so does which of them is open.
    pub fn neg(&self) -> Iv {
        Iv {
            value: -self.value,
            low: -self.high,
            high: -self.low,
            low_open: self.high_open,
            high_open: self.low_open,
            dims: self.dims.clone(),
            approx: self.approx,
        }
    }

    /// The difference.
    pub fn sub(&self, o: &Iv) -> Option<Iv> {
        self.add(&o.neg())
    }

    /// The product: dimensions multiply, ends are the extreme endpoint products (closed).
    pub fn mul(&self, o: &Iv) -> Option<Iv> {
        let products = [
            self.low.checked_mul(o.low)?,
            self.low.checked_mul(o.high)?,
            self.high.checked_mul(o.low)?,
            self.high.checked_mul(o.high)?,
        ];
        Some(Iv {
            value: self.value.checked_mul(o.value)?,
            low: products.iter().copied().min()?,
            high: products.iter().copied().max()?,
            low_open: false,
            high_open: false,
            dims: combine(&self.dims, &o.dims, 1),
            approx: self.approx || o.approx,
        })
    }

    /// The quotient; `None` when the divisor could be 0. A quotient that does not terminate
    /// is rounded to 28 digits, so its interval is widened by a few units of the 20th
    /// significant digit to keep (a ÷ b) × b equal to a.
    pub fn div(&self, o: &Iv) -> Option<Iv> {
        if o.low <= Decimal::ZERO && o.high >= Decimal::ZERO {
            return None;
        }
        if o.value.is_zero() {
            return None;
        }
        let quotients = [
            self.low.checked_div(o.low)?,
            self.low.checked_div(o.high)?,
            self.high.checked_div(o.low)?,
            self.high.checked_div(o.high)?,
        ];
        let low = quotients.iter().copied().min()?;
        let high = quotients.iter().copied().max()?;
        let value = self.value.checked_div(o.value)?;
        let slack = value
            .abs()
            .max(high.abs())
            .max(low.abs())
            .checked_mul(Decimal::new(1, 20))?;
        Some(Iv {
            value,
            low: low.checked_sub(slack)?,
            high: high.checked_add(slack)?,
            low_open: false,
            high_open: false,
            dims: combine(&self.dims, &o.dims, -1),
            approx: self.approx || o.approx,
        })
    }

    /// Whether some value lies in both intervals: the two statements can be of the same
    /// quantity.
    pub fn overlaps(&self, o: &Iv) -> bool {
        let (lo, lo_open) = if self.low > o.low {
            (self.low, self.low_open)
        } else if o.low > self.low {
            (o.low, o.low_open)
        } else {
            (self.low, self.low_open || o.low_open)
        };
        let (hi, hi_open) = if self.high < o.high {
            (self.high, self.high_open)
        } else if o.high < self.high {
            (o.high, o.high_open)
        } else {
            (self.high, self.high_open || o.high_open)
        };
        lo < hi || (lo == hi && !lo_open && !hi_open)
    }

    /// Whether some value of `self` can be at most some value of `o`.
    pub fn can_be_at_most(&self, o: &Iv) -> bool {
        self.low < o.high || (self.low == o.high && !self.low_open && !o.high_open)
    }

    /// How far two statements may lie apart, in the direction they do, and still agree:
    /// the room above the lower value plus the room below the higher one.
    pub fn tolerance_towards(&self, o: &Iv) -> Decimal {
        if self.value <= o.value {
            (self.high - self.value).saturating_add(o.value.saturating_sub(o.low))
        } else {
            (self.value - self.low).saturating_add(o.high.saturating_sub(o.value))
        }
    }

    /// The same interval with its dimensions normalised for comparison (see [`norm_dims`]).
    pub fn norm(&self) -> Dims {
        norm_dims(&self.dims)
    }

    /// Widens an exact figure that states the result of a multiplication or division to
    /// the rounding interval of its last written digit: 26441户 × 90% = 23796.9户 is
    /// written 23797户. Other figures are returned unchanged.
    pub fn as_rounded_result(&self, q: &Quantity) -> Iv {
        if q.precision != Precision::Exact {
            return self.clone();
        }
        let Some(scale) = written_scale(q) else {
            return self.clone();
        };
        let half = Decimal::new(5, q.number.scale() + 1).saturating_mul(scale);
        let mut out = self.clone();
        out.low = self.value.saturating_sub(half);
        out.high = self.value.saturating_add(half);
        out.low_open = false;
        out.high_open = true;
        out
    }
}

fn combine(a: &Dims, b: &Dims, sign: i32) -> Dims {
    let mut out = a.clone();
    for (k, v) in b {
        *out.entry(k.clone()).or_insert(0) += sign * v;
    }
    out.retain(|_, v| *v != 0);
    out
}

/// Measure words that count discrete things. A notice adds them freely when it totals
/// heterogeneous things ("2个乡镇政府、58个村委会……29所中小学……1座全民健身中心等共计167个单位"),
/// and so does an auditor, so for arithmetic they are one dimension, 件. Households (户),
/// people (人, 名, 位, 人次), occurrences (次, 期, 轮, 批, 场, 笔) and energy (千瓦时, 度) stay
/// dimensions of their own.
const THING_WORDS: &[&str] = &[
    "个",
    "座",
    "台",
    "套",
    "辆",
    "条",
    "处",
    "所",
    "家",
    "项",
    "村",
    "片",
    "张",
    "件",
    "栋",
    "间",
    "组",
    "份",
    "幢",
    "根",
    "盏",
    "部",
    "块",
    "片区",
    "小区",
    "宗",
    "类",
    "种",
    "枚",
    "只",
    "口",
    "眼",
    "孔",
    "段",
    "单位",
    "乡镇",
    "街道",
    "行政村",
    "项目",
    "示范点",
    "公厕",
    "院落",
];

/// Dimensions as the arithmetic compares them: every measure word for things counts as 件,
/// and a heating season (采暖季) as a year — northern China heats once a year, so
/// 元/平方米·采暖季 × 平方米 × 三年 is money.
pub fn norm_dims(d: &Dims) -> Dims {
    if is_normal(d) {
        return d.clone();
    }
    let mut out = Dims::new();
    for (k, v) in d {
        let key = if THING_WORDS.contains(&k.as_str()) {
            "件"
        } else if k == "采暖季" {
            "年"
        } else {
            k.as_str()
        };
        *out.entry(key.to_string()).or_insert(0) += v;
    }
    out.retain(|_, v| *v != 0);
    out
}

/// Whether `d` is its own normal form: no measure word for things, no heating season, no
/// zero exponent — as the dimensions of most figures are.
fn is_normal(d: &Dims) -> bool {
    d.iter()
        .all(|(k, v)| *v != 0 && k != "采暖季" && !THING_WORDS.contains(&k.as_str()))
}

/// Whether two dimensions compare equal once normalised ([`norm_dims`]), without building
/// either normal form when they are equal as written or already normal.
pub fn same_dims(a: &Dims, b: &Dims) -> bool {
    a == b || ((!is_normal(a) || !is_normal(b)) && norm_dims(a) == norm_dims(b))
}

/// Dimensions written the way notices write units: 元/平方米·采暖季; 无单位 for a pure number.
pub fn dims_text(d: &Dims) -> String {
    let s = base_name(d);
    if s.is_empty() {
        "无单位（纯数或百分比）".to_string()
    } else {
        s
    }
}

/// The factor from the figure's written unit (magnitude included) to base units:
/// 万元 → 10000, % → 0.01.
pub fn written_scale(q: &Quantity) -> Option<Decimal> {
    let mag = crate::quantity::magnitude_scale(q.magnitude.as_deref());
    let unit = match q.unit.as_deref() {
        Some(u) => parse_unit(u).ok()?.scale,
        None => Decimal::ONE,
    };
    let s = mag.checked_mul(unit)?;
    (!s.is_zero()).then_some(s)
}

/// The unit of a figure's last written digit, in base units: 2.85万户 → 100, 50公里 → 1000.
pub fn last_digit(q: &Quantity) -> Option<Decimal> {
    match &q.precision {
        Precision::Rounded { step } => Some(*step),
        _ => Some(Decimal::new(1, q.number.scale()).checked_mul(written_scale(q)?)?),
    }
}

/// Whether the figure was read: a figure whose number or unit could not be read is kept
/// by the model as an approximate zero with an empty interval (and reported as E01xx);
/// arithmetic on it would only add noise.
pub fn usable(q: &Quantity) -> bool {
    !(q.precision == Precision::Approximate && q.low == q.high)
}

/// How to write computed values the way a stated figure is written: same magnitude and
/// unit, about as many decimals.
#[derive(Debug, Clone)]
pub struct Style {
    scale: Decimal,
    suffix: String,
    decimals: u32,
}

impl Style {
    /// In the manner of this figure: 2.85万户 → 万户, two decimals.
    pub fn like(q: &Quantity) -> Style {
        match written_scale(q) {
            Some(scale) => Style {
                scale,
                suffix: format!(
                    "{}{}",
                    q.magnitude.as_deref().unwrap_or(""),
                    q.unit.as_deref().unwrap_or("")
                ),
                decimals: q.number.scale(),
            },
            None => Style::base(&q.dims),
        }
    }

    /// In base units: 元, 平方米, 元/户.
    pub fn base(dims: &Dims) -> Style {
        Style {
            scale: Decimal::ONE,
            suffix: base_name(dims),
            decimals: 0,
        }
    }

    /// The same unit one magnitude down: 亿元 → 万元 (for differences too small to write in 亿).
    pub fn smaller(&self) -> Option<Style> {
        let rest = self.suffix.strip_prefix('亿')?;
        Some(Style {
            scale: self.scale.checked_div(Decimal::from(10_000))?,
            suffix: format!("万{rest}"),
            decimals: self.decimals,
        })
    }

    /// A value in base units, written in this style. Sums of stated figures come out exact
    /// (12632万元 in 亿元 is 1.2632亿元); a value with more than four decimals beyond the
    /// figure's own, as a quotient has, is rounded to two beyond and marked ≈.
    pub fn fmt(&self, value: Decimal) -> String {
        let n = match value.checked_div(self.scale) {
            Some(n) => n.normalize(),
            None => return format!("{}{}", value.normalize(), self.suffix),
        };
        if n.scale() > self.decimals + 4 {
            let keep = self.decimals + 2;
            format!("≈{}{}", n.round_dp(keep).normalize(), self.suffix)
        } else {
            format!("{}{}", n, self.suffix)
        }
    }
}

/// The tolerance part of a message: what the comparison allowed, and why it is exceeded.
pub fn tolerance_text(style: &Style, diff: Decimal, tol: Decimal, approx: bool) -> String {
    let mut s = if tol.is_zero() && approx {
        "超出所写的范围".to_string()
    } else if tol.is_zero() {
        "均为精确数，不允许误差".to_string()
    } else if diff > tol {
        format!("超出舍入允许的 ±{}", style.fmt(tol))
    } else {
        format!(
            "恰为舍入允许的上限 ±{}，但四舍五入的区间不含上端，两者仍不可能相符",
            style.fmt(tol)
        )
    };
    if approx {
        s.push_str("；其中的约数按 ±5% 计（近、接近按略少于所写的数，余、多按略多于所写的数）");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, mag: Option<&str>, unit: Option<&str>) -> Quantity {
        Quantity::resolve(text, false, mag, unit, false, text).unwrap()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn sum(items: &[Quantity]) -> Iv {
        let mut acc = Iv::zero(items[0].dims.clone());
        for i in items {
            acc = acc.add(&Iv::of(i)).unwrap();
        }
        acc
    }

    #[test]
    fn domain_examples() {
        // 12.34 + 56.78 + 90.12 (万元) = 159.24 against 159.2: consistent.
        let parts = [
            q("12.34", Some("万"), Some("元")),
            q("56.78", Some("万"), Some("元")),
            q("90.12", Some("万"), Some("元")),
        ];
        assert!(sum(&parts).overlaps(&Iv::of(&q("159.2", Some("万"), Some("元")))));
        // 300 + 400 + 297 exact against 1000户: not.
        let counts = [
            q("300", None, Some("户")),
            q("400", None, Some("户")),
            q("297", None, Some("户")),
        ];
        assert!(!sum(&counts).overlaps(&Iv::of(&q("1000", None, Some("户")))));
    }

    #[test]
    fn adjacent_rounded_figures_never_agree() {
        let a = Iv::of(&q("101", Some("万"), Some("平方米")));
        let b = Iv::of(&q("102", Some("万"), Some("平方米")));
        assert!(!a.overlaps(&b) && !b.overlaps(&a));
        let c = Iv::of(&q("1010000", None, Some("平方米")));
        assert!(a.overlaps(&c));
        // 1015000 rounds to 102万, not 101万.
        let e = Iv::of(&q("1015000", None, Some("平方米")));
        assert!(!a.overlaps(&e) && b.overlaps(&e));
    }

    #[test]
    fn products_quotients_and_zero() {
        let rate = Iv::of(&q("3500", None, Some("元/户")));
        let n = Iv::of(&q("2.85", Some("万"), Some("户")));
        let p = rate.mul(&n).unwrap();
        assert_eq!(base_name(&p.dims), "元");
        assert_eq!((p.low, p.high), (d("99575000"), d("99925000")));
        let zero = Iv::of(&q("0", None, Some("户")));
        assert!(rate.div(&zero).is_none());
        let third = Iv::of(&q("1", None, None))
            .div(&Iv::of(&q("3", None, None)))
            .unwrap();
        let back = third.mul(&Iv::of(&q("3", None, None))).unwrap();
        assert!(back.overlaps(&Iv::of(&q("1", None, None))));
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        let big = Iv::point(Decimal::MAX, Dims::new());
        assert!(big.add(&big).is_none());
        assert!(big.mul(&big).is_none());
    }

    #[test]
    fn results_of_products_are_read_as_rounded() {
        let stated = q("23797", None, Some("户"));
        let computed = Iv::of(&q("26441", None, Some("户")))
            .mul(&Iv::of(&q("90", None, Some("%"))))
            .unwrap();
        assert!(!computed.overlaps(&Iv::of(&stated)));
        assert!(computed.overlaps(&Iv::of(&stated).as_rounded_result(&stated)));
    }

    #[test]
    fn styles_follow_the_stated_figure() {
        let s = Style::like(&q("2.85", Some("万"), Some("户")));
        assert_eq!(s.fmt(d("28400")), "2.84万户");
        let p = Style::like(&q("23.97", None, Some("%")));
        assert_eq!(p.fmt(d("0.2398897")), "23.98897%");
        assert_eq!(p.fmt(d("0.23988975001")), "≈23.989%");
        let w = Style::like(&q("5454", None, Some("万元")));
        assert_eq!(w.fmt(d("54540000")), "5454万元");
        let y = Style::like(&q("1.2", Some("亿"), Some("元")));
        assert_eq!(y.fmt(d("126320000")), "1.2632亿元");
        assert_eq!(y.fmt(d("126327600.123")), "≈1.263亿元");
    }

    #[test]
    fn things_are_counted_together_households_are_not() {
        let mut a = Dims::new();
        a.insert("所".into(), 1);
        let mut b = Dims::new();
        b.insert("个".into(), 1);
        assert_eq!(norm_dims(&a), norm_dims(&b));
        let mut h = Dims::new();
        h.insert("户".into(), 1);
        assert_ne!(norm_dims(&h), norm_dims(&b));
    }
}
