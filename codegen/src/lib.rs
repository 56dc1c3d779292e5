//! Generates the SuperOffice WebAPI SDK from the vendor's markdown documentation.
//!
//! The pipeline is visible in the modules:
//!
//! ```text
//! docs-input/**/*.md ──front::markdown (parse, then Page -> doc)─┐
//! docs-input/**/*.json (OpenAPI) ──front::openapi─────────────────┼─> doc::DocApi ─lower─> ir::Api ─emit─> sdk/src/generated/**.rs
//! docs-input/overrides.json ─────────────────────────────────────┘
//! ```
//!
//! [`analyse`] is the one pipeline `generate`, `check`, `stats` and `diff` share; [`diff`] compares
//! the APIs of two doc sets and classifies the changes for semver; [`import`] copies pages and
//! OpenAPI files from a checkout of the vendor's documentation.
#![warn(missing_docs)]

pub mod diag;
pub mod diff;
pub mod doc;
pub mod emit;
pub mod front;
pub mod import;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod overrides;
pub mod par;
/// The markdown pages' parser, part of the markdown front-end ([`front::markdown::parse`]); kept
/// at the crate root for existing users (`superoffice_codegen::parse::parse_page`).
pub use front::markdown::parse;

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

/// What the pipeline made of a docs directory, usable or not: the one analysis `generate`,
/// `check`, `stats` and `diff` share, so they give the same verdict on the same docs.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// How many files of each kind were read.
    pub counts: load::Counts,
    /// The API as far as it could be lowered.
    pub api: ir::Api,
    /// Inputs used with a fallback or left out without failing.
    pub warnings: Vec<Diagnostic>,
    /// Inputs that cannot be used: generation fails while this is non-empty.
    pub problems: Vec<Diagnostic>,
}

impl Analysis {
    /// Whether the docs generate an SDK.
    pub fn is_usable(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads and lowers a docs directory, collecting every problem instead of stopping at one.
/// Fails only when the directory (or its overrides file) cannot be read at all.
pub fn analyse(docs_dir: &Path) -> Result<Analysis, Diagnostic> {
    let inputs = load::load(docs_dir)?;
    let lowered = lower::lower(&inputs.doc, &inputs.overrides);
    let mut problems = inputs.problems;
    problems.extend(lowered.problems);
    Ok(Analysis { counts: inputs.counts, api: lowered.api, warnings: lowered.warnings, problems })
}

/// Reads and lowers a docs directory. Fails with every problem found if any page cannot be used.
pub fn build(docs_dir: &Path) -> Result<Built, Diagnostics> {
    let analysis = analyse(docs_dir)?;
    if analysis.is_usable() {
        Ok(Built { api: analysis.api, warnings: analysis.warnings })
    } else {
        Err(Diagnostics(analysis.problems))
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
