//! pest pairs → syntax tree. The only code in policyc that sees pest types.

use pest::iterators::{Pair, Pairs};
use pest::Parser as _;

use super::ast::*;
use crate::diagnostics::Span;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/policy.pest"]
pub(super) struct PolicyParser;

pub(super) type P<'i> = Pair<'i, Rule>;

/// Runs the grammar over `src`.
pub(super) fn parse_pairs(src: &str) -> Result<Pairs<'_, Rule>, Box<pest::error::Error<Rule>>> {
    PolicyParser::parse(Rule::file, src).map_err(Box::new)
}

fn span(p: &P) -> Span {
    let s = p.as_span();
    Span {
        start: s.start(),
        end: s.end(),
    }
}

fn text(p: &P) -> Text {
    Text {
        value: p.as_str().to_string(),
        span: span(p),
    }
}

/// Text of a `text` pair (quoted) or `line_text`/`title_text` pair, without the quotes, trimmed.
fn text_value(p: P) -> Text {
    match p.as_rule() {
        Rule::text => {
            let inner = p.into_inner().next().expect("text has an inner part");
            Text {
                value: dedent(inner.as_str()),
                span: span(&inner),
            }
        }
        _ => {
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
    }
}

/// Multi-line quoted prose is indented to sit inside its block; the indentation is layout,
/// not content, so the common leading white space of the lines is removed.
fn dedent(s: &str) -> String {
    if !s.contains('\n') {
        return s.trim().to_string();
    }
    let lines: Vec<&str> = s.lines().collect();
    let indent = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            out.push(l.trim().to_string());
        } else if l.trim().is_empty() {
            out.push(String::new());
        } else {
            let cut = indent.min(l.len() - l.trim_start().len());
            out.push(l[cut..].trim_end().to_string());
        }
    }
    out.join("\n").trim().to_string()
}

/// The 「 of unquoted free text that no 」 of the same text closes: in `内容：「完成改造` the
/// quotation never closed, so the grammar read the 「 as a character of the line.
fn stray_quotes(p: &P) -> Vec<Span> {
    let mut out = Vec::new();
    for pair in p.clone().into_inner().flatten() {
        if !matches!(
            pair.as_rule(),
            Rule::line_text
                | Rule::title_text
                | Rule::list_item
                | Rule::unit_ref
                | Rule::unit_name
                | Rule::post
                | Rule::person_name
                | Rule::raw_when
                | Rule::printed_by
        ) {
            continue;
        }
        let start = pair.as_span().start();
        let mut open: Vec<usize> = Vec::new();
        for (i, c) in pair.as_str().char_indices() {
            match c {
                '「' => open.push(i),
                '」' => {
                    open.pop();
                }
                _ => {}
            }
        }
        if let Some(&i) = open.first() {
            out.push(Span::new(start + i, start + i + '「'.len_utf8()));
        }
    }
    out
}

pub(super) fn file(p: P) -> File {
    let stray_quotes = stray_quotes(&p);
    let mut items = Vec::new();
    for child in p.into_inner() {
        match child.as_rule() {
            Rule::notice => items.push(TopItem::Notice(notice(child))),
            Rule::plan => items.push(TopItem::Plan(plan(child))),
            Rule::units => items.push(TopItem::Units(units(child))),
            Rule::group => items.push(TopItem::Group(group(child))),
            Rule::lints => items.push(TopItem::Lints(
                child
                    .into_inner()
                    .map(|line| {
                        let sp = span(&line);
                        let mut li = line.into_inner();
                        LintSetting {
                            level: text(&li.next().unwrap()),
                            code: text(&li.next().unwrap()),
                            reason: li.next().map(text_value),
                            span: sp,
                        }
                    })
                    .collect(),
            )),
            _ => {}
        }
    }
    File {
        items,
        stray_quotes,
    }
}

