//! [`SystemUser`]: server-to-server sign-in for SuperOffice Online (feature `system_user`).
//!
//! 1. Sign `<system user token>.<UTC yyyyMMddHHmm>` with the app's RSA key (RSASSA-PKCS1-v1_5,
//!    SHA-256, standard base64).
//! 2. `POST https://{env}.superoffice.com/Login/api/PartnerSystemUser/Authenticate` with
//!    `SignedSystemToken`, `ApplicationToken` (the client secret), `ContextIdentifier` and
//!    `ReturnTokenType: "JWT"`.
//! 3. Check the returned JWT: RS256 signature against the environment's JWKS, issuer
//!    `SuperOffice AS`, audience `spn:<serial claim>`, expiry.
//! 4. Send its `http://schemes.superoffice.net/identity/ticket` claim as
//!    `Authorization: SOTicket <ticket>` with `SO-AppToken: <client secret>`.
//!
//! The ticket is cached and reused (SuperOffice asks apps not to sign in before every call). It is
//! valid for up to 6 hours after its last use; the SDK renews it before that and after a 401,
//! once, and concurrent calls share one renewal.

use std::fmt;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::Deserialize;

use crate::Error;
use crate::auth::environment::Environment;
use crate::auth::jwt::{JwksCache, Jwt, Validation};
use crate::auth::keyfile::PrivateKey;
use crate::auth::source::{BoxFuture, Fresh, Lifetime, Renewer, TokenSource, scrub};
use crate::auth::{Auth, Secret};
use crate::net::transport_error;

/// The claim holding the ticket.
pub const TICKET_CLAIM: &str = "http://schemes.superoffice.net/identity/ticket";
/// The claim holding the tenant database serial (the audience is `spn:` + this).
pub const SERIAL_CLAIM: &str = "http://schemes.superoffice.net/identity/serial";
/// The issuer of system-user JWTs.
pub const SYSTEM_USER_ISSUER: &str = "SuperOffice AS";
/// How long a ticket stays valid after its last use, as documented.
pub const DEFAULT_TICKET_LIFETIME: Duration = Duration::from_secs(6 * 3600);
/// How long before the end of its lifetime a ticket is renewed.
pub const DEFAULT_RENEW_MARGIN: Duration = Duration::from_secs(10 * 60);

const FLOW: &str = "system user";
const OP: &str = "PartnerSystemUser_Authenticate";

/// Signs in as the tenant's system user and keeps a valid ticket. Use it as a client's
/// [`TokenSource`]:
///
/// ```no_run
/// # async fn run() -> Result<(), superoffice_webapi::Error> {
/// use superoffice_webapi::auth::{Environment, PrivateKey, SystemUser};
/// use superoffice_webapi::Client;
///
/// let key = PrivateKey::parse(&std::fs::read_to_string("app-private-key.xml").unwrap_or_default())?;
/// let system_user = SystemUser::builder(Environment::Sod, "Cust12345")
///     .private_key(key)
///     .system_user_token("MyApp-abcdef")   // from the admin's consent (id_token claim system_token)
///     .client_secret("the app's client secret")
///     .build()?;
/// let client = Client::online(Environment::Sod, "Cust12345").token_source(system_user).build()?;
/// # Ok(()) }
/// ```
pub struct SystemUser {
    env: Environment,
    context_identifier: String,
    key: PrivateKey,
    system_user_token: Secret,
    client_secret: Secret,
    http: reqwest::Client,
    lifetime: Duration,
    margin: Duration,
    leeway: Duration,
    jwks: JwksCache,
    renewer: Renewer,
}

impl SystemUser {
    /// Starts configuring the system user of tenant `context_identifier` (`Cust12345`) in `env`.
    pub fn builder(env: Environment, context_identifier: impl Into<String>) -> SystemUserBuilder {
        SystemUserBuilder {
            env,
            context_identifier: context_identifier.into(),
            key: None,
            system_user_token: None,
            client_secret: None,
            http: None,
            lifetime: DEFAULT_TICKET_LIFETIME,
            margin: DEFAULT_RENEW_MARGIN,
            leeway: Duration::from_secs(300),
        }
    }

    /// The tenant this system user signs in to.
    pub fn context_identifier(&self) -> &str {
        &self.context_identifier
    }

    /// The environment this system user signs in at.
    pub fn environment(&self) -> &Environment {
        &self.env
    }

