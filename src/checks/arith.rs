//! Arithmetic checks, family A1xx: every stated total against its parts, tables, restated
//! figures, the arithmetic a notice implies (核算), ratio splits, shares, and units.
//!
//! All arithmetic is on the intervals of [`super::interval`]: exact figures are points,
//! rounded figures are their 四舍五入 interval, approximate figures ±5 %. Two statements
//! disagree when no value lies in both intervals. A finding reports the stated value, the
//! computed value, the difference and the tolerance the comparison allowed, with the figures
//! written the way the notice writes them.
//!
//! Severity: the registry's default (error for what is certainly wrong) unless an
//! approximate figure (约, 左右) is involved, which makes the finding a warning — an estimate
//! may be off by more than 5 % without the notice being wrong.

use rust_decimal::{Decimal, RoundingStrategy};

use super::interval::{dims_text, last_digit, norm_dims, tolerance_text, usable, Iv, Style};
use super::missing_unit::read_in_neighbours_unit;
use super::Findings;
use crate::diagnostics::{Diagnostic, Severity, Span};
use crate::model::{
    relation_column, Breakdown, Calc, Comparison, Expr, Figure, Op, Operation, Policy, RatioSpec,
    Row, RowKind, Table,
};
use crate::quantity::{Dims, Precision, Quantity};

// ───────────────────────────── shared ─────────────────────────────

/// An approximate figure makes a finding a warning: the estimate may be off, the notice
/// need not be.
fn soften(mut d: Diagnostic, approx: bool) -> Diagnostic {
    if approx && d.severity == Severity::Error {
        d.severity = Severity::Warning;
        d.notes.push(
            "涉及约数（约、左右、近、余、多）：约数本是估计，超出其范围也未必是错，故为警告".into(),
        );
    }
    d
}

/// The last segment of a part's path, as its label: 改造户数.2021年 → 2021年.
fn part_label<'a>(bd: &Breakdown, part: &'a str) -> &'a str {
    part.strip_prefix(bd.id.as_str())
        .and_then(|r| r.strip_prefix('.'))
        .unwrap_or(part)
}

/// Sums intervals that share normalised dimensions.
fn sum(ivs: &[Iv], dims: &Dims) -> Option<Iv> {
    let mut acc = Iv::zero(dims.clone());
    for iv in ivs {
        acc = acc.add(iv)?;
    }
    Some(acc)
}

/// `相差 X；tolerance` for a stated and a computed interval, written like the stated figure,
/// or, when that needs more digits than it has (0.083207亿元), like the first of `finer` that
/// writes both exactly (832.07万元).
fn difference_text(style: &Style, finer: &[Style], stated: &Iv, computed: &Iv) -> String {
    let diff = stated.value.saturating_sub(computed.value).abs();
    let tol = computed.tolerance_towards(stated);
    let exact = |s: &Style| !s.fmt(diff).contains('≈') && !s.fmt(tol).contains('≈');
    let smaller = style.smaller();
    let style = std::iter::once(style)
        .chain(finer)
        .chain(smaller.as_ref())
        .find(|s| exact(s))
        .unwrap_or(style);
    format!(
        "相差 {}；{}",
        style.fmt(diff),
        tolerance_text(style, diff, tol, stated.approx || computed.approx)
    )
}

const SUM_HELP: &str =
    "请核对原文的合计与各分项：原文如此，则这是通知本身的错误，应请起草单位更正；\
    若原文的分项本来就没有列全（“其中”只列了一部分），不要把它们写成“分解”的分项";

const UNIT_HELP: &str = "户、平方米、元等是不同的量，不能相加、相减或比较；\
    元/户 × 户 = 元，元/平方米 × 平方米 = 元。万元与亿元、平方米与万平方米之间会自动换算。\
    请核对原文的单位和算式";

// ───────────────────────────── A101, A107, A108: breakdowns ─────────────────────────────

/// A101 (total against parts), A108 (shares against 100 %), A107 (parts of other units).
pub fn breakdowns(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for bd in &plan.breakdowns {
            walk_breakdown(f, bd, 0, &mut out);
        }
    }
    for d in out {
        f.report(d);
    }
}

/// Nesting is bounded by the grammar's own limit; this guards against a cyclic model.
const MAX_NESTING: usize = 64;

fn walk_breakdown(f: &Findings, bd: &Breakdown, depth: usize, out: &mut Vec<Diagnostic>) {
    if depth > MAX_NESTING {
        return;
    }
    breakdown_sum(f, bd, depth > 0, out);
    for n in &bd.nested {
        walk_breakdown(f, n, depth + 1, out);
    }
}

/// Dimensions that order time: shares by year may be cumulative targets, not parts of 100 %.
fn is_time_dimension(dim: Option<&str>) -> bool {
    dim.is_some_and(|d| {
        ["年", "季度", "月", "阶段", "期"]
            .iter()
            .any(|w| d.contains(w))
    })
}

fn breakdown_sum(f: &Findings, bd: &Breakdown, nested: bool, out: &mut Vec<Diagnostic>) {
    let Some(parts) = bd
        .parts
        .iter()
        .map(|p| f.policy.figure(p))
        .collect::<Option<Vec<&Figure>>>()
    else {
        return;
    };
    let Some(total) = bd.total.as_ref().map(|t| f.policy.figure(t)) else {
        out.extend(breakdown_sum_as_read(f, bd, nested, &parts, None));
        return;
    };
    let Some(total) = total else { return };
    // A figure written without a unit among its neighbours' is read in their unit (A115),
    // and the sum is checked under that reading, as a warning.
    let group: Vec<&Figure> = std::iter::once(total)
        .chain(parts.iter().copied())
        .collect();
    let what = format!("“{}”", bd.id);
    let Some(reading) = read_in_neighbours_unit(f, &group, &what) else {
        out.extend(breakdown_sum_as_read(f, bd, nested, &parts, Some(total)));
        return;
    };
    let parts: Vec<&Figure> = parts.iter().map(|p| reading.figure(p)).collect();
    let total = reading.figure(total);
    out.extend(reading.warnings.iter().cloned());
    if let Some(mut d) = breakdown_sum_as_read(f, bd, nested, &parts, Some(total)) {
        if d.severity == Severity::Error {
            d.severity = Severity::Warning;
        }
        d.notes.push(format!(
            "按同组其他数的单位“{}”读原文未写单位的数后核对，故为警告",
            reading.unit
        ));
        out.push(d);
    }
}

