//! O404: units given duties outside the leadership group, judged plan by plan.

use std::collections::{HashMap, HashSet};

use super::near::NameIndex;
use super::{likely_same, members, names, parts, task_name, units_same, Class, Findings};
use crate::diagnostics::{Severity, Span};
use crate::model::{post_body, Group, OrgUnit, Plan, Policy, Task};

/// Where a unit was given a duty, what it was, and whether it leads.
type Duty = (Span, String, bool);

/// O404: a unit given duties (牵头单位, 责任单位) that has no member in the leadership group.
/// Only when the policy has a leadership group; collective units (集合) are not single
/// units and are skipped; a unit that probably is a member unit under another name is left
/// to O402.
pub fn duties_outside_group(f: &mut Findings) {
    for (groups, plans) in scopes(f.policy) {
        let Some(leading) = groups
            .iter()
            .copied()
            .find(|g| g.kind == "领导小组" || g.kind == "工作专班")
        else {
            continue;
        };
        let mut all = Vec::new();
        for g in groups {
            with_subgroups(g, &mut all);
        }
        let tasks: Vec<&Task> = plans.iter().flat_map(|p| p.tasks.iter()).collect();
        judge(f, &all, leading, &tasks);
    }
}

/// A group written inside a plan leads that plan; the groups written outside every plan
/// lead the plans that have none of their own. Each set of leading groups comes with the
/// plans it leads, so that a notice issuing two plans, each with its own 领导小组, has each
/// group judged against its own plan's tasks only.
fn scopes(policy: &Policy) -> Vec<(Vec<&Group>, Vec<&Plan>)> {
    let inside = |g: &Group, p: &Plan| p.span.start <= g.span.start && g.span.end <= p.span.end;
    let top_level: Vec<&Group> = policy
        .groups
        .iter()
        .filter(|g| !policy.plans.iter().any(|p| inside(g, p)))
        .collect();
    let mut out: Vec<(Vec<&Group>, Vec<&Plan>)> = Vec::new();
    for p in &policy.plans {
        let own: Vec<&Group> = policy.groups.iter().filter(|g| inside(g, p)).collect();
        let leaders = if own.is_empty() {
            top_level.clone()
        } else {
            own
        };
        if leaders.is_empty() {
            continue;
        }
        let same = |a: &[&Group], b: &[&Group]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| std::ptr::eq(*x, *y))
        };
        match out.iter_mut().find(|(g, _)| same(g, &leaders)) {
            Some((_, plans)) => plans.push(p),
            None => out.push((leaders, vec![p])),
        }
    }
    out
}

fn with_subgroups<'a>(g: &'a Group, out: &mut Vec<&'a Group>) {
    out.push(g);
    for s in &g.subgroups {
        with_subgroups(s, out);
    }
}

