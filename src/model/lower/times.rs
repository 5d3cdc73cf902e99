//! Times as written → calendar intervals, and the parts of a plan that carry them.

use super::*;

impl Lower<'_> {
    // ───────────── times ─────────────

    pub(super) fn time(&mut self, w: &ast::When) -> Time {
        let span = w.text.span;
        match &w.kind {
            ast::WhenKind::Raw => Time::unreadable(&w.text.value, span),
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
            ast::WhenKind::YearRange { from, to } => match (int(&from.value), int(&to.value)) {
                (Some(a), Some(b)) => {
                    Time::year_range(&w.text.value, saturating_i32(a), saturating_i32(b), span)
                }
                _ => Time::unreadable(&w.text.value, span),
            },
        }
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
        DatePoint {
            year: p
                .year
                .as_ref()
                .and_then(|t| int(&t.value))
                .map(saturating_i32),
            year_inherited: false,
            month: p
                .month
                .as_ref()
                .and_then(|t| int(&t.value))
                .map(saturating_u32),
            day: p
                .day
                .as_ref()
                .and_then(|t| int(&t.value))
                .map(saturating_u32),
            part: p
                .part
                .as_ref()
                .and_then(|t| PartOfPeriod::from_written(&t.value)),
            quarter: p
                .quarter
                .as_ref()
                .and_then(|t| {
                    int(&t.value).or_else(|| {
                        crate::quantity::parse_chinese_numeral(&t.value)
                            .and_then(|d| u64::try_from(d).ok())
                    })
                })
                .map(saturating_u32),
        }
    }

    pub(super) fn phase(&mut self, p: &ast::Phase, plan: &mut Plan) -> Phase {
        let time = self.time(&p.when);
        // Steps without a year take the phase's.
        let outer = self.year;
        if let Some(y) = time.year() {
            self.year = Some(y);
        }
        let steps = p.steps.iter().map(|s| self.step(s)).collect();
        let milestones = p.milestones.iter().map(|s| self.step(s)).collect();
        for t in &p.tasks {
            let task = self.task(t, plan, Some(&p.name.value));
            plan.tasks.push(task);
        }
        self.year = outer;
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

/// A year, month or day number as written, kept out of range rather than wrapped: 4294969296年
/// must be reported as a year outside the accepted range, not read as 2000年.
pub(super) fn saturating_i32(v: u64) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

pub(super) fn saturating_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
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
