//! The bodies of policyc's fuzz targets, shared by the cargo-fuzz binaries in
//! `fuzz_targets/` and by `tests/fuzz_regressions.rs` (which includes this file), so that a
//! crashing input kept as a regression test runs exactly what the fuzzer ran.
//!
//! Each body panics only when policyc misbehaves: a panic anywhere in the compiler, a
//! diagnostic renderer that cannot place a span, or an output that breaks a promise (the
//! oracles in `oracles`: well-formed XML in every part of notice.docx and in gantt.svg, no
//! live script link in notice.html, gantt.mmd whose task lines are the chart's tasks, no
//! control character on the terminal). Which oracles a run checks is an [`Oracles`] value:
//! the fuzzers check all of them; `tests/fuzz_regressions.rs` names the ones CI checks.

pub mod oracles;

use std::sync::OnceLock;

use policyc::diagnostics::{normalize_newlines, FileId, SourceMap};
use policyc::driver::compile_source;
use policyc::render::Templates;
use policyc::synth;

pub use oracles::Oracles;

/// Largest input worth a fuzzer's time; larger files are refused on load (8 MiB) anyway,
/// and the limits they would hit are tested elsewhere.
const MAX_INPUT: usize = 256 * 1024;

/// The oracles a fuzzing run checks: all of them, but those named in the environment
/// variable `FUZZ_SKIP_ORACLES` (see [`Oracles::all_but`]).
pub fn fuzzing_oracles() -> Oracles {
    static ORACLES: OnceLock<Oracles> = OnceLock::new();
    *ORACLES
        .get_or_init(|| Oracles::all_but(&std::env::var("FUZZ_SKIP_ORACLES").unwrap_or_default()))
}

/// Text as `load_source` makes it: UTF-8 only, BOM stripped, line endings normalised.
fn as_source(data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    Some(normalize_newlines(text.to_string()))
}

/// Compiles `text` and renders its diagnostics every way the command line can.
fn compile_and_report(text: &str, check: Oracles) -> Option<policyc::model::Policy> {
    let mut map = SourceMap::new();
    let file: FileId = map.add("fuzz.policy", text);
    let (policy, diags) = compile_source(text, "fuzz.policy", file, &[]);
    for d in &diags {
        assert!(
            policyc::diagnostics::lookup(d.code).is_some(),
            "unregistered code {}",
            d.code
        );
    }
    let human = policyc::diagnostics::render_human(&map, &diags, false);
    assert!(diags.is_empty() || !human.is_empty());
    if check.human_inert {
        oracles::human_output_is_inert(&human);
    }
    let _ = policyc::diagnostics::to_json(&map, &diags);
    let _ = policyc::diagnostics::to_sarif(&map, &diags, "fuzz");
    policy
}

/// `parse`: any bytes. The front end (parse, lower, checks) and the diagnostic renderers
/// must not panic, whatever the input.
pub fn parse(data: &[u8]) {
    parse_checking(data, fuzzing_oracles())
}

/// [`parse`], checking the oracles in `check`.
pub fn parse_checking(data: &[u8], check: Oracles) {
    if data.len() > MAX_INPUT {
        return;
    }
    if let Some(text) = as_source(data) {
        compile_and_report(&text, check);
    }
}

/// `checks`: a synthetic notice chosen by the first bytes, then mutated by the rest, so
/// that the checks see files that parse but hold odd figures, dates and names.
pub fn checks(data: &[u8]) {
    checks_checking(data, fuzzing_oracles())
}

/// [`checks`], checking the oracles in `check`.
pub fn checks_checking(data: &[u8], check: Oracles) {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = mutated_notice(data);
    if let Some(policy) = compile_and_report(&text, check) {
        // The model must also survive the export round trip the bench relies on.
        let json = serde_json::to_string(&policy).expect("the model serialises");
        let _: policyc::model::Policy = serde_json::from_str(&json).expect("and reads back");
    }
}

