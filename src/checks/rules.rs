//! R3xx: piecewise subsidy rules (规则). Whether the conditions cover every input exactly once,
//! given what the bound words include (DOMAIN.md: 以上, 以下, 以内, 不低于, 不超过 … include the
//! number; 不足, 不满, 超过, 低于 … exclude it), and whether the subsidy jumps at a boundary so
//! that a household just below it pays less by spending more (a cliff).
//!
//! Inputs are taken to be positive (a cost, an area): the domain is everything above 0. The
//! boundaries cut it into pieces: the open stretches between two boundaries and the boundary
//! values themselves. Each piece is covered by the same branches throughout, so coverage is
//! decided piece by piece, exactly, in decimal arithmetic.

use rust_decimal::Decimal;

use super::Findings;
use crate::diagnostics::Diagnostic;
use crate::model::{Bound, Branch, Outcome, Rule};
use crate::quantity::Quantity;

const LAW: &str = "依据：民法典第一千二百五十九条，“以上、以下、以内、届满”包括本数，“不满、超过、以外”不包括本数；按通常含义，“不足、低于、少于”不包括本数，“不低于、不少于、不超过、不高于”包括本数";

// ───────────────────────────── pieces ─────────────────────────────

/// A piece of the input domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// The open stretch between two boundaries; `None` above the last.
    Open(Decimal, Option<Decimal>),
    /// A boundary value.
    Point(Decimal),
}

/// One end of an interval of inputs: its value and whether it is included.
type End = (Decimal, bool);

/// A branch's interval of inputs; `None` ends are the domain's (0 exclusive, no upper limit).
#[derive(Debug, Clone, Copy)]
struct Iv {
    lo: Option<End>,
    hi: Option<End>,
}

impl Iv {
    fn of(b: &Branch) -> Iv {
        Iv {
            lo: b.lower.as_ref().map(|x| (x.value.value, x.inclusive)),
            hi: b.upper.as_ref().map(|x| (x.value.value, x.inclusive)),
        }
    }

    fn covers(&self, p: Piece) -> bool {
        match p {
            Piece::Point(v) => {
                let lo_ok = self.lo.is_none_or(|(l, inc)| l < v || (l == v && inc));
                let hi_ok = self.hi.is_none_or(|(h, inc)| v < h || (v == h && inc));
                lo_ok && hi_ok
            }
            Piece::Open(a, b) => {
                let lo_ok = self.lo.is_none_or(|(l, _)| l <= a);
                let hi_ok = match (self.hi, b) {
                    (None, _) => true,
                    (Some((h, _)), Some(b)) => b <= h,
                    (Some(_), None) => false,
                };
                lo_ok && hi_ok
            }
        }
    }
}

/// What a rule's conditions cut the domain into, and which branches cover each piece.
struct Coverage<'r> {
    rule: &'r Rule,
    /// Boundary values above 0, ascending, each with the figure as first written.
    cuts: Vec<(Decimal, &'r Quantity)>,
    pieces: Vec<(Piece, Vec<usize>)>,
}

