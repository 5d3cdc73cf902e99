//! Front end: syntax errors in the drafter's terms, carets under the right character.

use policyc::diagnostics::{human::render_human, json::to_json, SourceMap};
use policyc::driver::compile_source;

fn check(text: &str) -> (bool, Vec<String>, String, serde_json::Value) {
    let mut map = SourceMap::new();
    let file = map.add("示例.policy", text);
    let (policy, diags) = compile_source(text, "示例.policy", file, &[]);
    let codes = diags.iter().map(|d| d.code.to_string()).collect();
    (
        policy.is_some(),
        codes,
        render_human(&map, &diags, false),
        to_json(&map, &diags),
    )
}

const AFTER_CHINESE: &str =
    "方案 达拉特旗平房区节能改造工作实施方案 {\n  指标 改造户数：460户 改造\n}\n";

#[test]
fn syntax_error_after_chinese_text_puts_the_caret_under_the_character() {
    let (ok, codes, human, json) = check(AFTER_CHINESE);
    assert!(!ok);
    assert_eq!(codes, ["E0001"]);
    // `  指标 改造户数：460户 改造`: the stray 改 is the 16th character of line 2.
    assert_eq!(json[0]["line"], 2);
    assert_eq!(json[0]["column"], 16);
    insta::assert_snapshot!(human);
}

#[test]
fn several_syntax_errors_are_reported_in_one_run() {
    let text = "方案 甲 {\n  指标 甲：460户 乙\n  指标 乙：3000户\n  指标 丙 5户\n}\n";
    let (ok, codes, human, json) = check(text);
    assert!(!ok);
    assert_eq!(codes, ["E0001", "E0001"], "{human}");
    assert_eq!(json[0]["line"], 2);
    assert_eq!(json[1]["line"], 4);
}

