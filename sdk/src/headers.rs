//! The optional request headers the WebAPI documents on every endpoint.

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::Error;

/// `SO-TimeZone`: the time zone date-times in responses are converted to.
///
/// ```
/// use superoffice_webapi::TimeZone;
/// assert_eq!(TimeZone::new("UTC").include_offset().as_str(), "UTC,includeTZOffset");
/// assert_eq!(TimeZone::new("CET").as_str(), "CET");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeZone(String);

impl TimeZone {
    /// A time zone code as SuperOffice knows it (`UTC`, `CET`, `NO`...).
    pub fn new(code: impl Into<String>) -> Self {
        TimeZone(code.into())
    }

    /// Also ask for the offset in every date-time (`2024-03-31T16:00:00+02:00` instead of
    /// `2024-03-31T16:00:00`).
    pub fn include_offset(mut self) -> Self {
        if !self.0.ends_with(",includeTZOffset") {
            self.0.push_str(",includeTZOffset");
        }
        self
    }

    /// The header value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for TimeZone {
    fn from(s: &str) -> Self {
        TimeZone::new(s)
    }
}

impl From<String> for TimeZone {
    fn from(s: String) -> Self {
        TimeZone::new(s)
    }
}

/// Documented header names.
pub(crate) mod names {
    use http::HeaderName;
    pub const ACCEPT_LANGUAGE: HeaderName = http::header::ACCEPT_LANGUAGE;
    pub const SO_LANGUAGE: HeaderName = HeaderName::from_static("so-language");
    pub const SO_CULTURE: HeaderName = HeaderName::from_static("so-culture");
    pub const SO_TIME_ZONE: HeaderName = HeaderName::from_static("so-timezone");
    pub const SO_APP_TOKEN: HeaderName = HeaderName::from_static("so-apptoken");
    pub const IF_UNMODIFIED_SINCE: HeaderName = http::header::IF_UNMODIFIED_SINCE;
}

/// Validates a header value: visible ASCII, spaces and tabs only (no CR, LF or other control bytes).
pub(crate) fn header_value(name: &'static str, value: &str) -> Result<HeaderValue, Error> {
    if value.bytes().any(|b| b == b'\r' || b == b'\n') {
        return Err(Error::InvalidHeader { name, reason: "contains CR or LF" });
    }
    if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f || b >= 0x80) {
        return Err(Error::InvalidHeader { name, reason: "contains control or non-ASCII bytes" });
    }
    HeaderValue::from_str(value).map_err(|_| Error::InvalidHeader { name, reason: "not a valid header value" })
}

/// The documented optional headers, validated when set. Used for client-wide defaults and per
/// request; per-request values override the defaults header by header.
#[derive(Clone, Default)]
pub(crate) struct DocumentedHeaders {
    map: HeaderMap,
}

impl DocumentedHeaders {
    /// Sets one header; the app token is marked sensitive.
    pub(crate) fn set(&mut self, name: HeaderName, display: &'static str, value: &str) -> Result<(), Error> {
        let mut v = header_value(display, value)?;
        if name == names::SO_APP_TOKEN {
            v.set_sensitive(true);
        }
        self.map.insert(name, v);
        Ok(())
    }

    /// Copies these headers onto `target`, replacing what is there.
    pub(crate) fn apply_to(&self, target: &mut HeaderMap) {
        for (k, v) in &self.map {
            target.insert(k.clone(), v.clone());
        }
    }
}

impl std::fmt::Debug for DocumentedHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut m = f.debug_map();
        for (k, v) in &self.map {
            if v.is_sensitive() {
                m.entry(&k.as_str(), &"[redacted]");
            } else {
                m.entry(&k.as_str(), &v);
            }
        }
        m.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_crlf_and_control_bytes() {
        assert!(matches!(
            header_value("SO-Language", "en\r\nX: y"),
            Err(Error::InvalidHeader { name: "SO-Language", .. })
        ));
        assert!(header_value("SO-Language", "en\0").is_err());
        assert!(header_value("SO-Language", "en").is_ok());
    }

    #[test]
    fn app_token_is_redacted_in_debug() {
        let mut h = DocumentedHeaders::default();
        h.set(names::SO_APP_TOKEN, "SO-AppToken", "secret-app-token").unwrap();
        h.set(names::SO_LANGUAGE, "SO-Language", "en").unwrap();
        let dbg = format!("{h:?}");
        assert!(!dbg.contains("secret-app-token"), "{dbg}");
        assert!(dbg.contains("\"en\""), "{dbg}");
    }
}
