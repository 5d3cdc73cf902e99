//! Appendix tables: the notice's own tables (targets by town, year or technology; investment
//! and funding tables; blank reporting forms) regenerated from the data, as appendix.md, one
//! appendix-N.csv per table and one sheet per table of appendix.xlsx.
//!
//! **Every cell as the notice states it.** A stated figure is never replaced. A 合计 row is
//! compared with the sum of every data row, a 小计 row with the data rows since the previous
//! 小计 (or the top of the table), under the rounding convention of DOMAIN.md (each figure
//! written with decimals stands for ± half a unit of its last digit, counts are exact, and a
//! total is consistent when its interval overlaps the sum of the rows' intervals). Where they
//! disagree, the stated cell is marked ※1, ※2 … and a line under the table says what the rows
//! add up to: 「※1 合计行「2020年底需开工户数」：原文为 15776，各行相加为 15779。」 Where the
//! checks find that a row breaks one of the table's relations (关系, A103), the cell the
//! relation states (its left side) is marked the same way: 「※2 突泉县行「2020年底需开工户数」：
//! 原文为 3096，按「2019年未开工户数」 + 「2020年计划任务户数」为 3093。」 In the spreadsheet a
//! marked cell stays a number and is shaded. A blank cell stays blank. See docs/outputs.md.
//!
//! A column is summed when every non-blank cell of its data rows is a figure and its heading
//! is not a serial number (序号, 编号). The first column holds row labels and is never summed.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Context;
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use super::xlsx::{self, Grid};
use super::{Output, RenderInput};
use crate::diagnostics::Span;
use crate::model::{
    relation_column, Block, Comparison, Expr, Op, Plan, Policy, Row, RowKind, Table,
};
use crate::quantity::Quantity;

/// Every table of a policy, as templates see them.
#[derive(Debug, Serialize)]
pub struct AppendixView {
    /// The policy's title (its first plan's).
    pub title: String,
    pub tables: Vec<TableView>,
}

/// One table.
#[derive(Debug, Serialize)]
pub struct TableView {
    /// 1, 2, 3 … through the file; the CSV is appendix-N.csv.
    pub number: usize,
    pub name: String,
    /// The title as printed, or the table's name.
    pub caption: String,
    /// 附件1　标题, when the table stands in an attachment.
    pub attachment: Option<String>,
    pub plan: String,
    /// 单位：… printed above the table.
    pub unit: Option<String>,
    /// Number of columns.
    pub width: usize,
    /// Heading rows (as many as the deepest 组/列 heading has levels).
    pub depth: usize,
    /// Heading cells row by row, each with its spans (for HTML and spreadsheets).
    pub header: Vec<Vec<HeaderCell>>,
    /// The headings as a grid, `depth` rows × `width` columns: each cell's text at its
    /// top-left position, blank where a span covers (for Markdown and CSV).
    pub header_grid: Vec<Vec<String>>,
    /// Templates see `rows` as a sequence whose rows become template values one at a time,
    /// as the template reaches them ([`template_value`]): converted at once, the rows of a
    /// 10,000 × 200 table were most of a build's memory.
    #[serde(skip)]
    pub rows: Vec<RowView>,
    /// A blank reporting form: headings and empty rows only.
    pub blank_form: bool,
    /// Notes printed under the table (注：…), as written.
    pub notes: Vec<String>,
    /// Where a stated figure disagrees with the figures it is made of.
    pub differences: Vec<Difference>,
    /// The CSV file of this table.
    pub csv: String,
}

/// A heading cell.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderCell {
    pub text: String,
    /// Heading row (0-based) and first column.
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
}

/// A row.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// data, subtotal, total or blank.
    pub kind: String,
    pub cells: Vec<CellView>,
}

/// A cell, as the notice states it.
#[derive(Debug, Serialize)]
pub struct CellView {
    pub text: String,
    /// A figure (right-aligned).
    pub numeric: bool,
    /// ※1 … when the rows or the row's relation give a different figure here.
    pub mark: Option<String>,
    #[serde(skip)]
    value: Option<Decimal>,
}

/// A stated figure that disagrees with the figures it is made of.
#[derive(Debug, Serialize)]
pub struct Difference {
    /// ※1
    pub mark: String,
    /// The row's label as written (合计, 小计, 突泉县 …).
    pub row: String,
    pub column: String,
    pub stated: String,
    /// What the rows add up to, or what the relation gives (empty when it cannot be said).
    pub expected: String,
    /// The whole note: ※1 合计行「…」：原文为 …，各行相加为 …。
    pub text: String,
}

