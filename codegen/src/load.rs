//! Reading the docs directory: markdown pages, OpenAPI files and the overrides file.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::doc::DocApi;
use crate::front;
use crate::overrides::{self, Overrides};
use crate::parse::{parse_page, Page};

/// Everything read from a docs directory.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// What the front-ends read: pages first (in path order), then OpenAPI files (in path order).
    pub doc: DocApi,
    /// How many REST pages, scripting pages and OpenAPI files were read.
    pub counts: Counts,
    /// The overrides file (defaults when absent).
    pub overrides: Overrides,
    /// Files that could not be used, with the reason.
    pub problems: Vec<Diagnostic>,
}

/// How many files of each kind were read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// REST reference pages.
    pub rest_pages: usize,
    /// Scripting-event pages.
    pub scripting_pages: usize,
    /// OpenAPI files.
    pub openapi_files: usize,
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
    let mut openapi = Vec::new();
    for loaded in crate::par::map(&paths, |path| load_file(path)) {
        match loaded {
            Ok(Loaded::Page(Page::Rest(page))) => {
                inputs.counts.rest_pages += 1;
                match front::markdown::operation(&page) {
                    Ok(op) => inputs.doc.operations.push(op),
                    Err(d) => inputs.problems.push(d),
                }
            }
            Ok(Loaded::Page(Page::Scripting(page))) => {
                inputs.counts.scripting_pages += 1;
                inputs.doc.scripting.push(page);
            }
            Ok(Loaded::OpenApi(doc)) => {
                inputs.counts.openapi_files += 1;
                openapi.push(doc);
            }
            Err(d) => inputs.problems.push(d),
        }
    }
    for doc in openapi {
        inputs.doc.operations.extend(doc.operations);
        inputs.doc.schemas.extend(doc.schemas);
    }
    Ok(inputs)
}

/// One parsed input file.
enum Loaded {
    Page(Page),
    OpenApi(DocApi),
}

/// Reads and parses one `.md` page or `.json` OpenAPI file.
fn load_file(path: &Path) -> Result<Loaded, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostic::new(path, 0, format!("cannot read: {e}")))?;
    if path.extension().is_some_and(|e| e == "md") {
        parse_page(path, &text).map(Loaded::Page)
    } else {
        front::openapi::read(path, &text).map(Loaded::OpenApi)
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
