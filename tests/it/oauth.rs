//! OAuth refresh end to end against a mock token endpoint: refresh on first use, before expiry
//! and after a 401 (once); a rotated refresh token is used; the id_token's claims are readable
//! and verifiable against the mock JWKS; a token source of your own plugs in the same way.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::online_mock::{authorizations, hits, now_secs, sign_jwt, Online, CTX, KID};
use superoffice_webapi::auth::jwt::Jwks;
use superoffice_webapi::auth::{Auth, BoxFuture, IdTokenClaims, OAuthTokenSource, TokenSource};
use superoffice_webapi::{Client, Error, RetryPolicy};
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKENS: &str = "/login/common/oauth/tokens";
const FCU: &str = "/Cust12345/api/v1/ChatSession/ForCurrentUser";
const CLIENT_ID: &str = "client-id-1";
const CLIENT_SECRET: &str = "oauth-client-S3cret";
const REFRESH_1: &str = "refresh-S3cret-1";
const REFRESH_2: &str = "refresh-S3cret-2";

fn id_token(online: &Online) -> String {
    let now = now_secs();
    sign_jwt(
        &online.issuer,
        KID,
        &serde_json::json!({
            "iss": online.env().oidc_issuer(),
            "aud": CLIENT_ID,
            "exp": now + 3600,
            "nbf": now - 5,
            "iat": (now - 5).to_string(),
            "http://schemes.superoffice.net/identity/ctx": CTX,
            "http://schemes.superoffice.net/identity/webapi_url": "https://sod.superoffice.com/Cust12345/api/",
            "http://schemes.superoffice.net/identity/system_token": "TestApp-idtoken-S3cret",
            "http://schemes.superoffice.net/identity/is_administrator": "False",
        }),
    )
}

/// The token endpoint answers a refresh with `refresh_token` and gives `access`.
async fn token_answer(
    online: &Online,
    refresh_token: &str,
    access: &str,
    expires_in: serde_json::Value,
    rotate: Option<&str>,
) {
    let mut body = serde_json::json!({
        "token_type": "bearer",
        "access_token": access,
        "expires_in": expires_in,
        "id_token": id_token(online),
    });
    if let Some(r) = rotate {
        body["refresh_token"] = serde_json::json!(r);
    }
    Mock::given(method("POST"))
        .and(path(TOKENS))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains(format!("client_id={CLIENT_ID}").as_str()))
        .and(body_string_contains(format!("client_secret={CLIENT_SECRET}").as_str()))
        .and(body_string_contains(format!("refresh_token={refresh_token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .up_to_n_times(1)
        .mount(&online.auth)
        .await;
}

async fn accept_bearer(node: &MockServer, token: &str) {
    Mock::given(path(FCU))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .with_priority(1)
        .mount(node)
        .await;
    Mock::given(path(FCU)).respond_with(ResponseTemplate::new(401)).with_priority(5).mount(node).await;
}

fn source(online: &Online) -> superoffice_webapi::auth::OAuthTokenSourceBuilder {
    OAuthTokenSource::builder(online.env()).client_id(CLIENT_ID).client_secret(CLIENT_SECRET).refresh_token(REFRESH_1)
}

fn client(online: &Online, source: Arc<dyn TokenSource>) -> Client {
    Client::online(online.env(), CTX).shared_token_source(source).retry(RetryPolicy::none()).build().unwrap()
}

#[tokio::test]
async fn refreshes_on_first_use_and_reads_the_id_token() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    token_answer(&online, REFRESH_1, "at-1", serde_json::json!("3600"), None).await;
    accept_bearer(&online.node1, "at-1").await;
    let tokens = Arc::new(source(&online).build().unwrap());
    let client = client(&online, tokens.clone());
    client.chat_session().for_current_user().send().await.unwrap();
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!(hits(&online.auth, TOKENS).await, 1, "expires_in (a string here) is an hour: no second refresh");

    let claims = tokens.id_token_claims().unwrap().unwrap();
    assert_eq!(claims.context_identifier.as_deref(), Some(CTX));
    assert_eq!(claims.webapi_url.as_deref(), Some("https://sod.superoffice.com/Cust12345/api/"));
    assert_eq!(claims.system_token.as_ref().map(|s| s.expose()), Some("TestApp-idtoken-S3cret"));
    assert_eq!(claims.is_administrator, Some(false));

    // Verified against the mock JWKS: issuer = the environment, audience = the client id.
    let keys = Jwks::fetch(&online.env()).await.unwrap();
    assert_eq!(keys.len(), 1);
    let id_token = tokens.id_token().unwrap();
    let verified = IdTokenClaims::verified(id_token.expose(), &keys, &online.env(), CLIENT_ID).unwrap();
    assert_eq!(verified, claims);
    let err = IdTokenClaims::verified(id_token.expose(), &keys, &online.env(), "another-client").unwrap_err();
    assert!(err.to_string().contains("audience"), "{err}");
}

#[tokio::test]
async fn an_expiring_token_is_refreshed_before_the_call_with_the_rotated_refresh_token() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    // expires_in 30 s is inside the 60 s refresh margin: stale at once.
    token_answer(&online, REFRESH_1, "at-1", serde_json::json!(30), Some(REFRESH_2)).await;
    token_answer(&online, REFRESH_2, "at-2", serde_json::json!(3600), None).await;
    Mock::given(path(FCU))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&online.node1)
        .await;
    let client = client(&online, Arc::new(source(&online).build().unwrap()));
    client.chat_session().for_current_user().send().await.unwrap();
    client.chat_session().for_current_user().send().await.unwrap();
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!(authorizations(&online.node1, FCU).await, ["Bearer at-1", "Bearer at-2", "Bearer at-2"]);
    assert_eq!(hits(&online.auth, TOKENS).await, 2);
}

