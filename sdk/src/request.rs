//! [`Request`]: a request builder for one operation, and the send pipeline.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderName;

use crate::auth::Secret;
use crate::headers::{names, DocumentedHeaders, TimeZone};
use crate::hooks::{Hooked, Registered};
use crate::operation::Operation;
use crate::retry::RetryPolicy;
use crate::{Client, Error};

/// A request for one operation, with the documented optional headers. Returned by the resource
/// clients (`client.chat_session().for_current_user()`); nothing is sent until [`Request::send`].
///
/// Header setters override the client's defaults for this request only. A value that cannot be
/// sent (CR/LF, control bytes) makes `send` return [`Error::InvalidHeader`] without sending.
#[must_use = "a request does nothing until `.send().await`"]
pub struct Request<Op> {
    client: Client,
    pub(crate) op: Op,
    headers: DocumentedHeaders,
    error: Option<Error>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    /// Scripting-event hooks for this request only (see [`crate::hooks`]).
    hooks: Option<Arc<dyn Registered<Op>>>,
}

impl<Op: Operation> Request<Op> {
    pub(crate) fn new(client: Client, op: Op) -> Self {
        Request {
            client,
            op,
            headers: DocumentedHeaders::default(),
            error: None,
            timeout: None,
            retry: None,
            hooks: None,
        }
    }

    pub(crate) fn header(mut self, name: HeaderName, display: &'static str, value: &str) -> Self {
        if let Err(e) = self.headers.set(name, display, value) {
            self.error.get_or_insert(e);
        }
        self
    }

    /// `SO-Language`: language (iso2) for string references and multi-language values. Overrides
    /// `Accept-Language`.
    pub fn language(self, code: &str) -> Self {
        self.header(names::SO_LANGUAGE, "SO-Language", code)
    }

    /// `SO-Culture`: culture (iso2) for number and date formatting. Ignored if no language is set.
    pub fn culture(self, code: &str) -> Self {
        self.header(names::SO_CULTURE, "SO-Culture", code)
    }

    /// `SO-TimeZone`: the time zone date-times in the response are converted to; use
    /// [`TimeZone::include_offset`] to get offsets in the date-times.
    pub fn time_zone(self, tz: impl Into<TimeZone>) -> Self {
        let tz = tz.into();
        self.header(names::SO_TIME_ZONE, "SO-TimeZone", tz.as_str())
    }

    /// `SO-AppToken`: the application token that identifies the partner app.
    pub fn app_token(self, token: impl Into<Secret>) -> Self {
        let token = token.into();
        self.header(names::SO_APP_TOKEN, "SO-AppToken", token.expose())
    }

    /// `Accept-Language`.
    pub fn accept_language(self, value: &str) -> Self {
        self.header(names::ACCEPT_LANGUAGE, "Accept-Language", value)
    }

    /// Time allowed for this request, instead of the client's.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = Some(d);
        self
    }

    /// How this request is retried, instead of the client's policy (see [`RetryPolicy`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The operation's parameters.
    pub fn operation(&self) -> &Op {
        &self.op
    }

    /// Sends the request and decodes the documented response.
    ///
    /// Runs the endpoint's scripting-event hooks around the call when some are registered for this
    /// request or its client (see [`crate::hooks`]).
    pub async fn send(mut self) -> Result<Op::Output, Error> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match self.hooks.take().or_else(|| self.client.inner.hooks.get::<Op>()) {
            Some(hooks) => hooks.call(self).await,
            None => self.execute().await,
        }
    }

    /// One call without hooks: what [`send`](Self::send) does once the hooks are out of the way.
    pub(crate) async fn execute(&self) -> Result<Op::Output, Error> {
        crate::transport::execute(&self.client, &self.op, &self.headers, self.timeout, self.retry.as_ref()).await
    }

    /// This request's headers, timeout, retry policy and pending configuration error around
    /// another operation made from this one's (hooks do not carry over). Used by the pager.
    pub(crate) fn map_op<T: Operation>(self, f: impl FnOnce(Op) -> T) -> Request<T> {
        Request {
            client: self.client,
            op: f(self.op),
            headers: self.headers,
            error: self.error,
            timeout: self.timeout,
            retry: self.retry,
            hooks: None,
        }
    }

    /// The configuration error a setter recorded, if any (then nothing must be sent).
    pub(crate) fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }

    /// The client this request is sent with.
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// One call without hooks, at `page` (an `odata.nextLink` relative to the tenant base) when
    /// given, else at the operation's own URL; either is built on the tenant's current base for
    /// every attempt. Used by the pager.
    pub(crate) async fn execute_page(&self, page: Option<&crate::paging::PageTarget>) -> Result<Op::Output, Error> {
        crate::transport::execute_at(&self.client, &self.op, page, &self.headers, self.timeout, self.retry.as_ref())
            .await
    }

    /// Runs `hooks` around this request instead of the client's. Exposed by the generated code as
    /// `.hooks(..)` on requests of endpoints with scripting events.
    pub(crate) fn with_hooks(mut self, hooks: Arc<Op::Hooks>) -> Self
    where
        Op: Hooked,
    {
        self.hooks = Some(crate::hooks::registration::<Op>(hooks));
        self
    }
}

impl<Op: Operation + fmt::Debug> fmt::Debug for Request<Op> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("operation", &Op::OPERATION_ID)
            .field("params", &self.op)
            .field("headers", &self.headers)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

impl<Op: Operation> Request<Op> {
    /// Sets `If-Unmodified-Since` (an HTTP-date). Exposed by the generated code only on operations
    /// whose docs describe it.
    pub(crate) fn with_if_unmodified_since(self, when: chrono::DateTime<chrono::Utc>) -> Self {
        let value = when.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        self.header(names::IF_UNMODIFIED_SINCE, "If-Unmodified-Since", &value)
    }
}
