//! Formatting generated sources with rustfmt, writing them, and comparing them with what is checked in.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::emit::Files;

/// Formats every file with one rustfmt run (using the workspace's `rustfmt.toml`, found by walking
/// up from `near`), so generated code is byte-identical to what `cargo fmt` would leave.
pub fn format_files(files: Files, near: &Path) -> Result<Files, String> {
    let dir = scratch_dir()?;
    let result = format_in(&dir, files, near);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn format_in(dir: &Path, files: Files, near: &Path) -> Result<Files, String> {
    let mut paths = Vec::with_capacity(files.len());
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        paths.push(path);
    }
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut cmd = Command::new(&rustfmt);
    cmd.arg("--edition").arg("2021");
    if let Some(config) = find_upwards(near, "rustfmt.toml") {
        cmd.arg("--config-path").arg(config);
    }
    let out = cmd
        .args(&paths)
        .output()
        .map_err(|e| format!("cannot run rustfmt ({e}); install it with `rustup component add rustfmt`"))?;
    if !out.status.success() {
        return Err(format!("rustfmt failed on the generated code:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    let mut formatted = Files::new();
    for rel in files.keys() {
        let path = dir.join(rel);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        formatted.insert(rel.clone(), text);
    }
    Ok(formatted)
}

fn scratch_dir() -> Result<PathBuf, String> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("superoffice-codegen-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

fn find_upwards(start: &Path, name: &str) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok().or_else(|| std::env::current_dir().ok())?;
    start.ancestors().map(|d| d.join(name)).find(|p| p.is_file())
}

/// Differences between `files` and the `.rs` files under `out_dir`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Drift {
    /// Files whose content differs.
    pub changed: Vec<PathBuf>,
    /// Files generation would create.
    pub missing: Vec<PathBuf>,
    /// Checked-in `.rs` files generation would delete.
    pub stale: Vec<PathBuf>,
}

impl Drift {
    /// Whether the checked-in code is what generation produces.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.stale.is_empty()
    }
}

/// Compares generated files with the checked-in directory.
pub fn drift(out_dir: &Path, files: &Files) -> Drift {
    let mut d = Drift::default();
    for (rel, text) in files {
        match std::fs::read_to_string(out_dir.join(rel)) {
            Ok(existing) if existing == *text => {}
            Ok(_) => d.changed.push(rel.clone()),
            Err(_) => d.missing.push(rel.clone()),
        }
    }
    for rel in existing_rs_files(out_dir) {
        if !files.contains_key(&rel) {
            d.stale.push(rel);
        }
    }
    d
}

/// Writes `files` into `out_dir`, touching only files whose content changes, and deletes stale `.rs`
/// files. Returns the drift that was fixed.
pub fn write(out_dir: &Path, files: &Files) -> Result<Drift, String> {
    let d = drift(out_dir, files);
    for rel in d.changed.iter().chain(&d.missing) {
        let path = out_dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let text = files.get(rel).ok_or_else(|| format!("internal: {} vanished", rel.display()))?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    for rel in &d.stale {
        let path = out_dir.join(rel);
        std::fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(d)
}

/// The `.rs` files under `dir`, relative to it, sorted.
fn existing_rs_files(dir: &Path) -> Vec<PathBuf> {
    crate::load::files_under(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}
