//! Tables, their cells and attachments.

use super::*;

pub(super) fn text_value_raw(p: &P) -> Text {
    let raw = p.as_str();
    let trimmed = raw.trim_end();
    Text {
        value: trimmed.to_string(),
        span: Span {
            start: p.as_span().start(),
            end: p.as_span().start() + trimmed.len(),
        },
    }
}

pub(super) fn table(p: P) -> Table {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let mut t = Table {
        name: text(&inner.next().unwrap()),
        title: None,
        lines: Vec::new(),
        span: sp,
    };
    for x in inner {
        let line = match x.as_rule() {
            Rule::text => {
                t.title = Some(text_value(x));
                continue;
            }
            Rule::table_unit => TableLine::Unit(text(&x.into_inner().next().unwrap())),
            Rule::table_columns => TableLine::Columns(cells(x)),
            Rule::table_total => TableLine::Total(row_cells(x)),
            Rule::table_subtotal => TableLine::Subtotal(row_cells(x)),
            Rule::table_row => TableLine::Row(row_cells(x)),
            Rule::table_blank => TableLine::Blank {
                count: text(&x.into_inner().next().unwrap()),
            },
            Rule::table_relation => {
                let rsp = span(&x);
                let mut ri = x.into_inner();
                let left = expr(ri.next().unwrap());
                let cmp = text(&ri.next().unwrap());
                let right = expr(ri.next().unwrap());
                TableLine::Relation(Box::new(Relation {
                    left,
                    cmp,
                    right,
                    span: rsp,
                }))
            }
            Rule::table_note => TableLine::Note(text_value(x.into_inner().next().unwrap())),
            Rule::table_text => TableLine::Text(text_value(x.into_inner().next().unwrap())),
            _ => continue,
        };
        t.lines.push(line);
    }
    t
}

/// The cells of a table line, one [`Text`] each (for 列: a handful per table).
pub(super) fn cells(p: P) -> Vec<Text> {
    let run = row_cells(p);
    crate::syntax::cells::raw_cells(&run.value)
        .map(|r| {
            let (value, at) = crate::syntax::cells::trimmed(&run.value, r);
            Text {
                value: value.to_string(),
                span: Span {
                    start: run.span.start + at.start,
                    end: run.span.start + at.end,
                },
            }
        })
        .collect()
}

/// The cells of a table row as one text, trimmed at both ends: from its first cell to its
/// last, bars included (see [`TableLine::Row`]).
pub(super) fn row_cells(p: P) -> Text {
    let c = p.into_inner().next().unwrap();
    let raw = c.as_str();
    let lead = raw.len() - raw.trim_start().len();
    let value = raw.trim();
    let start = c.as_span().start() + lead;
    Text {
        value: value.to_string(),
        span: Span {
            start,
            end: start + value.len(),
        },
    }
}

pub(super) fn attachment(p: P) -> Attachment {
    let sp = span(&p);
    let has_body = p.as_str().trim_end().ends_with(['}', '｝']);
    let mut a = Attachment {
        number: None,
        title: Text {
            value: String::new(),
            span: sp,
        },
        label: None,
        items: Vec::new(),
        has_body,
        span: sp,
    };
    for x in p.into_inner() {
        match x.as_rule() {
            Rule::task_no => a.number = Some(text(&x)),
            Rule::text | Rule::title_text => a.title = text_value(x),
            Rule::attachment_label => a.label = x.into_inner().next().map(text_value),
            _ => a.items.extend(item(x)),
        }
    }
    a
}
