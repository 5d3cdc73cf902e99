//! gantt.svg's view: every coordinate, computed here so that the template only lays out data.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use super::model::{from_iso, label, shorten};
use super::{Entry, GanttChart, Kind};
use crate::date::format_chinese;

/// gantt.svg as its template sees it: every coordinate computed here.
#[derive(Debug, Clone, Serialize)]
pub struct SvgChart {
    /// Distinguishes this chart's pattern ids from another's on the same page.
    pub key: String,
    pub width: f64,
    pub height: f64,
    pub title: SvgText,
    pub subtitle: Option<SvgText>,
    pub plot: SvgRect,
    /// The header band above the rows, holding the month labels.
    pub header: SvgRect,
    /// The grid's top (the header's), bottom (the last row's) and right edge.
    pub grid_top: f64,
    pub grid_bottom: f64,
    pub grid_height: f64,
    pub plot_right: f64,
    pub months: Vec<SvgMonth>,
    /// Year labels above the month labels, when months are too narrow for 2022年3月.
    pub years: Vec<SvgText>,
    /// Light bands behind each phase and what it contains.
    pub groups: Vec<SvgRect>,
    pub rows: Vec<SvgRow>,
    pub footnotes: Vec<SvgText>,
    pub legend: Vec<SvgLegendItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SvgText {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SvgRect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A month column of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct SvgMonth {
    pub x: f64,
    pub w: f64,
    /// 2022年3月, or 3月 under a year label; `None` when the column is too narrow.
    pub label: Option<String>,
    pub label_x: f64,
    pub label_y: f64,
    /// Alternate columns are shaded.
    pub shade: bool,
    /// The column starts a year: its line is drawn darker.
    pub year_start: bool,
}

/// A row: a label on the left, a bar or a diamond on the grid, the time as written after it.
#[derive(Debug, Clone, Serialize)]
pub struct SvgRow {
    pub id: String,
    /// period, phase, step, task, milestone.
    pub kind: Kind,
    pub y: f64,
    pub label: SvgText,
    pub bold: bool,
    pub bar: Option<SvgRect>,
    /// A time repeated across years: one rect per window, drawn (and outlined for a finding)
    /// in place of `bar`, which spans them and places the note after it.
    pub windows: Vec<SvgRect>,
    /// A milestone's diamond: its polygon's points.
    pub diamond: Option<String>,
    pub note: Option<SvgText>,
    pub adjusted: bool,
    pub inferred: bool,
    /// The checks found something about the entry's time (⚠ in its note, a line under the
    /// chart).
    pub flagged: bool,
    /// A task over the whole period, drawn as a thin line.
    pub throughout: bool,
    /// Everything about the entry, for a tooltip.
    pub tooltip: String,
}

/// A legend swatch and its words.
#[derive(Debug, Clone, Serialize)]
pub struct SvgLegendItem {
    /// phase, step, task, milestone, adjusted, inferred, throughout, flagged.
    pub kind: &'static str,
    /// The swatch; a milestone's is drawn as the diamond `diamond`.
    pub swatch: SvgRect,
    pub diamond: String,
    pub label: SvgText,
}

const FONT: f64 = 13.0;
const SMALL: f64 = 11.0;
const MARGIN: f64 = 16.0;
const ROW_H: f64 = 26.0;
const INDENT: f64 = 16.0;
const MAX_LABEL: f64 = 330.0;
const MAX_LABEL_CHARS: usize = 24;
/// Narrowest bar drawn, so that a one-day bar and its marking stay visible.
const MIN_BAR: f64 = 6.0;

/// Width of text in pixels, estimated: wide (CJK) characters one em, others 0.6 em.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c.width() {
            Some(2) => 1.0,
            Some(0) | None => 0.0,
            _ => 0.6,
        })
        .sum::<f64>()
        * size
}

fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn parse(d: &str) -> Option<NaiveDate> {
    from_iso(d)
}

