//! D2xx: dates. Calendar dates that do not exist, dates that cannot be read, ranges that end
//! before they start or cross a year without saying so, phases that overlap, and times that
//! fall outside the period or phase they belong to.
//!
//! Nothing here rolls an impossible date over (2023年6月31日 is not 1 July). Dates without a
//! year took one from context in the model; where that guess is what makes a time look out of
//! place (a step written 1月10日 in a phase running from November to March), the checks also
//! try the following year before reporting, so that a cross-year plan is not flagged for the
//! model's reading rather than for what the notice says.

use chrono::{Datelike, NaiveDate};

mod deadlines;
mod stages;
mod years;
pub use deadlines::{deadline_before_issue, task_after_plan};
pub use stages::stages_out_of_order;
pub use years::years_disagree;

use super::Findings;
use crate::date::{format_chinese, resolve, DatePoint, DateProblem, Time, TimeKind, YEAR_RANGE};
use crate::diagnostics::{Severity, Span};
use crate::model::{Phase, Step, Task};

// ───────────────────────────── collecting times ─────────────────────────────

/// A time in the policy with what it is the time of, for messages: 阶段“准备部署”.
struct Placed<'a> {
    time: &'a Time,
    what: What<'a>,
}

/// What a time belongs to, written out only when a finding names it: every date check walks
/// every time of the policy, and few of them are reported.
enum What<'a> {
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

fn task_name(t: &Task) -> String {
    match (&t.number, &t.title) {
        (Some(n), Some(title)) => format!("任务{n}“{title}”"),
        (Some(n), None) => format!("任务{n}"),
        (None, Some(title)) => format!("任务“{title}”"),
        (None, None) => "任务".to_string(),
    }
}

fn task_times(t: &Task) -> Vec<Placed<'_>> {
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

fn step_time<'a>(kind: &'static str, s: &'a Step) -> Placed<'a> {
    Placed {
        time: &s.time,
        what: What::Step(kind, &s.name),
    }
}

/// `阶段“准备部署”` → `阶段“准备部署”的时间`, so that the written time can follow in quotes.
fn time_of(what: &What) -> String {
    let what = what.to_string();
    if what.ends_with('”') {
        format!("{what}的时间")
    } else {
        what
    }
}

/// Every time the policy states.
fn times<'a>(f: &Findings<'a>) -> Vec<Placed<'a>> {
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

fn points(t: &Time) -> Vec<&DatePoint> {
    match &t.kind {
        TimeKind::Point { at, .. } => vec![at],
        TimeKind::Range { from, to } => vec![from, to],
        TimeKind::Recurring | TimeKind::Relative | TimeKind::Unreadable => Vec::new(),
    }
}

/// The part of `t`'s text that shows this point, when it can be found; the whole text
/// otherwise. `12月1日-30日`: the second point is `30日`.
fn point_span(f: &Findings, t: &Time, p: &DatePoint, index: usize) -> Span {
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
fn range_separator_end(written: &str) -> Option<usize> {
    written
        .char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, '-' | '－' | '—' | '–' | '―' | '~' | '～' | '至' | '到'))
        .map(|(i, c)| i + c.len_utf8())
}

