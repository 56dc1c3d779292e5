//! Reading the docs: markdown pages, OpenAPI files and the overrides file.
//!
//! A docs directory is read recursively. Pages are recognised by their front matter
//! ([`crate::front::markdown::parse::page_kind`]) and OpenAPI files by their `"swagger"` version, wherever they lie:
//! other markdown (an `index.md`, a guide) and other JSON (`toc.json`, `docfx.json`) are skipped and
//! counted. A checkout of the vendor's documentation repository can be read as it is: when the
//! directory has `docs/en/api/reference/restful/`, only the reference trees are walked
//! ([`checkout_roots`]).

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::doc::DocApi;
use crate::front;
use crate::front::markdown::parse::{parse_api_page, Page};
use crate::overrides::{self, Overrides};

/// Everything read from a docs directory.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// What the front-ends read: pages first (in path order), then OpenAPI files (in path order).
    pub doc: DocApi,
    /// How many files of each kind were read.
    pub counts: Counts,
    /// The overrides file (defaults when absent).
    pub overrides: Overrides,
    /// Files that could not be used, with the reason.
    pub problems: Vec<Diagnostic>,
}

/// How many files of each kind were read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// REST endpoint pages (`/api/v1/<Resource>/...`).
    pub rest_pages: usize,
    /// Agent endpoint pages (`/api/v1/Agents/<Agent>/<Method>`).
    pub agent_pages: usize,
    /// Scripting-event pages.
    pub scripting_pages: usize,
    /// OpenAPI files.
    pub openapi_files: usize,
    /// Operations in the OpenAPI files.
    pub openapi_operations: usize,
    /// Markdown and JSON files that are neither reference pages nor OpenAPI files.
    pub skipped: usize,
}

/// The directories of a vendor documentation checkout that hold reference pages, or `None` when
/// `dir` is not such a checkout: `docs/en/api/reference/restful/` (REST and agent pages), the
/// NetServer scripting reference and any `api-sources/` or `openapi/` directory at the top.
pub fn checkout_roots(dir: &Path) -> Option<Vec<PathBuf>> {
    let restful = dir.join("docs/en/api/reference/restful");
    if !restful.is_dir() {
        return None;
    }
    let mut roots = vec![restful];
    for extra in ["docs/en/automation/netserver-scripting/reference", "api-sources", "openapi"] {
        let p = dir.join(extra);
        if p.is_dir() {
            roots.push(p);
        }
    }
    Some(roots)
}

/// The `.md` and `.json` files to read under `dir` (sorted), without the overrides file.
pub fn input_files(dir: &Path) -> Vec<PathBuf> {
    let roots = checkout_roots(dir).unwrap_or_else(|| vec![dir.to_path_buf()]);
    let mut paths: Vec<PathBuf> = roots
        .iter()
        .flat_map(|r| files_under(r))
        .filter(|path| {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            let is_overrides =
                path.parent() == Some(dir) && path.file_name().is_some_and(|n| n == overrides::FILE_NAME);
            !is_overrides && matches!(ext, "md" | "json")
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Reads every reference page and OpenAPI file under `dir` (recursively, in sorted order).
pub fn load(dir: &Path) -> Result<Inputs, Diagnostic> {
    if !dir.is_dir() {
        return Err(Diagnostic::new(dir, 0, "docs directory not found"));
    }
    let mut inputs = Inputs { overrides: Overrides::load(dir)?, ..Inputs::default() };
    let paths = input_files(dir);
    // Files are independent: read and parse them on all cores, then collect in sorted order.
    let mut openapi = Vec::new();
    for loaded in crate::par::map(&paths, |path| load_file(path)) {
        match loaded {
            Ok(Loaded::Page(Page::Rest(page))) => {
                if page.path.contains("/Agents/") {
                    inputs.counts.agent_pages += 1;
                } else {
                    inputs.counts.rest_pages += 1;
                }
                match front::markdown::operation(&page) {
                    Ok(op) => inputs.doc.operations.push(op),
                    Err(d) => inputs.problems.push(d),
                }
            }
            Ok(Loaded::Page(Page::Scripting(page))) => {
                inputs.counts.scripting_pages += 1;
                inputs.doc.scripting.push(front::markdown::scripting(&page));
            }
            Ok(Loaded::OpenApi(doc)) => {
                inputs.counts.openapi_files += 1;
                inputs.counts.openapi_operations += doc.operations.len();
                openapi.push(doc);
            }
            Ok(Loaded::Other) => inputs.counts.skipped += 1,
            Err(d) => inputs.problems.push(d),
        }
    }
    for doc in openapi {
        inputs.doc.operations.extend(doc.operations);
        inputs.doc.schemas.extend(doc.schemas);
    }
    Ok(inputs)
}

/// One input file, by what it turned out to be.
pub enum Loaded {
    /// A reference page.
    Page(Page),
    /// An OpenAPI file.
    OpenApi(DocApi),
    /// Neither (skipped).
    Other,
}

/// Whether JSON text is an OpenAPI 2.0 document (has a top-level `"swagger"` key, read without
/// parsing the whole file).
pub fn is_openapi(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect();
    head.contains("\"swagger\"")
}

/// Reads and parses one `.md` page or `.json` OpenAPI file.
pub fn load_file(path: &Path) -> Result<Loaded, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostic::new(path, 0, format!("cannot read: {e}")))?;
    if path.extension().is_some_and(|e| e == "md") {
        Ok(parse_api_page(path, &text)?.map_or(Loaded::Other, Loaded::Page))
    } else if is_openapi(&text) {
        front::openapi::read(path, &text).map(Loaded::OpenApi)
    } else {
        Ok(Loaded::Other)
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
