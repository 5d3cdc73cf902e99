//! policyc's performance harness: every figure of docs/performance.md, measured as ratios
//! side by side in one run, because the machines it runs on are shared and noisy.
//!
//! ```text
//! cargo bench --bench perf                      # everything except the TaskJuggler sizes > 100
//! cargo bench --bench perf -- frontend scaling  # some groups
//! cargo bench --bench perf -- --quick           # a smoke run (fewer rounds, smaller corpus)
//! cargo bench --bench perf -- tj3 --tj3-tasks 100,2000,20000
//! ```
//!
//! Groups: `check5` (`policyc check policies/`, wall time), `frontend` (parse + resolve +
//! checks vs serde_json deserialising the exported model), `scaling` (1× vs 10× corpus),
//! `memory` (peak RSS vs corpus bytes), `jobs` (`policyc build` on 1 vs 2 threads), `tj3`
//! (TaskJuggler vs `policyc build` on the same plans), `import` (`policyc import` of the five
//! seeds in one process vs checking the hand-written policies in one process), `lsp` (a change
//! to published diagnostics) and `serve` (a save to the preview's new view), in perf/editor.rs,
//! and `calc` (`policyc calc` on a roster of 1,000,000 households, beside OpenFisca;
//! benches/perf/calc.rs).
//!
//! Two things compared are run alternately, A B B A A B …, so that a slow spell of the machine
//! hits both; the ratio reported is the median of the per-round ratios. Synthetic corpora are
//! generated from a seed (`policyc::synth`) into `target/policyc-bench/` (or
//! `$POLICYC_BENCH_DIR`) and reused. Results are printed as a Markdown table and written to
//! `target/policyc-bench/results.md`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use policyc::diagnostics::FileId;
use policyc::driver::compile_source;
use policyc::model::Policy;
use policyc::synth;

#[path = "perf/calc.rs"]
mod calc;
#[path = "perf/editor.rs"]
mod editor;

const POLICYC: &str = env!("CARGO_BIN_EXE_policyc");

struct Options {
    groups: Vec<String>,
    quick: bool,
    seed: u64,
    /// Files in the 1× corpus.
    count: usize,
    rounds: usize,
    tj3_tasks: Vec<usize>,
    policies: PathBuf,
}

fn options() -> Options {
    let mut o = Options {
        groups: Vec::new(),
        quick: false,
        seed: 1,
        count: 100,
        rounds: 0,
        tj3_tasks: vec![100],
        policies: Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value"))
        };
        match a.as_str() {
            "--bench" => {}
            "--quick" => o.quick = true,
            "--help" | "-h" => {
                println!(
                    "cargo bench --bench perf -- [GROUP…] [--quick] [--seed N] [--count N] \
                     [--rounds N] [--tj3-tasks 100,2000,20000] [--policies DIR]\n\
                     groups: check5 frontend scaling memory jobs tj3 import blowups lsp serve calc \
                     (default: all)"
                );
                std::process::exit(0);
            }
            "--seed" => o.seed = value("--seed").parse().expect("--seed N"),
            "--count" => o.count = value("--count").parse().expect("--count N"),
            "--rounds" => o.rounds = value("--rounds").parse().expect("--rounds N"),
            "--policies" => o.policies = value("--policies").into(),
            "--tj3-tasks" => {
                o.tj3_tasks = value("--tj3-tasks")
                    .split(',')
                    .map(|s| s.trim().parse().expect("--tj3-tasks 100,2000,20000"))
                    .collect()
            }
            g if !g.starts_with('-') => o.groups.push(g.to_string()),
            other => panic!("unknown option {other}"),
        }
    }
    if o.rounds == 0 {
        o.rounds = if o.quick { 3 } else { 9 };
    }
    if o.quick && o.count == 100 {
        o.count = 30;
    }
    o
}

/// One line of the results table.
struct Row {
    what: String,
    figure: String,
    target: String,
    detail: String,
}

