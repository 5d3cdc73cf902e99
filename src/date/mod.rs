//! Times as notices write them, resolved to inclusive calendar intervals.
//!
//! A point covers an interval: 2022年10月 is 1–31 October, 10月底 is the last day, 2023年底 is
//! 31 December, 第二季度 is April–June. A range's ends are inclusive (3月1日至4月30日 includes
//! 30 April). A date that does not exist (4月31日) is kept as written and not resolved: the
//! checks report it; nothing rolls it over to the next month.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::diagnostics::Span;

/// The part of a month or year a point names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartOfPeriod {
    /// 初: the first ten days
    Beginning,
    /// 上旬
    FirstTen,
    /// 中旬, 中
    MiddleTen,
    /// 下旬
    LastTen,
    /// 底, 末: the last day
    End,
}

impl PartOfPeriod {
    pub fn from_written(s: &str) -> Option<Self> {
        Some(match s {
            "初" => Self::Beginning,
            "上旬" => Self::FirstTen,
            "中旬" | "中" => Self::MiddleTen,
            "下旬" => Self::LastTen,
            "底" | "末" => Self::End,
            _ => return None,
        })
    }
}

/// A point as written, with its year filled in from context where it had none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatePoint {
    pub year: Option<i32>,
    /// True when the year was not written and came from context.
    pub year_inherited: bool,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub part: Option<PartOfPeriod>,
    pub quarter: Option<u32>,
}

/// What kind of time was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimeKind {
    /// A point; `before` for a deadline (10月底前).
    Point { at: DatePoint, before: bool },
    /// A range with inclusive ends.
    Range { from: DatePoint, to: DatePoint },
    /// A recurring time (每月开展): no single date, and nothing wrong with it.
    Recurring,
    /// A time relative to an event (自本计划下发之日起).
    Relative,
    /// Text that does not read as a date.
    Unreadable,
}

/// Why a time could not be resolved to calendar dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateProblem {
    /// The text is not a date.
    Unreadable,
    /// A calendar date that does not exist, such as 2022年4月31日.
    NoSuchDate { year: i32, month: u32, day: u32 },
    /// A month outside 1–12, a quarter outside 1–4.
    OutOfRange { what: String },
    /// No year was written and none could be inherited.
    NoYear,
    /// The range ends before it starts.
    EndsBeforeStart,
}

/// A time as written, with the interval it covers when it can be resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Time {
    pub written: String,
    pub kind: TimeKind,
    /// First day covered, inclusive.
    pub start: Option<NaiveDate>,
    /// Last day covered, inclusive.
    pub end: Option<NaiveDate>,
    /// A range whose end, lacking a year, was read as falling in the following year
    /// (11月20日—2月10日). The checks say which reading was assumed.
    pub crosses_year: bool,
    pub problem: Option<DateProblem>,
    /// The same window in each of several years (2022年、2023年12月1日-30日): every window in
    /// order, while `start`–`end` spans them all. Empty for any other time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<Window>,
    pub span: Span,
}

/// One window of a time repeated across years, ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// How a time is placed on a calendar when it has to be drawn or named as days: the interval
/// the model resolved, or, where the notice states something impossible, the reading assumed
/// instead. The Gantt chart draws this reading and the date checks name the same one, so that
/// a drafter reads one story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive; never before `start`.
    pub end: NaiveDate,
    /// What had to be assumed, in the order it was assumed; empty when the notice's own
    /// dates were used as they are.
    pub assumptions: Vec<Assumption>,
}

/// One thing assumed to read a time that the notice states impossibly or incompletely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Assumption {
    /// A day the month does not have (2022年4月31日) is read as the month's last day.
    NoSuchDay {
        year: i32,
        month: u32,
        day: u32,
        read_as: NaiveDate,
    },
    /// A range whose end has no year and would end before it starts (11月20日—2月10日) is read
    /// as ending in the following year, as the model does ([`Time::crosses_year`]).
    CrossesYear { end: NaiveDate },
    /// A range that ends before it starts, even so, is read as its first day only.
    EndsBeforeStart { start: NaiveDate, end: NaiveDate },
}

