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
    let paths: Vec<PathBuf> = files_under(dir)
        .into_iter()
        .filter(|path| {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            let is_overrides =
                path.parent() == Some(dir) && path.file_name().is_some_and(|n| n == overrides::FILE_NAME);
            !is_overrides && matches!(ext, "md" | "json")
        })
        .collect();
    // Files are independent: read and parse them on all cores, then collect in sorted order.
    for loaded in crate::par::map(&paths, |path| load_file(path)) {
        match loaded {
            Ok(Loaded::Page(p)) => inputs.pages.push(p),
            Ok(Loaded::OpenApi(o)) => inputs.openapi.push(o),
            Err(d) => inputs.problems.push(d),
        }
    }
    Ok(inputs)
}

/// One parsed input file.
enum Loaded {
    Page(Page),
    OpenApi(OpenApi),
}

/// Reads and parses one `.md` page or `.json` OpenAPI file.
fn load_file(path: &Path) -> Result<Loaded, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostic::new(path, 0, format!("cannot read: {e}")))?;
    if path.extension().is_some_and(|e| e == "md") {
        parse_page(path, &text).map(Loaded::Page)
    } else {
        OpenApi::parse(path, &text).map(Loaded::OpenApi)
    }
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
