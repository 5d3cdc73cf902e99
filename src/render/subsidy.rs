//! 补贴测算表: every subsidy rule of a policy as a table for the notice's annex, subsidy.md and
//! one sheet per rule of subsidy.xlsx.
//!
//! A table has two parts. The **标准** rows print the rule as the notice states it: each
//! condition in its words (达到4万元以上), what it grants (3万元, 50%), and each payer's part
//! where the notice names payers (中央3500元 / 地方1800元). The **测算** rows run the rule
//! (`calc::Evaluator`, exact decimals) at the amounts a reader checks a rule at: one base
//! unit below, at and above every bound of its conditions, and the inputs of its worked
//! examples (例：), each with the condition that applied and the arithmetic. A rule that needs
//! several inputs (conditions joined by 且, a rate on an area beside a condition on cost) is
//! run at its examples only. An input no condition
//! covers is printed as such: finding that gap is R301's work, and the table does not hide it.
//!
//! Nothing is written for a policy without rules.

use anyhow::Context;
use rust_decimal::Decimal;
use serde::Serialize;

use super::xlsx::{self, Grid};
use super::{Output, RenderInput};
use crate::calc::{amount, parse_amount, Evaluator};
use crate::model::{Outcome, Policy, Rule};
use crate::quantity::Quantity;

/// How the table names a rule's 否则: the inputs no condition names.
const OTHERWISE: &str = "其他情形";

/// Every rule of a policy, as the template sees them.
#[derive(Debug, Serialize)]
pub struct SubsidyView {
    /// The policy's title (its first plan's).
    pub title: String,
    pub rules: Vec<RuleTable>,
}

/// The table of one rule.
#[derive(Debug, Serialize)]
pub struct RuleTable {
    /// 1, 2, 3 … through the file.
    pub number: usize,
    pub name: String,
    /// 改造补贴测算表: the rule's name and 测算表.
    pub caption: String,
    /// What the rule is, as its description says (每处院落改造费用补贴).
    pub description: Option<String>,
    /// What the conditions measure (核定改造费用（每处院落）): the heading of the condition
    /// column; 条件 when the rule does not say.
    pub input: String,
    /// The payers the rule's outcomes name, in the order first named.
    pub sources: Vec<String>,
    pub bands: Vec<BandRow>,
    pub worked: Vec<WorkedRow>,
}

/// One condition of a rule and what it grants.
#[derive(Debug, Serialize)]
pub struct BandRow {
    pub number: usize,
    /// The condition as written; 其他情形 for 否则, empty for a rule without conditions.
    pub condition: String,
    /// The grant as written: 3万元, 50%，最高不超过8000元, 不予补贴.
    pub grant: String,
    /// Each payer's part, one per `RuleTable::sources` (empty where this outcome names none).
    pub shares: Vec<String>,
}

/// The rule run at one input.
#[derive(Debug, Serialize)]
pub struct WorkedRow {
    /// The input(s), as the notice writes amounts: 39999元, 4万元.
    pub input: String,
    /// The condition that applied and its outcome (不足4万元：50%), or why none did.
    pub applies: String,
    /// The grant: 19999.5元; empty when no condition applies.
    pub grant: String,
    pub shares: Vec<String>,
    /// The arithmetic: 39999元 × 50% = 19999.5元.
    pub working: String,
}

/// subsidy.md and subsidy.xlsx, when the policy has rules.
pub fn write(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    let view = subsidy_view(input.policy);
    if view.rules.is_empty() {
        return Ok(Vec::new());
    }
    let md = input
        .templates
        .render("subsidy.md.j2", &view)
        .context("subsidy.md.j2")?;
    Ok(vec![
        ("subsidy.md".to_string(), md.into_bytes()),
        ("subsidy.xlsx".to_string(), subsidy_xlsx(&view)?),
    ])
}

/// Builds the view from the model.
pub fn subsidy_view(policy: &Policy) -> SubsidyView {
    let rules = policy
        .plans
        .iter()
        .flat_map(|p| p.rules.iter())
        .enumerate()
        .map(|(i, r)| rule_table(r, i + 1))
        .collect();
    SubsidyView {
        title: super::policy_title(policy),
        rules,
    }
}

fn rule_table(rule: &Rule, number: usize) -> RuleTable {
    let outcomes = || {
        rule.branches
            .iter()
            .map(|b| &b.outcome)
            .chain(rule.otherwise.iter())
    };
    let mut sources: Vec<String> = Vec::new();
    for o in outcomes() {
        for p in &o.parts {
            if let Some(s) = &p.source {
                if !sources.contains(s) {
                    sources.push(s.clone());
                }
            }
        }
    }
    let share_cells = |o: &Outcome| -> Vec<String> {
        sources
            .iter()
            .map(|s| {
                o.parts
                    .iter()
                    .find(|p| p.source.as_ref() == Some(s))
                    .map(|p| p.value.written.clone())
                    .unwrap_or_default()
            })
            .collect()
    };
    let bands: Vec<BandRow> = rule
        .branches
        .iter()
        .map(|b| (b.written.clone(), &b.outcome))
        .chain(rule.otherwise.iter().map(|o| {
            let condition = if rule.branches.is_empty() {
                String::new()
            } else {
                OTHERWISE.to_string()
            };
            (condition, o)
        }))
        .enumerate()
        .map(|(i, (condition, o))| BandRow {
            number: i + 1,
            condition,
            grant: o.written.clone(),
            shares: share_cells(o),
        })
        .collect();
    let worked = worked_rows(rule, &sources);
    RuleTable {
        number,
        name: rule.name.clone(),
        caption: format!("{}测算表", rule.name),
        description: rule.description.clone(),
        input: rule.input.clone().unwrap_or_else(|| "条件".to_string()),
        sources,
        bands,
        worked,
    }
}

