//! Syntax tree → model: figures resolved to exact quantities, times to calendar intervals,
//! names to declarations. Problems are collected as diagnostics; lowering always finishes,
//! so that one bad figure does not hide the rest of the file from the checks.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::*;
use crate::date::{DatePoint, PartOfPeriod, Time};
use crate::diagnostics::{Diagnostic, FileId, Label, Severity, Span};
use crate::syntax::{ast, suggest};

mod cell_refs;
mod figures;
mod org;
mod rules;
mod shapes;
mod tables;
mod times;

use figures::written;
use rules::{bound_inclusive, comparison};
use tables::column_index;
use times::{int, title_year, YearSpan};

/// Builds the model of one file. Returns the model and the problems found on the way.
pub fn lower<'s>(
    file: &'s ast::File,
    src: &'s str,
    path: &str,
    file_id: FileId,
) -> (Policy, Vec<Diagnostic>) {
    let mut cx = Lower {
        src,
        file,
        declared: None,
        file_id,
        diags: Vec::new(),
        policy: Policy {
            file: path.to_string(),
            notice: None,
            units: Vec::new(),
            groups: Vec::new(),
            plans: Vec::new(),
            figures: Vec::new(),
            check_levels: Vec::new(),
            figure_index: Default::default(),
        },
        figure_ids: HashMap::new(),
        unit_index: HashMap::new(),
        pending_refs: Vec::new(),
        restate_counts: HashMap::new(),
        year: None,
        spanning: None,
        document_date: None,
    };
    for &at in &file.stray_quotes {
        cx.stray_quote(at);
    }
    // Units first: tasks and groups anywhere in the file may name them.
    for item in &file.items {
        match item {
            ast::TopItem::Units(u) => cx.units(u),
            ast::TopItem::Plan(p) => cx.collect_plan_units(&p.items),
            _ => {}
        }
    }
    for item in &file.items {
        if let ast::TopItem::Notice(n) = item {
            cx.notice(n);
        }
    }
    for item in &file.items {
        match item {
            ast::TopItem::Plan(p) => {
                let plan = cx.plan(p);
                cx.policy.plans.push(plan);
            }
            ast::TopItem::Group(g) => {
                let g = cx.group(g);
                cx.policy.groups.push(g);
            }
            ast::TopItem::Lints(settings) => {
                for s in settings {
                    cx.check_level(s);
                }
            }
            _ => {}
        }
    }
    cx.resolve_pending();
    cx.resolve_relation_figures();
    (cx.policy, cx.diags)
}

/// A table's size limits while it is lowered: each is reported once per table.
struct TableLimits {
    name: String,
    name_span: Span,
    rows_reported: bool,
    columns_reported: bool,
    /// The columns' units as the rows' cells are checked against them, worked out at the
    /// first row after the table's unit or columns are given.
    large_units: Option<crate::model::table::LargeUnits>,
}

/// A reference to check once every figure is known (figures may be referred to before
/// the line that states them).
struct PendingRef {
    path: String,
    span: Span,
}

struct Lower<'s> {
    /// The source text, to place carets inside prose.
    src: &'s str,
    /// The syntax tree, for the names it declares.
    file: &'s ast::File,
    /// Every figure path the file declares, collected when first needed.
    declared: Option<HashSet<String>>,
    file_id: FileId,
    diags: Vec<Diagnostic>,
    policy: Policy,
    figure_ids: HashMap<String, Span>,
    pending_refs: Vec<PendingRef>,
    restate_counts: HashMap<String, usize>,
    /// The year that dates without one inherit.
    year: Option<i32>,
    /// Where that year comes from when it is one of several: a 实施期限 or a phase that spans
    /// more than one year (2021-2023年), its first and last year. A date without a year
    /// read in it is a guess, and D224 says which year it was read in.
    spanning: Option<YearSpan>,
    /// The document's date (成文日期) as written, and its year: 今年 and 明年 are read from it.
    document_date: Option<(String, i32)>,
    /// Every declared name and alias → its unit in `policy.units`: looking names up one by
    /// one made 16,000 units take seconds to lower.
    unit_index: HashMap<String, usize>,
}