fn breakdown_sum_as_read(
    f: &Findings,
    bd: &Breakdown,
    nested: bool,
    parts: &[&Figure],
    total: Option<&Figure>,
) -> Option<Diagnostic> {
    if parts.is_empty() || parts.iter().any(|p| !usable(&p.quantity)) {
        return None;
    }
    if total.is_some_and(|t| !usable(&t.quantity)) {
        return None;
    }
    let all_percent = parts.iter().all(|p| p.quantity.is_percent());
    let total_percent = total.is_some_and(|t| t.quantity.is_percent());
    if all_percent && !total_percent {
        if total.is_none() && is_time_dimension(bd.dimension.as_deref()) {
            return None;
        }
        return shares(f, bd, parts, total);
    }
    let total = total?;

    // Units first: parts of another kind cannot be added.
    let want = norm_dims(&total.quantity.dims);
    let odd: Vec<&&Figure> = parts
        .iter()
        .filter(|p| norm_dims(&p.quantity.dims) != want)
        .collect();
    if !odd.is_empty() {
        let mut d = f
            .new_diag(
                "A107",
                format!(
                    "“{}”的分项与合计单位不同，不能相加：合计的单位是 {}，分项“{}”是 {}",
                    bd.id,
                    dims_text(&total.quantity.dims),
                    part_label(bd, &odd[0].id),
                    dims_text(&odd[0].quantity.dims)
                ),
            )
            .with_primary(
                odd[0].span,
                format!("单位是 {}", dims_text(&odd[0].quantity.dims)),
            )
            .with_secondary(
                total.span,
                format!("合计，单位是 {}", dims_text(&total.quantity.dims)),
            );
        for p in &odd[1..] {
            d = d.with_secondary(p.span, format!("单位是 {}", dims_text(&p.quantity.dims)));
        }
        return Some(d.with_help(UNIT_HELP));
    }

    let stated = Iv::of(&total.quantity);
    let ivs: Vec<Iv> = parts.iter().map(|p| Iv::of(&p.quantity)).collect();
    let Some(computed) = sum(&ivs, &stated.dims) else {
        return Some(overflow(f, &format!("“{}”的分项相加", bd.id), total.span));
    };
    if computed.overlaps(&stated) {
        return None;
    }
    // One part under a total is a subset ("新增200万平方米，其中农村居民42万平方米"), not the
    // whole: it can only be wrong by exceeding the total.
    if parts.len() == 1 {
        if computed.can_be_at_most(&stated) {
            return None;
        }
        let style = Style::like(&total.quantity);
        let d = f
            .new_diag(
                "A101",
                format!(
                    "“{}”的分项“{}”大于合计：分项写作 {}，合计写作 {}（{}）",
                    bd.id,
                    part_label(bd, &parts[0].id),
                    parts[0].quantity.written,
                    total.quantity.written,
                    difference_text(
                        &style,
                        &[Style::like(&parts[0].quantity)],
                        &stated,
                        &computed
                    )
                ),
            )
            .with_primary(
                parts[0].span,
                format!("分项写作 {}", parts[0].quantity.written),
            )
            .with_secondary(total.span, format!("合计写作 {}", total.quantity.written));
        return Some(soften(
            d.with_help("“其中”的一项不能大于合计：请核对原文的这两个数"),
            computed.approx || stated.approx,
        ));
    }
    let finer: Vec<Style> = parts.iter().map(|p| Style::like(&p.quantity)).collect();
    let style = Style::like(&total.quantity);
    let (what, total_label) = if nested {
        (
            format!(
                "“{}”{}的{}个分项之和与它本身不符：它写作 {}，分项之和为 {}",
                bd.id,
                bd.dimension
                    .as_deref()
                    .map_or(String::new(), |x| format!("按{x}分成")),
                parts.len(),
                total.quantity.written,
                style.fmt(computed.value)
            ),
            format!("写作 {}", total.quantity.written),
        )
    } else {
        (
            format!(
                "“{}”的合计与分项之和不符：合计写作 {}，{}个分项之和为 {}",
                bd.id,
                total.quantity.written,
                parts.len(),
                style.fmt(computed.value)
            ),
            format!("合计写作 {}", total.quantity.written),
        )
    };
    let mut d = f
        .new_diag(
            "A101",
            format!(
                "{what}（{}）",
                difference_text(&style, &finer, &stated, &computed)
            ),
        )
        .with_primary(total.span, total_label);
    for p in parts {
        d = d.with_secondary(p.span, format!("分项“{}”", part_label(bd, &p.id)));
    }
    let cut = cut_to(&total.quantity, computed.value, &style.fmt(computed.value));
    Some(soften(
        if_cut(d.with_help(SUM_HELP), cut),
        computed.approx || stated.approx,
    ))
}

/// A108: parts that are percentages of a whole must add up to 100 %.
fn shares(
    f: &Findings,
    bd: &Breakdown,
    parts: &[&Figure],
    total: Option<&Figure>,
) -> Option<Diagnostic> {
    let ivs: Vec<Iv> = parts.iter().map(|p| Iv::of(&p.quantity)).collect();
    let computed = sum(&ivs, &Dims::new())?;
    let hundred = Iv::point(Decimal::ONE, Dims::new());
    if computed.overlaps(&hundred) {
        return None;
    }
    let style = Style::like(&parts[0].quantity);
    let mut d = f
        .new_diag(
            "A108",
            format!(
                "“{}”的{}个分项都是占比，加起来应为 100%，实为 {}（{}）",
                bd.id,
                parts.len(),
                style.fmt(computed.value),
                difference_text(&style, &[], &hundred, &computed)
            ),
        )
        .with_primary(
            parts[0].span,
            format!("分项“{}”", part_label(bd, &parts[0].id)),
        );
    for p in &parts[1..] {
        d = d.with_secondary(p.span, format!("分项“{}”", part_label(bd, &p.id)));
    }
    if let Some(t) = total {
        d = d.with_secondary(t.span, "各占比所分的合计");
    }
    // More than the whole is certainly wrong; less may be a list that is not complete.
    if computed.low > Decimal::ONE || (computed.low == Decimal::ONE && computed.low_open) {
        d.severity = Severity::Error;
    }
    Some(soften(
        d.with_help(
            "各部分的占比之和应为 100%。请核对原文各占比；若原文只列了一部分，不要把它们写成“分解”的分项",
        ),
        computed.approx,
    ))
}

// ───────────────────────────── A106: ratio splits ─────────────────────────────

