//! Servers that misbehave, on 127.0.0.1 (issue 16): Online paging on the tenant's own host, no
//! secret after a redirect, tampered tenant-state answers, server values that used to panic,
//! storms of sign-ins and lookups, endless paging, oversized sign-in answers.
//!
//! Uses the public API only. Run alone with
//! `cargo test -p superoffice-webapi --no-default-features --features chat_session --test hostile_servers`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use serde_json::{Value, json};
use superoffice_webapi::auth::jwt::{Jwt, Validation};
use superoffice_webapi::auth::{Auth, Environment, OAuthTokenSource};
use superoffice_webapi::paging::{DEFAULT_MAX_PAGES, PagingError, PagingLimits, Row};
use superoffice_webapi::tenant::TenantState;
use superoffice_webapi::{Client, Error, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CTX: &str = "Cust12345";
const STATE: &str = "/api/state/Cust12345";
const TOKENS: &str = "/login/common/oauth/tokens";
const LIST: &str = "/Cust12345/api/v1/ChatSession";

async fn hits(server: &MockServer, p: &str) -> usize {
    server.received_requests().await.unwrap_or_default().iter().filter(|r| r.url.path() == p).count()
}

async fn all_hits(server: &MockServer) -> usize {
    server.received_requests().await.unwrap_or_default().len()
}

fn rows(keys: &[i64]) -> Vec<Value> {
    keys.iter().map(|k| json!({"PrimaryKey": k, "EntityName": "chatsession"})).collect()
}

fn page(keys: &[i64], next: Option<String>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"odata.nextLink": next, "value": rows(keys)}))
}

fn keys(rows: &[Row]) -> Vec<i64> {
    rows.iter().map(|r| r.primary_key().unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// A state answer placing `ctx` at `root` (`http://127.0.0.1:1234`), running, valid for an hour.
fn state_at(root: &str, ctx: &str) -> Value {
    let valid_until =
        (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S").to_string() + ".1234567";
    json!({
        "ContextIdentifier": ctx,
        "Endpoint": format!("{root}/{ctx}"),
        "State": "Running",
        "IsRunning": true,
        "ValidUntil": valid_until,
        "Api": format!("{root}/{ctx}/api"),
    })
}

/// The environment (sign-in and state API) and one numbered tenant host.
struct Online {
    env: MockServer,
    node: MockServer,
}

impl Online {
    async fn start() -> Online {
        let online = Online { env: MockServer::start().await, node: MockServer::start().await };
        Mock::given(path(STATE))
            .respond_with(ResponseTemplate::new(200).set_body_json(state_at(&online.node.uri(), CTX)))
            .mount(&online.env)
            .await;
        // The host without a number refuses API calls, as SuperOffice's does.
        Mock::given(wiremock::matchers::path_regex(r"^/Cust\d+/api/"))
            .respond_with(ResponseTemplate::new(421).set_body_string("Wrong subdomain used to access tenant"))
            .mount(&online.env)
            .await;
        online
    }

    fn environment(&self) -> Environment {
        Environment::custom(&self.env.uri()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn client(&self) -> Client {
        Client::online(self.environment(), CTX)
            .auth(Auth::bearer("8A:Cust12345.tok"))
            .retry(RetryPolicy::none())
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    }
}

// ---------------------------------------------------------------- 1. Online paging

#[tokio::test]
async fn an_online_client_pages_on_the_tenant_host() {
    let online = Online::start().await;
    let node = online.node.uri();
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("$skip", "0"))
        .respond_with(page(&[1, 2], Some(format!("{node}{LIST}?$top=2&$skip=2&linked=1"))))
        .mount(&online.node)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("linked", "1"))
        .respond_with(page(&[3], None))
        .mount(&online.node)
        .await;
    let all = online.client().chat_session().get_all().page_size(2).rows().collect_all().await.unwrap();
    assert_eq!(keys(&all), [1, 2, 3]);
    assert_eq!(hits(&online.node, LIST).await, 2);
    assert_eq!(hits(&online.env, LIST).await, 0, "no page request on the host without a number");
}

#[tokio::test]
async fn an_online_client_does_not_follow_a_next_link_to_the_environment_host() {
    let online = Online::start().await;
    let env = online.env.uri();
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("$skip", "0"))
        .respond_with(page(&[1, 2], Some(format!("{env}{LIST}?$top=2&$skip=2"))))
        .mount(&online.node)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("$skip", "2"))
        .respond_with(page(&[3], None))
        .mount(&online.node)
        .await;
    let all = online.client().chat_session().get_all().page_size(2).rows().collect_all().await.unwrap();
    assert_eq!(keys(&all), [1, 2, 3], "the link is not the tenant's origin: $skip paging takes over");
    assert_eq!(hits(&online.env, LIST).await, 0);
}

#[tokio::test]
async fn a_page_answered_421_is_sent_again_to_the_tenant_new_host() {
    let (env, node1, node2) = (MockServer::start().await, MockServer::start().await, MockServer::start().await);
    // The state API places the tenant on node1, then (after the 421) on node2.
    Mock::given(path(STATE))
        .respond_with(ResponseTemplate::new(200).set_body_json(state_at(&node1.uri(), CTX)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&env)
        .await;
    Mock::given(path(STATE))
        .respond_with(ResponseTemplate::new(200).set_body_json(state_at(&node2.uri(), CTX)))
        .with_priority(2)
        .mount(&env)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("$skip", "0"))
        .respond_with(page(&[1, 2], Some(format!("{}{LIST}?$top=2&p=2", node1.uri()))))
        .mount(&node1)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("p", "2"))
        .respond_with(ResponseTemplate::new(421))
        .mount(&node1)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("p", "2"))
        .respond_with(page(&[3], None))
        .mount(&node2)
        .await;
    let client = Client::online(Environment::custom(&env.uri()).unwrap(), CTX)
        .auth(Auth::bearer("8A:Cust12345.tok"))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let all = client.chat_session().get_all().page_size(2).rows().collect_all().await.unwrap();
    assert_eq!(keys(&all), [1, 2, 3]);
    assert_eq!((hits(&node1, LIST).await, hits(&node2, LIST).await), (2, 1), "the link was re-sent to node2");
    assert_eq!(hits(&env, STATE).await, 2);
}

