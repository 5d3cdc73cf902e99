//! Braces and quotes that do not pair up, found where the drafter made the mistake.
//!
//! pest stops where the text can no longer be read, which for a missing `}` is the next
//! block the parser did not expect (or the end of the file), and for an extra `}` is wherever
//! the file goes on after it. This scan reads the file the way a drafter lays it out, by its
//! indentation: a block's `}` stands on its own line, indented as the line that opened it.
//! It is consulted only for a file that failed to parse, and only believed when its finding
//! lies before the place where the parser stopped.

use crate::diagnostics::Span;

/// What does not pair up.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Mismatch {
    /// A block whose `}` is missing: its `{`, the line that opened it (as written, up to the
    /// brace), and the line before which the `}` was due.
    Unclosed {
        open: Span,
        header: String,
        due: Span,
    },
    /// A `}` that closes no block.
    Extra { close: Span },
    /// A 「 whose 」 never comes.
    UnclosedQuote { open: Span },
}

impl Mismatch {
    /// Where the mistake shows: the line that should have held the `}`, the extra brace, the
    /// quote that stays open. Compared with the parser's stopping place.
    pub(super) fn shows_at(&self) -> usize {
        match self {
            Mismatch::Unclosed { due, .. } => due.start,
            Mismatch::Extra { close } => close.start,
            Mismatch::UnclosedQuote { open } => open.start,
        }
    }
}

/// A block opened and not yet closed.
struct Open {
    brace: Span,
    header: String,
    indent: usize,
    /// The indentation of the block's first line of content, once seen: a block whose
    /// content is not indented deeper than its header gives no layout to go by.
    content_indent: Option<usize>,
}

/// Braces of one line, outside quotes and comments.
#[derive(Default)]
struct Line {
    /// `}` before anything else on the line.
    leading_closes: Vec<Span>,
    /// `{` left open at the end of the line (one opened and closed on the line is not
    /// counted), each with the line's text up to it.
    opens: Vec<(Span, String)>,
    /// Whether anything but blanks, leading `}` and a comment stands on the line.
    has_content: bool,
    /// Where the first character that is not blank stands.
    first: usize,
}

fn indentation(line: &str) -> usize {
    line.chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}'))
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Scans `src`, which the parser could not read past `stop`. One mismatch at most, the first
/// found: what follows it depends on how it is mended.
pub(super) fn scan(src: &str, stop: usize) -> Option<Mismatch> {
    let lines = match split_lines(src) {
        Ok(lines) => lines,
        Err(quote) => return Some(quote),
    };
    let opens: usize = lines.iter().map(|(_, _, l)| l.opens.len()).sum();
    let closes: usize = lines.iter().map(|(_, _, l)| l.leading_closes.len()).sum();
    if opens > closes {
        find_unclosed(&lines, stop)
    } else if closes > opens {
        find_extra(&lines)
    } else {
        None
    }
}

/// The file's lines: indentation (`usize::MAX` for a line that starts inside a quote), the
/// line's span without its line break, and its braces.
type Lines = Vec<(usize, Span, Line)>;

fn split_lines(src: &str) -> Result<Lines, Mismatch> {
    let mut out = Vec::new();
    // Open 「 quotes (they nest), where the outermost opened, and whether a "…" is open.
    let mut quotes = 0usize;
    let mut quote_start = Span::default();
    let mut double = false;
    let mut start = 0usize;
    for raw in src.split_inclusive('\n') {
        let line_span = Span::new(start, start + raw.trim_end_matches('\n').len());
        let in_quote_at_start = quotes > 0 || double;
        let mut line = Line::default();
        let mut leading = !in_quote_at_start;
        let mut same_line_opens: Vec<(Span, String)> = Vec::new();
        line.first = start + (raw.len() - raw.trim_start().len()).min(line_span.end - start);
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = Span::new(start + i, start + i + c.len_utf8());
            if double {
                if c == '"' {
                    double = false;
                }
                continue;
            }
            match c {
                '「' => {
                    if quotes == 0 {
                        quote_start = at;
                    }
                    quotes += 1;
                    leading = false;
                    line.has_content = true;
                }
                '」' if quotes > 0 => quotes -= 1,
                _ if quotes > 0 => {}
                '"' => {
                    double = true;
                    leading = false;
                    line.has_content = true;
                }
                '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => break,
                ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\n' | '\r' => {}
                '}' | '｝' if leading => line.leading_closes.push(at),
                '}' | '｝' => {
                    // Closes a block opened on this line; any other is free text (依据：}).
                    same_line_opens.pop();
                }
                '{' | '｛' => {
                    leading = false;
                    let header = raw[..i].trim().to_string();
                    same_line_opens.push((at, header));
                }
                _ => {
                    leading = false;
                    line.has_content = true;
                }
            }
        }
        line.opens = same_line_opens;
        let indent = if in_quote_at_start {
            usize::MAX
        } else {
            indentation(raw)
        };
        out.push((indent, line_span, line));
        start += raw.len();
    }
    if quotes > 0 {
        return Err(Mismatch::UnclosedQuote { open: quote_start });
    }
    Ok(out)
}

