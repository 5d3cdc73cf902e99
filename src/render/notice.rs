//! The notice draft: the whole notice regenerated from the policy, as Markdown and HTML.
//!
//! The view is built here, in Rust, from the model: prose with `{路径}` replaced by the figure
//! as written, and each data block (breakdown, rate, rule, task, phase, table …) written out as
//! a sentence or a table unless the prose of its section already states its figures — so the
//! draft reads like the notice and says every figure once.

use serde::Serialize;

use super::Templates;
use crate::model::*;

/// The notice draft, as templates see it.
#[derive(Debug, Serialize)]
pub struct NoticeView {
    pub cover: Option<CoverView>,
    pub plans: Vec<PlanView>,
}

/// The cover notice (版头 and 主体 of GB/T 9704).
#[derive(Debug, Serialize)]
pub struct CoverView {
    /// Source bookmarks, kept in the Markdown draft as a comment.
    pub bookmarks: Vec<String>,
    pub title: String,
    pub number: Option<String>,
    /// 主送机关, joined and ending with a full-width colon.
    pub recipients: Option<String>,
    pub body: Vec<String>,
    /// 附件说明 lines: "1.××".
    pub attachments: Vec<String>,
    pub signature: Option<String>,
    pub date: Option<String>,
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
    pub blocks: Vec<BlockView>,
    pub attachments: Vec<AttachmentView>,
}

/// An attachment printed after the plan.
#[derive(Debug, Serialize)]
pub struct AttachmentView {
    /// 附件1
    pub label: String,
    pub title: String,
    pub missing: bool,
    pub blocks: Vec<BlockView>,
}

/// A piece of text in document order.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockView {
    /// A heading as written; level 1 is 一、 (黑体), 2 is （一） (楷体), 3 and 4 are 仿宋.
    Heading {
        level: usize,
        text: String,
    },
    /// Markdown text.
    Paragraph {
        text: String,
    },
    /// Lines printed one under another (a leadership group's members).
    Lines {
        lines: Vec<String>,
    },
    Table(TableView),
}

