//! Figures in exact decimal arithmetic: value, magnitude, unit, and how precisely it was stated.
//!
//! Rounding follows the notices' own convention (DOMAIN.md): a plain count is exact; a figure
//! written with 万/亿 or with decimals is rounded to its last written digit and stands for the
//! interval of half a unit of that digit either side; 约/左右 mark an approximation, given a
//! tolerance of [`APPROX_TOLERANCE`] of the value (or the rounding interval, if wider).

pub mod units;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use units::{base_name, parse_unit, Dims, UnitError, UnitExpr};

/// Relative tolerance of a figure marked 约 or 左右: 5 %. Notices use these words for
/// estimates whose last digits are not meant; 5 % accepts 约141万 for anything in 134–148万
/// but still flags a figure that is off by a tenth.
pub const APPROX_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// Most significant digits accepted in one number. rust_decimal holds 28; a longer number
/// is refused with a diagnostic rather than silently rounded.
pub const MAX_DIGITS: usize = 20;

/// How precisely a figure was stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Precision {
    /// A plain count or amount: exactly this.
    Exact,
    /// Rounded to its last written digit; `step` is that digit's unit in base units.
    Rounded { step: Decimal },
    /// Marked 约 or 左右.
    Approximate,
}

/// A stated figure, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    /// As the notice writes it: 约7.1万平方米.
    pub written: String,
    /// The number as written, without magnitude: 7.1.
    pub number: Decimal,
    /// 万 or 亿 when written before the unit.
    pub magnitude: Option<String>,
    /// The unit as written (without a 万/亿 that stood before it): 平方米.
    pub unit: Option<String>,
    /// The value in base units: 71000 (平方米).
    pub value: Decimal,
    /// The base unit, e.g. 元/平方米·采暖季; empty for pure numbers and percentages.
    pub base_unit: String,
    pub dims: Dims,
    pub precision: Precision,
    /// Lowest and highest value (base units) the statement allows.
    pub low: Decimal,
    pub high: Decimal,
}

/// Why a figure could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityError {
    Number {
        text: String,
    },
    TooManyDigits {
        text: String,
        digits: usize,
    },
    /// The value, with its 万/亿 and the unit's scale applied, or its rounding interval, is
    /// beyond what exact decimals hold (about 7.9 × 10²⁸): 8000000000000亿亿元.
    TooLarge {
        written: String,
    },
    Unit(UnitError),
}

impl Quantity {
    /// Resolves a figure from its written parts.
    pub fn resolve(
        number_text: &str,
        chinese: bool,
        magnitude: Option<&str>,
        unit: Option<&str>,
        approximate: bool,
        written: &str,
    ) -> Result<Quantity, QuantityError> {
        let (number, decimals) = if chinese {
            (
                parse_chinese_numeral(number_text).ok_or_else(|| QuantityError::Number {
                    text: number_text.to_string(),
                })?,
                0,
            )
        } else {
            parse_number(number_text)?
        };
        let mag_scale = magnitude_scale(magnitude);
        let unit_expr = match unit {
            Some(u) => parse_unit(u).map_err(QuantityError::Unit)?,
            None => UnitExpr::dimensionless(),
        };
        let too_large = || QuantityError::TooLarge {
            written: written.to_string(),
        };
        let scale = mag_scale
            .checked_mul(unit_expr.scale)
            .ok_or_else(too_large)?;
        let value = number.checked_mul(scale).ok_or_else(too_large)?;
        let magnitude_in_unit = unit.is_some_and(|u| u.starts_with(['万', '亿', '萬', '億']));
        let step = Decimal::new(1, decimals)
            .checked_mul(scale)
            .ok_or_else(too_large)?;
        let precision = if approximate {
            Precision::Approximate
        } else if decimals > 0 || magnitude.is_some() || magnitude_in_unit {
            Precision::Rounded { step }
        } else {
            Precision::Exact
        };
        let (low, high) = interval(value, &precision, step).ok_or_else(too_large)?;
        Ok(Quantity {
            written: written.to_string(),
            number,
            magnitude: magnitude.map(str::to_string),
            unit: unit.map(str::to_string),
            value,
            base_unit: unit_expr.base_name(),
            dims: unit_expr.dims,
            precision,
            low,
            high,
        })
    }

