//! The Gantt chart: gantt.json, gantt.mmd, gantt.svg and gantt.html for each policy.
//!
//! [`gantt`] reads each plan's period, phases (with their steps, milestones and tasks), tasks
//! and milestones into a [`GanttChart`]: entries with inclusive ISO dates, in document order,
//! phases followed by what they contain. Dates come from [`Time::reading`], the same reading
//! the date checks report, so an impossible date (2022年4月31日) is drawn as the checks say it
//! is read and marked `adjusted`. A time given only as a deadline (10月底前) is drawn from an
//! assumed start and marked `inferred`. What cannot be placed is listed under `unplaced`.
//!
//! Mermaid and SVG get their own views, computed here (coordinates included), so that the
//! templates only lay out data. docs/gantt.md describes gantt.json; docs/gantt.schema.json is
//! its schema.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use super::text::fill_figures;
use super::Templates;
use crate::date::{format_chinese, Assumption, NoReading, Reading, Time, TimeKind};
use crate::diagnostics::Span;
use crate::model::{Phase, Plan, Policy, Step, Task, UnitRef};

/// The version of gantt.json's layout (docs/gantt.schema.json).
pub const GANTT_JSON_VERSION: u32 = 1;

/// gantt.json: one chart per plan.
#[derive(Debug, Clone, Serialize)]
pub struct GanttFile {
    pub version: u32,
    pub charts: Vec<GanttChart>,
}

/// One plan's chart.
#[derive(Debug, Clone, Serialize)]
pub struct GanttChart {
    /// The plan's number in the file, from 1.
    pub plan: usize,
    pub title: String,
    pub period: Option<PeriodView>,
    /// Placed entries in document order; a phase is followed by its steps, tasks and
    /// milestones.
    pub entries: Vec<Entry>,
    /// What has no time, or a time that cannot be placed on a calendar.
    pub unplaced: Vec<Unplaced>,
}

/// The plan period (实施期限).
#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    pub written: String,
    pub start: String,
    pub end: String,
    pub adjusted: Option<Adjusted>,
}

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Phase,
    Step,
    Task,
    Milestone,
    Period,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Phase => "阶段",
            Kind::Step => "步骤",
            Kind::Task => "任务",
            Kind::Milestone => "节点",
            Kind::Period => "实施期限",
        }
    }
}

/// A bar or a milestone of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Unique in the chart: phase2, phase2_step1, phase2_milestone1, task7, milestone1.
    pub id: String,
    /// The name as the notice writes it (a task's title).
    pub name: String,
    /// A task's number as written (1, （一）).
    pub number: Option<String>,
    pub kind: Kind,
    /// The id of the phase the entry stands in.
    pub parent: Option<String>,
    /// First day, inclusive, ISO 8601.
    pub start: String,
    /// Last day, inclusive, ISO 8601; never before `start`. A milestone's start and end are
    /// the day it is due.
    pub end: String,
    pub milestone: bool,
    /// Lead, responsible and implementing units, as written.
    pub responsible: Vec<String>,
    /// Cooperating units, as written.
    pub cooperating: Vec<String>,
    /// Figures the entry states.
    pub targets: Vec<Target>,
    /// The time as the notice writes it; for a task, each time field with its name
    /// (完成时限：10月底前). `None` for a task drawn over its phase because it states no time
    /// of its own.
    pub written: Option<String>,
    pub description: Option<String>,
    /// The notice states an impossible date; the chart uses the reading the checks report.
    pub adjusted: Option<Adjusted>,
    /// One end is not stated and was assumed.
    pub inferred: Option<Inferred>,
}

/// A figure an entry states.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub id: String,
    pub label: String,
    pub written: String,
}

/// How an impossible date was read.
#[derive(Debug, Clone, Serialize)]
pub struct Adjusted {
    /// What was assumed, in words, as the date checks say it.
    pub reason: String,
    /// no_such_day, crosses_year, ends_before_start.
    pub kinds: Vec<&'static str>,
    /// The time as written.
    pub original: String,
}

/// Which end was assumed, and from what.
#[derive(Debug, Clone, Serialize)]
pub struct Inferred {
    /// start, end or both.
    pub side: &'static str,
    pub reason: String,
}

