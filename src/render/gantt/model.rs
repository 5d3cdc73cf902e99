//! Reading a policy's plans into [`GanttChart`]s: dates from [`Time::reading`], deadlines
//! from an assumed start, what cannot be placed under `unplaced`.

use chrono::{Datelike, NaiveDate};

use super::{
    Adjusted, Entry, GanttChart, GanttFile, Inferred, Kind, PeriodView, Target, Unplaced, Window,
    GANTT_JSON_VERSION,
};
use crate::date::{Assumption, NoReading, Reading, Time, TimeKind};
use crate::diagnostics::Span;
use crate::model::{Phase, Plan, Policy, Step, Task, UnitRef};
use crate::render::text::fill_figures;

/// The Gantt data of every plan of a policy.
pub fn gantt(policy: &Policy) -> GanttFile {
    GanttFile {
        version: GANTT_JSON_VERSION,
        charts: policy
            .plans
            .iter()
            .enumerate()
            .map(|(i, plan)| chart(policy, plan, i + 1))
            .collect(),
    }
}

/// Where an entry's dates come from.
struct Placed {
    start: NaiveDate,
    end: NaiveDate,
    assumptions: Vec<Assumption>,
    inferred: Option<Inferred>,
    /// Drawn as a milestone (a task given only its deadline).
    milestone: bool,
}

impl Placed {
    fn read(r: Reading) -> Placed {
        Placed {
            start: r.start,
            end: r.end,
            assumptions: r.assumptions,
            inferred: None,
            milestone: false,
        }
    }
}

/// A start assumed for a time given only as a deadline, with why.
struct Anchor {
    day: NaiveDate,
    why: &'static str,
}

/// Places a deadline: from the first anchor on or before it, else from the first day of
/// the deadline's month. `lead` says what the notice gives (只写明完成时限).
fn from_deadline(r: Reading, anchors: &[Anchor], lead: &str) -> Placed {
    let end = r.end;
    let (start, why) = anchors
        .iter()
        .find(|a| a.day <= end)
        .map(|a| (a.day, a.why))
        .unwrap_or((
            end.with_day(1).expect("day 1 exists"),
            "截止日所在月的第一天",
        ));
    Placed {
        start,
        end,
        assumptions: r.assumptions,
        inferred: Some(Inferred {
            side: "start",
            reason: format!("{lead}，起点按{why}计"),
        }),
        milestone: false,
    }
}

/// Reads a phase's, step's or milestone's time: a deadline (…前) runs from an anchor.
fn place_time(t: &Time, anchors: &[Anchor], milestone: bool) -> Result<Placed, NoReading> {
    let r = t.reading()?;
    if milestone {
        // A milestone is due on the last day of the time it names.
        let mut p = Placed::read(r);
        p.start = p.end;
        return Ok(p);
    }
    Ok(match t.kind {
        TimeKind::Point { before: true, .. } => from_deadline(r, anchors, "只写明截止时间"),
        _ => Placed::read(r),
    })
}

/// A milestone at a placed time: no units, targets or findings of its own; `written` is the
/// time as written.
fn milestone_entry(
    id: String,
    name: String,
    parent: Option<String>,
    p: &Placed,
    written: &str,
    span: Span,
) -> Entry {
    Entry {
        id,
        name,
        number: None,
        kind: Kind::Milestone,
        parent,
        start: iso(p.start),
        end: iso(p.end),
        windows: Vec::new(),
        milestone: true,
        responsible: Vec::new(),
        cooperating: Vec::new(),
        targets: Vec::new(),
        written: Some(written.to_string()),
        description: None,
        adjusted: adjusted(&p.assumptions, written),
        inferred: None,
        findings: Vec::new(),
        span,
    }
}

/// The windows of a time repeated across years, when the entry is placed as the notice
/// states it (a reading with assumptions is drawn as one bar over what was assumed).
fn windows(t: &Time, p: &Placed) -> Vec<Window> {
    if t.windows.len() < 2 || !p.assumptions.is_empty() || p.inferred.is_some() {
        return Vec::new();
    }
    t.windows
        .iter()
        .map(|w| Window {
            start: iso(w.start),
            end: iso(w.end),
        })
        .collect()
}

fn adjusted(assumptions: &[Assumption], original: &str) -> Option<Adjusted> {
    if assumptions.is_empty() {
        return None;
    }
    Some(Adjusted {
        reason: assumptions
            .iter()
            .map(Assumption::describe)
            .collect::<Vec<_>>()
            .join("；"),
        kinds: assumptions.iter().map(Assumption::code).collect(),
        original: original.to_string(),
    })
}

