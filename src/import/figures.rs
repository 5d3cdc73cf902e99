//! Figures, dates and stated relations inside one paragraph.
//!
//! Every figure is kept with its unit and magnitude as written (exact, rounded, 约/左右) and
//! named from the words before it (or, for a count, the noun after it). The paragraph's prose
//! then refers to it as `{名称}`, so the rebuilt draft prints the figure where the notice did.
//! Relations read from the notice's own wording:
//! - `T，其中A a，B b` — a total and its parts (分解);
//! - `a、b共T` — parts and their total (分解, inferred);
//! - `占总投资的40.89%` — a share (核算, inferred);
//! - `按7:3` — a ratio (比例);
//! - the same figure written again — a restatement (复述, inferred).
//!
//! What is inferred gets a comment in the draft. Nothing is ever corrected.

use std::collections::HashMap;

use crate::quantity::units::{parse_unit, UnitExpr};

use super::names::{clean, Names};

/// A statement the paragraph's data makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stmt {
    /// 指标 名称：数量
    Figure { name: String, qty: String },
    /// 复述 路径：数量 — the same figure as an earlier one.
    Restate { path: String, qty: String },
    /// 分解 名称 { 合计：…  分项：… } — `note` says why it was read so when inferred.
    Breakdown {
        name: String,
        total: String,
        parts: Vec<(String, String)>,
        note: Option<String>,
    },
    /// 核算：… with the reason it was inferred.
    Calc { expr: String, note: String },
    /// 比例 名称：7:3
    Ratio { name: String, ratio: String },
    /// 节点 标签：时间
    Milestone { label: String, when: String },
    /// 依据：a document the paragraph cites by number.
    Basis(String),
    /// 规则 名称 { 对象：…  若 条件：结果 … } — a subsidy rule with its bound words.
    Rule {
        name: String,
        object: String,
        branches: Vec<(String, String)>,
    },
}

/// A paragraph read: its prose with `{名称}` in place of figures, and its statements.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub prose: String,
    pub stmts: Vec<Stmt>,
}

/// What the whole notice shares while paragraphs are read one by one.
#[derive(Default)]
pub struct Context {
    pub names: Names,
    /// Milestone labels, unique in the file.
    pub labels: Names,
    /// The first declaration of each figure as written (for restatements): written → path.
    first: HashMap<String, String>,
}

/// A figure found in the text.
#[derive(Debug, Clone)]
struct Fig {
    start: usize,
    end: usize,
    /// As the policy writes it: 约7.1万平方米, 2.85万户, 80%.
    written: String,
    /// The unit resolved (None for a bare number).
    unit: Option<UnitExpr>,
    /// Whether it names a count (个, 座 …): its name is the noun after it.
    count: bool,
    path: String,
}

/// A date found in the text.
#[derive(Debug, Clone)]
struct DateSpan {
    start: usize,
    end: usize,
    /// Whether it has a month (a day or a month of a year), not just a year.
    has_month: bool,
}

const RANGE_SEPS: &[char] = &['-', '－', '—', '–', '―', '~', '～', '至', '到'];
const PERIOD_PARTS: &[&str] = &["上旬", "中旬", "下旬", "底", "末", "初"];
const BEFORE: &[&str] = &["之前", "以前", "前"];
/// Words that join a figure to what came before, not part of its name.
const CONNECTORS: &[&str] = &[
    "其中", "共计", "合计", "总计", "累计", "共", "约为", "约", "为", "达到", "达", "是", "以及",
    "和", "及", "并", "即", "的", "占",
];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Reads one paragraph. `skip_dates_before` leaves out of the milestones the dates that end
/// before this byte (a phase or step line has already taken them).
pub fn read(text: &str, cx: &mut Context, skip_dates_before: usize) -> Para {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let dates = find_dates(text, &chars);
    let mut figs = find_figures(text, &chars, &dates);
    name_figures(text, &mut figs, cx);
    let mut stmts = Vec::new();
    let mut declared = vec![false; figs.len()];
    breakdowns(text, &mut figs, &mut declared, &mut stmts, cx);
    for (i, f) in figs.iter_mut().enumerate() {
        if declared[i] {
            continue;
        }
        if let Some(path) = restated(f, cx) {
            stmts.push(Stmt::Restate {
                path: path.clone(),
                qty: f.written.clone(),
            });
            f.path = path;
        } else {
            cx.first.insert(f.written.clone(), f.path.clone());
            stmts.push(Stmt::Figure {
                name: f.path.clone(),
                qty: f.written.clone(),
            });
        }
    }
    shares(text, &figs, &mut stmts);
    rules(text, &figs, &mut stmts, cx);
    ratios(text, &dates, &mut stmts, cx);
    for d in dates
        .iter()
        .filter(|d| d.has_month && d.start >= skip_dates_before)
    {
        let label = milestone_label(text, d, cx);
        stmts.push(Stmt::Milestone {
            label,
            when: text[d.start..d.end].trim().to_string(),
        });
    }
    stmts.extend(citations(text).into_iter().map(Stmt::Basis));
    Para {
        prose: with_references(text, &figs),
        stmts,
    }
}