impl Assumption {
    /// A short code for machine-readable outputs: no_such_day, crosses_year, ends_before_start.
    pub fn code(&self) -> &'static str {
        match self {
            Assumption::NoSuchDay { .. } => "no_such_day",
            Assumption::CrossesYear { .. } => "crosses_year",
            Assumption::EndsBeforeStart { .. } => "ends_before_start",
        }
    }

    /// What was assumed, in words for a drafter.
    pub fn describe(&self) -> String {
        match self {
            Assumption::NoSuchDay {
                year,
                month,
                day,
                read_as,
            } => format!(
                "{year}年{month}月{day}日不存在，按当月最后一天{}计",
                format_chinese(*read_as)
            ),
            Assumption::CrossesYear { end } => {
                format!("结束日期未写年份，按跨年读作{}", format_chinese(*end))
            }
            Assumption::EndsBeforeStart { start, end } => format!(
                "结束日期{}早于开始日期{}，只按开始当日计",
                format_chinese(*end),
                format_chinese(*start)
            ),
        }
    }
}

/// Why a time cannot be placed on a calendar at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NoReading {
    /// A recurring time (每月开展).
    Recurring,
    /// A time relative to an event (自本计划下发之日起).
    Relative,
    /// A problem no reading can repair: unreadable text, no year, a month 13, a day 45.
    Problem { problem: DateProblem },
}

impl NoReading {
    /// Why, in words for a drafter.
    pub fn describe(&self) -> String {
        match self {
            NoReading::Recurring => "周期性时间，不是确定的日期".into(),
            NoReading::Relative => "相对于某一事件的时间，没有确定的日期".into(),
            NoReading::Problem { problem } => problem.describe(),
        }
    }
}

impl DateProblem {
    /// The problem in words for a drafter.
    pub fn describe(&self) -> String {
        match self {
            DateProblem::Unreadable => "无法识别为日期".into(),
            DateProblem::NoSuchDate { year, month, day } => {
                format!("{year}年{month}月{day}日不存在")
            }
            DateProblem::OutOfRange { what } => format!("{what}超出范围"),
            DateProblem::NoYear => "没有写年份，上下文中也没有".into(),
            DateProblem::EndsBeforeStart => "结束早于开始".into(),
        }
    }
}

/// The day assumed for a date the calendar does not have: the last day of its month, for a
/// day 29–31 that the month lacks (2022年4月31日 → 2022年4月30日, 2023年2月29日 → 2023年2月28日).
/// `None` when the date exists, or when no month has such a day (0日, 32日) or the month or
/// year is out of range: those are not read at all.
pub fn assumed_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if NaiveDate::from_ymd_opt(year, month, day).is_some() || !(29..=31).contains(&day) {
        return None;
    }
    if !(YEAR_RANGE.0..=YEAR_RANGE.1).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, last_day(year, month)?)
}

/// Latest and earliest years accepted: a plan spanning centuries is a typing error.
pub const YEAR_RANGE: (i32, i32) = (1900, 2200);

impl Time {
    pub fn unreadable(written: &str, span: Span) -> Time {
        Time {
            written: written.to_string(),
            kind: TimeKind::Unreadable,
            start: None,
            end: None,
            crosses_year: false,
            windows: Vec::new(),
            problem: Some(DateProblem::Unreadable),
            span,
        }
    }

    /// A time written in words that is not one date: a recurrence or relative to an event.
    pub fn in_words(written: &str, kind: TimeKind, span: Span) -> Time {
        Time {
            written: written.to_string(),
            kind,
            start: None,
            end: None,
            crosses_year: false,
            windows: Vec::new(),
            problem: None,
            span,
        }
    }

    /// A point in time, resolved in the context of `default_year`.
    pub fn point(
        written: &str,
        mut at: DatePoint,
        before: bool,
        default_year: Option<i32>,
        span: Span,
    ) -> Time {
        inherit_year(&mut at, default_year);
        let (start, end, problem) = match resolve(&at) {
            Ok((s, e)) => (Some(s), Some(e), None),
            Err(p) => (None, None, Some(p)),
        };
        Time {
            written: written.to_string(),
            kind: TimeKind::Point { at, before },
            start,
            end,
            crosses_year: false,
            windows: Vec::new(),
            problem,
            span,
        }
    }