    /// `<token>.<yyyyMMddHHmm>.<base64 signature>` for time `now` (what step 1 sends).
    pub fn signed_token(&self, now: DateTime<Utc>) -> Result<Secret, Error> {
        let stamp = format!("{:04}{:02}{:02}{:02}{:02}", now.year(), now.month(), now.day(), now.hour(), now.minute());
        let signed = format!("{}.{stamp}", self.system_user_token.expose());
        let signature = self.key.sign_sha256(signed.as_bytes())?;
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(signature);
        Ok(Secret::new(format!("{signed}.{b64}")))
    }

    /// Signs in now and returns a new ticket (steps 1–4), bypassing the cache.
    pub async fn sign_in(&self) -> Result<Secret, Error> {
        let signed = self.signed_token(Utc::now())?;
        let body = serde_json::json!({
            "SignedSystemToken": signed.expose(),
            "ApplicationToken": self.client_secret.expose(),
            "ContextIdentifier": self.context_identifier,
            "ReturnTokenType": "JWT",
        });
        let url = self.env.system_user_url()?;
        let resp = self
            .http
            .post(url)
            .header(http::header::ACCEPT, "application/json")
            .json(&body)
            .send()
            .await
            .map_err(|e| transport_error(OP, e))?;
        let status = resp.status();
        let bytes = crate::net::read_limited(resp, crate::net::MAX_AUTH_RESPONSE_SIZE, OP).await?;
        let secrets = [self.system_user_token.expose(), self.client_secret.expose(), signed.expose()];
        let answer: Option<AuthenticateResponse> = serde_json::from_slice(&bytes).ok();
        let server_message = answer
            .as_ref()
            .and_then(|a| a.error_message.as_deref())
            .filter(|m| !m.trim().is_empty())
            .map(|m| scrub(m, &secrets));
        if !status.is_success() {
            let detail = server_message.map(|m| format!(": {m}")).unwrap_or_default();
            return Err(Error::SignIn { flow: FLOW, message: format!("{OP} answered HTTP {status}{detail}") });
        }
        let Some(answer) = answer else {
            return Err(Error::SignIn {
                flow: FLOW,
                message: format!("{OP} answered {status} with a body that is not the documented JSON"),
            });
        };
        if answer.is_successful != Some(true) {
            let detail = server_message.unwrap_or_else(|| "no ErrorMessage".to_string());
            return Err(Error::SignIn { flow: FLOW, message: format!("{OP} refused the sign-in: {detail}") });
        }
        let token = answer
            .token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| Error::SignIn { flow: FLOW, message: format!("{OP} succeeded but returned no Token") })?;
        self.ticket_from_jwt(&token).await
    }

    /// Step 3 and 4: verifies the JWT and takes its ticket claim.
    async fn ticket_from_jwt(&self, token: &str) -> Result<Secret, Error> {
        let jwt = Jwt::decode(token).map_err(|e| relabel(e, "the returned Token"))?;
        self.jwks.verify(&self.http, &jwt).await.map_err(|e| relabel(e, "the returned Token"))?;
        let serial = jwt.claim_str(SERIAL_CLAIM).ok_or_else(|| Error::SignIn {
            flow: FLOW,
            message: format!("the returned Token has no `{SERIAL_CLAIM}` claim"),
        })?;
        let rules =
            Validation::new(SYSTEM_USER_ISSUER, format!("spn:{serial}")).with_leeway(self.leeway).for_flow(FLOW);
        jwt.validate_claims(&rules, SystemTime::now())?;
        if let Some(ctx) = jwt.claim_str(crate::auth::id_token::claims::CTX) {
            if !ctx.eq_ignore_ascii_case(&self.context_identifier) {
                return Err(Error::SignIn {
                    flow: FLOW,
                    message: format!("the returned Token is for tenant `{ctx}`, not `{}`", self.context_identifier),
                });
            }
        }
        let ticket = jwt.claim_str(TICKET_CLAIM).filter(|t| !t.is_empty()).ok_or_else(|| Error::SignIn {
            flow: FLOW,
            message: format!("the returned Token has no `{TICKET_CLAIM}` claim"),
        })?;
        Ok(Secret::new(ticket))
    }

    async fn fresh(&self) -> Result<Fresh, Error> {
        let ticket = self.sign_in().await?;
        let lifetime = Lifetime::Sliding(self.lifetime.saturating_sub(self.margin));
        Ok(Fresh { auth: Auth::SoTicket(ticket), lifetime })
    }
}