impl<'r> Coverage<'r> {
    /// `None` when the rule cannot be analysed: no branches, or bounds in different units
    /// (a rule that mixes 元 and 平方米 measures two things at once).
    fn of(rule: &'r Rule) -> Option<Coverage<'r>> {
        // Conditions on several inputs at once (且) span a plane, not a line: not analysed.
        if rule.branches.is_empty() || rule.branches.iter().any(|b| !b.also.is_empty()) {
            return None;
        }
        let bounds: Vec<&Bound> = rule
            .branches
            .iter()
            .flat_map(|b| b.lower.iter().chain(b.upper.iter()))
            .collect();
        let unit = bounds.first().map(|b| &b.value.base_unit);
        if bounds.iter().any(|b| Some(&b.value.base_unit) != unit) {
            return None;
        }
        let mut cuts: Vec<(Decimal, &Quantity)> = Vec::new();
        for b in &bounds {
            let v = b.value.value;
            if v > Decimal::ZERO && !cuts.iter().any(|(c, _)| *c == v) {
                cuts.push((v, &b.value));
            }
        }
        cuts.sort_by_key(|a| a.0);
        let mut pieces = Vec::new();
        let mut prev = Decimal::ZERO;
        for (c, _) in &cuts {
            pieces.push(Piece::Open(prev, Some(*c)));
            pieces.push(Piece::Point(*c));
            prev = *c;
        }
        pieces.push(Piece::Open(prev, None));
        let ivs: Vec<Iv> = rule.branches.iter().map(Iv::of).collect();
        let pieces = pieces
            .into_iter()
            .map(|p| {
                let by = (0..ivs.len()).filter(|&i| ivs[i].covers(p)).collect();
                (p, by)
            })
            .collect();
        Some(Coverage { rule, cuts, pieces })
    }

    fn written(&self, v: Decimal) -> String {
        self.cuts
            .iter()
            .find(|(c, _)| *c == v)
            .map_or_else(|| money(self, v), |(_, q)| q.written.clone())
    }

    /// Maximal runs of consecutive pieces for which `same` holds pairwise and `keep` holds.
    fn runs(&self, keep: impl Fn(&[usize]) -> bool) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (i, (_, by)) in self.pieces.iter().enumerate() {
            if !keep(by) {
                continue;
            }
            match out.last_mut() {
                Some((_, end)) if *end + 1 == i && self.pieces[*end].1 == *by => *end = i,
                _ => out.push((i, i)),
            }
        }
        out
    }

    /// The interval a run of pieces makes up.
    fn run_interval(&self, (first, last): (usize, usize)) -> Iv {
        let lo = match self.pieces[first].0 {
            Piece::Point(v) => Some((v, true)),
            Piece::Open(a, _) if a == Decimal::ZERO => None,
            Piece::Open(a, _) => Some((a, false)),
        };
        let hi = match self.pieces[last].0 {
            Piece::Point(v) => Some((v, true)),
            Piece::Open(_, b) => b.map(|b| (b, false)),
        };
        Iv { lo, hi }
    }

    /// An interval in the notice's words: 恰好4万元, 超过4万元且不足5万元, 不足2万元.
    fn describe(&self, iv: Iv) -> String {
        let w = |v: Decimal| self.written(v);
        match (iv.lo, iv.hi) {
            (Some((l, true)), Some((h, true))) if l == h => format!("恰好为{}", w(l)),
            (None, None) => "任何数值".to_string(),
            (None, Some((h, inc))) => format!("{}{}", if inc { "不超过" } else { "不足" }, w(h)),
            (Some((l, inc)), None) => format!("{}{}", if inc { "不低于" } else { "超过" }, w(l)),
            (Some((l, li)), Some((h, hi))) => format!(
                "{}{}且{}{}",
                if li { "不低于" } else { "超过" },
                w(l),
                if hi { "不超过" } else { "不足" },
                w(h)
            ),
        }
    }

    fn input(&self) -> String {
        self.rule
            .input
            .clone()
            .unwrap_or_else(|| "条件所衡量的数值".to_string())
    }
}

/// What a branch's bound word means, for notes: “不足4万元”：“不足”不包括本数4万元.
fn meaning(b: &Bound) -> String {
    let v = &b.value.written;
    let inc = if b.inclusive { "包括" } else { "不包括" };
    match (&b.word, b.explicit) {
        (_, true) => format!(
            "写明了“{}”，{inc}{v}",
            if b.inclusive {
                "（含）"
            } else {
                "（不含）"
            }
        ),
        (Some(w), false) if w == "至" => format!("“至”的两端都包括，{inc}{v}"),
        (Some(w), false) => format!("“{w}”{inc}本数{v}"),
        (None, false) => format!("从{v}起，{inc}{v}"),
    }
}

fn branch_notes(rule: &Rule, which: &[usize]) -> Vec<String> {
    which
        .iter()
        .filter_map(|&i| rule.branches.get(i))
        .map(|b| {
            let parts: Vec<String> = b.lower.iter().chain(b.upper.iter()).map(meaning).collect();
            format!("“{}”：{}", b.written, parts.join("；"))
        })
        .collect()
}

// ───────────────────────────── R301, R302 ─────────────────────────────

