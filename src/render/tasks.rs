//! The task-breakdown table (任务分解表): every task of every plan, one row each, grouped by
//! the section it stands in, as tasks.md, tasks.html, tasks.csv and tasks.xlsx.
//!
//! The view is built here from the model; templates see only [`TasksView`].

use anyhow::Context;
use serde::Serialize;

use super::text::fill_figures;
use super::xlsx::{self, Grid};
use super::{Output, RenderInput};
use crate::date::{Assumption, DateProblem, NoReading, Time};
use crate::model::{Plan, Policy, Task, UnitRef};

/// The headings of the table, in order. The 类别 column (the task's section) is left out
/// when no task stands in a section.
pub const SECTION_HEADING: &str = "任务类别";
pub const HEADINGS: [&str; 7] = [
    "序号",
    "任务",
    "目标/指标",
    "牵头单位",
    "责任单位",
    "配合单位",
    "完成时限",
];

/// The task-breakdown table as templates see it.
#[derive(Debug, Serialize)]
pub struct TasksView {
    /// 《方案》任务分解表; 任务分解表 when the file holds several plans.
    pub title: String,
    /// The column headings in order (with 任务类别 second when `has_sections`).
    pub headings: Vec<String>,
    /// Some task stands in a section: the table has a 任务类别 column.
    pub has_sections: bool,
    /// The file holds several plans: each plan is a part of the table, with its title.
    pub multiple_plans: bool,
    pub plans: Vec<TaskPlanView>,
    /// Number of tasks in all plans.
    pub count: usize,
}

/// The tasks of one plan.
#[derive(Debug, Serialize)]
pub struct TaskPlanView {
    pub title: String,
    /// Runs of consecutive tasks in the same section.
    pub sections: Vec<TaskSectionView>,
    pub count: usize,
    /// Lines under the table for the dates marked ※1, ※2 … (a day the month lacks, an end
    /// before the start), saying how the Gantt chart and the checks read them.
    pub date_notes: Vec<String>,
}

/// A run of consecutive tasks standing in the same section (merged cells in the 任务类别 column).
#[derive(Debug, Serialize)]
pub struct TaskSectionView {
    /// The section's heading as written; empty for tasks outside any section.
    pub title: String,
    pub rows: Vec<TaskRow>,
}

/// One task.
#[derive(Debug, Serialize)]
pub struct TaskRow {
    /// 序号: 1, 2, 3 … through the plan.
    pub number: usize,
    /// The task's own number as the notice writes it, if any.
    pub written_number: Option<String>,
    pub title: Option<String>,
    /// The task's text, figures written the notice's way.
    pub content: Option<String>,
    /// Title and text together, as one cell.
    pub task: String,
    /// What follows the title in `task` (for templates that set the title in bold).
    pub after_title: String,
    /// Figures stated in the task, e.g. "片区配套补贴：20万".
    pub targets: Vec<String>,
    /// `targets` joined with "；".
    pub targets_text: String,
    pub lead: String,
    /// 责任单位; a task that names only 实施单位 shows them here.
    pub responsible: String,
    pub cooperating: String,
    /// 完成时限 as written; failing that, the task's 实施年限.
    pub deadline: String,
    /// ※1 … when that date cannot be as written (see [`TaskPlanView::date_notes`]).
    pub deadline_mark: Option<String>,
    /// The section heading, repeated on every row (for CSV).
    pub section: String,
    pub plan: String,
}

/// Renders tasks.md, tasks.html and tasks.csv.
pub fn write(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    let view = tasks_view(input.policy);
    let t = input.templates;
    // One conversion to a template value for the three templates.
    let value = minijinja::Value::from_serialize(&view);
    let md = t.render("tasks.md.j2", &value).context("tasks.md.j2")?;
    let html = t.render("tasks.html.j2", &value).context("tasks.html.j2")?;
    let csv = t.render("tasks.csv.j2", &value).context("tasks.csv.j2")?;
    Ok(vec![
        ("tasks.md".into(), md.into_bytes()),
        ("tasks.html".into(), html.into_bytes()),
        ("tasks.csv".into(), xlsx::with_bom(csv)),
    ])
}

