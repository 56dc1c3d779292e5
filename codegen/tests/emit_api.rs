//! The emitter on what docs-input does not have yet (see `support/mod.rs`): the rendered files
//! parse, agents live under `agents::`, binary bodies are bytes, mocks cover every endpoint, query
//! setters are per operation and models are gated by their features. `emit_api_compiles.rs`
//! compiles and runs the same output.

mod support;

use std::path::Path;

use superoffice_codegen::emit;
use support::api;

fn rendered() -> emit::Files {
    emit::render(&api()).unwrap()
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
    // REST resources live under `rest::`: no resource can take a runtime module's name.
    assert!(has(root_mod, "pub mod rest;"));
    assert!(has(root_mod, "pub fn document(&self) -> rest::document::DocumentClient"));
    let rest = file(&files, "rest/mod.rs");
    assert!(has(rest, "#[cfg(feature = \"document\")] /// The endpoints under `/api/v1/Document`"));

    let agents = file(&files, "agents/mod.rs");
    assert!(has(agents, "#[cfg(feature = \"chat_agent\")]"));
    assert!(has(
        agents,
        "pub fn chat(&self) -> chat::ChatAgentClient { chat::ChatAgentClient { client: self.client.clone() } }"
    ));
    assert!(has(agents, "pub fn document(&self) -> document::DocumentAgentClient"));

    let chat = file(&files, "agents/chat.rs");
    assert!(has(chat, "pub struct ChatAgentClient"));
    // Required inputs are arguments; the method returns the operation's own builder.
    assert!(has(chat, "pub fn get_chat_presence(&self, request: crate::models::ChatSessionEntity) -> GetChatPresence"));
    assert!(has(chat, "pub struct GetChatPresence { core: crate::request::RequestCore,"));
    assert!(has(chat, "http::Method::POST, \"/api/v1/Agents/Chat/GetChatPresence\")"));
    assert!(has(chat, "parts.body(crate::operation::Body::json(&self.request)?);"));
    // The common setters come from one runtime macro; `send` is the thin generic layer, returning
    // the one future type of every operation.
    assert!(has(chat, "crate::request::common_setters!(core);"));
    assert!(has(chat, "pub fn send(self) -> crate::ResponseFuture<"));
    assert!(!chat.contains("impl std::future::Future"), "{chat}");
    // `decode` names its operation id and output type (no `Self::ENDPOINT`/`Self::Output` per
    // operation for the type checker).
    assert!(has(chat, "crate::operation::decode_json(\"v1ChatAgent_GetChatPresence\", &body)"));
    assert!(has(chat, "Get one with [`client.agents().chat()`](crate::agents::Agents::chat)"));
    // Hooks of an agent method, registered client-wide under the client's name.
    assert!(has(chat, "pub trait GetChatPresenceHooks: Send + Sync + 'static"));
    assert!(has(chat, "pub fn chat_agent_get_chat_presence_hooks(self, hooks: impl GetChatPresenceHooks) -> Self"));
}

#[test]
fn binary_bodies_are_bytes_never_json() {
    let files = rendered();
    let doc = file(&files, "rest/document.rs");
    assert!(has(doc, "pub fn set_content(&self, id: i32, content: impl Into<bytes::Bytes>) -> SetContent"));
    assert!(has(doc, "parts.body(crate::operation::Body::binary(self.content.clone()));"));
    assert!(has(doc, "type Output = bytes::Bytes;"));
    assert!(has(doc, "fn decode(body: bytes::Bytes) -> Result<bytes::Bytes, crate::DecodeError> { Ok(body) }"));
    let json_decodes = doc.matches("decode_json").count();
    assert_eq!(json_decodes, 1, "only `lookup` decodes JSON: {doc}");
    let agent = file(&files, "agents/document.rs");
    assert!(has(agent, "type Output = bytes::Bytes;"));
    assert!(!agent.contains("decode_json"), "{agent}");
}

#[test]
fn mocks_cover_agents_binary_and_error_samples() {
    let files = rendered();
    let mocks = file(&files, "mocks/mod.rs");
    assert!(has(mocks, "mod agents { #[cfg(feature = \"chat_agent\")] pub(super) mod chat;"));
    assert!(has(mocks, "#[cfg(feature = \"chat_agent\")] pub use agents::chat::ChatAgentMocks;"));
    assert!(has(mocks, "pub fn agents(&self) -> AgentsMocks<'_>"));
    assert!(has(mocks, "crate::testing::DocumentedEndpoint::of::<crate::agents::chat::GetChatPresence>()"));
    // The typed table (decoders) is compiled only where `all_endpoints` is called; mounting every
    // sample reads the data-only table.
    assert!(has(mocks, "#[inline] pub fn all_endpoints() -> Vec<crate::testing::DocumentedEndpoint>"));
    assert!(has(mocks, "const AGENTS_CHAT_SAMPLES: &[crate::testing::EndpointSample] = &["));
    assert!(has(mocks, "crate::testing::EndpointSample::of::<crate::agents::chat::GetChatPresence>()"));
    assert!(has(mocks, "pub(crate) fn all_samples() -> Vec<crate::testing::EndpointSample>"));
    assert!(has(mocks, "all.extend_from_slice(AGENTS_CHAT_SAMPLES);"));
    // A REST resource and an agent service named alike get distinct mock builders.
    assert!(has(mocks, "pub use rest::document::DocumentMocks;"));
    assert!(has(mocks, "pub use agents::document::DocumentAgentMocks;"));

    let chat = file(&files, "mocks/agents/chat.rs");
    assert!(has(chat, "#[inline] fn example(client: &crate::Client) -> Self { client.agents().chat().get_chat_presence(Default::default()) }"));
    assert!(has(chat, "crate::testing::Sample { status: 200, body: Some(r#\"true\"#), binary: false }"));
    let doc = file(&files, "mocks/rest/document.rs");
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
    assert!(has(query, "pub(crate) struct ODataQuery"));
    // Named after what it holds (`$select` and `fk`), not after the first resource using it.
    assert!(has(query, "pub(crate) struct SelectFkQuery"));
    assert!(!query.contains("impl<Op"), "no blanket impls: {query}");
    // The setters are the operation's own (on its rustdoc page), delegating to the shared set.
    let doc = file(&files, "rest/document.rs");
    assert!(has(doc, "impl ByFk { /// `$select`: The $select.\n #[inline] pub fn select(mut self, value: impl Into<String>) -> Self { self.query_options.select(value); self }"));
    assert!(has(
        doc,
        "pub struct ByFk2 { core: crate::request::RequestCore, query_options: crate::query::SelectFkQuery, }"
    ));
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
    let files = emit::render(&api).unwrap();
    let models = file(&files, "models/mod.rs");
    assert!(has(
        models,
        "#[cfg(any(feature = \"chat_agent\", feature = \"chat_session\", feature = \"chat_topic\", feature = \"document\"))] mod chat_session_entity;"
    ), "{models}");
    assert!(has(models, "#[cfg(feature = \"chat_topic\")] mod chat_topic_entity;"), "{models}");
}