/// A106: parts of a breakdown with 比例 must be in that ratio.
pub fn ratios(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        let mut stack: Vec<(&Breakdown, usize)> = plan.breakdowns.iter().map(|b| (b, 0)).collect();
        while let Some((bd, depth)) = stack.pop() {
            if depth < MAX_NESTING {
                stack.extend(bd.nested.iter().map(|n| (n, depth + 1)));
            }
            if let Some(r) = &bd.ratio {
                if let Some(d) = ratio_split(f, bd, r) {
                    out.push(d);
                }
            }
        }
    }
    out.sort_by_key(|d| d.primary_span().map(|s| s.start));
    for d in out {
        f.report(d);
    }
}

/// Whether `a / ra` and `b / rb` can be the same scale: some `x ∈ a`, `y ∈ b` with
/// `x·rb = y·ra`, checked by cross-multiplying (exact, unlike dividing by 3).
fn same_scale(a: &Iv, ra: Decimal, b: &Iv, rb: Decimal) -> Option<bool> {
    let lo = a.low.checked_mul(rb)?;
    let hi = b.high.checked_mul(ra)?;
    let lo2 = b.low.checked_mul(ra)?;
    let hi2 = a.high.checked_mul(rb)?;
    let ok1 = lo < hi || (lo == hi && !a.low_open && !b.high_open);
    let ok2 = lo2 < hi2 || (lo2 == hi2 && !b.low_open && !a.high_open);
    Some(ok1 && ok2)
}

/// Whether the parts (and the total, if any, with the whole ratio) can be in the ratio
/// `terms` at the precision written.
fn fits_ratio(
    parts: &[&Figure],
    terms: &[Decimal],
    total: Option<&Iv>,
    r_sum: Decimal,
) -> Option<bool> {
    let mut items: Vec<(Iv, Decimal)> = parts
        .iter()
        .zip(terms)
        .map(|(p, r)| (Iv::of(&p.quantity), *r))
        .collect();
    if let Some(t) = total {
        items.push((t.clone(), r_sum));
    }
    let mut consistent = true;
    for (i, (a, ra)) in items.iter().enumerate() {
        if ra.is_zero() {
            let zero = Iv::zero(a.dims.clone());
            consistent &= a.overlaps(&zero);
            continue;
        }
        for (b, rb) in items.iter().skip(i + 1) {
            if rb.is_zero() {
                continue;
            }
            consistent &= same_scale(a, *ra, b, *rb)?;
        }
    }
    Some(consistent)
}

fn ratio_split(f: &Findings, bd: &Breakdown, ratio: &RatioSpec) -> Option<Diagnostic> {
    let parts: Vec<&Figure> = bd
        .parts
        .iter()
        .map(|p| f.policy.figure(p))
        .collect::<Option<_>>()?;
    if parts.iter().any(|p| !usable(&p.quantity)) {
        return None;
    }
    let total = bd.total.as_ref().and_then(|t| f.policy.figure(t));
    let ratio_label = format!("比例 {}", ratio.written);
    if ratio.terms.len() != parts.len() {
        let mut d = f
            .new_diag(
                "A106",
                format!(
                    "“{}”要求按 {} 分配，比例有 {} 项，而分项有 {} 个，无法一一对应",
                    bd.id,
                    ratio.written,
                    ratio.terms.len(),
                    parts.len()
                ),
            )
            .with_primary(ratio.span, ratio_label);
        for p in &parts {
            d = d.with_secondary(p.span, format!("分项“{}”", part_label(bd, &p.id)));
        }
        return Some(d.with_help(
            "比例的项数应与分项个数相同。若比例只适用于其中几个分项（如市、区两级，不含居民自筹），\
             请把这几个分项写成一个嵌套的分解，把比例写在那里",
        ));
    }
    let want = norm_dims(&parts[0].quantity.dims);
    if parts.iter().any(|p| norm_dims(&p.quantity.dims) != want) {
        return None; // A107 reports it, when there is a total; nothing to split otherwise
    }
    let r_sum = ratio
        .terms
        .iter()
        .try_fold(Decimal::ZERO, |a, t| a.checked_add(*t))?;
    if r_sum <= Decimal::ZERO || ratio.terms.iter().any(|t| *t < Decimal::ZERO) {
        return None;
    }
    let total_iv = total
        .filter(|t| usable(&t.quantity) && norm_dims(&t.quantity.dims) == want)
        .map(|t| Iv::of(&t.quantity));
    let consistent = fits_ratio(&parts, &ratio.terms, total_iv.as_ref(), r_sum)?;
    if consistent {
        return None;
    }
    let approx = parts.iter().any(|p| Iv::of(&p.quantity).approx)
        || total_iv.as_ref().is_some_and(|t| t.approx);
    let (base, base_text) = match total {
        Some(t) => (t.quantity.value, format!("合计 {}", t.quantity.written)),
        None => {
            let s = parts
                .iter()
                .try_fold(Decimal::ZERO, |a, p| a.checked_add(p.quantity.value))?;
            (
                s,
                format!("分项之和 {}", Style::like(&parts[0].quantity).fmt(s)),
            )
        }
    };
    let expected: Vec<(String, String)> = parts
        .iter()
        .zip(&ratio.terms)
        .map(|(p, r)| {
            let e = base * *r / r_sum;
            (
                part_label(bd, &p.id).to_string(),
                Style::like(&p.quantity).fmt(e),
            )
        })
        .collect();
    let listed = |v: Vec<String>| v.join("、");
    let mut d = f
        .new_diag(
            "A106",
            format!(
                "“{}”的分项不符合比例 {}：按{}计应为 {}，原文为 {}（各数按末位四舍五入，仍找不到符合该比例的分法）",
                bd.id,
                ratio.written,
                base_text,
                listed(expected.iter().map(|(l, e)| format!("{l} {e}")).collect()),
                listed(
                    parts
                        .iter()
                        .map(|p| format!("{} {}", part_label(bd, &p.id), p.quantity.written))
                        .collect()
                ),
            ),
        )
        .with_primary(ratio.span, ratio_label);
    for (p, (_, e)) in parts.iter().zip(&expected) {
        d = d.with_secondary(p.span, format!("按比例应为 {e}"));
    }
    if let Some(t) = total {
        d = d.with_secondary(t.span, "合计");
    }
    // 3:7 where the rule says 7:3: the split is right, the other way round.
    let reversed: Vec<Decimal> = ratio.terms.iter().rev().copied().collect();
    if reversed != ratio.terms
        && fits_ratio(&parts, &reversed, total_iv.as_ref(), r_sum) == Some(true)
    {
        let written: Vec<String> = reversed.iter().map(|t| t.normalize().to_string()).collect();
        d = d.with_note(format!(
            "各分项恰好符合颠倒过来的比例 {}：可能把比例的先后用反了（如市、区两级的分担写反）；\
             若比例只适用于其中一部分资金，原文的分配也可能另有依据",
            written.join(":")
        ));
    }
    Some(soften(
        d.with_help(
            "请核对原文的比例和各分项金额；原文如此，则分配与规定的比例不符，应请起草单位更正",
        ),
        approx,
    ))
}

