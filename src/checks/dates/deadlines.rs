//! D209 and D210: deadlines against the plan. A task due after the plan period (or, without
//! one, after its last phase) ends; a deadline that had passed when the notice was issued.

use super::*;

/// The day the plan's schedule ends: its period's end, or the end of its last dated phase.
fn schedule_end(plan: &crate::model::Plan) -> Option<(NaiveDate, &Time, &'static str)> {
    if let Some(p) = &plan.period {
        return interval(p).map(|iv| (iv.end, p, "方案期限"));
    }
    plan.phases
        .iter()
        .filter_map(|ph| interval(&ph.time).map(|iv| (iv.end, &ph.time)))
        .max_by_key(|(end, _)| *end)
        .map(|(end, t)| (end, t, "最后一个阶段"))
}

/// D209: a task's 完成时限 after the plan period ends (or after its last phase ends, when it
/// has no period). Tasks inside a dated phase are judged against it (D207).
pub fn task_after_plan(f: &mut Findings) {
    for plan in &f.policy.plans {
        let Some((end, bound, name)) = schedule_end(plan) else {
            continue;
        };
        for (t, ph) in plan.tasks.iter().zip(plan.task_phases()) {
            if ph.is_some_and(|i| interval(&plan.phases[i].time).is_some()) {
                continue;
            }
            let Some(deadline) = &t.deadline else {
                continue;
            };
            let rs = readings(deadline, |r| r.end <= end);
            if rs.is_empty() || rs.iter().any(|r| r.end <= end) {
                continue;
            }
            let d = f
                .new_diag(
                    "D209",
                    format!(
                        "{}的完成时限（{}）晚于{name}（{}）",
                        task_name(t),
                        deadline.written,
                        bound.written
                    ),
                )
                .with_primary(deadline.span, format!("截至{}", format_chinese(rs[0].end)))
                .with_secondary(bound.span, format!("到{}结束", format_chinese(end)))
                .with_help("核对时限；若任务确实在方案期限之后完成，应同时修改方案期限或阶段安排");
            f.report(d);
        }
    }
}

/// D210 (a note): a deadline that had passed on the day the notice was issued (成文日期).
/// Retroactive steps are common — a notice issued in May lists the mobilisation of April —
/// but a deadline already missed is worth a look.
pub fn deadline_before_issue(f: &mut Findings) {
    let cover = f.policy.notice.as_ref().and_then(|n| n.date.as_ref());
    for plan in &f.policy.plans {
        let Some(issued) = plan.date.as_ref().or(cover) else {
            continue;
        };
        let Some(on) = interval(issued).and_then(|iv| iv.start) else {
            continue;
        };
        let mut items: Vec<Placed> = Vec::new();
        for t in &plan.tasks {
            if let Some(x) = &t.deadline {
                items.push(Placed {
                    time: x,
                    what: What::Task(t, "完成时限"),
                });
            }
        }
        // A milestone is a deadline when written as one (10月底前); 从3月份开始 is a start.
        let due = |s: &&Step| matches!(s.time.kind, TimeKind::Point { before: true, .. });
        items.extend(
            plan.milestones
                .iter()
                .filter(due)
                .map(|s| step_time("节点", s)),
        );
        for ph in &plan.phases {
            items.extend(
                ph.milestones
                    .iter()
                    .filter(due)
                    .map(|s| step_time("节点", s)),
            );
        }
        for item in items {
            // Only deadlines (…前, a day or a month): a range's end passing is D206's matter.
            if !matches!(item.time.kind, TimeKind::Point { .. }) {
                continue;
            }
            let rs = readings(item.time, |r| r.end >= on);
            if rs.is_empty() || rs.iter().any(|r| r.end >= on) {
                continue;
            }
            let mut d = f
                .new_diag(
                    "D210",
                    format!(
                        "{}（{}）早于成文日期（{}）",
                        item.what, item.time.written, issued.written
                    ),
                )
                .with_primary(item.time.span, format!("截至{}", format_chinese(rs[0].end)))
                .with_secondary(issued.span, format!("成文于{}", format_chinese(on)))
                .with_help(
                    "核对时限：印发时已经过去的时限，是补记已完成的工作，还是年份或月份写错了",
                );
            d.severity = Severity::Note;
            f.report(d);
        }
    }
}
