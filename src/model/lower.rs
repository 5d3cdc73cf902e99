//! Syntax tree → model: figures resolved to exact quantities, times to calendar intervals,
//! names to declarations. Problems are collected as diagnostics; lowering always finishes,
//! so that one bad figure does not hide the rest of the file from the checks.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::*;
use crate::date::{DatePoint, PartOfPeriod, Time};
use crate::diagnostics::{Diagnostic, FileId, Label, Severity, Span};
use crate::quantity::{QuantityError, UnitError};
use crate::syntax::ast;

/// Builds the model of one file. Returns the model and the problems found on the way.
pub fn lower(
    file: &ast::File,
    src: &str,
    path: &str,
    file_id: FileId,
) -> (Policy, Vec<Diagnostic>) {
    let mut cx = Lower {
        src,
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
    };
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
    (cx.policy, cx.diags)
}

/// A table's size limits while it is lowered: each is reported once per table.
struct TableLimits {
    name: String,
    name_span: Span,
    rows_reported: bool,
    columns_reported: bool,
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
    file_id: FileId,
    diags: Vec<Diagnostic>,
    policy: Policy,
    figure_ids: HashMap<String, Span>,
    pending_refs: Vec<PendingRef>,
    restate_counts: HashMap<String, usize>,
    /// The year that dates without one inherit.
    year: Option<i32>,
    /// Every declared name and alias → its unit in `policy.units`: looking names up one by
    /// one made 16,000 units take seconds to lower.
    unit_index: HashMap<String, usize>,
}

