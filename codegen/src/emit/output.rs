//! Writing generated sources, comparing them with what is checked in, and the SDK manifest's
//! generated cargo features.

use std::path::{Path, PathBuf};

use crate::emit::Files;

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

/// The line before the generated cargo features in the SDK's `Cargo.toml`.
pub const FEATURES_BEGIN: &str =
    "# BEGIN generated features: written by `superoffice-codegen generate`, do not edit by hand";
/// The line after the generated cargo features in the SDK's `Cargo.toml`.
pub const FEATURES_END: &str = "# END generated features";

/// The cargo features of `api` as `Cargo.toml` lines (without the markers): `full`, then one per
/// resource ([`Resource::feature`](crate::ir::Resource::feature)), each documented with a `##`
/// comment.
pub fn features_section(api: &crate::ir::Api) -> String {
    let mut resources: Vec<&crate::ir::Resource> = api.resources.values().collect();
    resources.sort_by(|a, b| a.feature.cmp(&b.feature));
    let all = resources.iter().map(|r| format!("\"{}\"", r.feature)).collect::<Vec<_>>().join(", ");
    let mut out = String::new();
    out.push_str("## Every REST resource and agent service.\n");
    out.push_str(&format!("full = [{all}]\n"));
    for r in resources {
        let what = match r.kind {
            crate::ir::ResourceKind::Rest => format!("REST resource `/api/v1/{}`: `client.{}()`", r.name, r.module),
            crate::ir::ResourceKind::Agent => {
                format!("agent service `/api/v1/Agents/{}`: `client.agents().{}()`", r.name, r.module)
            }
        };
        let n = r.endpoints.len();
        let s = if n == 1 { "" } else { "s" };
        out.push_str(&format!("## The {what} ({n} endpoint{s}).\n{} = []\n", r.feature));
    }
    out
}

/// `manifest` (the text of a `Cargo.toml`) with the lines between [`FEATURES_BEGIN`] and
/// [`FEATURES_END`] replaced by `section`. Fails, naming `path`, when the markers are missing or
/// out of order.
pub fn splice_features(manifest: &str, section: &str, path: &Path) -> Result<String, String> {
    let missing = || {
        format!(
            "{}: the [features] section needs the lines `{FEATURES_BEGIN}` and `{FEATURES_END}` (in that order) \
             around the generated features",
            path.display()
        )
    };
    let begin = manifest.find(FEATURES_BEGIN).ok_or_else(missing)?;
    let after_begin = manifest.get(begin..).and_then(|s| s.find('\n')).map(|i| begin + i + 1).ok_or_else(missing)?;
    let end = manifest.get(after_begin..).and_then(|s| s.find(FEATURES_END)).map(|i| after_begin + i);
    let end = end.ok_or_else(missing)?;
    let (head, tail) = (manifest.get(..after_begin).unwrap_or_default(), manifest.get(end..).unwrap_or_default());
    Ok(format!("{head}{section}{tail}"))
}

/// Reads the manifest at `path` and returns it with the features of `api` spliced in, along with
/// whether that differs from what is on disk.
pub fn manifest_with_features(path: &Path, api: &crate::ir::Api) -> Result<(String, bool), String> {
    let current = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let updated = splice_features(&current, &features_section(api), path)?;
    let changed = updated != current;
    Ok((updated, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_spliced_between_the_markers_only() {
        let manifest =
            format!("[features]\ntesting = []\n{FEATURES_BEGIN}\nold = []\n{FEATURES_END}\n\n[dependencies]\n");
        let out = splice_features(&manifest, "full = []\n", Path::new("x/Cargo.toml")).unwrap();
        assert_eq!(
            out,
            format!("[features]\ntesting = []\n{FEATURES_BEGIN}\nfull = []\n{FEATURES_END}\n\n[dependencies]\n")
        );
        let err = splice_features("[features]\n", "full = []\n", Path::new("x/Cargo.toml")).unwrap_err();
        assert!(err.starts_with("x/Cargo.toml: "), "{err}");
    }

    #[test]
    fn every_resource_has_a_feature_and_full_has_them_all() {
        let api = crate::emit::chat_api();
        let section = features_section(&api);
        assert!(section.contains("\nfull = [\"chat_session\", \"chat_topic\"]\n"), "{section}");
        assert!(section.contains("\nchat_session = []\n") && section.contains("\nchat_topic = []\n"), "{section}");
    }
}
