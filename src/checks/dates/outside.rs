//! D206, D207: times outside the period or the phase they belong to, and steps of a phase
//! listed in an order their dates contradict.

use super::sections::Sections;
use super::*;

/// D206: phases outside the plan's period (and, in a phase without a date, its steps,
/// milestones and tasks).
pub fn outside_plan(f: &mut Findings) {
    for plan in &f.policy.plans {
        let Some(period) = plan.period.as_ref() else {
            continue;
        };
        let Some(outer) = interval(period) else {
            continue;
        };
        let mut items: Vec<Placed> = Vec::new();
        for ph in &plan.phases {
            items.push(Placed {
                time: &ph.time,
                what: What::Phase(&ph.name),
            });
            // Steps are checked against their phase (D207); against the plan only when the
            // phase has no date to check them against.
            if interval(&ph.time).is_none() {
                items.extend(ph.steps.iter().map(|s| step_time("步骤", s)));
                items.extend(ph.milestones.iter().map(|s| step_time("节点", s)));
            }
        }
        // Tasks written inside a phase without a date belong to the timeline too. Milestones
        // and tasks outside phases do not: they are targets, often longer-term ones (到2023年
        // 清洁取暖率达到100% in a 2021 plan), not steps of this plan's schedule.
        for (t, ph) in plan.tasks.iter().zip(plan.task_phases()) {
            if ph.is_some_and(|i| interval(&plan.phases[i].time).is_none()) {
                items.extend(task_times(t));
            }
        }
        for item in items {
            let rs = readings(item.time, |r| within(r, outer));
            if rs.is_empty() || rs.iter().any(|r| within(*r, outer)) {
                continue;
            }
            let label = beside(rs[0], outer, "方案期限");
            let d = f
                .new_diag(
                    "D206",
                    format!(
                        "{}（{}）超出方案期限“{}”",
                        item.what, item.time.written, period.written
                    ),
                )
                .with_primary(item.time.span, label)
                .with_secondary(period.span, format!("方案期限：{}", shown(outer)))
                .with_help("核对日期；若工作确实延续到期限之外，应同时修改方案期限");
            f.report(d);
        }
    }
}

// ───────────────────────────── D207: inside phases, in order ─────────────────────────────

/// D207: steps, milestones and deadlines outside their phase; milestones and steps of a phase
/// listed in an order their dates contradict. Milestones outside phases are not a timeline
/// (targets listed by topic, a recurring start in 保障措施) and are not put in order.
pub fn outside_phase(f: &mut Findings) {
    for plan in &f.policy.plans {
        let tasks_of_phase = plan.tasks_by_phase();
        for (ph, tasks) in plan.phases.iter().zip(&tasks_of_phase) {
            let Some(outer) = interval(&ph.time) else {
                continue;
            };
            let mut items: Vec<Placed> = Vec::new();
            items.extend(ph.steps.iter().map(|s| step_time("步骤", s)));
            items.extend(ph.milestones.iter().map(|s| step_time("节点", s)));
            for &t in tasks {
                items.extend(task_times(&plan.tasks[t]));
            }
            for item in items {
                let rs = readings(item.time, |r| within(r, outer));
                if rs.is_empty() || rs.iter().any(|r| within(*r, outer)) {
                    continue;
                }
                let r = rs[0];
                let d = f
                    .new_diag(
                        "D207",
                        format!(
                            "{}（{}）不在所属阶段“{}”（{}）之内",
                            item.what, item.time.written, ph.name, ph.time.written
                        ),
                    )
                    .with_primary(item.time.span, beside(r, outer, "阶段"))
                    .with_secondary(ph.time.span, format!("阶段：{}", shown(outer)))
                    .with_help("核对原文的日期；若它属于另一个阶段，把它移到那个阶段之下");
                f.report(d);
            }
            order(f, "步骤", &ph.steps.iter().collect::<Vec<_>>(), Some(outer));
            order(
                f,
                "节点",
                &ph.milestones.iter().collect::<Vec<_>>(),
                Some(outer),
            );
        }
        let period = plan.period.as_ref().and_then(interval);
        for nodes in timeline_milestones(plan) {
            order(f, "节点", &nodes, period);
        }
    }
}

/// Milestones outside phases that a section lists as a timeline: those written side by side in
/// one section whose title, or an enclosing one's, names a schedule (六、时间节点, 实施步骤,
/// 进度安排). Milestones under other titles are targets listed by topic and keep no order.
fn timeline_milestones(plan: &crate::model::Plan) -> Vec<Vec<&Step>> {
    let sections = Sections::of(plan);
    let schedule = |path: &[usize]| {
        path.iter().any(|&i| {
            ["时间", "步骤", "进度", "节点"]
                .iter()
                .any(|w| sections.titles[i].contains(w))
        })
    };
    let mut groups: Vec<(&[usize], Vec<&Step>)> = Vec::new();
    for (s, path) in plan.milestones.iter().zip(&sections.milestone) {
        if !schedule(path) {
            continue;
        }
        match groups.iter_mut().find(|(p, _)| *p == path.as_slice()) {
            Some((_, list)) => list.push(s),
            None => groups.push((path, vec![s])),
        }
    }
    groups.into_iter().map(|(_, list)| list).collect()
}

/// Reports a step or milestone whose dates lie before the one listed before it: wholly
/// before, or starting and ending earlier (a 第二步 of 3月1日—3月20日 after a 第一步 of
/// 3月10日—3月31日). Steps that start together, or one inside the other, run side by side.
/// A next-year reading counts only when it stays inside `container`, the phase or the period.
fn order(f: &mut Findings, kind: &str, list: &[&Step], container: Option<Iv>) {
    for pair in list.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        let Some(a) = interval(&prev.time) else {
            continue;
        };
        let bs = readings(&next.time, |b| container.is_some_and(|c| within(b, c)));
        let reversed = |b: &Iv| match (a.start, b.start) {
            // Ranges: the later one ends before the earlier one starts, or starts and ends
            // before it.
            (Some(a_start), Some(b_start)) => {
                b.end < a_start || (b_start < a_start && b.end < a.end)
            }
            // Deadlines and points: compare when each is due.
            _ => b.end < a.end,
        };
        if bs.is_empty() || !bs.iter().all(reversed) {
            continue;
        }
        let d = f
            .new_diag(
                "D207",
                format!(
                    "{kind}“{}”（{}）排在“{}”（{}）之后，日期却更早",
                    next.name, next.time.written, prev.name, prev.time.written
                ),
            )
            .with_primary(next.time.span, format!("{}，早于前一{kind}", shown(bs[0])))
            .with_secondary(prev.time.span, format!("前一{kind}：{}", shown(a)))
            .with_help(format!("核对两个{kind}的日期，或按时间先后调整次序"));
        f.report(d);
    }
}
