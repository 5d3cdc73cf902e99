//! Turns a pest error into a diagnostic that names what was expected in the drafter's terms.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::parse::Rule;
use crate::diagnostics::{Diagnostic, FileId, Severity, Span};

/// What a grammar rule is called in a message to a drafter. Rules not listed are plumbing
/// that a drafter never needs to hear about.
fn describe(grammar_rule: Rule) -> Option<&'static str> {
    Some(match grammar_rule {
        Rule::text | Rule::paragraph => "用「」括起的文字",
        Rule::line_text | Rule::any_title | Rule::title_text => "文字",
        Rule::number => "数字",
        Rule::quantity => "数量（如 460户、2.85万户、80%）",
        Rule::unit => "计量单位（如 户、平方米、万元）",
        Rule::ratio => "比例（如 7:3）",
        Rule::name => "名称",
        Rule::label | Rule::path => "名称或引用（如 改造户数.2021年）",
        Rule::when | Rule::deadline | Rule::date_range | Rule::date_point => {
            "日期（如 2022年3月31日、10月底前、2021-2023年）"
        }
        Rule::notice => "“通知 { … }”",
        Rule::plan => "“方案 「标题」 { … }”",
        Rule::units => "“单位 { … }”",
        Rule::group => "“领导小组 名称 { … }”",
        Rule::section => "“节 标题 { … }”",
        Rule::figure => "“指标 名称：数量”",
        Rule::breakdown => "“分解 名称 { … }”",
        Rule::restate => "“复述 引用：数量”",
        Rule::rate => "“标准 名称：数量”",
        Rule::rule => "“规则 名称 { … }”",
        Rule::calc => "“核算：算式 = 算式”",
        Rule::task => "“任务 编号 { … }”",
        Rule::phase => "“阶段 名称：时间”",
        Rule::step => "“步骤 名称：时间”",
        Rule::milestone => "“节点 名称：时间”",
        Rule::table => "“表 名称 { … }”",
        Rule::attachment => "“附件 编号 标题”",
        Rule::total => "“合计：数量”",
        Rule::part => "分项（如 “2021年：3000户”）",
        Rule::condition => "条件（如 不足4万元、4万元以上）",
        Rule::outcome => "结果（如 3万元、50%）",
        Rule::expr | Rule::term | Rule::factor => "算式（如 3500元/户 × 改造户数）",
        Rule::cmp => "比较符号“=”“≤”或“≥”",
        Rule::member => "成员（如 “组长：姓名｜职务”）",
        Rule::office => "“办公室 { … }”",
        Rule::unit_line => "单位类别（部门、乡镇、街道、企业、机构、集合、其他）",
        Rule::unit_kind => "单位类别（部门、乡镇、街道、企业、机构、集合、其他）",
        Rule::unit_list | Rule::unit_ref => "单位名称",
        Rule::cells | Rule::cell => "表格单元格（用“｜”分隔）",
        Rule::table_columns => "“列：…”",
        Rule::table_row => "“行：…”",
        Rule::EOI => "文件结尾",
        _ => return None,
    })
}

/// Literal tokens a drafter can type, named as they look.
fn describe_token(token: &str) -> String {
    match token {
        "：" | ":" => "冒号“：”".into(),
        "{" | "｛" => "左括号“{”".into(),
        "}" | "｝" => "右括号“}”".into(),
        "「" | "\"" => "用「」括起的文字".into(),
        "」" => "右引号“」”".into(),
        "｜" | "|" => "分隔符“｜”".into(),
        "\r\n" | "\n" | "\r" => "换行".into(),
        "；" | ";" => "换行或分号“；”".into(),
        t => format!("“{t}”"),
    }
}

pub(super) fn syntax_error(src: &str, e: &Error<Rule>, file: FileId) -> Diagnostic {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
    .min(src.len());
    let width = src[pos..].chars().next().map_or(0, char::len_utf8);
    let span = Span {
        start: pos,
        end: pos + width,
    };

    if let ErrorVariant::CustomError { message } = &e.variant {
        // Only the call and stack limits raise custom errors.
        return Diagnostic::new(
            "E0003",
            Severity::Error,
            "文件过于复杂，解析超出限制".to_string(),
            file,
        )
        .with_primary(span, "在这里停止解析")
        .with_note(format!("解析器报告：{message}"));
    }

    let mut expected: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !expected.contains(&s) {
            expected.push(s);
        }
    };
    if let Some(attempts) = e.parse_attempts() {
        for stack in attempts.call_stacks() {
            // A failed token is described by the tokens themselves (below); naming its parent
            // rule would blame whatever construct happened to be tried last.
            if let Some(d) = stack.deepest.get_rule().copied().and_then(describe) {
                push(d.to_string());
            }
        }
        for t in attempts.expected_tokens() {
            let token = t.to_string();
            // Ranges ("0..9") and built-ins say nothing a drafter can act on.
            let blank = token.chars().all(|c| c.is_whitespace()) || token == "//";
            if !token.contains("..") && token != "BUILTIN_RULE" && !blank {
                push(describe_token(&token));
            }
        }
    }
    if let ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(d) = describe(*r) {
                push(d.to_string());
            }
        }
    }
    expected.truncate(6);

    let found = match src[pos..].chars().next() {
        None => "文件结尾".to_string(),
        Some('\n') => "换行".to_string(),
        Some(c) => format!("“{c}”"),
    };
    let message = if expected.is_empty() {
        format!("无法理解这里的内容：遇到 {found}")
    } else {
        format!("此处应为{}，却遇到 {found}", expected.join("、"))
    };
    let mut d = Diagnostic::new("E0001", Severity::Error, message, file).with_primary(
        span,
        if expected.is_empty() {
            "这里".to_string()
        } else {
            format!("应为{}", expected[0])
        },
    );
    d = d.with_help(hint(src, pos, &expected));
    d
}

/// A hint for the commonest slips, judged from what was expected and what stands there.
fn hint(src: &str, pos: usize, expected: &[String]) -> String {
    let next = src[pos..].chars().next();
    let line_before = src[..pos].rsplit('\n').next().unwrap_or("");
    if expected.iter().any(|e| e.contains("右括号")) && next.is_none() {
        return "文件结束时还有块没有关闭：检查每个“{”是否都有对应的“}”".into();
    }
    if expected.iter().any(|e| e.contains("分号")) && expected.iter().any(|e| e.contains("「」"))
    {
        return "一行只写一项内容：说明文字请放在「」中，同一行的两项内容之间用“；”分隔".into();
    }
    if expected.iter().any(|e| e.contains("冒号")) {
        return "名称和内容之间要用冒号“：”隔开，如“指标 改造户数：460户”".into();
    }
    if expected.iter().any(|e| e.starts_with("数量")) {
        return "数量写作数字加单位，如 460户、2.85万户、5.8亿元、80%；“约”写在数字前，“左右”写在单位后".into();
    }
    if expected.iter().any(|e| e.starts_with("日期")) {
        return "日期写作 2022年3月31日、10月底前、2021-2023年 或 2022年3月1日-4月30日".into();
    }
    if line_before.trim().is_empty() {
        return "每一行应以关键词开头（如 节、指标、分解、任务、阶段、表），或是用「」括起的一段正文".into();
    }
    "请对照 docs/language.md 检查这一行的写法".into()
}
