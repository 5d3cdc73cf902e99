//! `policyc calc`: a subsidy rule (规则) evaluated on the typed model for one household's
//! inputs, in exact decimals (`eval`), and rosters of households run through it (`roster`).
//! The branch whose bounds contain the input applies (bound words as the checks read them,
//! R301–R303); a percentage is a share of the input, a rate (30元/平方米) is multiplied by the
//! input it is per, a cap limits the grant or the input it is written in; an input no branch
//! covers and no 否则 catches is a gap (E0704).

mod eval;
pub mod roster;

use rust_decimal::Decimal;

pub use eval::{Evaluator, Grant, Share};

use crate::model::{Outcome, Policy, Rule};
use crate::quantity::{Quantity, QuantityError};

/// Why a rule could not be evaluated for an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalcError {
    /// E0700: no rule of that name; the rules the file has.
    NoSuchRule { name: String, known: Vec<String> },
    /// E0701: the amount cannot be read.
    Amount { text: String },
    /// E0702: the amount measures something the rule does not use.
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
    /// E0708: an input the rule needs is missing, or given twice.
    Inputs { message: String },
    /// E0709: the rule's cap or rate fits neither the grant nor any input.
    RuleUnit { message: String },
}

impl CalcError {
    pub fn code(&self) -> &'static str {
        match self {
            CalcError::NoSuchRule { .. } => "E0700",
            CalcError::Amount { .. } | CalcError::Overflow { .. } => "E0701",
            CalcError::Unit { .. } => "E0702",
            CalcError::Negative { .. } => "E0703",
            CalcError::Gap { .. } => "E0704",
            CalcError::Inputs { .. } => "E0708",
            CalcError::RuleUnit { .. } => "E0709",
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
                format!("“{text}”的单位与规则不符：规则的输入以{expected}计")
            }
            CalcError::Negative { text } => format!("“{text}”是负数，规则的输入不能为负"),
            CalcError::Gap { input, branches } => format!(
                "{input}不在规则的任何条件之内（条件：{}），规则也没有写“否则”",
                branches.join("；")
            ),
            CalcError::Overflow { text } => format!("“{text}”算出的补贴超出了精确小数的范围"),
            CalcError::Inputs { message } | CalcError::RuleUnit { message } => message.clone(),
        }
    }

    /// How to put it right.
    pub fn help(&self) -> Option<&'static str> {
        Some(match self {
            CalcError::Amount { .. } => "金额写作数字加单位，如 3.9万元、39999.99元、60平方米",
            CalcError::Unit { .. } => "元 与 万元 可以混用；按规则的“对象”给出输入",
            CalcError::Negative { .. } => "费用、面积等输入不能为负，请核对这个数",
            CalcError::Gap { .. } => "请按通知原文确认这一情形应得多少，在规则中补上条件或“否则”",
            CalcError::Inputs { .. } => {
                "一户的几个输入写在一个参数里，用“、”或“；”分隔，如 3.9万元、80平方米"
            }
            CalcError::RuleUnit { .. } => "上限写作补贴的单位（3万元）或输入的单位（60平方米）",
            _ => return None,
        })
    }
}

/// A subsidy to calculate: a 规则, or a 标准 read as a rule of one outcome (its rate, with its
/// 上限 and 期限 as caps).
#[derive(Debug, Clone)]
pub struct Subsidy {
    pub rule: Rule,
    /// The caps a 标准 states beside its rate: 每户不超过162平方米, 期限 三年.
    pub caps: Vec<Quantity>,
}

impl Subsidy {
    pub fn evaluator(&self) -> Evaluator<'_> {
        Evaluator::with_caps(&self.rule, &self.caps)
    }
}

/// The rule, or the 标准, named `name` in any plan of the policy.
pub fn find_rule(policy: &Policy, name: &str) -> Result<Subsidy, CalcError> {
    let rules = || policy.plans.iter().flat_map(|p| p.rules.iter());
    if let Some(r) = rules().find(|r| r.name == name) {
        return Ok(Subsidy {
            rule: r.clone(),
            caps: Vec::new(),
        });
    }
    let rates = || policy.plans.iter().flat_map(|p| p.rates.iter());
    if let Some((rate, figure)) =
        rates().find_map(|r| Some((r, policy.figure(&r.figure)?)).filter(|(r, _)| r.name == name))
    {
        let mut written = figure.quantity.written.clone();
        if let Some(c) = &rate.cap {
            written += &format!(
                "，{}{}{}",
                c.scope.as_deref().unwrap_or(""),
                c.bound.word.as_deref().unwrap_or("不超过"),
                c.bound.value.written
            );
        }
        if let Some(t) = &rate.term {
            written += &format!("，期限{}", t.written);
        }
        let outcome = Outcome {
            written,
            value: figure.quantity.clone(),
            parts: Vec::new(),
            none: None,
            cap: None,
            span: figure.span,
        };
        return Ok(Subsidy {
            rule: Rule {
                name: rate.name.clone(),
                description: rate.description.clone(),
                input: None,
                branches: Vec::new(),
                otherwise: Some(outcome),
                examples: Vec::new(),
                notes: rate.notes.clone(),
                span: rate.span,
            },
            caps: rate
                .cap
                .iter()
                .map(|c| c.bound.value.clone())
                .chain(rate.term.iter().cloned())
                .collect(),
        });
    }
    Err(CalcError::NoSuchRule {
        name: name.to_string(),
        known: rules()
            .map(|r| r.name.clone())
            .chain(rates().map(|r| r.name.clone()))
            .collect(),
    })
}

/// Reads one household's inputs as typed, several joined by 、 or ；: 3.9万元、80平方米.
pub fn parse_inputs(text: &str) -> Result<Vec<Quantity>, CalcError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    text.split(['、', '；', ';'])
        .map(parse_amount)
        .collect::<Result<Vec<_>, _>>()
}

/// Reads an amount as typed: 3.9万元, 39999.99元, ３９９９９元, 60平方米, 26,441元, -5元.
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
    let (negative, digits) = match number.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, number.as_str()),
    };
    if digits.is_empty() || digits.contains('-') {
        return Err(bad());
    }
    let (magnitude, unit) = match rest.chars().next() {
        Some(m @ ('万' | '亿')) if rest.len() > m.len_utf8() => {
            (Some(&rest[..m.len_utf8()]), &rest[m.len_utf8()..])
        }
        _ => (None, rest),
    };
    let unit = (!unit.is_empty()).then_some(unit);
    let q =
        Quantity::resolve(digits, false, magnitude, unit, false, trimmed).map_err(|e| match e {
            QuantityError::TooLarge { .. } => CalcError::Overflow {
                text: text.to_string(),
            },
            _ => bad(),
        })?;
    if negative && !q.value.is_zero() {
        return Err(CalcError::Negative {
            text: trimmed.to_string(),
        });
    }
    Ok(q)
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

/// An exact amount in its base unit: money as [`money`], anything else as 60平方米.
pub fn amount(v: Decimal, base_unit: &str, wan: bool) -> String {
    if base_unit == "元" {
        money(v, wan)
    } else {
        format!("{}{base_unit}", v.normalize())
    }
}
