//! Reading the docs directory: markdown pages, OpenAPI files and the overrides file.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::openapi::OpenApi;
use crate::overrides::{self, Overrides};
use crate::parse::{parse_page, Page};

/// Everything read from a docs directory.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Pages that parsed.
    pub pages: Vec<Page>,
    /// OpenAPI documents.
    pub openapi: Vec<OpenApi>,
    /// The overrides file (defaults when absent).
    pub overrides: Overrides,
    /// Files that could not be used, with the reason.
    pub problems: Vec<Diagnostic>,
}

/// Reads every `.md` page and `.json` OpenAPI file under `dir` (recursively, in sorted order).
pub fn load(dir: &Path) -> Result<Inputs, Diagnostic> {
    if !dir.is_dir() {
        return Err(Diagnostic::new(dir, 0, "docs directory not found"));
    }
    let mut inputs = Inputs { overrides: Overrides::load(dir)?, ..Inputs::default() };
    for path in files_under(dir) {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let is_overrides = path.parent() == Some(dir) && path.file_name().is_some_and(|n| n == overrides::FILE_NAME);
        if is_overrides || !matches!(ext, "md" | "json") {
            continue;
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                inputs.problems.push(Diagnostic::new(&path, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        let parsed = if ext == "md" {
            parse_page(&path, &text).map(|p| inputs.pages.push(p))
        } else {
            OpenApi::parse(&path, &text).map(|o| inputs.openapi.push(o))
        };
        if let Err(d) = parsed {
            inputs.problems.push(d);
        }
    }
    Ok(inputs)
}

/// All files below `dir`, sorted, so generation does not depend on directory order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
