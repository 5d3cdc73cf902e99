//! What a place in the text names: a figure, a unit, a table column, a rule …, where that
//! is declared and where else it is mentioned.
//!
//! Everything is read from the model (its spans point into the text) plus the text itself:
//! a name is mentioned wherever it stands as a whole word (between the delimiters of
//! [`is_delimiter`]), so `{改造户数}` in prose, a path in a 核算 and a unit in 牵头单位 are
//! all found without a second parser.

use crate::diagnostics::Span;
use crate::model::{relation_column, Calc, Expr, Policy, Table, UnitRef};

/// Something a name can stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `Policy::figures[i]`.
    Figure(usize),
    /// `Policy::units[i]`.
    Unit(usize),
    /// A table of a plan: `plans[plan].tables[table]`.
    Table { plan: usize, table: usize },
    /// A column of such a table.
    Column {
        plan: usize,
        table: usize,
        column: usize,
    },
    /// A rule: `plans[plan].rules[rule]`.
    Rule { plan: usize, rule: usize },
    /// A declared ratio: `plans[plan].ratios[ratio]`.
    Ratio { plan: usize, ratio: usize },
}

/// Characters that end a name: blanks, brackets of blocks and text, separators, operators.
/// Parentheses are not among them: a unit's name may hold them (旗住房和城乡建设局（住建局）).
pub fn is_delimiter(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '{' | '}'
                | '｛'
                | '｝'
                | '「'
                | '」'
                | '"'
                | '“'
                | '”'
                | '：'
                | ':'
                | '，'
                | ','
                | '、'
                | '；'
                | ';'
                | '。'
                | '|'
                | '｜'
                | '='
                | '＝'
                | '+'
                | '＋'
                | '-'
                | '－'
                | '×'
                | '*'
                | '÷'
                | '/'
                | '<'
                | '>'
                | '≤'
                | '≥'
                | '《'
                | '》'
        )
}

/// The word around `byte`: the run of non-delimiters it stands in (or just before), without
/// the parentheses that may close an expression around it.
pub fn word_at(text: &str, byte: usize) -> Option<(Span, &str)> {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let start = text[..byte]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_delimiter(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[byte..]
        .char_indices()
        .find(|&(_, c)| is_delimiter(c))
        .map_or(text.len(), |(i, _)| byte + i);
    let word = &text[start..end];
    let trimmed_start = word.trim_start_matches(['(', '（']);
    let start = start + (word.len() - trimmed_start.len());
    let word = trimmed_start.trim_end_matches([')', '）']);
    (!word.is_empty()).then(|| (Span::new(start, start + word.len()), word))
}

/// Every place where `name` stands as a whole word.
pub fn whole_word_occurrences(text: &str, name: &str) -> Vec<Span> {
    if name.is_empty() {
        return Vec::new();
    }
    text.match_indices(name)
        .filter(|&(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + name.len()..].chars().next();
            before.is_none_or(|c| is_delimiter(c) || matches!(c, '(' | '（'))
                && after.is_none_or(|c| is_delimiter(c) || matches!(c, ')' | '）'))
        })
        .map(|(i, _)| Span::new(i, i + name.len()))
        .collect()
}

fn contains(span: Span, byte: usize) -> bool {
    span.start <= byte && byte <= span.end && span.start < span.end
}

/// Calls `f` with every figure (or column) reference of an expression.
fn each_reference(expr: &Expr, f: &mut impl FnMut(&str, Span)) {
    match expr {
        Expr::Figure { id, span } => f(id, *span),
        Expr::Literal { .. } => {}
        Expr::Chain { first, rest, .. } => {
            each_reference(first, f);
            for op in rest {
                each_reference(&op.operand, f);
            }
        }
    }
}

/// Every figure reference of a calculation.
pub fn calc_references(calc: &Calc) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut push = |id: &str, span: Span| out.push((id.to_string(), span));
    each_reference(&calc.left, &mut push);
    each_reference(&calc.right, &mut push);
    out
}

/// Every unit named by the tasks of the policy.
fn unit_refs(policy: &Policy) -> impl Iterator<Item = &UnitRef> {
    policy.plans.iter().flat_map(|p| {
        p.tasks.iter().flat_map(|t| {
            t.lead
                .iter()
                .chain(&t.responsible)
                .chain(&t.cooperating)
                .chain(&t.implementing)
        })
    })
}

/// The declared unit with this name or alias.
fn unit_named(policy: &Policy, name: &str) -> Option<usize> {
    policy
        .units
        .iter()
        .position(|u| u.name == name || u.aliases.iter().any(|a| a == name))
}

