//! Every ChatSession and ChatTopic endpoint against wiremock: HTTP method, path, query and body are
//! asserted on the mock, and the endpoint's own documented sample response is served and decoded.
//! `every_endpoint_is_covered` fails when the docs gain an endpoint this file does not test.

mod common;

use common::{client, sample, tenant_path, without_nulls, RawHeader};
use serde::Serialize;
use superoffice_webapi::models::{ChatMessage, ChatSessionEntity, ChatTopicAgent, ChatTopicEntity, ODataMode};
use superoffice_webapi::patch::{Patch, PatchOp};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

/// Operation ids exercised below; compared with the generated API in `every_endpoint_is_covered`.
const COVERED: &[&str] = &[
    "v1ChatSessionEntity_AcceptChatSessionTransfer",
    "v1ChatSessionEntity_AddChatMessage",
    "v1ChatSessionEntity_ChatSessionsForUser",
    "v1ChatSessionEntity_DefaultChatSessionEntity",
    "v1ChatSessionEntity_DeleteChatSessionEntity",
    "v1ChatSessionEntity_GetAll",
    "v1ChatSessionEntity_GetChatMessages",
    "v1ChatSessionEntity_GetChatSessionEntity",
    "v1ChatSessionEntity_GetChatTranscript",
    "v1ChatSessionEntity_PatchChatSessionEntity",
    "v1ChatSessionEntity_PickUpChatSession",
    "v1ChatSessionEntity_PickUpFirstChatSession",
    "v1ChatSessionEntity_PostChatSessionEntity",
    "v1ChatSessionEntity_PutChatSessionEntity",
    "v1ChatSessionEntity_RejectChatSessionTransfer",
    "v1ChatSessionEntity_ResetChatSession",
    "v1ChatSessionEntity_TransferChatSession",
    "v1ChatTopicEntity_AddChatTopicUserAgent",
    "v1ChatTopicEntity_ChatTopicsForUser",
    "v1ChatTopicEntity_CreateChatSessionForTopic",
    "v1ChatTopicEntity_DeleteChatTopicEntity",
    "v1ChatTopicEntity_DeleteChatTopicUserAgent",
    "v1ChatTopicEntity_GetChatTopicEntity",
    "v1ChatTopicEntity_IsWithinOpeningHours",
    "v1ChatTopicEntity_PatchChatTopicEntity",
    "v1ChatTopicEntity_PostChatTopicEntity",
    "v1ChatTopicEntity_PutChatTopicEntity",
    "v1ChatTopicEntity_Sessions",
    "v1ChatTopicEntity_UpdateChatTopicUserAgent",
];

#[test]
fn every_endpoint_is_covered() {
    let api = superoffice_codegen::build_api(&common::docs_dir()).unwrap();
    let mut generated: Vec<&str> =
        api.resources.values().flat_map(|r| &r.endpoints).map(|e| e.operation_id.as_str()).collect();
    generated.sort_unstable();
    assert_eq!(generated, COVERED);
}

/// Mounts `mock` answering with the operation's documented sample, expecting exactly one call.
async fn answer_with_sample(server: &MockServer, mock: MockBuilder, operation_id: &str) -> serde_json::Value {
    let body = sample(operation_id);
    mock.respond_with(ResponseTemplate::new(200).set_body_json(&body)).expect(1).mount(server).await;
    body
}

fn on(verb: &str, api_path: &str) -> MockBuilder {
    Mock::given(method(verb)).and(path(tenant_path(api_path)))
}

/// What the SDK decoded, written back, equals the sample (minus nulls, which it omits).
fn assert_round_trip<T: Serialize>(decoded: &T, sample: &serde_json::Value) {
    assert_eq!(serde_json::to_value(decoded).unwrap(), without_nulls(sample));
}

fn session(id: i32) -> ChatSessionEntity {
    let mut s = ChatSessionEntity::default();
    s.chat_session_id = Some(id);
    s.customer_name = Some("Jane Customer".into());
    s.when_requested = Some("2024-03-31T16:00:00".parse().unwrap());
    s
}

// ---- ChatSession ----

#[tokio::test]
async fn chat_session_get_with_select() {
    let server = MockServer::start().await;
    let mock = on("GET", "/api/v1/ChatSession/7").and(query_param("$select", "CustomerName,Status"));
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_GetChatSessionEntity").await;
    let s = client(&server).chat_session().get(7).select("CustomerName,Status").send().await.unwrap();
    assert_eq!(s.chat_session_id, body["ChatSessionId"].as_i64().map(|v| v as i32));
    assert!(s.links.as_ref().is_some_and(|l| l.contains_key("Self")));
    assert_round_trip(&s, &body);
}