/// Renders appendix.md, appendix-N.csv and appendix.xlsx; nothing when the policy has no table.
pub fn write(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    let view = appendix_view(input.policy, &input.findings.relation_breaks);
    if view.tables.is_empty() {
        return Ok(Vec::new());
    }
    let t = input.templates;
    let view = Arc::new(view);
    let mut out = vec![(
        "appendix.md".to_string(),
        t.render("appendix.md.j2", &template_value(&view))
            .context("appendix.md.j2")?
            .into_bytes(),
    )];
    for i in 0..view.tables.len() {
        let csv = t
            .render("appendix.csv.j2", &table_value(&view, i))
            .context("appendix.csv.j2")?;
        out.push((view.tables[i].csv.clone(), xlsx::with_bom(csv)));
    }
    out.push(("appendix.xlsx".to_string(), appendix_xlsx(&view)?));
    Ok(out)
}

/// The view as templates see it: every field, each table's rows read lazily ([`LazyRows`]).
fn template_value(view: &Arc<AppendixView>) -> Value {
    let tables: Vec<Value> = (0..view.tables.len())
        .map(|i| table_value(view, i))
        .collect();
    minijinja::context! { title => view.title.clone(), tables }
}

/// Table `i` of the view as templates see it.
fn table_value(view: &Arc<AppendixView>, i: usize) -> Value {
    let rows = Value::from_object(LazyRows {
        view: Arc::clone(view),
        table: i,
    });
    minijinja::context! { rows, ..Value::from_serialize(&view.tables[i]) }
}

/// A table's rows for templates: a sequence whose row becomes a template value when asked
/// for, so that a loop over the rows holds one row's value at a time.
#[derive(Debug)]
struct LazyRows {
    view: Arc<AppendixView>,
    table: usize,
}

impl LazyRows {
    fn rows(&self) -> &[RowView] {
        &self.view.tables[self.table].rows
    }
}

impl Object for LazyRows {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.rows().get(key.as_usize()?).map(Value::from_serialize)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.rows().len())
    }
}

/// Builds the view from the model. `relation_breaks` are the cells the checks found breaking
/// a table relation (the primary places of A103 findings).
pub fn appendix_view(policy: &Policy, relation_breaks: &[Span]) -> AppendixView {
    let mut tables = Vec::new();
    for plan in &policy.plans {
        let mut where_ = BTreeMap::new();
        locate_tables(plan, &plan.content, None, &mut where_);
        for (i, t) in plan.tables.iter().enumerate() {
            let number = tables.len() + 1;
            tables.push(table_view(
                t,
                number,
                where_.get(&i).cloned(),
                &plan.title,
                relation_breaks,
            ));
        }
    }
    AppendixView {
        title: super::policy_title(policy),
        tables,
    }
}

/// Which attachment each table (by index) stands in.
fn locate_tables(
    plan: &Plan,
    blocks: &[Block],
    inside: Option<&str>,
    out: &mut BTreeMap<usize, String>,
) {
    for b in blocks {
        match b {
            Block::Section { content, .. } | Block::Background { content, .. } => {
                locate_tables(plan, content, inside, out)
            }
            Block::Table { index } => {
                if let Some(a) = inside {
                    out.insert(*index, a.to_string());
                }
            }
            Block::Attachment { index } => {
                if let Some(a) = plan.attachments.get(*index) {
                    let label = match &a.number {
                        Some(n) => format!("附件{n}　{}", a.title),
                        None => format!("附件　{}", a.title),
                    };
                    locate_tables(plan, &a.content, Some(&label), out);
                }
            }
            _ => {}
        }
    }
}

/// Heading cells of a table from its columns' heading paths (组/列).
pub fn header_cells(paths: &[Vec<String>]) -> (usize, Vec<Vec<HeaderCell>>) {
    let depth = paths.iter().map(|p| p.len()).max().unwrap_or(0).max(1);
    let mut rows: Vec<Vec<HeaderCell>> = (0..depth).map(|_| Vec::new()).collect();
    for (level, row) in rows.iter_mut().enumerate() {
        let mut i = 0;
        while i < paths.len() {
            let p = &paths[i];
            let len = p.len().max(1);
            if level >= len {
                // Covered by a heading above that spans down.
                i += 1;
                continue;
            }
            let text = p.get(level).cloned().unwrap_or_default();
            if level == len - 1 {
                row.push(HeaderCell {
                    text,
                    row: level,
                    col: i,
                    rowspan: depth - level,
                    colspan: 1,
                });
                i += 1;
                continue;
            }
            // A group heading: the run of columns that share this path so far.
            let prefix = &p[..=level];
            let mut j = i + 1;
            while j < paths.len() && paths[j].len() > level + 1 && paths[j][..=level] == *prefix {
                j += 1;
            }
            row.push(HeaderCell {
                text,
                row: level,
                col: i,
                rowspan: 1,
                colspan: j - i,
            });
            i = j;
        }
    }
    (depth, rows)
}

