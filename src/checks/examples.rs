//! R304: every worked example of a rule (例：3.9万元 → 1.95万元) is run through the rule as
//! `policyc calc` runs it, in exact decimals; an example the rule does not bear out is an
//! error naming what the rule gives, by which branch, and the arithmetic.

use super::Findings;
use crate::calc::Evaluator;

pub fn worked_examples(f: &mut Findings) {
    let policy = f.policy;
    for rule in policy.plans.iter().flat_map(|p| p.rules.iter()) {
        if rule.examples.is_empty() {
            continue;
        }
        let eval = Evaluator::new(rule);
        for ex in &rule.examples {
            let d = match eval.grant_for(&ex.inputs) {
                Ok(g) => {
                    let expected = ex.result.value;
                    let same_unit = ex.none.is_some() || ex.result.base_unit == g.unit;
                    if same_unit && g.amount == expected {
                        continue;
                    }
                    let said = ex.none.clone().unwrap_or_else(|| ex.result.written.clone());
                    let message = if same_unit {
                        format!(
                            "例子与规则不符：例子写 {said}，规则“{}”给出 {}",
                            rule.name, g.written
                        )
                    } else {
                        format!(
                            "例子与规则不符：例子写 {said}，规则“{}”给出的是以{}计的 {}",
                            rule.name, g.unit, g.written
                        )
                    };
                    f.new_diag("R304", message)
                        .with_primary(ex.span, format!("规则给出 {}", g.written))
                        .with_note(format!("适用的条件：{}；计算：{}", g.reason, g.working))
                        .with_help(
                            "按通知原文核对例子和规则：例子照抄原文时，规则的条件或结果多半写错了",
                        )
                }
                Err(e) => f
                    .new_diag(
                        "R304",
                        format!("例子无法按规则“{}”计算：{}", rule.name, e.message()),
                    )
                    .with_primary(ex.span, "这个例子")
                    .with_help(e.help().unwrap_or("按通知原文核对例子的输入")),
            };
            f.report(d);
        }
    }
}
