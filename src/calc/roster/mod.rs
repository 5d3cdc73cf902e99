//! Rosters: one household a row (an identifier, the rule's inputs, optionally the town and
//! the funding category), read from CSV (UTF-8 with or without BOM, or GBK) or Excel; every
//! household's grant and branch, totals per town and per funding source. A bad row is
//! reported with its line and column and goes uncounted; nothing is dropped silently: every
//! data row is either granted or listed among the bad rows.

mod read;
mod write;

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

pub use read::{column_letter, decode, is_workbook, read_csv, read_workbook, Cell, Row, Sheet};
pub use write::{to_csv, to_xlsx};

use super::{parse_amount, CalcError, Evaluator};
use crate::diagnostics::Span;
use crate::quantity::{parse_unit, Dims};

/// Who pays a grant whose outcome names no payer and whose row names no category.
pub const NO_SOURCE: &str = "未分来源";

/// One household's result.
pub struct Household {
    pub line: usize,
    pub id: String,
    pub town: String,
    /// The inputs as read (with the column's unit): 3.9万元、80平方米.
    pub input: String,
    pub amount: Decimal,
    pub branch: Option<usize>,
    /// Each payer's part, in the order of the outcome's parts (or the row's category).
    pub shares: Vec<(Arc<str>, Decimal)>,
    /// Other branches contain the input too (an overlap; the first written applied).
    pub overlaps: usize,
}

/// A row that could not be evaluated.
pub struct BadRow {
    pub line: usize,
    /// The column at fault (0-based), when one is.
    pub column: Option<usize>,
    /// Where the cell is in a CSV's text.
    pub span: Option<Span>,
    pub code: &'static str,
    pub problem: String,
}

/// The roster run through a rule.
#[derive(Default)]
pub struct Outcome {
    pub header: Vec<String>,
    pub households: Vec<Household>,
    pub bad: Vec<BadRow>,
    /// Total grant per town (empty town: the roster has no town column).
    pub towns: BTreeMap<String, Decimal>,
    /// Total grant per payer.
    pub sources: BTreeMap<String, Decimal>,
    pub total: Decimal,
}

/// The unit a header carries in brackets: 改造费用（万元） → 万元.
fn header_unit(h: &str) -> Option<String> {
    let open = h.find(['（', '('])?;
    let inner = &h[open..];
    let start = inner.chars().next()?.len_utf8();
    let end = inner.find(['）', ')'])?;
    Some(inner[start..end].trim().to_string()).filter(|u| !u.is_empty())
}

fn bare(h: &str) -> &str {
    h.split(['（', '(']).next().unwrap_or(h).trim()
}

/// Words of a header that say what a column holds, for an input of this base unit.
fn input_words(unit: &str) -> &'static [&'static str] {
    match unit {
        "元" => &["费用", "金额", "成本", "投资", "造价"],
        "平方米" => &["面积"],
        "年" => &["年限", "年数", "期限"],
        _ => &[],
    }
}

/// Columns of a roster: the identifier, each input the rule needs, the town, the category.
struct Columns {
    id: usize,
    /// (column, the unit its bare numbers are in) per needed input.
    inputs: Vec<Option<(usize, String)>>,
    town: Option<usize>,
    category: Option<usize>,
}