/// A point written the way the notice writes it: 2022年4月31日, or 4月31日 when the year was
/// not written.
fn point_written(p: &DatePoint) -> String {
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

fn year_ok(y: i32) -> bool {
    (YEAR_RANGE.0..=YEAR_RANGE.1).contains(&y)
}

// ───────────────────────────── D201, D208: points ─────────────────────────────

/// D201: calendar dates that do not exist (4月31日, 2023年2月29日, 13月, 第五季度).
pub fn no_such_date(f: &mut Findings) {
    for placed in times(f) {
        let t = placed.time;
        for (i, p) in points(t).into_iter().enumerate() {
            if p.year.is_some_and(|y| !year_ok(y)) {
                continue; // D208
            }
            let Err(problem) = resolve(p) else { continue };
            let span = point_span(f, t, p, i);
            let shown = point_written(p);
            let label = match problem {
                DateProblem::NoSuchDate { day: 0, .. } => "没有0日".to_string(),
                DateProblem::NoSuchDate { year, month, day } => match last_day(year, month) {
                    Some(last) if month == 2 && day == 29 => {
                        format!("{year}年不是闰年，2月只有{last}天")
                    }
                    Some(last) => format!("{month}月只有{last}天"),
                    None => format!("没有{month}月"),
                },
                DateProblem::OutOfRange { what } => format!("没有{what}"),
                _ => continue,
            };
            let note = match (p.year_inherited, p.year) {
                (true, Some(y)) => Some(format!("这里没有写年份，按上下文取{y}年")),
                _ => None,
            };
            let msg = format!("{}中的日期“{shown}”不存在", placed.what);
            let mut d = f
                .new_diag("D201", msg)
                .with_primary(span, label)
                .with_help(
                    "核对原文，改为实际的日期（例如月末写作4月30日）；policyc 不会把不存在的日期顺延到下个月",
                );
            if matches!(t.kind, TimeKind::Range { .. }) && span != t.span {
                d = d.with_secondary(t.span, format!("{}：{}", placed.what, t.written));
            }
            if let Some(n) = note {
                d = d.with_note(n);
            }
            f.report(d);
        }
    }
}

fn last_day(year: i32, month: u32) -> Option<u32> {
    let (ny, nm) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month.checked_add(1)?)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?
        .pred_opt()
        .map(|d| d.day())
}

/// D208: years outside the range a notice can mean (2202年 for 2022年).
pub fn year_out_of_range(f: &mut Findings) {
    for placed in times(f) {
        let t = placed.time;
        for (i, p) in points(t).into_iter().enumerate() {
            let Some(y) = p.year else { continue };
            if year_ok(y) || p.year_inherited {
                continue;
            }
            let span = match f.find_in(t.span, &format!("{y}")) {
                Some(s) if i == 0 || t.written.matches(&format!("{y}")).count() == 1 => s,
                _ => point_span(f, t, p, i),
            };
            let d = f
                .new_diag(
                    "D208",
                    format!("{}中的年份“{y}年”超出合理范围", placed.what),
                )
                .with_primary(span, format!("不在{}—{}年之间", YEAR_RANGE.0, YEAR_RANGE.1))
                .with_help("核对年份是否多打、少打或颠倒了数字（如把2022年写成2202年）");
            f.report(d);
        }
    }
}

// ───────────────────────────── D202: unreadable ─────────────────────────────

/// D202: times that do not read as dates. Text without any digit (长期坚持, 持续推进) is a
/// way of saying "no deadline", and recurring times (每年10月底前) are not one date: neither is
/// reported. What remains has figures in it that do not make a date.
pub fn unreadable(f: &mut Findings) {
    for placed in times(f) {
        let t = placed.time;
        if !matches!(t.kind, TimeKind::Unreadable) {
            continue;
        }
        let text = t.written.trim();
        let has_digit = text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        if !has_digit || text.contains('每') {
            continue;
        }
        let digits: String = text
            .chars()
            .filter_map(|c| match c {
                '0'..='9' => Some(c),
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                _ => None,
            })
            .collect();
        let only_digits = text
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let readings = if only_digits {
            digit_readings(&digits)
        } else {
            Vec::new()
        };
        // 2022年、2023年12月1日-30日: several times in one, readable by a person but not one
        // date. Worth a note, not a mistake.
        if text.contains(['、', '，', ',', '和', '及']) {
            let mut d = f
                .new_diag(
                    "D202",
                    format!(
                        "{}“{}”写了不止一个时间，无法按一个日期检查",
                        time_of(&placed.what),
                        t.written
                    ),
                )
                .with_primary(t.span, "几个时间写在一起")
                .with_help("若需要检查，把它拆成几个阶段、步骤或节点，每个写一个时间");
            d.severity = Severity::Note;
            f.report(d);
            continue;
        }
        let mut d = f
            .new_diag(
                "D202",
                format!("{}“{}”不是可以读懂的日期", time_of(&placed.what), t.written),
            )
            .with_primary(t.span, "无法读作日期");
        if only_digits {
            // A run of digits is not how any notice writes a date: certainly wrong.
            d.severity = Severity::Error;
            d = d.with_note("日期应写作“2022年5月11日”（GB/T 9704-2012：成文日期用阿拉伯数字，年份写全称，月、日不编虚位）");
        }
        d = match readings.as_slice() {
            [one] => d.with_help(format!(
                "这串数字只能读作{}，请核对原文后照此改正",
                format_chinese(*one)
            )),
            [] => d.with_help(
                "核对原文，写作“2022年3月31日”“10月底前”“2022年3月1日—4月30日”这样的日期",
            ),
            many => d.with_help(format!(
                "这串数字可以读作{}，请核对原文后改正",
                many.iter()
                    .map(|x| format_chinese(*x))
                    .collect::<Vec<_>>()
                    .join("或")
            )),
        };
        f.report(d);
    }
}