impl Lower<'_> {
    fn note(
        &mut self,
        code: &'static str,
        message: String,
        span: Span,
        label: &str,
    ) -> &mut Diagnostic {
        self.push_diag(Severity::Note, code, message, span, label)
    }

    fn error(
        &mut self,
        code: &'static str,
        message: String,
        span: Span,
        label: &str,
    ) -> &mut Diagnostic {
        self.push_diag(Severity::Error, code, message, span, label)
    }

    fn push_diag(
        &mut self,
        severity: Severity,
        code: &'static str,
        message: String,
        span: Span,
        label: &str,
    ) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::new(code, severity, message, self.file_id).with_primary(span, label));
        self.diags.last_mut().expect("just pushed")
    }

    /// E0024 on a 「 that unquoted text holds without its 」: the value keeps the stray
    /// bracket and everything the drafter meant to quote after it is read as separate lines.
    fn stray_quote(&mut self, at: Span) {
        let line = self.src[..at.start.min(self.src.len())]
            .matches('\n')
            .count()
            + 1;
        self.error(
            "E0024",
            format!("第{line}行的“「”没有对应的“」”"),
            at,
            "这段文字没有结束",
        )
        .help = Some(
            "在这段文字的末尾加上“」”；没有“」”时，“「”只是这一行的一个字，后面的行不属于这段文字"
                .into(),
        );
    }

    /// 允许 O402 「理由」: a known check code, and a reason for silencing it.
    fn check_level(&mut self, s: &ast::LintSetting) {
        let code = s.code.value.to_ascii_uppercase();
        let known = crate::diagnostics::codes::lookup(&code);
        if known.is_none() || code.starts_with('E') {
            self.error(
                "E0107",
                format!("“{code}”不是可以调整的检查代码"),
                s.code.span,
                "这个代码",
            )
            .help = Some(
                "只有检查（A、D、R、O 开头的代码）可以调整；运行 policyc explain 查看全部代码"
                    .into(),
            );
            return;
        }
        let level = Level::parse(&s.level.value).expect("grammar admits only the four levels");
        if level == Level::Allow && s.reason.as_ref().is_none_or(|r| r.value.trim().is_empty()) {
            self.error(
                "E0106",
                format!("允许 {code} 时必须写明理由"),
                s.span,
                "缺少理由",
            )
            .help = Some(format!(
                "在代码后用「」写明理由，如：允许 {code} 「两处数字口径不同，已在正文说明」"
            ));
            return;
        }
        self.policy.check_levels.push(CheckLevel {
            code,
            level,
            reason: s.reason.as_ref().map(|r| r.value.clone()),
            span: s.span,
        });
    }

    /// Records a stated figure under its path; `name_span` is where the path's name is written.
    fn add_figure(&mut self, figure: Figure, name_span: Span) {
        let id = figure.id.clone();
        if let Some(first) = self.figure_ids.get(&id).copied() {
            self.diags.push(
                Diagnostic::new(
                    "E0102",
                    Severity::Error,
                    format!("名称“{id}”重复声明"),
                    self.file_id,
                )
                .with_primary(name_span, "再次声明")
                .with_secondary(first, "首次声明在这里")
                .with_help("同一数字再次出现时请用“复述 名称：数量”；不同的数字请另起名称"),
            );
            return;
        }
        self.figure_ids.insert(id, name_span);
        let figure = per_household(figure);
        self.policy.figures.push(figure);
    }

    fn refer(&mut self, path: String, span: Span) {
        self.pending_refs.push(PendingRef { path, span });
    }

    fn resolve_pending(&mut self) {
        let refs = std::mem::take(&mut self.pending_refs);
        for r in refs {
            if self.figure_ids.contains_key(&r.path) {
                continue;
            }
            match self.table_cell(&r.path) {
                cell_refs::CellLookup::Found(figure) => {
                    self.figure_ids.insert(r.path, figure.span);
                    self.policy.figures.push(*figure);
                    continue;
                }
                cell_refs::CellLookup::Wrong { message, help } => {
                    self.error("E0101", message, r.span, "找不到这一格").help = Some(help);
                    continue;
                }
                cell_refs::CellLookup::NotACell => {}
            }
            let suggestion = self.closest_figure(&r.path);
            let d = self.error(
                "E0101",
                format!("引用了未声明的名称“{}”", r.path),
                r.span,
                "找不到这个名称",
            );
            d.help = Some(match suggestion {
                Some(s) => format!("是否指“{s}”？"),
                None => "先用 指标、分解、标准 或 假设 声明这个数字，再引用它".into(),
            });
        }
    }

    fn closest_figure(&self, path: &str) -> Option<String> {
        let last = path.rsplit('.').next().unwrap_or(path);
        self.policy
            .figures
            .iter()
            .map(|f| &f.id)
            .find(|id| id.ends_with(last) || id.contains(path) || path.contains(id.as_str()))
            .cloned()
            .or_else(|| {
                // One character off (改造户树 for 改造户数).
                suggest::nearest(path, self.policy.figures.iter().map(|f| f.id.as_str()))
                    .map(str::to_string)
            })
    }

    // ───────────── notice ─────────────

    fn notice(&mut self, n: &ast::Notice) {
        let mut out = Notice {
            document: match n.kind.value.as_str() {
                "政策解读" | "解读" => Some(DocumentKind::Interpretation),
                "新闻报道" | "报道" => Some(DocumentKind::Report),
                _ => None,
            },
            span: n.span,
            ..Default::default()
        };
        for f in &n.fields {
            match f {
                ast::NoticeField::Title(t) => out.title = Some(t.value.clone()),
                ast::NoticeField::Bookmarks(l) => {
                    out.bookmarks = l.iter().map(|t| t.value.clone()).collect()
                }
                ast::NoticeField::Issuer(t) => out.issuer = Some(t.value.clone()),
                ast::NoticeField::Number(t) => out.number = Some(t.value.clone()),
                ast::NoticeField::Recipients(l) => {
                    out.recipients = l.iter().map(|t| t.value.clone()).collect();
                    out.recipients_written = l
                        .first()
                        .zip(l.last())
                        .and_then(|(a, b)| self.src.get(a.span.start..b.span.end))
                        .map(str::to_string);
                }
                ast::NoticeField::RecipientsLine(t) => {
                    out.recipients = t
                        .value
                        .trim_end_matches(['：', ':'])
                        .split(['、', '，', ','])
                        .map(str::trim)
                        .filter(|r| !r.is_empty())
                        .map(str::to_string)
                        .collect();
                    out.recipients_written = Some(t.value.clone());
                    out.recipients_line = true;
                }
                // A paragraph after the 署名 or 成文日期 is printed after them.
                ast::NoticeField::Paragraph(t) if out.signature.is_some() || out.date.is_some() => {
                    out.after_signature.push(t.value.clone())
                }
                ast::NoticeField::Body(t) | ast::NoticeField::Paragraph(t) => {
                    out.body.push(t.value.clone())
                }
                ast::NoticeField::Signature(t) => out.signature = Some(t.value.clone()),
                ast::NoticeField::Date(w) => {
                    let t = self.time(w);
                    out.date = Some(t);
                }
                ast::NoticeField::Remark(t) => out.remark = Some(t.value.clone()),
                ast::NoticeField::Printed { by, when } => {
                    out.printed_by = Some(by.value.clone());
                    out.printed_on = Some(self.time(when));
                }
                ast::NoticeField::CarbonCopy(l) => {
                    out.carbon_copy = l.iter().map(|t| t.value.clone()).collect()
                }
                ast::NoticeField::Contact(t) => out.contact = Some(t.value.clone()),
                ast::NoticeField::Phone(t) => out.phone = Some(t.value.clone()),
                ast::NoticeField::Published(w) => out.published_on = Some(self.time(w)),
                ast::NoticeField::Source(t) => out.source = Some(t.value.clone()),
                ast::NoticeField::Interprets(t) => out.interprets = Some(t.value.clone()),
                ast::NoticeField::Interpreter(t) => out.interpreter = Some(t.value.clone()),
            }
        }
        self.year = out.date.as_ref().and_then(Time::year);
        self.document_date = out
            .date
            .as_ref()
            .and_then(|t| Some((t.written.clone(), t.year()?)));
        self.policy.notice = Some(out);
    }

    // ───────────── plans ─────────────

    fn plan(&mut self, p: &ast::Plan) -> Plan {
        let notice_year = self.year;
        self.year = title_year(&p.title.value).or(notice_year);
        // The period comes first in reading order, but may be written anywhere in the plan.
        let period = p.items.iter().find_map(|i| match i {
            ast::Item::Period(w) => Some(w),
            _ => None,
        });
        let period = period.map(|w| self.time(w));
        // A plan signed and dated by itself (its own 成文日期, no 通知 that carries one) is
        // the document 今年 and 明年 are said from, wherever in the plan its date is written.
        let outer_date = self.document_date.clone();
        if self.document_date.is_none() {
            let own_date = p.items.iter().find_map(|i| match i {
                ast::Item::Date(w) => Some(w),
                _ => None,
            });
            // Read here for its year only; its findings are reported where it is lowered.
            let reported = self.diags.len();
            let own = own_date.map(|w| self.time(w));
            self.diags.truncate(reported);
            if let Some(t) = own {
                self.document_date = t.year().map(|y| (t.written.clone(), y));
                if self.year.is_none() {
                    self.year = t.year();
                }
            }
        }
        let outer_span = self.spanning.take();
        if let Some(t) = &period {
            if let Some(y) = t.year() {
                self.year = Some(y);
            }
            self.spanning = YearSpan::of("实施期限", t);
        }
        let mut plan = Plan {
            kind: p.keyword.value.clone(),
            title: p.title.value.clone(),
            issuer: None,
            date: None,
            contact: None,
            phone: None,
            basis: Vec::new(),
            period,
            content: Vec::new(),
            breakdowns: Vec::new(),
            restatements: Vec::new(),
            rates: Vec::new(),
            ratios: Vec::new(),
            rules: Vec::new(),
            calcs: Vec::new(),
            lists: Vec::new(),
            tasks: Vec::new(),
            phases: Vec::new(),
            milestones: Vec::new(),
            tables: Vec::new(),
            attachments: Vec::new(),
            groups: Vec::new(),
            background: Vec::new(),
            aliases: Vec::new(),
            span: p.span,
        };
        // Ratios are declared by name and used by breakdowns anywhere in the plan.
        self.collect_ratios(&p.items, &mut plan);
        plan.content = self.items(&p.items, &mut plan, 1, None);
        self.year = notice_year;
        self.spanning = outer_span;
        self.document_date = outer_date;
        plan
    }

    fn collect_ratios(&mut self, items: &[ast::Item], plan: &mut Plan) {
        for item in items {
            match item {
                ast::Item::Ratio(r) => plan.ratios.push(Ratio {
                    name: r.name.value.clone(),
                    ratio: ratio_spec(&r.ratio),
                    description: r.description.as_ref().map(|d| d.value.clone()),
                    span: r.span,
                }),
                ast::Item::Section(s) => self.collect_ratios(&s.items, plan),
                ast::Item::Attachment(a) => self.collect_ratios(&a.items, plan),
                _ => {}
            }
        }
    }

    fn items(
        &mut self,
        items: &[ast::Item],
        plan: &mut Plan,
        level: usize,
        section: Option<&str>,
    ) -> Vec<Block> {
        let mut out = Vec::new();
        for item in items {
            if let Some(b) = self.item(item, plan, level, section) {
                out.push(b);
            }
        }
        out
    }

    fn item(
        &mut self,
        item: &ast::Item,
        plan: &mut Plan,
        level: usize,
        section: Option<&str>,
    ) -> Option<Block> {
        Some(match item {
            ast::Item::Basis(t) => {
                plan.basis.push(t.value.clone());
                return None;
            }
            ast::Item::Alias(t) => {
                plan.aliases.push(t.value.clone());
                return None;
            }
            ast::Item::Period(_) | ast::Item::Units(_) | ast::Item::Ratio(_) => {
                if let ast::Item::Ratio(r) = item {
                    let index = plan.ratios.iter().position(|x| x.span == r.span)?;
                    return Some(Block::Ratio { index });
                }
                return None;
            }
            ast::Item::Issuer(t) => {
                plan.issuer = Some(t.value.clone());
                return None;
            }
            ast::Item::Contact(t) => {
                plan.contact = Some(t.value.clone());
                return None;
            }
            ast::Item::Phone(t) => {
                plan.phone = Some(t.value.clone());
                return None;
            }
            ast::Item::Date(w) => {
                plan.date = Some(self.time(w));
                return None;
            }
            ast::Item::Section(s) => Block::Section {
                title: s.title.value.clone(),
                level,
                content: self.items(&s.items, plan, level + 1, Some(&s.title.value)),
            },
            ast::Item::Paragraph(t) => {
                self.prose_refs(t);
                Block::Paragraph {
                    markdown: t.value.clone(),
                }
            }
            ast::Item::Figure(f) => {
                let q = self.figure_quantity(f);
                self.add_figure(
                    Figure {
                        id: f.name.value.clone(),
                        label: f.name.value.clone(),
                        description: f.description.as_ref().map(|d| d.value.clone()),
                        role: FigureRole::Target,
                        quantity: q,
                        span: f.shape.as_ref().map_or(f.value.span, |s| s.written.span),
                    },
                    f.name.span,
                );
                Block::Figure {
                    id: f.name.value.clone(),
                }
            }
            ast::Item::Assume(f) => {
                let q = self.quantity(&f.value, &written(&f.value));
                self.add_figure(
                    Figure {
                        id: f.name.value.clone(),
                        label: f.name.value.clone(),
                        description: f.description.as_ref().map(|d| d.value.clone()),
                        role: FigureRole::Assumption,
                        quantity: q,
                        span: f.value.span,
                    },
                    f.name.span,
                );
                Block::Figure {
                    id: f.name.value.clone(),
                }
            }
            ast::Item::Breakdown(b) => {
                let bd = self.breakdown(
                    b.name.value.clone(),
                    b.name.value.clone(),
                    &b.dimension,
                    &b.ratio,
                    &b.description,
                    &b.lines,
                    None,
                    b.span,
                    plan,
                );
                plan.breakdowns.push(bd);
                Block::Breakdown {
                    index: plan.breakdowns.len() - 1,
                }
            }
            ast::Item::Restate(r) => {
                let rs = self.restate(r);
                plan.restatements.push(rs);
                Block::Restatement {
                    index: plan.restatements.len() - 1,
                }
            }
            ast::Item::Rate(r) => {
                let q = self.quantity(&r.value, &written(&r.value));
                self.add_figure(
                    Figure {
                        id: r.name.value.clone(),
                        label: r.name.value.clone(),
                        description: r.description.as_ref().map(|d| d.value.clone()),
                        role: FigureRole::Rate,
                        quantity: q,
                        span: r.value.span,
                    },
                    r.name.span,
                );
                let cap = r.cap.as_ref().map(|c| {
                    let value = self.quantity(&c.value, &written(&c.value));
                    let word = c
                        .bound
                        .as_ref()
                        .or(c.suffix.as_ref())
                        .map(|t| t.value.clone());
                    let inclusive = word.as_deref().is_none_or(bound_inclusive);
                    Cap {
                        scope: c.scope.as_ref().map(|s| s.value.clone()),
                        bound: Bound {
                            value,
                            inclusive,
                            word,
                            explicit: false,
                        },
                        span: c.span,
                    }
                });
                let term = r.term.as_ref().map(|t| self.quantity(t, &written(t)));
                plan.rates.push(Rate {
                    name: r.name.value.clone(),
                    figure: r.name.value.clone(),
                    description: r.description.as_ref().map(|d| d.value.clone()),
                    cap,
                    term,
                    notes: r.notes.iter().map(|n| n.value.clone()).collect(),
                    span: r.span,
                });
                Block::Rate {
                    index: plan.rates.len() - 1,
                }
            }
            ast::Item::Rule(r) => {
                let rule = self.rule(r);
                plan.rules.push(rule);
                Block::Rule {
                    index: plan.rules.len() - 1,
                }
            }
            ast::Item::Calc(c) => {
                let calc = self.calc(c);
                plan.calcs.push(calc);
                Block::Calc {
                    index: plan.calcs.len() - 1,
                }
            }
            ast::Item::Task(t) => {
                let task = self.task(t, plan, section);
                plan.tasks.push(task);
                Block::Task {
                    index: plan.tasks.len() - 1,
                }
            }
            ast::Item::List(l) => {
                let list = self.counted_list(l);
                plan.lists.push(list);
                Block::List {
                    index: plan.lists.len() - 1,
                }
            }
            ast::Item::Phase(p) => {
                let phase = self.phase(p, plan);
                plan.phases.push(phase);
                Block::Phase {
                    index: plan.phases.len() - 1,
                }
            }
            ast::Item::Milestone(s) => {
                let step = self.step(s);
                plan.milestones.push(step);
                Block::Milestone {
                    index: plan.milestones.len() - 1,
                }
            }
            ast::Item::Table(t) => {
                let table = self.table(t);
                plan.tables.push(table);
                Block::Table {
                    index: plan.tables.len() - 1,
                }
            }
            ast::Item::Background(b) => {
                let time = b.time.as_ref().map(|w| self.time(w));
                let first = self.policy.figures.len();
                let content = self.items(&b.items, plan, level, section);
                let figures = self.policy.figures[first..]
                    .iter()
                    .map(|f| f.id.clone())
                    .collect();
                plan.background.push(Background {
                    description: b.description.as_ref().map(|d| d.value.clone()),
                    time,
                    figures,
                    span: b.span,
                });
                Block::Background {
                    index: plan.background.len() - 1,
                    content,
                }
            }
            ast::Item::Attachment(a) => {
                let content = self.items(&a.items, plan, level + 1, Some(&a.title.value));
                plan.attachments.push(Attachment {
                    number: a.number.as_ref().map(|n| n.value.clone()),
                    title: a.title.value.clone(),
                    label: a.label.as_ref().map(|h| h.value.clone()),
                    missing: !a.has_body,
                    content,
                    span: a.span,
                });
                Block::Attachment {
                    index: plan.attachments.len() - 1,
                }
            }
            ast::Item::Group(g) => {
                let g = self.group(g);
                self.policy.groups.push(g);
                Block::Group {
                    index: self.policy.groups.len() - 1,
                }
            }
        })
    }

    /// `{路径}` in prose shows a declared figure: check that it exists.
    fn prose_refs(&mut self, t: &ast::Text) {
        // Span of the prose text's content: the text value was dedented, so offsets inside it
        // are approximate; point at the whole paragraph's opening instead when unsure.
        let mut rest = t.value.as_str();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let path = after[..close].trim();
            if !path.is_empty() && !path.contains(char::is_whitespace) {
                let span = locate(self.src, t, path);
                self.refer(path.replace(['「', '」'], ""), span);
            }
            rest = &after[close + 1..];
        }
    }

    fn task(&mut self, t: &ast::Task, plan: &mut Plan, section: Option<&str>) -> Task {
        let mut task = Task {
            number: t.number.as_ref().map(|n| n.value.clone()),
            title: t.title.as_ref().map(|n| n.value.clone()),
            content: None,
            lead: Vec::new(),
            responsible: Vec::new(),
            cooperating: Vec::new(),
            implementing: Vec::new(),
            duty: None,
            deadline: None,
            stages: Vec::new(),
            start: None,
            period: None,
            targets: Vec::new(),
            paragraphs: Vec::new(),
            section: section.map(str::to_string),
            span: t.span,
        };
        for f in &t.fields {
            match f {
                ast::TaskField::Content(c) => {
                    self.prose_refs(c);
                    task.content = Some(c.value.clone())
                }
                ast::TaskField::Lead(l) => task.lead = self.unit_refs(l),
                ast::TaskField::Responsible(l) => task.responsible = self.unit_refs(l),
                ast::TaskField::Cooperating(l) => task.cooperating = self.unit_refs(l),
                ast::TaskField::Implementing(l) => task.implementing = self.unit_refs(l),
                ast::TaskField::Duty(d) => task.duty = Some(d.value.clone()),
                ast::TaskField::Deadline(w) => {
                    task.stages = self.stages(w);
                    task.deadline = Some(match task.stages.is_empty() {
                        true => self.time(w),
                        false => times::staged_time(w, &task.stages),
                    });
                }
                ast::TaskField::Start(w) => task.start = Some(self.time(w)),
                ast::TaskField::Span(w) => task.period = Some(self.time(w)),
                ast::TaskField::Item(item) => {
                    let before = self.policy.figures.len();
                    if let ast::Item::Paragraph(p) = item.as_ref() {
                        self.prose_refs(p);
                        task.paragraphs.push(p.value.clone());
                        continue;
                    }
                    self.item(item, plan, 9, section);
                    task.targets.extend(
                        self.policy.figures[before..]
                            .iter()
                            .filter(|f| f.role != FigureRole::Part)
                            .map(|f| f.id.clone()),
                    );
                }
            }
        }
        task
    }
}

