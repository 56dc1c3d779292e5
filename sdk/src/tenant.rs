//! Tenant discovery for SuperOffice Online: `GET https://{env}.superoffice.com/api/state/{ctx}`
//! tells a tenant's current host and state.
//!
//! API calls must go to the tenant's numbered host (`online3.superoffice.com`); the host without a
//! number answers `421 Misdirected Request`, and the numbered host can change at any time. A
//! client built with [`Client::online`](crate::Client::online) looks the host up before its
//! first call, again when the state's `ValidUntil` has passed, and after a 421 (then it sends the
//! request once more). A tenant that is not running fails with [`Error::TenantNotRunning`]
//! naming its state.

use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;
use url::Url;

use crate::Error;
use crate::auth::Environment;
use crate::net::transport_error;

const OP: &str = "TenantState_Get";
/// A located host is used for at least this long before `ValidUntil` makes the client ask again.
const MIN_VALIDITY_SECS: i64 = 60;

/// The state of a tenant, as the state API names it. Unknown names and numbers are kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TenantStatus {
    /// 0.
    Unknown,
    /// 1.
    Provisioning,
    /// 2: the API is available.
    Running,
    /// 3.
    Deleted,
    /// 4.
    Suspended,
    /// 5: the API is available.
    OnlineMaintenance,
    /// 6.
    OfflineMaintenance,
    /// 8.
    ProvisioningFailed,
    /// 10.
    Deleting,
    /// 11.
    DeleteFailed,
    /// 12.
    MigrationPending,
    /// A state this SDK does not know, as sent (a name, or a number written as text).
    Other(String),
}

impl TenantStatus {
    const KNOWN: [(TenantStatus, &'static str, u64); 11] = [
        (TenantStatus::Unknown, "Unknown", 0),
        (TenantStatus::Provisioning, "Provisioning", 1),
        (TenantStatus::Running, "Running", 2),
        (TenantStatus::Deleted, "Deleted", 3),
        (TenantStatus::Suspended, "Suspended", 4),
        (TenantStatus::OnlineMaintenance, "OnlineMaintenance", 5),
        (TenantStatus::OfflineMaintenance, "OfflineMaintenance", 6),
        (TenantStatus::ProvisioningFailed, "ProvisioningFailed", 8),
        (TenantStatus::Deleting, "Deleting", 10),
        (TenantStatus::DeleteFailed, "DeleteFailed", 11),
        (TenantStatus::MigrationPending, "MigrationPending", 12),
    ];

    /// The state from its documented name (any case) or number.
    pub fn parse(text: &str) -> Self {
        let t = text.trim();
        if let Ok(n) = t.parse::<u64>() {
            return Self::from_number(n);
        }
        Self::KNOWN
            .iter()
            .find(|(_, name, _)| name.eq_ignore_ascii_case(t))
            .map(|(s, _, _)| s.clone())
            .unwrap_or_else(|| TenantStatus::Other(t.to_string()))
    }

    /// The state from its documented number.
    pub fn from_number(n: u64) -> Self {
        Self::KNOWN
            .iter()
            .find(|(_, _, v)| *v == n)
            .map(|(s, _, _)| s.clone())
            .unwrap_or(TenantStatus::Other(n.to_string()))
    }

    /// The documented name (`Running`), or the text as sent.
    pub fn as_str(&self) -> &str {
        match self {
            TenantStatus::Other(s) => s,
            known => Self::KNOWN.iter().find(|(s, _, _)| s == known).map_or("?", |(_, name, _)| name),
        }
    }

    /// Whether the API is available in this state (Running and OnlineMaintenance).
    pub fn is_running(&self) -> bool {
        matches!(self, TenantStatus::Running | TenantStatus::OnlineMaintenance)
    }
}

impl fmt::Display for TenantStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the state API says about a tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TenantState {
    /// `ContextIdentifier` (`Cust12345`).
    pub context_identifier: String,
    /// `Endpoint`: the tenant root (`https://online2.superoffice.com/Cust12345`).
    pub endpoint: Option<String>,
    /// `Api`: the API root (`https://online2.superoffice.com/Cust12345/api`).
    pub api: Option<String>,
    /// `State`.
    pub state: TenantStatus,
    /// `IsRunning`, when sent.
    pub is_running: Option<bool>,
    /// `ValidUntil`: when to ask again (read as UTC when it has no offset).
    pub valid_until: Option<DateTime<Utc>>,
    /// `Version`, when sent (`Release_11.10_2026.02.24-02`).
    pub version: Option<String>,
    /// The tenant that was asked for.
    asked_for: String,
    /// The environment asked, when known ([`fetch`](Self::fetch)); `None` from
    /// [`from_json`](Self::from_json), which then gets the named environments' rules.
    environment: Option<Environment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawState {
    context_identifier: Option<String>,
    endpoint: Option<String>,
    api: Option<String>,
    state: Option<serde_json::Value>,
    is_running: Option<bool>,
    valid_until: Option<String>,
    version: Option<String>,
}

impl TenantState {
    /// Asks the state API of `env` about tenant `context_identifier` with a new HTTP client.
    /// Needs no credentials.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), superoffice_webapi::Error> {
    /// use superoffice_webapi::auth::Environment;
    /// use superoffice_webapi::tenant::TenantState;
    ///
    /// let state = TenantState::lookup(&Environment::Online, "Cust12345").await?;
    /// println!("{} is {} at {:?}", state.context_identifier, state.state, state.api);
    /// # Ok(()) }
    /// ```
    pub async fn lookup(env: &Environment, context_identifier: &str) -> Result<Self, Error> {
        Self::fetch(&crate::auth::default_http()?, env, context_identifier).await
    }

