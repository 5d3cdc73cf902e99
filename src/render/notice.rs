//! The notice draft: the whole notice regenerated from the policy, as Markdown, HTML and Word.
//!
//! The draft prints what the notice says and nothing else, in source order (the round-trip
//! contract of docs/outputs.md): the cover notice's fields, headings as written, prose with
//! `{路径}` replaced by the figure as written, tables with their cells as written, leadership
//! groups as member lines, attachments. Data statements (指标, 分解, 标准, 规则, 节点 …) print
//! nothing: the prose around them carries the notice's words, and the data is for the checks,
//! the task table and the chart.

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use serde::Serialize;

use super::Templates;
use crate::model::*;

/// The notice draft, as templates see it.
#[derive(Debug, Serialize)]
pub struct NoticeView {
    pub cover: Option<CoverView>,
    /// Leadership groups written outside every plan and before the first (a notice that
    /// sets up a group): printed in the cover notice's body, before its signature.
    pub groups: Vec<BlockView>,
    pub plans: Vec<PlanView>,
    /// Leadership groups written outside every plan, after the first: printed after the plans.
    pub trailing_groups: Vec<BlockView>,
}

/// The cover notice (版头 and 主体 of GB/T 9704).
#[derive(Debug, Serialize)]
pub struct CoverView {
    /// 发文机关: notice.docx prints it as the 发文机关标志 of the 版头.
    pub issuer: Option<String>,
    pub title: String,
    pub number: Option<String>,
    /// 主送机关 as the notice writes the list, ending with a full-width colon (or the line as
    /// the notice prints it, its ending included).
    pub recipients: Option<String>,
    /// Markdown paragraphs.
    pub body: Vec<String>,
    pub signature: Option<String>,
    pub date: Option<String>,
    /// Lines the notice prints after the 署名 and 成文日期.
    pub after_signature: Vec<String>,
    pub remark: Option<String>,
    pub printed_by: Option<String>,
    pub printed_on: Option<String>,
    pub carbon_copy: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
}

/// One plan's text.
#[derive(Debug, Serialize)]
pub struct PlanView {
    pub title: String,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    /// The plan's text up to its first 附件 (all of it when it has none).
    pub blocks: Vec<BlockView>,
    /// 附件说明 lines ("1.××"), printed where the file writes the first 附件.
    pub attachment_list: Vec<String>,
    /// The plan's text written after its first 附件: lines the notice prints under its
    /// 附件说明 (a 图解 link, a seal's fragment), in the file's order.
    pub after_attachment_list: Vec<BlockView>,
    /// The attachments the notice attaches (a listed but missing one prints only its line).
    pub attachments: Vec<AttachmentView>,
}

/// An attachment printed after the plan.
#[derive(Debug, Serialize)]
pub struct AttachmentView {
    /// 附件1, or the label as the notice prints it (标识); empty when it prints none.
    pub label: String,
    pub title: String,
    pub blocks: Vec<BlockView>,
    /// It holds a table too wide for a portrait page: Word prints it on landscape pages.
    pub landscape: bool,
}

/// Columns beyond which a table goes on a landscape page in notice.docx: at 10.5 pt, eleven
/// columns of four characters fill the 156 mm of a portrait text block.
const PORTRAIT_COLUMNS: usize = 10;

/// A piece of text in document order.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockView {
    /// A heading as written (plain text); level 1 is 一、 (黑体), 2 is （一） (楷体), 3 and 4
    /// are 仿宋.
    Heading {
        level: usize,
        text: String,
    },
    /// Prose: Markdown.
    Paragraph {
        text: String,
    },
    /// Lines of plain text printed one under another (a leadership group's members).
    Lines {
        lines: Vec<String>,
        /// The same lines as columns, when they are a group's members: Word aligns them on
        /// tab stops (Markdown and HTML print `lines`).
        members: Vec<MemberRow>,
    },
    Table(TableView),
}

/// A member's line in columns: the role (blank under the first of its members), the name,
/// the post.
#[derive(Debug, Serialize)]
pub struct MemberRow {
    pub role: String,
    pub person: String,
    pub post: String,
}