/// Something the chart cannot draw.
#[derive(Debug, Clone, Serialize)]
pub struct Unplaced {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub parent: Option<String>,
    pub written: Option<String>,
    pub reason: String,
}

// ───────────────────────────── reading the plans ─────────────────────────────

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
}

impl Placed {
    fn read(r: Reading) -> Placed {
        Placed {
            start: r.start,
            end: r.end,
            assumptions: r.assumptions,
            inferred: None,
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

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
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
    let in_phase = |t: &Task| plan.phases.iter().position(|p| contains(p.span, t.span));
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
                .filter(|(_, t)| in_phase(t).is_none())
                .map(|(i, t)| Item::Task(i, t)),
        )
        .collect();
    items.sort_by_key(|i| i.span().start);

    let mut previous_phase_end: Option<NaiveDate> = None;
    for item in items {
        match item {
            Item::Phase(i, phase) => {
                let tasks: Vec<(usize, &Task)> = plan
                    .tasks
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| in_phase(t) == Some(i))
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
                    milestone: false,
                    responsible: Vec::new(),
                    cooperating: Vec::new(),
                    targets: Vec::new(),
                    written: Some(phase.time.written.clone()),
                    description: phase.description.clone(),
                    adjusted: adjusted(&p.assumptions, &phase.time.written),
                    inferred: p.inferred,
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
                    milestone: false,
                    responsible: Vec::new(),
                    cooperating: Vec::new(),
                    targets: Vec::new(),
                    written: Some(step.time.written.clone()),
                    description: step.description.clone(),
                    adjusted: adjusted(&p.assumptions, &step.time.written),
                    inferred: p.inferred,
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
                id,
                name: m.name.clone(),
                number: None,
                kind: Kind::Milestone,
                parent,
                start: iso(p.start),
                end: iso(p.end),
                milestone: true,
                responsible: Vec::new(),
                cooperating: Vec::new(),
                targets: Vec::new(),
                written: Some(m.time.written.clone()),
                description: m.description.clone(),
                adjusted: adjusted(&p.assumptions, &m.time.written),
                inferred: None,
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
                self.entries.push(Entry {
                    id,
                    name,
                    number: task.number.clone(),
                    kind: Kind::Task,
                    parent,
                    start: iso(p.start),
                    end: iso(p.end),
                    milestone: false,
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
                });
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
                })
            }
            (_, Some((_, Ok(d)))) => {
                let mut anchors = Vec::new();
                if let Some((start, _)) = phase {
                    anchors.push(Anchor {
                        day: start,
                        why: "所在阶段开始日",
                    });
                }
                anchors.extend(self.period_anchor());
                let lead = match &start {
                    Some((w, Err(e))) => format!("启动时间“{w}”：{}", e.describe()),
                    _ => "只写明完成时限".into(),
                };
                Ok(from_deadline(d.clone(), &anchors, &lead))
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
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// The label a chart shows: a task's number before its name (1.名称, （一）名称).
fn label(e: &Entry) -> String {
    match &e.number {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) => format!("{n}.{}", e.name),
        Some(n) => format!("{n}{}", e.name),
        None => e.name.clone(),
    }
}

// ───────────────────────────── Mermaid ─────────────────────────────

/// gantt.mmd as its template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct MermaidChart {
    pub title: String,
    /// Mermaid's tickInterval: 1month, 3month …
    pub tick_interval: String,
    pub sections: Vec<MermaidSection>,
}

/// A section: a phase with what it contains, or a run of entries outside phases.
#[derive(Debug, Clone, Serialize)]
pub struct MermaidSection {
    pub name: String,
    pub tasks: Vec<MermaidTask>,
}

/// A Mermaid task line.
#[derive(Debug, Clone, Serialize)]
pub struct MermaidTask {
    pub id: String,
    pub name: String,
    /// crit for adjusted entries, milestone for milestones.
    pub tags: Vec<&'static str>,
    pub start: String,
    /// Mermaid reads an explicit end date as exclusive (the bar stops at its first moment),
    /// so this is the day after the inclusive end; for a milestone, `None` (it lasts 1d and
    /// its diamond stands in the middle of its day).
    pub end_exclusive: Option<String>,
    /// Comment lines written before the task (%% …): what was adjusted or assumed.
    pub comments: Vec<String>,
}