fn notice(p: P) -> Notice {
    let sp = span(&p);
    let mut fields = Vec::new();
    let mut pairs = p.into_inner();
    let document = text(&pairs.next().expect("a notice starts with its kind"));
    for f in pairs {
        let kind = f.as_rule();
        let mut inner = f.into_inner();
        let field = match kind {
            Rule::field_title => NoticeField::Title(text_value(inner.next().unwrap())),
            Rule::field_bookmarks => NoticeField::Bookmarks(text_list(inner.next().unwrap())),
            Rule::field_issuer => NoticeField::Issuer(text_value(inner.next().unwrap())),
            Rule::field_number => NoticeField::Number(text_value(inner.next().unwrap())),
            Rule::field_recipients => {
                let list = inner.next().unwrap();
                if list.as_rule() == Rule::text {
                    NoticeField::RecipientsLine(text_value(list))
                } else {
                    NoticeField::Recipients(text_list(list))
                }
            }
            Rule::field_body => NoticeField::Body(text_value(inner.next().unwrap())),
            Rule::field_signature => NoticeField::Signature(text_value(inner.next().unwrap())),
            Rule::field_date => NoticeField::Date(when(inner.next().unwrap())),
            Rule::field_remark => NoticeField::Remark(text_value(inner.next().unwrap())),
            Rule::field_printed => {
                let by = text(&inner.next().unwrap());
                NoticeField::Printed {
                    by,
                    when: when(inner.next().unwrap()),
                }
            }
            Rule::field_cc => NoticeField::CarbonCopy(text_list(inner.next().unwrap())),
            Rule::field_contact => NoticeField::Contact(text_value(inner.next().unwrap())),
            Rule::field_phone => NoticeField::Phone(text_value(inner.next().unwrap())),
            Rule::field_published => NoticeField::Published(when(inner.next().unwrap())),
            Rule::field_source => NoticeField::Source(text_value(inner.next().unwrap())),
            Rule::field_interprets => NoticeField::Interprets(text_value(inner.next().unwrap())),
            Rule::field_interpreter => NoticeField::Interpreter(text_value(inner.next().unwrap())),
            Rule::paragraph => NoticeField::Paragraph(text_value(inner.next().unwrap())),
            _ => continue,
        };
        fields.push(field);
    }
    Notice {
        kind: document,
        fields,
        span: sp,
    }
}

fn text_list(p: P) -> Vec<Text> {
    p.into_inner().map(|i| text_value(i)).collect()
}

fn plan(p: P) -> Plan {
    let sp = span(&p);
    let keyword = Text {
        value: p.as_str().chars().take(2).collect(),
        span: Span {
            start: sp.start,
            end: sp.start
                + p.as_str()
                    .chars()
                    .take(2)
                    .map(char::len_utf8)
                    .sum::<usize>(),
        },
    };
    let mut inner = p.into_inner();
    let title = text_value(inner.next().unwrap());
    Plan {
        keyword,
        title,
        items: inner.filter_map(item).collect(),
        span: sp,
    }
}

fn item(p: P) -> Option<Item> {
    let it = match p.as_rule() {
        Rule::field_basis => Item::Basis(text_value(p.into_inner().next().unwrap())),
        Rule::field_alias => Item::Alias(text_value(p.into_inner().next().unwrap())),
        Rule::field_period => Item::Period(when(p.into_inner().next().unwrap())),
        Rule::field_issuer => Item::Issuer(text_value(p.into_inner().next().unwrap())),
        Rule::field_contact => Item::Contact(text_value(p.into_inner().next().unwrap())),
        Rule::field_phone => Item::Phone(text_value(p.into_inner().next().unwrap())),
        Rule::field_date => Item::Date(when(p.into_inner().next().unwrap())),
        Rule::section => {
            let sp = span(&p);
            let mut inner = p.into_inner();
            let title = text_value(inner.next().unwrap());
            Item::Section(Section {
                title,
                items: inner.filter_map(item).collect(),
                span: sp,
            })
        }
        Rule::paragraph => Item::Paragraph(text_value(p.into_inner().next().unwrap())),
        Rule::figure => Item::Figure(figure(p)),
        Rule::assume => Item::Assume(figure(p)),
        Rule::breakdown => Item::Breakdown(breakdown(p)),
        Rule::restate => Item::Restate(restate(p)),
        Rule::rate => Item::Rate(Box::new(rate(p))),
        Rule::ratio_decl => {
            let sp = span(&p);
            let mut inner = p.into_inner();
            Item::Ratio(RatioDecl {
                name: text(&inner.next().unwrap()),
                ratio: ratio(inner.next().unwrap()),
                description: inner.next().map(text_value),
                span: sp,
            })
        }
        Rule::rule => Item::Rule(rule(p)),
        Rule::calc => Item::Calc(calc(p)),
        Rule::multiple => Item::Calc(multiple(p)),
        Rule::counted_list => Item::List(counted_list(p)),
        Rule::task => Item::Task(task(p)),
        Rule::phase => Item::Phase(phase(p)),
        Rule::milestone => Item::Milestone(step(p)),
        Rule::table => Item::Table(table(p)),
        Rule::attachment => Item::Attachment(attachment(p)),
        Rule::background => Item::Background(background(p)),
        Rule::units => Item::Units(units(p)),
        Rule::group => Item::Group(group(p)),
        _ => return None,
    };
    Some(it)
}

