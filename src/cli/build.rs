//! `policyc build`: check every policy and write its outputs into DIR/<stem>/, then
//! DIR/index.html listing every policy, its findings and its files.

use std::path::{Component, Path, PathBuf};

use super::output::{refuse_output_dir, safe_stem, write_atomic};
use super::{print_diagnostics, Format, EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::{sort_diagnostics, FileId, Severity, SourceMap};
use crate::driver::{collect_inputs, compile_file_as, jobs, map_inputs};
use crate::render::index::{write_index, IndexEntry, OutputLink};
use crate::render::{self, FindingsSummary, Output, RenderInput, Templates, Writer};

/// Every output of a policy, one writer a line, run in this order; each returns files
/// relative to the policy's output folder. To add an output (a Gantt chart, a Word draft …),
/// write a `fn(&RenderInput) -> anyhow::Result<Vec<Output>>` in `src/render/` and add one
/// line here: its files are written atomically and linked from index.html. A writer that
/// fails is reported and the others still run.
const WRITERS: &[(&str, Writer)] = &[
    ("model.json", write_model),
    ("notice", write_notice),
    ("tasks", render::tasks::write),
    ("tasks.xlsx", render::tasks::write_xlsx),
    ("appendix", render::appendix::write),
    ("gantt", render::gantt::write),
];

/// model.json: the typed model, the data `policyc export --format json` prints.
///
/// Without indentation: it is for programs, and the indented model of a plan of 20,000 tasks
/// was 43 MB and a fifth of the build; `policyc export --format json` prints it indented.
fn write_model(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    let json = serde_json::to_string(input.policy)?;
    Ok(vec![("model.json".into(), json.into_bytes())])
}

/// notice.md and notice.html: the notice draft.
fn write_notice(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    render::notice::write_notice(input.policy, input.templates)
}

/// Two policy files with the same name (from two folders) would write into one folder:
/// the later one gets `-2`, `-3` … and a message says so.
fn unique_stem(stem: String, taken: &mut Vec<String>, path: &Path) -> String {
    let mut name = stem.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem}-{n}");
        n += 1;
    }
    if name != stem {
        eprintln!(
            "policyc: 已有同名的政策文件，{} 的输出写入 {name}/",
            path.display()
        );
    }
    taken.push(name.clone());
    name
}

/// A writer's relative path, refused if it could leave the policy's folder.
fn relative_ok(name: &str) -> bool {
    let p = Path::new(name);
    !name.is_empty()
        && p.components().all(|c| matches!(c, Component::Normal(_)))
        && !name.contains('\\')
}

