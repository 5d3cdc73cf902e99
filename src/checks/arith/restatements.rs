//! A104: a figure stated twice must agree with itself.

use super::{cut_to, difference_text, if_cut, soften};
use crate::checks::interval::{dims_text, last_digit, same_dims, usable, Iv, Style};
use crate::checks::Findings;
use crate::quantity::Quantity;

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
            if !same_dims(&first.quantity.dims, &again.quantity.dims) {
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
