//! O4xx: the organisation. Tasks without a lead unit, one unit under two names, leadership
//! posts without a person, units given duties outside the leadership group, roles that are
//! not roles, attachments listed but not included.
//!
//! Units referred to but never declared are the front end's (E0103), not reported here.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::Findings;
use crate::diagnostics::{Diagnostic, Severity, Span};
use crate::memo::{remembered, Memo};
use crate::model::{Group, Member, OrgUnit, Task, UnitRef};
use near::NameIndex;

mod duties;
mod members;
mod near;
mod office;

pub use duties::duties_outside_group;
pub use members::member_line_slips;
pub use office::office_outside_group;

fn task_name(t: &Task) -> String {
    match (&t.number, &t.title) {
        (Some(n), Some(title)) => format!("任务{n}“{title}”"),
        (Some(n), None) => format!("任务{n}"),
        (None, Some(title)) => format!("任务“{title}”"),
        (None, None) => "任务".to_string(),
    }
}

fn all_tasks<'a>(f: &Findings<'a>) -> impl Iterator<Item = &'a Task> {
    f.policy.plans.iter().flat_map(|p| p.tasks.iter())
}

/// Every group with its subgroups, depth first.
fn all_groups<'a>(f: &Findings<'a>) -> Vec<&'a Group> {
    fn walk<'a>(g: &'a Group, out: &mut Vec<&'a Group>) {
        out.push(g);
        for s in &g.subgroups {
            walk(s, out);
        }
    }
    let mut out = Vec::new();
    for g in &f.policy.groups {
        walk(g, &mut out);
    }
    out
}

/// A group's own members and its office's.
fn members(g: &Group) -> impl Iterator<Item = &Member> {
    g.members
        .iter()
        .chain(g.office.iter().flat_map(|o| o.members.iter()))
}

// ───────────────────────────── O401 ─────────────────────────────

/// A task numbered as the items of a list in prose are: 一是、二是 … (its number, or the first
/// words of its title or content).
fn prose_numbered(t: &Task) -> bool {
    let numbered = |s: &str| {
        let s = s.trim_start();
        let digits = s
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        digits > 0 && s.chars().nth(digits) == Some('是')
    };
    [
        t.number.as_deref(),
        t.title.as_deref(),
        t.content.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(numbered)
}

/// O401: a task without a lead unit (牵头单位). A task with only 责任单位 is still without a
/// lead: with one such unit it is worth a look (a note), with several nobody answers for
/// the whole (a warning).
pub fn task_without_lead(f: &mut Findings) {
    for t in all_tasks(f) {
        if !t.lead.is_empty() {
            continue;
        }
        let others: Vec<(&str, &UnitRef)> = [
            ("责任单位", &t.responsible),
            ("实施单位", &t.implementing),
            ("配合单位", &t.cooperating),
        ]
        .into_iter()
        .flat_map(|(k, l)| l.iter().map(move |r| (k, r)))
        .collect();
        let carrying: Vec<&(&str, &UnitRef)> =
            others.iter().filter(|(k, _)| *k != "配合单位").collect();
        let collective = |r: &UnitRef| {
            r.unit.as_deref().is_some_and(|n| {
                f.policy
                    .units
                    .iter()
                    .any(|u| u.name == n && u.kind == "集合")
            })
        };
        // One unit carrying the task is its lead whatever the heading calls it; units that are
        // all collective (各乡镇、各街道) each answer for their own area (属地负责), which
        // notices do not give a lead. Neither is worth a reviewer's time.
        if carrying.len() == 1
            || (!carrying.is_empty() && carrying.iter().all(|(_, r)| collective(r)))
        {
            continue;
        }
        // 一是…二是…: the items of a list in prose, which the text around them assigns.
        if others.is_empty() && prose_numbered(t) {
            continue;
        }
        let name = task_name(t);
        let mut d = if others.is_empty() {
            f.new_diag(
                "O401",
                format!("{name}没有写牵头单位，也没有写任何责任单位"),
            )
            .with_primary(f.head(t.span), "没有牵头单位")
        } else {
            // 责任单位“区住建局”“区财政局”、配合单位“区财政局”
            let mut listed: Vec<String> = Vec::new();
            for kind in ["责任单位", "实施单位", "配合单位"] {
                let names: String = others
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, r)| format!("“{}”", r.written))
                    .collect();
                if !names.is_empty() {
                    listed.push(format!("{kind}{names}"));
                }
            }
            let mut d = f
                .new_diag(
                    "O401",
                    format!("{name}没有写牵头单位，只写了{}", listed.join("、")),
                )
                .with_primary(f.head(t.span), "没有牵头单位");
            for (k, r) in &others {
                d = d.with_secondary(r.span, format!("{k}，不是牵头单位"));
            }
            d
        };
        d = d.with_help(
            "明确一个对任务负总责的牵头单位，写作“牵头单位：…”；其余单位写作责任单位或配合单位",
        );
        f.report(d);
    }
}