// ---------------------------------------------------------------- 2. Redirects

/// `from` answers every request with `status` and a `Location` on `to`.
async fn redirect_all(from: &MockServer, to: &MockServer, status: u16) {
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).insert_header("Location", format!("{}/stolen", to.uri()).as_str()))
        .mount(from)
        .await;
}

#[tokio::test]
async fn no_api_request_follows_a_redirect_to_another_origin() {
    for status in [301, 302, 303, 307, 308] {
        let (a, b) = (MockServer::start().await, MockServer::start().await);
        redirect_all(&a, &b, status).await;
        let client = Client::builder(format!("{}/Cust1", a.uri()))
            .auth(Auth::xsrf("xsrf-S3cret"))
            .app_token("app-S3cret")
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let err = client.chat_session().for_current_user().send().await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{err:?}");
        assert_eq!(all_hits(&b).await, 0, "{status}: the other origin received a request");
        let err = client.chat_session().get_all().rows().collect_all().await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{err:?}");
        assert_eq!(all_hits(&b).await, 0, "{status}: the other origin received a page request");
    }
}

#[tokio::test]
async fn no_sign_in_or_state_request_follows_a_redirect() {
    for status in [302, 307, 308] {
        let (a, b) = (MockServer::start().await, MockServer::start().await);
        redirect_all(&a, &b, status).await;
        let env = Environment::custom(&a.uri()).unwrap();
        let tokens = OAuthTokenSource::builder(env.clone())
            .client_id("id")
            .client_secret("client-S3cret")
            .refresh_token("refresh-S3cret")
            .build()
            .unwrap();
        let err = tokens.refresh().await.unwrap_err();
        assert!(err.to_string().contains(&status.to_string()), "{err}");
        let err = TenantState::lookup(&env, CTX).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{err:?}");
        assert_eq!(all_hits(&b).await, 0, "{status}: the other origin received a sign-in or state request");
    }
}

// ---------------------------------------------------------------- 3. Tenant discovery

fn named_state(api: &str, ctx: &str) -> TenantState {
    let body = json!({"ContextIdentifier": ctx, "State": "Running", "IsRunning": true, "Api": api});
    TenantState::from_json(body.to_string().as_bytes(), CTX).unwrap()
}

