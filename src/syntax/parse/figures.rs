//! Figures, breakdowns, restatements and rates: the pairs of a notice's numbers.

use super::*;

pub(in crate::syntax) fn quantity(p: P) -> QuantityLit {
    let sp = span(&p);
    let mut q = QuantityLit {
        approx_prefix: None,
        approx_suffix: false,
        bound: None,
        number: Text {
            value: String::new(),
            span: sp,
        },
        chinese_numeral: false,
        magnitude: None,
        unit: None,
        span: sp,
    };
    for part in p.into_inner() {
        match part.as_rule() {
            Rule::approx_prefix => q.approx_prefix = Some(text(&part)),
            Rule::approx_suffix => q.approx_suffix = true,
            Rule::near_prefix | Rule::more_suffix if q.bound.is_none() => {
                q.bound = Some(text(&part));
            }
            Rule::number => q.number = text(&part),
            Rule::cn_number => {
                q.number = text(&part);
                q.chinese_numeral = true;
            }
            Rule::magnitude => q.magnitude = Some(text(&part)),
            Rule::unit => q.unit = Some(text(&part)),
            _ => {}
        }
    }
    q
}

pub(super) fn ratio(p: P) -> RatioLit {
    let sp = span(&p);
    let mut terms = Vec::new();
    let s = p.as_str();
    let mut offset = 0;
    for piece in s.split([':', '：']) {
        terms.push(Text {
            value: piece.to_string(),
            span: Span {
                start: sp.start + offset,
                end: sp.start + offset + piece.len(),
            },
        });
        // Skip the piece and the colon after it (':' is 1 byte, '：' is 3).
        offset += piece.len();
        offset += s[offset..].chars().next().map_or(0, char::len_utf8);
    }
    RatioLit { terms, span: sp }
}

pub(super) fn figure(p: P) -> Figure {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let name = text(&inner.next().unwrap());
    let (value, shape) = figure_value(inner.next().unwrap());
    Figure {
        name,
        value,
        shape,
        description: inner.next().map(text_value),
        span: sp,
    }
}

/// A 指标's value: a plain figure, or a bound, a range or a product of figures.
pub(super) fn figure_value(p: P) -> (QuantityLit, Option<FigureShape>) {
    let grammar_rule = p.as_rule();
    if grammar_rule == Rule::quantity {
        return (quantity(p), None);
    }
    let written = text(&p);
    let mut figures = Vec::new();
    let (mut before, mut after) = (None, None);
    for x in p.into_inner() {
        match x.as_rule() {
            Rule::quantity => figures.push(quantity(x)),
            Rule::bound_words => before = Some(text(&x)),
            Rule::bound_suffix => after = Some(text(&x)),
            _ => {}
        }
    }
    let mut figures = figures.into_iter();
    let value = figures.next().expect("a figure value holds a quantity");
    let kind = match grammar_rule {
        Rule::figure_range => ShapeKind::Range {
            high: figures.next().expect("a range has two ends"),
        },
        Rule::figure_product => ShapeKind::Product {
            factors: figures.collect(),
        },
        _ => ShapeKind::Bound { before, after },
    };
    (value, Some(FigureShape { kind, written }))
}

pub(super) fn background(p: P) -> Background {
    let mut b = Background {
        description: None,
        time: None,
        items: Vec::new(),
        span: span(&p),
    };
    for x in p.into_inner() {
        match x.as_rule() {
            Rule::text => b.description = Some(text_value(x)),
            Rule::background_time => b.time = Some(when(x.into_inner().next().unwrap())),
            _ => b.items.extend(item(x)),
        }
    }
    b
}

pub(super) fn split_ratio(p: P) -> SplitRatio {
    let inner = p.into_inner().next().unwrap();
    match inner.as_rule() {
        Rule::ratio => SplitRatio::Literal(ratio(inner)),
        _ => SplitRatio::Named(text(&inner)),
    }
}