/// Dates a run of digits could mean: 2022511 → 2022年5月11日 (2022年51月1日 does not exist).
fn digit_readings(digits: &str) -> Vec<NaiveDate> {
    if !(6..=8).contains(&digits.len()) {
        return Vec::new();
    }
    let (y, rest) = digits.split_at(4);
    let Ok(year) = y.parse::<i32>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for cut in 1..rest.len() {
        let (m, d) = rest.split_at(cut);
        if m.len() > 2 || d.len() > 2 {
            continue;
        }
        if let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) {
            if let Some(date) = NaiveDate::from_ymd_opt(year, m, d) {
                if year_ok(year) && !out.contains(&date) {
                    out.push(date);
                }
            }
        }
    }
    out
}

// ───────────────────────────── D203, D204: ranges ─────────────────────────────

/// D203: a range whose end is before its start.
pub fn ends_before_start(f: &mut Findings) {
    for placed in times(f) {
        let t = placed.time;
        if t.problem != Some(DateProblem::EndsBeforeStart) {
            continue;
        }
        let (Some(s), Some(e)) = (t.start, t.end) else {
            continue;
        };
        let mut d = f
            .new_diag(
                "D203",
                format!("{}“{}”结束早于开始", time_of(&placed.what), t.written),
            )
            .with_primary(
                t.span,
                format!("从{}开始，却在{}结束", format_chinese(s), format_chinese(e)),
            )
            .with_help("核对原文：两端是否写反，或年份、月份有误");
        if let TimeKind::Range { to, .. } = &t.kind {
            if to.year_inherited {
                d = d.with_note(format!(
                    "结束日期没有写年份，按开始日期的年份读作{}",
                    format_chinese(e)
                ));
            }
        }
        f.report(d);
    }
}

/// D204: a range that crosses into the next year without writing the year (11月20日—2月10日).
pub fn crosses_year(f: &mut Findings) {
    for placed in times(f) {
        let t = placed.time;
        if !t.crosses_year {
            continue;
        }
        let (Some(s), Some(e)) = (t.start, t.end) else {
            continue;
        };
        let d = f
            .new_diag(
                "D204",
                format!(
                    "{}“{}”跨年，但没有写明结束的年份",
                    time_of(&placed.what),
                    t.written
                ),
            )
            .with_primary(
                t.span,
                format!("按{}至{}理解", format_chinese(s), format_chinese(e)),
            )
            .with_help(format!(
                "若确是跨年，写明年份：{}—{}；若不是，核对两端的日期",
                format_chinese(s),
                format_chinese(e)
            ));
        f.report(d);
    }
}

// ───────────────────────────── intervals ─────────────────────────────