pub fn run(
    paths: &[PathBuf],
    out: &Path,
    templates_dir: Option<&Path>,
    deny_errors: bool,
    color: bool,
) -> u8 {
    let inputs = collect_inputs(paths);
    if inputs.is_empty() {
        eprintln!("policyc: 没有找到 .policy 文件");
        return EXIT_FAILED;
    }
    if let Some(why) = refuse_output_dir(out, &inputs, paths) {
        eprintln!("policyc: {why}");
        return EXIT_FAILED;
    }
    if let Some(dir) = templates_dir {
        if !dir.is_dir() {
            eprintln!("policyc: 模板文件夹 {} 不存在或不是文件夹", dir.display());
            return EXIT_FAILED;
        }
    }
    let templates = Templates::with_override(templates_dir);
    // Output folders are named before any work starts: two files of the same name get
    // `-2`, `-3` … in input order, whatever order the threads finish in.
    let mut taken: Vec<String> = Vec::new();
    let stems: Vec<Option<String>> = inputs
        .iter()
        .map(|path| safe_stem(path).map(|stem| unique_stem(stem, &mut taken, path)))
        .collect();
    // Files are compiled and written in parallel (POLICYC_JOBS threads, default one per
    // core), each under the id its text gets when it is added to the source map afterwards,
    // in input order; messages are printed in input order too.
    let mut map = SourceMap::new();
    let base = map.next_id().0;
    let jobs = jobs();
    // Fewer files than threads: the threads left over render each file's outputs side by side.
    let spare_threads = inputs.len() < jobs;
    let done = map_inputs(&inputs, jobs, |i, path| {
        let loaded = compile_file_as(path, FileId(base + i));
        let mut compiled = loaded.compiled;
        sort_diagnostics(&mut compiled.diagnostics);
        let mut messages = Vec::new();
        let mut failed = compiled.failed();
        let mut entry = IndexEntry {
            file: path.display().to_string(),
            stem: None,
            title: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            compiled: compiled.policy.is_some(),
            findings: FindingsSummary::of(&loaded.text, &compiled.diagnostics),
            outputs: Vec::new(),
        };
        if let Some(policy) = &compiled.policy {
            entry.title = policy
                .plans
                .first()
                .map(|p| p.title.clone())
                .or_else(|| policy.notice.as_ref().and_then(|n| n.title.clone()))
                .unwrap_or(entry.title);
            match &stems[i] {
                Some(stem) => {
                    let input = RenderInput {
                        policy,
                        stem,
                        findings: &entry.findings,
                        templates: &templates,
                    };
                    let written =
                        write_outputs(&input, &out.join(stem), path, spare_threads, &mut messages);
                    failed |= written.is_err();
                    entry.outputs = written
                        .unwrap_or_else(|partial| partial)
                        .iter()
                        .map(|rel| OutputLink::new(stem, rel))
                        .collect();
                    entry.stem = Some(stem.clone());
                }
                None => {
                    messages.push(format!(
                        "policyc: 无法从文件名 {} 得到输出文件夹名",
                        path.display()
                    ));
                    failed = true;
                }
            }
        }
        // Only diagnostics quote a file's text: keep it only for a file that has some.
        let text = if compiled.diagnostics.is_empty() {
            String::new()
        } else {
            loaded.text
        };
        (
            loaded.shown,
            text,
            compiled.diagnostics,
            entry,
            failed,
            messages,
        )
    });
    let mut all = Vec::new();
    let mut entries = Vec::new();
    let mut failed = false;
    for (shown, text, diagnostics, entry, file_failed, messages) in done {
        map.add(shown, text);
        for m in messages {
            eprintln!("{m}");
        }
        failed |= file_failed;
        entries.push(entry);
        all.extend(diagnostics);
    }
    match write_index(entries, &templates) {
        Ok(bytes) => {
            if let Err(e) = write_atomic(&out.join("index.html"), &bytes) {
                eprintln!(
                    "policyc: 无法写入 {}：{e}",
                    out.join("index.html").display()
                );
                failed = true;
            }
        }
        Err(e) => {
            eprintln!("policyc: 生成 index.html 时出错：{e:#}");
            failed = true;
        }
    }
    sort_diagnostics(&mut all);
    print_diagnostics(&map, &all, Format::Human, color);
    let errors = all.iter().any(|d| d.severity == Severity::Error);
    if failed {
        EXIT_FAILED
    } else if deny_errors && errors {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// What one writer did: the files it wrote (relative to the policy's folder), and why
/// anything failed.
#[derive(Default)]
struct WriterOutcome {
    written: Vec<String>,
    messages: Vec<String>,
    failed: bool,
}

/// Runs one writer and writes its files into `dir`.
fn run_writer(
    name: &str,
    writer: Writer,
    input: &RenderInput,
    dir: &Path,
    path: &Path,
) -> WriterOutcome {
    let mut outcome = WriterOutcome::default();
    let files = match writer(input) {
        Ok(files) => files,
        Err(e) => {
            outcome.messages.push(format!(
                "policyc: {}：生成 {name} 时出错：{e:#}",
                path.display()
            ));
            outcome.failed = true;
            return outcome;
        }
    };
    for (rel, bytes) in files {
        if !relative_ok(&rel) {
            outcome
                .messages
                .push(format!("policyc: 拒绝写入输出文件夹之外的路径：{rel}"));
            outcome.failed = true;
            continue;
        }
        let target = dir.join(&rel);
        match write_atomic(&target, &bytes) {
            Ok(()) => outcome.written.push(rel),
            Err(e) => {
                outcome
                    .messages
                    .push(format!("policyc: 无法写入 {}：{e}", target.display()));
                outcome.failed = true;
            }
        }
    }
    outcome
}

/// Runs every writer for one policy and writes its files into `dir`. Returns the files
/// written, relative to `dir`; `Err` with the files that were written when anything failed
/// (the reasons are pushed to `messages`). With `spare_threads`, the writers run side by
/// side: a build of one large plan would otherwise use one core; results are gathered in
/// the order of `WRITERS` either way.
fn write_outputs(
    input: &RenderInput,
    dir: &Path,
    path: &Path,
    spare_threads: bool,
    messages: &mut Vec<String>,
) -> Result<Vec<String>, Vec<String>> {
    let outcomes: Vec<WriterOutcome> = if spare_threads {
        // Writer threads get the compile workers' stack, so that what renders on one job
        // renders on many; a writer whose thread cannot be started runs here.
        std::thread::scope(|scope| {
            let handles: Vec<_> = WRITERS
                .iter()
                .map(|&(name, writer)| {
                    std::thread::Builder::new()
                        .stack_size(crate::driver::WORKER_STACK)
                        .spawn_scoped(scope, move || run_writer(name, writer, input, dir, path))
                        .map_err(|_| (name, writer))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| match h {
                    Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                    Err((name, writer)) => run_writer(name, writer, input, dir, path),
                })
                .collect()
        })
    } else {
        WRITERS
            .iter()
            .map(|&(name, writer)| run_writer(name, writer, input, dir, path))
            .collect()
    };
    let mut written = Vec::new();
    let mut failed = false;
    for o in outcomes {
        written.extend(o.written);
        messages.extend(o.messages);
        failed |= o.failed;
    }
    if failed {
        Err(written)
    } else {
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_paths_stay_inside() {
        assert!(relative_ok("tasks.csv"));
        assert!(relative_ok("gantt/plan-1.svg"));
        assert!(!relative_ok("../x"));
        assert!(!relative_ok("/etc/x"));
        assert!(!relative_ok(""));
        assert!(!relative_ok("a\\..\\b"));
    }
}
