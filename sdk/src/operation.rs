//! What generated code implements for each endpoint: the [`Operation`] trait, over the static
//! [`Endpoint`] facts and the [`Parts`] of one request.
//!
//! The per-operation layer is deliberately thin: an operation builds its [`Parts`] (path segments,
//! query pairs, body) and decodes its output; everything else (URL, headers, credentials,
//! retries, tracing, body limits) is one non-generic send core shared by every operation.

use std::borrow::Cow;

use crate::error::DecodeError;
use crate::request::RequestCore;

/// The static facts of one documented operation.
#[derive(Debug)]
#[non_exhaustive]
pub struct Endpoint {
    /// The vendor's operation id (`v1ChatSessionEntity_ChatSessionsForUser`).
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: http::Method,
    /// The documented path template (`/api/v1/ChatSession/{id}`).
    pub path_template: &'static str,
}

impl Endpoint {
    /// The facts of one operation (used by the generated code).
    pub const fn new(operation_id: &'static str, method: http::Method, path_template: &'static str) -> Self {
        Endpoint { operation_id, method, path_template }
    }
}

/// One documented WebAPI operation: the request builder the resource clients return
/// (`client.chat_session().get(7)` is a `rest::chat_session::Get`). Generated for
/// every endpoint; you do not implement it.
pub trait Operation: Send + Sync + Sized + 'static {
    /// What a successful call returns.
    type Output: Send + 'static;
    /// The operation's static facts.
    const ENDPOINT: &'static Endpoint;

    /// The request's parts: path segments, the query parameters that were set, and the body.
    fn parts(&self) -> Result<Parts, crate::Error>;

    /// Decodes a successful response body the transport read.
    fn decode(body: bytes::Bytes) -> Result<Self::Output, DecodeError>;

    /// The client and options this request is sent with.
    #[doc(hidden)]
    fn core(&self) -> &RequestCore;

    /// The client and options this request is sent with, to change them.
    #[doc(hidden)]
    fn core_mut(&mut self) -> &mut RequestCore;
}

/// A request body with its content type.
#[derive(Debug, Clone)]
pub struct Body {
    /// `Content-Type` to send.
    pub content_type: &'static str,
    /// The encoded bytes (shared, not copied, when the request is sent or retried).
    pub bytes: bytes::Bytes,
}

impl Body {
    /// File content as `application/octet-stream`, sent as given (no copy).
    pub fn binary(bytes: impl Into<bytes::Bytes>) -> Self {
        Body { content_type: "application/octet-stream", bytes: bytes.into() }
    }

    /// JSON-encodes `value` as `application/json`.
    pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Self, crate::Error> {
        // `match`, not `map_err` with a closure: this is instantiated once per body type.
        match serde_json::to_vec(value) {
            Ok(bytes) => Ok(Body { content_type: "application/json", bytes: bytes.into() }),
            Err(e) => Err(crate::Error::Config(format!("cannot encode the request body: {e}"))),
        }
    }
}

/// The parts of one request: path segments (each percent-encoded as one segment when the URL is
/// built), the query parameters that were set, and the body.
#[derive(Debug, Default, Clone)]
pub struct Parts {
    segments: Vec<Cow<'static, str>>,
    pairs: Vec<(&'static str, String)>,
    body: Option<Body>,
}

impl Parts {
    /// Empty parts.
    pub fn new() -> Self {
        Parts::default()
    }

    /// A literal segment from the path template.
    pub fn literal(&mut self, s: &'static str) -> &mut Self {
        self.segments.push(Cow::Borrowed(s));
        self
    }

    /// A path parameter value (encoded when the URL is built, so `/` or `?` in it cannot escape
    /// the segment).
    pub fn param(&mut self, v: &dyn std::fmt::Display) -> &mut Self {
        self.segments.push(Cow::Owned(v.to_string()));
        self
    }

    /// A required query parameter: `name=value`.
    pub fn query(&mut self, name: &'static str, value: &dyn std::fmt::Display) -> &mut Self {
        self.pairs.push((name, value.to_string()));
        self
    }

    /// An optional query parameter: `name=value` when `value` is set.
    pub fn query_opt<T: std::fmt::Display>(&mut self, name: &'static str, value: Option<&T>) -> &mut Self {
        if let Some(v) = value {
            self.pairs.push((name, v.to_string()));
        }
        self
    }

    /// `name=v` once per element of `values` (`collectionFormat: multi`).
    pub fn query_multi<T: std::fmt::Display>(&mut self, name: &'static str, values: &[T]) -> &mut Self {
        for v in values {
            self.pairs.push((name, v.to_string()));
        }
        self
    }

