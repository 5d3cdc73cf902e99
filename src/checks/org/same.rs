//! When two declared names are probably one unit: a name taken apart into place, content and
//! ending, and the rules that compare two such parts (O402, O404 and O408 use them).

use std::rc::Rc;

use super::*;

/// What kind of body a name's ending says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
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
pub(super) struct Parts {
    /// 旗, 达拉特旗, or "".
    pub(super) place: String,
    /// What is left between place and ending: 住房和城乡建设, 住建.
    pub(super) content: String,
    /// The ending as written: 局, 委, 中心 ….
    pub(super) ending: String,
    pub(super) class: Class,
}

pub(super) const ENDINGS: &[(&str, Class)] = &[
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
pub(super) fn parts(name: &str) -> Rc<Parts> {
    thread_local! {
        static PARTS: Memo<Rc<Parts>> = Memo::default();
    }
    remembered(&PARTS, name, |name| Rc::new(split_name(name)))
}

pub(super) fn split_name(name: &str) -> Parts {
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
pub(super) fn split_place(stem: &str) -> (&str, &str) {
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
pub(super) fn char_diff(short: &str, long: &str) -> Option<String> {
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
pub(super) fn subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|x| x == c))
}

/// Why two declared names are probably one unit, and how sure that is.
pub(super) struct Same {
    pub(super) reason: String,
    pub(super) severity: Severity,
    /// A town or street under its name and its government's (金积镇, 金积镇人民政府):
    /// reported together, in one note, when a notice does it for many.
    pub(super) variant: bool,
}

pub(super) fn places_agree(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() || a == b {
        return true;
    }
    let last = |s: &str| s.chars().last();
    (a.chars().count() == 1 && last(a) == last(b)) || (b.chars().count() == 1 && last(a) == last(b))
}

/// Whether two names probably name one unit; `None` for names of different units.
pub(super) fn likely_same(a: &str, b: &str) -> Option<Same> {
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
pub(super) fn names(u: &OrgUnit) -> impl Iterator<Item = &String> {
    std::iter::once(&u.name).chain(u.aliases.iter())
}

/// Whether two declared units probably are one, with the reason for the first pair of
/// names that match.
pub(super) fn units_same(a: &OrgUnit, b: &OrgUnit) -> Option<Same> {
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
pub(super) fn near_pairs(units: &[OrgUnit]) -> Vec<(usize, usize)> {
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