/// The rule run at each side of each bound and at its examples' inputs.
fn worked_rows(rule: &Rule, sources: &[String]) -> Vec<WorkedRow> {
    let evaluator = Evaluator::new(rule);
    let mut inputs: Vec<Vec<Quantity>> = Vec::new();
    // Bounds alone make a household's input only for a rule that needs one input.
    if evaluator.needed().len() == 1 {
        for q in bound_samples(rule) {
            inputs.push(vec![q]);
        }
    }
    for e in &rule.examples {
        let known = inputs.iter().any(|i| {
            i.len() == e.inputs.len()
                && i.iter()
                    .zip(&e.inputs)
                    .all(|(a, b)| a.value == b.value && a.dims == b.dims)
        });
        if !known {
            inputs.push(e.inputs.clone());
        }
    }
    inputs
        .iter()
        .map(|q| {
            let shown: Vec<&str> = q.iter().map(|x| x.written.as_str()).collect();
            let input = shown.join("、");
            match evaluator.grant_for(q) {
                Ok(g) => WorkedRow {
                    input,
                    applies: match g.reason.strip_prefix("否则：") {
                        Some(outcome) => format!("{OTHERWISE}：{outcome}"),
                        None => g.reason,
                    },
                    grant: g.written,
                    shares: sources
                        .iter()
                        .map(|s| {
                            g.shares
                                .iter()
                                .find(|x| &x.source == s)
                                .map(|x| x.written.clone())
                                .unwrap_or_default()
                        })
                        .collect(),
                    working: g.working,
                },
                Err(e) => WorkedRow {
                    input,
                    applies: e.message(),
                    grant: String::new(),
                    shares: vec![String::new(); sources.len()],
                    working: String::new(),
                },
            }
        })
        .collect()
}

/// One base unit below, at and one above every bound of the conditions, in increasing order,
/// each once; amounts not above zero are left out. A bound is written as the rule writes it
/// (4万元), the amounts beside it in base units (39999元, 40001元).
fn bound_samples(rule: &Rule) -> Vec<Quantity> {
    let mut values: Vec<(Decimal, Quantity)> = Vec::new();
    for b in &rule.branches {
        for bound in b.lower.iter().chain(b.upper.iter()) {
            let at = &bound.value;
            let beside = |v: Decimal| parse_amount(&amount(v, &at.base_unit, false)).ok();
            let samples = [
                beside(at.value - Decimal::ONE),
                Some(at.clone()),
                beside(at.value + Decimal::ONE),
            ];
            for q in samples.into_iter().flatten() {
                if q.value > Decimal::ZERO && !values.iter().any(|(v, _)| *v == q.value) {
                    values.push((q.value, q));
                }
            }
        }
    }
    values.sort_by_key(|(v, _)| *v);
    values.into_iter().map(|(_, q)| q).collect()
}

/// subsidy.xlsx: for each rule a sheet of its 标准 rows and one of its 测算 rows, each with
/// its own heading (frozen and repeated on every printed page).
fn subsidy_xlsx(view: &SubsidyView) -> anyhow::Result<Vec<u8>> {
    let text = |t: &String| xlsx::Cell::text(t.clone());
    let mut book = xlsx::Book::new();
    for t in &view.rules {
        let mut heading = vec!["档次".to_string(), t.input.clone(), "补贴标准".to_string()];
        heading.extend(t.sources.iter().cloned());
        let rows = t.bands.iter().map(|b| {
            let mut row = vec![
                xlsx::Cell::centered(b.number.to_string()),
                text(&b.condition),
                text(&b.grant),
            ];
            row.extend(b.shares.iter().map(text));
            row
        });
        let title = format!("{}　一、补贴标准", t.caption);
        let sheet = format!("表{} {}", t.number, t.name);
        add_sheet(
            &mut book,
            &sheet,
            &title,
            t.description.as_deref(),
            &heading,
            rows,
        )?;

        let mut heading = vec![t.input.clone(), "适用标准".to_string(), "补贴".to_string()];
        heading.extend(t.sources.iter().cloned());
        heading.push("算式".to_string());
        let rows = t.worked.iter().map(|w| {
            let mut row = vec![text(&w.input), text(&w.applies), text(&w.grant)];
            row.extend(w.shares.iter().map(text));
            row.push(text(&w.working));
            row
        });
        let title = format!("{}　二、测算", t.caption);
        let sheet = format!("表{} {} 测算", t.number, t.name);
        add_sheet(&mut book, &sheet, &title, None, &heading, rows)?;
    }
    book.finish()
}

/// One sheet: a title, an optional line under it, a heading row and the rows.
fn add_sheet(
    book: &mut xlsx::Book,
    sheet: &str,
    title: &str,
    note: Option<&str>,
    heading: &[String],
    rows: impl Iterator<Item = Vec<xlsx::Cell>>,
) -> anyhow::Result<()> {
    let mut grid = Grid::new(heading.len());
    grid.title(title);
    if let Some(n) = note {
        grid.note(n);
    }
    grid.header_row(heading);
    for row in rows {
        grid.row(row);
    }
    book.add_sheet(sheet, grid, &vec![30; heading.len()])
}
