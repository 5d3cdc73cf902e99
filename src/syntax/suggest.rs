//! "是否想写……？": the nearest word a drafter may have meant, by edit distance on characters.
//!
//! Used for misspelled keywords and field names (分届 → 分解, 牵头单住 → 牵头单位) and, by the
//! model, for names that were never declared (县住建局 → 县住房和城乡建设局, {改造户树} → 改造户数).
//! Distances count characters, not bytes: one wrong 汉字 is one edit.

/// Every keyword and field name of the language, the statements a drafter writes most first:
/// error messages list the keywords that fit in this order (after the shorter ones).
pub const KEYWORDS: &[&str] = &[
    "节",
    "表",
    "指标",
    "分解",
    "任务",
    "阶段",
    "节点",
    "步骤",
    "复述",
    "标准",
    "核算",
    "倍数",
    "名单",
    "背景",
    "规则",
    "假设",
    "比例",
    "附件",
    "单位",
    "领导小组",
    "办公室",
    "期限",
    "依据",
    "内容",
    "牵头单位",
    "责任单位",
    "配合单位",
    "实施单位",
    "完成时限",
    "通知",
    "方案",
    "计划",
    "细则",
    "按",
    "合计",
    "小计",
    "上限",
    "对象",
    "否则",
    "责任分工",
    "启动时间",
    "实施年限",
    "列",
    "行",
    "空行",
    "关系",
    "注",
    "部门",
    "乡镇",
    "街道",
    "企业",
    "机构",
    "集合",
    "其他",
    "工作组",
    "设在",
    "检查",
    "允许",
    "提示",
    "警告",
    "禁止",
    "书签",
    "标题",
    "发文机关",
    "发文字号",
    "主送",
    "正文",
    "署名",
    "成文日期",
    "附注",
    "印发",
    "抄送",
    "联系人",
    "联系电话",
    "发布日期",
    "来源",
    "政策解读",
    "解读文件",
    "解读单位",
    "新闻报道",
    "时间",
    "简称",
    "实施期限",
    "规划期",
];

/// Spellings the grammar accepts besides a construct's usual keyword, and the check settings'
/// block: valid, but not what an error message should teach. They are still candidates when
/// a misspelling is guessed.
pub const ALTERNATE_SPELLINGS: &[&str] = &[
    "计划",
    "解读",
    "报道",
    "以下简称",
    "以下称",
    "细则",
    "总计",
    "共计",
    "主送机关",
    "落款",
    "主要任务",
    "时限",
    "开展时间",
    "实施时间",
    "起止",
    "工作专班",
    "当",
    "如",
    "其余",
    "其他",
    "实施期限",
    "规划期",
    "书签",
    "检查",
    "大约",
    "近",
];

/// The optimal string alignment distance between `a` and `b` in characters: insertions,
/// deletions, substitutions and swaps of two neighbouring characters (解分 for 分解) each
/// cost one.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, cell) in d.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// How many edits a word of `chars` characters may be away from what it is taken for: one
/// for a keyword-sized word (two to four characters), two for a long name. A single
/// character is never guessed at: too many words are one edit from it.
fn allowed(chars: usize) -> usize {
    match chars {
        0 | 1 => 0,
        2..=4 => 1,
        _ => 2,
    }
}

/// The candidate nearest to `word`, if one is near enough to be a likely slip; the first in
/// `candidates` wins a tie, so callers list the likelier words first. `word` itself is never
/// suggested.
pub fn nearest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let chars = word.chars().count();
    let limit = allowed(chars);
    if limit == 0 {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == word || c.chars().count() < 2 {
            continue;
        }
        // A cheap bound first: the lengths alone differ by more than the limit.
        if c.chars().count().abs_diff(chars) > limit {
            continue;
        }
        let d = distance(word, c);
        if d <= limit.min(allowed(c.chars().count())) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// A declared name that `word` abbreviates: every character of `word` appears in the
/// candidate in order (县住建局 in 县住房和城乡建设局), and the two start and end alike. The
/// shortest such name wins, as the likeliest full form.
pub fn expansion<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let first = word.chars().next()?;
    let last = word.chars().next_back()?;
    if word.chars().count() < 2 {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| {
            *c != word
                && c.chars().count() > word.chars().count()
                && c.starts_with(first)
                && c.ends_with(last)
                && is_subsequence(word, c)
        })
        .min_by_key(|c| c.chars().count())
}

fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_wrong_character_is_one_edit() {
        assert_eq!(distance("分届", "分解"), 1);
        assert_eq!(distance("牵头单住", "牵头单位"), 1);
        assert_eq!(distance("解分", "分解"), 1);
        assert_eq!(distance("指标", "指标"), 0);
        assert_eq!(distance("", "指标"), 2);
    }

    #[test]
    fn misspelled_keywords_find_the_keyword() {
        let k = KEYWORDS.iter().copied();
        assert_eq!(nearest("分届", k.clone()), Some("分解"));
        assert_eq!(nearest("期线", k.clone()), Some("期限"));
        assert_eq!(nearest("牵头单住", k.clone()), Some("牵头单位"));
        // Unrelated words, single characters and the keyword itself are not guessed at.
        assert_eq!(nearest("改造完成以后", k.clone()), None);
        assert_eq!(nearest("甲", k.clone()), None);
        assert_eq!(nearest("分解", k), None);
    }

    #[test]
    fn an_abbreviation_finds_its_full_name() {
        let declared = ["县人民政府", "县住房和城乡建设局", "县财政局"];
        assert_eq!(
            expansion("县住建局", declared.iter().copied()),
            Some("县住房和城乡建设局")
        );
        assert_eq!(expansion("县教育局", declared.iter().copied()), None);
    }
}
