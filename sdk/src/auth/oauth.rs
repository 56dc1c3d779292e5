//! OAuth 2.0 / OpenID Connect: [`OAuthTokenSource`] keeps an access token fresh with the
//! refresh-token grant, and [`IdTokenClaims`] reads SuperOffice's claims from an id_token.
//!
//! The refresh request is `POST https://{env}.superoffice.com/login/common/oauth/tokens` with a
//! form body `grant_type=refresh_token&client_id&client_secret&refresh_token[&redirect_uri]`.
//! The response carries `access_token`, `token_type` (`Bearer`, any case), `expires_in` (seconds,
//! a number or a string) and usually `id_token`; a new `refresh_token` is used when one comes.

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use serde::Deserialize;
use url::Url;

use crate::auth::environment::Environment;
use crate::auth::jwt::Jwt;
use crate::auth::source::{scrub, BoxFuture, Fresh, Lifetime, Renewer, TokenSource};
use crate::auth::{transport_error, Auth, Secret};
use crate::Error;

const FLOW: &str = "OAuth refresh";
const OP: &str = "OAuth_RefreshToken";

/// How long before `expires_in` runs out an access token is refreshed.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The names of SuperOffice's id_token claims.
pub mod claims {
    /// The tenant (`Cust12345`).
    pub const CTX: &str = "http://schemes.superoffice.net/identity/ctx";
    /// The REST base URL (`https://sod.superoffice.com/Cust12345/api/`).
    pub const WEBAPI_URL: &str = "http://schemes.superoffice.net/identity/webapi_url";
    /// The SOAP base URL.
    pub const NETSERVER_URL: &str = "http://schemes.superoffice.net/identity/netserver_url";
    /// The system user token of the app in this tenant.
    pub const SYSTEM_TOKEN: &str = "http://schemes.superoffice.net/identity/system_token";
    /// The tenant database serial.
    pub const SERIAL: &str = "http://schemes.superoffice.net/identity/serial";
    /// The signed-in user's associate id.
    pub const ASSOCIATE_ID: &str = "http://schemes.superoffice.net/identity/associateid";
    /// The signed-in user's email.
    pub const EMAIL: &str = "http://schemes.superoffice.net/identity/email";
    /// The signed-in user's user principal name.
    pub const UPN: &str = "http://schemes.superoffice.net/identity/upn";
    /// `"True"` or `"False"`.
    pub const IS_ADMINISTRATOR: &str = "http://schemes.superoffice.net/identity/is_administrator";
    /// The customer's company name.
    pub const COMPANY_NAME: &str = "http://schemes.superoffice.net/identity/company_name";
}

/// SuperOffice's claims of an OpenID Connect id_token. `Debug` hides the system user token.
#[derive(Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct IdTokenClaims {
    /// `iss` (`https://sod.superoffice.com`).
    pub issuer: Option<String>,
    /// `aud`, the client id (the first one when it is a list).
    pub audience: Option<String>,
    /// `exp`, seconds since the epoch.
    pub expires_at: Option<i64>,
    /// The context identifier (`Cust12345`).
    pub context_identifier: Option<String>,
    /// The WebAPI (REST) base URL, ending in `/api/`. Prefer the tenant state API's `Api` for
    /// calls: this claim may name the host without a number.
    pub webapi_url: Option<String>,
    /// The NetServer (SOAP) base URL.
    pub netserver_url: Option<String>,
    /// The system user token, for [`SystemUser`](crate::auth::SystemUser).
    pub system_token: Option<Secret>,
    /// The tenant database serial.
    pub serial: Option<String>,
    /// The user's associate id.
    pub associate_id: Option<i64>,
    /// The user's email.
    pub email: Option<String>,
    /// The user's user principal name.
    pub upn: Option<String>,
    /// Whether the user is an administrator (`"True"`/`"False"` in the token).
    pub is_administrator: Option<bool>,
    /// The customer's company name.
    pub company_name: Option<String>,
}

impl IdTokenClaims {
    /// Reads the claims of `id_token` without verifying it (it came straight from the token
    /// endpoint over TLS). With the `jwt` feature, [`IdTokenClaims::verified`] checks it first.
    pub fn decode(id_token: &str) -> Result<Self, Error> {
        Ok(Self::from_jwt(&Jwt::decode(id_token)?))
    }