/// The Mermaid view of a chart; `None` when nothing could be placed.
pub fn mermaid_view(chart: &GanttChart) -> Option<MermaidChart> {
    if chart.entries.is_empty() {
        return None;
    }
    let (first, last) = extent(chart)?;
    let months = month_count(first, last);
    let tick_interval = match months {
        0..=16 => "1month",
        17..=36 => "3month",
        _ => "6month",
    }
    .to_string();
    let mut sections: Vec<MermaidSection> = Vec::new();
    let mut current: Option<String> = None; // the phase of the open section, if any
    let section_of = |e: &Entry| -> Option<String> {
        match e.kind {
            Kind::Phase => Some(e.id.clone()),
            _ => e.parent.clone(),
        }
    };
    for e in &chart.entries {
        let phase = section_of(e);
        if sections.is_empty() || phase != current {
            let name = match &phase {
                Some(pid) => chart
                    .entries
                    .iter()
                    .find(|p| &p.id == pid)
                    .map(|p| p.name.clone())
                    .or_else(|| {
                        chart
                            .unplaced
                            .iter()
                            .find(|p| &p.id == pid)
                            .map(|p| p.name.clone())
                    })
                    .unwrap_or_else(|| pid.clone()),
                None => "任务与节点".into(),
            };
            sections.push(MermaidSection {
                name,
                tasks: Vec::new(),
            });
            current = phase;
        }
        let mut comments = Vec::new();
        let mut tags = Vec::new();
        let mut name = label(e);
        if let Some(a) = &e.adjusted {
            tags.push("crit");
            name.push_str(" ※");
            comments.push(format!("※ 原文“{}”：{}", a.original, a.reason));
        }
        if let Some(i) = &e.inferred {
            comments.push(match &e.written {
                Some(w) => format!("原文“{w}”：{}", i.reason),
                None => i.reason.clone(),
            });
        }
        if e.milestone {
            tags.push("milestone");
        }
        let end = NaiveDate::parse_from_str(&e.end, "%Y-%m-%d").ok();
        sections
            .last_mut()
            .expect("a section")
            .tasks
            .push(MermaidTask {
                id: e.id.clone(),
                name,
                tags,
                start: e.start.clone(),
                end_exclusive: if e.milestone {
                    None
                } else {
                    end.and_then(|d| d.succ_opt()).map(iso)
                },
                comments: comments.iter().map(|c| one_line(c)).collect(),
            });
    }
    Some(MermaidChart {
        title: chart.title.clone(),
        tick_interval,
        sections,
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ───────────────────────────── SVG ─────────────────────────────

/// gantt.svg as its template sees it: every coordinate computed here.
#[derive(Debug, Clone, Serialize)]
pub struct SvgChart {
    /// Distinguishes this chart's pattern ids from another's on the same page.
    pub key: String,
    pub width: f64,
    pub height: f64,
    pub title: SvgText,
    pub subtitle: Option<SvgText>,
    pub plot: SvgRect,
    /// The header band above the rows, holding the month labels.
    pub header: SvgRect,
    /// The grid's top (the header's), bottom (the last row's) and right edge.
    pub grid_top: f64,
    pub grid_bottom: f64,
    pub grid_height: f64,
    pub plot_right: f64,
    pub months: Vec<SvgMonth>,
    /// Year labels above the month labels, when months are too narrow for 2022年3月.
    pub years: Vec<SvgText>,
    /// Light bands behind each phase and what it contains.
    pub groups: Vec<SvgRect>,
    pub rows: Vec<SvgRow>,
    pub footnotes: Vec<SvgText>,
    pub legend: Vec<SvgLegendItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SvgText {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SvgRect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A month column of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct SvgMonth {
    pub x: f64,
    pub w: f64,
    /// 2022年3月, or 3月 under a year label; `None` when the column is too narrow.
    pub label: Option<String>,
    pub label_x: f64,
    pub label_y: f64,
    /// Alternate columns are shaded.
    pub shade: bool,
    /// The column starts a year: its line is drawn darker.
    pub year_start: bool,
}

/// A row: a label on the left, a bar or a diamond on the grid, the time as written after it.
#[derive(Debug, Clone, Serialize)]
pub struct SvgRow {
    pub id: String,
    /// period, phase, step, task, milestone.
    pub kind: Kind,
    pub y: f64,
    pub label: SvgText,
    pub bold: bool,
    pub bar: Option<SvgRect>,
    /// A milestone's diamond: its polygon's points.
    pub diamond: Option<String>,
    pub note: Option<SvgText>,
    pub adjusted: bool,
    pub inferred: bool,
    /// Everything about the entry, for a tooltip.
    pub tooltip: String,
}

/// A legend swatch and its words.
#[derive(Debug, Clone, Serialize)]
pub struct SvgLegendItem {
    /// phase, step, task, milestone, adjusted, inferred.
    pub kind: &'static str,
    /// The swatch; a milestone's is drawn as the diamond `diamond`.
    pub swatch: SvgRect,
    pub diamond: String,
    pub label: SvgText,
}

const FONT: f64 = 13.0;
const SMALL: f64 = 11.0;
const MARGIN: f64 = 16.0;
const ROW_H: f64 = 26.0;
const INDENT: f64 = 16.0;
const MAX_LABEL: f64 = 330.0;
const MAX_LABEL_CHARS: usize = 24;
/// Narrowest bar drawn, so that a one-day bar and its marking stay visible.
const MIN_BAR: f64 = 6.0;

/// Width of text in pixels, estimated: wide (CJK) characters one em, others 0.6 em.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c.width() {
            Some(2) => 1.0,
            Some(0) | None => 0.0,
            _ => 0.6,
        })
        .sum::<f64>()
        * size
}

fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn parse(d: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// First and last day the chart shows: its entries and its period.
fn extent(chart: &GanttChart) -> Option<(NaiveDate, NaiveDate)> {
    let mut days: Vec<NaiveDate> = chart
        .entries
        .iter()
        .flat_map(|e| [parse(&e.start), parse(&e.end)])
        .flatten()
        .collect();
    if let Some(p) = &chart.period {
        days.extend(parse(&p.start));
        days.extend(parse(&p.end));
    }
    Some((*days.iter().min()?, *days.iter().max()?))
}

fn month_index(d: NaiveDate) -> i64 {
    d.year() as i64 * 12 + d.month0() as i64
}

fn month_count(first: NaiveDate, last: NaiveDate) -> usize {
    (month_index(last) - month_index(first) + 1) as usize
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(30)
}

/// Maps days to x: equal month columns, days spread evenly within a month.
struct Axis {
    first: i64,
    left: f64,
    mw: f64,
}

impl Axis {
    /// The left edge of a day.
    fn x(&self, d: NaiveDate) -> f64 {
        let col = (month_index(d) - self.first) as f64;
        let frac = d.day0() as f64 / days_in_month(d.year(), d.month()) as f64;
        self.left + (col + frac) * self.mw
    }

    /// The right edge of a day: an inclusive end is drawn to the end of its day.
    fn x_end(&self, d: NaiveDate) -> f64 {
        match d.succ_opt() {
            Some(n) => self.x(n),
            None => self.x(d),
        }
    }
}

/// Lays out a chart; `None` when nothing could be placed.
pub fn svg_view(chart: &GanttChart) -> Option<SvgChart> {
    if chart.entries.is_empty() {
        return None;
    }
    let (first, last) = extent(chart)?;
    let n = month_count(first, last);
    let first_month = first.with_day(1)?;

    // Rows: the period, then the entries; children of a phase indented.
    struct Pre<'a> {
        entry: Option<&'a Entry>,
        kind: Kind,
        id: String,
        label: String,
        indent: f64,
    }
    let mut pre: Vec<Pre> = Vec::new();
    if chart.period.is_some() {
        pre.push(Pre {
            entry: None,
            kind: Kind::Period,
            id: "period".into(),
            label: Kind::Period.word().into(),
            indent: 0.0,
        });
    }
    let mut shown_phases: Vec<String> = Vec::new();
    for e in &chart.entries {
        // A child whose phase could not be placed still sits under a row naming the phase.
        if let Some(pid) = &e.parent {
            if !shown_phases.contains(pid) && !chart.entries.iter().any(|p| &p.id == pid) {
                let name = chart
                    .unplaced
                    .iter()
                    .find(|u| &u.id == pid)
                    .map(|u| u.name.clone())
                    .unwrap_or_else(|| pid.clone());
                pre.push(Pre {
                    entry: None,
                    kind: Kind::Phase,
                    id: pid.clone(),
                    label: name,
                    indent: 0.0,
                });
                shown_phases.push(pid.clone());
            }
        }
        if e.kind == Kind::Phase {
            shown_phases.push(e.id.clone());
        }
        pre.push(Pre {
            entry: Some(e),
            kind: e.kind,
            id: e.id.clone(),
            label: label(e),
            indent: if e.parent.is_some() { 1.0 } else { 0.0 },
        });
    }

    // Columns.
    let label_w = pre
        .iter()
        .map(|p| {
            p.indent * INDENT + text_width(&shorten(&p.label, MAX_LABEL_CHARS), FONT).min(MAX_LABEL)
        })
        .fold(text_width("实施期限", FONT), f64::max);
    let left = r1(MARGIN + label_w + 16.0);
    let full_label_w = text_width("2022年12月", SMALL) + 8.0;
    let mw = if n <= 16 {
        full_label_w.max(56.0)
    } else {
        (1100.0 / n as f64).clamp(16.0, full_label_w)
    };
    let two_level = mw < full_label_w;
    let axis = Axis {
        first: month_index(first_month),
        left,
        mw,
    };
    let plot_right = left + n as f64 * mw;

    // Vertical layout.
    let title_y = 30.0;
    let subtitle = chart.period.as_ref().map(|p| SvgText {
        x: MARGIN,
        y: 52.0,
        text: format!(
            "实施期限：{}（{}至{}）",
            p.written,
            format_chinese(parse(&p.start).expect("ISO")),
            format_chinese(parse(&p.end).expect("ISO"))
        ),
    });
    let header_top = if subtitle.is_some() { 66.0 } else { 46.0 };
    let header_h = if two_level { 40.0 } else { 24.0 };
    let rows_top = header_top + header_h;

    let mut months = Vec::new();
    let mut years = Vec::new();
    let mut d = first_month;
    for i in 0..n {
        let x = left + i as f64 * mw;
        let (y, m) = (d.year(), d.month());
        let label = if !two_level {
            Some(format!("{y}年{m}月"))
        } else if mw >= text_width("12月", SMALL) + 4.0 || m % 3 == 1 {
            Some(format!("{m}月"))
        } else {
            None
        };
        months.push(SvgMonth {
            x: r1(x),
            w: r1(mw),
            label,
            label_x: r1(x + mw / 2.0),
            label_y: r1(header_top + header_h - 8.0),
            shade: i % 2 == 1,
            year_start: m == 1 && i > 0,
        });
        if two_level && (m == 1 || i == 0) {
            let months_left = (n - i).min(13 - m as usize);
            years.push(SvgText {
                x: r1(x + months_left as f64 * mw / 2.0),
                y: r1(header_top + 15.0),
                text: format!("{y}年"),
            });
        }
        d = d
            .checked_add_months(chrono::Months::new(1))
            .expect("a month later exists");
    }

    let mut rows = Vec::new();
    let mut footnotes_src: Vec<(String, String)> = Vec::new();
    let mut note_right: f64 = plot_right;
    for (i, p) in pre.iter().enumerate() {
        let top = rows_top + i as f64 * ROW_H;
        let mid = top + ROW_H / 2.0;
        let shown = shorten(&p.label, MAX_LABEL_CHARS);
        let row_label = SvgText {
            x: r1(MARGIN + p.indent * INDENT),
            y: r1(mid + FONT * 0.36),
            text: shown,
        };
        let bold = p.kind == Kind::Phase;
        let (bar, diamond, note, adjusted, inferred, tooltip) = match (p.kind, p.entry) {
            (Kind::Period, _) => {
                let per = chart.period.as_ref().expect("a period row has a period");
                let (s, e) = (parse(&per.start)?, parse(&per.end)?);
                let (x0, x1) = (axis.x(s), axis.x_end(e));
                let mut note = per.written.clone();
                if let Some(a) = &per.adjusted {
                    footnotes_src.push((format!("实施期限“{}”", a.original), a.reason.clone()));
                    note.push_str(&format!(" ※{}", footnotes_src.len()));
                }
                (
                    Some(SvgRect {
                        x: r1(x0),
                        y: r1(mid - 3.0),
                        w: r1(x1 - x0),
                        h: 6.0,
                    }),
                    None,
                    Some(note),
                    per.adjusted.is_some(),
                    false,
                    format!("实施期限：{}", per.written),
                )
            }
            (_, None) => {
                let why = chart
                    .unplaced
                    .iter()
                    .find(|u| u.id == p.id)
                    .map(|u| {
                        format!(
                            "（{}：{}，未绘制）",
                            u.written.as_deref().unwrap_or(""),
                            u.reason
                        )
                    })
                    .unwrap_or_default();
                (None, None, Some(why), false, false, p.label.clone())
            }
            (_, Some(e)) => {
                let (s, t) = (parse(&e.start)?, parse(&e.end)?);
                let mut note = e.written.clone().unwrap_or_else(|| "（同所在阶段）".into());
                if let Some(a) = &e.adjusted {
                    footnotes_src.push((format!("{}“{}”", label(e), a.original), a.reason.clone()));
                    note.push_str(&format!(" ※{}", footnotes_src.len()));
                }
                let mut tip = vec![
                    format!("{}：{}", e.kind_word(), label(e)),
                    format!("{}至{}", format_chinese(s), format_chinese(t)),
                ];
                if let Some(w) = &e.written {
                    tip.push(format!("原文：{w}"));
                }
                if !e.responsible.is_empty() {
                    tip.push(format!("责任单位：{}", e.responsible.join("、")));
                }
                if let Some(a) = &e.adjusted {
                    tip.push(format!("※ {}", a.reason));
                }
                if let Some(i) = &e.inferred {
                    tip.push(i.reason.clone());
                }
                if e.milestone {
                    let cx = (axis.x(t) + axis.x_end(t)) / 2.0;
                    let points = diamond(cx, mid, 7.0);
                    (
                        None,
                        Some(points),
                        Some(note),
                        e.adjusted.is_some(),
                        false,
                        tip.join("\n"),
                    )
                } else {
                    let h = if e.kind == Kind::Phase { 16.0 } else { 12.0 };
                    let (mut x0, mut x1) = (axis.x(s), axis.x_end(t));
                    if x1 - x0 < MIN_BAR {
                        // A day or two is narrower than a hatch: widen it about its middle.
                        let c = (x0 + x1) / 2.0;
                        (x0, x1) = (c - MIN_BAR / 2.0, c + MIN_BAR / 2.0);
                    }
                    (
                        Some(SvgRect {
                            x: r1(x0),
                            y: r1(mid - h / 2.0),
                            w: r1(x1 - x0),
                            h,
                        }),
                        None,
                        Some(note),
                        e.adjusted.is_some(),
                        e.inferred.is_some(),
                        tip.join("\n"),
                    )
                }
            }
        };
        let note = note.map(|text| {
            let x = match (&bar, &diamond) {
                (Some(b), _) => b.x + b.w + 6.0,
                (None, Some(_)) => {
                    let e = p.entry.expect("a diamond has an entry");
                    let t = parse(&e.end).expect("ISO");
                    (axis.x(t) + axis.x_end(t)) / 2.0 + 11.0
                }
                (None, None) => left + 6.0,
            };
            note_right = note_right.max(x + text_width(&text, SMALL));
            SvgText {
                x: r1(x),
                y: r1(mid + SMALL * 0.36),
                text,
            }
        });
        rows.push(SvgRow {
            id: p.id.clone(),
            kind: p.kind,
            y: r1(top),
            label: row_label,
            bold,
            bar,
            diamond,
            note,
            adjusted,
            inferred,
            tooltip,
        });
    }
    let rows_bottom = rows_top + rows.len() as f64 * ROW_H;

    // Bands behind each phase and its children.
    let mut groups = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        if rows[i].kind == Kind::Phase {
            let pid = rows[i].id.clone();
            let mut j = i + 1;
            while j < rows.len()
                && pre[j]
                    .entry
                    .is_some_and(|e| e.parent.as_deref() == Some(pid.as_str()))
            {
                j += 1;
            }
            groups.push(SvgRect {
                x: MARGIN / 2.0,
                y: r1(rows_top + i as f64 * ROW_H + 1.0),
                w: 0.0, // set below, once the width is known
                h: r1((j - i) as f64 * ROW_H - 2.0),
            });
            i = j;
        } else {
            i += 1;
        }
    }

    let width = (note_right + MARGIN)
        .max(plot_right + MARGIN)
        .max(MARGIN * 2.0 + text_width(&chart.title, 17.0))
        .ceil();
    for g in &mut groups {
        g.w = r1(width - MARGIN);
    }

    // Footnotes, the count of what is not drawn, and the legend.
    let mut lines: Vec<String> = footnotes_src
        .iter()
        .enumerate()
        .map(|(i, (what, why))| format!("※{} {what}：{why}", i + 1))
        .collect();
    if !chart.unplaced.is_empty() {
        lines.push(format!(
            "另有{}项未写时间或时间不能确定，图中未绘制。",
            chart.unplaced.len()
        ));
    }
    let wrap_w = width - 2.0 * MARGIN;
    let mut y = rows_bottom + 10.0;
    let mut footnotes = Vec::new();
    for line in lines {
        for part in wrap(&line, SMALL, wrap_w) {
            y += SMALL + 6.0;
            footnotes.push(SvgText {
                x: MARGIN,
                y: r1(y),
                text: part,
            });
        }
    }

    let mut kinds: Vec<&'static str> = Vec::new();
    for (k, present) in [
        ("phase", chart.entries.iter().any(|e| e.kind == Kind::Phase)),
        ("step", chart.entries.iter().any(|e| e.kind == Kind::Step)),
        ("task", chart.entries.iter().any(|e| e.kind == Kind::Task)),
        ("milestone", chart.entries.iter().any(|e| e.milestone)),
        (
            "inferred",
            chart.entries.iter().any(|e| e.inferred.is_some()),
        ),
        (
            "adjusted",
            chart.entries.iter().any(|e| e.adjusted.is_some())
                || chart.period.as_ref().is_some_and(|p| p.adjusted.is_some()),
        ),
    ] {
        if present {
            kinds.push(k);
        }
    }
    y += 24.0;
    let mut x = MARGIN;
    let mut legend = Vec::new();
    for k in kinds {
        let words = match k {
            "phase" => "阶段",
            "step" => "步骤",
            "task" => "任务",
            "milestone" => "节点",
            "inferred" => "虚线框：只写明一端，另一端推定",
            _ => "斜线：原文日期不完整或有误，按注释中的读法绘制",
        };
        let w = 22.0 + text_width(words, SMALL) + 18.0;
        if x + w > width - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 20.0;
        }
        legend.push(SvgLegendItem {
            kind: k,
            swatch: SvgRect {
                x: r1(x),
                y: r1(y - 5.0),
                w: 16.0,
                h: 10.0,
            },
            diamond: diamond(x + 8.0, y, 6.0),
            label: SvgText {
                x: r1(x + 22.0),
                y: r1(y + SMALL * 0.36),
                text: words.into(),
            },
        });
        x += w;
    }
    let height = (y + 18.0).ceil();

    Some(SvgChart {
        key: format!("p{}", chart.plan),
        width,
        height,
        title: SvgText {
            x: MARGIN,
            y: title_y,
            text: chart.title.clone(),
        },
        subtitle,
        plot: SvgRect {
            x: left,
            y: rows_top,
            w: r1(plot_right - left),
            h: r1(rows_bottom - rows_top),
        },
        header: SvgRect {
            x: left,
            y: header_top,
            w: r1(plot_right - left),
            h: header_h,
        },
        grid_top: header_top,
        grid_bottom: r1(rows_bottom),
        grid_height: r1(rows_bottom - header_top),
        plot_right: r1(plot_right),
        months,
        years,
        groups,
        rows,
        footnotes,
        legend,
    })
}