pub(super) fn iso(d: NaiveDate) -> String {
    // Written by hand: chrono's `format` interprets its pattern for every date, and the
    // chart of 2,000 tasks writes and reads back some 16,000 dates.
    if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// A date [`iso`] wrote, read back; `None` for anything that is no date.
pub(super) fn from_iso(d: &str) -> Option<NaiveDate> {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
    {
        let number = |r: std::ops::Range<usize>| d[r].parse::<u32>().ok();
        let year = i32::try_from(number(0..4)?).ok()?;
        return NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?);
    }
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// Something of a plan that goes on the chart, in document order.
enum Item<'a> {
    Phase(usize, &'a Phase),
    Task(usize, &'a Task),
    Milestone(usize, &'a Step),
}

impl Item<'_> {
    fn span(&self) -> Span {
        match self {
            Item::Phase(_, p) => p.span,
            Item::Task(_, t) => t.span,
            Item::Milestone(_, s) => s.span,
        }
    }
}

/// What a phase contributes to the reading of the things in it.
struct PhaseCx {
    id: String,
    placed: Option<(NaiveDate, NaiveDate)>,
}

struct ChartBuilder<'a> {
    policy: &'a Policy,
    period: Option<Reading>,
    entries: Vec<Entry>,
    unplaced: Vec<Unplaced>,
}

fn chart(policy: &Policy, plan: &Plan, number: usize) -> GanttChart {
    let mut b = ChartBuilder {
        policy,
        period: None,
        entries: Vec::new(),
        unplaced: Vec::new(),
    };
    let period = match &plan.period {
        Some(t) => match t.reading() {
            Ok(r) => {
                let view = PeriodView {
                    written: t.written.clone(),
                    start: iso(r.start),
                    end: iso(r.end),
                    adjusted: adjusted(&r.assumptions, &t.written),
                };
                b.period = Some(r);
                Some(view)
            }
            Err(why) => {
                b.unplaced.push(Unplaced {
                    id: "period".into(),
                    name: Kind::Period.word().into(),
                    kind: Kind::Period,
                    parent: None,
                    written: Some(t.written.clone()),
                    reason: why.describe(),
                });
                None
            }
        },
        None => None,
    };

    // Top level: phases, milestones and the tasks that stand in no phase.
    let mut tasks_by_phase = plan.tasks_by_phase();
    let mut in_a_phase = vec![false; plan.tasks.len()];
    for &t in tasks_by_phase.iter().flatten() {
        in_a_phase[t] = true;
    }
    let mut items: Vec<Item> = plan
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| Item::Phase(i, p))
        .chain(
            plan.milestones
                .iter()
                .enumerate()
                .map(|(i, m)| Item::Milestone(i, m)),
        )
        .chain(
            plan.tasks
                .iter()
                .enumerate()
                .filter(|(i, _)| !in_a_phase[*i])
                .map(|(i, t)| Item::Task(i, t)),
        )
        .collect();
    items.sort_by_key(|i| i.span().start);

    let mut previous_phase_end: Option<NaiveDate> = None;
    for item in items {
        match item {
            Item::Phase(i, phase) => {
                let tasks: Vec<(usize, &Task)> = std::mem::take(&mut tasks_by_phase[i])
                    .into_iter()
                    .map(|t| (t, &plan.tasks[t]))
                    .collect();
                let end = b.phase(i, phase, &tasks, previous_phase_end);
                if end.is_some() {
                    previous_phase_end = end;
                }
            }
            Item::Task(i, task) => b.task(i, task, None),
            Item::Milestone(i, m) => {
                b.milestone(format!("milestone{}", i + 1), m, None, &[]);
            }
        }
    }
    GanttChart {
        plan: number,
        title: plan.title.clone(),
        period,
        entries: b.entries,
        unplaced: b.unplaced,
    }
}

