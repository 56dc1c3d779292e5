//! The emitter's output for the API of `support/mod.rs`, compiled: written into a scratch copy of
//! the SDK crate, `cargo check` (offline, in `target/emit-api-check`) with a resource alone, an
//! agent alone, all and none must pass without a warning; then `fixtures/emit_api/runtime.rs` runs
//! against it (wiremock: agent calls and hooks, binary upload and download, every endpoint's sample).

mod support;

use std::path::Path;
use std::process::Command;

use superoffice_codegen::emit;
use superoffice_codegen::ir::Api;
use support::{api, root};

/// Copies the SDK crate into `dir` (without generated code, benches and dev-dependencies) as a
/// workspace of its own, with `files` as its generated code and the features of `api`.
fn scratch_crate(dir: &Path, api: &Api, files: &emit::Files) {
    let _ = std::fs::remove_dir_all(dir);
    let sdk = root().join("sdk");
    for entry in superoffice_codegen::load::files_under(&sdk.join("src")) {
        let rel = entry.strip_prefix(&sdk).unwrap();
        if rel.starts_with("src/generated") {
            continue;
        }
        let target = dir.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
    emit::output::write(&dir.join("src/generated"), files).unwrap();
    let manifest = std::fs::read_to_string(sdk.join("Cargo.toml")).unwrap();
    let manifest = emit::output::splice_features(&manifest, &emit::output::features_section(api), &sdk).unwrap();
    // Only the library: no dev-dependencies, benches or tests; versions instead of workspace keys.
    let lib_only = manifest.split("\n[dev-dependencies]").next().unwrap().to_string();
    let workspace = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let deps: String = workspace
        .split("[workspace.dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("superoffice"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = lib_only
        .replace("edition.workspace = true", "edition = \"2021\"")
        .replace("license.workspace = true", "license = \"MIT OR Apache-2.0\"");
    for line in deps.lines() {
        if let Some((name, spec)) = line.split_once(" = ") {
            text = text.replace(&format!("{name} = {{ workspace = true }}"), &format!("{name} = {spec}"));
            text = text.replace(&format!("{name} = {{ workspace = true, optional = true }}"), &{
                let spec = spec.trim();
                if let Some(inner) = spec.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    format!("{name} = {{{inner}, optional = true }}")
                } else {
                    format!("{name} = {{ version = {spec}, optional = true }}")
                }
            });
        }
    }
    text.push_str("\n[workspace]\n");
    std::fs::write(dir.join("Cargo.toml"), text).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

#[test]
fn the_generated_crate_compiles_in_every_feature_combination() {
    let api = api();
    let files = emit::render(&api).unwrap();
    let dir = std::env::temp_dir().join(format!("so-emit-api-{}", std::process::id()));
    scratch_crate(&dir, &api, &files);
    let target = root().join("target/emit-api-check");
    for features in ["document", "chat_agent", "document_agent", "chat_topic", "full,testing", "testing", ""] {
        let out = Command::new(env!("CARGO"))
            .args(["check", "--offline", "--quiet", "--lib", "--no-default-features", "--features", features])
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "features `{features}`:\n{stderr}");
        assert!(!stderr.contains("warning"), "features `{features}`:\n{stderr}");
    }
    // And it works: agents, file content and error-only samples through the client and the mocks.
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/emit_api/runtime.rs"),
        dir.join("tests/runtime.rs"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--quiet", "--test", "runtime", "--features", "full,testing"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("test result: ok. 4 passed"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A small deterministic generator (xorshift) for picking files, seeded from the clock unless
/// `SO_SUBSET_SEED` is set; the seed is in every failure message.
fn picker() -> (u64, impl FnMut(usize) -> usize) {
    let seed = std::env::var("SO_SUBSET_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1
    });
    let mut state = seed;
    (seed, move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    })
}

#[test]
fn a_crate_generated_from_a_random_subset_of_the_docs_compiles() {
    let docs = root().join("docs-input");
    let openapi: Vec<_> = superoffice_codegen::load::files_under(&docs.join("openapi"));
    let (seed, mut pick) = picker();
    // The pages (they name the chat resources' carriers), three OpenAPI files chosen at random.
    let mut chosen: Vec<std::path::PathBuf> = superoffice_codegen::load::files_under(&docs.join("rest"))
        .into_iter()
        .chain(superoffice_codegen::load::files_under(&docs.join("scripting")))
        .chain(openapi.iter().filter(|p| p.to_string_lossy().contains("Swagger-v1-Chat")).cloned())
        .collect();
    for _ in 0..3 {
        chosen.push(openapi[pick(openapi.len())].clone());
    }
    chosen.push(docs.join("overrides.json"));
    let subset = std::env::temp_dir().join(format!("so-subset-docs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&subset);
    for file in &chosen {
        let to = subset.join(file.strip_prefix(&docs).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(file, to).unwrap();
    }
    let names: Vec<_> =
        chosen.iter().filter_map(|p| p.file_name()).filter(|n| n.to_string_lossy().ends_with(".json")).collect();
    let context = format!("SO_SUBSET_SEED={seed} ({names:?})");
    let built = superoffice_codegen::build(&subset).unwrap_or_else(|e| panic!("{context}: {e}"));
    let files = emit::render(&built.api).unwrap_or_else(|e| panic!("{context}: {e}"));
    let dir = std::env::temp_dir().join(format!("so-subset-crate-{}", std::process::id()));
    scratch_crate(&dir, &built.api, &files);
    let out = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--lib", "--features", "full,testing"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root().join("target/emit-api-check"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{context}:\n{stderr}");
    assert!(!stderr.contains("warning"), "{context}:\n{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&subset);
}
