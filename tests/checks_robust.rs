//! No check may fail on any input that compiles: the date, rule and organisation checks are
//! run over many odd combinations (impossible and extreme dates, reversed and overlapping
//! ranges, rules with zero, huge and mixed-unit bounds, garbled groups), and none may report
//! E0900, the internal error a panicking check turns into.

use policyc::diagnostics::FileId;
use policyc::driver::compile_source;

const TIMES: &[&str] = &[
    "2022年4月31日",
    "2023年2月29日",
    "2024年2月29日",
    "0月0日",
    "13月",
    "第五季度",
    "第二季度",
    "2022年第0季度",
    "99999999年1月1日",
    "4294967296年1月1日",
    "1899年12月31日",
    "2022年",
    "2021-2023年",
    "2023-2021年",
    "12月1日-30日",
    "11月20日—2月10日",
    "12月1日-2月29日",
    "2023-02-30",
    "2022-13-01",
    "2022511",
    "10月底前",
    "2022年底",
    "30日",
    "31日前",
    "2月29日-3月1日",
    "2022年12月31日-2022年1月1日",
    "长期坚持",
    "2022年、2023年12月1日-30日",
    "3月中下旬",
];

const RULES: &[&str] = &[
    "若 4万元以上：3万元\n若 4万元以下：50%",
    "若 超过4万元：2万元\n若 不足4万元：50%",
    "若 不足0元：5元\n若 0元以上：0元",
    "若 1万元至3万元：50%\n若 2万元以上：1万元\n若 不足1万元：5000元",
    "若 3万元至1万元：50%",
    "若 不足1万元：150%\n若 1万元以上：1元",
    "若 不足1万元：100%\n若 1万元以上：2万元",
    "若 不超过4万元：60% 最高不超过0元\n若 超过4万元：3万元",
    "若 不超过4万元：60% 最高不超过2万元\n若 超过4万元：3万元",
    "若 不足80平方米：3000元\n若 80平方米以上：5000元",
    "若 不足80平方米：3000元\n若 1万元以上：5000元",
    "若 不足99999999999999999999亿元：99999999999999999999亿元\n若 99999999999999999999亿元以上：1元",
    "若 不足0.0000001元：99999999999999999999%\n否则：0.0000001元",
    "若 4万元以上（不含）：3万元\n若 4万元以下（不含）：50%",
    "若 不足4万元：50%\n否则：3万元",
    "否则：3万元",
    "若 达到4万元：3万元",
];

const GROUPS: &[&str] = &[
    "组长：张三｜区长\n长：（未列姓名）｜区住建局局长\n员：（集体）｜各乡镇人民政府主要负责人",
    "长：（未列姓名）｜\n员：｜",
    "组长：（未列姓名）｜区长\n成员：（未列姓名）｜区财政局局长",
    "副组长兼办公室主任：李四｜区住建局局长\n办公室 {\n设在：区住建局\n主任：李四｜兼任\n}",
    "组长：张三｜局长",
];

/// Compiles `text`; whether it got as far as the checks.
fn compile(text: &str) -> bool {
    let (policy, diags) = compile_source(text, "robust.policy", FileId(0), &[]);
    if policy.is_none() {
        return false; // a syntax error: not the checks' business
    }
    if let Some(d) = diags.iter().find(|d| d.code == "E0900") {
        panic!("internal error on:\n{text}\n{}", d.message);
    }
    true
}

#[test]
fn date_checks_never_fail() {
    let mut checked = 0;
    for a in TIMES {
        for b in TIMES {
            let text = format!(
                "通知 {{\n成文日期：{a}\n}}\n方案 示例 {{\n期限：{b}\n阶段 甲：{a} {{\n步骤 一：{b}\n节点 二：{a}\n节点 三：{b}\n}}\n阶段 乙：{b}\n节点 丙：{a}\n}}\n"
            );
            checked += usize::from(compile(&text));
        }
    }
    // The generated files must reach the checks, or this test tests nothing.
    assert!(
        checked > TIMES.len() * TIMES.len() / 2,
        "only {checked} compiled"
    );
}

#[test]
fn rule_checks_never_fail() {
    let mut checked = 0;
    for r in RULES {
        let text = format!("方案 示例 {{\n规则 补贴 {{\n对象：核定费用\n{r}\n}}\n}}\n");
        checked += usize::from(compile(&text));
        let text = format!("方案 示例 {{\n规则 补贴 {{\n{r}\n}}\n}}\n");
        checked += usize::from(compile(&text));
    }
    assert!(checked > RULES.len(), "only {checked} compiled");
}

#[test]
fn organisation_checks_never_fail() {
    let units = [
        "单位 {\n部门：区住建局、区住房和城乡建设局、住建局、市住建局、区委、区委办公室、区政府\n乡镇：城关镇、城关镇人民政府、城关镇政人民政府\n集合：各乡镇人民政府、区直各部门\n企业：国网供电公司、国网\n部门：部门、局、财政部门、区\n}",
        "单位 {\n部门：区财政局（又称 财政局、区财政）\n}",
        "",
    ];
    let mut checked = 0;
    for u in units {
        for g in GROUPS {
            let text = format!(
                "{u}\n领导小组 示例领导小组 {{\n{g}\n}}\n方案 示例 {{\n任务 1 甲 {{\n牵头单位：区住建局\n}}\n任务 2 {{\n责任单位：区财政局、各乡镇人民政府\n}}\n任务 {{\n}}\n附件 1 清单\n附件 「」\n}}\n"
            );
            checked += usize::from(compile(&text));
        }
    }
    assert!(checked > GROUPS.len(), "only {checked} compiled");
}