    /// [`lookup`](Self::lookup) with your HTTP client.
    pub async fn fetch(http: &reqwest::Client, env: &Environment, context_identifier: &str) -> Result<Self, Error> {
        let url = env.state_url(context_identifier)?;
        let resp = http
            .get(url)
            .header(http::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| transport_error(OP, e))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = crate::net::read_limited(resp, crate::net::MAX_AUTH_RESPONSE_SIZE, OP).await?;
        if !status.is_success() {
            return Err(crate::HttpError::new(OP, status, headers, &body).into());
        }
        let mut state = Self::from_json(&body, context_identifier)?;
        state.environment = Some(env.clone());
        Ok(state)
    }

    /// Parses a state API answer (`asked_for` names the tenant in errors).
    pub fn from_json(body: &[u8], asked_for: &str) -> Result<Self, Error> {
        let raw: RawState = serde_json::from_slice(body).map_err(|e| {
            Error::Discovery(format!(
                "the state API's answer for tenant {asked_for} is not the documented JSON (line {}, column {}): {}",
                e.line(),
                e.column(),
                crate::error::value_free_message(&e)
            ))
        })?;
        let state = match raw.state {
            Some(serde_json::Value::String(s)) => TenantStatus::parse(&s),
            Some(serde_json::Value::Number(n)) => match n.as_u64() {
                Some(n) => TenantStatus::from_number(n),
                None => TenantStatus::Other(n.to_string()),
            },
            _ => TenantStatus::Unknown,
        };
        Ok(TenantState {
            context_identifier: raw.context_identifier.unwrap_or_else(|| asked_for.to_string()),
            endpoint: raw.endpoint,
            api: raw.api,
            state,
            is_running: raw.is_running,
            valid_until: raw.valid_until.as_deref().and_then(parse_time),
            version: raw.version,
            asked_for: asked_for.to_string(),
            environment: None,
        })
    }

    /// This answer as one from `env`'s state API, so that [`tenant_url`](Self::tenant_url)
    /// applies `env`'s rules (needed after [`from_json`](Self::from_json) for a custom
    /// environment; [`fetch`](Self::fetch) and [`lookup`](Self::lookup) set it themselves).
    #[must_use]
    pub fn in_environment(mut self, env: Environment) -> Self {
        self.environment = Some(env);
        self
    }

    /// Whether the API is available: `IsRunning` when sent, else the state says so.
    pub fn running(&self) -> bool {
        self.is_running.unwrap_or_else(|| self.state.is_running())
    }