/// Renders tasks.xlsx. A writer of its own, so that a build with threads to spare makes the
/// workbook beside the text outputs.
pub fn write_xlsx(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    let view = tasks_view(input.policy);
    Ok(vec![("tasks.xlsx".into(), tasks_xlsx(&view)?)])
}

/// Builds the view from the model.
pub fn tasks_view(policy: &Policy) -> TasksView {
    let plans: Vec<TaskPlanView> = policy.plans.iter().map(|p| plan_view(policy, p)).collect();
    let has_sections = plans
        .iter()
        .flat_map(|p| &p.sections)
        .any(|s| !s.title.is_empty());
    let mut headings: Vec<String> = HEADINGS.iter().map(|h| h.to_string()).collect();
    if has_sections {
        headings.insert(1, SECTION_HEADING.to_string());
    }
    // Several plans: each part and each sheet carries its plan's title.
    let title = match policy.plans.as_slice() {
        [p] => format!("《{}》任务分解表", p.title),
        _ => "任务分解表".to_string(),
    };
    TasksView {
        title,
        headings,
        has_sections,
        multiple_plans: policy.plans.len() > 1,
        count: plans.iter().map(|p| p.count).sum(),
        plans,
    }
}

fn plan_view(policy: &Policy, plan: &Plan) -> TaskPlanView {
    let mut sections: Vec<TaskSectionView> = Vec::new();
    let mut date_notes = Vec::new();
    for (i, task) in plan.tasks.iter().enumerate() {
        let mut row = task_row(policy, plan, task, i + 1);
        if let Some(why) = task
            .deadline
            .as_ref()
            .or(task.period.as_ref())
            .and_then(impossible)
        {
            let mark = format!("※{}", date_notes.len() + 1);
            date_notes.push(format!(
                "{mark} 第{}项“{}”：{why}",
                row.number, row.deadline
            ));
            row.deadline_mark = Some(mark);
        }
        match sections.last_mut() {
            Some(s) if s.title == row.section => s.rows.push(row),
            _ => sections.push(TaskSectionView {
                title: row.section.clone(),
                rows: vec![row],
            }),
        }
    }
    TaskPlanView {
        title: plan.title.clone(),
        sections,
        count: plan.tasks.len(),
        date_notes,
    }
}

/// Why a date cannot be as written — a day the month lacks, an end before its start, a
/// month or day that does not exist — as the Gantt chart and the checks read it; `None` for
/// a possible date (also one read across the year end) and for times that are no date.
fn impossible(time: &Time) -> Option<String> {
    match time.reading() {
        Ok(r) => {
            let why: Vec<String> = r
                .assumptions
                .iter()
                .filter(|a| !matches!(a, Assumption::CrossesYear { .. }))
                .map(Assumption::describe)
                .collect();
            (!why.is_empty()).then(|| why.join("；"))
        }
        Err(NoReading::Problem {
            problem: problem @ DateProblem::NoSuchDate { .. },
        }) => Some(problem.describe()),
        Err(_) => None,
    }
}