/// A table with its headings in rows (grouped headings span columns).
#[derive(Debug, Serialize)]
pub struct TableView {
    pub title: Option<String>,
    pub unit: Option<String>,
    /// Heading rows, outermost first; each cell with the columns it spans.
    pub header: Vec<Vec<HeaderCell>>,
    /// The deepest heading of each column, for Markdown, which has one heading row.
    pub flat_header: Vec<String>,
    /// The headings laid out for Word: every grid column in every row, with spans and
    /// vertical merges.
    pub docx_header: Vec<Vec<DocxHeaderCell>>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
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

/// Renders notice.md, notice.html and notice.docx.
pub fn write_notice(
    policy: &Policy,
    templates: &Templates,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let view = notice_view(policy);
    // The view becomes a template value once: converting it again for each template (three
    // here, seven parts of the .docx) was most of the time of a build of a large plan.
    let notice = minijinja::Value::from_serialize(&view);
    let md = templates.render(
        "notice.md.j2",
        &minijinja::context! { include_cover => true, ..notice.clone() },
    )?;
    // The HTML page lays out the cover itself and takes only the plans from Markdown.
    let html_body = markdown_to_html(&templates.render(
        "notice.md.j2",
        &minijinja::context! { include_cover => false, ..notice.clone() },
    )?);
    let html = templates.render(
        "notice.html.j2",
        &minijinja::context! { notice => notice.clone(), body => html_body },
    )?;
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

/// Markdown → HTML. Raw HTML in the source is shown as text, never passed through: prose
/// comes from policy files, which are not trusted to carry markup.
pub fn markdown_to_html(md: &str) -> String {
    use pulldown_cmark::{html, Event, Options, Parser};
    let parser = Parser::new_ext(md, Options::ENABLE_TABLES).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        e => e,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

/// Builds the notice draft's view from the model.
pub fn notice_view(policy: &Policy) -> NoticeView {
    let cx = Cx { policy };
    let cover = policy.notice.as_ref().map(|n| {
        let attachments = policy
            .plans
            .iter()
            .flat_map(|p| &p.attachments)
            .map(|a| match &a.number {
                Some(n) => format!("{n}.{}", a.title),
                None => a.title.clone(),
            })
            .collect();
        CoverView {
            bookmarks: n.bookmarks.clone(),
            title: n.title.clone().unwrap_or_default(),
            number: n.number.clone(),
            recipients: (!n.recipients.is_empty())
                .then(|| format!("{}：", n.recipients.join("，"))),
            body: n.body.iter().map(|b| cx.fill(b)).collect(),
            attachments,
            signature: n.signature.clone().or_else(|| n.issuer.clone()),
            date: n.date.as_ref().map(|d| d.written.clone()),
            remark: n.remark.clone(),
            printed_by: n.printed_by.clone(),
            printed_on: n.printed_on.as_ref().map(|d| d.written.clone()),
            carbon_copy: (!n.carbon_copy.is_empty()).then(|| n.carbon_copy.join("，")),
            contact: n.contact.clone(),
            phone: n.phone.clone(),
        }
    });
    let plans = policy
        .plans
        .iter()
        .map(|plan| PlanView {
            title: plan.title.clone(),
            issuer: plan.issuer.clone(),
            date: plan.date.as_ref().map(|d| d.written.clone()),
            contact: plan.contact.clone(),
            phone: plan.phone.clone(),
            blocks: cx.blocks(plan, &plan.content),
            attachments: plan
                .attachments
                .iter()
                .map(|a| AttachmentView {
                    label: format!("附件{}", a.number.clone().unwrap_or_default()),
                    title: a.title.clone(),
                    missing: a.missing,
                    blocks: cx.blocks(plan, &a.content),
                })
                .collect(),
        })
        .collect();
    NoticeView { cover, plans }
}

struct Cx<'a> {
    policy: &'a Policy,
}

impl Cx<'_> {
    /// Replaces `{路径}` with the figure as written.
    fn fill(&self, text: &str) -> String {
        super::text::fill_figures(self.policy, text)
    }

    fn written(&self, id: &str) -> String {
        self.policy
            .figure(id)
            .map(|f| f.quantity.written.clone())
            .unwrap_or_default()
    }

    /// The text of a list of blocks: a section's paragraphs decide which of its data blocks
    /// still need writing out.
    fn blocks(&self, plan: &Plan, content: &[Block]) -> Vec<BlockView> {
        let prose: String = content
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { markdown } => Some(self.fill(markdown)),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let stated = |written: &[String]| {
            written
                .iter()
                .all(|w| w.is_empty() || prose.contains(w.as_str()))
        };
        let mut out = Vec::new();
        for block in content {
            match block {
                Block::Section {
                    title,
                    level,
                    content,
                } => {
                    out.push(BlockView::Heading {
                        level: *level,
                        text: title.clone(),
                    });
                    out.extend(self.blocks(plan, content));
                }
                Block::Paragraph { markdown } => out.push(BlockView::Paragraph {
                    text: self.fill(markdown),
                }),
                Block::Figure { id } => {
                    let w = self.written(id);
                    if !stated(std::slice::from_ref(&w)) {
                        let f = self.policy.figure(id);
                        let label = f
                            .and_then(|f| f.description.clone())
                            .unwrap_or_else(|| id.clone());
                        out.push(BlockView::Paragraph {
                            text: format!("{label}：{w}。"),
                        });
                    }
                }
                Block::Breakdown { index } => {
                    if let Some(b) = plan.breakdowns.get(*index) {
                        let mut all: Vec<String> =
                            b.total.iter().map(|t| self.written(t)).collect();
                        all.extend(b.parts.iter().map(|p| self.written(p)));
                        if !stated(&all) {
                            out.push(BlockView::Paragraph {
                                text: self.breakdown_sentence(b),
                            });
                        }
                    }
                }
                Block::Restatement { index } => {
                    if let Some(r) = plan.restatements.get(*index) {
                        let w = self.written(&r.figure);
                        if !stated(std::slice::from_ref(&w)) {
                            let label = self
                                .policy
                                .figure(&r.figure)
                                .map_or(r.target.clone(), |f| f.label.clone());
                            out.push(BlockView::Paragraph {
                                text: format!("{label}：{w}。"),
                            });
                        }
                    }
                }
                Block::Rate { index } => {
                    if let Some(r) = plan.rates.get(*index) {
                        let w = self.written(&r.figure);
                        if !stated(std::slice::from_ref(&w)) {
                            out.push(BlockView::Paragraph {
                                text: rate_sentence(r, &w),
                            });
                        }
                    }
                }
                Block::Ratio { index } => {
                    if let Some(r) = plan.ratios.get(*index) {
                        if !prose.contains(&r.ratio.written) {
                            out.push(BlockView::Paragraph {
                                text: format!(
                                    "{}：按{}。",
                                    r.description.clone().unwrap_or_else(|| r.name.clone()),
                                    r.ratio.written
                                ),
                            });
                        }
                    }
                }
                Block::Rule { index } => {
                    if let Some(r) = plan.rules.get(*index) {
                        let mut figures: Vec<String> = r
                            .branches
                            .iter()
                            .map(|b| b.outcome.value.written.clone())
                            .collect();
                        figures.extend(r.branches.iter().map(|b| b.written.clone()));
                        if !stated(&figures) {
                            out.push(BlockView::Paragraph {
                                text: rule_sentence(r),
                            });
                        }
                    }
                }
                // The arithmetic a notice implies is for the checks, not for the text.
                Block::Calc { .. } => {}
                Block::Task { index } => {
                    if let Some(t) = plan.tasks.get(*index) {
                        out.extend(self.task_blocks(t));
                    }
                }
                Block::Phase { index } => {
                    if let Some(p) = plan.phases.get(*index) {
                        out.extend(self.phase_blocks(p));
                    }
                }
                Block::Milestone { index } => {
                    if let Some(m) = plan.milestones.get(*index) {
                        out.push(BlockView::Paragraph {
                            text: step_sentence(m),
                        });
                    }
                }
                Block::Table { index } => {
                    if let Some(t) = plan.tables.get(*index) {
                        out.push(BlockView::Table(table_view(t)));
                    }
                }
                // Attachments are printed after the plan, in order.
                Block::Attachment { .. } => {}
                Block::Group { index } => {
                    if let Some(g) = self.policy.groups.get(*index) {
                        out.extend(group_blocks(g));
                    }
                }
            }
        }
        out
    }

    fn breakdown_sentence(&self, b: &Breakdown) -> String {
        let label = b.description.clone().unwrap_or_else(|| b.label.clone());
        let parts: Vec<String> = b
            .parts
            .iter()
            .map(|p| {
                let f = self.policy.figure(p);
                let name = p.rsplit('.').next().unwrap_or(p);
                let written = f.map(|f| f.quantity.written.clone()).unwrap_or_default();
                let nested = b
                    .nested
                    .iter()
                    .find(|n| &n.id == p)
                    .map(|n| {
                        let inner: Vec<String> = n
                            .parts
                            .iter()
                            .map(|q| {
                                format!("{}{}", q.rsplit('.').next().unwrap_or(q), self.written(q))
                            })
                            .collect();
                        format!("（{}）", inner.join("，"))
                    })
                    .unwrap_or_default();
                format!("{name}{written}{nested}")
            })
            .collect();
        match &b.total {
            Some(t) => format!("{label}{}，其中：{}。", self.written(t), parts.join("，")),
            None => format!("{label}：{}。", parts.join("，")),
        }
    }

    fn task_blocks(&self, t: &Task) -> Vec<BlockView> {
        let mut head = String::new();
        if let Some(n) = &t.number {
            head.push_str(n);
            if n.chars().last().is_some_and(|c| c.is_ascii_digit()) {
                head.push('.');
            }
        }
        if let Some(title) = &t.title {
            head.push_str(title);
            head.push('。');
        }
        if let Some(c) = &t.content {
            head.push_str(&self.fill(c));
        }
        let mut duties = Vec::new();
        for (name, units) in [
            ("牵头单位", &t.lead),
            ("责任单位", &t.responsible),
            ("配合单位", &t.cooperating),
            ("实施单位", &t.implementing),
        ] {
            if !units.is_empty() {
                let names: Vec<&str> = units.iter().map(|u| u.written.as_str()).collect();
                duties.push(format!("{name}：{}", names.join("、")));
            }
        }
        if let Some(d) = &t.duty {
            duties.push(format!("责任分工：{d}"));
        }
        for (name, time) in [
            ("完成时限", &t.deadline),
            ("启动时间", &t.start),
            ("实施年限", &t.period),
        ] {
            if let Some(time) = time {
                duties.push(format!("{name}：{}", time.written));
            }
        }
        if !duties.is_empty() {
            head.push_str(&format!("（{}）", duties.join("；")));
        }
        let mut out = vec![BlockView::Paragraph { text: head }];
        for p in &t.paragraphs {
            out.push(BlockView::Paragraph { text: self.fill(p) });
        }
        // Targets stated inside the task and not already in its text.
        let text: String = out
            .iter()
            .map(|b| match b {
                BlockView::Paragraph { text } => text.as_str(),
                _ => "",
            })
            .collect();
        // A target that is a breakdown brings its parts (资金来源：中央…、区财政…).
        let stated_in_task = |f: &&Figure| {
            t.targets.iter().any(|id| {
                f.id == *id
                    || f.id
                        .strip_prefix(id.as_str())
                        .is_some_and(|r| r.starts_with('.'))
            })
        };
        let missing: Vec<String> = self
            .policy
            .figures
            .iter()
            .filter(stated_in_task)
            .filter(|f| !text.contains(&f.quantity.written))
            // A restatement of a figure listed here says it again: list it once.
            .filter(|f| {
                f.role != FigureRole::Restatement
                    || !f.id.split('#').next().is_some_and(|target| {
                        t.targets
                            .iter()
                            .any(|id| target == id || target.starts_with(&format!("{id}.")))
                    })
            })
            .map(|f| format!("{}：{}", f.label, f.quantity.written))
            .collect();
        if !missing.is_empty() {
            out.push(BlockView::Paragraph {
                text: format!("目标：{}。", missing.join("；")),
            });
        }
        out
    }

    fn phase_blocks(&self, p: &Phase) -> Vec<BlockView> {
        let mut first = format!("{}（{}）。", p.name, p.time.written);
        if let Some(d) = &p.description {
            first.push_str(&self.fill(d));
        }
        let mut out = vec![BlockView::Paragraph { text: first }];
        out.extend(
            p.paragraphs
                .iter()
                .map(|t| BlockView::Paragraph { text: self.fill(t) }),
        );
        out.extend(
            p.steps
                .iter()
                .chain(&p.milestones)
                .map(|s| BlockView::Paragraph {
                    text: step_sentence(s),
                }),
        );
        out
    }
}

fn step_sentence(s: &Step) -> String {
    match &s.description {
        Some(d) => format!("{}：{}，{d}", s.name, s.time.written),
        None => format!("{}：{}。", s.name, s.time.written),
    }
}

fn rate_sentence(r: &Rate, written: &str) -> String {
    let mut s = format!(
        "{}：{written}",
        r.description.clone().unwrap_or_else(|| r.name.clone())
    );
    if let Some(c) = &r.cap {
        s.push_str(&format!(
            "，{}{}{}",
            c.scope.clone().unwrap_or_default(),
            c.bound.word.clone().unwrap_or_default(),
            c.bound.value.written
        ));
    }
    if let Some(t) = &r.term {
        s.push_str(&format!("，暂按{}", t.written));
    }
    s.push('。');
    s
}

fn rule_sentence(r: &Rule) -> String {
    let input = r.input.clone().unwrap_or_default();
    let mut parts: Vec<String> = r
        .branches
        .iter()
        .map(|b| format!("{input}{}的，{}", b.written, outcome_words(&b.outcome)))
        .collect();
    if let Some(o) = &r.otherwise {
        parts.push(format!("其余情形，{}", outcome_words(o)));
    }
    format!(
        "{}：{}。",
        r.description.clone().unwrap_or_else(|| r.name.clone()),
        parts.join("；")
    )
}

fn outcome_words(o: &Outcome) -> String {
    if o.value.is_percent() {
        format!("按{}的比例补贴", o.written)
    } else {
        format!("补贴{}", o.written)
    }
}

fn group_blocks(g: &Group) -> Vec<BlockView> {
    let member_line = |m: &Member| {
        let person = if m.name_missing {
            "（未列姓名）".to_string()
        } else {
            m.person.clone().unwrap_or_default()
        };
        format!(
            "{}：{}　{}",
            m.role,
            person,
            m.post.clone().unwrap_or_default()
        )
        .trim_end()
        .to_string()
    };
    let mut out = vec![BlockView::Paragraph {
        text: format!("**{}**", g.name),
    }];
    out.push(BlockView::Lines {
        lines: g.members.iter().map(member_line).collect(),
    });
    if let Some(o) = &g.office {
        let mut lines = Vec::new();
        if let Some(seat) = &o.seat {
            lines.push(format!("办公室设在{}。", seat.written));
        }
        lines.extend(o.members.iter().map(member_line));
        out.push(BlockView::Lines { lines });
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
        out.extend(group_blocks(s));
    }
    out
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
            let mut cells: Vec<String> = r.cells.iter().map(|c| c.text.clone()).collect();
            cells.resize(width.max(cells.len()), String::new());
            cells
        })
        .collect();
    rows.extend((0..t.blank_rows).map(|_| vec![String::new(); width]));
    let docx_header = docx_header(&header, width);
    TableView {
        title: t.title.clone().or_else(|| Some(t.name.clone())),
        unit: t.unit.clone(),
        header,
        flat_header: t.columns.iter().map(|c| c.path.join("/")).collect(),
        docx_header,
        rows,
        notes: t.notes.clone(),
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
