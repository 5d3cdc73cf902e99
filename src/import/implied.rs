//! Relations a sentence implies by arithmetic, which an auditor checks in any notice:
//! - a rate and what it applies to: `按3500元/户…改造2196户…补贴768.6万元` (标准 × 数量 = 资金;
//!   a capped rate, 最高/不超过, gives `≥`);
//! - an average: `改造4173户、29.2万平方米，户均70平方米` (合计 ÷ 户数 = 户均);
//! - a part of a whole: `完成全部整治任务的90%，即23797户` (整体 × 90% = 部分);
//! - a counted list: `甲镇、乙镇、丙镇共3个镇` (3个 = the names listed; with 等 the list may
//!   stop early, so only `≤`);
//! - a list matched by 分别: `2021年、2022年分别改造3000户、13600户` names each figure by its
//!   list item, and a total before the list becomes their 分解.
//!
//! Each is inferred, with its reason for the draft's comment, and only where the sentence
//! leaves one reading: two candidates for a place relate nothing.

use crate::model::names_a_household_average;
use crate::quantity::units::{Dims, UnitExpr};

use super::figures::{Context, Fig, Stmt};
use super::names::{clean, label};
use super::relations::declare_breakdown;

/// The sentences of `text`: byte ranges ending at 。 (or the end).
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '。' {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

fn dims(f: &Fig) -> Option<&Dims> {
    f.unit
        .as_ref()
        .filter(|u| !u.dims.is_empty() && !f.written.ends_with('%'))
        .map(|u: &UnitExpr| &u.dims)
}

fn product(a: &Dims, b: &Dims) -> Dims {
    let mut out = a.clone();
    for (k, e) in b {
        let v = out.entry(k.clone()).or_insert(0);
        *v += e;
        if *v == 0 {
            out.remove(k);
        }
    }
    out
}

fn per(unit: &str) -> Dims {
    Dims::from([(unit.to_string(), -1)])
}

/// The text just before a figure, up to `n` characters.
fn just_before(text: &str, at: usize, n: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |x| x.0);
    &text[start..at]
}

/// What one of a rate stands for when 每户/每平方米 is written before the figure (每户5000元).
fn per_word(text: &str, f: &Fig) -> Option<&'static str> {
    let before = just_before(text, f.start, 8);
    [("每户", "户"), ("每平方米", "平方米"), ("每人", "人")]
        .into_iter()
        .find(|(w, _)| before.contains(w))
        .map(|(_, u)| u)
}

/// 标准 × 数量 = 资金, within one sentence.
pub(super) fn rates(text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>) {
    for (s, e) in sentences(text) {
        let here: Vec<usize> = (0..figs.len())
            .filter(|&i| figs[i].start >= s && figs[i].end <= e && dims(&figs[i]).is_some())
            .collect();
        for &r in &here {
            let Some(d) = dims(&figs[r]) else { continue };
            // 每户1800元: the figure is in 元, the rate per 户; the expression divides by 1户.
            let (rate_dims, per_one) = match per_word(text, &figs[r]) {
                Some(u) if !d.values().any(|e| *e < 0) => (product(d, &per(u)), Some(u)),
                _ => (d.clone(), None),
            };
            // A rate has one unit it is per: 元/户, 元/平方米.
            let per_dims: Dims = rate_dims
                .iter()
                .filter(|(_, e)| **e < 0)
                .map(|(k, e)| (k.clone(), -e))
                .collect();
            if per_dims.is_empty() || per_dims.len() != 1 {
                continue;
            }
            let amount_dims = product(&rate_dims, &per_dims);
            if amount_dims.is_empty() || amount_dims.values().any(|e| *e < 0) {
                continue;
            }
            let pick = |want: &Dims| -> Option<usize> {
                let c: Vec<usize> = here
                    .iter()
                    .copied()
                    .filter(|&i| i != r && dims(&figs[i]) == Some(want))
                    .collect();
                (c.len() == 1).then(|| c[0])
            };
            let (Some(q), Some(a)) = (pick(&per_dims), pick(&amount_dims)) else {
                continue;
            };
            let before = just_before(text, figs[r].start, 8);
            let capped = ["最高", "不超过", "最多", "封顶", "上限"]
                .iter()
                .any(|w| before.contains(w));
            let cmp = if capped { "≥" } else { "=" };
            // A rate named as a household average is per 户 already (the language reads it so).
            let per_one = per_one
                .filter(|u| !(*u == "户" && names_a_household_average(&figs[r].path)))
                .map(|u| format!(" ÷ 1{u}"))
                .unwrap_or_default();
            stmts.push(Stmt::Calc {
                expr: format!(
                    "{} × {}{per_one} {cmp} {}",
                    figs[r].path, figs[q].path, figs[a].path
                ),
                note: format!(
                    "同一句中的标准{}、数量{}与金额{}，读作 标准 × 数量 {cmp} 金额{}",
                    figs[r].written.trim(),
                    figs[q].written.trim(),
                    figs[a].written.trim(),
                    if capped { "（标准是上限）" } else { "" }
                ),
            });
        }
    }
}

