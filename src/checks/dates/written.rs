//! D201–D204, D208: each time on its own, as written. Dates that do not exist, dates that
//! cannot be read, ranges that end before they start or cross a year without saying so, and
//! years no notice can mean.

use super::*;

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