/// `render`: any text that compiles is rendered as notice.md, notice.html, notice.docx and
/// the Gantt chart (gantt.json, .mmd, .svg, .html). Rendering must not panic (it may refuse
/// a policy with an error), and every output keeps the promises the oracles check.
pub fn render(data: &[u8]) {
    render_checking(data, fuzzing_oracles())
}

/// [`render`], checking the oracles in `check`.
pub fn render_checking(data: &[u8], check: Oracles) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Some(text) = as_source(data) else { return };
    let Some(policy) = compile_and_report(&text, check) else {
        return;
    };
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    let templates = TEMPLATES.get_or_init(Templates::builtin);
    if let Ok(files) = policyc::render::notice::write_notice(&policy, templates) {
        for (name, bytes) in &files {
            if name.ends_with(".html") {
                let html = String::from_utf8_lossy(bytes).to_lowercase();
                assert!(
                    !html.contains("<script"),
                    "markup from the policy in {name}"
                );
                if check.html_links {
                    oracles::html_has_no_live_script_link(name, &html);
                }
            }
            if name.ends_with(".docx") && check.xml {
                oracles::docx_parts_are_well_formed(name, bytes);
            }
        }
    }
    if let Ok(files) = policyc::render::gantt::write_gantt(&policy, templates) {
        let chart_file = policyc::render::gantt::gantt(&policy);
        let mut charts = chart_file
            .charts
            .iter()
            .filter(|c| policyc::render::gantt::mermaid_view(c).is_some());
        for (name, bytes) in &files {
            if name.ends_with(".svg") && check.xml {
                oracles::xml_is_well_formed(name, bytes);
            }
            if name.ends_with(".mmd") {
                let chart = charts.next().expect("a chart for each .mmd");
                if check.mermaid_tasks {
                    let ids: Vec<String> = chart
                        .entries
                        .iter()
                        .flat_map(policyc::render::gantt::window_ids)
                        .collect();
                    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                    oracles::mermaid_tasks_are(name, &String::from_utf8_lossy(bytes), &ids);
                }
            }
        }
    }
}

/// Characters that matter to the grammar and the figures, for mutations.
const SPICE: &[&str] = &[
    "「",
    "」",
    "{",
    "}",
    "｛",
    "｝",
    "：",
    ":",
    "；",
    "\n",
    "、",
    "｜",
    ".",
    "-",
    "—",
    "至",
    "年",
    "月",
    "日",
    "前",
    "底",
    "万",
    "亿",
    "%",
    "户",
    "元",
    "万元",
    "约",
    "以上",
    "不足",
    "0",
    "9",
    "99999999999999999999999",
    "２",
    "二十",
    "合计：",
    "行：",
    "列：",
    "小计：",
    "复述 ",
    "核算：",
    "{改造总量}",
    "2200年",
    "1899年",
    "2月30日",
    "第五季度",
    "13月",
    "//",
    "\t",
    "\u{3000}",
    "<script>",
    "\"",
    "\\",
    "=cmd",
    "\u{FEFF}",
    "\r",
    "\u{b}",
    "\u{0}",
    "\u{1b}[2J",
    "\u{85}",
    "[链接](javascript:alert(1))",
    "![图](http://example.com/a.png)",
    "excludes weekends",
    "click task1 call alert()",
    "%%",
    "#",
    "&",
    "]]>",
];

/// Lines a mutated notice may grow to: repetition and splicing stop there, so one input
/// cannot make a file bigger than the limits tested elsewhere.
const MAX_LINES: usize = 20_000;

/// The statement starting at line `i`: the line itself, or, when it opens a block (ends
/// with `{`), every line up to the one that closes it.
fn statement(lines: &[String], i: usize) -> std::ops::Range<usize> {
    let mut depth = 0i64;
    for (j, l) in lines.iter().enumerate().skip(i) {
        depth += l.matches(['{', '｛']).count() as i64;
        depth -= l.matches(['}', '｝']).count() as i64;
        if depth <= 0 {
            return i..j + 1;
        }
    }
    i..lines.len()
}

