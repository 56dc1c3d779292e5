//! Credentials never leak: not in `Debug`/`Display` of the client, its builder, `Auth`, requests
//! or errors, and not in any tracing output (captured at TRACE level from every thread while the
//! calls below run, successful and failing), including paging, the body-size limit and webhook
//! verification. Also checks the per-request span's fields.
//!
//! This file is its own test binary because it installs a global tracing subscriber.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use superoffice_webapi::{webhooks, Auth, Client, ClientBuilder, Error, RetryPolicy};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PASSWORD: &str = "pw-S3cret-basic";
const TICKET: &str = "7T-S3cret-ticket";
const TOKEN: &str = "bearer-S3cret-token";
const XSRF: &str = "xsrf-S3cret-value";
const APP_TOKEN: &str = "app-S3cret-token";
const REQUEST_APP_TOKEN: &str = "request-app-S3cret";
const WEBHOOK_SECRET: &str = "whsec-S3cret-webhook";

/// Every secret, and the base64 forms a Basic header would carry.
fn secrets() -> Vec<String> {
    let mut all: Vec<String> = [PASSWORD, TICKET, TOKEN, XSRF, APP_TOKEN, REQUEST_APP_TOKEN, WEBHOOK_SECRET]
        .iter()
        .map(|s| s.to_string())
        .collect();
    all.push(base64(format!("tje0:{PASSWORD}").as_bytes()));
    all.push("S3cret".to_string());
    all
}

fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn the_test_base64_is_right() {
    assert_eq!(base64(b"tje0:Tje0"), "dGplMDpUamUw");
    assert_eq!(base64(b"ab"), "YWI=");
}

/// Everything any thread logs, at TRACE level, with span fields.
fn logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = Capture(buf.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(
                tracing_subscriber::fmt::format::FmtSpan::NEW | tracing_subscriber::fmt::format::FmtSpan::CLOSE,
            )
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        buf
    })
    .clone()
}

#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured() -> String {
    String::from_utf8_lossy(&logs().lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}

fn assert_clean(what: &str, text: &str) {
    for s in secrets() {
        assert!(!text.contains(&s), "{what} contains the secret `{s}`:\n{text}");
    }
}

