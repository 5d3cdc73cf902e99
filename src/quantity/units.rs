//! Units of measure as notices write them, and their algebra.
//!
//! A unit is a product of base units with integer exponents and an exact scale to them:
//! 万平方米 = 10⁴ · 平方米, 元/平方米·采暖季 = 元 · 平方米⁻¹ · 采暖季⁻¹, % = 10⁻² (no base).
//! Measure words (户, 个, 座 …) are base units of their own: adding 户 to 平方米 is an error,
//! 万元 to 亿元 is a conversion.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::memo::{remembered, Memo};

/// Base units with the exponent of each; empty for a pure number or a percentage.
pub type Dims = BTreeMap<String, i32>;

/// A unit resolved to base units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitExpr {
    /// Factor from this unit to base units: 1 万元 = 10000 元 → 10000.
    pub scale: Decimal,
    pub dims: Dims,
}

impl UnitExpr {
    pub fn dimensionless() -> Self {
        UnitExpr {
            scale: Decimal::ONE,
            dims: Dims::new(),
        }
    }

    /// The product of two units (exponents add); `None` when the scale is beyond what exact
    /// decimals hold (亿元·亿元·亿元·亿元).
    pub fn mul(&self, other: &UnitExpr) -> Option<UnitExpr> {
        let mut dims = self.dims.clone();
        for (k, v) in &other.dims {
            *dims.entry(k.clone()).or_insert(0) += v;
        }
        dims.retain(|_, v| *v != 0);
        Some(UnitExpr {
            scale: self.scale.checked_mul(other.scale)?,
            dims,
        })
    }

    /// The quotient of two units (exponents subtract); `None` when the scale is out of range.
    pub fn div(&self, other: &UnitExpr) -> Option<UnitExpr> {
        let inv = UnitExpr {
            scale: Decimal::ONE,
            dims: other.dims.iter().map(|(k, v)| (k.clone(), -v)).collect(),
        };
        let mut r = self.mul(&inv)?;
        r.scale = if other.scale.is_zero() {
            self.scale
        } else {
            self.scale.checked_div(other.scale)?
        };
        Some(r)
    }

    /// The base unit written the way notices write compound units: 元/平方米·采暖季.
    pub fn base_name(&self) -> String {
        base_name(&self.dims)
    }
}

/// Writes dimensions as 元/平方米·采暖季 (numerator first, denominators after one slash).
pub fn base_name(dims: &Dims) -> String {
    let part = |positive: bool| {
        let mut out = Vec::new();
        for (k, v) in dims {
            let e = if positive { *v } else { -*v };
            if e > 0 {
                out.push(if e == 1 {
                    k.clone()
                } else {
                    format!("{k}^{e}")
                });
            }
        }
        out.join("·")
    };
    let num = part(true);
    let den = part(false);
    match (num.is_empty(), den.is_empty()) {
        (true, true) => String::new(),
        (false, true) => num,
        (true, false) => format!("1/{den}"),
        (false, false) => format!("{num}/{den}"),
    }
}

/// Named units: (spellings, base unit, scale as a decimal string). Reprints of notices in
/// traditional characters write 戶, 噸, 個月: the same units, so they add up with 户, 吨, 个月.
const UNITS: &[(&[&str], &str, &str)] = &[
    (&["元"], "元", "1"),
    (&["户", "戶"], "户", "1"),
    (&["平方米", "平米", "平", "㎡", "m²", "m2"], "平方米", "1"),
    (&["平方公里", "平方千米", "km²"], "平方米", "1000000"),
    (&["米", "m"], "米", "1"),
    (&["公里", "千米", "km", "Km", "KM"], "米", "1000"),
    (&["厘米", "cm"], "米", "0.01"),
    (&["毫米", "mm"], "米", "0.001"),
    (&["立方米", "m³", "m3", "方"], "立方米", "1"),
    (&["吨", "噸", "t"], "吨", "1"),
    (&["千克", "公斤", "kg"], "吨", "0.001"),
    (&["千瓦", "kW", "KW", "kw"], "千瓦", "1"),
    (&["瓦", "W"], "千瓦", "0.001"),
    (&["吉焦", "GJ"], "吉焦", "1"),
    (&["%", "％"], "", "0.01"),
    (&["‰"], "", "0.001"),
    (&["倍"], "", "1"),
    (&["年", "年度"], "年", "1"),
    (&["采暖季", "供暖季", "採暖季"], "采暖季", "1"),
    (&["个月", "個月", "月"], "月", "1"),
    (&["天", "日"], "天", "1"),
    (&["小时", "小時"], "小时", "1"),
    (&["学时", "學時"], "学时", "1"),
];

