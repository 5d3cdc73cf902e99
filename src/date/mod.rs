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
    pub span: Span,
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
}
