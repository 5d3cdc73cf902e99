//! Nesting limits: how deep the parser, and every stage after it, may recurse.
//!
//! Two measures, because neither alone is both safe and exact:
//!
//! - **Before parsing**, [`bound`] scans the text once and gives an upper bound of the
//!   parser's nesting at every point. It must never be below the truth, whatever the text
//!   hides: a `}` inside a comment, a quote or free text (`依据：}`, `节 甲 // }`) closes
//!   nothing for the parser, so the scan lets a closer cancel only an opener of the same
//!   comment or quote, and outside them only a `}` that begins its line (where the parser
//!   reads it as the end of a block). Openers always count. Parentheses are counted per
//!   line, since an expression ends with its line. The bound may exceed the truth (a block
//!   opened and closed on one line, `单位 { 部门：区住建局 }`, is counted open).
//! - **After parsing**, [`too_deep`] walks the syntax tree and finds the first section,
//!   attachment, breakdown, group or parenthesised expression nested past [`MAX_NESTING`]:
//!   the exact measure, which the later stages rely on.
//!
//! A bound within [`MAX_NESTING`] needs no more; a bound past [`HARD_LIMIT`] is refused
//! outright; in between, the file is parsed on a thread whose stack holds `HARD_LIMIT`
//! levels and then measured exactly. Parentheses and quotes are refused on the scan's
//! measure alone: the tree does not keep them (`((甲))` is just 甲, prose is text), and the
//! scan counts them exactly on any line a drafter writes.

use super::ast;
use crate::diagnostics::Span;

/// Deepest nesting of blocks, of parentheses in an expression, and of quotes accepted.
pub const MAX_NESTING: usize = 64;

/// Nesting the scan may count before a file is refused without parsing it: far above any
/// notice (so that a file of many one-line blocks is measured, not refused), low enough that
/// parsing it fits in [`PARSE_STACK`].
pub const HARD_LIMIT: usize = 4096;

/// Stack of the thread that parses a file whose bound lies between [`MAX_NESTING`] and
/// [`HARD_LIMIT`]. Nested sections take 16–32 KiB of stack per level to parse in a debug
/// build (measured: 2,000 levels overflow 32 MiB, 4,000 fit in 128 MiB), so this leaves
/// four times the room `HARD_LIMIT` levels need. Reserved, not used: only the pages a parse
/// touches take memory.
pub const PARSE_STACK: usize = 512 * 1024 * 1024;

/// What nests too deeply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Construct {
    Blocks,
    Parentheses,
}

/// The scan's result: the deepest level counted, and where each limit was first passed.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    pub deepest: usize,
    /// Where the count first passed [`MAX_NESTING`], and what was counted.
    pub past_limit: Option<(Span, Construct)>,
    /// Where the count first passed [`HARD_LIMIT`].
    pub past_hard_limit: Option<(Span, Construct)>,
    /// Quotes nest only in the scan's measure (the tree keeps prose as text): where they
    /// first passed [`MAX_NESTING`].
    pub quotes_past_limit: Option<Span>,
    /// Where parentheses first passed [`MAX_NESTING`] on one line. The tree keeps no trace
    /// of parentheses around a single figure, so this measure is the one applied; it is
    /// exact for an expression (a name's own parentheses never nest).
    pub parens_past_limit: Option<Span>,
}

/// A comment or quoted text being scanned: openers inside it count, and its closers cancel
/// only its own openers.
struct Region {
    kind: RegionKind,
    braces: usize,
    parens: usize,
}

#[derive(PartialEq)]
enum RegionKind {
    Comment,
    /// 「…」, nesting.
    Quote,
    /// "…".
    DoubleQuote,
}

/// Records a level counted at `at`.
fn note(depth: usize, at: usize, c: char, what: Construct, out: &mut Bound) {
    out.deepest = out.deepest.max(depth);
    let span = Span {
        start: at,
        end: at + c.len_utf8(),
    };
    if depth > MAX_NESTING && out.past_limit.is_none() {
        out.past_limit = Some((span, what));
    }
    if depth > HARD_LIMIT && out.past_hard_limit.is_none() {
        out.past_hard_limit = Some((span, what));
    }
}

