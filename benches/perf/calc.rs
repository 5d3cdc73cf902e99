//! The `calc` group: `policyc calc` on a roster of 1,000,000 households (100,000 with
//! `--quick`) under the rule 农户清洁取暖补助 of policies/001, in process (read, decode, split,
//! evaluate, total) and as the command, beside OpenFisca (benches/openfisca_calc.py, a tiny
//! tax-benefit system of the same rule) on the same roster: both times, and whether both
//! give the same exact total. OpenFisca is found as `$POLICYC_OPENFISCA_PYTHON` or `python3`
//! with `openfisca_core` importable; without it the comparison row says it was skipped.

use std::time::Instant;

use policyc::calc::{self, parse_amount, roster};
use rust_decimal::Decimal;

use super::{bench_dir, median, ms, paired, policyc, Options, Row};

const RULE: &str = "农户清洁取暖补助";
const POLICY: &str = "001_litong-qingjie-qunuan.policy";
const TOWNS: [&str; 6] = [
    "郭家桥乡",
    "扁担沟镇",
    "高闸镇",
    "马莲渠乡",
    "金积镇",
    "东塔寺乡",
];

/// A roster of `n` households, costs in 分 from a fixed linear congruential sequence over
/// 0–12,000元 (both branches and the 6000元 bound), written once and reused.
fn roster_file(n: usize) -> std::path::PathBuf {
    let dir = bench_dir().join(format!("calc-{n}"));
    let file = dir.join("roster.csv");
    if !file.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let mut s = String::from("\u{feff}户号,乡镇,农户清洁取暖费用（元）\n");
        let mut x: u64 = 12345;
        for i in 0..n {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let fen = (x >> 33) % 1_200_001;
            s.push_str(&format!(
                "H{i:07},{},{}.{:02}\n",
                TOWNS[i % TOWNS.len()],
                fen / 100,
                fen % 100
            ));
        }
        let tmp = dir.join("roster.csv.tmp");
        std::fs::write(&tmp, s).unwrap();
        std::fs::rename(&tmp, &file).unwrap();
    }
    file
}

/// The total `policyc calc` prints on its 合计 line, in 元.
fn printed_total(stdout: &str) -> Option<Decimal> {
    let line = stdout.lines().find_map(|l| l.strip_prefix("合计："))?;
    parse_amount(line).ok().map(|q| q.value)
}

pub fn calc(o: &Options, rows: &mut Vec<Row>) {
    let n = if o.quick { 100_000 } else { 1_000_000 };
    let file = roster_file(n);
    let policy_path = o.policies.join(POLICY);
    let mut map = policyc::diagnostics::SourceMap::new();
    let policy = policyc::driver::compile_file(&policy_path, &mut map)
        .policy
        .expect("policies/001 compiles");
    let subsidy = calc::find_rule(&policy, RULE).expect("the rule exists");
    let eval = subsidy.evaluator();
    // In process: the roster's bytes to every household's grant and the totals.
    let mut times = Vec::new();
    let mut total = Decimal::ZERO;
    for _ in 0..o.rounds.max(1) {
        let start = Instant::now();
        let bytes = std::fs::read(&file).unwrap();
        let text = roster::decode(&bytes).unwrap();
        let sheet = roster::read_csv(&text);
        let out = roster::run(&sheet, &eval);
        times.push(start.elapsed().as_secs_f64());
        assert!(out.bad.is_empty(), "the bench roster has no bad row");
        assert_eq!(out.households.len(), n);
        total = out.total;
    }
    rows.push(Row {
        what: format!("`calc` in process: roster of {n} households read, evaluated, totalled"),
        figure: ms(median(&times)),
        target: "< 1 s".into(),
        detail: format!(
            "{} rounds; exact total {}元",
            times.len(),
            total.normalize()
        ),
    });
    let args = [
        "calc",
        policy_path.to_str().unwrap(),
        RULE,
        "--roster",
        file.to_str().unwrap(),
    ];
    let out = policyc(None, &args).output().unwrap();
    assert_eq!(
        printed_total(&String::from_utf8_lossy(&out.stdout)),
        Some(total)
    );
    let python = std::env::var("POLICYC_OPENFISCA_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/openfisca_calc.py");
    let available = std::process::Command::new(&python)
        .args(["-c", "import openfisca_core"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        rows.push(Row {
            what: format!("OpenFisca vs `policyc calc`, same roster of {n} households"),
            figure: "skipped".into(),
            target: String::new(),
            detail: "needs openfisca-core (pip install openfisca-core; POLICYC_OPENFISCA_PYTHON names its python)".into(),
        });
        return;
    }
    let mut last = String::new();
    let of_run = |last: &mut String| {
        let start = Instant::now();
        let out = std::process::Command::new(&python)
            .arg(&script)
            .arg(&file)
            .output()
            .unwrap();
        let took = start.elapsed();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        *last = String::from_utf8_lossy(&out.stdout).into_owned();
        took
    };
    let rounds = o.rounds.min(3);
    let (tp, to, ratio) = paired(
        rounds,
        || super::run(&mut policyc(None, &args), &[0]),
        || of_run(&mut last),
    );
    let v: serde_json::Value = serde_json::from_str(last.trim()).expect("the script prints JSON");
    let of_exact: Decimal = v["total_of_float32_grants"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let of_sum = v["total_float32_sum"].as_str().unwrap_or("").to_string();
    let same = of_exact == total;
    rows.push(Row {
        what: format!("OpenFisca (float32) vs `policyc calc --roster` (exact), same roster of {n} households, whole process"),
        figure: format!("policyc {ratio:.1}× faster"),
        target: "same exact total".into(),
        detail: format!(
            "policyc {}, OpenFisca {} (of which read {}, compute {}; {rounds} rounds); totals: policyc {}元, OpenFisca's float32 grants add up to {}元 exactly ({}; numpy's float32 sum {}): {}",
            ms(tp),
            ms(to),
            ms(v["read_s"].as_f64().unwrap_or(f64::NAN)),
            ms(v["compute_s"].as_f64().unwrap_or(f64::NAN)),
            total.normalize(),
            of_exact.normalize(),
            if same { "the same" } else { "not the same" },
            of_sum,
            if same {
                "same".to_string()
            } else {
                format!("differ by {}元", (of_exact - total).normalize())
            }
        ),
    });
}
