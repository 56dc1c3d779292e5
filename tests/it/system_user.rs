//! System user sign-in end to end against the mock SuperOffice Online (tests/online_mock): the
//! signed token, the JWT checks, the ticket on API calls, renewal before expiry and after a 401,
//! and one renewal shared by concurrent calls.

use std::time::Duration;

use crate::online_mock::{authorizations, hits, key_text, ticket, Answer, Online, CLIENT_SECRET, CTX, SYSTEM_TOKEN};
use superoffice_webapi::auth::{PrivateKey, SystemUser, TokenSource};
use superoffice_webapi::{Client, Error, RetryPolicy};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, ResponseTemplate};

const FCU: &str = "/Cust12345/api/v1/ChatSession/ForCurrentUser";

fn system_user(online: &Online, key_file: &str) -> superoffice_webapi::auth::SystemUserBuilder {
    SystemUser::builder(online.env(), CTX)
        .private_key(PrivateKey::parse(&key_text(key_file)).unwrap())
        .system_user_token(SYSTEM_TOKEN)
        .client_secret(CLIENT_SECRET)
}

fn client(online: &Online, su: SystemUser) -> Client {
    Client::online(online.env(), CTX).token_source(su).retry(RetryPolicy::none()).build().unwrap()
}

/// ForCurrentUser on `node` answers 200 `[]` to `ticket`.
async fn accept_ticket(node: &wiremock::MockServer, t: &str) {
    Mock::given(method("GET"))
        .and(path(FCU))
        .and(header("authorization", format!("SOTicket {t}").as_str()))
        .and(header("so-apptoken", CLIENT_SECRET))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .with_priority(1)
        .mount(node)
        .await;
}

/// Anything else on ForCurrentUser is a 401 (a ticket SuperOffice no longer accepts).
async fn reject_other_tickets(node: &wiremock::MockServer) {
    Mock::given(path(FCU))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({"Error": "Ticket expired"})))
        .with_priority(5)
        .mount(node)
        .await;
}

#[tokio::test]
async fn the_three_key_formats_sign_identically_and_the_mock_accepts_them() {
    let online = Online::start().await;
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T13:05:59Z").unwrap().with_timezone(&chrono::Utc);
    let mut signed = Vec::new();
    for file in ["TEST_ONLY_app_key.xml", "TEST_ONLY_app_key.pkcs1.pem", "TEST_ONLY_app_key.pkcs8.pem"] {
        let su = system_user(&online, file).build().unwrap();
        let s = su.signed_token(at).unwrap().expose().to_string();
        // `<token>.<yyyyMMddHHmm in UTC, 24-hour clock>.<standard base64>`
        assert!(s.starts_with(&format!("{SYSTEM_TOKEN}.202603011305.")), "{file}: {s}");
        signed.push(s);
        // And a real sign-in with this key passes the mock's signature check.
        su.sign_in().await.unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    // PKCS#1 v1.5 is deterministic: the same key gives the same signature in every format.
    assert_eq!(signed[0], signed[1]);
    assert_eq!(signed[1], signed[2]);
    assert_eq!(online.valid_sign_ins(), 3);
    assert_eq!(online.seen.invalid.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn signs_in_once_and_sends_the_ticket_with_the_app_token() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    accept_ticket(&online.node1, &ticket(1)).await;
    let client = client(&online, system_user(&online, "TEST_ONLY_app_key.xml").build().unwrap());
    for _ in 0..3 {
        let sessions = client.chat_session().for_current_user().send().await.unwrap();
        assert!(sessions.is_empty());
    }
    assert_eq!(online.valid_sign_ins(), 1, "the ticket is cached, not renewed before every call");
    assert_eq!(authorizations(&online.node1, FCU).await, vec![format!("SOTicket {}", ticket(1)); 3]);
    assert_eq!(hits(&online.auth, FCU).await, 0, "no API call on the host without a number");
}

#[tokio::test]
async fn an_expired_ticket_is_renewed_before_the_call() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    accept_ticket(&online.node1, &ticket(1)).await;
    accept_ticket(&online.node1, &ticket(2)).await;
    reject_other_tickets(&online.node1).await;
    // A lifetime shorter than the renewal margin: every ticket is stale when next used.
    let su = system_user(&online, "TEST_ONLY_app_key.pkcs8.pem")
        .ticket_lifetime(Duration::from_secs(60))
        .renew_margin(Duration::from_secs(120))
        .build()
        .unwrap();
    let client = client(&online, su);
    client.chat_session().for_current_user().send().await.unwrap();
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!(online.valid_sign_ins(), 2);
    assert_eq!(
        authorizations(&online.node1, FCU).await,
        vec![format!("SOTicket {}", ticket(1)), format!("SOTicket {}", ticket(2))],
        "renewed before the second call, so no 401 was needed"
    );
}

#[tokio::test]
async fn a_401_renews_the_ticket_once_and_sends_again() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    accept_ticket(&online.node1, &ticket(2)).await; // ticket 1 is refused (revoked server-side)
    reject_other_tickets(&online.node1).await;
    let client = client(&online, system_user(&online, "TEST_ONLY_app_key.xml").build().unwrap());
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!(online.valid_sign_ins(), 2);
    assert_eq!(
        authorizations(&online.node1, FCU).await,
        vec![format!("SOTicket {}", ticket(1)), format!("SOTicket {}", ticket(2))]
    );
}