impl ChartBuilder<'_> {
    fn period_anchor(&self) -> Option<Anchor> {
        self.period.as_ref().map(|r| Anchor {
            day: r.start,
            why: "实施期限开始日",
        })
    }

    /// Adds a phase and what it contains; returns the phase's last day when placed.
    fn phase(
        &mut self,
        i: usize,
        phase: &Phase,
        tasks: &[(usize, &Task)],
        previous_end: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let id = format!("phase{}", i + 1);
        let mut anchors = Vec::new();
        if let Some(day) = previous_end.and_then(|d| d.succ_opt()) {
            anchors.push(Anchor {
                day,
                why: "上一阶段结束次日",
            });
        }
        anchors.extend(self.period_anchor());
        let placed = match place_time(&phase.time, &anchors, false) {
            Ok(p) => {
                let span = (p.start, p.end);
                self.entries.push(Entry {
                    id: id.clone(),
                    name: phase.name.clone(),
                    number: None,
                    kind: Kind::Phase,
                    parent: None,
                    start: iso(p.start),
                    end: iso(p.end),
                    windows: windows(&phase.time, &p),
                    milestone: false,
                    responsible: Vec::new(),
                    cooperating: Vec::new(),
                    targets: Vec::new(),
                    written: Some(phase.time.written.clone()),
                    description: phase.description.clone(),
                    adjusted: adjusted(&p.assumptions, &phase.time.written),
                    inferred: p.inferred,
                    findings: Vec::new(),
                    span: phase.span,
                });
                Some(span)
            }
            Err(why) => {
                self.unplaced.push(Unplaced {
                    id: id.clone(),
                    name: phase.name.clone(),
                    kind: Kind::Phase,
                    parent: None,
                    written: Some(phase.time.written.clone()),
                    reason: why.describe(),
                });
                None
            }
        };
        let cx = PhaseCx {
            id: id.clone(),
            placed,
        };

        enum Child<'a> {
            Step(usize, &'a Step),
            Milestone(usize, &'a Step),
            Task(usize, &'a Task),
        }
        let mut children: Vec<(usize, Child)> = phase
            .steps
            .iter()
            .enumerate()
            .map(|(j, s)| (s.span.start, Child::Step(j, s)))
            .chain(
                phase
                    .milestones
                    .iter()
                    .enumerate()
                    .map(|(j, s)| (s.span.start, Child::Milestone(j, s))),
            )
            .chain(
                tasks
                    .iter()
                    .map(|&(k, t)| (t.span.start, Child::Task(k, t))),
            )
            .collect();
        children.sort_by_key(|(start, _)| *start);

        let mut previous_step_end: Option<NaiveDate> = None;
        for (_, child) in children {
            let mut anchors = Vec::new();
            if let Some((start, _)) = cx.placed {
                anchors.push(Anchor {
                    day: start,
                    why: "所在阶段开始日",
                });
            }
            anchors.extend(self.period_anchor());
            match child {
                Child::Step(j, step) => {
                    let mut step_anchors = Vec::new();
                    if let Some(day) = previous_step_end.and_then(|d| d.succ_opt()) {
                        step_anchors.push(Anchor {
                            day,
                            why: "上一步骤结束次日",
                        });
                    }
                    step_anchors.extend(anchors);
                    let end = self.step(format!("{id}_step{}", j + 1), step, &cx, &step_anchors);
                    if end.is_some() {
                        previous_step_end = end;
                    }
                }
                Child::Milestone(j, m) => {
                    self.milestone(format!("{id}_milestone{}", j + 1), m, Some(&cx), &anchors)
                }
                Child::Task(k, t) => self.task(k, t, Some(&cx)),
            }
        }
        placed.map(|(_, end)| end)
    }

    fn step(
        &mut self,
        id: String,
        step: &Step,
        cx: &PhaseCx,
        anchors: &[Anchor],
    ) -> Option<NaiveDate> {
        match place_time(&step.time, anchors, false) {
            Ok(p) => {
                let end = p.end;
                self.entries.push(Entry {
                    id,
                    name: step.name.clone(),
                    number: None,
                    kind: Kind::Step,
                    parent: Some(cx.id.clone()),
                    start: iso(p.start),
                    end: iso(p.end),
                    windows: windows(&step.time, &p),
                    milestone: false,
                    responsible: Vec::new(),
                    cooperating: Vec::new(),
                    targets: Vec::new(),
                    written: Some(step.time.written.clone()),
                    description: step.description.clone(),
                    adjusted: adjusted(&p.assumptions, &step.time.written),
                    inferred: p.inferred,
                    findings: Vec::new(),
                    span: step.span,
                });
                Some(end)
            }
            Err(why) => {
                self.unplaced.push(Unplaced {
                    id,
                    name: step.name.clone(),
                    kind: Kind::Step,
                    parent: Some(cx.id.clone()),
                    written: Some(step.time.written.clone()),
                    reason: why.describe(),
                });
                None
            }
        }
    }

    fn milestone(&mut self, id: String, m: &Step, cx: Option<&PhaseCx>, anchors: &[Anchor]) {
        let parent = cx.map(|c| c.id.clone());
        match place_time(&m.time, anchors, true) {
            Ok(p) => self.entries.push(Entry {
                description: m.description.clone(),
                ..milestone_entry(id, m.name.clone(), parent, &p, &m.time.written, m.span)
            }),
            Err(why) => self.unplaced.push(Unplaced {
                id,
                name: m.name.clone(),
                kind: Kind::Milestone,
                parent,
                written: Some(m.time.written.clone()),
                reason: why.describe(),
            }),
        }
    }

    /// The stages of a deadline in stages before its last (6月底前完成50%), as milestones
    /// named after the task (改造：完成50%) in the task's phase, since an entry's parent is
    /// a phase: the task itself is drawn to its final deadline.
    fn stages(&mut self, task_id: &str, task_name: &str, parent: Option<&str>, task: &Task) {
        let Some((_, earlier)) = task.stages.split_last() else {
            return;
        };
        for (j, stage) in earlier.iter().enumerate() {
            let Ok(p) = place_time(&stage.time, &[], true) else {
                continue;
            };
            let mut entry = milestone_entry(
                format!("{task_id}_stage{}", j + 1),
                format!("{task_name}：{}", stage.work),
                parent.map(str::to_string),
                &p,
                &stage.time.written,
                stage.time.span,
            );
            entry.written = Some(format!("{}{}", stage.time.written, stage.work));
            self.entries.push(entry);
        }
    }

    fn task(&mut self, k: usize, task: &Task, cx: Option<&PhaseCx>) {
        let id = format!("task{}", k + 1);
        let parent = cx.map(|c| c.id.clone());
        let name = task_name(self.policy, task);
        // 实施年限 (or 实施时间, 起止) reads as a range by itself; the others are named.
        let fields: Vec<(&str, &Time)> = [
            ("", task.period.as_ref()),
            ("启动时间", task.start.as_ref()),
            ("完成时限", task.deadline.as_ref()),
        ]
        .into_iter()
        .filter_map(|(label, t)| t.map(|t| (label, t)))
        .collect();
        let written = if fields.is_empty() {
            None
        } else {
            Some(
                fields
                    .iter()
                    .map(|(label, t)| match *label {
                        "" => t.written.clone(),
                        label => format!("{label}：{}", t.written),
                    })
                    .collect::<Vec<_>>()
                    .join("；"),
            )
        };
        let placed = self.place_task(task, cx);
        match placed {
            Ok(p) => {
                let mut units = Vec::new();
                for u in task
                    .lead
                    .iter()
                    .chain(&task.responsible)
                    .chain(&task.implementing)
                {
                    if !units.contains(&u.written) {
                        units.push(u.written.clone());
                    }
                }
                let targets = task
                    .targets
                    .iter()
                    .filter_map(|id| self.policy.figure(id))
                    .map(|f| Target {
                        id: f.id.clone(),
                        label: f.label.clone(),
                        written: f.quantity.written.clone(),
                    })
                    .collect();
                let stage_name = name.clone();
                self.entries.push(Entry {
                    id: id.clone(),
                    name,
                    number: task.number.clone(),
                    kind: Kind::Task,
                    parent: parent.clone(),
                    start: iso(p.start),
                    end: iso(p.end),
                    // A repeated time is drawn window by window only when it is the task's
                    // one time; with a start or a deadline beside it the bar joins them.
                    windows: match fields[..] {
                        [(_, t)] if !p.milestone => windows(t, &p),
                        _ => Vec::new(),
                    },
                    milestone: p.milestone,
                    responsible: units,
                    cooperating: written_units(&task.cooperating),
                    targets,
                    adjusted: adjusted(&p.assumptions, written.as_deref().unwrap_or("")),
                    written,
                    description: task
                        .content
                        .as_deref()
                        .map(|c| fill_figures(self.policy, c)),
                    inferred: p.inferred,
                    findings: Vec::new(),
                    span: task.span,
                });
                self.stages(&id, &stage_name, parent.as_deref(), task);
            }
            Err(reason) => self.unplaced.push(Unplaced {
                id,
                name,
                kind: Kind::Task,
                parent,
                written,
                reason,
            }),
        }
    }

    /// A task's dates: its 实施年限 if readable; else from 启动时间 to 完成时限, an end not
    /// given being assumed; a task in a phase with no time of its own runs over the phase.
    fn place_task(&self, task: &Task, cx: Option<&PhaseCx>) -> Result<Placed, String> {
        fn read(t: &Option<Time>) -> Option<(&str, Result<Reading, NoReading>)> {
            t.as_ref().map(|t| (t.written.as_str(), t.reading()))
        }
        let span = read(&task.period);
        if let Some((_, Ok(r))) = &span {
            return Ok(Placed::read(r.clone()));
        }
        let start = read(&task.start);
        let deadline = read(&task.deadline);
        let phase = cx.and_then(|c| c.placed);
        match (&start, &deadline) {
            (Some((_, Ok(s))), Some((_, Ok(d)))) => {
                let mut assumptions = s.assumptions.clone();
                assumptions.extend(d.assumptions.iter().cloned());
                let mut end = d.end;
                if end < s.start {
                    assumptions.push(Assumption::EndsBeforeStart {
                        start: s.start,
                        end,
                    });
                    end = s.start;
                }
                Ok(Placed {
                    start: s.start,
                    end,
                    assumptions,
                    inferred: None,
                    milestone: false,
                })
            }
            (_, Some((_, Ok(d)))) => {
                // Only a deadline: the notice says when the task is due, not when it starts,
                // so the chart shows a milestone on the deadline's last day rather than a bar
                // from an assumed start.
                let inferred = match &start {
                    Some((w, Err(e))) => Some(Inferred {
                        side: "start",
                        reason: format!("启动时间“{w}”：{}，只画完成时限", e.describe()),
                    }),
                    _ => None,
                };
                Ok(Placed {
                    start: d.end,
                    end: d.end,
                    assumptions: d.assumptions.clone(),
                    inferred,
                    milestone: true,
                })
            }
            (Some((_, Ok(s))), _) => {
                let ends = [
                    phase.map(|(_, e)| (e, "所在阶段结束日")),
                    self.period.as_ref().map(|r| (r.end, "实施期限结束日")),
                ];
                let found = ends.into_iter().flatten().find(|(e, _)| *e >= s.start);
                let lead = match &deadline {
                    Some((w, Err(e))) => format!("完成时限“{w}”：{}", e.describe()),
                    _ => "只写明启动时间".into(),
                };
                let (end, reason) = match found {
                    Some((e, why)) => (e, format!("{lead}，终点按{why}计")),
                    None => (s.end, format!("{lead}，终点不详，只画启动时间本身")),
                };
                Ok(Placed {
                    start: s.start,
                    end,
                    assumptions: s.assumptions.clone(),
                    inferred: Some(Inferred {
                        side: "end",
                        reason,
                    }),
                    milestone: false,
                })
            }
            _ => {
                // No readable time: say why, from the first time written.
                let why = [span, start, deadline]
                    .into_iter()
                    .flatten()
                    .find_map(|(w, r)| {
                        r.as_ref().err().map(|e| format!("“{w}”：{}", e.describe()))
                    });
                match (why, phase) {
                    (Some(why), _) => Err(why),
                    (None, Some((start, end))) => Ok(Placed {
                        start,
                        end,
                        assumptions: Vec::new(),
                        inferred: Some(Inferred {
                            side: "both",
                            reason: "未写时间，按所在阶段计".into(),
                        }),
                        milestone: false,
                    }),
                    (None, None) => Err("未写时间".into()),
                }
            }
        }
    }
}

fn written_units(units: &[UnitRef]) -> Vec<String> {
    units.iter().map(|u| u.written.clone()).collect()
}

/// A task's name: its title, else the first clause of its content or duty, else 任务 and its
/// number.
fn task_name(policy: &Policy, task: &Task) -> String {
    if let Some(title) = task.title.as_ref().filter(|t| !t.trim().is_empty()) {
        return title.trim().to_string();
    }
    if let Some(text) = task.content.as_ref().or(task.duty.as_ref()) {
        let text = fill_figures(policy, text);
        let clause: String = text
            .split(['。', '；', ';', '\n'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if !clause.is_empty() {
            return shorten(&clause, 30);
        }
    }
    match &task.number {
        Some(n) => format!("任务{n}"),
        None => "任务".into(),
    }
}

/// At most `max` characters, with … when cut.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// The label a chart shows: a task's number before its name (1.名称, （一）名称).
pub(super) fn label(e: &Entry) -> String {
    match &e.number {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) => format!("{n}.{}", e.name),
        Some(n) => format!("{n}{}", e.name),
        None => e.name.clone(),
    }
}