    /// A range; an end without a year takes the start's year, or the next one if it would
    /// otherwise end before it starts.
    pub fn range(
        written: &str,
        mut from: DatePoint,
        mut to: DatePoint,
        default_year: Option<i32>,
        span: Span,
    ) -> Time {
        inherit_year(&mut from, default_year);
        if to.month.is_none() && to.quarter.is_none() && to.year.is_none() {
            // 12月1日-30日: the end inherits the start's month as well.
            to.month = from.month;
        }
        let to_had_year = to.year.is_some();
        inherit_year(&mut to, from.year);
        let mut crosses_year = false;
        let a = resolve(&from);
        let mut b = resolve(&to);
        if let (Ok((s, _)), Ok((_, e))) = (&a, &b) {
            if e < s && !to_had_year {
                if let Some(y) = to.year {
                    let mut next = to.clone();
                    next.year = Some(y + 1);
                    if let Ok(r) = resolve(&next) {
                        to = next;
                        b = Ok(r);
                        crosses_year = true;
                    }
                }
            }
        }
        let (start, end, problem) = match (a, b) {
            (Ok((s, _)), Ok((_, e))) if e < s => {
                (Some(s), Some(e), Some(DateProblem::EndsBeforeStart))
            }
            (Ok((s, _)), Ok((_, e))) => (Some(s), Some(e), None),
            (Err(p), Ok((_, e))) => (None, Some(e), Some(p)),
            (Ok((s, _)), Err(p)) => (Some(s), None, Some(p)),
            (Err(p), Err(_)) => (None, None, Some(p)),
        };
        Time {
            written: written.to_string(),
            kind: TimeKind::Range { from, to },
            start,
            end,
            crosses_year,
            windows: Vec::new(),
            problem,
            span,
        }
    }

    /// A range of whole years: 2021-2023年.
    pub fn year_range(written: &str, from: i32, to: i32, span: Span) -> Time {
        let point = |y| DatePoint {
            year: Some(y),
            year_inherited: false,
            month: None,
            day: None,
            part: None,
            quarter: None,
        };
        Time::range(written, point(from), point(to), None, span)
    }

    /// How this time is placed on a calendar: the days the notice states, or, where it states
    /// a day the month lacks, a range ending before it starts or a yearless end, the reading
    /// assumed instead (see [`Assumption`]). The Gantt chart and the date checks both use
    /// this, so that they agree. `Err` when no reading is possible.
    pub fn reading(&self) -> Result<Reading, NoReading> {
        let mut assumptions = Vec::new();
        match &self.kind {
            TimeKind::Recurring => Err(NoReading::Recurring),
            TimeKind::Relative => Err(NoReading::Relative),
            TimeKind::Unreadable => Err(NoReading::Problem {
                problem: self.problem.clone().unwrap_or(DateProblem::Unreadable),
            }),
            TimeKind::Point { at, .. } => {
                let (start, end) = resolve_assumed(at, &mut assumptions)?;
                Ok(Reading {
                    start,
                    end,
                    assumptions,
                })
            }
            TimeKind::Range { from, to } => {
                let (start, _) = resolve_assumed(from, &mut assumptions)?;
                let mut end_notes = Vec::new();
                let (_, mut end) = resolve_assumed(to, &mut end_notes)?;
                if end < start && to.year_inherited && !self.crosses_year {
                    // The model could not try the following year because an end did not
                    // exist; with the assumed day it can.
                    if let Some(y) = to.year {
                        let next = DatePoint {
                            year: Some(y + 1),
                            ..to.clone()
                        };
                        let mut next_notes = Vec::new();
                        if let Ok((_, e)) = resolve_assumed(&next, &mut next_notes) {
                            if e >= start {
                                end = e;
                                end_notes = next_notes;
                                end_notes.push(Assumption::CrossesYear { end });
                            }
                        }
                    }
                } else if self.crosses_year {
                    end_notes.push(Assumption::CrossesYear { end });
                }
                assumptions.extend(end_notes);
                if end < start {
                    assumptions.push(Assumption::EndsBeforeStart { start, end });
                    end = start;
                }
                Ok(Reading {
                    start,
                    end,
                    assumptions,
                })
            }
        }
    }

    /// The year this time is in, for dates after it that omit theirs.
    pub fn year(&self) -> Option<i32> {
        self.start.or(self.end).map(|d| d.year())
    }
}

fn inherit_year(p: &mut DatePoint, year: Option<i32>) {
    if p.year.is_none() && year.is_some() {
        p.year = year;
        p.year_inherited = true;
    }
}

fn last_day(year: i32, month: u32) -> Option<u32> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?
        .pred_opt()
        .map(|d| d.day())
}