fn builders(base: &str) -> Vec<ClientBuilder> {
    [Auth::basic("tje0", PASSWORD), Auth::so_ticket(TICKET), Auth::bearer(TOKEN), Auth::xsrf(XSRF)]
        .into_iter()
        .map(|auth| {
            Client::builder(base)
                .auth(auth)
                .app_token(APP_TOKEN)
                .retry(RetryPolicy::default().with_initial_backoff(Duration::from_millis(5)))
                .timeout(Duration::from_millis(300))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_in_debug_display_errors_or_logs() {
    let logs = logs();
    let server = MockServer::start().await;
    const FCU: &str = "/Cust1/api/v1/ChatSession/ForCurrentUser";
    // ForCurrentUser: 503 once per client (mounted below), then 200.
    Mock::given(path(FCU))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(path("/Cust1/api/v1/ChatSession/424242"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("Set-Cookie", format!("SoTicket={TICKET}; HttpOnly").as_str())
                .set_body_json(serde_json::json!({"Error": "Not authenticated"})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/Cust1/api/v1/ChatSession/default"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{not json"))
        .mount(&server)
        .await;
    Mock::given(path("/Cust1/api/v1/ChatSession/77"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;

    let dead = crate::common::dead_url();

    let mut texts = Vec::new();
    for (b, dead_b) in builders(&format!("{}/Cust1", server.uri())).into_iter().zip(builders(&dead)) {
        texts.push(format!("{b:?}"));
        let client = b.build().unwrap();
        texts.push(format!("{client:?}"));
        Mock::given(path(FCU))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        let sessions = client.chat_session().for_current_user().app_token(REQUEST_APP_TOKEN).send().await.unwrap();
        assert!(sessions.is_empty());
        let request = client.chat_session().get(424242).app_token(REQUEST_APP_TOKEN);
        texts.push(format!("{request:?}"));
        let mut errors: Vec<Error> = Vec::new();
        errors.push(request.send().await.unwrap_err()); // 401
        errors.push(client.chat_session().default().send().await.unwrap_err()); // decode
        errors.push(client.chat_session().get(77).send().await.unwrap_err()); // timeout
        errors.push(client.chat_session().for_current_user().app_token("bad\r\nvalue").send().await.unwrap_err());
        errors.push(dead_b.build().unwrap().chat_session().for_current_user().send().await.unwrap_err()); // connect
        for e in &errors {
            texts.push(format!("{e:?}"));
            texts.push(e.to_string());
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                texts.push(format!("{s:?} {s}"));
                source = s.source();
            }
        }
        assert!(matches!(errors[2], Error::Timeout { .. }), "{:?}", errors[2]);
        assert!(matches!(errors[4], Error::Transport { connect: true, .. }), "{:?}", errors[4]);
    }
    // Invalid credentials fail the build without echoing the value.
    for auth in [Auth::bearer(format!("{TOKEN}\r\nX: 1")), Auth::so_ticket(format!("{TICKET}\n"))] {
        let b = Client::builder("https://host/Cust1").auth(auth.clone());
        texts.push(format!("{auth:?}"));
        texts.push(format!("{b:?}"));
        let e = b.build().unwrap_err();
        texts.push(format!("{e:?} {e}"));
    }
    for auth in [Auth::basic("tje0", PASSWORD), Auth::so_ticket(TICKET), Auth::bearer(TOKEN), Auth::xsrf(XSRF)] {
        texts.push(format!("{auth:?}"));
        texts.push(format!("{:#?}", auth));
    }
    let secret = superoffice_webapi::Secret::new(TOKEN);
    texts.push(format!("{secret:?} {secret}"));

    // Paging (a page with a link to another host is logged, not followed) and the body limit.
    let list = "/Cust1/api/v1/ChatSession";
    Mock::given(path(list))
        .and(query_param("$skip", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"odata.nextLink": "http://203.0.113.9/Cust1/api/v1/ChatSession?p=2", "value": [{"PrimaryKey": 1}]}),
        ))
        .mount(&server)
        .await;
    Mock::given(path(list))
        .and(query_param("$skip", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"value": []})))
        .mount(&server)
        .await;
    for b in builders(&format!("{}/Cust1", server.uri())) {
        let client = b.max_response_body_size(1 << 20).build().unwrap();
        let rows = client.chat_session().get_all().page_size(1).rows().collect_all().await.unwrap();
        assert_eq!(rows.len(), 1);
        texts.push(format!("{rows:?}"));
        let mut pages = client.chat_session().get_all().page_size(1).pages();
        texts.push(format!("{pages:?}"));
        texts.push(format!("{:?}", pages.next().await));
        let small = builders(&format!("{}/Cust1", server.uri())).remove(0).max_response_body_size(4).build().unwrap();
        texts.push(format!("{small:?}"));
        let e = small.chat_session().get_all().pages().next().await.unwrap().unwrap_err();
        assert!(matches!(e, Error::ResponseTooLarge { limit: 4, .. }), "{e:?}");
        texts.push(format!("{e:?} {e}"));
    }

    // Webhooks: the secret is in no result, error or Debug output, whatever the request.
    let wh = superoffice_webapi::Secret::new(WEBHOOK_SECRET);
    texts.push(format!("{wh:?} {wh}"));
    let body = br#"{"Event":"contact.created","PrimaryKey":1}"#;
    for (signature, secret) in [
        (Some(webhooks::sign(&wh, body)), wh.clone()),
        (Some(webhooks::sign(&superoffice_webapi::Secret::new("other"), body)), wh.clone()),
        (Some("%%%".to_string()), wh.clone()),
        (None, wh.clone()),
        (Some(webhooks::sign(&wh, body)), superoffice_webapi::Secret::new("")),
    ] {
        let mut headers = http::HeaderMap::new();
        if let Some(sig) = signature {
            headers.insert(webhooks::SIGNATURE_HEADER, sig.parse().unwrap());
        }
        let result = webhooks::receive(&secret, &headers, body);
        texts.push(format!("{result:?} {headers:?}"));
        if let Err(e) = result {
            texts.push(e.to_string());
        }
        texts.push(format!("{:?}", webhooks::verify(&secret, br#"{"Event":"test"}"#, &webhooks::sign(&wh, body))));
    }
    for t in &texts {
        assert_clean("Debug/Display", t);
    }

    let log = captured();
    drop(logs);
    assert_clean("the tracing output", &log);
    // The logs were really captured, with the span's fields and the path template only.
    for needle in [
        "superoffice.request",
        "method=\"GET\"",
        "path=\"/api/v1/ChatSession/ForCurrentUser\"",
        "path=\"/api/v1/ChatSession/{id}\"",
        "operation=\"v1ChatSessionEntity_ChatSessionsForUser\"",
        "attempt=1",
        "attempt=2",
        "status=503",
        "status=200",
        "status=401",
        "elapsed_ms=",
        "retrying",
        "path=\"/api/v1/ChatSession\"",
        "odata.nextLink is not a URL on the tenant's host",
    ] {
        assert!(log.contains(needle), "no `{needle}` in the logs:\n{log}");
    }
    assert!(!log.contains("424242"), "a path value reached the logs:\n{log}");
}

/// Private-key material of the test app key: a slice of `D` and of the PKCS#8 body.
fn private_key_fragments() -> Vec<String> {
    let xml = crate::online_mock::key_text("TEST_ONLY_app_key.xml");
    let d = xml.split("<D>").nth(1).and_then(|r| r.split("</D>").next()).unwrap_or_default();
    let pem = crate::online_mock::key_text("TEST_ONLY_app_key.pkcs8.pem");
    let line = pem.lines().nth(3).unwrap_or_default();
    let frags = vec![d.get(..24).unwrap_or_default().to_string(), line.get(..24).unwrap_or_default().to_string()];
    assert!(frags.iter().all(|f| f.len() == 24), "{frags:?}");
    frags
}

/// The sign-in flows (system user, OAuth refresh, tenant discovery), succeeding and failing:
/// no system user token, client secret, signed token, ticket, access or refresh token, id_token
/// claim or private key in any Debug, Display, error or log line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_flows_leak_no_secret() {
    use crate::online_mock::{Answer, Online, CLIENT_SECRET, CTX, SYSTEM_TOKEN};
    use superoffice_webapi::auth::{IdTokenClaims, OAuthTokenSource, PrivateKey, SystemUser, TokenSource};
    use wiremock::matchers::header;

    const FCU: &str = "/Cust12345/api/v1/ChatSession/ForCurrentUser";
    let logs = logs();
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    Mock::given(path(FCU))
        .and(header("authorization", format!("SOTicket {}", crate::online_mock::ticket(2)).as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .with_priority(1)
        .mount(&online.node1)
        .await;
    Mock::given(path(FCU))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({"Error": "ticket expired"})))
        .with_priority(5)
        .mount(&online.node1)
        .await;

    let mut texts = Vec::new();
    let key = PrivateKey::parse(&crate::online_mock::key_text("TEST_ONLY_app_key.xml")).unwrap();
    texts.push(format!("{key:?}"));
    let builder = SystemUser::builder(online.env(), CTX)
        .private_key(key)
        .system_user_token(SYSTEM_TOKEN)
        .client_secret(CLIENT_SECRET);
    texts.push(format!("{builder:?}"));
    let su = builder.build().unwrap();
    texts.push(format!("{su:?}"));
    let signed = su.signed_token(chrono::Utc::now()).unwrap();
    texts.push(format!("{signed:?} {signed}"));
    let client = Client::online(online.env(), CTX).token_source(su).retry(RetryPolicy::none()).build().unwrap();
    texts.push(format!("{client:?}"));
    // Ticket 1 gets a 401, ticket 2 works: sign-in, renewal, success.
    client.chat_session().for_current_user().send().await.unwrap();

    let mut errors: Vec<Error> = Vec::new();
    for answer in [Answer::Refused, Answer::Http401, Answer::Forged, Answer::Expired] {
        online.set_answer(answer);
        let su = SystemUser::builder(online.env(), CTX)
            .private_key(PrivateKey::parse(&crate::online_mock::key_text("TEST_ONLY_app_key.pkcs1.pem")).unwrap())
            .system_user_token(SYSTEM_TOKEN)
            .client_secret(CLIENT_SECRET)
            .build()
            .unwrap();
        errors.push(su.credentials().await.unwrap_err());
    }
    // A key that does not parse.
    errors.push(PrivateKey::parse("<RSAKeyValue><Modulus>S3cret</Modulus></RSAKeyValue>").unwrap_err());

    // OAuth: a refused refresh whose message echoes the refresh token.
    Mock::given(path("/login/common/oauth/tokens"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant", "error_description": "refresh-S3cret-token and oauth-S3cret-secret refused"})))
        .mount(&online.auth)
        .await;
    let oauth = OAuthTokenSource::builder(online.env())
        .client_id("client-1")
        .client_secret("oauth-S3cret-secret")
        .refresh_token("refresh-S3cret-token")
        .access_token("access-S3cret-token", None);
    texts.push(format!("{oauth:?}"));
    let oauth = oauth.build().unwrap();
    texts.push(format!("{oauth:?}"));
    let rejected = oauth.credentials().await.unwrap();
    texts.push(format!("{rejected:?}"));
    errors.push(oauth.renew(rejected).await.unwrap_err());
    let mut claims = IdTokenClaims::default();
    claims.system_token = Some("id-S3cret-system-token".into());
    texts.push(format!("{claims:?} {:#?}", claims));

    // Discovery: a tenant that is not running.
    online.auth.reset().await;
    Mock::given(path(format!("/api/state/{CTX}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(Online::state_on(&online.node1, "Suspended", false)))
        .mount(&online.auth)
        .await;
    let client = Client::online(online.env(), CTX).auth(Auth::bearer(TOKEN)).build().unwrap();
    errors.push(client.chat_session().for_current_user().send().await.unwrap_err());
    assert!(matches!(errors.last(), Some(Error::TenantNotRunning { .. })), "{:?}", errors.last());

    for e in &errors {
        texts.push(format!("{e:?}"));
        texts.push(e.to_string());
    }
    let key_fragments = private_key_fragments();
    for t in &texts {
        assert_clean("Debug/Display", t);
        for f in &key_fragments {
            assert!(!t.contains(f.as_str()), "private key material in: {t}");
        }
    }
    let log = captured();
    drop(logs);
    assert_clean("the tracing output", &log);
    for f in &key_fragments {
        assert!(!log.contains(f.as_str()), "private key material in the logs");
    }
    for needle in ["credentials rejected with 401: renewing", "tenant located", "status=401"] {
        assert!(log.contains(needle), "no `{needle}` in the logs:\n{log}");
    }
}
