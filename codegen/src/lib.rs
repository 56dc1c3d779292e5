//! Generates the SuperOffice WebAPI SDK from the vendor's markdown documentation.
//!
//! The pipeline is visible in the modules:
//!
//! ```text
//! docs-input/**/*.md ──parse──> Page ─┐
//! docs-input/**/*.json (OpenAPI) ─────┼─lower──> ir::Api ──emit──> sdk/src/generated/**.rs
//! docs-input/overrides.json ──────────┘
//! ```
#![warn(missing_docs)]

pub mod diag;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod openapi;
pub mod overrides;
pub mod parse;

use std::path::Path;

use diag::Diagnostics;

/// Reads and lowers a docs directory. Fails with every problem found if any page cannot be used.
pub fn build_api(docs_dir: &Path) -> Result<ir::Api, Diagnostics> {
    let inputs = load::load(docs_dir)?;
    let lowered = lower::lower(&inputs.pages, &inputs.openapi, &inputs.overrides);
    let mut problems = inputs.problems;
    problems.extend(lowered.problems);
    if problems.is_empty() {
        Ok(lowered.api)
    } else {
        Err(Diagnostics(problems))
    }
}

/// Generates the SDK sources (formatted) for a docs directory. `near` is a path inside the
/// workspace whose `rustfmt.toml` applies.
pub fn generate(docs_dir: &Path, near: &Path) -> Result<emit::Files, GenerateError> {
    let api = build_api(docs_dir)?;
    emit::output::format_files(emit::render(&api), near).map_err(GenerateError::Format)
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// Some inputs could not be used.
    #[error("{0}")]
    Docs(#[from] Diagnostics),
    /// rustfmt could not format the output.
    #[error("{0}")]
    Format(String),
}
