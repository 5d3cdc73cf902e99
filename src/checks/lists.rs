//! A112: a list of names followed by its stated count (…共七个老旧小区, 两种改造方式) must
//! name as many items as the count says.

use std::collections::HashSet;

use super::Findings;
use crate::diagnostics::Diagnostic;
use crate::model::CountedList;
use rust_decimal::Decimal;

/// A112: every 名单 with a stated count against the items it lists.
pub fn counted_lists(f: &mut Findings) {
    let mut out = Vec::new();
    for plan in &f.policy.plans {
        for l in &plan.lists {
            out.extend(check(f, l));
        }
    }
    for d in out {
        f.report(d);
    }
}

fn check(f: &Findings, l: &CountedList) -> Option<Diagnostic> {
    let count = l.count.as_ref()?;
    let listed = Decimal::from(l.items.len());
    // 甲、乙等七个小区: the names are examples, so only more names than the count is wrong.
    let open = l.items.iter().any(|i| i.name.ends_with('等'));
    if listed == count.number || (open && listed < count.number) {
        return None;
    }
    let mut seen = HashSet::new();
    let repeated: Vec<&str> = l
        .items
        .iter()
        .filter(|i| !seen.insert(i.name.as_str()))
        .map(|i| i.name.as_str())
        .collect();
    let mut d = f
        .new_diag(
            "A112",
            format!(
                "名单“{}”列出 {} 项，原文却说“{}”",
                l.name,
                l.items.len(),
                count.written
            ),
        )
        .with_primary(
            count.span,
            format!("原文说 {} 项", count.number.normalize()),
        );
    if let (Some(first), Some(last)) = (l.items.first(), l.items.last()) {
        d = d.with_secondary(
            crate::diagnostics::Span::new(first.span.start, last.span.end.max(first.span.start)),
            format!("列出 {} 项", l.items.len()),
        );
    }
    if !repeated.is_empty() {
        d = d.with_note(format!("重复列出：{}", repeated.join("、")));
    }
    Some(d.with_help(
        "请逐项核对名单与原文：漏列或多列了名称，或者原文的个数写错了；原文如此，则是通知本身的错误。\
         原文只举了几个例子（“甲、乙等七个小区”），请在最后一项后照写“等”",
    ))
}