/// The days a time covers, for comparing times: a deadline (10月底前) has an end but no start.
/// `first_by` and `last_from` keep the precision the ends were written with: 5月—11月 starts
/// on some day of May, at the latest on 31 May; 3月1日—4月30日 ends on 30 April, no earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Iv {
    start: Option<NaiveDate>,
    end: NaiveDate,
    /// The last day the first written point covers.
    first_by: NaiveDate,
    /// The first day the last written point covers.
    last_from: NaiveDate,
}

impl Iv {
    /// The days `from..=to`, as for display.
    fn days(from: NaiveDate, to: NaiveDate) -> Iv {
        Iv {
            start: Some(from),
            end: to,
            first_by: from,
            last_from: to,
        }
    }
}

fn interval(t: &Time) -> Option<Iv> {
    if t.problem.is_some() {
        return None;
    }
    reading(t, false)
}

/// A time with a day that does not exist (4月31日) read as the whole month it names. D201
/// reports the day; the phase check still needs to know that 3月1日—4月31日 and 3月2日—… overlap
/// whatever day the drafter meant.
fn month_reading(t: &Time) -> Option<Iv> {
    if !matches!(t.problem, Some(DateProblem::NoSuchDate { .. })) {
        return None;
    }
    let whole_month = |p: &DatePoint| {
        let mut q = p.clone();
        if matches!(resolve(&q), Err(DateProblem::NoSuchDate { .. })) {
            q.day = None;
        }
        q
    };
    let kind = match &t.kind {
        TimeKind::Point { at, before } => TimeKind::Point {
            at: whole_month(at),
            before: *before,
        },
        TimeKind::Range { from, to } => TimeKind::Range {
            from: whole_month(from),
            to: whole_month(to),
        },
        _ => return None,
    };
    reading(&Time { kind, ..t.clone() }, false)
}

/// A time resolved from its written points, with every year taken from context one later
/// when `next_year` is set.
fn reading(t: &Time, next_year: bool) -> Option<Iv> {
    let shift = |p: &DatePoint| {
        let mut q = p.clone();
        if next_year && q.year_inherited {
            q.year = q.year.and_then(|y| y.checked_add(1));
        }
        resolve(&q).ok()
    };
    match &t.kind {
        TimeKind::Point { at, before } => {
            let (s, e) = shift(at)?;
            Some(Iv {
                start: (!before).then_some(s),
                end: e,
                first_by: e,
                last_from: s,
            })
        }
        TimeKind::Range { from, to } => {
            let (s, first_by) = shift(from)?;
            let (last_from, e) = shift(to)?;
            (s <= e).then_some(Iv {
                start: Some(s),
                end: e,
                first_by,
                last_from,
            })
        }
        TimeKind::Recurring | TimeKind::Relative | TimeKind::Unreadable => None,
    }
}

/// The model's reading of a time, then, if a year was taken from context, the reading with
/// that year one later (1月10日 in a plan that starts in November may mean the next January),
/// when that reading is one `plausible` accepts. A time the model could not resolve has no
/// readings at all: the problem is reported once, by D201–D204 or D208.
fn readings(t: &Time, plausible: impl Fn(Iv) -> bool) -> Vec<Iv> {
    let Some(first) = interval(t) else {
        return Vec::new();
    };
    let mut out = vec![first];
    if let Some(a) = next_year_reading(t) {
        if a != first && plausible(a) {
            out.push(a);
        }
    }
    out
}

/// The reading with every year taken from context one later, if a year was.
fn next_year_reading(t: &Time) -> Option<Iv> {
    let inherited = match &t.kind {
        TimeKind::Point { at, .. } => at.year_inherited,
        TimeKind::Range { from, to } => from.year_inherited || to.year_inherited,
        TimeKind::Recurring | TimeKind::Relative | TimeKind::Unreadable => false,
    };
    if inherited {
        reading(t, true)
    } else {
        None
    }
}