// ───────────────────────────── O402: one unit, two names ─────────────────────────────

/// What kind of body a name's ending says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// 局, 委, 委员会
    Bureau,
    /// 中心
    Centre,
    /// 公司, 分公司, 有限公司
    Company,
    /// 办公室, 办
    Office,
    /// 人民政府, 政府
    Government,
    /// 街道办事处, 街道, 办事处
    Street,
    /// 镇, 乡, 苏木 (with or without 人民政府)
    Town,
    /// 部门, 主管部门: a name for whichever body does the work (财政部门 for 区财政局).
    Generic,
    /// Another ending (所, 站, 院 …): only the same ending matches.
    Other(char),
    /// No recognisable ending: 旗财政.
    Bare,
}

/// A unit's name taken apart: jurisdiction prefix, content, ending.
#[derive(Debug, Clone)]
struct Parts {
    /// 旗, 达拉特旗, or "".
    place: String,
    /// What is left between place and ending: 住房和城乡建设, 住建.
    content: String,
    /// The ending as written: 局, 委, 中心 ….
    ending: String,
    class: Class,
}

const ENDINGS: &[(&str, Class)] = &[
    ("行政主管部门", Class::Generic),
    ("主管部门", Class::Generic),
    ("部门", Class::Generic),
    ("人民政府办公室", Class::Office),
    ("政府办公室", Class::Office),
    ("政府办", Class::Office),
    ("办公室", Class::Office),
    ("街道办事处", Class::Street),
    ("办事处", Class::Street),
    ("街道", Class::Street),
    ("人民政府", Class::Government),
    ("政府", Class::Government),
    ("委员会", Class::Bureau),
    ("有限责任公司", Class::Company),
    ("有限公司", Class::Company),
    ("分公司", Class::Company),
    ("公司", Class::Company),
    ("中心", Class::Centre),
    ("局", Class::Bureau),
    ("委", Class::Bureau),
    ("办", Class::Office),
];

/// The parts of a name. O402 and O404 compare every name with every other, so the parts of
/// each name are worked out once per thread and remembered.
fn parts(name: &str) -> Rc<Parts> {
    thread_local! {
        static PARTS: Memo<Rc<Parts>> = Memo::default();
    }
    remembered(&PARTS, name, |name| Rc::new(split_name(name)))
}

fn split_name(name: &str) -> Parts {
    // The grid company's brand does not tell its branches apart: 国网达拉特旗供电公司 is
    // 达拉特旗供电公司.
    let name = name.trim();
    let name = ["国家电网有限公司", "国家电网", "国网"]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .filter(|rest| rest.chars().count() >= 2)
        .unwrap_or(name);
    // Towns: 城关镇, 城关镇人民政府.
    let town = name.strip_suffix("人民政府").unwrap_or(name);
    if let Some(stem) = ["镇", "乡", "苏木"]
        .iter()
        .find_map(|e| town.strip_suffix(e))
    {
        if stem.chars().count() >= 2 && !stem.ends_with('各') {
            return Parts {
                place: String::new(),
                content: stem.to_string(),
                ending: name[stem.len()..].to_string(),
                class: Class::Town,
            };
        }
    }
    let (stem, ending, class) = ENDINGS
        .iter()
        .find_map(|(e, c)| name.strip_suffix(e).map(|s| (s, e.to_string(), *c)))
        .unwrap_or_else(|| match name.chars().last() {
            Some(c) if "所站队院部厅处科室会社馆团".contains(c) => (
                &name[..name.len() - c.len_utf8()],
                c.to_string(),
                Class::Other(c),
            ),
            _ => (name, String::new(), Class::Bare),
        });
    let (place, content) = split_place(stem);
    Parts {
        place: place.to_string(),
        content: content.to_string(),
        ending,
        class,
    }
}

/// Splits a leading jurisdiction off a stem: 旗住建 → (旗, 住建), 达拉特旗财政 → (达拉特旗, 财政).
/// 市场监管 is not 市 + 场监管. The party committee belongs to the jurisdiction: 区委办公室 is
/// (区委, "") and 区委编办 is (区委, 编), so that the committee's offices are not taken for
/// abbreviations of one another.
fn split_place(stem: &str) -> (&str, &str) {
    for (i, c) in stem.char_indices().take(7) {
        if "旗县区市盟州".contains(c) {
            let mut end = i + c.len_utf8();
            let after = &stem[end..];
            if after.starts_with('委') && !after.starts_with("委员") {
                end += '委'.len_utf8();
            } else if after.starts_with(['场', '直', '级', '属']) || after.is_empty() {
                continue;
            }
            return (&stem[..end], &stem[end..]);
        }
    }
    ("", stem)
}

