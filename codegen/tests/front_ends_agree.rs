//! The two front-ends describe the same API: ChatSession and ChatTopic lowered from the markdown
//! pages alone and from the OpenAPI files alone give the same endpoints (method, path, parameters,
//! body and response types), except where a page documents more than the OpenAPI file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use superoffice_codegen::doc::DocApi;
use superoffice_codegen::ir::{Api, Endpoint, RequestBodyKind, ResponseKind};
use superoffice_codegen::{load, lower};

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// A docs directory holding `files` (paths relative to docs-input) and the overrides.
fn docs_dir(name: &str, files: &[PathBuf]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("so-agree-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for rel in files.iter().chain([&PathBuf::from("overrides.json")]) {
        let to = dir.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(docs_input().join(rel), to).unwrap();
    }
    dir
}

fn endpoints(api: &Api) -> BTreeMap<&str, &Endpoint> {
    api.resources.values().flat_map(|r| &r.endpoints).map(|e| (e.operation_id.as_str(), e)).collect()
}

#[test]
fn pages_alone_and_openapi_alone_agree() {
    // The two resources' pages (other resources' pages name carriers only their OpenAPI files define).
    let pages: Vec<PathBuf> = ["ChatSession", "ChatTopic"]
        .iter()
        .flat_map(|r| superoffice_codegen::load::files_under(&docs_input().join("rest").join(r)))
        .map(|p| p.strip_prefix(docs_input()).unwrap().to_path_buf())
        .collect();
    let openapi: Vec<PathBuf> = ["Swagger-v1-ChatSession.json", "Swagger-v1-ChatTopic.json"]
        .iter()
        .map(|f| Path::new("openapi").join(f))
        .collect();
    let (pages_dir, openapi_dir) = (docs_dir("pages", &pages), docs_dir("openapi", &openapi));
    let pages_in = load::load(&pages_dir).unwrap_or_else(|e| panic!("{e}"));
    let openapi_in = load::load(&openapi_dir).unwrap_or_else(|e| panic!("{e}"));
    // The pages name carriers they do not define (`CustomerLanguage`, `ReplyTemplate`): they get
    // the OpenAPI files' definitions, but no operation from them.
    let pages_only = DocApi { schemas: openapi_in.doc.schemas.clone(), ..pages_in.doc.clone() };
    let lowered = |doc: &DocApi| {
        let l = lower::lower(doc, &pages_in.overrides);
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        l.api
    };
    let (from_pages, from_openapi) = (lowered(&pages_only), lowered(&openapi_in.doc));
    let (p, o) = (endpoints(&from_pages), endpoints(&from_openapi));

    // The OpenAPI files have no PATCH operations; the pages document two more.
    let only_pages: Vec<&str> = p.keys().filter(|k| !o.contains_key(*k)).copied().collect();
    assert_eq!(only_pages, ["v1ChatSessionEntity_PatchChatSessionEntity", "v1ChatTopicEntity_PatchChatTopicEntity"]);
    let mut compared = 0;
    for (id, a) in &p {
        let Some(b) = o.get(id) else { continue };
        assert_eq!((a.http_method, &a.path, &a.method_name), (b.http_method, &b.path, &b.method_name), "{id}");
        let params =
            |e: &Endpoint| e.path_params.iter().map(|p| (p.wire_name.clone(), p.ty.clone())).collect::<Vec<_>>();
        assert_eq!(params(a), params(b), "{id}: path parameters");
        // A page may document fewer query options (it shows the common ones); never others.
        for q in &a.query_params {
            let other = b.query_params.iter().find(|x| x.wire_name == q.wire_name);
            assert_eq!(other.map(|x| &x.ty), Some(&q.ty), "{id}: query parameter {}", q.wire_name);
        }
        assert_eq!(response(&a.response), response(&b.response), "{id}: response");
        let body = |e: &Endpoint| {
            e.request_body.as_ref().map(|b| match &b.kind {
                RequestBodyKind::Json(t) => format!("{t:?}"),
                other => format!("{other:?}"),
            })
        };
        assert_eq!(body(a), body(b), "{id}: request body");
        compared += 1;
    }
    assert_eq!(compared, 27);
    let _ = std::fs::remove_dir_all(pages_dir);
    let _ = std::fs::remove_dir_all(openapi_dir);
}

fn response(r: &ResponseKind) -> String {
    format!("{r:?}")
}
