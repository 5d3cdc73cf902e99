//! The relations a paragraph states between its figures, read from the notice's wording:
//! a total and its parts (其中, 共), shares (占…%), ratios (按7:3), subsidy rules with their
//! bound words, and the documents it cites by number. [`super::figures`] finds the figures;
//! this file relates them. An inferred relation carries its reason for the draft's comment.

use rust_decimal::Decimal;

use super::dates::{number_end, DateSpan};
use super::figures::{is_digit, strip_lead, strip_tail, words_before, Context, Fig, Stmt};
use super::names::{clean, Names};

fn same_dims(a: &Fig, b: &Fig) -> bool {
    match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => x.dims == y.dims && !x.dims.is_empty(),
        _ => false,
    }
}

fn sentence_end(text: &str, from: usize) -> usize {
    text[from..].find('。').map_or(text.len(), |i| from + i)
}

/// 分解 from `T，其中A a，B b。` (read) and `a、b共T` (inferred).
pub(super) fn breakdowns(
    text: &str,
    figs: &mut [Fig],
    declared: &mut [bool],
    stmts: &mut Vec<Stmt>,
) {
    for (pos, _) in text.match_indices("其中") {
        let Some(first) = (0..figs.len()).find(|&i| figs[i].start >= pos && !declared[i]) else {
            continue;
        };
        let end = sentence_end(text, pos);
        let next_marker = text[pos + "其中".len()..]
            .find("其中")
            .map_or(text.len(), |i| pos + "其中".len() + i);
        let limit = end.min(next_marker);
        let parts: Vec<usize> = (first..figs.len())
            .filter(|&i| figs[i].start < limit && same_dims(&figs[i], &figs[first]) && !declared[i])
            .collect();
        if parts.is_empty() {
            continue;
        }
        // The total: the last figure of the parts' kind before 其中, in the same sentence; or,
        // when 其中 opens a sentence, the first of that kind in the sentence before.
        let sentence_start = text[..pos].rfind('。').map_or(0, |i| i + '。'.len_utf8());
        let opens = text[sentence_start..pos].trim().is_empty();
        let total = if opens {
            let prev_start = text[..sentence_start.saturating_sub(3)]
                .rfind('。')
                .map_or(0, |i| i + '。'.len_utf8());
            (0..first).find(|&i| {
                figs[i].start >= prev_start && same_dims(&figs[i], &figs[first]) && !declared[i]
            })
        } else {
            // The nearest figure of the kind before 其中; where an earlier one of the sentence is
            // what the parts add up to and the nearest is not, that one.
            let candidates: Vec<usize> = (0..first)
                .rev()
                .filter(|&i| {
                    figs[i].start >= sentence_start
                        && same_dims(&figs[i], &figs[first])
                        && !declared[i]
                })
                .collect();
            let part_figs: Vec<&Fig> = parts.iter().map(|&i| &figs[i]).collect();
            match candidates.first() {
                Some(&nearest) if !sums_agree(&figs[nearest], &part_figs) => {
                    match candidates
                        .iter()
                        .find(|&&c| sums_agree(&figs[c], &part_figs))
                    {
                        Some(&c) => {
                            let note = format!(
                                "「其中」前最近的是{}，各分项之和与更前的{}相符，取后者为合计",
                                figs[nearest].written, figs[c].written
                            );
                            declare_breakdown(
                                text,
                                figs,
                                declared,
                                stmts,
                                c,
                                &parts,
                                None,
                                Some(note),
                            );
                            continue;
                        }
                        None => Some(nearest),
                    }
                }
                other => other.copied(),
            }
        };
        let Some(total) = total else { continue };
        let note = if opens {
            // Across a sentence end the reading is a guess: keep it only where the figures
            // agree, so that a wrong guess never reports a false error.
            if !sums_agree(
                &figs[total],
                &parts.iter().map(|&i| &figs[i]).collect::<Vec<_>>(),
            ) {
                continue;
            }
            Some("「其中」开启新句，合计取前一句同类的第一个数；各分项之和与它相符".to_string())
        } else {
            None
        };
        declare_breakdown(text, figs, declared, stmts, total, &parts, None, note);
    }
    // a、b共T: the figures of T's kind just before 共 in the same sentence.
    for marker in ["共计", "合计", "总计", "共"] {
        for (pos, _) in text.match_indices(marker) {
            let after = pos + marker.len();
            let Some(t) =
                (0..figs.len()).find(|&i| figs[i].start >= after && figs[i].start <= after + 3)
            else {
                continue;
            };
            if declared[t] || figs[t].start != after {
                continue;
            }
            let sentence_start = text[..pos].rfind(['。', '；']).map_or(0, |i| i + 3);
            let mut parts: Vec<usize> = (0..t)
                .rev()
                .take_while(|&i| {
                    figs[i].start >= sentence_start && same_dims(&figs[i], &figs[t]) && !declared[i]
                })
                .collect();
            parts.reverse();
            if parts.len() < 2 {
                continue;
            }
            let note = Some(format!("「{marker}」前的同类数字视为它的分项"));
            declare_breakdown(text, figs, declared, stmts, t, &parts, None, note);
        }
    }
}