/// A figure written exactly as an earlier one, with a unit and enough digits not to be a
/// coincidence, is read as the same figure stated again.
fn restated(f: &Fig, cx: &Context) -> Option<String> {
    let digits = f.written.chars().filter(|c| is_digit(*c)).count();
    let magnitude = f.written.contains(['万', '亿']);
    if f.unit.is_none() || f.written.ends_with('%') || (digits < 3 && !magnitude) {
        return None;
    }
    cx.first.get(&f.written).cloned()
}

// ───────────────────────────── dates ─────────────────────────────

/// A number at `i` (ASCII or full-width digits): its end index in `chars`.
fn number_end(chars: &[(usize, char)], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && is_digit(chars[j].1) {
        j += 1;
    }
    j
}

/// A date point at char index `i`: 2022年3月31日, 3月15日, 2023年底, 10月底前, 30日. Returns its
/// end (char index) and whether it has a month or a day.
fn date_point(chars: &[(usize, char)], i: usize) -> Option<(usize, bool, bool)> {
    let at = |k: usize| chars.get(k).map(|c| c.1);
    let skip_ws = |mut k: usize| {
        while at(k).is_some_and(|c| c == ' ' || c == '\u{3000}') {
            k += 1;
        }
        k
    };
    let mut j = i;
    let mut month = false;
    let mut day = false;
    let n = number_end(chars, j);
    if n == j {
        return None;
    }
    let k = skip_ws(n);
    match at(k) {
        Some('年') if n - j == 4 => {
            j = k + 1;
            let s = skip_ws(j);
            let m = number_end(chars, s);
            let mk = skip_ws(m);
            if m > s && at(mk) == Some('月') && m - s <= 2 {
                month = true;
                j = mk + 1;
            }
        }
        Some('月') if n - j <= 2 => {
            month = true;
            j = k + 1;
        }
        Some('日' | '号') if n - j <= 2 => {
            return Some((k + 1, false, true));
        }
        _ => return None,
    }
    if month {
        if at(j) == Some('份') {
            j += 1;
        }
        let s = skip_ws(j);
        let d = number_end(chars, s);
        let dk = skip_ws(d);
        if d > s && d - s <= 2 && matches!(at(dk), Some('日' | '号')) {
            day = true;
            j = dk + 1;
        }
    }
    if !day {
        let rest: String = chars[j.min(chars.len())..]
            .iter()
            .take(2)
            .map(|c| c.1)
            .collect();
        if let Some(p) = PERIOD_PARTS.iter().find(|p| rest.starts_with(**p)) {
            j += p.chars().count();
        }
    }
    Some((j, month, day))
}

