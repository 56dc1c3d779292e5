//! The one error type of the SDK.

use std::fmt;

use http::{HeaderMap, StatusCode};

/// Everything that can go wrong when calling the WebAPI.
///
/// Never contains credentials: request headers are not kept, and header values rejected at
/// configuration time are named but not shown.
///
/// `Clone`, so that one failed sign-in or tenant lookup can be handed to every caller that
/// waited for it.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a non-success status.
    #[error("{0}")]
    Http(Box<HttpError>),
    /// The response body was not what the operation documents.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// Connecting, sending or receiving failed.
    #[error("transport error calling {operation}: {message}")]
    Transport {
        /// The operation id (`v1ChatSessionEntity_ChatSessionsForUser`).
        operation: &'static str,
        /// What failed (from the HTTP stack; never contains headers).
        message: String,
        /// Whether the failure happened while connecting (nothing was sent).
        connect: bool,
    },
    /// The request did not complete within the configured time.
    #[error("{operation} timed out after {elapsed:?}{}", if *connect { " while connecting" } else { "" })]
    Timeout {
        /// The operation id.
        operation: &'static str,
        /// How long the call ran.
        elapsed: std::time::Duration,
        /// Whether the time ran out while connecting (nothing was sent, so trying again is safe).
        /// When `false` the request may have reached the server, which may have acted on it.
        connect: bool,
    },
    /// A header value cannot be sent (control characters such as CR/LF, or non-visible bytes).
    #[error("invalid value for header `{name}`: {reason}")]
    InvalidHeader {
        /// The header name.
        name: &'static str,
        /// Why it was rejected (the value itself is never shown: it may be a secret).
        reason: &'static str,
    },
    /// The configuration is unusable (bad base URL, missing setting...).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Signing in or renewing credentials failed (system user, OAuth refresh, JWT checks).
    #[error("{flow} sign-in failed: {message}")]
    SignIn {
        /// The flow (`system user`, `OAuth refresh`, `JWT`).
        flow: &'static str,
        /// What went wrong (never a credential: server messages are scrubbed of what was sent).
        message: String,
    },
    /// The tenant state API says the tenant is not running, so its API is unavailable.
    #[error("tenant {context_identifier} is not running: its state is {state}")]
    TenantNotRunning {
        /// The tenant (`Cust12345`).
        context_identifier: String,
        /// Its state (`Suspended`, `OfflineMaintenance`, ...).
        state: crate::tenant::TenantStatus,
    },
    /// The tenant state API's answer could not be used.
    #[error("tenant discovery failed: {0}")]
    Discovery(String),
    /// The response body is larger than the limit: the client's
    /// ([`ClientBuilder::max_response_body_size`](crate::ClientBuilder::max_response_body_size))
    /// for API calls, [`MAX_AUTH_RESPONSE_SIZE`](crate::MAX_AUTH_RESPONSE_SIZE) (1 MiB) for the
    /// sign-in, token, JWKS and tenant-state answers. Reading stopped at the limit (or before
    /// reading, when the server declared a larger `Content-Length`), so no more than `limit`
    /// bytes were held in memory.
    #[error("the response of {operation} is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The operation id.
        operation: &'static str,
        /// The limit in bytes.
        limit: usize,
    },
    /// Paging through a list stopped: the server's links go round in a cycle, or the list is
    /// longer than the pager's page or row cap (see [`crate::paging::PagingLimits`]).
    #[error("paging through {operation} stopped: {reason}")]
    Paging {
        /// The operation id.
        operation: &'static str,
        /// Why.
        reason: crate::paging::PagingError,
    },
}