impl Entry {
    fn kind_word(&self) -> &'static str {
        self.kind.word()
    }
}

/// A diamond's polygon points around (cx, cy).
fn diamond(cx: f64, cy: f64, r: f64) -> String {
    format!(
        "{},{} {},{} {},{} {},{}",
        r1(cx),
        r1(cy - r),
        r1(cx + r),
        r1(cy),
        r1(cx),
        r1(cy + r),
        r1(cx - r),
        r1(cy)
    )
}

/// Splits text into lines no wider than `max` pixels.
fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]), size);
        if w + cw > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            w = 0.0;
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

// ───────────────────────────── files ─────────────────────────────

/// gantt.html as its template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct GanttPage {
    pub title: String,
    pub charts: Vec<PageChart>,
}

/// One plan on gantt.html.
#[derive(Debug, Clone, Serialize)]
pub struct PageChart {
    pub chart: GanttChart,
    pub svg: Option<SvgChart>,
    pub svg_file: Option<String>,
    pub mmd_file: Option<String>,
}

/// The build command's writer: [`write_gantt`].
pub fn write(input: &super::RenderInput) -> anyhow::Result<Vec<super::Output>> {
    Ok(write_gantt(input.policy, input.templates)?)
}

/// Renders gantt.json, gantt.html, and for each plan with something to draw gantt.mmd and
/// gantt.svg (gantt-2.mmd … when the file holds several plans).
pub fn write_gantt(
    policy: &Policy,
    templates: &Templates,
) -> Result<Vec<(String, Vec<u8>)>, minijinja::Error> {
    let file = gantt(policy);
    let mut out = Vec::new();
    out.push((
        "gantt.json".to_string(),
        templates
            // The template gets the JSON text, serialised here from the same GanttFile: the
            // template engine's generic values made `gantt|json` the slowest part of a build
            // (a tenth of one for a plan of 2,000 tasks).
            .render(
                "gantt.json.j2",
                &serde_json_ctx("gantt_json", &gantt_json(&file)?),
            )?
            .into_bytes(),
    ));
    let several = file.charts.len() > 1;
    let mut page = GanttPage {
        title: policy
            .notice
            .as_ref()
            .and_then(|n| n.title.clone())
            .or_else(|| policy.plans.first().map(|p| p.title.clone()))
            .unwrap_or_default(),
        charts: Vec::new(),
    };
    for chart in &file.charts {
        let stem = if several {
            format!("gantt-{}", chart.plan)
        } else {
            "gantt".to_string()
        };
        let mut pc = PageChart {
            chart: chart.clone(),
            svg: None,
            svg_file: None,
            mmd_file: None,
        };
        if let Some(m) = mermaid_view(chart) {
            let name = format!("{stem}.mmd");
            out.push((
                name.clone(),
                templates
                    .render("gantt.mmd.j2", &serde_json_ctx("chart", &m))?
                    .into_bytes(),
            ));
            pc.mmd_file = Some(name);
        }
        if let Some(s) = svg_view(chart) {
            let name = format!("{stem}.svg");
            out.push((
                name.clone(),
                templates
                    .render("gantt.svg.j2", &serde_json_ctx("svg", &s))?
                    .into_bytes(),
            ));
            pc.svg_file = Some(name);
            pc.svg = Some(s);
        }
        page.charts.push(pc);
    }
    out.push((
        "gantt.html".to_string(),
        templates.render("gantt.html.j2", &page)?.into_bytes(),
    ));
    Ok(out)
}