/// The characters `long` has beyond `short`, when `short` can be read from it by leaving
/// them out: (吴忠城投, 吴忠市城投) → 市.
fn char_diff(short: &str, long: &str) -> Option<String> {
    let mut want = short.chars().peekable();
    let mut extra = String::new();
    for c in long.chars() {
        if want.peek() == Some(&c) {
            want.next();
        } else {
            extra.push(c);
        }
    }
    want.peek().is_none().then_some(extra)
}

/// Whether `short` can be read from `long` by leaving characters out.
fn subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|x| x == c))
}

/// Why two declared names are probably one unit, and how sure that is.
struct Same {
    reason: String,
    severity: Severity,
    /// A town or street under its name and its government's (金积镇, 金积镇人民政府):
    /// reported together, in one note, when a notice does it for many.
    variant: bool,
}

fn places_agree(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() || a == b {
        return true;
    }
    let last = |s: &str| s.chars().last();
    (a.chars().count() == 1 && last(a) == last(b)) || (b.chars().count() == 1 && last(a) == last(b))
}

/// Whether two names probably name one unit; `None` for names of different units.
fn likely_same(a: &str, b: &str) -> Option<Same> {
    if a == b {
        return None;
    }
    let (pa, pb) = (parts(a), parts(b));
    if !places_agree(&pa.place, &pb.place) {
        return None;
    }
    // Order so that `s` is the shorter content.
    let (s, l, sn, ln) = if pa.content.chars().count() <= pb.content.chars().count() {
        (&pa, &pb, a, b)
    } else {
        (&pb, &pa, b, a)
    };
    let classes_fit = s.class == l.class || s.class == Class::Bare || l.class == Class::Bare;
    let warn = |reason: String| {
        Some(Same {
            reason,
            severity: Severity::Warning,
            variant: false,
        })
    };
    // Towns and streets: names are not abbreviated, only their endings vary.
    if matches!(s.class, Class::Town | Class::Street)
        || matches!(l.class, Class::Town | Class::Street)
    {
        if s.class == l.class && s.content == l.content && !s.content.is_empty() {
            return Some(Same {
                reason: format!(
                    "“{sn}”与“{ln}”名称相同，只是写法不同（“{}”与“{}”）",
                    s.ending, l.ending
                ),
                severity: Severity::Note,
                variant: true,
            });
        }
        // 古城镇 and 古城镇政人民政府: the government of the town, with a stray character.
        let (t, tn, o, on) = if s.class == Class::Town {
            (s, sn, l, ln)
        } else {
            (l, ln, s, sn)
        };
        if t.class == Class::Town && o.class == Class::Government {
            let base = t.ending.strip_suffix("人民政府").unwrap_or(&t.ending);
            let town = format!("{}{base}", t.content);
            let stem = format!("{}{}", o.place, o.content);
            if let Some(extra) = stem.strip_prefix(town.as_str()) {
                if (1..=2).contains(&extra.chars().count()) {
                    return warn(format!(
                        "“{on}”比“{town}{}”多了“{extra}”字，像是笔误；“{tn}”与它应是同一单位",
                        o.ending
                    ));
                }
            }
        }
        return None;
    }
    // Governments and their offices: 旗政府 / 旗人民政府, 旗政府办 / 旗人民政府办公室.
    if matches!(s.class, Class::Government | Class::Office) && s.content.is_empty() {
        if s.class == l.class
            && l.content.is_empty()
            && !(pa.place.is_empty() && pb.place.is_empty())
        {
            return warn(format!("“{sn}”与“{ln}”是同一机关的繁简两种写法"));
        }
        return None;
    }
    let content_len = s.content.chars().count();
    if content_len < 2 {
        return None;
    }
    // A generic name (财政部门) stands for the body that does the work (区财政局): the same
    // unit in the notice's eyes, but a legitimate way of writing. A note.
    if (s.class == Class::Generic) != (l.class == Class::Generic) {
        let (g, gn, other, on) = if s.class == Class::Generic {
            (s, sn, l, ln)
        } else {
            (l, ln, s, sn)
        };
        let fits = other.content.contains(g.content.as_str())
            || g.content.contains(other.content.as_str())
            || (g.content.chars().next() == other.content.chars().next()
                && subsequence(&g.content, &other.content));
        return fits.then(|| Same {
            reason: format!("“{gn}”是泛称，通知中具体写作“{on}”"),
            severity: Severity::Note,
            variant: false,
        });
    }
    let first_fits =
        s.class == Class::Company || s.content.chars().next() == l.content.chars().next();
    if s.content == l.content {
        if s.class == l.class && s.ending == l.ending {
            let (short, long) = if pa.place.chars().count() <= pb.place.chars().count() {
                (&pa.place, &pb.place)
            } else {
                (&pb.place, &pa.place)
            };
            return warn(if short.is_empty() {
                format!("“{sn}”与“{ln}”只差行政区“{long}”")
            } else if let Some(name) = long.strip_suffix(short.as_str()) {
                format!("“{sn}”与“{ln}”只差地名“{name}”")
            } else {
                format!("“{sn}”与“{ln}”名称主体相同")
            });
        }
        if classes_fit {
            // A place name and its government (乌兰浩特市, 乌兰浩特市人民政府): how notices
            // name a city's duties, worth a look but not wrong.
            let severity = if s.class == Class::Government || l.class == Class::Government {
                Severity::Note
            } else {
                Severity::Warning
            };
            let reason = match (s.ending.is_empty(), l.ending.is_empty()) {
                (true, false) => format!("“{sn}”是“{ln}”省去了“{}”字", l.ending),
                (false, true) => format!("“{ln}”是“{sn}”省去了“{}”字", s.ending),
                _ => format!(
                    "“{sn}”与“{ln}”名称主体相同，只差“{}”与“{}”",
                    s.ending, l.ending
                ),
            };
            return Some(Same {
                reason,
                severity,
                variant: false,
            });
        }
        if matches!(
            (s.class, l.class),
            (Class::Centre, Class::Bureau) | (Class::Bureau, Class::Centre)
        ) {
            return Some(Same {
                reason: format!(
                    "“{sn}”与“{ln}”名称主体都是“{}”，一个称“{}”、一个称“{}”，可能是机构改革前后的新旧名称",
                    s.content, s.ending, l.ending
                ),
                severity: Severity::Note,
                variant: false,
            });
        }
        return None;
    }
    if classes_fit && first_fits && subsequence(&s.content, &l.content) {
        let (fs, fl) = if sn.chars().count() <= ln.chars().count() {
            (sn, ln)
        } else {
            (ln, sn)
        };
        if let Some(diff) = char_diff(fs, fl).filter(|d| d.chars().count() <= 2) {
            return warn(format!("“{fs}”与“{fl}”只差“{diff}”字"));
        }
        return warn(if subsequence(sn, ln) {
            format!("“{sn}”的字依次出现在“{ln}”中，像是它的简称")
        } else {
            format!(
                "“{sn}”像是“{ln}”的简称（“{}”的字依次出现在“{}”中）",
                s.content, l.content
            )
        });
    }
    None
}

