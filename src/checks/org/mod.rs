//! O4xx: the organisation. Tasks without a lead unit, one unit under two names, leadership
//! posts without a person, units given duties outside the leadership group, roles that are
//! not roles, attachments listed but not included.
//!
//! Units referred to but never declared are the front end's (E0103), not reported here.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::Findings;
use crate::diagnostics::{Diagnostic, Severity, Span};
use crate::memo::{remembered, Memo};
use crate::model::{Group, Member, OrgUnit, Task, UnitRef};
use near::NameIndex;

mod duties;
mod members;
mod near;
mod office;
mod posts;
mod same;
mod variants;

pub use duties::duties_outside_group;
pub use members::member_line_slips;
pub use office::office_outside_group;
pub use posts::posts_name_undeclared_units;
use same::{
    likely_same, names, near_pairs, parts, places_agree, subsequence, units_same, Class, Parts,
    Same,
};
pub use variants::one_unit_two_names;

fn task_name(t: &Task) -> String {
    match (&t.number, &t.title) {
        (Some(n), Some(title)) => format!("任务{n}“{title}”"),
        (Some(n), None) => format!("任务{n}"),
        (None, Some(title)) => format!("任务“{title}”"),
        (None, None) => "任务".to_string(),
    }
}

fn all_tasks<'a>(f: &Findings<'a>) -> impl Iterator<Item = &'a Task> {
    f.policy.plans.iter().flat_map(|p| p.tasks.iter())
}

/// Every group with its subgroups, depth first.
fn all_groups<'a>(f: &Findings<'a>) -> Vec<&'a Group> {
    fn walk<'a>(g: &'a Group, out: &mut Vec<&'a Group>) {
        out.push(g);
        for s in &g.subgroups {
            walk(s, out);
        }
    }
    let mut out = Vec::new();
    for g in &f.policy.groups {
        walk(g, &mut out);
    }
    out
}

/// A group's own members and its office's.
fn members(g: &Group) -> impl Iterator<Item = &Member> {
    g.members
        .iter()
        .chain(g.office.iter().flat_map(|o| o.members.iter()))
}

// ───────────────────────────── O401 ─────────────────────────────

/// A task numbered as the items of a list in prose are: 一是、二是 … (its number, or the first
/// words of its title or content).
fn prose_numbered(t: &Task) -> bool {
    let numbered = |s: &str| {
        let s = s.trim_start();
        let digits = s
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        digits > 0 && s.chars().nth(digits) == Some('是')
    };
    [
        t.number.as_deref(),
        t.title.as_deref(),
        t.content.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(numbered)
}

/// O401: a task without a lead unit (牵头单位). A task with only 责任单位 is still without a
/// lead: with one such unit it is worth a look (a note), with several nobody answers for
/// the whole (a warning).
pub fn task_without_lead(f: &mut Findings) {
    for t in all_tasks(f) {
        if !t.lead.is_empty() {
            continue;
        }
        let others: Vec<(&str, &UnitRef)> = [
            ("责任单位", &t.responsible),
            ("实施单位", &t.implementing),
            ("配合单位", &t.cooperating),
        ]
        .into_iter()
        .flat_map(|(k, l)| l.iter().map(move |r| (k, r)))
        .collect();
        let carrying: Vec<&(&str, &UnitRef)> =
            others.iter().filter(|(k, _)| *k != "配合单位").collect();
        let collective = |r: &UnitRef| {
            r.unit.as_deref().is_some_and(|n| {
                f.policy
                    .units
                    .iter()
                    .any(|u| u.name == n && u.kind == "集合")
            })
        };
        // One unit carrying the task is its lead whatever the heading calls it; units that are
        // all collective (各乡镇、各街道) each answer for their own area (属地负责), which
        // notices do not give a lead. Neither is worth a reviewer's time.
        if carrying.len() == 1
            || (!carrying.is_empty() && carrying.iter().all(|(_, r)| collective(r)))
        {
            continue;
        }
        // 一是…二是…: the items of a list in prose, which the text around them assigns.
        if others.is_empty() && prose_numbered(t) {
            continue;
        }
        let name = task_name(t);
        let mut d = if others.is_empty() {
            f.new_diag(
                "O401",
                format!("{name}没有写牵头单位，也没有写任何责任单位"),
            )
            .with_primary(f.head(t.span), "没有牵头单位")
        } else {
            // 责任单位“区住建局”“区财政局”、配合单位“区财政局”
            let mut listed: Vec<String> = Vec::new();
            for kind in ["责任单位", "实施单位", "配合单位"] {
                let names: String = others
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, r)| format!("“{}”", r.written))
                    .collect();
                if !names.is_empty() {
                    listed.push(format!("{kind}{names}"));
                }
            }
            let mut d = f
                .new_diag(
                    "O401",
                    format!("{name}没有写牵头单位，只写了{}", listed.join("、")),
                )
                .with_primary(f.head(t.span), "没有牵头单位");
            for (k, r) in &others {
                d = d.with_secondary(r.span, format!("{k}，不是牵头单位"));
            }
            d
        };
        d = d.with_help(
            "明确一个对任务负总责的牵头单位，写作“牵头单位：…”；其余单位写作责任单位或配合单位",
        );
        f.report(d);
    }
}

