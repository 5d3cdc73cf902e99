//! D222: a page cannot publish a document before the document was written: a 发布日期 before
//! the 成文日期 is a slip in one of the two dates.

use super::Findings;

/// D222: the notice's 发布日期 against its 成文日期.
pub fn published_before_written(f: &mut Findings) {
    let Some(n) = &f.policy.notice else { return };
    let (Some(published), Some(written)) = (&n.published_on, &n.date) else {
        return;
    };
    let (Some(published_by), Some(written_from)) = (published.end, written.start) else {
        return;
    };
    if published_by >= written_from {
        return;
    }
    let d = f
        .new_diag(
            "D222",
            format!(
                "发布日期（{}）早于成文日期（{}）",
                published.written, written.written
            ),
        )
        .with_primary(published.span, "发布日期")
        .with_secondary(written.span, "成文日期")
        .with_help(
            "网页或报刊的发布日期不会早于文件的成文日期：请按原文核对两个日期，原文如此，则请发布单位确认",
        );
    f.report(d);
}