/// A table with its headings in rows (grouped headings span columns).
#[derive(Debug, Serialize)]
pub struct TableView {
    pub title: Option<String>,
    /// Heading rows, outermost first; each cell with the columns it spans.
    pub header: Vec<Vec<HeaderCell>>,
    /// The heading rows on the grid, a cell's text in the first column it spans and blanks in
    /// the others, for Markdown, which has no spans: the first is the table's heading row, the
    /// others open its body.
    pub grid_header: Vec<Vec<String>>,
    /// The headings laid out for Word: every grid column in every row, with spans and
    /// vertical merges.
    pub docx_header: Vec<Vec<DocxHeaderCell>>,
    pub rows: BodyRows,
    /// Lines the form prints with it, as written, between its title and its grid.
    pub lines_above: Vec<String>,
    /// What stands under the grid, in the notice's order: its notes (注：……) and the form's
    /// own lines.
    pub below: Vec<String>,
    /// Each column's share of the table's width, in thousandths, for notice.docx's fixed
    /// layout: half by its widest cell or single-column heading (two to twelve characters),
    /// half evenly, so that a 30-column form fits its page and a name column gets room.
    pub column_permille: Vec<u32>,
}

/// A table's body rows, each cell's text as written. Serialized as a list; templates see a
/// sequence whose row becomes a template value when the template reaches it: the notice's
/// value is made once for notice.md, notice.html and notice.docx, and with every cell of a
/// 10,000 × 200 table in it at once it was a large part of a build's memory.
#[derive(Debug, Clone)]
pub struct BodyRows(pub Arc<Vec<Vec<String>>>);

impl std::ops::Deref for BodyRows {
    type Target = [Vec<String>];
    fn deref(&self) -> &[Vec<String>] {
        &self.0
    }
}

impl Serialize for BodyRows {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if minijinja::value::serializing_for_value() {
            Value::from_object(LazyBodyRows(Arc::clone(&self.0))).serialize(serializer)
        } else {
            self.0.serialize(serializer)
        }
    }
}

/// [`BodyRows`] as a template value.
#[derive(Debug)]
struct LazyBodyRows(Arc<Vec<Vec<String>>>);