/// A column whose data rows hold only figures (blanks allowed), and at least one.
fn summable(t: &Table, col: usize) -> bool {
    if col == 0 {
        return false;
    }
    let heading = t.columns.get(col).map(|c| c.written.as_str()).unwrap_or("");
    if heading.contains("序号") || heading.contains("编号") {
        return false;
    }
    let mut any = false;
    for r in t.rows.iter().filter(|r| r.kind == RowKind::Data) {
        match r.cell(col) {
            Some(c) if c.text.is_empty() => {}
            Some(c) if t.value(col, c.text).is_some() => any = true,
            Some(_) => return false,
            None => {}
        }
    }
    any
}

/// A column's sum over some rows: the figures as written, and the interval (base units) that
/// the rows' figures together stand for.
#[derive(Debug, Clone, Default)]
struct Sum {
    number: Decimal,
    low: Decimal,
    high: Decimal,
    /// The rows add up to more than exact decimals hold: no sum is shown or compared (the
    /// checks report it as A110), and the stated cell stays as printed.
    overflowed: bool,
}

impl Sum {
    fn add(&mut self, q: &Quantity) {
        let added = (
            self.number.checked_add(q.number),
            self.low.checked_add(q.low),
            self.high.checked_add(q.high),
        );
        match added {
            (Some(number), Some(low), Some(high)) if !self.overflowed => {
                (self.number, self.low, self.high) = (number, low, high);
            }
            _ => self.overflowed = true,
        }
    }

    /// A stated total is consistent with the sum when their intervals overlap (DOMAIN.md:
    /// figures with decimals are rounded, counts are exact).
    fn consistent_with(&self, stated: &Quantity) -> bool {
        stated.low <= self.high && self.low <= stated.high
    }
}

