//! The arithmetic checks never panic on a file that compiles: odd tables, zero divisors, huge
//! numbers, units that cannot be read. A panic would show as E0900 (internal error).

use policyc::diagnostics::SourceMap;
use policyc::driver::compile_file;

fn codes(text: &str) -> Vec<&'static str> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("policyc-arith-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.policy", N.fetch_add(1, Ordering::SeqCst)));
    std::fs::write(&path, text).unwrap();
    let mut map = SourceMap::new();
    let compiled = compile_file(&path, &mut map);
    std::fs::remove_file(&path).ok();
    assert!(compiled.policy.is_some(), "does not compile: {text}");
    compiled.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn odd_inputs_do_not_panic() {
    let cases = [
        // Division by zero and by an interval containing zero.
        "方案 甲 {\n指标 零：0户\n指标 钱：100元\n核算：钱 ÷ 零 = 5元/户\n}",
        "方案 甲 {\n指标 近零：0.4万户\n指标 钱：100元\n核算：钱 ÷ 近零 = 5元/户\n}",
        // Products that overflow 28 digits.
        "方案 甲 {\n指标 大：99999999999999999999亿元\n核算：大 × 大 × 大 = 1元\n}",
        "方案 甲 {\n分解 大 {\n合计：1亿元\n甲：99999999999999999999亿元\n乙：99999999999999999999亿元\n}\n}",
        // A ratio of zeros, a ratio with more terms than parts, an empty breakdown.
        "方案 甲 {\n分解 分 比例 0:0 {\n合计：10元\n甲：5元\n乙：5元\n}\n分解 空 {\n合计：3户\n}\n}",
        // Ragged, empty and textual tables; relations over missing cells.
        "方案 甲 {\n表 表 {\n列：甲｜乙｜丙\n合计：合计｜10\n行：a｜1｜2｜3｜4\n行：b\n小计：｜｜\n关系：第3列 = 第2列 ÷ 第2列\n}\n表 空 {\n列：甲\n}\n}",
        "方案 甲 {\n表 表 {\n单位：户\n列：甲｜乙｜丙\n小计：小计｜5｜x\n合计：合计｜0｜0\n行：a｜0｜0\n关系：第2列 = 第3列 ÷ 第2列\n}\n}",
        // Figures whose units cannot be read.
        "方案 甲 {\n分解 怪 {\n合计：3怪单位\n甲：1户\n}\n复述 怪：4怪单位\n核算：怪 = 怪\n}",
        // Percentages in cells; a subtraction that goes below zero.
        "方案 甲 {\n表 表 {\n列：甲｜占比\n合计：合计｜100%\n行：a｜30%\n行：b｜71%\n}\n指标 少：1.5万元\n指标 多：2万元\n核算：少 - 多 = 0.5万元\n}",
    ];
    for text in cases {
        let found = codes(text);
        assert!(
            !found.contains(&"E0900"),
            "a check panicked on:\n{text}\n{found:?}"
        );
    }
}

#[test]
fn every_failing_check_leaves_the_others_running() {
    // One file with a finding of every kind: each check reports its own.
    let text = "方案 甲 {\n\
        分解 户数 {\n合计：10户\n甲：3户\n乙：3户\n}\n\
        表 表 {\n单位：户\n列：名｜数｜半\n合计：合计｜10｜3\n行：a｜3｜3\n行：b｜3｜1\n关系：第3列 = 第2列 ÷ 2\n}\n\
        指标 面积：102万平方米\n复述 面积：101万平方米\n\
        核算：户数.甲 × 2 = 户数\n\
        分解 分担 比例 7:3 {\n合计：10元\n市：5元\n区：5元\n}\n\
        分解 混 {\n合计：10户\n甲：10平方米\n}\n\
        分解 份额 {\n甲：50%\n乙：60%\n}\n}";
    let found = codes(text);
    for code in [
        "A101", "A102", "A103", "A104", "A105", "A106", "A107", "A108",
    ] {
        assert!(found.contains(&code), "{code} missing from {found:?}");
    }
}
