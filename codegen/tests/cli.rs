//! The `superoffice-codegen` binary: `check` passes on the repository and fails (naming the files)
//! on drift; `stats` describes docs-input; `generate` fails on unusable pages with file:line.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_superoffice-codegen"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("so-codegen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn check_passes_on_the_checked_in_code() {
    let out = bin().arg("check").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
}

#[test]
fn check_names_changed_missing_and_stale_files() {
    let out_dir = scratch("drift");
    copy_dir(&root().join("sdk/src/generated"), &out_dir);
    std::fs::write(out_dir.join("models/associate.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(out_dir.join("models/chat_message.rs")).unwrap();
    std::fs::write(out_dir.join("models/leftover.rs"), "\n").unwrap();
    let manifest = out_dir.join("Cargo.toml");
    std::fs::copy(root().join("sdk/Cargo.toml"), &manifest).unwrap();
    let check = || bin().arg("check").arg("--out").arg(&out_dir).arg("--manifest").arg(&manifest).output().unwrap();
    let out = check();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("differs: ") && stderr.contains("associate.rs"), "{stderr}");
    assert!(stderr.contains("missing: ") && stderr.contains("chat_message.rs"), "{stderr}");
    assert!(stderr.contains("stale: ") && stderr.contains("leftover.rs"), "{stderr}");

    let gen = bin().arg("generate").arg("--out").arg(&out_dir).arg("--manifest").arg(&manifest).output().unwrap();
    assert!(gen.status.success(), "{}", String::from_utf8_lossy(&gen.stderr));
    let again = check();
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn check_names_the_manifest_when_the_features_differ_and_generate_rewrites_them() {
    let dir = scratch("features");
    let manifest = dir.join("Cargo.toml");
    let original = std::fs::read_to_string(root().join("sdk/Cargo.toml")).unwrap();
    std::fs::write(&manifest, original.replace("chat_topic = []\n", "chat_topic = []\nstale_feature = []\n")).unwrap();
    let out_dir = root().join("sdk/src/generated");
    let args = |cmd: &str| bin().arg(cmd).arg("--out").arg(&out_dir).arg("--manifest").arg(&manifest).output().unwrap();
    let out = args("check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("differs: {} (the generated [features])", manifest.display())), "{stderr}");

    let gen = args("generate");
    assert!(gen.status.success(), "{}", String::from_utf8_lossy(&gen.stderr));
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), original, "only the generated lines change");
    assert!(args("check").status.success());

    std::fs::write(&manifest, "[package]\nname = \"x\"\n").unwrap();
    let out = args("check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("{}: the [features] section needs", manifest.display())), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stats_describes_docs_input() {
    let out = bin().arg("stats").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("resources:  111 (54 REST, 57 agent services)"), "{stdout}");
    // 3,317 OpenAPI operations plus the 15 PATCH pages the OpenAPI files do not have, less the seven
    // second routes of one operation (`v1ContactEntity_SaveImage_POST`...), folded into the first.
    assert!(stdout.contains("endpoints:  3325 (22 with file content)"), "{stdout}");
    assert!(stdout.contains("unusable:   0"), "{stdout}");
}

#[test]
fn unusable_pages_are_reported_with_file_and_line_and_fail_generation() {
    let docs = scratch("bad");
    std::fs::write(docs.join("no_http.md"), "---\ntitle: T\nid: v1X_Y\n---\n\n# T\n\nNo http block here.\n").unwrap();
    std::fs::write(
        docs.join("bad_type.md"),
        "---\nid: v1Thing_Get\n---\n\n# GET Thing\n\n```http\nGET /api/v1/Thing/{id}\n```\n\n| Path Part | Type | Description |\n|---|---|---|\n| id | int32 | x |\n\n## Response:\n\n| Response | Description |\n|---|---|\n| 200 | OK |\n\n### Response body: Thing\n\n| Property Name | Type | Description |\n|---|---|---|\n| A | NoSuchType | x |\n",
    )
    .unwrap();
    let out = bin().arg("stats").arg("--docs").arg(&docs).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "stats is a report and succeeds: {stdout}");
    assert!(stdout.contains("unusable:   2"), "{stdout}");
    assert!(stdout.contains("no_http.md:"), "{stdout}");
    assert!(stdout.contains("bad_type.md:25: unknown type `NoSuchType`"), "{stdout}");

    let out_dir = scratch("bad-out");
    let gen = bin().arg("generate").arg("--docs").arg(&docs).arg("--out").arg(&out_dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&gen.stderr);
    assert_eq!(gen.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no_http.md") && stderr.contains("bad_type.md:25"), "{stderr}");
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 0, "nothing may be written");
    let _ = std::fs::remove_dir_all(&docs);
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn check_lists_the_renamed_methods_when_the_method_snapshot_is_stale() {
    let dir = scratch("methods");
    let methods = dir.join("METHODS.txt");
    let checked_in = std::fs::read_to_string(root().join("sdk/METHODS.txt")).unwrap();
    assert!(checked_in.contains("\ncontact.get v1ContactEntity_GetContactEntity\n"), "{checked_in}");
    assert!(checked_in.contains("\nagents.contact.get_contact_entity v1ContactAgent_GetContactEntity\n"));
    std::fs::write(&methods, checked_in.replace("contact.get_summary ", "contact.summary ")).unwrap();
    let out = root().join("sdk/src/generated");
    let args = |cmd: &str| bin().arg(cmd).arg("--out").arg(&out).arg("--methods").arg(&methods).output().unwrap();
    let check = args("check");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("differs: {} (the method names", methods.display())), "{stderr}");
    assert!(stderr.contains("-contact.summary v1ContactEntity_GetContactSummary"), "{stderr}");
    assert!(stderr.contains("+contact.get_summary v1ContactEntity_GetContactSummary"), "{stderr}");
    let gen = args("generate");
    assert!(gen.status.success(), "{}", String::from_utf8_lossy(&gen.stderr));
    assert_eq!(std::fs::read_to_string(&methods).unwrap(), checked_in);
    let _ = std::fs::remove_dir_all(&dir);
}
