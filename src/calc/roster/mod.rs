//! Rosters: one household a row (an identifier, the rule's inputs, optionally the town and
//! the funding category), read from CSV (UTF-8 with or without BOM, or GBK) or Excel; every
//! household's grant and branch, totals per town and per funding source. A bad row is
//! reported with its line and column and goes uncounted; nothing is dropped silently: every
//! data row is either granted or listed among the bad rows.

mod read;
mod write;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

pub use read::{column_letter, decode, is_workbook, read_csv, read_workbook, Cell, Row, Sheet};
pub use write::{to_csv, to_xlsx};

use super::{parse_amount, CalcError, Evaluator};
use crate::diagnostics::Span;
use crate::quantity::{parse_unit, Dims};

/// Who pays a grant whose outcome names no payer and whose row names no category.
pub const NO_SOURCE: &str = "未分来源";

/// One household's result; its texts borrow the roster's cells.
pub struct Household<'s> {
    pub line: usize,
    pub id: &'s str,
    pub town: &'s str,
    /// The inputs as read, when reading them took more than the cell's number in its
    /// column's unit (a unit written in the cell, full-width digits); see [`Outcome::input`].
    written: Option<String>,
    cells: &'s [Cell<'s>],
    pub amount: Decimal,
    pub branch: Option<usize>,
    /// Who pays the grant.
    pub payers: Payers<'s>,
    /// Other branches contain the input too (an overlap; the first written applied).
    pub overlaps: usize,
}

/// Who pays a household's grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payers<'s> {
    /// One payer for the whole grant: the row's funding category, or [`NO_SOURCE`].
    Whole(&'s str),
    /// The parts of the outcome with this index (the branches', then 否则's), as the rule
    /// writes them; one part takes the whole grant.
    Parts(usize),
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
pub struct Outcome<'s> {
    pub header: Vec<String>,
    pub households: Vec<Household<'s>>,
    pub bad: Vec<BadRow>,
    /// Total grant per town (empty town: the roster has no town column).
    pub towns: BTreeMap<String, Decimal>,
    /// Total grant per payer.
    pub sources: BTreeMap<String, Decimal>,
    pub total: Decimal,
    /// The roster's total exceeds what can be computed (about 7.9×10²⁸): `total` is then
    /// the total of the rows before the part that overflowed.
    pub overflow: bool,
    /// Each input's column and the unit its bare numbers are in.
    inputs: Vec<(usize, String)>,
    /// Per outcome (the branches', then 否则's), its parts' payers and fixed amounts.
    parts: Vec<Vec<(String, Decimal)>>,
}

impl<'s> Outcome<'s> {
    /// A household's inputs as read, joined by 、: 3.9万元、80平方米.
    pub fn input(&self, h: &Household<'s>) -> Cow<'s, str>
    where
        Self: 's,
    {
        match &h.written {
            Some(w) => Cow::Owned(w.clone()),
            None => Cow::Owned(join_inputs(&self.inputs, h.cells, &[])),
        }
    }

    /// Each payer of a household's grant and its part.
    pub fn shares<'o>(&'o self, h: &'o Household<'s>) -> impl Iterator<Item = (&'o str, Decimal)> {
        shares(&self.parts, h.payers, h.amount)
    }

    /// Adds a later part of the same roster (rows after this part's).
    fn append(&mut self, later: Outcome<'s>) {
        self.households.extend(later.households);
        self.bad.extend(later.bad);
        for (name, v) in &later.towns {
            add(&mut self.towns, name, *v);
        }
        for (name, v) in &later.sources {
            add(&mut self.sources, name, *v);
        }
        match self.total.checked_add(later.total) {
            Some(t) => self.total = t,
            None => self.overflow = true,
        }
    }
}

/// A row's inputs as read, joined by 、: an input read as a plain number in its column's unit
/// is its cell and the unit (39999.99 in 元 → 39999.99元), any other as its figure was
/// written (`read_as`, by input).
fn join_inputs<U: AsRef<str>>(
    inputs: &[(usize, U)],
    cells: &[Cell],
    read_as: &[Option<String>],
) -> String {
    let mut shown = String::new();
    for (k, (col, unit)) in inputs.iter().enumerate() {
        if k > 0 {
            shown.push('、');
        }
        match read_as.get(k).and_then(Option::as_deref) {
            Some(w) => shown.push_str(w),
            None => {
                shown.push_str(cells.get(*col).map_or("", |c| &c.text));
                shown.push_str(unit.as_ref());
            }
        }
    }
    shown
}

/// Each payer of a grant and its part: the outcome's parts as the rule writes them (one part
/// takes the whole grant), or the one payer.
fn shares<'o>(
    parts: &'o [Vec<(String, Decimal)>],
    payers: Payers<'o>,
    amount: Decimal,
) -> impl Iterator<Item = (&'o str, Decimal)> {
    let (whole, parts): (Option<&str>, &[(String, Decimal)]) = match payers {
        Payers::Whole(who) => (Some(who), &[]),
        Payers::Parts(o) => (None, &parts[o]),
    };
    let single = parts.len() == 1;
    whole.map(|w| (w, amount)).into_iter().chain(
        parts
            .iter()
            .map(move |(who, v)| (who.as_str(), if single { amount } else { *v })),
    )
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

/// Runs every row of a roster (the first row is its header) through the rule. Large
/// rosters are run in parts on the machine's cores; the result is the same, in row order.
pub fn run<'s>(sheet: &'s Sheet<'s>, eval: &Evaluator) -> Outcome<'s> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = if sheet.len() < 20_000 {
        1
    } else {
        cores.min(8)
    };
    run_in_parts(sheet, eval, parts)
}

