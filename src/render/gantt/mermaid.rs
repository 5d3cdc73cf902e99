//! gantt.mmd's view: sections and task lines, dates as Mermaid reads them.

use serde::Serialize;

use super::model::{from_iso, iso, label};
use super::svg::{extent, month_count};
use super::{Entry, GanttChart, Kind};

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
    // A section is named after its phase, placed or not.
    let phase_names: std::collections::HashMap<&str, &str> = chart
        .unplaced
        .iter()
        .map(|u| (u.id.as_str(), u.name.as_str()))
        .chain(
            chart
                .entries
                .iter()
                .map(|e| (e.id.as_str(), e.name.as_str())),
        )
        .collect();
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
                Some(pid) => phase_names
                    .get(pid.as_str())
                    .map_or_else(|| pid.clone(), |n| n.to_string()),
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
        let comments: Vec<String> = comments.iter().map(|c| one_line(c)).collect();
        let tasks = &mut sections.last_mut().expect("a section").tasks;
        if e.windows.is_empty() {
            tasks.push(MermaidTask {
                id: e.id.clone(),
                name,
                tags,
                start: e.start.clone(),
                end_exclusive: if e.milestone { None } else { day_after(&e.end) },
                comments,
            });
        } else {
            // A time repeated across years: a line per window under the same name, the
            // first keeping the entry's id (see [`window_ids`]).
            for (k, (id, w)) in window_ids(e).into_iter().zip(&e.windows).enumerate() {
                tasks.push(MermaidTask {
                    id,
                    name: name.clone(),
                    tags: tags.clone(),
                    start: w.start.clone(),
                    end_exclusive: day_after(&w.end),
                    comments: if k == 0 { comments.clone() } else { Vec::new() },
                });
            }
        }
    }
    Some(MermaidChart {
        title: chart.title.clone(),
        tick_interval,
        sections,
    })
}

/// The Mermaid ids of an entry's task lines: its own id, then, for a time repeated across
/// years, `{id}_window2`, `{id}_window3` … for the windows after the first.
pub fn window_ids(e: &Entry) -> Vec<String> {
    let mut ids = vec![e.id.clone()];
    ids.extend((2..=e.windows.len()).map(|k| format!("{}_window{k}", e.id)));
    ids
}

fn day_after(day: &str) -> Option<String> {
    from_iso(day).and_then(|d| d.succ_opt()).map(iso)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
