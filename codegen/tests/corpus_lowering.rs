//! The whole vendor corpus (../shared/corpus, ../shared/reference) goes through parse and lowering,
//! and the enum value sets the SDK generates are exactly the official OpenAPI files' sets.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use superoffice_codegen::build_api;

fn shared() -> PathBuf {
    std::env::var_os("SO_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
}

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn copy_md(from: &Path, to: &Path) -> usize {
    copy_ext(from, to, &["md", "json"])
}

/// Copies the files of `from` with one of the extensions `exts` into `to`.
fn copy_ext(from: &Path, to: &Path, exts: &[&str]) -> usize {
    std::fs::create_dir_all(to).unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)) {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
            n += 1;
        }
    }
    n
}

#[test]
fn the_whole_rest_corpus_lowers_without_problems() {
    let dir = std::env::temp_dir().join(format!("so-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let corpus = shared().join("corpus");
    let pages = copy_md(&corpus.join("rest/ChatSession"), &dir.join("rest/ChatSession"))
        + copy_md(&corpus.join("rest/ChatTopic"), &dir.join("rest/ChatTopic"));
    // Older versions of ForCurrentUser teach types but do not define endpoints.
    copy_md(&corpus.join("versions"), &dir.join("rest/ChatSession/history"));
    copy_ext(&shared().join("reference"), &dir.join("openapi"), &["json"]);
    std::fs::copy(docs_input().join("overrides.json"), dir.join("overrides.json")).unwrap();

    let api = build_api(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pages, 29);
    // Every page and every OpenAPI operation is an endpoint; an operation documented by both is one.
    let mut documented = std::collections::BTreeSet::new();
    for file in superoffice_codegen::load::files_under(&dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        if file.extension().is_some_and(|e| e == "json") {
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            if doc.get("swagger").is_none() {
                continue; // overrides.json
            }
            for item in doc["paths"].as_object().unwrap().values() {
                for op in item.as_object().unwrap().values() {
                    documented.insert(op["operationId"].as_str().unwrap().to_string());
                }
            }
        } else if !file.components().any(|c| c.as_os_str() == "history") && file.extension().is_some_and(|e| e == "md")
        {
            if let Ok(superoffice_codegen::parse::Page::Rest(p)) = superoffice_codegen::parse::parse_page(&file, &text)
            {
                documented.insert(p.operation_id.clone());
            }
        }
    }
    let lowered: std::collections::BTreeSet<String> =
        api.resources.values().flat_map(|r| &r.endpoints).map(|e| e.operation_id.clone()).collect();
    assert_eq!(lowered, documented);
    assert!(documented.len() > pages, "the OpenAPI files document operations no page has");
    // One Associate for User and TransferTo everywhere; one TableRight.
    let session = &api.models["ChatSessionEntity"];
    let ty = |name: &str| format!("{:?}", session.fields.iter().find(|f| f.json_name == name).unwrap().ty);
    assert_eq!(ty("User"), "Model(\"Associate\")");
    assert_eq!(ty("TransferTo"), "Model(\"Associate\")");
    assert_eq!(ty("TableRight"), "Model(\"TableRight\")");
    assert!(session.aliases.contains(&"ChatSessionEntityWithLinks".to_string()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn enum_value_sets_match_the_official_openapi_files() {
    let api = build_api(&docs_input()).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for file in ["Swagger-v1-ChatSession.json", "Swagger-v1-ChatTopic.json"] {
        let text = std::fs::read_to_string(shared().join("reference").join(file)).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let defs = doc["definitions"].as_object().unwrap();
        for (full, def) in defs {
            let owner = full.rsplit('.').next().unwrap().trim_end_matches("WithLinks");
            let Some(props) = def["properties"].as_object() else { continue };
            for (prop, schema) in props {
                let Some(values) = schema["enum"].as_array() else { continue };
                let expected: Vec<&str> = values.iter().map(|v| v.as_str().unwrap()).collect();
                let name = format!("{owner}{prop}");
                // Only enums reachable from an endpoint are generated.
                let Some(generated) = api.enums.get(&name) else { continue };
                assert_eq!(generated.values, expected, "{file}: {full}.{prop}");
                checked += 1;
            }
        }
    }
    let reachable: BTreeMap<_, _> = api.enums.iter().map(|(k, v)| (k.clone(), v.values.len())).collect();
    assert!(checked >= 15, "only {checked} enums compared; generated: {reachable:?}");
    for name in ["ChatSessionEntityStatus", "AssociateType", "TicketOrigin", "ChatMessageSpecialType"] {
        assert!(api.enums.contains_key(name), "{name} missing: {reachable:?}");
    }
}

#[test]
fn map_types_come_from_the_openapi_schemas_without_overrides() {
    let mut inputs = superoffice_codegen::load::load(&docs_input()).unwrap_or_else(|e| panic!("{e}"));
    inputs.overrides = Default::default();
    let lowered = superoffice_codegen::lower::lower(&inputs.doc, &inputs.overrides);
    let api = lowered.api;
    for entity in ["PersonEntity", "ContactEntity", "ProjectEntity", "SaleEntity"] {
        let m = &api.models[entity];
        let ty = |name: &str| format!("{:?}", m.fields.iter().find(|f| f.json_name == name).unwrap().ty);
        for custom in ["CustomFields", "ExtraFields", "UserDefinedFields"] {
            assert_eq!(ty(custom), "Map(String)", "{entity}.{custom}");
        }
        assert_eq!(ty("FieldProperties"), "Map(Model(\"FieldProperty\"))", "{entity}");
    }
}