/// What is named at `byte`, if anything.
pub fn target_at(policy: &Policy, text: &str, byte: usize) -> Option<Target> {
    // A reference in a calculation or a table relation: the model resolved it already.
    for (p, plan) in policy.plans.iter().enumerate() {
        for calc in &plan.calcs {
            if let Some((id, _)) = calc_references(calc)
                .into_iter()
                .find(|(_, s)| contains(*s, byte))
            {
                if let Some(i) = figure_index(policy, &id) {
                    return Some(Target::Figure(i));
                }
            }
        }
        for (t, table) in plan.tables.iter().enumerate() {
            if let Some(target) = in_table(table, p, t, byte) {
                return Some(target);
            }
        }
    }
    if let Some((_, word)) = word_at(text, byte) {
        if let Some(target) = target_named(policy, word) {
            return Some(target);
        }
    }
    // A unit as a task names it, resolved by lowering even when written otherwise.
    if let Some(unit) = unit_refs(policy)
        .find(|r| contains(r.span, byte))
        .and_then(|r| r.unit.as_deref())
        .and_then(|name| unit_named(policy, name))
    {
        return Some(Target::Unit(unit));
    }
    // The value of a stated figure: the figure itself (the smallest span wins).
    policy
        .figures
        .iter()
        .enumerate()
        .filter(|(_, f)| contains(f.span, byte))
        .min_by_key(|(_, f)| f.span.end - f.span.start)
        .map(|(i, _)| Target::Figure(i))
}

/// A column or the table itself, when `byte` is in a relation's reference or a heading.
fn in_table(table: &Table, plan: usize, index: usize, byte: usize) -> Option<Target> {
    for relation in &table.relations {
        for (id, span) in calc_references(relation) {
            if contains(span, byte) {
                if let Some(column) = relation_column(&id) {
                    return Some(Target::Column {
                        plan,
                        table: index,
                        column,
                    });
                }
            }
        }
    }
    table
        .columns
        .iter()
        .position(|c| contains(c.span, byte))
        .map(|column| Target::Column {
            plan,
            table: index,
            column,
        })
}

fn figure_index(policy: &Policy, id: &str) -> Option<usize> {
    policy.figures.iter().position(|f| f.id == id)
}

/// The thing a name as written stands for: a figure's path first, then a unit, a table, a
/// rule, a ratio.
pub fn target_named(policy: &Policy, name: &str) -> Option<Target> {
    let name = name.replace(['「', '」'], "");
    if let Some(i) = figure_index(policy, &name) {
        return Some(Target::Figure(i));
    }
    if let Some(i) = unit_named(policy, &name) {
        return Some(Target::Unit(i));
    }
    for (p, plan) in policy.plans.iter().enumerate() {
        if let Some(table) = plan.tables.iter().position(|t| t.name == name) {
            return Some(Target::Table { plan: p, table });
        }
        if let Some(rule) = plan.rules.iter().position(|r| r.name == name) {
            return Some(Target::Rule { plan: p, rule });
        }
        if let Some(ratio) = plan.ratios.iter().position(|r| r.name == name) {
            return Some(Target::Ratio { plan: p, ratio });
        }
    }
    None
}

/// The names a target is written as.
pub fn names_of(policy: &Policy, target: &Target) -> Vec<String> {
    match *target {
        Target::Figure(i) => vec![policy.figures[i].id.clone()],
        Target::Unit(i) => {
            let u = &policy.units[i];
            std::iter::once(u.name.clone())
                .chain(u.aliases.iter().cloned())
                .collect()
        }
        Target::Table { plan, table } => vec![policy.plans[plan].tables[table].name.clone()],
        Target::Column { .. } => Vec::new(),
        Target::Rule { plan, rule } => vec![policy.plans[plan].rules[rule].name.clone()],
        Target::Ratio { plan, ratio } => vec![policy.plans[plan].ratios[ratio].name.clone()],
    }
}

/// Where a target is declared: the name itself where the text shows it there.
pub fn declaration(policy: &Policy, text: &str, target: &Target) -> Span {
    let (span, name) = match *target {
        Target::Figure(i) => {
            let f = &policy.figures[i];
            // A figure's span is its value; its name stands before it on the same line
            // (指标 试点户数：460户, or a part's label 昭君街道：120户).
            let last = f.id.rsplit('.').next().unwrap_or(&f.id);
            let span = f.span.clamp_to(text);
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            if let Some(at) = text[line_start..span.start].rfind(last) {
                let start = line_start + at;
                return Span::new(start, start + last.len());
            }
            // A breakdown's total (合计：460户) is named by the breakdown above it.
            return whole_word_occurrences(&text[..span.start], last)
                .pop()
                .unwrap_or(span);
        }
        Target::Unit(i) => return policy.units[i].span,
        Target::Table { plan, table } => {
            let t = &policy.plans[plan].tables[table];
            (t.span, t.name.as_str())
        }
        Target::Column {
            plan,
            table,
            column,
        } => {
            let t = &policy.plans[plan].tables[table];
            return t.columns.get(column).map_or(t.span, |c| c.span);
        }
        Target::Rule { plan, rule } => {
            let r = &policy.plans[plan].rules[rule];
            (r.span, r.name.as_str())
        }
        Target::Ratio { plan, ratio } => {
            let r = &policy.plans[plan].ratios[ratio];
            (r.span, r.name.as_str())
        }
    };
    // Blocks' spans start at their keyword; the name follows it.
    let span = span.clamp_to(text);
    match text[span.start..span.end].find(name) {
        Some(at) => Span::new(span.start + at, span.start + at + name.len()),
        None => span,
    }
}

