//! Runs the stages for one file and collects what they report.

use std::path::{Path, PathBuf};

use crate::diagnostics::{load_source, Diagnostic, FileId, Severity, SourceMap};
use crate::model::{self, CheckLevel, Policy};
use crate::{checks, syntax};

/// The result of compiling one policy file.
pub struct Compiled {
    pub path: PathBuf,
    pub file: FileId,
    /// The model, unless the file could not be read or parsed.
    pub policy: Option<Policy>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    /// The file could not be compiled at all (unreadable, not UTF-8, a syntax error).
    pub fn failed(&self) -> bool {
        self.policy.is_none()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Reads, parses and lowers one file; the source text is added to `map` for display.
pub fn compile_file(path: &Path, map: &mut SourceMap) -> Compiled {
    let file = map.next_id();
    let loaded = on_worker_stack(|| compile_file_as(path, file));
    let file = map.add(loaded.shown, loaded.text);
    debug_assert_eq!(file, loaded.compiled.file);
    loaded.compiled
}

/// A file compiled on its own, with the text to add to a [`SourceMap`] afterwards.
pub struct Loaded {
    pub compiled: Compiled,
    /// The path as shown in diagnostics.
    pub shown: String,
    /// The loaded text (empty when the file could not be read).
    pub text: String,
}

/// Reads, parses and lowers one file under the id `file` it will have once its text is added
/// to the source map. Needs no shared state, so files can be compiled on several threads.
pub fn compile_file_as(path: &Path, file: FileId) -> Loaded {
    let shown = path.display().to_string();
    match load_source(path) {
        Ok(text) => {
            let (project, project_problem) = project_levels(path, file);
            let (policy, mut diagnostics) = compile_source(&text, &shown, file, &project);
            diagnostics.extend(project_problem);
            Loaded {
                compiled: Compiled {
                    path: path.to_path_buf(),
                    file,
                    policy,
                    diagnostics,
                },
                shown,
                text,
            }
        }
        Err(e) => Loaded {
            compiled: Compiled {
                path: path.to_path_buf(),
                file,
                policy: None,
                diagnostics: vec![e.to_diagnostic(file)],
            },
            shown,
            text: String::new(),
        },
    }
}

/// How many files are compiled at once: `POLICYC_JOBS` if set to a positive number, else
/// the number of cores. (A `--jobs N` option of `check` and `build` would set the same.)
pub fn jobs() -> usize {
    std::env::var("POLICYC_JOBS")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Stack of every thread that compiles and renders files. The main thread's stack is what
/// the system gives it (often 8 MiB) and a spawned thread's is 2 MiB unless asked: every
/// file is compiled on a thread of this size, however many jobs, so that what a file needs
/// does not depend on `POLICYC_JOBS`. Generous for nesting at the limit in a debug build;
/// reserved, not used, until a file needs it.
pub const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Runs `work(index, input)` for every input on up to `jobs` threads (at least one, of
/// [`WORKER_STACK`] each) and returns the results in input order, so that output does not
/// depend on scheduling. Each call must be independent of the others: compile each file
/// under its own [`FileId`] (see [`compile_file_as`]) and add the texts to the source map
/// afterwards, in order.
pub fn map_inputs<T, F>(inputs: &[PathBuf], jobs: usize, work: F) -> Vec<T>
where
    T: Send,
    F: Fn(usize, &Path) -> T + Sync,
{
    let threads = jobs.min(inputs.len()).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(path) = inputs.get(i) else { break };
                            mine.push((i, work(i, path)));
                        }
                        mine
                    })
            })
            .collect();
        // A thread that could not be started leaves its share to the others; if none
        // started, the work is done here.
        let started: Vec<_> = handles.into_iter().filter_map(Result::ok).collect();
        let mut results: Vec<(usize, T)> = started
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(path) = inputs.get(i) else { break };
            results.push((i, work(i, path)));
        }
        results
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

/// Runs `work` on a thread of [`WORKER_STACK`], as [`map_inputs`] runs each file.
/// (If no thread can be started, `work` runs on the calling thread.)
pub fn on_worker_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let mut slot = Some(work);
    let spawned = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, || slot.take().map(|w| w()))
            .ok()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    match (spawned.flatten(), slot) {
        (Some(t), _) => t,
        (None, Some(work)) => work(),
        (None, None) => unreachable!("the work ran on the thread"),
    }
}