#[tokio::test]
async fn a_401_refreshes_once_and_sends_again() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    token_answer(&online, REFRESH_1, "at-2", serde_json::json!(3600), None).await;
    accept_bearer(&online.node1, "at-2").await;
    // Start from a token the app already had, which the server no longer accepts.
    let tokens = source(&online).access_token("at-old", Some(Duration::from_secs(3600))).build().unwrap();
    let client = client(&online, Arc::new(tokens));
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!(authorizations(&online.node1, FCU).await, ["Bearer at-old", "Bearer at-2"]);
    assert_eq!(hits(&online.auth, TOKENS).await, 1);
}

#[tokio::test]
async fn a_refused_refresh_is_an_error_without_secrets() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    Mock::given(path(TOKENS))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant",
            "error_description": format!("refresh token {REFRESH_1} was revoked"),
        })))
        .mount(&online.auth)
        .await;
    let client = client(&online, Arc::new(source(&online).build().unwrap()));
    let err = client.chat_session().for_current_user().send().await.unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::SignIn { flow: "OAuth refresh", .. }), "{err:?}");
    assert!(text.contains("HTTP 400") && text.contains("invalid_grant"), "{text}");
    assert!(!text.contains(REFRESH_1) && !text.contains(CLIENT_SECRET), "{text}");
    assert_eq!(hits(&online.node1, FCU).await, 0);
}

/// A token source of the application's own: counts what the client asks of it.
#[derive(Debug, Default)]
struct Counting {
    asked: AtomicUsize,
    renewed: AtomicUsize,
}

impl TokenSource for Counting {
    fn credentials(&self) -> BoxFuture<'_, Result<Auth, Error>> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        let n = self.renewed.load(Ordering::SeqCst);
        Box::pin(async move { Ok(Auth::bearer(format!("own-{n}"))) })
    }

    fn renew(&self, rejected: Auth) -> BoxFuture<'_, Result<Auth, Error>> {
        assert_eq!(rejected, Auth::bearer("own-0"));
        let n = self.renewed.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move { Ok(Auth::bearer(format!("own-{n}"))) })
    }
}

#[tokio::test]
async fn a_token_source_of_your_own_is_asked_and_renewed_once() {
    let online = Online::start().await;
    online.tenant_on(&online.node1).await;
    accept_bearer(&online.node1, "own-1").await;
    let own = Arc::new(Counting::default());
    let client = client(&online, own.clone());
    client.chat_session().for_current_user().send().await.unwrap();
    assert_eq!(own.renewed.load(Ordering::SeqCst), 1);
    assert_eq!(own.asked.load(Ordering::SeqCst), 2, "asked before each of the two attempts");
    assert_eq!(authorizations(&online.node1, FCU).await, ["Bearer own-0", "Bearer own-1"]);
}
