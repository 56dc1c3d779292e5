//! OAuth 2.0 / OpenID Connect: [`OAuthTokenSource`] keeps an access token fresh with the
//! refresh-token grant, and keeps the latest id_token, whose claims
//! [`IdTokenClaims`] reads.
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

use crate::Error;
use crate::auth::environment::Environment;
use crate::auth::source::{BoxFuture, Fresh, Lifetime, Renewer, TokenSource, scrub};
use crate::auth::{Auth, IdTokenClaims, Secret};
use crate::net::transport_error;

const FLOW: &str = "OAuth refresh";
const OP: &str = "OAuth_RefreshToken";

/// How long before `expires_in` runs out an access token is refreshed.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

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
        let bytes = crate::net::read_limited(resp, crate::net::MAX_AUTH_RESPONSE_SIZE, OP).await?;
        let answer = parse_token_answer(status, &bytes, &[self.client_secret.expose(), refresh_token.expose()])?;
        if let Some(new_refresh) = answer.refresh_token {
            *self.refresh_token.lock().unwrap_or_else(|e| e.into_inner()) = new_refresh;
        }
        if let Some(id) = answer.id_token {
            *self.id_token.lock().unwrap_or_else(|e| e.into_inner()) = Some(id);
        }
        Ok((answer.access_token, answer.expires_in))
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

/// The longest lifetime an `expires_in` is taken for: a day. A larger value (a server error, or
/// `1e20`) would keep a token forever; the token is then refreshed after a day, or after a 401.
pub const MAX_EXPIRES_IN: Duration = Duration::from_secs(24 * 3600);

/// What a token endpoint answered, checked.
pub(crate) struct TokenAnswer {
    pub(crate) access_token: Secret,
    pub(crate) expires_in: Option<Duration>,
    pub(crate) refresh_token: Option<Secret>,
    pub(crate) id_token: Option<Secret>,
}

/// Checks a token endpoint's answer (`status`, `body`); `secrets` (what was sent) are scrubbed
/// from any message the server echoes. Never panics, whatever the body.
pub(crate) fn parse_token_answer(
    status: http::StatusCode,
    bytes: &[u8],
    secrets: &[&str],
) -> Result<TokenAnswer, Error> {
    let answer: Option<TokenResponse> = serde_json::from_slice(bytes).ok();
    let fail = |what: String| Error::SignIn { flow: FLOW, message: scrub(&what, secrets) };
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
            return Err(fail("the token endpoint returned a token that is not a Bearer token".to_string()));
        }
    }
    Ok(TokenAnswer {
        access_token: Secret::new(access),
        expires_in: answer.expires_in.as_ref().and_then(seconds),
        refresh_token: answer.refresh_token.filter(|t| !t.is_empty()).map(Secret::new),
        id_token: answer.id_token.filter(|t| !t.is_empty()).map(Secret::new),
    })
}

/// `expires_in` as a number or a string of seconds, at most [`MAX_EXPIRES_IN`]; `None` when it
/// is not a non-negative number. Never panics, whatever the server sends.
fn seconds(v: &serde_json::Value) -> Option<Duration> {
    let secs = match v {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if !(secs.is_finite() && secs >= 0.0) {
        return None;
    }
    // `try_from_secs_f64` fails (instead of panicking) on values beyond `Duration::MAX`.
    Some(Duration::try_from_secs_f64(secs).map_or(MAX_EXPIRES_IN, |d| d.min(MAX_EXPIRES_IN)))
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

    #[test]
    fn expires_in_is_a_number_or_a_string() {
        assert_eq!(seconds(&serde_json::json!(300)), Some(Duration::from_secs(300)));
        assert_eq!(seconds(&serde_json::json!("300")), Some(Duration::from_secs(300)));
        assert_eq!(seconds(&serde_json::json!("soon")), None);
        assert_eq!(seconds(&serde_json::json!(-1)), None);
        assert_eq!(seconds(&serde_json::json!(1e20)), Some(MAX_EXPIRES_IN));
        assert_eq!(seconds(&serde_json::json!("1e400")), None, "infinite");
        assert_eq!(seconds(&serde_json::json!(f64::MAX)), Some(MAX_EXPIRES_IN));
    }
}
