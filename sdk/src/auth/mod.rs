//! Credentials for the WebAPI and the sign-in flows that obtain them, kept out of every `Debug`,
//! `Display`, log line and error.
//!
//! | Flow | Where | Feature |
//! |---|---|---|
//! | Fixed credentials: Basic, `SOTicket`, Bearer, XSRF ([`Auth`]) | this module | — |
//! | Credentials that expire and renew ([`TokenSource`]) | [`source`] | — |
//! | System user sign-in for Online (`SystemUser`) | `system_user.rs` | `system_user` |
//! | The app's RSA key: XML, PKCS#1, PKCS#8 (`PrivateKey`) | `keyfile.rs` | `system_user` |
//! | OAuth refresh ([`OAuthTokenSource`]) | [`oauth`] | — |
//! | id_token claims ([`IdTokenClaims`]) | [`id_token`] | checks: `jwt` |
//! | JWT decoding; JWKS signature checks (`jwt::Jwks`) | [`jwt`] | checks: `jwt` |
//! | Environments `sod`, `qaonline` (`stage`), `online` ([`Environment`]) | `environment.rs` | — |
//!
//! Finding a tenant's host is in [`crate::tenant`].

use std::fmt;

use base64::Engine;
use http::HeaderValue;

use crate::Error;

#[cfg(feature = "jwt")]
mod der;
mod environment;
pub mod id_token;
pub mod jwt;
#[cfg(feature = "system_user")]
mod keyfile;
pub mod oauth;
pub mod source;
#[cfg(feature = "system_user")]
mod system_user;

pub use environment::Environment;
pub use id_token::IdTokenClaims;
#[cfg(feature = "system_user")]
pub use keyfile::PrivateKey;
pub use oauth::{OAuthTokenSource, OAuthTokenSourceBuilder};
pub use source::{BoxFuture, TokenSource};
#[cfg(feature = "system_user")]
pub use system_user::{SystemUser, SystemUserBuilder};

/// A secret string (password, ticket, token). Its `Debug` and `Display` print `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself. Call only to hand it to something that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_string())
    }
}

/// How requests authenticate, as the WebAPI documents it: `Authorization: Basic`, `SOTicket` or
/// `Bearer`, or the `X-XSRF-TOKEN` alternative for cookie-authenticated sessions.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// `Authorization: Basic base64(user:password)` (on-site installations).
    Basic {
        /// The user name (not secret).
        user: String,
        /// The password.
        password: Secret,
    },
    /// `Authorization: SOTicket <ticket>`.
    SoTicket(Secret),
    /// `Authorization: Bearer <token>` (Online, OAuth/OpenID Connect).
    Bearer(Secret),
    /// `X-XSRF-TOKEN: <value>` instead of an Authorization header (cookie sessions).
    Xsrf(Secret),
}

impl Auth {
    /// Basic authentication.
    pub fn basic(user: impl Into<String>, password: impl Into<Secret>) -> Self {
        Auth::Basic { user: user.into(), password: password.into() }
    }

    /// SuperOffice ticket authentication.
    pub fn so_ticket(ticket: impl Into<Secret>) -> Self {
        Auth::SoTicket(ticket.into())
    }

    /// Bearer token authentication.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Auth::Bearer(token.into())
    }

    /// XSRF token from the cookie or hidden input field.
    pub fn xsrf(token: impl Into<Secret>) -> Self {
        Auth::Xsrf(token.into())
    }

    /// The header this scheme sends, with its value marked sensitive.
    pub(crate) fn header(&self) -> Result<(http::HeaderName, HeaderValue), Error> {
        let (name, scheme, value) = match self {
            Auth::Basic { user, password } => {
                let raw = format!("{user}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
                (http::header::AUTHORIZATION, "Basic ", encoded)
            }
            Auth::SoTicket(t) => (http::header::AUTHORIZATION, "SOTicket ", t.expose().to_string()),
            Auth::Bearer(t) => (http::header::AUTHORIZATION, "Bearer ", t.expose().to_string()),
            Auth::Xsrf(t) => (http::HeaderName::from_static("x-xsrf-token"), "", t.expose().to_string()),
        };
        let header_name: &'static str =
            if name == http::header::AUTHORIZATION { "Authorization" } else { "X-XSRF-TOKEN" };
        let mut v = crate::headers::header_value(header_name, &format!("{scheme}{value}"))?;
        v.set_sensitive(true);
        Ok((name, v))
    }
}

/// The HTTP client sign-in flows use unless given one. It follows no redirect (see
/// [`crate::net::no_redirects`]): a sign-in body carries the client secret and tokens.
pub(crate) fn default_http() -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .redirect(crate::net::no_redirects())
        .connect_timeout(crate::DEFAULT_CONNECT_TIMEOUT)
        .timeout(crate::DEFAULT_TIMEOUT)
        .user_agent(concat!("superoffice-webapi-rust/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", e.without_url())))
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Basic { user, .. } => {
                f.debug_struct("Basic").field("user", user).field("password", &"[redacted]").finish()
            }
            Auth::SoTicket(_) => f.write_str("SoTicket([redacted])"),
            Auth::Bearer(_) => f.write_str("Bearer([redacted])"),
            Auth::Xsrf(_) => f.write_str("Xsrf([redacted])"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_header_matches_the_docs_sample() {
        // The docs' sample request: `Authorization: Basic dGplMDpUamUw` is tje0:Tje0.
        let (name, value) = Auth::basic("tje0", "Tje0").header().unwrap();
        assert_eq!(name, http::header::AUTHORIZATION);
        assert_eq!(value.to_str().unwrap(), "Basic dGplMDpUamUw");
        assert!(value.is_sensitive());
    }

    #[test]
    fn debug_hides_secrets() {
        for auth in
            [Auth::basic("tje0", "hunter2"), Auth::so_ticket("hunter2"), Auth::bearer("hunter2"), Auth::xsrf("hunter2")]
        {
            let dbg = format!("{auth:?}");
            assert!(!dbg.contains("hunter2"), "{dbg}");
            assert!(dbg.contains("redacted"), "{dbg}");
        }
    }

    #[test]
    fn crlf_in_a_token_is_rejected_without_echoing_it() {
        let err = Auth::bearer("abc\r\nX-Evil: 1").header().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("Authorization"), "{text}");
        assert!(!text.contains("Evil"), "{text}");
    }
}
