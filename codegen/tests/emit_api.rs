//! The emitter on what docs-input does not have yet: agent services, a REST resource and an agent
//! service with the same name, binary request and response bodies, an endpoint documented only by
//! an error, and two shared query sets with a parameter in common. The API is docs-input lowered,
//! plus resources added to the IR here as lowering will produce them.
//!
//! `the_generated_crate_compiles_in_every_feature_combination` writes the generated code into a
//! scratch copy of the SDK crate and runs `cargo check` on it (offline, in `target/emit-api-check`):
//! a resource alone, an agent alone, all, none; then runs `fixtures/emit_api/runtime.rs` against
//! it (wiremock: agent calls, binary upload and download, every endpoint's sample).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use superoffice_codegen::ir::{
    Api, Endpoint, HookEvent, HookLink, HookMethod, HttpMethod, Param, PathSegment, RequestBody, RequestBodyKind,
    Resource, ResourceKind, ResponseKind, Sample, SampleOrigin, StatusDoc, TypeRef,
};
use superoffice_codegen::parse::Span;
use superoffice_codegen::{build_api, emit};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn param(wire: &str, rust: &str, ty: TypeRef) -> Param {
    Param { wire_name: wire.into(), rust_name: rust.into(), ty, doc: format!("The {wire}."), required: false }
}

fn endpoint(op_id: &str, method: &str, op_type: &str, http: HttpMethod, path: &str) -> Endpoint {
    let segments = path
        .trim_start_matches('/')
        .split('/')
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(p) => PathSegment::Param(p.into()),
            None => PathSegment::Literal(s.into()),
        })
        .collect();
    let path_params = path
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|p| Param { required: true, ..param(p, &superoffice_codegen::naming::field_ident(p), TypeRef::I32) })
        .collect();
    Endpoint {
        operation_id: op_id.into(),
        method_name: method.into(),
        op_type: op_type.into(),
        http_method: http,
        path: path.into(),
        segments,
        summary: format!("{op_type}."),
        description: String::new(),
        path_params,
        query_params: Vec::new(),
        headers: Vec::new(),
        request_body: None,
        response: ResponseKind::Empty,
        statuses: vec![StatusDoc { status: 200, description: "OK".into() }],
        conditional: Default::default(),
        sample_response: None,
        sample_request_body: None,
        source: Span { file: PathBuf::from("test.json"), line: 1 },
    }
}

fn resource(
    name: &str,
    kind: ResourceKind,
    module: &str,
    client: &str,
    feature: &str,
    endpoints: Vec<Endpoint>,
) -> Resource {
    Resource {
        name: name.into(),
        kind,
        module: module.into(),
        client: client.into(),
        feature: feature.into(),
        endpoints,
    }
}

/// Adds `feature` to the model `name` and every model and enum it reaches.
fn reach(api: &mut Api, name: &str, feature: &str) {
    fn walk(ty: &TypeRef, models: &mut Vec<String>, enums: &mut Vec<String>) {
        match ty {
            TypeRef::Model(m) => models.push(m.clone()),
            TypeRef::Enum(e) | TypeRef::Flags(e) => enums.push(e.clone()),
            TypeRef::Array(t) | TypeRef::Map(t) => walk(t, models, enums),
            _ => {}
        }
    }
    let (mut todo, mut enums, mut seen) = (vec![name.to_string()], Vec::new(), BTreeSet::new());
    while let Some(m) = todo.pop() {
        if !seen.insert(m.clone()) {
            continue;
        }
        let model = api.models.get_mut(&m).unwrap();
        model.features.insert(feature.into());
        for f in &model.fields {
            walk(&f.ty, &mut todo, &mut enums);
        }
    }
    for e in enums {
        api.enums.get_mut(&e).unwrap().features.insert(feature.into());
    }
}

