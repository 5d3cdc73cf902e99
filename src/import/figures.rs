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

use super::dates::{find_dates, milestone_label, number_end, DateSpan};
use super::names::{clean, Names};
use super::{implied, relations};

/// A statement the paragraph's data makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stmt {
    /// 指标 名称：数量
    Figure { name: String, qty: String },
    /// 复述 路径：数量 — the same figure as an earlier one; `note` says why it was read so.
    Restate {
        path: String,
        qty: String,
        note: String,
    },
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
    /// The title of the section being read, without its numbering and generic endings: what
    /// its figures are about (新能源取暖, 供热管网建设改造).
    topic: String,
    /// Tells apart sections with the same title; a figure is restated in another section.
    section: usize,
    sections: usize,
    /// Figures by what they measure, for restatements written differently.
    measured: HashMap<Measure, Measured>,
    /// The rates stated so far, for the counts and amounts of later sections.
    rates: super::across::Rates,
    /// The cells of the notice's tables, for the figures that restate one.
    cells: super::cells::Cells,
}

/// What a figure measures: the topic of its section, its name as read from the words before
/// it (before it was made unique) and its unit's dimensions.
type Measure = (String, String, String);

/// The first figure of a measure, or a measure stated more than once in one section (then
/// no later figure can say which it restates).
#[derive(Clone)]
enum Measured {
    Once {
        path: String,
        written: String,
        section: usize,
    },
    Ambiguous,
}

impl Context {
    /// The context of a notice whose tables hold `cells`.
    pub fn with_cells(cells: super::cells::Cells) -> Context {
        Context {
            cells,
            ..Context::default()
        }
    }

    /// Enters a section titled `title`; returns what [`Context::leave_section`] restores.
    pub fn enter_section(&mut self, title: &str) -> (String, usize) {
        self.sections += 1;
        let outer = (std::mem::take(&mut self.topic), self.section);
        self.topic = topic_of(title);
        self.section = self.sections;
        outer
    }

    pub fn leave_section(&mut self, outer: (String, usize)) {
        (self.topic, self.section) = outer;
    }
}