/// Whether `inner` lies within `outer`. A deadline lies within a period when it falls in it.
fn within(inner: Iv, outer: Iv) -> bool {
    let starts_ok = match (inner.start, outer.start) {
        (Some(a), Some(b)) => a >= b,
        (None, Some(b)) => inner.end >= b,
        (_, None) => true,
    };
    starts_ok && inner.end <= outer.end
}

fn shown(iv: Iv) -> String {
    match iv.start {
        Some(s) if s == iv.end => format_chinese(s),
        Some(s) => format!("{}至{}", format_chinese(s), format_chinese(iv.end)),
        None => format!("{}前", format_chinese(iv.end)),
    }
}

/// Where a time falls outside a period, for a label: 2023年1月1日至2023年1月31日，晚于方案期限
/// 的最后一天2022年12月31日.
fn beside(r: Iv, outer: Iv, name: &str) -> String {
    if r.end > outer.end {
        return format!(
            "{}，晚于{name}的最后一天{}",
            shown(r),
            format_chinese(outer.end)
        );
    }
    match outer.start {
        Some(s) => format!("{}，早于{name}的第一天{}", shown(r), format_chinese(s)),
        None => shown(r),
    }
}

fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    b.signed_duration_since(a).num_days() + 1
}

// ───────────────────────────── D205: phases ─────────────────────────────

/// D205: consecutive phases of a plan that overlap by more than a shared boundary, or that
/// come in the wrong order.
pub fn phases_overlap(f: &mut Findings) {
    for plan in &f.policy.plans {
        let period = plan.period.as_ref().and_then(interval);
        for pair in plan.phases.windows(2) {
            let (prev, next) = (&pair[0], &pair[1]);
            if let Some(d) = phase_pair(f, period, prev, next, true) {
                f.report(d);
            }
        }
        // A phase can also run into a later window than the next one (组织实施 against both
        // 检查验收 windows). Each phase is held against the phase before its predecessor that
        // ends last, found in one pass (plans hold thousands of phases).
        let mut latest: Option<(NaiveDate, usize)> = None;
        for j in 2..plan.phases.len() {
            if let Some(iv) = interval(&plan.phases[j - 2].time) {
                if latest.is_none_or(|(end, _)| iv.end > end) {
                    latest = Some((iv.end, j - 2));
                }
            }
            let Some((_, i)) = latest else { continue };
            if let Some(d) = phase_pair(f, period, &plan.phases[i], &plan.phases[j], false) {
                f.report(d);
            }
        }
    }
}

