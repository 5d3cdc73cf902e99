//! D212: the stages of a deadline in stages out of order. "6月底前完成50%，11月底前全部完成"
//! makes sense only when each stage is due after the one before it.

use super::*;

/// D212: a stage due no later than the stage written before it (11月底前完成50%，6月底前全部完成).
pub fn stages_out_of_order(f: &mut Findings) {
    for plan in &f.policy.plans {
        for t in &plan.tasks {
            for pair in t.stages.windows(2) {
                let (earlier, later) = (&pair[0], &pair[1]);
                let (Some(a), Some(b)) = (interval(&earlier.time), interval(&later.time)) else {
                    continue;
                };
                if b.end > a.end {
                    continue;
                }
                let d = f
                    .new_diag(
                        "D212",
                        format!(
                            "{}的分阶段时限次序颠倒：“{}{}”写在“{}{}”之后，却不晚于它",
                            task_name(t),
                            later.time.written,
                            later.work,
                            earlier.time.written,
                            earlier.work
                        ),
                    )
                    .with_primary(later.time.span, format!("截至{}", format_chinese(b.end)))
                    .with_secondary(earlier.time.span, format!("截至{}", format_chinese(a.end)))
                    .with_help("后一阶段应晚于前一阶段完成；请核对原文的月份或年份");
                f.report(d);
            }
        }
    }
}
