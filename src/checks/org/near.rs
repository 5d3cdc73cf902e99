//! Which names are worth comparing. O402 and O404 ask, for every unit, which other names it
//! may be another name of ([`likely_same`](super::likely_same)); comparing every name with every
//! other took a minute for 16,000 units. Every rule of `likely_same` that can say "the same"
//! needs something two names share, and [`NameIndex`] files names under those things:
//!
//! - an abbreviation, a generic name and the same content all need the characters of the
//!   shorter content among the longer's: names are filed under each character of their
//!   content and under its first character, and a character mask rules out most of a bucket
//!   without looking at the names;
//! - a town or street written two ways has the same content;
//! - a town and its government (古城镇, 古城镇政人民政府) share the first two characters;
//! - a government or office without content (旗政府, 旗人民政府) has the same class and a
//!   place ending in the same character, or no place.
//!
//! [`NameIndex::near`] returns a superset of the owners whose names `likely_same` can match,
//! so the findings are the same as comparing every pair.

use std::collections::HashMap;
use std::rc::Rc;

use super::{parts, Class, Parts};

/// The characters of a content, one bit each (hashed into 64): if `a`'s characters are all
/// among `b`'s, `mask(a) & !mask(b) == 0`.
fn mask(content: &str) -> u64 {
    content.chars().fold(0, |m, c| {
        m | 1 << ((u64::from(c as u32).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> 58)
    })
}

struct Filed {
    owner: usize,
    parts: Rc<Parts>,
    mask: u64,
}

/// Names filed by what a match with another name needs; each name belongs to an owner (a
/// unit, a member's post).
#[derive(Default)]
pub(super) struct NameIndex {
    filed: Vec<Filed>,
    /// Content by each of its characters.
    by_char: HashMap<char, Vec<u32>>,
    /// Content of at least two characters, by its first character.
    by_first: HashMap<char, Vec<u32>>,
    /// Towns and streets by class and content.
    by_content: HashMap<(bool, String), Vec<u32>>,
    /// Towns by the first two characters of their content; governments by those of their
    /// place and content.
    by_prefix: HashMap<(bool, [char; 2]), Vec<u32>>,
    /// Governments and offices without content by class and the last character of their
    /// place (`None`: no place).
    bare: HashMap<(bool, Option<char>), Vec<u32>>,
}

fn is_town_or_street(p: &Parts) -> bool {
    matches!(p.class, Class::Town | Class::Street)
}

fn first_two(s: &str) -> Option<[char; 2]> {
    let mut c = s.chars();
    Some([c.next()?, c.next()?])
}

fn bare_class(p: &Parts) -> Option<bool> {
    match p.class {
        Class::Government if p.content.is_empty() => Some(true),
        Class::Office if p.content.is_empty() => Some(false),
        _ => None,
    }
}

impl NameIndex {
    pub(super) fn new<'n>(names: impl IntoIterator<Item = (usize, &'n str)>) -> NameIndex {
        let mut ix = NameIndex::default();
        for (owner, name) in names {
            let p = parts(name);
            let id = ix.filed.len() as u32;
            if !p.content.is_empty() {
                let mut chars: Vec<char> = p.content.chars().collect();
                if chars.len() > 1 {
                    ix.by_first.entry(chars[0]).or_default().push(id);
                }
                chars.sort_unstable();
                chars.dedup();
                for c in chars {
                    ix.by_char.entry(c).or_default().push(id);
                }
            }
            if is_town_or_street(&p) && !p.content.is_empty() {
                let key = (p.class == Class::Town, p.content.clone());
                ix.by_content.entry(key).or_default().push(id);
            }
            if p.class == Class::Town {
                if let Some(two) = first_two(&p.content) {
                    ix.by_prefix.entry((true, two)).or_default().push(id);
                }
            }
            if p.class == Class::Government {
                if let Some(two) = first_two(&format!("{}{}", p.place, p.content)) {
                    ix.by_prefix.entry((false, two)).or_default().push(id);
                }
            }
            if let Some(gov) = bare_class(&p) {
                let key = (gov, p.place.chars().last());
                ix.bare.entry(key).or_default().push(id);
            }
            ix.filed.push(Filed {
                owner,
                mask: mask(&p.content),
                parts: p,
            });
        }
        ix
    }

    /// The owners of filed names that `likely_same` may match with `name`, either way round,
    /// sorted, each once.
    pub(super) fn near(&self, name: &str) -> Vec<usize> {
        let p = parts(name);
        let mut ids: Vec<u32> = Vec::new();
        let m = mask(&p.content);
        if p.content.chars().nth(1).is_some() {
            // Names whose content has all of this one's characters: look in the bucket of
            // its rarest character.
            let rarest = p
                .content
                .chars()
                .map(|c| self.by_char.get(&c).map_or(&[][..], Vec::as_slice))
                .min_by_key(|b| b.len())
                .unwrap_or(&[]);
            ids.extend(
                rarest
                    .iter()
                    .filter(|&&id| m & !self.filed[id as usize].mask == 0),
            );
            // Names whose characters are all among this one's: their first character is one.
            let mut chars: Vec<char> = p.content.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            for c in chars {
                if let Some(b) = self.by_first.get(&c) {
                    ids.extend(
                        b.iter()
                            .filter(|&&id| self.filed[id as usize].mask & !m == 0),
                    );
                }
            }
        }
        if is_town_or_street(&p) {
            if let Some(b) = self
                .by_content
                .get(&(p.class == Class::Town, p.content.clone()))
            {
                ids.extend(b);
            }
        }
        if p.class == Class::Town {
            if let Some(b) = first_two(&p.content).and_then(|two| self.by_prefix.get(&(false, two)))
            {
                ids.extend(b);
            }
        }
        if p.class == Class::Government {
            if let Some(b) = first_two(&format!("{}{}", p.place, p.content))
                .and_then(|two| self.by_prefix.get(&(true, two)))
            {
                ids.extend(b);
            }
        }
        if let Some(gov) = bare_class(&p) {
            match p.place.chars().last() {
                // Without a place, it agrees with every place.
                None => {
                    for ((g, _), b) in &self.bare {
                        if *g == gov {
                            ids.extend(b);
                        }
                    }
                }
                Some(last) => {
                    for key in [(gov, Some(last)), (gov, None)] {
                        if let Some(b) = self.bare.get(&key) {
                            ids.extend(b);
                        }
                    }
                }
            }
        }
        let mut owners: Vec<usize> = ids
            .into_iter()
            .map(|id| self.filed[id as usize].owner)
            .collect();
        owners.sort_unstable();
        owners.dedup();
        owners
    }

    /// The owners of filed names of `class` that share at least two distinct characters of
    /// content with `content`, sorted.
    pub(super) fn sharing_two_chars(&self, class: Class, content: &str) -> Vec<usize> {
        // As O404 has always counted: a character repeated apart counts twice.
        let mut chars: Vec<char> = content.chars().collect();
        chars.dedup();
        let mut hits: HashMap<u32, usize> = HashMap::new();
        for c in chars {
            for &id in self.by_char.get(&c).into_iter().flatten() {
                if self.filed[id as usize].parts.class == class {
                    *hits.entry(id).or_default() += 1;
                }
            }
        }
        let mut owners: Vec<usize> = hits
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .map(|(id, _)| self.filed[id as usize].owner)
            .collect();
        owners.sort_unstable();
        owners.dedup();
        owners
    }
}

