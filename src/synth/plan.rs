//! Synthetic work plans, written both as a policy file and as a TaskJuggler project.

use std::fmt::Write;

use super::*;

/// A calendar date (year, month, day), always valid.
pub type Ymd = (i32, u32, u32);

/// A work plan: phases of tasks, each with dates, a responsible unit and a target.
#[derive(Debug, Clone)]
pub struct PlanSpec {
    pub title: String,
    pub county: String,
    pub year: i32,
    /// Units declared and named as responsible.
    pub units: Vec<String>,
    pub phases: Vec<PhaseSpec>,
}

#[derive(Debug, Clone)]
pub struct PhaseSpec {
    pub name: String,
    pub start: Ymd,
    pub end: Ymd,
    pub tasks: Vec<TaskSpec>,
}

#[derive(Debug, Clone)]
pub struct TaskSpec {
    /// 1-based number across the plan.
    pub number: usize,
    pub title: String,
    pub start: Ymd,
    pub end: Ymd,
    /// Index into [`PlanSpec::units`].
    pub unit: usize,
    /// The task's target: a count of 户.
    pub target: u64,
}

impl PlanSpec {
    pub fn task_count(&self) -> usize {
        self.phases.iter().map(|p| p.tasks.len()).sum()
    }
}

/// Day of the year (1-based) → month and day.
fn from_ordinal(year: i32, mut day: u32) -> (u32, u32) {
    for m in 1..=12 {
        let n = days_in_month(year, m);
        if day <= n {
            return (m, day);
        }
        day -= n;
    }
    (12, 31)
}

/// A plan of `tasks` tasks (100 … 20,000 in the benchmarks) in one year, split in phases of
/// at most 500 tasks (at least three phases).
pub fn plan(seed: u64, tasks: usize) -> PlanSpec {
    let mut rng = Rng::new(seed);
    let level = *rng.pick(&["区", "县", "旗"]);
    let county = format!("{}{}{level}", rng.pick(PLACE_FIRST), rng.pick(PLACE_SECOND));
    let year = 2024;
    let mut units: Vec<String> = DEPARTMENTS.iter().map(|d| format!("{level}{d}")).collect();
    units.extend(places(&mut rng, 20, TOWN_SUFFIX));
    let n_phases = tasks.div_ceil(500).max(3);
    let days = if year % 4 == 0 { 366 } else { 365 };
    let mut phases = Vec::with_capacity(n_phases);
    let mut number = 0;
    for p in 0..n_phases {
        let first = 1 + (p as u32 * days) / n_phases as u32;
        let last = ((p as u32 + 1) * days) / n_phases as u32;
        let (sm, sd) = from_ordinal(year, first);
        let (em, ed) = from_ordinal(year, last);
        let count = tasks / n_phases + usize::from(p < tasks % n_phases);
        let mut list = Vec::with_capacity(count);
        for _ in 0..count {
            number += 1;
            let a = rng.range(first as u64, last as u64) as u32;
            let b = rng.range(a as u64, (a + 60).min(last) as u64) as u32;
            let (am, ad) = from_ordinal(year, a);
            let (bm, bd) = from_ordinal(year, b);
            list.push(TaskSpec {
                number,
                title: format!("{}{}", rng.pick(TASK_VERBS), rng.pick(TASK_OBJECTS)),
                start: (year, am, ad),
                end: (year, bm, bd),
                unit: rng.below(units.len() as u64) as usize,
                target: rng.range(1, 500),
            });
        }
        phases.push(PhaseSpec {
            name: format!("第{}阶段", chinese_number(p + 1)),
            start: (year, sm, sd),
            end: (year, em, ed),
            tasks: list,
        });
    }
    PlanSpec {
        title: format!("{county}{year}年重点工作推进计划"),
        county,
        year,
        units,
        phases,
    }
}

fn cn_date((y, m, d): Ymd) -> String {
    format!("{y}年{m}月{d}日")
}

