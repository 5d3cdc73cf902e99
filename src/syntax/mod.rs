//! Stage 1, syntax: policy text → syntax tree (`ast`), or syntax diagnostics.
//!
//! pest is used here and nowhere else. Its errors are turned into policyc diagnostics that
//! name what was expected in the drafter's words, with byte spans, so that carets land under
//! the right character however much Chinese text precedes them.

pub mod ast;
pub mod cells;
pub mod control;
mod expected;
pub mod layout;
mod nesting;
mod parse;
mod structure;
pub mod suggest;

use std::num::NonZeroUsize;
use std::sync::{Once, PoisonError, RwLock};

use crate::diagnostics::{Diagnostic, FileId, Severity, Span};

pub use nesting::MAX_NESTING;

/// Upper bound on grammar rule calls for one file: a runaway parse stops with a diagnostic
/// instead of hanging. Generous: the largest notice needs about 1% of it.
const CALL_LIMIT: usize = 50_000_000;

static PEST_SETUP: Once = Once::new();

fn setup_pest() {
    PEST_SETUP.call_once(|| {
        pest::set_error_detail(false);
        pest::set_call_limit(NonZeroUsize::new(CALL_LIMIT));
    });
}

/// pest's error detail (which rules were tried where) is what lets `expected.rs` word a syntax
/// error in the drafter's terms, but tracking it costs about 40% of every parse, and most
/// files parse. It is a process-wide switch that a parse reads when it starts, so a file is
/// parsed with it off; only a file that fails is parsed again, with it on, for its messages.
/// Parses hold this lock shared; the switch is flipped only under the exclusive lock, so a
/// parse on another thread never sees it change.
static ERROR_DETAIL: RwLock<()> = RwLock::new(());

/// Turns error detail on for as long as it lives (and off again even if parsing panics).
struct DetailOn;

impl DetailOn {
    fn new() -> DetailOn {
        pest::set_error_detail(true);
        DetailOn
    }
}

impl Drop for DetailOn {
    fn drop(&mut self) {
        pest::set_error_detail(false);
    }
}

/// Parses a whole policy file.
///
/// The parser, and every stage after it, recurses once per level of nesting, so nesting is
/// limited first (see `nesting.rs`): a file whose upper bound of nesting is within the limit
/// is parsed here; one whose bound is higher, but not absurd, is parsed on a thread with a
/// stack large enough for it and then measured exactly on its syntax tree.
pub fn parse(src: &str, file: FileId) -> Result<ast::File, Vec<Diagnostic>> {
    setup_pest();
    let bound = nesting::bound(src);
    if let Some(at) = bound.quotes_past_limit {
        return Err(vec![too_deep(src, file, at, nesting::Construct::Blocks)]);
    }
    if let Some(at) = bound.parens_past_limit {
        return Err(vec![too_deep(
            src,
            file,
            at,
            nesting::Construct::Parentheses,
        )]);
    }
    if let Some((at, what)) = bound.past_hard_limit {
        return Err(vec![too_deep(src, file, at, what)]);
    }
    let Some((first_past, what)) = bound.past_limit else {
        return parse_nested_within_limit(src, file);
    };
    let measured = || {
        let tree = parse_nested_within_limit(src, file)?;
        match nesting::too_deep(&tree) {
            Some((at, what)) => Err(vec![too_deep(src, file, at, what)]),
            None => Ok(tree),
        }
    };
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .name("policyc-deep-parse".into())
            .stack_size(nesting::PARSE_STACK)
            .spawn_scoped(scope, measured)
        {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: refuse the file rather than risk the stack.
            Err(_) => Err(vec![too_deep(src, file, first_past, what)]),
        }
    })
}

/// Parses a file already known to nest no deeper than the stack it runs on holds.
fn parse_nested_within_limit(src: &str, file: FileId) -> Result<ast::File, Vec<Diagnostic>> {
    let fast = {
        let _shared = ERROR_DETAIL.read().unwrap_or_else(PoisonError::into_inner);
        parse::parse_pairs(src)
    };
    if let Ok(mut pairs) = fast {
        return Ok(parse::file(
            pairs.next().expect("file rule yields one pair"),
        ));
    }
    let _exclusive = ERROR_DETAIL.write().unwrap_or_else(PoisonError::into_inner);
    let _detail = DetailOn::new();
    let first = match parse::parse_pairs(src) {
        Ok(mut pairs) => {
            // Unreachable in practice: the same text failed a moment ago.
            return Ok(parse::file(
                pairs.next().expect("file rule yields one pair"),
            ));
        }
        Err(e) => e,
    };
    Err(more_errors(src, *first, file, RECOVERY_BYTES))
}

/// Most syntax errors reported for one file.
pub const MAX_SYNTAX_ERRORS: usize = 10;

/// Bytes that the search for further syntax errors may parse again, in all: each further error
/// costs a whole parse, so in a very large file fewer are looked for (a 100 KB notice gets all
/// ten; an 8 MiB file two), which keeps a broken file about as fast to check as a good one.
const RECOVERY_BYTES: usize = 16 * 1024 * 1024;

