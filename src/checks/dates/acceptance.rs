//! D213: an acceptance of all the works due before the works are due to be complete.
//! "10月15日前完成所有改造工程内部验收" beside "10月底前改造工程全面完工": whatever is accepted
//! on 15 October cannot be all the works when they are due a fortnight later.
//!
//! What is compared is only what one part of the notice says together: an acceptance and the
//! works written in the same section (节) or in sections inside it. Two phases are D205's to
//! judge; here an acceptance phase meets the works' milestones and steps, and an acceptance
//! milestone or step meets the works' phases too.

use super::sections::Sections;
use super::*;
use crate::model::Plan;

/// A dated item of a plan, with the words that say what it is.
struct Item<'a> {
    placed: Placed<'a>,
    name: &'a str,
    /// The name and, for steps and milestones, the description: what the item says it does.
    words: String,
    phase: bool,
    sections: &'a [usize],
    span: Span,
}

/// Words that make an item an acceptance: 验收 anywhere; 考核 in the name of a phase
/// (督查考核阶段), where it is the plan's closing check rather than a standing duty.
fn accepts(item: &Item) -> bool {
    item.words.contains("验收") || (item.phase && item.name.contains("考核"))
}

/// An acceptance of everything in its part of the plan: a phase of acceptance, or one that
/// says 所有, 全部, 全面, 各项 or 整体.
fn accepts_all(item: &Item) -> bool {
    item.phase
        || ["所有", "全部", "全面", "各项", "整体"]
            .iter()
            .any(|w| item.words.contains(w))
}

/// An acceptance of one year's works (本年度所有改造工程, 当年任务) meets that year's works only.
fn of_one_year(item: &Item) -> bool {
    ["本年度", "当年", "年度"]
        .iter()
        .any(|w| item.words.contains(w))
}

/// Works whose end an acceptance must wait for: a phase of implementation or construction, or
/// a step or milestone of completion (全面完工, 完成全部改造任务施工). A start (全面启动…施工) is not.
fn completes_works(item: &Item) -> bool {
    if accepts(item) {
        return false;
    }
    if item.phase {
        return ["实施", "施工", "建设", "改造", "攻坚"]
            .iter()
            .any(|w| item.name.contains(w));
    }
    if ["启动", "开工"].iter().any(|w| item.words.contains(w)) {
        return false;
    }
    [
        "完工",
        "竣工",
        "施工",
        "全部完成",
        "完成全部",
        "全面完成",
        "建成",
        "投入使用",
        "投用",
    ]
    .iter()
    .any(|w| item.words.contains(w))
}

fn with_description(name: &str, description: Option<&str>) -> String {
    format!("{name} {}", description.unwrap_or(""))
}

/// Every dated item of a plan: phases and their steps and milestones, milestones, and tasks
/// with a deadline.
fn items<'a>(plan: &'a Plan, sections: &'a Sections) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for (i, ph) in plan.phases.iter().enumerate() {
        let secs = sections.phase[i].as_slice();
        out.push(Item {
            placed: Placed {
                time: &ph.time,
                what: What::Phase(&ph.name),
            },
            name: &ph.name,
            words: ph.name.clone(),
            phase: true,
            sections: secs,
            span: ph.span,
        });
        for (kind, list) in [("步骤", &ph.steps), ("节点", &ph.milestones)] {
            for s in list {
                out.push(Item {
                    placed: step_time(kind, s),
                    name: &s.name,
                    words: with_description(&s.name, s.description.as_deref()),
                    phase: false,
                    sections: secs,
                    span: s.span,
                });
            }
        }
    }
    for (j, s) in plan.milestones.iter().enumerate() {
        out.push(Item {
            placed: step_time("节点", s),
            name: &s.name,
            words: with_description(&s.name, s.description.as_deref()),
            phase: false,
            sections: &sections.milestone[j],
            span: s.span,
        });
    }
    for (k, (t, ph)) in plan.tasks.iter().zip(plan.task_phases()).enumerate() {
        let (Some(deadline), Some(title)) = (&t.deadline, &t.title) else {
            continue;
        };
        let secs = match ph {
            Some(i) => &sections.phase[i],
            None => &sections.task[k],
        };
        out.push(Item {
            placed: Placed {
                time: deadline,
                what: What::Task(t, "完成时限"),
            },
            name: title,
            words: title.clone(),
            phase: false,
            sections: secs,
            span: t.span,
        });
    }
    out
}

fn inside(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// D213.
pub fn acceptance_before_completion(f: &mut Findings) {
    for plan in &f.policy.plans {
        let period = plan.period.as_ref().and_then(interval);
        let sections = Sections::of(plan);
        let all = items(plan, &sections);
        for a in all.iter().filter(|a| accepts(a) && accepts_all(a)) {
            let rs = readings(a.placed.time, |r| period.is_none_or(|p| within(r, p)));
            let Some(due) = rs.iter().map(|r| r.end).max() else {
                continue;
            };
            let works = all
                .iter()
                .filter(|w| !(a.phase && w.phase) && completes_works(w))
                .filter(|w| w.sections.starts_with(a.sections))
                .filter(|w| !inside(w.span, a.span))
                .filter_map(|w| Some((interval(w.placed.time)?.end, w)))
                .filter(|(end, _)| !of_one_year(a) || end.year() == due.year())
                .filter(|(end, _)| *end > due)
                .max_by_key(|(end, _)| *end);
            let Some((done, w)) = works else { continue };
            let d = f
                .new_diag(
                    "D213",
                    format!(
                        "{}（{}）早于它所验收的工作完成：{}（{}）",
                        a.placed.what, a.placed.time.written, w.placed.what, w.placed.time.written
                    ),
                )
                .with_primary(a.placed.time.span, format!("验收截至{}", format_chinese(due)))
                .with_secondary(
                    w.placed.time.span,
                    format!("工作到{}才完成", format_chinese(done)),
                )
                .with_help(
                    "验收应在所验收的工作完成之后：核对两处的日期；若这里验收的只是已完成的一部分，照原文保留，可忽略本警告",
                );
            f.report(d);
        }
    }
}