/// Every place the target is mentioned, its declaration first, without repeats.
pub fn references(policy: &Policy, text: &str, target: &Target) -> Vec<Span> {
    let mut spans = vec![declaration(policy, text, target)];
    for name in names_of(policy, target) {
        spans.extend(whole_word_occurrences(text, &name));
    }
    match *target {
        Target::Figure(i) => {
            let id = &policy.figures[i].id;
            for plan in &policy.plans {
                for calc in &plan.calcs {
                    spans.extend(
                        calc_references(calc)
                            .into_iter()
                            .filter(|(r, _)| r == id)
                            .map(|(_, s)| s),
                    );
                }
            }
        }
        Target::Unit(i) => {
            let name = &policy.units[i].name;
            spans.extend(
                unit_refs(policy)
                    .filter(|r| r.unit.as_ref() == Some(name))
                    .map(|r| r.span),
            );
        }
        Target::Column {
            plan,
            table,
            column,
        } => {
            for relation in &policy.plans[plan].tables[table].relations {
                spans.extend(
                    calc_references(relation)
                        .into_iter()
                        .filter(|(r, _)| relation_column(r) == Some(column))
                        .map(|(_, s)| s),
                );
            }
        }
        Target::Table { .. } | Target::Rule { .. } | Target::Ratio { .. } => {}
    }
    let first = spans[0];
    let mut rest: Vec<Span> = spans.into_iter().skip(1).filter(|s| *s != first).collect();
    rest.sort_unstable();
    rest.dedup();
    std::iter::once(first).chain(rest).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::FileId;

    const TEXT: &str = "单位 {\n  街道：昭君街道办事处（又称 昭君街道）\n}\n方案 甲 {\n  分解 改造户数 按 街道 {\n    合计：460户\n    昭君街道：120户\n    工业街道：340户\n  }\n  指标 改造面积：约7.1万平方米\n  「完成{改造户数}改造，面积{改造面积}。」\n  任务 1 改造 {\n    牵头单位：昭君街道\n  }\n}\n";

    fn policy() -> Policy {
        let (policy, diags) = crate::driver::compile_source(TEXT, "甲.policy", FileId(0), &[]);
        let policy = policy.unwrap_or_else(|| panic!("{diags:?}"));
        policy
    }

    #[test]
    fn words_stop_at_braces_and_colons() {
        let at = TEXT.find("{改造户数}").unwrap() + 4;
        assert_eq!(word_at(TEXT, at).map(|w| w.1), Some("改造户数"));
        let at = TEXT.find("改造面积：").unwrap();
        assert_eq!(word_at(TEXT, at).map(|w| w.1), Some("改造面积"));
        assert_eq!(word_at("（甲.乙）", 4).map(|w| w.1), Some("甲.乙"));
    }

    #[test]
    fn a_figure_in_prose_leads_to_its_declaration_and_mentions() {
        let policy = policy();
        let at = TEXT.find("{改造面积}").unwrap() + 3;
        let target = target_at(&policy, TEXT, at).unwrap();
        assert_eq!(names_of(&policy, &target), ["改造面积"]);
        let decl = declaration(&policy, TEXT, &target);
        assert_eq!(&TEXT[decl.start..decl.end], "改造面积");
        assert_eq!(decl.start, TEXT.find("改造面积：").unwrap());
        assert_eq!(references(&policy, TEXT, &target).len(), 2);
    }

    #[test]
    fn a_part_is_found_from_its_value_and_a_unit_from_a_task() {
        let policy = policy();
        let at = TEXT.find("120户").unwrap() + 1;
        let Some(Target::Figure(i)) = target_at(&policy, TEXT, at) else {
            panic!("no figure at the value")
        };
        assert_eq!(policy.figures[i].id, "改造户数.昭君街道");
        let at = TEXT.find("牵头单位：昭君街道").unwrap() + "牵头单位：".len() + 3;
        let target = target_at(&policy, TEXT, at).unwrap();
        assert_eq!(target, Target::Unit(0));
        let decl = declaration(&policy, TEXT, &target);
        assert_eq!(&TEXT[decl.start..decl.end], "昭君街道办事处");
    }
}