/// Scans `src` for an upper bound of the parser's nesting (see the module comment).
pub fn bound(src: &str) -> Bound {
    let mut out = Bound {
        deepest: 0,
        past_limit: None,
        past_hard_limit: None,
        quotes_past_limit: None,
        parens_past_limit: None,
    };
    let mut braces = 0usize;
    let mut parens = 0usize;
    let mut regions: Vec<Region> = Vec::new();
    // Only blanks so far on this line, or blanks and closing braces that ended blocks.
    let mut line_start = true;
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let in_comment = regions
            .last()
            .is_some_and(|r| r.kind == RegionKind::Comment);
        let in_quote = regions.last().is_some_and(|r| r.kind == RegionKind::Quote);
        let in_dq = regions
            .last()
            .is_some_and(|r| r.kind == RegionKind::DoubleQuote);
        match c {
            '\n' => {
                if in_comment {
                    regions.pop();
                }
                if regions.is_empty() {
                    parens = 0;
                }
                line_start = true;
                continue;
            }
            '/' if !in_quote
                && !in_dq
                && !in_comment
                && chars.peek().is_some_and(|(_, n)| *n == '/') =>
            {
                regions.push(Region {
                    kind: RegionKind::Comment,
                    braces: 0,
                    parens: 0,
                });
            }
            // Quotes are followed inside comments too: what looks like a comment may be part
            // of a title (任务 1//「…」), and the quote a real one.
            '「' if !in_dq => {
                if in_comment {
                    regions.pop();
                }
                regions.push(Region {
                    kind: RegionKind::Quote,
                    braces: 0,
                    parens: 0,
                });
                let quotes = regions
                    .iter()
                    .filter(|r| r.kind == RegionKind::Quote)
                    .count();
                if quotes > MAX_NESTING && out.quotes_past_limit.is_none() {
                    out.quotes_past_limit = Some(Span {
                        start: i,
                        end: i + c.len_utf8(),
                    });
                }
                out.deepest = out.deepest.max(quotes);
            }
            '」' if in_quote => {
                regions.pop();
            }
            '"' if in_dq => {
                regions.pop();
            }
            '"' if !in_quote => {
                if in_comment {
                    regions.pop();
                }
                regions.push(Region {
                    kind: RegionKind::DoubleQuote,
                    braces: 0,
                    parens: 0,
                });
            }
            '{' | '｛' => {
                braces += 1;
                if let Some(r) = regions.last_mut() {
                    r.braces += 1;
                }
                note(braces, i, c, Construct::Blocks, &mut out);
            }
            '}' | '｝' => match regions.last_mut() {
                Some(r) => {
                    if r.braces > 0 {
                        r.braces -= 1;
                        braces -= 1;
                    }
                }
                None => {
                    // A `}` that begins its line ends a block, unless a colon follows: then
                    // it is a member's role (}：张三).
                    let rest = &src[i + c.len_utf8()..];
                    let role = rest
                        .trim_start_matches([' ', '\t', '\u{3000}', '\u{00A0}'])
                        .starts_with(['：', ':']);
                    if line_start && !role {
                        braces = braces.saturating_sub(1);
                        continue; // still at the line's start: `} }` ends two blocks
                    }
                }
            },
            '(' | '（' => {
                parens += 1;
                if let Some(r) = regions.last_mut() {
                    r.parens += 1;
                }
                out.deepest = out.deepest.max(parens);
                if parens > MAX_NESTING && out.parens_past_limit.is_none() {
                    out.parens_past_limit = Some(Span {
                        start: i,
                        end: i + c.len_utf8(),
                    });
                }
            }
            ')' | '）' => match regions.last_mut() {
                Some(r) => {
                    if r.parens > 0 {
                        r.parens -= 1;
                        parens -= 1;
                    }
                }
                None => parens = parens.saturating_sub(1),
            },
            ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '\r' => continue,
            _ => {}
        }
        line_start = false;
    }
    out
}

/// The first construct of the tree nested deeper than [`MAX_NESTING`]: where it begins, and
/// what it is.
pub fn too_deep(file: &ast::File) -> Option<(Span, Construct)> {
    let mut walk = Walk { found: None };
    for item in &file.items {
        match item {
            ast::TopItem::Plan(p) => walk.items(&p.items, 1),
            ast::TopItem::Group(g) => walk.group(g, 1),
            _ => {}
        }
    }
    walk.found
}

struct Walk {
    found: Option<(Span, Construct)>,
}

impl Walk {
    /// Records `span` if `depth` is past the limit; whether to go on.
    fn enter(&mut self, depth: usize, span: Span, what: Construct) -> bool {
        if self.found.is_some() {
            return false;
        }
        if depth > MAX_NESTING {
            self.found = Some((span, what));
            return false;
        }
        true
    }