impl Lower<'_> {
    fn error(
        &mut self,
        code: &'static str,
        message: String,
        span: Span,
        label: &str,
    ) -> &mut Diagnostic {
        self.diags.push(
            Diagnostic::new(code, Severity::Error, message, self.file_id).with_primary(span, label),
        );
        self.diags.last_mut().expect("just pushed")
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

    // ───────────── quantities ─────────────

    fn quantity(&mut self, q: &ast::QuantityLit, src_text: &str) -> Quantity {
        match Quantity::resolve(
            &q.number.value,
            q.chinese_numeral,
            q.magnitude.as_ref().map(|m| m.value.as_str()),
            q.unit.as_ref().map(|u| u.value.as_str()),
            q.approx_prefix || q.approx_suffix,
            src_text,
        ) {
            Ok(v) => v,
            Err(e) => {
                self.quantity_error(e, q);
                fallback_quantity(src_text)
            }
        }
    }

    fn quantity_error(&mut self, e: QuantityError, q: &ast::QuantityLit) {
        match e {
            QuantityError::Number { text } => {
                self.error(
                    "E0105",
                    format!("数字“{text}”无法读取"),
                    q.number.span,
                    "这个数字",
                )
                .help = Some("数字写作 460、2.85、26,441，或中文数字 三、十二".into());
            }
            QuantityError::TooManyDigits { text, digits } => {
                self.error(
                    "E0003",
                    format!(
                        "数字“{text}”有 {digits} 位，超过上限 {} 位",
                        crate::quantity::MAX_DIGITS
                    ),
                    q.number.span,
                    "位数过多",
                )
                .help = Some("金额可用万元、亿元表示，如 5.8亿元".into());
            }
            QuantityError::Unit(UnitError::Unknown { component }) => {
                let span = q.unit.as_ref().map_or(q.span, |u| u.span);
                self.error(
                    "E0104",
                    format!("无法识别计量单位“{component}”"),
                    span,
                    "这个单位",
                )
                .help = Some(
                    "常用单位：户、平方米、万平方米、公里、元、万元、亿元、吨、个、座、台、%；复合单位写作 元/户、元/平方米·采暖季。单位后如有说明文字，请放在「」中".into(),
                );
            }
        }
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
    }

    // ───────────── times ─────────────

    fn time(&mut self, w: &ast::When) -> Time {
        let span = w.text.span;
        match &w.kind {
            ast::WhenKind::Raw => Time::unreadable(&w.text.value, span),
            ast::WhenKind::Recurring => {
                Time::in_words(&w.text.value, crate::date::TimeKind::Recurring, span)
            }
            ast::WhenKind::Relative => {
                Time::in_words(&w.text.value, crate::date::TimeKind::Relative, span)
            }
            ast::WhenKind::Point { at, before } => {
                let p = self.date_point(at);
                Time::point(&w.text.value, p, *before, self.year, span)
            }
            ast::WhenKind::Range { from, to } => {
                let a = self.date_point(from);
                let b = self.date_point(to);
                Time::range(&w.text.value, a, b, self.year, span)
            }
            ast::WhenKind::YearRange { from, to } => match (int(&from.value), int(&to.value)) {
                (Some(a), Some(b)) => {
                    Time::year_range(&w.text.value, saturating_i32(a), saturating_i32(b), span)
                }
                _ => Time::unreadable(&w.text.value, span),
            },
        }
    }

    fn date_point(&mut self, p: &ast::DatePoint) -> DatePoint {
        if let Some(iso) = &p.iso {
            let mut it = iso.value.split('-').map(|s| s.parse::<u32>().ok());
            let (y, m, d) = (
                it.next().flatten(),
                it.next().flatten(),
                it.next().flatten(),
            );
            return DatePoint {
                year: y.map(|y| y as i32),
                year_inherited: false,
                month: m,
                day: d,
                part: None,
                quarter: None,
            };
        }
        DatePoint {
            year: p
                .year
                .as_ref()
                .and_then(|t| int(&t.value))
                .map(saturating_i32),
            year_inherited: false,
            month: p
                .month
                .as_ref()
                .and_then(|t| int(&t.value))
                .map(saturating_u32),
            day: p
                .day
                .as_ref()
                .and_then(|t| int(&t.value))
                .map(saturating_u32),
            part: p
                .part
                .as_ref()
                .and_then(|t| PartOfPeriod::from_written(&t.value)),
            quarter: p
                .quarter
                .as_ref()
                .and_then(|t| {
                    int(&t.value).or_else(|| {
                        crate::quantity::parse_chinese_numeral(&t.value)
                            .and_then(|d| u64::try_from(d).ok())
                    })
                })
                .map(saturating_u32),
        }
    }

    // ───────────── notice ─────────────

    fn notice(&mut self, n: &ast::Notice) {
        let mut out = Notice {
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
                    out.recipients = l.iter().map(|t| t.value.clone()).collect()
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
            }
        }
        self.year = out.date.as_ref().and_then(Time::year);
        self.policy.notice = Some(out);
    }

    // ───────────── organisation ─────────────

    fn collect_plan_units(&mut self, items: &[ast::Item]) {
        for item in items {
            match item {
                ast::Item::Units(u) => self.units(u),
                ast::Item::Section(s) => self.collect_plan_units(&s.items),
                ast::Item::Attachment(a) => self.collect_plan_units(&a.items),
                _ => {}
            }
        }
    }

    fn units(&mut self, block: &ast::UnitsBlock) {
        for line in &block.lines {
            for decl in &line.units {
                let all_names = std::iter::once(&decl.name).chain(decl.aliases.iter());
                let mut clash = None;
                for n in all_names {
                    if self.find_unit(&n.value).is_some() {
                        clash = Some(n.clone());
                    }
                }
                if let Some(n) = clash {
                    self.error(
                        "E0102",
                        format!("单位“{}”重复声明", n.value),
                        n.span,
                        "已在前面声明过",
                    )
                    .help = Some("每个单位只声明一次；别称写在（又称 …）中".into());
                    continue;
                }
                let k = self.policy.units.len();
                for n in std::iter::once(&decl.name).chain(decl.aliases.iter()) {
                    self.unit_index.entry(n.value.clone()).or_insert(k);
                }
                self.policy.units.push(OrgUnit {
                    name: decl.name.value.clone(),
                    kind: line.kind.value.clone(),
                    aliases: decl.aliases.iter().map(|a| a.value.clone()).collect(),
                    span: decl.name.span,
                });
            }
        }
    }

    fn find_unit(&self, name: &str) -> Option<&OrgUnit> {
        self.unit_index.get(name).map(|&k| &self.policy.units[k])
    }

    fn unit_ref(&mut self, t: &ast::Text) -> UnitRef {
        let unit = self.find_unit(&t.value).map(|u| u.name.clone());
        if unit.is_none() {
            let near = self
                .policy
                .units
                .iter()
                .find(|u| {
                    std::iter::once(&u.name)
                        .chain(u.aliases.iter())
                        .any(|n| n.contains(t.value.as_str()) || t.value.contains(n.as_str()))
                })
                .map(|u| u.name.clone());
            let d = self.error(
                "E0103",
                format!("单位“{}”未在“单位”中声明", t.value),
                t.span,
                "未声明的单位",
            );
            d.help = Some(match near {
                Some(n) => format!(
                    "若它就是“{n}”，请在“单位”中把它写作别称：{n}（又称 {}）",
                    t.value
                ),
                None => format!("请在“单位 {{ … }}”中声明“{}”", t.value),
            });
        }
        UnitRef {
            written: t.value.clone(),
            unit,
            span: t.span,
        }
    }

    fn unit_refs(&mut self, list: &[ast::Text]) -> Vec<UnitRef> {
        list.iter().map(|t| self.unit_ref(t)).collect()
    }

    fn group(&mut self, g: &ast::Group) -> Group {
        Group {
            kind: g.kind.value.clone(),
            name: g.name.value.clone(),
            members: g.members.iter().map(|m| self.member(m)).collect(),
            office: g.office.as_ref().map(|o| Office {
                seat: o.seat.as_ref().map(|s| self.unit_ref(s)),
                members: o.members.iter().map(|m| self.member(m)).collect(),
                paragraphs: o.paragraphs.iter().map(|p| p.value.clone()).collect(),
                span: o.span,
            }),
            subgroups: g.subgroups.iter().map(|s| self.group(s)).collect(),
            paragraphs: g.paragraphs.iter().map(|p| p.value.clone()).collect(),
            span: g.span,
        }
    }

    fn member(&mut self, m: &ast::Member) -> Member {
        let post = m.post.as_ref().map(|p| p.value.clone());
        // The unit is the longest declared name or alias the post begins with
        // (区发展和改革局局长 → 区发展和改革局).
        let unit = post.as_deref().and_then(|p| {
            p.char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .rev()
                .find_map(|end| self.find_unit(&p[..end]))
                .map(|u| u.name.clone())
        });
        let (person, name_missing, collective) = match &m.person {
            ast::Person::Named(t) => (Some(t.value.clone()), false, false),
            ast::Person::Missing(_) => (None, true, false),
            ast::Person::Collective(_) => (None, false, true),
        };
        Member {
            role: m.role.value.split_whitespace().collect(),
            person,
            name_missing,
            collective,
            post,
            unit,
            span: m.span,
        }
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
        if let Some(y) = period.as_ref().and_then(Time::year) {
            self.year = Some(y);
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
            tasks: Vec::new(),
            phases: Vec::new(),
            milestones: Vec::new(),
            tables: Vec::new(),
            attachments: Vec::new(),
            groups: Vec::new(),
            span: p.span,
        };
        // Ratios are declared by name and used by breakdowns anywhere in the plan.
        self.collect_ratios(&p.items, &mut plan);
        plan.content = self.items(&p.items, &mut plan, 1, None);
        self.year = notice_year;
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
                let q = self.quantity(&f.value, &written(&f.value));
                self.add_figure(
                    Figure {
                        id: f.name.value.clone(),
                        label: f.name.value.clone(),
                        description: f.description.as_ref().map(|d| d.value.clone()),
                        role: FigureRole::Target,
                        quantity: q,
                        span: f.value.span,
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
            ast::Item::Attachment(a) => {
                let content = self.items(&a.items, plan, level + 1, Some(&a.title.value));
                plan.attachments.push(Attachment {
                    number: a.number.as_ref().map(|n| n.value.clone()),
                    title: a.title.value.clone(),
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

    #[allow(clippy::too_many_arguments)]
    fn breakdown(
        &mut self,
        id: String,
        label: String,
        dimension: &Option<ast::Text>,
        ratio: &Option<ast::SplitRatio>,
        description: &Option<ast::Text>,
        lines: &[ast::BreakdownLine],
        given_total: Option<String>,
        span: Span,
        plan: &mut Plan,
    ) -> Breakdown {
        let ratio = ratio.as_ref().and_then(|r| match r {
            ast::SplitRatio::Literal(l) => Some(ratio_spec(l)),
            ast::SplitRatio::Named(n) => {
                let found = plan
                    .ratios
                    .iter()
                    .find(|x| x.name == n.value)
                    .map(|x| x.ratio.clone());
                if found.is_none() {
                    self.error(
                        "E0101",
                        format!("引用了未声明的比例“{}”", n.value),
                        n.span,
                        "找不到这个比例",
                    )
                    .help = Some("用“比例 名称：7:3”声明，或直接写“比例 7:3”".into());
                }
                found
            }
        });
        let mut bd = Breakdown {
            id: id.clone(),
            label,
            dimension: dimension.as_ref().map(|d| d.value.clone()),
            ratio,
            description: description.as_ref().map(|d| d.value.clone()),
            total: given_total,
            parts: Vec::new(),
            nested: Vec::new(),
            span,
        };
        for line in lines {
            match line {
                ast::BreakdownLine::Total { keyword, value } => {
                    if bd.total.is_some() {
                        self.error(
                            "E0102",
                            format!("“{}”的合计写了两次", bd.id),
                            keyword.span,
                            "第二个合计",
                        );
                        continue;
                    }
                    let q = self.quantity(value, &written(value));
                    self.add_figure(
                        Figure {
                            id: id.clone(),
                            label: bd.label.clone(),
                            description: bd.description.clone(),
                            role: FigureRole::Total,
                            quantity: q,
                            span: value.span,
                        },
                        keyword.span,
                    );
                    bd.total = Some(id.clone());
                }
                ast::BreakdownLine::Restate(r) => {
                    let rs = self.restate(r);
                    plan.restatements.push(rs);
                }
                ast::BreakdownLine::Part(p) => {
                    let pid = format!("{id}.{}", p.label.value);
                    let q = self.quantity(&p.value, &written(&p.value));
                    self.add_figure(
                        Figure {
                            id: pid.clone(),
                            label: p
                                .description
                                .as_ref()
                                .map_or_else(|| p.label.value.clone(), |d| d.value.clone()),
                            description: p.description.as_ref().map(|d| d.value.clone()),
                            role: FigureRole::Part,
                            quantity: q,
                            span: p.value.span,
                        },
                        p.label.span,
                    );
                    bd.parts.push(pid.clone());
                    if !p.lines.is_empty() {
                        let nested = self.breakdown(
                            pid.clone(),
                            p.label.value.clone(),
                            &p.dimension,
                            &p.ratio,
                            &p.description,
                            &p.lines,
                            Some(pid),
                            p.span,
                            plan,
                        );
                        bd.nested.push(nested);
                    }
                }
            }
        }
        bd
    }

    fn restate(&mut self, r: &ast::Restate) -> Restatement {
        let target = path_string(&r.target);
        self.refer(target.clone(), r.target.span);
        let n = self.restate_counts.entry(target.clone()).or_insert(0);
        *n += 1;
        let id = format!("{target}#复述{n}");
        let q = self.quantity(&r.value, &written(&r.value));
        self.add_figure(
            Figure {
                id: id.clone(),
                label: r
                    .description
                    .as_ref()
                    .map_or_else(|| target.clone(), |d| d.value.clone()),
                description: r.description.as_ref().map(|d| d.value.clone()),
                role: FigureRole::Restatement,
                quantity: q,
                span: r.value.span,
            },
            r.target.span,
        );
        Restatement {
            target,
            figure: id,
            span: r.span,
        }
    }

    fn rule(&mut self, r: &ast::Rule) -> Rule {
        let branches = r
            .branches
            .iter()
            .map(|b| {
                let (lower, upper) = self.condition(&b.condition);
                Branch {
                    written: condition_written(&b.condition),
                    lower,
                    upper,
                    outcome: self.outcome(&b.outcome),
                    span: b.span,
                }
            })
            .collect();
        Rule {
            name: r.name.value.clone(),
            description: r.description.as_ref().map(|d| d.value.clone()),
            input: r.input.as_ref().map(|i| i.value.clone()),
            branches,
            otherwise: r.otherwise.as_ref().map(|o| self.outcome(o)),
            notes: r.notes.iter().map(|n| n.value.clone()).collect(),
            span: r.span,
        }
    }

    fn outcome(&mut self, o: &ast::Outcome) -> Outcome {
        Outcome {
            written: written(&o.value)
                + &o.cap
                    .as_ref()
                    .map_or(String::new(), |c| format!("，不超过{}", written(c))),
            value: self.quantity(&o.value, &written(&o.value)),
            cap: o.cap.as_ref().map(|c| self.quantity(c, &written(c))),
            span: o.span,
        }
    }

    /// The bounds a condition sets, with what the bound words include (DOMAIN.md: 以上, 以下,
    /// 以内, 不低于, 不少于, 不超过, 不高于 include the number; 不足, 不满, 低于, 少于, 超过,
    /// 高于 exclude it). An explicit （含）/（不含） overrides the word.
    fn condition(&mut self, c: &ast::Condition) -> (Option<Bound>, Option<Bound>) {
        match c {
            ast::Condition::Between {
                low,
                high,
                inclusion,
                ..
            } => {
                let inc = inclusion.as_ref().is_none_or(|i| !i.value.contains('不'));
                let l = self.quantity(low, &written(low));
                let h = self.quantity(high, &written(high));
                (
                    Some(Bound {
                        value: l,
                        inclusive: true,
                        word: None,
                        explicit: false,
                    }),
                    Some(Bound {
                        value: h,
                        inclusive: inc,
                        word: Some("至".into()),
                        explicit: inclusion.is_some(),
                    }),
                )
            }
            ast::Condition::Bound {
                prefix,
                value,
                suffix,
                inclusion,
                ..
            } => {
                let q = self.quantity(value, &written(value));
                let word = suffix
                    .as_ref()
                    .or(prefix.as_ref().filter(|p| p.value != "达到"))
                    .map(|t| t.value.clone());
                let lower_side = match word.as_deref() {
                    Some(
                        "以上" | "及以上" | "不低于" | "不少于" | "超过" | "高于" | "多于" | "大于"
                        | "≥" | ">",
                    ) => true,
                    Some(_) => false,
                    // 达到4万元 with no other word reads as "4万元 or more".
                    None => true,
                };
                let mut inclusive = word.as_deref().is_none_or(bound_inclusive);
                let explicit = inclusion.is_some();
                if let Some(i) = inclusion {
                    inclusive = !i.value.contains('不');
                }
                let bound = Bound {
                    value: q,
                    inclusive,
                    word,
                    explicit,
                };
                if lower_side {
                    (Some(bound), None)
                } else {
                    (None, Some(bound))
                }
            }
        }
    }

    fn expr(&mut self, e: &ast::Expr, columns: Option<&[Column]>) -> Expr {
        match e {
            ast::Expr::Quantity(q) => Expr::Literal {
                quantity: self.quantity(q, &written(q)),
                span: q.span,
            },
            ast::Expr::Path(p) => {
                let id = path_string(p);
                match columns {
                    Some(cols) => match column_index(cols, &id) {
                        Some(i) => Expr::Figure {
                            id: format!("第{}列", i + 1),
                            span: p.span,
                        },
                        None => {
                            self.error(
                                "E0101",
                                format!("表中没有名为“{id}”的列"),
                                p.span,
                                "找不到这一列",
                            )
                            .help = Some(
                                "列名照“列：”一行书写（可省去括号中的单位），或写作 第3列".into(),
                            );
                            Expr::Figure { id, span: p.span }
                        }
                    },
                    None => {
                        self.refer(id.clone(), p.span);
                        Expr::Figure { id, span: p.span }
                    }
                }
            }
            ast::Expr::Binary {
                op,
                left,
                right,
                span,
            } => Expr::Binary {
                op: match op {
                    ast::BinOp::Add => Op::Add,
                    ast::BinOp::Sub => Op::Sub,
                    ast::BinOp::Mul => Op::Mul,
                    ast::BinOp::Div => Op::Div,
                },
                left: Box::new(self.expr(left, columns)),
                right: Box::new(self.expr(right, columns)),
                span: *span,
            },
        }
    }

    fn calc(&mut self, c: &ast::Calc) -> Calc {
        Calc {
            name: c.name.as_ref().map(|n| n.value.clone()),
            written: String::new(),
            left: self.expr(&c.left, None),
            cmp: comparison(&c.cmp.value),
            right: self.expr(&c.right, None),
            description: c.description.as_ref().map(|d| d.value.clone()),
            span: c.span,
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
                ast::TaskField::Deadline(w) => task.deadline = Some(self.time(w)),
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

    fn phase(&mut self, p: &ast::Phase, plan: &mut Plan) -> Phase {
        let time = self.time(&p.when);
        // Steps without a year take the phase's.
        let outer = self.year;
        if let Some(y) = time.year() {
            self.year = Some(y);
        }
        let steps = p.steps.iter().map(|s| self.step(s)).collect();
        let milestones = p.milestones.iter().map(|s| self.step(s)).collect();
        for t in &p.tasks {
            let task = self.task(t, plan, Some(&p.name.value));
            plan.tasks.push(task);
        }
        self.year = outer;
        Phase {
            name: p.name.value.clone(),
            time,
            description: p.description.as_ref().map(|d| d.value.clone()),
            steps,
            milestones,
            paragraphs: p.paragraphs.iter().map(|t| t.value.clone()).collect(),
            span: p.span,
        }
    }

    fn step(&mut self, s: &ast::Step) -> Step {
        Step {
            name: s.name.value.clone(),
            time: self.time(&s.when),
            description: s.description.as_ref().map(|d| d.value.clone()),
            span: s.span,
        }
    }

    fn table(&mut self, t: &ast::Table) -> Table {
        let mut table = Table {
            name: t.name.value.clone(),
            title: t.title.as_ref().map(|x| x.value.clone()),
            unit: None,
            columns: Vec::new(),
            rows: Vec::new(),
            blank_rows: 0,
            relations: Vec::new(),
            notes: Vec::new(),
            span: t.span,
        };
        let mut limits = TableLimits {
            name: t.name.value.clone(),
            name_span: t.name.span,
            rows_reported: false,
            columns_reported: false,
        };
        for line in &t.lines {
            match line {
                ast::TableLine::Unit(u) => {
                    if let Err(UnitError::Unknown { component }) =
                        crate::quantity::parse_unit(&u.value)
                    {
                        self.error(
                            "E0104",
                            format!("无法识别计量单位“{component}”"),
                            u.span,
                            "这个单位",
                        );
                    }
                    table.unit = Some(u.value.clone());
                }
                ast::TableLine::Columns(cells) => {
                    let cells = self.table_width(&mut limits, cells);
                    table.columns = cells
                        .iter()
                        .map(|c| {
                            let path: Vec<String> = c
                                .value
                                .split(['/', '／'])
                                .map(|s| s.trim().to_string())
                                .collect();
                            let unit = path.iter().rev().find_map(|p| heading_unit(p));
                            Column {
                                written: c.value.clone(),
                                path,
                                unit,
                                span: c.span,
                            }
                        })
                        .collect();
                }
                ast::TableLine::Total(cells) => {
                    self.table_row(&mut table, &mut limits, RowKind::Total, cells)
                }
                ast::TableLine::Subtotal(cells) => {
                    self.table_row(&mut table, &mut limits, RowKind::Subtotal, cells)
                }
                ast::TableLine::Row(cells) => {
                    self.table_row(&mut table, &mut limits, RowKind::Data, cells)
                }
                ast::TableLine::Blank { count } => {
                    let wanted = int(&count.value).unwrap_or(0);
                    let room = MAX_TABLE_ROWS - table.rows.len().min(MAX_TABLE_ROWS);
                    let room = room.saturating_sub(table.blank_rows);
                    if wanted > room as u64 {
                        self.too_many_rows(&mut limits, count.span);
                    }
                    table.blank_rows += wanted.min(room as u64) as usize;
                }
                ast::TableLine::Relation(rel) => {
                    let ast::Relation {
                        left,
                        cmp,
                        right,
                        span,
                    } = rel.as_ref();
                    let cols = table.columns.clone();
                    let rel = Calc {
                        name: None,
                        written: String::new(),
                        left: self.expr(left, Some(&cols)),
                        cmp: comparison(&cmp.value),
                        right: self.expr(right, Some(&cols)),
                        description: None,
                        span: *span,
                    };
                    table.relations.push(rel);
                }
                ast::TableLine::Note(n) => table.notes.push(n.value.clone()),
            }
        }
        table
    }

    /// The cells of a line, cut to [`MAX_TABLE_COLUMNS`] with an `E0003` (once per table).
    fn table_width<'c>(
        &mut self,
        limits: &mut TableLimits,
        cells: &'c [ast::Text],
    ) -> &'c [ast::Text] {
        if cells.len() <= MAX_TABLE_COLUMNS {
            return cells;
        }
        if !limits.columns_reported {
            limits.columns_reported = true;
            let d = self.error(
                "E0003",
                format!(
                    "表“{}”有 {} 列，超过上限 {MAX_TABLE_COLUMNS} 列",
                    limits.name,
                    cells.len()
                ),
                cells[MAX_TABLE_COLUMNS].span,
                "从这一格起超出上限",
            );
            d.labels.push(Label {
                span: limits.name_span,
                message: "这张表".into(),
                primary: false,
            });
            d.help = Some(format!(
                "表格最多 {MAX_TABLE_COLUMNS} 列、{MAX_TABLE_ROWS} 行，超出的部分不予处理；请把表拆成几张，或检查是否把几行写成了一行"
            ));
        }
        &cells[..MAX_TABLE_COLUMNS]
    }

    /// Reports that a table has more than [`MAX_TABLE_ROWS`] rows (once per table).
    fn too_many_rows(&mut self, limits: &mut TableLimits, at: Span) {
        if limits.rows_reported {
            return;
        }
        limits.rows_reported = true;
        let d = self.error(
            "E0003",
            format!("表“{}”超过 {MAX_TABLE_ROWS} 行的上限", limits.name),
            at,
            "从这里起超出上限",
        );
        d.labels.push(Label {
            span: limits.name_span,
            message: "这张表".into(),
            primary: false,
        });
        d.help = Some(format!(
            "表格最多 {MAX_TABLE_ROWS} 行（含小计、合计和空行）、{MAX_TABLE_COLUMNS} 列，超出的部分不予处理；请把表拆成几张，或检查是否粘贴了多余的数据"
        ));
    }

    fn table_row(
        &mut self,
        table: &mut Table,
        limits: &mut TableLimits,
        kind: RowKind,
        cells: &[ast::Text],
    ) {
        let row_span = match (cells.first(), cells.last()) {
            (Some(a), Some(b)) => Span {
                start: a.span.start,
                end: b.span.end,
            },
            _ => Span::default(),
        };
        if table.rows.len() + table.blank_rows >= MAX_TABLE_ROWS {
            self.too_many_rows(limits, row_span);
            return;
        }
        let cells = self.table_width(limits, cells);
        let cells = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let unit = table
                    .columns
                    .get(i)
                    .and_then(|col| col.unit.clone())
                    .or_else(|| table.unit.clone());
                let value = if looks_numeric(&c.value) && i > 0 {
                    match crate::quantity::Quantity::from_cell(&c.value, unit.as_deref()) {
                        Ok(q) => Some(q),
                        Err(QuantityError::Unit(_)) => {
                            crate::quantity::Quantity::from_cell(&c.value, None).ok()
                        }
                        Err(_) => None,
                    }
                } else {
                    None
                };
                Cell {
                    text: c.value.clone(),
                    value,
                    span: c.span,
                }
            })
            .collect();
        table.rows.push(Row {
            kind,
            cells,
            span: row_span,
        });
    }
}

fn fallback_quantity(written: &str) -> Quantity {
    Quantity {
        written: written.to_string(),
        number: Decimal::ZERO,
        magnitude: None,
        unit: None,
        value: Decimal::ZERO,
        base_unit: String::new(),
        dims: Default::default(),
        precision: crate::quantity::Precision::Approximate,
        low: Decimal::ZERO,
        high: Decimal::ZERO,
    }
}

/// What a bound word includes (DOMAIN.md).
fn bound_inclusive(word: &str) -> bool {
    matches!(
        word,
        "以上"
            | "及以上"
            | "以下"
            | "及以下"
            | "以内"
            | "不低于"
            | "不少于"
            | "不超过"
            | "不高于"
            | "最多不超过"
            | "最高不超过"
            | "达到"
            | "≥"
            | "≤"
    )
}

fn comparison(s: &str) -> Comparison {
    match s {
        "≤" | "<=" => Comparison::AtMost,
        "≥" | ">=" => Comparison::AtLeast,
        _ => Comparison::Equal,
    }
}

fn written(q: &ast::QuantityLit) -> String {
    let mut s = String::new();
    if q.approx_prefix {
        s.push('约');
    }
    s.push_str(&q.number.value);
    if let Some(m) = &q.magnitude {
        s.push_str(&m.value);
    }
    if let Some(u) = &q.unit {
        s.push_str(&u.value);
    }
    if q.approx_suffix {
        s.push_str("左右");
    }
    s
}

fn condition_written(c: &ast::Condition) -> String {
    match c {
        ast::Condition::Between {
            low,
            high,
            inclusion,
            ..
        } => format!(
            "{}至{}{}",
            written(low),
            written(high),
            inclusion.as_ref().map_or("", |i| i.value.as_str())
        ),
        ast::Condition::Bound {
            prefix,
            value,
            suffix,
            inclusion,
            ..
        } => format!(
            "{}{}{}{}",
            prefix.as_ref().map_or("", |p| p.value.as_str()),
            written(value),
            suffix.as_ref().map_or("", |p| p.value.as_str()),
            inclusion.as_ref().map_or("", |i| i.value.as_str())
        ),
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

/// A year, month or day number as written, kept out of range rather than wrapped: 4294969296年
/// must be reported as a year outside the accepted range, not read as 2000年.
fn saturating_i32(v: u64) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

fn saturating_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn int(s: &str) -> Option<u64> {
    crate::quantity::parse_number(s)
        .ok()
        .and_then(|(v, _)| u64::try_from(v).ok())
}

/// The year a title names (东河区2021年清洁取暖实施方案 → 2021), for dates that omit theirs.
fn title_year(title: &str) -> Option<i32> {
    let chars: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
    chars.windows(5).find_map(|w| {
        if w[4] == '年' && w[..4].iter().all(char::is_ascii_digit) {
            w[..4].iter().collect::<String>().parse().ok()
        } else {
            None
        }
    })
}

/// The unit a heading gives in parentheses at its end: 总投资额（万元） → 万元.
fn heading_unit(heading: &str) -> Option<String> {
    let h = heading.trim_end();
    let inner = h
        .strip_suffix('）')
        .and_then(|x| x.rsplit_once('（'))
        .or_else(|| h.strip_suffix(')').and_then(|x| x.rsplit_once('(')))?
        .1
        .trim();
    crate::quantity::parse_unit(inner)
        .ok()
        .map(|_| inner.to_string())
}

fn looks_numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && s.chars().all(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ',' | '．')
        })
}

/// A column by name (with or without its unit), by its last heading, or as 第N列.
fn column_index(cols: &[Column], name: &str) -> Option<usize> {
    if let Some(n) = name.strip_prefix('第').and_then(|r| r.strip_suffix('列')) {
        return int(n)
            .and_then(|n| (n as usize).checked_sub(1))
            .filter(|i| *i < cols.len());
    }
    let strip = |s: &str| {
        let s = s.trim();
        match heading_unit(s) {
            Some(u) => s
                .trim_end_matches(['）', ')'])
                .trim_end_matches(u.as_str())
                .trim_end_matches(['（', '('])
                .to_string(),
            None => s.to_string(),
        }
    };
    let wanted = strip(name);
    let mut seen = HashSet::new();
    cols.iter()
        .position(|c| c.written == name || strip(&c.written) == wanted)
        .or_else(|| {
            cols.iter().position(|c| {
                let last = c.path.last().map(|l| strip(l)).unwrap_or_default();
                seen.insert(last.clone()) && last == wanted
            })
        })
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
