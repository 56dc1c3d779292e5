//! [`TokenSource`]: credentials that expire and are renewed, and the single-flight cache the
//! SDK's own sources (system user, OAuth refresh) share.
//!
//! A [`Client`](crate::Client) built with a token source asks it for the `Authorization` value
//! before every attempt, and after a `401 Unauthorized` asks it once to renew and sends the
//! request again. Concurrent calls that need a renewal at the same moment share one renewal.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use crate::Error;
use crate::auth::{Auth, Secret};

/// A boxed `Send` future, the return type of [`TokenSource`] methods (so the trait is
/// object-safe without extra crates).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Credentials that may expire: the SDK's `SystemUser` (feature `system_user`) and
/// [`OAuthTokenSource`](crate::auth::OAuthTokenSource), or your own.
///
/// Implement it to bring your own tokens (a token cache shared between processes, a vault...):
///
/// ```
/// use superoffice_webapi::auth::{Auth, BoxFuture, TokenSource};
/// use superoffice_webapi::Error;
///
/// #[derive(Debug)]
/// struct FromVault; // its Debug must not print a credential
///
/// impl TokenSource for FromVault {
///     fn credentials(&self) -> BoxFuture<'_, Result<Auth, Error>> {
///         Box::pin(async { Ok(Auth::bearer("8A:Cust12345.token-from-the-vault")) })
///     }
///     fn renew(&self, _rejected: Auth) -> BoxFuture<'_, Result<Auth, Error>> {
///         Box::pin(async { Ok(Auth::bearer("8A:Cust12345.a-newer-token")) })
///     }
/// }
///
/// let client = superoffice_webapi::Client::builder("https://sod2.superoffice.com/Cust12345")
///     .token_source(FromVault)
///     .build()?;
/// # Ok::<(), Error>(())
/// ```
pub trait TokenSource: fmt::Debug + Send + Sync + 'static {
    /// The credentials for the next request, renewed first if they expired or are about to.
    fn credentials(&self) -> BoxFuture<'_, Result<Auth, Error>>;

    /// The server answered `401` to a request sent with `rejected`: return new credentials.
    /// When another call renewed them meanwhile, return those instead of renewing again.
    /// Return `rejected` itself to decline (the client then returns the `401` to its caller
    /// instead of sending again): the SDK's sources do so when they renewed after a 401 less
    /// than a minute ago, so a server that rejects everything does not cause a sign-in per call.
    fn renew(&self, rejected: Auth) -> BoxFuture<'_, Result<Auth, Error>>;

    /// The `SO-AppToken` requests should carry by default, if this source knows it (the system
    /// user flow sends the app's client secret). A value set with
    /// [`ClientBuilder::app_token`](crate::ClientBuilder::app_token) takes precedence.
    fn app_token(&self) -> Option<Secret> {
        None
    }
}

/// Credentials freshly obtained, and how long they may be used.
pub(crate) struct Fresh {
    pub(crate) auth: Auth,
    pub(crate) lifetime: Lifetime,
}

/// How long credentials stay valid.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lifetime {
    /// Valid for this long after they were obtained (OAuth `expires_in`, minus a margin).
    Fixed(Duration),
    /// Valid for this long after their last use (SuperOffice tickets slide), minus a margin.
    #[cfg_attr(not(feature = "system_user"), allow(dead_code))]
    Sliding(Duration),
    /// No known expiry: renewed only after a 401.
    Unknown,
}

struct Cached {
    auth: Auth,
    lifetime: Lifetime,
    fresh_until: Option<Instant>,
}

/// How long after a failed renewal the next one may start: the first wait; each failure in a
/// row doubles it, up to [`MAX_FAILURE_BACKOFF`]. Callers meanwhile get the same failure.
pub const FAILURE_BACKOFF: Duration = Duration::from_secs(2);
/// The longest wait after failed renewals in a row.
pub const MAX_FAILURE_BACKOFF: Duration = Duration::from_secs(120);
/// The shortest time between two renewals caused by a `401`: a server that rejects every
/// request (a wrong app token, a revoked consent) gets one sign-in per minute, not one per call.
/// Within it, a `401` is returned to the caller as is.
pub const MIN_RENEW_INTERVAL: Duration = Duration::from_secs(60);

/// A renewal that failed: handed to every caller until `retry_at`.
struct Failed {
    error: Error,
    retry_at: Instant,
    backoff: Duration,
}

#[derive(Default)]
struct RenewerState {
    cached: Option<Cached>,
    failed: Option<Failed>,
    /// When the last renewal caused by a 401 started.
    last_forced: Option<Instant>,
}