impl Object for LazyBodyRows {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0.get(key.as_usize()?).map(Value::from_serialize)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

/// Shares of a table's width for its columns, in thousandths (they add up to at most 1000),
/// from the widest text of each column: its body cells and the headings over it alone.
fn column_permille(header: &[Vec<DocxHeaderCell>], rows: &[Vec<String>], width: usize) -> Vec<u32> {
    let mut widest = vec![0usize; width];
    let mut measure = |c: usize, text: &str| {
        if let Some(w) = widest.get_mut(c) {
            *w = (*w).max(
                text.lines()
                    .map(super::text::display_width)
                    .max()
                    .unwrap_or(0),
            );
        }
    };
    for row in header {
        let mut c = 0;
        for cell in row {
            if cell.span == 1 {
                measure(c, &cell.text);
            }
            c += cell.span.max(1);
        }
    }
    for row in rows {
        for (c, text) in row.iter().enumerate() {
            measure(c, text);
        }
    }
    // In half characters: two to twelve characters. Half of the width is shared out by
    // these weights, half evenly, so that no column of a wide form is too narrow for a
    // character.
    let weights: Vec<usize> = widest.iter().map(|w| (*w).clamp(4, 24)).collect();
    let total: usize = weights.iter().sum::<usize>().max(1);
    let n = weights.len().max(1);
    weights
        .iter()
        .map(|w| (w * 500 / total + 500 / n) as u32)
        .collect()
}

/// A heading cell.
#[derive(Debug, Serialize)]
pub struct HeaderCell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

/// A heading cell of a Word table.
#[derive(Debug, Serialize)]
pub struct DocxHeaderCell {
    pub text: String,
    /// Grid columns this cell spans.
    pub span: usize,
    /// "restart" where a cell spanning rows begins, "continue" below it.
    pub merge: Option<&'static str>,
}

/// What a drafter may ask the notice draft to print beyond the notice's own words.
#[derive(Debug, Clone, Copy, Default)]
pub struct DraftOptions {
    /// Each rule's worked examples (例：3.9万元 → 1.95万元), as a paragraph where the rule
    /// stands (`policyc build --examples`).
    pub examples: bool,
}

/// Renders notice.md, notice.html and notice.docx: the notice's words only.
pub fn write_notice(
    policy: &Policy,
    templates: &Templates,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    write_notice_with(policy, templates, DraftOptions::default())
}

/// Renders the drafts with what `options` asks for.
pub fn write_notice_with(
    policy: &Policy,
    templates: &Templates,
    options: DraftOptions,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let view = notice_view_with(policy, options);
    // The view becomes a template value once: converting it again for each template (three
    // here, seven parts of the .docx) was most of the time of a build of a large plan.
    let notice = minijinja::Value::from_serialize(&view);
    let md = templates.render("notice.md.j2", &notice)?;
    let html = templates.render("notice.html.j2", &notice)?;
    let created = policy
        .notice
        .as_ref()
        .and_then(|n| n.date.as_ref())
        .and_then(|d| d.start)
        .map_or_else(|| "2000-01-01".to_string(), |d| d.to_string());
    let docx = super::docx::write_docx(&view, &notice, templates, &created)?;
    Ok(vec![
        ("notice.md".into(), md.into_bytes()),
        ("notice.html".into(), html.into_bytes()),
        ("notice.docx".into(), docx),
    ])
}

/// Builds the notice draft's view from the model: the notice's words only.
pub fn notice_view(policy: &Policy) -> NoticeView {
    notice_view_with(policy, DraftOptions::default())
}

/// Builds the notice draft's view with what `options` asks for.
pub fn notice_view_with(policy: &Policy, options: DraftOptions) -> NoticeView {
    let cx = Cx { policy, options };
    let cover = policy.notice.as_ref().map(|n| CoverView {
        issuer: n.issuer.clone(),
        title: n.title.clone().unwrap_or_default(),
        number: n.number.clone(),
        recipients: (!n.recipients.is_empty()).then(|| {
            let list = n.recipients_written.clone();
            let list = list.unwrap_or_else(|| n.recipients.join("，"));
            if n.recipients_line {
                list
            } else {
                format!("{list}：")
            }
        }),
        body: n.body.iter().map(|b| cx.fill(b)).collect(),
        // Only a 署名 the notice prints: the 发文机关 heads the page (its 标志), and a notice
        // without a 署名 line has none to add.
        signature: n.signature.clone(),
        date: n.date.as_ref().map(|d| d.written.clone()),
        after_signature: n.after_signature.clone(),
        remark: n.remark.clone(),
        printed_by: n.printed_by.clone(),
        printed_on: n.printed_on.as_ref().map(|d| d.written.clone()),
        carbon_copy: (!n.carbon_copy.is_empty()).then(|| n.carbon_copy.join("，")),
        contact: n.contact.clone(),
        phone: n.phone.clone(),
    });
    let plans = policy
        .plans
        .iter()
        .map(|plan| (plan, plan.tasks_by_phase()))
        .map(|(plan, phase_tasks)| PlanView {
            title: plan.title.clone(),
            issuer: plan.issuer.clone(),
            date: plan.date.as_ref().map(|d| d.written.clone()),
            contact: plan.contact.clone(),
            phone: plan.phone.clone(),
            blocks: cx.blocks(plan, &phase_tasks, &plan.content[..list_at(plan)]),
            after_attachment_list: cx.blocks(plan, &phase_tasks, &plan.content[list_at(plan)..]),
            // An attachment the notice refers to without a title was never listed.
            attachment_list: plan
                .attachments
                .iter()
                .filter(|a| !a.title.is_empty())
                .map(|a| match &a.number {
                    Some(n) => format!("{n}.{}", a.title),
                    None => a.title.clone(),
                })
                .collect(),
            attachments: plan
                .attachments
                .iter()
                .filter(|a| !a.missing)
                .map(|a| {
                    let blocks = cx.blocks(plan, &phase_tasks, &a.content);
                    let titled_by_table = prints_title(&blocks, &a.title);
                    let landscape = blocks.iter().any(|b| {
                        matches!(b, BlockView::Table(t)
                            if t.grid_header.first().is_some_and(|r| r.len() > PORTRAIT_COLUMNS))
                    });
                    let label = a
                        .label
                        .clone()
                        .unwrap_or_else(|| format!("附件{}", a.number.clone().unwrap_or_default()));
                    AttachmentView {
                        landscape,
                        label,
                        title: if titled_by_table {
                            String::new()
                        } else {
                            a.title.clone()
                        },
                        blocks,
                    }
                })
                .collect(),
        })
        .collect();
    let inside_a_plan = |g: &Group| {
        policy
            .plans
            .iter()
            .any(|p| p.span.start <= g.span.start && g.span.end <= p.span.end)
    };
    let first_plan = policy.plans.iter().map(|p| p.span.start).min();
    let (mut groups, mut trailing_groups) = (Vec::new(), Vec::new());
    for g in policy.groups.iter().filter(|g| !inside_a_plan(g)) {
        if first_plan.is_some_and(|start| start < g.span.start) {
            trailing_groups.extend(group_blocks(g, false));
        } else {
            groups.extend(group_blocks(g, false));
        }
    }
    NoticeView {
        cover,
        groups,
        plans,
        trailing_groups,
    }
}

/// Whether an attachment's text prints its title itself: a form attached as it is carries it
/// as the table's title (第   季度……信息表), or as a title line of its own (a heading, or a
/// line under the form); the page then prints that one, not the same words twice. Spaces do
/// not count (2021 年……计划表).
fn prints_title(blocks: &[BlockView], title: &str) -> bool {
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let title = bare(title);
    blocks.iter().any(|b| match b {
        BlockView::Table(t) => t
            .title
            .iter()
            .chain(&t.lines_above)
            .chain(&t.below)
            .any(|t| bare(t).contains(&title)),
        BlockView::Heading { text, .. } => bare(text).ends_with(&title),
        BlockView::Paragraph { text } => {
            bare(text).ends_with(&title) && !text.contains(['。', '；', '，', '：'])
        }
        _ => false,
    })
}

/// Where a plan's 附件说明 stands among its top-level blocks: at its first 附件.
fn list_at(plan: &Plan) -> usize {
    plan.content
        .iter()
        .position(|b| matches!(b, Block::Attachment { .. }))
        .unwrap_or(plan.content.len())
}

struct Cx<'a> {
    policy: &'a Policy,
    options: DraftOptions,
}