    /// The tenant base URL for API calls (`https://online2.superoffice.com/Cust12345/`), from
    /// `Api` (without its `/api`) or else `Endpoint`, once the answer passes these checks (the
    /// state API is unauthenticated, and the client sends its credentials to this URL):
    ///
    /// - `ContextIdentifier`, when sent, is the tenant asked for (ignoring ASCII case);
    /// - the URL's path is `/{tenant asked for}` (then optionally `/api` or `/api/v1`), with no
    ///   query, fragment or user info;
    /// - for `sod`, `qaonline` and `online` (and an answer parsed with
    ///   [`from_json`](Self::from_json)): the scheme is `https`, the port the default one, and
    ///   the host a sub-domain of `superoffice.com`;
    /// - for [`Environment::Custom`]: the scheme is the environment's own (an `https`
    ///   environment never yields an `http` tenant); the host may be any, since the application
    ///   chose the environment (a proxy or a mock).
    ///
    /// Anything else is [`Error::Discovery`], naming the check but not the URL.
    pub fn tenant_url(&self) -> Result<Url, Error> {
        let tenant = &self.asked_for;
        let refuse =
            |why: &str| Error::Discovery(format!("the state API's answer for tenant {tenant} is refused: {why}"));
        if !self.context_identifier.eq_ignore_ascii_case(tenant) {
            return Err(refuse("its ContextIdentifier names another tenant"));
        }
        let raw =
            self.api.as_deref().or(self.endpoint.as_deref()).filter(|s| !s.trim().is_empty()).ok_or_else(|| {
                Error::Discovery(format!("the state API gives no Api or Endpoint for tenant {tenant}"))
            })?;
        let parsed = Url::parse(raw.trim()).map_err(|_| refuse("its URL is not a URL"))?;
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(refuse("its URL has a query or fragment"));
        }
        let url = crate::net::normalize_base_url(raw)
            .map_err(|_| refuse("its URL is not an http(s) URL without credentials"))?;
        let named_path = url
            .path()
            .strip_prefix('/')
            .and_then(|p| p.strip_suffix('/'))
            .is_some_and(|segment| segment.eq_ignore_ascii_case(tenant));
        match &self.environment {
            Some(Environment::Custom(env)) => {
                if url.scheme() != env.scheme() {
                    return Err(refuse("its URL's scheme is not the environment's"));
                }
                // A custom environment may serve tenants under a path of its own.
                let last = url.path().trim_end_matches('/').rsplit('/').next().unwrap_or("");
                if !last.eq_ignore_ascii_case(tenant) {
                    return Err(refuse("its URL's path does not name the tenant"));
                }
            }
            _ => {
                if url.scheme() != "https" {
                    return Err(refuse("its URL is not https"));
                }
                if url.port().is_some() {
                    return Err(refuse("its URL has a port"));
                }
                let host_ok = match url.host() {
                    Some(url::Host::Domain(host)) => {
                        let host = host.to_ascii_lowercase();
                        host.strip_suffix(".superoffice.com").is_some_and(|sub| !sub.is_empty())
                    }
                    _ => false,
                };
                if !host_ok {
                    return Err(refuse("its URL's host is not under superoffice.com"));
                }
                if !named_path {
                    return Err(refuse("its URL's path does not name the tenant"));
                }
            }
        }
        Ok(url)
    }

    /// `Ok(tenant URL)` when running, else [`Error::TenantNotRunning`].
    pub fn require_running(&self) -> Result<Url, Error> {
        if !self.running() {
            return Err(Error::TenantNotRunning {
                context_identifier: self.context_identifier.clone(),
                state: self.state.clone(),
            });
        }
        self.tenant_url()
    }
}

/// `2026-02-24T10:00:00.1234567` (no offset: UTC) or with `Z`/offset.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f").ok().map(|n| n.and_utc())
}