impl RenewerState {
    /// The failure to hand out instead of trying again, while its backoff lasts.
    fn recent_failure(&self, now: Instant) -> Option<Error> {
        self.failed.as_ref().filter(|f| now < f.retry_at).map(|f| f.error.clone())
    }

    /// Stores the outcome of a renewal.
    fn settle(&mut self, outcome: Result<Fresh, Error>) -> Result<Auth, Error> {
        match outcome {
            Ok(fresh) => {
                self.failed = None;
                Ok(store(&mut self.cached, fresh))
            }
            Err(error) => {
                let backoff = self
                    .failed
                    .as_ref()
                    .map_or(FAILURE_BACKOFF, |f| f.backoff.saturating_mul(2).min(MAX_FAILURE_BACKOFF));
                let now = Instant::now();
                let retry_at = now.checked_add(backoff).unwrap_or(now);
                tracing::debug!(
                    backoff_ms = backoff.as_millis() as u64,
                    "renewing the credentials failed: backing off"
                );
                self.failed = Some(Failed { error: error.clone(), retry_at, backoff });
                Err(error)
            }
        }
    }
}

/// Caches one credential and renews it at most once at a time: callers that find it stale wait
/// for the one renewal in flight (the lock is held across it) and then all use its result — the
/// new credentials, or its error. After a failure, callers get that same error without a new
/// attempt until a backoff has passed ([`FAILURE_BACKOFF`], doubling up to
/// [`MAX_FAILURE_BACKOFF`]); renewals caused by a `401` are at least [`MIN_RENEW_INTERVAL`]
/// apart.
#[derive(Default)]
pub(crate) struct Renewer {
    state: tokio::sync::Mutex<RenewerState>,
}

impl fmt::Debug for Renewer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Renewer")
    }
}

impl Renewer {
    /// The cached credentials, or new ones from `fetch` when there are none or they are stale.
    pub(crate) async fn current<F, Fut>(&self, fetch: F) -> Result<Auth, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fresh, Error>>,
    {
        let mut state = self.state.lock().await;
        let now = Instant::now();
        if let Some(cached) = state.cached.as_mut() {
            if cached.fresh_until.is_none_or(|until| now < until) {
                if let Lifetime::Sliding(d) = cached.lifetime {
                    cached.fresh_until = now.checked_add(d);
                }
                return Ok(cached.auth.clone());
            }
            tracing::debug!("credentials expired or about to: renewing");
        }
        if let Some(error) = state.recent_failure(now) {
            return Err(error);
        }
        let outcome = fetch().await;
        state.settle(outcome)
    }

    /// New credentials after `rejected` got a 401, unless the cache already holds different ones
    /// (another call renewed them meanwhile). Returns `rejected` itself, without renewing, when
    /// the last 401-driven renewal is less than [`MIN_RENEW_INTERVAL`] ago.
    pub(crate) async fn renew<F, Fut>(&self, rejected: &Auth, fetch: F) -> Result<Auth, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fresh, Error>>,
    {
        let mut state = self.state.lock().await;
        if let Some(cached) = state.cached.as_ref() {
            if cached.auth != *rejected {
                return Ok(cached.auth.clone());
            }
        }
        let now = Instant::now();
        if let Some(error) = state.recent_failure(now) {
            return Err(error);
        }
        if state.last_forced.is_some_and(|last| now.saturating_duration_since(last) < MIN_RENEW_INTERVAL) {
            tracing::debug!("credentials rejected with 401 again soon after a renewal: not renewing");
            return Ok(rejected.clone());
        }
        state.last_forced = Some(now);
        tracing::debug!("credentials rejected with 401: renewing");
        let outcome = fetch().await;
        state.settle(outcome)
    }

    /// Replaces the cache (an application handing in tokens it obtained itself).
    pub(crate) async fn set(&self, fresh: Fresh) {
        let mut state = self.state.lock().await;
        state.failed = None;
        store(&mut state.cached, fresh);
    }
}

fn store(state: &mut Option<Cached>, fresh: Fresh) -> Auth {
    let now = Instant::now();
    let fresh_until = match fresh.lifetime {
        Lifetime::Fixed(d) | Lifetime::Sliding(d) => Some(now.checked_add(d).unwrap_or(now)),
        Lifetime::Unknown => None,
    };
    let auth = fresh.auth.clone();
    *state = Some(Cached { auth: fresh.auth, lifetime: fresh.lifetime, fresh_until });
    auth
}

