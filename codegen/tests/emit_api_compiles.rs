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
        .replace("rust-version.workspace = true", "rust-version = \"1.87\"")
        .replace("license.workspace = true", "license = \"MIT OR Apache-2.0\"")
        .replace("repository.workspace = true\n", "")
        // The scratch crate's tests are found by cargo (tests/runtime.rs), not declared.
        .replace("autotests = false\n", "")
        .replace(
            "[[test]]\nname = \"it\"\npath = \"tests/it/main.rs\"\nrequired-features = [\"full\", \"testing\"]\n",
            "",
        );
    for line in deps.lines() {
        let Some((name, spec)) = line.split_once(" = ") else { continue };
        let spec = spec.trim();
        // The workspace's spec as the inside of an inline table: `"1"` -> `version = "1"`.
        let inner = match spec.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(inner) => inner.trim().to_string(),
            None => format!("version = {spec}"),
        };
        // `name = { workspace = true<, more keys> }` -> `name = { <workspace spec><, more keys> }`.
        let key = format!("{name} = {{ workspace = true");
        while let Some(at) = text.find(&key) {
            let rest_start = at + key.len();
            let Some(close) = text[rest_start..].find('}') else { break };
            let more = text[rest_start..rest_start + close].to_string();
            text.replace_range(at..rest_start + close + 1, &format!("{name} = {{ {inner}{more}}}"));
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
    // The vendor's files are not each self-contained (`Selection.json` names a type only
    // `SelectionAgent.json` defines): a subset that names a missing type is refused with file:line,
    // so draw again (bounded) until one lowers, and compile that one.
    let mut attempts = Vec::new();
    let (built, files, subset, context) = loop {
        // The chat resources' pages (their OpenAPI files are always in); the other pages (PATCH
        // pages of other resources, agent pages) name types only their own OpenAPI file defines.
        let chat_pages = |p: &std::path::PathBuf| p.to_string_lossy().contains("/Chat");
        let mut chosen: Vec<std::path::PathBuf> = superoffice_codegen::load::files_under(&docs.join("rest"))
            .into_iter()
            .filter(chat_pages)
            .chain(superoffice_codegen::load::files_under(&docs.join("scripting")))
            .chain(openapi.iter().filter(|p| p.to_string_lossy().contains("Swagger-v1-Chat")).cloned())
            .collect();
        for _ in 0..3 {
            chosen.push(openapi[pick(openapi.len())].clone());
        }
        chosen.push(docs.join("overrides.json"));
        let subset = std::env::temp_dir().join(format!("so-subset-docs-{}-{}", std::process::id(), attempts.len()));
        let _ = std::fs::remove_dir_all(&subset);
        for file in &chosen {
            let to = subset.join(file.strip_prefix(&docs).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(file, to).unwrap();
        }
        let names: Vec<String> = chosen
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| n.starts_with("Swagger"))
            .collect();
        let context = format!("SO_SUBSET_SEED={seed}, draw {} ({names:?})", attempts.len() + 1);
        match superoffice_codegen::build(&subset) {
            Ok(built) => {
                let files = emit::render(&built.api).unwrap_or_else(|e| panic!("{context}: {e}"));
                break (built, files, subset, context);
            }
            Err(e) => {
                // Only types a left-out file defines may be missing.
                assert!(e.0.iter().all(|d| d.message.starts_with("unknown type")), "{context}: {e}");
                let _ = std::fs::remove_dir_all(&subset);
                attempts.push(context);
                assert!(attempts.len() < 20, "no subset lowered: {attempts:?}");
            }
        }
    };
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
