//! HTTP exchanges for an operation: URL, headers, body, retries, status, decoding and tracing.
//!
//! Every attempt runs in a `superoffice.request` tracing span (INFO level) with the fields
//! `method`, `path` (the documented path *template*, never the URL with its values), `operation`,
//! `attempt` (1-based), and once known `status` and `elapsed_ms`. Nothing else about the request
//! is recorded: no header, no query string, no body, so no credential can reach a log.

use std::borrow::Cow;
use std::time::{Duration, Instant, SystemTime};

use http::{HeaderMap, StatusCode};
use tracing::Instrument;
use url::Url;

use crate::Error;
use crate::client::ClientInner;
use crate::error::HttpError;
use crate::operation::{Body, Endpoint, Parts};
use crate::request::RequestCore;
use crate::retry::parse_retry_after;
use crate::session::CallSession;

/// Sends a request with the client's defaults overridden by the request's headers, retrying as
/// its retry policy (or the client's) allows, and returns the successful response body with the
/// URL it came from and the tenant base that URL was built on. The URL is built for each attempt on
/// the tenant's current base: from `parts`, or from `page` (a server-given `odata.nextLink`,
/// relative to the tenant base) when given.
///
/// Not generic: every operation of the API shares this one send core.
pub(crate) async fn execute<'r>(
    request: &'r RequestCore,
    endpoint: &'static Endpoint,
    parts: &Parts,
    page: Option<&crate::paging::PageTarget>,
) -> Result<Delivered<'r>, Error> {
    let client = &request.client;
    let (headers, timeout, retry) = (&request.headers, request.timeout, request.retry.as_ref());
    let inner = &client.inner;
    let policy = retry.unwrap_or(&inner.retry);
    let mut all_headers: HeaderMap = inner.default_headers.clone();
    headers.apply_to(&mut all_headers);
    let body = parts.body_ref();
    // Asked before every attempt: the tenant's base URL and the current credentials.
    let mut session = CallSession::new(inner);

    let max_attempts = policy.attempts_for(&endpoint.method);
    let first_start = Instant::now();
    let mut attempt: u32 = 1;
    // Attempts re-sent after a 401 renewal or a 421 re-discovery do not count against the policy.
    let mut recoveries: u32 = 0;
    loop {
        let base = session.base().await?;
        let url = match page {
            Some(page) => page.url_on(&base),
            None => client.url_for(parts, &base)?,
        };
        let attempt_headers = session.authorize(&all_headers).await?;
        let exchange = Exchange { inner, endpoint, url: &url, headers: &attempt_headers, body, timeout };
        let span = tracing::info_span!(
            "superoffice.request",
            method = endpoint.method.as_str(),
            path = endpoint.path_template,
            operation = endpoint.operation_id,
            attempt,
            status = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let failure = match exchange.once().instrument(span.clone()).await {
            Ok(body) => return Ok(Delivered { body, url, base }),
            Err(failure) => failure,
        };
        if session.recover(&failure.error, &base).instrument(span.clone()).await? {
            attempt += 1;
            recoveries += 1;
            continue;
        }
        if !failure.retryable || attempt - recoveries >= max_attempts {
            return Err(failure.error);
        }
        let wait = failure.retry_after.unwrap_or_else(|| policy.backoff(attempt - recoveries));
        let fits = first_start.elapsed().checked_add(wait).is_some_and(|end| end <= policy.max_elapsed);
        if !fits {
            span.in_scope(|| {
                tracing::debug!(
                    wait_ms = millis(wait),
                    "not retrying: the wait does not fit in the retry policy's max_elapsed"
                );
            });
            return Err(failure.error);
        }
        span.in_scope(|| {
            tracing::debug!(wait_ms = millis(wait), error = %failure.error, "retrying");
        });
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

/// A successful response body, the URL it came from and the tenant base that URL was built on
/// (borrowed from the client when its base is fixed: only the pager keeps it).
pub(crate) struct Delivered<'r> {
    pub(crate) body: bytes::Bytes,
    pub(crate) url: Url,
    pub(crate) base: Cow<'r, Url>,
}

/// Everything needed to send the same request again.
struct Exchange<'a> {
    inner: &'a ClientInner,
    endpoint: &'static Endpoint,
    url: &'a Url,
    headers: &'a HeaderMap,
    body: Option<&'a Body>,
    timeout: Option<Duration>,
}

/// A failed attempt and whether the retry policy may try again.
struct Failure {
    error: Error,
    /// Connect failure, 429, 502, 503 or 504.
    retryable: bool,
    /// The server's `Retry-After`, when it sent a valid one.
    retry_after: Option<Duration>,
}