#[tokio::test]
async fn a_second_401_is_returned_after_one_renewal() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    reject_other_tickets(&online.node1).await;
    let client = client(&online, system_user(&online, "TEST_ONLY_app_key.xml").build().unwrap());
    let err = client.chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");
    assert_eq!(online.valid_sign_ins(), 2, "one sign-in, one renewal, no loop");
    assert_eq!(hits(&online.node1, FCU).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_share_one_sign_in_and_one_renewal() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    let client = client(&online, system_user(&online, "TEST_ONLY_app_key.xml").build().unwrap());

    // 20 calls at once on a fresh client: one sign-in.
    accept_ticket(&online.node1, &ticket(1)).await;
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.chat_session().for_current_user().send().await })
        })
        .collect();
    for c in calls {
        c.await.unwrap().unwrap();
    }
    assert_eq!(online.valid_sign_ins(), 1);

    // Ticket 1 is revoked: 20 calls at once all get a 401 and share one renewal.
    online.node1.reset().await;
    accept_ticket(&online.node1, &ticket(2)).await;
    reject_other_tickets(&online.node1).await;
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.chat_session().for_current_user().send().await })
        })
        .collect();
    for c in calls {
        c.await.unwrap().unwrap();
    }
    assert_eq!(online.valid_sign_ins(), 2, "one renewal for 20 rejected calls");
    let auths = authorizations(&online.node1, FCU).await;
    let with_new = auths.iter().filter(|a| **a == format!("SOTicket {}", ticket(2))).count();
    assert_eq!(with_new, 20, "every call ends with the renewed ticket: {auths:?}");
}

#[tokio::test]
async fn jwts_that_fail_a_check_are_refused_with_the_reason() {
    let online = Online::start().await;
    for (answer, expected) in [
        (Answer::UnknownKey, "no published key has the token's key id `rotated-key`"),
        (Answer::Forged, "signature does not match the published key"),
        (Answer::WrongIssuer, "issuer `Someone Else`"),
        (Answer::Expired, "expired"),
        (Answer::Refused, "refused the sign-in"),
        (Answer::Http401, "HTTP 401"),
    ] {
        online.set_answer(answer);
        let su = system_user(&online, "TEST_ONLY_app_key.xml").build().unwrap();
        let err = su.sign_in().await.unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::SignIn { flow: "system user", .. }), "{answer:?}: {err:?}");
        assert!(text.contains(expected), "{answer:?}: {text}");
        // The server echoed the system user token and client secret: they are scrubbed.
        assert!(!text.contains(SYSTEM_TOKEN) && !text.contains(CLIENT_SECRET), "{text}");
    }
    // Each new SystemUser fetched the JWKS once for its token (UnknownKey, Forged, WrongIssuer,
    // Expired); Refused and Http401 returned no token.
    assert_eq!(hits(&online.auth, "/login/.well-known/jwks").await, 4);
}

