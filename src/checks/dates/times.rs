//! Collecting times: every time a policy states, with what it is the time of (for messages),
//! and the parts of a time's text that show one of its points.

use super::*;

/// A time in the policy with what it is the time of, for messages: 阶段“准备部署”.
pub(super) struct Placed<'a> {
    pub(super) time: &'a Time,
    pub(super) what: What<'a>,
}

/// What a time belongs to, written out only when a finding names it: every date check walks
/// every time of the policy, and few of them are reported.
pub(super) enum What<'a> {
    Fixed(&'static str),
    /// 阶段“准备部署”
    Phase(&'a str),
    /// 步骤“第一步”, 节点“完成验收”
    Step(&'static str, &'a str),
    /// 任务1“宣传动员”的完成时限
    Task(&'a Task, &'static str),
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            What::Fixed(s) => f.write_str(s),
            What::Phase(name) => write!(f, "阶段“{name}”"),
            What::Step(kind, name) => write!(f, "{kind}“{name}”"),
            What::Task(t, which) => write!(f, "{}的{which}", task_name(t)),
        }
    }
}

pub(super) fn task_name(t: &Task) -> String {
    match (&t.number, &t.title) {
        (Some(n), Some(title)) => format!("任务{n}“{title}”"),
        (Some(n), None) => format!("任务{n}"),
        (None, Some(title)) => format!("任务“{title}”"),
        (None, None) => "任务".to_string(),
    }
}

pub(super) fn task_times(t: &Task) -> Vec<Placed<'_>> {
    let mut out = Vec::new();
    if let Some(x) = &t.start {
        out.push(Placed {
            time: x,
            what: What::Task(t, "启动时间"),
        });
    }
    if let Some(x) = &t.period {
        out.push(Placed {
            time: x,
            what: What::Task(t, "实施时间"),
        });
    }
    if let Some(x) = &t.deadline {
        out.push(Placed {
            time: x,
            what: What::Task(t, "完成时限"),
        });
    }
    out
}

pub(super) fn step_time<'a>(kind: &'static str, s: &'a Step) -> Placed<'a> {
    Placed {
        time: &s.time,
        what: What::Step(kind, &s.name),
    }
}

/// `阶段“准备部署”` → `阶段“准备部署”的时间`, so that the written time can follow in quotes.
pub(super) fn time_of(what: &What) -> String {
    let what = what.to_string();
    if what.ends_with('”') {
        format!("{what}的时间")
    } else {
        what
    }
}

/// Every time the policy states.
pub(super) fn times<'a>(f: &Findings<'a>) -> Vec<Placed<'a>> {
    let p = f.policy;
    let mut out = Vec::new();
    if let Some(n) = &p.notice {
        if let Some(t) = &n.date {
            out.push(Placed {
                time: t,
                what: What::Fixed("通知的成文日期"),
            });
        }
        if let Some(t) = &n.printed_on {
            out.push(Placed {
                time: t,
                what: What::Fixed("印发日期"),
            });
        }
    }
    for plan in &p.plans {
        if let Some(t) = &plan.date {
            out.push(Placed {
                time: t,
                what: What::Fixed("方案的成文日期"),
            });
        }
        if let Some(t) = &plan.period {
            out.push(Placed {
                time: t,
                what: What::Fixed("方案期限"),
            });
        }
        for ph in &plan.phases {
            out.push(Placed {
                time: &ph.time,
                what: What::Phase(&ph.name),
            });
            out.extend(ph.steps.iter().map(|s| step_time("步骤", s)));
            out.extend(ph.milestones.iter().map(|s| step_time("节点", s)));
        }
        out.extend(plan.milestones.iter().map(|s| step_time("节点", s)));
        for t in &plan.tasks {
            out.extend(task_times(t));
        }
    }
    out
}

pub(super) fn points(t: &Time) -> Vec<&DatePoint> {
    match &t.kind {
        TimeKind::Point { at, .. } => vec![at],
        TimeKind::Range { from, to } => vec![from, to],
        TimeKind::Recurring | TimeKind::Relative | TimeKind::Unreadable => Vec::new(),
    }
}

/// The part of `t`'s text that shows this point, when it can be found; the whole text
/// otherwise. `12月1日-30日`: the second point is `30日`.
pub(super) fn point_span(f: &Findings, t: &Time, p: &DatePoint, index: usize) -> Span {
    let whole = t.span;
    if f.text(whole) != t.written {
        return whole;
    }
    let mut candidates = Vec::new();
    if let (Some(m), Some(d)) = (p.month, p.day) {
        for unit in ["日", "号"] {
            if !p.year_inherited {
                if let Some(y) = p.year {
                    candidates.push(format!("{y}年{m}月{d}{unit}"));
                }
            }
            candidates.push(format!("{m}月{d}{unit}"));
        }
    }
    if let Some(d) = p.day {
        candidates.push(format!("{d}日"));
    }
    if let Some(m) = p.month {
        candidates.push(format!("{m}月"));
    }
    // For the second point of a range, search after the first point's text.
    let from = if index > 0 {
        range_separator_end(&t.written).unwrap_or(0)
    } else {
        0
    };
    let hay = &t.written[from..];
    for c in candidates {
        if let Some(i) = hay.find(&c) {
            let start = whole.start + from + i;
            return Span::new(start, start + c.len());
        }
    }
    whole
}

/// Byte offset just after the separator between a range's two ends.
pub(super) fn range_separator_end(written: &str) -> Option<usize> {
    written
        .char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, '-' | '－' | '—' | '–' | '―' | '~' | '～' | '至' | '到'))
        .map(|(i, c)| i + c.len_utf8())
}

/// A point written the way the notice writes it: 2022年4月31日, or 4月31日 when the year was
/// not written.
pub(super) fn point_written(p: &DatePoint) -> String {
    let mut s = String::new();
    if let (Some(y), false) = (p.year, p.year_inherited) {
        s.push_str(&format!("{y}年"));
    }
    if let Some(q) = p.quarter {
        s.push_str(&format!("第{q}季度"));
    }
    if let Some(m) = p.month {
        s.push_str(&format!("{m}月"));
    }
    if let Some(d) = p.day {
        s.push_str(&format!("{d}日"));
    }
    s
}

pub(super) fn year_ok(y: i32) -> bool {
    (YEAR_RANGE.0..=YEAR_RANGE.1).contains(&y)
}