/// docs-input plus an agent service `Chat`, a REST resource `Document` and an agent service
/// `Document`.
fn api() -> Api {
    let mut api = build_api(&root().join("docs-input")).unwrap();
    // Only the two chat resources of docs-input (whatever else it documents), so the scratch crate
    // stays small.
    let kept = ["chat_session".to_string(), "chat_topic".to_string()];
    api.resources.retain(|_, r| r.kind == ResourceKind::Rest && kept.contains(&r.feature));
    for m in api.models.values_mut() {
        m.features.retain(|f| kept.contains(f));
    }
    for e in api.enums.values_mut() {
        e.features.retain(|f| kept.contains(f));
    }
    api.models.retain(|_, m| !m.features.is_empty());
    api.enums.retain(|_, e| !e.features.is_empty());
    let ops: BTreeSet<String> =
        api.resources.values().flat_map(|r| r.endpoints.iter().map(|e| e.operation_id.clone())).collect();
    api.hooks.retain(|op, _| ops.contains(op));

    let mut presence = endpoint(
        "v1ChatAgent_GetChatPresence",
        "get_chat_presence",
        "GetChatPresence",
        HttpMethod::Post,
        "/api/v1/Agents/Chat/GetChatPresence",
    );
    presence.request_body = Some(RequestBody {
        name: "request".into(),
        doc: "The arguments.".into(),
        kind: RequestBodyKind::Json(TypeRef::Model("ChatSessionEntity".into())),
    });
    presence.response = ResponseKind::Json(TypeRef::Bool);
    presence.sample_response =
        Some(Sample { status: 200, body: serde_json::json!(true), origin: SampleOrigin::Schema });
    let mut sessions = endpoint(
        "v1ChatAgent_GetChatSessions",
        "get_chat_sessions",
        "GetChatSessions",
        HttpMethod::Post,
        "/api/v1/Agents/Chat/GetChatSessions",
    );
    sessions.response = ResponseKind::Json(TypeRef::Array(Box::new(TypeRef::Model("ChatSessionEntity".into()))));
    sessions.sample_response = Some(Sample {
        status: 200,
        body: serde_json::json!([{ "ChatSessionId": 5, "CustomerName": "Agent sample" }]),
        origin: SampleOrigin::Schema,
    });
    api.resources.insert(
        "Agents/Chat".into(),
        resource("Chat", ResourceKind::Agent, "chat", "ChatAgentClient", "chat_agent", vec![presence, sessions]),
    );
    reach(&mut api, "ChatSessionEntity", "chat_agent");
    let event = |name: &str| HookEvent { name: format!("{name}GetChatPresence"), doc: String::new() };
    api.hooks.insert(
        "v1ChatAgent_GetChatPresence".into(),
        HookMethod {
            operation_id: "v1ChatAgent_GetChatPresence".into(),
            resource: "Chat".into(),
            method_name: "get_chat_presence".into(),
            service_method: "GetChatPresence".into(),
            agent: "IChatAgent".into(),
            return_type: ResponseKind::Json(TypeRef::Bool),
            events: [event("Before"), event("After"), event("AfterAsync")],
            link: HookLink::OperationId,
            source: Span { file: PathBuf::from("chatagent.md"), line: 1 },
        },
    );

    let mut content = endpoint(
        "v1DocumentEntity_GetDocumentStream",
        "content",
        "Content",
        HttpMethod::Get,
        "/api/v1/Document/{id}/Content",
    );
    content.response = ResponseKind::Binary;
    let mut set_content = endpoint(
        "v1DocumentEntity_SetDocumentStream",
        "set_content",
        "SetContent",
        HttpMethod::Put,
        "/api/v1/Document/{id}/Content",
    );
    set_content.request_body =
        Some(RequestBody { name: "content".into(), doc: "The file.".into(), kind: RequestBodyKind::Binary });
    set_content.statuses = vec![StatusDoc { status: 204, description: "Stored".into() }];
    let mut missing =
        endpoint("v1DocumentEntity_Lookup", "lookup", "Lookup", HttpMethod::Get, "/api/v1/Document/Lookup/{id}");
    missing.response = ResponseKind::Json(TypeRef::Model("ChatSessionEntity".into()));
    missing.statuses = vec![StatusDoc { status: 404, description: "Not found".into() }];
    missing.sample_response = Some(Sample { status: 404, body: serde_json::Value::Null, origin: SampleOrigin::Docs });
    // `$select` + `fk` on two endpoints: a second shared set with `select` in common with OData.
    let mut by_fk = endpoint("v1DocumentEntity_ByFk", "by_fk", "ByFk", HttpMethod::Get, "/api/v1/Document/ByFk");
    by_fk.query_params = vec![param("$select", "select", TypeRef::String), param("fk", "fk", TypeRef::I32)];
    let mut by_fk2 = by_fk.clone();
    (by_fk2.operation_id, by_fk2.method_name, by_fk2.op_type) =
        ("v1DocumentEntity_ByFk2".into(), "by_fk2".into(), "ByFk2".into());
    by_fk2.path = "/api/v1/Document/ByFk2".into();
    by_fk2.segments = vec![
        PathSegment::Literal("api".into()),
        PathSegment::Literal("v1".into()),
        PathSegment::Literal("Document".into()),
        PathSegment::Literal("ByFk2".into()),
    ];
    api.resources.insert(
        "Document".into(),
        resource(
            "Document",
            ResourceKind::Rest,
            "document",
            "DocumentClient",
            "document",
            vec![by_fk, by_fk2, content, missing, set_content],
        ),
    );
    reach(&mut api, "ChatSessionEntity", "document");

    let mut agent_content = endpoint(
        "v1DocumentAgent_GetDocumentStream",
        "get_document_stream",
        "GetDocumentStream",
        HttpMethod::Post,
        "/api/v1/Agents/Document/GetDocumentStream",
    );
    agent_content.response = ResponseKind::Binary;
    api.resources.insert(
        "Agents/Document".into(),
        resource(
            "Document",
            ResourceKind::Agent,
            "document",
            "DocumentAgentClient",
            "document_agent",
            vec![agent_content],
        ),
    );
    api
}

