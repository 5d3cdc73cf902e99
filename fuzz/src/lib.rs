//! The bodies of policyc's fuzz targets, shared by the cargo-fuzz binaries in
//! `fuzz_targets/` and by `tests/fuzz_regressions.rs` (which includes this file), so that a
//! crashing input kept as a regression test runs exactly what the fuzzer ran.
//!
//! Each body panics only when policyc misbehaves: a panic anywhere in the compiler, a
//! diagnostic renderer that cannot place a span, or untrusted text that comes out of the
//! HTML draft as markup.

use std::sync::OnceLock;

use policyc::diagnostics::{normalize_newlines, FileId, SourceMap};
use policyc::driver::compile_source;
use policyc::render::Templates;
use policyc::synth;

/// Largest input worth a fuzzer's time; larger files are refused on load (8 MiB) anyway,
/// and the limits they would hit are tested elsewhere.
const MAX_INPUT: usize = 256 * 1024;

/// Text as `load_source` makes it: UTF-8 only, BOM stripped, line endings normalised.
fn as_source(data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    Some(normalize_newlines(text.to_string()))
}

/// Compiles `text` and renders its diagnostics every way the command line can.
fn compile_and_report(text: &str) -> Option<policyc::model::Policy> {
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
    let _ = policyc::diagnostics::to_json(&map, &diags);
    let _ = policyc::diagnostics::to_sarif(&map, &diags, "fuzz");
    policy
}

/// `parse`: any bytes. The front end (parse, lower, checks) and the diagnostic renderers
/// must not panic, whatever the input.
pub fn parse(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    if let Some(text) = as_source(data) {
        compile_and_report(&text);
    }
}

/// `checks`: a synthetic notice chosen by the first bytes, then mutated by the rest, so
/// that the checks see files that parse but hold odd figures, dates and names.
pub fn checks(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = mutated_notice(data);
    if let Some(policy) = compile_and_report(&text) {
        // The model must also survive the export round trip the bench relies on.
        let json = serde_json::to_string(&policy).expect("the model serialises");
        let _: policyc::model::Policy = serde_json::from_str(&json).expect("and reads back");
    }
}

/// `render`: any text that compiles is rendered as notice.md, notice.html and notice.docx.
/// Rendering must not panic, and no `<script` written in the policy may reach the HTML as
/// markup (the templates themselves contain none).
pub fn render(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Some(text) = as_source(data) else { return };
    let Some(policy) = compile_and_report(&text) else {
        return;
    };
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    let templates = TEMPLATES.get_or_init(Templates::builtin);
    // Rendering may refuse a policy with an error; it must not panic.
    if let Ok(files) = policyc::render::notice::write_notice(&policy, templates) {
        for (name, bytes) in files {
            if name.ends_with(".html") {
                let html = String::from_utf8_lossy(&bytes).to_lowercase();
                assert!(
                    !html.contains("<script"),
                    "markup from the policy in {name}"
                );
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
];

/// A synthetic notice picked by the first eight bytes, mutated by the rest: each following
/// group of four bytes chooses an operation, a place and an argument.
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
        match op[0] % 6 {
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
            _ => {
                let l = &mut lines[i];
                let keep = l.char_indices().nth(arg % 16).map_or(l.len(), |c| c.0);
                l.truncate(keep);
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    normalize_newlines(text)
}