    fn items(&mut self, items: &[ast::Item], depth: usize) {
        for item in items {
            self.item(item, depth);
        }
    }

    fn item(&mut self, item: &ast::Item, depth: usize) {
        match item {
            ast::Item::Section(s) => {
                let brace = Span {
                    start: s.title.span.end,
                    end: s.span.end,
                };
                if self.enter(depth + 1, brace, Construct::Blocks) {
                    self.items(&s.items, depth + 1);
                }
            }
            ast::Item::Attachment(a) if self.enter(depth + 1, a.span, Construct::Blocks) => {
                self.items(&a.items, depth + 1);
            }
            ast::Item::Background(b) if self.enter(depth + 1, b.span, Construct::Blocks) => {
                self.items(&b.items, depth + 1);
            }
            ast::Item::Breakdown(b) if self.enter(depth + 1, b.span, Construct::Blocks) => {
                self.breakdown(&b.lines, depth + 1);
            }
            ast::Item::Group(g) => self.group(g, depth + 1),
            ast::Item::Task(t) => self.task(t, depth + 1),
            ast::Item::Phase(p) => {
                for t in &p.tasks {
                    self.task(t, depth + 2);
                }
            }
            ast::Item::Calc(c) => {
                self.expr(&c.left, 0);
                self.expr(&c.right, 0);
            }
            ast::Item::Table(t) => {
                for line in &t.lines {
                    if let ast::TableLine::Relation(r) = line {
                        self.expr(&r.left, 0);
                        self.expr(&r.right, 0);
                    }
                }
            }
            _ => {}
        }
    }

    fn task(&mut self, t: &ast::Task, depth: usize) {
        if !self.enter(depth, t.span, Construct::Blocks) {
            return;
        }
        for f in &t.fields {
            if let ast::TaskField::Item(item) = f {
                self.item(item, depth);
            }
        }
    }

    fn breakdown(&mut self, lines: &[ast::BreakdownLine], depth: usize) {
        for line in lines {
            if let ast::BreakdownLine::Part(p) = line {
                if !p.lines.is_empty() && self.enter(depth + 1, p.span, Construct::Blocks) {
                    self.breakdown(&p.lines, depth + 1);
                }
            }
        }
    }

    fn group(&mut self, g: &ast::Group, depth: usize) {
        if !self.enter(depth, g.span, Construct::Blocks) {
            return;
        }
        for s in &g.subgroups {
            self.group(s, depth + 1);
        }
    }

    /// Parentheses nest an expression in another; sums and products are flat chains.
    fn expr(&mut self, e: &ast::Expr, depth: usize) {
        if let ast::Expr::Chain { first, rest, span } = e {
            if !self.enter(depth + 1, *span, Construct::Parentheses) {
                return;
            }
            self.expr(first, depth + 1);
            for (_, operand) in rest {
                self.expr(operand, depth + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deepest(src: &str) -> usize {
        bound(src).deepest
    }

    #[test]
    fn braces_in_comments_quotes_and_free_text_close_nothing() {
        let n = 100;
        for hidden in [
            "// }",
            "「}」",
            "\"}\"",
            "依据：}",
            "// 「\n}\n」",
            "依据：「x」y「z」 }",
        ] {
            let src = format!("节 甲 {{ {hidden}\n").repeat(n);
            assert!(deepest(&src) >= n, "{hidden:?}: {}", deepest(&src));
        }
    }

    #[test]
    fn blocks_closed_on_their_own_lines_are_counted_exactly() {
        let src = "方案 甲 {\n".to_string() + &"节 乙 {\n".repeat(10) + &"}\n".repeat(11);
        assert_eq!(deepest(&src), 11);
        // A brace in prose counts while it is open; `} }` at a line's start ends two blocks.
        let src = "方案 甲 {\n  节 乙 {\n    「{引用}」\n  } }\n方案 丙 {\n  节 丁 {\n  }\n}\n";
        assert_eq!(deepest(src), 3);
        assert_eq!(deepest(&src.replace("「{引用}」", "「引用」")), 2);
    }

    #[test]
    fn parentheses_count_per_line_and_quoted_ones_close_nothing() {
        assert_eq!(deepest("核算：((1))=1\n核算：((1))=1\n"), 2);
        let src = "核算：".to_string() + &"(资金.「)」×".repeat(80) + "1 = 1\n";
        assert!(deepest(&src) >= 80);
    }
}
