//! Tasks, phases and steps, and the times they are due.

use super::*;

pub(super) fn task(p: P) -> Task {
    let sp = span(&p);
    let mut t = Task {
        number: None,
        title: None,
        fields: Vec::new(),
        span: sp,
    };
    for x in p.into_inner() {
        let kind = x.as_rule();
        let f = match kind {
            Rule::task_no => {
                t.number = Some(text(&x));
                continue;
            }
            Rule::text | Rule::title_text => {
                t.title = Some(text_value(x));
                continue;
            }
            Rule::field_content => TaskField::Content(text_value(x.into_inner().next().unwrap())),
            Rule::field_lead => TaskField::Lead(unit_list(x)),
            Rule::field_responsible => TaskField::Responsible(unit_list(x)),
            Rule::field_cooperating => TaskField::Cooperating(unit_list(x)),
            Rule::field_implementing => TaskField::Implementing(unit_list(x)),
            Rule::field_duty => TaskField::Duty(text_value(x.into_inner().next().unwrap())),
            Rule::field_deadline => TaskField::Deadline(when(x.into_inner().next().unwrap())),
            Rule::field_start => TaskField::Start(when(x.into_inner().next().unwrap())),
            Rule::field_span => TaskField::Span(when(x.into_inner().next().unwrap())),
            _ => match item(x) {
                Some(i) => TaskField::Item(Box::new(i)),
                None => continue,
            },
        };
        t.fields.push(f);
    }
    t
}

pub(super) fn unit_list(p: P) -> Vec<Text> {
    p.into_inner()
        .next()
        .unwrap()
        .into_inner()
        .map(|u| text_value(u))
        .collect()
}

pub(super) fn phase(p: P) -> Phase {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let name = text(&inner.next().unwrap());
    let w = when(inner.next().unwrap());
    let mut ph = Phase {
        name,
        when: w,
        description: None,
        steps: Vec::new(),
        milestones: Vec::new(),
        paragraphs: Vec::new(),
        tasks: Vec::new(),
        span: sp,
    };
    for x in inner {
        match x.as_rule() {
            Rule::text => ph.description = Some(text_value(x)),
            Rule::step => ph.steps.push(step(x)),
            Rule::milestone => ph.milestones.push(step(x)),
            Rule::paragraph => ph
                .paragraphs
                .push(text_value(x.into_inner().next().unwrap())),
            Rule::task => ph.tasks.push(task(x)),
            _ => {}
        }
    }
    ph
}

pub(super) fn step(p: P) -> Step {
    let sp = span(&p);
    let mut inner = p.into_inner();
    Step {
        name: text(&inner.next().unwrap()),
        when: when(inner.next().unwrap()),
        description: inner.next().map(text_value),
        span: sp,
    }
}

pub(super) fn date_point(p: P) -> DatePoint {
    let mut d = DatePoint {
        span: span(&p),
        ..Default::default()
    };
    for x in p.into_inner() {
        let digits = |x: P| {
            x.into_inner()
                .next()
                .map(|n| text(&n))
                .unwrap_or_else(|| Text {
                    value: String::new(),
                    span: Span::default(),
                })
        };
        match x.as_rule() {
            Rule::iso_date => d.iso = Some(text(&x)),
            Rule::year => d.year = Some(digits(x)),
            Rule::month => d.month = Some(digits(x)),
            Rule::day => d.day = Some(digits(x)),
            Rule::period_part => d.part = Some(text(&x)),
            Rule::within_year => d.whole_year = true,
            Rule::relative_year => d.relative_year = Some(text(&x)),
            Rule::quarter => d.quarter = Some(text(&x.into_inner().next().unwrap())),
            _ => {}
        }
    }
    d
}

pub(super) fn when(p: P) -> When {
    let t = text_value_raw(&p);
    let inner = p.into_inner().next().unwrap();
    let kind = match inner.as_rule() {
        Rule::raw_when => WhenKind::Raw,
        Rule::recurring => WhenKind::Recurring,
        Rule::relative => WhenKind::Relative,
        Rule::staged => WhenKind::Staged(
            inner
                .into_inner()
                .map(|stage| {
                    let mut si = stage.into_inner();
                    let deadline = si.next().unwrap();
                    let written = text_value_raw(&deadline);
                    let mut di = deadline.into_inner();
                    let at = date_point(di.next().unwrap());
                    Stage {
                        deadline: written,
                        at,
                        before: di.next().is_some(),
                        work: text_value_raw(&si.next().unwrap()),
                    }
                })
                .collect(),
        ),
        Rule::deadline => {
            let mut di = inner.into_inner();
            let at = Box::new(date_point(di.next().unwrap()));
            WhenKind::Point {
                at,
                before: di.next().is_some(),
            }
        }
        Rule::repeated_range => {
            let mut years = Vec::new();
            let mut range = None;
            for x in inner.into_inner() {
                match x.as_rule() {
                    Rule::year => years.push(text(&x.into_inner().next().unwrap())),
                    _ => range = Some(x),
                }
            }
            let mut ri = range
                .expect("a repeated range ends in a range")
                .into_inner();
            let from = ri.next().unwrap();
            if from.as_rule() == Rule::year_range {
                WhenKind::Raw
            } else {
                WhenKind::Repeated {
                    years,
                    from: Box::new(date_point(from)),
                    to: Box::new(date_point(ri.next().unwrap())),
                }
            }
        }
        Rule::date_range => {
            let mut ri = inner.into_inner();
            let first = ri.next().unwrap();
            if first.as_rule() == Rule::year_range {
                let mut ni = first.into_inner();
                WhenKind::YearRange {
                    from: text(&ni.next().unwrap()),
                    to: text(&ni.next().unwrap()),
                }
            } else {
                WhenKind::Range {
                    from: Box::new(date_point(first)),
                    to: Box::new(date_point(ri.next().unwrap())),
                }
            }
        }
        _ => WhenKind::Raw,
    };
    When { kind, text: t }
}
