//! Subsidy rules, their worked examples, 核算 lines, counted lists and multiples.

use super::*;

pub(super) fn rule(p: P) -> Rule_ {
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

pub(super) fn example(p: P) -> Example {
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
type Rule_ = crate::syntax::ast::Rule;

pub(super) fn condition(p: P) -> Condition {
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

pub(super) fn outcome(p: P) -> Outcome {
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

pub(super) fn calc(p: P) -> Calc {
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
pub(super) fn counted_list(p: P) -> CountedList {
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
pub(super) fn multiple(p: P) -> Calc {
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

pub(in crate::syntax) fn expr(p: P) -> Expr {
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
