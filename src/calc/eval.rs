//! A rule prepared for many evaluations: which inputs it needs (by dimension: the conditions'
//! 元, a rate's 平方米, a cap's 年), the unit of its grant, and for one household's inputs the
//! branch that applies, the grant in exact decimals and who pays which part of it.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{amount, CalcError};
use crate::model::{Bound, Outcome, Rule};
use crate::quantity::{base_name, Dims, Quantity};

/// What a rule grants one household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    /// The grant in base units of `unit`, exact.
    pub amount: Decimal,
    /// The base unit of the grant: 元 for money.
    pub unit: String,
    /// The grant as the notice writes it: 1.95万元, 19999.995元, 不予补贴.
    pub written: String,
    /// Index of the branch that applied; `None` for 否则.
    pub branch: Option<usize>,
    /// Why: the condition and outcome as written, 不足4万元：50%.
    pub reason: String,
    /// The arithmetic: 3.9万元 × 50% = 1.95万元.
    pub working: String,
    /// Who pays which part, when the notice names the payers of this outcome.
    pub shares: Vec<Share>,
    /// The other branches whose conditions also contain the input (an overlap, R302): the
    /// first written applies.
    pub overlap: Vec<usize>,
}

/// A part of a grant and who pays it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    pub source: String,
    pub amount: Decimal,
    pub written: String,
}

/// The grant for one household, before anything is written out (the fast path of rosters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    pub amount: Decimal,
    pub branch: Option<usize>,
    /// How many other branches contain the input too.
    pub overlaps: usize,
    /// Each part's amount, in the order of the outcome's parts; empty when the outcome names
    /// no payer or a cap makes the parts disagree with the grant.
    pub shares: Vec<Decimal>,
    /// A cap applied: to the grant, or to the input the share or rate applies to.
    pub capped: bool,
}

/// How an outcome turns inputs into a grant.
#[derive(Debug, Clone)]
enum Kind {
    /// 不予补贴.
    Nothing,
    /// A fixed amount (3万元, 3500元/户 per household).
    Fixed(Decimal),
    /// A share of the conditions' input (input 0).
    Share(Decimal),
    /// A rate on the inputs it is per (12元/平方米·采暖季: area and seasons; indices into the
    /// needed inputs).
    Rate(Decimal, Vec<usize>),
}

#[derive(Debug, Clone)]
struct Prepared {
    kind: Kind,
    /// A cap on the grant.
    grant_cap: Option<Decimal>,
    /// Caps on inputs the share or rate applies to: (input, cap, as written).
    input_caps: Vec<(usize, Decimal, String)>,
    /// A defect of the rule found when preparing it, reported when this outcome applies.
    defect: Option<String>,
}

/// Dimensions compared with one heating season counted as one year: a term of 三年 limits a
/// rate per 采暖季 to three seasons.
fn same_measure(a: &Dims, b: &Dims) -> bool {
    let fold = |d: &Dims| -> Dims {
        d.iter()
            .map(|(k, v)| {
                (
                    if k == "年" {
                        "采暖季".to_string()
                    } else {
                        k.clone()
                    },
                    *v,
                )
            })
            .collect()
    };
    a == b || fold(a) == fold(b)
}

/// A condition of a branch on another input (且): the input, and its lower and upper bound.
type Also<'r> = (usize, Option<&'r Bound>, Option<&'r Bound>);

/// A rule prepared for many evaluations.
pub struct Evaluator<'r> {
    pub rule: &'r Rule,
    /// The dimensions of each input the rule needs; the conditions' input first, if any.
    needed: Vec<Dims>,
    /// Whether the rule has conditions (then `needed[0]` is their input).
    conditioned: bool,
    /// Per branch, its conditions on other inputs (且): (input, lower, upper).
    extra: Vec<Vec<Also<'r>>>,
    /// The base unit of the grant.
    unit: String,
    wan: bool,
    branches: Vec<Prepared>,
    otherwise: Option<Prepared>,
}

fn money_dims() -> Dims {
    Dims::from([("元".to_string(), 1)])
}

/// A unit per household (元/户) is a fixed amount for each household: the 户 is dropped.
fn per_household(dims: &Dims) -> Dims {
    let mut d = dims.clone();
    if d.get("户") == Some(&-1) {
        d.remove("户");
    }
    d
}

