//! `policyc build`: check every policy and write its outputs into DIR/<stem>/, then
//! DIR/index.html listing every policy, its findings and its files.

use std::path::{Component, Path, PathBuf};

use super::output::{refuse_output_dir, safe_stem, write_atomic};
use super::{print_diagnostics, Format, EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::{sort_diagnostics, Severity, SourceMap};
use crate::driver::{collect_inputs, compile_file};
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
    ("appendix", render::appendix::write),
];

/// model.json: the typed model, as `policyc export` prints it.
fn write_model(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    let json = serde_json::to_string_pretty(input.policy)?;
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
    let mut map = SourceMap::new();
    let mut all = Vec::new();
    let mut entries = Vec::new();
    let mut stems: Vec<String> = Vec::new();
    let mut failed = false;
    for path in &inputs {
        let compiled = compile_file(path, &mut map);
        failed |= compiled.failed();
        let mut diags = compiled.diagnostics;
        sort_diagnostics(&mut diags);
        let findings = FindingsSummary::of(&map, &diags);
        let mut entry = IndexEntry {
            file: path.display().to_string(),
            stem: None,
            title: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            compiled: compiled.policy.is_some(),
            findings,
            outputs: Vec::new(),
        };
        if let Some(policy) = &compiled.policy {
            entry.title = policy
                .plans
                .first()
                .map(|p| p.title.clone())
                .or_else(|| policy.notice.as_ref().and_then(|n| n.title.clone()))
                .unwrap_or(entry.title);
            let Some(stem) = safe_stem(path) else {
                eprintln!("policyc: 无法从文件名 {} 得到输出文件夹名", path.display());
                failed = true;
                entries.push(entry);
                all.extend(diags);
                continue;
            };
            let stem = unique_stem(stem, &mut stems, path);
            let dir = out.join(&stem);
            let input = RenderInput {
                policy,
                stem: &stem,
                findings: &entry.findings,
                templates: &templates,
            };
            let mut written = Vec::new();
            for (name, writer) in WRITERS {
                let files = match writer(&input) {
                    Ok(files) => files,
                    Err(e) => {
                        eprintln!("policyc: {}：生成 {name} 时出错：{e:#}", path.display());
                        failed = true;
                        continue;
                    }
                };
                for (rel, bytes) in files {
                    if !relative_ok(&rel) {
                        eprintln!("policyc: 拒绝写入输出文件夹之外的路径：{rel}");
                        failed = true;
                        continue;
                    }
                    let target = dir.join(&rel);
                    match write_atomic(&target, &bytes) {
                        Ok(()) => written.push(rel),
                        Err(e) => {
                            eprintln!("policyc: 无法写入 {}：{e}", target.display());
                            failed = true;
                        }
                    }
                }
            }
            entry.outputs = written
                .iter()
                .map(|rel| OutputLink::new(&stem, rel))
                .collect();
            entry.stem = Some(stem);
        }
        entries.push(entry);
        all.extend(diags);
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