fn bench_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("POLICYC_BENCH_DIR") {
        return d.into();
    }
    // target/release/policyc → target/policyc-bench
    Path::new(POLICYC)
        .parent()
        .and_then(Path::parent)
        .map(|t| t.join("policyc-bench"))
        .unwrap_or_else(|| std::env::temp_dir().join("policyc-bench"))
}

/// The synthetic corpus of `count` files for `seed`, written once and reused.
fn corpus_dir(seed: u64, count: usize) -> (PathBuf, u64) {
    corpus_variant(seed, count, "")
}

/// A line that gives every file a finding (an unknown unit of measure, E0104), so that
/// `check` must keep every file's text to quote it: the worst case for memory.
const FINDING: &str = "方案 附加 {\n  指标 附加指标：1户子\n}\n";

/// The corpus, with `extra` appended to every file (in its own folder).
fn corpus_variant(seed: u64, count: usize, extra: &str) -> (PathBuf, u64) {
    let suffix = if extra.is_empty() { "" } else { "-findings" };
    let dir = bench_dir().join(format!("corpus-s{seed}-n{count}{suffix}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in synth::corpus(seed, count) {
            std::fs::write(dir.join(name), text + extra).unwrap();
        }
        std::fs::write(&done, "").unwrap();
    }
    let bytes = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "policy"))
        .map(|e| e.metadata().map_or(0, |m| m.len()))
        .sum();
    (dir, bytes)
}

/// Runs a command to completion, its output discarded; its exit status must be one of `ok`.
fn run(cmd: &mut Command, ok: &[i32]) -> Duration {
    let start = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let took = start.elapsed();
    let code = status.code().unwrap_or(-1);
    assert!(ok.contains(&code), "{cmd:?} exited with {code}");
    took
}

fn policyc(jobs: Option<usize>, args: &[&str]) -> Command {
    let mut c = Command::new(POLICYC);
    c.args(args);
    match jobs {
        Some(n) => c.env("POLICYC_JOBS", n.to_string()),
        None => c.env_remove("POLICYC_JOBS"),
    };
    c
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Times `a` and `b` alternately (A B, B A, A B …) for `rounds` rounds. Returns the median
/// seconds of each and the median of the per-round ratios b/a.
fn paired(
    rounds: usize,
    mut a: impl FnMut() -> Duration,
    mut b: impl FnMut() -> Duration,
) -> (f64, f64, f64) {
    // One warm-up of each: caches, page cache, lazily built tables.
    a();
    b();
    let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for r in 0..rounds {
        let (x, y) = if r % 2 == 0 {
            let x = a();
            (x, b())
        } else {
            let y = b();
            (a(), y)
        };
        let (x, y) = (x.as_secs_f64(), y.as_secs_f64());
        ta.push(x);
        tb.push(y);
        ratios.push(y / x);
    }
    (median(&ta), median(&tb), median(&ratios))
}

fn ms(s: f64) -> String {
    format!("{:.1} ms", s * 1000.0)
}

// ───────────────────────────── groups ─────────────────────────────

/// `policyc import` of the five seeds (read, decode, structure, figures, emit), in process,
/// against compiling and checking the hand-written policies of the same notices in process.
fn import(o: &Options, rows: &mut Vec<Row>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read_dir = |dir: &Path, ext: &str| -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        v.sort();
        v
    };
    let seeds = read_dir(&root.join("seeds"), "txt");
    let policies: Vec<(String, String)> = read_dir(&o.policies, "policy")
        .into_iter()
        .map(|(p, b)| (p.display().to_string(), String::from_utf8(b).unwrap()))
        .collect();
    let import_all = || {
        let start = Instant::now();
        for (path, bytes) in &seeds {
            let draft = policyc::import::import_bytes(path, bytes, "seed").expect("seeds import");
            black_box(draft);
        }
        start.elapsed()
    };
    let check_all = || {
        let start = Instant::now();
        for (name, text) in &policies {
            black_box(compile_source(text, name, FileId(0), &[]));
        }
        start.elapsed()
    };
    let rounds = if o.quick { 5 } else { 21 };
    let (check, imp, ratio) = paired(rounds, check_all, import_all);
    rows.push(Row {
        what: format!(
            "`policyc import` of the {} seeds, in process, vs checking the {} hand-written policies",
            seeds.len(),
            policies.len()
        ),
        figure: format!("{} ({ratio:.2}× the check)", ms(imp)),
        target: "< 50 ms".into(),
        detail: format!("{rounds} paired rounds; check {}", ms(check)),
    });
}