impl Error {
    /// The HTTP status, for [`Error::Http`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Http(e) => Some(e.status),
            _ => None,
        }
    }

    /// The kind of HTTP failure, for [`Error::Http`].
    pub fn http_kind(&self) -> Option<HttpErrorKind> {
        match self {
            Error::Http(e) => Some(e.kind()),
            _ => None,
        }
    }

    /// Whether trying the same request again may succeed and is safe: connect failures and
    /// connect timeouts (nothing was sent), 429, 502, 503 and 504. A timeout while waiting for
    /// the response is not: the server may have acted on the request (a `POST` would be applied
    /// twice); retry it yourself if the request is idempotent.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Http(e) => matches!(e.status.as_u16(), 429 | 502 | 503 | 504),
            Error::Transport { connect, .. } => *connect,
            Error::Timeout { connect, .. } => *connect,
            _ => false,
        }
    }

    /// Whether this is a 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.http_kind() == Some(HttpErrorKind::NotFound)
    }
}

/// Classification of documented non-success statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HttpErrorKind {
    /// 400: the request was malformed (e.g. no entity in the body).
    BadRequest,
    /// 401: missing or wrong credentials.
    Unauthorized,
    /// 403: the user may not do this.
    Forbidden,
    /// 404: the entity does not exist.
    NotFound,
    /// 409: a JSON Patch `test` operation failed.
    Conflict,
    /// 412: the entity changed since the `If-Unmodified-Since` timestamp.
    PreconditionFailed,
    /// 429: rate limited.
    TooManyRequests,
    /// 5xx.
    Server,
    /// Anything else.
    Other,
}

/// A non-success response.
#[derive(Debug, Clone)]
pub struct HttpError {
    /// The operation id.
    pub operation: &'static str,
    /// The status code.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response body as text (lossy UTF-8).
    pub body: String,
    /// The vendor's error message, when the body is SuperOffice's JSON error
    /// (`{"Error": "...", "ErrorType": "..."}` or `{"Message": "..."}`).
    pub message: Option<String>,
    /// The vendor's error type, when given (`ErrorType`).
    pub error_type: Option<String>,
}

impl HttpError {
    /// Builds the error, parsing the vendor's JSON error body when there is one.
    pub fn new(operation: &'static str, status: StatusCode, headers: HeaderMap, body: &[u8]) -> Self {
        let body = String::from_utf8_lossy(body).into_owned();
        let (message, error_type) = vendor_message(&body);
        HttpError { operation, status, headers, body, message, error_type }
    }

    /// The kind of failure.
    pub fn kind(&self) -> HttpErrorKind {
        match self.status.as_u16() {
            400 => HttpErrorKind::BadRequest,
            401 => HttpErrorKind::Unauthorized,
            403 => HttpErrorKind::Forbidden,
            404 => HttpErrorKind::NotFound,
            409 => HttpErrorKind::Conflict,
            412 => HttpErrorKind::PreconditionFailed,
            429 => HttpErrorKind::TooManyRequests,
            500..=599 => HttpErrorKind::Server,
            _ => HttpErrorKind::Other,
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with HTTP {}", self.operation, self.status)?;
        if let Some(m) = &self.message {
            write!(f, ": {m}")?;
        }
        Ok(())
    }
}

fn vendor_message(body: &str) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body) else {
        return (None, None);
    };
    let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let message = text("Error").or_else(|| text("Message")).or_else(|| text("error_description"));
    (message, text("ErrorType"))
}

/// A response body that did not decode into the documented type.
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// The operation id.
    pub operation: &'static str,
    /// The JSON path of the failing value (`[0].WhenStarted`), `.` for the root.
    pub path: String,
    /// What serde said, without the offending value (see the `Display` note below).
    pub message: String,
    /// Line and column in the body.
    pub line: usize,
    /// Column in the body.
    pub column: usize,
}