/// R301: inputs that no branch covers (and no 否则 takes).
pub fn gaps(f: &mut Findings) {
    for plan in &f.policy.plans {
        for rule in &plan.rules {
            if rule.otherwise.is_some() {
                continue;
            }
            let Some(cov) = Coverage::of(rule) else {
                continue;
            };
            for run in cov.runs(|by| by.is_empty()) {
                let iv = cov.run_interval(run);
                let desc = cov.describe(iv);
                // The branches that end or start at the gap's edges.
                let mut near: Vec<usize> = Vec::new();
                let mut d = f.new_diag(
                    "R301",
                    format!(
                        "规则“{}”有空档：{}{}时，没有一项条件适用",
                        rule.name,
                        cov.input(),
                        desc
                    ),
                );
                for (i, b) in rule.branches.iter().enumerate() {
                    let bi = Iv::of(b);
                    if let (Some((h, _)), Some((l, _))) = (bi.hi, iv.lo) {
                        if h == l {
                            d = d.with_secondary(
                                b.span,
                                format!("此项到{}为止（{}）", cov.written(h), inc_word(bi.hi)),
                            );
                            near.push(i);
                        }
                    }
                    if let (Some((l, _)), Some((h, _))) = (bi.lo, iv.hi) {
                        if l == h {
                            d = d.with_secondary(
                                b.span,
                                format!("此项从{}起（{}）", cov.written(l), inc_word(bi.lo)),
                            );
                            near.push(i);
                        }
                    }
                }
                d.labels.insert(
                    0,
                    crate::diagnostics::Label {
                        span: f.head(rule.span),
                        message: format!("{desc}的情形没有规定"),
                        primary: true,
                    },
                );
                for n in branch_notes(rule, &near) {
                    d = d.with_note(n);
                }
                d = d
                    .with_note(LAW)
                    .with_help("在相邻一项的界限上写明（含）或（不含），例如“4万元以上（含）”，或用“否则：…”写明其余情形");
                f.report(d);
            }
        }
    }
}

fn inc_word(e: Option<End>) -> &'static str {
    match e {
        Some((_, true)) => "含本数",
        _ => "不含本数",
    }
}

/// R302: inputs that two or more branches cover.
pub fn overlaps(f: &mut Findings) {
    for plan in &f.policy.plans {
        for rule in &plan.rules {
            let Some(cov) = Coverage::of(rule) else {
                continue;
            };
            for run in cov.runs(|by| by.len() > 1) {
                let iv = cov.run_interval(run);
                let which = cov.pieces[run.0].1.clone();
                let desc = cov.describe(iv);
                let names: Vec<String> = which
                    .iter()
                    .map(|&i| format!("“{}”", rule.branches[i].written))
                    .collect();
                let outcomes: Vec<&Outcome> =
                    which.iter().map(|&i| &rule.branches[i].outcome).collect();
                // The same outcome, or at a single point the same amount (4万元以上：2万元 and
                // 4万元以下：50% both give 2万元 at 4万元).
                let same = outcomes.windows(2).all(|w| same_outcome(w[0], w[1]))
                    || match iv {
                        Iv {
                            lo: Some((l, true)),
                            hi: Some((h, true)),
                        } if l == h => {
                            let amounts: Vec<Option<Decimal>> = outcomes
                                .iter()
                                .map(|o| Subsidy::of(o).and_then(|s| s.at(l)))
                                .collect();
                            amounts.iter().all(Option::is_some)
                                && amounts.windows(2).all(|w| w[0] == w[1])
                        }
                        _ => false,
                    };
                let mut d = f.new_diag(
                    "R302",
                    format!(
                        "规则“{}”的条件重叠：{}{}时，{}都适用",
                        rule.name,
                        cov.input(),
                        desc,
                        names.join("和")
                    ),
                );
                for (k, &i) in which.iter().enumerate() {
                    let b = &rule.branches[i];
                    let label = format!("包括{desc}的情形，结果为{}", b.outcome.written);
                    d = if k == 0 {
                        d.with_primary(b.span, label)
                    } else {
                        d.with_secondary(b.span, label)
                    };
                }
                if same {
                    d.severity = crate::diagnostics::Severity::Warning;
                    d = d.with_note(
                        "几项在这里给出的补贴相同，金额不受影响，但同一情形只应写在一项中",
                    );
                } else {
                    d = d.with_note(format!(
                        "几项的结果不同（{}），同一户不知该按哪一项补贴",
                        outcomes
                            .iter()
                            .map(|o| o.written.as_str())
                            .collect::<Vec<_>>()
                            .join("与")
                    ));
                }
                for n in branch_notes(rule, &which) {
                    d = d.with_note(n);
                }
                d = d.with_note(LAW).with_help(
                    "把其中一项的界限改为不包括本数，例如把“4万元以下”改为“不足4万元”，或写明（不含）",
                );
                f.report(d);
            }
        }
    }
}