fn units(list: &[UnitRef]) -> String {
    list.iter()
        .map(|u| u.written.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

fn task_row(policy: &Policy, plan: &Plan, task: &Task, number: usize) -> TaskRow {
    let title = task.title.clone().filter(|t| !t.trim().is_empty());
    let content = task
        .content
        .as_deref()
        .map(|c| fill_figures(policy, c.trim()))
        .filter(|c| !c.is_empty());
    let after_title = match (&title, &content) {
        (Some(t), Some(c)) if t.ends_with(['。', '：', '！', '？', '；', '.', ':']) => {
            c.clone()
        }
        (Some(_), Some(c)) => format!("。{c}"),
        (Some(_), None) => String::new(),
        (None, Some(c)) => c.clone(),
        (None, None) => task
            .paragraphs
            .first()
            .map(|p| fill_figures(policy, p))
            .unwrap_or_default(),
    };
    let task_text = format!("{}{after_title}", title.as_deref().unwrap_or(""));
    let targets: Vec<String> = task
        .targets
        .iter()
        .filter_map(|id| policy.figure(id))
        .map(|f| format!("{}：{}", f.label, f.quantity.written))
        .collect();
    let responsible = match (task.responsible.is_empty(), task.implementing.is_empty()) {
        (_, true) => units(&task.responsible),
        (true, false) => units(&task.implementing),
        (false, false) => format!(
            "{}；实施单位：{}",
            units(&task.responsible),
            units(&task.implementing)
        ),
    };
    let deadline = task
        .deadline
        .as_ref()
        .or(task.period.as_ref())
        .map(|t| t.written.clone())
        .unwrap_or_default();
    TaskRow {
        number,
        written_number: task.number.clone(),
        title,
        content,
        task: task_text,
        after_title,
        targets_text: targets.join("；"),
        targets,
        lead: units(&task.lead),
        responsible,
        cooperating: units(&task.cooperating),
        deadline,
        deadline_mark: None,
        section: task.section.clone().unwrap_or_default(),
        plan: plan.title.clone(),
    }
}

/// Widest a column grows before its text wraps, in character columns (a Chinese character is two).
const MAX_WIDTH_TASK: usize = 60;
const MAX_WIDTH_OTHER: usize = 24;

/// tasks.xlsx: one sheet per plan, a merged title row, the heading row (frozen, repeated on
/// printed pages), one row per task; the 任务类别 cells of a section's run are merged. A
/// column no task fills (配合单位 in most notices) is left out, so that the others print
/// larger; dates marked ※ get their line under the table.
pub fn tasks_xlsx(view: &TasksView) -> anyhow::Result<Vec<u8>> {
    let mut book = xlsx::Book::new();
    for plan in &view.plans {
        let rows: Vec<Vec<xlsx::Cell>> = plan
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .map(|r| {
                let mut cells = vec![xlsx::Cell::centered(r.number.to_string())];
                if view.has_sections {
                    cells.push(xlsx::Cell::text(String::new()));
                }
                cells.push(xlsx::Cell::text(r.task.clone()));
                cells.push(xlsx::Cell::text(r.targets.join("\n")));
                for s in [&r.lead, &r.responsible, &r.cooperating] {
                    cells.push(xlsx::Cell::text(s.clone()));
                }
                let deadline = match &r.deadline_mark {
                    Some(mark) => format!("{} {mark}", r.deadline),
                    None => r.deadline.clone(),
                };
                cells.push(xlsx::Cell::centered(deadline));
                cells
            })
            .collect();
        let section_col = view.has_sections.then_some(1);
        // Columns kept: 序号, 任务类别 and 任务 always, the others when some row fills them.
        let task_col = usize::from(view.has_sections) + 1;
        let keep: Vec<usize> = (0..view.headings.len())
            .filter(|&c| c <= task_col || rows.iter().any(|r| !r[c].text.is_empty()))
            .collect();
        let headings: Vec<String> = keep.iter().map(|&c| view.headings[c].clone()).collect();
        let mut grid = Grid::new(keep.len());
        let title = if view.multiple_plans {
            format!("《{}》任务分解表", plan.title)
        } else {
            view.title.clone()
        };
        grid.title(&title);
        grid.header_row(&headings);
        let mut rows = rows.into_iter();
        for section in &plan.sections {
            let first = grid.next_row();
            for row in rows.by_ref().take(section.rows.len()) {
                let mut row: Vec<Option<xlsx::Cell>> = row.into_iter().map(Some).collect();
                grid.row(keep.iter().filter_map(|&c| row[c].take()).collect());
            }
            if let Some(col) = section_col {
                grid.merge_down(first, col, section.rows.len(), section.title.clone());
            }
        }
        for note in &plan.date_notes {
            grid.note(note);
        }
        let caps: Vec<usize> = keep
            .iter()
            .map(|&c| {
                if c == task_col {
                    MAX_WIDTH_TASK
                } else {
                    MAX_WIDTH_OTHER
                }
            })
            .collect();
        book.add_sheet(&plan.title, grid, &caps)?;
    }
    if view.plans.is_empty() {
        let mut grid = Grid::new(view.headings.len());
        grid.title(&view.title);
        grid.header_row(&view.headings);
        book.add_sheet(
            "任务分解表",
            grid,
            &vec![MAX_WIDTH_OTHER; view.headings.len()],
        )?;
    }
    book.finish()
}