/// `policyc check policies/`: the real notices, one process, wall time.
fn check5(o: &Options, rows: &mut Vec<Row>) {
    let dir = o.policies.to_string_lossy().into_owned();
    let n = std::fs::read_dir(&o.policies)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "policy"))
                .count()
        })
        .unwrap_or(0);
    let runs = if o.quick { 11 } else { 31 };
    run(&mut policyc(None, &["check", &dir]), &[0, 1]);
    let mut t: Vec<f64> = (0..runs)
        .map(|_| run(&mut policyc(None, &["check", &dir]), &[0, 1]).as_secs_f64())
        .collect();
    t.sort_by(f64::total_cmp);
    rows.push(Row {
        what: format!("`policyc check policies/` ({n} notices), one process"),
        figure: format!("median {}", ms(median(&t))),
        target: "< 20 ms".into(),
        detail: format!(
            "{runs} runs; min {}, p90 {}",
            ms(t[0]),
            ms(t[(runs * 9 / 10).min(runs - 1)])
        ),
    });
}

/// Parse + resolve + every check, in process, against serde_json deserialising the model that
/// `policyc export --format json` prints for the same files.
fn frontend(o: &Options, rows: &mut Vec<Row>) {
    let corpus: Vec<(String, String)> = synth::corpus(o.seed, o.count).collect();
    let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();
    let jsons: Vec<String> = corpus
        .iter()
        .map(|(name, text)| {
            let (policy, _) = compile_source(text, name, FileId(0), &[]);
            serde_json::to_string_pretty(&policy.expect("synthetic files compile"))
                .expect("the model serialises")
        })
        .collect();
    let json_bytes: usize = jsons.iter().map(String::len).sum();
    let front = || {
        let start = Instant::now();
        for (name, text) in &corpus {
            black_box(compile_source(black_box(text), name, FileId(0), &[]));
        }
        start.elapsed()
    };
    let deser = || {
        let start = Instant::now();
        for j in &jsons {
            black_box(serde_json::from_str::<Policy>(black_box(j)).expect("the model reads back"));
        }
        start.elapsed()
    };
    let (tf, td, ratio) = paired(o.rounds, front, deser);
    rows.push(Row {
        what: format!(
            "front end + checks vs serde_json deserialising the exported model ({} synthetic notices)",
            o.count
        ),
        figure: format!("{ratio:.2}× serde_json's speed"),
        target: "≥ 0.33×".into(),
        detail: format!(
            "front end {} ({:.1} MB/s of policy text, {:.1} MB); serde_json {} ({:.1} MB of JSON)",
            ms(tf),
            bytes as f64 / tf / 1e6,
            bytes as f64 / 1e6,
            ms(td),
            json_bytes as f64 / 1e6
        ),
    });
}