// ───────────────────────────── O403 ─────────────────────────────

/// O403: a leadership post whose holder's name the notice leaves out.
pub fn post_without_name(f: &mut Findings) {
    for g in all_groups(f) {
        let all: Vec<&Member> = members(g).collect();
        // A line written wrong (O407) is reported there, once.
        let missing: Vec<&Member> = all
            .iter()
            .copied()
            .filter(|m| m.name_missing && m.slip.is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let named = all
            .iter()
            .filter(|m| m.person.as_deref().is_some_and(|p| !p.is_empty()))
            .count();
        if named == 0 {
            // The group lists posts only: a style, not an omission. One note for the group.
            let mut d = f
                .new_diag(
                    "O403",
                    format!("{}“{}”只列职务，没有列出任何人的姓名", g.kind, g.name),
                )
                .with_primary(f.head(g.span), format!("{}个职务都没有姓名", missing.len()));
            d.severity = Severity::Note;
            f.report(
                d.with_help("如需明确责任人，列出各职务人员的姓名；按职务组成的小组可忽略本提示"),
            );
            continue;
        }
        // 担任“副组长”的“分管副区长”
        let who = |m: &Member| match m.post.as_deref() {
            Some(p) => format!("担任“{}”的“{p}”", m.role),
            None => format!("“{}”", m.role),
        };
        let message = match missing.as_slice() {
            [one] => format!("{}“{}”中{}没有写姓名", g.kind, g.name, who(one)),
            many => format!("{}“{}”中有{}个职务没有写姓名", g.kind, g.name, many.len()),
        };
        let mut d = f.new_diag("O403", message);
        for m in &missing {
            let span = f
                .find_in(m.span, "（未列姓名）")
                .or_else(|| f.find_in(m.span, "(未列姓名)"))
                .unwrap_or(m.span);
            let label = match &m.post {
                Some(p) if missing.len() > 1 => format!("{p}：缺少姓名"),
                _ => "缺少姓名".to_string(),
            };
            d = d.with_primary(span, label);
        }
        d = d
            .with_secondary(f.head(g.span), "所在小组")
            .with_note(format!("同一小组的其他{named}个职务都写了姓名"))
            .with_help(if missing.len() == 1 {
                "补上担任这一职务的人的姓名，或确认这一职务确实暂缺"
            } else {
                "补上担任这些职务的人的姓名，或确认这些职务确实暂缺"
            });
        f.report(d);
    }
}

// ───────────────────────────── O405 ─────────────────────────────

/// Roles a member of a leadership or working group can have, the most common first (the
/// order O405 suggests them in).
const ROLES: &[&str] = &[
    "组长",
    "副组长",
    "成员",
    "主任",
    "副主任",
    "第一副组长",
    "常务副组长",
    "执行组长",
    "执行副组长",
    "第一组长",
    "组员",
    "成员单位",
    "常务副主任",
    "执行主任",
    "办公室主任",
    "办公室副主任",
    "工作人员",
    "联系人",
    "联络员",
    "秘书长",
    "副秘书长",
    "顾问",
    "总指挥",
    "副总指挥",
    "指挥长",
    "副指挥长",
    "常务副指挥长",
    "召集人",
    "副召集人",
    "负责人",
    "牵头人",
    "委员",
    "主任委员",
    "副主任委员",
    "专班长",
    "副专班长",
    "班长",
    "副班长",
];

fn known_role(role: &str) -> bool {
    let bare: String = role
        .split(['（', '('])
        .next()
        .unwrap_or(role)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    !bare.is_empty() && bare.split('兼').all(|r| ROLES.contains(&r))
}

/// O405: a role that is not one a group has (a garbled 长 for 组长).
pub fn unknown_role(f: &mut Findings) {
    for g in all_groups(f) {
        let present: Vec<&str> = members(g).map(|m| m.role.as_str()).collect();
        // The same garbled role on several lines (长：… 长：… 员：…) is one finding.
        let mut unknown: Vec<(&str, Vec<&Member>)> = Vec::new();
        for m in members(g) {
            if m.role.is_empty() || known_role(&m.role) {
                continue;
            }
            match unknown.iter_mut().find(|(r, _)| *r == m.role) {
                Some((_, v)) => v.push(m),
                None => unknown.push((m.role.as_str(), vec![m])),
            }
        }
        for (role, ms) in unknown {
            // Roles it could be a remnant of, most common first, not already in the group.
            let guesses: Vec<&str> = ROLES
                .iter()
                .copied()
                .filter(|r| subsequence(role, r) && !present.contains(r))
                // A remnant has lost a character or two, not most of the word.
                .filter(|r| r.chars().count() <= role.chars().count() + 2)
                .take(2)
                .collect();
            let message = if ms.len() == 1 {
                format!("{}“{}”中的成员角色“{role}”无法识别", g.kind, g.name)
            } else {
                format!(
                    "{}“{}”中有{}名成员的角色写作“{role}”，无法识别",
                    g.kind,
                    g.name,
                    ms.len()
                )
            };
            let mut d = f.new_diag("O405", message);
            for (k, m) in ms.iter().enumerate().take(4) {
                let span = role_span(f, m);
                let label = match (&m.person, k) {
                    (_, 0) => "无法识别的角色".to_string(),
                    (Some(p), _) => format!("{p}的角色"),
                    (None, _) => "同样的角色".to_string(),
                };
                d = if k == 0 {
                    d.with_primary(span, label)
                } else {
                    d.with_secondary(span, label)
                };
            }
            if ms.len() > 4 {
                d = d.with_note(format!("另有{}名成员的角色也写作“{role}”", ms.len() - 4));
            }
            d = match guesses.as_slice() {
                [] => d.with_help("核对原文，写作组长、副组长、成员、主任等角色"),
                gs => d.with_help(format!("核对原文，可能是“{}”残缺了字", gs.join("”或“"))),
            };
            if let [m] = ms.as_slice() {
                if let Some(p) = &m.person {
                    d = d.with_note(format!(
                        "担任者：{p}{}",
                        m.post
                            .as_deref()
                            .map(|x| format!("（{x}）"))
                            .unwrap_or_default()
                    ));
                }
            }
            f.report(d);
        }
    }
}

/// The role as written at the start of a member's line, up to the colon.
fn role_span(f: &Findings, m: &Member) -> Span {
    let first = m.role.chars().next().map(String::from).unwrap_or_default();
    f.find_in(m.span, &first)
        .map(|s| {
            let line = f.text(Span::new(s.start, m.span.end));
            let end = line.find(['：', ':']).unwrap_or(line.len());
            Span::new(s.start, s.start + end)
        })
        .unwrap_or(m.span)
}

// ───────────────────────────── O406 ─────────────────────────────

/// O406: an attachment the notice lists but does not include.
pub fn missing_attachment(f: &mut Findings) {
    for plan in &f.policy.plans {
        for a in &plan.attachments {
            if !a.missing {
                continue;
            }
            let no = a
                .number
                .as_deref()
                .map_or_else(String::new, |n| n.to_string());
            // A notice may cite an attachment it neither names nor includes (任务数按照本细则
            // 附件1执行): say so instead of quoting an empty title.
            let (message, label) = if a.title.trim().is_empty() {
                (
                    format!("通知提到附件{no}，但既没有写它的标题，也没有附上"),
                    "没有标题，也没有内容",
                )
            } else {
                (
                    format!("附件{no}“{}”列出了，但通知中没有附上", a.title),
                    "只有标题，没有内容",
                )
            };
            let d: Diagnostic = f
                .new_diag("O406", message)
                .with_primary(f.head(a.span), label)
                .with_help(
                    "发布前附上这个附件，或从附件说明中删去；编码时照原文保留没有内容的附件即可",
                );
            f.report(d);
        }
    }
}
