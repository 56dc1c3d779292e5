//! Generates the SuperOffice WebAPI SDK from the vendor's markdown documentation.
//!
//! The pipeline is visible in the modules:
//!
//! ```text
//! docs-input/**/*.md ──parse──> Page ──front::markdown─┐
//! docs-input/**/*.json (OpenAPI) ──────front::openapi──┼─> doc::DocApi ─lower─> ir::Api ─emit─> sdk/src/generated/**.rs
//! docs-input/overrides.json ───────────────────────────┘
//! ```
#![warn(missing_docs)]

pub mod diag;
pub mod doc;
pub mod emit;
pub mod front;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod overrides;
pub mod par;
pub mod parse;

use std::path::Path;

use diag::{Diagnostic, Diagnostics};

/// An API read from a docs directory, with what was left out of it.
#[derive(Debug, Clone)]
pub struct Built {
    /// The API.
    pub api: ir::Api,
    /// Inputs left out without failing (see [`lower::Lowered::warnings`]).
    pub warnings: Vec<Diagnostic>,
}

/// Reads and lowers a docs directory. Fails with every problem found if any page cannot be used.
pub fn build(docs_dir: &Path) -> Result<Built, Diagnostics> {
    let inputs = load::load(docs_dir)?;
    let lowered = lower::lower(&inputs.doc, &inputs.overrides);
    let mut problems = inputs.problems;
    problems.extend(lowered.problems);
    if problems.is_empty() {
        Ok(Built { api: lowered.api, warnings: lowered.warnings })
    } else {
        Err(Diagnostics(problems))
    }
}

/// [`build`] without the warnings.
pub fn build_api(docs_dir: &Path) -> Result<ir::Api, Diagnostics> {
    build(docs_dir).map(|b| b.api)
}

/// Generates the SDK sources for a docs directory.
pub fn generate(docs_dir: &Path) -> Result<emit::Files, GenerateError> {
    generate_with_warnings(docs_dir).map(|(files, _)| files)
}

/// [`generate`], also returning the warnings of [`build`].
pub fn generate_with_warnings(docs_dir: &Path) -> Result<(emit::Files, Vec<Diagnostic>), GenerateError> {
    let built = build(docs_dir)?;
    let files = emit::render(&built.api).map_err(GenerateError::Emit)?;
    Ok((files, built.warnings))
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// Some inputs could not be used.
    #[error("{0}")]
    Docs(#[from] Diagnostics),
    /// The emitter produced tokens that do not parse (a bug in the generator; nothing is written).
    #[error("{0}")]
    Emit(String),
}
