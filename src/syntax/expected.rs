//! Turns a pest error into a diagnostic that names what was expected in the drafter's terms:
//! what is missing and what would fit here, shortest first; a misspelled keyword as the
//! keyword meant (E0022); prose typed in “…” as prose that belongs in 「」 (E0023).

use pest::error::{Error, ErrorVariant, InputLocation};

use super::parse::Rule;
use super::structure::Mismatch;
use super::suggest;
use crate::diagnostics::{location_in, Diagnostic, FileId, Severity, Span};

/// What a grammar rule is called in a message to a drafter. Rules not listed are plumbing
/// that a drafter never needs to hear about, or statements, which are named by their keyword.
fn describe(grammar_rule: Rule) -> Option<&'static str> {
    Some(match grammar_rule {
        Rule::text | Rule::paragraph => "用「」括起的文字",
        Rule::line_text | Rule::any_title | Rule::title_text => "文字",
        Rule::number => "数字",
        Rule::quantity => "数量（如 460户、2.85万户、80%）",
        Rule::unit => "计量单位（如 户、平方米、万元）",
        Rule::ratio => "比例（如 7:3）",
        Rule::name => "名称",
        Rule::label | Rule::path => "名称或引用（如 改造户数.2021年）",
        Rule::when | Rule::deadline | Rule::date_range | Rule::date_point => {
            "日期（如 2022年3月31日、10月底前、2021-2023年）"
        }
        Rule::part => "分项（如 “2021年：3000户”）",
        Rule::condition => "条件（如 不足4万元、4万元以上）",
        Rule::outcome | Rule::outcome_part => {
            "结果（如 3万元、50%、中央3500元 + 地方1800元、不予补贴）"
        }
        Rule::example_result => "例子的结果（如 1.95万元、不予补贴）",
        Rule::expr | Rule::term | Rule::factor => "算式（如 3500元/户 × 改造户数）",
        Rule::cmp => "比较符号“=”“≤”或“≥”",
        Rule::member => "成员（如 “组长：姓名｜职务”）",
        Rule::unit_line => "单位类别（部门、乡镇、街道、企业、机构、集合、其他）",
        Rule::unit_kind => "单位类别（部门、乡镇、街道、企业、机构、集合、其他）",
        Rule::unit_list | Rule::unit_ref => "单位名称",
        Rule::cells => "表格单元格（用“｜”分隔）",
        Rule::EOI => "文件结尾",
        _ => return None,
    })
}

/// Literal tokens a drafter can type, named as they look.
fn describe_token(token: &str) -> String {
    match token {
        "：" | ":" => "冒号“：”".into(),
        "{" | "｛" => "左括号“{”".into(),
        "}" | "｝" => "右括号“}”".into(),
        "「" | "\"" => "用「」括起的文字".into(),
        "」" => "右引号“」”".into(),
        "｜" | "|" => "分隔符“｜”".into(),
        "\r\n" | "\n" | "\r" => "换行".into(),
        "；" | ";" => "换行".into(),
        t => format!("“{t}”"),
    }
}

/// How a statement is written, for the help of a misspelled keyword.
fn usage(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "通知" => "通知 { 标题：…  发文机关：… }",
        "方案" | "计划" | "细则" => "方案 标题 { … }",
        "单位" => "单位 { 部门：甲、乙（又称 丙） }",
        "领导小组" | "工作组" | "工作专班" => "领导小组 名称 { 组长：姓名｜职务 }",
        "节" => "节 标题 { … }",
        "指标" => "指标 名称：数量 「说明」",
        "分解" => "分解 名称 按 维度 { 合计：数量  分项：数量 }",
        "复述" => "复述 引用：数量",
        "标准" => "标准 名称：数量",
        "规则" => "规则 名称 { 对象：…  若 条件：结果 }",
        "核算" => "核算：算式 = 算式",
        "倍数" => "倍数 名称：甲 较 乙 增长一倍",
        "名单" => "名单 名称 { 项：甲、乙  共计：两个小区 }",
        "任务" => "任务 编号 标题 { 牵头单位：…  完成时限：… }",
        "阶段" => "阶段 名称：时间 { … }",
        "步骤" => "步骤 名称：时间 「内容」",
        "节点" => "节点 名称：时间 「内容」",
        "表" => "表 名称 「标题」 { 列：…｜…  行：…｜… }",
        "附件" => "附件 编号 标题 { … }",
        "办公室" => "办公室 { 设在：单位  主任：姓名｜职务 }",
        "假设" => "假设 名称：数量",
        "比例" => "比例 名称：7:3",
        "期限" | "实施期限" | "规划期" => "期限：2021-2023年",
        "牵头单位" | "责任单位" | "配合单位" | "实施单位" => "牵头单位：单位、单位",
        "完成时限" | "时限" => "完成时限：2022年6月底前",
        "内容" => "内容：「任务的内容」",
        _ => return None,
    })
}