#[test]
fn tampered_state_answers_are_refused_for_named_environments() {
    let good = named_state("https://online2.superoffice.com/Cust12345/api", CTX);
    assert_eq!(good.tenant_url().unwrap().as_str(), "https://online2.superoffice.com/Cust12345/");
    for (api, ctx) in [
        ("http://online2.superoffice.com/Cust12345/api", CTX), // clear text
        ("https://evil.example/Cust12345/api", CTX),           // another domain
        ("https://online2.superoffice.com.evil.example/Cust12345/api", CTX),
        ("https://superoffice.com.evil.example/Cust12345", CTX),
        ("https://evilsuperoffice.com/Cust12345", CTX),
        ("https://online2.superoffice.com/Cust99999/api", CTX), // another tenant's path
        ("https://online2.superoffice.com/api", CTX),           // no tenant in the path
        ("https://online2.superoffice.com:8443/Cust12345/api", CTX), // another port
        ("https://online2.superoffice.com/Cust12345/api", "Cust99999"), // another tenant
    ] {
        let err = named_state(api, ctx).tenant_url().unwrap_err();
        assert!(matches!(err, Error::Discovery(_)), "{api} {ctx}: {err:?}");
    }
}

#[tokio::test]
async fn a_custom_environment_refuses_another_scheme_or_tenant() {
    for answer in [
        // https from an http environment: another scheme.
        |node: &str| state_at(&node.replace("http://", "https://"), CTX),
        // Another tenant's path.
        |node: &str| state_at(node, "Cust99999"),
        // The right path, but the answer says it is about another tenant.
        |node: &str| {
            let mut s = state_at(node, CTX);
            s["ContextIdentifier"] = json!("Cust99999");
            s
        },
    ] {
        let (env, node) = (MockServer::start().await, MockServer::start().await);
        Mock::given(path(STATE))
            .respond_with(ResponseTemplate::new(200).set_body_json(answer(&node.uri())))
            .mount(&env)
            .await;
        let client = Client::online(Environment::custom(&env.uri()).unwrap(), CTX)
            .auth(Auth::bearer("8A:Cust12345.tok"))
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let err = client.chat_session().for_current_user().send().await.unwrap_err();
        assert!(matches!(err, Error::Discovery(_)), "{err:?}");
        assert_eq!(all_hits(&node).await, 0);
    }
}

// ---------------------------------------------------------------- 4. No panic from server values

async fn token_endpoint(answer: ResponseTemplate) -> (MockServer, OAuthTokenSource) {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path(TOKENS)).respond_with(answer).mount(&server).await;
    let tokens = OAuthTokenSource::builder(Environment::custom(&server.uri()).unwrap())
        .client_id("id")
        .client_secret("client-S3cret")
        .refresh_token("refresh-S3cret")
        .build()
        .unwrap();
    (server, tokens)
}

#[tokio::test]
async fn huge_or_odd_expires_in_values_do_not_panic() {
    for expires_in in [json!(1e20), json!(1.7e308), json!("1e300"), json!(-5), json!("NaN"), json!(u64::MAX)] {
        let body = json!({"token_type": "Bearer", "access_token": "8A:Cust1.tok", "expires_in": expires_in});
        let (_server, tokens) = token_endpoint(ResponseTemplate::new(200).set_body_json(body)).await;
        let token = tokens.refresh().await.unwrap();
        assert_eq!(token.expose(), "8A:Cust1.tok", "{expires_in}");
    }
}

#[test]
fn extreme_jwt_dates_do_not_panic() {
    let enc = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    for (exp, nbf) in [(json!(i64::MIN), json!(0)), (json!(now + 60), json!(i64::MAX)), (json!(-1e300), json!(1e300))] {
        let claims = json!({"iss": "SuperOffice AS", "aud": "spn:x", "exp": exp, "nbf": nbf});
        let token = format!("{}.{}.c2ln", enc(&json!({"alg": "RS256"})), enc(&claims));
        let jwt = Jwt::decode(&token).unwrap();
        let rules = Validation::new("SuperOffice AS", "spn:x").with_leeway(Duration::MAX);
        let _ = jwt.validate_claims(&rules, SystemTime::now());
        let rules = Validation::new("SuperOffice AS", "spn:x");
        let err = jwt.validate_claims(&rules, SystemTime::now()).unwrap_err();
        assert!(matches!(err, Error::SignIn { .. }), "{err:?}");
    }
}

// ---------------------------------------------------------------- 5. Storms