fn iso((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day after a date, in ISO form: TaskJuggler's `end` is exclusive.
fn iso_next((y, m, d): Ymd) -> String {
    if d < days_in_month(y, m) {
        iso((y, m, d + 1))
    } else if m < 12 {
        iso((y, m + 1, 1))
    } else {
        iso((y + 1, 1, 1))
    }
}

impl PlanSpec {
    /// The plan as a policy file: phases holding tasks with 责任单位, 起止 and a target.
    pub fn to_policy(&self) -> String {
        let mut s = String::with_capacity(512 + self.task_count() * 220);
        let _ = writeln!(
            s,
            "// 合成的工作计划（policyc synth）：{} 项任务",
            self.task_count()
        );
        s.push_str("单位 {\n");
        let (deps, towns): (Vec<&String>, Vec<&String>) =
            self.units.iter().partition(|u| u.ends_with('局'));
        let join = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、");
        let _ = writeln!(s, "  部门：{}", join(&deps));
        let _ = writeln!(s, "  其他：{}", join(&towns));
        s.push_str("}\n\n");
        let _ = writeln!(s, "计划 {} {{", self.title);
        let _ = writeln!(s, "  期限：{}年", self.year);
        for p in &self.phases {
            let _ = writeln!(
                s,
                "  阶段 {}：{}-{} {{",
                p.name,
                cn_date(p.start),
                cn_date(p.end)
            );
            for t in &p.tasks {
                let _ = writeln!(s, "    任务 {} {} {{", t.number, t.title);
                let _ = writeln!(s, "      责任单位：{}", self.units[t.unit]);
                let _ = writeln!(s, "      起止：{}-{}", cn_date(t.start), cn_date(t.end));
                let _ = writeln!(s, "      指标 任务{}目标：{}户", t.number, t.target);
                s.push_str("    }\n");
            }
            s.push_str("  }\n");
        }
        s.push_str("}\n");
        s
    }

    /// The plan as a TaskJuggler project with the same phases, tasks, dates, responsible
    /// units and targets, and two reports: an HTML Gantt chart and an HTML task table.
    /// No `timezone`: TaskJuggler reads the project's own dates before that attribute, in its
    /// default zone, and then refused a task starting on 1 January as outside the project.
    pub fn to_tjp(&self) -> String {
        let mut s = String::with_capacity(1024 + self.task_count() * 200);
        let _ = writeln!(
            s,
            "project plan \"{}\" {}-01-01 - {}-03-01 {{\n  now {}-01-01\n  extend task {{\n    number Target \"目标（户）\"\n  }}\n}}\n",
            self.title,
            self.year,
            self.year + 1,
            self.year
        );
        for (i, u) in self.units.iter().enumerate() {
            let _ = writeln!(s, "resource u{i} \"{u}\"");
        }
        s.push('\n');
        for (pi, p) in self.phases.iter().enumerate() {
            let _ = writeln!(s, "task p{pi} \"{}\" {{", p.name);
            for t in &p.tasks {
                let _ = writeln!(
                    s,
                    "  task t{} \"{}\" {{ start {} end {} responsible u{} Target {} }}",
                    t.number,
                    t.title,
                    iso(t.start),
                    iso_next(t.end),
                    t.unit,
                    t.target
                );
            }
            s.push_str("}\n");
        }
        s.push_str(
            "\ntaskreport gantt \"gantt\" {\n  formats html\n  headline \"甘特图\"\n  columns bsi, name, start, end, chart { scale month }\n  timeformat \"%Y-%m-%d\"\n  loadunit days\n}\n",
        );
        s.push_str(
            "\ntaskreport tasks \"tasks\" {\n  formats html\n  headline \"任务分解表\"\n  columns bsi, name, responsible, start, end, Target\n  timeformat \"%Y-%m-%d\"\n}\n",
        );
        s
    }
}