/// Every name a unit goes by: its name and declared aliases.
fn names(u: &OrgUnit) -> impl Iterator<Item = &String> {
    std::iter::once(&u.name).chain(u.aliases.iter())
}

/// Whether two declared units probably are one, with the reason for the first pair of
/// names that match.
fn units_same(a: &OrgUnit, b: &OrgUnit) -> Option<Same> {
    if a.kind == "集合" || b.kind == "集合" {
        return None;
    }
    for x in names(a) {
        for y in names(b) {
            if let Some(s) = likely_same(x, y) {
                return Some(s);
            }
        }
    }
    None
}

/// Pairs of units (`i < j`, in order) that [`units_same`] may join: those [`NameIndex`]
/// finds near each other, so that the check does not compare every unit with every other.
fn near_pairs(units: &[OrgUnit]) -> Vec<(usize, usize)> {
    let index = NameIndex::new(
        units
            .iter()
            .enumerate()
            .flat_map(|(i, u)| names(u).map(move |n| (i, n.as_str()))),
    );
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        for n in names(u) {
            pairs.extend(index.near(n).into_iter().filter(|&j| j > i).map(|j| (i, j)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// At most `shown` items, then 等N个 for all of them: a finding about 2,000 names stays
/// readable (the labels of `--format json` still list every one).
fn listed(items: &[String], sep: &str, shown: usize) -> String {
    if items.len() <= shown + 1 {
        return items.join(sep);
    }
    format!("{}等{}个", items[..shown].join(sep), items.len())
}

/// Names quoted in a message before 等N个.
const NAMES_SHOWN: usize = 5;

/// O402: one unit declared under two names that are not declared the same.
pub fn one_unit_two_names(f: &mut Findings) {
    let units = &f.policy.units;
    let n = units.len();
    // Union-find over units that probably are one.
    let mut root: Vec<usize> = (0..n).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    let generic: Vec<bool> = units
        .iter()
        .map(|u| names(u).all(|x| parts(x).class == Class::Generic))
        .collect();
    let near = near_pairs(units);
    let mut candidates: Vec<(usize, usize, Same)> = Vec::new();
    for &(i, j) in &near {
        if generic[i] || generic[j] {
            continue;
        }
        if let Some(s) = units_same(&units[i], &units[j]) {
            candidates.push((i, j, s));
        }
    }
    // A name that fits units of two jurisdictions (住房和城乡建设和交通局 fitting both
    // 市住建局 and 区住建局) names neither for sure: leave it out rather than join them.
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (a, b, _) in &candidates {
        partners[*a].push(*b);
        partners[*b].push(*a);
    }
    let ambiguous: Vec<bool> = partners
        .iter()
        .map(|p| two_jurisdictions(units, p))
        .collect();
    // Only the pairs that join names not yet joined are kept as reasons: enough to say why
    // each name is in, without every pairwise comparison of a five-name cluster.
    let mut pairs: Vec<(usize, usize, Same)> = Vec::new();
    for (i, j, s) in candidates {
        if ambiguous[i] || ambiguous[j] {
            continue;
        }
        let (a, b) = (find(&mut root, i), find(&mut root, j));
        if a != b {
            root[b] = a;
            pairs.push((i, j, s));
        }
    }
    // A generic name (供电部门) joins the specific names it fits only when they are already
    // one unit: fitting 东河供电分局 and 九原供电分局, two different branches, it names neither.
    let mut near_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(i, j) in &near {
        if generic[i] {
            near_of[i].push(j);
        }
        if generic[j] {
            near_of[j].push(i);
        }
    }
    for g in (0..n).filter(|&g| generic[g]) {
        near_of[g].sort_unstable();
        let fits: Vec<(usize, Same)> = near_of[g]
            .iter()
            .copied()
            .filter(|&j| j != g && !generic[j] && !ambiguous[j])
            .filter_map(|j| units_same(&units[g], &units[j]).map(|s| (j, s)))
            .collect();
        let Some(first) = fits.first().map(|(j, _)| *j) else {
            continue;
        };
        let r = find(&mut root, first);
        if fits.iter().any(|(j, _)| find(&mut root, *j) != r) {
            continue;
        }
        root[g] = r;
        for (j, s) in fits {
            pairs.push((g.min(j), g.max(j), s));
        }
    }
    let mut paired = vec![false; n];
    for (a, b, _) in &pairs {
        paired[*a] = true;
        paired[*b] = true;
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in (0..n).filter(|&i| paired[i]) {
        let r = find(&mut root, i);
        clusters.entry(r).or_default().push(i);
    }
    // Each cluster's pairs, in the order they were found.
    let mut pairs_of: HashMap<usize, Vec<&(usize, usize, Same)>> = HashMap::new();
    for p in &pairs {
        pairs_of.entry(find(&mut root, p.0)).or_default().push(p);
    }
    let mut clusters: Vec<(usize, Vec<usize>)> = clusters.into_iter().collect();
    clusters.sort_by_key(|(_, c)| c.first().copied());
    let of_cluster = |r: &usize| pairs_of.get(r).map_or(&[][..], Vec::as_slice);
    // Towns and streets written both bare and with 人民政府/办事处, one pair each: one note.
    let (variants, clusters): (Vec<_>, Vec<_>) = clusters
        .into_iter()
        .partition(|(r, c)| c.len() == 2 && of_cluster(r).iter().all(|(_, _, s)| s.variant));
    if variants.len() > 1 {
        let variants: Vec<Vec<usize>> = variants.iter().map(|(_, c)| c.clone()).collect();
        report_variants(f, &variants);
    }
    let singles = if variants.len() > 1 {
        Vec::new()
    } else {
        variants
    };
    let usages = Usages::of(f);
    for (r, members) in clusters.into_iter().chain(singles) {
        let in_cluster = of_cluster(&r);
        let quoted: Vec<String> = members
            .iter()
            .map(|&i| format!("“{}”", units[i].name))
            .collect();
        let severity = in_cluster
            .iter()
            .map(|(_, _, s)| s.severity)
            .max()
            .unwrap_or(Severity::Note);
        let message = if quoted.len() <= NAMES_SHOWN + 1 {
            format!(
                "{}可能是同一单位的{}个名称，但没有声明为同一单位",
                quoted.concat(),
                chinese_count(members.len())
            )
        } else {
            format!(
                "{}等{}个名称可能是同一单位的名称，但没有声明为同一单位",
                quoted[..NAMES_SHOWN].concat(),
                members.len()
            )
        };
        let mut d = f.new_diag("O402", message);
        d.severity = severity;
        for (k, &i) in members.iter().enumerate() {
            let u = &units[i];
            let label = format!("声明为{}“{}”", u.kind, u.name);
            d = if k == 0 {
                d.with_primary(u.span, label)
            } else {
                d.with_secondary(u.span, label)
            };
        }
        for (_, _, s) in in_cluster {
            d = d.with_note(s.reason.clone());
        }
        let uses: Vec<String> = members
            .iter()
            .filter_map(|&i| {
                let u = usages.of_unit(&units[i].name);
                (!u.is_empty()).then(|| format!("“{}”用于{}", units[i].name, u.join("、")))
            })
            .collect();
        if !uses.is_empty() {
            d = d.with_note(format!(
                "各名称的用处：{}",
                listed(&uses, "；", NAMES_SHOWN)
            ));
        }
        let (full, rest) = full_and_rest(units, &members);
        let rest: Vec<String> = rest.into_iter().map(str::to_string).collect();
        d = d.with_help(format!(
            "若是同一单位，只声明一次，其余写作别称：{full}（又称 {}）；若确是不同单位，可忽略本提示",
            listed(&rest, "、", NAMES_SHOWN)
        ));
        f.report(d);
    }
}

/// Whether the units a name fits are of two jurisdictions that are never one (市住建局,
/// 区住建局).
fn two_jurisdictions(units: &[OrgUnit], partners: &[usize]) -> bool {
    let mut places: Vec<Rc<Parts>> = Vec::new();
    for &i in partners {
        let p = parts(&units[i].name);
        if p.place.is_empty() || places.iter().any(|q| q.place == p.place) {
            continue;
        }
        // Places that all agree pairwise are at most one of one character and one longer:
        // a third distinct place always disagrees with one of them.
        if places.len() == 2 {
            return true;
        }
        places.push(p);
    }
    matches!(places.as_slice(), [a, b] if !places_agree(&a.place, &b.place))
}

/// The full name of a cluster: a specific name before a generic one (区财政局, not 财政部门),
/// then the longest; and the other names.
fn full_and_rest<'u>(units: &'u [OrgUnit], members: &[usize]) -> (&'u str, Vec<&'u str>) {
    let full = members
        .iter()
        .map(|&i| units[i].name.as_str())
        .max_by_key(|s| (parts(s).class != Class::Generic, s.chars().count()))
        .unwrap_or_default();
    let rest = members
        .iter()
        .map(|&i| units[i].name.as_str())
        .filter(|s| *s != full)
        .collect();
    (full, rest)
}

/// Several towns or streets each written bare and with its government's or office's name: one
/// note listing them all.
fn report_variants(f: &mut Findings, variants: &[Vec<usize>]) {
    let units = &f.policy.units;
    let listed: Vec<String> = variants
        .iter()
        .map(|c| {
            let (full, rest) = full_and_rest(units, c);
            format!("{}／{full}", rest.join("／"))
        })
        .collect();
    let mut d = f.new_diag(
        "O402",
        format!(
            "{}个乡镇、街道各有两种写法，没有声明为同一单位：{}",
            variants.len(),
            listed.join("、")
        ),
    );
    d.severity = Severity::Note;
    for (k, c) in variants.iter().enumerate() {
        for &i in c {
            let u = &units[i];
            let label = format!("“{}”", u.name);
            d = if k == 0 {
                d.with_primary(u.span, label)
            } else {
                d.with_secondary(u.span, label)
            };
        }
    }
    let (full, rest) = full_and_rest(units, &variants[0]);
    d = d
        .with_note("乡镇、街道常以地名指代其人民政府或办事处，两种写法并存不算错，但统计和分工会把它们当作两个单位")
        .with_help(format!(
            "在“单位”中每个乡镇、街道只声明一次，另一种写法写作别称，例如：{full}（又称 {}）",
            rest.join("、")
        ));
    f.report(d);
}

fn chinese_count(n: usize) -> String {
    match n {
        2 => "两".into(),
        3 => "三".into(),
        4 => "四".into(),
        5 => "五".into(),
        n => n.to_string(),
    }
}

/// Where each unit is named: 任务3的牵头单位, 郝建忠（成员）; read once for all units.
struct Usages<'p> {
    by_unit: HashMap<&'p str, Vec<String>>,
}

impl<'p> Usages<'p> {
    fn of(f: &Findings<'p>) -> Usages<'p> {
        let mut by_unit: HashMap<&'p str, Vec<String>> = HashMap::new();
        for t in all_tasks(f) {
            for (k, list) in [
                ("牵头单位", &t.lead),
                ("责任单位", &t.responsible),
                ("配合单位", &t.cooperating),
                ("实施单位", &t.implementing),
            ] {
                // Once per task and kind of duty, however often the list names the unit.
                let mut seen: Vec<&str> = Vec::new();
                for name in list.iter().filter_map(|r| r.unit.as_deref()) {
                    if seen.contains(&name) {
                        continue;
                    }
                    seen.push(name);
                    let n = t
                        .number
                        .as_deref()
                        .map_or_else(|| "任务".to_string(), |n| format!("任务{n}"));
                    by_unit.entry(name).or_default().push(format!("{n}的{k}"));
                }
            }
        }
        for g in all_groups(f) {
            for m in members(g) {
                if let Some(unit) = m.unit.as_deref() {
                    by_unit
                        .entry(unit)
                        .or_default()
                        .push(match (&m.person, &m.post) {
                            (Some(p), _) => format!("{p}（{}）", m.role),
                            (None, Some(post)) => format!("{}（{post}）", m.role),
                            (None, None) => m.role.clone(),
                        });
                }
            }
            if let Some(unit) = g
                .office
                .as_ref()
                .and_then(|o| o.seat.as_ref())
                .and_then(|s| s.unit.as_deref())
            {
                by_unit
                    .entry(unit)
                    .or_default()
                    .push("办公室所在单位".to_string());
            }
        }
        for uses in by_unit.values_mut() {
            uses.dedup();
        }
        Usages { by_unit }
    }

    fn of_unit(&self, name: &str) -> &[String] {
        self.by_unit.get(name).map_or(&[], Vec::as_slice)
    }
}

// ───────────────────────────── O403 ─────────────────────────────

/// O403: a leadership post whose holder's name the notice leaves out.
pub fn post_without_name(f: &mut Findings) {
    for g in all_groups(f) {
        let all: Vec<&Member> = members(g).collect();
        // A line written wrong (O407) is reported there, once.
        let missing: Vec<&Member> = all
            .iter()
            .copied()
            .filter(|m| m.name_missing && m.slip.is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let named = all
            .iter()
            .filter(|m| m.person.as_deref().is_some_and(|p| !p.is_empty()))
            .count();
        if named == 0 {
            // The group lists posts only: a style, not an omission. One note for the group.
            let mut d = f
                .new_diag(
                    "O403",
                    format!("{}“{}”只列职务，没有列出任何人的姓名", g.kind, g.name),
                )
                .with_primary(f.head(g.span), format!("{}个职务都没有姓名", missing.len()));
            d.severity = Severity::Note;
            f.report(
                d.with_help("如需明确责任人，列出各职务人员的姓名；按职务组成的小组可忽略本提示"),
            );
            continue;
        }
        // 担任“副组长”的“分管副区长”
        let who = |m: &Member| match m.post.as_deref() {
            Some(p) => format!("担任“{}”的“{p}”", m.role),
            None => format!("“{}”", m.role),
        };
        let message = match missing.as_slice() {
            [one] => format!("{}“{}”中{}没有写姓名", g.kind, g.name, who(one)),
            many => format!("{}“{}”中有{}个职务没有写姓名", g.kind, g.name, many.len()),
        };
        let mut d = f.new_diag("O403", message);
        for m in &missing {
            let span = f
                .find_in(m.span, "（未列姓名）")
                .or_else(|| f.find_in(m.span, "(未列姓名)"))
                .unwrap_or(m.span);
            let label = match &m.post {
                Some(p) if missing.len() > 1 => format!("{p}：缺少姓名"),
                _ => "缺少姓名".to_string(),
            };
            d = d.with_primary(span, label);
        }
        d = d
            .with_secondary(f.head(g.span), "所在小组")
            .with_note(format!("同一小组的其他{named}个职务都写了姓名"))
            .with_help(if missing.len() == 1 {
                "补上担任这一职务的人的姓名，或确认这一职务确实暂缺"
            } else {
                "补上担任这些职务的人的姓名，或确认这些职务确实暂缺"
            });
        f.report(d);
    }
}

// ───────────────────────────── O405 ─────────────────────────────

/// Roles a member of a leadership or working group can have, the most common first (the
/// order O405 suggests them in).
const ROLES: &[&str] = &[
    "组长",
    "副组长",
    "成员",
    "主任",
    "副主任",
    "第一副组长",
    "常务副组长",
    "执行组长",
    "执行副组长",
    "第一组长",
    "组员",
    "成员单位",
    "常务副主任",
    "执行主任",
    "办公室主任",
    "办公室副主任",
    "工作人员",
    "联系人",
    "联络员",
    "秘书长",
    "副秘书长",
    "顾问",
    "总指挥",
    "副总指挥",
    "指挥长",
    "副指挥长",
    "常务副指挥长",
    "召集人",
    "副召集人",
    "负责人",
    "牵头人",
    "委员",
    "主任委员",
    "副主任委员",
    "专班长",
    "副专班长",
    "班长",
    "副班长",
];

fn known_role(role: &str) -> bool {
    let bare: String = role
        .split(['（', '('])
        .next()
        .unwrap_or(role)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    !bare.is_empty() && bare.split('兼').all(|r| ROLES.contains(&r))
}

/// O405: a role that is not one a group has (a garbled 长 for 组长).
pub fn unknown_role(f: &mut Findings) {
    for g in all_groups(f) {
        let present: Vec<&str> = members(g).map(|m| m.role.as_str()).collect();
        // The same garbled role on several lines (长：… 长：… 员：…) is one finding.
        let mut unknown: Vec<(&str, Vec<&Member>)> = Vec::new();
        for m in members(g) {
            if m.role.is_empty() || known_role(&m.role) {
                continue;
            }
            match unknown.iter_mut().find(|(r, _)| *r == m.role) {
                Some((_, v)) => v.push(m),
                None => unknown.push((m.role.as_str(), vec![m])),
            }
        }
        for (role, ms) in unknown {
            // Roles it could be a remnant of, most common first, not already in the group.
            let guesses: Vec<&str> = ROLES
                .iter()
                .copied()
                .filter(|r| subsequence(role, r) && !present.contains(r))
                // A remnant has lost a character or two, not most of the word.
                .filter(|r| r.chars().count() <= role.chars().count() + 2)
                .take(2)
                .collect();
            let message = if ms.len() == 1 {
                format!("{}“{}”中的成员角色“{role}”无法识别", g.kind, g.name)
            } else {
                format!(
                    "{}“{}”中有{}名成员的角色写作“{role}”，无法识别",
                    g.kind,
                    g.name,
                    ms.len()
                )
            };
            let mut d = f.new_diag("O405", message);
            for (k, m) in ms.iter().enumerate().take(4) {
                let span = role_span(f, m);
                let label = match (&m.person, k) {
                    (_, 0) => "无法识别的角色".to_string(),
                    (Some(p), _) => format!("{p}的角色"),
                    (None, _) => "同样的角色".to_string(),
                };
                d = if k == 0 {
                    d.with_primary(span, label)
                } else {
                    d.with_secondary(span, label)
                };
            }
            if ms.len() > 4 {
                d = d.with_note(format!("另有{}名成员的角色也写作“{role}”", ms.len() - 4));
            }
            d = match guesses.as_slice() {
                [] => d.with_help("核对原文，写作组长、副组长、成员、主任等角色"),
                gs => d.with_help(format!("核对原文，可能是“{}”残缺了字", gs.join("”或“"))),
            };
            if let [m] = ms.as_slice() {
                if let Some(p) = &m.person {
                    d = d.with_note(format!(
                        "担任者：{p}{}",
                        m.post
                            .as_deref()
                            .map(|x| format!("（{x}）"))
                            .unwrap_or_default()
                    ));
                }
            }
            f.report(d);
        }
    }
}

/// The role as written at the start of a member's line, up to the colon.
fn role_span(f: &Findings, m: &Member) -> Span {
    let first = m.role.chars().next().map(String::from).unwrap_or_default();
    f.find_in(m.span, &first)
        .map(|s| {
            let line = f.text(Span::new(s.start, m.span.end));
            let end = line.find(['：', ':']).unwrap_or(line.len());
            Span::new(s.start, s.start + end)
        })
        .unwrap_or(m.span)
}

// ───────────────────────────── O406 ─────────────────────────────

/// O406: an attachment the notice lists but does not include.
pub fn missing_attachment(f: &mut Findings) {
    for plan in &f.policy.plans {
        for a in &plan.attachments {
            if !a.missing {
                continue;
            }
            let no = a
                .number
                .as_deref()
                .map_or_else(String::new, |n| n.to_string());
            let d: Diagnostic = f
                .new_diag(
                    "O406",
                    format!("附件{no}“{}”列出了，但通知中没有附上", a.title),
                )
                .with_primary(f.head(a.span), "只有标题，没有内容")
                .with_help(
                    "发布前附上这个附件，或从附件说明中删去；编码时照原文保留没有内容的附件即可",
                );
            f.report(d);
        }
    }
}
