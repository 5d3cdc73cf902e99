//! The one registry of diagnostic codes.
//!
//! Every code the compiler can emit has exactly one entry here: its default
//! severity, a short title, an explanation, and two small policy files, one that
//! triggers it and one that does not. `policyc explain CODE`, the SARIF rule list
//! and the documentation all read this table, so a new check adds its entry here
//! and nowhere else.
//!
//! Codes are grouped by hundreds: `E00xx` reading and parsing, `E01xx` names,
//! units and numbers, `E09xx` internal errors; the checks' families are `A1xx`
//! arithmetic, `D2xx` dates, `R3xx` rules and `O4xx` organisation; each family has a file
//! of its own here, and [`CODES`] joins them. Keep each family sorted by code (a test checks
//! the joined table): A…, D…, E…, O…, R….

use std::sync::LazyLock;

use super::Severity;

mod arith;
mod dates;
mod input;
mod organisation;
mod rules;

/// What the registry knows about one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code, e.g. `E0001`.
    pub code: &'static str,
    /// The severity diagnostics with this code have unless a check decides otherwise.
    pub severity: Severity,
    /// A short Chinese title.
    pub title: &'static str,
    /// A Chinese explanation of what is wrong and how to fix it, several sentences.
    pub explanation: &'static str,
    /// A small policy file that triggers the diagnostic.
    pub fires: &'static str,
    /// A similar policy file that does not.
    pub silent: &'static str,
}

/// All codes, sorted by code: the families joined in order.
pub static CODES: LazyLock<Vec<CodeInfo>> = LazyLock::new(|| {
    [
        arith::ARITHMETIC,
        dates::DATES,
        input::INPUT,
        organisation::ORGANISATION,
        rules::RULES,
    ]
    .concat()
});

/// The registry entry for a code, ignoring case (`e0001` finds `E0001`).
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The text of `policyc explain CODE`: title, severity, explanation and the two
/// examples, in Chinese.
pub fn explain(code: &str) -> Option<String> {
    let info = lookup(code)?;
    let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
    Some(format!(
        "{code}：{title}\n级别：{sev}（{sev_en}）\n\n{explanation}\n\n示例（触发）：\n{fires}\n示例（不触发）：\n{silent}",
        code = info.code,
        title = info.title,
        sev = info.severity.label_zh(),
        sev_en = info.severity,
        explanation = info.explanation,
        fires = indent(info.fires),
        silent = indent(info.silent),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_explained() {
        for pair in CODES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} ≥ {}",
                pair[0].code,
                pair[1].code
            );
        }
        for c in CODES.iter() {
            // E0001 for the front end; A101, D201, R301, O401 … for the checks' families.
            let digits = match c.code.as_bytes().first() {
                Some(b'E') => 4,
                Some(b'A' | b'D' | b'R' | b'O') => 3,
                _ => 0,
            };
            let well_formed = digits > 0
                && c.code.len() == 1 + digits
                && c.code[1..].bytes().all(|b| b.is_ascii_digit());
            assert!(well_formed, "bad code {}", c.code);
            for (what, text) in [
                ("title", c.title),
                ("explanation", c.explanation),
                ("fires", c.fires),
                ("silent", c.silent),
            ] {
                assert!(!text.trim().is_empty(), "{}: empty {what}", c.code);
            }
            assert_ne!(c.fires, c.silent, "{}: examples are the same", c.code);
        }
    }

    #[test]
    fn check_codes_explain_with_their_tested_fixtures() {
        // The examples `explain` shows are the fixture files the check tests run.
        let text = explain("d201").unwrap();
        assert!(text.starts_with("D201：日期不存在\n级别：错误（error）"));
        assert!(text.contains("2022年3月1日-2022年4月31日"));
        assert!(text.contains("2022年3月1日-2022年4月30日"));
        for c in CODES.iter().filter(|c| !c.code.starts_with('E')) {
            assert!(
                c.fires.contains("方案")
                    || c.fires.contains("通知")
                    || c.fires.contains("领导小组"),
                "{}",
                c.code
            );
        }
    }

    #[test]
    fn lookup_ignores_case() {
        assert_eq!(lookup("e0101").map(|c| c.title), Some("引用了未声明的名称"));
        assert!(lookup("E9999").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn explain_text() {
        insta::assert_snapshot!(explain("e0001").unwrap(), @r"
        E0001：语法错误
        级别：错误（error）

        这一行不符合政策文件的写法，编译器无法读懂它的结构。常见原因有：关键字后缺少冒号（全角“：”或半角“:”均可），花括号没有成对出现，「」引号没有闭合，或者一行里多写了内容。请对照提示的位置检查这一行，以及它前面最近一个尚未闭合的块。

        示例（触发）：
            方案 示例 {
              指标 改造户数：460户 改造
            }

        示例（不触发）：
            方案 示例 {
              指标 改造户数：460户 「改造户数」
            }
        ");
        assert!(explain("X1").is_none());
    }
}
