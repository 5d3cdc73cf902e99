//! Table cells as figures: `开工任务表.合计.2020年底需开工户数` names the cell of a table's
//! row and column, so that 核算, 复述 and prose `{…}` can use what a table prints instead of
//! a hand-copied restatement that goes stale silently.
//!
//! A cell becomes a figure only when the file refers to it: a table of 10,000 rows keeps
//! costing what its text costs. Table relations may also use a declared figure (each row's
//! 资金 = 户数 × 补贴标准); after every figure is known, such a name is replaced in the
//! relation by the figure's quantity, so that the relation stays a sum over one row's cells.

use super::*;

/// What a path says about table cells.
pub(super) enum CellLookup {
    /// The path does not begin with a table's name: it is not a cell reference.
    NotACell,
    /// The cell's figure, its id the path as written.
    Found(Box<Figure>),
    /// The path begins with a table's name, but names no cell with a figure in it.
    Wrong { message: String, help: String },
}

impl Lower<'_> {
    /// The cell `path` names: `表名.行.列`, the row by the text of its first cell (or another
    /// label cell), `合计`/`小计` for the table's only total or subtotal row, or `第N行`; the
    /// column as a table relation names it (with or without its unit, or `第N列`).
    pub(super) fn table_cell(&self, path: &str) -> CellLookup {
        let Some((table, rest)) = self
            .policy
            .plans
            .iter()
            .flat_map(|p| &p.tables)
            .find_map(|t| {
                path.strip_prefix(t.name.as_str())
                    .and_then(|r| r.strip_prefix('.'))
                    .map(|rest| (t, rest))
            })
        else {
            return CellLookup::NotACell;
        };
        let splits: Vec<(&str, &str)> = rest
            .match_indices('.')
            .map(|(i, _)| (&rest[..i], &rest[i + 1..]))
            .collect();
        let Some(&(first_row, first_col)) = splits.first() else {
            return CellLookup::Wrong {
                message: format!("“{path}”没有写出表“{}”的行和列", table.name),
                help: format!(
                    "引用表格的一格写作 表名.行.列，如 {}.合计.第2列；行按这一行第一格的文字或 第N行，列按列名或 第N列",
                    table.name
                ),
            };
        };
        // A row label or a heading may itself hold a dot: take the first reading that names a
        // cell, and report on the first one when none does.
        for &(row_name, col_name) in &splits {
            if let (Ok(row), Some(col)) = (
                find_row(table, row_name),
                column_index(&table.columns, col_name),
            ) {
                return cell_figure(table, path, row, row_name, col);
            }
        }
        match find_row(table, first_row) {
            Err(message) => CellLookup::Wrong {
                message,
                help: "行按这一行第一格的文字（如 合计、乌兰浩特市）引用，也可写作 第3行（按原表自上而下数，小计、合计行也算）".into(),
            },
            Ok(_) => CellLookup::Wrong {
                message: format!("表“{}”中没有名为“{first_col}”的列", table.name),
                help: "列名照“列：”一行书写（可省去括号中的单位），或写作 第3列".into(),
            },
        }
    }

    /// Replaces, in every table relation, a name that is not a column but a declared figure
    /// (a 标准, 指标 or 假设) by that figure's quantity: each row's cells are then checked against
    /// the declared rate.
    pub(super) fn resolve_relation_figures(&mut self) {
        let Lower { policy, .. } = self;
        let figures = &policy.figures;
        let mut plans = std::mem::take(&mut policy.plans);
        for table in plans.iter_mut().flat_map(|p| p.tables.iter_mut()) {
            for rel in &mut table.relations {
                substitute_figures(&mut rel.left, figures);
                substitute_figures(&mut rel.right, figures);
            }
        }
        policy.plans = plans;
    }
}

/// The row a cell reference names, or why none.
fn find_row<'t>(table: &'t Table, name: &str) -> Result<&'t Row, String> {
    if let Some(n) = name.strip_prefix('第').and_then(|r| r.strip_suffix('行')) {
        return int(n)
            .and_then(|n| (n as usize).checked_sub(1))
            .and_then(|i| table.rows.get(i))
            .ok_or_else(|| format!("表“{}”只有 {} 行，没有{name}", table.name, table.rows.len()));
    }
    let unique = |rows: Vec<&'t Row>| -> Result<Option<&'t Row>, String> {
        match rows.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            more => Err(format!(
                "表“{}”中有 {} 行名为“{name}”，不知指哪一行；请写作 第N行",
                table.name,
                more.len()
            )),
        }
    };
    let by_first = table
        .rows
        .iter()
        .filter(|r| r.cell(0).is_some_and(|c| c.text == name))
        .collect();
    if let Some(row) = unique(by_first)? {
        return Ok(row);
    }
    // A table numbered in its first column (序号｜地区｜…) labels its rows further right.
    let by_label = table
        .rows
        .iter()
        .filter(|r| {
            r.cells()
                .enumerate()
                .any(|(i, c)| c.text == name && table.value(i, c.text).is_none())
        })
        .collect();
    if let Some(row) = unique(by_label)? {
        return Ok(row);
    }
    let kind = match name {
        "合计" | "总计" => Some(RowKind::Total),
        "小计" => Some(RowKind::Subtotal),
        _ => None,
    };
    if let Some(kind) = kind {
        if let Some(row) = unique(table.rows.iter().filter(|r| r.kind == kind).collect())? {
            return Ok(row);
        }
    }
    Err(format!("表“{}”中没有“{name}”这一行", table.name))
}

/// The figure of one cell, or why the cell holds none.
fn cell_figure(table: &Table, path: &str, row: &Row, row_name: &str, col: usize) -> CellLookup {
    let column = table.column_name(col);
    let wrong = |what: &str| CellLookup::Wrong {
        message: format!("表“{}”中“{row_name}”行“{column}”列的一格{what}", table.name),
        help: "只有写着数字的一格可以作为数字引用；请核对行名和列名".into(),
    };
    let Some(cell) = row.cell(col) else {
        return wrong("不存在（这一行没有这么多格）");
    };
    if cell.text.is_empty() {
        return wrong("是空的");
    }
    match table.value(col, cell.text) {
        Some(quantity) => CellLookup::Found(Box::new(Figure {
            id: path.to_string(),
            label: format!("{} {row_name} {column}", table.name),
            description: None,
            role: FigureRole::Cell,
            quantity,
            span: cell.span,
        })),
        None => wrong(&format!("写的是“{}”，不是数字", cell.text)),
    }
}

/// [`Lower::resolve_relation_figures`] on one side of a relation.
fn substitute_figures(e: &mut Expr, figures: &[Figure]) {
    match e {
        Expr::Figure { id, span } if relation_column(id).is_none() => {
            if let Some(f) = figures.iter().find(|f| f.id == *id) {
                *e = Expr::Literal {
                    quantity: f.quantity.clone(),
                    span: *span,
                };
            }
        }
        Expr::Chain { first, rest, .. } => {
            substitute_figures(first, figures);
            for step in rest {
                substitute_figures(&mut step.operand, figures);
            }
        }
        Expr::Figure { .. } | Expr::Literal { .. } => {}
    }
}