#[tokio::test]
async fn chat_session_get_all_sends_odata_options() {
    let server = MockServer::start().await;
    let mock = on("GET", "/api/v1/ChatSession")
        .and(query_param("$select", "name,category"))
        .and(query_param("$filter", "name begins 'S'"))
        .and(query_param("$orderBy", "name asc"))
        .and(query_param("$top", "10"))
        .and(query_param("$skip", "20"))
        .and(query_param("$mode", "Full"))
        .and(query_param("$jsonSafe", "true"));
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_GetAll").await;
    let page = client(&server)
        .chat_session()
        .get_all()
        .select("name,category")
        .filter("name begins 'S'")
        .order_by("name asc")
        .top(10)
        .skip(20)
        .mode(ODataMode::Full)
        .json_safe(true)
        .send()
        .await
        .unwrap();
    let rows = page.value.as_ref().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["fullName"], "Bethel West");
    assert_eq!(page.odata_metadata.as_deref(), body["odata.metadata"].as_str());
}

#[tokio::test]
async fn chat_session_default() {
    let server = MockServer::start().await;
    let body =
        answer_with_sample(&server, on("GET", "/api/v1/ChatSession/default"), "v1ChatSessionEntity_DefaultChatSessionEntity")
            .await;
    let s = client(&server).chat_session().default().send().await.unwrap();
    assert_round_trip(&s, &body);
}

#[tokio::test]
async fn chat_session_create_posts_the_entity() {
    let server = MockServer::start().await;
    let entity = session(0);
    let mock = on("POST", "/api/v1/ChatSession")
        .and(body_json(serde_json::json!({"ChatSessionId": 0, "CustomerName": "Jane Customer", "WhenRequested": "2024-03-31T16:00:00"})))
        .and(RawHeader("Content-Type", "application/json"))
        .and(query_param("$select", "ChatSessionId"));
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_PostChatSessionEntity").await;
    let created = client(&server).chat_session().create(entity).select("ChatSessionId").send().await.unwrap();
    assert_round_trip(&created, &body);
}

#[tokio::test]
async fn chat_session_update_puts_the_entity() {
    let server = MockServer::start().await;
    let mock = on("PUT", "/api/v1/ChatSession/9")
        .and(body_json(serde_json::json!({"ChatSessionId": 9, "CustomerName": "Jane Customer", "WhenRequested": "2024-03-31T16:00:00"})));
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_PutChatSessionEntity").await;
    let updated = client(&server).chat_session().update(9, session(9)).send().await.unwrap();
    assert_round_trip(&updated, &body);
}

#[tokio::test]
async fn chat_session_patch_sends_json_patch_with_its_content_type() {
    let server = MockServer::start().await;
    let mock = on("PATCH", "/api/v1/ChatSession/9")
        .and(RawHeader("Content-Type", "application/json-patch+json"))
        .and(RawHeader("If-Unmodified-Since", "Sun, 31 Mar 2024 14:00:00 GMT"))
        .and(body_json(serde_json::json!([
            {"op": "replace", "path": "/CustomerName", "value": "Jane"},
            {"op": "test", "path": "/Status", "value": "Closed"}
        ])));
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_PatchChatSessionEntity").await;
    let when = chrono::DateTime::parse_from_rfc3339("2024-03-31T16:00:00+02:00").unwrap().to_utc();
    let patch = Patch::json_patch([PatchOp::replace("/CustomerName", "Jane"), PatchOp::test("/Status", "Closed")]);
    let patched = client(&server).chat_session().patch(9, patch).if_unmodified_since(when).send().await.unwrap();
    assert_round_trip(&patched, &body);
}

#[tokio::test]
async fn chat_session_patch_conflict_and_precondition_are_distinguishable() {
    for (status, kind) in [
        (409, superoffice_webapi::HttpErrorKind::Conflict),
        (412, superoffice_webapi::HttpErrorKind::PreconditionFailed),
        (404, superoffice_webapi::HttpErrorKind::NotFound),
    ] {
        let server = MockServer::start().await;
        on("PATCH", "/api/v1/ChatSession/9").respond_with(ResponseTemplate::new(status)).expect(1).mount(&server).await;
        let err = client(&server)
            .chat_session()
            .patch(9, Patch::merge(serde_json::json!({"CustomerName": "x"})))
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.http_kind(), Some(kind), "{status}");
    }
}