// ───────────────────────────── expressions ─────────────────────────────

/// Why an expression has no value.
enum EvalError {
    /// A figure that is missing or unreadable (already reported): nothing to check.
    Skip,
    /// Two things of different units added, subtracted or compared: A107.
    Units {
        left: (Span, Dims),
        right: (Span, Dims),
    },
    /// A divisor that is 0, or whose rounding interval holds 0: A109.
    DivisionByZero { divisor: Span },
    /// A sum, difference, product or quotient beyond what exact decimals hold: A110.
    Overflow { at: Span },
}

/// Evaluates an expression; `look` gives the interval of a figure or a column by id. Chains
/// are folded left to right in a loop; only parentheses recurse, as deep as the parser allows
/// (`depth` guards against anything deeper all the same).
fn eval(e: &Expr, look: &mut dyn FnMut(&str) -> Option<Iv>, depth: usize) -> Result<Iv, EvalError> {
    if depth > MAX_NESTING {
        return Err(EvalError::Skip);
    }
    match e {
        Expr::Figure { id, .. } => look(id).ok_or(EvalError::Skip),
        Expr::Literal { quantity, .. } => {
            if usable(quantity) {
                Ok(Iv::of(quantity))
            } else {
                Err(EvalError::Skip)
            }
        }
        Expr::Chain { first, rest, .. } => {
            let mut acc = eval(first, look, depth + 1)?;
            let mut so_far = first.span();
            for Operation { op, operand } in rest {
                let b = eval(operand, look, depth + 1)?;
                let here = Span {
                    start: so_far.start,
                    end: operand.span().end,
                };
                let result = match op {
                    Op::Add | Op::Sub => {
                        if acc.norm() != b.norm() {
                            return Err(EvalError::Units {
                                left: (so_far, acc.dims),
                                right: (operand.span(), b.dims),
                            });
                        }
                        if *op == Op::Add {
                            acc.add(&b)
                        } else {
                            acc.sub(&b)
                        }
                    }
                    Op::Mul => acc.mul(&b),
                    Op::Div => {
                        if b.low <= Decimal::ZERO && b.high >= Decimal::ZERO {
                            return Err(EvalError::DivisionByZero {
                                divisor: operand.span(),
                            });
                        }
                        acc.div(&b)
                    }
                };
                acc = result.ok_or(EvalError::Overflow { at: here })?;
                so_far = here;
            }
            Ok(acc)
        }
    }
}

fn has_mul_div(e: &Expr) -> bool {
    match e {
        Expr::Chain { first, rest, .. } => {
            rest.iter().any(|o| matches!(o.op, Op::Mul | Op::Div))
                || has_mul_div(first)
                || rest.iter().any(|o| has_mul_div(&o.operand))
        }
        _ => false,
    }
}

fn precedence(op: Op) -> u8 {
    match op {
        Op::Add | Op::Sub => 1,
        Op::Mul | Op::Div => 2,
    }
}

/// The precedence of a chain's operators (all alike), if the expression is a chain.
fn chain_precedence(e: &Expr) -> Option<u8> {
    match e {
        Expr::Chain { rest, .. } => rest.first().map(|o| precedence(o.op)),
        _ => None,
    }
}

/// Most operands of one chain written out in a message; a longer chain shows its first and
/// last ones and how many there are.
const SHOWN_OPERANDS: usize = 8;

/// An expression written back: figures by path (or column name), literals as written.
fn expr_text(e: &Expr, name: &dyn Fn(&str) -> String) -> String {
    match e {
        Expr::Figure { id, .. } => name(id),
        Expr::Literal { quantity, .. } => quantity.written.clone(),
        Expr::Chain { first, rest, .. } => {
            let p = rest.first().map_or(0, |o| precedence(o.op));
            // An operand in parentheses when the parentheses change its meaning.
            let wrap = |x: &Expr, after: Option<Op>| {
                let t = expr_text(x, name);
                match chain_precedence(x) {
                    Some(q)
                        if q < p || (q == p && matches!(after, Some(Op::Sub) | Some(Op::Div))) =>
                    {
                        format!("（{t}）")
                    }
                    _ => t,
                }
            };
            let mut out = wrap(first, None);
            // A long chain is written by its first and last operands, so that a message
            // stays readable (and small) however many terms the sum has.
            let shown = |k: usize| rest.len() <= SHOWN_OPERANDS || k < 4 || k + 2 >= rest.len();
            for (k, o) in rest.iter().enumerate() {
                if !shown(k) {
                    if shown(k - 1) {
                        out.push_str(" …");
                    }
                    continue;
                }
                let sym = o.op.symbol();
                out.push_str(&format!(" {sym} {}", wrap(&o.operand, Some(o.op))));
            }
            if rest.len() > SHOWN_OPERANDS {
                out.push_str(&format!("（共 {} 项）", rest.len() + 1));
            }
            out
        }
    }
}

/// Ids of the figures an expression refers to, in order.
fn expr_ids<'e>(e: &'e Expr, out: &mut Vec<(&'e str, Span)>) {
    match e {
        Expr::Figure { id, span } => out.push((id, *span)),
        Expr::Literal { .. } => {}
        Expr::Chain { first, rest, .. } => {
            expr_ids(first, out);
            for o in rest {
                expr_ids(&o.operand, out);
            }
        }
    }
}

pub(super) fn units_diag(
    f: &Findings,
    what: &str,
    left: &(Span, Dims),
    right: &(Span, Dims),
) -> Diagnostic {
    f.new_diag(
        "A107",
        format!(
            "{what}把单位不同的量放在一起：一边是 {}，另一边是 {}",
            dims_text(&left.1),
            dims_text(&right.1)
        ),
    )
    .with_primary(left.0, format!("单位是 {}", dims_text(&left.1)))
    .with_secondary(right.0, format!("单位是 {}", dims_text(&right.1)))
    .with_help(UNIT_HELP)
}

// ───────────────────────────── A105: 核算 ─────────────────────────────