/// Where a client's tenant currently lives; looked up on first use, after `ValidUntil`, and on
/// request after a 421. One lookup at a time: concurrent callers wait for it and share its
/// result, success or failure.
///
/// After a failed lookup, callers get that same failure without a new lookup until a backoff has
/// passed (2 s, doubling up to 2 minutes; a tenant that is not running is asked about again on
/// the same schedule, not on every call). When the lookup that failed was made because
/// `ValidUntil` had passed, calls keep going to the last known host meanwhile (unless the
/// state API said the tenant is not running): the host rarely moves, and a `421` from it makes
/// the client look again.
pub(crate) struct TenantLocator {
    env: Environment,
    context_identifier: String,
    current: tokio::sync::Mutex<LocatorState>,
}

#[derive(Default)]
struct LocatorState {
    located: Option<Located>,
    failed: Option<FailedLookup>,
}

struct Located {
    base: Url,
    valid_until: Option<DateTime<Utc>>,
}

struct FailedLookup {
    error: Error,
    retry_at: std::time::Instant,
    backoff: std::time::Duration,
}

/// The first wait after a failed lookup; doubled after each failure in a row, up to
/// [`MAX_LOOKUP_BACKOFF`].
const LOOKUP_BACKOFF: std::time::Duration = std::time::Duration::from_secs(2);
const MAX_LOOKUP_BACKOFF: std::time::Duration = std::time::Duration::from_secs(120);

impl LocatorState {
    fn recent_failure(&self) -> Option<&Error> {
        self.failed.as_ref().filter(|f| std::time::Instant::now() < f.retry_at).map(|f| &f.error)
    }

    /// The last known host, when a failed lookup allows using it.
    fn fallback(&self, error: &Error) -> Option<Url> {
        if matches!(error, Error::TenantNotRunning { .. }) {
            return None;
        }
        self.located.as_ref().map(|l| l.base.clone())
    }
}

impl TenantLocator {
    pub(crate) fn new(env: Environment, context_identifier: String) -> Self {
        TenantLocator { env, context_identifier, current: tokio::sync::Mutex::new(LocatorState::default()) }
    }

    /// The tenant's base URL, looked up when unknown or past `ValidUntil`.
    pub(crate) async fn base(&self, http: &reqwest::Client) -> Result<Url, Error> {
        let mut current = self.current.lock().await;
        if let Some(located) = current.located.as_ref() {
            if located.valid_until.is_none_or(|until| Utc::now() < until) {
                return Ok(located.base.clone());
            }
        }
        if let Some(error) = current.recent_failure() {
            return match current.fallback(error) {
                Some(base) => Ok(base),
                None => Err(error.clone()),
            };
        }
        match self.lookup(http, &mut current).await {
            Ok(base) => Ok(base),
            Err(error) => match current.fallback(&error) {
                Some(base) => {
                    tracing::warn!(tenant = %self.context_identifier, error = %error, "tenant lookup failed: keeping the last known host");
                    Ok(base)
                }
                None => Err(error),
            },
        }
    }

    /// After `used` got a 421: looks the tenant up again (unless another call already did) and
    /// returns the new base, or `None` when it is still `used` (retrying would not help).
    pub(crate) async fn rediscover(&self, http: &reqwest::Client, used: &Url) -> Result<Option<Url>, Error> {
        let mut current = self.current.lock().await;
        if let Some(located) = current.located.as_ref() {
            if located.base != *used {
                return Ok(Some(located.base.clone()));
            }
        }
        if let Some(error) = current.recent_failure() {
            return Err(error.clone());
        }
        tracing::debug!(tenant = %self.context_identifier, "421 Misdirected Request: looking the tenant up again");
        let base = self.lookup(http, &mut current).await?;
        Ok((base != *used).then_some(base))
    }

