//! Times as written → calendar intervals, and the parts of a plan that carry them.

use super::*;

impl Lower<'_> {
    // ───────────── times ─────────────

    pub(super) fn time(&mut self, w: &ast::When) -> Time {
        let span = w.text.span;
        let reported = self.diags.len();
        let time = self.time_as_written(w);
        // A number too large for a date (E0111) leaves no date to compare: the time is kept
        // as text, never read with the plan's year in place of its own.
        if self.diags[reported..].iter().any(|d| d.code == "E0111") {
            return Time::unreadable(&w.text.value, span);
        }
        self.note_guessed_year(&time);
        time
    }

    /// D224: a date without a year, read in a 实施期限 or phase that spans several years, is
    /// read in the first of them (10月底前 in 2021-2023年 → 2021年10月31日前). That is a guess
    /// the notice does not make; the note shows the reading so that a drafter can write the
    /// year where another one is meant.
    fn note_guessed_year(&mut self, time: &Time) {
        let Some(span) = self.spanning.clone() else {
            return;
        };
        let first_inherited = match &time.kind {
            crate::date::TimeKind::Point { at, .. } => at.year_inherited,
            crate::date::TimeKind::Range { from, .. } => from.year_inherited,
            _ => false,
        };
        let (Some(year), true) = (self.year, first_inherited) else {
            return;
        };
        let day = crate::date::format_chinese;
        let reading = match (&time.kind, time.start, time.end) {
            (crate::date::TimeKind::Point { before: true, .. }, _, Some(e)) => {
                format!("{}前", day(e))
            }
            (_, Some(s), Some(e)) if s == e => day(s),
            (_, Some(s), Some(e)) => format!("{}至{}", day(s), day(e)),
            _ => return,
        };
        let message = format!(
            "“{}”没有写年份，{}跨{}—{}年，按{}年读作{}",
            time.written, span.what, span.first, span.last, year, reading
        );
        let d = self.note("D224", message, time.span, &format!("按{year}年读"));
        d.help = Some(format!(
            "若指{}—{}年中的另一年，请写明年份（如“{}年{}”）；原文如此且确指{}年，可忽略",
            span.first, span.last, span.last, time.written, year
        ));
    }

    /// The stages of a staged deadline, each read as a deadline of its own (empty for any
    /// other time).
    pub(super) fn stages(&mut self, w: &ast::When) -> Vec<DeadlineStage> {
        let ast::WhenKind::Staged(stages) = &w.kind else {
            return Vec::new();
        };
        stages
            .iter()
            .map(|s| {
                let reported = self.diags.len();
                let p = self.date_point(&s.at);
                let time = if self.diags[reported..].iter().any(|d| d.code == "E0111") {
                    Time::unreadable(&s.deadline.value, s.deadline.span)
                } else {
                    Time::point(&s.deadline.value, p, s.before, self.year, s.deadline.span)
                };
                DeadlineStage {
                    time,
                    work: s.work.value.clone(),
                }
            })
            .collect()
    }

    fn time_as_written(&mut self, w: &ast::When) -> Time {
        let span = w.text.span;
        match &w.kind {
            ast::WhenKind::Raw => Time::unreadable(&w.text.value, span),
            // The time a staged deadline gives is its last stage's: the work is due then.
            ast::WhenKind::Staged(_) => {
                let stages = self.stages(w);
                staged_time(w, &stages)
            }
            ast::WhenKind::Recurring => {
                Time::in_words(&w.text.value, crate::date::TimeKind::Recurring, span)
            }
            ast::WhenKind::Relative => {
                Time::in_words(&w.text.value, crate::date::TimeKind::Relative, span)
            }
            ast::WhenKind::Point { at, before } => {
                let p = self.date_point(at);
                Time::point(&w.text.value, p, *before, self.year, span)
            }
            ast::WhenKind::Range { from, to } => {
                let a = self.date_point(from);
                let b = self.date_point(to);
                Time::range(&w.text.value, a, b, self.year, span)
            }
            ast::WhenKind::Repeated { years, from, to } => self.repeated(w, years, from, to),
            ast::WhenKind::YearRange { from, to } => {
                match (self.date_number(from, "年"), self.date_number(to, "年")) {
                    (Some(a), Some(b)) => Time::year_range(&w.text.value, a, b, span),
                    _ => Time::unreadable(&w.text.value, span),
                }
            }
        }
    }

    /// 2022年、2023年12月1日-30日: the window read in the last year as written, then in each
    /// listed year; the time spans from the first window's start to the last one's end, and
    /// keeps every window. A window that cannot be read leaves the time as the last one alone.
    fn repeated(
        &mut self,
        w: &ast::When,
        years: &[ast::Text],
        from: &ast::DatePoint,
        to: &ast::DatePoint,
    ) -> Time {
        let span = w.text.span;
        let a = self.date_point(from);
        let b = self.date_point(to);
        let last = Time::range(&w.text.value, a.clone(), b.clone(), self.year, span);
        let mut windows = Vec::new();
        for y in years {
            let Some(year) = self.date_number::<i32>(y, "年") else {
                return last;
            };
            let (mut a, mut b) = (a.clone(), b.clone());
            let shift = b.year.zip(a.year).map(|(to, from)| to - from);
            a.year = Some(year);
            b.year = shift.map(|d| year + d);
            let t = Time::range(&w.text.value, a, b, Some(year), span);
            match (t.start, t.end, &t.problem) {
                (Some(start), Some(end), None) => windows.push(crate::date::Window { start, end }),
                _ => return last,
            }
        }
        match (last.start, last.end, &last.problem) {
            (Some(start), Some(end), None) => {
                windows.push(crate::date::Window { start, end });
            }
            _ => return last,
        }
        windows.sort_by_key(|x| x.start);
        let mut time = last;
        if let crate::date::TimeKind::Range { from, .. } = &mut time.kind {
            let first = windows[0].start;
            from.year = Some(chrono::Datelike::year(&first));
            from.year_inherited = false;
        }
        time.start = windows.first().map(|x| x.start);
        time.end = windows.last().map(|x| x.end);
        time.windows = windows;
        time
    }

    pub(super) fn date_point(&mut self, p: &ast::DatePoint) -> DatePoint {
        if let Some(iso) = &p.iso {
            let mut it = iso.value.split('-').map(|s| s.parse::<u32>().ok());
            let (y, m, d) = (
                it.next().flatten(),
                it.next().flatten(),
                it.next().flatten(),
            );
            return DatePoint {
                year: y.map(|y| y as i32),
                year_inherited: false,
                month: m,
                day: d,
                part: None,
                quarter: None,
            };
        }
        let year = match &p.relative_year {
            Some(word) => self.relative_year(word),
            None => p.year.as_ref().and_then(|t| self.date_number(t, "年")),
        };
        DatePoint {
            year,
            year_inherited: false,
            month: p.month.as_ref().and_then(|t| self.date_number(t, "月")),
            day: p.day.as_ref().and_then(|t| self.date_number(t, "日")),
            part: p
                .part
                .as_ref()
                .and_then(|t| PartOfPeriod::from_written(&t.value)),
            quarter: p
                .quarter
                .as_ref()
                .and_then(|t| match crate::quantity::parse_chinese_numeral(&t.value) {
                    Some(n) => u32::try_from(n).ok(),
                    None => self.date_number(t, "季度"),
                }),
        }
    }

    /// 今年, 明年, 去年: the year of the document's date (成文日期), or one more or less, with
    /// a note (D220) that says how it was read. Without a document date the plan's year (its
    /// 期限 or title) stands in, and the note says so and how to write the year instead.
    fn relative_year(&mut self, word: &ast::Text) -> Option<i32> {
        let offset = match word.value.as_str() {
            "明年" => 1,
            "去年" | "上年" => -1,
            _ => 0,
        };
        let w = &word.value;
        let (message, year) = match (&self.document_date, self.year) {
            (Some((written, year)), _) => (
                format!("“{w}”按成文日期（{written}）读作{}年", year + offset),
                *year,
            ),
            (None, Some(year)) => (
                format!(
                    "通知没有写成文日期，“{w}”按方案的年份（{year}年）读作{}年",
                    year + offset
                ),
                year,
            ),
            (None, None) => return None,
        };
        let read = year + offset;
        let no_date = self.document_date.is_none();
        let d = self.note("D220", message, word.span, &format!("读作{read}年"));
        d.help = Some(if no_date {
            format!("“{}”是相对成文日期说的：请在“通知”中写明成文日期；原文没有成文日期时，这个年份只是推测，请与起草单位核对", word.value)
        } else {
            "照原文写“今年”“明年”即可；若原文的年份与此不同，请核对成文日期".into()
        });
        Some(read)
    }

    /// A year, month, day or quarter number as written. One that fits is kept as written,
    /// however unlikely, for the date checks to report (D201, D208: 2202年, 13月); one too
    /// large to hold (18446744073709551616年) is refused here with E0111, never clamped to
    /// the largest number that fits, nor dropped so that the plan's year takes its place.
    fn date_number<T: TryFrom<u64>>(&mut self, t: &ast::Text, unit: &str) -> Option<T> {
        if let Some(v) = int(&t.value).and_then(|v| T::try_from(v).ok()) {
            return Some(v);
        }
        let (what, range) = match unit {
            "年" => (
                "年份",
                format!(
                    "年份应在 {}—{} 年之间",
                    crate::date::YEAR_RANGE.0,
                    crate::date::YEAR_RANGE.1
                ),
            ),
            "月" => ("月份", "月份应在 1—12 之间".to_string()),
            "季度" => ("季度", "季度应在 1—4 之间".to_string()),
            _ => ("日期", "日期应在 1—31 之间".to_string()),
        };
        self.error(
            "E0111",
            format!("{what}“{}{unit}”的数字过大，无法作为日期", t.value),
            t.span,
            "数字过大",
        )
        .help = Some(format!("{range}；请核对是否多打了数字"));
        None
    }

    pub(super) fn phase(&mut self, p: &ast::Phase, plan: &mut Plan) -> Phase {
        let time = self.time(&p.when);
        // Steps without a year take the phase's.
        let outer = self.year;
        let outer_span = self.spanning.clone();
        if let Some(y) = time.year() {
            self.year = Some(y);
            self.spanning = YearSpan::of("该阶段", &time);
        }
        let steps = p.steps.iter().map(|s| self.step(s)).collect();
        let milestones = p.milestones.iter().map(|s| self.step(s)).collect();
        for t in &p.tasks {
            let task = self.task(t, plan, Some(&p.name.value));
            plan.tasks.push(task);
        }
        self.year = outer;
        self.spanning = outer_span;
        Phase {
            name: p.name.value.clone(),
            time,
            description: p.description.as_ref().map(|d| d.value.clone()),
            steps,
            milestones,
            paragraphs: p.paragraphs.iter().map(|t| t.value.clone()).collect(),
            span: p.span,
        }
    }

    pub(super) fn step(&mut self, s: &ast::Step) -> Step {
        Step {
            name: s.name.value.clone(),
            time: self.time(&s.when),
            description: s.description.as_ref().map(|d| d.value.clone()),
            span: s.span,
        }
    }
}