/// A105: the arithmetic the notice implies must hold; A107 when its units do not agree.
pub fn calcs(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        // A 倍数 is checked by A111.
        for c in plan.calcs.iter().filter(|c| c.multiple.is_none()) {
            if let Some(d) = calc(f, c) {
                out.push(d);
            }
        }
    }
    for d in out {
        f.report(d);
    }
}

/// A109: a 核算 divides by a figure that is 0 (or, rounded, may be 0).
fn division_by_zero(f: &Findings, what: &str, c: &Calc, divisor: Span) -> Diagnostic {
    let text = f.src.get(divisor.start..divisor.end).unwrap_or("除数");
    f.new_diag(
        "A109",
        format!("{what}中除以“{text}”，而它的值为零（或按四舍五入可能为零），这个算式无法核算"),
    )
    .with_primary(divisor, "除数为零")
    .with_secondary(c.span, "这个核算")
    .with_help("请核对作除数的数字；若原文就是 0，这个核算没有意义，应请起草单位更正或删去")
}

/// A110: a computed value (a 核算, a sum of parts or of a column) beyond what exact decimals
/// hold (28 significant digits): reported, and that one comparison is skipped.
fn overflow(f: &Findings, what: &str, at: Span) -> Diagnostic {
    f.new_diag(
        "A110",
        format!("{what}的结果位数过多（超过 28 位有效数字），无法精确计算，未能核对"),
    )
    .with_primary(at, "算到这里超出范围")
    .with_help(
        "请核对算式中的数字和单位（如 亿亿元、万万元 多写了一个数量级）；金额可用万元、亿元表示",
    )
}

/// The stated figure a side consists of, if it is a single figure.
fn single<'a>(e: &'a Expr, policy: &'a Policy) -> Option<&'a Quantity> {
    match e {
        Expr::Figure { id, .. } => policy.figure(id).map(|f| &f.quantity),
        Expr::Literal { quantity, .. } => Some(quantity),
        Expr::Chain { .. } => None,
    }
}

fn calc(f: &Findings, c: &Calc) -> Option<Diagnostic> {
    let mut look = |id: &str| {
        f.policy
            .figure(id)
            .filter(|fig| usable(&fig.quantity))
            .map(|fig| Iv::of(&fig.quantity))
    };
    let what = match &c.name {
        Some(n) => format!("核算“{n}”"),
        None => "核算".to_string(),
    };
    let left = eval(&c.left, &mut look, 0);
    let right = eval(&c.right, &mut look, 0);
    let mut ids = Vec::new();
    expr_ids(&c.left, &mut ids);
    expr_ids(&c.right, &mut ids);
    // Every figure involved, labelled with its value where it is stated.
    let with_figures = |mut d: Diagnostic| {
        let mut seen = Vec::new();
        for (id, _) in &ids {
            if seen.contains(id) {
                continue;
            }
            seen.push(id);
            if let Some(fig) = f.policy.figure(id) {
                if !(c.span.start <= fig.span.start && fig.span.end <= c.span.end) {
                    d = d.with_secondary(fig.span, format!("{id} = {}", fig.quantity.written));
                }
            }
        }
        d
    };
    let (mut l, mut r) = match (left, right) {
        (Err(EvalError::Units { left, right }), _) | (_, Err(EvalError::Units { left, right })) => {
            return Some(with_figures(units_diag(f, &what, &left, &right)));
        }
        (Err(EvalError::DivisionByZero { divisor }), _)
        | (_, Err(EvalError::DivisionByZero { divisor })) => {
            return Some(with_figures(division_by_zero(f, &what, c, divisor)));
        }
        (Err(EvalError::Overflow { at }), _) | (_, Err(EvalError::Overflow { at })) => {
            return Some(with_figures(overflow(f, &what, at)));
        }
        (Ok(l), Ok(r)) => (l, r),
        _ => return None,
    };
    if l.norm() != r.norm() {
        return Some(with_figures(units_diag(
            f,
            &what,
            &(c.left.span(), l.dims),
            &(c.right.span(), r.dims),
        )));
    }
    // A single figure stating the result of a product is read as rounded to its last digit.
    let ls = single(&c.left, f.policy);
    let rs = single(&c.right, f.policy);
    if let (Some(q), true) = (ls, has_mul_div(&c.right)) {
        l = l.as_rounded_result(q);
    }
    if let (Some(q), true) = (rs, has_mul_div(&c.left)) {
        r = r.as_rounded_result(q);
    }
    let holds = match c.cmp {
        Comparison::Equal => l.overlaps(&r),
        Comparison::AtMost => l.can_be_at_most(&r),
        Comparison::AtLeast => r.can_be_at_most(&l),
    };
    if holds {
        return None;
    }
    // Write both sides like the stated figure, or like a figure of the same unit.
    let want = l.norm();
    let style = rs
        .or(ls)
        .or_else(|| {
            ids.iter()
                .filter_map(|(id, _)| f.policy.figure(id).map(|fig| &fig.quantity))
                .find(|q| norm_dims(&q.dims) == want)
        })
        .map_or_else(|| Style::base(&l.dims), Style::like);
    let name = |id: &str| id.to_string();
    let side = |e: &Expr, iv: &Iv, q: Option<&Quantity>| match (e, q) {
        (Expr::Chain { .. }, _) | (_, None) => {
            format!("{} 算得 {}", expr_text(e, &name), style.fmt(iv.value))
        }
        (Expr::Figure { id, .. }, Some(q)) => format!("{id} 写作 {}", q.written),
        (Expr::Literal { .. }, Some(q)) => q.written.clone(),
    };
    let cmp = match c.cmp {
        Comparison::Equal => "=",
        Comparison::AtMost => "≤",
        Comparison::AtLeast => "≥",
    };
    let detail = match c.cmp {
        Comparison::Equal => {
            let finer: Vec<Style> = ids
                .iter()
                .filter_map(|(id, _)| f.policy.figure(id).map(|fig| &fig.quantity))
                .filter(|q| norm_dims(&q.dims) == want)
                .map(Style::like)
                .collect();
            difference_text(&style, &finer, &r, &l)
        }
        Comparison::AtMost => format!(
            "取舍入范围内最有利的值，左边最小为 {}，仍大于右边最大的 {}",
            style.fmt(l.low),
            style.fmt(r.high)
        ),
        Comparison::AtLeast => format!(
            "取舍入范围内最有利的值，左边最大为 {}，仍小于右边最小的 {}",
            style.fmt(l.high),
            style.fmt(r.low)
        ),
    };
    let mut d = f
        .new_diag(
            "A105",
            format!(
                "{what}不成立（应有 左边 {cmp} 右边）：左边 {}，右边 {}（{detail}）",
                side(&c.left, &l, ls),
                side(&c.right, &r, rs),
            ),
        )
        .with_primary(
            // The statement up to its right side, without the description after it.
            Span::new(c.span.start, c.right.span().end.max(c.span.start)),
            format!("{} {cmp} {}", style.fmt(l.value), style.fmt(r.value)),
        );
    d = with_figures(d);
    // A single stated figure that is the other side cut off at its last digit.
    if c.cmp == Comparison::Equal {
        let cut = match (ls, rs) {
            (Some(q), None) => cut_to(q, r.value, &style.fmt(r.value)),
            (None, Some(q)) => cut_to(q, l.value, &style.fmt(l.value)),
            _ => None,
        };
        d = if_cut(d, cut);
    }
    Some(soften(
        d.with_help(
            "请逐一核对算式中的数：原文的标准、数量和金额至少有一个与其余不符；原文如此，则是通知本身的错误。\
             若算式并非原文的意思（例如补贴有封顶、或只对部分户数适用），请改写核算",
        ),
        l.approx || r.approx,
    ))
}