fn columns(header: &[String], eval: &Evaluator) -> Columns {
    let units = eval.input_units();
    let dims_of = |h: &str| {
        header_unit(h)
            .and_then(|u| parse_unit(&u).ok())
            .map(|u| u.dims)
    };
    let mut taken: Vec<usize> = Vec::new();
    let mut inputs = Vec::new();
    for (i, (need, unit)) in eval.needed().iter().zip(&units).enumerate() {
        let by_unit = |c: usize| dims_of(&header[c]).as_ref() == Some(need);
        let named = |c: usize| {
            i == 0
                && eval
                    .rule
                    .input
                    .as_deref()
                    .is_some_and(|n| bare(n) == bare(&header[c]))
        };
        let worded = |c: usize| {
            input_words(unit).iter().any(|w| header[c].contains(w))
                && dims_of(&header[c]).is_none_or(|d| &d == need)
        };
        let free = |c: &usize| !taken.contains(c);
        let col = (0..header.len())
            .filter(free)
            .find(|&c| named(c))
            .or_else(|| (0..header.len()).filter(free).find(|&c| by_unit(c)))
            .or_else(|| (0..header.len()).filter(free).find(|&c| worded(c)));
        if let Some(c) = col {
            taken.push(c);
        }
        inputs.push(col.map(|c| (c, header_unit(&header[c]).unwrap_or_else(|| unit.clone()))));
    }
    let find = |words: &[&str], taken: &[usize]| {
        (0..header.len())
            .find(|c| !taken.contains(c) && words.iter().any(|w| header[*c].contains(w)))
    };
    let category = find(&["资金来源", "资金类别", "来源", "类别"], &taken);
    taken.extend(category);
    let town = find(&["镇", "街道", "乡", "村", "社区"], &taken);
    taken.extend(town);
    let id = (0..header.len()).find(|c| !taken.contains(c)).unwrap_or(0);
    Columns {
        id,
        inputs,
        town,
        category,
    }
}

/// A plain non-negative number of ASCII digits and at most one point (39999.99), in base
/// units; anything else (commas, full-width digits, a sign, a unit) goes the general way.
fn fast_number(cell: &str, scale: Option<Decimal>) -> Option<Decimal> {
    let scale = scale?;
    let b = cell.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 20
        && b[0].is_ascii_digit()
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        && b.iter().filter(|c| **c == b'.').count() <= 1
        && b.last().is_some_and(u8::is_ascii_digit);
    if !ok {
        return None;
    }
    cell.parse::<Decimal>().ok()?.checked_mul(scale)
}

fn plain_number(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ',' | '－' | '．' | '０'..='９'))
}

