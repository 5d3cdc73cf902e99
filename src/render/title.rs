//! A long title broken into lines the way GB/T 9704-2012 §7.3.1 asks: 回行时词意完整、排列
//! 对称 — never inside a word, the lines forming a trapezoid or a diamond.
//!
//! Chinese has no spaces, so the places a title may break are read from the words official
//! titles are made of: after the punctuation and the function words that join their parts
//! (关于, 印发, 》, 、), before 《 and before the document kind (的通知, 实施方案), after the
//! issuer's organ (人民政府, 办公室) and a year (2020年), and, with less preference, after a
//! place name's suffix (旗, 区, 县 …). Among the ways to fill the fewest lines that fit, the
//! one breaking at the best places with the most even, symmetric lines wins. A title with no
//! such way is left whole, for the word processor to wrap.

/// How good a break is: higher is better.
type Grade = u32;

/// Breaks after these, grade 3: they join the parts of a title.
const AFTER_JOINS: &[&str] = &["关于", "印发", "转发", "批转", "》", "、", "，", "；", "："];
/// Breaks before these, grade 3: the document kind after the subject.
const BEFORE_KIND: &[&str] = &[
    "《",
    "的通知",
    "的意见",
    "的决定",
    "的批复",
    "的报告",
    "的通报",
    "的函",
    "的实施意见",
];
/// Breaks after these, grade 2: the issuer's organ.
const AFTER_ORGAN: &[&str] = &[
    "人民政府",
    "办公室",
    "办公厅",
    "委员会",
    "领导小组",
    "指挥部",
    "局",
    "厅",
];
/// Breaks before these, grade 2: the kind of a plan.
const BEFORE_PLAN: &[&str] = &[
    "实施方案",
    "工作方案",
    "行动方案",
    "行动计划",
    "实施细则",
    "实施意见",
    "管理办法",
    "暂行办法",
    "工作要点",
    "专项",
];
/// Place-name suffixes, grade 1 after them; not when the next character continues a word
/// (市场, 县域, 区域, 省级, 区委) or the suffix ends a word of 城 (城乡建设).
const PLACE_SUFFIXES: &[char] = &['省', '市', '州', '盟', '旗', '县', '区', '镇', '乡'];
const CONTINUES_WORD: &[char] = &[
    '场', '域', '级', '委', '属', '直', '辖', '内', '外', '长', '民', '政', '府', '人', '际', '容',
    '貌', '值', '间', '划', '别',
];

/// The lines of `title`, each at most `cap` half-widths wide (a Chinese character is two,
/// an ASCII character one): one line when it fits, else the best breaking into the fewest
/// lines (at most four), else the title whole.
pub fn lines(title: &str, cap: usize) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    // prefix[i]: the width of the first i characters.
    let mut prefix = vec![0usize];
    for c in &chars {
        prefix.push(prefix.last().unwrap_or(&0) + half_width(*c));
    }
    let total = prefix[chars.len()];
    if total <= cap {
        return vec![title.to_string()];
    }
    // Four lines at most: a longer title is left to the word processor.
    if total > 4 * cap {
        return vec![title.to_string()];
    }
    let breaks = candidates(&chars);
    let layout = Layout {
        prefix: &prefix,
        cap,
    };
    for count in 2..=4 {
        let mut best: Option<(u64, Vec<usize>)> = None;
        layout.search(&breaks, count, 0, &mut Vec::new(), &mut best);
        if let Some((_, at)) = best {
            let mut out = Vec::new();
            let mut from = 0;
            for &b in at.iter().chain(std::iter::once(&chars.len())) {
                out.push(chars[from..b].iter().collect());
                from = b;
            }
            return out;
        }
    }
    vec![title.to_string()]
}

fn half_width(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        2
    }
}

/// Every place the title may break (the index of the first character of the next line),
/// with its grade.
fn candidates(chars: &[char]) -> Vec<(usize, Grade)> {
    let starts = |i: usize, word: &str| {
        let w: Vec<char> = word.chars().collect();
        chars[i..].starts_with(&w)
    };
    let ends = |i: usize, word: &str| {
        let w: Vec<char> = word.chars().collect();
        chars[..i].ends_with(&w)
    };
    let mut out = Vec::new();
    for i in 1..chars.len() {
        let grade =
            if AFTER_JOINS.iter().any(|w| ends(i, w)) || BEFORE_KIND.iter().any(|w| starts(i, w)) {
                3
            } else if AFTER_ORGAN.iter().any(|w| ends(i, w))
                || BEFORE_PLAN.iter().any(|w| starts(i, w))
                || (chars[i - 1] == '年' && i >= 2 && chars[i - 2].is_ascii_digit())
            {
                2
            } else if PLACE_SUFFIXES.contains(&chars[i - 1])
                && i >= 3
                && !CONTINUES_WORD.contains(&chars[i])
                // 城乡, 城市, 城区, 城镇 are words, not a place's end; nor is the first of
                // two suffixes (乡镇, 旗县, 盟市).
                && chars[i - 2] != '城'
                && !PLACE_SUFFIXES.contains(&chars[i])
            {
                1
            } else {
                0
            };
        // No line starts with closing punctuation or ends with an opening mark.
        let bad_start = matches!(
            chars[i],
            '》' | '、' | '，' | '；' | '：' | '）' | '”' | '。'
        );
        let bad_end = matches!(chars[i - 1], '《' | '（' | '“');
        if grade > 0 && !bad_start && !bad_end {
            out.push((i, grade));
        }
    }
    out
}

