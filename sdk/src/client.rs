//! The client: configuration, connection pool and the documented default headers.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};
use url::Url;

use crate::Error;
use crate::auth::{Auth, Environment, Secret, TokenSource};
use crate::headers::{DocumentedHeaders, TimeZone, names};
use crate::hooks::{HookRegistry, Hooked};
use crate::operation::Parts;
use crate::request::RequestCore;
use crate::retry::RetryPolicy;
use crate::tenant::TenantLocator;

/// Default time allowed to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for a whole request (all bytes of the response received).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default largest response body a client reads: 64 MiB. A list page of 1000 rows is typically
/// well under 1 MiB; raise the limit with [`ClientBuilder::max_response_body_size`] for large
/// document downloads.
pub const DEFAULT_MAX_RESPONSE_BODY_SIZE: usize = 64 * 1024 * 1024;

/// A WebAPI client. Cheap to clone (an `Arc`); clones share one connection pool. `Send + Sync`.
///
/// ```no_run
/// # async fn run() -> Result<(), superoffice_webapi::Error> {
/// use superoffice_webapi::{Auth, Client, TimeZone};
///
/// let client = Client::builder("https://sod.superoffice.com/Cust12345")
///     .auth(Auth::bearer("token from the OpenID Connect flow"))
///     .app_token("the partner app's token")
///     .time_zone(TimeZone::new("UTC").include_offset())
///     .build()?;
/// let sessions = client.chat_session().for_current_user().language("en").send().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientInner>,
}

pub(crate) struct ClientInner {
    pub(crate) http: reqwest::Client,
    pub(crate) base: Url,
    /// Accept, the client-wide documented headers and the auth header, ready to send.
    pub(crate) default_headers: HeaderMap,
    pub(crate) auth_scheme: Option<&'static str>,
    /// The retry policy of requests that do not set their own.
    pub(crate) retry: RetryPolicy,
    /// Scripting-event hooks by operation (see [`crate::hooks`]).
    pub(crate) hooks: HookRegistry,
    /// Credentials that renew (system user, OAuth); asked before every attempt.
    pub(crate) token_source: Option<Arc<dyn TokenSource>>,
    /// For Online tenants: finds the tenant's host (see [`crate::tenant`]).
    pub(crate) tenant: Option<Arc<TenantLocator>>,
    /// The largest response body read, in bytes.
    pub(crate) max_body: usize,
}

impl Client {
    /// Starts configuring a client for a tenant URL such as `https://sod.superoffice.com/Cust12345`
    /// (with or without a trailing slash or `/api/v1`).
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(base_url)
    }

    /// Starts configuring a client for an Online tenant whose host is found with the tenant
    /// state API (`GET https://{env}.superoffice.com/api/state/{ctx}`) before the first call, when
    /// the state's `ValidUntil` has passed, and after a `421 Misdirected Request` (then the
    /// request is sent once more). A tenant that is not running fails calls with
    /// [`Error::TenantNotRunning`].
    ///
    /// ```
    /// use superoffice_webapi::auth::Environment;
    /// use superoffice_webapi::Client;
    ///
    /// let client = Client::online(Environment::Online, "Cust12345").build()?;
    /// assert_eq!(client.base_url().as_str(), "https://online.superoffice.com/Cust12345/");
    /// # Ok::<(), superoffice_webapi::Error>(())
    /// ```
    pub fn online(env: Environment, context_identifier: impl Into<String>) -> ClientBuilder {
        let ctx = context_identifier.into();
        let mut builder = ClientBuilder::new(format!("{}{ctx}", env.base_url()));
        builder.tenant = Some((env, ctx));
        builder
    }

    /// The tenant base URL requests are resolved against (always ends with `/`). For a client
    /// built with [`Client::online`] this is the URL it was built with (the host without a
    /// number); requests go to the host the tenant state API names.
    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    /// The client and default options of a new request builder.
    pub(crate) fn core(&self) -> RequestCore {
        RequestCore::new(self.clone())
    }

    /// The full URL of a request's `parts` under `base` (the client's, or the located tenant's).
    pub(crate) fn url_for(&self, parts: &Parts, base: &Url) -> Result<Url, Error> {
        let mut url = base.clone();
        {
            let mut segs =
                url.path_segments_mut().map_err(|()| Error::Config(format!("base URL `{base}` cannot have a path")))?;
            segs.pop_if_empty();
            for s in parts.segments() {
                segs.push(s);
            }
        }
        if !parts.pairs().is_empty() {
            let mut q = url.query_pairs_mut();
            for (k, v) in parts.pairs() {
                q.append_pair(k, v);
            }
        }
        Ok(url)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field("auth", &self.inner.auth_scheme.unwrap_or("none"))
            .field("token_source", &self.inner.token_source)
            .field("tenant", &self.inner.tenant)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]. Header values are validated when set; the first problem is returned by