    /// The request body.
    pub fn body(&mut self, body: Body) -> &mut Self {
        self.body = Some(body);
        self
    }

    pub(crate) fn segments(&self) -> &[Cow<'static, str>] {
        &self.segments
    }

    pub(crate) fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }

    pub(crate) fn body_ref(&self) -> Option<&Body> {
        self.body.as_ref()
    }
}

/// Decodes JSON, naming the path of the failing value.
///
/// The body is checked to be UTF-8 once, as a whole, and then parsed as text: serde_json then
/// skips its per-string UTF-8 checks, which on the WebAPI's string-heavy responses cost more
/// than checking the whole buffer at once (see BENCHMARKS.md). A body that is not UTF-8 is
/// parsed as bytes: serde_json names the position of a bad byte in a string it reads, and skips
/// the ones in members nobody reads.
///
/// The path of a failure is found from serde_json's line and column by one scan of the text
/// (the crate-private `json_path` module), not by decoding again with a path-tracking decoder: that
/// one would be compiled for every output type, for an error path.
pub fn decode_json<T: serde::de::DeserializeOwned>(operation: &'static str, body: &[u8]) -> Result<T, DecodeError> {
    // `match`es, not closures: this is instantiated once per output type.
    let decoded = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    };
    match decoded {
        Ok(value) => Ok(value),
        Err(e) => Err(decode_error(operation, body, &e)),
    }
}

/// The error for a body that failed to decode; the message never quotes the value: decode
/// errors are logged, and values may be secrets.
#[cold]
fn decode_error(operation: &'static str, body: &[u8], e: &serde_json::Error) -> DecodeError {
    let path = crate::json_path::path_at(body, e.line(), e.column());
    let message = crate::error::value_free_message(e);
    DecodeError { operation, path, line: e.line(), column: e.column(), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Row {
        #[serde(rename = "Id")]
        id: Option<i32>,
        #[serde(rename = "Name")]
        name: Option<String>,
    }

    #[test]
    fn decode_errors_name_the_path_line_and_column() {
        let err = decode_json::<Vec<Row>>("op", b"[{\"Id\": 1},\n {\"Id\": \"two\"}]").unwrap_err();
        assert_eq!(err.path, "[1].Id");
        assert_eq!((err.line, err.operation), (2, "op"));
        assert!(!err.message.contains("two"), "no value in the message: {}", err.message);
        assert_eq!(err.message, "invalid type: string, expected i32");
    }

    #[test]
    fn invalid_utf8_is_an_error_with_its_position() {
        let err = decode_json::<Vec<Row>>("op", b"[{\"Id\": 1},\n {\"Name\": \"\xff\"}]").unwrap_err();
        assert_eq!((err.line, err.path.as_str()), (2, "[1].Name"));
        assert!(err.message.contains("invalid unicode code point"), "{}", err.message);
        // As before the whole-buffer check: bytes in members nobody reads are not checked.
        let rows = decode_json::<Vec<Row>>("op", b"[{\"Other\": \"\xff\", \"Id\": 2}]").unwrap();
        assert_eq!(rows[0].id, Some(2));
    }

    #[test]
    fn trailing_garbage_and_truncation_are_errors() {
        assert!(decode_json::<Vec<Row>>("op", b"[] []").is_err());
        let err = decode_json::<Vec<Row>>("op", b"[{\"Id\": 1}").unwrap_err();
        assert!(err.message.contains("EOF"), "{}", err.message);
    }

    #[test]
    fn binary_bodies_share_the_given_bytes() {
        let data = bytes::Bytes::from_static(b"%PDF-1.7\x00\xff");
        let body = Body::binary(data.clone());
        assert_eq!(body.content_type, "application/octet-stream");
        assert_eq!(body.bytes.as_ptr(), data.as_ptr(), "no copy");
    }

    #[test]
    fn path_segments_and_query_pairs_are_collected_in_order() {
        let mut p = Parts::new();
        p.literal("api").literal("v1").param(&42);
        assert_eq!(p.segments(), ["api", "v1", "42"]);
        p.query_opt("$top", Some(&10)).query_opt::<i32>("$skip", None).query("id", &"x").query_multi("id", &[1, 2]);
        p.query_multi::<i32>("y", &[]);
        let pairs: Vec<(&str, &str)> = p.pairs().iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(pairs, [("$top", "10"), ("id", "x"), ("id", "1"), ("id", "2")]);
        assert!(p.body_ref().is_none());
    }
}