/// First and last day the chart shows: its entries and its period.
pub(super) fn extent(chart: &GanttChart) -> Option<(NaiveDate, NaiveDate)> {
    let mut days: Vec<NaiveDate> = chart
        .entries
        .iter()
        .flat_map(|e| [parse(&e.start), parse(&e.end)])
        .flatten()
        .collect();
    if let Some(p) = &chart.period {
        days.extend(parse(&p.start));
        days.extend(parse(&p.end));
    }
    Some((*days.iter().min()?, *days.iter().max()?))
}

fn month_index(d: NaiveDate) -> i64 {
    d.year() as i64 * 12 + d.month0() as i64
}

pub(super) fn month_count(first: NaiveDate, last: NaiveDate) -> usize {
    (month_index(last) - month_index(first) + 1) as usize
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(30)
}

/// Maps days to x: equal month columns, days spread evenly within a month.
struct Axis {
    first: i64,
    left: f64,
    mw: f64,
}

impl Axis {
    /// The left edge of a day.
    fn x(&self, d: NaiveDate) -> f64 {
        let col = (month_index(d) - self.first) as f64;
        let frac = d.day0() as f64 / days_in_month(d.year(), d.month()) as f64;
        self.left + (col + frac) * self.mw
    }

    /// The right edge of a day: an inclusive end is drawn to the end of its day.
    fn x_end(&self, d: NaiveDate) -> f64 {
        match d.succ_opt() {
            Some(n) => self.x(n),
            None => self.x(d),
        }
    }
}

/// A task that runs over exactly the plan's period.
fn spans_period(chart: &GanttChart, e: &Entry) -> bool {
    e.kind == Kind::Task
        && chart
            .period
            .as_ref()
            .is_some_and(|p| p.start == e.start && p.end == e.end)
}

