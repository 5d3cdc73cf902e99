//! Expressions as arithmetic sees them: evaluation on intervals, their text in findings,
//! and the A107 finding for operands of different units.

use rust_decimal::Decimal;

use super::{MAX_NESTING, UNIT_HELP};
use crate::checks::interval::{dims_text, same_dims, usable, Iv};
use crate::checks::Findings;
use crate::diagnostics::{Diagnostic, Span};
use crate::model::{Expr, Op, Operation};
use crate::quantity::Dims;

/// Why an expression has no value.
pub(super) enum EvalError {
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
pub(super) fn eval(
    e: &Expr,
    look: &mut dyn FnMut(&str) -> Option<Iv>,
    depth: usize,
) -> Result<Iv, EvalError> {
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
                        if !same_dims(&acc.dims, &b.dims) {
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

pub(super) fn has_mul_div(e: &Expr) -> bool {
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
pub(super) fn expr_text(e: &Expr, name: &dyn Fn(&str) -> String) -> String {
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
pub(super) fn expr_ids<'e>(e: &'e Expr, out: &mut Vec<(&'e str, Span)>) {
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

pub(crate) fn units_diag(
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