fn same_outcome(a: &Outcome, b: &Outcome) -> bool {
    let q = |x: &Quantity| (x.value, x.base_unit.clone(), x.is_percent());
    q(&a.value) == q(&b.value) && a.cap.as_ref().map(q) == b.cap.as_ref().map(q)
}

// ───────────────────────────── R303: cliffs ─────────────────────────────

/// A branch's subsidy as a function of the input x: min(share · x + fixed, cap).
#[derive(Debug, Clone, Copy)]
struct Subsidy {
    share: Decimal,
    fixed: Decimal,
    cap: Option<Decimal>,
}

impl Subsidy {
    /// `None` unless the outcome is a share of the input (a percentage) or an amount of money.
    fn of(o: &Outcome) -> Option<Subsidy> {
        let cap = match &o.cap {
            Some(c) if c.base_unit == "元" => Some(c.value),
            Some(_) => return None,
            None => None,
        };
        if o.value.is_percent() {
            Some(Subsidy {
                share: o.value.value,
                fixed: Decimal::ZERO,
                cap,
            })
        } else if o.value.base_unit == "元" {
            Some(Subsidy {
                share: Decimal::ZERO,
                fixed: o.value.value,
                cap,
            })
        } else {
            None
        }
    }

    fn at(&self, x: Decimal) -> Option<Decimal> {
        let s = self.share.checked_mul(x)?.checked_add(self.fixed)?;
        Some(match self.cap {
            Some(c) => s.min(c),
            None => s,
        })
    }

    /// The stretches of (a, b) — ends included per flag — on which x − s(x) > target, solved
    /// exactly on each part where s is linear.
    fn net_above(&self, lo: End, hi: End, target: Decimal) -> Option<Vec<Iv>> {
        // Where the cap starts to bind, if inside the stretch.
        let mut parts = vec![(lo, hi, self.share, self.fixed)];
        if let Some(c) = self.cap {
            if self.share > Decimal::ZERO {
                let x = c.checked_sub(self.fixed)?.checked_div(self.share)?;
                if x > lo.0 && x < hi.0 {
                    parts = vec![
                        (lo, (x, true), self.share, self.fixed),
                        ((x, false), hi, Decimal::ZERO, c),
                    ];
                } else if x <= lo.0 {
                    parts = vec![(lo, hi, Decimal::ZERO, c)];
                }
            } else if c < self.fixed {
                parts = vec![(lo, hi, Decimal::ZERO, c)];
            }
        }
        let mut out = Vec::new();
        for (lo, hi, k, c) in parts {
            // x − (k·x + c) > target  ⇔  (1 − k)·x > target + c
            let alpha = Decimal::ONE.checked_sub(k)?;
            let rhs = target.checked_add(c)?;
            let iv = if alpha.is_zero() {
                (Decimal::ZERO > rhs).then_some(Iv {
                    lo: Some(lo),
                    hi: Some(hi),
                })
            } else {
                let x = rhs.checked_div(alpha)?;
                if alpha > Decimal::ZERO {
                    // x > bound
                    let l = if x > lo.0 || (x == lo.0 && !lo.1) {
                        (x, false)
                    } else {
                        lo
                    };
                    let empty = l.0 > hi.0 || (l.0 == hi.0 && !(l.1 && hi.1));
                    (!empty).then_some(Iv {
                        lo: Some(l),
                        hi: Some(hi),
                    })
                } else {
                    // x < bound
                    let h = if x < hi.0 || (x == hi.0 && !hi.1) {
                        (x, false)
                    } else {
                        hi
                    };
                    let empty = lo.0 > h.0 || (lo.0 == h.0 && !(lo.1 && h.1));
                    (!empty).then_some(Iv {
                        lo: Some(lo),
                        hi: Some(h),
                    })
                }
            };
            out.extend(iv);
        }
        Some(out)
    }
}