/// Lays out a chart; `None` when nothing could be placed.
pub fn svg_view(chart: &GanttChart) -> Option<SvgChart> {
    if chart.entries.is_empty() {
        return None;
    }
    let (first, last) = extent(chart)?;
    let n = month_count(first, last);
    let first_month = first.with_day(1)?;

    // Rows: the period, then the entries; children of a phase indented.
    struct Pre<'a> {
        entry: Option<&'a Entry>,
        kind: Kind,
        id: String,
        label: String,
        indent: f64,
    }
    let mut pre: Vec<Pre> = Vec::new();
    if chart.period.is_some() {
        pre.push(Pre {
            entry: None,
            kind: Kind::Period,
            id: "period".into(),
            label: Kind::Period.word().into(),
            indent: 0.0,
        });
    }
    let placed: std::collections::HashSet<&str> =
        chart.entries.iter().map(|e| e.id.as_str()).collect();
    let mut shown_phases: std::collections::HashSet<String> = std::collections::HashSet::new();
    for e in &chart.entries {
        // A child whose phase could not be placed still sits under a row naming the phase.
        if let Some(pid) = &e.parent {
            if !shown_phases.contains(pid) && !placed.contains(pid.as_str()) {
                let name = chart
                    .unplaced
                    .iter()
                    .find(|u| &u.id == pid)
                    .map(|u| u.name.clone())
                    .unwrap_or_else(|| pid.clone());
                pre.push(Pre {
                    entry: None,
                    kind: Kind::Phase,
                    id: pid.clone(),
                    label: name,
                    indent: 0.0,
                });
                shown_phases.insert(pid.clone());
            }
        }
        if e.kind == Kind::Phase {
            shown_phases.insert(e.id.clone());
        }
        pre.push(Pre {
            entry: Some(e),
            kind: e.kind,
            id: e.id.clone(),
            label: label(e),
            indent: if e.parent.is_some() { 1.0 } else { 0.0 },
        });
    }

    // Columns.
    let label_w = pre
        .iter()
        .map(|p| {
            p.indent * INDENT + text_width(&shorten(&p.label, MAX_LABEL_CHARS), FONT).min(MAX_LABEL)
        })
        .fold(text_width("实施期限", FONT), f64::max);
    let left = r1(MARGIN + label_w + 16.0);
    let full_label_w = text_width("2022年12月", SMALL) + 8.0;
    let mw = if n <= 16 {
        full_label_w.max(56.0)
    } else {
        (1100.0 / n as f64).clamp(16.0, full_label_w)
    };
    let two_level = mw < full_label_w;
    let axis = Axis {
        first: month_index(first_month),
        left,
        mw,
    };
    let plot_right = left + n as f64 * mw;

    // Vertical layout.
    let title_y = 30.0;
    let subtitle = chart.period.as_ref().map(|p| SvgText {
        x: MARGIN,
        y: 52.0,
        text: format!(
            "实施期限：{}（{}至{}）",
            p.written,
            format_chinese(parse(&p.start).expect("ISO")),
            format_chinese(parse(&p.end).expect("ISO"))
        ),
    });
    let header_top = if subtitle.is_some() { 66.0 } else { 46.0 };
    let header_h = if two_level { 40.0 } else { 24.0 };
    let rows_top = header_top + header_h;

    let mut months = Vec::new();
    let mut years = Vec::new();
    let mut d = first_month;
    for i in 0..n {
        let x = left + i as f64 * mw;
        let (y, m) = (d.year(), d.month());
        let label = if !two_level {
            Some(format!("{y}年{m}月"))
        } else if mw >= text_width("12月", SMALL) + 4.0 || m % 3 == 1 {
            Some(format!("{m}月"))
        } else {
            None
        };
        months.push(SvgMonth {
            x: r1(x),
            w: r1(mw),
            label,
            label_x: r1(x + mw / 2.0),
            label_y: r1(header_top + header_h - 8.0),
            shade: i % 2 == 1,
            year_start: m == 1 && i > 0,
        });
        if two_level && (m == 1 || i == 0) {
            let months_left = (n - i).min(13 - m as usize);
            years.push(SvgText {
                x: r1(x + months_left as f64 * mw / 2.0),
                y: r1(header_top + 15.0),
                text: format!("{y}年"),
            });
        }
        d = d
            .checked_add_months(chrono::Months::new(1))
            .expect("a month later exists");
    }

    let mut rows = Vec::new();
    let mut footnotes_src: Vec<(String, String)> = Vec::new();
    // The checks' findings shown on the chart: ⚠1, ⚠2 … after the entries' notes.
    let mut warnings_src: Vec<String> = Vec::new();
    let mut note_right: f64 = plot_right;
    for (i, p) in pre.iter().enumerate() {
        let top = rows_top + i as f64 * ROW_H;
        let mid = top + ROW_H / 2.0;
        let shown = shorten(&p.label, MAX_LABEL_CHARS);
        let row_label = SvgText {
            x: r1(MARGIN + p.indent * INDENT),
            y: r1(mid + FONT * 0.36),
            text: shown,
        };
        let bold = p.kind == Kind::Phase;
        let mut windows = Vec::new();
        let (bar, diamond, note, adjusted, inferred, tooltip) = match (p.kind, p.entry) {
            (Kind::Period, _) => {
                let per = chart.period.as_ref().expect("a period row has a period");
                let (s, e) = (parse(&per.start)?, parse(&per.end)?);
                let (x0, x1) = (axis.x(s), axis.x_end(e));
                let mut note = per.written.clone();
                if let Some(a) = &per.adjusted {
                    footnotes_src.push((format!("实施期限“{}”", a.original), a.reason.clone()));
                    note.push_str(&format!(" ※{}", footnotes_src.len()));
                }
                (
                    Some(SvgRect {
                        x: r1(x0),
                        y: r1(mid - 3.0),
                        w: r1(x1 - x0),
                        h: 6.0,
                    }),
                    None,
                    Some(note),
                    per.adjusted.is_some(),
                    false,
                    format!("实施期限：{}", per.written),
                )
            }
            (_, None) => {
                let why = chart
                    .unplaced
                    .iter()
                    .find(|u| u.id == p.id)
                    .map(|u| {
                        format!(
                            "（{}：{}，未绘制）",
                            u.written.as_deref().unwrap_or(""),
                            u.reason
                        )
                    })
                    .unwrap_or_default();
                (None, None, Some(why), false, false, p.label.clone())
            }
            (_, Some(e)) => {
                let (s, t) = (parse(&e.start)?, parse(&e.end)?);
                let mut note = e.written.clone().unwrap_or_else(|| "（同所在阶段）".into());
                if let Some(a) = &e.adjusted {
                    footnotes_src.push((format!("{}“{}”", label(e), a.original), a.reason.clone()));
                    note.push_str(&format!(" ※{}", footnotes_src.len()));
                }
                for f in &e.findings {
                    warnings_src.push(format!("{}：{}", f.code, f.message));
                    note.push_str(&format!(" ⚠{}", warnings_src.len()));
                }
                let mut tip = vec![
                    format!("{}：{}", e.kind_word(), label(e)),
                    if e.milestone {
                        format!("{}到期", format_chinese(t))
                    } else if !e.windows.is_empty() {
                        e.windows
                            .iter()
                            .filter_map(|w| Some((parse(&w.start)?, parse(&w.end)?)))
                            .map(|(s, t)| format!("{}至{}", format_chinese(s), format_chinese(t)))
                            .collect::<Vec<_>>()
                            .join("、")
                    } else {
                        format!("{}至{}", format_chinese(s), format_chinese(t))
                    },
                ];
                if let Some(w) = &e.written {
                    tip.push(format!("原文：{w}"));
                }
                if !e.responsible.is_empty() {
                    tip.push(format!("责任单位：{}", e.responsible.join("、")));
                }
                if let Some(a) = &e.adjusted {
                    tip.push(format!("※ {}", a.reason));
                }
                if let Some(i) = &e.inferred {
                    tip.push(i.reason.clone());
                }
                for f in &e.findings {
                    tip.push(format!("⚠ {}", f.message));
                }
                if e.milestone {
                    let cx = (axis.x(t) + axis.x_end(t)) / 2.0;
                    let points = diamond(cx, mid, 7.0);
                    (
                        None,
                        Some(points),
                        Some(note),
                        e.adjusted.is_some(),
                        false,
                        tip.join("\n"),
                    )
                } else {
                    // A task over the whole period says only that it runs throughout: a thin
                    // line like the period's, so that the bars with dates of their own stand out.
                    let h = if e.kind == Kind::Phase {
                        16.0
                    } else if spans_period(chart, e) {
                        6.0
                    } else {
                        12.0
                    };
                    let rect = |s: NaiveDate, t: NaiveDate| {
                        let (mut x0, mut x1) = (axis.x(s), axis.x_end(t));
                        if x1 - x0 < MIN_BAR {
                            // A day or two is narrower than a hatch: widen it about its middle.
                            let c = (x0 + x1) / 2.0;
                            (x0, x1) = (c - MIN_BAR / 2.0, c + MIN_BAR / 2.0);
                        }
                        SvgRect {
                            x: r1(x0),
                            y: r1(mid - h / 2.0),
                            w: r1(x1 - x0),
                            h,
                        }
                    };
                    for w in &e.windows {
                        windows.push(rect(parse(&w.start)?, parse(&w.end)?));
                    }
                    (
                        Some(rect(s, t)),
                        None,
                        Some(note),
                        e.adjusted.is_some(),
                        e.inferred.is_some(),
                        tip.join("\n"),
                    )
                }
            }
        };
        let note = note.map(|text| {
            let x = match (&bar, &diamond) {
                (Some(b), _) => b.x + b.w + 6.0,
                (None, Some(_)) => {
                    let e = p.entry.expect("a diamond has an entry");
                    let t = parse(&e.end).expect("ISO");
                    (axis.x(t) + axis.x_end(t)) / 2.0 + 11.0
                }
                (None, None) => left + 6.0,
            };
            note_right = note_right.max(x + text_width(&text, SMALL));
            SvgText {
                x: r1(x),
                y: r1(mid + SMALL * 0.36),
                text,
            }
        });
        rows.push(SvgRow {
            id: p.id.clone(),
            kind: p.kind,
            y: r1(top),
            label: row_label,
            bold,
            bar,
            windows,
            diamond,
            note,
            adjusted,
            inferred,
            flagged: p.entry.is_some_and(|e| !e.findings.is_empty()),
            throughout: p
                .entry
                .is_some_and(|e| !e.milestone && spans_period(chart, e)),
            tooltip,
        });
    }
    let rows_bottom = rows_top + rows.len() as f64 * ROW_H;

    // Bands behind each phase and its children.
    let mut groups = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        if rows[i].kind == Kind::Phase {
            let pid = rows[i].id.clone();
            let mut j = i + 1;
            while j < rows.len()
                && pre[j]
                    .entry
                    .is_some_and(|e| e.parent.as_deref() == Some(pid.as_str()))
            {
                j += 1;
            }
            groups.push(SvgRect {
                x: MARGIN / 2.0,
                y: r1(rows_top + i as f64 * ROW_H + 1.0),
                w: 0.0, // set below, once the width is known
                h: r1((j - i) as f64 * ROW_H - 2.0),
            });
            i = j;
        } else {
            i += 1;
        }
    }

    let width = (note_right + MARGIN)
        .max(plot_right + MARGIN)
        .max(MARGIN * 2.0 + text_width(&chart.title, 17.0))
        .ceil();
    for g in &mut groups {
        g.w = r1(width - MARGIN);
    }

    // Footnotes, the count of what is not drawn, and the legend.
    let mut lines: Vec<String> = footnotes_src
        .iter()
        .enumerate()
        .map(|(i, (what, why))| format!("※{} {what}：{why}", i + 1))
        .chain(
            warnings_src
                .iter()
                .enumerate()
                .map(|(i, w)| format!("⚠{} {w}", i + 1)),
        )
        .collect();
    if !chart.unplaced.is_empty() {
        lines.push(format!(
            "另有{}项未写时间或时间不能确定，图中未绘制。",
            chart.unplaced.len()
        ));
    }
    let wrap_w = width - 2.0 * MARGIN;
    let mut y = rows_bottom + 10.0;
    let mut footnotes = Vec::new();
    for line in lines {
        for part in wrap(&line, SMALL, wrap_w) {
            y += SMALL + 6.0;
            footnotes.push(SvgText {
                x: MARGIN,
                y: r1(y),
                text: part,
            });
        }
    }

    let mut kinds: Vec<&'static str> = Vec::new();
    for (k, present) in [
        ("phase", chart.entries.iter().any(|e| e.kind == Kind::Phase)),
        ("step", chart.entries.iter().any(|e| e.kind == Kind::Step)),
        (
            "task",
            chart
                .entries
                .iter()
                .any(|e| e.kind == Kind::Task && !e.milestone),
        ),
        ("milestone", chart.entries.iter().any(|e| e.milestone)),
        (
            "inferred",
            chart.entries.iter().any(|e| e.inferred.is_some()),
        ),
        (
            "adjusted",
            chart.entries.iter().any(|e| e.adjusted.is_some())
                || chart.period.as_ref().is_some_and(|p| p.adjusted.is_some()),
        ),
        (
            "throughout",
            chart
                .entries
                .iter()
                .any(|e| !e.milestone && spans_period(chart, e)),
        ),
        (
            "flagged",
            chart.entries.iter().any(|e| !e.findings.is_empty()),
        ),
    ] {
        if present {
            kinds.push(k);
        }
    }
    y += 24.0;
    let mut x = MARGIN;
    let mut legend = Vec::new();
    for k in kinds {
        let words = match k {
            "phase" => "阶段",
            "step" => "步骤",
            "task" => "任务",
            "milestone" => "节点",
            "inferred" => "虚线框：只写明一端，另一端推定",
            "throughout" => "细线：贯穿整个实施期限的任务",
            "flagged" => "橙框及⚠：检查发现的时间矛盾，见图下注释",
            _ => "斜线：原文日期不完整或有误，按注释中的读法绘制",
        };
        let w = 22.0 + text_width(words, SMALL) + 18.0;
        if x + w > width - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 20.0;
        }
        legend.push(SvgLegendItem {
            kind: k,
            swatch: SvgRect {
                x: r1(x),
                y: r1(y - 5.0),
                w: 16.0,
                h: 10.0,
            },
            diamond: diamond(x + 8.0, y, 6.0),
            label: SvgText {
                x: r1(x + 22.0),
                y: r1(y + SMALL * 0.36),
                text: words.into(),
            },
        });
        x += w;
    }
    let height = (y + 18.0).ceil();

    Some(SvgChart {
        key: format!("p{}", chart.plan),
        width,
        height,
        title: SvgText {
            x: MARGIN,
            y: title_y,
            text: chart.title.clone(),
        },
        subtitle,
        plot: SvgRect {
            x: left,
            y: rows_top,
            w: r1(plot_right - left),
            h: r1(rows_bottom - rows_top),
        },
        header: SvgRect {
            x: left,
            y: header_top,
            w: r1(plot_right - left),
            h: header_h,
        },
        grid_top: header_top,
        grid_bottom: r1(rows_bottom),
        grid_height: r1(rows_bottom - header_top),
        plot_right: r1(plot_right),
        months,
        years,
        groups,
        rows,
        footnotes,
        legend,
    })
}

