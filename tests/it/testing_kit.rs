//! The SDK's testing kit (`superoffice_webapi::testing`, feature `testing`): every documented
//! endpoint has a mock serving its docs sample that the real client decodes without loss, and the
//! matchers, failures, custom bodies and expectations behave as documented.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};
use superoffice_webapi::models::{ChatMessage, ChatSessionEntity};
use superoffice_webapi::testing::{all_endpoints, any, MockSuperOffice, DEFAULT_TENANT};
use superoffice_webapi::{Auth, Error, HttpErrorKind, TimeZone};
use wiremock::MockServer;

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// The current (not `history/`) REST pages in docs-input: one endpoint each.
fn rest_pages(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().and_then(|n| n.to_str()) != Some(superoffice_codegen::front::markdown::HISTORY_DIR) {
                out.extend(rest_pages(&path));
            }
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}

/// Removes `null` members recursively (the SDK leaves unset fields out when serializing).
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

fn status_of(result: Result<impl std::fmt::Debug, Error>) -> u16 {
    match result {
        Err(Error::Http(e)) => e.status.as_u16(),
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[test]
fn the_generated_list_is_every_documented_endpoint() {
    let endpoints = all_endpoints();
    let pages = rest_pages(&docs_dir().join("rest"));
    // Every REST page is an endpoint (the OpenAPI files may add endpoints without a page).
    assert!(
        endpoints.len() >= pages.len(),
        "{} mocks for {} REST pages in docs-input/rest",
        endpoints.len(),
        pages.len()
    );

    let api = superoffice_codegen::build_api(&docs_dir()).unwrap();
    let mut documented: Vec<(String, String, String)> = api
        .resources
        .values()
        .flat_map(|r| &r.endpoints)
        .map(|e| (e.operation_id.clone(), e.http_method.as_str().to_string(), e.path.clone()))
        .collect();
    documented.sort();
    let mut mocked: Vec<(String, String, String)> = endpoints
        .iter()
        .map(|e| (e.operation_id().to_string(), e.method().to_string(), e.path_template().to_string()))
        .collect();
    mocked.sort();
    assert_eq!(mocked, documented);

    // The samples are the docs' own, compacted.
    for e in &api.resources.values().flat_map(|r| &r.endpoints).collect::<Vec<_>>() {
        let mock = endpoints.iter().find(|m| m.operation_id() == e.operation_id).unwrap();
        if mock.sample().binary {
            // File content: the mock answers bytes, whatever text the page shows.
            assert_eq!(mock.sample().body, None, "{}", e.operation_id);
            continue;
        }
        assert_eq!(mock.sample().json(), e.sample_response.as_ref().map(|s| s.body.clone()), "{}", e.operation_id);
        if let Some(s) = &e.sample_response {
            assert_eq!(mock.sample().status, s.status, "{}", e.operation_id);
        }
    }
}

#[tokio::test]
async fn every_documented_endpoint_has_a_working_mock() {
    // One server for all: `check` mounts each sample as a scoped mock, gone when it returns.
    let so = MockSuperOffice::start().await;
    let mut failures = Vec::new();
    let mut seen = 0;
    for endpoint in all_endpoints() {
        let id = endpoint.operation_id();
        let sample = endpoint.sample();
        match endpoint.check(&so).await {
            Ok(decoded) => {
                // Nothing the sample shows was lost in decoding (file content comes back as its
                // bytes; an error-only sample as the error body).
                let expected = if sample.binary {
                    serde_json::to_value(superoffice_webapi::testing::SAMPLE_FILE_CONTENT).unwrap()
                } else {
                    sample.json().map(|s| without_nulls(&s)).unwrap_or(Value::Null)
                };
                if decoded != expected {
                    failures.push(format!("{id}: decoded {decoded} but the sample is {expected}"));
                }
            }
            Err(e) => failures.push(format!("{id}: {e}")),
        }
        let received = so.received_requests().await.unwrap();
        let new = received.get(seen..).unwrap_or_default();
        if new.len() != 1 || new[0].method != *endpoint.method() {
            failures.push(format!("{id}: expected one {} request, got {new:?}", endpoint.method()));
        }
        seen = received.len();
    }
    assert!(failures.is_empty(), "{} endpoint mocks failed:\n{}", failures.len(), failures.join("\n"));
}

/// A documented path template with every parameter set to `1`: `/api/v1/ChatSession/{id}` ->
/// `/api/v1/ChatSession/1`.
fn with_params_set(template: &str) -> String {
    // A parameter is a whole segment, as the mocks' path matcher reads templates.
    let segments: Vec<&str> =
        template.split('/').map(|s| if s.starts_with('{') && s.ends_with('}') { "1" } else { s }).collect();
    segments.join("/")
}

#[tokio::test]
async fn mount_all_samples_answers_every_documented_endpoint() {
    // `mount_all_samples` reads its own table (plain data, no decoders): it must mount the same
    // endpoints as `all_endpoints`, each answering its sample.
    let so = MockSuperOffice::start().await;
    so.mount_all_samples().await;
    so.report_unmatched().await;
    let endpoints = all_endpoints();
    // Templates that differ only in their parameters' names meet on one concrete path; the first
    // mounted answers, so any of their statuses will do.
    let mut statuses: std::collections::HashMap<(String, String), Vec<u16>> = Default::default();
    for e in &endpoints {
        let key = (e.method().to_string(), with_params_set(e.path_template()));
        statuses.entry(key).or_default().push(e.sample().status);
    }
    let http = reqwest::Client::new();
    let mut failures = Vec::new();
    for e in &endpoints {
        let key = (e.method().to_string(), with_params_set(e.path_template()));
        let url = format!("{}{}", so.uri(), key.1);
        let response = http.request(e.method().clone(), &url).send().await.unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        if body.contains("no mock matches") || !statuses[&key].contains(&status) {
            failures.push(format!("{} {}: {status} {body}", e.operation_id(), key.1));
        }
    }
    assert_eq!(endpoints.len(), statuses.values().map(Vec::len).sum::<usize>());
    assert!(failures.is_empty(), "{} endpoints not served:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn path_parameters_are_set_to_one() {
    assert_eq!(with_params_set("/api/v1/ChatSession/{id}"), "/api/v1/ChatSession/1");
    assert_eq!(with_params_set("/api/v1/List/{listName}/Items/{id}"), "/api/v1/List/1/Items/1");
    assert_eq!(with_params_set("/api/v1/ChatTopic/default"), "/api/v1/ChatTopic/default");
}

#[tokio::test]
async fn returns_the_docs_sample_by_default_through_the_real_client() {
    let so = MockSuperOffice::start().await;
    so.chat_session().for_current_user().returns_sample().expect(1).mount().await;
    let sessions = so.client().unwrap().chat_session().for_current_user().send().await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].chat_session_id, Some(827));
    assert_eq!(sessions[0].customer_name.as_deref(), Some("D'Amore LLC"));
    assert_eq!(sessions[0].when_requested.map(|d| d.to_string()).as_deref(), Some("2001-09-27T03:24:51.3960792+02:00"));
}

#[tokio::test]
async fn mount_all_samples_serves_a_whole_tenant_below_your_own_mocks() {
    let so = MockSuperOffice::start().await;
    so.mount_all_samples().await;
    let mut mine = ChatSessionEntity::default();
    mine.chat_session_id = Some(42);
    so.chat_session().get(42).returns(&mine).mount().await;

    let client = so.client().unwrap();
    assert_eq!(client.chat_session().get(42).send().await.unwrap().chat_session_id, Some(42));
    // Any other id: the sample.
    let sample = client.chat_session().get(9).send().await.unwrap();
    assert!(sample.chat_session_id.is_some() && sample.chat_session_id != Some(42));
    assert!(!client.chat_topic().for_current_user().send().await.unwrap().is_empty());
    client.chat_topic().delete(3).send().await.unwrap();
    assert!(!client.chat_session().get_chat_transcript(5).send().await.unwrap().is_empty());
}

#[tokio::test]
async fn path_parameters_match_the_given_value_or_any() {
    let so = MockSuperOffice::start().await;
    so.report_unmatched().await;
    so.chat_session().get(7).expect(1).mount().await;
    so.chat_session().transfer(1, "ABC def/x").expect(1).mount().await;
    so.chat_topic().update_user_agent(any(), any()).expect(2).mount().await;
    let client = so.client().unwrap();

    client.chat_session().get(7).send().await.unwrap();
    let err = client.chat_session().get(8).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    // The kit's fallback names the request nobody mocked.
    match &err {
        Error::Http(e) => {
            let message = e.message.as_deref().unwrap_or_default();
            assert!(message.contains("no mock matches GET /Cust12345/api/v1/ChatSession/8"), "{message}");
        }
        other => panic!("{other:?}"),
    }

    client.chat_session().transfer(1, "ABC def/x").send().await.unwrap();
    assert_eq!(status_of(client.chat_session().transfer(1, "ABC").send().await), 404);

    for (topic, user) in [(1, "tje0"), (2, "other")] {
        client.chat_topic().update_user_agent(topic, user, Default::default()).send().await.unwrap();
    }
}

#[tokio::test]
async fn header_matchers_require_the_documented_headers() {
    let so = MockSuperOffice::start().await;
    so.chat_session()
        .for_current_user()
        .with_language("en")
        .with_culture("nb")
        .with_time_zone(TimeZone::new("UTC").include_offset())
        .with_app_token("partner-app")
        .with_auth(&so.auth())
        .expect(1)
        .mount()
        .await;
    let client = so.client().unwrap();

    // Without SO-Language: no match -> 404 -> Error::Http.
    let without = client
        .chat_session()
        .for_current_user()
        .culture("nb")
        .time_zone(TimeZone::new("UTC").include_offset())
        .app_token("partner-app")
        .send()
        .await;
    assert_eq!(status_of(without), 404);
    // A wrong app token does not match either.
    let wrong_token = client
        .chat_session()
        .for_current_user()
        .language("en")
        .culture("nb")
        .time_zone(TimeZone::new("UTC").include_offset())
        .app_token("someone-else")
        .send()
        .await;
    assert_eq!(status_of(wrong_token), 404);
    // Other credentials do not match.
    let bearer = so.client_builder().auth(Auth::bearer("t")).language("en").culture("nb").app_token("partner-app");
    let bearer = bearer.time_zone(TimeZone::new("UTC").include_offset()).build().unwrap();
    assert_eq!(status_of(bearer.chat_session().for_current_user().send().await), 404);

    // Everything as required: the sample. Client-wide defaults count like per-request headers.
    let configured = so
        .client_builder()
        .language("en")
        .culture("nb")
        .time_zone(TimeZone::new("UTC").include_offset())
        .app_token("partner-app")
        .build()
        .unwrap();
    assert_eq!(configured.chat_session().for_current_user().send().await.unwrap().len(), 1);
}

#[tokio::test]
async fn query_and_body_matchers() {
    let so = MockSuperOffice::start().await;
    so.chat_session().get(1).with_query("$select", "CustomerName").expect(1).mount().await;
    let mut message = ChatMessage::default();
    message.message = Some("Hello".into());
    so.chat_session().add_message(1).with_body(&message).expect(1).mount().await;
    let client = so.client().unwrap();

    assert_eq!(status_of(client.chat_session().get(1).send().await), 404);
    client.chat_session().get(1).select("CustomerName").send().await.unwrap();
    assert_eq!(status_of(client.chat_session().add_message(1, ChatMessage::default()).send().await), 404);
    client.chat_session().add_message(1, message).send().await.unwrap();
}

#[tokio::test]
async fn fails_gives_an_http_error_with_the_vendor_message() {
    let so = MockSuperOffice::start().await;
    so.chat_session()
        .get(7)
        .fails(404, json!({ "Error": "ChatSession 7 not found", "ErrorType": "SoException" }))
        .expect(1)
        .mount()
        .await;
    let err = so.client().unwrap().chat_session().get(7).send().await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.http_kind(), Some(HttpErrorKind::NotFound));
    match err {
        Error::Http(e) => {
            assert_eq!(e.status.as_u16(), 404);
            assert_eq!(e.message.as_deref(), Some("ChatSession 7 not found"));
            assert_eq!(e.error_type.as_deref(), Some("SoException"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn misconfigured_mocks_answer_500_saying_why() {
    let so = MockSuperOffice::start().await;
    so.chat_session().get(1).fails(1000, json!({})).mount().await;
    let err = so.client().unwrap().chat_session().get(1).send().await.unwrap_err();
    match err {
        Error::Http(e) => {
            assert_eq!(e.status.as_u16(), 500);
            assert!(e.message.as_deref().unwrap_or_default().contains("1000"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn returns_round_trips_a_custom_body_and_any_shape() {
    let so = MockSuperOffice::start().await;
    let mut session = ChatSessionEntity::default();
    session.chat_session_id = Some(5);
    session.customer_name = Some("Jane Customer".into());
    session.when_requested = Some("2024-03-31T16:00:00+02:00".parse().unwrap());
    so.chat_session().get(5).returns(&session).mount().await;
    so.chat_session().get(6).returns(json!({ "ChatSessionId": "not a number" })).mount().await;
    let client = so.client().unwrap();

    assert_eq!(client.chat_session().get(5).send().await.unwrap(), session);
    match client.chat_session().get(6).send().await.unwrap_err() {
        Error::Decode(e) => assert_eq!(e.path, "ChatSessionId"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn expectations_are_verified() {
    // Met: verify passes.
    let so = MockSuperOffice::start().await;
    so.chat_topic().for_current_user().expect(1).mount().await;
    so.client().unwrap().chat_topic().for_current_user().send().await.unwrap();
    so.verify().await;

    // Not met: dropping the server panics, naming the mock.
    let task = tokio::spawn(async {
        let so = MockSuperOffice::start().await;
        so.chat_session().get(3).with_language("en").expect(1).mount().await;
    });
    let panic = task.await.unwrap_err().into_panic();
    let text = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    assert!(
        text.contains("v1ChatSessionEntity_GetChatSessionEntity GET /Cust12345/api/v1/ChatSession/3 [SO-Language: en]"),
        "{text}"
    );
}

#[tokio::test]
async fn scoped_mocks_end_with_their_guard() {
    let so = MockSuperOffice::start().await;
    let client = so.client().unwrap();
    {
        let _guard = so.chat_topic().is_within_opening_hours(1).expect(1).mount_as_scoped().await;
        assert!(!client.chat_topic().is_within_opening_hours(1).send().await.unwrap());
    }
    assert_eq!(status_of(client.chat_topic().is_within_opening_hours(1).send().await), 404);
}

#[tokio::test]
async fn attaches_to_an_existing_server_and_other_tenants() {
    let server = MockServer::start().await;
    {
        let so = MockSuperOffice::attach(&server).with_tenant("Cust999");
        assert_eq!(so.uri(), format!("{}/Cust999", server.uri()));
        so.chat_session().delete(4).expect(1).mount().await;
        so.client().unwrap().chat_session().delete(4).send().await.unwrap();
    }
    // The default tenant is not mocked on this server: wiremock's own 404.
    let other = MockSuperOffice::attach(&server);
    assert_eq!(other.tenant(), DEFAULT_TENANT);
    assert_eq!(status_of(other.client().unwrap().chat_session().delete(4).send().await), 404);
    server.verify().await;
}

#[tokio::test]
async fn delay_exercises_timeouts() {
    let so = MockSuperOffice::start().await;
    so.chat_session().pick_up_first().delay(Duration::from_millis(500)).mount().await;
    let result = so.client().unwrap().chat_session().pick_up_first().timeout(Duration::from_millis(50)).send().await;
    assert!(matches!(result, Err(Error::Timeout { .. })), "{result:?}");
}
