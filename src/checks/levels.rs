//! Per-file and per-project check levels, as clippy's allow/deny.
//!
//! A project sets levels in `policyc.yaml`, found in the policy file's folder or the nearest
//! folder above it; a file's own `检查 { … }` block overrides the project. Only check codes
//! (A, D, R, O) can be changed; the front end's E codes always report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{CheckLevel, Level};

/// The project file's name.
pub const PROJECT_FILE: &str = "policyc.yaml";

/// `policyc.yaml`:
/// ```yaml
/// checks:
///   O402: { level: 允许, reason: 区发改局即区发展和改革局 }
///   D204: 提示
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    #[serde(default)]
    pub checks: BTreeMap<String, ProjectLevel>,
}

/// A project's level for one code: just the level, or the level with its reason.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ProjectLevel {
    Level(String),
    WithReason {
        level: String,
        reason: Option<String>,
    },
}

/// A project configuration and where it came from.
pub struct Project {
    pub path: PathBuf,
    pub levels: Vec<CheckLevel>,
}

/// Finds and reads the project file for a policy file. `Err` carries a message for a file that
/// exists but is not valid.
pub fn find_project(policy_path: &Path) -> Result<Option<Project>, String> {
    let start = std::fs::canonicalize(policy_path).unwrap_or_else(|_| policy_path.to_path_buf());
    let mut dir = start.parent();
    while let Some(d) = dir {
        let candidate = d.join(PROJECT_FILE);
        if candidate.is_file() {
            let text = std::fs::read_to_string(&candidate)
                .map_err(|e| format!("{}：{e}", candidate.display()))?;
            return parse_project(&text)
                .map(|levels| {
                    Some(Project {
                        path: candidate.clone(),
                        levels,
                    })
                })
                .map_err(|e| format!("{}：{e}", candidate.display()));
        }
        dir = d.parent();
    }
    Ok(None)
}

/// Reads a project file's text.
pub fn parse_project(text: &str) -> Result<Vec<CheckLevel>, String> {
    let config: ProjectConfig = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (code, setting) in config.checks {
        let (level, reason) = match setting {
            ProjectLevel::Level(l) => (l, None),
            ProjectLevel::WithReason { level, reason } => (level, reason),
        };
        let level = Level::parse(&level)
            .ok_or_else(|| format!("{code} 的级别“{level}”无效：应为 允许、提示、警告 或 禁止"))?;
        let code = code.to_ascii_uppercase();
        if code.starts_with('E') || crate::diagnostics::codes::lookup(&code).is_none() {
            return Err(format!("“{code}”不是可以调整的检查代码"));
        }
        if level == Level::Allow && reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(format!("允许 {code} 时必须写明理由（reason）"));
        }
        out.push(CheckLevel {
            code,
            level,
            reason,
            span: Default::default(),
        });
    }
    Ok(out)
}

/// Applies project levels, then the file's own, to the checks' findings.
pub fn apply(
    diags: Vec<Diagnostic>,
    project: &[CheckLevel],
    file: &[CheckLevel],
) -> Vec<Diagnostic> {
    let level_of = |code: &str| {
        file.iter()
            .rev()
            .find(|l| l.code == code)
            .or_else(|| project.iter().rev().find(|l| l.code == code))
            .map(|l| l.level)
    };
    diags
        .into_iter()
        .filter_map(|mut d| {
            if d.code.starts_with('E') {
                return Some(d);
            }
            match level_of(d.code) {
                Some(Level::Allow) => None,
                Some(Level::Note) => {
                    d.severity = Severity::Note;
                    Some(d)
                }
                Some(Level::Warning) => {
                    d.severity = Severity::Warning;
                    Some(d)
                }
                Some(Level::Deny) => {
                    d.severity = Severity::Error;
                    Some(d)
                }
                None => Some(d),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_files_need_reasons_to_silence() {
        assert!(parse_project("checks:\n  E0001: 允许\n").is_err());
        assert!(parse_project("checks:\n  E0900: 警告\n").is_err());
        assert!(parse_project("checks:\n  E0106: 允许\n").is_err());
    }
}