/// Whether the parts could add up to the total given how each is written (rounded to its last
/// digit, 约 ±5%).
fn sums_agree(total: &Fig, parts: &[&Fig]) -> bool {
    let Some((t, tu)) = value_of(total) else {
        return false;
    };
    let mut lo = rust_decimal::Decimal::ZERO;
    let mut hi = rust_decimal::Decimal::ZERO;
    for p in parts {
        let Some((v, u)) = value_of(p) else {
            return false;
        };
        lo += v - u;
        hi += v + u;
    }
    t + tu >= lo && t - tu <= hi
}

/// A figure's value in base units and its half-unit of rounding.
pub(super) fn value_of(f: &Fig) -> Option<(rust_decimal::Decimal, rust_decimal::Decimal)> {
    use rust_decimal::Decimal;
    let unit = f.unit.as_ref()?;
    let digits: String = f
        .written
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v: Decimal = digits.parse().ok()?;
    let decimals = digits.split('.').nth(1).map_or(0, str::len) as u32;
    let rounded = decimals > 0 || f.written.contains(super::figures::MAGNITUDES);
    let half = if rounded {
        Decimal::new(5, decimals + 1)
    } else {
        Decimal::ZERO
    };
    let scale = unit.scale;
    let approx = f.written.starts_with('约') || f.written.ends_with("左右");
    let slack = if approx {
        (v * Decimal::new(5, 2)).max(half)
    } else {
        half
    };
    Some((v * scale, slack * scale))
}

/// Declares figure `total` as a 分解 of `parts`, labelled by `labels` or else by the words
/// before each part.
#[allow(clippy::too_many_arguments)]
pub(super) fn declare_breakdown(
    text: &str,
    figs: &mut [Fig],
    declared: &mut [bool],
    stmts: &mut Vec<Stmt>,
    total: usize,
    parts: &[usize],
    labels_given: Option<&[String]>,
    note: Option<String>,
) {
    let name = figs[total].path.clone();
    let mut labels = Names::default();
    let mut out_parts = Vec::new();
    let mut floor = figs[total].end;
    for (n, &p) in parts.iter().enumerate() {
        let words = strip_tail(&strip_lead(&words_before(text, figs[p].start, floor)));
        let mut label = match labels_given.and_then(|l| l.get(n)) {
            Some(given) => given.clone(),
            None => clean(&words, 12),
        };
        if label.is_empty() {
            label = format!("分项{}", n + 1);
        }
        let label = labels.unique(&label);
        out_parts.push((label.clone(), figs[p].written.clone()));
        figs[p].path = format!("{name}.{label}");
        declared[p] = true;
        floor = figs[p].end;
    }
    declared[total] = true;
    stmts.push(Stmt::Breakdown {
        name,
        total: figs[total].written.clone(),
        parts: out_parts,
        note,
    });
}

