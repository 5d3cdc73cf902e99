//! Rosters: one household a row (an identifier, the rule's input, optionally the town), read
//! from CSV in UTF-8 (with or without BOM) or GBK; every household's grant and branch, and
//! totals per town. A bad row is reported with its line and skipped; nothing is dropped
//! silently: every data row is either granted or listed among the problems.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{parse_amount, CalcError, Evaluator};

/// One household's result.
pub struct Household {
    pub line: usize,
    pub id: String,
    pub town: String,
    pub input: String,
    pub amount: Decimal,
    pub branch: String,
}

/// A row that could not be evaluated.
pub struct BadRow {
    pub line: usize,
    pub problem: String,
}

/// The roster run through a rule.
#[derive(Default)]
pub struct Outcome {
    pub households: Vec<Household>,
    pub bad: Vec<BadRow>,
    /// Total grant per town (empty town: the roster has no town column).
    pub towns: BTreeMap<String, Decimal>,
    pub total: Decimal,
}

/// Decodes a roster file's bytes: UTF-8 (BOM stripped) or, failing that, GBK read strictly.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// Splits one CSV line into fields (double quotes, "" inside quotes).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|f| f.trim().to_string()).collect()
}

/// The unit a header carries in brackets: 改造费用（万元） → 万元.
fn header_unit(h: &str) -> Option<String> {
    let open = h.find(['（', '('])?;
    let inner = &h[open..];
    let start = inner.chars().next()?.len_utf8();
    let end = inner.find(['）', ')'])?;
    Some(inner[start..end].trim().to_string()).filter(|u| !u.is_empty())
}

/// Columns of a roster: which holds the identifier, the input and the town.
struct Columns {
    id: usize,
    input: usize,
    unit: Option<String>,
    town: Option<usize>,
}

fn columns(header: &[String], input_name: Option<&str>) -> Columns {
    let bare = |h: &str| h.split(['（', '(']).next().unwrap_or(h).trim().to_string();
    let input = header
        .iter()
        .position(|h| input_name.is_some_and(|n| bare(h) == n))
        .or_else(|| {
            header.iter().position(|h| {
                ["费用", "金额", "面积", "成本", "投资"]
                    .iter()
                    .any(|k| h.contains(k))
            })
        })
        .unwrap_or(1.min(header.len().saturating_sub(1)));
    let town = header
        .iter()
        .position(|h| {
            ["镇", "街道", "乡", "村", "社区"]
                .iter()
                .any(|k| h.contains(k))
        })
        .filter(|&t| t != input);
    let id = (0..header.len())
        .find(|&i| i != input && Some(i) != town)
        .unwrap_or(0);
    Columns {
        id,
        input,
        unit: header_unit(&header[input]),
        town,
    }
}

/// Runs every row of a CSV roster through the rule.
pub fn run(text: &str, eval: &Evaluator) -> Outcome {
    let mut out = Outcome::default();
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return out;
    };
    let header = fields(header);
    let cols = columns(&header, eval.rule.input.as_deref());
    let mut towns: BTreeMap<String, Decimal> = BTreeMap::new();
    for (i, line) in lines {
        let line_no = i + 1;
        let row = fields(line);
        let get = |c: usize| row.get(c).map_or("", String::as_str);
        let cell = get(cols.input);
        let result = if cell.is_empty() {
            Err(format!("缺少“{}”", header[cols.input]))
        } else {
            let typed = match &cols.unit {
                Some(u)
                    if cell
                        .chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ',')) =>
                {
                    format!("{cell}{u}")
                }
                None if cell
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ',')) =>
                {
                    format!("{cell}{}", eval.input_unit())
                }
                _ => cell.to_string(),
            };
            parse_amount(&typed)
                .and_then(|q| eval.grant_for(&q).map(|g| (q.written, g)))
                .map_err(|e: CalcError| e.message())
        };
        match result {
            Ok((input, g)) => {
                let town = cols.town.map_or("", get).to_string();
                let slot = towns.entry(town.clone()).or_default();
                *slot = slot.checked_add(g.amount).unwrap_or(*slot);
                out.total = out.total.checked_add(g.amount).unwrap_or(out.total);
                out.households.push(Household {
                    line: line_no,
                    id: get(cols.id).to_string(),
                    town,
                    input,
                    amount: g.amount,
                    branch: g.reason,
                });
            }
            Err(problem) => out.bad.push(BadRow {
                line: line_no,
                problem,
            }),
        }
    }
    out.towns = towns;
    out
}

/// The result table as CSV (UTF-8 with BOM, so that Excel opens it as Chinese text).
pub fn to_csv(out: &Outcome) -> String {
    let mut s = String::from("\u{feff}户号,镇街,输入,补贴（元）,适用条件\n");
    let quote = |f: &str| {
        if f.contains([',', '"', '\n']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    for h in &out.households {
        let _ = writeln!(
            s,
            "{},{},{},{},{}",
            quote(&h.id),
            quote(&h.town),
            quote(&h.input),
            h.amount.normalize(),
            quote(&h.branch)
        );
    }
    s
}
