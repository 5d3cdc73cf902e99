//! Readings: the days a time covers, for comparing times with each other, and the plausible
//! other reading when a year was taken from context.

use super::*;

/// The days a time covers, for comparing times: a deadline (10月底前) has an end but no start.
/// `first_by` and `last_from` keep the precision the ends were written with: 5月—11月 starts
/// on some day of May, at the latest on 31 May; 3月1日—4月30日 ends on 30 April, no earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Iv {
    pub(super) start: Option<NaiveDate>,
    pub(super) end: NaiveDate,
    /// The last day the first written point covers.
    pub(super) first_by: NaiveDate,
    /// The first day the last written point covers.
    pub(super) last_from: NaiveDate,
}

impl Iv {
    /// The days `from..=to`, as for display.
    pub(super) fn days(from: NaiveDate, to: NaiveDate) -> Iv {
        Iv {
            start: Some(from),
            end: to,
            first_by: from,
            last_from: to,
        }
    }
}

pub(super) fn interval(t: &Time) -> Option<Iv> {
    if t.problem.is_some() {
        return None;
    }
    reading(t, false)
}

/// A time with a day that does not exist (4月31日) read as the whole month it names. D201
/// reports the day; the phase check still needs to know that 3月1日—4月31日 and 3月2日—… overlap
/// whatever day the drafter meant.
pub(super) fn month_reading(t: &Time) -> Option<Iv> {
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
pub(super) fn reading(t: &Time, next_year: bool) -> Option<Iv> {
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
pub(super) fn readings(t: &Time, plausible: impl Fn(Iv) -> bool) -> Vec<Iv> {
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
pub(super) fn next_year_reading(t: &Time) -> Option<Iv> {
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
pub(super) fn within(inner: Iv, outer: Iv) -> bool {
    let starts_ok = match (inner.start, outer.start) {
        (Some(a), Some(b)) => a >= b,
        (None, Some(b)) => inner.end >= b,
        (_, None) => true,
    };
    starts_ok && inner.end <= outer.end
}

pub(super) fn shown(iv: Iv) -> String {
    match iv.start {
        Some(s) if s == iv.end => format_chinese(s),
        Some(s) => format!("{}至{}", format_chinese(s), format_chinese(iv.end)),
        None => format!("{}前", format_chinese(iv.end)),
    }
}

/// Where a time falls outside a period, for a label: 2023年1月1日至2023年1月31日，晚于方案期限
/// 的最后一天2022年12月31日.
pub(super) fn beside(r: Iv, outer: Iv, name: &str) -> String {
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

pub(super) fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    b.signed_duration_since(a).num_days() + 1
}