fn phase_pair(
    f: &Findings,
    period: Option<Iv>,
    prev: &Phase,
    next: &Phase,
    adjacent: bool,
) -> Option<crate::diagnostics::Diagnostic> {
    let earlier = if adjacent {
        "前一阶段"
    } else {
        "更早的阶段"
    };
    let a = interval(&prev.time).or_else(|| month_reading(&prev.time))?;
    // The next year is a plausible reading of the later phase when it keeps it inside the
    // plan's period or, without a period, when it starts within three months of the end of
    // the earlier phase.
    let plausible = |b: Iv| match period {
        Some(p) => within(b, p),
        None => b.start.is_some_and(|s| s >= a.end && days(a.end, s) <= 92),
    };
    let mut worst = None;
    for b in readings(&next.time, plausible) {
        let problem = pair_problem(a, b);
        match problem {
            None => return None, // some reading of the later phase follows on: fine
            Some(p) => {
                if worst.is_none() {
                    worst = Some((b, p));
                }
            }
        }
    }
    let (b, problem) = match worst {
        Some(w) => w,
        None => {
            let b = month_reading(&next.time)?;
            (b, pair_problem(a, b)?)
        }
    };
    // Beyond the next phase only an overlap is reported: order is judged pair by pair.
    if !adjacent && !matches!(problem, PairProblem::Overlap { .. }) {
        return None;
    }
    let what = format!(
        "阶段“{}”（{}）与{earlier}“{}”（{}）",
        next.name, next.time.written, prev.name, prev.time.written
    );
    let d = match problem {
        PairProblem::Overlap { from, to } => f
            .new_diag("D205", format!("{what}重叠{}天", days(from, to)))
            .with_primary(
                next.time.span,
                format!("在{earlier}结束前就开始（{}）", shown(b)),
            )
            .with_secondary(
                prev.time.span,
                format!("{earlier}到{}才结束", format_chinese(a.end)),
            )
            .with_note(format!("重叠的日子：{}", shown(Iv::days(from, to)))),
        PairProblem::Reversed => f
            .new_diag("D205", format!("{what}顺序颠倒"))
            .with_primary(
                next.time.span,
                format!("排在后面，却早于前一阶段（{}）", shown(b)),
            )
            .with_secondary(prev.time.span, format!("前一阶段：{}", shown(a))),
        PairProblem::EndsFirst => f
            .new_diag(
                "D205",
                format!("{what}时间交错：后一阶段的时限早于前一阶段结束"),
            )
            .with_primary(next.time.span, format!("截至{}", format_chinese(b.end)))
            .with_secondary(
                prev.time.span,
                format!("前一阶段到{}才结束", format_chinese(a.end)),
            ),
    };
    let d = if [&prev.time, &next.time]
        .iter()
        .any(|t| matches!(t.problem, Some(DateProblem::NoSuchDate { .. })))
    {
        d.with_note("其中有不存在的日期（见 D201），这里按它所在月份的任何一天理解，怎样理解都重叠")
    } else {
        d
    };
    Some(d.with_help(if adjacent {
        "相邻的阶段应前后衔接：后一阶段从前一阶段结束的当天或之后开始。核对原文的日期；若两个阶段本就同时进行，可忽略本警告"
    } else {
        "阶段应依次进行：排在后面的阶段从前面各阶段结束的当天或之后开始。核对原文的日期；若两个阶段本就同时进行，可忽略本警告"
    }))
}

enum PairProblem {
    Overlap { from: NaiveDate, to: NaiveDate },
    Reversed,
    EndsFirst,
}

fn pair_problem(a: Iv, b: Iv) -> Option<PairProblem> {
    match (a.start, b.start) {
        (Some(a_start), Some(b_start)) => {
            // They follow each other if, at the precision written, the later one can start
            // on or after the day the earlier one ends: 3月15日 then 3月15日—4月30日 share a
            // boundary day; 3月—6月 then 6月—9月 a boundary month; 5月11日—5月31日 then
            // 5月—11月 can start on 31 May.
            if a.last_from <= b.first_by {
                return None;
            }
            if b.end < a_start {
                return Some(PairProblem::Reversed);
            }
            let from = a_start.max(b_start);
            let to = a.end.min(b.end);
            (from <= to).then_some(PairProblem::Overlap { from, to })
        }
        // A deadline: only its end is known.
        _ => {
            if b.end < a.end {
                if a.start.is_some_and(|s| b.end < s) {
                    Some(PairProblem::Reversed)
                } else {
                    Some(PairProblem::EndsFirst)
                }
            } else {
                None
            }
        }
    }
}

// ───────────────────────────── D206: plan period ─────────────────────────────

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
            order(f, "步骤", &ph.steps, Some(outer));
            order(f, "节点", &ph.milestones, Some(outer));
        }
    }
}

/// Reports a step or milestone whose dates lie wholly before the one listed before it.
/// A next-year reading counts only when it stays inside `container`, the phase.
fn order(f: &mut Findings, kind: &str, list: &[Step], container: Option<Iv>) {
    for pair in list.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        let Some(a) = interval(&prev.time) else {
            continue;
        };
        let bs = readings(&next.time, |b| container.is_some_and(|c| within(b, c)));
        let reversed = |b: &Iv| match (a.start, b.start) {
            // Ranges: the later one ends before the earlier one starts.
            (Some(a_start), Some(_)) => b.end < a_start,
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
