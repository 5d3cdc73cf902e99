//! The cells of a table line (列, 行, 小计, 合计). The grammar reads a line's cells as one
//! token — a token and a string per cell made a table of 10,000 × 200 cells cost hundreds of
//! megabytes to parse — and they are split here at their bars, `｜` or `|`, which no cell
//! contains (see `cell` in grammar/policy.pest).

use std::ops::Range;

/// The byte ranges of the cells in `cells`, the text of a line's cells: each cell as written,
/// blanks included, between one bar and the next. There is always at least one.
pub fn raw_cells(cells: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match cells[from..].find(['｜', '|']) {
            Some(at) => {
                let end = from + at;
                let bar = cells[end..].chars().next().map_or(1, char::len_utf8);
                start = Some(end + bar);
                Some(from..end)
            }
            None => {
                start = None;
                Some(from..cells.len())
            }
        }
    })
}

/// A cell's value: its raw text trimmed of blanks, and where that lies (`range` is where the
/// raw text lies). An all-blank cell is empty, at the end of its blanks.
pub fn trimmed(cells: &str, range: Range<usize>) -> (&str, Range<usize>) {
    let raw = &cells[range.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let value = raw.trim();
    let start = range.start + lead;
    (value, start..start + value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<(&str, Range<usize>)> {
        raw_cells(s).map(|r| trimmed(s, r)).collect()
    }

    #[test]
    fn splits_at_either_bar_and_trims_each_cell() {
        assert_eq!(
            split("甲 ｜ 5|  |6 "),
            vec![("甲", 0..3), ("5", 8..9), ("", 12..12), ("6", 13..14)]
        );
        assert_eq!(split(""), vec![("", 0..0)]);
        assert_eq!(split("|"), vec![("", 0..0), ("", 1..1)]);
    }
}
