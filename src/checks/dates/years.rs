//! D211: years that disagree. The year of a document number and of its 成文日期; the year in
//! a plan's title and its period; the year a cover notice gives the plan it issues and the
//! year the plan's own title gives.

use super::*;

/// The four-digit years written in `text` before 年 (2024年), in order.
fn years_in(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .windows(5)
        .filter(|w| w[4] == '年' && w[..4].iter().all(char::is_ascii_digit))
        .filter_map(|w| w[..4].iter().collect::<String>().parse().ok())
        .collect()
}

/// The year of a document number: 吴利政办发〔2022〕22号 → 2022.
fn number_year(number: &str) -> Option<(i32, &str)> {
    let open = number.find(['〔', '[', '［', '（', '(', '﹝'])?;
    let rest = &number[open..];
    let first = rest.chars().next()?;
    let inner = &rest[first.len_utf8()..];
    let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    Some((digits.parse().ok()?, rest))
}

/// A title without its years, for comparing two titles of one plan: 2024年清洁取暖实施方案 →
/// 清洁取暖实施方案.
fn without_years(title: &str) -> String {
    let chars: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if i + 5 <= chars.len()
            && chars[i + 4] == '年'
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
        {
            i += 5;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The titles a cover notice's title quotes: 关于印发《…》的通知.
fn quoted(title: &str) -> Vec<&str> {
    title
        .split('《')
        .skip(1)
        .filter_map(|s| s.split('》').next())
        .collect()
}

/// D211.
pub fn years_disagree(f: &mut Findings) {
    let notice = f.policy.notice.as_ref();
    // The document number's year against the 成文日期.
    if let Some(n) = notice {
        let date_year = n
            .date
            .as_ref()
            .and_then(interval)
            .and_then(|iv| iv.start)
            .map(|d| d.year());
        if let (Some((ny, written)), Some(dy), Some(date)) = (
            n.number.as_deref().and_then(number_year),
            date_year,
            &n.date,
        ) {
            if ny != dy {
                let span = f.find_in(n.span, written).unwrap_or(n.span);
                let d = f
                    .new_diag(
                        "D211",
                        format!(
                            "发文字号的年份（{ny}年）与成文日期（{}）的年份不同",
                            date.written
                        ),
                    )
                    .with_primary(span, format!("{ny}年"))
                    .with_secondary(date.span, format!("{dy}年"))
                    .with_help("发文字号中的年份是发文的年份，应与成文日期一致；核对原文");
                f.report(d);
            }
        }
    }
    for plan in &f.policy.plans {
        let title_years = years_in(&plan.title);
        // The year in the plan's title against its period.
        if let (Some(&ty), Some(period)) = (title_years.first(), plan.period.as_ref()) {
            if let Some(iv) = interval(period) {
                let from = iv.start.map_or(iv.end.year(), |s| s.year());
                if title_years.len() == 1 && (ty < from || ty > iv.end.year()) {
                    let d = f
                        .new_diag(
                            "D211",
                            format!(
                                "方案标题中的年份（{ty}年）不在方案期限（{}）之内",
                                period.written
                            ),
                        )
                        .with_primary(
                            f.find_in(plan.span, &format!("{ty}年"))
                                .unwrap_or(f.head(plan.span)),
                            format!("{ty}年"),
                        )
                        .with_secondary(period.span, format!("方案期限：{}", shown(iv)))
                        .with_help("核对标题与期限的年份，是哪一个写错了");
                    f.report(d);
                }
            }
        }
        // A task named for another year than the plan's, due within the plan: 2024年煤改电改造
        // 工作 in the 2025 plan, due 2025年10月底前 — most often a line kept from last year's plan.
        if let Some(period) = &plan.period {
            if let Some(iv) = interval(period) {
                let from = iv.start.map_or(iv.end.year(), |s| s.year());
                for t in &plan.tasks {
                    task_year_outside(f, t, (from, iv.end.year()), period);
                }
            }
        }
        // The title the cover notice gives this plan.
        let Some(n) = notice else { continue };
        let Some(cover_title) = n.title.as_deref() else {
            continue;
        };
        let bare = without_years(&plan.title);
        for q in quoted(cover_title) {
            let qy = years_in(q);
            if qy.is_empty() || title_years.is_empty() || qy == title_years {
                continue;
            }
            if without_years(q) != bare {
                continue;
            }
            let d = f
                .new_diag(
                    "D211",
                    format!("通知标题中的《{q}》与方案标题“{}”年份不同", plan.title),
                )
                .with_primary(f.find_in(n.span, q).unwrap_or(n.span), "通知所印发的方案")
                .with_secondary(f.head(plan.span), "方案自己的标题")
                .with_help("同一份方案，通知标题和方案标题中的年份应一致；核对原文");
            f.report(d);
        }
    }
}

/// D211 on a task whose title names one year outside the plan's `years` while its deadline
/// falls within them.
fn task_year_outside(f: &mut Findings, t: &Task, years: (i32, i32), period: &Time) {
    let (Some(title), Some(deadline)) = (&t.title, &t.deadline) else {
        return;
    };
    let named = years_in(title);
    let [y] = named.as_slice() else { return };
    let Some(due) = interval(deadline).map(|iv| iv.end.year()) else {
        return;
    };
    if (years.0..=years.1).contains(y) || !(years.0..=years.1).contains(&due) {
        return;
    }
    let d = f
        .new_diag(
            "D211",
            format!(
                "{}写的是{y}年的工作，完成时限（{}）和方案期限（{}）却是{due}年",
                task_name(t),
                deadline.written,
                period.written
            ),
        )
        .with_primary(
            f.find_in(t.span, &format!("{y}年"))
                .unwrap_or(f.head(t.span)),
            format!("{y}年"),
        )
        .with_secondary(deadline.span, format!("{due}年"))
        .with_help("核对任务名称中的年份：多半是沿用上一年度的方案时漏改；若确是往年工作的收尾，照原文保留，可忽略本警告");
    f.report(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_numbers_and_titles() {
        assert_eq!(
            number_year("吴利政办发〔2022〕22号").map(|x| x.0),
            Some(2022)
        );
        assert_eq!(number_year("兴建发[2020]12号").map(|x| x.0), Some(2020));
        assert_eq!(number_year("第12号"), None);
        assert_eq!(years_in("2021-2023年清洁取暖2024年"), vec![2023, 2024]);
        assert_eq!(without_years("2024年清洁取暖实施方案"), "清洁取暖实施方案");
    }
}
