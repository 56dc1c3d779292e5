//! What every request builder shares: the client, the documented optional headers, timeout and
//! retry policy ([`RequestCore`]), the common setters every operation's builder has
//! ([`common_setters!`]), and the thin generic `send` over the non-generic send core.
//!
//! # Why one builder type per operation
//!
//! Each endpoint's method returns a builder type of its own (`client.contact().get(5)` is a
//! [`contact::Get`](crate::contact)): its rustdoc page lists exactly that operation's optional
//! inputs, next to the common setters (`language`, `culture`, `time_zone`, `app_token`,
//! `accept_language`, `timeout`, `retry`) and `send`. Required inputs are the method's arguments,
//! so a call that leaves one out does not compile. Per operation only the builder, its setters,
//! the building of its [`Parts`] and the decoding of its output are compiled; the request itself
//! (URL, headers, credentials, retries, tracing, body limit) is sent by one non-generic core.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http::HeaderName;

use crate::auth::Secret;
use crate::headers::{DocumentedHeaders, TimeZone, names};
use crate::operation::{Endpoint, Operation, Parts};
use crate::retry::RetryPolicy;
use crate::{Client, Error};

/// The client and the per-request options of one request builder.
#[derive(Clone)]
#[doc(hidden)]
pub struct RequestCore {
    pub(crate) client: Client,
    pub(crate) headers: DocumentedHeaders,
    /// The first header value a setter rejected: then nothing is sent.
    pub(crate) error: Option<Error>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
}

impl RequestCore {
    /// A request on `client` with no options of its own.
    pub(crate) fn new(client: Client) -> Self {
        RequestCore { client, headers: DocumentedHeaders::default(), error: None, timeout: None, retry: None }
    }

    /// Sets a documented header for this request; an unsendable value is remembered as the
    /// request's error.
    pub(crate) fn header(&mut self, name: HeaderName, display: &'static str, value: &str) {
        if let Err(e) = self.headers.set(name, display, value) {
            self.error.get_or_insert(e);
        }
    }

    #[doc(hidden)]
    pub fn set_language(&mut self, code: &str) {
        self.header(names::SO_LANGUAGE, "SO-Language", code);
    }

    #[doc(hidden)]
    pub fn set_culture(&mut self, code: &str) {
        self.header(names::SO_CULTURE, "SO-Culture", code);
    }

    #[doc(hidden)]
    pub fn set_time_zone(&mut self, tz: TimeZone) {
        self.header(names::SO_TIME_ZONE, "SO-TimeZone", tz.as_str());
    }

    #[doc(hidden)]
    pub fn set_app_token(&mut self, token: Secret) {
        self.header(names::SO_APP_TOKEN, "SO-AppToken", token.expose());
    }

    #[doc(hidden)]
    pub fn set_accept_language(&mut self, value: &str) {
        self.header(names::ACCEPT_LANGUAGE, "Accept-Language", value);
    }

    #[doc(hidden)]
    pub fn set_timeout(&mut self, d: Duration) {
        self.timeout = Some(d);
    }

    #[doc(hidden)]
    pub fn set_retry(&mut self, policy: RetryPolicy) {
        self.retry = Some(policy);
    }

    /// `If-Unmodified-Since` (an HTTP-date).
    #[doc(hidden)]
    pub fn set_if_unmodified_since(&mut self, when: chrono::DateTime<chrono::Utc>) {
        let value = http_date(when);
        self.header(names::IF_UNMODIFIED_SINCE, "If-Unmodified-Since", &value);
    }

    /// `If-Modified-Since` (an HTTP-date).
    #[doc(hidden)]
    pub fn set_if_modified_since(&mut self, when: chrono::DateTime<chrono::Utc>) {
        let value = http_date(when);
        self.header(http::header::IF_MODIFIED_SINCE, "If-Modified-Since", &value);
    }

    /// Moves this core out (for sending), leaving one with the same client and no options.
    pub(crate) fn take(&mut self) -> RequestCore {
        let blank = RequestCore::new(self.client.clone());
        std::mem::replace(self, blank)
    }

    /// The configuration error a setter recorded, if any: then nothing must be sent.
    pub(crate) fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }

    /// Sends one request (no hooks) and returns the successful response body: the non-generic
    /// core every operation shares. The caller has taken the configuration error first.
    pub(crate) async fn execute(&self, endpoint: &'static Endpoint, parts: &Parts) -> Result<bytes::Bytes, Error> {
        self.execute_at(endpoint, parts, None).await.map(|delivered| delivered.body)
    }

    /// [`execute`](Self::execute) at `page` (an `odata.nextLink` relative to the tenant base)
    /// when given, else at the URL built from `parts`; either is built on the tenant's current
    /// base for every attempt. Also returns the URL the successful attempt was sent to and the
    /// base it was built on. Used by the pager.
    pub(crate) async fn execute_at(
        &self,
        endpoint: &'static Endpoint,
        parts: &Parts,
        page: Option<&crate::paging::PageTarget>,
    ) -> Result<crate::transport::Delivered<'_>, Error> {
        crate::transport::execute(self, endpoint, parts, page).await
    }
}

