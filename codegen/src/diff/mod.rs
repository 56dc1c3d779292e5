//! The change report: what two doc sets change in the generated Rust API, and how to version it.
//!
//! Both doc sets are lowered to the IR ([`crate::analyse`]); [`compare()`] lists the differences of
//! the generated API (endpoints, their arguments and types, models, enums and flag sets, hooks,
//! cargo features), [`classify()`] says what each one means for a user of the crate (breaking, an
//! addition, or invisible in signatures) and which version comes next, and [`render`] writes the
//! report as markdown (for a changelog or a pull request) or JSON (for tools).
//!
//! Documentation text and samples are not compared: they change no signature.

pub mod classify;
pub mod compare;
pub mod render;
pub mod source;

pub use classify::{classify, next_version, Impact, Report, Version};
pub use compare::{compare, Area, Change, Kind};
pub use source::DocsSource;

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};

/// Compares two docs directories: both must generate (else every problem of the unusable side),
/// then [`compare()`] and [`classify()`]. `current` is the crate's version, for the next one.
pub fn docs(
    (from_label, from): (&str, &Path),
    (to_label, to): (&str, &Path),
    current: Option<Version>,
) -> Result<Report, Diagnostics> {
    let usable = |dir: &Path| -> Result<crate::ir::Api, Diagnostics> {
        let a = crate::analyse(dir)?;
        if a.is_usable() {
            Ok(a.api)
        } else {
            Err(Diagnostics(a.problems))
        }
    };
    let old = usable(from)?;
    let new = usable(to)?;
    Ok(classify(from_label, to_label, compare(&old, &new), current))
}

/// The version in a `Cargo.toml`, or a diagnostic naming it.
pub fn manifest_version(manifest: &Path) -> Result<Version, Diagnostic> {
    let text =
        std::fs::read_to_string(manifest).map_err(|e| Diagnostic::new(manifest, 0, format!("cannot read: {e}")))?;
    Version::from_manifest(&text)
        .ok_or_else(|| Diagnostic::new(manifest, 0, "no `version = \"x.y.z\"` in its [package] section"))
}