/// A synthetic notice picked by the first eight bytes, mutated by the rest: each following
/// group of four bytes chooses an operation, a place and an argument. Besides line edits,
/// the operations know the language's structure: a statement (a line, or a block with all it
/// holds) is spliced in from a second synthetic notice, wrapped in new blocks, or repeated
/// many times.
pub fn mutated_notice(data: &[u8]) -> String {
    let mut seed = [0u8; 8];
    let n = data.len().min(8);
    seed[..n].copy_from_slice(&data[..n]);
    let seed = u64::from_le_bytes(seed);
    let mut rng = synth::Rng::new(seed);
    let shape = synth::Shape::sample(&mut rng);
    let mut lines: Vec<String> = synth::notice(seed, &shape)
        .lines()
        .map(str::to_string)
        .collect();
    for op in data.get(8..).unwrap_or(&[]).chunks(4) {
        if lines.is_empty() {
            break;
        }
        let at = op.get(1).map_or(0, |&b| b as usize) * 256 + op.get(2).map_or(0, |&b| b as usize);
        let i = at % lines.len();
        let arg = op.get(3).copied().unwrap_or(0) as usize;
        match op[0] % 9 {
            // Delete a line.
            0 => {
                lines.remove(i);
            }
            // Duplicate a line elsewhere.
            1 => {
                let l = lines[i].clone();
                let j = arg % lines.len();
                lines.insert(j, l);
            }
            // Insert a special token into a line, at a character boundary.
            2 => {
                let l = &mut lines[i];
                let chars: Vec<(usize, char)> = l.char_indices().collect();
                let pos = chars.get(arg % (chars.len() + 1)).map_or(l.len(), |c| c.0);
                l.insert_str(pos, SPICE[arg % SPICE.len()]);
            }
            // Replace every digit run's last digit: figures and dates go wrong.
            3 => {
                let l: String = lines[i]
                    .chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            char::from(b'0' + ((c as u8 - b'0') as usize + arg) as u8 % 10)
                        } else {
                            c
                        }
                    })
                    .collect();
                lines[i] = l;
            }
            // Swap two lines.
            4 => {
                let j = arg * 7 % lines.len();
                lines.swap(i, j);
            }
            // Cut a line short.
            5 => {
                let l = &mut lines[i];
                let keep = l.char_indices().nth(arg % 16).map_or(l.len(), |c| c.0);
                l.truncate(keep);
            }
            // Splice in a statement of another synthetic notice (names, figures and blocks
            // that this one does not declare, or declares differently).
            6 => {
                let other_seed = seed ^ ((arg as u64 + 1) << 32 | at as u64);
                let mut other_rng = synth::Rng::new(other_seed);
                let other_shape = synth::Shape::sample(&mut other_rng);
                let other: Vec<String> = synth::notice(other_seed, &other_shape)
                    .lines()
                    .map(str::to_string)
                    .collect();
                if !other.is_empty() {
                    let from = statement(&other, at % other.len());
                    if lines.len() + from.len() <= MAX_LINES {
                        lines.splice(i..i, other[from].iter().cloned());
                    }
                }
            }
            // Wrap a statement in 1–8 new blocks (sections in sections, a table in a task).
            7 => {
                let range = statement(&lines, i);
                const OPENERS: &[&str] = &[
                    "节 嵌套 {",
                    "任务 嵌套 {",
                    "方案 嵌套 {",
                    "表 嵌套 {",
                    "附件 嵌套 {",
                ];
                for k in 0..arg % 8 + 1 {
                    lines.insert(range.start, OPENERS[(arg + k) % OPENERS.len()].to_string());
                    lines.insert(range.end + 2 * k + 1, "}".to_string());
                }
            }
            // Repeat a statement up to 1,000 times (duplicate names, long lists, big sums).
            _ => {
                let range = statement(&lines, i);
                let times = (arg + 1) * 4;
                let piece: Vec<String> = lines[range.clone()].to_vec();
                let times = times.min(MAX_LINES.saturating_sub(lines.len()) / piece.len().max(1));
                let end = range.end;
                lines.splice(end..end, std::iter::repeat_n(piece, times).flatten());
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    normalize_newlines(text)
}
