//! The fuzz targets' bodies (fuzz/src/lib.rs) run by `cargo test`:
//!
//! - every input kept in `tests/fuzz_regressions/<target>/` (inputs that once crashed a
//!   target, named after what they found), so a fixed crash stays fixed;
//! - the seed corpus (policies/, a few synthetic notices) and a fixed-seed batch of random
//!   mutations of it, so the targets run in CI, where libFuzzer does not.
//!
//! The long runs are `fuzz/run.sh TARGET` (cargo fuzz); see fuzz/README.md.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

use std::path::{Path, PathBuf};

use policyc::synth::Rng;

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
    replay("parse", targets::parse);
    replay("checks", targets::checks);
    replay("render", targets::render);
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
        targets::parse(&seed);
        targets::render(&seed);
        let mut data = seed.clone();
        for _ in 0..mutations_per_seed {
            for _ in 0..rng.range(1, 4) {
                mutate(&mut rng, &mut data);
            }
            targets::parse(&data);
            targets::render(&data);
        }
    }
    for i in 0..40u64 {
        let mut data = i.to_le_bytes().to_vec();
        for _ in 0..rng.range(0, 40) {
            data.push(rng.below(256) as u8);
        }
        targets::checks(&data);
    }
}
