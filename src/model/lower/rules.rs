//! Piecewise rules (规则) and calculations (核算): conditions, outcomes, expressions.

use super::*;

impl Lower<'_> {
    pub(super) fn rule(&mut self, r: &ast::Rule) -> Rule {
        let branches = r
            .branches
            .iter()
            .map(|b| {
                let (lower, upper) = self.condition(&b.condition);
                let also = b.also.iter().map(|c| self.condition(c)).collect();
                let written = std::iter::once(&b.condition)
                    .chain(&b.also)
                    .map(condition_written)
                    .collect::<Vec<_>>()
                    .join("且");
                Branch {
                    written,
                    lower,
                    upper,
                    also,
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
            examples: r.examples.iter().map(|e| self.example(e)).collect(),
            notes: r.notes.iter().map(|n| n.value.clone()).collect(),
            span: r.span,
        }
    }

    pub(super) fn outcome(&mut self, o: &ast::Outcome) -> Outcome {
        let shown: Vec<String> = o
            .parts
            .iter()
            .map(|p| {
                p.source.as_ref().map_or(String::new(), |s| s.value.clone()) + &written(&p.value)
            })
            .collect();
        let mut text = o
            .none
            .as_ref()
            .map_or_else(|| shown.join(" + "), |n| n.value.clone());
        if let Some(c) = &o.cap {
            text += &format!("，不超过{}", written(c));
        }
        let parts: Vec<FundingPart> = o
            .parts
            .iter()
            .map(|p| FundingPart {
                source: p.source.as_ref().map(|s| s.value.clone()),
                value: self.quantity(&p.value, &written(&p.value)),
            })
            .collect();
        let value = match parts.as_slice() {
            [] => none_quantity(&text),
            [one] => one.value.clone(),
            [first, rest @ ..] => {
                let mut sum = first.value.clone();
                for p in rest {
                    if p.value.dims != sum.dims || p.value.is_percent() || sum.is_percent() {
                        self.error(
                            "E0112",
                            format!(
                                "结果“{text}”的各部分不是同一种量：{}与{}不能相加",
                                first.value.written, p.value.written
                            ),
                            o.span,
                            "这个结果",
                        )
                        .help =
                            Some("分来源写出的各部分都应是金额，如 中央3500元 + 地方1800元".into());
                        break;
                    }
                    let add = |a: Decimal, b: Decimal| a.checked_add(b);
                    match (
                        add(sum.value, p.value.value),
                        add(sum.low, p.value.low),
                        add(sum.high, p.value.high),
                    ) {
                        (Some(v), Some(l), Some(h)) => {
                            sum.value = v;
                            sum.low = l;
                            sum.high = h;
                        }
                        _ => {
                            self.error(
                                "E0110",
                                format!("结果“{text}”的合计过大"),
                                o.span,
                                "这个结果",
                            );
                            break;
                        }
                    }
                    if p.value.precision != crate::quantity::Precision::Exact {
                        sum.precision = p.value.precision.clone();
                    }
                }
                sum.number = sum.value;
                sum.magnitude = None;
                sum.unit = Some(sum.base_unit.clone()).filter(|u| !u.is_empty());
                sum.written = shown.join(" + ");
                sum
            }
        };
        // One part with no payer named is the plain amount; the parts are kept when they
        // name who pays.
        let parts = if parts.iter().any(|p| p.source.is_some()) {
            parts
        } else {
            Vec::new()
        };
        Outcome {
            written: text,
            value,
            parts,
            none: o.none.as_ref().map(|n| n.value.clone()),
            cap: o.cap.as_ref().map(|c| self.quantity(c, &written(c))),
            span: o.span,
        }
    }

    fn example(&mut self, e: &ast::Example) -> Example {
        let inputs: Vec<Quantity> = e
            .inputs
            .iter()
            .map(|q| self.quantity(q, &written(q)))
            .collect();
        let shown: Vec<String> = inputs.iter().map(|q| q.written.clone()).collect();
        let none = e.none.as_ref().map(|n| n.value.clone());
        let result = match &e.result {
            Some(q) => self.quantity(q, &written(q)),
            None => none_quantity(none.as_deref().unwrap_or_default()),
        };
        Example {
            written: format!(
                "{} → {}",
                shown.join("、"),
                none.as_deref().unwrap_or(&result.written)
            ),
            inputs,
            result,
            none,
            span: e.span,
        }
    }

    /// The bounds a condition sets, with what the bound words include (DOMAIN.md: 以上, 以下,
    /// 以内, 不低于, 不少于, 不超过, 不高于 include the number; 不足, 不满, 低于, 少于, 超过,
    /// 高于 exclude it). An explicit （含）/（不含） overrides the word.
    pub(super) fn condition(&mut self, c: &ast::Condition) -> (Option<Bound>, Option<Bound>) {
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

    /// An expression of a 核算 or (with `columns`) of a table's 关系. Recurses only into
    /// parentheses, whose depth the parser limits; sums and products are flat chains.
    pub(super) fn expr(&mut self, e: &ast::Expr, columns: Option<&[Column]>) -> Expr {
        match e {
            ast::Expr::Quantity(q) => match self.literal_as_name(q, columns) {
                Some(reference) => reference,
                None => Expr::Literal {
                    quantity: self.quantity(q, &written(q)),
                    span: q.span,
                },
            },
            ast::Expr::Path(p) => self.reference(path_string(p), p.span, columns),
            ast::Expr::Chain { first, rest, span } => Expr::Chain {
                first: Box::new(self.expr(first, columns)),
                rest: rest
                    .iter()
                    .map(|(op, operand)| Operation {
                        op: match op {
                            ast::BinOp::Add => Op::Add,
                            ast::BinOp::Sub => Op::Sub,
                            ast::BinOp::Mul => Op::Mul,
                            ast::BinOp::Div => Op::Div,
                        },
                        operand: self.expr(operand, columns),
                    })
                    .collect(),
                span: *span,
            },
        }
    }

    /// A figure by path, or in a table relation a column by name.
    fn reference(&mut self, id: String, span: Span, columns: Option<&[Column]>) -> Expr {
        match columns {
            Some(cols) => match column_index(cols, &id) {
                Some(i) => Expr::Figure {
                    id: relation_column_id(i),
                    span,
                },
                // Not a column but a declared figure (each row's 资金 = 户数 × 补贴标准):
                // replaced by its quantity once every figure is known.
                None if self.declared_names().contains(&id) => {
                    self.refer(id.clone(), span);
                    Expr::Figure { id, span }
                }
                None => {
                    self.error(
                        "E0101",
                        format!("表中没有名为“{id}”的列"),
                        span,
                        "找不到这一列",
                    )
                    .help = Some("列名照“列：”一行书写（可省去括号中的单位），或写作 第3列；也可以用文件中声明的标准、指标或假设的名称".into());
                    Expr::Figure { id, span }
                }
            },
            None => {
                self.refer(id.clone(), span);
                Expr::Figure { id, span }
            }
        }
    }

    /// Names are names: 一次性补贴 also reads as the numeral 一 with the unit 次性补贴, and
    /// 近三年户数 as an approximate 三 with the unit 年户数. Text that reads as a figure but
    /// is written exactly as a declared figure (or, in a relation, a column) is a reference
    /// to it, wherever in the file the name is declared.
    fn literal_as_name(
        &mut self,
        q: &ast::QuantityLit,
        columns: Option<&[Column]>,
    ) -> Option<Expr> {
        let text = self.src.get(q.span.start..q.span.end)?;
        // A name never starts with a digit, and holds no blank.
        if text.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            || text.contains(char::is_whitespace)
        {
            return None;
        }
        let known = match columns {
            Some(cols) => {
                column_index(cols, text).is_some() || self.declared_names().contains(text)
            }
            None => self.declared_names().contains(text),
        };
        known.then(|| self.reference(text.to_string(), q.span, columns))
    }

    pub(super) fn counted_list(&mut self, l: &ast::CountedList) -> CountedList {
        let count = l.count.as_ref().and_then(|(number, whole)| {
            let read = crate::quantity::parse_chinese_numeral(&number.value).or_else(|| {
                crate::quantity::parse_number(&number.value)
                    .ok()
                    .map(|(n, _)| n)
            });
            if read.is_none() {
                self.error(
                    "E0105",
                    format!("数字“{}”无法读取", number.value),
                    number.span,
                    "这个数字",
                )
                .help = Some("个数写作 七个老旧小区、17个社区、两种改造方式".into());
            }
            read.map(|n| StatedCount {
                written: whole.value.clone(),
                number: n,
                span: whole.span,
            })
        });
        CountedList {
            name: l.name.value.clone(),
            description: l.description.as_ref().map(|d| d.value.clone()),
            items: l
                .items
                .iter()
                .map(|i| ListItem {
                    name: i.value.clone(),
                    span: i.span,
                })
                .collect(),
            count,
            paragraphs: l.paragraphs.iter().map(|p| p.value.clone()).collect(),
            span: l.span,
        }
    }

    pub(super) fn calc(&mut self, c: &ast::Calc) -> Calc {
        let multiple = c.multiple.as_ref().and_then(|w| {
            let read = read_multiple(&w.value);
            if read.is_none() {
                self.error(
                    "E0105",
                    format!("倍数“{}”无法读取", w.value),
                    w.span,
                    "这个倍数",
                )
                .help = Some("倍数写作 增长一倍、是…的两倍、翻一番、翻两番，可加 近/接近".into());
            }
            read
        });
        Calc {
            name: c.name.as_ref().map(|n| n.value.clone()),
            written: String::new(),
            left: self.expr(&c.left, None),
            cmp: if multiple.is_some() {
                Comparison::Equal
            } else {
                comparison(&c.cmp.value)
            },
            right: self.expr(&c.right, None),
            description: c.description.as_ref().map(|d| d.value.clone()),
            multiple,
            span: c.span,
        }
    }
}

/// What a bound word includes (DOMAIN.md).
pub(super) fn bound_inclusive(word: &str) -> bool {
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

pub(super) fn comparison(s: &str) -> Comparison {
    match s {
        "≤" | "<=" => Comparison::AtMost,
        "≥" | ">=" => Comparison::AtLeast,
        _ => Comparison::Equal,
    }
}

pub(super) fn condition_written(c: &ast::Condition) -> String {
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

/// Zero, exactly: what an outcome written as 不予补贴 grants.
fn none_quantity(written: &str) -> Quantity {
    Quantity {
        precision: crate::quantity::Precision::Exact,
        ..super::figures::fallback_quantity(written)
    }
}

/// The range of 甲 ÷ 乙 a multiple's words allow: 增长N倍 is N + 1, N倍 (是…的N倍) N, 翻N番
/// 2^N; 近/接近 puts the stated growth (or multiple) just under it, down by the margin of
/// an approximate figure ([`crate::quantity::APPROX_TOLERANCE`]). `None` when the number
/// cannot be read or 翻N番 is beyond what exact decimals hold.
fn read_multiple(words: &str) -> Option<Multiple> {
    use crate::quantity::{parse_chinese_numeral, parse_number, APPROX_TOLERANCE};
    let rest = words.strip_prefix('的').unwrap_or(words);
    let (growth, rest) = ["增长", "增加", "提高"]
        .iter()
        .find_map(|g| rest.strip_prefix(g))
        .map_or((false, rest), |r| (true, r));
    let (near, rest) = ["接近", "近"]
        .iter()
        .find_map(|n| rest.strip_prefix(n))
        .map_or((false, rest), |r| (true, r));
    let number =
        |t: &str| parse_chinese_numeral(t).or_else(|| parse_number(t).ok().map(|(n, _)| n));
    let (stated, ratio) = if let Some(n) =
        rest.strip_prefix('翻').and_then(|r| r.strip_suffix('番'))
    {
        let times = u32::try_from(number(n)?.trunc().normalize().mantissa())
            .ok()
            .filter(|t| *t <= 64)?;
        let ratio = (0..times).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(Decimal::TWO))?;
        (ratio, ratio)
    } else {
        let n = number(rest.strip_suffix('倍')?)?;
        if growth {
            (n, n.checked_add(Decimal::ONE)?)
        } else {
            (n, n)
        }
    };
    let low = if near {
        ratio.checked_sub(stated.checked_mul(APPROX_TOLERANCE)?)?
    } else {
        ratio
    };
    Some(Multiple {
        written: words.to_string(),
        low,
        high: ratio,
    })
}

#[cfg(test)]
mod tests {
    use super::read_multiple;
    use rust_decimal::Decimal;

    fn range(words: &str) -> Option<(String, String)> {
        read_multiple(words).map(|m| {
            (
                m.low.normalize().to_string(),
                m.high.normalize().to_string(),
            )
        })
    }

    #[test]
    fn multiples_read_as_notices_mean_them() {
        let r = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(range("增长一倍"), r("2", "2"));
        assert_eq!(range("增长两倍"), r("3", "3"));
        assert_eq!(range("的两倍"), r("2", "2"));
        assert_eq!(range("翻一番"), r("2", "2"));
        assert_eq!(range("翻两番"), r("4", "4"));
        assert_eq!(range("增长近一倍"), r("1.95", "2"));
        assert_eq!(range("增加接近一倍"), r("1.95", "2"));
        assert_eq!(range("的近两倍"), r("1.9", "2"));
        assert_eq!(range("接近翻一番"), r("1.9", "2"));
        assert_eq!(range("提高1.5倍"), r("2.5", "2.5"));
        // 2^100 is beyond exact decimals: refused, not wrapped.
        assert_eq!(range("翻一百番"), None);
        assert_eq!(
            read_multiple("翻三番").map(|m| m.high),
            Some(Decimal::from(8))
        );
    }
}
