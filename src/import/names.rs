//! Names for what the importer declares: made from the notice's own words around a figure, so
//! that a drafter can read them, and made valid and unique for the policy language.

use std::collections::HashMap;

/// Characters a name may not hold (they are punctuation or operators of the language), and
/// the brackets, dropped so that a name never holds an unbalanced one.
fn allowed(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || "：:，,、；;｜|{}｛｝「」.。+＋-－×÷=＝/*≤≥<>()（）[]【】〔〕﹝﹞［］<>《》\"'!！?？~～—–".contains(c))
}

/// `words` as the label of a part, as written (2021年, 高闸镇): forbidden characters dropped,
/// nothing moved, at most `max` characters.
pub fn label(words: &str, max: usize) -> String {
    words.chars().filter(|c| allowed(*c)).take(max).collect()
}

/// `words` as a name: forbidden characters dropped, a leading digit moved out of the way
/// (`2021年实施` → `实施（2021年）` would need brackets; `第2021年` misleads, so the year goes last:
/// `实施·2021年`), at most `max` characters kept from the end (the head noun is last in Chinese).
pub fn clean(words: &str, max: usize) -> String {
    let kept: String = words.chars().filter(|c| allowed(*c)).collect();
    let chars: Vec<char> = kept.chars().collect();
    let mut start = chars.len().saturating_sub(max);
    // A number cut at the start keeps its digits (2021年完成…, not 021年完成…).
    while start > 0 && chars[start - 1].is_ascii_digit() && chars[start].is_ascii_digit() {
        start -= 1;
    }
    // A cut inside a word leaves half of it (…推进的城镇… cut to 进的城镇…, 2020年城镇… to 年城镇…): when
    // the words were cut, begin after the first joint in what is kept, if a name remains. A
    // number kept whole (2021年完成…) is no half word.
    if start > 0 && !chars[start].is_ascii_digit() {
        let joint = (start..chars.len())
            .find(|&k| {
                JOINTS.contains(chars[k])
                    || (chars[k] == '年' && k > 0 && chars[k - 1].is_ascii_digit())
            })
            .map(|k| k + 1);
        if let Some(after) = joint.filter(|a| chars.len() - a >= 4) {
            start = after;
        }
    }
    let mut name: String = chars[start..].iter().collect();
    let lead: String = name
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '年' || *c == '月' || *c == '日')
        .collect();
    if !lead.is_empty() {
        let rest = name[lead.len()..].to_string();
        name = if rest.is_empty() {
            format!("数{lead}")
        } else {
            format!("{rest}·{lead}")
        };
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '数');
    }
    name
}

/// Characters that join words (的, 与, 在 …; and 年 after a year's digits): a name cut short
/// begins after one. Not 和, which names hold (住房和城乡建设局), nor 年 alone (本年度).
const JOINTS: &str = "的及与在将对把由从向";

/// Hands out names unique in their scope: the second 改造户数 is 改造户数2.
#[derive(Default)]
pub struct Names {
    used: HashMap<String, usize>,
}

impl Names {
    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "数字" } else { base };
        let n = self.used.entry(base.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base.to_string()
        } else {
            let candidate = format!("{base}{n}");
            // `改造户数2` may itself be a base someone used; keep counting until free.
            if self.used.contains_key(&candidate) {
                return self.unique(&candidate);
            }
            self.used.insert(candidate.clone(), 1);
            candidate
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_and_unique() {
        assert_eq!(clean("（其中）农户.自筹", 10), "其中农户自筹");
        assert_eq!(clean("2021年实施", 10), "实施·2021年");
        // Cut short, a name begins after a joint, not inside a word.
        assert_eq!(clean("关于推进绿色建筑工作的实施方案", 12), "实施方案");
        // Not after 和, which unit names hold.
        assert_eq!(
            clean("实施方案报盟住房和城乡建设局", 12),
            "方案报盟住房和城乡建设局"
        );
        assert_eq!(
            clean("全市2020年城镇老旧小区改造新开工", 12),
            "城镇老旧小区改造新开工"
        );
        let mut n = Names::default();
        assert_eq!(n.unique("户数"), "户数");
        assert_eq!(n.unique("户数"), "户数2");
    }
}
