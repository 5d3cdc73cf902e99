//! A rate stated in one place and applied in another: `中央资金补贴标准为3500元/户` in the
//! section on subsidies, and later `解决1.67万户…，其中中央专项补助资金5845万元` where the money
//! is planned (标准 × 户数 = 资金). The two are tied by who pays: the words before the rate and
//! before the amount name the same payer (中央, 省级, 市财政, 区财政 …; 地方 for the one local
//! government of the clause). Read only where it leaves one reading: one rate of that payer and
//! unit in the notice before, one count of its unit and one amount of that payer in the clause.

use crate::quantity::units::Dims;

use super::figures::{Fig, Stmt};

/// Who pays, from the words before a figure: the word as the notice writes it and the payer
/// it names. Longer words first (区财政 before 区).
const PAYERS: &[(&str, &str)] = &[
    ("中央", "中央"),
    ("省级", "省"),
    ("省财政", "省"),
    ("自治区", "省"),
    ("市级", "市"),
    ("市财政", "市"),
    ("区级", "区"),
    ("区财政", "区"),
    ("县级", "县"),
    ("县财政", "县"),
    ("旗级", "县"),
    ("旗财政", "县"),
    ("地方", "地方"),
    ("农户", "农户"),
    ("企业", "企业"),
];

/// Payers that 地方 (local government) covers.
const LOCAL: &[&str] = &["省", "市", "区", "县"];

/// A rate with its payer, kept for the paragraphs after it.
#[derive(Debug, Clone)]
pub struct PayerRate {
    payer: &'static str,
    /// The unit it is per (户).
    per: Dims,
    /// The unit of what it pays (元).
    pays: Dims,
    path: String,
    written: String,
    capped: bool,
    /// A second rate of the same payer and unit was stated: no reading says which applies.
    ambiguous: bool,
}

/// The rates stated so far, by payer and unit.
#[derive(Default)]
pub struct Rates(Vec<PayerRate>);

/// The clause around a figure (between 。；， … and the figure), the words naming its payer.
fn clause_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind(['。', '；', ';', '，', ',', '：', ':'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    &text[start..at]
}

fn payer_of(words: &str) -> Option<&'static str> {
    PAYERS
        .iter()
        .filter_map(|(w, p)| words.find(w).map(|at| (at, *p)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, p)| p)
}

fn unit_dims(f: &Fig) -> Option<&Dims> {
    f.unit
        .as_ref()
        .filter(|u| !u.dims.is_empty() && !f.written.ends_with('%'))
        .map(|u| &u.dims)
}

/// A rate's unit split into what it pays and what it is per: 元/户 → (元, 户).
fn split_rate(d: &Dims) -> Option<(Dims, Dims)> {
    let per: Dims = d
        .iter()
        .filter(|(_, e)| **e < 0)
        .map(|(k, e)| (k.clone(), -e))
        .collect();
    let pays: Dims = d
        .iter()
        .filter(|(_, e)| **e > 0)
        .map(|(k, e)| (k.clone(), *e))
        .collect();
    (per.len() == 1 && !pays.is_empty()).then_some((pays, per))
}

/// The clauses of `text`: byte ranges apart at 。 and ；.
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';') {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

impl Rates {
    /// Relates the paragraph's counts and amounts to the rates stated before it, then keeps
    /// the paragraph's own rates for the paragraphs after it.
    pub(super) fn read(&mut self, text: &str, figs: &[Fig], stmts: &mut Vec<Stmt>) {
        for (s, e) in clauses(text) {
            let here: Vec<&Fig> = figs
                .iter()
                .filter(|f| f.start >= s && f.end <= e && unit_dims(f).is_some())
                .collect();
            for rate in self.0.iter().filter(|r| !r.ambiguous) {
                // A clause that states a rate of its own relates within itself.
                if here.iter().any(|f| {
                    unit_dims(f)
                        .and_then(split_rate)
                        .is_some_and(|(_, p)| p == rate.per)
                }) {
                    continue;
                }
                let counts: Vec<&&Fig> = here
                    .iter()
                    .filter(|f| unit_dims(f) == Some(&rate.per))
                    .collect();
                let [count] = counts.as_slice() else { continue };
                let payer_here = |f: &Fig| payer_of(clause_before(text, f.start));
                let amounts: Vec<&&Fig> = here
                    .iter()
                    .filter(|f| unit_dims(f) == Some(&rate.pays))
                    .filter(|f| match (rate.payer, payer_here(f)) {
                        ("地方", Some(p)) => LOCAL.contains(&p),
                        (r, Some(p)) => r == p,
                        _ => false,
                    })
                    .collect();
                let [amount] = amounts.as_slice() else {
                    continue;
                };
                let cmp = if rate.capped { "≥" } else { "=" };
                stmts.push(Stmt::Calc {
                    expr: format!("{} × {} {cmp} {}", rate.path, count.path, amount.path),
                    note: format!(
                        "前文的{}标准{}、这里的数量{}与{}的金额{}，读作 标准 × 数量 {cmp} 金额",
                        rate.payer,
                        rate.written.trim(),
                        count.written.trim(),
                        rate.payer,
                        amount.written.trim()
                    ),
                });
            }
        }
        for f in figs {
            let Some((pays, per)) = unit_dims(f).and_then(split_rate) else {
                continue;
            };
            let words = clause_before(text, f.start);
            let Some(payer) = payer_of(words) else {
                continue;
            };
            let capped = ["最高", "不超过", "最多", "封顶", "上限"]
                .iter()
                .any(|w| words.contains(w));
            match self
                .0
                .iter_mut()
                .find(|r| r.payer == payer && r.per == per && r.pays == pays)
            {
                // The same rate stated again is still one rate.
                Some(r) => r.ambiguous |= r.written != f.written,
                None => self.0.push(PayerRate {
                    payer,
                    per,
                    pays,
                    path: f.path.clone(),
                    written: f.written.clone(),
                    capped,
                    ambiguous: false,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payer_is_the_first_payer_word_of_the_clause() {
        assert_eq!(payer_of("中央资金补贴标准为"), Some("中央"));
        assert_eq!(payer_of("利通区财政配套"), Some("区"));
        assert_eq!(payer_of("农户自筹"), Some("农户"));
        assert_eq!(payer_of("总投资"), None);
        let t = "共投资11690万元，其中中央专项补助资金5845万元";
        assert_eq!(
            clause_before(t, t.find("5845").unwrap()),
            "其中中央专项补助资金"
        );
    }
}