/// 户均/人均/平均每户 X: X = 合计 ÷ 户数, where the sentence holds one figure of X's kind
/// besides X and one count of 户 (人).
pub(super) fn averages(text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>) {
    for (s, e) in sentences(text) {
        let here: Vec<usize> = (0..figs.len())
            .filter(|&i| figs[i].start >= s && figs[i].end <= e && dims(&figs[i]).is_some())
            .collect();
        for &x in &here {
            let before = just_before(text, figs[x].start, 6);
            let Some((word, of)) = [
                ("户均", "户"),
                ("平均每户", "户"),
                ("每户平均", "户"),
                ("人均", "人"),
            ]
            .into_iter()
            .find(|(w, _)| before.contains(w)) else {
                continue;
            };
            let Some(d) = dims(&figs[x]) else { continue };
            if d.contains_key(of) {
                continue;
            }
            let count_dims = Dims::from([(of.to_string(), 1)]);
            let pick = |want: &Dims| -> Option<usize> {
                let c: Vec<usize> = here
                    .iter()
                    .copied()
                    .filter(|&i| i != x && dims(&figs[i]) == Some(want))
                    .collect();
                (c.len() == 1).then(|| c[0])
            };
            let (Some(total), Some(n)) = (pick(d), pick(&count_dims)) else {
                continue;
            };
            // 户均80平方米 is in 平方米: the quotient per 户 times 1户, unless the average's name
            // makes it per 户 already (the language reads 户均面积：80平方米 as 平方米/户).
            let times_one = if of == "户" && names_a_household_average(&figs[x].path) {
                String::new()
            } else {
                format!(" × 1{of}")
            };
            stmts.push(Stmt::Calc {
                expr: format!(
                    "{} ÷ {}{times_one} = {}",
                    figs[total].path, figs[n].path, figs[x].path
                ),
                note: format!(
                    "「{word}」读作同一句中的{}除以{}",
                    figs[total].written.trim(),
                    figs[n].written.trim()
                ),
            });
        }
    }
}

/// 整体的90%，即部分 (or 为/达到): 整体 × 90% = 部分, where 整体 is the one figure of the
/// part's kind before the share in the paragraph whose words the share's words end with
/// (全部整治任务的90% after 整治任务 …), or the one figure of that kind in the sentence.
pub(super) fn parts_of_whole(text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>) {
    for (k, share) in figs.iter().enumerate() {
        if !share.written.ends_with('%') || !text[..share.start].trim_end().ends_with('的') {
            continue;
        }
        let after = text[share.end..].trim_start();
        let joined = ["，即", "，约", "，为", "即", "为"]
            .iter()
            .find(|w| after.starts_with(**w));
        let Some(joined) = joined else { continue };
        let Some(part) = figs.get(k + 1).filter(|p| {
            text.get(share.end..p.start)
                .is_some_and(|between| between.trim() == *joined)
                && dims(p).is_some()
        }) else {
            continue;
        };
        let same: Vec<&Fig> = figs[..k].iter().filter(|f| dims(f) == dims(part)).collect();
        let Some(whole) = (same.len() == 1).then(|| same[0]) else {
            continue;
        };
        stmts.push(Stmt::Calc {
            expr: format!("{} × {} = {}", whole.path, share.path, part.path),
            note: format!(
                "「的{}，{}」读作前文唯一同类的{}的{}",
                share.written,
                joined.trim_start_matches('，'),
                whole.written.trim(),
                share.written
            ),
        });
    }
}