/// [`ClientBuilder::build`].
#[must_use = "call `.build()` to get a client"]
pub struct ClientBuilder {
    base_url: String,
    auth: Option<Auth>,
    headers: DocumentedHeaders,
    error: Option<Error>,
    connect_timeout: Duration,
    timeout: Duration,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    hooks: HookRegistry,
    token_source: Option<Arc<dyn TokenSource>>,
    tenant: Option<(Environment, String)>,
    max_body: usize,
}

impl ClientBuilder {
    /// See [`Client::builder`].
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientBuilder {
            base_url: base_url.into(),
            auth: None,
            headers: DocumentedHeaders::default(),
            error: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            http: None,
            retry: RetryPolicy::default(),
            hooks: HookRegistry::default(),
            token_source: None,
            tenant: None,
            max_body: DEFAULT_MAX_RESPONSE_BODY_SIZE,
        }
    }

    /// How requests authenticate.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Credentials that expire and renew: `auth::SystemUser` (feature `system_user`),
    /// [`OAuthTokenSource`](crate::auth::OAuthTokenSource) or your own [`TokenSource`]. The
    /// client asks it for the `Authorization` value before every attempt (overriding
    /// [`auth`](Self::auth)) and, after a `401`, asks it once to renew and sends the request again.
    /// Its [`app_token`](TokenSource::app_token) becomes the default `SO-AppToken` unless
    /// [`app_token`](Self::app_token) sets one.
    pub fn token_source(self, source: impl TokenSource) -> Self {
        self.shared_token_source(Arc::new(source))
    }

    /// [`token_source`](Self::token_source) for a source shared with other clients or code.
    pub fn shared_token_source(mut self, source: Arc<dyn TokenSource>) -> Self {
        self.token_source = Some(source);
        self
    }

    fn header(mut self, name: HeaderName, display: &'static str, value: &str) -> Self {
        if let Err(e) = self.headers.set(name, display, value) {
            self.error.get_or_insert(e);
        }
        self
    }

    /// Default `SO-AppToken`: the application token that identifies the partner app.
    pub fn app_token(self, token: impl Into<Secret>) -> Self {
        let token = token.into();
        self.header(names::SO_APP_TOKEN, "SO-AppToken", token.expose())
    }

    /// Default `SO-Language`: language (iso2) for string references and multi-language values.
    pub fn language(self, code: &str) -> Self {
        self.header(names::SO_LANGUAGE, "SO-Language", code)
    }

    /// Default `SO-Culture`: culture (iso2) for number and date formatting.
    pub fn culture(self, code: &str) -> Self {
        self.header(names::SO_CULTURE, "SO-Culture", code)
    }

    /// Default `SO-TimeZone`: the time zone date-times are converted to.
    pub fn time_zone(self, tz: impl Into<TimeZone>) -> Self {
        let tz = tz.into();
        self.header(names::SO_TIME_ZONE, "SO-TimeZone", tz.as_str())
    }

    /// Default `Accept-Language`.
    pub fn accept_language(self, value: &str) -> Self {
        self.header(names::ACCEPT_LANGUAGE, "Accept-Language", value)
    }

    /// Time allowed to connect (default 10 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Time allowed for a whole request (default 60 s): connecting, sending and receiving the
    /// whole response. It bounds each attempt; [`RetryPolicy::max_elapsed`] bounds when retries
    /// may start.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// How failed requests are retried (default [`RetryPolicy::default`]: idempotent requests, 3
    /// attempts); [`RetryPolicy::none`] turns retries off. A request can override it with
    /// its own `.retry(..)` setter.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Runs `hooks` around every call of `Op` made by the built client, replacing hooks registered
    /// earlier for `Op`. Exposed by the generated code as one method per endpoint with scripting
    /// events (`chat_session_for_current_user_hooks`, ...).
    pub(crate) fn register_hooks<Op: Hooked>(mut self, hooks: Arc<Op::Hooks>) -> Self {
        self.hooks.insert::<Op>(hooks);
        self
    }

    /// The largest response body, in bytes, the client reads (default
    /// [`DEFAULT_MAX_RESPONSE_BODY_SIZE`], 64 MiB). Bodies are read as a stream and counted, so a
    /// larger one fails with [`Error::ResponseTooLarge`] once the limit is reached, holding at
    /// most `bytes` in memory; a `Content-Length` above the limit fails before reading. The limit
    /// applies to error responses too.
    pub fn max_response_body_size(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Uses an existing `reqwest::Client` (its own timeouts then apply instead of this builder's).
    ///
    /// Its redirect policy applies too: the SDK's own clients follow no redirect (a redirect
    /// would carry the credentials to wherever `Location` points); build yours with
    /// `reqwest::redirect::Policy::none()` to keep that guarantee.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Validates the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let base = crate::net::normalize_base_url(&self.base_url)?;
        let mut default_headers = HeaderMap::new();
        default_headers.insert(http::header::ACCEPT, HeaderValue::from_static("application/json"));
        self.headers.apply_to(&mut default_headers);
        let auth_scheme = self.auth.as_ref().map(|a| match a {
            Auth::Basic { .. } => "Basic",
            Auth::SoTicket(_) => "SOTicket",
            Auth::Bearer(_) => "Bearer",
            Auth::Xsrf(_) => "X-XSRF-TOKEN",
        });
        if let Some(auth) = &self.auth {
            let (name, value) = auth.header()?;
            default_headers.insert(name, value);
        }
        let auth_scheme = if self.token_source.is_some() { Some("token source") } else { auth_scheme };
        if let Some(app_token) = self.token_source.as_ref().and_then(|s| s.app_token()) {
            if !default_headers.contains_key(names::SO_APP_TOKEN) {
                let mut value = crate::headers::header_value("SO-AppToken", app_token.expose())?;
                value.set_sensitive(true);
                default_headers.insert(names::SO_APP_TOKEN, value);
            }
        }
        let http = match self.http {
            Some(c) => c,
            None => reqwest::Client::builder()
                .redirect(crate::net::no_redirects())
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .user_agent(concat!("superoffice-webapi-rust/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", e.without_url())))?,
        };
        let (retry, hooks, token_source, max_body) = (self.retry, self.hooks, self.token_source, self.max_body);
        let tenant = self.tenant.map(|(env, ctx)| Arc::new(TenantLocator::new(env, ctx)));
        let inner =
            ClientInner { http, base, default_headers, auth_scheme, retry, hooks, token_source, tenant, max_body };
        Ok(Client { inner: Arc::new(inner) })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("headers", &self.headers)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("hooks", &self.hooks)
            .field("token_source", &self.token_source)
            .field("tenant", &self.tenant)
            .field("max_response_body_size", &self.max_body)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_send_sync_clone() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<Client>();
    }

    #[test]
    fn debug_shows_no_secrets() {
        let b = Client::builder("https://host/Cust1").auth(Auth::basic("tje0", "pw-secret")).app_token("app-secret");
        let dbg = format!("{b:?}");
        assert!(!dbg.contains("pw-secret") && !dbg.contains("app-secret"), "{dbg}");
        let c = b.build().unwrap();
        let dbg = format!("{c:?}");
        assert!(dbg.contains("Basic") && !dbg.contains("pw-secret") && !dbg.contains("app-secret"), "{dbg}");
    }

    #[test]
    fn invalid_default_header_fails_build() {
        let err = Client::builder("https://host/Cust1").language("en\r\nX: 1").build().unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { name: "SO-Language", .. }), "{err:?}");
    }
}