/// gantt.json's text, as docs/gantt.schema.json describes it.
fn gantt_json(file: &GanttFile) -> Result<String, minijinja::Error> {
    serde_json::to_string_pretty(file)
        .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string()))
}

/// A template context with one variable.
fn serde_json_ctx<'a, T: Serialize>(
    name: &'a str,
    value: &'a T,
) -> std::collections::BTreeMap<&'a str, &'a T> {
    std::collections::BTreeMap::from([(name, value)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_width_counts_wide_characters_as_one_em() {
        assert_eq!(text_width("阶段", 10.0), 20.0);
        assert_eq!(text_width("10", 10.0), 12.0);
    }

    #[test]
    fn wrap_keeps_every_character_and_each_line_within_the_width() {
        let text = "※1 （四）冬季养护“2022年12月1日—2月10日”：结束日期未写年份";
        let lines = wrap(text, 11.0, 120.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), text);
        assert!(lines.iter().all(|l| text_width(l, 11.0) <= 120.0));
    }

    #[test]
    fn an_inclusive_end_is_drawn_to_the_end_of_its_day() {
        let axis = Axis {
            first: month_index(NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()),
            left: 100.0,
            mw: 60.0,
        };
        let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).unwrap();
        assert_eq!(axis.x(d(3, 1)), 100.0);
        // 3月1日至4月30日 covers March and April exactly.
        assert_eq!(axis.x_end(d(4, 30)), 220.0);
        assert_eq!(axis.x(d(4, 16)), 190.0);
    }
}
