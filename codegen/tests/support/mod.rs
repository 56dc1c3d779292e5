//! The API the emitter tests use: docs-input's chat resources plus agent services, a REST
//! resource and an agent service with the same name, binary request and response bodies, an
//! endpoint documented only by an error, two shared query sets with a parameter in common and
//! hooks on an agent method, added to the IR as lowering will produce them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use superoffice_codegen::build_api;
use superoffice_codegen::ir::{
    Api, Endpoint, HookEvent, HookLink, HookMethod, HttpMethod, Param, PathSegment, RequestBody, RequestBodyKind,
    Resource, ResourceKind, ResponseKind, Sample, SampleOrigin, StatusDoc, TypeRef,
};
use superoffice_codegen::lower::names;
use superoffice_codegen::parse::Span;

pub fn root() -> PathBuf {
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
        query_set: None,
        hooks_trait: String::new(),
        hooks_builder: String::new(),
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
        mocks_type: names::mocks_type(client),
        endpoint_table: names::endpoint_table(kind, module),
        sample_table: names::sample_table(&names::endpoint_table(kind, module)),
        endpoints,
    }
}

/// Adds `feature` to the model `name` and every model and enum it reaches.
fn reach(api: &mut Api, name: &str, feature: &str) {
    fn walk(ty: &TypeRef, models: &mut Vec<String>, enums: &mut Vec<String>) {
        ty.walk(&mut |t| match t {
            TypeRef::Model(m) => models.push(m.clone()),
            TypeRef::Enum(e) | TypeRef::Flags(e) => enums.push(e.clone()),
            _ => {}
        });
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
pub fn api() -> Api {
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
        rust_name: "request".into(),
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
    set_content.request_body = Some(RequestBody {
        name: "content".into(),
        rust_name: "content".into(),
        doc: "The file.".into(),
        kind: RequestBodyKind::Binary,
    });
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
    // The names lowering gives what was added (hook traits and builder methods, body arguments,
    // the shared query sets of what is left).
    let problems = names::make_unique(&mut api, &Default::default());
    assert!(problems.is_empty(), "{problems:?}");
    api
}