    /// Verifies `id_token` (RS256 signature against `jwks`, issuer `env.oidc_issuer()`, audience
    /// `client_id`, expiry with 60 s leeway) and reads its claims.
    #[cfg(feature = "jwt")]
    pub fn verified(
        id_token: &str,
        jwks: &crate::auth::jwt::Jwks,
        env: &Environment,
        client_id: &str,
    ) -> Result<Self, Error> {
        let jwt = Jwt::decode(id_token)?;
        jwks.verify(&jwt)?;
        let rules = crate::auth::jwt::Validation::new(env.oidc_issuer(), client_id).for_flow("OpenID Connect");
        jwt.validate_claims(&rules, std::time::SystemTime::now())?;
        Ok(Self::from_jwt(&jwt))
    }

    fn from_jwt(jwt: &Jwt) -> Self {
        let audience = match jwt.claim("aud") {
            Some(serde_json::Value::Array(list)) => list.first().and_then(|v| v.as_str()).map(str::to_string),
            _ => jwt.claim_str("aud"),
        };
        IdTokenClaims {
            issuer: jwt.claim_str("iss"),
            audience,
            expires_at: jwt.claim_seconds("exp"),
            context_identifier: jwt.claim_str(claims::CTX),
            webapi_url: jwt.claim_str(claims::WEBAPI_URL),
            netserver_url: jwt.claim_str(claims::NETSERVER_URL),
            system_token: jwt.claim_str(claims::SYSTEM_TOKEN).map(Secret::new),
            serial: jwt.claim_str(claims::SERIAL),
            associate_id: jwt.claim_str(claims::ASSOCIATE_ID).and_then(|s| s.trim().parse().ok()),
            email: jwt.claim_str(claims::EMAIL),
            upn: jwt.claim_str(claims::UPN),
            is_administrator: jwt.claim_str(claims::IS_ADMINISTRATOR).map(|s| s.trim().eq_ignore_ascii_case("true")),
            company_name: jwt.claim_str(claims::COMPANY_NAME),
        }
    }
}

impl fmt::Debug for IdTokenClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdTokenClaims")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("expires_at", &self.expires_at)
            .field("context_identifier", &self.context_identifier)
            .field("webapi_url", &self.webapi_url)
            .field("netserver_url", &self.netserver_url)
            .field("system_token", &self.system_token)
            .field("serial", &self.serial)
            .field("associate_id", &self.associate_id)
            .field("email", &self.email)
            .field("upn", &self.upn)
            .field("is_administrator", &self.is_administrator)
            .field("company_name", &self.company_name)
            .finish()
    }
}

/// A bearer token kept fresh with the refresh-token grant: refreshed when `expires_in` is about
/// to run out and after a 401 (once); concurrent calls share one refresh.
///
/// ```no_run
/// # fn run() -> Result<(), superoffice_webapi::Error> {
/// use superoffice_webapi::auth::{Environment, OAuthTokenSource};
/// use superoffice_webapi::Client;
///
/// let tokens = OAuthTokenSource::builder(Environment::Sod)
///     .client_id("my-client-id")
///     .client_secret("my-client-secret")
///     .refresh_token("the refresh token from the code flow")
///     .build()?;
/// let client = Client::online(Environment::Sod, "Cust12345").token_source(tokens).build()?;
/// # Ok(()) }
/// ```
pub struct OAuthTokenSource {
    token_url: Url,
    client_id: String,
    client_secret: Secret,
    refresh_token: Mutex<Secret>,
    redirect_uri: Option<String>,
    http: reqwest::Client,
    margin: Duration,
    id_token: Mutex<Option<Secret>>,
    renewer: Renewer,
    initial: Mutex<Option<(Secret, Option<Duration>)>>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: Option<String>,
    token_type: Option<String>,
    expires_in: Option<serde_json::Value>,
    refresh_token: Option<String>,
    id_token: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

impl OAuthTokenSource {
    /// Starts configuring a token source for `env`'s token endpoint.
    pub fn builder(env: Environment) -> OAuthTokenSourceBuilder {
        OAuthTokenSourceBuilder {
            token_url: env.token_url(),
            client_id: None,
            client_secret: None,
            refresh_token: None,
            redirect_uri: None,
            access_token: None,
            http: None,
            margin: DEFAULT_REFRESH_MARGIN,
        }
    }

    /// The claims of the latest id_token the token endpoint returned, if any.
    pub fn id_token_claims(&self) -> Option<Result<IdTokenClaims, Error>> {
        let guard = self.id_token.lock().unwrap_or_else(|e| e.into_inner());
        guard.as_ref().map(|t| IdTokenClaims::decode(t.expose()))
    }

