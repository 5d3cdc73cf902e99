//! Plain text → blocks. A line is a paragraph. Text copied out of a Word table comes one cell a
//! line, each cell line starting with a tab, rows apart by a blank line; a heading that wrapped
//! inside its cell continues on an untabbed line. Markdown heading marks (`## `) are markup,
//! not the notice's words, and are dropped.

use super::Block;

/// The blocks of a plain-text notice.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{c}'], "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_cell_line(lines[i]) {
            let (rows, next) = read_table(&lines, i);
            push_table(&mut out, rows);
            i = next;
        } else {
            out.push(Block::Line(strip_heading_marks(lines[i]).to_string()));
            i += 1;
        }
    }
    out
}

fn is_cell_line(line: &str) -> bool {
    line.starts_with('\t') && !line.trim().is_empty()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The next non-blank line after `i`, if any.
fn next_content(lines: &[&str], mut i: usize) -> Option<usize> {
    i += 1;
    while i < lines.len() && is_blank(lines[i]) {
        i += 1;
    }
    (i < lines.len()).then_some(i)
}

/// Reads the table starting at `start`; returns its rows and the index after it.
fn read_table(lines: &[&str], start: usize) -> (Vec<Vec<String>>, usize) {
    let mut rows: Vec<Vec<String>> = vec![Vec::new()];
    let mut i = start;
    let mut after_blank = false;
    while i < lines.len() {
        let line = lines[i];
        if is_blank(line) {
            after_blank = true;
            i += 1;
            continue;
        }
        if is_cell_line(line) {
            if after_blank && !rows.last().is_some_and(Vec::is_empty) {
                rows.push(Vec::new());
            }
            rows.last_mut()
                .expect("a row is open")
                .push(line.trim().to_string());
        } else {
            // An untabbed line belongs to the table only while a cell line follows it: it is
            // the rest of a cell that wrapped.
            let continues = next_content(lines, i).is_some_and(|n| is_cell_line(lines[n]));
            let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) else {
                break;
            };
            if !continues {
                break;
            }
            cell.push_str(line.trim());
        }
        after_blank = false;
        i += 1;
    }
    rows.retain(|r| !r.is_empty());
    (rows, i)
}

/// A table as blocks: a lone first cell above wider rows is the table's title, a line.
fn push_table(out: &mut Vec<Block>, mut rows: Vec<Vec<String>>) {
    let widest = rows.iter().map(Vec::len).max().unwrap_or(0);
    if widest <= 1 {
        out.extend(rows.into_iter().flatten().map(Block::Line));
        return;
    }
    if rows.first().is_some_and(|r| r.len() == 1) {
        let title = rows.remove(0).remove(0);
        out.push(Block::Line(title));
    }
    out.push(Block::Table(rows));
}

fn strip_heading_marks(line: &str) -> &str {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\u{3000}']) {
        t[hashes..].trim_start()
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_cells_make_rows_and_wrapped_headings_join() {
        let text = "表前\n\t开工任务表\n\n\t旗县市\n\t2019年\n\n计划户数\n\n\t合计\n\t12\n\n\t甲\n\t12\n\n表后\n";
        let b = blocks(text);
        assert_eq!(b[0], Block::Line("表前".into()));
        assert_eq!(b[1], Block::Line("开工任务表".into()));
        assert_eq!(
            b[2],
            Block::Table(vec![
                vec!["旗县市".into(), "2019年计划户数".into()],
                vec!["合计".into(), "12".into()],
                vec!["甲".into(), "12".into()],
            ])
        );
        assert_eq!(b.last(), Some(&Block::Line("表后".into())));
    }

    #[test]
    fn markdown_heading_marks_are_dropped() {
        assert_eq!(
            blocks("## 一、总体要求"),
            vec![Block::Line("一、总体要求".into())]
        );
    }
}
