//! Every ChatSession and ChatTopic endpoint against the testing kit's mock SuperOffice: HTTP method,
//! path, query, headers and body are asserted on the mock, which answers the endpoint's documented
//! sample; the decoded value written back must equal that sample (read independently from the docs).
//! `every_endpoint_is_covered` fails when the docs gain an endpoint this file does not test.

use crate::common::{sample, without_nulls};
use serde::Serialize;
use superoffice_webapi::models::{ChatMessage, ChatSessionEntity, ChatTopicAgent, ChatTopicEntity, ODataMode};
use superoffice_webapi::patch::{Patch, PatchOp};
use superoffice_webapi::testing::MockSuperOffice;
use superoffice_webapi::Client;

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
    let api = superoffice_codegen::build_api(&crate::common::docs_dir()).unwrap();
    let mut generated: Vec<&str> =
        api.resources.values().flat_map(|r| &r.endpoints).map(|e| e.operation_id.as_str()).collect();
    generated.sort_unstable();
    // Every endpoint this file exercises is generated, and so is every OpenAPI operation.
    let missing: Vec<&&str> = COVERED.iter().filter(|id| generated.binary_search(id).is_err()).collect();
    assert!(missing.is_empty(), "{missing:?}");
    // (operation id, path) of every OpenAPI operation.
    let mut documented = std::collections::BTreeMap::new();
    for file in superoffice_codegen::load::files_under(&crate::common::docs_dir().join("openapi")) {
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for op in item.as_object().unwrap().values() {
                documented.insert(op["operationId"].as_str().unwrap().to_string(), path.clone());
            }
        }
    }
    assert!(documented.len() >= 3317, "{}", documented.len());
    // An operation without an endpoint of its own is a second route of one (the same path under
    // another verb, `v1ContactEntity_SaveImage_POST`), folded into the endpoint of that path.
    let paths: std::collections::BTreeSet<&str> =
        api.resources.values().flat_map(|r| &r.endpoints).map(|e| e.path.as_str()).collect();
    let absent: Vec<(&String, &String)> =
        documented.iter().filter(|(id, _)| generated.binary_search(&id.as_str()).is_err()).collect();
    let unserved: Vec<&(&String, &String)> = absent.iter().filter(|(_, path)| !paths.contains(path.as_str())).collect();
    assert!(unserved.is_empty(), "{unserved:?}");
    assert_eq!(absent.len(), 7, "the folded second routes: {absent:?}");
}

fn client(so: &MockSuperOffice<'_>) -> Client {
    so.client().unwrap()
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
    let so = MockSuperOffice::start().await;
    so.chat_session().get(7).with_query("$select", "CustomerName,Status").expect(1).mount().await;
    let body = sample("v1ChatSessionEntity_GetChatSessionEntity");
    let s = client(&so).chat_session().get(7).select("CustomerName,Status").send().await.unwrap();
    assert_eq!(s.chat_session_id, body["ChatSessionId"].as_i64().map(|v| v as i32));
    assert!(s.links.as_ref().is_some_and(|l| l.contains_key("Self")));
    assert_round_trip(&s, &body);
}

#[tokio::test]
async fn chat_session_get_all_sends_odata_options() {
    let so = MockSuperOffice::start().await;
    so.chat_session()
        .get_all()
        .with_query("$select", "name,category")
        .with_query("$filter", "name begins 'S'")
        .with_query("$orderBy", "name asc")
        .with_query("$top", "10")
        .with_query("$skip", "20")
        .with_query("$mode", "Full")
        .with_query("$jsonSafe", "true")
        .expect(1)
        .mount()
        .await;
    let body = sample("v1ChatSessionEntity_GetAll");
    let page = client(&so)
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
    assert_eq!(rows[0].get("fullName").and_then(|v| v.as_str()), Some("Bethel West"));
    assert_eq!(page.odata_metadata.as_deref(), body["odata.metadata"].as_str());
}