/// `policyc check` over the 1× and the 10× corpus, one thread.
fn scaling(o: &Options, rows: &mut Vec<Row>) {
    let (small, small_bytes) = corpus_dir(o.seed, o.count);
    let (large, large_bytes) = corpus_dir(o.seed, o.count * 10);
    let (s, l) = (small.to_string_lossy(), large.to_string_lossy());
    let (ts, tl, ratio) = paired(
        o.rounds,
        || run(&mut policyc(Some(1), &["check", &s]), &[0, 1]),
        || run(&mut policyc(Some(1), &["check", &l]), &[0, 1]),
    );
    rows.push(Row {
        what: format!(
            "`policyc check`, {}× the corpus ({} → {} files), POLICYC_JOBS=1",
            10,
            o.count,
            o.count * 10
        ),
        figure: format!("{ratio:.2}× the time"),
        target: "≤ 11×".into(),
        detail: format!(
            "{} for {:.1} MB, {} for {:.1} MB",
            ms(ts),
            small_bytes as f64 / 1e6,
            ms(tl),
            large_bytes as f64 / 1e6
        ),
    });
}

/// Peak resident memory of `policyc check` over the 10× corpus, against its size on disk.
fn memory(o: &Options, rows: &mut Vec<Row>) {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        rows.push(Row {
            what: "peak memory".into(),
            figure: "skipped".into(),
            target: "≤ 5× corpus".into(),
            detail: "needs GNU time (apt-get install time)".into(),
        });
        return;
    }
    for (count, extra) in [(o.count, ""), (o.count * 10, ""), (o.count * 10, FINDING)] {
        let (dir, bytes) = corpus_variant(o.seed, count, extra);
        let rss = peak_rss(&["check".into(), dir.to_string_lossy().into_owned()])
            .expect("GNU time prints the peak RSS in KB");
        rows.push(Row {
            what: format!(
                "peak memory of `policyc check` over {count} files{}",
                if extra.is_empty() {
                    ""
                } else {
                    ", each with a finding (text kept)"
                }
            ),
            figure: format!("{:.2}× the corpus", rss as f64 / bytes as f64),
            target: "≤ 5×".into(),
            detail: format!(
                "max RSS {:.1} MB, corpus {:.1} MB (both cores)",
                rss as f64 / 1e6,
                bytes as f64 / 1e6
            ),
        });
    }
}

/// A blow-up case: the command, what it measures, the smaller size, the input's generator.
type BlowupShape = (&'static str, &'static str, usize, fn(usize) -> String);

/// The inputs that once blew up (issue 9): each shape at a size and at four times it, timed
/// side by side. Linear work gives a ratio near 4; the quadratic and cubic versions gave 16
/// and 64. Peak memory of both is measured too: its ratio should be near 4 as well once the
/// fixed memory of a process (≈ 7 MB) is small beside it, and beside each is its multiple of
/// the input.
fn blowups(o: &Options, rows: &mut Vec<Row>) {
    let shapes: [BlowupShape; 7] = [
        (
            "check",
            "one O402 finding with N labels, human output",
            500,
            synth::stress::one_unit_many_names,
        ),
        (
            "check",
            "N declared units (organisation checks)",
            4000,
            synth::stress::many_units,
        ),
        (
            "check",
            "N phases, each with a task and a 指标",
            5000,
            synth::stress::many_phases,
        ),
        (
            "build",
            "N phases, each with a task and a 指标",
            5000,
            synth::stress::many_phases,
        ),
        ("build", "N tasks, each with a 指标", 10_000, |n| {
            synth::plan(1, n).to_policy()
        }),
        ("check", "a table of N rows × 200 columns", 2500, |n| {
            synth::stress::wide_table(n, 200)
        }),
        ("build", "a table of N rows × 200 columns", 2500, |n| {
            synth::stress::wide_table(n, 200)
        }),
    ];
    let (rounds, scale) = if o.quick { (1, 2) } else { (3, 4) };
    let dir = bench_dir().join("blowups");
    std::fs::create_dir_all(&dir).unwrap();
    for (command, what, size, make) in shapes {
        let size = if o.quick { size / 4 } else { size };
        let write = |n: usize| {
            let file = dir.join(format!("{}-{n}.policy", what.len() ^ n));
            if !file.exists() {
                std::fs::write(&file, make(n)).unwrap();
            }
            file
        };
        let (small, large) = (write(size), write(size * scale));
        // Not inside the inputs' folder: build refuses to write into one.
        let out = bench_dir().join("blowups-out");
        let args = |file: &Path| -> Vec<String> {
            let mut a = vec![command.to_string(), file.to_string_lossy().into_owned()];
            if command == "build" {
                a.extend(["-o".to_string(), out.to_string_lossy().into_owned()]);
            }
            a
        };
        let (a, b) = (args(&small), args(&large));
        let time = |args: &[String]| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run(&mut policyc(None, &args), &[0, 1])
        };
        let (ts, tl, ratio) = paired(rounds, || time(&a), || time(&b));
        let size_of = |f: &Path| std::fs::metadata(f).map_or(0, |m| m.len());
        let (small_bytes, bytes) = (size_of(&small), size_of(&large));
        let (rss_small, rss) = (peak_rss(&a), peak_rss(&b));
        let mb =
            |r: u64, of: u64| format!("{:.0} MB ({:.0}×)", r as f64 / 1e6, r as f64 / of as f64);
        rows.push(Row {
            what: format!("`policyc {command}`: {what}, N = {size} → {}", size * scale),
            figure: match (rss_small, rss) {
                (Some(s), Some(l)) => format!(
                    "{ratio:.2}× the time, {:.2}× the memory",
                    l as f64 / s as f64
                ),
                _ => format!("{ratio:.2}× the time"),
            },
            target: format!("≈ {scale}× (linear)"),
            detail: format!(
                "{} → {}; {:.1} → {:.1} MB of text; max RSS {} → {}",
                ms(ts),
                ms(tl),
                small_bytes as f64 / 1e6,
                bytes as f64 / 1e6,
                rss_small.map_or("—".into(), |r| mb(r, small_bytes)),
                rss.map_or("—".into(), |r| mb(r, bytes)),
            ),
        });
    }
}