    /// A figure stated in a table cell, whose unit comes from the column or the table.
    pub fn from_cell(text: &str, unit: Option<&str>) -> Result<Quantity, QuantityError> {
        let written = match unit {
            Some(u) => format!("{text}{u}"),
            None => text.to_string(),
        };
        Quantity::resolve(text, false, None, unit, false, &written)
    }

    /// The figure written with 近 or 接近 (近3万户): a little under it, down to the same
    /// margin an approximate figure has (5 %), never above it.
    pub fn just_under(mut self) -> Quantity {
        let margin = self.value.checked_mul(APPROX_TOLERANCE).map(|m| m.abs());
        if let Some(low) = margin.and_then(|m| self.value.checked_sub(m)) {
            self.precision = Precision::Approximate;
            self.low = low.min(self.value);
            self.high = self.value;
        }
        self
    }

    /// The figure written with 余 or 多 (3.6万余户, 100余户): more than it, short of the
    /// next unit of its last non-zero digit (3.6万–3.7万户, 100–200户).
    pub fn more_than(mut self) -> Quantity {
        let number = self.number.normalize();
        let place = if number.scale() > 0 {
            Decimal::new(1, number.scale())
        } else {
            let mut place = Decimal::ONE;
            let ten = Decimal::TEN;
            while !number.is_zero() && (number % (place * ten)).is_zero() {
                place *= ten;
            }
            place
        };
        let scale = if self.number.is_zero() {
            None
        } else {
            self.value.checked_div(self.number)
        };
        let high = scale
            .and_then(|s| place.checked_mul(s))
            .and_then(|step| self.value.checked_add(step));
        if let Some(high) = high {
            self.precision = Precision::Approximate;
            self.low = self.value.min(high);
            self.high = self.value.max(high);
        }
        self
    }

    /// Whether the figure was stated as a percentage.
    pub fn is_percent(&self) -> bool {
        matches!(self.unit.as_deref(), Some("%") | Some("％"))
    }
}

/// The interval a figure stands for; `None` when an end is beyond what exact decimals hold.
fn interval(value: Decimal, precision: &Precision, step: Decimal) -> Option<(Decimal, Decimal)> {
    let half = match precision {
        Precision::Exact => return Some((value, value)),
        Precision::Rounded { step } => *step / Decimal::TWO,
        Precision::Approximate => {
            let rel = value.checked_mul(APPROX_TOLERANCE)?.abs();
            (step / Decimal::TWO).max(rel)
        }
    };
    Some((value.checked_sub(half)?, value.checked_add(half)?))
}

/// Reads 26441, 26,441, 2.85, full-width digits. Returns the value and the number of decimals.
pub fn parse_number(text: &str) -> Result<(Decimal, u32), QuantityError> {
    let folded: String = text
        .chars()
        .filter(|c| *c != ',')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .collect();
    let digits = folded.chars().filter(char::is_ascii_digit).count();
    if digits > MAX_DIGITS {
        return Err(QuantityError::TooManyDigits {
            text: text.to_string(),
            digits,
        });
    }
    let decimals = folded.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    let value = folded
        .parse::<Decimal>()
        .map_err(|_| QuantityError::Number {
            text: text.to_string(),
        })?;
    Ok((value, decimals))
}

/// Reads Chinese numerals up to the thousands: 三 → 3, 十二 → 12, 两百 → 200, 一千零五 → 1005.
pub fn parse_chinese_numeral(text: &str) -> Option<Decimal> {
    let digit = |c: char| {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total: i64 = 0;
    let mut current: Option<i64> = None;
    for c in text.chars() {
        let mult = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                current = Some(digit(c)?);
                continue;
            }
        };
        total += current.unwrap_or(1) * mult;
        current = None;
    }
    total += current.unwrap_or(0);
    if text.is_empty() {
        return None;
    }
    Some(Decimal::from(total))
}