fn rendered() -> emit::Files {
    emit::render(&api())
}

fn file<'a>(files: &'a emit::Files, path: &str) -> &'a str {
    files.get(Path::new(path)).unwrap_or_else(|| panic!("no {path}: {:?}", files.keys()))
}

/// Containment ignoring whitespace and trailing commas (the text is printed by prettyplease,
/// which breaks long lines).
fn has(haystack: &str, needle: &str) -> bool {
    let squash =
        |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace(",)", ")").replace(",}", "}");
    squash(haystack).contains(&squash(needle))
}

#[test]
fn every_file_parses_and_agents_live_under_agents() {
    let files = rendered();
    for (path, text) in &files {
        syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let root_mod = file(&files, "mod.rs");
    assert!(has(root_mod, "#[cfg(any(feature = \"chat_agent\", feature = \"document_agent\"))] pub mod agents;"));
    assert!(has(
        root_mod,
        "#[cfg(any(feature = \"chat_agent\", feature = \"document_agent\"))] /// The agent services"
    ));
    assert!(has(root_mod, "pub fn agents(&self) -> agents::Agents { agents::Agents { client: self.clone() } }"));
    assert!(has(root_mod, "#[cfg(feature = \"document\")] /// The endpoints under `/api/v1/Document`"));
    assert!(has(root_mod, "pub fn document(&self) -> document::DocumentClient"));

    let agents = file(&files, "agents/mod.rs");
    assert!(has(agents, "#[cfg(feature = \"chat_agent\")]"));
    assert!(has(
        agents,
        "pub fn chat(&self) -> chat::ChatAgentClient { chat::ChatAgentClient { client: self.client.clone() } }"
    ));
    assert!(has(agents, "pub fn document(&self) -> document::DocumentAgentClient"));

    let chat = file(&files, "agents/chat.rs");
    assert!(has(chat, "pub struct ChatAgentClient"));
    assert!(has(
        chat,
        "pub fn get_chat_presence(&self, request: crate::models::ChatSessionEntity) -> crate::Request<GetChatPresence>"
    ));
    assert!(has(chat, "const METHOD: http::Method = http::Method::POST;"));
    assert!(has(chat, "crate::operation::Body::json(&self.request).map(Some)"));
    assert!(has(chat, "Get one with [`client.agents().chat()`](crate::agents::Agents::chat)"));
    // Hooks of an agent method, registered client-wide under the client's name.
    assert!(has(chat, "pub trait GetChatPresenceHooks: Send + Sync + 'static"));
    assert!(has(chat, "pub fn chat_agent_get_chat_presence_hooks(self, hooks: impl GetChatPresenceHooks) -> Self"));
}

#[test]
fn binary_bodies_are_bytes_never_json() {
    let files = rendered();
    let doc = file(&files, "document.rs");
    assert!(has(
        doc,
        "pub fn set_content(&self, id: i32, content: impl Into<bytes::Bytes>) -> crate::Request<SetContent>"
    ));
    assert!(has(doc, "Ok(Some(crate::operation::Body::binary(self.content.clone())))"));
    assert!(has(doc, "type Output = bytes::Bytes;"));
    assert!(has(doc, "fn decode_body(body: bytes::Bytes) -> Result<Self::Output, crate::DecodeError> { Ok(body) }"));
    let json_decodes = doc.matches("decode_json").count();
    assert_eq!(json_decodes, 1, "only `lookup` decodes JSON: {doc}");
    let agent = file(&files, "agents/document.rs");
    assert!(has(agent, "crate::operation::decode_binary(Self::OPERATION_ID, body)"));
}

#[test]
fn mocks_cover_agents_binary_and_error_samples() {
    let files = rendered();
    let mocks = file(&files, "mocks/mod.rs");
    assert!(has(mocks, "mod agents { #[cfg(feature = \"chat_agent\")] pub(super) mod chat;"));
    assert!(has(mocks, "#[cfg(feature = \"chat_agent\")] pub use agents::chat::ChatAgentMocks;"));
    assert!(has(mocks, "pub fn agents(&self) -> AgentsMocks<'_>"));
    assert!(has(mocks, "crate::testing::DocumentedEndpoint::of::<crate::agents::chat::GetChatPresence>()"));
    // A REST resource and an agent service named alike get distinct mock builders.
    assert!(has(mocks, "pub use document::DocumentMocks;"));
    assert!(has(mocks, "pub use agents::document::DocumentAgentMocks;"));

    let chat = file(&files, "mocks/agents/chat.rs");
    assert!(has(chat, "client.agents().chat().get_chat_presence(Default::default())"));
    assert!(has(chat, "crate::testing::Sample { status: 200, body: Some(r#\"true\"#), binary: false }"));
    let doc = file(&files, "mocks/document.rs");
    assert!(has(doc, "crate::testing::Sample { status: 200, body: None, binary: true }"));
    assert!(has(doc, "crate::testing::Sample { status: 404, body: Some(r#\"null\"#), binary: false }"));
    assert!(has(
        doc,
        "client.document().set_content(1, bytes::Bytes::from_static(crate::testing::SAMPLE_FILE_CONTENT))"
    ));
}

#[test]
fn overlapping_query_sets_get_setters_per_operation() {
    let files = rendered();
    let query = file(&files, "query.rs");
    assert!(has(query, "pub struct ODataQuery"));
    assert!(has(query, "pub struct DocumentByFkQuery"));
    assert!(!query.contains("impl<Op"), "no blanket impls: {query}");
    let doc = file(&files, "document.rs");
    assert!(has(doc, "impl crate::Request<ByFk> { /// `$select`: The $select.\n pub fn select(mut self, value: impl Into<String>) -> Self { self.op.query_options.select(value); self }"));
    assert!(has(doc, "impl crate::query::WithDocumentByFkQuery for ByFk2"));
}

#[test]
fn features_list_every_resource_and_models_are_gated_by_theirs() {
    let api = api();
    let section = emit::output::features_section(&api);
    assert!(
        section
            .contains("full = [\"chat_agent\", \"chat_session\", \"chat_topic\", \"document\", \"document_agent\"]\n"),
        "{section}"
    );
    assert!(
        section.contains(
            "agent service `/api/v1/Agents/Chat`: `client.agents().chat()` (2 endpoints).\nchat_agent = []\n"
        ),
        "{section}"
    );
    let files = emit::render(&api);
    let models = file(&files, "models/mod.rs");
    assert!(has(
        models,
        "#[cfg(any(feature = \"chat_agent\", feature = \"chat_session\", feature = \"chat_topic\", feature = \"document\"))] mod chat_session_entity;"
    ), "{models}");
    assert!(has(models, "#[cfg(feature = \"chat_topic\")] mod chat_topic_entity;"), "{models}");
}

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
    let files = emit::output::format_files(emit::render(&api), &root()).unwrap();
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
