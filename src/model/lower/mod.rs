//! Syntax tree → model: figures resolved to exact quantities, times to calendar intervals,
//! names to declarations. Problems are collected as diagnostics; lowering always finishes,
//! so that one bad figure does not hide the rest of the file from the checks.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::*;
use crate::date::{DatePoint, PartOfPeriod, Time};
use crate::diagnostics::{Diagnostic, FileId, Label, Severity, Span};
use crate::syntax::{ast, suggest};

mod cell_refs;
mod figures;
mod org;
mod plans;
mod rules;
mod shapes;
mod tables;
mod times;

use figures::written;
use rules::{bound_inclusive, comparison};
use tables::column_index;
use times::{int, title_year, YearSpan};

/// Builds the model of one file. Returns the model and the problems found on the way.
pub fn lower<'s>(
    file: &'s ast::File,
    src: &'s str,
    path: &str,
    file_id: FileId,
) -> (Policy, Vec<Diagnostic>) {
    let mut cx = Lower {
        src,
        file,
        declared: None,
        file_id,
        diags: Vec::new(),
        policy: Policy {
            file: path.to_string(),
            notice: None,
            units: Vec::new(),
            groups: Vec::new(),
            plans: Vec::new(),
            figures: Vec::new(),
            check_levels: Vec::new(),
            figure_index: Default::default(),
        },
        figure_ids: HashMap::new(),
        unit_index: HashMap::new(),
        pending_refs: Vec::new(),
        restate_counts: HashMap::new(),
        year: None,
        spanning: None,
        document_date: None,
    };
    for &at in &file.stray_quotes {
        cx.stray_quote(at);
    }
    // Units first: tasks and groups anywhere in the file may name them.
    for item in &file.items {
        match item {
            ast::TopItem::Units(u) => cx.units(u),
            ast::TopItem::Plan(p) => cx.collect_plan_units(&p.items),
            _ => {}
        }
    }
    for item in &file.items {
        if let ast::TopItem::Notice(n) = item {
            cx.notice(n);
        }
    }
    for item in &file.items {
        match item {
            ast::TopItem::Plan(p) => {
                let plan = cx.plan(p);
                cx.policy.plans.push(plan);
            }
            ast::TopItem::Group(g) => {
                let g = cx.group(g);
                cx.policy.groups.push(g);
            }
            ast::TopItem::Lints(settings) => {
                for s in settings {
                    cx.check_level(s);
                }
            }
            _ => {}
        }
    }
    cx.resolve_pending();
    cx.resolve_relation_figures();
    (cx.policy, cx.diags)
}

/// A table's size limits while it is lowered: each is reported once per table.
struct TableLimits {
    name: String,
    name_span: Span,
    rows_reported: bool,
    columns_reported: bool,
    /// The columns' units as the rows' cells are checked against them, worked out at the
    /// first row after the table's unit or columns are given.
    large_units: Option<crate::model::table::LargeUnits>,
}

/// A reference to check once every figure is known (figures may be referred to before
/// the line that states them).
struct PendingRef {
    path: String,
    span: Span,
}

struct Lower<'s> {
    /// The source text, to place carets inside prose.
    src: &'s str,
    /// The syntax tree, for the names it declares.
    file: &'s ast::File,
    /// Every figure path the file declares, collected when first needed.
    declared: Option<HashSet<String>>,
    file_id: FileId,
    diags: Vec<Diagnostic>,
    policy: Policy,
    figure_ids: HashMap<String, Span>,
    pending_refs: Vec<PendingRef>,
    restate_counts: HashMap<String, usize>,
    /// The year that dates without one inherit.
    year: Option<i32>,
    /// Where that year comes from when it is one of several: a 实施期限 or a phase that spans
    /// more than one year (2021-2023年), its first and last year. A date without a year
    /// read in it is a guess, and D224 says which year it was read in.
    spanning: Option<YearSpan>,
    /// The document's date (成文日期) as written, and its year: 今年 and 明年 are read from it.
    document_date: Option<(String, i32)>,
    /// Every declared name and alias → its unit in `policy.units`: looking names up one by
    /// one made 16,000 units take seconds to lower.
    unit_index: HashMap<String, usize>,
}