#[tokio::test]
async fn chat_session_default() {
    let so = MockSuperOffice::start().await;
    so.chat_session().default().expect(1).mount().await;
    let s = client(&so).chat_session().default().send().await.unwrap();
    assert_round_trip(&s, &sample("v1ChatSessionEntity_DefaultChatSessionEntity"));
}

#[tokio::test]
async fn chat_session_create_posts_the_entity() {
    let so = MockSuperOffice::start().await;
    so.chat_session()
        .create()
        .with_body(serde_json::json!({"ChatSessionId": 0, "CustomerName": "Jane Customer", "WhenRequested": "2024-03-31T16:00:00"}))
        .with_header("Content-Type", "application/json")
        .with_query("$select", "ChatSessionId")
        .expect(1)
        .mount()
        .await;
    let created = client(&so).chat_session().create(session(0)).select("ChatSessionId").send().await.unwrap();
    assert_round_trip(&created, &sample("v1ChatSessionEntity_PostChatSessionEntity"));
}

#[tokio::test]
async fn chat_session_update_puts_the_entity() {
    let so = MockSuperOffice::start().await;
    so.chat_session()
        .update(9)
        .with_body(serde_json::json!({"ChatSessionId": 9, "CustomerName": "Jane Customer", "WhenRequested": "2024-03-31T16:00:00"}))
        .expect(1)
        .mount()
        .await;
    let updated = client(&so).chat_session().update(9, session(9)).send().await.unwrap();
    assert_round_trip(&updated, &sample("v1ChatSessionEntity_PutChatSessionEntity"));
}

#[tokio::test]
async fn chat_session_patch_sends_json_patch_with_its_content_type() {
    let so = MockSuperOffice::start().await;
    so.chat_session()
        .patch(9)
        .with_header("Content-Type", "application/json-patch+json")
        .with_header("If-Unmodified-Since", "Sun, 31 Mar 2024 14:00:00 GMT")
        .with_body(serde_json::json!([
            {"op": "replace", "path": "/CustomerName", "value": "Jane"},
            {"op": "test", "path": "/Status", "value": "Closed"}
        ]))
        .expect(1)
        .mount()
        .await;
    let when = chrono::DateTime::parse_from_rfc3339("2024-03-31T16:00:00+02:00").unwrap().to_utc();
    let patch = Patch::json_patch([PatchOp::replace("/CustomerName", "Jane"), PatchOp::test("/Status", "Closed")]);
    let patched = client(&so).chat_session().patch(9, patch).if_unmodified_since(when).send().await.unwrap();
    assert_round_trip(&patched, &sample("v1ChatSessionEntity_PatchChatSessionEntity"));
}

