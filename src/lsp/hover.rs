//! What hovering over a name shows: for a figure, its value as written, the interval the
//! checks read it as, and every relation it takes part in; for a unit, its kind, other names
//! and tasks; for a column, its table and unit.

use crate::diagnostics::location_in;
use crate::model::{Breakdown, FigureRole, Policy};
use crate::quantity::{format_figure, Precision, Quantity};

use super::names::{calc_references, Target};

/// The hover text (Markdown) for a target.
pub fn hover_text(policy: &Policy, text: &str, target: &Target) -> String {
    match *target {
        Target::Figure(i) => figure(policy, text, i),
        Target::Unit(i) => unit(policy, i),
        Target::Table { plan, table } => {
            let t = &policy.plans[plan].tables[table];
            let title = t.title.as_deref().unwrap_or(&t.name);
            format!(
                "**表 {}**：{title}\n\n{} 列，{} 行，{} 条关系",
                t.name,
                t.columns.len(),
                t.rows.len(),
                t.relations.len()
            )
        }
        Target::Column {
            plan,
            table,
            column,
        } => {
            let t = &policy.plans[plan].tables[table];
            let unit = t
                .columns
                .get(column)
                .and_then(|c| c.unit.as_deref())
                .or(t.unit.as_deref())
                .map_or_else(String::new, |u| format!("，单位：{u}"));
            format!(
                "**{}**：表 {} 第{}列{unit}",
                t.column_name(column),
                t.name,
                column + 1
            )
        }
        Target::Rule { plan, rule } => {
            let r = &policy.plans[plan].rules[rule];
            let lines: Vec<String> = r
                .branches
                .iter()
                .map(|b| format!("- 若 {}：{}", b.written, b.outcome.written))
                .chain(r.otherwise.iter().map(|o| format!("- 否则：{}", o.written)))
                .chain(r.examples.iter().map(|e| format!("- 例：{}", e.written)))
                .collect();
            format!("**规则 {}**\n\n{}", r.name, lines.join("\n"))
        }
        Target::Ratio { plan, ratio } => {
            let r = &policy.plans[plan].ratios[ratio];
            format!("**比例 {}**：{}", r.name, r.ratio.written)
        }
    }
}

fn role_word(role: FigureRole) -> &'static str {
    match role {
        FigureRole::Target => "指标",
        FigureRole::Total => "合计",
        FigureRole::Part => "分项",
        FigureRole::Restatement => "复述",
        FigureRole::Rate => "标准",
        FigureRole::Assumption => "假设",
        FigureRole::Cell => "表格单元格",
    }
}

/// A value of the quantity's interval in the quantity's own unit where that is its base
/// unit (万户 for 2.85万户), in base units otherwise.
fn value_as_written(q: &Quantity, value: rust_decimal::Decimal) -> String {
    match q.unit.as_deref() {
        Some(u) if u == q.base_unit => format_figure(value, q.magnitude.as_deref(), u),
        None if q.base_unit.is_empty() => format_figure(value, q.magnitude.as_deref(), ""),
        _ => format!("{}{}", value.normalize(), q.base_unit),
    }
}

/// How the checks read a figure: exactly, rounded to its last digit, or approximately.
pub fn interval(q: &Quantity) -> String {
    let low = value_as_written(q, q.low);
    let high = value_as_written(q, q.high);
    match q.precision {
        Precision::Exact => format!("精确数，不放宽：{low}"),
        Precision::Rounded { .. } => {
            format!("按末位四舍五入：{low}～{high}（含下端、不含上端）")
        }
        Precision::Approximate => format!("约数，允许 ±5%：{low}～{high}"),
    }
}

fn figure(policy: &Policy, text: &str, i: usize) -> String {
    let f = &policy.figures[i];
    let mut out = format!(
        "**{}**（{}）\n\n写作：{}\n\n取值：{}",
        f.id,
        role_word(f.role),
        f.quantity.written,
        interval(&f.quantity)
    );
    if f.label != f.id {
        out.push_str(&format!("\n\n说明：{}", f.label));
    }
    let relations = relations(policy, text, &f.id);
    if !relations.is_empty() {
        out.push_str("\n\n关系：\n");
        for r in relations {
            out.push_str(&format!("\n- {r}"));
        }
    }
    out
}

fn line_of(text: &str, span: crate::diagnostics::Span) -> usize {
    location_in(text, span.start).0
}