impl Cx<'_> {
    /// Replaces `{路径}` with the figure as written.
    fn fill(&self, text: &str) -> String {
        super::text::fill_figures(self.policy, text)
    }

    /// A task prints its content and prose; its number, title, units and times are labels
    /// for the task table and the chart.
    fn task_blocks(&self, t: &Task) -> Vec<BlockView> {
        let mut out = Vec::new();
        if let Some(c) = &t.content {
            out.push(BlockView::Paragraph { text: self.fill(c) });
        }
        out.extend(self.prose(&t.paragraphs));
        out
    }

    fn prose(&self, paragraphs: &[String]) -> impl Iterator<Item = BlockView> + '_ {
        paragraphs
            .iter()
            .map(|p| BlockView::Paragraph { text: self.fill(p) })
            .collect::<Vec<_>>()
            .into_iter()
    }

    /// The text of a list of blocks, in order; `phase_tasks` is `plan.tasks_by_phase()`.
    fn blocks(&self, plan: &Plan, phase_tasks: &[Vec<usize>], content: &[Block]) -> Vec<BlockView> {
        let mut out = Vec::new();
        for block in content {
            match block {
                Block::Section {
                    title,
                    level,
                    content,
                } => {
                    // A section whose title is empty (the notice prints none) prints its text.
                    if !title.is_empty() {
                        out.push(BlockView::Heading {
                            level: *level,
                            text: title.clone(),
                        });
                    }
                    out.extend(self.blocks(plan, phase_tasks, content));
                }
                Block::Paragraph { markdown } => out.push(BlockView::Paragraph {
                    text: self.fill(markdown),
                }),
                Block::Task { index } => {
                    if let Some(t) = plan.tasks.get(*index) {
                        out.extend(self.task_blocks(t));
                    }
                }
                Block::Phase { index } => {
                    if let Some(p) = plan.phases.get(*index) {
                        out.extend(self.prose(&p.paragraphs));
                        // The tasks written inside the phase, which the model keeps in the
                        // plan's list.
                        for &t in phase_tasks.get(*index).into_iter().flatten() {
                            out.extend(self.task_blocks(&plan.tasks[t]));
                        }
                    }
                }
                Block::Table { index } => {
                    if let Some(t) = plan.tables.get(*index) {
                        out.push(BlockView::Table(table_view(t)));
                    }
                }
                // A 背景 prints what it holds: the notice's own sentences.
                Block::Background { content, .. } => {
                    out.extend(self.blocks(plan, phase_tasks, content))
                }
                // A 名单 prints the notice's sentences written in it.
                Block::List { index } => {
                    if let Some(l) = plan.lists.get(*index) {
                        out.extend(self.prose(&l.paragraphs));
                    }
                }
                Block::Group { index } => {
                    if let Some(g) = self.policy.groups.get(*index) {
                        out.extend(group_blocks(g, false));
                    }
                }
                // Data for the checks, the task table and the chart: the prose carries the
                // notice's words. Attachments are printed after the plan, in order.
                // Worked examples only when asked for: the notice may not print them.
                Block::Rule { index } if self.options.examples => {
                    if let Some(rule) = plan.rules.get(*index) {
                        out.extend(rule.examples.iter().map(|e| BlockView::Paragraph {
                            text: super::filters::md_text(format!("例：{}", e.written)),
                        }));
                    }
                }
                Block::Figure { .. }
                | Block::Breakdown { .. }
                | Block::Restatement { .. }
                | Block::Rate { .. }
                | Block::Ratio { .. }
                | Block::Rule { .. }
                | Block::Calc { .. }
                | Block::Milestone { .. }
                | Block::Attachment { .. } => {}
            }
        }
        out
    }
}

