//! policyc: a compiler for Chinese government policy notices.
//!
//! The pipeline, one folder a stage (see ARCHITECTURE.md):
//! [`syntax`] (pest, and nothing else touches pest types) → [`model`] (typed, serde) →
//! `checks` (lints) → `render` (templates). [`driver`] runs the stages for a file;
//! [`diagnostics`], [`quantity`] and [`date`] serve all stages.

pub mod calc;
pub mod checks;
pub mod cli;
pub mod date;
pub mod diagnostics;
pub mod driver;
pub mod fmt;
pub mod import;
pub mod lsp;
mod memo;
pub mod model;
pub mod quantity;
pub mod render;
pub mod serve;
pub mod syntax;
pub mod synth;
