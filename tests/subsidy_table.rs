//! The 补贴测算表 (`subsidy.md`, `subsidy.xlsx`): every rule printed as the notice states it,
//! then run at each side of its bounds and at its worked examples, in exact decimals.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};

const RULES: &str = "方案 测试方案 {
  规则 分段补贴 「改造费用补贴」 {
    对象：核定改造费用（每户）
    若 不足2万元：50%，最高不超过8000元
    若 2万元至4万元（不含）：40%
    若 4万元以上：不予补贴
    例：39999.99元 → 15999.996元
  }
  规则 取暖补助 {
    对象：清洁取暖费用
    若 少于6000元：80%
    否则：中央3500元 + 地方1800元
  }
  规则 面积补贴 {
    对象：改造费用
    若 不足4万元：30元/平方米 最高不超过60平方米
    否则：20元/平方米
    例：3万元、80平方米 → 1800元
  }
}
";

fn build(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("policyc-subsidy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(dir.join("in").join(format!("{name}.policy")), text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["build", "in", "-o", "out", "--color", "never"])
        .current_dir(&dir)
        .output()
        .expect("policyc runs");
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    dir.join("out").join(name)
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_rule_is_printed_as_written_then_run_at_its_bounds_and_examples() {
    let out = build("rules", RULES);
    let md = std::fs::read_to_string(out.join("subsidy.md")).unwrap();
    insta::assert_snapshot!(md);
}

#[test]
fn the_spreadsheet_has_a_sheet_of_bands_and_one_of_workings_per_rule() {
    let out = build("sheets", RULES);
    let xlsx = out.join("subsidy.xlsx");
    let book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "表1 分段补贴",
            "表1 分段补贴 测算",
            "表2 取暖补助",
            "表2 取暖补助 测算",
            "表3 面积补贴",
            "表3 面积补贴 测算",
        ]
    );
    let bands = sheet(&xlsx, "表2 取暖补助");
    assert_eq!(
        bands[1],
        ["档次", "清洁取暖费用", "补贴标准", "中央", "地方"]
    );
    assert_eq!(
        bands[3],
        [
            "2",
            "其他情形",
            "中央3500元 + 地方1800元",
            "3500元",
            "1800元"
        ]
    );
    let worked = sheet(&xlsx, "表2 取暖补助 测算");
    // Just below the bound the share applies; at it, the fixed amount and who pays it.
    assert_eq!(worked[2][..3], ["5999元", "少于6000元：80%", "4799.2元"]);
    assert_eq!(
        worked[3][..5],
        [
            "6000元",
            "其他情形：中央3500元 + 地方1800元",
            "5300元",
            "3500元",
            "1800元"
        ]
    );
}

#[test]
fn a_rule_needing_two_inputs_is_run_at_its_examples_only() {
    let out = build("two", RULES);
    let worked = sheet(&out.join("subsidy.xlsx"), "表3 面积补贴 测算");
    assert_eq!(
        worked.len(),
        3,
        "title, heading and the one example: {worked:?}"
    );
    assert_eq!(worked[2][0], "3万元、80平方米");
    assert_eq!(worked[2][2], "1800元");
    assert!(worked[2][3].contains("按上限60平方米"), "{:?}", worked[2]);
}

#[test]
fn a_policy_without_rules_gets_no_table() {
    let out = build("none", "方案 测试方案 {\n  指标 改造户数：460户\n}\n");
    assert!(out.join("notice.md").exists());
    assert!(!out.join("subsidy.md").exists());
    assert!(!out.join("subsidy.xlsx").exists());
}

/// Worked examples are printed in the notice draft only when asked for (`--examples`),
/// where the rule stands; without the option the draft carries the notice's words only.
#[test]
fn worked_examples_enter_the_draft_only_on_request() {
    let text = "方案 测试方案 {\n  「补贴标准如下。」\n  规则 改造补贴 {\n    对象：核定改造费用\n    若 达到4万元以上：3万元\n    若 不足4万元：50%\n    例：3.9万元 → 1.95万元\n  }\n  「其余按规定执行。」\n}\n";
    let plain = build("plain", text);
    let md = std::fs::read_to_string(plain.join("notice.md")).unwrap();
    assert!(!md.contains("例："), "{md}");

    let dir = std::env::temp_dir().join(format!("policyc-subsidy-{}-asked", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/asked.policy"), text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["build", "in", "-o", "out", "--examples", "--color", "never"])
        .current_dir(&dir)
        .output()
        .expect("policyc runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = std::fs::read_to_string(dir.join("out/asked/notice.md")).unwrap();
    let (before, example, after) = (
        md.find("补贴标准如下。").unwrap(),
        md.find("例：3.9万元 → 1.95万元").unwrap(),
        md.find("其余按规定执行。").unwrap(),
    );
    assert!(before < example && example < after, "{md}");
    let html = std::fs::read_to_string(dir.join("out/asked/notice.html")).unwrap();
    assert!(html.contains("例：3.9万元 → 1.95万元"), "{html}");
}
