//! O408: a leadership group's office that does not fit the group: its director is not a
//! member, or it sits in a unit none of the members belongs to.

use std::collections::{HashMap, HashSet};

use super::{names, units_same, Findings};
use crate::diagnostics::Severity;
use crate::model::{post_body, Group, Member, OrgUnit};

/// The members of a group and of its working groups (not of its office).
fn group_members<'a>(g: &'a Group, out: &mut Vec<&'a Member>) {
    out.extend(g.members.iter());
    for s in &g.subgroups {
        group_members(s, out);
    }
}

fn bare(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A director's role: 主任, 办公室主任 (not 副主任).
fn directs(role: &str) -> bool {
    role.ends_with("主任") && !role.contains('副')
}

/// O408, for every group with an office.
pub fn office_outside_group(f: &mut Findings) {
    let by_name: HashMap<&str, &OrgUnit> = f
        .policy
        .units
        .iter()
        .map(|u| (u.name.as_str(), u))
        .collect();
    for g in super::all_groups(f) {
        let Some(office) = &g.office else { continue };
        let mut ms = Vec::new();
        group_members(g, &mut ms);
        let people: HashSet<String> = ms
            .iter()
            .filter_map(|m| m.person.as_deref())
            .map(bare)
            .filter(|p| !p.is_empty())
            .collect();
        // Directors named who are not members: the office reports to the group through them.
        for d in office.members.iter().filter(|m| directs(&m.role)) {
            let Some(person) = d.person.as_deref().map(bare).filter(|p| !p.is_empty()) else {
                continue;
            };
            if people.contains(&person) {
                continue;
            }
            let concurrent = d.post.as_deref().is_some_and(|p| p.contains('兼'));
            let mut diag = f
                .new_diag(
                    "O408",
                    format!(
                        "{}“{}”的办公室{}“{person}”不是小组成员",
                        g.kind, g.name, d.role
                    ),
                )
                .with_primary(
                    f.find_in(d.span, person.as_str()).unwrap_or(d.span),
                    if concurrent {
                        "写明“兼任”，小组成员中却没有此人"
                    } else {
                        "小组成员中没有此人"
                    },
                )
                .with_secondary(f.head(g.span), "所在小组")
                .with_help("核对姓名是否与成员名单一致；办公室主任通常由一名成员兼任");
            if !concurrent {
                diag.severity = Severity::Note;
            }
            f.report(diag);
        }
        // The office's seat: some member should come from it.
        let Some(seat) = &office.seat else { continue };
        let Some(unit) = seat.unit.as_deref().and_then(|n| by_name.get(n).copied()) else {
            continue;
        };
        if unit.kind == "集合" {
            continue;
        }
        let all: Vec<&Member> = ms.iter().copied().chain(office.members.iter()).collect();
        // A member unit that may be the seat under another name is O402's to report.
        let same_unit = |name: &str| {
            name == unit.name
                || by_name
                    .get(name)
                    .is_some_and(|u| units_same(u, unit).is_some())
        };
        let from_seat = all.iter().any(|m| {
            m.unit.as_deref().is_some_and(same_unit)
                || m.post.as_deref().is_some_and(|p| {
                    names(unit).any(|n| p.contains(n.as_str()))
                        || post_body(p).is_some_and(|b| names(unit).any(|n| n.contains(b)))
                })
        });
        if from_seat {
            continue;
        }
        let d = f
            .new_diag(
                "O408",
                format!(
                    "{}“{}”的办公室设在“{}”，但小组成员中没有该单位的人",
                    g.kind, g.name, unit.name
                ),
            )
            .with_primary(seat.span, "办公室所在单位")
            .with_secondary(f.head(g.span), "成员中没有这个单位")
            .with_help("核对办公室所在单位是否写对；若是，通常应有该单位负责人参加小组")
            .with_note("名称相近、可能是同一单位的成员单位不算不符（见 O402）");
        f.report(d);
    }
}