/// Peak resident memory of one run of policyc (on every core), by GNU time, when it is
/// installed.
fn peak_rss(args: &[String]) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(POLICYC)
        .args(args)
        .env_remove("POLICYC_JOBS")
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let kb: u64 = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// `policyc build` of the 1× corpus on one thread and on two.
fn jobs(o: &Options, rows: &mut Vec<Row>) {
    let (dir, _) = corpus_dir(o.seed, o.count);
    let d = dir.to_string_lossy();
    let out1 = bench_dir().join("build-j1");
    let out2 = bench_dir().join("build-j2");
    let (o1, o2) = (out1.to_string_lossy(), out2.to_string_lossy());
    for (what, args1, args2) in [
        (
            "build",
            vec!["build", &d, "-o", &o1, "--color", "never"],
            vec!["build", &d, "-o", &o2, "--color", "never"],
        ),
        ("check", vec!["check", &d], vec!["check", &d]),
    ] {
        let (t1, t2, ratio) = paired(
            o.rounds,
            || run(&mut policyc(Some(1), &args1), &[0, 1]),
            || run(&mut policyc(Some(2), &args2), &[0, 1]),
        );
        rows.push(Row {
            what: format!(
                "`policyc {what}` of {} files, 2 threads vs 1 (POLICYC_JOBS)",
                o.count
            ),
            figure: format!("{:.2}× faster", 1.0 / ratio),
            target: if what == "build" { "≥ 1.7×" } else { "—" }.into(),
            detail: format!("1 thread {}, 2 threads {}", ms(t1), ms(t2)),
        });
    }
}