/// A section title as a topic: numbering, quotes, blanks and generic endings (项目, 工程,
/// 工作) removed, so that 「（4）供热管网建设改造项目」 and 「(二) 供热管网建设改造」 agree.
fn topic_of(title: &str) -> String {
    let t = title.trim();
    let t = match super::structure::numbering(t) {
        Some((_, len)) => &t[len..],
        None => t,
    };
    let mut t: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !"“”\"'‘’「」《》。．.、，,：:".contains(*c))
        .collect();
    loop {
        let before = t.len();
        for end in ["项目", "工程", "工作", "任务"] {
            if let Some(rest) = t.strip_suffix(end) {
                t = rest.to_string();
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

/// A figure found in the text.
#[derive(Debug, Clone)]
pub(super) struct Fig {
    pub(super) start: usize,
    pub(super) end: usize,
    /// As the policy writes it: 约7.1万平方米, 2.85万户, 80%.
    pub(super) written: String,
    /// The unit resolved (None for a bare number).
    pub(super) unit: Option<UnitExpr>,
    /// Whether it names a count (个, 座 …): its name is the noun after it.
    pub(super) count: bool,
    pub(super) path: String,
    /// The name read from the words around it, before it was made unique.
    pub(super) base: String,
    /// Printed as written in the prose, not as `{路径}`: a restatement written differently
    /// from the figure it restates (`{路径}` would print the first writing).
    pub(super) literal: bool,
}

/// Words that join a figure to what came before, not part of its name.
/// Joining words around a figure, in simplified and traditional script (reprints print both).
const CONNECTORS: &[&str] = &[
    "其中", "共计", "合计", "总计", "累计", "共", "约为", "约", "为", "达到", "达", "是", "以及",
    "和", "及", "并", "即", "的", "占", "共計", "合計", "總計", "累計", "約為", "約", "為", "達到",
    "達", "並", "佔",
];

pub(super) fn is_digit(c: char) -> bool {
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
    implied::respectively(text, &mut figs, &mut declared, &mut stmts, cx);
    relations::breakdowns(text, &mut figs, &mut declared, &mut stmts);
    for (i, f) in figs.iter_mut().enumerate() {
        if declared[i] {
            // A total or part of a stated breakdown keeps its name there; the cell it
            // restates is compared with it.
            if let Some(cell) = cx.cells.restated_by(f).cloned() {
                stmts.push(Stmt::Restate {
                    path: cell.path.clone(),
                    qty: f.written.clone(),
                    note: format!("与{}一格的数量相同，视为同一数字", cell.place),
                });
            }
            continue;
        }
        if let Some(path) = restated(f, cx) {
            stmts.push(Stmt::Restate {
                path: path.clone(),
                qty: f.written.clone(),
                note: "与前文写法相同的数字，视为同一数字".to_string(),
            });
            f.path = path;
        } else if let Some((path, first)) = measured_again(f, cx) {
            stmts.push(Stmt::Restate {
                path: path.clone(),
                qty: f.written.clone(),
                note: format!(
                    "与前文同题“{}”下的{}（{first}）是同一个量",
                    cx.topic, f.base
                ),
            });
            f.path = path;
            f.literal = true;
        } else if let Some(cell) = cx.cells.restated_by(f).cloned() {
            stmts.push(Stmt::Restate {
                path: cell.path.clone(),
                qty: f.written.clone(),
                note: format!("与{}一格的数量相同，视为同一数字", cell.place),
            });
            cx.first.insert(f.written.clone(), cell.path.clone());
            // The cell prints as its table writes it: a figure written otherwise (1.58万户
            // for 15776) stays as written in the prose.
            f.literal = f.written != cell.printed;
            f.path = cell.path;
        } else {
            cx.first.insert(f.written.clone(), f.path.clone());
            stmts.push(Stmt::Figure {
                name: f.path.clone(),
                qty: f.written.clone(),
            });
        }
    }
    relations::shares(text, &figs, &mut stmts);
    implied::rates(text, &figs, &mut stmts);
    cx.rates.read(text, &figs, &mut stmts);
    implied::averages(text, &figs, &mut stmts);
    implied::parts_of_whole(text, &figs, &mut stmts);
    implied::counted_lists(text, &figs, &mut stmts);
    relations::rules(text, &figs, &mut stmts, cx);
    relations::ratios(text, &dates, &mut stmts, cx);
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
    stmts.extend(relations::citations(text).into_iter().map(Stmt::Basis));
    Para {
        prose: with_references(text, &figs),
        stmts,
    }
}

/// A figure written exactly as an earlier one, with a unit and enough digits not to be a
/// coincidence, is read as the same figure stated again.
fn restated(f: &Fig, cx: &Context) -> Option<String> {
    let digits = f.written.chars().filter(|c| is_digit(*c)).count();
    let magnitude = f.written.contains(MAGNITUDES);
    if f.unit.is_none() || f.written.ends_with('%') || (digits < 3 && !magnitude) {
        return None;
    }
    cx.first.get(&f.written).cloned()
}

/// What a figure measures, where that can be told: in a titled section, with a unit of
/// measure (not a share), under a name read from the words before it.
fn measure(f: &Fig, cx: &Context) -> Option<Measure> {
    let unit = f.unit.as_ref()?;
    if cx.topic.is_empty() || f.written.ends_with('%') || unit.dims.is_empty() {
        return None;
    }
    let dims: Vec<String> = unit.dims.iter().map(|(k, e)| format!("{k}^{e}")).collect();
    Some((cx.topic.clone(), f.base.clone(), dims.join("·")))
}

/// A figure that measures what a figure of another section measured: the same topic, the
/// same name and the same unit (新能源取暖 面积 102万平方米 in 四、任务目标, 101万平方米 in
/// 七、投资估算). It is that figure stated again, however written, and the checks compare the
/// two. A measure stated twice in one section is ambiguous and restates nothing. Returns the
/// earlier figure's path and how it was written.
fn measured_again(f: &Fig, cx: &mut Context) -> Option<(String, String)> {
    let key = measure(f, cx)?;
    match cx.measured.get(&key).cloned() {
        None => {
            cx.measured.insert(
                key,
                Measured::Once {
                    path: f.path.clone(),
                    written: f.written.clone(),
                    section: cx.section,
                },
            );
            None
        }
        Some(Measured::Once { section, .. }) if section == cx.section => {
            cx.measured.insert(key, Measured::Ambiguous);
            None
        }
        Some(Measured::Once { path, written, .. }) => Some((path, written)),
        Some(Measured::Ambiguous) => None,
    }
}

// ───────────────────────────── figures ─────────────────────────────

/// Characters that can continue a unit after the number.
fn unit_char(c: char) -> bool {
    !(c.is_whitespace()
        || "，,。、；;：:（）()「」{}｛｝|｜=＝+＋×÷*≤≥<>-－—–~～至“”\"'《》!！?？".contains(c)
        || is_digit(c))
}

/// Words that end a unit as the grammar reads it (a bound word or an approximation).
/// The magnitude words a figure may carry before its unit, simplified and traditional.
pub(super) const MAGNITUDES: [char; 4] = ['万', '亿', '萬', '億'];

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

/// Whether a unit counts things (个, 座, 项), so that what is counted is the noun after it.
fn is_count(u: &UnitExpr) -> bool {
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
}

/// Chinese numerals a notice may count in.
const CN_DIGITS: &str = "一二两三四五六七八九十";

/// Counts written in Chinese numerals after a word that totals a list (共七个, 等三个, 计五项):
/// elsewhere 一个/三年 are words, not figures.
fn chinese_counts(text: &str, chars: &[(usize, char)], out: &mut Vec<Fig>) {
    let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    for i in 1..chars.len() {
        if !CN_DIGITS.contains(chars[i].1) || CN_DIGITS.contains(chars[i - 1].1) {
            continue;
        }
        if !matches!(chars[i - 1].1, '共' | '等' | '计') {
            continue;
        }
        let mut j = i;
        while j < chars.len() && j - i < 3 && CN_DIGITS.contains(chars[j].1) {
            j += 1;
        }
        // Units that count separate things; 部 (四部门) and 次 (二次污染) begin words.
        let Some(unit_char) = chars.get(j).filter(|c| "个项家座所条处类名".contains(c.1))
        else {
            continue;
        };
        let Ok(u) = parse_unit(&unit_char.1.to_string()) else {
            continue;
        };
        if !is_count(&u) {
            continue;
        }
        out.push(Fig {
            start: byte(i),
            end: byte(j + 1),
            written: text[byte(i)..byte(j + 1)].to_string(),
            unit: Some(u),
            count: true,
            path: String::new(),
            base: String::new(),
            literal: false,
        });
    }
}

fn find_figures(text: &str, chars: &[(usize, char)], dates: &[DateSpan]) -> Vec<Fig> {
    let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let in_date = |b: usize| dates.iter().any(|d| d.start <= b && b < d.end);
    // A number inside 《…》 is part of a document's title (规划(2018-2022)), not a figure.
    let titles = book_titles(chars);
    let in_title = |b: usize| titles.iter().any(|&(s, e)| s <= b && b < e);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let prev = i.checked_sub(1).map(|k| chars[k].1);
        let starts = is_digit(c)
            && !prev.is_some_and(|p| {
                is_digit(p) || p.is_ascii_alphabetic() || p == '.' || "〔[﹝［".contains(p)
            })
            && !in_date(chars[i].0)
            && !in_title(chars[i].0);
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
        // A number before 号 (號) or a closing bracket is a document's number or year.
        if chars
            .get(j)
            .is_some_and(|c| matches!(c.1, '〕' | ']' | '﹞' | '］' | '号' | '號'))
        {
            i = j;
            continue;
        }
        let mut k = j;
        while chars.get(k).is_some_and(|c| c.1 == ' ') {
            k += 1;
        }
        let mut magnitude = false;
        if chars.get(k).is_some_and(|c| MAGNITUDES.contains(&c.1)) {
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
        let count = unit.as_ref().is_some_and(is_count);
        out.push(Fig {
            start: byte(start),
            end: byte(end),
            written,
            unit,
            count,
            path: String::new(),
            base: String::new(),
            literal: false,
        });
        i = end.max(i + 1);
    }
    chinese_counts(text, chars, &mut out);
    out.sort_by_key(|f| f.start);
    // Figures never overlap (the prose replaces each by its reference).
    let mut end = 0;
    out.retain(|f| {
        let keep = f.start >= end;
        if keep {
            end = f.end;
        }
        keep
    });
    out
}

/// The byte spans of the book titles 《…》 in a paragraph (nested ones inside the outer); an
/// unclosed 《 opens no title, so that a stray mark never hides the figures after it.
fn book_titles(chars: &[(usize, char)]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for &(b, c) in chars {
        match c {
            '《' => {
                if depth == 0 {
                    open = Some(b);
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if let Some(s) = open.take() {
                        spans.push((s, b));
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

/// Removes the joining words at the start of `words`.
pub(super) fn strip_lead(words: &str) -> String {
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
pub(super) fn strip_tail(words: &str) -> String {
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
pub(super) fn words_before(text: &str, at: usize, floor: usize) -> String {
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
                "标准" => b.ends_with("标准"),
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
        f.base = clean(&base, 16);
        f.path = cx.names.unique(&f.base);
        floor = f.end;
    }
}

/// The paragraph with each figure replaced by `{路径}`.
fn with_references(text: &str, figs: &[Fig]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in figs {
        out.push_str(&text[at..f.start]);
        if f.literal {
            out.push_str(&text[f.start..f.end]);
        } else {
            out.push('{');
            out.push_str(&f.path);
            out.push('}');
        }
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
    fn numbers_in_a_document_title_are_not_figures() {
        let p = read_one("按照《专项规划(2018-2022)》要求，清洁取暖率达到85%。");
        let figs: Vec<_> = p
            .stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Figure { qty, .. } => Some(qty.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(figs, vec!["85%"]);
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
