//! Stage 3, checks: find what is wrong in a policy before it is published.
//!
//! Each check reads the model and reports diagnostics into a [`Findings`] sink; none can stop
//! another (a panicking check is caught and reported as an internal error, and the rest run).
//! Codes, default severities and explanations live in the one registry,
//! `diagnostics::codes`. Families: A1xx arithmetic, D2xx dates, R3xx rules, O4xx organisation.

pub mod arith;
mod background;
mod dates;
mod examples;
pub mod interval;
pub mod levels;
mod lists;
mod missing_unit;
mod multiples;
mod org;
mod publication;
mod rules;

use crate::diagnostics::{Diagnostic, FileId, Severity, Span};
use crate::model::Policy;

/// What a check sees.
pub struct Findings<'a> {
    pub policy: &'a Policy,
    /// The file's text, which the model's spans index: for narrowing a block's span to the
    /// part worth pointing at (its first line, one word inside it).
    pub src: &'a str,
    pub file: FileId,
    diags: Vec<Diagnostic>,
}

impl<'a> Findings<'a> {
    /// Starts a diagnostic with the code's registered default severity.
    pub fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// A new diagnostic for this file with the code's default severity from the registry.
    pub fn new_diag(&self, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::from_code(code, message, self.file)
    }

    /// The text a span covers, or "" if the span does not fit the text.
    pub fn text(&self, span: Span) -> &'a str {
        self.src.get(span.start..span.end).unwrap_or("")
    }

    /// The first line of a block's span, without the opening brace and trailing blanks:
    /// `任务 1 组织实施 {` → `任务 1 组织实施`. Multi-line spans make long, noisy excerpts.
    pub fn head(&self, span: Span) -> Span {
        let text = self.text(span);
        let line = text.split('\n').next().unwrap_or("");
        let line = line.trim_end().trim_end_matches(['{', '｛']).trim_end();
        if line.is_empty() {
            return span;
        }
        Span::new(span.start, span.start + line.len())
    }

    /// Where `needle` first occurs inside `span`, if it does.
    pub fn find_in(&self, span: Span, needle: &str) -> Option<Span> {
        if needle.is_empty() {
            return None;
        }
        let i = self.text(span).find(needle)?;
        Some(Span::new(span.start + i, span.start + i + needle.len()))
    }
}

/// A check: a name for internal-error messages and the function that runs it.
type Check = (&'static str, fn(&mut Findings));

/// Every check, in the order their findings are reported.
const CHECKS: &[Check] = &[
    ("分解的合计与分项", arith::breakdowns),
    ("分配比例", arith::ratios),
    ("表格的合计与小计", arith::table_totals),
    ("表格的列关系", arith::table_relations),
    ("复述", arith::restatements),
    ("核算", arith::calcs),
    ("A111 倍数", multiples::multiples),
    ("A112 名单的个数", lists::counted_lists),
    ("A115 单独的数缺少单位", missing_unit::lone_figures),
    ("D201 不存在的日期", dates::no_such_date),
    ("D202 无法读取的日期", dates::unreadable),
    ("D203 结束早于开始", dates::ends_before_start),
    ("D204 隐含跨年", dates::crosses_year),
    ("D205 阶段重叠、D214 同月交接", dates::phases_overlap),
    ("D206 超出方案期限", dates::outside_plan),
    ("D207 超出所属阶段或次序颠倒", dates::outside_phase),
    ("D208 年份超出范围", dates::year_out_of_range),
    ("D209 任务时限晚于方案", dates::task_after_plan),
    ("D210 时限早于成文日期", dates::deadline_before_issue),
    ("D211 年份前后不一致", dates::years_disagree),
    ("D212 分阶段时限次序颠倒", dates::stages_out_of_order),
    ("D213 验收早于完工", dates::acceptance_before_completion),
    ("D221 背景晚于成文日期", background::after_issue),
    (
        "D222 发布日期早于成文日期",
        publication::published_before_written,
    ),
    (
        "D223 解读文件不是文件中的方案",
        publication::interpreted_plan,
    ),
    ("R301 规则空档", rules::gaps),
    ("R302 规则重叠", rules::overlaps),
    ("R303 补贴断崖", rules::cliffs),
    ("R304 例子与规则不符", examples::worked_examples),
    ("O401 任务没有牵头单位", org::task_without_lead),
    ("O402 一个单位两个名称", org::one_unit_two_names),
    ("O403 职务没有姓名", org::post_without_name),
    ("O404 承担任务的单位不在领导小组", org::duties_outside_group),
    ("O405 无法识别的角色", org::unknown_role),
    ("O406 附件未附", org::missing_attachment),
    ("O407 成员的姓名或职务写法有误", org::member_line_slips),
    ("O408 办公室与小组成员不符", org::office_outside_group),
    (
        "O409 成员职务中的单位未声明",
        org::posts_name_undeclared_units,
    ),
];

/// Runs every check over a policy. One check's failure never stops the others.
pub fn run(policy: &Policy, src: &str, file: FileId) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for (name, check) in CHECKS {
        let mut f = Findings {
            policy,
            src,
            file,
            diags: Vec::new(),
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mut f)));
        match outcome {
            Ok(()) => all.extend(f.diags),
            Err(_) => all.push(Diagnostic::new(
                "E0900",
                Severity::Error,
                format!("内部错误：检查“{name}”未能完成，其余检查照常进行"),
                file,
            )),
        }
    }
    all
}