// ───────────────────────────── A104: restatements ─────────────────────────────

/// A104: a figure stated again must agree with its first statement.
pub fn restatements(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for rs in &plan.restatements {
            let (Some(first), Some(again)) =
                (f.policy.figure(&rs.target), f.policy.figure(&rs.figure))
            else {
                continue;
            };
            if !usable(&first.quantity) || !usable(&again.quantity) {
                continue;
            }
            if norm_dims(&first.quantity.dims) != norm_dims(&again.quantity.dims) {
                out.push(
                    f.new_diag(
                        "A107",
                        format!(
                            "“{}”再次出现时单位不同：首次的单位是 {}，这里是 {}",
                            rs.target,
                            dims_text(&first.quantity.dims),
                            dims_text(&again.quantity.dims)
                        ),
                    )
                    .with_primary(again.span, format!("单位是 {}", dims_text(&again.quantity.dims)))
                    .with_secondary(
                        first.span,
                        format!("首次写作 {}", first.quantity.written),
                    )
                    .with_help(
                        "复述的应是同一个数。若这里说的是另一个量（例如面积而非户数），请把它声明为新的指标",
                    ),
                );
                continue;
            }
            let a = Iv::of(&first.quantity);
            let b = Iv::of(&again.quantity);
            if a.overlaps(&b) {
                continue;
            }
            let style = Style::like(&first.quantity);
            let mut d = f
                .new_diag(
                    "A104",
                    format!(
                        "“{}”前后不一致：这里写作 {}，首次写作 {}（{}）",
                        rs.target,
                        again.quantity.written,
                        first.quantity.written,
                        difference_text(&style, &[Style::like(&again.quantity)], &a, &b)
                    ),
                )
                .with_primary(again.span, format!("这里写作 {}", again.quantity.written))
                .with_secondary(first.span, format!("首次写作 {}", first.quantity.written))
                .with_help(
                    "同一个数在通知中前后写法不一：两处都照原文保留，并请起草单位确认哪一个是对的",
                );
            d = if_cut(d, truncated(&first.quantity, &again.quantity));
            out.push(soften(d, a.approx || b.approx));
        }
    }
    for d in out {
        f.report(d);
    }
}

/// When the coarser of two statements is the finer one cut off (截尾) rather than rounded —
/// 2283.84万元 written 2283万元 — the two probably are the same figure, written carelessly: a
/// warning with this note instead of an error.
fn truncated(a: &Quantity, b: &Quantity) -> Option<String> {
    let (sa, sb) = (last_digit(a)?, last_digit(b)?);
    if sa > sb {
        cut_to(a, b.value, &b.written)
    } else if sb > sa {
        cut_to(b, a.value, &a.written)
    } else {
        None
    }
}

/// The note for a stated figure that is `value` cut off at the stated figure's last digit.
fn cut_to(stated: &Quantity, value: Decimal, value_text: &str) -> Option<String> {
    let step = last_digit(stated)?;
    if stated.precision == Precision::Approximate || step.is_zero() {
        return None;
    }
    let units = value.checked_div(step)?;
    if units.trunc().checked_mul(step)? != stated.value || units.fract().is_zero() {
        return None;
    }
    let rounded = units
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .checked_mul(step)?;
    let style = Style::like(stated);
    let value_text = match (value_text, style.smaller()) {
        (t, Some(smaller)) if t.contains('≈') && !smaller.fmt(value).contains('≈') => {
            smaller.fmt(value)
        }
        (t, _) => t.to_string(),
    };
    Some(format!(
        "{value_text} 截去尾数正是 {}，按四舍五入应写作 {}：原文可能是截尾取整，故为警告",
        stated.written,
        Style::like(stated).fmt(rounded)
    ))
}

/// Downgrades a finding to a warning when the stated figure is the computed one cut off.
fn if_cut(mut d: Diagnostic, note: Option<String>) -> Diagnostic {
    if let Some(n) = note {
        if d.severity == Severity::Error {
            d.severity = Severity::Warning;
        }
        d.notes.push(n);
    }
    d
}

// ───────────────────────────── tables ─────────────────────────────

/// A cell as arithmetic sees it.
// A short-lived local, one per cell looked at: its size does not matter, and borrowing the
// model's quantity instead of boxing a copy is the point.
#[allow(clippy::large_enum_variant)]
enum CellValue<'a> {
    /// The model's reading of the cell, borrowed; or a percentage read here.
    Number(std::borrow::Cow<'a, Quantity>),
    /// Empty, or a dash: nothing, which adds as 0.
    Blank,
    /// Words: the column cannot be summed in this row.
    Text,
}

fn is_blank(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "-" | "－" | "—" | "——" | "–" | "/" | "／" | "无" | "\\"
    )
}

fn column_unit(table: &Table, col: usize) -> Option<String> {
    table
        .columns
        .get(col)
        .and_then(|c| c.unit.clone())
        .or_else(|| table.unit.clone())
}

fn cell_value<'a>(table: &Table, row: &Row, col: usize) -> CellValue<'a> {
    let Some(cell) = row.cell(col) else {
        return CellValue::Blank;
    };
    if let Some(q) = table.value(col, cell.text) {
        return if usable(&q) {
            CellValue::Number(std::borrow::Cow::Owned(q))
        } else {
            CellValue::Text
        };
    }
    if is_blank(cell.text) {
        return CellValue::Blank;
    }
    // 30% in a cell: the model reads bare numbers only.
    let t = cell.text.trim();
    if col > 0 {
        if let Some(n) = t.strip_suffix(['%', '％']) {
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.') {
                if let Ok(q) = Quantity::from_cell(n, Some("%")) {
                    return CellValue::Number(std::borrow::Cow::Owned(q));
                }
            }
        }
    }
    CellValue::Text
}

