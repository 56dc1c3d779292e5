//! Agent pages and `byte` responses: the real agent pages in `docs-input/agent/`, and pages of
//! resources `docs-input` does not have (`tests/fixtures/unseen/`, not tuned to), each with its
//! OpenAPI file.

use std::path::{Path, PathBuf};

use superoffice_codegen::ir::{Api, Endpoint, RequestBodyKind, ResponseKind, TypeRef};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn endpoint<'a>(api: &'a Api, resource: &str, operation_id: &str) -> &'a Endpoint {
    api.resources
        .get(resource)
        .and_then(|r| r.endpoints.iter().find(|e| e.operation_id == operation_id))
        .unwrap_or_else(|| panic!("no {operation_id} in {resource}"))
}

fn body(e: &Endpoint) -> Option<&RequestBodyKind> {
    e.request_body.as_ref().map(|b| &b.kind)
}

#[test]
fn docs_input_agent_pages_take_what_they_leave_open_from_openapi() {
    let built = superoffice_codegen::build(&root().join("docs-input")).unwrap_or_else(|e| panic!("{e}"));
    let api = &built.api;

    // `## Request Body: contactIds` + prose: the OpenAPI file gives an array of int32.
    let list = endpoint(api, "Agents/Contact", "v1ContactAgent_GetContactList");
    assert_eq!(body(list), Some(&RequestBodyKind::Json(TypeRef::Array(Box::new(TypeRef::I32)))));
    assert_eq!(list.request_body.as_ref().map(|b| b.name.as_str()), Some("contactIds"));
    assert_eq!(list.response, ResponseKind::Json(TypeRef::Array(Box::new(TypeRef::Model("Contact".into())))));

    // `## Response:byte`: raw file content where OpenAPI says `format: binary`...
    let stream = endpoint(api, "Agents/BLOB", "v1BLOBAgent_GetBlobStream");
    assert_eq!(stream.response, ResponseKind::Binary);
    // ...base64 text (decoded to bytes) where it says `format: byte`; the page's sample is a string.
    let image = endpoint(api, "Agents/BLOB", "v1BLOBAgent_GetContactImageWithSize");
    assert_eq!(image.response, ResponseKind::Json(TypeRef::Bytes));
    assert!(image.sample_response.as_ref().is_some_and(|s| s.body.is_string()));

    // A carrier table under `## Request Body: request` is the carrier OpenAPI names.
    let valid = endpoint(api, "Agents/Contact", "v1ContactAgent_IsNumberValid");
    assert_eq!(body(valid), Some(&RequestBodyKind::Json(TypeRef::Model("ContactIsNumberValidRequest".into()))));
    assert_eq!(valid.response, ResponseKind::Json(TypeRef::Bool));
    assert!(valid.sample_response.as_ref().is_some_and(|s| s.body == serde_json::json!(false)));

    // A carrier body, an int32 response whose sample decodes as one.
    let guess = endpoint(api, "Agents/AI", "v1AIAgent_GuessCategory");
    assert_eq!(guess.response, ResponseKind::Json(TypeRef::I32));
    assert!(guess.sample_response.as_ref().is_some_and(|s| s.body == serde_json::json!(11)));

    // No body, a required query parameter; 204 without a body.
    let get = endpoint(api, "Agents/Contact", "v1ContactAgent_GetContact");
    assert_eq!(get.request_body, None);
    let id = get.query_params.iter().find(|p| p.wire_name == "contactId").expect("contactId");
    assert_eq!((&id.ty, id.required), (&TypeRef::I32, true));
    assert_eq!(endpoint(api, "Agents/BLOB", "v1BLOBAgent_SetBlobStream").response, ResponseKind::Empty);

    // Each fallback is a warning naming the page's line and the OpenAPI file's.
    let warnings: Vec<String> = built.warnings.iter().map(ToString::to_string).collect();
    let contact_ids = warnings
        .iter()
        .find(|w| w.contains("v1ContactAgent_GetContactList.md:46: request body `contactIds`"))
        .unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(contact_ids.contains("array of int32") && contact_ids.contains("Swagger-v1-ContactAgent.json:"));
    assert!(warnings.iter().any(|w| w.contains("v1BLOBAgent_GetBlobStream.md:") && w.contains("raw file content")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("v1BLOBAgent_GetContactImageWithSize.md:") && w.contains("base64 text")));
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("so-codegen-agent-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for f in superoffice_codegen::load::files_under(from) {
        let target = to.join(f.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&f, target).unwrap();
    }
}