pub(super) fn quantity(p: P) -> QuantityLit {
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

fn ratio(p: P) -> RatioLit {
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

fn figure(p: P) -> Figure {
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
fn figure_value(p: P) -> (QuantityLit, Option<FigureShape>) {
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

fn background(p: P) -> Background {
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

fn split_ratio(p: P) -> SplitRatio {
    let inner = p.into_inner().next().unwrap();
    match inner.as_rule() {
        Rule::ratio => SplitRatio::Literal(ratio(inner)),
        _ => SplitRatio::Named(text(&inner)),
    }
}

fn breakdown(p: P) -> Breakdown {
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

fn breakdown_line(p: P) -> Option<BreakdownLine> {
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

fn path(p: P) -> Path {
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

fn restate(p: P) -> Restate {
    let sp = span(&p);
    let mut inner = p.into_inner();
    Restate {
        target: path(inner.next().unwrap()),
        value: quantity(inner.next().unwrap()),
        description: inner.next().map(text_value),
        span: sp,
    }
}

fn rate(p: P) -> Rate {
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

fn quantity_placeholder(sp: Span) -> QuantityLit {
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

fn rule(p: P) -> Rule_ {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let mut r = Rule_ {
        name: text(&inner.next().unwrap()),
        description: None,
        input: None,
        branches: Vec::new(),
        otherwise: None,
        examples: Vec::new(),
        notes: Vec::new(),
        span: sp,
    };
    for x in inner {
        match x.as_rule() {
            Rule::text => r.description = Some(text_value(x)),
            Rule::rule_input => r.input = Some(text_value(x.into_inner().next().unwrap())),
            Rule::rule_branch => {
                let bsp = span(&x);
                let mut conditions = Vec::new();
                let mut result = None;
                for y in x.into_inner() {
                    match y.as_rule() {
                        Rule::conditions => conditions.extend(y.into_inner().map(condition)),
                        _ => result = Some(outcome(y)),
                    }
                }
                let mut conditions = conditions.into_iter();
                r.branches.push(Branch {
                    condition: conditions.next().unwrap(),
                    also: conditions.collect(),
                    outcome: result.unwrap(),
                    span: bsp,
                });
            }
            Rule::rule_otherwise => r.otherwise = Some(outcome(x.into_inner().next().unwrap())),
            Rule::rule_example => r.examples.push(example(x)),
            Rule::paragraph => r.notes.push(text_value(x.into_inner().next().unwrap())),
            _ => {}
        }
    }
    r
}

fn example(p: P) -> Example {
    let sp = span(&p);
    let mut e = Example {
        inputs: Vec::new(),
        result: None,
        none: None,
        span: sp,
    };
    for x in p.into_inner() {
        match x.as_rule() {
            Rule::quantity => e.inputs.push(quantity(x)),
            Rule::example_result => {
                let inner = x.into_inner().next().unwrap();
                match inner.as_rule() {
                    Rule::outcome_none => e.none = Some(text(&inner)),
                    _ => e.result = Some(quantity(inner)),
                }
            }
            _ => {}
        }
    }
    e
}

/// The AST's rule type, renamed here because pest's generated enum is also called `Rule`.
type Rule_ = super::ast::Rule;

fn condition(p: P) -> Condition {
    let sp = span(&p);
    let parts: Vec<P> = p.into_inner().collect();
    let quantities = parts
        .iter()
        .filter(|x| x.as_rule() == Rule::quantity)
        .count();
    if quantities == 2 {
        let mut qs = parts.iter().filter(|x| x.as_rule() == Rule::quantity);
        let low = quantity(qs.next().unwrap().clone());
        let high = quantity(qs.next().unwrap().clone());
        let inclusion = parts
            .iter()
            .find(|x| x.as_rule() == Rule::inclusion)
            .map(text);
        return Condition::Between {
            low,
            high,
            inclusion,
            span: sp,
        };
    }
    let mut prefix = None;
    let mut value = quantity_placeholder(sp);
    let mut suffix = None;
    let mut inclusion = None;
    for x in parts {
        match x.as_rule() {
            Rule::bound_words => prefix = Some(text(&x)),
            Rule::quantity => value = quantity(x),
            Rule::bound_suffix => suffix = Some(text(&x)),
            Rule::inclusion => inclusion = Some(text(&x)),
            _ => {}
        }
    }
    Condition::Bound {
        prefix,
        value,
        suffix,
        inclusion,
        span: sp,
    }
}

fn outcome(p: P) -> Outcome {
    let sp = span(&p);
    let mut o = Outcome {
        parts: Vec::new(),
        none: None,
        cap: None,
        span: sp,
    };
    for x in p.into_inner() {
        match x.as_rule() {
            Rule::outcome_none => o.none = Some(text(&x)),
            Rule::outcome_part => {
                let mut source = None;
                let mut value = quantity_placeholder(sp);
                for y in x.into_inner() {
                    match y.as_rule() {
                        Rule::funding_source => source = Some(text(&y)),
                        _ => value = quantity(y),
                    }
                }
                o.parts.push(OutcomePart { source, value });
            }
            Rule::quantity => o.cap = Some(quantity(x)),
            _ => {}
        }
    }
    o
}

fn calc(p: P) -> Calc {
    let sp = span(&p);
    let mut name = None;
    let mut exprs = Vec::new();
    let mut cmp = None;
    let mut description = None;
    for x in p.into_inner() {
        match x.as_rule() {
            Rule::name => name = Some(text(&x)),
            Rule::expr => exprs.push(expr(x)),
            Rule::cmp => cmp = Some(text(&x)),
            Rule::text => description = Some(text_value(x)),
            _ => {}
        }
    }
    let right = exprs.pop().unwrap();
    let left = exprs.pop().unwrap();
    Calc {
        name,
        left,
        cmp: cmp.unwrap(),
        right,
        description,
        multiple: None,
        span: sp,
    }
}

/// 名单 名称 「说明」 { 项：…  共计：… }.
fn counted_list(p: P) -> CountedList {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let name = text(&inner.next().unwrap());
    let mut list = CountedList {
        name,
        description: None,
        items: Vec::new(),
        count: None,
        paragraphs: Vec::new(),
        span: sp,
    };
    for x in inner {
        match x.as_rule() {
            Rule::text => list.description = Some(text_value(x)),
            Rule::list_items => {
                for l in x.into_inner() {
                    list.items.extend(text_list(l));
                }
            }
            Rule::list_count => {
                if let Some(words) = x.into_inner().next() {
                    let whole = text(&words);
                    let number = words
                        .into_inner()
                        .next()
                        .map_or_else(|| whole.clone(), |n| text(&n));
                    list.count = Some((number, whole));
                }
            }
            Rule::paragraph => {
                if let Some(t) = x.into_inner().next() {
                    list.paragraphs.push(text_value(t));
                }
            }
            _ => {}
        }
    }
    list
}

/// 倍数 名称：甲 较 乙 增长一倍, read as a 核算 of 甲 against 乙 with the multiple's words.
fn multiple(p: P) -> Calc {
    let sp = span(&p);
    let mut name = None;
    let mut paths = Vec::new();
    let mut cmp = None;
    let mut words = None;
    let mut description = None;
    for x in p.into_inner() {
        match x.as_rule() {
            Rule::name => name = Some(text(&x)),
            Rule::path => paths.push(Expr::Path(path(x))),
            Rule::multiple_link => cmp = Some(text(&x)),
            Rule::multiple_words => words = Some(text(&x)),
            Rule::text => description = Some(text_value(x)),
            _ => {}
        }
    }
    let right = paths.pop().unwrap();
    let left = paths.pop().unwrap();
    Calc {
        name,
        left,
        cmp: cmp.unwrap(),
        right,
        description,
        multiple: words,
        span: sp,
    }
}

pub(super) fn expr(p: P) -> Expr {
    // expr = term (add_op term)*, term = factor (mul_op factor)*: each a flat chain.
    fn chain(p: P, sub: fn(P) -> Expr) -> Expr {
        let mut inner = p.into_inner();
        let first = sub(inner.next().unwrap());
        let mut rest = Vec::new();
        while let Some(op) = inner.next() {
            let rhs = sub(inner.next().unwrap());
            let op = match op.as_str() {
                "+" | "＋" => BinOp::Add,
                "-" | "－" => BinOp::Sub,
                "×" | "*" => BinOp::Mul,
                _ => BinOp::Div,
            };
            rest.push((op, rhs));
        }
        let Some((_, last)) = rest.last() else {
            return first;
        };
        let span = Span {
            start: first.span().start,
            end: last.span().end,
        };
        Expr::Chain {
            first: Box::new(first),
            rest,
            span,
        }
    }
    fn factor(p: P) -> Expr {
        let inner = p.into_inner().next().unwrap();
        match inner.as_rule() {
            Rule::quantity => Expr::Quantity(quantity(inner)),
            Rule::path => Expr::Path(path(inner)),
            _ => expr(inner),
        }
    }
    fn term(p: P) -> Expr {
        chain(p, factor)
    }
    chain(p, term)
}

fn task(p: P) -> Task {
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

fn unit_list(p: P) -> Vec<Text> {
    p.into_inner()
        .next()
        .unwrap()
        .into_inner()
        .map(|u| text_value(u))
        .collect()
}

fn phase(p: P) -> Phase {
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

fn step(p: P) -> Step {
    let sp = span(&p);
    let mut inner = p.into_inner();
    Step {
        name: text(&inner.next().unwrap()),
        when: when(inner.next().unwrap()),
        description: inner.next().map(text_value),
        span: sp,
    }
}

fn date_point(p: P) -> DatePoint {
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

fn when(p: P) -> When {
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

fn text_value_raw(p: &P) -> Text {
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

fn table(p: P) -> Table {
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
fn cells(p: P) -> Vec<Text> {
    let run = row_cells(p);
    super::cells::raw_cells(&run.value)
        .map(|r| {
            let (value, at) = super::cells::trimmed(&run.value, r);
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
fn row_cells(p: P) -> Text {
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

fn attachment(p: P) -> Attachment {
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

fn units(p: P) -> UnitsBlock {
    let sp = span(&p);
    let lines = p
        .into_inner()
        .map(|line| {
            let mut li = line.into_inner();
            let kind = text(&li.next().unwrap());
            let units = li
                .map(|decl| {
                    let mut di = decl.into_inner();
                    let name = text_value(di.next().unwrap());
                    let aliases = di
                        .next()
                        .map(|a| a.into_inner().map(|n| text_value(n)).collect())
                        .unwrap_or_default();
                    UnitDecl { name, aliases }
                })
                .collect();
            UnitLine { kind, units }
        })
        .collect();
    UnitsBlock { lines, span: sp }
}

fn group(p: P) -> Group {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let kind = text(&inner.next().unwrap());
    let name = text_value(inner.next().unwrap());
    let mut g = Group {
        kind,
        name,
        members: Vec::new(),
        office: None,
        subgroups: Vec::new(),
        paragraphs: Vec::new(),
        span: sp,
    };
    for x in inner {
        match x.as_rule() {
            Rule::member => g.members.push(member(x)),
            Rule::office => {
                let osp = span(&x);
                let mut o = Office {
                    seat: None,
                    members: Vec::new(),
                    paragraphs: Vec::new(),
                    span: osp,
                };
                for y in x.into_inner() {
                    match y.as_rule() {
                        Rule::office_seat => {
                            o.seat = Some(text_value(y.into_inner().next().unwrap()))
                        }
                        Rule::member => o.members.push(member(y)),
                        Rule::paragraph => o
                            .paragraphs
                            .push(text_value(y.into_inner().next().unwrap())),
                        _ => {}
                    }
                }
                g.office = Some(o);
            }
            Rule::group => g.subgroups.push(group(x)),
            Rule::paragraph => g
                .paragraphs
                .push(text_value(x.into_inner().next().unwrap())),
            _ => {}
        }
    }
    g
}

fn member(p: P) -> Member {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let role = text(&inner.next().unwrap());
    let person_pair = inner.next().unwrap();
    let person_inner = person_pair.into_inner().next().unwrap();
    let person = match person_inner.as_rule() {
        Rule::missing_name => Person::Missing(span(&person_inner)),
        Rule::collective => Person::Collective(span(&person_inner)),
        _ => Person::Named(text(&person_inner)),
    };
    let post = inner.next().map(|x| text_value(x));
    Member {
        role,
        person,
        post,
        span: sp,
    }
}
