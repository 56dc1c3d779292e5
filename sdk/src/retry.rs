//! [`RetryPolicy`]: which failed requests are tried again, how often and how long to wait.
//!
//! A request is retried when all of these hold:
//!
//! * its method is idempotent (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`), or the policy opts
//!   in with [`RetryPolicy::with_retry_non_idempotent`] (then `POST` and `PATCH` are retried too);
//! * it failed to connect (nothing was sent, including a connect timeout), or the server answered
//!   `429 Too Many Requests`, `502 Bad Gateway`, `503 Service Unavailable` or
//!   `504 Gateway Timeout`;
//! * fewer than [`max_attempts`](RetryPolicy::max_attempts) attempts were made;
//! * waiting before the next attempt still ends within
//!   [`max_elapsed`](RetryPolicy::max_elapsed) of the first attempt's start.
//!
//! Everything else — other statuses (`401`, `404`, `500`...), a timeout while waiting for the
//! response, a connection dropped mid-response, an undecodable body — is returned at once:
//! the server may have acted on the request, or trying again will not help.
//!
//! The wait before attempt `n + 1` is the server's `Retry-After` when the response has one
//! (delay-seconds or an HTTP-date), else an exponential backoff with jitter: a random duration
//! between half and all of `initial_backoff × 2^(n-1)`, capped at
//! [`max_backoff`](RetryPolicy::max_backoff). `Retry-After` is not capped by `max_backoff`
//! (retrying earlier than the server asked would most likely be refused again); instead, when
//! the server asks for a wait that does not fit in what is left of `max_elapsed`, the SDK does
//! not wait at all and returns the `429`/`503` error at once, so the caller can decide.
//!
//! `max_elapsed` bounds when a retry may *start*; a started attempt is bounded by the request
//! timeout. The worst-case duration of a call is therefore about `max_elapsed` plus one timeout.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use chrono::{NaiveDateTime, TimeZone as _, Utc};

/// When and how failed requests are retried. See the [module docs](self) for the rules.
///
/// ```
/// use std::time::Duration;
/// use superoffice_webapi::RetryPolicy;
///
/// let default = RetryPolicy::default();
/// assert_eq!(default.max_attempts, 3);
/// assert!(!default.retry_non_idempotent);
///
/// let patient = RetryPolicy::default()
///     .with_max_attempts(5)
///     .with_max_elapsed(Duration::from_secs(60))
///     .with_retry_non_idempotent(true);
/// assert_eq!(patient.max_attempts, 5);
///
/// assert_eq!(RetryPolicy::none().max_attempts, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// How many attempts at most, the first included (`1` never retries; `0` counts as `1`).
    /// Default 3.
    pub max_attempts: u32,
    /// Backoff before the first retry (before jitter). Default 100 ms.
    pub initial_backoff: Duration,
    /// Upper bound of the computed backoff (not of a server's `Retry-After`). Default 5 s.
    pub max_backoff: Duration,
    /// No retry starts later than this after the first attempt started. Default 30 s.
    pub max_elapsed: Duration,
    /// Also retry `POST` and `PATCH`, which may then be applied twice by the server. Default
    /// `false`.
    pub retry_non_idempotent: bool,
}