/// The interval a point covers, or why it covers none.
pub fn resolve(p: &DatePoint) -> Result<(NaiveDate, NaiveDate), DateProblem> {
    let year = p.year.ok_or(DateProblem::NoYear)?;
    if !(YEAR_RANGE.0..=YEAR_RANGE.1).contains(&year) {
        return Err(DateProblem::OutOfRange {
            what: format!("{year}年"),
        });
    }
    let ymd = |m: u32, d: u32| {
        NaiveDate::from_ymd_opt(year, m, d).ok_or(DateProblem::NoSuchDate {
            year,
            month: m,
            day: d,
        })
    };
    if let Some(q) = p.quarter {
        if !(1..=4).contains(&q) {
            return Err(DateProblem::OutOfRange {
                what: format!("第{q}季度"),
            });
        }
        let m = (q - 1) * 3 + 1;
        return Ok((ymd(m, 1)?, ymd(m + 2, last_day(year, m + 2).unwrap_or(28))?));
    }
    let Some(month) = p.month else {
        return match p.part {
            Some(PartOfPeriod::End) => Ok((ymd(12, 1)?, ymd(12, 31)?)),
            Some(PartOfPeriod::Beginning) => Ok((ymd(1, 1)?, ymd(1, 31)?)),
            _ => Ok((ymd(1, 1)?, ymd(12, 31)?)),
        };
    };
    if !(1..=12).contains(&month) {
        return Err(DateProblem::OutOfRange {
            what: format!("{month}月"),
        });
    }
    let last = last_day(year, month).unwrap_or(28);
    if let Some(day) = p.day {
        let d = ymd(month, day)?;
        return Ok((d, d));
    }
    Ok(match p.part {
        None => (ymd(month, 1)?, ymd(month, last)?),
        Some(PartOfPeriod::Beginning) | Some(PartOfPeriod::FirstTen) => {
            (ymd(month, 1)?, ymd(month, 10)?)
        }
        Some(PartOfPeriod::MiddleTen) => (ymd(month, 11)?, ymd(month, 20)?),
        Some(PartOfPeriod::LastTen) => (ymd(month, 21)?, ymd(month, last)?),
        Some(PartOfPeriod::End) => (ymd(month, last)?, ymd(month, last)?),
    })
}

/// [`resolve`], reading a day the month lacks as its last day and noting that in `notes`.
fn resolve_assumed(
    p: &DatePoint,
    notes: &mut Vec<Assumption>,
) -> Result<(NaiveDate, NaiveDate), NoReading> {
    match resolve(p) {
        Ok(r) => Ok(r),
        Err(DateProblem::NoSuchDate { year, month, day }) => {
            let problem = DateProblem::NoSuchDate { year, month, day };
            let read_as = assumed_day(year, month, day).ok_or(NoReading::Problem {
                problem: problem.clone(),
            })?;
            let fixed = DatePoint {
                year: Some(year),
                month: Some(month),
                day: Some(read_as.day()),
                ..p.clone()
            };
            let r = resolve(&fixed).map_err(|_| NoReading::Problem { problem })?;
            notes.push(Assumption::NoSuchDay {
                year,
                month,
                day,
                read_as,
            });
            Ok(r)
        }
        Err(problem) => Err(NoReading::Problem { problem }),
    }
}