/// Replaces every occurrence of the given secrets in a message from a server (which might echo
/// what it was sent) with `[redacted]`.
pub(crate) fn scrub(message: &str, secrets: &[&str]) -> String {
    let mut out = message.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(*s, "[redacted]");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn fresh(n: u32, lifetime: Lifetime) -> Fresh {
        Fresh { auth: Auth::so_ticket(format!("ticket-{n}")), lifetime }
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_fetch() {
        let renewer = Arc::new(Renewer::default());
        let fetches = Arc::new(AtomicU32::new(0));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (r, f) = (renewer.clone(), fetches.clone());
            tasks.push(tokio::spawn(async move {
                r.current(|| async {
                    let n = f.fetch_add(1, Ordering::SeqCst) + 1;
                    tokio::task::yield_now().await;
                    Ok(fresh(n, Lifetime::Unknown))
                })
                .await
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap(), Auth::so_ticket("ticket-1"));
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn renew_after_someone_else_renewed_reuses_theirs() {
        let r = Renewer::default();
        let first = r.current(|| async { Ok(fresh(1, Lifetime::Unknown)) }).await.unwrap();
        let second = r.renew(&first, || async { Ok(fresh(2, Lifetime::Unknown)) }).await.unwrap();
        assert_eq!(second, Auth::so_ticket("ticket-2"));
        // A second 401 with the old credentials does not renew again.
        let again = r.renew(&first, || async { Ok(fresh(3, Lifetime::Unknown)) }).await.unwrap();
        assert_eq!(again, Auth::so_ticket("ticket-2"));
    }

    #[tokio::test]
    async fn expired_credentials_are_fetched_again() {
        let r = Renewer::default();
        r.current(|| async { Ok(fresh(1, Lifetime::Fixed(Duration::ZERO))) }).await.unwrap();
        let next = r.current(|| async { Ok(fresh(2, Lifetime::Fixed(Duration::from_secs(3600)))) }).await.unwrap();
        assert_eq!(next, Auth::so_ticket("ticket-2"));
        let kept = r.current(|| async { Ok(fresh(3, Lifetime::Unknown)) }).await.unwrap();
        assert_eq!(kept, Auth::so_ticket("ticket-2"));
    }

    #[tokio::test]
    async fn a_failure_is_shared_and_backed_off() {
        let r = Renewer::default();
        let fetches = AtomicU32::new(0);
        let failing = || async {
            fetches.fetch_add(1, Ordering::SeqCst);
            Err(Error::SignIn { flow: "test", message: "refused".to_string() })
        };
        for _ in 0..5 {
            let err = r.current(failing).await.unwrap_err();
            assert!(err.to_string().contains("refused"), "{err}");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "later callers get the same failure");
        let rejected = Auth::so_ticket("old");
        assert!(r.renew(&rejected, failing).await.is_err());
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "a 401 within the backoff does not sign in either");
        // Once the backoff has passed, the next caller tries again; a success clears the failure.
        r.state.lock().await.failed.as_mut().unwrap().retry_at = Instant::now();
        let ok = r.current(|| async { Ok(fresh(1, Lifetime::Unknown)) }).await.unwrap();
        assert_eq!(ok, Auth::so_ticket("ticket-1"));
        assert!(r.state.lock().await.failed.is_none());
    }

    #[tokio::test]
    async fn backoff_doubles_up_to_its_ceiling() {
        let r = Renewer::default();
        let mut backoffs = Vec::new();
        for _ in 0..10 {
            if let Some(f) = r.state.lock().await.failed.as_mut() {
                f.retry_at = Instant::now();
            }
            let _ = r.current(|| async { Err(Error::Config("down".to_string())) }).await;
            backoffs.push(r.state.lock().await.failed.as_ref().unwrap().backoff.as_secs());
        }
        assert_eq!(backoffs, [2, 4, 8, 16, 32, 64, 120, 120, 120, 120]);
    }

    #[tokio::test]
    async fn renewals_after_a_401_are_spaced() {
        let r = Renewer::default();
        let first = r.current(|| async { Ok(fresh(1, Lifetime::Unknown)) }).await.unwrap();
        let second = r.renew(&first, || async { Ok(fresh(2, Lifetime::Unknown)) }).await.unwrap();
        assert_eq!(second, Auth::so_ticket("ticket-2"));
        // The new credentials are rejected too, at once: declined (returned as they were).
        let third = r.renew(&second, || async { Ok(fresh(3, Lifetime::Unknown)) }).await.unwrap();
        assert_eq!(third, second);
        // After the interval, a 401 renews again.
        r.state.lock().await.last_forced = Instant::now().checked_sub(MIN_RENEW_INTERVAL);
        let fourth = r.renew(&second, || async { Ok(fresh(4, Lifetime::Unknown)) }).await.unwrap();
        assert_eq!(fourth, Auth::so_ticket("ticket-4"));
    }

    #[test]
    fn scrub_removes_secrets() {
        assert_eq!(scrub("bad token abc123 for x", &["abc123", ""]), "bad token [redacted] for x");
    }
}