fn row_label(row: &Row, index: usize) -> String {
    match row.cell(0).map(|c| c.text.trim()) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => format!("第{}行", index + 1),
    }
}

/// The rows a total or subtotal row adds up: the data rows since the previous total or
/// subtotal — or, in a table whose first row of this kind stands above every data row
/// (subtotals printed above their rows), the data rows after it up to the next one.
fn summed_rows(table: &Table, at: usize, bounds: &[RowKind]) -> Vec<usize> {
    let bound = |i: &usize| bounds.contains(&table.rows[*i].kind);
    let kind = table.rows[at].kind;
    let first_bound = (0..table.rows.len()).find(|i| table.rows[*i].kind == kind);
    let first_data = (0..table.rows.len()).find(|i| table.rows[*i].kind == RowKind::Data);
    let leading = match (first_bound, first_data) {
        (Some(b), Some(d)) => b < d,
        _ => false,
    };
    let data = |i: &usize| table.rows[*i].kind == RowKind::Data;
    if leading {
        (at + 1..table.rows.len())
            .take_while(|i| !bound(i))
            .filter(data)
            .collect()
    } else {
        let mut rows: Vec<usize> = (0..at)
            .rev()
            .take_while(|i| !bound(i))
            .filter(data)
            .collect();
        rows.reverse();
        rows
    }
}

/// A102: a table's total and subtotal rows against the rows they add up, column by column.
pub fn table_totals(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for table in &plan.tables {
            table_total_checks(f, table, &mut out);
        }
    }
    for d in out {
        f.report(d);
    }
}

fn table_total_checks(f: &Findings, table: &Table, out: &mut Vec<Diagnostic>) {
    let totals = table
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Total)
        .count();
    for (at, row) in table.rows.iter().enumerate() {
        let rows = match row.kind {
            RowKind::Data => continue,
            // One total row adds up every data row; several split the table between them.
            RowKind::Total if totals == 1 => (0..table.rows.len())
                .filter(|i| table.rows[*i].kind == RowKind::Data)
                .collect(),
            RowKind::Total => summed_rows(table, at, &[RowKind::Total]),
            RowKind::Subtotal => summed_rows(table, at, &[RowKind::Total, RowKind::Subtotal]),
        };
        if rows.is_empty() {
            continue;
        }
        let width = table.widest_row();
        for col in 1..width {
            if let Some(d) = column_sum(f, table, at, &rows, col) {
                out.push(d);
            }
        }
    }
}

/// A blank total cell: nothing to compare, but a column whose sum is too large to hold is
/// reported (A110) all the same.
fn blank_total_overflow(
    f: &Findings,
    table: &Table,
    at: usize,
    rows: &[usize],
    col: usize,
) -> Option<Diagnostic> {
    let mut sum: Option<Iv> = None;
    for &i in rows {
        if let CellValue::Number(q) = cell_value(table, &table.rows[i], col) {
            let iv = Iv::of(&q);
            let next = match &sum {
                None => Some(iv),
                Some(acc) if acc.norm() == iv.norm() => acc.add(&iv),
                Some(_) => return None,
            };
            if next.is_none() {
                return Some(column_overflow(f, table, at, col));
            }
            sum = next;
        }
    }
    None
}

/// A110 for a column whose rows add up past what can be held, at the total row's cell (or the
/// row, where that cell is blank).
fn column_overflow(f: &Findings, table: &Table, at: usize, col: usize) -> Diagnostic {
    let row = &table.rows[at];
    let span = row
        .cell(col)
        .map(|c| c.span)
        .filter(|s| s.start != s.end)
        .unwrap_or(row.span);
    overflow(
        f,
        &format!(
            "表“{}”「{}」一列的各行相加",
            table.name,
            table.column_name(col)
        ),
        span,
    )
}

