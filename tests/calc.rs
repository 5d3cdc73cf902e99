//! `policyc calc`: the rules of policies/ evaluated at their boundaries, exact decimals,
//! bad input, and rosters with bad rows.

use std::path::Path;
use std::process::Command;

use policyc::calc::{self, parse_amount, roster, Evaluator};
use policyc::diagnostics::SourceMap;
use policyc::driver::compile_file;
use policyc::model::Policy;

const P000: &str = "policies/000_dalate-pingfang-jieneng.policy";
const P001: &str = "policies/001_litong-qingjie-qunuan.policy";

fn policy(path: &str) -> Policy {
    let mut map = SourceMap::new();
    compile_file(Path::new(path), &mut map)
        .policy
        .expect("the policy compiles")
}

/// (grant as written, reason) for `amount` under `rule`.
fn grant(p: &Policy, rule: &str, amount: &str) -> Result<(String, String), &'static str> {
    let eval = Evaluator::new(calc::find_rule(p, rule).map_err(|e| e.code())?);
    parse_amount(amount)
        .and_then(|q| eval.grant_for(&q))
        .map(|g| (g.written, g.reason))
        .map_err(|e| e.code())
}

#[test]
fn dalate_renovation_subsidy_at_its_boundary() {
    let p = policy(P000);
    let g = |a| grant(&p, "改造补贴", a).unwrap();
    assert_eq!(g("3.9万元"), ("1.95万元".into(), "不足4万元：50%".into()));
    assert_eq!(g("39999.99元").0, "19999.995元");
    assert_eq!(g("4万元"), ("3万元".into(), "达到4万元以上：3万元".into()));
    assert_eq!(g("40000.01元").0, "3万元");
    assert_eq!(
        g("40000元").0,
        "3万元",
        "元 and 万元 are the same dimension"
    );
}

#[test]
fn litong_heating_subsidy_at_its_boundary() {
    let p = policy(P001);
    let g = |a| grant(&p, "农户清洁取暖补助", a).unwrap();
    assert_eq!(g("5999.99元").0, "4799.992元");
    assert_eq!(g("5000元").0, "4000元");
    assert_eq!(g("6000元"), ("5300元".into(), "否则：5300元".into()));
    assert_eq!(g("6000.01元").0, "5300元");
}

#[test]
fn bad_input_gets_a_code_not_a_panic() {
    let p = policy(P000);
    assert_eq!(grant(&p, "不存在", "1元"), Err("E0700"));
    assert_eq!(grant(&p, "改造补贴", "三万九"), Err("E0701"));
    assert_eq!(grant(&p, "改造补贴", "万元"), Err("E0701"));
    assert_eq!(grant(&p, "改造补贴", "60平方米"), Err("E0702"));
    assert_eq!(grant(&p, "改造补贴", "-5000元"), Err("E0703"));
    assert_eq!(grant(&p, "改造补贴", "1.2.3元"), Err("E0701"));
}

#[test]
fn a_gap_is_reported() {
    let dir = std::env::temp_dir().join(format!("policyc-calc-gap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("gap.policy");
    std::fs::write(
        &f,
        "方案 测试方案 {\n  规则 补贴 {\n    对象：费用\n    若 超过4万元：3万元\n    若 不足4万元：50%\n  }\n}\n",
    )
    .unwrap();
    let p = policy(f.to_str().unwrap());
    assert_eq!(grant(&p, "补贴", "4万元"), Err("E0704"));
    assert_eq!(grant(&p, "补贴", "3万元").unwrap().0, "1.5万元");
}

fn policyc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("policyc runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn command_line_prints_grant_branch_and_working() {
    let (code, out, _) = policyc(&["calc", P000, "改造补贴", "3.9万元", "5万元"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("3.9万元 → 1.95万元（不足4万元：50%；3.9万元 × 50% = 1.95万元）"),
        "{out}"
    );
    assert!(out.contains("5万元 → 3万元"), "{out}");
    let (code, out, _) = policyc(&["calc", P000, "改造补贴", "--format", "json", "39999.99元"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["grant"], "19999.995");
    let (code, _, err) = policyc(&["calc", P000, "改造补贴", "abc"]);
    assert_eq!(code, 1);
    assert!(err.contains("E0701"), "{err}");
}

#[test]
fn roster_with_bad_rows_reports_them_and_goes_on() {
    let p = policy(P000);
    let eval = Evaluator::new(calc::find_rule(&p, "改造补贴").unwrap());
    let text = "户号,街道,核定改造费用（元）\nA1,昭君街道,39000\nA2,昭君街道,50000\nA3,工业街道,\nA4,工业街道,很多\nA5,工业街道,-3\nA6,工业街道,3万元\n";
    let r = roster::run(text, &eval);
    assert_eq!(r.households.len(), 3);
    assert_eq!(r.bad.iter().map(|b| b.line).collect::<Vec<_>>(), [4, 5, 6]);
    assert_eq!(r.total.normalize().to_string(), "64500");
    assert_eq!(r.towns["昭君街道"].normalize().to_string(), "49500");
    assert_eq!(r.towns["工业街道"].normalize().to_string(), "15000");
}

#[test]
fn roster_in_gbk_and_never_overwritten() {
    let dir = std::env::temp_dir().join(format!("policyc-calc-roster-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("名册.csv");
    let (gbk, _, _) = encoding_rs::GBK.encode("户号,街道,核定改造费用（万元）\nA1,西园街道,3.9\n");
    std::fs::write(&csv, &gbk).unwrap();
    let out = dir.join("结果.csv");
    let _ = std::fs::remove_file(&out);
    let (code, stdout, err) = policyc(&[
        "calc",
        P000,
        "改造补贴",
        "--roster",
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("西园街道：1.95万元"), "{stdout}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("A1,西园街道,3.9万元,19500,不足4万元：50%"),
        "{written}"
    );
    let (code, _, err) = policyc(&[
        "calc",
        P000,
        "改造补贴",
        "--roster",
        csv.to_str().unwrap(),
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("E0707"));
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        gbk.into_owned(),
        "the roster is untouched"
    );
}