#[test]
fn crlf_and_bom_do_not_move_columns() {
    let dir = std::env::temp_dir().join(format!("policyc-crlf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("crlf.policy");
    let text = format!("\u{feff}{}", AFTER_CHINESE.replace('\n', "\r\n"));
    std::fs::write(&path, text).unwrap();
    let mut map = SourceMap::new();
    let compiled = policyc::driver::compile_file(&path, &mut map);
    let json = to_json(&map, &compiled.diagnostics);
    assert_eq!(json[0]["line"], 2);
    assert_eq!(json[0]["column"], 16);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn full_width_punctuation_is_accepted() {
    let text = "方案 甲 ｛\n  分解 改造户数 按 年度 ｛\n    合计：2.85万户\n    2021年：3000户；2022年:13600户；2023年：11900户\n  ｝\n｝\n";
    let (ok, codes, human, _) = check(text);
    assert!(ok, "{human}");
    assert!(codes.is_empty(), "{human}");
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_without_a_crash() {
    let text = "方案 甲 {\n".to_string() + &"节 乙 {\n".repeat(200) + &"}\n".repeat(201);
    let (ok, codes, _, _) = check(&text);
    assert!(!ok);
    assert_eq!(codes, ["E0003"]);
}

#[test]
fn unknown_units_and_names_are_reported_with_hints() {
    let text = "方案 甲 {\n  指标 甲：460户子\n  「共{乙}」\n}\n";
    let (ok, codes, human, _) = check(text);
    assert!(ok);
    assert_eq!(codes, ["E0104", "E0101"], "{human}");
    assert!(human.contains("帮助"));
}

#[test]
fn a_paragraph_with_a_colon_inside_a_group_is_prose_not_a_member() {
    let text = "单位 {\n  部门：区住建局\n}\n方案 示例方案 {\n  领导小组 示例领导小组 {\n    组长：张三｜区住建局局长\n    「领导小组办公室下设4个工作组，其组成人员如下：」\n  }\n}\n";
    let mut map = SourceMap::new();
    let file = map.add("示例.policy", text);
    let (policy, diags) = compile_source(text, "示例.policy", file, &[]);
    let policy = policy.expect("compiles");
    assert!(diags.iter().all(|d| d.code != "E0001"), "{diags:?}");
    let group = &policy.groups[0];
    assert_eq!(group.members.len(), 1);
    assert_eq!(group.paragraphs.len(), 1);
    assert!(group.paragraphs[0].contains("组成人员如下："));
}

#[test]
fn comments_end_any_line_and_change_nothing() {
    // The same file with and without `//` comments: on their own lines, after a value, after
    // an opening brace, after a table row, indented, and at the end of the file without a
    // final line break.
    let plain = "单位 {\n  部门：区住建局、区财政局\n}\n方案 示例方案 {\n  期限：2024年\n  指标 改造户数：460户\n  任务 1 宣传 {\n    牵头单位：区住建局\n    责任单位：区财政局\n    完成时限：2024年6月底前\n  }\n  表 分配表 {\n    列：乡镇｜户数（户）\n    行：甲镇｜200\n    行：乙镇｜260\n    合计：合计｜460\n  }\n}";
    let commented = "// 文件开头的注释\n单位 { // 单位\n  部门：区住建局、区财政局 // 两个部门\n}\n方案 示例方案 { // 方案\n  期限：2024年 // 期限\n    // 缩进的注释\n  指标 改造户数：460户 // 460户\n  任务 1 宣传 {\n    牵头单位：区住建局 // 牵头\n    责任单位：区财政局//紧挨着\n    完成时限：2024年6月底前 // 时限\n  }\n  表 分配表 {\n    列：乡镇｜户数（户） // 表头\n    行：甲镇｜200 // 一行\n    行：乙镇｜260\n    合计：合计｜460\n  }\n} // 结尾没有换行";
    let compile = |text: &str| {
        let mut map = SourceMap::new();
        let file = map.add("示例.policy", text);
        let (policy, diags) = compile_source(text, "示例.policy", file, &[]);
        let human = render_human(&map, &diags, false);
        (policy.expect(&human), diags.len())
    };
    let (a, da) = compile(plain);
    let (b, db) = compile(commented);
    assert_eq!((da, db), (0, 0));
    let units =
        |p: &policyc::model::Policy| p.units.iter().map(|u| u.name.clone()).collect::<Vec<_>>();
    assert_eq!(units(&a), units(&b));
    let figures = |p: &policyc::model::Policy| {
        p.figures
            .iter()
            .map(|f| (f.id.clone(), f.quantity.written.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(figures(&a), figures(&b));
    let task = |p: &policyc::model::Policy| {
        let t = &p.plans[0].tasks[0];
        let names =
            |l: &[policyc::model::UnitRef]| l.iter().map(|r| r.written.clone()).collect::<Vec<_>>();
        (
            names(&t.lead),
            names(&t.responsible),
            t.deadline.as_ref().map(|d| d.written.clone()),
        )
    };
    assert_eq!(task(&a), task(&b));
    let cells = |p: &policyc::model::Policy| {
        p.plans[0].tables[0]
            .rows
            .iter()
            .map(|r| r.cells().map(|c| c.text.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    assert_eq!(cells(&a), cells(&b));
}

// ───────────── structural mistakes, said where they are made (issue 13) ─────────────

/// The codes and the whole rendered message of a file that is expected to fail.
fn fails(text: &str) -> (Vec<String>, String) {
    let (_, codes, human, _) = check(text);
    (codes, human)
}

#[test]
fn a_block_left_open_is_reported_where_it_opened() {
    let text = "单位 {\n  部门：区住建局、区财政局\n}\n方案 示例方案 {\n  期限：2024年\n  节 一、主要任务 {\n    任务 1 组织实施 {\n      牵头单位：区住建局\n      完成时限：2024年6月底前\n    任务 2 宣传发动 {\n      牵头单位：区财政局\n    }\n  }\n}\n";
    let (codes, human) = fails(text);
    assert_eq!(codes, ["E0020"], "{human}");
    assert!(
        human.contains("第7行的“任务 1 组织实施 {”没有对应的“}”"),
        "{human}"
    );
    insta::assert_snapshot!(human);
}

#[test]
fn a_breakdown_left_open_before_a_paragraph_is_one_error_at_the_breakdown() {
    let text = "方案 示例方案 {\n  分解 改造户数 按 年度 {\n    合计：460户\n    2023年：200户\n    2024年：260户\n  「改造户数分两年完成。」\n}\n";
    let (codes, human) = fails(text);
    assert_eq!(codes, ["E0020"], "{human}");
    assert!(
        human.contains("第2行的“分解 改造户数 按 年度 {”"),
        "{human}"
    );
    // No caret across two lines, no colon asked for after the paragraph.
    assert!(!human.contains("冒号"), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn a_block_left_open_at_the_end_of_the_file_names_the_block() {
    let text =
        "方案 示例方案 {\n  指标 改造户数：460户\n  节 一、工作目标 {\n    「完成改造。」\n}\n";
    let (codes, human) = fails(text);
    assert_eq!(codes, ["E0020"], "{human}");
    assert!(human.contains("第3行的“节 一、工作目标 {”"), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn an_extra_closing_brace_is_reported_at_the_brace() {
    let text = "方案 示例方案 {\n  指标 改造户数：460户\n  }\n  指标 改造面积：约7.1万平方米\n}\n";
    let (codes, human, json) = {
        let (_, codes, human, json) = check(text);
        (codes, human, json)
    };
    assert_eq!(codes, ["E0021"], "{human}");
    assert_eq!(json[0]["line"], 3);
    assert_eq!(json[0]["column"], 3);
    insta::assert_snapshot!(human);
}

#[test]
fn a_misspelled_keyword_is_one_error_with_a_suggestion() {
    let text = "方案 示例方案 {\n  分届 改造户数 按 年度 {\n    合计：460户\n    2023年：200户\n    2024年：260户\n  }\n}\n";
    let (codes, human) = fails(text);
    assert_eq!(codes, ["E0022"], "{human}");
    assert!(human.contains("是否想写“分解”？"), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn misspelled_field_names_are_one_error_each() {
    let text = "单位 {\n  部门：区住建局\n}\n方案 示例方案 {\n  期线：2024年\n  任务 1 宣传 {\n    牵头单住：区住建局\n    完成时限：2024年6月底前\n  }\n}\n";
    let (codes, human) = fails(text);
    assert_eq!(codes, ["E0022", "E0022"], "{human}");
    assert!(human.contains("是否想写“期限”？"), "{human}");
    assert!(human.contains("是否想写“牵头单位”？"), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn expected_lists_name_what_a_drafter_writes_shortest_first() {
    let text = "方案 示例方案 {\n  指标 改造户数：460户\n  改造工作分两年完成\n}\n";
    let (codes, human) = fails(text);
    assert_eq!(codes, ["E0001"], "{human}");
    // No alternative spellings of the grammar, no template forms offered as the answer.
    for internal in ["工作专班", "检查", "主要任务", "{ … }", "细则", "计划"] {
        assert!(!human.contains(internal), "{internal} in\n{human}");
    }
    assert!(
        human.contains("以关键词开头的一行（节、表、指标"),
        "{human}"
    );
    // Unquoted prose: the fix is offered.
    assert!(human.contains("「改造工作分两年完成」"), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn prose_in_chinese_quotes_is_told_to_go_in_corner_brackets() {
    let text = "方案 示例方案 {\n  “改造完成后，由区住建局组织“回头看”验收。”\n  指标 改造户数：460户\n}\n";
    let (codes, human) = fails(text);
    assert_eq!(codes, ["E0023"], "{human}");
    assert!(
        human.contains("改为：「改造完成后，由区住建局组织“回头看”验收。」"),
        "{human}"
    );
    insta::assert_snapshot!(human);
}

#[test]
fn a_quote_left_open_is_reported_where_it_opened() {
    let text = "方案 示例方案 {\n  「改造完成后，由区住建局组织验收。\n  指标 改造户数：460户\n}\n";
    let (codes, human) = fails(text);
    assert_eq!(codes, ["E0024"], "{human}");
    assert!(human.contains("第2行的“「”没有对应的“」”"), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn an_undeclared_abbreviation_suggests_the_full_name_and_the_alias_form() {
    let text = "单位 {\n  部门：县住房和城乡建设局、县财政局\n}\n方案 示例方案 {\n  任务 1 宣传 {\n    牵头单位：县住建局\n  }\n}\n";
    let (_, codes, human, _) = check(text);
    assert_eq!(codes, ["E0103"], "{human}");
    assert!(
        human.contains("县住房和城乡建设局（又称 县住建局）"),
        "{human}"
    );
    insta::assert_snapshot!(human);
}

#[test]
fn an_unknown_reference_suggests_the_nearest_declared_name() {
    let text = "方案 示例方案 {\n  指标 改造户数：460户\n  「共改造{改造户树}。」\n}\n";
    let (_, codes, human, _) = check(text);
    assert_eq!(codes, ["E0101"], "{human}");
    assert!(human.contains("是否指“改造户数”？"), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn an_unknown_field_of_a_block_is_told_the_fields_the_block_has() {
    let (ok, codes, human, _) = check("通知 {\n  标题：某通知\n  批准日期：2024年5月1日\n}\n");
    assert!(!ok);
    assert_eq!(codes, ["E0001"], "{human}");
    let help = human.lines().find(|l| l.contains("帮助")).unwrap();
    for field in [
        "标题",
        "发文机关",
        "发文字号",
        "主送",
        "正文",
        "署名",
        "成文日期",
        "印发",
        "抄送",
        "联系电话",
    ] {
        assert!(help.contains(field), "{field} missing: {help}");
    }
    // Not the keywords of a plan.
    assert!(!help.contains("指标"), "{help}");
}

#[test]
fn a_name_with_a_blank_or_a_comma_gets_the_caret_on_the_break() {
    let (ok, codes, human, json) =
        check("方案 示例 {\n  指标 改造 户数：460户\n  标准 中央，补贴：3500元/户\n}\n");
    assert!(!ok);
    assert_eq!(codes, ["E0001", "E0001"], "{human}");
    assert!(human.contains("名称“改造 户数”中有空格"), "{human}");
    assert!(human.contains("名称“中央，补贴”中有逗号"), "{human}");
    assert!(human.contains("写作“指标 改造户数：…”"), "{human}");
    // The caret stands under the blank itself, not under the keyword.
    assert_eq!(json[0]["line"], 2);
    assert_eq!(json[0]["column"], 8);
    assert_eq!(json[1]["column"], 8);
}

#[test]
fn a_step_milestone_or_part_name_with_a_break_gets_the_caret_on_the_break() {
    let text = "方案 示例 {\n  阶段 （一）摸底调研,落实政策：2024年3月 「摸底」\n  阶段 准备：2024年4月 {\n    步骤 第一步 摸底：2024年4月\n  }\n  节点 完成、验收：2024年5月\n  分解 户数 按 年度 {\n    合计：30户\n    2023年，2024年：30户\n  }\n}\n";
    let (ok, codes, human, json) = check(text);
    assert!(!ok);
    // A phase's title may hold a comma as notices print it (（一）摸底调研,落实政策): no error.
    assert_eq!(codes, ["E0001"; 3], "{human}");
    assert!(!human.contains("摸底调研,落实政策"), "{human}");
    for message in [
        "名称“第一步 摸底”中有空格",
        "名称“完成、验收”中有逗号",
        "名称“2023年，2024年”中有逗号",
        "把它放在「」中：「2023年，2024年」：…",
    ] {
        assert!(human.contains(message), "{message}: {human}");
    }
    // Never the hint about colons, never the caret on the keyword.
    assert!(!human.contains("冒号"), "{human}");
    let at: Vec<(u64, u64)> = (0..3)
        .map(|i| {
            let d = &json[i];
            (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(at, [(4, 11), (6, 8), (9, 10)], "{human}");

    // Blocks named before their 「」 title, brace or 按, and a 核算 before its colon.
    let text = "方案 示例 {\n  分解 改造 户数 按 年度 {\n    合计：3户\n    2023年：3户\n  }\n  表 开工 任务表 「表」 {\n    列：甲｜乙\n    行：a｜1\n  }\n  核算 中央 占比：1 = 1\n}\n";
    let (ok, codes, human, json) = check(text);
    assert!(!ok);
    assert_eq!(codes, ["E0001"; 3], "{human}");
    assert!(human.contains("写作“分解 改造户数 …”"), "{human}");
    assert!(human.contains("写作“表 开工任务表 …”"), "{human}");
    assert!(human.contains("写作“核算 中央占比：…”"), "{human}");
    let at: Vec<(u64, u64)> = (0..3)
        .map(|i| {
            let d = &json[i];
            (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(at, [(2, 8), (6, 7), (10, 8)], "{human}");
}

#[test]
fn a_table_cell_reference_that_names_no_figure_says_which_part_is_wrong() {
    let text = "方案 示例 {\n  表 任务表 「表」 {\n    单位：户\n    列：旗县市｜户数｜备注\n    小计：小计｜5｜\n    行：甲｜3｜改\n    行：乙｜2｜\n    小计：小计｜5｜\n  }\n  复述 任务表.丙.户数：3户\n  复述 任务表.甲.户数数：3户\n  复述 任务表.甲：3户\n  复述 任务表.小计.户数：5户\n  复述 任务表.甲.备注：5户\n  复述 任务表.乙.备注：5户\n  复述 任务表.第9行.户数：5户\n  复述 任务表.第2行.户数：3户\n  复述 任务表.乙.第2列：2户\n}\n";
    let (ok, codes, human, _) = check(text);
    assert!(ok, "{human}");
    assert_eq!(codes, ["E0101"; 7], "{human}");
    for message in [
        "表“任务表”中没有“丙”这一行",
        "表“任务表”中没有名为“户数数”的列",
        "“任务表.甲”没有写出表“任务表”的行和列",
        "表“任务表”中有 2 行名为“小计”，不知指哪一行；请写作 第N行",
        "表“任务表”中“甲”行“备注”列的一格写的是“改”，不是数字",
        "表“任务表”中“乙”行“备注”列的一格是空的",
        "表“任务表”只有 4 行，没有第9行",
    ] {
        assert!(human.contains(message), "{message}\n{human}");
    }
}