/// Measure words: each counts things of its own kind.
const MEASURE_WORDS: &[&str] = &[
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
    "人",
    "次",
    "片",
    "张",
    "件",
    "栋",
    "间",
    "名",
    "位",
    "批",
    "场",
    "块",
    "组",
    "份",
    "幢",
    "根",
    "盏",
    "部",
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
    "期",
    "轮",
    "批次",
    "人次",
    "户次",
    "笔",
    "单位",
    "乡镇",
    "街道",
    "行政村",
    "项目",
    "示范点",
    "公厕",
    "院落",
    "千瓦时",
    "度",
];

/// Why a unit could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// A component is not a unit policyc knows.
    Unknown { component: String },
    /// The unit's scale is beyond what exact decimals hold (亿元·亿元·亿元·亿元).
    TooLarge { unit: String },
}

/// Reads a unit as written, with an optional 万/亿 prefix on each factor: 户, 万元, 元/平方米·采暖季.
///
/// A notice writes a handful of units thousands of times, so each reading is remembered per
/// thread.
pub fn parse_unit(text: &str) -> Result<UnitExpr, UnitError> {
    thread_local! {
        static UNITS: Memo<Result<UnitExpr, UnitError>> = Memo::default();
    }
    remembered(&UNITS, text, read_unit)
}

fn read_unit(text: &str) -> Result<UnitExpr, UnitError> {
    let text = text.trim();
    let mut pieces = text.split(['/', '／']);
    let num = pieces.next().unwrap_or("");
    let mut unit = if num.is_empty() || num == "1" {
        UnitExpr::dimensionless()
    } else {
        product(num)?
    };
    for den in pieces {
        unit = unit
            .div(&product(den)?)
            .ok_or_else(|| UnitError::TooLarge {
                unit: text.to_string(),
            })?;
    }
    Ok(unit)
}

fn product(text: &str) -> Result<UnitExpr, UnitError> {
    let mut unit = UnitExpr::dimensionless();
    for factor in text.split(['·', '⋅', '‧', '•', '*']) {
        unit = unit
            .mul(&factor_unit(factor)?)
            .ok_or_else(|| UnitError::TooLarge {
                unit: text.to_string(),
            })?;
    }
    Ok(unit)
}

fn factor_unit(text: &str) -> Result<UnitExpr, UnitError> {
    let (scale, rest) = if let Some(r) = text.strip_prefix(['万', '萬']) {
        (Decimal::from(10_000), r)
    } else if let Some(r) = text.strip_prefix(['亿', '億']) {
        (Decimal::from(100_000_000), r)
    } else if let Some(r) = text.strip_prefix("每") {
        // 元/每户 reads as 元/户.
        (Decimal::ONE, r)
    } else {
        (Decimal::ONE, text)
    };
    let mut u = named_unit(rest).ok_or_else(|| UnitError::Unknown {
        component: text.to_string(),
    })?;
    u.scale = u
        .scale
        .checked_mul(scale)
        .ok_or_else(|| UnitError::TooLarge {
            unit: text.to_string(),
        })?;
    Ok(u)
}

fn named_unit(text: &str) -> Option<UnitExpr> {
    for (spellings, base, scale) in UNITS {
        if spellings.contains(&text) {
            let mut dims = Dims::new();
            if !base.is_empty() {
                dims.insert(base.to_string(), 1);
            }
            return Some(UnitExpr {
                scale: scale.parse().expect("unit table scales are decimals"),
                dims,
            });
        }
    }
    if MEASURE_WORDS.contains(&text) {
        let mut dims = Dims::new();
        dims.insert(text.to_string(), 1);
        return Some(UnitExpr {
            scale: Decimal::ONE,
            dims,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_units_resolve_to_base_units() {
        let u = parse_unit("元/平方米·采暖季").unwrap();
        assert_eq!(u.base_name(), "元/平方米·采暖季");
        assert_eq!(u.scale, Decimal::ONE);
        let w = parse_unit("万元").unwrap();
        assert_eq!(w.scale, Decimal::from(10_000));
        assert_eq!(w.base_name(), "元");
        let p = parse_unit("%").unwrap();
        assert!(p.dims.is_empty());
        assert_eq!(p.scale, "0.01".parse::<Decimal>().unwrap());
        assert_eq!(parse_unit("平/户").unwrap().base_name(), "平方米/户");
    }

    #[test]
    fn unknown_units_are_reported_by_component() {
        assert_eq!(
            parse_unit("元/户节能"),
            Err(UnitError::Unknown {
                component: "户节能".into()
            })
        );
    }

    #[test]
    fn traditional_spellings_are_the_same_units() {
        for (traditional, simplified) in [
            ("戶", "户"),
            ("噸", "吨"),
            ("元/戶", "元/户"),
            ("個月", "个月"),
        ] {
            let t = parse_unit(traditional).unwrap();
            let s = parse_unit(simplified).unwrap();
            assert_eq!((t.dims, t.scale), (s.dims, s.scale), "{traditional}");
        }
    }

    #[test]
    fn households_and_area_differ_in_dimension() {
        assert_ne!(
            parse_unit("户").unwrap().dims,
            parse_unit("平方米").unwrap().dims
        );
    }
}
