//! `policyc calc`: a subsidy rule (规则) evaluated on the typed model for an input amount,
//! in exact decimals. The branch whose bounds contain the input applies (bound words as the
//! checks read them, R301–R303); a percentage is a share of the input, capped where the
//! outcome states a cap; an input no branch covers and no 否则 catches is a gap (E0704).

pub mod roster;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Bound, Outcome, Policy, Rule};
use crate::quantity::{Dims, Quantity, QuantityError};

/// What a rule grants for one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    /// The grant in 元 (base units of the outcome), exact.
    pub amount: Decimal,
    /// The grant as notices write money: 1.95万元, 19999.995元.
    pub written: String,
    /// Index of the branch that applied; `None` for 否则.
    pub branch: Option<usize>,
    /// Why: the condition and outcome as written, 不足4万元：50%.
    pub reason: String,
    /// The arithmetic: 3.9万元 × 50% = 1.95万元.
    pub working: String,
}

/// Why a rule could not be evaluated for an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalcError {
    /// E0700: no rule of that name; the rules the file has.
    NoSuchRule { name: String, known: Vec<String> },
    /// E0701: the amount cannot be read.
    Amount { text: String },
    /// E0702: the amount measures something else than the rule's conditions.
    Unit { text: String, expected: String },
    /// E0703: a negative amount.
    Negative { text: String },
    /// E0704: no branch covers the input and the rule has no 否则.
    Gap {
        input: String,
        branches: Vec<String>,
    },
    /// E0701: the result is beyond exact decimals.
    Overflow { text: String },
}

impl CalcError {
    pub fn code(&self) -> &'static str {
        match self {
            CalcError::NoSuchRule { .. } => "E0700",
            CalcError::Amount { .. } | CalcError::Overflow { .. } => "E0701",
            CalcError::Unit { .. } => "E0702",
            CalcError::Negative { .. } => "E0703",
            CalcError::Gap { .. } => "E0704",
        }
    }

    /// The message, in a drafter's terms.
    pub fn message(&self) -> String {
        match self {
            CalcError::NoSuchRule { name, known } if known.is_empty() => {
                format!("没有名为“{name}”的规则：这个文件没有写规则")
            }
            CalcError::NoSuchRule { name, known } => {
                format!("没有名为“{name}”的规则；文件中的规则：{}", known.join("、"))
            }
            CalcError::Amount { text } => {
                format!("读不出金额“{text}”：应写作数字加单位，如 3.9万元、39999.99元")
            }
            CalcError::Unit { text, expected } => {
                format!("“{text}”的单位与规则的条件不符：条件以{expected}计")
            }
            CalcError::Negative { text } => format!("“{text}”是负数，规则的输入不能为负"),
            CalcError::Gap { input, branches } => format!(
                "{input}不在规则的任何条件之内（条件：{}），规则也没有写“否则”",
                branches.join("；")
            ),
            CalcError::Overflow { text } => format!("“{text}”算出的补贴超出了精确小数的范围"),
        }
    }
}

/// The rule named `name` in any plan of the policy.
pub fn find_rule<'p>(policy: &'p Policy, name: &str) -> Result<&'p Rule, CalcError> {
    let rules = || policy.plans.iter().flat_map(|p| p.rules.iter());
    rules()
        .find(|r| r.name == name)
        .ok_or_else(|| CalcError::NoSuchRule {
            name: name.to_string(),
            known: rules().map(|r| r.name.clone()).collect(),
        })
}

/// Reads an amount as typed: 3.9万元, 39999.99元, ３９９９９元, 60平方米, 26,441元.
pub fn parse_amount(text: &str) -> Result<Quantity, CalcError> {
    let bad = || CalcError::Amount {
        text: text.to_string(),
    };
    let trimmed = text.trim();
    let split = trimmed
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || matches!(c, '０'..='９' | '.' | '．' | ',' | '-' | '－'))
        })
        .map_or(trimmed.len(), |(i, _)| i);
    let (number, rest) = trimmed.split_at(split);
    let number = number.replace('－', "-");
    if number.is_empty() {
        return Err(bad());
    }
    let (magnitude, unit) = match rest.chars().next() {
        Some(m @ ('万' | '亿')) if rest.len() > m.len_utf8() => {
            (Some(&rest[..m.len_utf8()]), &rest[m.len_utf8()..])
        }
        _ => (None, rest),
    };
    let unit = (!unit.is_empty()).then_some(unit);
    Quantity::resolve(&number, false, magnitude, unit, false, trimmed).map_err(|e| match e {
        QuantityError::TooLarge { .. } => CalcError::Overflow {
            text: text.to_string(),
        },
        _ => bad(),
    })
}