/// The relations a figure takes part in, one line each.
pub fn relations(policy: &Policy, text: &str, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for plan in &policy.plans {
        let mut breakdowns: Vec<&Breakdown> = plan.breakdowns.iter().collect();
        while let Some(b) = breakdowns.pop() {
            breakdowns.extend(&b.nested);
            let line = line_of(text, b.span);
            if b.total.as_deref() == Some(id) || (b.id == id && b.total.is_none()) {
                out.push(format!(
                    "分解“{}”（第{line}行）的合计：应等于 {} 个分项之和",
                    b.label,
                    b.parts.len()
                ));
            } else if b.parts.iter().any(|p| p == id) {
                let total = b
                    .total
                    .as_deref()
                    .and_then(|t| policy.figure(t))
                    .map_or_else(String::new, |t| format!("，合计 {}", t.quantity.written));
                out.push(format!(
                    "分解“{}”（第{line}行）的分项之一（共 {} 项{total}）",
                    b.label,
                    b.parts.len()
                ));
            }
        }
        for r in &plan.restatements {
            let line = line_of(text, r.span);
            let restated = policy.figure(&r.figure);
            if r.target == id {
                let written = restated.map_or("", |f| f.quantity.written.as_str());
                out.push(format!("第{line}行复述为 {written}：两处应是同一个数"));
            } else if r.figure == id {
                let first = policy
                    .figure(&r.target)
                    .map_or("", |f| f.quantity.written.as_str());
                out.push(format!("复述“{}”（首次写作 {first}）", r.target));
            }
        }
        for calc in &plan.calcs {
            if calc_references(calc).iter().any(|(r, _)| r == id) {
                let name = calc.name.as_deref().unwrap_or("");
                out.push(format!(
                    "核算{name}（第{}行）：{}",
                    line_of(text, calc.span),
                    calc.written
                ));
            }
        }
        for rate in &plan.rates {
            if rate.figure == id {
                if let Some(cap) = &rate.cap {
                    out.push(format!(
                        "标准“{}”，上限 {}",
                        rate.name, cap.bound.value.written
                    ));
                }
            }
        }
        for task in &plan.tasks {
            if task.targets.iter().any(|t| t == id) {
                let number = task.number.as_deref().unwrap_or("");
                let title = task.title.as_deref().unwrap_or("");
                out.push(format!("任务 {number} {title} 的目标"));
            }
        }
    }
    out
}

fn unit(policy: &Policy, i: usize) -> String {
    let u = &policy.units[i];
    let mut out = format!("**{}**（{}）", u.name, u.kind);
    if !u.aliases.is_empty() {
        out.push_str(&format!("\n\n又称：{}", u.aliases.join("、")));
    }
    let mut lead = 0;
    let mut other = 0;
    for task in policy.plans.iter().flat_map(|p| &p.tasks) {
        let names = |refs: &[crate::model::UnitRef]| {
            refs.iter()
                .any(|r| r.unit.as_deref() == Some(u.name.as_str()))
        };
        if names(&task.lead) {
            lead += 1;
        } else if names(&task.responsible) || names(&task.cooperating) || names(&task.implementing)
        {
            other += 1;
        }
    }
    out.push_str(&format!(
        "\n\n牵头 {lead} 项任务，负责或配合另外 {other} 项"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::FileId;

    #[test]
    fn a_part_shows_its_interval_and_breakdown() {
        let text = "方案 甲 {\n  分解 改造户数 {\n    合计：2.85万户\n    甲街道：1.2万户\n    乙街道：1.65万户\n  }\n}\n";
        let (policy, _) = crate::driver::compile_source(text, "甲.policy", FileId(0), &[]);
        let policy = policy.unwrap();
        let i = policy
            .figures
            .iter()
            .position(|f| f.id == "改造户数")
            .unwrap();
        let shown = hover_text(&policy, text, &Target::Figure(i));
        assert!(shown.contains("写作：2.85万户"), "{shown}");
        assert!(
            shown.contains("按末位四舍五入：2.845万户～2.855万户"),
            "{shown}"
        );
        assert!(shown.contains("分解“改造户数”（第2行）的合计"), "{shown}");
        let part = policy
            .figures
            .iter()
            .position(|f| f.id == "改造户数.甲街道")
            .unwrap();
        let shown = hover_text(&policy, text, &Target::Figure(part));
        assert!(
            shown.contains("分项之一（共 2 项，合计 2.85万户）"),
            "{shown}"
        );
    }
}