    /// One lookup; its failure is recorded (with the next backoff) for the callers that follow.
    async fn lookup(&self, http: &reqwest::Client, slot: &mut LocatorState) -> Result<Url, Error> {
        let outcome = async {
            let state = TenantState::fetch(http, &self.env, &self.context_identifier).await?;
            let base = state.require_running()?;
            Ok::<_, Error>((base, state.valid_until))
        }
        .await;
        match outcome {
            Ok((base, valid_until)) => {
                tracing::debug!(tenant = %self.context_identifier, host = base.host_str().unwrap_or(""), "tenant located");
                // A `ValidUntil` in the past (clock skew) or very near would make every call ask again.
                let floor = Utc::now() + chrono::Duration::seconds(MIN_VALIDITY_SECS);
                let valid_until = valid_until.map(|until| until.max(floor));
                slot.located = Some(Located { base: base.clone(), valid_until });
                slot.failed = None;
                Ok(base)
            }
            Err(error) => {
                let backoff = slot
                    .failed
                    .as_ref()
                    .map_or(LOOKUP_BACKOFF, |f| f.backoff.saturating_mul(2).min(MAX_LOOKUP_BACKOFF));
                let now = std::time::Instant::now();
                let retry_at = now.checked_add(backoff).unwrap_or(now);
                slot.failed = Some(FailedLookup { error: error.clone(), retry_at, backoff });
                Err(error)
            }
        }
    }
}

impl fmt::Debug for TenantLocator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantLocator")
            .field("environment", &self.env)
            .field("context_identifier", &self.context_identifier)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_sample_parses() {
        let body = br#"{"ContextIdentifier":"Cust12345","Endpoint":"https://online2.superoffice.com/Cust12345",
            "State":"Running","IsRunning":true,"ValidUntil":"2026-02-24T10:15:00.1234567",
            "Api":"https://online2.superoffice.com/Cust12345/api","Version":"Release_11.10_2026.02.24-02"}"#;
        let s = TenantState::from_json(body, "Cust12345").unwrap();
        assert_eq!(s.state, TenantStatus::Running);
        assert!(s.running());
        assert_eq!(s.tenant_url().unwrap().as_str(), "https://online2.superoffice.com/Cust12345/");
        assert_eq!(s.valid_until.unwrap().to_rfc3339(), "2026-02-24T10:15:00.123456700+00:00");
        assert_eq!(s.version.as_deref(), Some("Release_11.10_2026.02.24-02"));
    }

    #[tokio::test]
    async fn the_last_known_host_is_kept_when_a_lookup_after_valid_until_fails() {
        // Nobody listens on the environment: every lookup fails to connect.
        let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let env = Environment::custom(&format!("http://{dead}")).unwrap();
        let locator = TenantLocator::new(env, "Cust1".to_string());
        let http = crate::auth::default_http().unwrap();
        assert!(locator.base(&http).await.is_err(), "no host known yet");
        let known = Url::parse("https://online3.superoffice.com/Cust1/").unwrap();
        {
            let mut state = locator.current.lock().await;
            state.located =
                Some(Located { base: known.clone(), valid_until: Some(Utc::now() - chrono::Duration::seconds(1)) });
            state.failed = None;
        }
        assert_eq!(locator.base(&http).await.unwrap(), known, "past ValidUntil, the lookup fails: last known host");
        assert!(locator.current.lock().await.failed.is_some(), "the failure is kept for the backoff");
        assert_eq!(locator.base(&http).await.unwrap(), known);
        // A tenant the state API says is not running gets no fallback.
        let not_running =
            Error::TenantNotRunning { context_identifier: "Cust1".into(), state: TenantStatus::Suspended };
        assert!(locator.current.lock().await.fallback(&not_running).is_none());
    }

    #[test]
    fn states_parse_by_name_or_number_and_keep_unknown_ones() {
        assert_eq!(TenantStatus::parse("onlinemaintenance"), TenantStatus::OnlineMaintenance);
        assert_eq!(TenantStatus::parse("6"), TenantStatus::OfflineMaintenance);
        assert_eq!(TenantStatus::from_number(7), TenantStatus::Other("7".to_string()));
        assert_eq!(TenantStatus::parse("Offline").as_str(), "Offline");
        assert!(!TenantStatus::parse("Offline").is_running());
        let s = TenantState::from_json(br#"{"State":4}"#, "Cust1").unwrap();
        assert_eq!(s.state, TenantStatus::Suspended);
        let e = s.require_running().unwrap_err().to_string();
        assert!(e.contains("Cust1") && e.contains("Suspended"), "{e}");
    }
}
