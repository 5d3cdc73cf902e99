//! Plain text → blocks. A line is a paragraph. Text copied out of a Word table comes one cell a
//! line, each cell line starting with a tab, rows apart by a blank line; a heading that wrapped
//! inside its cell continues on an untabbed line. Markdown heading marks (`## `) and the
//! strong-emphasis marks around a whole line (`**附件 1：**`, as a converter writes a bold
//! paragraph) are markup, not the notice's words, and are dropped.

use super::{layout, Block};

/// The blocks of a plain-text notice.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{c}'], "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_tsv_row(lines[i]) {
            let start = i;
            i += 1;
            // Later rows may start with empty cells (a second heading row: \t\t市级).
            while i < lines.len() && lines[i].matches('\t').count() >= 2 {
                i += 1;
            }
            if i - start >= 2 {
                let rows = lines[start..i]
                    .iter()
                    .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
                    .collect();
                out.push(Block::Table(rows));
                continue;
            }
            i = start;
        }
        if is_cell_line(lines[i]) {
            let (rows, next) = read_table(&lines, i);
            push_table(&mut out, rows);
            i = next;
            continue;
        }
        // Tables without tabs. Lines that start neither kind (none holds a tab) are lines.
        let found = layout::aligned_table(&lines, i)
            .or_else(|a| layout::cell_per_line_table(&lines, i).map_err(|b| a.min(b)));
        match found {
            Ok((rows, next)) => {
                push_table(&mut out, rows);
                i = next;
            }
            Err(next) => {
                let next = next.clamp(i + 1, lines.len());
                for l in &lines[i..next] {
                    out.push(Block::Line(strip_markup(l).to_string()));
                }
                i = next;
            }
        }
    }
    out
}

/// Lines that another front end read (a Word document's paragraphs) read again as plain text,
/// so that cells copied as tab-led lines into a paragraph make the same table as in a .txt.
pub fn relines(input: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for b in input {
        match b {
            Block::Line(l) => run.push(l),
            table => {
                out.extend(blocks(&run.join("\n")));
                run.clear();
                out.push(table);
            }
        }
    }
    out.extend(blocks(&run.join("\n")));
    out
}

/// A row of a table whose cells a tab separates on one line (a spreadsheet pasted as text):
/// at least two tabs, one of them after some text.
fn is_tsv_row(line: &str) -> bool {
    line.matches('\t').count() >= 2 && line.trim_start().contains('\t') && !line.trim().is_empty()
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

fn strip_markup(line: &str) -> &str {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let line = if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\u{3000}']) {
        t[hashes..].trim_start()
    } else {
        line
    };
    let t = line.trim();
    ["**", "__"]
        .iter()
        .find_map(|m| t.strip_prefix(m)?.strip_suffix(m))
        .filter(|inner| !inner.is_empty() && !inner.contains("**") && !inner.contains("__"))
        .map_or(line, str::trim)
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
    fn tab_separated_rows_make_a_table() {
        let b = blocks("序号\t项目\t投资\n\t\t市级\n1\t供热\t12.5\n");
        assert_eq!(
            b,
            vec![Block::Table(vec![
                vec!["序号".into(), "项目".into(), "投资".into()],
                vec!["".into(), "".into(), "市级".into()],
                vec!["1".into(), "供热".into(), "12.5".into()],
            ])]
        );
    }

    #[test]
    fn markdown_heading_marks_are_dropped() {
        assert_eq!(
            blocks("## 一、总体要求"),
            vec![Block::Line("一、总体要求".into())]
        );
    }

    #[test]
    fn strong_emphasis_around_a_whole_line_is_dropped() {
        assert_eq!(
            blocks("**附件 1：**\n甲**乙**丙\n****\n"),
            vec![
                Block::Line("附件 1：".into()),
                Block::Line("甲**乙**丙".into()),
                Block::Line("****".into()),
            ]
        );
    }
}
