//! Declared units and leadership groups.

use super::*;

pub(super) fn units(p: P) -> UnitsBlock {
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

pub(super) fn group(p: P) -> Group {
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

pub(super) fn member(p: P) -> Member {
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
