//! Stage 4, render: everything official, generated from the model through templates.
//!
//! Templates (`templates/`, overridable with `--templates DIR`) see only serde data: the
//! model, or view structs derived from it here. Outputs are deterministic: the same policy
//! gives byte-identical files.

pub mod docx;
pub mod filters;
pub mod notice;
pub mod templates;

pub use templates::Templates;