/// Runs every row of a roster (the first row is its header) through the rule.
pub fn run(sheet: &Sheet, eval: &Evaluator) -> Outcome {
    let mut out = Outcome::default();
    let mut rows = sheet.rows.iter();
    let Some(header) = rows.next() else {
        return out;
    };
    out.header = header.cells.iter().map(|c| c.text.clone()).collect();
    let cols = columns(&out.header, eval);
    let units = eval.input_units();
    for (i, c) in cols.inputs.iter().enumerate() {
        if c.is_none() {
            out.bad.push(BadRow {
                line: header.line,
                column: None,
                span: None,
                code: "E0708",
                problem: format!(
                    "名册没有以{}计的输入列（标题写明单位，如 改造费用（元））；每一行都无法计算",
                    units[i]
                ),
            });
        }
    }
    if out.bad.iter().any(|b| b.line == header.line) {
        out.bad.extend(rows.map(|r| BadRow {
            line: r.line,
            column: None,
            span: None,
            code: "E0706",
            problem: "名册缺少规则的输入列，这一行无法计算".into(),
        }));
        return out;
    }
    let source_names: Vec<Vec<Arc<str>>> = eval
        .rule
        .branches
        .iter()
        .map(|b| &b.outcome)
        .chain(eval.rule.otherwise.iter())
        .map(|o| {
            o.parts
                .iter()
                .map(|p| Arc::from(p.source.as_deref().unwrap_or(NO_SOURCE)))
                .collect()
        })
        .collect();
    // What one unit of each input column is in base units, when it is the measure the rule
    // needs: plain numbers are then read without building a figure.
    let scales: Vec<Option<Decimal>> = cols
        .inputs
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let (_, unit) = c.as_ref()?;
            let one = parse_amount(&format!("1{unit}")).ok()?;
            (one.dims == eval.needed()[k]).then_some(one.value)
        })
        .collect();
    let empty = Cell::default();
    let no_source: Arc<str> = Arc::from(NO_SOURCE);
    let mut values: Vec<Option<Decimal>> = vec![None; units.len()];
    for row in rows {
        let get = |c: usize| row.cells.get(c).unwrap_or(&empty);
        // The inputs as written, joined by 、 (one string, not one per input and a join).
        let mut shown = String::new();
        let mut failed = None;
        for (k, c) in cols.inputs.iter().enumerate() {
            let (col, unit) = c.as_ref().expect("every input has a column");
            let cell = get(*col);
            if k > 0 {
                shown.push('、');
            }
            if let Some(v) = fast_number(&cell.text, scales[k]) {
                values[k] = Some(v);
                shown.push_str(&cell.text);
                shown.push_str(unit);
                continue;
            }
            let read = if cell.text.is_empty() {
                Err(CalcError::Inputs {
                    message: format!("缺少“{}”", out.header[*col]),
                })
            } else if plain_number(&cell.text) {
                parse_amount(&format!("{}{unit}", cell.text))
            } else {
                parse_amount(&cell.text)
            };
            match read.and_then(|q| {
                if q.dims != eval.needed()[k] {
                    Err(CalcError::Unit {
                        text: q.written.clone(),
                        expected: units[k].clone(),
                    })
                } else {
                    Ok(q)
                }
            }) {
                Ok(q) => {
                    values[k] = Some(q.value);
                    shown.push_str(&q.written);
                }
                Err(e) => {
                    failed = Some((Some(*col), cell.span, e));
                    break;
                }
            }
        }
        let result = match failed {
            Some(f) => Err(f),
            None => eval.compute(&values, &shown).map_err(|e| (None, None, e)),
        };
        match result {
            Ok(g) => {
                let town = cols.town.map_or("", |c| get(c).text.as_str());
                add(&mut out.towns, town, g.amount);
                out.total = out.total.checked_add(g.amount).unwrap_or(out.total);
                let oi = g.branch.unwrap_or(eval.rule.branches.len());
                let shares: Vec<(Arc<str>, Decimal)> = if g.shares.is_empty() {
                    let category = cols.category.map_or("", |c| get(c).text.as_str());
                    let who = if category.is_empty() {
                        no_source.clone()
                    } else {
                        Arc::from(category)
                    };
                    vec![(who, g.amount)]
                } else {
                    source_names[oi]
                        .iter()
                        .cloned()
                        .zip(g.shares.iter().copied())
                        .collect()
                };
                for (who, a) in &shares {
                    add(&mut out.sources, who, *a);
                }
                out.households.push(Household {
                    line: row.line,
                    id: get(cols.id).text.clone(),
                    town: town.to_string(),
                    input: shown,
                    amount: g.amount,
                    branch: g.branch,
                    shares,
                    overlaps: g.overlaps,
                });
            }
            Err((column, span, e)) => out.bad.push(BadRow {
                line: row.line,
                column,
                span,
                code: "E0706",
                problem: e.message(),
            }),
        }
    }
    out
}

/// Adds to a total by name, allocating the name only the first time it is seen.
fn add(totals: &mut BTreeMap<String, Decimal>, name: &str, v: Decimal) {
    match totals.get_mut(name) {
        Some(slot) => *slot = slot.checked_add(v).unwrap_or(*slot),
        None => {
            totals.insert(name.to_string(), v);
        }
    }
}

/// A stated figure a roster's demand is compared with: its path, its value in 元, and
/// which payer (or, `None`, the whole roster) it budgets.
pub struct BudgetLine<'p> {
    pub figure: &'p crate::model::Figure,
    pub source: Option<String>,
}

/// The budget lines under a path: the figure itself (for the whole roster) and, when it is
/// broken down, each part named as a payer of the rule (总投资.中央 for 中央).
pub fn budget_lines<'p>(
    policy: &'p crate::model::Policy,
    path: &str,
    payers: &BTreeMap<String, Decimal>,
) -> Vec<BudgetLine<'p>> {
    let money: Dims = Dims::from([("元".to_string(), 1)]);
    let mut lines = Vec::new();
    if let Some(f) = policy.figure(path).filter(|f| f.quantity.dims == money) {
        lines.push(BudgetLine {
            figure: f,
            source: None,
        });
    }
    for who in payers.keys() {
        if let Some(f) = policy
            .figure(&format!("{path}.{who}"))
            .filter(|f| f.quantity.dims == money)
        {
            lines.push(BudgetLine {
                figure: f,
                source: Some(who.clone()),
            });
        }
    }
    lines
}