/// Default [`RetryPolicy::max_attempts`].
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// Default [`RetryPolicy::initial_backoff`].
pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_millis(100);
/// Default [`RetryPolicy::max_backoff`].
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(5);
/// Default [`RetryPolicy::max_elapsed`].
pub const DEFAULT_MAX_ELAPSED: Duration = Duration::from_secs(30);

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            initial_backoff: DEFAULT_INITIAL_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
            max_elapsed: DEFAULT_MAX_ELAPSED,
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Never retry: every request is sent once.
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// Sets [`max_attempts`](Self::max_attempts).
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// Sets [`initial_backoff`](Self::initial_backoff).
    #[must_use]
    pub fn with_initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// Sets [`max_backoff`](Self::max_backoff).
    #[must_use]
    pub fn with_max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// Sets [`max_elapsed`](Self::max_elapsed).
    #[must_use]
    pub fn with_max_elapsed(mut self, d: Duration) -> Self {
        self.max_elapsed = d;
        self
    }

    /// Sets [`retry_non_idempotent`](Self::retry_non_idempotent).
    #[must_use]
    pub fn with_retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// How many attempts a request with `method` gets under this policy.
    pub(crate) fn attempts_for(&self, method: &http::Method) -> u32 {
        if is_idempotent(method) || self.retry_non_idempotent { self.max_attempts.max(1) } else { 1 }
    }

    /// The backoff ceiling before retry number `retry` (1 for the first retry), without jitter:
    /// `initial_backoff × 2^(retry-1)`, capped at `max_backoff`.
    pub(crate) fn backoff_ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.saturating_sub(1)).unwrap_or(u32::MAX);
        self.initial_backoff.saturating_mul(factor).min(self.max_backoff)
    }

    /// The jittered backoff before retry number `retry`: uniform in `[ceiling / 2, ceiling]`.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        jitter(self.backoff_ceiling(retry), random_u64())
    }
}

/// Whether HTTP defines `method` as idempotent (safe to send twice).
pub(crate) fn is_idempotent(method: &http::Method) -> bool {
    [
        http::Method::GET,
        http::Method::HEAD,
        http::Method::OPTIONS,
        http::Method::TRACE,
        http::Method::PUT,
        http::Method::DELETE,
    ]
    .contains(method)
}

/// A duration in `[ceiling / 2, ceiling]` chosen by `random`.
fn jitter(ceiling: Duration, random: u64) -> Duration {
    let ceiling_nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    let half = ceiling_nanos / 2;
    let span = ceiling_nanos - half;
    let extra = if span == u64::MAX { random } else { random % (span + 1) };
    Duration::from_nanos(half.saturating_add(extra))
}

/// 64 random-enough bits for jitter, without a random-number dependency: the standard library's
/// `RandomState` is seeded randomly per thread and changes with every instance.
fn random_u64() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    h.finish()
}

/// Parses a `Retry-After` value: delay-seconds (`120`) or an HTTP-date (IMF-fixdate
/// `Sun, 06 Nov 1994 08:49:37 GMT`, or the obsolete RFC 850 and asctime forms), relative to
/// `now`. A date in the past gives zero. `None` when the value is neither.
pub(crate) fn parse_retry_after(value: &[u8], now: SystemTime) -> Option<Duration> {
    let text = std::str::from_utf8(value).ok()?.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is "longer than anyone will wait".
        return Some(text.parse::<u64>().map(Duration::from_secs).unwrap_or(Duration::MAX));
    }
    let when = parse_http_date(text)?;
    // Dates before 1970 count as the epoch: in the past either way.
    let since_epoch = Duration::new(u64::try_from(when.timestamp()).unwrap_or(0), when.timestamp_subsec_nanos());
    let when = SystemTime::UNIX_EPOCH.checked_add(since_epoch)?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// An HTTP-date (RFC 9110 §5.6.7) in any of its three forms, always GMT.