#[tokio::test]
async fn a_token_naming_an_unknown_key_makes_the_jwks_be_fetched_again_once() {
    const JWKS: &str = "/login/.well-known/jwks";
    let online = Online::start().await;
    let su = system_user(&online, "TEST_ONLY_app_key.xml").build().unwrap();
    su.sign_in().await.unwrap();
    su.sign_in().await.unwrap();
    assert_eq!(hits(&online.auth, JWKS).await, 1, "keys are cached");
    online.set_answer(Answer::UnknownKey);
    let err = su.sign_in().await.unwrap_err().to_string();
    assert!(err.contains("rotated-key"), "{err}");
    assert_eq!(hits(&online.auth, JWKS).await, 2, "keys rotate: fetched again for the unknown key id, once");
}

#[tokio::test]
async fn a_wrong_key_is_refused_by_the_server() {
    let online = Online::start().await;
    let su = SystemUser::builder(online.env(), CTX)
        .private_key(PrivateKey::parse(&key_text("TEST_ONLY_other_key.pkcs8.pem")).unwrap())
        .system_user_token(SYSTEM_TOKEN)
        .client_secret(CLIENT_SECRET)
        .build()
        .unwrap();
    let err = su.credentials().await.unwrap_err().to_string();
    assert!(err.contains("signature does not verify"), "{err}");
    assert_eq!(online.valid_sign_ins(), 0);
}

#[test]
fn missing_settings_fail_the_build() {
    let env = superoffice_webapi::auth::Environment::Sod;
    let err = SystemUser::builder(env.clone(), CTX).system_user_token("t").client_secret("s").build().unwrap_err();
    assert!(err.to_string().contains("private key"), "{err}");
    let key = PrivateKey::parse(&key_text("TEST_ONLY_app_key.xml")).unwrap();
    assert_eq!(key.bits(), 1024);
    let err = SystemUser::builder(env, CTX).private_key(key).client_secret("s").build().unwrap_err();
    assert!(err.to_string().contains("system user token"), "{err}");
}

#[tokio::test]
async fn a_post_refused_with_401_is_sent_again_once_with_the_same_body() {
    // A 401 means the request was not processed, so even a POST (never retried by the default
    // RetryPolicy) is sent again after the renewal.
    const CREATE: &str = "/Cust12345/api/v1/ChatSession";
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    Mock::given(method("POST"))
        .and(path(CREATE))
        .and(header("authorization", format!("SOTicket {}", ticket(2)).as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ChatSessionId": 42})))
        .with_priority(1)
        .mount(&online.node1)
        .await;
    Mock::given(path(CREATE)).respond_with(ResponseTemplate::new(401)).with_priority(5).mount(&online.node1).await;
    let client = Client::online(online.env(), CTX)
        .token_source(system_user(&online, "TEST_ONLY_app_key.xml").build().unwrap())
        .build()
        .unwrap();
    let mut entity = superoffice_webapi::models::ChatSessionEntity::default();
    entity.customer_name = Some("Ada".into());
    let created = client.chat_session().create(entity).send().await.unwrap();
    assert_eq!(created.chat_session_id, Some(42));
    let requests = online.node1.received_requests().await.unwrap();
    let posts: Vec<_> = requests.iter().filter(|r| r.url.path() == CREATE).collect();
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].body, posts[1].body);
    let body: serde_json::Value = serde_json::from_slice(&posts[1].body).unwrap();
    assert_eq!(body["CustomerName"], "Ada");
    assert_eq!(online.valid_sign_ins(), 2);
}
