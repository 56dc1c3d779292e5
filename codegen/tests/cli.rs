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
    // 3,317 OpenAPI operations plus the 39 PATCH pages the OpenAPI files do not have, less the seven
    // second routes of one operation (`v1ContactEntity_SaveImage_POST`...), folded into the first.
    assert!(stdout.contains("endpoints:  3349 (22 with file content)"), "{stdout}");
    assert!(stdout.contains("unusable:   0"), "{stdout}");
    assert!(stdout.contains("pages:      87 (67 REST, 7 agent, 13 scripting; 0 other files skipped)"), "{stdout}");
    assert!(stdout.contains("verdict:    usable"), "{stdout}");
}

/// The case of the issue: an agent page whose body names a parameter, with no OpenAPI file to
/// say its type. `stats`, `check` and `generate` all refuse it, naming the same line.
#[test]
fn stats_check_and_generate_give_the_same_verdict() {
    let docs = scratch("verdict");
    let page = "agent/Contact_Agent/v1ContactAgent_GetContactList.md";
    std::fs::create_dir_all(docs.join("agent/Contact_Agent")).unwrap();
    std::fs::copy(root().join("docs-input").join(page), docs.join(page)).unwrap();
    let out_dir = scratch("verdict-out");
    let want = "v1ContactAgent_GetContactList.md:46: request body `contactIds`";
    for cmd in ["stats", "check", "generate"] {
        let mut c = bin();
        c.arg(cmd).arg("--docs").arg(&docs);
        if cmd != "stats" {
            c.arg("--out").arg(&out_dir).arg("--manifest").arg(root().join("sdk/Cargo.toml"));
        }
        let out = c.output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{cmd}: {text}");
        assert!(text.contains(want), "{cmd}: {text}");
    }
    // With the agent's OpenAPI file the same page generates, with a warning naming the fallback.
    std::fs::create_dir_all(docs.join("openapi")).unwrap();
    let openapi = "openapi/Swagger-v1-ContactAgent.json";
    std::fs::copy(root().join("docs-input").join(openapi), docs.join(openapi)).unwrap();
    let out = bin().arg("stats").arg("--docs").arg(&docs).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(want) && stdout.contains("Swagger-v1-ContactAgent.json:2606"), "{stdout}");
    let _ = std::fs::remove_dir_all(&docs);
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn diff_prints_markdown_and_json_with_the_next_version() {
    let (old, new) = (scratch("diff-old"), scratch("diff-new"));
    let file = "openapi/Swagger-v1-ChatSession.json";
    for d in [&old, &new] {
        std::fs::create_dir_all(d.join("openapi")).unwrap();
    }
    let text = std::fs::read_to_string(root().join("docs-input").join(file)).unwrap();
    std::fs::write(old.join(file), &text).unwrap();
    // A new value of ChatMessage.SpecialType: compatible.
    let edited = text.replacen("\"NewSession\"", "\"NewSession\",\n\"Closed\"", 1);
    assert_ne!(edited, text);
    std::fs::write(new.join(file), edited).unwrap();
    let run = |format: &str| {
        let out = bin().args(["diff", "--format", format, "--from"]).arg(&old).arg("--to").arg(&new).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let md = run("markdown");
    assert!(md.contains("Semver: **minor**: 0.1.0 -> **0.1.1**"), "{md}");
    assert!(md.contains("- enum `ChatMessageSpecialType`: value added: `Closed`"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!((json["semver"].as_str(), json["next_version"].as_str()), (Some("minor"), Some("0.1.1")));
    // Against the docs at git HEAD (the default `--from`).
    let out = bin().arg("diff").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("## SDK changes: `docs-input@HEAD` -> "), "{stdout}");
    let _ = std::fs::remove_dir_all(&old);
    let _ = std::fs::remove_dir_all(&new);
}

/// A directory laid out as the vendor's documentation repository: pages are found in its
/// reference trees and placed by what they are.
#[test]
fn import_copies_reference_pages_from_a_checkout_by_their_front_matter() {
    let checkout = scratch("checkout");
    let agent = checkout.join("docs/en/api/reference/restful/agent/Contact_Agent");
    let rest = checkout.join("docs/en/api/reference/restful/rest/ChatSession");
    let scripting = checkout.join("docs/en/automation/netserver-scripting/reference/chatagent");
    let openapi = checkout.join("api-sources/openapi");
    for d in [&agent, &rest, &scripting, &openapi, &checkout.join("docs/en/guides")] {
        std::fs::create_dir_all(d).unwrap();
    }
    let src = root().join("docs-input");
    std::fs::copy(
        src.join("agent/Contact_Agent/v1ContactAgent_GetContact.md"),
        agent.join("v1ContactAgent_GetContact.md"),
    )
    .unwrap();
    std::fs::write(
        agent.join("index.md"),
        "---
title: Contact agent
uid: contact-agent
---

# Contact
",
    )
    .unwrap();
    std::fs::copy(
        src.join("rest/ChatSession/v1ChatSessionEntity_GetAll.md"),
        rest.join("v1ChatSessionEntity_GetAll.md"),
    )
    .unwrap();
    std::fs::copy(src.join("scripting/chatagent/resetchatsession.md"), scripting.join("resetchatsession.md")).unwrap();
    std::fs::copy(src.join("openapi/Swagger-v1-ContactAgent.json"), openapi.join("Swagger-v1-ContactAgent.json"))
        .unwrap();
    // Outside the reference trees: never read.
    std::fs::write(
        checkout.join("docs/en/guides/broken.md"),
        "---
uid: v1X_Y
---
no http block
",
    )
    .unwrap();

    let to = scratch("imported");
    let out = bin().args(["import", "--from"]).arg(&checkout).arg("--to").arg(&to).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains(": 4 new, 0 changed, 0 unchanged, 0 not tracked (--only-existing), 1 other files skipped"),
        "{stdout}"
    );
    for f in [
        "agent/Contact_Agent/v1ContactAgent_GetContact.md",
        "rest/ChatSession/v1ChatSessionEntity_GetAll.md",
        "scripting/chatagent/resetchatsession.md",
        "openapi/Swagger-v1-ContactAgent.json",
    ] {
        assert!(to.join(f).is_file(), "{f} missing: {stdout}");
    }
    // Again with --only-existing: everything is unchanged; a new page is not tracked.
    std::fs::remove_file(to.join("rest/ChatSession/v1ChatSessionEntity_GetAll.md")).unwrap();
    let out = bin().args(["import", "--only-existing", "--from"]).arg(&checkout).arg("--to").arg(&to).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(": 0 new, 0 changed, 3 unchanged, 1 not tracked"), "{stdout}");
    // The checkout itself can be read as a docs directory.
    let out = bin().arg("stats").arg("--docs").arg(&checkout).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("pages:      3 (1 REST, 1 agent, 1 scripting; 1 other files skipped)"), "{stdout}");
    let _ = std::fs::remove_dir_all(&checkout);
    let _ = std::fs::remove_dir_all(&to);
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
    assert_eq!(out.status.code(), Some(1), "stats gives generate's verdict: {stdout}");
    assert!(stdout.contains("unusable:   2"), "{stdout}");
    assert!(stdout.contains("verdict:    unusable (generate and check fail on these docs)"), "{stdout}");
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