fn column_sum(
    f: &Findings,
    table: &Table,
    at: usize,
    rows: &[usize],
    col: usize,
) -> Option<Diagnostic> {
    let row = &table.rows[at];
    let stated_q = match cell_value(table, row, col) {
        CellValue::Number(q) => q,
        CellValue::Blank => return blank_total_overflow(f, table, at, rows, col),
        CellValue::Text => return None,
    };
    // Rates (元/户) and percentages do not add up down a column: a total row gives their
    // average or overall rate. Only a share column totalling 100% is a sum.
    if stated_q.dims.values().any(|e| *e < 0)
        || (stated_q.is_percent() && stated_q.value != Decimal::ONE)
        || heading_is_rate(table, col)
    {
        return None;
    }
    let stated = Iv::of(&stated_q);
    let want = stated.norm();
    let mut parts = Vec::new();
    let mut finer = Vec::new();
    for &i in rows {
        match cell_value(table, &table.rows[i], col) {
            CellValue::Number(q) => {
                if norm_dims(&q.dims) != want {
                    return None;
                }
                parts.push((i, Iv::of(&q)));
                finer.push(Style::like(&q));
            }
            CellValue::Blank => {}
            CellValue::Text => return None,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let ivs: Vec<Iv> = parts.iter().map(|(_, iv)| iv.clone()).collect();
    let Some(computed) = sum(&ivs, &stated.dims) else {
        return Some(column_overflow(f, table, at, col));
    };
    if computed.overlaps(&stated) {
        return None;
    }
    let style = Style::like(&stated_q);
    let kind = if row.kind == RowKind::Total {
        "合计"
    } else {
        "小计"
    };
    let mut d = f
        .new_diag(
            "A102",
            format!(
                "表“{}”“{}”一列的{kind}写作 {}，{}行之和为 {}（{}）",
                table.name,
                table.column_name(col),
                stated_q.written,
                parts.len(),
                style.fmt(computed.value),
                difference_text(&style, &finer, &stated, &computed)
            ),
        )
        .with_primary(
            row.cell(col).map_or(row.span, |c| c.span),
            format!("{kind}写作 {}", stated_q.written),
        );
    for (i, _) in &parts {
        d = d.with_secondary(
            table.rows[*i]
                .cell(col)
                .map_or(table.rows[*i].span, |c| c.span),
            row_label(&table.rows[*i], *i),
        );
    }
    let cut = cut_to(&stated_q, computed.value, &style.fmt(computed.value));
    Some(soften(
        if_cut(
            d.with_help(
                "请核对原文表格这一列的合计（小计）与各行：原文如此，则是表格本身的错误，应请起草单位更正；\
                 若原文表格有未录入的行，请补全",
            ),
            cut,
        ),
        computed.approx || stated.approx,
    ))
}

/// Whether a column's heading ends in a rate unit, （元/户）: the model splits headings at
/// “/” into groups, so such a unit does not reach the cells.
fn heading_is_rate(table: &Table, col: usize) -> bool {
    let Some(h) = table.columns.get(col).map(|c| c.written.trim()) else {
        return false;
    };
    let inner = h
        .strip_suffix('）')
        .and_then(|x| x.rsplit_once('（'))
        .or_else(|| h.strip_suffix(')').and_then(|x| x.rsplit_once('(')))
        .map(|(_, u)| u.trim());
    inner
        .and_then(|u| crate::quantity::parse_unit(u).ok())
        .is_some_and(|u| u.dims.values().any(|e| *e < 0))
}

/// A103: every row must satisfy the table's relations (关系) between columns.
pub fn table_relations(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for table in &plan.tables {
            for rel in &table.relations {
                relation(f, table, rel, &mut out);
            }
        }
    }
    for d in out {
        f.report(d);
    }
}

fn relation(f: &Findings, table: &Table, rel: &Calc, out: &mut Vec<Diagnostic>) {
    let name = |id: &str| match relation_column(id) {
        Some(c) => format!("「{}」", table.column_name(c)),
        None => id.to_string(),
    };
    let text = format!(
        "{} {} {}",
        expr_text(&rel.left, &name),
        match rel.cmp {
            Comparison::Equal => "=",
            Comparison::AtMost => "≤",
            Comparison::AtLeast => "≥",
        },
        expr_text(&rel.right, &name)
    );
    let mut ids = Vec::new();
    expr_ids(&rel.left, &mut ids);
    expr_ids(&rel.right, &mut ids);
    let cols: Vec<usize> = ids
        .iter()
        .filter_map(|(id, _)| relation_column(id))
        .collect();
    if cols.len() != ids.len() {
        return; // a column that does not exist: E0101 already
    }
    let mut units_reported = false;
    for (ri, row) in table.rows.iter().enumerate() {
        let values: Vec<CellValue> = cols.iter().map(|c| cell_value(table, row, *c)).collect();
        if values.iter().any(|v| matches!(v, CellValue::Text))
            || values.iter().all(|v| matches!(v, CellValue::Blank))
        {
            continue;
        }
        // A blank cell is 0, in the column's unit.
        let zero_dims = |c: usize| {
            column_unit(table, c)
                .and_then(|u| crate::quantity::parse_unit(&u).ok())
                .map(|u| u.dims)
                .unwrap_or_default()
        };
        let mut look = |id: &str| {
            let c = relation_column(id)?;
            match cell_value(table, row, c) {
                CellValue::Number(q) => Some(Iv::of(&q)),
                CellValue::Blank => Some(Iv::zero(zero_dims(c))),
                CellValue::Text => None,
            }
        };
        let l = eval(&rel.left, &mut look, 0);
        let r = eval(&rel.right, &mut look, 0);
        let (l, r) = match (l, r) {
            (Err(EvalError::Units { left, right }), _)
            | (_, Err(EvalError::Units { left, right })) => {
                if !units_reported {
                    units_reported = true;
                    out.push(units_diag(
                        f,
                        &format!("表“{}”的关系", table.name),
                        &left,
                        &right,
                    ));
                }
                continue;
            }
            (Ok(l), Ok(r)) => (l, r),
            _ => continue,
        };
        if l.norm() != r.norm() {
            if !units_reported {
                units_reported = true;
                out.push(units_diag(
                    f,
                    &format!("表“{}”的关系", table.name),
                    &(rel.left.span(), l.dims),
                    &(rel.right.span(), r.dims),
                ));
            }
            continue;
        }
        // A single cell stating the result of a product is read as rounded to its last digit.
        let single_cell = |e: &Expr| match e {
            Expr::Figure { id, .. } => match relation_column(id).map(|c| cell_value(table, row, c))
            {
                Some(CellValue::Number(q)) => Some(q),
                _ => None,
            },
            _ => None,
        };
        let (mut l, mut r) = (l, r);
        if let (Some(q), true) = (single_cell(&rel.left), has_mul_div(&rel.right)) {
            l = l.as_rounded_result(&q);
        }
        if let (Some(q), true) = (single_cell(&rel.right), has_mul_div(&rel.left)) {
            r = r.as_rounded_result(&q);
        }
        let holds = match rel.cmp {
            Comparison::Equal => l.overlaps(&r),
            Comparison::AtMost => l.can_be_at_most(&r),
            Comparison::AtLeast => r.can_be_at_most(&l),
        };
        if holds {
            continue;
        }
        let style = cols
            .iter()
            .find_map(|c| match cell_value(table, row, *c) {
                CellValue::Number(q) => Some(Style::like(&q)),
                _ => None,
            })
            .unwrap_or_else(|| Style::base(&l.dims));
        let finer: Vec<Style> = cols
            .iter()
            .filter_map(|c| match cell_value(table, row, *c) {
                CellValue::Number(q) => Some(Style::like(&q)),
                _ => None,
            })
            .collect();
        let left_col = match &rel.left {
            Expr::Figure { id, .. } => relation_column(id),
            _ => None,
        };
        let mut d = f.new_diag(
            "A103",
            format!(
                "表“{}”中“{}”一行不满足关系 {text}：左边为 {}，右边算得 {}（{}）",
                table.name,
                row_label(row, ri),
                style.fmt(l.value),
                style.fmt(r.value),
                difference_text(&style, &finer, &l, &r)
            ),
        );
        let primary = left_col
            .and_then(|c| row.cell(c))
            .map_or(row.span, |c| c.span);
        d = d.with_primary(primary, format!("左边为 {}", style.fmt(l.value)));
        let mut seen = Vec::new();
        for c in &cols {
            if seen.contains(c) || Some(*c) == left_col {
                continue;
            }
            seen.push(*c);
            if let Some(cell) = row.cell(*c) {
                d = d.with_secondary(cell.span, format!("「{}」", table.column_name(*c)));
            }
        }
        d = d.with_secondary(rel.span, "关系");
        out.push(soften(
            d.with_help("请核对原文这一行的各个数；原文如此，则是表格本身的错误，应请起草单位更正"),
            l.approx || r.approx,
        ));
    }
}