    /// The latest id_token the token endpoint returned (to verify it yourself).
    pub fn id_token(&self) -> Option<Secret> {
        self.id_token.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Refreshes now with the refresh-token grant, bypassing (and then updating) the cache, and
    /// returns the new access token.
    pub async fn refresh(&self) -> Result<Secret, Error> {
        let (token, expires_in) = self.exchange().await?;
        self.renewer.set(self.fresh_from(token.clone(), expires_in)).await;
        Ok(token)
    }

    /// One refresh-token grant request. Keeps a new refresh token and the id_token.
    async fn exchange(&self) -> Result<(Secret, Option<Duration>), Error> {
        let refresh_token = self.refresh_token.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let form = {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            form.append_pair("grant_type", "refresh_token")
                .append_pair("client_id", &self.client_id)
                .append_pair("client_secret", self.client_secret.expose())
                .append_pair("refresh_token", refresh_token.expose());
            if let Some(r) = &self.redirect_uri {
                form.append_pair("redirect_uri", r);
            }
            form.finish()
        };
        let resp = self
            .http
            .post(self.token_url.clone())
            .header(http::header::ACCEPT, "application/json")
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .map_err(|e| transport_error(OP, e))?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| transport_error(OP, e))?;
        let answer: Option<TokenResponse> = serde_json::from_slice(&bytes).ok();
        let secrets = [self.client_secret.expose(), refresh_token.expose()];
        let fail = |what: String| Error::SignIn { flow: FLOW, message: scrub(&what, &secrets) };
        if !status.is_success() {
            let detail = answer
                .as_ref()
                .map(|a| {
                    let e = a.error.as_deref().unwrap_or("");
                    match a.error_description.as_deref() {
                        Some(d) if !d.is_empty() => format!(": {e} ({d})"),
                        _ if !e.is_empty() => format!(": {e}"),
                        _ => String::new(),
                    }
                })
                .unwrap_or_default();
            return Err(fail(format!("the token endpoint answered HTTP {status}{detail}")));
        }
        let answer = answer.ok_or_else(|| fail("the token endpoint's answer is not JSON".to_string()))?;
        let access = answer
            .access_token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| fail("the token endpoint's answer has no access_token".to_string()))?;
        if let Some(kind) = &answer.token_type {
            if !kind.eq_ignore_ascii_case("bearer") {
                return Err(fail(format!("the token endpoint returned a `{kind}` token, not a Bearer token")));
            }
        }
        let expires_in = answer.expires_in.as_ref().and_then(seconds);
        if let Some(new_refresh) = answer.refresh_token.filter(|t| !t.is_empty()) {
            *self.refresh_token.lock().unwrap_or_else(|e| e.into_inner()) = Secret::new(new_refresh);
        }
        if let Some(id) = answer.id_token.filter(|t| !t.is_empty()) {
            *self.id_token.lock().unwrap_or_else(|e| e.into_inner()) = Some(Secret::new(id));
        }
        Ok((Secret::new(access), expires_in))
    }

    fn fresh_from(&self, token: Secret, expires_in: Option<Duration>) -> Fresh {
        let lifetime = match expires_in {
            Some(d) => Lifetime::Fixed(d.saturating_sub(self.margin)),
            None => Lifetime::Unknown,
        };
        Fresh { auth: Auth::Bearer(token), lifetime }
    }

    async fn fresh(&self) -> Result<Fresh, Error> {
        let initial = self.initial.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some((token, expires_in)) = initial {
            return Ok(self.fresh_from(token, expires_in));
        }
        let (token, expires_in) = self.exchange().await?;
        Ok(self.fresh_from(token, expires_in))
    }
}

/// `expires_in` as a number or a string of seconds.
fn seconds(v: &serde_json::Value) -> Option<Duration> {
    let secs = match v {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs))
}

impl TokenSource for OAuthTokenSource {
    fn credentials(&self) -> BoxFuture<'_, Result<Auth, Error>> {
        Box::pin(self.renewer.current(|| self.fresh()))
    }

    fn renew(&self, rejected: Auth) -> BoxFuture<'_, Result<Auth, Error>> {
        Box::pin(async move { self.renewer.renew(&rejected, || self.fresh()).await })
    }
}