/// A syntax error worded for the drafter, and how the text may be mended to look for the
/// errors after it without reporting this one again.
pub(super) struct Found {
    pub diagnostic: Diagnostic,
    pub repair: Repair,
}

/// How to mend the text before parsing it again for further errors.
pub(super) enum Repair {
    /// Put these bytes here: the same number of bytes, so later offsets stay true.
    Replace(usize, String),
    /// Blank the offending line.
    BlankLine,
    /// Look no further: what follows depends on how this is mended.
    Stop,
}

/// What the parser would have accepted where it stopped.
struct Expected {
    /// Keywords that could begin a statement here (canonical spellings only, shortest first).
    keywords: Vec<String>,
    /// Every literal token tried here, spelling variants included, for guessing a misspelling.
    literals: Vec<String>,
    /// Everything else, in the drafter's words, shortest first.
    others: Vec<String>,
}

fn expected_at(e: &Error<Rule>) -> Expected {
    let mut out = Expected {
        keywords: Vec::new(),
        literals: Vec::new(),
        others: Vec::new(),
    };
    let push = |list: &mut Vec<String>, s: String| {
        if !list.contains(&s) {
            list.push(s);
        }
    };
    if let Some(attempts) = e.parse_attempts() {
        for stack in attempts.call_stacks() {
            // A failed token is described by the tokens themselves (below); naming its parent
            // rule would blame whatever construct happened to be tried last.
            if let Some(d) = stack.deepest.get_rule().copied().and_then(describe) {
                push(&mut out.others, d.to_string());
            }
        }
        for t in attempts.expected_tokens() {
            let token = t.to_string();
            // Ranges ("0..9") and built-ins say nothing a drafter can act on.
            let blank = token.chars().all(|c| c.is_whitespace()) || token == "//";
            if token.contains("..") || token == "BUILTIN_RULE" || blank {
                continue;
            }
            if is_word(&token) {
                // Words that are not keywords (一, 约, 不超过 …) are parts of a figure or a
                // condition, which the rules tried here already name.
                let keyword = suggest::KEYWORDS.contains(&token.as_str());
                if keyword || suggest::ALTERNATE_SPELLINGS.contains(&token.as_str()) {
                    push(&mut out.literals, token.clone());
                }
                if keyword && !suggest::ALTERNATE_SPELLINGS.contains(&token.as_str()) {
                    push(&mut out.keywords, token);
                }
            } else {
                push(&mut out.others, describe_token(&token));
            }
        }
    }
    if let ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(d) = describe(*r) {
                push(&mut out.others, d.to_string());
            }
        }
    }
    let rank = |k: &String| {
        suggest::KEYWORDS
            .iter()
            .position(|w| w == k)
            .unwrap_or(usize::MAX)
    };
    out.keywords.sort_by_key(|k| (k.chars().count(), rank(k)));
    out.others.sort_by_key(|k| k.chars().count());
    out
}

/// A keyword-like token: letters of a script, no punctuation (指标, 牵头单位, 又称).
fn is_word(token: &str) -> bool {
    token.chars().all(|c| c.is_alphanumeric()) && !token.is_ascii()
}