fn parse_http_date(text: &str) -> Option<chrono::DateTime<Utc>> {
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(text) {
        return Some(d.with_timezone(&Utc));
    }
    // RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`; asctime: `Sun Nov  6 08:49:37 1994`.
    let naive = NaiveDateTime::parse_from_str(text, "%A, %d-%b-%y %H:%M:%S GMT")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%a %b %e %H:%M:%S %Y"))
        .ok()?;
    Utc.from_local_datetime(&naive).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    const RFC_EXAMPLE: u64 = 784_111_777;

    #[test]
    fn retry_after_seconds() {
        assert_eq!(parse_retry_after(b"120", at(0)), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after(b" 0 ", at(0)), Some(Duration::ZERO));
        assert_eq!(parse_retry_after(b"99999999999999999999999", at(0)), Some(Duration::MAX));
        assert_eq!(parse_retry_after(b"-1", at(0)), None);
        assert_eq!(parse_retry_after(b"1.5", at(0)), None);
        assert_eq!(parse_retry_after(b"", at(0)), None);
        assert_eq!(parse_retry_after(b"\xff\xfe", at(0)), None);
        assert_eq!(parse_retry_after(b"soon", at(0)), None);
    }

    #[test]
    fn retry_after_http_dates() {
        let now = at(RFC_EXAMPLE - 10);
        for form in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            assert_eq!(parse_retry_after(form.as_bytes(), now), Some(Duration::from_secs(10)), "{form}");
        }
        // In the past: retry now.
        assert_eq!(parse_retry_after(b"Sun, 06 Nov 1994 08:49:37 GMT", at(RFC_EXAMPLE + 60)), Some(Duration::ZERO));
        assert_eq!(parse_retry_after(b"Fri, 01 Jan 1960 00:00:00 GMT", now), Some(Duration::ZERO));
        // Not a date.
        assert_eq!(parse_retry_after(b"Sun, 32 Nov 1994 08:49:37 GMT", now), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ceiling(1), Duration::from_millis(100));
        assert_eq!(p.backoff_ceiling(2), Duration::from_millis(200));
        assert_eq!(p.backoff_ceiling(3), Duration::from_millis(400));
        assert_eq!(p.backoff_ceiling(10), Duration::from_secs(5));
        assert_eq!(p.backoff_ceiling(u32::MAX), Duration::from_secs(5));
        assert_eq!(p.backoff_ceiling(0), Duration::from_millis(100));
        let huge = RetryPolicy::default().with_initial_backoff(Duration::MAX).with_max_backoff(Duration::MAX);
        assert_eq!(huge.backoff_ceiling(40), Duration::MAX);
        for retry in 1..40 {
            let ceiling = p.backoff_ceiling(retry);
            let d = p.backoff(retry);
            assert!(d <= ceiling && d >= ceiling / 2, "{d:?} vs {ceiling:?}");
        }
    }

    #[test]
    fn jitter_stays_in_range() {
        let c = Duration::from_millis(100);
        assert_eq!(jitter(c, 0), Duration::from_millis(50));
        assert_eq!(jitter(c, 50_000_000), Duration::from_millis(100));
        assert_eq!(jitter(Duration::ZERO, u64::MAX), Duration::ZERO);
        assert!(jitter(Duration::MAX, u64::MAX) >= Duration::from_nanos(u64::MAX / 2));
        let samples: std::collections::HashSet<u64> = (0..32).map(|_| random_u64()).collect();
        assert!(samples.len() > 1, "jitter source is constant");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, failure_persistence: None, ..Default::default() })]

        #[test]
        fn retry_after_never_panics(value in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64), now in 0u64..=u64::from(u32::MAX) * 4) {
            let _ = parse_retry_after(&value, at(now));
        }

        #[test]
        fn retry_after_seconds_are_exact(secs in proptest::prelude::any::<u64>()) {
            proptest::prop_assert_eq!(parse_retry_after(secs.to_string().as_bytes(), at(0)), Some(Duration::from_secs(secs)));
        }

        #[test]
        fn backoff_never_panics(retry in proptest::prelude::any::<u32>(), initial in proptest::prelude::any::<u64>(), max in proptest::prelude::any::<u64>()) {
            let p = RetryPolicy::default().with_initial_backoff(Duration::from_nanos(initial)).with_max_backoff(Duration::from_nanos(max));
            proptest::prop_assert!(p.backoff(retry) <= p.backoff_ceiling(retry));
        }
    }

    #[test]
    fn only_idempotent_methods_retry_by_default() {
        let p = RetryPolicy::default();
        for m in [http::Method::GET, http::Method::PUT, http::Method::DELETE, http::Method::HEAD] {
            assert_eq!(p.attempts_for(&m), 3, "{m}");
        }
        for m in [http::Method::POST, http::Method::PATCH] {
            assert_eq!(p.attempts_for(&m), 1, "{m}");
            assert_eq!(p.clone().with_retry_non_idempotent(true).attempts_for(&m), 3, "{m}");
        }
        assert_eq!(RetryPolicy::none().attempts_for(&http::Method::GET), 1);
        assert_eq!(RetryPolicy::default().with_max_attempts(0).attempts_for(&http::Method::GET), 1);
    }
}