impl fmt::Debug for OAuthTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthTokenSource")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("refresh_token", &"[redacted]")
            .finish_non_exhaustive()
    }
}

/// Configures an [`OAuthTokenSource`].
#[must_use = "call `.build()` to get a token source"]
pub struct OAuthTokenSourceBuilder {
    token_url: Result<Url, Error>,
    client_id: Option<String>,
    client_secret: Option<Secret>,
    refresh_token: Option<Secret>,
    redirect_uri: Option<String>,
    access_token: Option<(Secret, Option<Duration>)>,
    http: Option<reqwest::Client>,
    margin: Duration,
}

impl OAuthTokenSourceBuilder {
    /// The app's client id.
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.client_id = Some(id.into());
        self
    }

    /// The app's client secret.
    pub fn client_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// The refresh token from the authorization-code flow.
    pub fn refresh_token(mut self, token: impl Into<Secret>) -> Self {
        self.refresh_token = Some(token.into());
        self
    }

    /// The `redirect_uri` registered for the app (optional for the refresh grant).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// An access token you already have and how long it is valid (`expires_in`); without this
    /// the first call refreshes.
    pub fn access_token(mut self, token: impl Into<Secret>, expires_in: Option<Duration>) -> Self {
        self.access_token = Some((token.into(), expires_in));
        self
    }

    /// Another token endpoint (default: the environment's `/login/common/oauth/tokens`).
    pub fn token_url(mut self, url: &str) -> Self {
        self.token_url = Url::parse(url).map_err(|e| Error::Config(format!("token URL is not a URL: {e}")));
        self
    }

    /// The HTTP client for token requests.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// How long before expiry the token is refreshed (default 60 s).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Checks that everything is set.
    pub fn build(self) -> Result<OAuthTokenSource, Error> {
        let missing = |what: &str| Error::Config(format!("OAuth token source: {what} is not set"));
        let token_url = self.token_url?;
        let client_id = self.client_id.filter(|c| !c.trim().is_empty()).ok_or_else(|| missing("the client id"))?;
        let client_secret = self.client_secret.ok_or_else(|| missing("the client secret"))?;
        let refresh_token = self.refresh_token.ok_or_else(|| missing("the refresh token"))?;
        let http = match self.http {
            Some(h) => h,
            None => crate::auth::default_http()?,
        };
        Ok(OAuthTokenSource {
            token_url,
            client_id,
            client_secret,
            refresh_token: Mutex::new(refresh_token),
            redirect_uri: self.redirect_uri,
            http,
            margin: self.margin,
            id_token: Mutex::new(None),
            renewer: Renewer::default(),
            initial: Mutex::new(self.access_token),
        })
    }
}

impl fmt::Debug for OAuthTokenSourceBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthTokenSourceBuilder")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("refresh_token", &self.refresh_token)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn id_token_claims_are_readable() {
        let enc = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let token = format!(
            "{}.{}.c2ln",
            enc(serde_json::json!({"alg": "RS256"})),
            enc(serde_json::json!({
                "iss": "https://sod.superoffice.com",
                "aud": "client-1",
                "exp": 1700000000,
                claims::CTX: "Cust26759",
                claims::WEBAPI_URL: "https://sod.superoffice.com/Cust26759/api/",
                claims::SYSTEM_TOKEN: "MyApp-s3cret",
                claims::ASSOCIATE_ID: "5",
                claims::IS_ADMINISTRATOR: "True",
            }))
        );
        let c = IdTokenClaims::decode(&token).unwrap();
        assert_eq!(c.context_identifier.as_deref(), Some("Cust26759"));
        assert_eq!(c.webapi_url.as_deref(), Some("https://sod.superoffice.com/Cust26759/api/"));
        assert_eq!(c.system_token.as_ref().map(Secret::expose), Some("MyApp-s3cret"));
        assert_eq!(c.associate_id, Some(5));
        assert_eq!(c.is_administrator, Some(true));
        assert_eq!(c.audience.as_deref(), Some("client-1"));
        assert!(!format!("{c:?}").contains("s3cret"));
    }

    #[test]
    fn expires_in_is_a_number_or_a_string() {
        assert_eq!(seconds(&serde_json::json!(300)), Some(Duration::from_secs(300)));
        assert_eq!(seconds(&serde_json::json!("300")), Some(Duration::from_secs(300)));
        assert_eq!(seconds(&serde_json::json!("soon")), None);
        assert_eq!(seconds(&serde_json::json!(-1)), None);
    }
}
