//! Pieces of a file → lines at their depth, with canonical spacing and punctuation.

use crate::syntax::layout::{Piece, PieceKind};

/// One line of the formatted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    /// Blocks open around it: its indentation, two spaces a level.
    pub depth: usize,
    pub parts: Vec<Part>,
    /// A `//` comment ending the line (or making it, when there are no parts).
    pub comment: Option<String>,
    /// The source had a blank line before it.
    pub blank_before: bool,
}

/// A piece as it will be printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Part {
    pub kind: PieceKind,
    pub text: String,
    /// Blanks printed before it: one for a separating space, more where `｜` columns are
    /// aligned.
    pub pad: usize,
}

impl Line {
    fn new(depth: usize, blank_before: bool) -> Line {
        Line {
            depth,
            parts: Vec::new(),
            comment: None,
            blank_before,
        }
    }

    /// Whether a piece of content runs over several lines (quoted prose): the lines after its
    /// first are printed as written.
    pub fn spans_lines(&self) -> bool {
        self.parts.iter().any(|p| p.text.contains('\n'))
    }

    fn ends_with_open(&self) -> bool {
        self.parts.last().is_some_and(|p| p.kind == PieceKind::Open)
    }

    fn is_close(&self) -> bool {
        self.parts
            .first()
            .is_some_and(|p| p.kind == PieceKind::Close)
    }
}

/// The canonical spelling of a piece: full-width punctuation where the language accepts both
/// widths, ASCII braces (the notation of every example), content as written. A list's ASCII
/// comma is widened only when `widen_commas`: some lists keep their separators as written
/// (a 主送 line prints them as the notice did).
fn canonical(piece: &Piece, widen_commas: bool) -> String {
    match piece.kind {
        PieceKind::Colon => "：".into(),
        PieceKind::Open => "{".into(),
        PieceKind::Close => "}".into(),
        PieceKind::Bar => "｜".into(),
        PieceKind::ListSep if widen_commas && piece.text == "," => "，".into(),
        // Blanks after content are never part of its value (the parser trims them).
        PieceKind::Content => piece.text.trim_end().into(),
        PieceKind::Cell => piece.text.trim().into(),
        PieceKind::Comment => piece.text.trim_end().into(),
        _ => piece.text.into(),
    }
}

/// Whether a space goes between `prev` and a piece of kind `next`; `blank` says whether the
/// source had one. Punctuation takes none (but a colon after a number keeps the source's
/// blank), a keyword is followed by one, a brace is preceded
/// by one; between two contents the source's choice stands (removing a blank could join two
/// words, adding one could split a figure from its unit).
fn spaced(prev: &Part, next: PieceKind, blank: bool) -> bool {
    use PieceKind::*;
    match (prev.kind, next) {
        // 比例 7:3 ：2.4亿元 — without the blank, the ratio would read on through the colon.
        (Content, Colon) if prev.text.ends_with(|c: char| c.is_ascii_digit()) => blank,
        (_, Colon | ListSep | Bar) | (Colon | ListSep | Bar, _) => false,
        (_, Open) => true,
        (Keyword, Content | Cell) => true,
        _ => blank,
    }
}

/// Lays out the pieces of a file: one statement a line (a `；` or a brace starts a new one),
/// blocks indented, blank lines kept (one at most, none just inside a brace), comments kept
/// where they stand.
pub(super) fn lines(pieces: &[Piece], widen_commas: bool) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut current: Option<Line> = None;
    let mut depth = 0usize;
    // After a brace, the next piece of content starts a new line (a comment may still end
    // the brace's line).
    let mut break_before_content = false;
    // A line break or `；` came after the current line's last piece.
    let mut line_ended = true;
    // Line breaks since the last piece printed: two or more make a blank line.
    let mut newlines = 0usize;
    let mut blank = false;
    // Inside （又称 …）: its closing parenthesis is the next one.
    let mut in_aliases = false;

    fn finish(current: &mut Option<Line>, out: &mut Vec<Line>) {
        if let Some(line) = current.take() {
            out.push(line);
        }
    }

    for piece in pieces {
        match piece.kind {
            PieceKind::Blank => blank = true,
            PieceKind::Newline | PieceKind::Semicolon => {
                finish(&mut current, &mut out);
                if piece.kind == PieceKind::Newline {
                    newlines += 1;
                }
                line_ended = true;
                break_before_content = false;
                blank = false;
            }
            PieceKind::Comment => {
                match current.as_mut() {
                    Some(line) if !line_ended => {
                        line.comment = Some(canonical(piece, widen_commas))
                    }
                    _ => {
                        finish(&mut current, &mut out);
                        let mut line = Line::new(depth, newlines >= 2);
                        line.comment = Some(canonical(piece, widen_commas));
                        current = Some(line);
                        line_ended = false;
                    }
                }
                newlines = 0;
                blank = false;
            }
            PieceKind::Close => {
                finish(&mut current, &mut out);
                depth = depth.saturating_sub(1);
                let mut line = Line::new(depth, false);
                line.parts.push(Part {
                    kind: PieceKind::Close,
                    text: canonical(piece, widen_commas),
                    pad: 0,
                });
                current = Some(line);
                line_ended = false;
                break_before_content = true;
                newlines = 0;
                blank = false;
            }
            _ => {
                if break_before_content {
                    finish(&mut current, &mut out);
                    break_before_content = false;
                }
                if current.is_none() {
                    current = Some(Line::new(depth, newlines >= 2));
                }
                let line = current.as_mut().expect("a line was just started");
                let pad = match line.parts.last() {
                    Some(prev) => usize::from(spaced(prev, piece.kind, blank)),
                    None => 0,
                };
                let mut text = canonical(piece, widen_commas);
                // （又称 …） in full width, both of its parentheses (an expression's
                // parentheses are left as written: each pair must match).
                if piece.kind == PieceKind::Keyword && text == "(又称" {
                    text = "（又称".into();
                    in_aliases = true;
                } else if piece.kind == PieceKind::Keyword && text == "（又称" {
                    in_aliases = true;
                } else if in_aliases && piece.kind == PieceKind::Paren {
                    text = "）".into();
                    in_aliases = false;
                }
                line.parts.push(Part {
                    kind: piece.kind,
                    text,
                    pad,
                });
                if piece.kind == PieceKind::Open {
                    depth += 1;
                    break_before_content = true;
                }
                line_ended = false;
                newlines = 0;
                // Blanks that content ended with (2023年底 「…」) separate it from what follows.
                blank = matches!(piece.kind, PieceKind::Content | PieceKind::Cell)
                    && piece.text.ends_with(|c: char| c.is_whitespace());
            }
        }
    }
    finish(&mut current, &mut out);

    // No blank line at the top, just after an opening brace or just before a closing one.
    for i in 0..out.len() {
        let after_open = i > 0 && out[i - 1].ends_with_open();
        if i == 0 || after_open || out[i].is_close() {
            out[i].blank_before = false;
        }
    }
    out
}

/// The formatted text of the lines.
pub(super) fn print(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        if line.blank_before {
            out.push('\n');
        }
        for _ in 0..line.depth {
            out.push_str("  ");
        }
        for part in &line.parts {
            for _ in 0..part.pad {
                out.push(' ');
            }
            out.push_str(&part.text);
        }
        if let Some(comment) = &line.comment {
            if !line.parts.is_empty() {
                out.push(' ');
            }
            out.push_str(comment);
        }
        out.push('\n');
    }
    out
}
