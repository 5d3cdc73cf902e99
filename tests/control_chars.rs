//! Control characters in a policy file (U+000B, the manual line break text copied from Word
//! carries; NUL; ESC; DEL; C1 controls) are reported on input (E0010, at the character) and
//! never reach an output: every notice.docx part and gantt.svg stays well-formed XML, and no
//! output file holds one.

// Also loaded by fuzz_regressions (through fuzz/src/lib.rs), whose copy is private to it.
#[path = "../fuzz/src/oracles.rs"]
#[allow(dead_code, clippy::duplicate_mod)]
mod oracles;

use std::path::Path;

use policyc::diagnostics::{FileId, SourceMap};
use policyc::driver::compile_source;
use policyc::render::Templates;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The notices of policies/ and the Gantt fixtures.
fn notices() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["policies", "tests/fixtures/gantt"] {
        let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "policy"))
            .collect();
        files.sort();
        for f in files {
            out.push((
                f.display().to_string(),
                std::fs::read_to_string(&f).unwrap(),
            ));
        }
    }
    out
}

/// `text` with `bad` written into every value a drafter types: before each closing 」 (prose
/// and quoted names) and at the end of each `键：值` line (titles, names, units, deadlines).
fn spiked(text: &str, bad: char) -> String {
    text.lines()
        .map(|l| {
            let l = l.replace('」', &format!("{bad}」"));
            let field = l.contains('：')
                && !l.trim_end().ends_with('{')
                && !l.trim_start().starts_with("//");
            if field {
                format!("{l}{bad}")
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn has_control(bytes: &[u8]) -> Option<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .find(|&c| policyc::syntax::control::is_control(c))
}

#[test]
fn control_characters_are_reported_and_never_reach_an_output() {
    let templates = Templates::builtin();
    for bad in [
        '\u{b}', '\u{c}', '\u{0}', '\u{1b}', '\u{7}', '\u{7f}', '\u{85}',
    ] {
        for (name, text) in notices() {
            let text = spiked(&text, bad);
            let mut map = SourceMap::new();
            let file: FileId = map.add(name.clone(), text.clone());
            let (policy, diags) = compile_source(&text, &name, file, &[]);
            let human = policyc::diagnostics::render_human(&map, &diags, false);
            let Some(policy) = policy else {
                panic!("{name} with {bad:?} no longer compiles:\n{human}");
            };
            // Reported where it is, with what it is.
            let reported: Vec<_> = diags.iter().filter(|d| d.code == "E0010").collect();
            assert!(!reported.is_empty(), "{name} {bad:?}");
            for d in &reported {
                let s = d.primary_span().unwrap();
                assert_eq!(text[s.start..s.end].chars().next(), Some(bad), "{name}");
                assert!(d.message.contains(&format!("U+{:04X}", bad as u32)));
            }
            oracles::human_output_is_inert(&human);
            // Not in the model, not in any output.
            let json = serde_json::to_string(&policy).unwrap();
            assert!(!json.contains(bad), "{name}: {bad:?} in the model");
            let mut files = policyc::render::notice::write_notice(&policy, &templates).unwrap();
            files.extend(policyc::render::gantt::write_gantt(&policy, &templates).unwrap());
            for (out, bytes) in &files {
                if out.ends_with(".docx") {
                    oracles::docx_parts_are_well_formed(out, bytes);
                } else {
                    assert_eq!(has_control(bytes), None, "{name} {bad:?}: {out}");
                }
                if out.ends_with(".svg") {
                    oracles::xml_is_well_formed(out, bytes);
                }
            }
        }
    }
}

/// The Word draft's XML parts are checked on the unspiked notices too: the oracle holds on
/// real notices (so a failure above is the control character's).
#[test]
fn the_drafts_of_the_notices_are_well_formed_xml() {
    let templates = Templates::builtin();
    for (name, text) in notices() {
        let (policy, _) = compile_source(&text, &name, FileId(0), &[]);
        let policy = policy.unwrap();
        for (out, bytes) in policyc::render::notice::write_notice(&policy, &templates).unwrap() {
            if out.ends_with(".docx") {
                oracles::docx_parts_are_well_formed(&format!("{name}: {out}"), &bytes);
            }
        }
    }
}
