//! The fuzz targets' bodies (fuzz/src/lib.rs) run by `cargo test`:
//!
//! - every input kept in `tests/fuzz_regressions/<target>/` (inputs that once crashed a
//!   target, named after what they found), so a fixed crash stays fixed;
//! - the seed corpus (policies/, a few synthetic notices) and a fixed-seed batch of random
//!   mutations of it, so the targets run in CI, where libFuzzer does not.
//!
//! The long runs are `fuzz/run.sh TARGET` (cargo fuzz); see fuzz/README.md.
//!
//! CI checks every oracle the fuzzers check ([`CI_ORACLES`]).

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
pub mod targets;

use std::path::{Path, PathBuf};

use policyc::synth::Rng;
use targets::Oracles;

/// The oracles CI checks (see fuzz/src/oracles.rs):
/// - `xml`: every notice.docx part and gantt.svg parse as XML (control characters are
///   blanked on input, E0010);
/// - `human_inert`: no control character in human diagnostics;
/// - `html_links`: no live `javascript:`/`data:` link and no remote image in notice.html;
/// - `mermaid_tasks`: gantt.mmd reads, line by line as Mermaid's lexer does, as the chart's
///   tasks and nothing else (names such as `excludes weekends` or `#1` stay labels).
const CI_ORACLES: Oracles = Oracles {
    xml: true,
    human_inert: true,
    html_links: true,
    mermaid_tasks: true,
};

fn parse(data: &[u8]) {
    targets::parse_checking(data, CI_ORACLES)
}
fn checks(data: &[u8]) {
    targets::checks_checking(data, CI_ORACLES)
}
fn render(data: &[u8]) {
    targets::render_checking(data, CI_ORACLES)
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Runs `target` on every kept input of `name`, naming the input if it panics.
fn replay(name: &str, target: fn(&[u8])) -> usize {
    let inputs = files(&root().join("tests/fuzz_regressions").join(name));
    for path in &inputs {
        let data = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| target(&data));
        assert!(outcome.is_ok(), "{} crashes `{name}` again", path.display());
    }
    inputs.len()
}

#[test]
fn kept_crashes_stay_fixed() {
    replay("parse", parse);
    replay("checks", checks);
    replay("render", render);
}

/// The seeds: the notices and three synthetic ones.
fn seeds() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = files(&root().join("policies"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "policy"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    out.extend(policyc::synth::corpus(9, 3).map(|(_, t)| t.into_bytes()));
    out
}

/// One random edit of the kind libFuzzer makes: flip, insert, delete, splice a token.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    const TOKENS: &[&str] = &[
        "「",
        "」",
        "{",
        "}",
        "：",
        "\n",
        "年",
        "月",
        "日",
        "万",
        "%",
        "合计：",
        "行：",
        "｜",
        "99999999999999999999999",
        "<script>",
        "\r\n",
        "\u{FEFF}",
        "//",
    ];
    let at = rng.below(data.len() as u64 + 1) as usize;
    match rng.below(5) {
        0 if !data.is_empty() => {
            let i = at.min(data.len() - 1);
            data[i] ^= 1 << rng.below(8);
        }
        1 => {
            let t = TOKENS[rng.below(TOKENS.len() as u64) as usize];
            data.splice(at..at, t.bytes());
        }
        2 => {
            let end = (at + rng.range(1, 64) as usize).min(data.len());
            data.drain(at..end);
        }
        3 => {
            // Duplicate a stretch: unbalanced blocks, repeated names.
            let end = (at + rng.range(1, 400) as usize).min(data.len());
            let piece = data[at..end].to_vec();
            let to = rng.below(data.len() as u64 + 1) as usize;
            data.splice(to..to, piece);
        }
        _ => data.truncate(at),
    }
}

#[test]
fn seeds_and_fixed_seed_mutations_do_not_crash() {
    // Enough to exercise every target on every seed in a debug build within seconds; the
    // real search is `fuzz/run.sh`.
    let mutations_per_seed = 12;
    let mut rng = Rng::new(20_240_522);
    for seed in seeds() {
        parse(&seed);
        render(&seed);
        let mut data = seed.clone();
        for _ in 0..mutations_per_seed {
            for _ in 0..rng.range(1, 4) {
                mutate(&mut rng, &mut data);
            }
            parse(&data);
            render(&data);
        }
    }
    for i in 0..40u64 {
        let mut data = i.to_le_bytes().to_vec();
        for _ in 0..rng.range(0, 40) {
            data.push(rng.below(256) as u8);
        }
        checks(&data);
    }
}

/// Each structure-aware mutation of the `checks` target keeps the file within bounds and
/// does what it says.
#[test]
fn structural_mutations_splice_nest_and_repeat() {
    // op 6 splices, 7 nests, 8 repeats: seed bytes, then one four-byte operation.
    let base = targets::mutated_notice(&7u64.to_le_bytes());
    let with = |op: u8, arg: u8| {
        let mut data = 7u64.to_le_bytes().to_vec();
        data.extend([op, 0, 3, arg]);
        targets::mutated_notice(&data)
    };
    let spliced = with(6, 1);
    assert!(spliced.lines().count() > base.lines().count(), "{spliced}");
    let nested = with(7, 4);
    assert_eq!(nested.matches("嵌套 {").count(), 5, "{nested}");
    let count = |t: &str, c| t.matches(c).count();
    assert_eq!(count(&nested, '{') - count(&base, '{'), 5);
    assert_eq!(count(&nested, '}') - count(&base, '}'), 5);
    let repeated = with(8, 249);
    assert!(
        repeated.lines().count() >= base.lines().count() + 999,
        "repeated 1,000 times"
    );
    // Many repetitions stop at the line cap.
    let mut data = 7u64.to_le_bytes().to_vec();
    for _ in 0..64 {
        data.extend([8, 0, 0, 255]);
    }
    assert!(targets::mutated_notice(&data).lines().count() <= 20_001);
}