/// A leadership group: its members as lines "组长：李鹏　旗人民政府副旗长" with a role written
/// once for the members that follow it, as notices print them; then its office's prose and its
/// own; then its working groups, each under its name. A top-level group's name is a label: the
/// heading or the prose around it says it where the notice does. A working group has no prose
/// of its own before its members, so its name (as written, 1.综合组) is printed above them.
fn group_blocks(g: &Group, is_subgroup: bool) -> Vec<BlockView> {
    let mut out = Vec::new();
    if is_subgroup && !g.name.is_empty() {
        out.push(BlockView::Lines {
            lines: vec![g.name.clone()],
            members: Vec::new(),
        });
    }
    if !g.members.is_empty() {
        let members = member_rows(&g.members);
        let lines = members
            .iter()
            .map(|m| {
                let role = if m.role.is_empty() {
                    // Under the first of its members, the role's width in full-width blanks.
                    "　".repeat(m.role_width + 1)
                } else {
                    format!("{}：", m.role)
                };
                let fields: Vec<&str> = [m.person.as_str(), m.post.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                format!("{role}{}", fields.join("　"))
                    .trim_end()
                    .to_string()
            })
            .collect();
        out.push(BlockView::Lines {
            lines,
            members: members
                .into_iter()
                .map(|m| MemberRow {
                    role: if m.role.is_empty() {
                        String::new()
                    } else {
                        format!("{}：", m.role)
                    },
                    person: m.person,
                    post: m.post,
                })
                .collect(),
        });
    }
    // An office's seat and members are data: notices say them in a sentence, its prose.
    if let Some(o) = &g.office {
        out.extend(
            o.paragraphs
                .iter()
                .map(|p| BlockView::Paragraph { text: p.clone() }),
        );
    }
    out.extend(
        g.paragraphs
            .iter()
            .map(|p| BlockView::Paragraph { text: p.clone() }),
    );
    for s in &g.subgroups {
        out.extend(group_blocks(s, true));
    }
    out
}

/// A member as printed: the role only on the first of a run of members who share it.
struct PrintedMember {
    role: String,
    role_width: usize,
    person: String,
    post: String,
}

fn member_rows(members: &[Member]) -> Vec<PrintedMember> {
    let mut previous_role: Option<&str> = None;
    members
        .iter()
        .map(|m| {
            let repeated = previous_role == Some(m.role.as_str());
            previous_role = Some(m.role.as_str());
            // Printed as the notice pads them (组 长：郝 远).
            let role = m.role_written.as_ref().unwrap_or(&m.role);
            PrintedMember {
                role: if repeated {
                    String::new()
                } else {
                    role.clone()
                },
                role_width: role.chars().count(),
                person: m
                    .person_written
                    .clone()
                    .or_else(|| m.person.clone())
                    .unwrap_or_default(),
                post: m.post.clone().unwrap_or_default(),
            }
        })
        .collect()
}

/// A table's headings as rows with spans: `组/列` headings become a grouped first row.
pub fn table_view(t: &Table) -> TableView {
    let depth = t
        .columns
        .iter()
        .map(|c| c.path.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut header: Vec<Vec<HeaderCell>> = (0..depth).map(|_| Vec::new()).collect();
    let mut i = 0;
    while i < t.columns.len() {
        let col = &t.columns[i];
        if col.path.len() <= 1 {
            header[0].push(HeaderCell {
                text: col.written.clone(),
                colspan: 1,
                rowspan: depth,
            });
            i += 1;
            continue;
        }
        // A run of columns under the same group heading.
        let group = &col.path[0];
        let mut j = i;
        while j < t.columns.len() && t.columns[j].path.len() > 1 && &t.columns[j].path[0] == group {
            j += 1;
        }
        header[0].push(HeaderCell {
            text: group.clone(),
            colspan: j - i,
            rowspan: 1,
        });
        for c in &t.columns[i..j] {
            let rest = c.path[1..].join("/");
            header[1].push(HeaderCell {
                text: rest,
                colspan: 1,
                rowspan: depth - 1,
            });
        }
        i = j;
    }
    let width = t.columns.len();
    let mut rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            let mut cells: Vec<String> = r.cells().map(|c| c.text.to_string()).collect();
            cells.resize(width.max(cells.len()), String::new());
            cells
        })
        .collect();
    rows.extend((0..t.blank_rows).map(|_| vec![String::new(); width]));
    let docx_header = docx_header(&header, width);
    let mut below: Vec<String> = Vec::new();
    let mut notes = t.notes.iter().map(|n| format!("注：{n}"));
    let mut notes_printed = 0;
    for (notes_before, line) in &t.lines_below {
        below.extend(
            notes
                .by_ref()
                .take(notes_before.saturating_sub(notes_printed)),
        );
        notes_printed = notes_printed.max(*notes_before);
        below.push(line.clone());
    }
    below.extend(notes);
    // A title the form prints as one of its own lines (under the grid) is printed there only.
    let title = t.title.clone().filter(|title| {
        !t.lines_above.contains(title) && !t.lines_below.iter().any(|(_, l)| l == title)
    });
    TableView {
        title,
        header,
        grid_header: docx_header
            .iter()
            .map(|row| {
                row.iter()
                    .flat_map(|c| {
                        std::iter::once(c.text.clone())
                            .chain(std::iter::repeat_n(String::new(), c.span.saturating_sub(1)))
                    })
                    .collect()
            })
            .collect(),
        column_permille: column_permille(&docx_header, &rows, width),
        docx_header,
        rows: BodyRows(Arc::new(rows)),
        lines_above: t.lines_above.clone(),
        below,
    }
}