/// The word a drafter wrote at `pos`: up to a blank, a colon, a brace, a quote or the end of
/// the line.
fn word_at(src: &str, pos: usize) -> &str {
    let rest = &src[pos..];
    let end = rest
        .char_indices()
        .find(|(_, c)| {
            c.is_whitespace()
                || matches!(
                    c,
                    '：' | ':'
                        | '{'
                        | '｛'
                        | '}'
                        | '｝'
                        | '「'
                        | '」'
                        | '"'
                        | '；'
                        | ';'
                        | '｜'
                        | '|'
                        | '，'
                        | '、'
                        | '。'
                )
        })
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

pub(super) fn syntax_error(src: &str, e: &Error<Rule>, file: FileId) -> Found {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
    .min(src.len());
    let span = char_span(src, pos);

    if let ErrorVariant::CustomError { message } = &e.variant {
        // Only the call and stack limits raise custom errors.
        let d = Diagnostic::new(
            "E0003",
            Severity::Error,
            "文件过于复杂，解析超出限制".to_string(),
            file,
        )
        .with_primary(span, "在这里停止解析")
        .with_note(format!("解析器报告：{message}"));
        return Found {
            diagnostic: d,
            repair: Repair::Stop,
        };
    }

    let mut expected = expected_at(e);
    let line_start = src[..pos]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim()
        .is_empty();
    if line_start {
        // At the start of a line, a blank line is always possible and never the answer.
        expected.others.retain(|o| o != "换行");
    }
    if let Some(found) = curly_quoted_prose(src, pos, &expected, file) {
        return found;
    }
    if let Some(found) = misspelled_keyword(src, pos, &expected, file) {
        return found;
    }
    if let Some(found) = name_with_a_break(src, pos, &expected, file) {
        return found;
    }

    let mut items: Vec<String> = Vec::new();
    if line_start && !expected.keywords.is_empty() {
        items.push(statement_start(&expected.keywords));
    } else {
        items.extend(expected.keywords.iter().map(|k| format!("“{k}”")));
    }
    items.extend(expected.others.iter().take(5).cloned());

    let found = match src[pos..].chars().next() {
        None => "文件结尾".to_string(),
        Some('\n') => "换行".to_string(),
        Some(c) => format!("“{c}”"),
    };
    let message = if items.is_empty() {
        format!("无法理解这里的内容：遇到 {found}")
    } else {
        format!("此处应为{}，却遇到 {found}", join_or(&items))
    };
    let label = match items.first() {
        Some(_) if line_start && !expected.keywords.is_empty() => "应以关键词开头".to_string(),
        Some(first) => format!("应为{first}"),
        None => "这里".to_string(),
    };
    let d = Diagnostic::new("E0001", Severity::Error, message, file)
        .with_primary(span, label)
        .with_help(hint(src, pos, &expected));
    Found {
        diagnostic: d,
        repair: Repair::BlankLine,
    }
}

/// The span of the character at `pos`; at a line break or the end of the file, an empty span
/// there (a caret after the line's last character rather than one across two lines).
fn char_span(src: &str, pos: usize) -> Span {
    match src[pos..].chars().next() {
        None | Some('\n') => Span::new(pos, pos),
        Some(c) => Span::new(pos, pos + c.len_utf8()),
    }
}

/// "a statement (指标、分解、任务 …)" for the keywords that may begin a line here.
fn statement_start(keywords: &[String]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<&str> = keywords.iter().take(SHOWN).map(String::as_str).collect();
    let more = if keywords.len() > SHOWN { " 等" } else { "" };
    format!("以关键词开头的一行（{}{more}）", shown.join("、"))
}

/// 甲、乙或丙.
fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}或{last}", rest.join("、")),
    }
}

/// E0023: a paragraph typed in “…”, as a Chinese input method gives, where prose in 「」 fits.
fn curly_quoted_prose(src: &str, pos: usize, expected: &Expected, file: FileId) -> Option<Found> {
    if !src[pos..].starts_with('“') || !expected.others.iter().any(|o| o.contains("「」")) {
        return None;
    }
    let line_end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
    let line = &src[pos..line_end];
    // The closing ” is the last on the line (the prose may quote words in “” itself).
    let close = line.rfind('”').filter(|i| *i > 0).map(|i| pos + i);
    let fixed = match close {
        Some(close) => format!(
            "「{}」{}",
            &src[pos + '“'.len_utf8()..close],
            &src[close + '”'.len_utf8()..line_end]
        ),
        None => format!("「{}」", &src[pos + '“'.len_utf8()..line_end]),
    };
    let span = Span::new(
        pos,
        close.map_or(pos + '“'.len_utf8(), |c| c + '”'.len_utf8()),
    );
    let d = Diagnostic::new(
        "E0023",
        Severity::Error,
        "正文要用「」括起，不能用引号“”",
        file,
    )
    .with_primary(span, "这段文字用了“”")
    .with_help(format!("改为：{}", fixed.trim_end()));
    // “ ” and 「 」 take three bytes each: mending keeps every later offset.
    let repair = match close {
        Some(close) => {
            let mut mended = src[pos..close + '”'.len_utf8()].to_string();
            mended.replace_range(..'“'.len_utf8(), "「");
            let end = mended.len() - '”'.len_utf8();
            mended.replace_range(end.., "」");
            Repair::Replace(pos, mended)
        }
        None => Repair::BlankLine,
    };
    Some(Found {
        diagnostic: d,
        repair,
    })
}