/// R303: at a boundary the subsidy jumps up, so that a household just below it pays less of
/// its own money by raising its cost to the boundary.
pub fn cliffs(f: &mut Findings) {
    for plan in &f.policy.plans {
        for rule in &plan.rules {
            let Some(cov) = Coverage::of(rule) else {
                continue;
            };
            // Only costs: the input must be money, and no input may fall under two branches.
            if cov.cuts.first().is_none_or(|(_, q)| q.base_unit != "元")
                || cov.pieces.iter().any(|(_, by)| by.len() > 1)
            {
                continue;
            }
            let subsidy: Vec<Option<Subsidy>> = rule
                .branches
                .iter()
                .map(|b| Subsidy::of(&b.outcome))
                .collect();
            let otherwise = rule.otherwise.as_ref().map(Subsidy::of);
            if subsidy.iter().any(Option::is_none) || matches!(otherwise, Some(None)) {
                continue;
            }
            let at = |i: usize| -> Option<(Subsidy, Option<usize>)> {
                let (_, by) = &cov.pieces[i];
                match by.first() {
                    Some(&b) => subsidy[b].map(|s| (s, Some(b))),
                    None => otherwise.flatten().map(|s| (s, None)),
                }
            };
            for (pi, (piece, _)) in cov.pieces.iter().enumerate() {
                let Piece::Point(c) = *piece else { continue };
                if let Some(d) = cliff_at(f, &cov, c, pi, &at) {
                    f.report(d);
                }
            }
        }
    }
}

type At<'a> = dyn Fn(usize) -> Option<(Subsidy, Option<usize>)> + 'a;