#[tokio::test]
async fn chat_session_delete_returns_unit_on_204() {
    let server = MockServer::start().await;
    on("DELETE", "/api/v1/ChatSession/9").respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let () = client(&server).chat_session().delete(9).send().await.unwrap();
}

#[tokio::test]
async fn chat_session_messages_with_after() {
    let server = MockServer::start().await;
    let mock = on("GET", "/api/v1/ChatSession/7/Messages").and(query_param("after", "3"));
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_GetChatMessages").await;
    let messages: Vec<ChatMessage> = client(&server).chat_session().messages(7).after(3).send().await.unwrap();
    assert_eq!(messages.len(), body.as_array().unwrap().len());
    assert_round_trip(&messages, &body);
}

#[tokio::test]
async fn chat_session_add_message_posts_the_message() {
    let server = MockServer::start().await;
    let mut message = ChatMessage::default();
    message.message = Some("Hello!".into());
    message.chat_session_id = Some(7);
    let mock = on("POST", "/api/v1/ChatSession/7/Messages")
        .and(body_json(serde_json::json!({"ChatSessionId": 7, "Message": "Hello!"})));
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_AddChatMessage").await;
    let added = client(&server).chat_session().add_message(7, message).send().await.unwrap();
    assert_round_trip(&added, &body);
}

#[tokio::test]
async fn chat_session_transcript_returns_the_string() {
    let server = MockServer::start().await;
    let mock = on("POST", "/api/v1/ChatSession/7/Transcript").and(query_param("html", "true"));
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_GetChatTranscript").await;
    let text = client(&server).chat_session().transcript(7).html(true).send().await.unwrap();
    assert_eq!(Some(text.as_str()), body.as_str());
}

#[tokio::test]
async fn chat_session_transfer_to_encodes_the_associate_segment() {
    let server = MockServer::start().await;
    let mock = on("POST", "/api/v1/ChatSession/7/TransferTo/ALICE%20B");
    let body = answer_with_sample(&server, mock, "v1ChatSessionEntity_TransferChatSession").await;
    let s = client(&server).chat_session().transfer_to(7, "ALICE B").send().await.unwrap();
    assert_round_trip(&s, &body);
}

#[tokio::test]
async fn chat_session_state_changes_post_to_their_paths() {
    let cases: [(&str, &str); 4] = [
        ("/api/v1/ChatSession/7/AcceptTransfer", "v1ChatSessionEntity_AcceptChatSessionTransfer"),
        ("/api/v1/ChatSession/7/RejectTransfer", "v1ChatSessionEntity_RejectChatSessionTransfer"),
        ("/api/v1/ChatSession/7/Pickup", "v1ChatSessionEntity_PickUpChatSession"),
        ("/api/v1/ChatSession/7/Reset", "v1ChatSessionEntity_ResetChatSession"),
    ];
    for (api_path, op) in cases {
        let server = MockServer::start().await;
        let body = answer_with_sample(&server, on("POST", api_path), op).await;
        let sessions = client(&server).chat_session();
        let s = match op {
            "v1ChatSessionEntity_AcceptChatSessionTransfer" => sessions.accept_transfer(7).send().await,
            "v1ChatSessionEntity_RejectChatSessionTransfer" => sessions.reject_transfer(7).send().await,
            "v1ChatSessionEntity_PickUpChatSession" => sessions.pick_up(7).send().await,
            _ => sessions.reset(7).send().await,
        }
        .unwrap_or_else(|e| panic!("{op}: {e}"));
        assert_round_trip(&s, &body);
    }
}

#[tokio::test]
async fn chat_session_pick_up_first() {
    let server = MockServer::start().await;
    let body =
        answer_with_sample(&server, on("POST", "/api/v1/ChatSession/Pickup"), "v1ChatSessionEntity_PickUpFirstChatSession").await;
    let s = client(&server).chat_session().pick_up_first().send().await.unwrap();
    assert_round_trip(&s, &body);
}

#[tokio::test]
async fn chat_session_for_current_user_serves_its_page_sample() {
    let server = MockServer::start().await;
    let body = answer_with_sample(
        &server,
        on("GET", "/api/v1/ChatSession/ForCurrentUser"),
        "v1ChatSessionEntity_ChatSessionsForUser",
    )
    .await;
    let sessions = client(&server).chat_session().for_current_user().send().await.unwrap();
    assert_eq!(sessions[0].rating, Some(678));
    assert_round_trip(&sessions, &body);
}

// ---- ChatTopic ----

fn topic(id: i32) -> ChatTopicEntity {
    let mut t = ChatTopicEntity::default();
    t.chat_topic_id = Some(id);
    t.name = Some("Support".into());
    t
}