/// E0001 on the blank or comma itself when a name holds one (`指标 改造 户数：460户`,
/// `标准 中央,补贴：…`, `阶段 （一）摸底调研,落实政策：…`, a part `2023年，2024年：30户`): the
/// parser stops at the keyword or the break, the drafter's slip is in the name.
fn name_with_a_break(src: &str, pos: usize, expected: &Expected, file: FileId) -> Option<Found> {
    let line_start = src[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
    let lead = src[line_start..line_end].len() - src[line_start..line_end].trim_start().len();
    let at = line_start + lead;
    let line = &src[at..line_end];
    // A part of a 分解 has no keyword: the parser was still reading its name, where 按 could
    // follow.
    // Statements whose name ends at a colon, and blocks whose name ends at their 「」 title,
    // their brace or (a 分解) at 按.
    const BEFORE_COLON: &[&str] = &[
        "指标", "标准", "假设", "复述", "比例", "阶段", "步骤", "节点", "核算",
    ];
    const BLOCKS: &[&str] = &["分解", "表", "规则", "名单"];
    let keyword = BEFORE_COLON
        .iter()
        .chain(BLOCKS)
        .copied()
        .find(|k| line.starts_with(k));
    let name_start = match keyword {
        Some(k) => {
            let after = &line[k.len()..];
            let gap = after.len() - after.trim_start().len();
            if gap == 0 {
                return None;
            }
            k.len() + gap
        }
        None if expected.literals.iter().any(|l| l == "按") => 0,
        None => return None,
    };
    let colon = match keyword {
        Some(k) if BLOCKS.contains(&k) => {
            let rest = &line[name_start..];
            let by = [" 按 ", " 按\u{3000}", " 比例 "]
                .iter()
                .filter_map(|w| rest.find(w))
                .min();
            let open = rest.find(['{', '｛', '「']);
            by.into_iter().chain(open).min()? + name_start
        }
        _ => line[name_start..].find(['：', ':'])? + name_start,
    };
    if at + colon < pos {
        return None; // the parser got past the name: the slip is elsewhere
    }
    let name = line[name_start..colon].trim_end();
    let breaks = [' ', '\u{3000}', '\t', ',', '，', '、'];
    let inner = name.find(breaks)?;
    if name[inner..].trim_start_matches(breaks).is_empty() || name.contains(['「', '{', '｛']) {
        return None;
    }
    let joined: String = name.chars().filter(|c| !breaks.contains(c)).collect();
    let slip = name[inner..].chars().next()?;
    let what = if matches!(slip, ',' | '，' | '、') {
        "逗号"
    } else {
        "空格"
    };
    let span = Span::new(
        at + name_start + inner,
        at + name_start + inner + slip.len_utf8(),
    );
    let help = match keyword {
        Some(k @ ("阶段" | "步骤" | "节点")) => format!(
            "名称连写，不含空格和标点：写作“{k} {joined}：…”；原文标题中的标点照原文写在后面「」中的正文里"
        ),
        Some(k) if BLOCKS.contains(&k) => format!(
            "名称连写，不含空格和标点：写作“{k} {joined} …”；原文的名称有标点时，把原文的标题写在「」中"
        ),
        Some(k) => format!(
            "名称连写，不含空格和标点：写作“{k} {joined}：…”；原文的名称有标点时，把说明写在「」中"
        ),
        None => format!(
            "分项名称连写：写作“{joined}：…”；原文的分项名有标点时，把它放在「」中：「{name}」：…"
        ),
    };
    let d = Diagnostic::new(
        "E0001",
        Severity::Error,
        format!("名称“{name}”中有{what}"),
        file,
    )
    .with_primary(span, format!("名称中不能有{what}"))
    .with_help(help);
    // Each break becomes as many bytes of `_`, a name character: the line is read with the
    // name joined, so a block's header keeps its braces and the lines after it are checked.
    let mended: String = name
        .chars()
        .map(|c| {
            if breaks.contains(&c) {
                "_".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();
    Some(Found {
        diagnostic: d,
        repair: Repair::Replace(at + name_start, mended),
    })
}

/// E0022: a word where a keyword was expected that is one slip away from one of them.
fn misspelled_keyword(src: &str, pos: usize, expected: &Expected, file: FileId) -> Option<Found> {
    if expected.literals.is_empty() {
        return None;
    }
    let written = word_at(src, pos);
    let keyword = suggest::nearest(written, expected.literals.iter().map(String::as_str))?;
    let span = Span::new(pos, pos + written.len());
    let mut d = Diagnostic::new(
        "E0022",
        Severity::Error,
        format!("无法识别“{written}”：是否想写“{keyword}”？"),
        file,
    )
    .with_primary(span, format!("是否想写“{keyword}”？"));
    d = match usage(keyword) {
        Some(form) => d.with_help(format!("改为“{keyword}”；它的写法是：{form}")),
        None => d.with_help(format!("改为“{keyword}”")),
    };
    let repair = if keyword.len() == written.len() {
        Repair::Replace(pos, keyword.to_string())
    } else {
        Repair::Stop
    };
    Some(Found {
        diagnostic: d,
        repair,
    })
}

/// A hint for the commonest slips, judged from what was expected and what stands there.
fn hint(src: &str, pos: usize, expected: &Expected) -> String {
    let next = src[pos..].chars().next();
    let line_before = src[..pos].rsplit('\n').next().unwrap_or("");
    let others = &expected.others;
    if others.iter().any(|e| e.contains("右括号")) && next.is_none() {
        return "文件结束时还有块没有关闭：检查每个“{”是否都有对应的“}”".into();
    }
    if line_before.trim().is_empty() && !expected.keywords.is_empty() {
        let line_end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
        let line = src[pos..line_end].trim_end();
        if !line.is_empty() && !line.contains(['：', ':', '{', '｛', '}', '｝']) {
            return format!("每一行以关键词开头；若这是一段正文，请用「」括起：「{line}」");
        }
        // A field this block does not have (发布日期 in 通知): name the ones it has.
        return format!(
            "每一行以关键词开头，这里可用的关键词有：{}；或是用「」括起的一段正文",
            expected.keywords.join("、")
        );
    }
    if others.iter().any(|e| e == "换行") && others.iter().any(|e| e.contains("「」")) {
        return "一行只写一项内容：说明文字请放在「」中，同一行的两项内容之间用“；”分隔".into();
    }
    if others.iter().any(|e| e.contains("冒号")) {
        return "名称和内容之间要用冒号“：”隔开，如“指标 改造户数：460户”".into();
    }
    if others.iter().any(|e| e.starts_with("数量")) {
        return "数量写作数字加单位，如 460户、2.85万户、5.8亿元、80%；“约”写在数字前，“左右”写在单位后".into();
    }
    if others.iter().any(|e| e.starts_with("日期")) {
        return "日期写作 2022年3月31日、10月底前、2021-2023年 或 2022年3月1日-4月30日".into();
    }
    "请对照 docs/language.md 检查这一行的写法".into()
}

/// E0020, E0021, E0024: a brace or a quote that does not pair up, where it was left open or
/// written once too often.
pub(super) fn mismatch(src: &str, m: &Mismatch, file: FileId) -> Diagnostic {
    match m {
        Mismatch::Unclosed { open, header, due } => {
            let (line, _) = location_in(src, open.start);
            let shown = shorten(header, 24);
            let opened = if shown.is_empty() {
                "“{”".to_string()
            } else {
                format!("“{shown} {{”")
            };
            let at_end = due.start >= src.trim_end().len();
            let mut d = Diagnostic::new(
                "E0020",
                Severity::Error,
                format!("第{line}行的{opened}没有对应的“}}”"),
                file,
            )
            .with_primary(*open, "这个块没有关闭");
            if at_end {
                d = d.with_help(format!(
                    "在文件末尾加一行“}}”，缩进与第{line}行相同；如果块已写完，也可能是其中漏写了别的“}}”"
                ));
            } else {
                let (due_line, _) = location_in(src, due.start);
                d = d
                    .with_secondary(char_span(src, due.start), "应在这一行之前关闭")
                    .with_help(format!(
                        "在第{due_line}行之前加一行“}}”，缩进与第{line}行相同"
                    ));
            }
            d
        }
        Mismatch::Extra { close } => Diagnostic::new(
            "E0021",
            Severity::Error,
            "多余的“}”：没有与它对应的“{”",
            file,
        )
        .with_primary(*close, "这个“}”不关闭任何块")
        .with_help("删去这个“}”；若它本应关闭下面的某个块，请检查那个块的写法"),
        Mismatch::UnclosedQuote { open } => {
            let (line, _) = location_in(src, open.start);
            Diagnostic::new(
                "E0024",
                Severity::Error,
                format!("第{line}行的“「”没有对应的“」”"),
                file,
            )
            .with_primary(*open, "从这里开始的文字没有结束")
            .with_help("在这段文字的末尾加上“」”；文字中再用「」时，左右引号要成对")
        }
    }
}

/// `text` cut to `max` characters, with “…” for what was cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max).collect();
    s.push('…');
    s
}