fn table_view(
    t: &Table,
    number: usize,
    attachment: Option<String>,
    plan: &str,
    relation_breaks: &[Span],
) -> TableView {
    let width = t.columns.len().max(t.widest_row());
    let mut paths: Vec<Vec<String>> = t.columns.iter().map(|c| c.path.clone()).collect();
    paths.resize(width, vec![String::new()]);
    let (depth, header) = header_cells(&paths);
    let mut header_grid = vec![vec![String::new(); width]; depth];
    for row in &header {
        for h in row {
            header_grid[h.row][h.col] = h.text.clone();
        }
    }
    let sum_cols: Vec<bool> = (0..width).map(|c| summable(t, c)).collect();
    // What a 合计 or 小计 row adds up, read as the checks read it (Table::rows_summed_by).
    let sums_of = |at: usize| {
        let mut sums = vec![Sum::default(); width];
        for i in t.rows_summed_by(at) {
            let r = &t.rows[i];
            for (c, sum) in sums.iter_mut().enumerate() {
                if let (true, Some(q)) = (sum_cols[c], r.cell(c).and_then(|x| t.value(c, x.text))) {
                    sum.add(&q);
                }
            }
        }
        sums
    };
    let mut rows = Vec::new();
    let mut differences: Vec<Difference> = Vec::new();
    let mark = |differences: &mut Vec<Difference>,
                row: &str,
                c: usize,
                stated: &str,
                expected: String,
                how: &str| {
        let mark = format!("※{}", differences.len() + 1);
        let column = t.column_name(c);
        let text = if expected.is_empty() {
            format!("{mark} {row}行「{column}」：原文为 {stated}，{how}。")
        } else {
            format!("{mark} {row}行「{column}」：原文为 {stated}，{how}为 {expected}。")
        };
        differences.push(Difference {
            mark: mark.clone(),
            row: row.to_string(),
            column,
            stated: stated.to_string(),
            expected,
            text,
        });
        mark
    };
    for (at, r) in t.rows.iter().enumerate() {
        // The row's label: its first cell that is text, not a figure (小计 may stand in the
        // second column, after a blank 序号).
        let label = r
            .cells()
            .enumerate()
            .find(|(i, c)| !c.text.is_empty() && t.value(*i, c.text).is_none())
            .map(|(_, c)| c.text.to_string())
            .unwrap_or_else(|| match r.kind {
                RowKind::Total => "合计".into(),
                RowKind::Subtotal => "小计".into(),
                RowKind::Data => String::new(),
            });
        let sums = (r.kind != RowKind::Data).then(|| sums_of(at));
        let mut cells = Vec::with_capacity(width);
        for c in 0..width {
            let cell = r.cell(c);
            let text = cell.map(|x| x.text.to_string()).unwrap_or_default();
            let quantity = cell.and_then(|x| t.value(c, x.text));
            let quantity = quantity.as_ref();
            let value = quantity.map(|q| q.number);
            let mut view = CellView {
                numeric: value.is_some(),
                mark: None,
                value,
                text,
            };
            if let (Some(sums), true, Some(q)) = (&sums, sum_cols[c], quantity) {
                let sum = &sums[c];
                if !sum.overflowed && !sum.consistent_with(q) {
                    view.mark = Some(mark(
                        &mut differences,
                        &label,
                        c,
                        &view.text,
                        sum.number.to_string(),
                        "各行相加",
                    ));
                }
            }
            let breaks_relation = cell.is_some_and(|x| relation_breaks.contains(&x.span));
            if let (true, None) = (breaks_relation, &view.mark) {
                if let Some(rel) = t.relations.iter().find(
                    |rel| matches!(&rel.left, Expr::Figure { id, .. } if relation_column(id) == Some(c)),
                ) {
                    let expected = row_value(t, &rel.right, r)
                        .map(|v| v.normalize().to_string())
                        .unwrap_or_default();
                    let how = format!(
                        "{}{}",
                        match rel.cmp {
                            Comparison::Equal => "按",
                            Comparison::AtMost => "应不大于按",
                            Comparison::AtLeast => "应不小于按",
                        },
                        expr_text(t, &rel.right)
                    );
                    view.mark = Some(mark(
                        &mut differences,
                        &row_label(r),
                        c,
                        &view.text,
                        expected,
                        &how,
                    ));
                }
            }
            cells.push(view);
        }
        rows.push(RowView {
            kind: match r.kind {
                RowKind::Data => "data",
                RowKind::Subtotal => "subtotal",
                RowKind::Total => "total",
            }
            .to_string(),
            cells,
        });
    }
    for _ in 0..t.blank_rows {
        rows.push(RowView {
            kind: "blank".to_string(),
            cells: (0..width)
                .map(|_| CellView {
                    text: String::new(),
                    numeric: false,
                    mark: None,
                    value: None,
                })
                .collect(),
        });
    }
    let blank_form = t.rows.is_empty() && t.blank_rows > 0;
    TableView {
        number,
        name: t.name.clone(),
        caption: t.title.clone().unwrap_or_else(|| t.name.clone()),
        attachment,
        plan: plan.to_string(),
        unit: t.unit.clone(),
        width,
        depth,
        header,
        header_grid,
        rows,
        blank_form,
        notes: t.notes.clone(),
        differences,
        csv: format!("appendix-{number}.csv"),
    }
}

/// A data row's label: its first cell as written (the notices put the row's name there).
fn row_label(row: &Row) -> String {
    row.cell(0).map(|c| c.text.to_string()).unwrap_or_default()
}

/// One side of a relation in words: 「2019年未开工户数」 + 「2020年计划任务户数」.
fn expr_text(t: &Table, e: &Expr) -> String {
    match e {
        Expr::Figure { id, .. } => match relation_column(id) {
            Some(c) => format!("「{}」", t.column_name(c)),
            None => id.clone(),
        },
        Expr::Literal { quantity, .. } => quantity.written.clone(),
        Expr::Chain { first, rest, .. } => {
            let mut text = expr_text(t, first);
            for step in rest {
                let op = step.op.symbol();
                text.push_str(&format!(" {op} {}", expr_text(t, &step.operand)));
            }
            text
        }
    }
}

