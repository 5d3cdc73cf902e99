//! O409: a member's post names a unit the policy does not declare (`王五｜县教育局局长` with no
//! 县教育局 among the units). The group is then compared with the tasks' units (O404) and its
//! office's seat (O408) without that member's unit: a unit missed in the declarations, or a
//! post miswritten, silences those checks for it.

use super::{all_groups, members, names, Findings};
use crate::diagnostics::Severity;
use crate::model::post_body;

/// How the name of a body ends: a post whose body ends otherwise (县财政局局长 → 县财政局 does,
/// 驻村第一书记 → 驻村第一 does not) names no unit. A government (县人民政府县长, the usual
/// 组长) is left out: it issues the plan rather than takes a duty in it, and notices seldom
/// declare it.
const UNIT_ENDINGS: &[&str] = &[
    "局",
    "委",
    "委员会",
    "办",
    "办公室",
    "中心",
    "公司",
    "街道",
    "办事处",
    "所",
    "站",
    "院",
    "队",
    "支队",
    "大队",
    "部",
    "厅",
    "署",
    "银行",
    "学校",
    "分会",
    "联合会",
];

/// O409, one note per group listing the undeclared units its members' posts name.
pub fn posts_name_undeclared_units(f: &mut Findings) {
    let units = &f.policy.units;
    if units.is_empty() {
        return; // a policy that declares no units does not track them
    }
    let declared = |body: &str| {
        units
            .iter()
            .flat_map(names)
            .any(|n| n.contains(body) || body.contains(n.as_str()))
    };
    for g in all_groups(f) {
        let mut found: Vec<(&str, crate::diagnostics::Span)> = Vec::new();
        for m in members(g) {
            if m.unit.is_some() || m.collective {
                continue;
            }
            let Some(post) = m.post.as_deref() else {
                continue;
            };
            let Some(body) = post_body(post) else {
                continue;
            };
            let collective = body.starts_with(['各', '两', '三', '四', '五']);
            if collective || !UNIT_ENDINGS.iter().any(|e| body.ends_with(e)) || declared(body) {
                continue;
            }
            if found.iter().all(|(b, _)| *b != body) {
                found.push((body, f.find_in(m.span, body).unwrap_or(m.span)));
            }
        }
        let Some(&(first, span)) = found.first() else {
            continue;
        };
        let listed: Vec<String> = found.iter().map(|(b, _)| format!("“{b}”")).collect();
        let mut d = f
            .new_diag(
                "O409",
                format!(
                    "{}“{}”成员职务中的{}个单位没有声明：{}",
                    g.kind,
                    g.name,
                    found.len(),
                    listed.join("、")
                ),
            )
            .with_primary(span, format!("“{first}”不在“单位”中"))
            .with_secondary(f.head(g.span), "所在小组")
            .with_help(
                "在“单位 { … }”中声明这些单位（通知说明了简称的，写作别称），或核对职务中的单位名称是否写错",
            );
        d.severity = Severity::Note;
        f.report(d);
    }
}