#[tokio::test]
async fn callers_waiting_on_a_failing_token_endpoint_share_one_failure() {
    let (token_server, tokens) = token_endpoint(ResponseTemplate::new(500).set_delay(Duration::from_millis(200))).await;
    let api = MockServer::start().await;
    let client = Client::builder(format!("{}/Cust12345", api.uri()))
        .token_source(tokens)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.chat_session().for_current_user().send().await })
    });
    let results = futures_util::future::join_all(calls).await;
    for r in results {
        let err = r.unwrap().unwrap_err();
        assert!(matches!(err, Error::SignIn { .. }), "{err:?}");
    }
    assert_eq!(hits(&token_server, TOKENS).await, 1, "one token request for 20 callers");
    assert_eq!(all_hits(&api).await, 0);
    // Straight after the failure the SDK backs off instead of asking again.
    let err = client.chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::SignIn { .. }), "{err:?}");
    assert_eq!(hits(&token_server, TOKENS).await, 1);
}

#[tokio::test]
async fn a_server_answering_401_forever_does_not_cause_a_sign_in_per_call() {
    let body = json!({"token_type": "Bearer", "access_token": "8A:Cust12345.tok", "expires_in": 3600});
    let (token_server, tokens) = token_endpoint(ResponseTemplate::new(200).set_body_json(body)).await;
    let api = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(401)).mount(&api).await;
    let client = Client::builder(format!("{}/Cust12345", api.uri()))
        .token_source(tokens)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    for _ in 0..10 {
        let err = client.chat_session().for_current_user().send().await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
    }
    assert_eq!(hits(&token_server, TOKENS).await, 2, "the first token, and one renewal after the first 401");
}

#[tokio::test]
async fn callers_waiting_on_a_failing_state_api_share_one_failure() {
    let (env, node) = (MockServer::start().await, MockServer::start().await);
    Mock::given(path(STATE))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(200)))
        .mount(&env)
        .await;
    let client = Client::online(Environment::custom(&env.uri()).unwrap(), CTX)
        .auth(Auth::bearer("8A:Cust12345.tok"))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.chat_session().for_current_user().send().await })
    });
    for r in futures_util::future::join_all(calls).await {
        let err = r.unwrap().unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err:?}");
    }
    assert_eq!(hits(&env, STATE).await, 1, "one lookup for 20 callers");
    assert_eq!(all_hits(&node).await, 0);
}

#[tokio::test]
async fn a_suspended_tenant_is_not_looked_up_on_every_call() {
    let env = MockServer::start().await;
    let mut state = state_at("https://online2.superoffice.com", CTX);
    state["State"] = json!("Suspended");
    state["IsRunning"] = json!(false);
    Mock::given(path(STATE)).respond_with(ResponseTemplate::new(200).set_body_json(state)).mount(&env).await;
    let client = Client::online(Environment::custom(&env.uri()).unwrap(), CTX)
        .auth(Auth::bearer("8A:Cust12345.tok"))
        .build()
        .unwrap();
    for _ in 0..5 {
        let err = client.chat_session().for_current_user().send().await.unwrap_err();
        assert!(matches!(err, Error::TenantNotRunning { .. }), "{err:?}");
    }
    assert_eq!(hits(&env, STATE).await, 1);
}

// ---------------------------------------------------------------- 6. Paging that never ends

#[tokio::test]
async fn a_next_link_cycle_ends_with_an_error() {
    let server = MockServer::start().await;
    let base = server.uri();
    // A -> B -> A -> B ...
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("p", "b"))
        .respond_with(page(&[3, 4], Some(format!("{base}{LIST}?p=a"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .respond_with(page(&[1, 2], Some(format!("{base}{LIST}?p=b"))))
        .mount(&server)
        .await;
    let client = Client::builder(format!("{base}/{CTX}")).auth(Auth::bearer("t")).build().unwrap();
    let mut pages = client.chat_session().get_all().page_size(2).pages();
    let mut ok = 0;
    let mut failed = None;
    for _ in 0..10 {
        match pages.next().await {
            Some(Ok(_)) => ok += 1,
            Some(Err(e)) => failed = Some(e),
            None => break,
        }
    }
    let err = failed.expect("a cycle is an error, not the end of the list");
    assert!(matches!(err, Error::Paging { reason: PagingError::LinkCycle, .. }), "{err:?}");
    assert_eq!(ok, 3, "A (first page), B, A again: its link to B closes the cycle");
    assert_eq!(hits(&server, LIST).await, 3);
}

/// Every page is full and links to a new page.
struct Endless(AtomicUsize);

impl Respond for Endless {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst) as i64;
        page(&[2 * n, 2 * n + 1], Some(format!("{LIST}?p={}", n + 1)))
    }
}

#[tokio::test]
async fn links_that_keep_changing_stop_at_the_default_page_cap() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path(LIST)).respond_with(Endless(AtomicUsize::new(0))).mount(&server).await;
    let client = Client::builder(format!("{}/{CTX}", server.uri())).auth(Auth::bearer("t")).build().unwrap();
    let mut pages = client.chat_session().get_all().page_size(2).pages();
    let mut ok = 0usize;
    let mut failed = None;
    // The default cap is far below this bound: the loop ends on an error.
    for _ in 0..200_000 {
        match pages.next().await {
            Some(Ok(_)) => ok += 1,
            Some(Err(e)) => {
                failed = Some(e);
                break;
            }
            None => break,
        }
    }
    let err = failed.unwrap_or_else(|| panic!("{ok} pages and no error"));
    let limit = DEFAULT_MAX_PAGES;
    assert!(
        matches!(err, Error::Paging { reason: PagingError::TooManyPages { limit: l }, .. } if l == limit),
        "{err:?}"
    );
    assert_eq!(ok, DEFAULT_MAX_PAGES as usize);
    assert!(pages.next().await.is_none(), "nothing after the error");
}

