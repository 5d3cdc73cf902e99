//! The result of a roster: one row a household (its grant, the branch that applied, and
//! each payer's part), as CSV (UTF-8 with BOM, which Excel opens as Chinese text) or .xlsx
//! with a second sheet of totals per town and per payer.

use std::fmt::Write as _;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::{Evaluator, Outcome};

/// The payers named in the result, in the order of their columns.
fn payers(out: &Outcome) -> Vec<String> {
    out.sources.keys().cloned().collect()
}

fn header(out: &Outcome, eval: &Evaluator) -> Vec<String> {
    let unit = eval.unit();
    let mut h: Vec<String> = ["户号", "镇街", "输入"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    h.push(format!("补贴（{unit}）"));
    h.push("适用条件".into());
    h.extend(payers(out).iter().map(|p| format!("{p}（{unit}）")));
    h
}

/// Each household's row, as text cells; amounts as exact decimals in base units.
fn rows<'a>(out: &'a Outcome, eval: &'a Evaluator) -> impl Iterator<Item = Vec<String>> + 'a {
    let reasons: Vec<String> = eval
        .rule
        .branches
        .iter()
        .map(|b| format!("{}：{}", b.written, b.outcome.written))
        .chain(
            eval.rule
                .otherwise
                .iter()
                .map(|o| format!("否则：{}", o.written)),
        )
        .collect();
    let payers = payers(out);
    out.households.iter().map(move |h| {
        let mut r = vec![
            h.id.to_string(),
            h.town.to_string(),
            out.input(h).into_owned(),
        ];
        r.push(h.amount.normalize().to_string());
        let reason = &reasons[h.branch.unwrap_or(eval.rule.branches.len())];
        r.push(if h.overlaps > 0 {
            format!("{reason}（与另{}项条件重叠，按先写的一项）", h.overlaps)
        } else {
            reason.clone()
        });
        for p in &payers {
            let part = out
                .shares(h)
                .find(|(who, _)| who == p)
                .map(|(_, a)| a.normalize().to_string());
            r.push(part.unwrap_or_default());
        }
        r
    })
}

fn quote(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

/// The result table as CSV.
pub fn to_csv(out: &Outcome, eval: &Evaluator) -> String {
    let mut s = String::from("\u{feff}");
    let line = |cells: &[String]| cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
    let _ = writeln!(s, "{}", line(&header(out, eval)));
    for r in rows(out, eval) {
        let _ = writeln!(s, "{}", line(&r));
    }
    s
}

/// An exact amount as an Excel number when the number Excel stores gives back exactly the
/// same decimal, else as text (never a rounded amount).
fn exact_number(text: &str) -> Option<f64> {
    let d: Decimal = text.parse().ok()?;
    let f = d.to_f64()?;
    let back: Decimal = format!("{f}").parse().ok()?;
    (back == d).then_some(f)
}

/// The result as a workbook: 每户补贴 and 合计 (per town, per payer, total).
pub fn to_xlsx(out: &Outcome, eval: &Evaluator) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let money_cols = 3usize;
    {
        let ws = book.add_worksheet();
        ws.set_name("每户补贴")?;
        let h = header(out, eval);
        for (c, t) in h.iter().enumerate() {
            ws.write_string(0, c as u16, t)?;
            ws.set_column_width(c as u16, if c == 4 { 30.0 } else { 14.0 })?;
        }
        for (i, r) in rows(out, eval).enumerate() {
            let row = i as u32 + 1;
            for (c, t) in r.iter().enumerate() {
                match exact_number(t).filter(|_| c == money_cols || c > 4) {
                    Some(f) => ws.write_number(row, c as u16, f)?,
                    None => ws.write_string(row, c as u16, t)?,
                };
            }
        }
    }
    let ws = book.add_worksheet();
    ws.set_name("合计")?;
    ws.set_column_width(0, 16.0)?;
    ws.set_column_width(1, 16.0)?;
    ws.set_column_width(2, 16.0)?;
    let unit = eval.unit();
    ws.write_string(0, 0, "类别")?;
    ws.write_string(0, 1, "名称")?;
    ws.write_string(0, 2, format!("补贴（{unit}）"))?;
    let towns = out
        .towns
        .iter()
        .filter(|(t, _)| !t.is_empty())
        .map(|(t, v)| ("镇街", t.clone(), *v));
    let sources = out.sources.iter().map(|(s, v)| ("资金来源", s.clone(), *v));
    let total = std::iter::once(("合计", format!("{}户", out.households.len()), out.total));
    for (i, (kind, name, v)) in towns.chain(sources).chain(total).enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, kind)?;
        ws.write_string(row, 1, &name)?;
        let t = v.normalize().to_string();
        match exact_number(&t) {
            Some(f) => ws.write_number(row, 2, f)?,
            None => ws.write_string(row, 2, &t)?,
        };
    }
    book.save_to_buffer()
}
