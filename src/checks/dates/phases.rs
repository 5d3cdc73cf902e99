//! D205: phases of a plan that overlap or come in the wrong order; D214: consecutive phases
//! written by months that hand over within one month.

use super::*;

/// D205: consecutive phases of a plan that overlap by more than a shared boundary, or that
/// come in the wrong order.
pub fn phases_overlap(f: &mut Findings) {
    for plan in &f.policy.plans {
        let period = plan.period.as_ref().and_then(interval);
        for pair in plan.phases.windows(2) {
            let (prev, next) = (&pair[0], &pair[1]);
            match phase_pair(f, period, prev, next, true) {
                Some(d) => f.report(d),
                None => {
                    if let Some(d) = month_handover(f, prev, next) {
                        f.report(d);
                    }
                }
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
    let (b, mut problem) = match worst {
        Some(w) => w,
        None => {
            let b = month_reading(&next.time)?;
            (b, pair_problem(a, b)?)
        }
    };
    // A time repeated across years (2022年、2023年12月1日-30日) covers only its windows: the
    // two phases overlap on the days their windows share, which may be none.
    let mut shared = None;
    if let PairProblem::Overlap { from, to } = problem {
        if !prev.time.windows.is_empty() || !next.time.windows.is_empty() {
            let parts = shared_windows(&prev.time, &next.time, from, to);
            if parts.is_empty() {
                return None;
            }
            let first = parts[0].0;
            let last = parts[parts.len() - 1].1;
            problem = PairProblem::Overlap {
                from: first,
                to: last,
            };
            shared = Some(parts);
        }
    }
    let overlap_days = |from, to| match &shared {
        Some(parts) => parts.iter().map(|&(x, y)| days(x, y)).sum(),
        None => days(from, to),
    };
    let overlap_shown = |from, to| match &shared {
        Some(parts) => parts
            .iter()
            .map(|&(x, y)| shown(Iv::days(x, y)))
            .collect::<Vec<_>>()
            .join("、"),
        None => shown(Iv::days(from, to)),
    };
    // Beyond the next phase only an overlap is reported: order is judged pair by pair.
    if !adjacent && !matches!(problem, PairProblem::Overlap { .. }) {
        return None;
    }
    let what = format!(
        "阶段“{}”（{}）与{earlier}“{}”（{}）",
        next.name, next.time.written, prev.name, prev.time.written
    );
    // A later phase that starts and ends before the one listed before it is out of order even
    // where the two overlap (第二阶段 3月1日—4月10日 after 第一阶段 3月10日—4月30日); one that
    // starts later, or runs inside it, overlaps it.
    let crossed =
        adjacent && matches!((a.start, b.start), (Some(x), Some(y)) if y < x) && b.end < a.end;
    let d = match problem {
        PairProblem::Overlap { from, to } if crossed => f
            .new_diag(
                "D205",
                format!(
                    "{what}顺序颠倒：排在后面，开始和结束却都早于前一阶段（重叠{}天）",
                    overlap_days(from, to)
                ),
            )
            .with_primary(
                next.time.span,
                format!("排在后面，却早于前一阶段（{}）", shown(b)),
            )
            .with_secondary(prev.time.span, format!("前一阶段：{}", shown(a)))
            .with_note(format!("重叠的日子：{}", overlap_shown(from, to))),
        PairProblem::Overlap { from, to } => f
            .new_diag("D205", format!("{what}重叠{}天", overlap_days(from, to)))
            .with_primary(
                next.time.span,
                format!("在{earlier}结束前就开始（{}）", shown(b)),
            )
            .with_secondary(
                prev.time.span,
                format!("{earlier}到{}才结束", format_chinese(a.end)),
            )
            .with_note(format!("重叠的日子：{}", overlap_shown(from, to))),
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

/// D214: a phase written by months whose start falls in the month the phase before it ends
/// (动员部署（2020年5月） then 组织实施（2020年5月—12月）; 5月11日—5月31日 then 5月—11月). D205
/// stays silent, since the later phase may start on the day the earlier one ends; but read
/// as a month is read elsewhere — from its first day — the two overlap, and only the drafter
/// knows which was meant.
fn month_handover(
    f: &Findings,
    prev: &Phase,
    next: &Phase,
) -> Option<crate::diagnostics::Diagnostic> {
    let a = interval(&prev.time)?;
    let b = interval(&next.time)?;
    let (a_start, b_start) = (a.start?, b.start?);
    // The later phase starts by a month (its first written point covers more than a day)
    // that reaches into the earlier one, and D205 let it pass as a possible handover.
    let by_month = b.first_by > b_start;
    if !by_month || b_start >= a.end || b.first_by < a_start || a.last_from > b.first_by {
        return None;
    }
    // Two phases that both give that month as their boundary (3月—6月 then 6月—9月) are the
    // usual way of writing a handover. Asked about are an earlier phase that ends on a day
    // of that month (5月11日—5月31日) or lies wholly in it (2020年5月).
    let ends_on_a_day = a.last_from == a.end;
    let within_the_month = a_start >= b_start && a.end <= b.first_by;
    if !ends_on_a_day && !within_the_month {
        return None;
    }
    let month = format!("{}年{}月", b_start.year(), b_start.month());
    Some(
        f.new_diag(
            "D214",
            format!(
                "阶段“{}”（{}）从{month}开始，前一阶段“{}”（{}）到{}才结束：两个阶段在同一个月交接，先后不明",
                next.name,
                next.time.written,
                prev.name,
                prev.time.written,
                format_chinese(a.end)
            ),
        )
        .with_primary(next.time.span, format!("按月份写，从{month}开始"))
        .with_secondary(prev.time.span, format!("到{}结束", format_chinese(a.end)))
        .with_note(format!(
            "若后一阶段从{month}月初开始，两个阶段重叠{}天（{}）",
            days(a_start.max(b_start), a.end),
            shown(Iv::days(a_start.max(b_start), a.end))
        ))
        .with_help("若两个阶段在这个月中先后衔接，可写明日期（如“5月15日—12月”）；若本就同时进行，可忽略本提示"),
    )
}

/// The days two times share within `from`–`to`, window by window (a time that is not
/// repeated across years is one window), in order, ends inclusive.
fn shared_windows(
    a: &Time,
    b: &Time,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, NaiveDate)> {
    let spans = |t: &Time| -> Vec<(NaiveDate, NaiveDate)> {
        if t.windows.is_empty() {
            vec![(from, to)]
        } else {
            t.windows.iter().map(|w| (w.start, w.end)).collect()
        }
    };
    let (a, b) = (spans(a), spans(b));
    let mut shared = Vec::new();
    for &(x0, x1) in &a {
        for &(y0, y1) in &b {
            let (s, e) = (x0.max(y0).max(from), x1.min(y1).min(to));
            if s <= e {
                shared.push((s, e));
            }
        }
    }
    shared.sort();
    shared
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
