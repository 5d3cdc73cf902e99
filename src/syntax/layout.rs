//! The text of a parsed file as pieces, for `policyc fmt`: what the grammar read as content
//! (names, figures, dates, quoted prose, cells) kept as written, and everything between —
//! keywords, colons, braces, separators, blanks, line breaks, comments — named by its role,
//! so that layout can be changed without touching a word of content.
//!
//! Concatenating the pieces' texts gives the file back byte for byte.

use super::parse::{self, Rule};

/// One piece of a policy file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    pub kind: PieceKind,
    pub text: &'a str,
}

/// What a piece is to the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Content as the grammar read it, never changed: a name, a figure, a date, quoted prose.
    Content,
    /// One cell of a table line (trailing blanks are not part of its value).
    Cell,
    /// A keyword, or another word the grammar expects between contents (指标, （又称).
    Keyword,
    /// The colon after a key, `：` or `:`.
    Colon,
    /// A block's opening brace.
    Open,
    /// A block's closing brace.
    Close,
    /// `｜` between cells, or between a member's name and post.
    Bar,
    /// `、` `，` `,` between the items of a list.
    ListSep,
    /// `；` ending a statement.
    Semicolon,
    /// A parenthesis around part of an expression.
    Paren,
    /// A line break.
    Newline,
    /// `//` and the rest of its line.
    Comment,
    /// Blanks between other pieces.
    Blank,
}

/// Rules whose text is content, kept whole: atomic rules, and times, conditions and
/// outcomes, whose inner spacing and words (至, 不超过) are part of how the notice says them.
fn is_content(grammar_rule: Rule) -> bool {
    matches!(
        grammar_rule,
        Rule::text
            | Rule::line_text
            | Rule::title_text
            | Rule::number
            | Rule::quantity
            | Rule::figure_range
            | Rule::figure_product
            | Rule::figure_bound
            | Rule::ratio
            | Rule::name
            | Rule::label
            | Rule::phase_title
            | Rule::path
            | Rule::when
            | Rule::condition
            | Rule::conditions
            | Rule::outcome
            | Rule::printed_by
            | Rule::list_item
            | Rule::by
            | Rule::split_ratio
            | Rule::cap_scope
            | Rule::bound_words
            | Rule::bound_suffix
            | Rule::cmp
            | Rule::add_op
            | Rule::mul_op
            | Rule::task_no
            | Rule::unit_ref
            | Rule::unit
            | Rule::unit_kind
            | Rule::unit_name
            | Rule::group_kind
            | Rule::document_kind
            | Rule::role
            | Rule::missing_name
            | Rule::collective
            | Rule::person_name
            | Rule::post
            | Rule::lint_level
            | Rule::lint_code
    )
}

/// The pieces of `src`, which must parse (callers parse it first with [`super::parse`], which
/// also bounds its nesting); `None` if it does not.
pub fn pieces(src: &str) -> Option<Vec<Piece<'_>>> {
    let pairs = parse::parse_pairs(src).ok()?;
    let mut out = Vec::new();
    let mut pos = 0usize;
    // Pairs in document order; a pair inside content already taken is skipped.
    for pair in pairs.flatten() {
        let grammar_rule = pair.as_rule();
        let span = pair.as_span();
        if span.start() < pos || !(is_content(grammar_rule) || grammar_rule == Rule::cells) {
            continue;
        }
        between(&src[pos..span.start()], &mut out);
        if grammar_rule == Rule::cells {
            cells(span.as_str(), &mut out);
        } else {
            out.push(Piece {
                kind: PieceKind::Content,
                text: span.as_str(),
            });
        }
        pos = span.end();
    }
    between(&src[pos..], &mut out);
    Some(out)
}

/// The pieces of a table line's cells: each cell (from its first non-blank character, as the
/// grammar's blanks after a bar leave it) and the bars and blanks between.
fn cells<'a>(text: &'a str, out: &mut Vec<Piece<'a>>) {
    let mut at = 0;
    for raw in super::cells::raw_cells(text) {
        let cell = &text[raw.clone()];
        let lead = cell.len()
            - cell
                .trim_start_matches([' ', '\t', '\u{3000}', '\u{a0}'])
                .len();
        between(&text[at..raw.start + lead], out);
        out.push(Piece {
            kind: PieceKind::Cell,
            text: &cell[lead..],
        });
        at = raw.end;
    }
}

/// Names the pieces of text between two contents, where the grammar reads only keywords,
/// punctuation, blanks, line breaks and comments.
fn between<'a>(gap: &'a str, out: &mut Vec<Piece<'a>>) {
    let mut rest = gap;
    while let Some(c) = rest.chars().next() {
        let (kind, len) = if rest.starts_with("//") {
            (PieceKind::Comment, rest.find('\n').unwrap_or(rest.len()))
        } else if rest.starts_with("（又称") || rest.starts_with("(又称") {
            (
                PieceKind::Keyword,
                rest.find("又称").unwrap_or(0) + "又称".len(),
            )
        } else {
            let kind = match c {
                '\n' => PieceKind::Newline,
                ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\r' => PieceKind::Blank,
                '：' | ':' => PieceKind::Colon,
                '{' | '｛' => PieceKind::Open,
                '}' | '｝' => PieceKind::Close,
                '｜' | '|' => PieceKind::Bar,
                '、' | '，' | ',' => PieceKind::ListSep,
                '；' | ';' => PieceKind::Semicolon,
                '(' | ')' | '（' | '）' => PieceKind::Paren,
                _ => PieceKind::Keyword,
            };
            let len = match kind {
                PieceKind::Blank => rest
                    .find(|c: char| !matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\r'))
                    .unwrap_or(rest.len()),
                PieceKind::Keyword => {
                    let stop =
                        |c: char| c.is_whitespace() || "：:{｛}｝｜|、，,；;()（）/".contains(c);
                    match rest.find(stop) {
                        Some(0) => c.len_utf8(),
                        Some(i) => i,
                        None => rest.len(),
                    }
                }
                _ => c.len_utf8(),
            };
            (kind, len)
        };
        out.push(Piece {
            kind,
            text: &rest[..len],
        });
        rest = &rest[len..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pieces_give_the_file_back() {
        let src = "单位 { // 单位\n  部门：区发展和改革局（又称 区发改局）, 区财政局\n}\n方案 甲 {\n  表 乙 {\n    列：乡镇 ｜户数\n    行：甲镇｜200\n    行：乙镇｜\n  }\n}\n";
        let pieces = pieces(src).expect("parses");
        let joined: String = pieces.iter().map(|p| p.text).collect();
        assert_eq!(joined, src);
        let cells: Vec<&str> = pieces
            .iter()
            .filter(|p| p.kind == PieceKind::Cell)
            .map(|p| p.text)
            .collect();
        assert_eq!(cells, ["乡镇 ", "户数", "甲镇", "200", "乙镇", ""]);
        assert!(pieces
            .iter()
            .any(|p| p.kind == PieceKind::Keyword && p.text == "（又称"));
        assert!(pieces
            .iter()
            .any(|p| p.kind == PieceKind::Comment && p.text == "// 单位"));
    }
}