/// After the first syntax error, finds further ones by mending the text and parsing again: a
/// recognised slip is replaced by what was meant, any other offending line blanked. Either
/// keeps the number of bytes, so byte offsets, and thus the carets of later errors, stay
/// where they are in the original text.
fn more_errors(
    src: &str,
    first: pest::error::Error<parse::Rule>,
    file: FileId,
    recovery_bytes: usize,
) -> Vec<Diagnostic> {
    // A brace or quote that does not pair up explains everything after it: say where it was
    // left open, once, if that lies before the parser's stopping place.
    let stop = error_position(&first);
    if let Some(mismatch) = structure::scan(src, stop) {
        if mismatch.shows_at() <= stop {
            return vec![expected::mismatch(src, &mismatch, file)];
        }
    }
    let mut errors = Vec::new();
    let mut text = src.as_bytes().to_vec();
    let mut error = first;
    let reparses = (recovery_bytes / src.len().max(1)).max(1);
    loop {
        let pos = error_position(&error).min(text.len());
        let Ok(current) = std::str::from_utf8(&text) else {
            break;
        };
        let found = expected::syntax_error(current, &error, file);
        errors.push(found.diagnostic);
        if errors.len() >= MAX_SYNTAX_ERRORS.min(reparses + 1) {
            break;
        }
        let line_start = text[..pos]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        match found.repair {
            expected::Repair::Stop => break,
            // A mended slip (分届 → 分解) lets the lines after it be read as written, so
            // that one mistake is one error.
            expected::Repair::Replace(at, with) => {
                if at + with.len() > text.len() {
                    break;
                }
                text[at..at + with.len()].copy_from_slice(with.as_bytes());
            }
            expected::Repair::BlankLine => {
                let line_end = text[pos..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(text.len(), |i| pos + i);
                let line = &mut text[line_start..line_end];
                if line.iter().all(|b| b.is_ascii_whitespace()) {
                    // Nothing left to blank (e.g. a block still open at the end of the file).
                    break;
                }
                let opens = count_any(line, &["{", "｛"]);
                if opens != count_any(line, &["}", "｝"]) {
                    // Blanking a block's header would leave its `}` closing the block around
                    // it, and every line after would be an error of this one.
                    break;
                }
                line.fill(b' ');
            }
        }
        let Ok(repaired) = std::str::from_utf8(&text) else {
            break;
        };
        match parse::parse_pairs(repaired) {
            Ok(_) => break,
            Err(e) => {
                if error_position(&e) < line_start {
                    // The error moved backwards: what follows depends on the mended line.
                    break;
                }
                error = *e;
            }
        }
    }
    errors
}

/// How many times any of `needles` occurs in `bytes`.
fn count_any(bytes: &[u8], needles: &[&str]) -> usize {
    needles
        .iter()
        .map(|n| {
            bytes
                .windows(n.len())
                .filter(|w| *w == n.as_bytes())
                .count()
        })
        .sum()
}

fn error_position(e: &pest::error::Error<parse::Rule>) -> usize {
    match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// E0003 for nesting past [`MAX_NESTING`], at the first block or parenthesis past it.
fn too_deep(src: &str, file: FileId, at: Span, what: nesting::Construct) -> Diagnostic {
    let text = src.get(at.start..at.end).unwrap_or("");
    let (message, span, label, help) = match what {
        nesting::Construct::Blocks => {
            // Point at the block's opening brace (or quote), not at all of it.
            let at = text
                .char_indices()
                .find(|(_, c)| matches!(c, '{' | '｛'))
                .or_else(|| text.char_indices().find(|(_, c)| *c == '「'))
                .map_or(at, |(i, c)| Span {
                    start: at.start + i,
                    end: at.start + i + c.len_utf8(),
                });
            (
                format!("嵌套层数超过 {MAX_NESTING} 层"),
                at,
                "从这里起嵌套过深",
                "节、分解、表等块的嵌套不应超过这个层数；请检查是否漏写了右括号“}”或“」”。在同一行内打开又关上的块也计入层数，请把右括号“}”另起一行",
            )
        }
        nesting::Construct::Parentheses => {
            // Point at the opening parenthesis (the scan's position is one; the tree's is
            // the nested expression, just after one).
            let before = src.get(..at.start).unwrap_or("").trim_end();
            let at = if matches!(text, "(" | "（") {
                at
            } else {
                before
                    .char_indices()
                    .next_back()
                    .filter(|(_, c)| matches!(c, '(' | '（'))
                    .map_or(
                        Span {
                            start: at.start,
                            end: at.start + text.chars().next().map_or(0, char::len_utf8),
                        },
                        |(i, c)| Span {
                            start: i,
                            end: i + c.len_utf8(),
                        },
                    )
            };
            (
                format!("括号嵌套超过 {MAX_NESTING} 层"),
                at,
                "从这里起括号嵌套过深",
                "核算的算式中括号不应嵌套这么多层；请检查括号是否配对，或把算式拆成几个核算",
            )
        }
    };
    Diagnostic::new("E0003", Severity::Error, message, file)
        .with_primary(span, label)
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_within(src: &str, recovery_bytes: usize) -> usize {
        setup_pest();
        let _exclusive = ERROR_DETAIL.write().unwrap_or_else(PoisonError::into_inner);
        let _detail = DetailOn::new();
        let first = parse::parse_pairs(src).expect_err("the text has errors");
        more_errors(src, *first, FileId(0), recovery_bytes).len()
    }

    #[test]
    fn fewer_further_errors_are_looked_for_in_a_large_file() {
        let src: String = "方案 甲 {\n".to_string() + &"  指标 甲 460户\n".repeat(12) + "}\n";
        assert_eq!(errors_within(&src, RECOVERY_BYTES), MAX_SYNTAX_ERRORS);
        // Room to parse the file twice more: the first error and two further ones.
        assert_eq!(errors_within(&src, 2 * src.len()), 3);
        // However large the file, the first further error is still looked for.
        assert_eq!(errors_within(&src, 1), 2);
    }
}