/// `A…，占总投资的40.89%`: A ÷ 总投资 = 40.89%, where 总投资 is an earlier figure of the paragraph
/// whose words end with the words after 占.
pub(super) fn shares(text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>) {
    for (i, f) in figs.iter().enumerate() {
        if !f.written.ends_with('%') {
            continue;
        }
        let before = &text[..f.start];
        let Some(zhan) = before.rfind('占') else {
            continue;
        };
        if f.start - zhan > 30 {
            continue;
        }
        let words = before[zhan + '占'.len_utf8()..].trim_end_matches(['的', ' ']);
        if words.is_empty() {
            continue;
        }
        let Some(part) = (0..i).rev().find(|&k| {
            figs[k].end <= zhan && figs[k].unit.is_some() && !figs[k].written.ends_with('%')
        }) else {
            continue;
        };
        let Some(whole) = (0..part)
            .find(|&k| same_dims(&figs[k], &figs[part]) && text[..figs[k].start].ends_with(words))
        else {
            continue;
        };
        stmts.push(Stmt::Calc {
            expr: format!("{} ÷ {} = {}", figs[part].path, figs[whole].path, f.path),
            note: format!("「占{words}」读作占前文的“{words}”"),
        });
    }
}

/// Bound words before a figure, longest first, as the grammar reads them.
const BOUND_BEFORE: &[&str] = &[
    "最高不超过",
    "最多不超过",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "不足",
    "不满",
    "低于",
    "少于",
    "超过",
    "高于",
    "多于",
    "大于",
    "小于",
    "达到",
];
/// Bound words after a figure.
const BOUND_AFTER: &[&str] = &["及以上", "及以下", "以上", "以下", "以内"];

/// A subsidy rule: in a paragraph about 补贴/补助, clauses (apart by ；) that each put a
/// condition with bound words on a figure (达到4万元以上, 不足4万元) and then give what is paid
/// (3万元, 50%). Two such clauses or more make a 规则; one alone is left as figures (a rule
/// read from one clause would claim a gap the notice may close elsewhere).
pub(super) fn rules(text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>, cx: &mut Context) {
    if !["补贴", "补助", "奖补", "奖励"]
        .iter()
        .any(|w| text.contains(w))
    {
        return;
    }
    let mut branches = Vec::new();
    let mut object = String::new();
    let mut clause_start = 0;
    for clause_end in text
        .match_indices(['；', ';', '。'])
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
    {
        let in_clause: Vec<&Fig> = figs
            .iter()
            .filter(|f| f.start >= clause_start && f.end <= clause_end && f.unit.is_some())
            .collect();
        let cond = in_clause.iter().enumerate().find_map(|(k, f)| {
            let before = &text[clause_start..f.start];
            let after = &text[f.end..clause_end];
            let pre = BOUND_BEFORE.iter().find(|b| before.ends_with(**b));
            let post = BOUND_AFTER.iter().find(|b| after.starts_with(**b));
            (pre.is_some() || post.is_some()).then(|| (k, pre.copied(), post.copied()))
        });
        if let Some((k, pre, post)) = cond {
            let f = in_clause[k];
            let money = |g: &&&Fig| {
                g.written.ends_with('%')
                    || g.unit
                        .as_ref()
                        .is_some_and(|u| u.dims.len() == 1 && u.dims.contains_key("元"))
            };
            if let Some(out) = in_clause[k + 1..].iter().find(money) {
                let condition = format!(
                    "{}{}{}",
                    pre.unwrap_or(""),
                    f.written.trim(),
                    post.unwrap_or("")
                );
                branches.push((condition, out.written.trim().to_string()));
                if object.is_empty() {
                    let head = &text[clause_start..f.start - pre.map_or(0, str::len)];
                    let head = head
                        .trim_start_matches(|c: char| "，,、 ".contains(c))
                        .trim_start_matches("对于")
                        .trim_start_matches('对')
                        .trim_start_matches('凡');
                    let words: String = head
                        .chars()
                        .rev()
                        .take_while(|c| !"，,。：:".contains(*c))
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    object = words.trim().to_string();
                }
            }
        }
        clause_start = clause_end;
    }
    if branches.len() < 2 {
        return;
    }
    let object = if object.is_empty() {
        "（原文未写明）".to_string()
    } else {
        object
    };
    let base = clean(&object, 10);
    let name = cx.names.unique(&format!("{base}补贴规则"));
    stmts.push(Stmt::Rule {
        name,
        object,
        branches,
    });
}