/// The dimension the rule's conditions measure, and how it is written (元), if any bound.
fn input_dims(rule: &Rule) -> Option<(&Dims, &str)> {
    rule.branches
        .iter()
        .flat_map(|b| b.lower.iter().chain(b.upper.iter()))
        .map(|b| (&b.value.dims, b.value.base_unit.as_str()))
        .next()
}

/// Whether the rule writes money in 万 anywhere (then results of whole 元 are shown in 万元).
fn writes_wan(rule: &Rule) -> bool {
    let q_wan = |q: &Quantity| {
        q.magnitude.as_deref() == Some("万")
            || q.unit.as_deref().is_some_and(|u| u.starts_with('万'))
    };
    rule.branches.iter().any(|b| {
        b.lower
            .iter()
            .chain(b.upper.iter())
            .any(|x| q_wan(&x.value))
            || q_wan(&b.outcome.value)
    }) || rule.otherwise.as_ref().is_some_and(|o| q_wan(&o.value))
}

/// An exact amount of money written the way notices write it: in 万元 when `wan` and the
/// amount is at least 1万元 and comes out in at most four decimals of 万 (whole 元), else in 元.
/// Never rounded: 19999.995元 stays 19999.995元.
pub fn money(v: Decimal, wan: bool) -> String {
    let w = Decimal::from(10_000);
    if wan && v.abs() >= w {
        let x = (v / w).normalize();
        if x.scale() <= 4 {
            return format!("{x}万元");
        }
    }
    format!("{}元", v.normalize())
}

fn contains(b: Option<&Bound>, x: Decimal, lower: bool) -> bool {
    b.is_none_or(|b| {
        let v = b.value.value;
        if lower {
            v < x || (v == x && b.inclusive)
        } else {
            x < v || (x == v && b.inclusive)
        }
    })
}

/// A rule prepared for many evaluations: the unit check and the money style decided once.
pub struct Evaluator<'r> {
    pub rule: &'r Rule,
    dims: Option<(&'r Dims, &'r str)>,
    wan: bool,
}

impl<'r> Evaluator<'r> {
    pub fn new(rule: &'r Rule) -> Self {
        Evaluator {
            rule,
            dims: input_dims(rule),
            wan: writes_wan(rule),
        }
    }

    /// The base unit the conditions measure (元, 平方米), empty when the rule has no bounds.
    pub fn input_unit(&self) -> &str {
        self.dims.map_or("", |d| d.1)
    }

    /// Evaluates the rule for an amount as typed.
    pub fn grant_for(&self, q: &Quantity) -> Result<Grant, CalcError> {
        if let Some((dims, unit)) = self.dims {
            if &q.dims != dims {
                return Err(CalcError::Unit {
                    text: q.written.clone(),
                    expected: unit.to_string(),
                });
            }
        }
        if q.value.is_sign_negative() && !q.value.is_zero() {
            return Err(CalcError::Negative {
                text: q.written.clone(),
            });
        }
        self.grant(q.value, &q.written)
    }

    /// Which branch applies to `x` (base units): the first written whose bounds contain it.
    pub fn branch_of(&self, x: Decimal) -> Option<usize> {
        self.rule.branches.iter().position(|b| {
            contains(b.lower.as_ref(), x, true) && contains(b.upper.as_ref(), x, false)
        })
    }

    /// Evaluates the rule for `x` in base units; `shown` is how the input is written.
    pub fn grant(&self, x: Decimal, shown: &str) -> Result<Grant, CalcError> {
        let (branch, outcome, condition) = match self.branch_of(x) {
            Some(i) => {
                let b = &self.rule.branches[i];
                (Some(i), &b.outcome, b.written.as_str())
            }
            None => match &self.rule.otherwise {
                Some(o) => (None, o, "否则"),
                None => {
                    return Err(CalcError::Gap {
                        input: shown.to_string(),
                        branches: self
                            .rule
                            .branches
                            .iter()
                            .map(|b| b.written.clone())
                            .collect(),
                    })
                }
            },
        };
        let overflow = || CalcError::Overflow {
            text: shown.to_string(),
        };
        let (amount, mut working) = outcome_at(outcome, x).ok_or_else(overflow)?;
        let written = money(amount, self.wan);
        if working.is_empty() {
            working = written.clone();
        } else {
            working = format!("{shown} × {working} = {written}");
        }
        Ok(Grant {
            amount,
            written,
            branch,
            reason: format!("{condition}：{}", outcome.written),
            working,
        })
    }
}

/// The outcome's amount at x, and the share it applied (empty for a fixed amount).
fn outcome_at(o: &Outcome, x: Decimal) -> Option<(Decimal, String)> {
    let (raw, working) = if o.value.is_percent() {
        (o.value.value.checked_mul(x)?, o.value.written.clone())
    } else {
        (o.value.value, String::new())
    };
    let capped = match &o.cap {
        Some(c) if raw > c.value => c.value,
        _ => raw,
    };
    Some((capped, working))
}