#[tokio::test]
async fn page_and_row_caps_are_configurable() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path(LIST)).respond_with(Endless(AtomicUsize::new(0))).mount(&server).await;
    let client = Client::builder(format!("{}/{CTX}", server.uri())).auth(Auth::bearer("t")).build().unwrap();
    let limits = PagingLimits::default().with_max_pages(5);
    let mut pages = client.chat_session().get_all().page_size(2).pages_limited(limits);
    for n in 0..5 {
        assert_eq!(pages.next().await.unwrap().unwrap().len(), 2, "page {n}");
    }
    let err = pages.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Paging { reason: PagingError::TooManyPages { limit: 5 }, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "paging through v1ChatSessionEntity_GetAll stopped: more than 5 pages (PagingLimits::max_pages)"
    );

    // Rows: pages of 2; the fourth page would pass 7 rows.
    let limits = PagingLimits::default().with_max_rows(7);
    let err = client.chat_session().get_all().page_size(2).rows_limited(limits).collect_all().await.unwrap_err();
    assert!(matches!(err, Error::Paging { reason: PagingError::TooManyRows { limit: 7 }, .. }), "{err:?}");
}

// ---------------------------------------------------------------- 7. Unbounded reads

#[tokio::test]
async fn an_oversized_token_answer_is_refused() {
    let filler = "x".repeat(4 * 1024 * 1024);
    let body = json!({"token_type": "Bearer", "access_token": "8A:Cust1.tok", "expires_in": 3600, "pad": filler});
    let (_server, tokens) = token_endpoint(ResponseTemplate::new(200).set_body_json(body)).await;
    let err = tokens.refresh().await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn an_oversized_state_answer_is_refused() {
    let env = MockServer::start().await;
    let mut state = state_at("https://online2.superoffice.com", CTX);
    state["pad"] = json!("x".repeat(4 * 1024 * 1024));
    Mock::given(path(STATE)).respond_with(ResponseTemplate::new(200).set_body_json(state)).mount(&env).await;
    let err = TenantState::lookup(&Environment::custom(&env.uri()).unwrap(), CTX).await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
}

// ---------------------------------------------------------------- 9. Smaller

#[test]
fn a_flag_set_of_100_000_unknown_names_decodes() {
    use superoffice_webapi::models::ChatSessionEntityFlags as Flag;
    let names: Vec<String> = (0..100_000).map(|i| format!("Unknown{i}")).collect();
    let mut text = names.join(", ");
    text.push_str(", Unknown7, unknown7"); // a duplicate (dropped) and another spelling (kept)
    let set: superoffice_webapi::FlagSet<Flag> = serde_json::from_value(Value::String(text.clone())).unwrap();
    assert_eq!(set.len(), 100_001);
    assert!(set.contains(&Flag::from("Unknown99999")));
    assert_eq!(set.to_string(), text, "written back as received");
}

#[tokio::test]
async fn a_post_whose_response_timed_out_is_not_retryable() {
    // Accepts, reads the request, never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            held.push(stream);
        }
    });
    let client = Client::builder(format!("http://{addr}/{CTX}"))
        .auth(Auth::bearer("t"))
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::default().with_retry_non_idempotent(true))
        .build()
        .unwrap();
    let err = client.chat_session().pick_up_first().send().await.unwrap_err();
    assert!(matches!(err, Error::Timeout { connect: false, .. }), "{err:?}");
    assert!(!err.is_retryable(), "the server may have acted on the POST: {err:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "sent once");
}
