//! Tables that plain text lays out without tabs:
//! - columns aligned with spaces (`pdftotext -layout`, a table typed in a text editor): cells
//!   apart by two or more blanks, placed in the heading's columns by where they stand, so that
//!   a row with an empty cell (`合计          2000`) keeps its figures under their headings;
//! - one cell a line, rows apart by a blank line (a table copied out of a web page or a PDF).
//!
//! Both need a run of rows with figures in them: notice text has no such runs, and lines that
//! hold sentence punctuation are never cells.

use unicode_width::UnicodeWidthChar;

/// A cell of a space-aligned line: its display columns and text.
struct Cell {
    start: usize,
    end: usize,
    text: String,
}

fn sentence_like(s: &str) -> bool {
    s.contains(['。', '；', '，', '：', ';', ':'])
}

fn numeric(cell: &str) -> bool {
    let t = cell.trim().trim_end_matches('%');
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || ".,-．".contains(c))
}

/// The cells of a line apart by runs of blanks at least two columns wide, if it has at least
/// `min` of them and reads as a table row.
fn aligned_cells(line: &str, min: usize) -> Option<Vec<Cell>> {
    if sentence_like(line) || line.contains('\t') {
        return None;
    }
    let mut cells: Vec<Cell> = Vec::new();
    let mut col = 0;
    let mut gap = 0;
    let mut current: Option<Cell> = None;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if c.is_whitespace() {
            gap += w.max(1);
            if let Some(cell) = current.as_mut() {
                if gap >= 2 {
                    cells.push(current.take().expect("a cell is open"));
                } else {
                    cell.text.push(c);
                }
            }
        } else {
            match current.as_mut() {
                Some(cell) => {
                    cell.text.push(c);
                    cell.end = col + w;
                }
                None => {
                    current = Some(Cell {
                        start: col,
                        end: col + w,
                        text: c.to_string(),
                    })
                }
            }
            gap = 0;
        }
        col += w.max(if c.is_whitespace() { 1 } else { 0 });
    }
    cells.extend(current);
    for c in &mut cells {
        c.text = c.text.trim().to_string();
    }
    (cells.len() >= min).then_some(cells)
}

/// The column of the heading that a cell overlaps most (the nearest when it overlaps none).
fn column_of(cell: &Cell, heads: &[Cell]) -> usize {
    let bounds = |k: usize| {
        let start = if k == 0 { 0 } else { heads[k].start };
        let end = heads.get(k + 1).map_or(usize::MAX, |h| h.start);
        (start, end)
    };
    let overlap = |k: usize| {
        let (s, e) = bounds(k);
        cell.end.min(e).saturating_sub(cell.start.max(s))
    };
    (0..heads.len())
        .max_by_key(|&k| (overlap(k), usize::MAX - k))
        .unwrap_or(0)
}

/// What a look for a table at a line found: a table and the index after it, or none, with
/// the index before which no table can start either (the run of row-like lines looked at,
/// so that a long run is looked at once, not from each of its lines).
pub type Found = Result<(Vec<Vec<String>>, usize), usize>;

/// A table of space-aligned columns starting at line `start`: its rows and the index after
/// it. At least three rows, the first (the heading) with three cells or more, and figures in
/// two rows or more.
pub fn aligned_table(lines: &[&str], start: usize) -> Found {
    let Some(heads) = aligned_cells(lines[start], 3) else {
        return Err(start + 1);
    };
    let mut rows = vec![heads.iter().map(|c| c.text.clone()).collect::<Vec<_>>()];
    let mut with_figures = 0;
    let mut i = start + 1;
    while i < lines.len() {
        let Some(cells) = aligned_cells(lines[i], 2) else {
            break;
        };
        let mut row = vec![String::new(); heads.len()];
        if cells.len() > heads.len() {
            // The heading is not the widest row: cells in order, not by position.
            row = cells.iter().map(|c| c.text.clone()).collect();
        } else {
            for c in &cells {
                let k = column_of(c, &heads);
                if !row[k].is_empty() {
                    row[k].push(' ');
                }
                row[k].push_str(&c.text);
            }
        }
        if cells.iter().any(|c| numeric(&c.text)) {
            with_figures += 1;
        }
        rows.push(row);
        i += 1;
    }
    if rows.len() >= 3 && with_figures >= 2 {
        Ok((rows, i))
    } else {
        Err(i.max(start + 1))
    }
}

/// A table written one cell a line, rows apart by blank lines, starting at line `start`: rows
/// of the same number of cells (two or more), at least three rows, figures in two or more.
pub fn cell_per_line_table(lines: &[&str], start: usize) -> Found {
    let cell = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !l.contains('\t') && t.chars().count() <= 24 && !sentence_like(t)
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut i = start;
    let mut end = start;
    loop {
        let mut row = Vec::new();
        while i < lines.len() && cell(lines[i]) {
            row.push(lines[i].trim().to_string());
            i += 1;
        }
        let width = rows.first().map_or(row.len(), Vec::len);
        if row.len() < 2 || row.len() != width {
            break;
        }
        rows.push(row);
        end = i;
        // The blank lines between rows; the table ends at anything else.
        if i >= lines.len() || !lines[i].trim().is_empty() {
            break;
        }
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
    }
    let with_figures = rows.iter().filter(|r| r.iter().any(|c| numeric(c))).count();
    if rows.len() >= 3 && with_figures >= 2 {
        Ok((rows, end))
    } else if rows.len() >= 2 {
        Err(end)
    } else {
        Err(start + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_aligned_columns_keep_their_headings() {
        let lines = [
            "序号  乡镇      户数    面积",
            "1     高闸镇    1200    12.5",
            "2     金积镇    800     8.0",
            "合计            2000    20.5",
            "正文继续。",
        ];
        let (rows, next) = aligned_table(&lines, 0).expect("a table");
        assert_eq!(next, 4);
        assert_eq!(rows[0], ["序号", "乡镇", "户数", "面积"]);
        assert_eq!(rows[3], ["合计", "", "2000", "20.5"]);
        // A member line with blanks for alignment is not a table.
        assert!(aligned_table(&["组  长：李  鹏    旗人民政府副旗长"], 0).is_err());
    }

    #[test]
    fn one_cell_a_line_rows_apart_by_blank_lines() {
        let lines = [
            "乡镇",
            "户数",
            "",
            "高闸镇",
            "1200",
            "",
            "金积镇",
            "800",
            "",
            "下文。",
        ];
        let (rows, next) = cell_per_line_table(&lines, 0).expect("a table");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2], ["金积镇", "800"]);
        assert_eq!(next, 8);
    }
}