fn cliff_at(f: &Findings, cov: &Coverage, c: Decimal, pi: usize, at: &At) -> Option<Diagnostic> {
    let rule = cov.rule;
    let (below, below_branch) = at(pi.checked_sub(1)?)?;
    let left = below.at(c)?; // the limit from below
    let point = at(pi).and_then(|(s, b)| Some((s.at(c)?, b)));
    let right = at(pi + 1).and_then(|(s, b)| Some((s.at(c)?, b)));
    // The household raises its cost to c itself, or to just above it, whichever leaves it
    // paying less.
    let (target, attained, up_branch) = match (point, right) {
        (Some((m, bm)), Some((r, _))) if m >= r => (m, true, bm),
        (Some(_), Some((r, br))) => (r, false, br),
        (Some((m, bm)), None) => (m, true, bm),
        (None, Some((r, br))) => (r, false, br),
        (None, None) => return None,
    };
    let jump = target.checked_sub(left)?;
    if jump <= Decimal::ZERO {
        return None;
    }
    let net_target = c.checked_sub(target)?;
    // Inputs below the boundary (and the boundary itself when the jump comes just after it)
    // whose own share, x − s(x), is more than at the target.
    let mut gain: Vec<Iv> = Vec::new();
    let upto = if attained { pi } else { pi + 1 };
    for i in 0..upto {
        let Some((s, _)) = at(i) else { continue };
        let (lo, hi) = match cov.pieces[i].0 {
            Piece::Open(a, Some(b)) => ((a, false), (b, false)),
            Piece::Point(v) => ((v, true), (v, true)),
            Piece::Open(_, None) => continue,
        };
        gain.extend(s.net_above(lo, hi, net_target)?);
    }
    // The stretch that reaches the boundary: merge touching intervals from the top down.
    let mut reach: Option<Iv> = None;
    for iv in gain.iter().rev() {
        let (Some(lo), Some(hi)) = (iv.lo, iv.hi) else {
            continue;
        };
        match &mut reach {
            None => {
                if hi.0 == c {
                    reach = Some(*iv);
                }
            }
            Some(r) => {
                let r_lo = r.lo?;
                if hi.0 == r_lo.0 && (hi.1 || r_lo.1) {
                    r.lo = Some(lo);
                }
            }
        }
    }
    let reach = reach?;
    let money = |v: Decimal| money(cov, v);
    // A fixed amount, or a share held at its cap, is its value at the boundary; a share
    // still rising at the boundary (not fixed, not held at its cap) only approaches it.
    let rising = !below.share.is_zero()
        && below.cap.is_none_or(|cap| {
            below
                .share
                .checked_mul(c)
                .and_then(|x| x.checked_add(below.fixed))
                .is_some_and(|x| x < cap)
        });
    let near = if rising { "接近" } else { "" };
    let input = cov.input();
    let cw = cov.written(c);
    let to_where = if attained {
        format!("提高到{cw}")
    } else {
        format!("提高到略高于{cw}")
    };
    let range = cov.describe(Iv {
        lo: reach.lo.filter(|(v, _)| *v > Decimal::ZERO),
        hi: reach.hi,
    });
    let mut d = f.new_diag(
        "R303",
        format!(
            "规则“{}”在{cw}处有断崖：补贴从{near}{}跳到{}，多出{}",
            rule.name,
            money(left),
            money(target),
            money(jump)
        ),
    );
    let up_span = up_branch.map_or(f.head(rule.span), |b| rule.branches[b].span);
    d = d.with_primary(
        up_span,
        format!(
            "{}{cw}即补贴{}",
            if attained { "达到" } else { "一超过" },
            money(target)
        ),
    );
    if let Some(b) = below_branch {
        d = d.with_secondary(
            rule.branches[b].span,
            format!(
                "{}{cw}时，补贴{}{}",
                if attained { "不足" } else { "不超过" },
                if rising { "最多接近" } else { "" },
                money(left)
            ),
        );
    }
    d = d.with_note(format!(
        "{input}{range}的，把费用{to_where}，补贴增加，自己负担的部分反而减少；越接近{cw}，少付得越多，最多接近{}",
        money(jump)
    ));
    if let Some(x) = example(reach, c) {
        let sx = piece_at(cov, at, x).and_then(|(s, _)| s.at(x));
        if let Some((sx, own_x)) = sx.and_then(|sx| Some((sx, x.checked_sub(sx)?))) {
            d = d.with_note(format!(
                "例如：{input}{}，补贴{}，自付{}；{to_where}，补贴{}，自付{}",
                money(x),
                money(sx),
                money(own_x),
                money(target),
                money(net_target)
            ));
        }
    }
    Some(d.with_help(
        "让补贴随费用连续变化，例如“不足4万元的按50%补贴，4万元以上的补贴2万元”（在界限处两边相等），或对超出界限的部分按比例递减",
    ))
}

/// The subsidy function for input x.
fn piece_at(cov: &Coverage, at: &At, x: Decimal) -> Option<(Subsidy, Option<usize>)> {
    let i = cov.pieces.iter().position(|(p, _)| match *p {
        Piece::Point(v) => v == x,
        Piece::Open(a, b) => a < x && b.is_none_or(|b| x < b),
    })?;
    at(i)
}

/// A round figure inside the stretch that gains, for the worked example: the midpoint of the
/// stretch, rounded to a whole number of 元.
fn example(reach: Iv, c: Decimal) -> Option<Decimal> {
    let lo = reach.lo?.0;
    let mid = lo.checked_add(c)?.checked_div(Decimal::TWO)?.round();
    (mid > lo && mid < c).then_some(mid)
}

/// An amount written the way notices write money: in 万元 when the rule itself writes 万 and
/// the amount is at least 1万元 (2万元, 1.5万元), otherwise in 元 (5000元, 8500元). An amount
/// that does not come out in whole 分 is rounded to the 分 and marked 约.
fn money(cov: &Coverage, v: Decimal) -> String {
    let cents = v.round_dp(2);
    let approx = if cents != v { "约" } else { "" };
    let wan = Decimal::from(10_000);
    let rule_writes_wan = cov.cuts.iter().any(|(_, q)| {
        q.magnitude.as_deref() == Some("万")
            || q.unit.as_deref().is_some_and(|u| u.starts_with('万'))
    });
    if rule_writes_wan && cents.abs() >= wan {
        if let Some(x) = cents.checked_div(wan).map(|x| x.normalize()) {
            if x.scale() <= 4 {
                return format!("{approx}{x}万元");
            }
        }
    }
    format!("{approx}{}元", cents.normalize())
}
