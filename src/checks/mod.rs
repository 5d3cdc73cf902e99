//! Stage 3, checks: find what is wrong in a policy before it is published.
//!
//! Each check reads the model and reports diagnostics into a [`Findings`] sink; none can stop
//! another (a panicking check is caught and reported as an internal error, and the rest run).
//! Codes, default severities and explanations live in the one registry,
//! `diagnostics::codes`. Families: A1xx arithmetic, D2xx dates, R3xx rules, O4xx organisation.

pub mod arith;
pub mod interval;
pub mod levels;

use crate::diagnostics::{Diagnostic, FileId, Severity};
use crate::model::Policy;

/// What a check sees.
pub struct Findings<'a> {
    pub policy: &'a Policy,
    pub file: FileId,
    diags: Vec<Diagnostic>,
}

impl<'a> Findings<'a> {
    /// Starts a diagnostic with the code's registered default severity.
    pub fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// A new diagnostic for this file with the code's default severity from the registry.
    pub fn new_diag(&self, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::from_code(code, message, self.file)
    }
}

/// A check: a name for internal-error messages and the function that runs it.
type Check = (&'static str, fn(&mut Findings));

/// Every check, in the order their findings are reported.
const CHECKS: &[Check] = &[
    ("分解的合计与分项", arith::breakdowns),
    ("分配比例", arith::ratios),
    ("表格的合计与小计", arith::table_totals),
    ("表格的列关系", arith::table_relations),
    ("复述", arith::restatements),
    ("核算", arith::calcs),
];

/// Runs every check over a policy. One check's failure never stops the others.
pub fn run(policy: &Policy, file: FileId) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for (name, check) in CHECKS {
        let mut f = Findings {
            policy,
            file,
            diags: Vec::new(),
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mut f)));
        match outcome {
            Ok(()) => all.extend(f.diags),
            Err(_) => all.push(Diagnostic::new(
                "E0900",
                Severity::Error,
                format!("内部错误：检查“{name}”未能完成，其余检查照常进行"),
                file,
            )),
        }
    }
    all
}