/// The numerator and denominator of a unit: 元/平方米 → (元, 平方米).
fn split_dims(dims: &Dims) -> (Dims, Dims) {
    let num = dims
        .iter()
        .filter(|(_, v)| **v > 0)
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    let den = dims
        .iter()
        .filter(|(_, v)| **v < 0)
        .map(|(k, v)| (k.clone(), -*v))
        .collect();
    (num, den)
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

/// Whether the rule writes money in 万 anywhere (then results of whole 元 are shown in 万元).
fn writes_wan(rule: &Rule) -> bool {
    let q_wan = |q: &Quantity| {
        q.magnitude.as_deref() == Some("万")
            || q.unit.as_deref().is_some_and(|u| u.starts_with('万'))
    };
    let outcome_wan = |o: &Outcome| {
        q_wan(&o.value)
            || o.parts.iter().any(|p| q_wan(&p.value))
            || o.cap.as_ref().is_some_and(q_wan)
    };
    rule.branches.iter().any(|b| {
        b.lower
            .iter()
            .chain(b.upper.iter())
            .any(|x| q_wan(&x.value))
            || outcome_wan(&b.outcome)
    }) || rule.otherwise.as_ref().is_some_and(outcome_wan)
}

impl<'r> Evaluator<'r> {
    pub fn new(rule: &'r Rule) -> Self {
        Evaluator::with_caps(rule, &[])
    }

    /// A rule with caps stated beside it (a 标准's 上限 and 期限), applied to every outcome:
    /// on the grant, or on the input of the same measure; a 期限 that matches no input is only
    /// shown.
    pub fn with_caps(rule: &'r Rule, extra: &[Quantity]) -> Self {
        let cond = rule
            .branches
            .iter()
            .flat_map(|b| b.lower.iter().chain(b.upper.iter()))
            .map(|b| b.value.dims.clone())
            .next();
        let mut needed: Vec<Dims> = cond.iter().cloned().collect();
        let outcomes = || {
            rule.branches
                .iter()
                .map(|b| &b.outcome)
                .chain(rule.otherwise.iter())
        };
        // The grant's unit: a fixed amount's, a rate's numerator, a share's input's.
        let unit_dims = outcomes()
            .filter(|o| o.none.is_none())
            .find_map(|o| {
                if o.value.is_percent() {
                    cond.clone()
                } else {
                    Some(split_dims(&per_household(&o.value.dims)).0)
                }
            })
            .unwrap_or_else(money_dims);
        let mut need = |d: Dims| match needed.iter().position(|n| *n == d) {
            Some(i) => i,
            None => {
                needed.push(d);
                needed.len() - 1
            }
        };
        let also: Vec<Vec<Also>> = rule
            .branches
            .iter()
            .map(|b| {
                b.also
                    .iter()
                    .filter_map(|(lo, hi)| {
                        let dims = lo.as_ref().or(hi.as_ref())?.value.dims.clone();
                        Some((need(dims), lo.as_ref(), hi.as_ref()))
                    })
                    .collect()
            })
            .collect();
        let mut prepare = |o: &Outcome| -> Prepared {
            let mut defect = None;
            let (kind, uses) = if o.none.is_some() {
                (Kind::Nothing, Vec::new())
            } else if o.value.is_percent() {
                if cond.is_none() {
                    defect = Some(format!(
                        "结果“{}”是百分比，但规则没有条件，不知是谁的百分比",
                        o.written
                    ));
                }
                (
                    Kind::Share(o.value.value),
                    cond.iter().map(|c| (0, c.clone())).collect(),
                )
            } else {
                let (_, den) = split_dims(&per_household(&o.value.dims));
                if den.values().any(|&e| e != 1) {
                    defect = Some(format!("结果“{}”的单位无法按输入计算", o.written));
                }
                let uses: Vec<(usize, Dims)> = den
                    .keys()
                    .map(|k| {
                        let d = Dims::from([(k.clone(), 1)]);
                        (need(d.clone()), d)
                    })
                    .collect();
                if uses.is_empty() {
                    (Kind::Fixed(o.value.value), uses)
                } else {
                    let idx = uses.iter().map(|u| u.0).collect();
                    (Kind::Rate(o.value.value, idx), uses)
                }
            };
            let mut p = Prepared {
                kind,
                grant_cap: None,
                input_caps: Vec::new(),
                defect: None,
            };
            let caps = o
                .cap
                .iter()
                .map(|c| (c, true))
                .chain(extra.iter().map(|c| (c, false)));
            for (c, must_fit) in caps {
                let d = per_household(&c.dims);
                // Caps of every outcome share the needed list; look the input up by measure.
                let input = uses.iter().find(|(_, n)| same_measure(n, &d)).map(|u| u.0);
                if d == unit_dims && !matches!(p.kind, Kind::Nothing) {
                    p.grant_cap = Some(p.grant_cap.map_or(c.value, |g: Decimal| g.min(c.value)));
                } else if let Some(i) = input {
                    p.input_caps.push((i, c.value, c.written.clone()));
                } else if must_fit && o.none.is_none() {
                    defect = Some(format!(
                        "结果“{}”的上限{}既不是补贴的单位（{}），也不是它所按的输入的单位",
                        o.written,
                        c.written,
                        base_name(&unit_dims)
                    ));
                }
            }
            p.defect = defect;
            p
        };
        let branches = rule.branches.iter().map(|b| prepare(&b.outcome)).collect();
        let otherwise = rule.otherwise.as_ref().map(&mut prepare);
        Evaluator {
            rule,
            conditioned: cond.is_some(),
            extra: also,
            needed,
            unit: base_name(&unit_dims),
            wan: writes_wan(rule),
            branches,
            otherwise,
        }
    }

    /// The base unit of each input the rule needs (元, 平方米), the conditions' input first.
    pub fn input_units(&self) -> Vec<String> {
        self.needed.iter().map(base_name).collect()
    }

    /// The dimensions of each input the rule needs.
    pub fn needed(&self) -> &[Dims] {
        &self.needed
    }

    /// The base unit of the grant (元).
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// Whether amounts of money are written in 万元 where they come out whole.
    pub fn wan(&self) -> bool {
        self.wan
    }

    /// Assigns typed inputs to the inputs the rule needs, by dimension.
    pub fn assign(&self, inputs: &[Quantity]) -> Result<Vec<Option<Decimal>>, CalcError> {
        let mut values = vec![None; self.needed.len()];
        for q in inputs {
            if q.value.is_sign_negative() && !q.value.is_zero() {
                return Err(CalcError::Negative {
                    text: q.written.clone(),
                });
            }
            let at = self
                .needed
                .iter()
                .position(|d| d == &q.dims)
                .or_else(|| self.needed.iter().position(|d| same_measure(d, &q.dims)));
            match at {
                Some(i) if values[i].is_some() => {
                    return Err(CalcError::Inputs {
                        message: format!(
                            "给了两个以{}计的输入（其一是“{}”），规则只用一个",
                            base_name(&q.dims),
                            q.written
                        ),
                    })
                }
                Some(i) => values[i] = Some(q.value),
                None if self.needed.is_empty() => {}
                None => {
                    return Err(CalcError::Unit {
                        text: q.written.clone(),
                        expected: self.input_units().join("、"),
                    })
                }
            }
        }
        Ok(values)
    }

    /// The branches whose conditions all hold for the inputs, in the order written; `x` is
    /// the conditions' input (base units).
    pub fn branches_at<'a>(
        &'a self,
        x: Decimal,
        values: &'a [Option<Decimal>],
    ) -> impl Iterator<Item = usize> + 'a {
        let within = |lo: Option<&Bound>, hi: Option<&Bound>, v: Decimal| {
            contains(lo, v, true) && contains(hi, v, false)
        };
        self.rule
            .branches
            .iter()
            .enumerate()
            .filter_map(move |(i, b)| {
                let more = self.extra[i]
                    .iter()
                    .all(|&(k, lo, hi)| values[k].is_some_and(|v| within(lo, hi, v)));
                (within(b.lower.as_ref(), b.upper.as_ref(), x) && more).then_some(i)
            })
    }

    fn missing(&self, i: usize) -> CalcError {
        CalcError::Inputs {
            message: format!("缺少以{}计的输入：规则按它计算", base_name(&self.needed[i])),
        }
    }

    /// The grant for inputs assigned by [`Evaluator::assign`]; `shown` names the input in a
    /// gap or an overflow (called only then: a roster does not write every input out).
    pub fn compute(
        &self,
        values: &[Option<Decimal>],
        shown: &dyn Fn() -> String,
    ) -> Result<Computed, CalcError> {
        let (branch, overlaps) = if self.conditioned {
            let x = values[0].ok_or_else(|| self.missing(0))?;
            if let Some(&(k, _, _)) = self.extra.iter().flatten().find(|e| values[e.0].is_none()) {
                return Err(self.missing(k));
            }
            let mut at = self.branches_at(x, values);
            let first = at.next();
            (first, at.count())
        } else {
            (None, 0)
        };
        let (outcome, prepared) = match branch {
            Some(i) => (&self.rule.branches[i].outcome, &self.branches[i]),
            None => match (&self.rule.otherwise, &self.otherwise) {
                (Some(o), Some(p)) => (o, p),
                _ => {
                    return Err(CalcError::Gap {
                        input: shown(),
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
        if let Some(d) = &prepared.defect {
            return Err(CalcError::RuleUnit { message: d.clone() });
        }
        let overflow = || CalcError::Overflow { text: shown() };
        let mut capped = false;
        let mut input = |i: usize| -> Result<Decimal, CalcError> {
            let v = values[i].ok_or_else(|| self.missing(i))?;
            Ok(match prepared.input_caps.iter().find(|c| c.0 == i) {
                Some(&(_, c, _)) if v > c => {
                    capped = true;
                    c
                }
                _ => v,
            })
        };
        let raw = match &prepared.kind {
            Kind::Nothing => Decimal::ZERO,
            Kind::Fixed(v) => *v,
            Kind::Share(s) => s.checked_mul(input(0)?).ok_or_else(overflow)?,
            Kind::Rate(r, uses) => {
                let mut v = *r;
                for &i in uses {
                    v = v.checked_mul(input(i)?).ok_or_else(overflow)?;
                }
                v
            }
        };
        let amount = match prepared.grant_cap {
            Some(c) if raw > c => {
                capped = true;
                c
            }
            _ => raw,
        };
        let shares = match outcome.parts.as_slice() {
            [] => Vec::new(),
            [_] => vec![amount],
            parts if !capped => parts.iter().map(|p| p.value.value).collect(),
            _ => Vec::new(),
        };
        Ok(Computed {
            amount,
            branch,
            overlaps,
            shares,
            capped,
        })
    }

    /// Evaluates the rule for one household's inputs as typed.
    pub fn grant_for(&self, inputs: &[Quantity]) -> Result<Grant, CalcError> {
        let values = self.assign(inputs)?;
        let shown: Vec<&str> = inputs.iter().map(|q| q.written.as_str()).collect();
        let shown = shown.join("、");
        let c = self.compute(&values, &|| shown.clone())?;
        let (outcome, condition) = match c.branch {
            Some(i) => (
                &self.rule.branches[i].outcome,
                self.rule.branches[i].written.as_str(),
            ),
            None => (
                self.rule
                    .otherwise
                    .as_ref()
                    .expect("compute found an outcome"),
                if self.conditioned { "否则" } else { "" },
            ),
        };
        let written = self.written(c.amount, outcome);
        let working = self.working(&c, outcome, inputs, &values, &written);
        let overlap = match c.branch {
            Some(i) if c.overlaps > 0 => values[0]
                .map(|x| self.branches_at(x, &values).filter(|&j| j != i).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let shares = outcome
            .parts
            .iter()
            .zip(&c.shares)
            .map(|(p, &a)| Share {
                source: p.source.clone().unwrap_or_else(|| "未写来源".into()),
                amount: a,
                written: amount(a, &self.unit, self.wan),
            })
            .collect();
        Ok(Grant {
            amount: c.amount,
            unit: self.unit.clone(),
            written,
            branch: c.branch,
            reason: if condition.is_empty() {
                outcome.written.clone()
            } else {
                format!("{condition}：{}", outcome.written)
            },
            working,
            shares,
            overlap,
        })
    }

    /// The grant as the notice writes it: in its words when it grants nothing.
    pub fn written(&self, v: Decimal, outcome: &Outcome) -> String {
        match &outcome.none {
            Some(words) => words.clone(),
            None => amount(v, &self.unit, self.wan),
        }
    }

    /// The arithmetic that gave the grant.
    fn working(
        &self,
        c: &Computed,
        o: &Outcome,
        inputs: &[Quantity],
        values: &[Option<Decimal>],
        written: &str,
    ) -> String {
        let prepared = match c.branch {
            Some(i) => &self.branches[i],
            None => self.otherwise.as_ref().expect("compute found an outcome"),
        };
        let input_shown = |i: usize| {
            let v = values[i].unwrap_or_default();
            match prepared.input_caps.iter().find(|c| c.0 == i) {
                Some((_, c, w)) if v > *c => format!("按上限{w}"),
                _ => inputs
                    .iter()
                    .find(|q| q.value == v && same_measure(&q.dims, &self.needed[i]))
                    .map_or_else(
                        || amount(v, &base_name(&self.needed[i]), self.wan),
                        |q| q.written.clone(),
                    ),
            }
        };
        let product = match &prepared.kind {
            Kind::Nothing => return written.to_string(),
            Kind::Fixed(_) if o.parts.len() > 1 => {
                let parts: Vec<String> = o.parts.iter().map(|p| p.value.written.clone()).collect();
                return format!("{} = {}", parts.join(" + "), written);
            }
            Kind::Fixed(_) if !c.capped => return written.to_string(),
            Kind::Fixed(_) => o.value.written.clone(),
            Kind::Share(_) => format!("{} × {}", input_shown(0), o.value.written),
            Kind::Rate(_, uses) => {
                let on: Vec<String> = uses.iter().map(|&i| input_shown(i)).collect();
                format!("{} × {}", on.join(" × "), o.value.written)
            }
        };
        match prepared.grant_cap {
            Some(cap) if c.capped && c.amount == cap => {
                let cap_shown = o
                    .cap
                    .as_ref()
                    .map_or_else(|| amount(cap, &self.unit, self.wan), |q| q.written.clone());
                format!("{product}，超过上限{cap_shown}，按{written}")
            }
            _ => format!("{product} = {written}"),
        }
    }
}