/// 按7:3 (or 7:3的比例): a ratio.
pub(super) fn ratios(text: &str, dates: &[DateSpan], stmts: &mut Vec<Stmt>, cx: &mut Context) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let n = number_end(&chars, i);
        if n == i || (i > 0 && is_digit(chars[i - 1].1)) {
            i += 1;
            continue;
        }
        let mut j = n;
        let mut parts = 1;
        while chars.get(j).is_some_and(|c| c.1 == ':' || c.1 == '：')
            && number_end(&chars, j + 1) > j + 1
        {
            j = number_end(&chars, j + 1);
            parts += 1;
        }
        let start = chars[i].0;
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let near = &text[text[..start].char_indices().rev().nth(1).map_or(0, |x| x.0)..start];
        let after: String = text[end..].chars().take(4).collect();
        let in_date = dates.iter().any(|d| d.start <= start && start < d.end);
        if parts >= 2 && !in_date && (near.contains('按') || after.contains("比例")) {
            let words = words_before(text, start, 0);
            let base = clean(&strip_tail(&strip_lead(&words.replace('按', ""))), 8);
            let name = cx.names.unique(&format!("{base}比例"));
            stmts.push(Stmt::Ratio {
                name,
                ratio: text[start..end].to_string(),
            });
        }
        i = j.max(i + 1);
    }
}