/// Pages of the Person resource and the Document agent (not in `docs-input`), the Contact agent's
/// scripting page for `GetContactList`, their OpenAPI files, and files that are not reference
/// pages (an `index.md`, a `toc.json`).
fn unseen(with_openapi: bool) -> PathBuf {
    let dir = scratch(if with_openapi { "unseen" } else { "unseen-pages-only" });
    copy_tree(&root().join("codegen/tests/fixtures/unseen"), &dir);
    if with_openapi {
        for f in ["Swagger-v1-DocumentAgent.json", "Swagger-v1-Person.json", "Swagger-v1-ContactAgent.json"] {
            std::fs::create_dir_all(dir.join("openapi")).unwrap();
            std::fs::copy(root().join("docs-input/openapi").join(f), dir.join("openapi").join(f)).unwrap();
        }
    }
    std::fs::write(
        dir.join("agent/Document_Agent/index.md"),
        "---\ntitle: Document agent\nuid: document-agent\n---\n\n# Document agent\n",
    )
    .unwrap();
    std::fs::write(dir.join("toc.json"), "{\"items\": []}").unwrap();
    dir
}

#[test]
fn unseen_pages_generate_and_their_samples_match_the_types() {
    let dir = unseen(true);
    let analysis = superoffice_codegen::analyse(&dir).unwrap();
    assert!(analysis.is_usable(), "{:#?}", analysis.problems);
    let c = analysis.counts;
    assert_eq!((c.rest_pages, c.agent_pages, c.scripting_pages, c.skipped), (1, 1, 1, 2));
    let api = &analysis.api;
    let hook = api.hooks.get("v1ContactAgent_GetContactList").expect("the scripting page is linked");
    assert_eq!((hook.agent.as_str(), hook.service_method.as_str()), ("ContactAgent", "GetContactList"));
    for (resource, id) in [("Person", "v1PersonEntity_GetImage"), ("Agents/Document", "v1DocumentAgent_GetTempFile")] {
        let e = endpoint(api, resource, id);
        // Both OpenAPI files say `format: byte`: base64 text (decoded to bytes); the sample is a string.
        assert_eq!(e.response, ResponseKind::Json(TypeRef::Bytes), "{id}");
        let sample = e.sample_response.as_ref().expect("documented sample");
        // The page's placeholder text is not base64: the generator answers its base64 instead.
        let text = "GIF89....File contents as raw bytes...";
        assert_eq!(
            sample.body,
            serde_json::json!("R0lGODkuLi4uRmlsZSBjb250ZW50cyBhcyByYXcgYnl0ZXMuLi4="),
            "{id}: {text}"
        );
    }
    let image = endpoint(api, "Person", "v1PersonEntity_GetImage");
    let if_blank = image.query_params.iter().find(|p| p.wire_name == "ifBlank").expect("ifBlank");
    assert!(matches!(&if_blank.ty, TypeRef::Enum(_)), "{:?}", if_blank.ty);
    let enum_name = match &if_blank.ty {
        TypeRef::Enum(n) => n.clone(),
        _ => unreachable!(),
    };
    assert!(api.enums[&enum_name].values.iter().any(|v| v == "GenericFileIcon"));
    superoffice_codegen::emit::render(api).expect("the emitter accepts the API");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_byte_response_no_source_explains_fails_with_file_and_line() {
    let dir = unseen(false);
    let analysis = superoffice_codegen::analyse(&dir).unwrap();
    let problems: Vec<String> = analysis.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("v1PersonEntity_GetImage.md:68: the response of `v1PersonEntity_GetImage` is `byte`")),
        "{problems:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