/// The project's check levels (policyc.yaml above the file), or the problem reading them.
fn project_levels(path: &Path, file: FileId) -> (Vec<CheckLevel>, Option<Diagnostic>) {
    match checks::levels::find_project(path) {
        Ok(p) => (p.map(|p| p.levels).unwrap_or_default(), None),
        Err(message) => (
            Vec::new(),
            Some(
                Diagnostic::new(
                    "E0108",
                    Severity::Error,
                    format!("项目配置无法读取：{message}"),
                    file,
                )
                .with_help(
                    "policyc.yaml 中每个检查代码对应 允许、提示、警告 或 禁止；允许时须写 reason",
                ),
            ),
        ),
    }
}

/// Parses, lowers and checks source text that is already loaded; the file's own check levels
/// take precedence over the project's. Control characters are reported and blanked first
/// (`syntax::control`), so that no stage and no output sees one.
pub fn compile_source(
    text: &str,
    path: &str,
    file: FileId,
    project: &[CheckLevel],
) -> (Option<Policy>, Vec<Diagnostic>) {
    // Control characters are reported and blanked byte for byte first, so no stage or output
    // sees one and every span still points into the file as written.
    let (text, controls) = syntax::control::blank_controls(text, file);
    let text = text.as_ref();
    // Each stage is isolated as the checks are from each other: a fault in parsing or
    // lowering one file is an E0900 for that file, and the other files of the run go on.
    let stage = |name: &str| {
        Diagnostic::new(
            "E0900",
            Severity::Error,
            format!("内部错误：{name}时未能完成，这个文件的其余问题无法报告；其他文件照常处理"),
            file,
        )
    };
    let with_controls = |mut diags: Vec<Diagnostic>| {
        diags.splice(0..0, controls.iter().cloned());
        diags
    };
    let parsed = std::panic::catch_unwind(|| syntax::parse(text, file));
    let ast = match parsed {
        Ok(Ok(ast)) => ast,
        Ok(Err(diags)) => return (None, with_controls(diags)),
        Err(_) => return (None, with_controls(vec![stage("读取文件结构")])),
    };
    let lowered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        model::lower(&ast, text, path, file)
    }));
    // The syntax tree holds a copy of every table row's text: gone before the checks run.
    drop(ast);
    let Ok((policy, mut diags)) = lowered else {
        return (None, with_controls(vec![stage("整理文件内容（建立模型）")]));
    };
    diags.extend(checks::run(&policy, text, file));
    let diags = checks::levels::apply(diags, project, &policy.check_levels);
    (Some(policy), with_controls(diags))
}

/// Expands the command line's paths: files as given, folders searched for `*.policy`
/// (sorted, so that output order does not depend on the file system).
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Folders deeper than this are not searched (and a symlink loop cannot recurse forever).
const MAX_FOLDER_DEPTH: usize = 16;

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > MAX_FOLDER_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&p, out, depth + 1);
        } else if p.extension().is_some_and(|x| x == "policy") {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_results_come_back_in_input_order() {
        let inputs: Vec<PathBuf> = (0..50).map(|i| PathBuf::from(format!("{i}"))).collect();
        for jobs in [1, 2, 3, 64] {
            let out = map_inputs(&inputs, jobs, |i, p| {
                // Uneven work, so that threads finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((50 - i as u64) * 20));
                (i, p.display().to_string())
            });
            let expected: Vec<_> = (0..50).map(|i| (i, i.to_string())).collect();
            assert_eq!(out, expected, "jobs = {jobs}");
        }
        assert!(map_inputs(&[], 2, |i, _| i).is_empty());
    }

    /// Uses about `levels` × 4 KiB of stack.
    fn burn(levels: usize) -> usize {
        let frame = std::hint::black_box([1u8; 4096]);
        if levels == 0 {
            return frame[0] as usize;
        }
        burn(levels - 1) + std::hint::black_box(frame[levels % 4096]) as usize
    }

    #[test]
    fn every_job_count_gives_files_the_same_large_stack() {
        // 20 MiB: more than a spawned thread's default 2 MiB and a main thread's usual 8 MiB.
        let inputs: Vec<PathBuf> = (0..3).map(|i| PathBuf::from(format!("{i}"))).collect();
        let caller = std::thread::current().id();
        for jobs in [1, 2] {
            let out = map_inputs(&inputs, jobs, |_, _| {
                assert_ne!(std::thread::current().id(), caller);
                burn(5_000)
            });
            assert_eq!(out, vec![5_001; 3], "jobs = {jobs}");
        }
        assert_eq!(on_worker_stack(|| burn(5_000)), 5_001);
    }
}
