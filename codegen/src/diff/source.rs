//! Where the old side of a comparison comes from: a docs directory, or the docs directory as it was
//! at a git revision (extracted with `git archive` into a temporary directory).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::Diagnostic;

/// A docs directory to compare; a temporary one is deleted when this is dropped.
#[derive(Debug)]
pub struct DocsSource {
    /// The directory to read.
    pub dir: PathBuf,
    /// How the report names it (the directory, or `docs-input@<revision>`).
    pub label: String,
    temp: Option<PathBuf>,
}

impl DocsSource {
    /// `spec` is a directory when one exists at that path, else a git revision of the repository
    /// holding `docs_dir`, read at the same place in the tree.
    pub fn resolve(spec: &str, docs_dir: &Path) -> Result<Self, Diagnostic> {
        let path = Path::new(spec);
        if path.is_dir() {
            return Ok(DocsSource { dir: path.to_path_buf(), label: spec.to_string(), temp: None });
        }
        Self::at_revision(spec, docs_dir)
    }

    /// `docs_dir` as it was at git revision `rev`.
    pub fn at_revision(rev: &str, docs_dir: &Path) -> Result<Self, Diagnostic> {
        let fail = |msg: String| Diagnostic::new(docs_dir, 0, msg);
        if rev.starts_with('-') {
            return Err(fail(format!("`{rev}` is neither a directory nor a git revision")));
        }
        let git = |args: &[&str]| -> Result<Vec<u8>, Diagnostic> {
            let out = Command::new("git")
                .arg("-C")
                .arg(docs_dir)
                .args(args)
                .stderr(Stdio::piped())
                .output()
                .map_err(|e| fail(format!("cannot run git: {e}")))?;
            if out.status.success() {
                Ok(out.stdout)
            } else {
                Err(fail(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim())))
            }
        };
        let top = String::from_utf8_lossy(&git(&["rev-parse", "--show-toplevel"])?).trim().to_string();
        let prefix = String::from_utf8_lossy(&git(&["rev-parse", "--show-prefix"])?).trim().to_string();
        let prefix = prefix.trim_end_matches('/').to_string();
        if prefix.is_empty() {
            return Err(fail("the docs directory is the repository's root; give a directory to compare".into()));
        }
        let tar = Command::new("git")
            .arg("-C")
            .arg(&top)
            .args(["archive", "--format=tar", rev, "--", &prefix])
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| fail(format!("cannot run git: {e}")))?;
        if !tar.status.success() {
            let msg = String::from_utf8_lossy(&tar.stderr);
            return Err(fail(format!(
                "`{rev}` is neither a directory nor a git revision with {prefix}/: {}",
                msg.trim()
            )));
        }
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let temp = std::env::temp_dir().join(format!(
            "superoffice-codegen-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&temp).map_err(|e| fail(format!("cannot create {}: {e}", temp.display())))?;
        let source = DocsSource { dir: temp.join(&prefix), label: format!("{prefix}@{rev}"), temp: Some(temp.clone()) };
        let mut child = Command::new("tar")
            .arg("-x")
            .arg("-C")
            .arg(&temp)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| fail(format!("cannot run tar: {e}")))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(&tar.stdout).map_err(|e| fail(format!("cannot extract {rev}: {e}")))?;
        }
        let status = child.wait().map_err(|e| fail(format!("cannot extract {rev}: {e}")))?;
        if !status.success() || !source.dir.is_dir() {
            return Err(fail(format!("cannot extract {prefix}/ at {rev}")));
        }
        Ok(source)
    }
}

impl Drop for DocsSource {
    fn drop(&mut self) {
        if let Some(t) = &self.temp {
            let _ = std::fs::remove_dir_all(t);
        }
    }
}
