//! Completion: keywords and field names (read from the grammar, so that they follow it), the
//! declared units and the figures' paths.

use std::sync::OnceLock;

use lsp_types::{CompletionItem, CompletionItemKind, Documentation, MarkupContent, MarkupKind};

use crate::model::Policy;

use super::hover::interval;

/// The grammar, whose rules say which words start a statement or a field.
const GRAMMAR: &str = include_str!("../../grammar/policy.pest");

/// A word of the language: a statement keyword (指标, 分解 …) or a field name (牵头单位 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyword {
    pub word: String,
    /// Followed by a colon (牵头单位：) rather than a name or a block.
    pub field: bool,
    /// The rule's doc comment.
    pub doc: String,
}

/// Keywords are Chinese words; the grammar's other literals are punctuation or parts of
/// other rules (（又称).
fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// The quoted literals at the start of `body`, with the rest: `"指标" ~ …` or
/// `("完成时限" | "时限") ~ …`.
fn leading_literals(body: &str) -> Option<(Vec<String>, &str)> {
    let literals = |s: &str| -> Option<Vec<String>> {
        s.split('|')
            .map(|alt| {
                let alt = alt.trim();
                let inner = alt.strip_prefix('"')?.strip_suffix('"')?;
                (!inner.contains('"')).then(|| inner.to_string())
            })
            .collect()
    };
    if let Some(rest) = body.strip_prefix('(') {
        let close = rest.find(')')?;
        Some((literals(&rest[..close])?, &rest[close + 1..]))
    } else if let Some(quoted) = body.strip_prefix('"') {
        let end = quoted.find('"')?;
        Some((vec![quoted[..end].to_string()], &quoted[end + 1..]))
    } else {
        None
    }
}

/// Reads the keywords out of the grammar: every ordinary rule that starts with Chinese
/// literals followed by more (a field when a colon follows), and the literal alternatives of
/// the `*_kind` and `*_level` rules (领导小组, 部门, 允许 …).
pub fn grammar_keywords(grammar: &str) -> Vec<Keyword> {
    let mut out: Vec<Keyword> = Vec::new();
    let mut doc = String::new();
    for line in grammar.lines() {
        let line = line.trim();
        if let Some(d) = line.strip_prefix("///") {
            if !doc.is_empty() {
                doc.push(' ');
            }
            doc.push_str(d.trim());
            continue;
        }
        let Some((name, body)) = line.split_once('=') else {
            doc.clear();
            continue;
        };
        let name = name.trim();
        let body = body.trim();
        let words = if let Some(body) = body.strip_prefix('{') {
            leading_literals(body.trim()).and_then(|(words, rest)| {
                let rest = rest.trim_start();
                rest.starts_with('~')
                    .then(|| (words, rest[1..].trim_start().starts_with("colon")))
            })
        } else if name.ends_with("_kind") || name.ends_with("_level") {
            body.strip_prefix("@{")
                .and_then(|b| b.trim().strip_suffix('}'))
                .and_then(|b| leading_literals(&format!("({b})")).map(|(w, _)| (w, false)))
        } else {
            None
        };
        if let Some((words, field)) = words {
            for word in words.into_iter().filter(|w| is_word(w)) {
                if !out.iter().any(|k| k.word == word) {
                    out.push(Keyword {
                        word,
                        field,
                        doc: doc.clone(),
                    });
                }
            }
        }
        doc.clear();
    }
    out
}

fn keywords() -> &'static [Keyword] {
    static KEYWORDS: OnceLock<Vec<Keyword>> = OnceLock::new();
    KEYWORDS.get_or_init(|| grammar_keywords(GRAMMAR))
}

fn markdown(text: String) -> Option<Documentation> {
    Some(Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text,
    }))
}

/// The completions at a place whose text before the cursor on its line is `before`: only the
/// figures' paths inside `{…}` of prose; otherwise keywords, fields, units and figures.
pub fn completions(policy: Option<&Policy>, before: &str) -> Vec<CompletionItem> {
    let in_braces = before
        .rfind('{')
        .is_some_and(|open| !before[open..].contains('}'));
    let mut items = Vec::new();
    if let Some(policy) = policy {
        for f in &policy.figures {
            // Restatements (改造户数#复述1) are not written by name.
            if f.id.contains('#') {
                continue;
            }
            items.push(CompletionItem {
                label: f.id.clone(),
                kind: Some(CompletionItemKind::VARIABLE),
                detail: Some(f.quantity.written.clone()),
                documentation: markdown(format!("{}\n\n{}", f.label, interval(&f.quantity))),
                ..Default::default()
            });
        }
    }
    if in_braces {
        return items;
    }
    for k in keywords() {
        items.push(CompletionItem {
            label: k.word.clone(),
            kind: Some(if k.field {
                CompletionItemKind::FIELD
            } else {
                CompletionItemKind::KEYWORD
            }),
            insert_text: Some(if k.field {
                format!("{}：", k.word)
            } else {
                format!("{} ", k.word)
            }),
            documentation: (!k.doc.is_empty())
                .then(|| markdown(k.doc.clone()))
                .flatten(),
            ..Default::default()
        });
    }
    if let Some(policy) = policy {
        for u in &policy.units {
            for name in std::iter::once(&u.name).chain(&u.aliases) {
                items.push(CompletionItem {
                    label: name.clone(),
                    kind: Some(CompletionItemKind::MODULE),
                    detail: Some(format!("单位（{}）", u.kind)),
                    ..Default::default()
                });
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_fields_come_from_the_grammar() {
        let words = keywords();
        let find = |w: &str| words.iter().find(|k| k.word == w);
        for keyword in [
            "指标",
            "分解",
            "任务",
            "节",
            "表",
            "方案",
            "细则",
            "领导小组",
            "允许",
        ] {
            assert!(!find(keyword).unwrap().field, "{keyword}");
        }
        for field in ["牵头单位", "完成时限", "时限", "合计", "标题", "期限"] {
            assert!(find(field).unwrap().field, "{field}");
        }
        assert!(find("指标").unwrap().doc.contains("one stated figure"));
        // Words inside dates and quantities are not statements.
        for not_a_keyword in ["之前", "约", "万", "年", "（又称"] {
            assert!(find(not_a_keyword).is_none(), "{not_a_keyword}");
        }
    }

    #[test]
    fn inside_braces_only_figures_are_offered() {
        let text = "方案 甲 {\n  指标 户数：460户\n}\n";
        let (policy, _) =
            crate::driver::compile_source(text, "甲.policy", crate::diagnostics::FileId(0), &[]);
        let items = completions(policy.as_ref(), "  「完成{户");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].label, "户数");
        assert_eq!(items[0].detail.as_deref(), Some("460户"));
        let items = completions(policy.as_ref(), "  ");
        assert!(items.iter().any(|i| i.label == "牵头单位"));
    }
}

#[cfg(test)]
mod editor_grammar {
    /// The VS Code extension's TextMate grammar highlights every keyword of the language.
    #[test]
    fn names_every_keyword() {
        let grammar = include_str!("../../editors/vscode/syntaxes/policy.tmLanguage.json");
        let json: serde_json::Value = serde_json::from_str(grammar).unwrap();
        let patterns = json.to_string();
        for k in super::keywords() {
            assert!(
                patterns.contains(&k.word),
                "{} 不在 policy.tmLanguage.json 中",
                k.word
            );
        }
    }
}
