//! What the transport asks before each attempt of one call — the tenant's current base URL and the
//! current credentials — and the two recoveries a call may make once each: renew credentials
//! after a `401`, look the tenant up again after a `421`.
//!
//! For a client with fixed credentials and a fixed base URL every method here returns at once.

use std::borrow::Cow;

use http::HeaderMap;
use url::Url;

use crate::Error;
use crate::auth::Auth;
use crate::client::ClientInner;

pub(crate) struct CallSession<'a> {
    inner: &'a ClientInner,
    /// The credentials the last attempt was sent with (token sources only).
    sent_auth: Option<Auth>,
    renewed: bool,
    rediscovered: bool,
}

impl<'a> CallSession<'a> {
    pub(crate) fn new(inner: &'a ClientInner) -> Self {
        CallSession { inner, sent_auth: None, renewed: false, rediscovered: false }
    }

    /// The base URL for the next attempt: the located tenant's, or the client's own.
    pub(crate) async fn base(&self) -> Result<Cow<'a, Url>, Error> {
        match &self.inner.tenant {
            Some(locator) => Ok(Cow::Owned(locator.base(&self.inner.http).await?)),
            None => Ok(Cow::Borrowed(&self.inner.base)),
        }
    }

    /// `headers` with the token source's current credentials, when the client has one.
    pub(crate) async fn authorize<'h>(&mut self, headers: &'h HeaderMap) -> Result<Cow<'h, HeaderMap>, Error> {
        let Some(source) = &self.inner.token_source else {
            return Ok(Cow::Borrowed(headers));
        };
        let auth = source.credentials().await?;
        let (name, value) = auth.header()?;
        let mut with_auth = headers.clone();
        with_auth.insert(name, value);
        self.sent_auth = Some(auth);
        Ok(Cow::Owned(with_auth))
    }

    /// After a failed attempt sent to `used_base`: whether to send the request again at once.
    /// A 401 renews the token source's credentials, a 421 looks the tenant up again; each at
    /// most once per call. A failed renewal or lookup is returned instead of the 401/421.
    pub(crate) async fn recover(&mut self, error: &Error, used_base: &Url) -> Result<bool, Error> {
        match error.status().map(|s| s.as_u16()) {
            Some(401) if !self.renewed => {
                let (Some(source), Some(rejected)) = (&self.inner.token_source, self.sent_auth.take()) else {
                    return Ok(false);
                };
                self.renewed = true;
                tracing::debug!("401 Unauthorized: renewing the credentials");
                // A source that declines (returns the rejected credentials) gets the 401 back.
                let renewed = source.renew(rejected.clone()).await?;
                Ok(renewed != rejected)
            }
            Some(421) if !self.rediscovered => {
                let Some(locator) = &self.inner.tenant else {
                    return Ok(false);
                };
                self.rediscovered = true;
                Ok(locator.rediscover(&self.inner.http, used_base).await?.is_some())
            }
            _ => Ok(false),
        }
    }
}