impl Entry {
    fn kind_word(&self) -> &'static str {
        self.kind.word()
    }
}

/// A diamond's polygon points around (cx, cy).
fn diamond(cx: f64, cy: f64, r: f64) -> String {
    format!(
        "{},{} {},{} {},{} {},{}",
        r1(cx),
        r1(cy - r),
        r1(cx + r),
        r1(cy),
        r1(cx),
        r1(cy + r),
        r1(cx - r),
        r1(cy)
    )
}

/// Splits text into lines no wider than `max` pixels.
fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]), size);
        if w + cw > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            w = 0.0;
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_width_counts_wide_characters_as_one_em() {
        assert_eq!(text_width("阶段", 10.0), 20.0);
        assert_eq!(text_width("10", 10.0), 12.0);
    }

    #[test]
    fn wrap_keeps_every_character_and_each_line_within_the_width() {
        let text = "※1 （四）冬季养护“2022年12月1日—2月10日”：结束日期未写年份";
        let lines = wrap(text, 11.0, 120.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), text);
        assert!(lines.iter().all(|l| text_width(l, 11.0) <= 120.0));
    }

    #[test]
    fn an_inclusive_end_is_drawn_to_the_end_of_its_day() {
        let axis = Axis {
            first: month_index(NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()),
            left: 100.0,
            mw: 60.0,
        };
        let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).unwrap();
        assert_eq!(axis.x(d(3, 1)), 100.0);
        // 3月1日至4月30日 covers March and April exactly.
        assert_eq!(axis.x_end(d(4, 30)), 220.0);
        assert_eq!(axis.x(d(4, 16)), 190.0);
    }

    #[test]
    fn iso_dates_read_back_as_chrono_reads_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        for date in [d(2024, 1, 2), d(1900, 12, 31), d(2200, 2, 28), d(99, 3, 4)] {
            assert_eq!(
                super::super::model::iso(date),
                date.format("%Y-%m-%d").to_string()
            );
            assert_eq!(parse(&super::super::model::iso(date)), Some(date));
        }
        for text in [
            "2022-02-30",
            "2022-4-31",
            "２０２２-01-01",
            "",
            "+2022-01-01",
            "2022-01-01x",
        ] {
            assert_eq!(
                parse(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text}"
            );
        }
    }
}