#[cfg(test)]
mod tests {
    use super::super::{likely_same, names};
    use super::*;
    use crate::diagnostics::FileId;

    /// Every unit name of the real notices, the check fixtures and synthetic notices.
    fn all_names() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for dir in ["policies", "tests/fixtures/checks"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                if e.path().extension().is_some_and(|x| x == "policy") {
                    texts.push(std::fs::read_to_string(e.path()).unwrap());
                }
            }
        }
        texts.extend(crate::synth::corpus(7, 20).map(|(_, t)| t));
        let mut out: Vec<String> = Vec::new();
        for t in &texts {
            if let (Some(p), _) = crate::driver::compile_source(t, "x.policy", FileId(0), &[]) {
                out.extend(p.units.iter().flat_map(|u| names(u).cloned()));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn the_index_finds_every_pair_that_comparing_all_pairs_finds() {
        let names = all_names();
        assert!(names.len() > 100, "{} names", names.len());
        let index = NameIndex::new(names.iter().map(String::as_str).enumerate());
        let mut matched = 0;
        for (i, a) in names.iter().enumerate() {
            let near = index.near(a);
            for (j, b) in names.iter().enumerate() {
                if likely_same(a, b).is_some() || likely_same(b, a).is_some() {
                    matched += 1;
                    assert!(near.contains(&j), "“{a}” and “{b}” ({i}, {j}) not near");
                }
            }
        }
        assert!(
            matched > 20,
            "only {matched} matching pairs: the test shows little"
        );
    }
}