/// The items of a list that ends at `at`: names apart by 、 back to a stop. None unless
/// there are two or more.
fn list_before(text: &str, at: usize) -> Option<Vec<&str>> {
    let stop = |c: char| "，。；：:（）()“”《》,;".contains(c);
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| stop(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let list = &text[start..at];
    let items: Vec<&str> = list.split('、').map(str::trim).collect();
    // Names or years, not figures: 老院、1座全民健身中心 lists things with their own counts.
    let name = |i: &str| {
        let digits = i.chars().filter(|c| super::figures::is_digit(*c)).count();
        let year = digits == 4 && i.len() == 4 + '年'.len_utf8() && i.ends_with('年');
        !i.is_empty() && i.chars().count() <= 24 && (digits == 0 || year)
    };
    (items.len() >= 2 && items.iter().all(|i| name(i))).then_some(items)
}

/// 甲、乙、丙共3个: the count and the names listed before it.
pub(super) fn counted_lists(text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>) {
    for f in figs.iter().filter(|f| f.count) {
        let head = &text[..f.start];
        // 甲、乙等3个 / 甲、乙共3个, or the count right after the list (基础类、完善类、提升类3类).
        let (list_end, etc, marked) = if let Some(h) = head.strip_suffix("等") {
            (h.len(), true, true)
        } else if let Some(h) = ["共计", "合计", "共"]
            .iter()
            .find_map(|w| head.strip_suffix(w))
        {
            (h.trim_end_matches('等').len(), h.ends_with('等'), true)
        } else {
            (head.len(), false, false)
        };
        let Some(items) = list_before(text, list_end) else {
            continue;
        };
        // The names must be of the kind counted: 高闸镇、金积镇 for 2个乡镇, not 新区、开发区
        // for 65条街路 (a count of something else in those places).
        let noun: Vec<char> = text[f.end..]
            .chars()
            .take_while(|c| !"，。；：、,;:（）()“”《》的和及与".contains(*c) && !c.is_whitespace())
            .take(6)
            .collect();
        // Unmarked, the names must end with the unit itself (提升类 before 3类).
        let unit_last = f.written.chars().last();
        let of_kind = |item: &str| {
            item.chars()
                .last()
                .is_some_and(|c| (marked && noun.contains(&c)) || Some(c) == unit_last)
        };
        if (marked && noun.is_empty()) || !items.iter().all(|i| of_kind(i)) {
            continue;
        }
        let unit: String = f
            .written
            .trim_start_matches('约')
            .chars()
            .skip_while(|c| {
                super::figures::is_digit(*c) || "零〇一二两三四五六七八九十百千".contains(*c)
            })
            .collect();
        let unit = unit.trim();
        if unit.is_empty() || f.written.ends_with("左右") {
            continue;
        }
        let n = items.len();
        let (cmp, why) = if etc {
            ("≤", "列举以「等」结尾，可能只列了一部分")
        } else {
            ("=", "")
        };
        let shown: Vec<&str> = items.iter().take(3).copied().collect();
        stmts.push(Stmt::Calc {
            expr: format!("{n}{unit} {cmp} {}", f.path),
            note: format!(
                "{} 前列举了{n}个名称（{}{}）{why}",
                f.written,
                shown.join("、"),
                if n > 3 { "……" } else { "" }
            ),
        });
    }
}

/// 甲、乙、丙分别…a、b、c: the list's items name the figures after 分别, of one kind and as
/// many as the items. A figure of that kind just before the list (…共2.85万户，其中) is their
/// total, declared as a 分解 with the items as its parts.
pub(super) fn respectively(
    text: &str,
    figs: &mut [Fig],
    declared: &mut [bool],
    stmts: &mut Vec<Stmt>,
    cx: &mut Context,
) {
    for (pos, _) in text.match_indices("分别") {
        let Some(items) = list_before(text, pos) else {
            continue;
        };
        let end = text[pos..]
            .find(['。', '；'])
            .map_or(text.len(), |i| pos + i);
        let after: Vec<usize> = (0..figs.len())
            .filter(|&i| figs[i].start > pos && figs[i].end <= end && !declared[i])
            .collect();
        if after.len() != items.len() {
            continue;
        }
        let kind = dims(&figs[after[0]]).cloned();
        if kind.is_none() || after.iter().any(|&i| dims(&figs[i]) != kind.as_ref()) {
            continue;
        }
        let labels: Vec<String> = items.iter().map(|i| label(i, 12)).collect();
        if labels.iter().any(String::is_empty) {
            continue;
        }
        // The total: the last figure of the kind before the list, in the same sentence.
        let list_start = text[..pos]
            .rfind(|c: char| "，。；：:（）()“”《》,;".contains(c))
            .unwrap_or(0);
        let sentence_start = text[..pos].rfind('。').map_or(0, |i| i + '。'.len_utf8());
        let total = (0..after[0]).rev().find(|&i| {
            figs[i].end <= list_start
                && figs[i].start >= sentence_start
                && dims(&figs[i]) == kind.as_ref()
                && !declared[i]
        });
        match total {
            Some(t) => {
                let note = format!("「分别」前列举的{}项视为分项", items.len());
                declare_breakdown(
                    text,
                    figs,
                    declared,
                    stmts,
                    t,
                    &after,
                    Some(&labels),
                    Some(note),
                );
            }
            None => {
                for (&i, label) in after.iter().zip(&labels) {
                    let base = clean(&format!("{label}{}", figs[i].base), 16);
                    figs[i].base = base.clone();
                    figs[i].path = cx.names.unique(&base);
                }
            }
        }
    }
}
