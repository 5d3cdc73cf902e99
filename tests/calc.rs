//! `policyc calc`: every subsidy rule and standard of policies/ evaluated just below, at and
//! above each of its bounds, exact decimals, funding splits, caps, several inputs, bad input,
//! and rosters (CSV and Excel) with bad rows, totals and budgets.

use std::path::Path;
use std::process::Command;

use policyc::calc::{self, parse_inputs, roster};
use policyc::diagnostics::SourceMap;
use policyc::driver::{compile_file, compile_source};
use policyc::model::Policy;

const P000: &str = "policies/000_dalate-pingfang-jieneng.policy";
const P001: &str = "policies/001_litong-qingjie-qunuan.policy";
const P003: &str = "policies/003_donghe-qingjie-qunuan-2021.policy";
const P004: &str = "policies/004_shuocheng-qingjie-qunuan-2022.policy";

fn policy(path: &str) -> Policy {
    let mut map = SourceMap::new();
    compile_file(Path::new(path), &mut map)
        .policy
        .expect("the policy compiles")
}

fn policy_text(text: &str) -> Policy {
    let mut map = SourceMap::new();
    let file = map.add("t.policy", text);
    compile_source(text, "t.policy", file, &[])
        .0
        .expect("the policy compiles")
}

/// (grant as written, reason) for one household's `inputs` under `rule`.
fn grant(p: &Policy, rule: &str, inputs: &str) -> Result<(String, String), &'static str> {
    let s = calc::find_rule(p, rule).map_err(|e| e.code())?;
    let eval = s.evaluator();
    parse_inputs(inputs)
        .and_then(|q| eval.grant_for(&q))
        .map(|g| (g.written, g.reason))
        .map_err(|e| e.code())
}

/// The grant as written, alone.
fn g(p: &Policy, rule: &str, inputs: &str) -> String {
    grant(p, rule, inputs).unwrap().0
}

#[test]
fn dalate_renovation_subsidy_at_its_boundary() {
    let p = policy(P000);
    let r = "改造补贴";
    assert_eq!(
        grant(&p, r, "3.9万元").unwrap(),
        ("1.95万元".into(), "不足4万元：50%".into())
    );
    // Just below, at and above 4万元: 达到4万元以上 includes it, 不足4万元 does not.
    assert_eq!(g(&p, r, "39999.99元"), "19999.995元");
    assert_eq!(
        grant(&p, r, "4万元").unwrap(),
        ("3万元".into(), "达到4万元以上：3万元".into())
    );
    assert_eq!(g(&p, r, "40000.01元"), "3万元");
    assert_eq!(
        g(&p, r, "40000元"),
        "3万元",
        "元 and 万元 are one dimension"
    );
    assert_eq!(g(&p, r, "0元"), "0元");
    assert_eq!(g(&p, r, "100万元"), "3万元");
}

#[test]
fn litong_heating_subsidy_at_its_boundary_with_its_funding_split() {
    let p = policy(P001);
    let r = "农户清洁取暖补助";
    assert_eq!(g(&p, r, "5999.99元"), "4799.992元");
    assert_eq!(g(&p, r, "5000元"), "4000元");
    assert_eq!(
        grant(&p, r, "6000元").unwrap(),
        ("5300元".into(), "否则：中央3500元 + 地方1800元".into())
    );
    assert_eq!(g(&p, r, "6000.01元"), "5300元");
    let s = calc::find_rule(&p, r).unwrap();
    let eval = s.evaluator();
    let at = eval.grant_for(&parse_inputs("6000元").unwrap()).unwrap();
    let split: Vec<(String, String)> = at
        .shares
        .iter()
        .map(|s| (s.source.clone(), s.written.clone()))
        .collect();
    assert_eq!(
        split,
        [
            ("中央".into(), "3500元".into()),
            ("地方".into(), "1800元".into())
        ]
    );
    // The notice does not say who pays the 80% branch: no split is invented.
    let below = eval.grant_for(&parse_inputs("5000元").unwrap()).unwrap();
    assert!(below.shares.is_empty());
}

