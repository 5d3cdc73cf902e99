//! Table cells that a prose figure restates: `2020年底前需开工15776户` in a section and the
//! same 15776户 in a table's 合计 row. The draft then writes the prose figure as a restatement
//! of the cell (`复述 开工任务表.合计.2020年底需开工户数：15776户`), so that `policyc check`
//! compares the two where a hand encoder would have had to copy one of them.
//!
//! Read only where it leaves one reading: the figure has a unit and enough digits not to be a
//! coincidence, and exactly one cell of the notice's tables holds the same quantity — its number
//! in the unit its column's heading gives, as the checks read it. A cell is named by its table,
//! its row (合计 or 小计 for the table's only total or subtotal row, else the row's first cell)
//! and its column's heading, each written so that the path reads back.

use rust_decimal::Decimal;

use crate::quantity::units::{parse_unit, Dims};

use super::figures::{is_digit, Fig, MAGNITUDES};
use super::names::{clean, Names};
use super::structure::{Doc, Item};

/// The name the draft gives a table: the end of its title (or 表), unique in the file.
pub(super) fn table_name(names: &mut Names, title: Option<&str>) -> String {
    names.unique(
        &title
            .map(|t| clean(t, 12))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "表".into()),
    )
}

/// The label of a row: its first cell with text among the first two, blanks removed.
pub(super) fn row_label(r: &[String]) -> String {
    r.iter()
        .take(2)
        .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .find(|c| !c.is_empty())
        .unwrap_or_default()
}

/// What each body row is written as: 合计, 小计 or 行. A table with group totals (一、集中供热
/// 合计) besides its own total keeps them all as rows: its rows do not all add up to one total.
pub(super) fn row_keywords(body: &[Vec<String>]) -> Vec<&'static str> {
    let group_totals = body
        .iter()
        .filter(|r| {
            let l = row_label(r);
            (l.contains("合计") || l.contains("小计") || l.contains("总计"))
                && !matches!(l.as_str(), "合计" | "总计" | "小计")
        })
        .count();
    body.iter()
        .map(|r| match row_label(r).as_str() {
            "合计" | "总计" if group_totals == 0 => "合计",
            "小计" if group_totals == 0 => "小计",
            _ => "行",
        })
        .collect()
}

/// The unit of a table that writes none, when every heading over its numbers says what they
/// count (2019年计划改造户数, 2020年底需开工户数: 户).
pub(super) fn implied_unit(rows: &[Vec<String>]) -> Option<&'static str> {
    let (header, body) = rows.split_first()?;
    let numeric: Vec<usize> = (1..header.len())
        .filter(|&c| {
            body.iter()
                .any(|r| r.get(c).is_some_and(|t| number(t).is_some()))
        })
        .collect();
    let all = |end: &str| {
        numeric.iter().all(|&c| {
            header[c].trim().ends_with(end) && crate::quantity::heading_unit(&header[c]).is_none()
        })
    };
    (!numeric.is_empty() && all("户数")).then_some("户")
}

/// A cell holding a figure.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    /// 表名.行.列
    pub(super) path: String,
    /// As the draft prints it: the cell's number and its column's unit (15776户).
    pub(super) printed: String,
    /// Where it stands, for the draft's comment: 表“开工任务表”合计行“2020年底需开工户数”.
    pub(super) place: String,
    value: Decimal,
    dims: Dims,
}

/// The cells of every table of the notice, read before its paragraphs (a table usually stands
/// after the text that restates it, in an attachment).
#[derive(Default)]
pub struct Cells(Vec<Cell>);

impl Cells {
    /// The cells of `doc`'s tables, the tables named as the draft will name them.
    pub fn of(doc: &Doc) -> Cells {
        let mut names = Names::default();
        let mut cells = Vec::new();
        for plan in &doc.plans {
            walk(&plan.items, &mut names, &mut cells);
        }
        Cells(cells)
    }

    /// The one cell holding the same quantity as a figure with a unit and enough digits not to
    /// be a coincidence (an approximate figure or a percentage restates no cell).
    pub(super) fn restated_by(&self, f: &Fig) -> Option<&Cell> {
        let digits = f.written.chars().filter(|c| is_digit(*c)).count();
        let magnitude = f.written.contains(MAGNITUDES);
        let approx = f.written.starts_with('约') || f.written.ends_with("左右");
        if f.written.ends_with('%') || approx || (digits < 3 && !magnitude) {
            return None;
        }
        let (value, _) = super::relations::value_of(f)?;
        self.holding(value, &f.unit.as_ref()?.dims)
    }

