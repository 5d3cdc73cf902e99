//! Stated figures: quantities resolved from their written parts, breakdowns and restatements.

use super::*;

use rust_decimal::Decimal;

use crate::quantity::{QuantityError, UnitError};

impl Lower<'_> {
    /// Every figure path the file declares (指标, 假设, 标准, 分解 and their parts), read from
    /// the syntax tree, so that a reference can be told from a figure before the line that
    /// declares it has been lowered.
    pub(super) fn declared_names(&mut self) -> &HashSet<String> {
        let file = self.file;
        self.declared.get_or_insert_with(|| {
            let mut names = HashSet::new();
            for item in &file.items {
                if let ast::TopItem::Plan(p) = item {
                    declared_in(&p.items, &mut names);
                }
            }
            names
        })
    }

    // ───────────── quantities ─────────────

    pub(super) fn quantity(&mut self, q: &ast::QuantityLit, src_text: &str) -> Quantity {
        match Quantity::resolve(
            &q.number.value,
            q.chinese_numeral,
            q.magnitude.as_ref().map(|m| m.value.as_str()),
            q.unit.as_ref().map(|u| u.value.as_str()),
            q.approx_prefix.is_some() || q.approx_suffix,
            src_text,
        ) {
            Ok(v) if q.bound.as_ref().is_some_and(|b| is_near(&b.value)) => v.just_under(),
            Ok(v) if q.bound.is_some() => v.more_than(),
            Ok(v) => v,
            Err(e) => {
                self.quantity_error(e, q);
                fallback_quantity(src_text)
            }
        }
    }

    pub(super) fn quantity_error(&mut self, e: QuantityError, q: &ast::QuantityLit) {
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
            QuantityError::TooLarge { written }
            | QuantityError::Unit(UnitError::TooLarge { unit: written }) => {
                self.too_large(&written, q.span);
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

    /// E0110: a figure (or a unit) whose value is beyond what exact decimals hold.
    pub(super) fn too_large(&mut self, written: &str, span: Span) {
        self.error(
            "E0110",
            format!("“{written}”的数值过大，超出可以精确计算的范围（约 7.9 × 10²⁸）"),
            span,
            "数值过大",
        )
        .help = Some(
            "请核对数字和单位：是否把 亿元 写成了 亿亿元，或多写了几位数？这个数字不参与核对"
                .into(),
        );
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn breakdown(
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
                    // A breakdown whose total line restates a figure stated earlier (分解
                    // 能效提升面积按区域 { 复述 能效提升面积：112.17万平方米 … }) has that
                    // restated figure as its total, so its parts are still added up.
                    if bd.total.is_none() {
                        bd.total = Some(rs.figure.clone());
                    }
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

    pub(super) fn restate(&mut self, r: &ast::Restate) -> Restatement {
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
}

pub(super) fn fallback_quantity(written: &str) -> Quantity {
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

/// Whether a figure's bound word is 近/接近 (just under), not 余/多 (more than).
fn is_near(word: &str) -> bool {
    word.ends_with('近')
}

/// The figure as written, with the notice's own spaces between its parts kept (3484 户,
/// 212 万平方米): the renderers print it as the notice does.
pub(super) fn written(q: &ast::QuantityLit) -> String {
    let mut s = String::new();
    if let Some(word) = &q.approx_prefix {
        s.push_str(&word.value);
    }
    let bound = q.bound.as_ref();
    let mut last_end = None;
    let mut push = |s: &mut String, part: &ast::Text| {
        if last_end.is_some_and(|end| part.span.start > end) {
            s.push(' ');
        }
        s.push_str(&part.value);
        last_end = Some(part.span.end);
    };
    if let Some(near) = bound.filter(|b| is_near(&b.value)) {
        push(&mut s, near);
    }
    push(&mut s, &q.number);
    if let Some(m) = &q.magnitude {
        push(&mut s, m);
    }
    if let Some(more) = bound.filter(|b| !is_near(&b.value)) {
        push(&mut s, more);
    }
    if let Some(u) = &q.unit {
        push(&mut s, u);
    }
    if q.approx_suffix {
        s.push_str("左右");
    }
    s
}

fn declared_in(items: &[ast::Item], names: &mut HashSet<String>) {
    for item in items {
        declared_in_item(item, names);
    }
}

fn declared_in_item(item: &ast::Item, names: &mut HashSet<String>) {
    match item {
        ast::Item::Figure(f) | ast::Item::Assume(f) => {
            names.insert(f.name.value.clone());
        }
        ast::Item::Rate(r) => {
            names.insert(r.name.value.clone());
        }
        ast::Item::Breakdown(b) => {
            names.insert(b.name.value.clone());
            declared_parts(&b.name.value, &b.lines, names);
        }
        ast::Item::Section(s) => declared_in(&s.items, names),
        ast::Item::Attachment(a) => declared_in(&a.items, names),
        ast::Item::Background(b) => declared_in(&b.items, names),
        ast::Item::Task(t) => declared_in_task(t, names),
        ast::Item::Phase(p) => {
            for t in &p.tasks {
                declared_in_task(t, names);
            }
        }
        _ => {}
    }
}

fn declared_in_task(t: &ast::Task, names: &mut HashSet<String>) {
    for f in &t.fields {
        if let ast::TaskField::Item(item) = f {
            declared_in_item(item, names);
        }
    }
}

/// The paths of a breakdown's parts, as [`Lower::breakdown`] names them.
fn declared_parts(id: &str, lines: &[ast::BreakdownLine], names: &mut HashSet<String>) {
    for line in lines {
        if let ast::BreakdownLine::Part(p) = line {
            let pid = format!("{id}.{}", p.label.value);
            declared_parts(&pid, &p.lines, names);
            names.insert(pid);
        }
    }
}