impl fmt::Debug for RequestCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("headers", &self.headers)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

fn http_date(when: chrono::DateTime<chrono::Utc>) -> String {
    when.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Sends `op` without hooks and decodes its output: the whole per-operation part of `send`.
pub(crate) async fn send<Op: Operation>(op: &mut Op) -> Result<Op::Output, Error> {
    let parts = prepare(op)?;
    let body = op.core().execute(Op::ENDPOINT, &parts).await?;
    decode::<Op>(body)
}

/// The operation's own part of sending: the error a setter recorded (then nothing is sent), else
/// its request parts.
fn prepare<Op: Operation>(op: &mut Op) -> Result<Parts, Error> {
    match op.core_mut().take_error() {
        Some(e) => Err(e),
        None => op.parts(),
    }
}

/// Decodes a response body as `Op`'s output, logging a failure (without the body).
pub(crate) fn decode<Op: Operation>(body: bytes::Bytes) -> Result<Op::Output, Error> {
    Op::decode(body).map_err(|e| {
        tracing::debug!(operation = Op::ENDPOINT.operation_id, error = %e, "response did not decode");
        Error::from(e)
    })
}

/// Sends an operation that has no scripting-event hooks (what its generated `send` calls).
#[doc(hidden)]
pub fn send_plain<Op: Operation<Output = T>, T: 'static>(mut op: Op) -> ResponseFuture<T> {
    // The operation's own part runs here, before the future: the future holds only the request
    // core, its parts and the decoder, never the operation (whose `Send` would be proven anew
    // for every operation).
    let prepared = prepare(&mut op);
    let core = op.core_mut().take();
    let decode: fn(bytes::Bytes) -> Result<T, Error> = decode::<Op>;
    let endpoint = Op::ENDPOINT;
    ResponseFuture::new(async move {
        let parts = prepared?;
        let body = core.execute(endpoint, &parts).await?;
        decode(body)
    })
}

/// The future a request builder's `send()` returns: resolves to the decoded response (or the
/// error). Await it; it is `Send`, so it can be spawned.
///
/// One type for every operation (the work behind it is boxed), so each of the thousands of
/// generated `send` methods is a plain call instead of a future type the compiler checks once per
/// operation.
#[must_use = "a request does nothing until `.send().await`"]
pub struct ResponseFuture<T> {
    inner: Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'static>>,
}

impl<T> ResponseFuture<T> {
    /// Boxes `future` (generic code: the runtime's send paths).
    pub(crate) fn new(future: impl Future<Output = Result<T, Error>> + Send + 'static) -> Self {
        ResponseFuture { inner: Box::pin(future) }
    }
}

impl<T> Future for ResponseFuture<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.as_mut().poll(cx)
    }
}

impl<T> fmt::Debug for ResponseFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// The outcome of a conditional read ([`If-Modified-Since`]): the entity, or word that it has not
/// changed since the given time (`304 Not Modified`).
///
/// [`If-Modified-Since`]: https://www.rfc-editor.org/rfc/rfc9110#name-if-modified-since
#[derive(Debug, Clone, PartialEq)]
pub enum Conditional<T> {
    /// The entity changed (or the server ignored the condition): here it is.
    Modified(T),
    /// `304 Not Modified`: the entity has not changed since the given time.
    NotModified,
}

impl<T> Conditional<T> {
    /// The entity, `None` when it was not modified.
    pub fn modified(self) -> Option<T> {
        match self {
            Conditional::Modified(t) => Some(t),
            Conditional::NotModified => None,
        }
    }
}

/// A read sent with `If-Modified-Since`; from the `if_modified_since` setter of a get-by-id
/// operation. [`send`](Self::send) answers [`Conditional::NotModified`] on `304` instead of an
/// error.
#[must_use = "a request does nothing until `.send().await`"]
#[derive(Debug, Clone)]
pub struct IfModifiedSince<Op> {
    op: Op,
}

impl<Op: Operation> IfModifiedSince<Op> {
    /// `op` with `If-Modified-Since: when` (what the generated `if_modified_since` setters call).
    #[doc(hidden)]
    pub fn new(mut op: Op, when: chrono::DateTime<chrono::Utc>) -> Self {
        op.core_mut().set_if_modified_since(when);
        IfModifiedSince { op }
    }

    /// Sends the request: the entity when it changed since the given time, else
    /// [`Conditional::NotModified`].
    pub async fn send(mut self) -> Result<Conditional<Op::Output>, Error> {
        match send(&mut self.op).await {
            Ok(v) => Ok(Conditional::Modified(v)),
            Err(e) if e.status().is_some_and(|s| s == http::StatusCode::NOT_MODIFIED) => Ok(Conditional::NotModified),
            Err(e) => Err(e),
        }
    }
}