/// The unit a table heading gives in parentheses at its end: 总投资额（万元） → 万元.
pub fn heading_unit(heading: &str) -> Option<String> {
    let h = heading.trim_end();
    let inner = h
        .strip_suffix('）')
        .and_then(|x| x.rsplit_once('（'))
        .or_else(|| h.strip_suffix(')').and_then(|x| x.rsplit_once('(')))?
        .1
        .trim();
    parse_unit(inner).ok().map(|_| inner.to_string())
}

/// What a magnitude word multiplies by: 万 (萬) 10⁴, 亿 (億) 10⁸, none 1.
pub fn magnitude_scale(magnitude: Option<&str>) -> Decimal {
    match magnitude {
        Some("万" | "萬") => Decimal::from(10_000),
        Some("亿" | "億") => Decimal::from(100_000_000),
        _ => Decimal::ONE,
    }
}

/// Writes a value (in base units) the way notices write figures, choosing 万/亿 as the stated
/// figure did: 28500 户 with magnitude 万 → 2.85万户.
pub fn format_figure(value: Decimal, magnitude: Option<&str>, unit: &str) -> String {
    let divisor = magnitude_scale(magnitude);
    let n = (value / divisor).normalize();
    format!("{}{}{}", n, magnitude.unwrap_or(""), unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn magnitudes_scale_and_round() {
        let q =
            Quantity::resolve("2.85", false, Some("万"), Some("户"), false, "2.85万户").unwrap();
        assert_eq!(q.value, d("28500"));
        assert_eq!(q.precision, Precision::Rounded { step: d("100") });
        assert_eq!((q.low, q.high), (d("28450"), d("28550")));
    }

    #[test]
    fn traditional_magnitudes_are_the_same_magnitudes() {
        let q = Quantity::resolve(
            "0.2",
            false,
            Some("億"),
            Some("平方米"),
            false,
            "0.2億平方米",
        )
        .unwrap();
        assert_eq!(q.value, d("20000000"));
        assert_eq!(
            q.precision,
            Precision::Rounded {
                step: d("10000000")
            }
        );
        let q = Quantity::resolve("3.6", false, Some("萬"), Some("戶"), false, "3.6萬戶").unwrap();
        assert_eq!(q.value, d("36000"));
        assert_eq!(
            parse_unit("萬元").unwrap().scale,
            parse_unit("万元").unwrap().scale
        );
    }

    #[test]
    fn plain_counts_are_exact() {
        let q = Quantity::resolve("26441", false, None, Some("户"), false, "26441户").unwrap();
        assert_eq!(q.precision, Precision::Exact);
        assert_eq!((q.low, q.high), (q.value, q.value));
    }

    #[test]
    fn money_is_decimal() {
        let (v, _) = parse_number("39999.99").unwrap();
        assert_eq!(v * d("0.5"), d("19999.995"));
    }

    #[test]
    fn approximate_figures_get_the_documented_tolerance() {
        let q = Quantity::resolve(
            "141",
            false,
            Some("万"),
            Some("平方米"),
            true,
            "约141万平方米",
        )
        .unwrap();
        assert_eq!(q.low, d("1339500"));
        assert_eq!(q.high, d("1480500"));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese_numeral("三"), Some(d("3")));
        assert_eq!(parse_chinese_numeral("十二"), Some(d("12")));
        assert_eq!(parse_chinese_numeral("两百"), Some(d("200")));
        assert_eq!(parse_chinese_numeral("一千零五"), Some(d("1005")));
        assert_eq!(parse_chinese_numeral("年"), None);
    }

    #[test]
    fn full_width_digits_and_grouping() {
        assert_eq!(parse_number("２６,４４１").unwrap().0, d("26441"));
        assert!(matches!(
            parse_number("123456789012345678901234"),
            Err(QuantityError::TooManyDigits { .. })
        ));
    }

    #[test]
    fn figures_are_written_back_with_their_magnitude() {
        assert_eq!(format_figure(d("28500"), Some("万"), "户"), "2.85万户");
        assert_eq!(format_figure(d("580000000"), Some("亿"), "元"), "5.8亿元");
    }
}