pub(super) fn int(s: &str) -> Option<u64> {
    crate::quantity::parse_number(s)
        .ok()
        .and_then(|(v, _)| u64::try_from(v).ok())
}

/// The year a title names (东河区2021年清洁取暖实施方案 → 2021), for dates that omit theirs.
pub(super) fn title_year(title: &str) -> Option<i32> {
    let chars: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
    chars.windows(5).find_map(|w| {
        if w[4] == '年' && w[..4].iter().all(char::is_ascii_digit) {
            w[..4].iter().collect::<String>().parse().ok()
        } else {
            None
        }
    })
}

/// The time a staged deadline gives: its last stage's, the work being due then, written as
/// the whole deadline.
pub(super) fn staged_time(w: &ast::When, stages: &[DeadlineStage]) -> Time {
    match stages.last() {
        Some(last) => Time {
            written: w.text.value.clone(),
            span: w.text.span,
            ..last.time.clone()
        },
        None => Time::unreadable(&w.text.value, w.text.span),
    }
}

/// A 实施期限 or phase that spans more than one calendar year.
#[derive(Debug, Clone)]
pub(super) struct YearSpan {
    /// 实施期限 or 该阶段, as the note names it.
    what: &'static str,
    first: i32,
    last: i32,
}

impl YearSpan {
    pub(super) fn of(what: &'static str, t: &Time) -> Option<YearSpan> {
        use chrono::Datelike;
        let (first, last) = (t.start?.year(), t.end?.year());
        (first < last).then_some(YearSpan { what, first, last })
    }
}
