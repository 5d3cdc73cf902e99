//! O407: a member's line written so that the name or the post is lost.

use super::{all_groups, members, Findings};
use crate::model::MemberSlip;

/// O407: `成员：｜县财政局局长` (nothing where the name goes) and `成员：县财政局局长` (a post
/// where the name goes, no 「｜」). The model reads both as a post whose holder the notice
/// does not name; the drafter is told how the line reads and how to write it.
pub fn member_line_slips(f: &mut Findings) {
    for g in all_groups(f) {
        for m in members(g) {
            let Some(slip) = m.slip else { continue };
            let post = m.post.as_deref().unwrap_or("");
            let (message, label, help) = match slip {
                MemberSlip::EmptyName => (
                    format!(
                        "{}“{}”中担任“{}”的“{post}”姓名是空的",
                        g.kind, g.name, m.role
                    ),
                    "“｜”前没有姓名",
                    format!(
                        "原文未列姓名时写作“{}：（未列姓名）｜{post}”；原文有姓名就补上",
                        m.role
                    ),
                ),
                MemberSlip::PostAsName => (
                    format!(
                        "{}“{}”中“{}：{post}”写的是职务而不是姓名，缺少“｜”",
                        g.kind, g.name, m.role
                    ),
                    "读作职务，未列姓名",
                    format!(
                        "成员写作“角色：姓名｜职务”：原文有姓名写作“{}：姓名｜{post}”，\
                         未列姓名写作“{}：（未列姓名）｜{post}”",
                        m.role, m.role
                    ),
                ),
            };
            let span = f.find_in(m.span, post).unwrap_or(m.span);
            let d = f
                .new_diag("O407", message)
                .with_primary(span, label)
                .with_help(help);
            f.report(d);
        }
    }
}