#[tokio::test]
async fn chat_session_patch_conflict_and_precondition_are_distinguishable() {
    for (status, kind) in [
        (409, superoffice_webapi::HttpErrorKind::Conflict),
        (412, superoffice_webapi::HttpErrorKind::PreconditionFailed),
        (404, superoffice_webapi::HttpErrorKind::NotFound),
    ] {
        let so = MockSuperOffice::start().await;
        so.chat_session().patch(9).fails(status, serde_json::json!({"Error": "no"})).expect(1).mount().await;
        let err = client(&so)
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
    let so = MockSuperOffice::start().await;
    so.chat_session().delete(9).expect(1).mount().await;
    let () = client(&so).chat_session().delete(9).send().await.unwrap();
}

#[tokio::test]
async fn chat_session_messages_with_after() {
    let so = MockSuperOffice::start().await;
    so.chat_session().messages(7).with_query("after", "3").expect(1).mount().await;
    let body = sample("v1ChatSessionEntity_GetChatMessages");
    let messages: Vec<ChatMessage> = client(&so).chat_session().messages(7).after(3).send().await.unwrap();
    assert_eq!(messages.len(), body.as_array().unwrap().len());
    assert_round_trip(&messages, &body);
}

#[tokio::test]
async fn chat_session_add_message_posts_the_message() {
    let so = MockSuperOffice::start().await;
    so.chat_session()
        .add_message(7)
        .with_body(serde_json::json!({"ChatSessionId": 7, "Message": "Hello!"}))
        .expect(1)
        .mount()
        .await;
    let mut message = ChatMessage::default();
    message.message = Some("Hello!".into());
    message.chat_session_id = Some(7);
    let added = client(&so).chat_session().add_message(7, message).send().await.unwrap();
    assert_round_trip(&added, &sample("v1ChatSessionEntity_AddChatMessage"));
}

#[tokio::test]
async fn chat_session_transcript_returns_the_string() {
    let so = MockSuperOffice::start().await;
    so.chat_session().get_chat_transcript(7).with_query("html", "true").expect(1).mount().await;
    let text = client(&so).chat_session().get_chat_transcript(7).html(true).send().await.unwrap();
    assert_eq!(Some(text.as_str()), sample("v1ChatSessionEntity_GetChatTranscript").as_str());
}

#[tokio::test]
async fn chat_session_transfer_to_encodes_the_associate_segment() {
    let so = MockSuperOffice::start().await;
    so.chat_session().transfer(7, "ALICE B").expect(1).mount().await;
    let received = client(&so).chat_session().transfer(7, "ALICE B").send().await.unwrap();
    assert_round_trip(&received, &sample("v1ChatSessionEntity_TransferChatSession"));
    let requests = so.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/Cust12345/api/v1/ChatSession/7/TransferTo/ALICE%20B");
}

#[tokio::test]
async fn chat_session_state_changes_post_to_their_paths() {
    let so = MockSuperOffice::start().await;
    so.chat_session().accept_transfer(7).expect(1).mount().await;
    so.chat_session().reject_transfer(7).expect(1).mount().await;
    so.chat_session().pick_up(7).expect(1).mount().await;
    so.chat_session().pick_up_first().expect(1).mount().await;
    so.chat_session().reset(7).expect(1).mount().await;
    let sessions = client(&so).chat_session();
    assert_round_trip(
        &sessions.accept_transfer(7).send().await.unwrap(),
        &sample("v1ChatSessionEntity_AcceptChatSessionTransfer"),
    );
    assert_round_trip(
        &sessions.reject_transfer(7).send().await.unwrap(),
        &sample("v1ChatSessionEntity_RejectChatSessionTransfer"),
    );
    assert_round_trip(&sessions.pick_up(7).send().await.unwrap(), &sample("v1ChatSessionEntity_PickUpChatSession"));
    assert_round_trip(
        &sessions.pick_up_first().send().await.unwrap(),
        &sample("v1ChatSessionEntity_PickUpFirstChatSession"),
    );
    assert_round_trip(&sessions.reset(7).send().await.unwrap(), &sample("v1ChatSessionEntity_ResetChatSession"));
    let paths: Vec<String> = so.received_requests().await.unwrap().iter().map(|r| r.url.path().to_string()).collect();
    assert_eq!(
        paths,
        [
            "/Cust12345/api/v1/ChatSession/7/AcceptTransfer",
            "/Cust12345/api/v1/ChatSession/7/RejectTransfer",
            "/Cust12345/api/v1/ChatSession/7/Pickup",
            "/Cust12345/api/v1/ChatSession/Pickup",
            "/Cust12345/api/v1/ChatSession/7/Reset",
        ]
    );
}

#[tokio::test]
async fn chat_session_for_current_user_serves_its_page_sample() {
    let so = MockSuperOffice::start().await;
    so.chat_session().for_current_user().with_language("en").expect(1).mount().await;
    let sessions = client(&so).chat_session().for_current_user().language("en").send().await.unwrap();
    assert_eq!(sessions[0].rating, Some(678));
    assert_round_trip(&sessions, &sample("v1ChatSessionEntity_ChatSessionsForUser"));
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
    let so = MockSuperOffice::start().await;
    let topics = so.chat_topic();
    topics.get(3).expect(1).mount().await;
    topics.create().with_body(serde_json::json!({"ChatTopicId": 0, "Name": "Support"})).expect(1).mount().await;
    topics.update(3).with_body(serde_json::json!({"ChatTopicId": 3, "Name": "Support"})).expect(1).mount().await;
    topics
        .patch(3)
        .with_header("Content-Type", "application/merge-patch+json")
        .with_body(serde_json::json!({"Name": "Sales"}))
        .expect(1)
        .mount()
        .await;
    topics.delete(3).expect(1).mount().await;

    let topics = client(&so).chat_topic();
    assert_round_trip(&topics.get(3).send().await.unwrap(), &sample("v1ChatTopicEntity_GetChatTopicEntity"));
    assert_round_trip(&topics.create(topic(0)).send().await.unwrap(), &sample("v1ChatTopicEntity_PostChatTopicEntity"));
    assert_round_trip(
        &topics.update(3, topic(3)).send().await.unwrap(),
        &sample("v1ChatTopicEntity_PutChatTopicEntity"),
    );
    let merged = topics.patch(3, Patch::merge(serde_json::json!({"Name": "Sales"}))).send().await.unwrap();
    assert_round_trip(&merged, &sample("v1ChatTopicEntity_PatchChatTopicEntity"));
    topics.delete(3).send().await.unwrap();
}

#[tokio::test]
async fn chat_topic_for_current_user_and_sessions() {
    let so = MockSuperOffice::start().await;
    so.chat_topic().for_current_user().expect(1).mount().await;
    so.chat_topic().sessions(3).with_query("$top", "5").expect(1).mount().await;
    so.chat_topic().create_session(3).expect(1).mount().await;
    let topics = client(&so).chat_topic();
    assert_round_trip(&topics.for_current_user().send().await.unwrap(), &sample("v1ChatTopicEntity_ChatTopicsForUser"));
    let page = topics.sessions(3).top(5).send().await.unwrap();
    assert_eq!(
        page.value.as_ref().map(Vec::len),
        sample("v1ChatTopicEntity_Sessions")["value"].as_array().map(Vec::len)
    );
    assert_round_trip(
        &topics.create_session(3).send().await.unwrap(),
        &sample("v1ChatTopicEntity_CreateChatSessionForTopic"),
    );
}

#[tokio::test]
async fn chat_topic_is_open_returns_the_bool() {
    let so = MockSuperOffice::start().await;
    so.chat_topic().is_within_opening_hours(3).expect(1).mount().await;
    let open = client(&so).chat_topic().is_within_opening_hours(3).send().await.unwrap();
    assert_eq!(Some(open), sample("v1ChatTopicEntity_IsWithinOpeningHours").as_bool());
}

#[tokio::test]
async fn chat_topic_user_agents() {
    let so = MockSuperOffice::start().await;
    let expected_body = serde_json::json!({"TopicId": 3, "CanRespond": true});
    so.chat_topic().add_user_agent(3).with_body(&expected_body).expect(1).mount().await;
    so.chat_topic().update_user_agent(3, "bob").with_body(&expected_body).expect(1).mount().await;
    so.chat_topic().delete_user_agent(3, "bob").expect(1).mount().await;
    let topics = client(&so).chat_topic();
    assert_round_trip(
        &topics.add_user_agent(3, agent()).send().await.unwrap(),
        &sample("v1ChatTopicEntity_AddChatTopicUserAgent"),
    );
    assert_round_trip(
        &topics.update_user_agent(3, "bob", agent()).send().await.unwrap(),
        &sample("v1ChatTopicEntity_UpdateChatTopicUserAgent"),
    );
    topics.delete_user_agent(3, "bob").send().await.unwrap();
}