impl Lower<'_> {
    fn note(
        &mut self,
        code: &'static str,
        message: String,
        span: Span,
        label: &str,
    ) -> &mut Diagnostic {
        self.push_diag(Severity::Note, code, message, span, label)
    }

    fn error(
        &mut self,
        code: &'static str,
        message: String,
        span: Span,
        label: &str,
    ) -> &mut Diagnostic {
        self.push_diag(Severity::Error, code, message, span, label)
    }

    fn push_diag(
        &mut self,
        severity: Severity,
        code: &'static str,
        message: String,
        span: Span,
        label: &str,
    ) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::new(code, severity, message, self.file_id).with_primary(span, label));
        self.diags.last_mut().expect("just pushed")
    }

    /// E0024 on a 「 that unquoted text holds without its 」: the value keeps the stray
    /// bracket and everything the drafter meant to quote after it is read as separate lines.
    fn stray_quote(&mut self, at: Span) {
        let line = self.src[..at.start.min(self.src.len())]
            .matches('\n')
            .count()
            + 1;
        self.error(
            "E0024",
            format!("第{line}行的“「”没有对应的“」”"),
            at,
            "这段文字没有结束",
        )
        .help = Some(
            "在这段文字的末尾加上“」”；没有“」”时，“「”只是这一行的一个字，后面的行不属于这段文字"
                .into(),
        );
    }

    /// 允许 O402 「理由」: a known check code, and a reason for silencing it.
    fn check_level(&mut self, s: &ast::LintSetting) {
        let code = s.code.value.to_ascii_uppercase();
        let known = crate::diagnostics::codes::lookup(&code);
        if known.is_none() || code.starts_with('E') {
            self.error(
                "E0107",
                format!("“{code}”不是可以调整的检查代码"),
                s.code.span,
                "这个代码",
            )
            .help = Some(
                "只有检查（A、D、R、O 开头的代码）可以调整；运行 policyc explain 查看全部代码"
                    .into(),
            );
            return;
        }
        let level = Level::parse(&s.level.value).expect("grammar admits only the four levels");
        if level == Level::Allow && s.reason.as_ref().is_none_or(|r| r.value.trim().is_empty()) {
            self.error(
                "E0106",
                format!("允许 {code} 时必须写明理由"),
                s.span,
                "缺少理由",
            )
            .help = Some(format!(
                "在代码后用「」写明理由，如：允许 {code} 「两处数字口径不同，已在正文说明」"
            ));
            return;
        }
        self.policy.check_levels.push(CheckLevel {
            code,
            level,
            reason: s.reason.as_ref().map(|r| r.value.clone()),
            span: s.span,
        });
    }

    /// Records a stated figure under its path; `name_span` is where the path's name is written.
    fn add_figure(&mut self, figure: Figure, name_span: Span) {
        let id = figure.id.clone();
        if let Some(first) = self.figure_ids.get(&id).copied() {
            self.diags.push(
                Diagnostic::new(
                    "E0102",
                    Severity::Error,
                    format!("名称“{id}”重复声明"),
                    self.file_id,
                )
                .with_primary(name_span, "再次声明")
                .with_secondary(first, "首次声明在这里")
                .with_help("同一数字再次出现时请用“复述 名称：数量”；不同的数字请另起名称"),
            );
            return;
        }
        self.figure_ids.insert(id, name_span);
        let figure = per_household(figure);
        self.policy.figures.push(figure);
    }

    fn refer(&mut self, path: String, span: Span) {
        self.pending_refs.push(PendingRef { path, span });
    }

    fn resolve_pending(&mut self) {
        let refs = std::mem::take(&mut self.pending_refs);
        for r in refs {
            if self.figure_ids.contains_key(&r.path) {
                continue;
            }
            match self.table_cell(&r.path) {
                cell_refs::CellLookup::Found(figure) => {
                    self.figure_ids.insert(r.path, figure.span);
                    self.policy.figures.push(*figure);
                    continue;
                }
                cell_refs::CellLookup::Wrong { message, help } => {
                    self.error("E0101", message, r.span, "找不到这一格").help = Some(help);
                    continue;
                }
                cell_refs::CellLookup::NotACell => {}
            }
            let suggestion = self.closest_figure(&r.path);
            let d = self.error(
                "E0101",
                format!("引用了未声明的名称“{}”", r.path),
                r.span,
                "找不到这个名称",
            );
            d.help = Some(match suggestion {
                Some(s) => format!("是否指“{s}”？"),
                None => "先用 指标、分解、标准 或 假设 声明这个数字，再引用它".into(),
            });
        }
    }

    fn closest_figure(&self, path: &str) -> Option<String> {
        let last = path.rsplit('.').next().unwrap_or(path);
        self.policy
            .figures
            .iter()
            .map(|f| &f.id)
            .find(|id| id.ends_with(last) || id.contains(path) || path.contains(id.as_str()))
            .cloned()
            .or_else(|| {
                // One character off (改造户树 for 改造户数).
                suggest::nearest(path, self.policy.figures.iter().map(|f| f.id.as_str()))
                    .map(str::to_string)
            })
    }
}

fn ratio_spec(r: &ast::RatioLit) -> RatioSpec {
    RatioSpec {
        written: r
            .terms
            .iter()
            .map(|t| t.value.as_str())
            .collect::<Vec<_>>()
            .join(":"),
        terms: r
            .terms
            .iter()
            .map(|t| crate::quantity::parse_number(&t.value).map_or(Decimal::ZERO, |(v, _)| v))
            .collect(),
        span: r.span,
    }
}

fn path_string(p: &ast::Path) -> String {
    p.segments
        .iter()
        .map(|s| s.value.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

/// A figure named as an average over households (户均补助：2.43万元, 光伏板户均面积：70平方米,
/// 每户面积：80平方米) is per household even where the notice writes the bare unit beside it:
/// 万元/户, 平方米/户. Only a whole figure's own name counts (not a part of a breakdown), and
/// only a unit with no 户 and nothing divided in it: 1600元/户 is already per household.
fn per_household(mut figure: Figure) -> Figure {
    let named = !figure.id.contains('.') && crate::model::names_a_household_average(&figure.id);
    let q = &mut figure.quantity;
    let plain = !q.dims.is_empty() && q.dims.values().all(|e| *e > 0) && !q.dims.contains_key("户");
    if named && plain {
        q.dims.insert("户".to_string(), -1);
        q.base_unit = crate::quantity::base_name(&q.dims);
    }
    figure
}