pub(super) fn breakdown(p: P) -> Breakdown {
    let sp = span(&p);
    let mut b = Breakdown {
        name: Text {
            value: String::new(),
            span: sp,
        },
        dimension: None,
        ratio: None,
        description: None,
        lines: Vec::new(),
        span: sp,
    };
    for part in p.into_inner() {
        match part.as_rule() {
            Rule::name | Rule::label => b.name = text(&part),
            Rule::by => b.dimension = Some(text(&part.into_inner().next().unwrap())),
            Rule::split_ratio => b.ratio = Some(split_ratio(part)),
            Rule::text => b.description = Some(text_value(part)),
            _ => b.lines.extend(breakdown_line(part)),
        }
    }
    b
}

pub(super) fn breakdown_line(p: P) -> Option<BreakdownLine> {
    match p.as_rule() {
        Rule::total => {
            let keyword = Text {
                value: p.as_str().chars().take(2).collect(),
                span: Span {
                    start: span(&p).start,
                    end: span(&p).start + 6,
                },
            };
            let value = quantity(p.into_inner().next().unwrap());
            Some(BreakdownLine::Total { keyword, value })
        }
        Rule::restate => Some(BreakdownLine::Restate(restate(p))),
        Rule::part => {
            let sp = span(&p);
            let mut inner = p.into_inner();
            let first = inner.next().unwrap();
            // A label in 「」 may hold characters a bare label cannot (太阳能+).
            let label = if first.as_rule() == Rule::text {
                text_value(first)
            } else {
                text(&first)
            };
            let mut part = Part {
                label,
                dimension: None,
                ratio: None,
                value: QuantityLit {
                    approx_prefix: None,
                    approx_suffix: false,
                    bound: None,
                    number: Text {
                        value: String::new(),
                        span: sp,
                    },
                    chinese_numeral: false,
                    magnitude: None,
                    unit: None,
                    span: sp,
                },
                description: None,
                lines: Vec::new(),
                span: sp,
            };
            for x in inner {
                match x.as_rule() {
                    Rule::by => part.dimension = Some(text(&x.into_inner().next().unwrap())),
                    Rule::split_ratio => part.ratio = Some(split_ratio(x)),
                    Rule::quantity => part.value = quantity(x),
                    Rule::text => part.description = Some(text_value(x)),
                    _ => part.lines.extend(breakdown_line(x)),
                }
            }
            Some(BreakdownLine::Part(part))
        }
        _ => None,
    }
}

pub(super) fn path(p: P) -> Path {
    let sp = span(&p);
    let segments = p
        .into_inner()
        .map(|s| match s.as_rule() {
            Rule::text => text_value(s),
            _ => text(&s),
        })
        .collect();
    Path { segments, span: sp }
}

pub(super) fn restate(p: P) -> Restate {
    let sp = span(&p);
    let mut inner = p.into_inner();
    Restate {
        target: path(inner.next().unwrap()),
        value: quantity(inner.next().unwrap()),
        description: inner.next().map(text_value),
        span: sp,
    }
}

pub(super) fn rate(p: P) -> Rate {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let mut r = Rate {
        name: text(&inner.next().unwrap()),
        value: quantity(inner.next().unwrap()),
        description: None,
        cap: None,
        term: None,
        notes: Vec::new(),
        span: sp,
    };
    for x in inner {
        match x.as_rule() {
            Rule::text => r.description = Some(text_value(x)),
            Rule::rate_cap => {
                let csp = span(&x);
                let mut cap = Cap {
                    scope: None,
                    bound: None,
                    value: quantity_placeholder(csp),
                    suffix: None,
                    span: csp,
                };
                for c in x.into_inner() {
                    match c.as_rule() {
                        Rule::cap_scope => cap.scope = Some(text(&c)),
                        Rule::bound_words => cap.bound = Some(text(&c)),
                        Rule::quantity => cap.value = quantity(c),
                        Rule::bound_suffix => cap.suffix = Some(text(&c)),
                        _ => {}
                    }
                }
                r.cap = Some(cap);
            }
            Rule::rate_term => r.term = Some(quantity(x.into_inner().next().unwrap())),
            Rule::paragraph => r.notes.push(text_value(x.into_inner().next().unwrap())),
            _ => {}
        }
    }
    r
}

pub(super) fn quantity_placeholder(sp: Span) -> QuantityLit {
    QuantityLit {
        approx_prefix: None,
        approx_suffix: false,
        bound: None,
        number: Text {
            value: String::new(),
            span: sp,
        },
        chinese_numeral: false,
        magnitude: None,
        unit: None,
        span: sp,
    }
}
