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
    let shown = path.display().to_string();
    match load_source(path) {
        Ok(text) => {
            let file = map.add(shown.clone(), text);
            let text = &map.get(file).expect("just added").text;
            let (project, project_problem) = project_levels(path, file);
            let (policy, mut diagnostics) = compile_source(text, &shown, file, &project);
            diagnostics.extend(project_problem);
            Compiled {
                path: path.to_path_buf(),
                file,
                policy,
                diagnostics,
            }
        }
        Err(e) => {
            let file = map.add(shown, String::new());
            Compiled {
                path: path.to_path_buf(),
                file,
                policy: None,
                diagnostics: vec![e.to_diagnostic(file)],
            }
        }
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
/// take precedence over the project's.
pub fn compile_source(
    text: &str,
    path: &str,
    file: FileId,
    project: &[CheckLevel],
) -> (Option<Policy>, Vec<Diagnostic>) {
    match syntax::parse(text, file) {
        Ok(ast) => {
            let (policy, mut diags) = model::lower(&ast, text, path, file);
            diags.extend(checks::run(&policy, text, file));
            let diags = checks::levels::apply(diags, project, &policy.check_levels);
            (Some(policy), diags)
        }
        Err(diags) => (None, diags),
    }
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