fn find_dates(text: &str, chars: &[(usize, char)]) -> Vec<DateSpan> {
    let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = is_digit(chars[i].1) && (i == 0 || !is_digit(chars[i - 1].1));
        let Some((mut end, month, day)) = starts.then(|| date_point(chars, i)).flatten() else {
            i += 1;
            continue;
        };
        // A day alone (30日内) is a duration, a figure; it is a date only after a month, in a
        // range (12月1日-30日), which the range reading below takes.
        if day
            && !month
            && chars
                .get(end.saturating_sub(1))
                .is_some_and(|c| c.1 == '日' || c.1 == '号')
            && end - i <= 3
        {
            i += 1;
            continue;
        }
        // A year range 2021-2023年 or a date range 3月2日- 3月15日.
        let mut k = end;
        while chars.get(k).is_some_and(|c| c.1 == ' ') {
            k += 1;
        }
        if chars.get(k).is_some_and(|c| RANGE_SEPS.contains(&c.1)) {
            let mut m = k + 1;
            while chars.get(m).is_some_and(|c| c.1 == ' ') {
                m += 1;
            }
            if let Some((e2, _, _)) = date_point(chars, m) {
                end = e2;
            }
        }
        let tail: String = chars[end.min(chars.len())..]
            .iter()
            .take(2)
            .map(|c| c.1)
            .collect();
        if let Some(b) = BEFORE.iter().find(|b| tail.starts_with(**b)) {
            end += b.chars().count();
        }
        out.push(DateSpan {
            start: byte(i),
            end: byte(end),
            has_month: month,
        });
        i = end.max(i + 1);
    }
    // A year range: 2021-2023年 (the first year has no 年 of its own).
    let mut i = 0;
    while i < chars.len() {
        let starts = is_digit(chars[i].1) && (i == 0 || !is_digit(chars[i - 1].1));
        let n = number_end(chars, i);
        if starts
            && n - i == 4
            && chars.get(n).is_some_and(|c| RANGE_SEPS.contains(&c.1))
            && !out
                .iter()
                .any(|d| d.start <= chars[i].0 && chars[i].0 < d.end)
        {
            let m = n + 1;
            let e = number_end(chars, m);
            if e - m == 4 && chars.get(e).is_some_and(|c| c.1 == '年') {
                out.push(DateSpan {
                    start: byte(i),
                    end: byte(e + 1),
                    has_month: false,
                });
                i = e + 1;
                continue;
            }
        }
        i += 1;
    }
    out.sort_by_key(|d| d.start);
    out
}

/// The first date in `text`: its byte range.
pub fn first_date(text: &str) -> Option<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    find_dates(text, &chars).first().map(|d| (d.start, d.end))
}