fn relabel(e: Error, what: &str) -> Error {
    match e {
        Error::SignIn { message, .. } => Error::SignIn { flow: FLOW, message: format!("{what}: {message}") },
        other => other,
    }
}

impl TokenSource for SystemUser {
    fn credentials(&self) -> BoxFuture<'_, Result<Auth, Error>> {
        Box::pin(self.renewer.current(|| self.fresh()))
    }

    fn renew(&self, rejected: Auth) -> BoxFuture<'_, Result<Auth, Error>> {
        Box::pin(async move { self.renewer.renew(&rejected, || self.fresh()).await })
    }

    fn app_token(&self) -> Option<Secret> {
        Some(self.client_secret.clone())
    }
}

impl fmt::Debug for SystemUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SystemUser")
            .field("environment", &self.env)
            .field("context_identifier", &self.context_identifier)
            .field("private_key", &self.key)
            .field("system_user_token", &self.system_user_token)
            .field("client_secret", &self.client_secret)
            .field("ticket_lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct AuthenticateResponse {
    #[serde(rename = "IsSuccessful")]
    is_successful: Option<bool>,
    #[serde(rename = "Token")]
    token: Option<String>,
    #[serde(rename = "ErrorMessage")]
    error_message: Option<String>,
}

/// Configures a [`SystemUser`].
#[must_use = "call `.build()` to get a SystemUser"]
pub struct SystemUserBuilder {
    env: Environment,
    context_identifier: String,
    key: Option<PrivateKey>,
    system_user_token: Option<Secret>,
    client_secret: Option<Secret>,
    http: Option<reqwest::Client>,
    lifetime: Duration,
    margin: Duration,
    leeway: Duration,
}

impl SystemUserBuilder {
    /// The app's private key (see [`PrivateKey::parse`]).
    pub fn private_key(mut self, key: PrivateKey) -> Self {
        self.key = Some(key);
        self
    }

    /// The system user token of this tenant and app (`<App name>-<random>`, from the
    /// `http://schemes.superoffice.net/identity/system_token` claim of the admin's id_token).
    pub fn system_user_token(mut self, token: impl Into<Secret>) -> Self {
        self.system_user_token = Some(token.into());
        self
    }

    /// The app's OAuth client secret (sent as `ApplicationToken` and as `SO-AppToken`).
    pub fn client_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// The HTTP client for sign-in requests (default: a new one with 10 s connect and 60 s
    /// request timeouts).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// How long a ticket stays valid after its last use (default 6 hours, as documented). It
    /// is renewed [`renew_margin`](Self::renew_margin) before that.
    pub fn ticket_lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// How long before the end of its lifetime a ticket is renewed (default 10 minutes).
    pub fn renew_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Clock skew tolerated when checking the returned JWT's `exp`/`nbf` (default 5 minutes).
    pub fn clock_leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// Checks that everything is set.
    pub fn build(self) -> Result<SystemUser, Error> {
        let missing = |what: &str| Error::Config(format!("system user: {what} is not set"));
        let key = self.key.ok_or_else(|| missing("the private key"))?;
        let system_user_token = self.system_user_token.ok_or_else(|| missing("the system user token"))?;
        let client_secret = self.client_secret.ok_or_else(|| missing("the client secret"))?;
        if self.context_identifier.trim().is_empty() {
            return Err(missing("the context identifier"));
        }
        if system_user_token.expose().trim().is_empty() || client_secret.expose().trim().is_empty() {
            return Err(Error::Config(
                "system user: the system user token and client secret must not be empty".to_string(),
            ));
        }
        let http = match self.http {
            Some(h) => h,
            None => crate::auth::default_http()?,
        };
        let jwks = JwksCache::new(self.env.jwks_url()?);
        Ok(SystemUser {
            env: self.env,
            context_identifier: self.context_identifier,
            key,
            system_user_token,
            client_secret,
            http,
            lifetime: self.lifetime,
            margin: self.margin,
            leeway: self.leeway,
            jwks,
            renewer: Renewer::default(),
        })
    }
}

impl fmt::Debug for SystemUserBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SystemUserBuilder")
            .field("environment", &self.env)
            .field("context_identifier", &self.context_identifier)
            .field("private_key", &self.key)
            .field("system_user_token", &self.system_user_token)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}
