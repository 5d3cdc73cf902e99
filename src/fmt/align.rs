//! Aligned `｜` columns: the rows of a table, the members of a group.

use unicode_width::UnicodeWidthStr;

use super::lines::Line;
use crate::syntax::layout::PieceKind;

/// Pads the text before each `｜` so that the bars of consecutive lines stand one under
/// another. A run is the lines of one block (same depth) with bars, unbroken by a blank line
/// or another statement; a line whose prose runs over several lines takes no part.
pub(super) fn align_bars(lines: &mut [Line]) {
    let mut start = 0;
    while start < lines.len() {
        let mut end = start;
        while end < lines.len() && in_run(&lines[start], &lines[end], end == start) {
            end += 1;
        }
        if end == start {
            start += 1;
            continue;
        }
        align_run(&mut lines[start..end]);
        start = end;
    }
}

fn has_bar(line: &Line) -> bool {
    line.parts.iter().any(|p| p.kind == PieceKind::Bar)
}

fn in_run(first: &Line, line: &Line, is_first: bool) -> bool {
    has_bar(line)
        && !line.spans_lines()
        && line.depth == first.depth
        && (is_first || !line.blank_before)
}

/// The display widths of the segments of a line between its bars (the last segment, after
/// the last bar, is not measured: nothing is aligned after it).
fn segment_widths(line: &Line) -> Vec<usize> {
    let mut widths = Vec::new();
    let mut width = 0;
    for part in &line.parts {
        if part.kind == PieceKind::Bar {
            widths.push(width);
            width = 0;
        } else {
            width += part.pad + part.text.width();
        }
    }
    widths
}

fn align_run(run: &mut [Line]) {
    let widths: Vec<Vec<usize>> = run.iter().map(segment_widths).collect();
    let columns = widths.iter().map(Vec::len).max().unwrap_or(0);
    let column_width: Vec<usize> = (0..columns)
        .map(|i| {
            widths
                .iter()
                .filter_map(|w| w.get(i))
                .max()
                .copied()
                .unwrap_or(0)
        })
        .collect();
    for (line, widths) in run.iter_mut().zip(&widths) {
        let mut column = 0;
        for part in line.parts.iter_mut() {
            if part.kind == PieceKind::Bar {
                part.pad = column_width[column] - widths[column];
                column += 1;
            }
        }
    }
}