/// Writes a date the way notices do: 2022年3月31日 (full year, no zero padding).
pub fn format_chinese(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(y: Option<i32>, m: Option<u32>, d: Option<u32>) -> DatePoint {
        DatePoint {
            year: y,
            year_inherited: false,
            month: m,
            day: d,
            part: None,
            quarter: None,
        }
    }

    #[test]
    fn impossible_dates_are_not_rolled_over() {
        let t = Time::point(
            "2022年4月31日",
            pt(Some(2022), Some(4), Some(31)),
            false,
            None,
            Span::default(),
        );
        assert_eq!(t.start, None);
        assert_eq!(
            t.problem,
            Some(DateProblem::NoSuchDate {
                year: 2022,
                month: 4,
                day: 31
            })
        );
    }

    #[test]
    fn ranges_crossing_a_year_are_read_into_the_next_year() {
        let t = Time::range(
            "2020年12月16日—1月10日",
            pt(Some(2020), Some(12), Some(16)),
            pt(None, Some(1), Some(10)),
            None,
            Span::default(),
        );
        assert!(t.crosses_year);
        assert_eq!(t.end, NaiveDate::from_ymd_opt(2021, 1, 10));
        assert_eq!(t.problem, None);
    }

    #[test]
    fn month_end_and_year_end() {
        let mut p = pt(Some(2020), Some(2), None);
        p.part = Some(PartOfPeriod::End);
        assert_eq!(
            resolve(&p).unwrap().0,
            NaiveDate::from_ymd_opt(2020, 2, 29).unwrap()
        );
        let mut y = pt(Some(2023), None, None);
        y.part = Some(PartOfPeriod::End);
        assert_eq!(
            resolve(&y).unwrap().1,
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()
        );
    }

    #[test]
    fn day_only_end_takes_the_start_month() {
        let t = Time::range(
            "12月1日-30日",
            pt(None, Some(12), Some(1)),
            pt(None, None, Some(30)),
            Some(2022),
            Span::default(),
        );
        assert_eq!(t.end, NaiveDate::from_ymd_opt(2022, 12, 30));
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn assumed_day_is_the_months_last_day() {
        assert_eq!(assumed_day(2022, 4, 31), Some(day(2022, 4, 30)));
        assert_eq!(assumed_day(2023, 2, 29), Some(day(2023, 2, 28)));
        assert_eq!(assumed_day(2024, 2, 30), Some(day(2024, 2, 29)));
        // Days that exist, and days no month has, get no assumed day.
        assert_eq!(assumed_day(2022, 4, 30), None);
        assert_eq!(assumed_day(2022, 4, 32), None);
        assert_eq!(assumed_day(2022, 13, 31), None);
    }

    #[test]
    fn reading_of_a_range_ending_on_a_day_that_does_not_exist() {
        let t = Time::range(
            "2022年3月1日-2022年4月31日",
            pt(Some(2022), Some(3), Some(1)),
            pt(Some(2022), Some(4), Some(31)),
            None,
            Span::default(),
        );
        // The model keeps the problem; the reading names the day assumed.
        assert_eq!(t.end, None);
        let r = t.reading().unwrap();
        assert_eq!((r.start, r.end), (day(2022, 3, 1), day(2022, 4, 30)));
        assert_eq!(r.assumptions.len(), 1);
        assert_eq!(
            r.assumptions[0].describe(),
            "2022年4月31日不存在，按当月最后一天2022年4月30日计"
        );
    }

    #[test]
    fn reading_of_a_range_that_ends_before_it_starts_is_its_first_day() {
        let t = Time::range(
            "2022年5月10日-2022年3月1日",
            pt(Some(2022), Some(5), Some(10)),
            pt(Some(2022), Some(3), Some(1)),
            None,
            Span::default(),
        );
        assert_eq!(t.problem, Some(DateProblem::EndsBeforeStart));
        let r = t.reading().unwrap();
        assert_eq!((r.start, r.end), (day(2022, 5, 10), day(2022, 5, 10)));
        assert_eq!(r.assumptions[0].code(), "ends_before_start");
    }

    #[test]
    fn reading_of_a_range_crossing_a_year_says_so() {
        let t = Time::range(
            "2020年12月16日—1月10日",
            pt(Some(2020), Some(12), Some(16)),
            pt(None, Some(1), Some(10)),
            None,
            Span::default(),
        );
        let r = t.reading().unwrap();
        assert_eq!(r.end, day(2021, 1, 10));
        assert_eq!(
            r.assumptions,
            vec![Assumption::CrossesYear {
                end: day(2021, 1, 10)
            }]
        );
        // A yearless end that does not exist: the model cannot cross; the reading can.
        let t = Time::range(
            "2020年12月16日—2月30日",
            pt(Some(2020), Some(12), Some(16)),
            pt(None, Some(2), Some(30)),
            None,
            Span::default(),
        );
        let r = t.reading().unwrap();
        assert_eq!(r.end, day(2021, 2, 28));
        let codes: Vec<_> = r.assumptions.iter().map(Assumption::code).collect();
        assert_eq!(codes, ["no_such_day", "crosses_year"]);
    }

    #[test]
    fn times_without_a_reading() {
        let t = Time::unreadable("2022511", Span::default());
        assert_eq!(t.reading().unwrap_err().describe(), "无法识别为日期");
        let t = Time::point(
            "2022年4月45日",
            pt(Some(2022), Some(4), Some(45)),
            false,
            None,
            Span::default(),
        );
        assert_eq!(t.reading().unwrap_err().describe(), "2022年4月45日不存在");
        let t = Time::in_words("每月开展", TimeKind::Recurring, Span::default());
        assert_eq!(t.reading(), Err(NoReading::Recurring));
        // A plain date reads as itself, with nothing assumed.
        let t = Time::point(
            "2022年10月",
            pt(Some(2022), Some(10), None),
            true,
            None,
            Span::default(),
        );
        let r = t.reading().unwrap();
        assert_eq!((r.start, r.end), (day(2022, 10, 1), day(2022, 10, 31)));
        assert!(r.assumptions.is_empty());
    }
}
