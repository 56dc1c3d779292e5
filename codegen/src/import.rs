//! Copying reference pages and OpenAPI files from a checkout of the vendor's documentation into a
//! docs directory laid out as `docs-input/` is.
//!
//! Files are recognised by what they are, not where they lie ([`crate::load::load_file`]); each
//! goes where `docs-input/` keeps its kind:
//!
//! - REST pages: `rest/<Resource>/<file>` (`rest/<Resource>/history/<file>` for a page under a
//!   `history` directory);
//! - agent pages: `agent/<Agent>_Agent/<file>` (the vendor's directory names);
//! - scripting pages: `scripting/<directory>/<file>`, the directory the page is in;
//! - OpenAPI files: `openapi/<file>`.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::front::markdown::parse::Page;
use crate::front::markdown::HISTORY_DIR;
use crate::load::{input_files, load_file, Loaded};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Files written that did not exist.
    pub added: Vec<PathBuf>,
    /// Files rewritten with new content.
    pub changed: Vec<PathBuf>,
    /// Files already identical.
    pub unchanged: usize,
    /// Recognised files left out because `only_existing` was set and they are not in the target.
    pub not_tracked: usize,
    /// Markdown and JSON files that are neither reference pages nor OpenAPI files.
    pub skipped: usize,
    /// Files that could not be read or placed.
    pub problems: Vec<Diagnostic>,
}

/// Where a file goes below the target directory, or `None` for other files.
fn destination(path: &Path, loaded: &Loaded) -> Option<PathBuf> {
    let file = path.file_name()?;
    let history = path.components().any(|c| c.as_os_str() == HISTORY_DIR);
    let dir = match loaded {
        Loaded::Page(Page::Rest(page)) => {
            let mut parts = page.path.trim_start_matches('/').split('/').skip(2);
            let dir = match (parts.next(), parts.next()) {
                (Some("Agents"), Some(agent)) => PathBuf::from("agent").join(format!("{agent}_Agent")),
                (Some(resource), _) if !resource.is_empty() => PathBuf::from("rest").join(resource),
                _ => return None,
            };
            if history {
                dir.join(HISTORY_DIR)
            } else {
                dir
            }
        }
        Loaded::Page(Page::Scripting(_)) => {
            PathBuf::from("scripting").join(path.parent().and_then(Path::file_name).unwrap_or_default())
        }
        Loaded::OpenApi(_) => PathBuf::from("openapi"),
        Loaded::Other => return None,
    };
    Some(dir.join(file))
}

/// Copies every reference page and OpenAPI file found under the `from` directories into `to`.
/// With `only_existing`, only files `to` already has are updated (refreshing a curated subset).
pub fn import(from: &[PathBuf], to: &Path, only_existing: bool) -> Imported {
    let mut done = Imported::default();
    for root in from {
        for path in input_files(root) {
            let loaded = match load_file(&path) {
                Ok(l) => l,
                Err(d) => {
                    done.problems.push(d);
                    continue;
                }
            };
            let Some(rel) = destination(&path, &loaded) else {
                if matches!(loaded, Loaded::Other) {
                    done.skipped += 1;
                } else {
                    done.problems.push(Diagnostic::new(&path, 0, "cannot tell where this page belongs"));
                }
                continue;
            };
            let target = to.join(&rel);
            let existing = std::fs::read(&target).ok();
            if only_existing && existing.is_none() {
                done.not_tracked += 1;
                continue;
            }
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    done.problems.push(Diagnostic::new(&path, 0, format!("cannot read: {e}")));
                    continue;
                }
            };
            if existing.as_ref() == Some(&bytes) {
                done.unchanged += 1;
                continue;
            }
            let written =
                target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&target, &bytes));
            match written {
                Err(e) => done.problems.push(Diagnostic::new(&target, 0, format!("cannot write: {e}"))),
                Ok(()) if existing.is_some() => done.changed.push(rel),
                Ok(()) => done.added.push(rel),
            }
        }
    }
    done
}