/// The first block left open, judged by layout: a line indented no deeper than the header of
/// the innermost open block, other than its `}`, shows that block was never closed. A file
/// laid out without indentation gives nothing to go by: then the block is the innermost one
/// open where the parser stopped.
fn find_unclosed(lines: &Lines, stop: usize) -> Option<Mismatch> {
    let mut stack: Vec<Open> = Vec::new();
    let mut open_at_stop: Option<Mismatch> = None;
    for (indent, span, line) in lines {
        let due = Span::new(line.first, line.first);
        if open_at_stop.is_none() && stop <= span.end {
            open_at_stop = stack.last().map(|top| unclosed(top, due));
        }
        if *indent != usize::MAX && (line.has_content || !line.leading_closes.is_empty()) {
            if let Some(top) = stack.last_mut() {
                if top.content_indent.is_none() {
                    top.content_indent = Some(*indent);
                }
            }
            if let Some(top) = stack.last() {
                let laid_out = top.content_indent.is_some_and(|c| c > top.indent);
                let is_its_close = !line.leading_closes.is_empty() && *indent == top.indent;
                let dedented = *indent < top.indent
                    || (*indent == top.indent && !is_its_close && line.has_content);
                if laid_out && dedented {
                    return Some(unclosed(top, due));
                }
            }
        }
        for _ in &line.leading_closes {
            stack.pop();
        }
        push_opens(&mut stack, *indent, line);
    }
    // Nothing in the layout gives it away.
    let end = lines.last().map_or(0, |(_, s, _)| s.end);
    open_at_stop.or_else(|| stack.last().map(|top| unclosed(top, Span::new(end, end))))
}

/// Pushes the blocks `line` opens; a line that starts inside a quote (`usize::MAX`) counts as
/// unindented.
fn push_opens(stack: &mut Vec<Open>, indent: usize, line: &Line) {
    for (brace, header) in &line.opens {
        stack.push(Open {
            brace: *brace,
            header: header.clone(),
            indent: if indent == usize::MAX { 0 } else { indent },
            content_indent: None,
        });
    }
}

fn unclosed(top: &Open, due: Span) -> Mismatch {
    Mismatch::Unclosed {
        open: top.brace,
        header: top.header.clone(),
        due,
    }
}

/// The first `}` that closes nothing: one with no block open, or one indented deeper than the
/// block it would close while that block's content is laid out deeper still.
fn find_extra(lines: &Lines) -> Option<Mismatch> {
    let mut stack: Vec<Open> = Vec::new();
    for (indent, _, line) in lines {
        if *indent != usize::MAX && line.has_content {
            if let Some(top) = stack.last_mut() {
                if top.content_indent.is_none() {
                    top.content_indent = Some(*indent);
                }
            }
        }
        for close in &line.leading_closes {
            let Some(top) = stack.last() else {
                return Some(Mismatch::Extra { close: *close });
            };
            let laid_out = top.content_indent.is_some_and(|c| c > top.indent);
            if laid_out && *indent != usize::MAX && *indent > top.indent {
                return Some(Mismatch::Extra { close: *close });
            }
            stack.pop();
        }
        push_opens(&mut stack, *indent, line);
    }
    None
}