/// The widths a breaking is measured by.
struct Layout<'a> {
    prefix: &'a [usize],
    cap: usize,
}

impl Layout<'_> {
    fn width(&self, from: usize, to: usize) -> usize {
        self.prefix[to] - self.prefix[from]
    }

    /// Tries every choice of `count - 1` breaks from `breaks[from..]`, keeping the cheapest
    /// whose lines all fit.
    fn search(
        &self,
        breaks: &[(usize, Grade)],
        count: usize,
        from: usize,
        chosen: &mut Vec<(usize, Grade)>,
        best: &mut Option<(u64, Vec<usize>)>,
    ) {
        let start = chosen.last().map_or(0, |c| c.0);
        let len = self.prefix.len() - 1;
        if chosen.len() + 1 == count {
            if self.width(start, len) > self.cap {
                return;
            }
            let cost = self.cost(chosen);
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                *best = Some((cost, chosen.iter().map(|c| c.0).collect()));
            }
            return;
        }
        for (k, &(at, grade)) in breaks.iter().enumerate().skip(from) {
            if self.width(start, at) > self.cap {
                break;
            }
            chosen.push((at, grade));
            self.search(breaks, count, k + 1, chosen, best);
            chosen.pop();
        }
    }

    /// Worse breaks and uneven lines cost more; an hourglass (a middle line shorter than both
    /// its neighbours) costs most, since it is neither a trapezoid nor a diamond.
    fn cost(&self, chosen: &[(usize, Grade)]) -> u64 {
        let mut bounds: Vec<usize> = vec![0];
        bounds.extend(chosen.iter().map(|c| c.0));
        bounds.push(self.prefix.len() - 1);
        let widths: Vec<usize> = bounds.windows(2).map(|w| self.width(w[0], w[1])).collect();
        let grades: u64 = chosen.iter().map(|c| u64::from(3 - c.1) * 12).sum();
        let spread = (widths.iter().max().unwrap_or(&0) - widths.iter().min().unwrap_or(&0)) as u64;
        let hourglass = widths
            .windows(3)
            .filter(|w| w[1] < w[0] && w[1] < w[2])
            .count() as u64
            * 30;
        grades + spread + hourglass
    }
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn a_short_title_stays_on_one_line() {
        assert_eq!(
            lines("关于做好防汛工作的通知", 38),
            ["关于做好防汛工作的通知"]
        );
    }

    #[test]
    fn long_titles_break_between_words() {
        // The fewest lines, at a place-name's end rather than inside 冬季.
        assert_eq!(
            lines(
                "宁夏吴忠市利通区关于印发《吴忠市利通区冬季清洁取暖项目实施细则》的通知",
                38
            ),
            [
                "宁夏吴忠市利通区关于印发《吴忠市",
                "利通区冬季清洁取暖项目实施细则》的通知"
            ]
        );
        assert_eq!(
            lines(
                "达拉特旗人民政府关于印发《达拉特旗平房区节能改造工作实施方案》的通知",
                38
            ),
            [
                "达拉特旗人民政府关于印发《达拉特旗",
                "平房区节能改造工作实施方案》的通知"
            ]
        );
        // Three lines where two cannot hold it, at the joins of the title's parts.
        assert_eq!(
            lines("某某自治区某某盟行政公署办公室关于转发《某某自治区人民政府办公厅关于做好冬季清洁取暖工作的实施意见》的通知", 38),
            [
                "某某自治区某某盟行政公署办公室关于",
                "转发《某某自治区人民政府办公厅关于",
                "做好冬季清洁取暖工作的实施意见》的通知"
            ]
        );
        // 住房和城乡建设局 is one organ's name: never broken after 城乡.
        let got = lines(
            "关于印发《2020年兴安盟住房和城乡建设局专项工作行动计划》的通知",
            38,
        );
        assert!(got.iter().all(|l| !l.ends_with("城乡")), "{got:?}");
        // No line starts with a closing mark or ends with an opening one.
        for l in lines(
            "关于印发《某某市某某区二〇二四年城镇老旧小区改造工作实施方案》的通知",
            38,
        ) {
            assert!(!l.starts_with(['》', '、']) && !l.ends_with('《'), "{l}");
        }
    }

    #[test]
    fn a_title_without_a_good_break_is_left_whole() {
        let t = "甲".repeat(30);
        let got = lines(&t, 38);
        assert_eq!(got, vec![t]);
    }
}