#[test]
fn donghe_standards_with_a_cap_in_square_metres_and_a_term_of_years() {
    let p = policy(P003);
    let r = "电锅炉改造补贴";
    assert_eq!(g(&p, r, "161.99平方米"), "16199元");
    assert_eq!(g(&p, r, "162平方米"), "16200元");
    assert_eq!(g(&p, r, "162.01平方米"), "16200元");
    let gas = "气费补贴标准";
    assert_eq!(g(&p, gas, "100平方米、3采暖季"), "3600元");
    assert_eq!(g(&p, gas, "162平方米、2采暖季"), "3888元");
    assert_eq!(g(&p, gas, "162.01平方米、3采暖季"), "5832元");
    assert_eq!(
        g(&p, gas, "100平方米、4采暖季"),
        "3600元",
        "暂按三年: a fourth season is not paid"
    );
    assert_eq!(g(&p, gas, "100平方米、3年"), "3600元");
    assert_eq!(grant(&p, gas, "100平方米"), Err("E0708"));
    assert_eq!(g(&p, "财政气费补贴", "162.01平方米、3采暖季"), "3888元");
    assert_eq!(g(&p, "燃气公司气费补贴", "100平方米、1采暖季"), "400元");
    assert_eq!(
        g(&p, "集中供热补贴标准", "1万平方米"),
        "1300000元",
        "the rule writes no 万, nor does its result"
    );
    assert_eq!(g(&p, "集中供热补贴标准", "162.5平方米"), "21125元");
    assert_eq!(g(&p, "天然气低压管网补贴", ""), "5000元");
}

#[test]
fn shuocheng_fuel_standard_is_tonnes_not_yuan() {
    let p = policy(P004);
    assert_eq!(g(&p, "生物质燃料补贴量", ""), "3吨");
}

#[test]
fn every_rule_and_standard_of_policies_can_be_calculated() {
    for entry in std::fs::read_dir("policies").unwrap().flatten() {
        let path = entry.path();
        let p = policy(path.to_str().unwrap());
        let rules = p
            .plans
            .iter()
            .flat_map(|pl| pl.rules.iter().map(|r| r.name.clone()));
        let rates = p
            .plans
            .iter()
            .flat_map(|pl| pl.rates.iter().map(|r| r.name.clone()));
        for name in rules.chain(rates) {
            let s = calc::find_rule(&p, &name).unwrap();
            let eval = s.evaluator();
            let units = eval.input_units();
            let inputs: Vec<String> = units.iter().map(|u| format!("1{u}")).collect();
            let q = parse_inputs(&inputs.join("、")).unwrap_or_default();
            let q = if inputs.is_empty() { Vec::new() } else { q };
            let got = eval.grant_for(&q);
            // A 标准 that is a percentage (抽查比例：50%) is no subsidy: it has nothing to be a
            // share of, and says so rather than guessing.
            let share = s
                .rule
                .otherwise
                .as_ref()
                .is_some_and(|o| o.value.is_percent());
            match got {
                Err(e) if share => assert_eq!(e.code(), "E0709", "{name}"),
                got => assert!(
                    got.is_ok(),
                    "{}: {name} with {inputs:?}: {got:?}",
                    path.display()
                ),
            }
        }
    }
}

const CAPS: &str = "方案 测试方案 {
  规则 分段补贴 {
    对象：改造费用
    若 不足2万元：50%，最高不超过8000元
    若 2万元至4万元（不含）：40%
    若 4万元以上：不予补贴
  }
  规则 面积补贴 {
    对象：改造费用
    若 不足4万元：30元/平方米 最高不超过60平方米
    否则：20元/平方米
  }
  规则 重叠补贴 {
    对象：改造费用
    若 4万元以上：3万元
    若 4万元以下：50%
  }
}
";

#[test]
fn caps_on_the_grant_and_on_the_input_and_no_grant_in_words() {
    let p = policy_text(CAPS);
    let r = "分段补贴";
    assert_eq!(g(&p, r, "15999.99元"), "7999.995元");
    assert_eq!(g(&p, r, "16000元"), "8000元");
    assert_eq!(g(&p, r, "16000.01元"), "8000元");
    assert_eq!(g(&p, r, "19999.99元"), "8000元");
    assert_eq!(g(&p, r, "2万元"), "8000元");
    assert_eq!(g(&p, r, "39999.99元"), "15999.996元");
    assert_eq!(
        grant(&p, r, "4万元").unwrap(),
        ("不予补贴".into(), "4万元以上：不予补贴".into())
    );
    let area = "面积补贴";
    assert_eq!(g(&p, area, "3万元、59.99平方米"), "1799.7元");
    assert_eq!(g(&p, area, "3万元、60平方米"), "1800元");
    assert_eq!(g(&p, area, "3万元、60.01平方米"), "1800元");
    assert_eq!(g(&p, area, "4万元、80平方米"), "1600元");
    assert_eq!(grant(&p, area, "3万元"), Err("E0708"));
    assert_eq!(grant(&p, area, "3万元、2万元"), Err("E0708"));
}

