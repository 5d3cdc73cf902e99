//! The document's structure: the notice, its plans and what they hold — sections, prose,
//! breakdowns, rules, tables, tasks — lowered item by item in reading order.

use super::*;

impl Lower<'_> {
    // ───────────── notice ─────────────

    pub(super) fn notice(&mut self, n: &ast::Notice) {
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

    pub(super) fn plan(&mut self, p: &ast::Plan) -> Plan {
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

    pub(super) fn task(&mut self, t: &ast::Task, plan: &mut Plan, section: Option<&str>) -> Task {
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
