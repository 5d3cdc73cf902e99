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

/// D223: a 政策解读's 解读文件 names a plan the file holds, by its title or a 简称.
pub fn interpreted_plan(f: &mut Findings) {
    let Some(n) = &f.policy.notice else { return };
    let Some(interprets) = n.interprets.as_deref() else {
        return;
    };
    if f.policy.plans.is_empty() {
        return;
    }
    let bare = |s: &str| {
        s.trim()
            .trim_start_matches('《')
            .trim_end_matches('》')
            .to_string()
    };
    let wanted = bare(interprets);
    let named = f
        .policy
        .plans
        .iter()
        .any(|p| bare(&p.title) == wanted || p.aliases.iter().any(|a| bare(a) == wanted));
    if named {
        return;
    }
    let titles: Vec<String> = f
        .policy
        .plans
        .iter()
        .map(|p| format!("《{}》", p.title))
        .collect();
    let span = f.find_in(n.span, interprets).unwrap_or(n.span);
    let d = f
        .new_diag(
            "D223",
            format!(
                "解读文件“{interprets}”与文件中的方案标题（{}）不同",
                titles.join("、")
            ),
        )
        .with_primary(span, "解读文件")
        .with_help(
            "政策解读解读的应是这份方案：请核对两个标题（年份、地名、“方案”与“计划”）；原文用简称时，在方案中写“简称：《方案》”",
        );
    f.report(d);
}