    /// The one cell holding this quantity (value in base units, and dimensions), if exactly one.
    fn holding(&self, value: Decimal, dims: &Dims) -> Option<&Cell> {
        let mut found = self
            .0
            .iter()
            .filter(|c| c.value == value && &c.dims == dims);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

fn walk(items: &[Item], names: &mut Names, cells: &mut Vec<Cell>) {
    for item in items {
        match item {
            Item::Section { items, .. } | Item::Attachment { items, .. } => {
                walk(items, names, cells)
            }
            Item::Table { title, rows, .. } => {
                let name = table_name(names, title.as_deref());
                cells.extend(table_cells(&name, rows));
            }
            Item::Para(_) | Item::Group(_) => {}
        }
    }
}

/// A segment that reads back in a path as written: no blank, no punctuation of the language,
/// parentheses balanced.
fn plain_segment(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            c if c.is_whitespace()
                || "：:.、，,；;{｛}｝｜|「」。=＝+＋-－×÷*/≤≥<>".contains(c) =>
            {
                return false
            }
            _ => {}
        }
    }
    !s.is_empty() && depth == 0
}

/// A bare number as a cell holds it: 15776, 58,832.07.
fn number(text: &str) -> Option<Decimal> {
    let t = text.trim().replace(',', "");
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    t.parse().ok()
}

fn table_cells(name: &str, rows: &[Vec<String>]) -> Vec<Cell> {
    let Some((header, body)) = rows.split_first() else {
        return Vec::new();
    };
    let heading = |c: &String| c.trim().to_string();
    let table_unit = implied_unit(rows);
    let keywords = row_keywords(body);
    let row_name = |k: usize| -> Option<String> {
        let kw = keywords[k];
        if kw != "行" {
            return (keywords.iter().filter(|w| **w == kw).count() == 1).then(|| kw.to_string());
        }
        let first = body[k].first().map(|c| c.trim()).unwrap_or_default();
        let unique = body
            .iter()
            .filter(|r| r.first().map(|c| c.trim()) == Some(first))
            .count()
            == 1;
        (unique && plain_segment(first) && !matches!(first, "合计" | "小计" | "总计"))
            .then(|| first.to_string())
    };
    let mut out = Vec::new();
    for (col, h) in header.iter().enumerate().skip(1) {
        let h = heading(h);
        let unique = header.iter().filter(|x| heading(x) == h).count() == 1;
        let Some(unit) = crate::quantity::heading_unit(&h).or(table_unit.map(str::to_string))
        else {
            continue;
        };
        let Ok(expr) = parse_unit(&unit) else {
            continue;
        };
        if !unique || !plain_segment(&h) || unit.contains('%') {
            continue;
        }
        for (k, r) in body.iter().enumerate() {
            let (Some(row), Some(text)) = (row_name(k), r.get(col)) else {
                continue;
            };
            let Some(n) = number(text) else { continue };
            out.push(Cell {
                path: format!("{name}.{row}.{h}"),
                printed: format!("{}{unit}", text.trim()),
                place: format!("表“{name}”{row}行“{h}”"),
                value: n * expr.scale,
                dims: expr.dims.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split('|').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn cells_are_named_by_table_row_and_column_with_their_unit() {
        let t = rows(&[
            "地区|户数（户）|资金（万元）",
            "东区|100|12.5",
            "西区|200|30",
            "合计|300|42.5",
        ]);
        let cells = table_cells("开工表", &t);
        let total = cells
            .iter()
            .find(|c| c.path == "开工表.合计.户数（户）")
            .unwrap();
        assert_eq!(total.printed, "300户");
        assert_eq!(total.value, Decimal::from(300));
        let money = cells
            .iter()
            .find(|c| c.path == "开工表.东区.资金（万元）")
            .unwrap();
        assert_eq!(money.value, Decimal::from(125_000));
        // A heading without a unit the checks can read gives no cells, unless every heading
        // over numbers counts 户数 (the table is in 户).
        let t = rows(&["地区|规模", "东区|100"]);
        assert!(table_cells("表", &t).is_empty());
        let t = rows(&["地区|计划户数|开工户数", "东区|100|80"]);
        assert_eq!(implied_unit(&t), Some("户"));
        assert_eq!(table_cells("表", &t)[1].printed, "80户");
    }

    #[test]
    fn only_one_cell_of_a_quantity_is_a_reading() {
        let t = rows(&["地区|户数（户）|其中（户）", "东区|100|100", "西区|200|50"]);
        let cells = Cells(table_cells("表", &t));
        let dims = parse_unit("户").unwrap().dims;
        assert!(cells.holding(Decimal::from(100), &dims).is_none());
        assert_eq!(
            cells.holding(Decimal::from(200), &dims).unwrap().path,
            "表.西区.户数（户）"
        );
    }
}