impl Exchange<'_> {
    /// One attempt: sends, reads the whole body, maps the status. Records `status` and
    /// `elapsed_ms` on the current span.
    async fn once(&self) -> Result<bytes::Bytes, Failure> {
        let span = tracing::Span::current();
        let start = Instant::now();
        let result = self.send(start).await;
        span.record("elapsed_ms", millis(start.elapsed()));
        match &result {
            Ok(_) => tracing::debug!("request succeeded"),
            Err(f) => tracing::debug!(error = %f.error, retryable = f.retryable, "request failed"),
        }
        result
    }

    async fn send(&self, start: Instant) -> Result<bytes::Bytes, Failure> {
        let operation = self.endpoint.operation_id;
        let mut req =
            self.inner.http.request(self.endpoint.method.clone(), self.url.clone()).headers(self.headers.clone());
        if let Some(b) = self.body {
            req = req.header(http::header::CONTENT_TYPE, b.content_type).body(b.bytes.clone());
        }
        if let Some(t) = self.timeout {
            req = req.timeout(t);
        }
        let resp = req.send().await.map_err(|e| transport_failure(operation, e, start))?;
        let status = resp.status();
        tracing::Span::current().record("status", status.as_u16());
        let mut resp_headers = resp.headers().clone();
        mark_sensitive(&mut resp_headers);
        let bytes = read_body(operation, resp, self.inner.max_body, start).await?;
        if status.is_success() {
            return Ok(bytes);
        }
        let retryable = retryable_status(status);
        let retry_after = if retryable {
            resp_headers.get(http::header::RETRY_AFTER).and_then(|v| parse_retry_after(v.as_bytes(), SystemTime::now()))
        } else {
            None
        };
        let error = HttpError::new(operation, status, resp_headers, &bytes).into();
        Err(Failure { error, retryable, retry_after })
    }
}

/// Reads the whole body as a stream of chunks, counting, and fails with
/// [`Error::ResponseTooLarge`] as soon as it would exceed `limit` bytes (or before reading, when
/// `Content-Length` already says so): at most `limit` bytes are ever held.
async fn read_body(
    operation: &'static str,
    mut resp: reqwest::Response,
    limit: usize,
    start: Instant,
) -> Result<bytes::Bytes, Failure> {
    let too_large =
        || Failure { error: Error::ResponseTooLarge { operation, limit }, retryable: false, retry_after: None };
    let declared = resp.content_length().map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    // A body that arrives in one chunk is returned as is (no copy). Otherwise the chunks are
    // copied into one buffer, pre-allocated to what the server declared (bounded by the limit
    // above), but to no more than 1 MiB on its word alone.
    let mut first: Option<bytes::Bytes> = None;
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| transport_failure(operation, e, start))? {
        let held = first.as_ref().map_or(buf.len(), bytes::Bytes::len);
        if chunk.len() > limit.saturating_sub(held) {
            return Err(too_large());
        }
        if let Some(f) = first.take() {
            buf.reserve(declared.unwrap_or(0).min(1 << 20).max(f.len() + chunk.len()));
            buf.extend_from_slice(&f);
        } else if buf.is_empty() {
            first = Some(chunk);
            continue;
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(first.unwrap_or_else(|| buf.freeze()))
}

/// Response headers that may carry credentials (a server echoing them, or issuing new ones) are
/// marked sensitive, so the `Debug` of an [`HttpError`] shows `Sensitive` instead of their value.
fn mark_sensitive(headers: &mut HeaderMap) {
    const NAMES: [&str; 5] = ["authorization", "proxy-authorization", "set-cookie", "x-xsrf-token", "so-apptoken"];
    for name in NAMES {
        if let http::header::Entry::Occupied(mut entry) = headers.entry(name) {
            for value in entry.iter_mut() {
                value.set_sensitive(true);
            }
        }
    }
}

/// The statuses worth retrying: rate limiting and an overloaded or unreachable upstream.
fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// Whole milliseconds, saturating.
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Maps a reqwest error without its URL (and so without anything a caller put there). Only
/// connect failures (nothing was sent) may be retried.
fn transport_failure(operation: &'static str, e: reqwest::Error, start: Instant) -> Failure {
    let retryable = e.is_connect();
    Failure { error: transport_error(operation, e, start), retryable, retry_after: None }
}

/// An API call's timeout is [`Error::Timeout`] with the time spent; anything else is mapped as for
/// every request of the SDK ([`crate::net::transport_error`]).
fn transport_error(operation: &'static str, e: reqwest::Error, start: Instant) -> Error {
    if e.is_timeout() {
        return Error::Timeout { operation, elapsed: start.elapsed(), connect: e.is_connect() };
    }
    crate::net::transport_error(operation, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_statuses_match_the_error_type() {
        for code in 100..=599u16 {
            let Ok(status) = StatusCode::from_u16(code) else { continue };
            let err = Error::from(HttpError::new("op", status, HeaderMap::new(), b""));
            assert_eq!(retryable_status(status), err.is_retryable(), "{code}");
        }
    }

    #[test]
    fn credential_headers_are_hidden_from_debug() {
        let mut h = HeaderMap::new();
        h.append("set-cookie", http::HeaderValue::from_static("ticket=hunter2"));
        h.append("set-cookie", http::HeaderValue::from_static("other=hunter3"));
        h.append("authorization", http::HeaderValue::from_static("SOTicket hunter4"));
        h.append("x-request-id", http::HeaderValue::from_static("abc"));
        mark_sensitive(&mut h);
        let dbg = format!("{h:?}");
        assert!(!dbg.contains("hunter"), "{dbg}");
        assert!(dbg.contains("abc"), "{dbg}");
        assert_eq!(h["authorization"], "SOTicket hunter4", "still readable");
    }

    #[test]
    fn millis_saturates() {
        assert_eq!(millis(Duration::from_millis(1500)), 1500);
        assert_eq!(millis(Duration::MAX), u64::MAX);
    }
}
