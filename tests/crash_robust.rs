//! Inputs that used to crash the compiler (exit 101 or 134, or a stack overflow) or to give
//! silently wrong data, by class, each at several sizes: the release or debug binary runs
//! them as a subprocess, on one job and on two, and must answer with a diagnostic code and
//! exit 1 or 2 — never a panic, an abort or a signal — and say the same on any number of jobs.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("policyc-crash-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn policyc(dir: &Path, jobs: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .env("POLICYC_JOBS", jobs)
        .current_dir(dir)
        .output()
        .expect("policyc runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Checks each text (as its own file, beside a second file so that two jobs use two
/// threads) on one job and on two; every run must exit `exit` and report `code` for the
/// text, and both runs must print the same.
fn check_all(name: &str, texts: &[String], code: &str, exit: i32) {
    let dir = temp(name);
    std::fs::write(
        dir.join("b-other.policy"),
        "方案 乙 {\n  指标 户数：3户\n}\n",
    )
    .unwrap();
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(dir.join("a.policy"), text).unwrap();
        let mut outputs = Vec::new();
        for jobs in ["1", "2"] {
            let run = policyc(&dir, jobs, &["check", "a.policy", "b-other.policy"]);
            let what = format!("{name} #{i} ({} bytes), {jobs} job(s)", text.len());
            assert_eq!(
                run.code,
                Some(exit),
                "{what}: exit {:?}\n{}",
                run.code,
                tail(&run.stderr)
            );
            assert!(
                !run.stderr.contains("panicked"),
                "{what}:\n{}",
                tail(&run.stderr)
            );
            assert!(
                run.stdout.contains(&format!("[{code}]")),
                "{what}: no {code} in\n{}",
                tail(&run.stdout)
            );
            outputs.push(run.stdout);
        }
        assert_eq!(
            outputs[0], outputs[1],
            "{name} #{i}: 1 job and 2 jobs differ"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn tail(s: &str) -> String {
    let start = s.len().saturating_sub(2000);
    let start = (start..s.len())
        .find(|i| s.is_char_boundary(*i))
        .unwrap_or(s.len());
    s[start..].to_string()
}

fn plan(body: &str) -> String {
    format!("方案 甲 {{\n{body}}}\n")
}

// ───────────────────────────── decimal overflow ─────────────────────────────

#[test]
fn figures_too_large_to_hold_are_e0110_not_a_panic() {
    let mut texts = Vec::new();
    for digits in [13, 16, 20] {
        let n = format!("8{}", "0".repeat(digits - 1));
        texts.push(plan(&format!("  指标 甲：{n}亿亿元\n")));
        texts.push(plan(&format!("  指标 甲：约{n}亿亿元\n")));
        texts.push(plan(&format!("  指标 甲：{n}亿亿元左右\n")));
    }
    texts.push(plan("  指标 甲：约7900000000000亿亿元\n"));
    texts.push(plan("  指标 甲：3亿元·亿元·亿元·亿元\n"));
    texts.push(plan(
        "  表 投资表 {\n    单位：亿元·亿元\n    列：项目｜投资\n    行：甲｜80000000000000\n  }\n",
    ));
    // Few digits in a unit of 10^24 (the table's, then a column's), and many digits in a unit
    // of 10^12: lowering passes a cell unread only when neither can overflow.
    texts.push(plan(
        "  表 投资表 {\n    单位：亿元·亿元·亿元\n    列：项目｜投资\n    行：甲｜80000\n  }\n",
    ));
    texts.push(plan(
        "  表 投资表 {\n    列：项目｜投资（亿元·亿元·亿元）\n    行：甲｜80000\n  }\n",
    ));
    texts.push(plan(
        "  表 投资表 {\n    列：项目｜投资（亿元·万元）\n    行：甲｜99999999999999999999\n  }\n",
    ));
    check_all("e0110", &texts, "E0110", 1);
}

#[test]
fn sums_too_large_to_hold_are_a110_not_a_panic() {
    let mut texts = Vec::new();
    for parts in [8, 100, 1000] {
        let lines: String = (0..parts)
            .map(|i| format!("    第{i}项：99999999999999999999亿元\n"))
            .collect();
        texts.push(plan(&format!(
            "  分解 投资 {{\n    合计：3亿元\n{lines}  }}\n"
        )));
        let rows: String = (0..parts)
            .map(|i| format!("    行：第{i}行｜99999999999999999999\n"))
            .collect();
        texts.push(plan(&format!(
            "  表 投资表 {{\n    列：项目｜投资（亿元）\n{rows}    合计：合计｜1\n  }}\n"
        )));
        let terms = vec!["甲"; parts].join(" × ");
        texts.push(plan(&format!(
            "  指标 甲：99999999亿元\n  核算：{terms} = 3亿元\n"
        )));
    }
    check_all("a110", &texts, "A110", 1);
}

#[test]
fn build_of_a_table_whose_sum_overflows_writes_every_file() {
    for rows in [8, 1000] {
        let dir = temp(&format!("build-{rows}"));
        std::fs::create_dir_all(dir.join("in")).unwrap();
        let lines: String = (0..rows)
            .map(|i| format!("    行：第{i}行｜99999999999999999999\n"))
            .collect();
        std::fs::write(
            dir.join("in/big.policy"),
            plan(&format!(
                "  表 投资表 {{\n    列：项目｜投资（亿元）\n{lines}    合计：合计｜\n  }}\n"
            )),
        )
        .unwrap();
        std::fs::write(dir.join("in/ok.policy"), plan("  指标 户数：3户\n")).unwrap();
        for jobs in ["1", "2"] {
            let _ = std::fs::remove_dir_all(dir.join("out"));
            let run = policyc(&dir, jobs, &["build", "in", "-o", "out"]);
            assert!(matches!(run.code, Some(0..=2)), "{}", tail(&run.stderr));
            assert!(!run.stderr.contains("panicked"), "{}", tail(&run.stderr));
            assert!(run.stdout.contains("[A110]"), "{}", tail(&run.stdout));
            for f in ["index.html", "big/notice.html", "ok/notice.html"] {
                assert!(
                    dir.join("out").join(f).is_file(),
                    "{f} missing ({jobs} jobs)"
                );
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

// ───────────────────────────── stack depth ─────────────────────────────

#[test]
fn deep_parentheses_are_refused_with_e0003() {
    let texts: Vec<String> = [65, 1000, 10_000, 100_000]
        .iter()
        .flat_map(|&n| {
            [
                plan(&format!(
                    "  指标 甲：3户\n  核算：{}甲{} = 3户\n",
                    "(".repeat(n),
                    ")".repeat(n)
                )),
                plan(&format!(
                    "  指标 甲：3户\n  核算：{}甲{} = 3户\n",
                    "（甲 + ".repeat(n),
                    "）".repeat(n)
                )),
                // A quoted segment hides a closing parenthesis from nothing.
                plan(&format!(
                    "  指标 甲：3户\n  核算：{}1 = 3户\n",
                    "(甲.「)」 × ".repeat(n)
                )),
            ]
        })
        .collect();
    check_all("parens", &texts, "E0003", 2);
}

#[test]
fn long_flat_sums_and_products_are_evaluated_without_recursion() {
    for n in [2_000, 20_000, 100_000] {
        // A sum that does not hold: its finding, at any length.
        let sum = vec!["甲"; n].join(" + ");
        check_all(
            &format!("sum-{n}"),
            &[plan(&format!("  指标 甲：3户\n  核算：{sum} = 3户\n"))],
            "A105",
            1,
        );
        // One that holds is silent.
        let dir = temp(&format!("sum-ok-{n}"));
        let total = 3 * n;
        std::fs::write(
            dir.join("a.policy"),
            plan(&format!("  指标 甲：3户\n  核算：{sum} = {total}户\n")),
        )
        .unwrap();
        for jobs in ["1", "2"] {
            let run = policyc(&dir, jobs, &["check", "a.policy"]);
            assert_eq!(run.code, Some(0), "{n} terms:\n{}", tail(&run.stdout));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn braces_hidden_in_comments_quotes_and_free_text_do_not_fool_the_nesting_limit() {
    let hidden = [
        "节 一 { // }\n",
        "节 一 {\n  依据：}\n",
        "节 一 { 「}」\n",
        "节 一 { \"}\"\n",
        "节 一} {\n",
        "节 一 {\n  任务 1//「\n}\n」 {\n  }\n",
    ];
    let mut texts = Vec::new();
    for n in [100, 1000, 5000] {
        // Each file is complete (every block closed on a line of its own), so that what
        // refuses it is the depth, measured on the scan or on the syntax tree.
        for h in hidden {
            texts.push(plan(&(h.repeat(n) + &"}\n".repeat(n))));
        }
        // A group member whose role is written `}`: it closes nothing.
        texts.push("领导小组 甲 {\n}：张三\n".repeat(n) + &"}\n".repeat(n));
    }
    for (i, text) in texts.iter().enumerate() {
        check_all(
            &format!("hidden-{i}"),
            std::slice::from_ref(text),
            "E0003",
            2,
        );
    }
}

#[test]
fn nesting_within_the_limit_is_accepted_however_the_blocks_are_written() {
    let dir = temp("nesting-ok");
    // 64 levels, and many blocks opened and closed on one line (counted open by the scan,
    // then measured exactly on the syntax tree).
    let deep = "方案 甲 {\n".to_string() + &"节 乙 {\n".repeat(63) + &"}\n".repeat(64);
    let one_line = plan(&"  单位 { 部门：区住建局 }\n".repeat(2000));
    for text in [deep, one_line] {
        std::fs::write(dir.join("a.policy"), &text).unwrap();
        for jobs in ["1", "2"] {
            let run = policyc(&dir, jobs, &["check", "a.policy"]);
            assert!(!run.stdout.contains("[E0003]"), "{}", tail(&run.stdout));
            assert!(matches!(run.code, Some(0 | 1)), "{}", tail(&run.stderr));
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// ───────────────────────────── silent wrong data ─────────────────────────────

#[test]
fn years_too_large_are_refused_not_clamped_nor_replaced_by_the_plans_year() {
    let dir = temp("years");
    for year in ["4294969296", "18446744073709551616", "99999999999999999999"] {
        for text in [
            format!("方案 甲 {{\n  期限：2022年\n  节点 完成：{year}年6月底前\n}}\n"),
            format!("方案 甲 {{\n  期限：{year}年\n}}\n"),
            format!("方案 甲 {{\n  期限：2021-{year}年\n}}\n"),
            format!("方案 甲 {{\n  节点 完成：2022年{year}月\n}}\n"),
        ] {
            std::fs::write(dir.join("a.policy"), &text).unwrap();
            let run = policyc(&dir, "1", &["check", "a.policy"]);
            assert_eq!(run.code, Some(1), "{text}\n{}", run.stdout);
            assert!(run.stdout.contains("[E0111]"), "{text}\n{}", run.stdout);
            assert!(run.stdout.contains(year), "{text}\n{}", run.stdout);
            assert!(!run.stdout.contains("2147483647"), "{text}\n{}", run.stdout);
            assert!(!run.stdout.contains("4294967295"), "{text}\n{}", run.stdout);
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn division_by_zero_in_a_calculation_is_a109() {
    let texts: Vec<String> = ["0户", "0.0万户", "0.00户"]
        .iter()
        .map(|zero| {
            plan(&format!(
                "  指标 总额：120万元\n  指标 户数：{zero}\n  核算：总额 ÷ 户数 = 3000元/户\n"
            ))
        })
        .chain(std::iter::once(plan(
            "  指标 总额：120万元\n  核算：总额 ÷ （3户 - 3户） = 3000元/户\n",
        )))
        .collect();
    check_all("a109", &texts, "A109", 1);
}

#[test]
fn names_that_begin_with_a_numeral_are_names() {
    let dir = temp("names");
    for name in [
        "一次性补贴",
        "三年计划户数",
        "四建开发楼楼栋数",
        "近三年户数",
        "两百户目标",
    ] {
        for (before, after) in [(true, false), (false, true)] {
            let decl = format!("  指标 {name}：30户\n");
            let text = plan(&format!(
                "{}  指标 户数：10户\n  核算：{name} = 户数 × 3\n  核算：{name} ÷ 户数 = 3\n  「共{{{name}}}。」\n{}",
                if before { decl.as_str() } else { "" },
                if after { decl.as_str() } else { "" },
            ));
            std::fs::write(dir.join("a.policy"), &text).unwrap();
            let run = policyc(&dir, "1", &["check", "a.policy"]);
            assert_eq!(run.code, Some(0), "{text}\n{}", run.stdout);
            // And a calculation that does not hold is reported on the name.
            let wrong = text.replace("户数 × 3", "户数 × 4");
            std::fs::write(dir.join("a.policy"), &wrong).unwrap();
            let run = policyc(&dir, "1", &["check", "a.policy"]);
            assert!(run.stdout.contains("[A105]"), "{wrong}\n{}", run.stdout);
            assert!(!run.stdout.contains("[E0104]"), "{wrong}\n{}", run.stdout);
        }
    }
    // Paths into a breakdown, and a name with parentheses after the numeral.
    std::fs::write(
        dir.join("a.policy"),
        plan("  分解 一次性补贴 按 年度 {\n    合计：9元\n    2021年：3元\n    2022年：6元\n  }\n  核算：一次性补贴.2021年 × 2 = 一次性补贴.2022年\n  核算：三类人员（含退休）补贴 = 一次性补贴.2021年\n  指标 三类人员（含退休）补贴：3元\n"),
    )
    .unwrap();
    let run = policyc(&dir, "1", &["check", "a.policy"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    // A figure written with a numeral and a unit is still a figure.
    std::fs::write(
        dir.join("a.policy"),
        plan("  指标 期限：3年\n  核算：期限 = 三年\n"),
    )
    .unwrap();
    let run = policyc(&dir, "1", &["check", "a.policy"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    // In a table relation, a column whose heading begins with a numeral.
    std::fs::write(
        dir.join("a.policy"),
        plan("  表 甲表 {\n    列：乡镇｜三年计划户数｜一期户数｜二期户数\n    行：甲镇｜30｜10｜20\n    关系：三年计划户数 = 一期户数 + 二期户数\n  }\n"),
    )
    .unwrap();
    let run = policyc(&dir, "1", &["check", "a.policy"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}
