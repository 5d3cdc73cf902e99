//! A115: a figure written without a unit among figures that have one.
//!
//! Notices drop a unit now and then (“集中供热改造居民350” beside “514户”). Read as a pure
//! number the figure cannot be added to its neighbours, and the sum would go unchecked. A
//! careful reader takes it in the unit its neighbours share; so does this check: it warns
//! that the unit is missing, names the unit it assumed, and the sum is checked under that
//! reading (as a warning, since the reading is a guess).

use super::interval::{norm_dims, usable};
use super::Findings;
use crate::diagnostics::Diagnostic;
use crate::model::Figure;
use crate::quantity::{Precision, Quantity};

/// Figures of one group (a total and its parts) as the check reads them.
pub struct Reading {
    /// The figures whose unit was missing, each as read in its neighbours' unit.
    pub read: Vec<Figure>,
    /// One A115 warning for each of them.
    pub warnings: Vec<Diagnostic>,
    /// The unit assumed, as the neighbours write it (户, 平方米).
    pub unit: String,
}

impl Reading {
    /// The figure as read: its reading when its unit was missing, else itself.
    pub fn figure<'a>(&'a self, fig: &'a Figure) -> &'a Figure {
        self.read.iter().find(|r| r.id == fig.id).unwrap_or(fig)
    }
}

/// Reads each unitless figure of `group` in the unit all the others share. `None` when no
/// figure lacks a unit, when none has one, or when those with units disagree (then there
/// is no one unit to assume, and A107 reports the group as it is written).
pub fn read_in_neighbours_unit(f: &Findings, group: &[&Figure], what: &str) -> Option<Reading> {
    let (bare, with_unit): (Vec<&Figure>, Vec<&Figure>) =
        group.iter().partition(|g| g.quantity.unit.is_none());
    let first = with_unit.first()?;
    if bare.is_empty() {
        return None;
    }
    let dims = norm_dims(&first.quantity.dims);
    if with_unit
        .iter()
        .any(|g| norm_dims(&g.quantity.dims) != dims)
    {
        return None;
    }
    let unit = most_common_unit(&with_unit)?;
    let mut read = Vec::new();
    let mut warnings = Vec::new();
    for fig in bare {
        if !usable(&fig.quantity) {
            continue;
        }
        let Some(q) = in_unit(&fig.quantity, &unit) else {
            continue;
        };
        let neighbour = with_unit
            .iter()
            .find(|g| g.quantity.unit.as_deref() == Some(unit.as_str()))
            .unwrap_or(first);
        let assumed = format!("{}{unit}", fig.quantity.written);
        warnings.push(
            f.new_diag(
                "A115",
                format!(
                    "{what}中的“{}”缺少单位：写作 {}，同组的其他数都以“{unit}”计",
                    fig.label, fig.quantity.written
                ),
            )
            .with_primary(fig.span, "缺少单位")
            .with_secondary(
                neighbour.span,
                format!("写作 {}", neighbour.quantity.written),
            )
            .with_help(format!(
                "请照原文补上单位，如 {assumed}；核对时暂按 {assumed} 计。原文确实漏印了单位，应请起草单位补上"
            )),
        );
        read.push(Figure {
            quantity: q,
            ..(*fig).clone()
        });
    }
    (!read.is_empty()).then_some(Reading {
        read,
        warnings,
        unit,
    })
}

/// The unit most of `figs` are written in (the first of those tied).
fn most_common_unit(figs: &[&Figure]) -> Option<String> {
    let units: Vec<&str> = figs
        .iter()
        .filter_map(|g| g.quantity.unit.as_deref())
        .collect();
    let count = |u: &str| units.iter().filter(|x| **x == u).count();
    units
        .iter()
        .copied()
        .fold(None::<&str>, |best, u| match best {
            Some(b) if count(b) >= count(u) => Some(b),
            _ => Some(u),
        })
        .map(str::to_string)
}

/// `q`, written without a unit, as if written with `unit`: same number, 万/亿, precision.
fn in_unit(q: &Quantity, unit: &str) -> Option<Quantity> {
    Quantity::resolve(
        &q.number.to_string(),
        false,
        q.magnitude.as_deref(),
        Some(unit),
        q.precision == Precision::Approximate,
        &q.written,
    )
    .ok()
}

/// A115 on a figure stated alone (指标, 复述, 标准, 假设) without a unit: `指标 改造小区数：36`,
/// or a rate whose unit has no numerator (`1600/户` for 1600元/户). Such a figure cannot
/// be compared, added or multiplied with what it stands for. The unit suggested is the one
/// the same figure has where it is stated again, or, for a rate, the one the other rates
/// per the same thing have.
pub fn lone_figures(f: &mut Findings) {
    use crate::model::FigureRole;
    let policy = f.policy;
    // Path of a restatement's figure → path of its first statement, and back.
    let mut same: Vec<(&str, &str)> = Vec::new();
    for p in &policy.plans {
        for r in &p.restatements {
            same.push((r.figure.as_str(), r.target.as_str()));
        }
    }
    let unit_of = |id: &str| policy.figure(id).and_then(|g| g.quantity.unit.clone());
    for fig in &policy.figures {
        if !matches!(
            fig.role,
            FigureRole::Target
                | FigureRole::Restatement
                | FigureRole::Rate
                | FigureRole::Assumption
        ) || !usable(&fig.quantity)
        {
            continue;
        }
        let q = &fig.quantity;
        let (message, suggested) = match q.unit.as_deref() {
            None => {
                let elsewhere = same.iter().find_map(|&(a, b)| {
                    if a == fig.id {
                        unit_of(b)
                    } else if b == fig.id {
                        unit_of(a)
                    } else {
                        None
                    }
                });
                (
                    format!("“{}”缺少单位：写作 {}", fig.label, q.written),
                    elsewhere,
                )
            }
            Some(u) if u.starts_with('/') => {
                let per = u.to_string();
                let like = policy.figures.iter().find_map(|g| {
                    let gu = g.quantity.unit.as_deref()?;
                    (gu.ends_with(per.as_str()) && gu.len() > per.len()).then(|| gu.to_string())
                });
                (
                    format!(
                        "“{}”的单位缺少“/”前的部分：写作 {}，是每{}多少什么？",
                        fig.label,
                        q.written,
                        u.trim_start_matches('/')
                    ),
                    like,
                )
            }
            Some(_) => continue,
        };
        let number = q.written.split('/').next().unwrap_or(&q.written);
        let help = match &suggested {
            Some(u) if q.unit.is_some() => format!(
                "请照原文补上单位，如 {}{u}（本文件别处这样写）；原文确实漏印了，应请起草单位补上",
                number.trim_end_matches(|c: char| !c.is_ascii_digit() && c != '万' && c != '亿')
            ),
            Some(u) => format!(
                "请照原文补上单位，如 {}{u}（这个数在别处这样写）；原文确实漏印了，应请起草单位补上",
                q.written
            ),
            None => "请照原文补上单位（户、个、平方米、万元……）；原文确实漏印了，应请起草单位补上"
                .to_string(),
        };
        let d = f
            .new_diag("A115", message)
            .with_primary(fig.span, "缺少单位")
            .with_help(help);
        f.report(d);
    }
}
