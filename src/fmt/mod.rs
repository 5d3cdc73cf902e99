//! `policyc fmt`: a policy file in its canonical layout, as rustfmt and gofmt do for code.
//!
//! Works on the pieces of the parsed file (`syntax::layout`), never on pest: content — names,
//! figures, dates, prose, cells — is kept as written, and only what lies between is laid out
//! again: two spaces of indentation a block, one statement a line, one space after a keyword
//! and before `{`, none around `：`, `、` and `｜`, `｜` columns aligned, full-width `：` `，`
//! `｜` and ASCII braces (an ASCII comma kept where the model records separators as written,
//! as a 主送 line does), comments and (single) blank lines kept. Prose that runs over several
//! lines is printed as written after its first line.
//!
//! Formatting never changes meaning: the result is parsed and lowered again, and its model
//! must equal the original's but for byte offsets, or nothing is returned. It is idempotent.

mod align;
mod lines;

use crate::diagnostics::{Diagnostic, FileId, Severity};
use crate::syntax;

/// The canonical form of `src`, or why there is none: the file does not parse (its syntax
/// errors), or — an internal error — its layout could not be changed without changing what
/// it says.
pub fn format_source(src: &str, path: &str, file: FileId) -> Result<String, Vec<Diagnostic>> {
    let before = syntax::parse(src, file)?;
    let Some(pieces) = syntax::layout::pieces(src) else {
        return Err(vec![internal(file, "读取文件结构")]);
    };
    let want = meaning(&before, src, path, file);
    // Commas widened first; where a list keeps its separators as written (a 主送 line), the
    // widened file says something else, and the file is laid out again with them kept.
    let mut failed = "核对含义";
    for widen_commas in [true, false] {
        let mut lines = lines::lines(&pieces, widen_commas);
        align::align_bars(&mut lines);
        let formatted = lines::print(&lines);
        match syntax::parse(&formatted, file) {
            Ok(after) if meaning(&after, &formatted, path, file) == want => return Ok(formatted),
            Ok(_) => failed = "核对含义",
            Err(_) => failed = "重新读取",
        }
    }
    Err(vec![internal(file, failed)])
}

/// What a file says: its model as JSON, without the byte offsets that layout moves.
pub fn meaning(tree: &syntax::ast::File, src: &str, path: &str, file: FileId) -> serde_json::Value {
    let (policy, _) = crate::model::lower(tree, src, path, file);
    let mut value = serde_json::to_value(&policy).expect("the model serialises");
    strip_spans(&mut value);
    value
}

/// Removes every span (`{"start": …, "end": …}` under a key `span`, or in a list of spans).
fn strip_spans(value: &mut serde_json::Value) {
    use serde_json::Value;
    let is_span = |v: &Value| {
        v.as_object()
            .is_some_and(|o| o.len() == 2 && o.contains_key("start") && o.contains_key("end"))
    };
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !is_span(v));
            map.values_mut().for_each(strip_spans);
        }
        Value::Array(items) => {
            items.retain(|v| !is_span(v));
            items.iter_mut().for_each(strip_spans);
        }
        _ => {}
    }
}

fn internal(file: FileId, step: &str) -> Diagnostic {
    Diagnostic::new(
        "E0900",
        Severity::Error,
        format!("内部错误：格式化时{step}未能完成，文件没有改动"),
        file,
    )
    .with_help("请把这个文件报告给 policyc 的维护者")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(src: &str) -> String {
        format_source(src, "示例.policy", FileId(0)).unwrap_or_else(|d| panic!("{d:?}"))
    }

    #[test]
    fn layout_becomes_canonical() {
        let src = "单位 ｛ 部门:区住建局(又称 住建局),区财政局 ｝\n方案   甲{\n\n\n指标  改造户数 ： 460户 「户」；指标 乙：5户 // 注\n  任务 1 宣传 {\n牵头单位：区住建局\n\n  }\n}";
        let want = "单位 {\n  部门：区住建局（又称 住建局），区财政局\n}\n方案 甲 {\n  指标 改造户数：460户 「户」\n  指标 乙：5户 // 注\n  任务 1 宣传 {\n    牵头单位：区住建局\n  }\n}\n";
        assert_eq!(fmt(src), want);
        assert_eq!(fmt(want), want);
    }

    #[test]
    fn commas_a_list_keeps_as_written_stay_as_written() {
        // 主送 prints its separators as the notice did: widening them would change the
        // model, so they stay; the rest of the file is still laid out.
        let src = "通知 {\n主送：各镇人民政府,各有关部门\n}\n方案   甲 {\n}\n";
        let want = "通知 {\n  主送：各镇人民政府,各有关部门\n}\n方案 甲 {\n}\n";
        assert_eq!(fmt(src), want);
        assert_eq!(fmt(want), want);
    }

    #[test]
    fn bars_are_aligned_in_tables_and_groups() {
        let src = "方案 甲 {\n  表 分配表 {\n    列：乡镇|户数（户）|备注\n    行：甲镇 ｜ 200｜\n    合计：合计｜460\n  }\n  领导小组 乙 {\n    组长：张三｜区长\n    副组长：李四四｜副区长\n  }\n}\n";
        let want = "方案 甲 {\n  表 分配表 {\n    列：乡镇  ｜户数（户）｜备注\n    行：甲镇  ｜200       ｜\n    合计：合计｜460\n  }\n  领导小组 乙 {\n    组长：张三    ｜区长\n    副组长：李四四｜副区长\n  }\n}\n";
        assert_eq!(fmt(src), want);
        assert_eq!(fmt(want), want);
    }

    #[test]
    fn prose_over_several_lines_is_kept_as_written() {
        let src = "方案 甲 {\n      「第一段\n\n        第二段」\n}\n";
        assert_eq!(fmt(src), "方案 甲 {\n  「第一段\n\n        第二段」\n}\n");
    }

    #[test]
    fn a_file_that_does_not_parse_is_refused() {
        let err = format_source("方案 甲 {\n  指标 甲 460户\n}\n", "x.policy", FileId(0))
            .expect_err("a syntax error");
        assert_eq!(err[0].code, "E0001");
    }
}
