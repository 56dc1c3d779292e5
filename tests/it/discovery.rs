//! Tenant discovery against the mock SuperOffice Online (tests/online_mock): the state API names
//! the tenant's numbered host; a 421 makes the client look again and send once more; a tenant
//! that is not running is an error naming its state.

use crate::online_mock::{hits, Online, CTX};
use superoffice_webapi::auth::Auth;
use superoffice_webapi::tenant::{TenantState, TenantStatus};
use superoffice_webapi::{Client, Error, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const FCU: &str = "/Cust12345/api/v1/ChatSession/ForCurrentUser";
const STATE: &str = "/api/state/Cust12345";

fn client(online: &Online) -> Client {
    Client::online(online.env(), CTX).auth(Auth::bearer("8A:Cust12345.tok")).retry(RetryPolicy::none()).build().unwrap()
}

async fn answer(node: &MockServer, status: u16) {
    let t = ResponseTemplate::new(status);
    let t = if status == 200 {
        t.set_body_json(serde_json::json!([]))
    } else {
        t.set_body_string("Wrong subdomain used to access tenant")
    };
    Mock::given(method("GET")).and(path(FCU)).respond_with(t).mount(node).await;
}

/// The state API answers `first` once, then `then`.
async fn states(online: &Online, first: serde_json::Value, then: serde_json::Value) {
    Mock::given(path(STATE))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&online.auth)
        .await;
    Mock::given(path(STATE))
        .respond_with(ResponseTemplate::new(200).set_body_json(then))
        .with_priority(2)
        .mount(&online.auth)
        .await;
}

#[tokio::test]
async fn calls_go_to_the_host_the_state_api_names() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    answer(&online.node1, 200).await;
    let client = client(&online);
    client.chat_session().for_current_user().send().await.unwrap();
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!(hits(&online.node1, FCU).await, 2);
    assert_eq!(hits(&online.auth, STATE).await, 1, "looked up once: ValidUntil is an hour away");
    assert_eq!(hits(&online.auth, FCU).await, 0);
}

#[tokio::test]
async fn a_421_looks_the_tenant_up_again_and_retries_once() {
    let online = Online::start().await;
    states(&online, Online::state_on(&online.node1, "Running", true), Online::state_on(&online.node2, "Running", true))
        .await;
    answer(&online.node1, 421).await; // the tenant moved from node1 to node2
    answer(&online.node2, 200).await;
    let client = client(&online);
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!((hits(&online.node1, FCU).await, hits(&online.node2, FCU).await), (1, 1));
    assert_eq!(hits(&online.auth, STATE).await, 2);
    // Later calls go straight to the new host.
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!((hits(&online.node1, FCU).await, hits(&online.node2, FCU).await), (1, 2));
    assert_eq!(hits(&online.auth, STATE).await, 2);
}

#[tokio::test]
async fn a_421_from_the_same_host_after_a_lookup_is_returned() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    answer(&online.node1, 421).await;
    let err = client(&online).chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(421), "{err}");
    assert_eq!(hits(&online.node1, FCU).await, 1, "the state API named the same host: not sent again");
    assert_eq!(hits(&online.auth, STATE).await, 2);
}

#[tokio::test]
async fn a_tenant_that_moved_into_maintenance_is_a_clear_error_on_the_421() {
    let online = Online::start().await;
    states(
        &online,
        Online::state_on(&online.node1, "Running", true),
        Online::state_on(&online.node2, "OfflineMaintenance", false),
    )
    .await;
    answer(&online.node1, 421).await;
    let err = client(&online).chat_session().for_current_user().send().await.unwrap_err();
    match &err {
        Error::TenantNotRunning { context_identifier, state } => {
            assert_eq!(context_identifier, CTX);
            assert_eq!(*state, TenantStatus::OfflineMaintenance);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(hits(&online.node2, FCU).await, 0);
}

#[tokio::test]
async fn an_offline_tenant_is_an_error_naming_its_state() {
    let online = Online::start().await;
    Mock::given(path(STATE))
        .respond_with(ResponseTemplate::new(200).set_body_json(Online::state_on(&online.node1, "Offline", false)))
        .mount(&online.auth)
        .await;
    answer(&online.node1, 200).await;
    let err = client(&online).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(&err, Error::TenantNotRunning { state: TenantStatus::Other(s), .. } if s == "Offline"), "{err:?}");
    assert_eq!(err.to_string(), "tenant Cust12345 is not running: its state is Offline");
    assert_eq!(hits(&online.node1, FCU).await, 0, "nothing is sent to a tenant that is not running");
}

#[tokio::test]
async fn state_api_failures_are_errors_naming_the_lookup() {
    let online = Online::start().await;
    Mock::given(path(STATE)).respond_with(ResponseTemplate::new(404)).mount(&online.auth).await;
    let err = client(&online).chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert!(err.to_string().contains("TenantState_Get"), "{err}");

    let online = Online::start().await;
    Mock::given(path(STATE))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>"))
        .mount(&online.auth)
        .await;
    let err = client(&online).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Discovery(_)), "{err:?}");
}

#[tokio::test]
async fn the_state_can_be_fetched_directly() {
    let online = Online::start().await;
    online.tenant_on(&online.node2).await;
    let state = TenantState::lookup(&online.env(), CTX).await.unwrap();
    assert_eq!(state.state, TenantStatus::Running);
    assert!(state.running());
    assert_eq!(state.tenant_url().unwrap().as_str(), format!("{}/{CTX}/", online.node2.uri()));
    assert!(state.valid_until.is_some());
}