#[test]
fn an_overlap_is_reported_and_the_first_branch_applies() {
    let p = policy_text(CAPS);
    let s = calc::find_rule(&p, "重叠补贴").unwrap();
    let eval = s.evaluator();
    let at = eval.grant_for(&parse_inputs("4万元").unwrap()).unwrap();
    assert_eq!(
        (at.written.as_str(), at.branch, at.overlap.as_slice()),
        ("3万元", Some(0), &[1][..])
    );
    let below = eval.grant_for(&parse_inputs("3万元").unwrap()).unwrap();
    assert!(below.overlap.is_empty());
}

#[test]
fn bad_input_gets_a_code_not_a_panic() {
    let p = policy(P000);
    assert_eq!(grant(&p, "不存在", "1元"), Err("E0700"));
    assert_eq!(grant(&p, "改造补贴", "三万九"), Err("E0701"));
    assert_eq!(grant(&p, "改造补贴", "万元"), Err("E0701"));
    assert_eq!(grant(&p, "改造补贴", "60平方米"), Err("E0702"));
    assert_eq!(grant(&p, "改造补贴", "-5000元"), Err("E0703"));
    assert_eq!(grant(&p, "改造补贴", "－5000元"), Err("E0703"));
    assert_eq!(grant(&p, "改造补贴", "1.2.3元"), Err("E0701"));
    assert_eq!(grant(&p, "改造补贴", "--5元"), Err("E0701"));
    assert_eq!(
        grant(&p, "改造补贴", "99999999999999999999999万元"),
        Err("E0701")
    );
}

