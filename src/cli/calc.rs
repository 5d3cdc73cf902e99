//! `policyc calc POLICY RULE AMOUNT...` and `--roster FILE -o FILE`: what a subsidy rule
//! grants, in exact decimals (src/calc/).

use std::path::Path;

use rust_decimal::Decimal;

use super::{EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::calc::{self, money, parse_amount, roster, Evaluator};
use crate::diagnostics::{human::render_human, Diagnostic, SourceMap};
use crate::driver::compile_file;

/// Output of `calc`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CalcFormat {
    Human,
    Json,
}

fn fail(code: &'static str, message: String, help: Option<&str>) -> u8 {
    let mut d = Diagnostic::from_code(code, message, crate::diagnostics::FileId(0));
    if let Some(h) = help {
        d = d.with_help(h);
    }
    eprintln!(
        "error[{}]: {}{}",
        d.code,
        d.message,
        d.help.map_or(String::new(), |h| format!("\n  = 提示：{h}"))
    );
    EXIT_FINDINGS
}

pub fn run(
    file: &Path,
    rule: &str,
    amounts: &[String],
    roster_path: Option<&Path>,
    out: Option<&Path>,
    format: CalcFormat,
) -> u8 {
    let mut map = SourceMap::new();
    let compiled = compile_file(file, &mut map);
    let Some(policy) = compiled.policy else {
        eprint!("{}", render_human(&map, &compiled.diagnostics, false));
        return EXIT_FAILED;
    };
    let rule = match calc::find_rule(&policy, rule) {
        Ok(r) => r,
        Err(e) => return fail(e.code(), e.message(), None),
    };
    let eval = Evaluator::new(rule);
    if let Some(path) = roster_path {
        return run_roster(path, out, &eval);
    }
    if amounts.is_empty() {
        return fail(
            "E0701",
            "没有给出金额".to_string(),
            Some("在规则名后写出金额，如 policyc calc 方案.policy 改造补贴 3.9万元，或用 --roster 给出名册"),
        );
    }
    let mut status = EXIT_OK;
    let mut json = Vec::new();
    for a in amounts {
        match parse_amount(a).and_then(|q| eval.grant_for(&q)) {
            Ok(g) => match format {
                CalcFormat::Human => {
                    println!("{a} → {}（{}；{}）", g.written, g.reason, g.working)
                }
                CalcFormat::Json => json.push(serde_json::json!({
                    "input": a, "grant": g.amount.normalize().to_string(), "written": g.written,
                    "branch": g.branch, "reason": g.reason, "working": g.working,
                })),
            },
            Err(e) => {
                status = fail(e.code(), e.message(), None);
                if format == CalcFormat::Json {
                    json.push(
                        serde_json::json!({"input": a, "code": e.code(), "message": e.message()}),
                    );
                }
            }
        }
    }
    if format == CalcFormat::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json).expect("JSON values serialise")
        );
    }
    status
}

fn run_roster(path: &Path, out: Option<&Path>, eval: &Evaluator) -> u8 {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                "E0705",
                format!("无法读取名册 {}：{e}", path.display()),
                None,
            )
        }
    };
    let Some(text) = roster::decode(&bytes) else {
        return fail(
            "E0705",
            format!("名册 {} 既不是 UTF-8 也不是 GBK 编码的 CSV", path.display()),
            Some("在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”"),
        );
    };
    let result = roster::run(&text, eval);
    for b in &result.bad {
        eprintln!(
            "warning[E0706]: {}:{}: {}；这一行未计入",
            path.display(),
            b.line,
            b.problem
        );
    }
    if let Some(out) = out {
        let same = std::fs::canonicalize(out).ok() == std::fs::canonicalize(path).ok();
        if same || out.exists() {
            return fail(
                "E0707",
                format!("{} 已经存在，不会覆盖", out.display()),
                Some("换一个输出文件名"),
            );
        }
        if let Err(e) = std::fs::write(out, roster::to_csv(&result)) {
            return fail("E0707", format!("无法写入 {}：{e}", out.display()), None);
        }
    }
    let wan = true;
    println!(
        "户数：{}户（另有 {} 行有误，未计入）",
        result.households.len(),
        result.bad.len()
    );
    for (town, total) in &result.towns {
        if !town.is_empty() {
            println!("{town}：{}", money(*total, wan));
        }
    }
    println!("合计：{}", money(result.total, wan));
    let _: Decimal = result.total;
    if result.bad.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}
