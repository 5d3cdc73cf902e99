//! pest pairs → syntax tree. The only code in policyc that sees pest types.

use pest::iterators::{Pair, Pairs};
use pest::Parser as _;

use super::ast::*;
use crate::diagnostics::Span;

mod figures;
mod org;
mod rules;
mod tables;
mod time;

use figures::*;
use org::*;
use rules::*;
use tables::*;
use time::*;

pub(super) use figures::quantity;
pub(super) use rules::expr;

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
