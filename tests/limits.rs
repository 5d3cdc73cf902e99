//! Limits and input variants: each is read correctly or refused with a clear diagnostic,
//! never a crash, a hang or runaway memory. (File size, nesting depth and digits in a number
//! are tested next to their code and in tests/syntax.rs; here: tables, dates spanning
//! centuries, tabs, mixed full- and half-width punctuation, and the other input variants.)

use std::time::{Duration, Instant};

use policyc::date::DateProblem;
use policyc::diagnostics::{human::render_human, Diagnostic, SourceMap};
use policyc::driver::compile_source;
use policyc::model::{Policy, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS};

fn compile(text: &str) -> (Option<Policy>, Vec<Diagnostic>, String) {
    let mut map = SourceMap::new();
    let file = map.add("示例.policy", text);
    let (policy, diags) = compile_source(text, "示例.policy", file, &[]);
    let human = render_human(&map, &diags, false);
    (policy, diags, human)
}

fn codes(diags: &[Diagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.code).collect()
}

/// Compiles and renders the notice draft, which must finish well within `limit` (debug
/// builds included).
fn compile_and_render(text: &str, limit: Duration) -> (Policy, Vec<Diagnostic>, String) {
    let start = Instant::now();
    let (policy, diags, human) = compile(text);
    let policy = policy.unwrap_or_else(|| panic!("does not compile:\n{human}"));
    let templates = policyc::render::Templates::builtin();
    policyc::render::notice::write_notice(&policy, &templates).expect("the draft renders");
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    (policy, diags, human)
}

fn table(header: &str, lines: &str) -> String {
    format!("方案 甲 {{\n  表 大表 「一张大表」 {{\n    列：{header}\n{lines}  }}\n}}\n")
}

#[test]
fn a_table_with_too_many_rows_is_cut_with_e0003() {
    let rows: String = (0..MAX_TABLE_ROWS + 5)
        .map(|i| format!("    行：第{i}行｜{i}\n"))
        .collect();
    let (policy, diags, human) =
        compile_and_render(&table("名称｜户数（户）", &rows), Duration::from_secs(60));
    assert_eq!(codes(&diags), ["E0003"], "{human}");
    assert!(
        human.contains(&format!("超过 {MAX_TABLE_ROWS} 行的上限")),
        "{human}"
    );
    // The caret is on the first row past the limit, and the table is named.
    assert!(human.contains(&format!("第{MAX_TABLE_ROWS}行")), "{human}");
    assert!(human.contains("这张表"), "{human}");
    assert_eq!(policy.plans[0].tables[0].rows.len(), MAX_TABLE_ROWS);
}

#[test]
fn a_table_at_the_row_limit_is_accepted() {
    let rows: String = (0..MAX_TABLE_ROWS - 1)
        .map(|i| format!("    行：第{i}行｜{i}\n"))
        .collect();
    let (_, diags, human) = compile(&table("名称｜户数（户）", &format!("{rows}    空行：1\n")));
    assert!(diags.is_empty(), "{human}");
}

#[test]
fn blank_rows_count_towards_the_limit() {
    // A reporting form that asks for a billion blank rows must not make the renderer
    // allocate them.
    let (policy, diags, human) = compile_and_render(
        &table("序号｜项目名称", "    空行：999999999999\n"),
        Duration::from_secs(60),
    );
    assert_eq!(codes(&diags), ["E0003"], "{human}");
    assert!(human.contains("999999999999"), "{human}");
    assert_eq!(policy.plans[0].tables[0].blank_rows, MAX_TABLE_ROWS);
    // More blank rows after data rows: the sum is capped.
    let (policy, diags, _) = compile(&table(
        "序号｜项目名称",
        "    行：1｜甲\n    空行：9999\n    空行：9999\n",
    ));
    assert_eq!(codes(&diags), ["E0003"]);
    let t = &policy.unwrap().plans[0].tables[0];
    assert_eq!(t.rows.len() + t.blank_rows, MAX_TABLE_ROWS);
}

#[test]
fn a_table_with_too_many_columns_is_cut_with_e0003() {
    let n = MAX_TABLE_COLUMNS + 50;
    let header: Vec<String> = (0..n).map(|i| format!("列{i}")).collect();
    let row: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    let lines = format!("    行：{}\n    合计：{}\n", row.join("｜"), row.join("｜"));
    let (policy, diags, human) =
        compile_and_render(&table(&header.join("｜"), &lines), Duration::from_secs(60));
    // Reported once for the table, however many lines are too wide.
    assert_eq!(codes(&diags), ["E0003"], "{human}");
    assert!(
        human.contains(&format!("有 {n} 列，超过上限 {MAX_TABLE_COLUMNS} 列")),
        "{human}"
    );
    let t = &policy.plans[0].tables[0];
    assert_eq!(t.columns.len(), MAX_TABLE_COLUMNS);
    assert!(t.rows.iter().all(|r| r.width() == MAX_TABLE_COLUMNS));
}