#[test]
fn a_gap_is_reported() {
    let p = policy_text(
        "方案 测试方案 {\n  规则 补贴 {\n    对象：费用\n    若 超过4万元：3万元\n    若 不足4万元：50%\n  }\n}\n",
    );
    assert_eq!(grant(&p, "补贴", "4万元"), Err("E0704"));
    assert_eq!(g(&p, "补贴", "3万元"), "1.5万元");
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
fn command_line_prints_grant_branch_working_and_split() {
    let (code, out, _) = policyc(&["calc", P000, "改造补贴", "3.9万元", "5万元"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("3.9万元 → 1.95万元（不足4万元：50%；3.9万元 × 50% = 1.95万元）"),
        "{out}"
    );
    assert!(out.contains("5万元 → 3万元"), "{out}");
    let (code, out, _) = policyc(&["calc", P001, "农户清洁取暖补助", "6000元"]);
    assert_eq!(code, 0);
    assert!(out.contains("资金来源：中央 3500元 / 地方 1800元"), "{out}");
    let (code, out, _) = policyc(&["calc", P000, "改造补贴", "39999.99元", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["grant"], "19999.995");
    assert_eq!(v[0]["unit"], "元");
}

#[test]
fn command_line_diagnostics_have_a_caret_and_negative_amounts_need_no_double_dash() {
    let (code, _, err) = policyc(&["calc", P000, "改造补贴", "abc"]);
    assert_eq!(code, 1);
    assert!(err.contains("error[E0701]"), "{err}");
    assert!(err.contains("┌─ 命令行:1:"), "{err}");
    assert!(err.contains("^^^ 这个输入"), "{err}");
    let (code, _, err) = policyc(&["calc", P000, "改造补贴", "-5元", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[E0703]"), "{err}");
    let (code, out, err) = policyc(&["calc", P003, "气费补贴标准", "100平方米、3采暖季"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("100平方米 × 3采暖季 × 12元/平方米·采暖季 = 3600元"),
        "{out}"
    );
}

#[test]
fn a_rule_with_errors_gives_results_marked_unreliable() {
    let dir = temp("unreliable");
    let f = dir.join("r.policy");
    std::fs::write(
        &f,
        "方案 测试方案 {\n  规则 补贴 {\n    对象：费用\n    若 4万元以上：3万元\n    若 4万元以下：50%\n  }\n}\n",
    )
    .unwrap();
    let (code, out, err) = policyc(&["calc", f.to_str().unwrap(), "补贴", "4万元"]);
    assert_eq!(code, 1);
    assert!(err.contains("R302") && err.contains("E0710"), "{err}");
    assert!(out.contains("不可靠"), "{out}");
    assert!(out.contains("R302"), "{out}");
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("policyc-calc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn roster_with_bad_rows_reports_them_and_goes_on() {
    let p = policy(P000);
    let s = calc::find_rule(&p, "改造补贴").unwrap();
    let eval = s.evaluator();
    let text = "户号,街道,核定改造费用（元）\nA1,昭君街道,39000\nA2,昭君街道,50000\nA3,工业街道,\nA4,工业街道,很多\nA5,工业街道,-3\nA6,工业街道,3万元\nA7,工业街道,60平方米\n";
    let sheet = roster::read_csv(text);
    let r = roster::run(&sheet, &eval);
    assert_eq!(r.households.len(), 3);
    assert_eq!(
        r.bad.iter().map(|b| b.line).collect::<Vec<_>>(),
        [4, 5, 6, 8]
    );
    assert_eq!(r.total.normalize().to_string(), "64500");
    assert_eq!(r.towns["昭君街道"].normalize().to_string(), "49500");
    assert_eq!(r.towns["工业街道"].normalize().to_string(), "15000");
    assert_eq!(
        r.sources[roster::NO_SOURCE].normalize().to_string(),
        "64500"
    );
}

#[test]
fn roster_totals_per_funding_source_and_against_the_budget() {
    let dir = temp("budget");
    let csv = dir.join("名册.csv");
    std::fs::write(
        &csv,
        "\u{feff}户号,乡镇,农户清洁取暖费用（元）\nB1,郭家桥乡,5000\nB2,郭家桥乡,6000\nB3,扁担沟镇,8000\n",
    )
    .unwrap();
    let (code, out, err) = policyc(&[
        "calc",
        P001,
        "农户清洁取暖补助",
        "--roster",
        csv.to_str().unwrap(),
        "--budget",
        "总投资",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("郭家桥乡：9300元"), "{out}");
    assert!(out.contains("资金来源 中央：7000元"), "{out}");
    assert!(out.contains("资金来源 地方：3600元"), "{out}");
    assert!(out.contains("资金来源 未分来源：4000元"), "{out}");
    assert!(out.contains("合计：1.46万元"), "{out}");
    assert!(out.contains("预算 总投资.中央：9283万元"), "{out}");
    // A budget the roster exceeds.
    let f = dir.join("小预算.policy");
    std::fs::write(
        &f,
        "方案 测试方案 {\n  指标 补助资金：1万元\n  规则 补助 {\n    对象：费用\n    若 少于6000元：80%\n    否则：中央3500元 + 地方1800元\n  }\n}\n",
    )
    .unwrap();
    let (code, _, err) = policyc(&[
        "calc",
        f.to_str().unwrap(),
        "补助",
        "--roster",
        csv.to_str().unwrap(),
        "--budget",
        "补助资金",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("warning[E0711]"), "{err}");
    assert!(err.contains("超出 4600元"), "{err}");
}

#[test]
fn roster_in_gbk_and_never_overwritten_without_force() {
    let dir = temp("roster");
    let csv = dir.join("名册.csv");
    let (gbk, _, _) = encoding_rs::GBK
        .encode("户号,街道,核定改造费用（万元）\r\nA1,西园街道,3.9\r\nA2,西园街道,四万\r\n");
    std::fs::write(&csv, &gbk).unwrap();
    let out = dir.join("结果.csv");
    let run = |extra: &[&str]| {
        let mut args = vec!["calc", P000, "改造补贴", "--roster", csv.to_str().unwrap()];
        args.extend_from_slice(extra);
        policyc(&args)
    };
    let (code, stdout, err) = run(&["-o", out.to_str().unwrap()]);
    assert_eq!(code, 1, "a bad row: {err}");
    assert!(err.contains("第3行（C列“核定改造费用（万元）”）"), "{err}");
    assert!(
        err.contains("名册.csv:3:"),
        "a caret into the roster: {err}"
    );
    assert!(stdout.contains("西园街道：1.95万元"), "{stdout}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("A1,西园街道,3.9万元,19500,不足4万元：50%"),
        "{written}"
    );
    std::fs::write(&out, "keep").unwrap();
    let (code, _, err) = run(&["-o", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("E0707"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep");
    let (_, _, err) = run(&["-o", out.to_str().unwrap(), "--force"]);
    assert!(!err.contains("E0707"), "{err}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("A1"));
    let (code, _, err) = run(&["-o", csv.to_str().unwrap(), "--force"]);
    assert_eq!(code, 1);
    assert!(err.contains("E0707"), "{err}");
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        gbk.into_owned(),
        "the roster is untouched"
    );
}

#[test]
fn roster_from_and_to_excel() {
    use calamine::{Data, Reader, Xlsx};
    let dir = temp("xlsx");
    let input = dir.join("名册.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["户号", "乡镇", "农户清洁取暖费用（元）"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "C1").unwrap();
    ws.write_string(1, 1, "郭家桥乡").unwrap();
    ws.write_number(1, 2, 5999.99).unwrap();
    ws.write_string(2, 0, "C2").unwrap();
    ws.write_string(2, 1, "郭家桥乡").unwrap();
    ws.write_string(2, 2, "6000元").unwrap();
    ws.write_string(3, 0, "C3").unwrap();
    ws.write_string(3, 1, "郭家桥乡").unwrap();
    ws.write_number(3, 2, -1.0).unwrap();
    book.save(&input).unwrap();
    let out = dir.join("结果.xlsx");
    let (code, stdout, err) = policyc(&[
        "calc",
        P001,
        "农户清洁取暖补助",
        "--roster",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "a negative row: {err}");
    assert!(err.contains("第4行") && err.contains("负数"), "{err}");
    assert!(stdout.contains("合计：10099.992元"), "exact: {stdout}");
    let mut result: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let households = result.worksheet_range("每户补贴").unwrap();
    assert_eq!(households.get_value((1, 3)), Some(&Data::Float(4799.992)));
    assert_eq!(households.get_value((2, 3)), Some(&Data::Float(5300.0)));
    let totals = result.worksheet_range("合计").unwrap();
    let rows: Vec<String> = totals
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert!(rows.contains(&"资金来源|中央|3500".to_string()), "{rows:?}");
}

#[test]
fn worked_examples_run_through_the_rule_with_several_inputs_and_no_grant() {
    let text = "方案 测试方案 {
  规则 面积补贴 {
    对象：改造费用
    若 不足4万元：30元/平方米，最高不超过60平方米
    若 4万元以上：不予补贴
    例：3万元、60.01平方米 → 1800元
    例：5万元、80平方米 → 不予补贴
    例：3万元、80平方米 → 2400元
    例：3万元 → 900元
    例：5万元、80平方米 → 0平方米
  }
}
";
    let mut map = SourceMap::new();
    let file = map.add("t.policy", text);
    let (_, diags) = compile_source(text, "t.policy", file, &[]);
    let r304: Vec<(usize, &str)> = diags
        .iter()
        .filter(|d| d.code == "R304")
        .map(|d| {
            (
                map.location(file, d.primary_span().unwrap().start).0,
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(r304.len(), 3, "{r304:?}");
    assert_eq!(r304[0].0, 8);
    assert!(
        r304[0]
            .1
            .contains("例子写 2400元，规则“面积补贴”给出 1800元"),
        "{r304:?}"
    );
    assert_eq!(r304[1].0, 9);
    assert!(r304[1].1.contains("缺少以平方米计的输入"), "{r304:?}");
    assert_eq!(r304[2].0, 10);
}

#[test]
fn conditions_on_two_inputs_at_once() {
    let p = policy_text(
        "方案 测试方案 {
  规则 节能补贴 {
    对象：改造费用
    若 不足4万元且不超过80平方米：50%
    若 不足4万元，且超过80平方米：30元/平方米
    若 达到4万元以上：3万元
  }
}
",
    );
    let r = "节能补贴";
    assert_eq!(g(&p, r, "3万元、80平方米"), "1.5万元");
    assert_eq!(g(&p, r, "3万元、80.01平方米"), "2400.3元");
    assert_eq!(g(&p, r, "39999.99元、79.99平方米"), "19999.995元");
    assert_eq!(g(&p, r, "4万元、79.99平方米"), "3万元");
    assert_eq!(
        grant(&p, r, "3万元、80平方米").unwrap().1,
        "不足4万元且不超过80平方米：50%"
    );
    assert_eq!(grant(&p, r, "3万元"), Err("E0708"));
}
