//! The Gantt chart: gantt.json, gantt.mmd, gantt.svg and gantt.html for each policy.
//!
//! [`gantt`] reads each plan's period, phases (with their steps, milestones and tasks), tasks
//! and milestones into a [`GanttChart`]: entries with inclusive ISO dates, in document order,
//! phases followed by what they contain. Dates come from [`Time::reading`], the same reading
//! the date checks report, so an impossible date (2022年4月31日) is drawn as the checks say it
//! is read and marked `adjusted`. A time given only as a deadline (10月底前) is drawn from an
//! assumed start and marked `inferred`. What cannot be placed is listed under `unplaced`.
//!
//! Mermaid and SVG get their own views, computed in Rust (coordinates included), so that the
//! templates only lay out data. docs/gantt.md describes gantt.json; docs/gantt.schema.json is
//! its schema.
//!
//! This file holds gantt.json's types and the writer; `model` reads the plans into them,
//! `mermaid` and `svg` compute the views of gantt.mmd and gantt.svg.

mod mermaid;
mod model;
mod svg;

use serde::Serialize;

use super::{FindingView, Templates};
use crate::diagnostics::Span;
use crate::model::Policy;

pub use mermaid::{mermaid_view, window_ids, MermaidChart, MermaidSection, MermaidTask};
pub use model::gantt;
pub use svg::{svg_view, text_width, SvgChart, SvgLegendItem, SvgMonth, SvgRect, SvgRow, SvgText};

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
    /// A time repeated across years (2022年、2023年12月1日-30日): each window, in order, drawn
    /// as a bar of its own between `start` and `end`. Empty for a time of one window.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<Window>,
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
    /// What the checks found about this entry's time against another's ([`CHART_CODES`]).
    pub findings: Vec<ChartFinding>,
    /// Where the entry is written in the policy file, to find the checks' findings about it.
    #[serde(skip)]
    pub span: Span,
}

/// One window of a repeated time: first and last day, inclusive, ISO 8601.
#[derive(Debug, Clone, Serialize)]
pub struct Window {
    pub start: String,
    pub end: String,
}

/// The checks whose findings relate one time of a plan to another — D205 phases overlapping
/// or out of order, D206 outside the plan's period, D207 outside its phase — and so show on
/// the chart, at the entry they point to. (Impossible dates show as `adjusted`.)
pub const CHART_CODES: [&str; 3] = ["D205", "D206", "D207"];

/// A check's finding shown on the chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartFinding {
    pub code: String,
    pub message: String,
}

/// Puts each finding of [`CHART_CODES`] on the entry whose text holds its place, the
/// innermost one (a task rather than the phase it stands in). Entries' texts nest or are
/// apart, so the innermost is the last one starting at or before the place that still
/// contains it: found by bisection, then walking back past earlier siblings.
pub fn attach_findings(file: &mut GanttFile, findings: &[FindingView]) {
    let mut starts: Vec<(Span, usize, usize)> = file
        .charts
        .iter()
        .enumerate()
        .flat_map(|(c, chart)| {
            chart
                .entries
                .iter()
                .enumerate()
                .map(move |(e, x)| (x.span, c, e))
        })
        .collect();
    starts.sort_by_key(|(span, _, _)| (span.start, std::cmp::Reverse(span.end)));
    for f in findings {
        let Some(at) = f.span.filter(|_| CHART_CODES.contains(&f.code.as_str())) else {
            continue;
        };
        let before = starts.partition_point(|(span, _, _)| span.start <= at.start);
        let holder = starts[..before]
            .iter()
            .rev()
            .find(|(span, _, _)| at.start < span.end.max(span.start + 1));
        if let Some(&(_, c, e)) = holder {
            file.charts[c].entries[e].findings.push(ChartFinding {
                code: f.code.clone(),
                message: f.message.clone(),
            });
        }
    }
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

// ───────────────────────────── files ─────────────────────────────

/// gantt.html as its template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct GanttPage<'a> {
    pub title: String,
    pub charts: Vec<PageChart<'a>>,
}

/// One plan on gantt.html.
#[derive(Debug, Clone, Serialize)]
pub struct PageChart<'a> {
    /// Borrowed from the chart gantt.json is made of (a copy of 2,000 entries was 2 % of a
    /// build's instructions).
    pub chart: &'a GanttChart,
    /// gantt.svg as rendered, shown inline (rendered once for both files: the chart's
    /// template was a third of a build of 2,000 tasks when gantt.html rendered it again).
    pub svg_markup: Option<String>,
    pub svg_file: Option<String>,
    pub mmd_file: Option<String>,
}

/// The build command's writer: [`write_gantt_with`], the checks' findings on the chart.
pub fn write(input: &super::RenderInput) -> anyhow::Result<Vec<super::Output>> {
    Ok(write_gantt_with(
        input.policy,
        input.templates,
        &input.findings.items,
    )?)
}

/// [`write_gantt_with`] without findings.
pub fn write_gantt(
    policy: &Policy,
    templates: &Templates,
) -> Result<Vec<(String, Vec<u8>)>, minijinja::Error> {
    write_gantt_with(policy, templates, &[])
}

/// Renders gantt.json, gantt.html, and for each plan with something to draw gantt.mmd and
/// gantt.svg (gantt-2.mmd … when the file holds several plans); `findings` of
/// [`CHART_CODES`] are shown at their entries.
pub fn write_gantt_with(
    policy: &Policy,
    templates: &Templates,
    findings: &[FindingView],
) -> Result<Vec<(String, Vec<u8>)>, minijinja::Error> {
    let mut file = gantt(policy);
    attach_findings(&mut file, findings);
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
            chart,
            svg_markup: None,
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
            let markup = templates.render("gantt.svg.j2", &serde_json_ctx("svg", &s))?;
            out.push((name.clone(), markup.clone().into_bytes()));
            pc.svg_file = Some(name);
            pc.svg_markup = Some(markup);
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