fn run_in_parts<'s>(sheet: &'s Sheet<'s>, eval: &Evaluator, parts: usize) -> Outcome<'s> {
    let mut out = Outcome::default();
    let mut rows = sheet.rows();
    let Some(header) = rows.next() else {
        return out;
    };
    out.header = header.cells.iter().map(|c| c.text.to_string()).collect();
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
    out.inputs = cols.inputs.iter().flatten().cloned().collect();
    out.parts = eval
        .rule
        .branches
        .iter()
        .map(|b| &b.outcome)
        .chain(eval.rule.otherwise.iter())
        .map(|o| {
            o.parts
                .iter()
                .map(|p| {
                    let who = p.source.as_deref().unwrap_or(NO_SOURCE);
                    (who.to_string(), p.value.value)
                })
                .collect()
        })
        .collect();
    let rows: Vec<Row> = rows.collect();
    let runner = Runner::new(&out, &cols, eval);
    let chunk = rows.len().div_ceil(parts).max(1);
    let results: Vec<Outcome<'s>> = if parts == 1 {
        vec![runner.run(&rows)]
    } else {
        std::thread::scope(|scope| {
            let runner = &runner;
            let handles: Vec<_> = rows
                .chunks(chunk)
                .map(|part| scope.spawn(move || runner.run(part)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a roster part does not panic"))
                .collect()
        })
    };
    for r in results {
        out.append(r);
    }
    out
}

/// What every row of a roster is run with.
struct Runner<'a, 'r> {
    eval: &'a Evaluator<'r>,
    header: &'a [String],
    inputs: Vec<(usize, &'a str)>,
    units: Vec<String>,
    town: Option<usize>,
    category: Option<usize>,
    id: usize,
    /// What one unit of each input column is in base units, when it is the measure the rule
    /// needs: plain numbers are then read without building a figure.
    scales: Vec<Option<Decimal>>,
    parts: &'a [Vec<(String, Decimal)>],
}

impl<'a, 'r> Runner<'a, 'r> {
    fn new(out: &'a Outcome, cols: &Columns, eval: &'a Evaluator<'r>) -> Self {
        let inputs: Vec<(usize, &str)> = out.inputs.iter().map(|(c, u)| (*c, u.as_str())).collect();
        let scales = inputs
            .iter()
            .enumerate()
            .map(|(k, (_, unit))| {
                let one = parse_amount(&format!("1{unit}")).ok()?;
                (one.dims == eval.needed()[k]).then_some(one.value)
            })
            .collect();
        Runner {
            eval,
            header: &out.header,
            inputs,
            units: eval.input_units(),
            town: cols.town,
            category: cols.category,
            id: cols.id,
            scales,
            parts: &out.parts,
        }
    }

    /// One input cell that is not a plain number in its column's unit.
    fn read(&self, text: &str, k: usize) -> Result<crate::quantity::Quantity, CalcError> {
        let (col, unit) = self.inputs[k];
        let q = if text.is_empty() {
            return Err(CalcError::Inputs {
                message: format!("缺少“{}”", self.header[col]),
            });
        } else if plain_number(text) {
            parse_amount(&format!("{text}{unit}"))?
        } else {
            parse_amount(text)?
        };
        if q.dims != self.eval.needed()[k] {
            return Err(CalcError::Unit {
                text: q.written.clone(),
                expected: self.units[k].clone(),
            });
        }
        Ok(q)
    }

    fn run<'s>(&self, rows: &[Row<'s, 's>]) -> Outcome<'s> {
        let mut out = Outcome {
            households: Vec::with_capacity(rows.len()),
            ..Outcome::default()
        };
        // Totals by name are kept in hash maps while the rows run (a million lookups), and
        // the grants split by an outcome's parts are summed per outcome, then per payer.
        let mut towns: HashMap<&'s str, Decimal> = HashMap::new();
        let mut whole: HashMap<&'s str, Decimal> = HashMap::new();
        let mut by_outcome = vec![(0u64, Decimal::ZERO); self.parts.len()];
        let mut values: Vec<Option<Decimal>> = vec![None; self.inputs.len()];
        let mut read_as: Vec<Option<String>> = vec![None; self.inputs.len()];
        for row in rows {
            let text = |c: usize| -> &'s str { row.cells.get(c).map_or("", |c| c.text.as_ref()) };
            let mut failed = None;
            for (k, (col, _)) in self.inputs.iter().enumerate() {
                let cell = text(*col);
                read_as[k] = None;
                if let Some(v) = fast_number(cell, self.scales[k]) {
                    values[k] = Some(v);
                    continue;
                }
                match self.read(cell, k) {
                    Ok(q) => {
                        values[k] = Some(q.value);
                        read_as[k] = Some(q.written);
                    }
                    Err(e) => {
                        failed = Some((Some(*col), row.cells.get(*col).and_then(|c| c.span), e));
                        break;
                    }
                }
            }
            let result = match failed {
                Some(f) => Err(f),
                None => {
                    // Written out only when a cell was not a plain number; otherwise the
                    // result file writes cell and unit when it asks (Outcome::input).
                    let written = read_as
                        .iter()
                        .any(Option::is_some)
                        .then(|| join_inputs(&self.inputs, row.cells, &read_as));
                    self.eval
                        .compute(&values, &|| {
                            written
                                .clone()
                                .unwrap_or_else(|| join_inputs(&self.inputs, row.cells, &[]))
                        })
                        .map(|g| (g, written))
                        .map_err(|e| (None, None, e))
                }
            };
            match result {
                Ok((g, written)) => {
                    // Grants are never negative, so no town's or payer's sum exceeds the
                    // total: checking the total is checking them all.
                    let Some(total) = out.total.checked_add(g.amount) else {
                        out.bad.push(BadRow {
                            line: row.line,
                            column: None,
                            span: None,
                            code: "E0706",
                            problem: format!(
                                "这一户的补贴{}计入合计后超出可计算的范围（约7.9×10²⁸）",
                                g.amount.normalize()
                            ),
                        });
                        continue;
                    };
                    out.total = total;
                    let town = self.town.map_or("", text);
                    add_up(&mut towns, town, g.amount);
                    let payers = if g.shares.is_empty() {
                        let category = self.category.map_or("", text);
                        Payers::Whole(if category.is_empty() {
                            NO_SOURCE
                        } else {
                            category
                        })
                    } else {
                        Payers::Parts(g.branch.unwrap_or(self.eval.rule.branches.len()))
                    };
                    let household = Household {
                        line: row.line,
                        id: text(self.id),
                        town,
                        written,
                        cells: row.cells,
                        amount: g.amount,
                        branch: g.branch,
                        payers,
                        overlaps: g.overlaps,
                    };
                    match payers {
                        Payers::Whole(who) => add_up(&mut whole, who, g.amount),
                        Payers::Parts(o) => {
                            let (n, sum) = &mut by_outcome[o];
                            *n += 1;
                            *sum = sum.checked_add(g.amount).unwrap_or(*sum);
                        }
                    }
                    out.households.push(household);
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
        for (name, v) in towns {
            add(&mut out.towns, name, v);
        }
        for (name, v) in whole {
            add(&mut out.sources, name, v);
        }
        for (parts, (n, sum)) in self.parts.iter().zip(by_outcome) {
            for (who, v) in parts {
                let part = if parts.len() == 1 {
                    sum
                } else {
                    v.checked_mul(Decimal::from(n)).unwrap_or(*v)
                };
                if n > 0 {
                    add(&mut out.sources, who, part);
                }
            }
        }
        out
    }
}

fn add_up<'s>(totals: &mut HashMap<&'s str, Decimal>, name: &'s str, v: Decimal) {
    let slot = totals.entry(name).or_insert(Decimal::ZERO);
    *slot = slot.checked_add(v).unwrap_or(*slot);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Running a roster in parts on several threads gives the one-part result, row by row.
    #[test]
    fn a_roster_run_in_parts_is_the_roster_run_whole() {
        let src = "方案 示例 {\n  规则 改造补贴 {\n    对象：核定改造费用\n    若 4万元以上：2万元\n    若 不足4万元：50%\n  }\n}\n";
        let mut map = crate::diagnostics::SourceMap::new();
        let file = map.add("p.policy".to_string(), src.to_string());
        let (policy, _) = crate::driver::compile_source(src, "p.policy", file, &[]);
        let policy = policy.expect("compiles");
        let subsidy = crate::calc::find_rule(&policy, "改造补贴").unwrap();
        let eval = subsidy.evaluator();
        let mut text = String::from("户号,乡镇,费用（元）\n");
        for i in 0..1003 {
            let cost = if i % 97 == 5 {
                "很多".to_string()
            } else {
                format!("{}.5", i * 53)
            };
            text.push_str(&format!("H{i},镇{},{cost}\n", i % 4));
        }
        let sheet = read_csv(&text);
        let whole = run_in_parts(&sheet, &eval, 1);
        let parts = run_in_parts(&sheet, &eval, 3);
        let view = |o: &Outcome| {
            (
                o.households
                    .iter()
                    .map(|h| {
                        let input = o.input(h).into_owned();
                        (
                            h.line,
                            h.id.to_string(),
                            h.town.to_string(),
                            h.amount,
                            input,
                        )
                    })
                    .collect::<Vec<_>>(),
                o.bad.iter().map(|b| b.line).collect::<Vec<_>>(),
                o.towns.clone(),
                o.sources.clone(),
                o.total,
            )
        };
        assert_eq!(whole.bad.len(), 11);
        assert_eq!(whole.households.len() + whole.bad.len(), 1003);
        assert_eq!(view(&whole), view(&parts));
    }
}
