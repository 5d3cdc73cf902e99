//! Inputs at the edge of the documented limits, one per shape that once blew up (issue 9,
//! "Hangs and blow-ups"): benches/perf.rs times each at two sizes to show that the time grows
//! linearly, and tests check that their diagnostics stay bounded. Every function is
//! deterministic in its size; none has a syntax error.

use std::fmt::Write;

/// Characters for made-up unit names: none is a place suffix (区, 县, 镇 …) or part of an
/// ending (局, 委, 办, 中心 …), so that a name splits into place, content and ending as intended.
const NAME_CHARS: &[char] = &[
    '甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '金', '木', '水', '火', '土', '山',
    '河', '湖', '海', '林', '田', '禾', '米', '麦', '豆', '茶', '桑', '竹', '松', '柏', '梅', '兰',
    '菊', '荷', '石', '玉', '铜', '铁', '锡', '银', '东', '西', '南', '北', '春', '夏', '秋', '冬',
    '晴', '雨',
];

/// A two-character code for `i` (distinct for `i` < 2,500).
fn code(i: usize) -> String {
    let n = NAME_CHARS.len();
    [NAME_CHARS[i / n % n], NAME_CHARS[i % n]].iter().collect()
}

/// A three-character code for `i` (distinct for `i` < 125,000).
fn code3(i: usize) -> String {
    let n = NAME_CHARS.len();
    [
        NAME_CHARS[i / (n * n) % n],
        NAME_CHARS[i / n % n],
        NAME_CHARS[i % n],
    ]
    .iter()
    .collect()
}

/// One unit under `labels` names (区住建局 and 区住建甲乙局 …, each an abbreviation of the
/// next): a single O402 finding with that many labels.
pub fn one_unit_many_names(labels: usize) -> String {
    let mut names = vec!["区住建局".to_string()];
    names.extend((1..labels).map(|i| format!("区住建{}局", code(i))));
    format!("单位 {{\n  部门：{}\n}}\n", names.join("、"))
}

/// `units` declared units with different names (区甲乙丙局 …), a leadership group with a
/// member for every eighth unit and a task led by every fourth: what the organisation
/// checks compare.
pub fn many_units(units: usize) -> String {
    let names: Vec<String> = (0..units).map(|i| format!("区{}局", code3(i))).collect();
    let mut s = String::with_capacity(units * 40);
    s.push_str("单位 {\n");
    for chunk in names.chunks(100) {
        let _ = writeln!(s, "  部门：{}", chunk.join("、"));
    }
    s.push_str("}\n\n领导小组 区工作领导小组 {\n  组长：张三｜区人民政府区长\n");
    for (i, n) in names.iter().enumerate().step_by(8) {
        let _ = writeln!(s, "  成员：李{}｜{n}局长", code(i));
    }
    s.push_str("}\n\n方案 区工作方案 {\n  期限：2024年\n");
    for (i, n) in names.iter().enumerate().step_by(4) {
        let _ = writeln!(
            s,
            "  任务 {} 推进第{}项工作 {{\n    牵头单位：{n}\n    完成时限：2024年12月底前\n  }}",
            i / 4 + 1,
            i / 4 + 1
        );
    }
    s.push_str("}\n");
    s
}

/// A plan of `phases` phases, each a day long and holding one task with a 指标.
pub fn many_phases(phases: usize) -> String {
    let mut s = String::with_capacity(phases * 120);
    s.push_str("单位 {\n  部门：区住建局\n}\n\n计划 区重点工作推进计划 {\n  期限：2024年\n");
    for p in 0..phases {
        let day = p % 28 + 1;
        let _ = writeln!(
            s,
            "  阶段 第{n}阶段：2024年3月{day}日-2024年3月{day}日 {{\n    任务 {n} 第{n}项 {{\n      责任单位：区住建局\n      起止：2024年3月{day}日-2024年3月{day}日\n      指标 任务{n}目标：{day}户\n    }}\n  }}",
            n = p + 1
        );
    }
    s.push_str("}\n");
    s
}

/// A table of `rows` rows and `cols` columns (a name column and `cols - 1` columns of
/// one-digit counts), without a total.
pub fn wide_table(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 2 + 1024);
    s.push_str("方案 区工作方案 {\n  表 任务表 「任务表」 {\n    单位：户\n    列：单位");
    for c in 1..cols {
        let _ = write!(s, "｜第{c}项");
    }
    s.push('\n');
    for r in 0..rows {
        let _ = write!(s, "    行：{}", code3(r));
        for c in 1..cols {
            let _ = write!(s, "|{}", (r + c) % 10);
        }
        s.push('\n');
    }
    s.push_str("  }\n}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_within_their_range() {
        let two: std::collections::HashSet<String> = (0..2500).map(code).collect();
        assert_eq!(two.len(), 2500);
        let three: std::collections::HashSet<String> = (0..20_000).map(code3).collect();
        assert_eq!(three.len(), 20_000);
    }
}