#[test]
fn dates_spanning_centuries_resolve_with_a_problem_and_nothing_hangs() {
    let text = "方案 甲 {
  期限：1000-3000年
  阶段 第一阶段：2020年1月1日-9999年12月31日 {
    步骤 第一步：1月1日-3月1日
  }
  阶段 第二阶段：1900年1月1日-2200年12月31日
  节点 远期：4294969296年6月底前
  任务 1 甲 {
    起止：1850年1月1日-2024年12月31日
  }
}
";
    let (policy, diags, human) = compile_and_render(text, Duration::from_secs(30));
    // Dates are the checks' business (D2xx); the front end reports only the year too large
    // to hold (4294969296 is 2³² + 2000), which must be neither wrapped nor clamped.
    let front_end: Vec<_> = codes(&diags)
        .into_iter()
        .filter(|c| c.starts_with('E'))
        .collect();
    assert_eq!(front_end, ["E0111"], "{human}");
    assert!(human.contains("4294969296年"), "{human}");
    assert!(!human.contains("2147483647"), "{human}");
    let plan = &policy.plans[0];
    let out_of_range = |t: &policyc::date::Time| matches!(&t.problem, Some(DateProblem::OutOfRange { what }) if what.ends_with('年'));
    assert!(out_of_range(plan.period.as_ref().unwrap()));
    assert!(out_of_range(&plan.phases[0].time));
    assert!(out_of_range(plan.tasks[0].period.as_ref().unwrap()));
    // 4294969296 is 2³² + 2000: it must not wrap around to 2000年.
    assert!(plan.milestones[0].time.start.is_none());
    // Three centuries inside the accepted years are read as written.
    let second = &plan.phases[1].time;
    assert_eq!(second.problem, None);
    assert_eq!(second.start.unwrap().to_string(), "1900-01-01");
    assert_eq!(second.end.unwrap().to_string(), "2200-12-31");
}

#[test]
fn tabs_between_tokens_are_blanks() {
    let text = "方案\t甲\t{\n\t分解\t改造户数\t按\t年度\t{\n\t\t合计：\t460户\n\t\t2021年：\t460户\n\t}\n\t「正文\t里的制表符保留」\n}\n";
    let (policy, diags, human) = compile(text);
    let policy = policy.unwrap_or_else(|| panic!("{human}"));
    assert!(diags.is_empty(), "{human}");
    assert_eq!(policy.figures.len(), 2);
    assert_eq!(policy.figures[0].quantity.written, "460户");
}

#[test]
fn full_and_half_width_punctuation_mixed_in_one_file() {
    // Braces, colons, semicolons, list separators and bars, each written both ways.
    let text = "单位 ｛\n  部门：区财政局,区发改委、区住建局，区水务局\n}\n方案 甲 {\n  指标 甲:460户；指标 乙：１２.５万元;\n  任务 1 甲 ｛\n    牵头单位:区财政局、区发改委\n    责任单位：区住建局,区水务局\n    完成时限:2024年3月31日前\n  }\n  表 乙 {\n    列：名称|户数（户）｜资金（万元）\n    行：甲|1｜２\n  ｝\n}\n";
    let (policy, diags, human) = compile(text);
    let policy = policy.unwrap_or_else(|| panic!("{human}"));
    assert!(diags.is_empty(), "{human}");
    assert_eq!(policy.units.len(), 4);
    let yi = &policy.figure("乙").unwrap().quantity;
    assert_eq!(yi.value.normalize().to_string(), "125000");
    let task = &policy.plans[0].tasks[0];
    assert_eq!(task.lead.len(), 2);
    assert_eq!(task.responsible.len(), 2);
    assert!(task.lead.iter().all(|u| u.unit.is_some()));
    let t = &policy.plans[0].tables[0];
    assert_eq!(t.columns.len(), 3);
    assert_eq!(t.rows[0].cell(2).unwrap().text, "２");
}

#[test]
fn input_variants_from_disk_are_read_or_refused() {
    let dir = std::env::temp_dir().join(format!("policyc-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = "方案 甲 {\n  指标 甲：460户\n}\n";
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        (
            "bom.policy",
            [&[0xEF, 0xBB, 0xBF][..], good.as_bytes()].concat(),
            true,
        ),
        ("crlf.policy", good.replace('\n', "\r\n").into_bytes(), true),
        ("cr.policy", good.replace('\n', "\r").into_bytes(), true),
        ("tabs.policy", good.replace("  ", "\t").into_bytes(), true),
        // GBK bytes, a lone continuation byte, UTF-16: refused with E0002.
        (
            "gbk.policy",
            [good.as_bytes(), &[0xBB, 0xA7]].concat(),
            false,
        ),
        ("lone.policy", vec![b'a', 0x80, b'b'], false),
        ("utf16.policy", vec![0xFF, 0xFE, 0x39, 0x65], false),
    ];
    for (name, bytes, ok) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let mut map = SourceMap::new();
        let compiled = policyc::driver::compile_file(&path, &mut map);
        let human = render_human(&map, &compiled.diagnostics, false);
        if ok {
            let policy = compiled
                .policy
                .unwrap_or_else(|| panic!("{name}:\n{human}"));
            assert!(compiled.diagnostics.is_empty(), "{name}:\n{human}");
            assert_eq!(policy.figures[0].quantity.written, "460户", "{name}");
        } else {
            assert!(compiled.policy.is_none(), "{name}");
            assert_eq!(codes(&compiled.diagnostics), ["E0002"], "{name}");
            assert!(human.contains("UTF-8"), "{name}:\n{human}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn numbers_with_too_many_digits_are_refused_not_rounded() {
    let (policy, diags, human) =
        compile("方案 甲 {\n  指标 甲：123456789012345678901234567户\n}\n");
    assert!(policy.is_some());
    assert_eq!(codes(&diags), ["E0003"], "{human}");
}