/// Documents cited by number: 《…》（吴政办发〔2021〕36号） or a bare 吴利政办发〔2022〕12号.
pub(super) fn citations(text: &str) -> Vec<String> {
    // The issuing code before the bracket (吴政办发), or the body before 令第 (公安部).
    let head = |pos: usize| -> String {
        let rev: Vec<char> = text[..pos]
            .chars()
            .rev()
            .take_while(|c| !"（(）)，,。；;：:、《》<> 和及与".contains(*c))
            .collect();
        rev.into_iter().rev().collect()
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    for (pos, open) in text.match_indices(['〔', '﹝', '[', '［']) {
        let close_char = match open {
            "〔" => '〕',
            "﹝" => '﹞',
            "[" => ']',
            _ => '］',
        };
        let Some(close) = text[pos..].find(close_char) else {
            continue;
        };
        let after = text[pos + close + close_char.len_utf8()..].trim_start();
        let num: String = after.chars().take_while(|c| is_digit(*c)).collect();
        let after_num = after[num.len()..].trim_start();
        // 号, or 號 in a notice printed in traditional characters (both three bytes).
        if num.is_empty() || !after_num.starts_with(['号', '號']) {
            continue;
        }
        let end = text.len() - after_num.len() + '号'.len_utf8();
        found.push((pos, format!("{}{}", head(pos), &text[pos..end])));
    }
    // 公安部令第119号: an order cited by its number.
    for (pos, _) in text.match_indices("令第") {
        let after = &text[pos + "令第".len()..];
        let num: String = after.chars().take_while(|c| is_digit(*c)).collect();
        let rest = &after[num.len()..];
        if num.is_empty() || !rest.starts_with(['号', '號']) {
            continue;
        }
        let mark = &rest[..'号'.len_utf8()];
        found.push((pos, format!("{}令第{num}{mark}", head(pos))));
    }
    found.sort_by_key(|f| f.0);
    let mut out: Vec<String> = Vec::new();
    for (_, c) in found {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Column relations that the table's rows bear out: 第c列 = 第a列 ± 第b列, held by every row
/// but at most one of at least three with figures. A row that breaks it is left for A103.
pub(super) fn column_relations(
    header: &[String],
    rows: &[Vec<String>],
    width: usize,
) -> Vec<(String, usize, usize)> {
    // The unit a heading gives its column: 总投资额(万元) → 万元; the three columns of a relation
    // must agree on it.
    let unit = |c: usize| -> Option<String> {
        let h = header.get(c).map_or("", String::as_str);
        match (h.rfind(['(', '（']), h.rfind([')', '）'])) {
            (Some(o), Some(e)) if o < e => {
                let inner = h[o..e].trim_start_matches(['(', '（']);
                // A heading unit the model cannot read (万 元, with a blank) relates nothing.
                crate::quantity::units::parse_unit(inner)
                    .ok()
                    .map(|_| inner.to_string())
            }
            _ => Some(String::new()),
        }
    };
    let value = |r: &Vec<String>, c: usize| -> Option<Decimal> {
        let t: String = r
            .get(c)?
            .chars()
            .filter(|c| !c.is_whitespace() && *c != ',')
            .collect();
        if t.is_empty() || t == "—" || t == "-" {
            return None;
        }
        t.parse().ok()
    };
    let numeric: Vec<usize> = (1..width)
        .filter(|&c| rows.iter().filter(|r| value(r, c).is_some()).count() >= 3)
        .collect();
    let mut out = Vec::new();
    let mut derived: Vec<usize> = Vec::new();
    let mut sets: Vec<[usize; 3]> = Vec::new();
    for (op, f) in [("+", 1i32), ("-", -1i32)] {
        for &c in &numeric {
            'pairs: for &a in &numeric {
                for &b in &numeric {
                    if a == c
                        || b == c
                        || a == b
                        || unit(c).is_none()
                        || unit(a) != unit(c)
                        || unit(b) != unit(c)
                    {
                        continue;
                    }
                    {
                        if op == "+" && a > b {
                            continue;
                        }
                        let mut held = 0;
                        let mut of = 0;
                        let mut nonzero_b = 0;
                        for r in rows {
                            let (Some(x), Some(y), Some(z)) =
                                (value(r, a), value(r, b), value(r, c))
                            else {
                                continue;
                            };
                            of += 1;
                            if !y.is_zero() {
                                nonzero_b += 1;
                            }
                            if z == x + y * Decimal::from(f) {
                                held += 1;
                            }
                        }
                        let mut set = [a, b, c];
                        set.sort_unstable();
                        if of >= 3
                            && held + 1 >= of
                            && held >= 3
                            && nonzero_b >= 2
                            && !derived.contains(&c)
                            && !sets.contains(&set)
                        {
                            sets.push(set);
                            out.push((
                                format!("第{}列 = 第{}列 {op} 第{}列", c + 1, a + 1, b + 1),
                                held,
                                of,
                            ));
                            derived.push(c);
                            break 'pairs;
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod citation_tests {
    use super::*;

    #[test]
    fn documents_cited_by_number() {
        assert_eq!(
            citations("根据《办法》（内建管﹝2019﹞186号）、《方案》（吴政办发〔2021〕36号）和公安部令第119号"),
            vec!["内建管﹝2019﹞186号", "吴政办发〔2021〕36号", "公安部令第119号"]
        );
        // Printed in traditional characters, with ASCII brackets: kept as written.
        assert_eq!(
            citations("《關于做好農村危房改造工作的通知》(建村[2015]40號)要求"),
            vec!["建村[2015]40號"]
        );
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::import::figures::read;

    #[test]
    fn clauses_with_bound_words_make_a_rule() {
        let p = read(
            "对于核定改造费用达到4万元以上的住户，给予3万元的补贴；对于核定改造费用不足4万元的住户，按照50%的比例进行补贴。",
            &mut Context::default(),
            0,
        );
        let rule = p.stmts.iter().find_map(|s| match s {
            Stmt::Rule {
                object, branches, ..
            } => Some((object.clone(), branches.clone())),
            _ => None,
        });
        assert_eq!(
            rule,
            Some((
                "核定改造费用".to_string(),
                vec![
                    ("达到4万元以上".to_string(), "3万元".to_string()),
                    ("不足4万元".to_string(), "50%".to_string())
                ]
            ))
        );
        // One clause alone is no rule.
        let one = read(
            "农户若采取清洁取暖费用少于6000元，补助金额按照80%计算。",
            &mut Context::default(),
            0,
        );
        assert!(!one.stmts.iter().any(|s| matches!(s, Stmt::Rule { .. })));
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn relations_hold_on_all_rows_but_one() {
        let rows: Vec<Vec<String>> = [
            ["合计", "12", "4", "8"],
            ["甲", "5", "2", "3"],
            ["乙", "4", "1", "3"],
            ["丙", "3", "1", "3"],
        ]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
        let header: Vec<String> = ["县", "户数", "已开工", "未开工"]
            .iter()
            .map(|c| c.to_string())
            .collect();
        let rel = column_relations(&header, &rows, 4);
        assert_eq!(rel[0].0, "第2列 = 第3列 + 第4列");
        assert_eq!((rel[0].1, rel[0].2), (3, 4));
        assert_eq!(rel.len(), 1, "one relation per three columns");
    }
}
