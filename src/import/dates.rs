//! Dates inside a paragraph, as written: 2022年3月31日, 3月15日, 2023年底, 10月底前, ranges
//! (2022年3月2日- 3月15日, 2021-2023年). Impossible and garbled dates are found like any other;
//! judging them is the checks' work.

use super::figures::{is_digit, strip_lead, Context};
use super::names::clean;

/// A date found in the text.
#[derive(Debug, Clone)]
pub(super) struct DateSpan {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Whether it has a month (a day or a month of a year), not just a year.
    pub(super) has_month: bool,
}

const RANGE_SEPS: &[char] = &['-', '－', '—', '–', '―', '~', '～', '至', '到'];
const PERIOD_PARTS: &[&str] = &["上旬", "中旬", "下旬", "底", "末", "初"];
const BEFORE: &[&str] = &["之前", "以前", "前"];

/// A number at `i` (ASCII or full-width digits): its end index in `chars`.
pub(super) fn number_end(chars: &[(usize, char)], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && is_digit(chars[j].1) {
        j += 1;
    }
    j
}

/// A date point at char index `i`: 2022年3月31日, 3月15日, 2023年底, 10月底前, 30日. Returns its
/// end (char index) and whether it has a month or a day.
fn date_point(chars: &[(usize, char)], i: usize) -> Option<(usize, bool, bool)> {
    let at = |k: usize| chars.get(k).map(|c| c.1);
    let skip_ws = |mut k: usize| {
        while at(k).is_some_and(|c| c == ' ' || c == '\u{3000}') {
            k += 1;
        }
        k
    };
    let mut j = i;
    let mut month = false;
    let mut day = false;
    let n = number_end(chars, j);
    if n == j {
        return None;
    }
    let k = skip_ws(n);
    match at(k) {
        Some('年') if n - j == 4 => {
            j = k + 1;
            let s = skip_ws(j);
            let m = number_end(chars, s);
            let mk = skip_ws(m);
            if m > s && at(mk) == Some('月') && m - s <= 2 {
                month = true;
                j = mk + 1;
            }
        }
        Some('月') if n - j <= 2 => {
            month = true;
            j = k + 1;
        }
        Some('日' | '号') if n - j <= 2 => {
            return Some((k + 1, false, true));
        }
        _ => return None,
    }
    if month {
        if at(j) == Some('份') {
            j += 1;
        }
        let s = skip_ws(j);
        let d = number_end(chars, s);
        let dk = skip_ws(d);
        if d > s && d - s <= 2 && matches!(at(dk), Some('日' | '号')) {
            day = true;
            j = dk + 1;
        }
    }
    if !day {
        let rest: String = chars[j.min(chars.len())..]
            .iter()
            .take(2)
            .map(|c| c.1)
            .collect();
        if let Some(p) = PERIOD_PARTS.iter().find(|p| rest.starts_with(**p)) {
            j += p.chars().count();
        }
    }
    Some((j, month, day))
}

pub(super) fn find_dates(text: &str, chars: &[(usize, char)]) -> Vec<DateSpan> {
    let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = is_digit(chars[i].1) && (i == 0 || !is_digit(chars[i - 1].1));
        let Some((mut end, month, day)) = starts.then(|| date_point(chars, i)).flatten() else {
            i += 1;
            continue;
        };
        // A day alone (30日内) is a duration, a figure; it is a date only after a month, in a
        // range (12月1日-30日), which the range reading below takes.
        if day
            && !month
            && chars
                .get(end.saturating_sub(1))
                .is_some_and(|c| c.1 == '日' || c.1 == '号')
            && end - i <= 3
        {
            i += 1;
            continue;
        }
        // A year range 2021-2023年 or a date range 3月2日- 3月15日.
        let mut k = end;
        while chars.get(k).is_some_and(|c| c.1 == ' ') {
            k += 1;
        }
        if chars.get(k).is_some_and(|c| RANGE_SEPS.contains(&c.1)) {
            let mut m = k + 1;
            while chars.get(m).is_some_and(|c| c.1 == ' ') {
                m += 1;
            }
            if let Some((e2, _, _)) = date_point(chars, m) {
                end = e2;
            }
        }
        let tail: String = chars[end.min(chars.len())..]
            .iter()
            .take(2)
            .map(|c| c.1)
            .collect();
        if let Some(b) = BEFORE.iter().find(|b| tail.starts_with(**b)) {
            end += b.chars().count();
        }
        out.push(DateSpan {
            start: byte(i),
            end: byte(end),
            has_month: month,
        });
        i = end.max(i + 1);
    }
    // A year range: 2021-2023年 (the first year has no 年 of its own).
    let mut i = 0;
    while i < chars.len() {
        let starts = is_digit(chars[i].1) && (i == 0 || !is_digit(chars[i - 1].1));
        let n = number_end(chars, i);
        if starts
            && n - i == 4
            && chars.get(n).is_some_and(|c| RANGE_SEPS.contains(&c.1))
            && !out
                .iter()
                .any(|d| d.start <= chars[i].0 && chars[i].0 < d.end)
        {
            let m = n + 1;
            let e = number_end(chars, m);
            if e - m == 4 && chars.get(e).is_some_and(|c| c.1 == '年') {
                out.push(DateSpan {
                    start: byte(i),
                    end: byte(e + 1),
                    has_month: false,
                });
                i = e + 1;
                continue;
            }
        }
        i += 1;
    }
    out.sort_by_key(|d| d.start);
    out
}

/// The first date in `text`: its byte range.
pub fn first_date(text: &str) -> Option<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    find_dates(text, &chars).first().map(|d| (d.start, d.end))
}

/// A milestone's label: the words after the date (what is due), else the words before it.
pub(super) fn milestone_label(text: &str, d: &DateSpan, cx: &mut Context) -> String {
    let after = &text[d.end..];
    let stop = |c: char| "，。；：、,;:（）()".contains(c);
    let words: String = after
        .trim_start_matches(|c: char| stop(c) || c.is_whitespace())
        .chars()
        .take_while(|c| !stop(*c))
        .collect();
    let mut label = clean(&strip_lead(&words), 14);
    if label.is_empty() {
        let before = &text[..d.start];
        let words: String = before
            .chars()
            .rev()
            .take_while(|c| !stop(*c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        label = clean(&words, 12);
    }
    let label = if label.is_empty() {
        "节点".to_string()
    } else {
        label
    };
    let label = if label.starts_with(|c: char| c.is_ascii_digit()) {
        format!("节点{label}")
    } else {
        label
    };
    cx.labels.unique(&label)
}
