//! D221: a 背景 states facts about the past; a time for them that begins after the document's
//! date (成文日期) cannot be past when the notice was issued.

use super::Findings;
use crate::date::format_chinese;

/// D221: every 背景 whose time begins after the document's date.
pub fn after_issue(f: &mut Findings) {
    let notice_date = f.policy.notice.as_ref().and_then(|n| n.date.as_ref());
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        let Some(issued) = plan.date.as_ref().or(notice_date) else {
            continue;
        };
        let Some(issued_on) = issued.end.or(issued.start) else {
            continue;
        };
        for b in &plan.background {
            let Some(time) = &b.time else { continue };
            let Some(start) = time.start.filter(|s| *s > issued_on) else {
                continue;
            };
            out.push(
                f.new_diag(
                    "D221",
                    format!(
                        "背景的时间“{}”晚于成文日期（{}）：背景写的是已经发生的事",
                        time.written, issued.written
                    ),
                )
                .with_primary(time.span, format!("从{}开始", format_chinese(start)))
                .with_secondary(issued.span, "成文日期")
                .with_help(
                    "背景记下通知印发前的情况和历年数字；印发之后才做的事是方案的阶段或任务。\
                     请核对这个时间和成文日期，原文如此，则请起草单位确认",
                ),
            );
        }
    }
    for d in out {
        f.report(d);
    }
}