/// One side of a relation computed from a row's figures as written (a blank cell is 0), for
/// the note under the table; `None` when a cell is text or the arithmetic overflows.
fn row_value(t: &Table, e: &Expr, row: &Row) -> Option<Decimal> {
    match e {
        Expr::Figure { id, .. } => {
            let col = relation_column(id)?;
            match row.cell(col) {
                Some(c) if c.text.is_empty() => Some(Decimal::ZERO),
                Some(c) => t.value(col, c.text).map(|q| q.number),
                None => Some(Decimal::ZERO),
            }
        }
        Expr::Literal { quantity, .. } => Some(quantity.number),
        Expr::Chain { first, rest, .. } => {
            let mut value = row_value(t, first, row)?;
            for step in rest {
                let b = row_value(t, &step.operand, row)?;
                value = match step.op {
                    Op::Add => value.checked_add(b),
                    Op::Sub => value.checked_sub(b),
                    Op::Mul => value.checked_mul(b),
                    Op::Div => value.checked_div(b),
                }?;
            }
            Some(value)
        }
    }
}

/// appendix.xlsx: one sheet per table, named 表N 名称: title row, 单位 line, merged heading
/// cells, rows (figures as numbers, totals bold, differing totals shaded), then the notes.
pub fn appendix_xlsx(view: &AppendixView) -> anyhow::Result<Vec<u8>> {
    let mut book = xlsx::Book::new();
    for t in &view.tables {
        let mut grid = Grid::new(t.width);
        grid.title(&t.caption);
        if let Some(u) = &t.unit {
            grid.note(&format!("单位：{u}"));
        }
        let cells: Vec<(usize, usize, usize, usize, String)> = t
            .header
            .iter()
            .flatten()
            .map(|h| (h.row, h.col, h.rowspan, h.colspan, h.text.clone()))
            .collect();
        grid.header_cells(t.depth, &cells);
        for r in &t.rows {
            let bold = r.kind == "total" || r.kind == "subtotal";
            let row = r
                .cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let mut x = match (cell.numeric, cell.value) {
                        (true, Some(v)) => xlsx::Cell::number(
                            cell.text.clone(),
                            v.to_f64().unwrap_or_default(),
                            v.scale(),
                        ),
                        _ if c == 0 => xlsx::Cell::centered(cell.text.clone()),
                        _ => xlsx::Cell::text(cell.text.clone()),
                    };
                    x.bold = bold;
                    x.highlight = cell.mark.is_some();
                    x
                })
                .collect();
            grid.row(row);
        }
        for d in &t.differences {
            grid.note(&d.text);
        }
        for n in &t.notes {
            grid.note(&format!("注：{n}"));
        }
        book.add_sheet(
            &format!("表{} {}", t.number, t.name),
            grid,
            &vec![30; t.width],
        )?;
    }
    book.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<String> {
        s.split('/').map(str::to_string).collect()
    }

    #[test]
    fn grouped_headings_span() {
        let (depth, rows) = header_cells(&[
            p("序号"),
            p("建设单位/单位名称"),
            p("建设单位/项目负责人"),
            p("备注"),
        ]);
        assert_eq!(depth, 2);
        let top: Vec<_> = rows[0]
            .iter()
            .map(|h| (h.text.as_str(), h.rowspan, h.colspan))
            .collect();
        assert_eq!(
            top,
            vec![("序号", 2, 1), ("建设单位", 1, 2), ("备注", 2, 1)]
        );
        let second: Vec<_> = rows[1].iter().map(|h| (h.text.as_str(), h.col)).collect();
        assert_eq!(second, vec![("单位名称", 1), ("项目负责人", 2)]);
    }

    fn sum(cells: &[&str], unit: Option<&str>) -> Sum {
        let mut s = Sum::default();
        for c in cells {
            s.add(&Quantity::from_cell(c, unit).unwrap());
        }
        s
    }

    #[test]
    fn totals_are_consistent_within_the_rounding_of_their_figures() {
        let q = |s: &str, u| Quantity::from_cell(s, u).unwrap();
        // Figures with decimals are rounded: 0.01 apart is within three rows' rounding.
        let money = sum(&["25727.03", "1523.28", "4055.25"], Some("万元"));
        assert!(money.consistent_with(&q("31305.55", Some("万元"))));
        assert!(!money.consistent_with(&q("31305.65", Some("万元"))));
        let finer = sum(&["1598.69", "17091.65", "5487.33"], Some("万元"));
        assert!(finer.consistent_with(&q("24177.664", Some("万元"))));
        // Counts are exact: 3 households off is a difference.
        let counts = sum(&["6669", "1266", "3223", "1525", "3096"], Some("户"));
        assert_eq!(counts.number.to_string(), "15779");
        assert!(!counts.consistent_with(&q("15776", Some("户"))));
    }
}