/// serde_json's message for `e` without the offending value (decode errors are logged, and a
/// value may be a password, a token or personal data) and without its position (kept apart):
/// `invalid type: string "hunter2", expected i32` becomes `invalid type: string, expected i32`,
/// `invalid date-time "yesterday": expected a 4-digit year at byte 0` becomes
/// `invalid date-time: expected a 4-digit year at byte 0`. Syntax errors (`expected value`,
/// `EOF while parsing a list`) never quote the input and are kept; member names
/// (``missing field `Name` ``) are not values and are kept too.
pub(crate) fn value_free_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let text = match full.rfind(" at line ") {
        Some(i) if e.line() > 0 => &full[..i],
        _ => full.as_str(),
    };
    if e.classify() != serde_json::error::Category::Data {
        return text.to_string();
    }
    // The expected part comes from the type being decoded, after the value.
    let (head, expected) = match text.rfind(", expected ") {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    if ["missing field", "unknown field", "duplicate field"].iter().any(|p| head.starts_with(p)) {
        return format!("{head}{expected}");
    }
    if head.starts_with("unknown variant") {
        // The variant is written between backticks without escaping: drop all of it.
        return format!("unknown variant{expected}");
    }
    let head = match head.strip_prefix("invalid type: ") {
        // `invalid type: string "x"` keeps the kind of value (`string`), not the value.
        Some(rest) => format!("invalid type: {}", rest.split_whitespace().next().unwrap_or("value")),
        None => without_quoted(head),
    };
    format!("{head}{expected}")
}

/// `text` without its quoted parts (`"..."` with `\` escapes, and `` `...` ``), where serde and
/// the SDK's own messages put values; an unclosed quote drops the rest.
fn without_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for d in chars.by_ref() {
                    match (escaped, d) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => {}
                    }
                }
            }
            '`' => {
                for d in chars.by_ref() {
                    if d == '`' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",").replace(" :", ":")
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode the response of {} at `{}` (line {}, column {}): {}",
            self.operation, self.path, self.line, self.column, self.message
        )
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(Box::new(e))
    }
}

impl From<HttpError> for Error {
    fn from(e: HttpError) -> Self {
        Error::Http(Box::new(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_json_error_is_parsed() {
        let e = HttpError::new(
            "op",
            StatusCode::NOT_FOUND,
            HeaderMap::new(),
            br#"{"Error":"ChatSession 7 not found","ErrorType":"SoException"}"#,
        );
        assert_eq!(e.message.as_deref(), Some("ChatSession 7 not found"));
        assert_eq!(e.error_type.as_deref(), Some("SoException"));
        assert_eq!(e.kind(), HttpErrorKind::NotFound);
        assert_eq!(e.to_string(), "op failed with HTTP 404 Not Found: ChatSession 7 not found");
    }

    #[test]
    fn decode_messages_keep_no_value() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            n: Option<i32>,
            b: Option<bool>,
            e: Option<E>,
            d: Option<crate::DateTime>,
        }
        #[derive(Debug, serde::Deserialize)]
        enum E {
            A,
        }
        for (body, expected) in [
            (r#"{"n": "hunter2"}"#, "invalid type: string, expected i32"),
            (r#"{"b": 12345678}"#, "invalid type: integer, expected a boolean"),
            (r#"{"n": 99999999999}"#, "invalid value: integer, expected i32"),
            (r#"{"e": "hunter2"}"#, "unknown variant, expected `A`"),
            (r#"{"n": 1"#, "EOF while parsing an object"),
            (r#"{"d": "hun\"ter2"}"#, "invalid date-time: expected a 4-digit year at byte 0"),
        ] {
            let e = serde_json::from_str::<T>(body).unwrap_err();
            let m = value_free_message(&e);
            assert_eq!(m, expected, "{body}");
            assert!(
                !m.contains("hunter2") && !m.contains("ter2") && !m.contains("12345678") && !m.contains("99999"),
                "{m}"
            );
        }
    }

    #[test]
    fn retryable_statuses() {
        let err = |s: u16| Error::from(HttpError::new("op", StatusCode::from_u16(s).unwrap(), HeaderMap::new(), b""));
        assert!(err(503).is_retryable());
        assert!(err(429).is_retryable());
        assert!(!err(401).is_retryable());
        assert!(!err(500).is_retryable());
    }
}