fn ratio_spec(r: &ast::RatioLit) -> RatioSpec {
    RatioSpec {
        written: r
            .terms
            .iter()
            .map(|t| t.value.as_str())
            .collect::<Vec<_>>()
            .join(":"),
        terms: r
            .terms
            .iter()
            .map(|t| crate::quantity::parse_number(&t.value).map_or(Decimal::ZERO, |(v, _)| v))
            .collect(),
        span: r.span,
    }
}

fn path_string(p: &ast::Path) -> String {
    p.segments
        .iter()
        .map(|s| s.value.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

/// Where a `{path}` stands inside prose, searched in the paragraph's source text so the
/// caret is right even though the stored prose was dedented.
fn locate(src: &str, t: &ast::Text, path: &str) -> Span {
    let within = src.get(t.span.start..t.span.end).unwrap_or("");
    match within.find(path) {
        Some(i) => Span {
            start: t.span.start + i,
            end: t.span.start + i + path.len(),
        },
        None => t.span,
    }
}

/// A figure named as an average over households (户均补助：2.43万元, 光伏板户均面积：70平方米,
/// 每户面积：80平方米) is per household even where the notice writes the bare unit beside it:
/// 万元/户, 平方米/户. Only a whole figure's own name counts (not a part of a breakdown), and
/// only a unit with no 户 and nothing divided in it: 1600元/户 is already per household.
fn per_household(mut figure: Figure) -> Figure {
    let named = !figure.id.contains('.') && crate::model::names_a_household_average(&figure.id);
    let q = &mut figure.quantity;
    let plain = !q.dims.is_empty() && q.dims.values().all(|e| *e > 0) && !q.dims.contains_key("户");
    if named && plain {
        q.dims.insert("户".to_string(), -1);
        q.base_unit = crate::quantity::base_name(&q.dims);
    }
    figure
}