/// A milestone's label: the words after the date (what is due), else the words before it.
fn milestone_label(text: &str, d: &DateSpan, cx: &mut Context) -> String {
    let after = &text[d.end..];
    let stop = |c: char| "，。；：、,;:（）()".contains(c);
    let words: String = after
        .trim_start_matches(|c: char| stop(c) || c.is_whitespace())
        .chars()
        .take_while(|c| !stop(*c))
        .collect();
    let mut label = clean(&strip_lead(&words), 14);
    if label.is_empty() {
        let before = &text[..d.start];
        let words: String = before
            .chars()
            .rev()
            .take_while(|c| !stop(*c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        label = clean(&words, 12);
    }
    let label = if label.is_empty() {
        "节点".to_string()
    } else {
        label
    };
    let label = if label.starts_with(|c: char| c.is_ascii_digit()) {
        format!("节点{label}")
    } else {
        label
    };
    cx.labels.unique(&label)
}

// ───────────────────────────── figures ─────────────────────────────

/// Characters that can continue a unit after the number.
fn unit_char(c: char) -> bool {
    !(c.is_whitespace()
        || "，,。、；;：:（）()「」{}｛｝|｜=＝+＋×÷*≤≥<>-－—–~～至“”\"'《》!！?？".contains(c)
        || is_digit(c))
}

/// Words that end a unit as the grammar reads it (a bound word or an approximation).
const UNIT_STOPS: &[&str] = &[
    "左右",
    "以上",
    "以下",
    "以内",
    "以外",
    "及以上",
    "及以下",
    "之间",
];

fn find_figures(text: &str, chars: &[(usize, char)], dates: &[DateSpan]) -> Vec<Fig> {
    let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let in_date = |b: usize| dates.iter().any(|d| d.start <= b && b < d.end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let prev = i.checked_sub(1).map(|k| chars[k].1);
        let starts = is_digit(c)
            && !prev.is_some_and(|p| {
                is_digit(p) || p.is_ascii_alphabetic() || p == '.' || "〔[﹝［".contains(p)
            })
            && !in_date(chars[i].0);
        if !starts {
            i += 1;
            continue;
        }
        // The number: digits, thousands groups, decimals.
        let mut j = number_end(chars, i);
        while chars.get(j).is_some_and(|c| c.1 == ',')
            && number_end(chars, j + 1) == j + 4
            && !chars.get(j + 4).is_some_and(|c| is_digit(c.1))
        {
            j += 4;
        }
        if chars.get(j).is_some_and(|c| c.1 == '.' || c.1 == '．')
            && chars.get(j + 1).is_some_and(|c| is_digit(c.1))
        {
            j = number_end(chars, j + 1);
        }
        let digits_end = j;
        // 20mm, 2m: a unit in ASCII letters is fine; a number glued to letters (B0D, C20) is a code.
        if chars
            .get(j)
            .is_some_and(|c| c.1 == '〕' || c.1 == ']' || c.1 == '号')
        {
            i = j;
            continue;
        }
        let mut k = j;
        while chars.get(k).is_some_and(|c| c.1 == ' ') {
            k += 1;
        }
        let mut magnitude = false;
        if chars.get(k).is_some_and(|c| c.1 == '万' || c.1 == '亿') {
            magnitude = true;
            k += 1;
        }
        // The longest run after the number that reads as a unit.
        let mut run = String::new();
        let mut best: Option<(usize, UnitExpr)> = None;
        let mut m = k;
        while m < chars.len()
            && run.chars().count() < 10
            && (unit_char(chars[m].1) || chars[m].1 == '/' || chars[m].1 == '·')
        {
            run.push(chars[m].1);
            m += 1;
            if UNIT_STOPS.iter().any(|s| run.ends_with(s)) {
                break;
            }
            let candidate = if magnitude {
                format!("{}{}", chars[k - 1].1, run)
            } else {
                run.clone()
            };
            if let Ok(u) = parse_unit(&candidate) {
                if !run.ends_with(['/', '·']) {
                    best = Some((m, u));
                }
            }
        }
        let (end, unit) = match best {
            Some((e, u)) => (e, Some(u)),
            None => (k, None),
        };
        // A unit in letters must not run on into a word (2m靠尺 is 2m; C20 was skipped above).
        if chars.get(end).is_some_and(|c| c.1.is_ascii_alphanumeric()) {
            i = end.max(i + 1);
            continue;
        }
        let digit_count = chars[i..digits_end]
            .iter()
            .filter(|c| is_digit(c.1))
            .count();
        if unit.is_none() && !magnitude && digit_count < 2 {
            i = end.max(i + 1);
            continue;
        }
        // 约 before, 左右 after.
        let mut start = i;
        if i >= 1 && chars[i - 1].1 == '约' {
            start = i - 1;
        }
        let mut end = end;
        let tail: String = chars[end.min(chars.len())..]
            .iter()
            .take(2)
            .map(|c| c.1)
            .collect();
        if tail == "左右" {
            end += 2;
        }
        let written = text[byte(start)..byte(end)].to_string();
        let count = unit.as_ref().is_some_and(|u| {
            u.dims.len() == 1
                && u.dims.values().all(|e| *e == 1)
                && !u.dims.contains_key("户")
                && ![
                    "元",
                    "平方米",
                    "米",
                    "立方米",
                    "吨",
                    "千瓦",
                    "吉焦",
                    "年",
                    "月",
                    "天",
                    "小时",
                    "采暖季",
                ]
                .iter()
                .any(|b| u.dims.contains_key(*b))
        });
        out.push(Fig {
            start: byte(start),
            end: byte(end),
            written,
            unit,
            count,
            path: String::new(),
        });
        i = end.max(i + 1);
    }
    out
}

/// Removes the joining words at the start of `words`.
fn strip_lead(words: &str) -> String {
    let mut w = words.trim();
    loop {
        let before = w;
        for c in CONNECTORS {
            if let Some(rest) = w.strip_prefix(c) {
                w = rest.trim_start();
            }
        }
        if w == before {
            return w.to_string();
        }
    }
}

/// Removes the joining words at the end of `words`.
fn strip_tail(words: &str) -> String {
    let mut w = words.trim();
    loop {
        let before = w;
        for c in CONNECTORS {
            if let Some(rest) = w.strip_suffix(c) {
                w = rest.trim_end();
            }
        }
        if w == before {
            return w.to_string();
        }
    }
}

/// The noun a unit suggests when the words do not say what is counted.
fn unit_noun(u: Option<&UnitExpr>, written: &str) -> &'static str {
    let Some(u) = u else { return "数" };
    if written.ends_with('%') {
        return "比例";
    }
    let has = |k: &str| u.dims.get(k) == Some(&1);
    if u.dims.len() > 1 {
        "标准"
    } else if has("户") {
        "户数"
    } else if has("平方米") {
        "面积"
    } else if has("元") {
        "资金"
    } else if has("米") {
        "长度"
    } else {
        "数"
    }
}

/// The words before position `at`, back to a stop or to the end of the previous figure.
fn words_before(text: &str, at: usize, floor: usize) -> String {
    let stop = |c: char| "，。；：、,;:（）()“”《》".contains(c);
    let before = &text[floor.min(at)..at];
    let rev: Vec<char> = before.chars().rev().take_while(|c| !stop(*c)).collect();
    rev.into_iter().rev().collect()
}

/// The noun right after a count (6个平房区 → 平房区).
fn noun_after(text: &str, at: usize) -> String {
    text[at..]
        .chars()
        .take_while(|c| {
            !"，。；：、,;:（）()“”《》的和及与".contains(*c) && !is_digit(*c) && !c.is_whitespace()
        })
        .take(6)
        .collect()
}

fn name_figures(text: &str, figs: &mut [Fig], cx: &mut Context) {
    let mut floor = 0;
    for f in figs.iter_mut() {
        let noun = unit_noun(f.unit.as_ref(), &f.written);
        let before = strip_tail(&strip_lead(&words_before(text, f.start, floor)));
        let base = if f.count {
            let after = noun_after(text, f.end);
            if after.is_empty() {
                format!("{}数", clean(&before, 8))
            } else {
                format!("{}数", clean(&after, 8))
            }
        } else {
            let b = clean(&before, 12);
            let ends_right = match noun {
                "户数" => b.ends_with('户') || b.ends_with("户数"),
                "面积" => b.ends_with("面积"),
                "资金" => [
                    "资金", "投资", "费用", "补助", "补贴", "概算", "金额", "配套", "自筹", "经费",
                ]
                .iter()
                .any(|s| b.ends_with(s)),
                "比例" => ["率", "比", "比例", "比重", "占比"]
                    .iter()
                    .any(|s| b.ends_with(s)),
                _ => false,
            };
            if b.is_empty() {
                let after = clean(&noun_after(text, f.end), 6);
                format!("{after}{noun}")
            } else if ends_right {
                b
            } else {
                format!("{b}{noun}")
            }
        };
        f.path = cx.names.unique(&clean(&base, 16));
        floor = f.end;
    }
}

// ───────────────────────────── relations ─────────────────────────────

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
fn breakdowns(
    text: &str,
    figs: &mut [Fig],
    declared: &mut [bool],
    stmts: &mut Vec<Stmt>,
    cx: &mut Context,
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
                                cx,
                                c,
                                &parts,
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
        declare_breakdown(text, figs, declared, stmts, cx, total, &parts, note);
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
            declare_breakdown(text, figs, declared, stmts, cx, t, &parts, note);
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
fn value_of(f: &Fig) -> Option<(rust_decimal::Decimal, rust_decimal::Decimal)> {
    use rust_decimal::Decimal;
    let unit = f.unit.as_ref()?;
    let digits: String = f
        .written
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v: Decimal = digits.parse().ok()?;
    let decimals = digits.split('.').nth(1).map_or(0, str::len) as u32;
    let rounded = decimals > 0 || f.written.contains(['万', '亿']);
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

#[allow(clippy::too_many_arguments)]
fn declare_breakdown(
    text: &str,
    figs: &mut [Fig],
    declared: &mut [bool],
    stmts: &mut Vec<Stmt>,
    _cx: &mut Context,
    total: usize,
    parts: &[usize],
    note: Option<String>,
) {
    let name = figs[total].path.clone();
    let mut labels = Names::default();
    let mut out_parts = Vec::new();
    let mut floor = figs[total].end;
    for (n, &p) in parts.iter().enumerate() {
        let words = strip_tail(&strip_lead(&words_before(text, figs[p].start, floor)));
        let mut label = clean(&words, 12);
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
fn shares(text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>) {
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
fn rules(text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>, cx: &mut Context) {
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
fn ratios(text: &str, dates: &[DateSpan], stmts: &mut Vec<Stmt>, cx: &mut Context) {
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
fn citations(text: &str) -> Vec<String> {
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
        if num.is_empty() || !after_num.starts_with('号') {
            continue;
        }
        let end = text.len() - after_num.len() + '号'.len_utf8();
        found.push((pos, format!("{}{}", head(pos), &text[pos..end])));
    }
    // 公安部令第119号: an order cited by its number.
    for (pos, _) in text.match_indices("令第") {
        let after = &text[pos + "令第".len()..];
        let num: String = after.chars().take_while(|c| is_digit(*c)).collect();
        if num.is_empty() || !after[num.len()..].starts_with('号') {
            continue;
        }
        found.push((pos, format!("{}令第{num}号", head(pos))));
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

/// The paragraph with each figure replaced by `{路径}`.
fn with_references(text: &str, figs: &[Fig]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in figs {
        out.push_str(&text[at..f.start]);
        out.push('{');
        out.push_str(&f.path);
        out.push('}');
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(text: &str) -> Para {
        read(text, &mut Context::default(), 0)
    }

    #[test]
    fn a_total_and_its_parts_after_qizhong() {
        let p = read_one("完成清洁取暖改造2.85万户，其中，2021年实施3000户，2022年实施13600户。");
        assert_eq!(
            p.stmts[0],
            Stmt::Breakdown {
                name: "完成清洁取暖改造户数".into(),
                total: "2.85万户".into(),
                parts: vec![
                    ("实施·2021年".into(), "3000户".into()),
                    ("实施·2022年".into(), "13600户".into())
                ],
                note: None,
            }
        );
        assert!(p.prose.contains(
            "{完成清洁取暖改造户数}，其中，2021年实施{完成清洁取暖改造户数.实施·2021年}"
        ));
    }

    #[test]
    fn dates_are_not_figures_and_become_milestones() {
        let p = read_one("2022年3月2日- 3月15日，完成项目摸底和入户宣传工作。");
        assert_eq!(
            p.stmts,
            vec![Stmt::Milestone {
                label: "完成项目摸底和入户宣传工作".into(),
                when: "2022年3月2日- 3月15日".into()
            }]
        );
        assert_eq!(
            p.prose,
            "2022年3月2日- 3月15日，完成项目摸底和入户宣传工作。"
        );
    }

    #[test]
    fn approximations_counts_and_codes() {
        let p = read_one("完成6个平房区460户（约7.1万平方米）改造，C20混凝土，60 ㎡左右。");
        let figs: Vec<_> = p
            .stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Figure { name, qty } => Some((name.as_str(), qty.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            figs,
            vec![
                ("平房区数", "6个"),
                ("平房区户数", "460户"),
                ("面积", "约7.1万平方米"),
                ("面积2", "60 ㎡左右")
            ]
        );
    }

    #[test]
    fn a_share_of_an_earlier_total() {
        let p = read_one(
            "概算总投资22705万元，其中中央资金9283万元，占总投资的40.89%；农户自筹13422万元。",
        );
        assert!(p
            .stmts
            .iter()
            .any(|s| matches!(s, Stmt::Calc { expr, .. } if expr.contains("÷ 概算总投资 ="))));
    }
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
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;

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