/// O404 for one leading group: the units its plans' tasks give duties to, against the
/// members of `groups` (the leading group, its subgroups and the other groups of its plans).
fn judge(f: &mut Findings, groups: &[&Group], leading: &Group, tasks: &[&Task]) {
    let mut unit_by_name: HashMap<&str, &OrgUnit> = HashMap::new();
    for u in &f.policy.units {
        unit_by_name.entry(u.name.as_str()).or_insert(u);
    }
    let member_units: Vec<&OrgUnit> = groups
        .iter()
        .flat_map(|g| members(g))
        .filter_map(|m| m.unit.as_deref())
        .filter_map(|n| unit_by_name.get(n).copied())
        .collect();
    let member_names: HashSet<&str> = member_units.iter().map(|u| u.name.as_str()).collect();
    let member_index = NameIndex::new(
        member_units
            .iter()
            .enumerate()
            .flat_map(|(k, u)| names(u).map(move |n| (k, n.as_str()))),
    );
    let near_member = |u: &OrgUnit| {
        names(u).any(|n| {
            member_index
                .near(n)
                .into_iter()
                .any(|k| units_same(u, member_units[k]).is_some())
        })
    };
    // A collective member (各乡镇主要负责人) stands for every unit of its kind.
    let covers_kind = |kind: &str| {
        member_units.iter().any(|u| {
            u.kind == "集合"
                && match kind {
                    "乡镇" => {
                        u.name.contains('镇') || u.name.contains('乡') || u.name.contains("苏木")
                    }
                    "街道" => u.name.contains("街道"),
                    "部门" => u.name.contains("部门"),
                    "企业" => u.name.contains("企业") || u.name.contains("公司"),
                    _ => false,
                }
        })
    };
    // Units with duties, in the order first given, with where.
    let mut duties: Vec<(&OrgUnit, Vec<Duty>)> = Vec::new();
    let mut duty_of: HashMap<*const OrgUnit, usize> = HashMap::new();
    for t in tasks {
        for (lead, list) in [(true, &t.lead), (false, &t.responsible)] {
            for r in list {
                let Some(u) = r.unit.as_deref().and_then(|n| unit_by_name.get(n).copied()) else {
                    continue;
                };
                let what = format!(
                    "{}的{}",
                    task_name(t),
                    if lead { "牵头单位" } else { "责任单位" }
                );
                let k = *duty_of.entry(u as *const OrgUnit).or_insert_with(|| {
                    duties.push((u, Vec::new()));
                    duties.len() - 1
                });
                duties[k].1.push((r.span, what, lead));
            }
        }
    }
    // Members' posts as written: 九原供电分局局长 names the 供电分局 a task gives duties to.
    let posts: Vec<&str> = groups
        .iter()
        .flat_map(|g| members(g))
        .filter_map(|m| m.post.as_deref())
        .collect();
    // Posts by their three-character runs, to find the posts a name of three or more
    // characters is part of without reading every post.
    let mut post_runs: HashMap<[char; 3], Vec<usize>> = HashMap::new();
    for (k, p) in posts.iter().enumerate() {
        let chars: Vec<char> = p.chars().collect();
        let mut runs: Vec<[char; 3]> = chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
        runs.sort_unstable();
        runs.dedup();
        for run in runs {
            post_runs.entry(run).or_default().push(k);
        }
    }
    let post_bodies: Vec<&str> = posts.iter().filter_map(|p| post_body(p)).collect();
    let body_index = NameIndex::new(post_bodies.iter().copied().enumerate());
    let in_post = |u: &OrgUnit| {
        names(u).any(|n| {
            let chars: Vec<char> = n.chars().take(3).collect();
            chars.len() == 3
                && post_runs
                    .get(&[chars[0], chars[1], chars[2]])
                    .is_some_and(|ks| ks.iter().any(|&k| posts[k].contains(n.as_str())))
        }) || names(u).any(|n| {
            body_index
                .near(n)
                .into_iter()
                .any(|k| likely_same(n, post_bodies[k]).is_some())
        })
    };
    // Every member's body: its declared unit, or the body its post names.
    let mut bodies: Vec<&str> = Vec::new();
    let mut seen_bodies: HashSet<&str> = HashSet::new();
    for m in groups.iter().flat_map(|g| members(g)) {
        let body = m
            .unit
            .as_deref()
            .or_else(|| m.post.as_deref().and_then(post_body));
        if let Some(b) = body {
            if seen_bodies.insert(b) {
                bodies.push(b);
            }
        }
    }
    let bodies_index = NameIndex::new(bodies.iter().copied().enumerate());
    for (u, places) in duties {
        if u.kind == "集合"
            || member_names.contains(u.name.as_str())
            || covers_kind(&u.kind)
            || near_member(u)
            || in_post(u)
        {
            continue;
        }
        let leads = places.iter().filter(|p| p.2).count();
        let roles = if leads > 0 {
            "牵头负责任务"
        } else {
            "承担任务"
        };
        let mut d = f.new_diag(
            "O404",
            format!(
                "“{}”{roles}，但{}“{}”的成员中没有该单位的人",
                u.name, leading.kind, leading.name
            ),
        );
        if leads == 0 {
            d.severity = Severity::Note;
        }
        for (k, (span, what, _)) in places.iter().enumerate().take(4) {
            d = if k == 0 {
                d.with_primary(*span, what.clone())
            } else {
                d.with_secondary(*span, what.clone())
            };
        }
        if places.len() > 4 {
            d = d.with_note(format!("另有{}处", places.len() - 4));
        }
        let near = similar_bodies(u, &bodies, &bodies_index);
        if !near.is_empty() {
            d = d.with_note(format!(
                "领导小组中有名称相近的成员单位{}，请核对是否指同一单位",
                near.iter().map(|b| format!("“{b}”")).collect::<String>()
            ));
        }
        d = d
            .with_secondary(f.head(leading.span), "成员中没有这个单位")
            .with_help("若该单位应参加领导小组，补列其负责人为成员；若不参加，确认由哪个成员单位协调它的工作");
        f.report(d);
    }
}

/// Member bodies with the same kind of ending as the unit and at least two characters of its
/// name in common: 东河交管大队 for 区交警大队. Not the same unit for sure, worth a look.
fn similar_bodies<'b>(u: &OrgUnit, bodies: &[&'b str], index: &NameIndex) -> Vec<&'b str> {
    let pu = parts(&u.name);
    if matches!(pu.class, Class::Bare | Class::Generic) {
        return Vec::new();
    }
    index
        .sharing_two_chars(pu.class, &pu.content)
        .into_iter()
        .map(|k| bodies[k])
        .collect()
}