fn agent() -> ChatTopicAgent {
    let mut a = ChatTopicAgent::default();
    a.topic_id = Some(3);
    a.can_respond = Some(true);
    a
}

#[tokio::test]
async fn chat_topic_crud() {
    let server = MockServer::start().await;
    let get = answer_with_sample(&server, on("GET", "/api/v1/ChatTopic/3"), "v1ChatTopicEntity_GetChatTopicEntity").await;
    let post = answer_with_sample(
        &server,
        on("POST", "/api/v1/ChatTopic").and(body_json(serde_json::json!({"ChatTopicId": 0, "Name": "Support"}))),
        "v1ChatTopicEntity_PostChatTopicEntity",
    )
    .await;
    let put = answer_with_sample(
        &server,
        on("PUT", "/api/v1/ChatTopic/3").and(body_json(serde_json::json!({"ChatTopicId": 3, "Name": "Support"}))),
        "v1ChatTopicEntity_PutChatTopicEntity",
    )
    .await;
    let patch = answer_with_sample(
        &server,
        on("PATCH", "/api/v1/ChatTopic/3")
            .and(RawHeader("Content-Type", "application/merge-patch+json"))
            .and(body_json(serde_json::json!({"Name": "Sales"}))),
        "v1ChatTopicEntity_PatchChatTopicEntity",
    )
    .await;
    on("DELETE", "/api/v1/ChatTopic/3").respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;

    let topics = client(&server).chat_topic();
    assert_round_trip(&topics.get(3).send().await.unwrap(), &get);
    assert_round_trip(&topics.create(topic(0)).send().await.unwrap(), &post);
    assert_round_trip(&topics.update(3, topic(3)).send().await.unwrap(), &put);
    let merged = topics.patch(3, Patch::merge(serde_json::json!({"Name": "Sales"}))).send().await.unwrap();
    assert_round_trip(&merged, &patch);
    topics.delete(3).send().await.unwrap();
}

#[tokio::test]
async fn chat_topic_for_current_user_and_sessions() {
    let server = MockServer::start().await;
    let mine =
        answer_with_sample(&server, on("GET", "/api/v1/ChatTopic/ForCurrentUser"), "v1ChatTopicEntity_ChatTopicsForUser").await;
    let sessions = answer_with_sample(
        &server,
        on("GET", "/api/v1/ChatTopic/3/Sessions").and(query_param("$top", "5")),
        "v1ChatTopicEntity_Sessions",
    )
    .await;
    let created =
        answer_with_sample(&server, on("POST", "/api/v1/ChatTopic/3/Sessions"), "v1ChatTopicEntity_CreateChatSessionForTopic")
            .await;
    let topics = client(&server).chat_topic();
    assert_round_trip(&topics.for_current_user().send().await.unwrap(), &mine);
    let page = topics.sessions(3).top(5).send().await.unwrap();
    assert_eq!(page.value.as_ref().map(Vec::len), sessions["value"].as_array().map(Vec::len));
    assert_round_trip(&topics.create_session(3).send().await.unwrap(), &created);
}

#[tokio::test]
async fn chat_topic_is_open_returns_the_bool() {
    let server = MockServer::start().await;
    let body =
        answer_with_sample(&server, on("GET", "/api/v1/ChatTopic/3/IsOpen"), "v1ChatTopicEntity_IsWithinOpeningHours").await;
    let open = client(&server).chat_topic().is_open(3).send().await.unwrap();
    assert_eq!(Some(open), body.as_bool());
}

#[tokio::test]
async fn chat_topic_user_agents() {
    let server = MockServer::start().await;
    let expected_body = serde_json::json!({"TopicId": 3, "CanRespond": true});
    let added = answer_with_sample(
        &server,
        on("POST", "/api/v1/ChatTopic/3/UserAgent").and(body_json(&expected_body)),
        "v1ChatTopicEntity_AddChatTopicUserAgent",
    )
    .await;
    let updated = answer_with_sample(
        &server,
        on("PUT", "/api/v1/ChatTopic/3/UserAgent/bob").and(body_json(&expected_body)),
        "v1ChatTopicEntity_UpdateChatTopicUserAgent",
    )
    .await;
    on("DELETE", "/api/v1/ChatTopic/3/UserAgent/bob").respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let topics = client(&server).chat_topic();
    assert_round_trip(&topics.add_user_agent(3, agent()).send().await.unwrap(), &added);
    assert_round_trip(&topics.update_user_agent(3, "bob", agent()).send().await.unwrap(), &updated);
    topics.delete_user_agent(3, "bob").send().await.unwrap();
}