/// TaskJuggler (tj3) and `policyc build` on the same plan: an HTML Gantt chart and a task
/// table each.
fn tj3(o: &Options, rows: &mut Vec<Row>) {
    let available = Command::new("tj3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    for &tasks in &o.tj3_tasks {
        let dir = bench_dir().join("plans");
        std::fs::create_dir_all(&dir).unwrap();
        let plan = synth::plan(o.seed, tasks);
        let policy = dir.join(format!("plan-{tasks}.policy"));
        let tjp = dir.join(format!("plan-{tasks}.tjp"));
        std::fs::write(&policy, plan.to_policy()).unwrap();
        std::fs::write(&tjp, plan.to_tjp()).unwrap();
        if !available {
            rows.push(Row {
                what: format!("TaskJuggler vs policyc build, {tasks} tasks"),
                figure: "skipped".into(),
                target: String::new(),
                detail: "needs tj3 (apt-get install tj3)".into(),
            });
            continue;
        }
        let tj_out = dir.join(format!("tj3-{tasks}"));
        let pc_out = dir.join(format!("policyc-{tasks}"));
        std::fs::create_dir_all(&tj_out).unwrap();
        let mut tj = || {
            run(
                Command::new("tj3")
                    .args(["--silent", "--no-color", "-o"])
                    .arg(&tj_out)
                    .arg(&tjp),
                &[0],
            )
        };
        let mut pc = || {
            run(
                policyc(None, &["build", "--color", "never", "-o"])
                    .arg(&pc_out)
                    .arg(&policy),
                &[0],
            )
        };
        // TaskJuggler takes minutes on the large plans: fewer rounds there.
        let rounds = if tasks > 5000 {
            1
        } else if tasks > 500 {
            o.rounds.min(3)
        } else {
            o.rounds
        };
        let (tp, tt, ratio) = paired(rounds, &mut pc, &mut tj);
        for report in ["gantt.html", "tasks.html"] {
            assert!(tj_out.join(report).exists(), "tj3 wrote no {report}");
        }
        rows.push(Row {
            what: format!("TaskJuggler vs `policyc build`, same plan of {tasks} tasks"),
            figure: format!("policyc {ratio:.0}× faster"),
            target: match tasks {
                2000 => "≥ 300×".into(),
                20000 => "policyc < 1 s".into(),
                _ => String::new(),
            },
            detail: format!("tj3 {}, policyc {} ({rounds} rounds)", ms(tt), ms(tp)),
        });
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or("?".into(), |kb| format!("{:.0} GiB", kb as f64 / 1048576.0));
    let load = std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    format!("{cpu}, {cores} cores, {mem} memory; load average at start {load}")
}

fn main() {
    let o = options();
    let all = [
        "check5", "frontend", "scaling", "memory", "jobs", "tj3", "import", "blowups", "lsp",
        "serve", "calc",
    ];
    let groups: Vec<String> = if o.groups.is_empty() {
        all.iter().map(|s| s.to_string()).collect()
    } else {
        o.groups.clone()
    };
    let mut rows = Vec::new();
    for g in &groups {
        eprintln!("policyc bench: {g} …");
        match g.as_str() {
            "check5" => check5(&o, &mut rows),
            "frontend" => frontend(&o, &mut rows),
            "scaling" => scaling(&o, &mut rows),
            "memory" => memory(&o, &mut rows),
            "jobs" => jobs(&o, &mut rows),
            "tj3" => tj3(&o, &mut rows),
            "import" => import(&o, &mut rows),
            "blowups" => blowups(&o, &mut rows),
            "lsp" => editor::lsp(&o, &mut rows),
            "serve" => editor::serve(&o, &mut rows),
            "calc" => calc::calc(&o, &mut rows),
            other => panic!("unknown group {other}; groups: {}", all.join(" ")),
        }
    }
    let mut md = format!(
        "Machine: {}\nSeed {}, 1× corpus {} files, {} rounds{}.\n\n| measurement | result | target | detail |\n| --- | --- | --- | --- |\n",
        machine(),
        o.seed,
        o.count,
        o.rounds,
        if o.quick { " (--quick smoke run)" } else { "" }
    );
    for r in &rows {
        md.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.what, r.figure, r.target, r.detail
        ));
    }
    println!("{md}");
    let file = bench_dir().join("results.md");
    if std::fs::create_dir_all(bench_dir()).is_ok() && std::fs::write(&file, &md).is_ok() {
        eprintln!("policyc bench: written to {}", file.display());
    }
}
