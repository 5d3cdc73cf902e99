//! Every check has a fixture that fires and one that stays silent.
//!
//! Fixtures live in tests/fixtures/checks/ and are named `<CODE>-fires.policy` or
//! `<CODE>-silent.policy` (a `-2`, `-3` … suffix for more cases). A `fires` fixture must
//! compile and report its code; a `silent` one must compile and not report it. The human
//! output of every `fires` fixture is snapshotted.

use std::path::Path;

use policyc::diagnostics::{human::render_human, SourceMap};
use policyc::driver::compile_source;

struct Fixture {
    name: String,
    code: String,
    fires: bool,
    text: String,
}

fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let mut out: Vec<Fixture> = std::fs::read_dir(&dir)
        .expect("fixture folder exists")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".policy")?.to_string();
            let mut parts = stem.splitn(3, '-');
            let code = parts.next()?.to_string();
            let fires = match parts.next()? {
                "fires" => true,
                "silent" => false,
                _ => return None,
            };
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some(Fixture {
                name: stem,
                code,
                fires,
                text,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn compile(f: &Fixture) -> (Vec<String>, String) {
    let mut map = SourceMap::new();
    let path = format!("tests/fixtures/checks/{}.policy", f.name);
    let file = map.add(path.clone(), f.text.clone());
    let (policy, diags) = compile_source(&f.text, &path, file, &[]);
    // Only a syntax or limit error (E00xx) may stop a fixture from compiling.
    let may_fail = f.fires && f.code.starts_with("E00");
    assert!(
        policy.is_some() || may_fail,
        "{} does not compile:\n{}",
        f.name,
        render_human(&map, &diags, false)
    );
    let codes = diags.iter().map(|d| d.code.to_string()).collect();
    (codes, render_human(&map, &diags, false))
}

#[test]
fn fires_fixtures_report_their_code() {
    for f in fixtures().iter().filter(|f| f.fires) {
        let (codes, human) = compile(f);
        assert!(
            codes.contains(&f.code),
            "{} did not report {}:\n{human}",
            f.name,
            f.code
        );
        insta::assert_snapshot!(f.name.clone(), human);
    }
}

#[test]
fn silent_fixtures_do_not_report_their_code() {
    for f in fixtures().iter().filter(|f| !f.fires) {
        let (codes, human) = compile(f);
        assert!(
            !codes.contains(&f.code),
            "{} reported {}:\n{human}",
            f.name,
            f.code
        );
    }
}

#[test]
fn every_check_code_has_both_fixtures() {
    let all = fixtures();
    for info in policyc::diagnostics::codes::CODES.iter() {
        // These cannot be written as a policy file: unreadable files (E0002), numbers the
        // grammar admits but cannot read (E0105), a project file (E0108), internal errors
        // (E0900), what `policyc import` reports about a notice (E05xx, tests/import.rs), what
        // `policyc serve` reports about its port (E06xx, tests/cli.rs) and what `policyc calc`
        // reports about its input amounts and rosters (E07xx, tests/calc.rs).
        // The CLI and unit tests cover them.
        if ["E0002", "E0105", "E0108", "E0900"].contains(&info.code)
            || info.code.starts_with("E05")
            || info.code.starts_with("E06")
            || info.code.starts_with("E07")
        {
            continue;
        }
        for fires in [true, false] {
            assert!(
                all.iter().any(|f| f.code == info.code && f.fires == fires),
                "{} has no {} fixture",
                info.code,
                if fires { "fires" } else { "silent" }
            );
        }
    }
}