/// Lays heading rows out on the grid Word needs: each row names every grid column, cells
/// spanning rows continue as vertical merges below where they start.
fn docx_header(header: &[Vec<HeaderCell>], width: usize) -> Vec<Vec<DocxHeaderCell>> {
    let depth = header.len();
    // owner[r][c] = (row the cell starts in, index of the cell in that row)
    let mut owner: Vec<Vec<Option<(usize, usize)>>> = vec![vec![None; width]; depth];
    for (r, row) in header.iter().enumerate() {
        let mut c = 0;
        for (i, cell) in row.iter().enumerate() {
            while c < width && owner[r][c].is_some() {
                c += 1;
            }
            let (row_end, col_end) = (
                (r + cell.rowspan.max(1)).min(depth),
                (c + cell.colspan.max(1)).min(width),
            );
            for covered in &mut owner[r..row_end] {
                for slot in &mut covered[c.min(col_end)..col_end] {
                    *slot = Some((r, i));
                }
            }
            c += cell.colspan.max(1);
        }
    }
    (0..depth)
        .map(|r| {
            let mut out = Vec::new();
            let mut c = 0;
            while c < width {
                match owner[r][c] {
                    Some((start, i)) => {
                        let cell = &header[start][i];
                        let span = cell.colspan.max(1);
                        out.push(DocxHeaderCell {
                            text: if start == r {
                                cell.text.clone()
                            } else {
                                String::new()
                            },
                            span,
                            merge: match (cell.rowspan > 1, start == r) {
                                (false, _) => None,
                                (true, true) => Some("restart"),
                                (true, false) => Some("continue"),
                            },
                        });
                        c += span;
                    }
                    None => {
                        out.push(DocxHeaderCell {
                            text: String::new(),
                            span: 1,
                            merge: None,
                        });
                        c += 1;
                    }
                }
            }
            out
        })
        .collect()
}