/// The setters every request builder has, generated into each operation's builder (one
/// definition here, so every operation documents them the same way). `$core` is the field
/// holding the builder's [`RequestCore`].
// Unused only when no resource feature is enabled.
#[cfg_attr(any(test, not(feature = "full")), allow(unused_macros))]
macro_rules! common_setters {
    ($core:ident) => {
        /// `SO-Language`: language (iso2) for string references and multi-language values.
        /// Overrides `Accept-Language`. A value that cannot be sent (CR/LF, control bytes) makes
        /// `send` fail with [`Error::InvalidHeader`](crate::Error::InvalidHeader) without sending.
        #[inline]
        pub fn language(mut self, code: &str) -> Self {
            self.$core.set_language(code);
            self
        }

        /// `SO-Culture`: culture (iso2) for number and date formatting. Ignored if no language is set.
        #[inline]
        pub fn culture(mut self, code: &str) -> Self {
            self.$core.set_culture(code);
            self
        }

        /// `SO-TimeZone`: the time zone date-times in the response are converted to; use
        /// [`TimeZone::include_offset`](crate::TimeZone::include_offset) to get offsets.
        #[inline]
        pub fn time_zone(mut self, tz: impl Into<crate::TimeZone>) -> Self {
            self.$core.set_time_zone(tz.into());
            self
        }

        /// `SO-AppToken`: the application token that identifies the partner app (instead of the
        /// client's).
        #[inline]
        pub fn app_token(mut self, token: impl Into<crate::Secret>) -> Self {
            self.$core.set_app_token(token.into());
            self
        }

        /// `Accept-Language`.
        #[inline]
        pub fn accept_language(mut self, value: &str) -> Self {
            self.$core.set_accept_language(value);
            self
        }

        /// Time allowed for this request, instead of the client's.
        #[inline]
        pub fn timeout(mut self, d: std::time::Duration) -> Self {
            self.$core.set_timeout(d);
            self
        }

        /// How this request is retried, instead of the client's policy (see
        /// [`RetryPolicy`](crate::RetryPolicy)).
        #[inline]
        pub fn retry(mut self, policy: crate::RetryPolicy) -> Self {
            self.$core.set_retry(policy);
            self
        }
    };
}

#[cfg_attr(any(test, not(feature = "full")), allow(unused_imports))]
pub(crate) use common_setters;

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-segment operation answering the body's length, for the send path alone.
    struct Probe {
        core: RequestCore,
    }

    impl Operation for Probe {
        type Output = usize;
        const ENDPOINT: &'static Endpoint = &Endpoint::new("probe", http::Method::GET, "/probe");

        fn parts(&self) -> Result<Parts, Error> {
            let mut parts = Parts::new();
            parts.literal("probe");
            Ok(parts)
        }

        fn decode(body: bytes::Bytes) -> Result<usize, crate::DecodeError> {
            Ok(body.len())
        }

        fn core(&self) -> &RequestCore {
            &self.core
        }

        fn core_mut(&mut self) -> &mut RequestCore {
            &mut self.core
        }
    }

    fn probe() -> Probe {
        // Nothing listens on the discard port: a request that were sent would fail to connect.
        let client = Client::builder("http://127.0.0.1:9/tenant").build().unwrap();
        Probe { core: client.core() }
    }

    #[test]
    fn every_operation_sends_through_one_send_unpin_future_type() {
        fn spawnable<F: Future + Send + Unpin + 'static>(_: &F) {}
        let future = send_plain(probe());
        spawnable(&future);
        assert_eq!(format!("{future:?}"), "ResponseFuture { .. }");
    }

    #[tokio::test]
    async fn a_rejected_header_value_is_the_result_and_nothing_is_sent() {
        let mut op = probe();
        op.core.set_language("nb\r\nX-Injected: 1");
        let err = send_plain(op).await.unwrap_err();
        // The setter's error, not the connection failure a sent request would meet.
        assert!(matches!(err, Error::InvalidHeader { name: "SO-Language", .. }), "{err:?}");
    }

    #[test]
    fn taking_the_core_keeps_the_client_and_drops_the_options() {
        let mut op = probe();
        op.core.set_language("nb");
        op.core.set_timeout(Duration::from_secs(3));
        let taken = op.core.take();
        let headers = |core: &RequestCore| {
            let mut map = http::HeaderMap::new();
            core.headers.apply_to(&mut map);
            map
        };
        assert_eq!(taken.timeout, Some(Duration::from_secs(3)));
        assert_eq!(headers(&taken).get("SO-Language").map(|v| v.as_bytes()), Some(&b"nb"[..]));
        assert_eq!(op.core.timeout, None);
        assert!(headers(&op.core).is_empty());
        assert_eq!(op.core.client.base_url(), taken.client.base_url());
    }
}
