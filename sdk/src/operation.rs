//! What generated code implements for each endpoint: the [`Operation`] trait.

use std::borrow::Cow;

use crate::error::DecodeError;

/// One documented WebAPI operation. Generated for every endpoint; the runtime's
/// [`Request`](crate::Request) drives it.
pub trait Operation: Send + Sync + 'static {
    /// What a successful call returns.
    type Output: Send + 'static;
    /// The vendor's operation id (`v1ChatSessionEntity_ChatSessionsForUser`).
    const OPERATION_ID: &'static str;
    /// The HTTP method.
    const METHOD: http::Method;
    /// The documented path template (`/api/v1/ChatSession/{id}`).
    const PATH_TEMPLATE: &'static str;

    /// Appends the path segments (literals and encoded parameter values).
    fn path(&self, path: &mut PathBuilder);

    /// Appends the query parameters that were set.
    fn query(&self, _query: &mut QueryBuilder) {}

    /// The request body, if the operation has one.
    fn body(&self) -> Result<Option<Body>, crate::Error> {
        Ok(None)
    }

    /// Decodes a successful response body.
    fn decode(body: &[u8]) -> Result<Self::Output, DecodeError>;

    /// Decodes a successful response body the transport read into `body`: [`decode`](Self::decode)
    /// unless the operation returns the content itself (file content, `bytes::Bytes`), which
    /// overrides this to hand out `body` without copying it.
    fn decode_body(body: bytes::Bytes) -> Result<Self::Output, DecodeError> {
        Self::decode(&body)
    }
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
        let bytes = serde_json::to_vec(value)
            .map_err(|e| crate::Error::Config(format!("cannot encode the request body: {e}")))?;
        Ok(Body { content_type: "application/json", bytes: bytes.into() })
    }
}

/// Collects path segments; each is percent-encoded as one segment.
#[derive(Debug, Default)]
pub struct PathBuilder {
    segments: Vec<Cow<'static, str>>,
}

impl PathBuilder {
    /// A literal segment from the path template.
    pub fn literal(&mut self, s: &'static str) -> &mut Self {
        self.segments.push(Cow::Borrowed(s));
        self
    }

    /// A parameter value (encoded when the URL is built, so `/` or `?` in it cannot escape the segment).
    pub fn param(&mut self, v: &dyn std::fmt::Display) -> &mut Self {
        self.segments.push(Cow::Owned(v.to_string()));
        self
    }

    pub(crate) fn segments(&self) -> &[Cow<'static, str>] {
        &self.segments
    }
}

/// Collects query parameters.
#[derive(Debug, Default)]
pub struct QueryBuilder {
    pairs: Vec<(&'static str, String)>,
}

impl QueryBuilder {
    /// Adds `name=value` when `value` is set.
    pub fn opt<T: std::fmt::Display>(&mut self, name: &'static str, value: Option<&T>) -> &mut Self {
        if let Some(v) = value {
            self.pairs.push((name, v.to_string()));
        }
        self
    }

    /// Adds `name=v` once per element of `values` when set (`collectionFormat: multi`).
    pub fn multi<T: std::fmt::Display>(&mut self, name: &'static str, values: Option<&Vec<T>>) -> &mut Self {
        for v in values.into_iter().flatten() {
            self.pairs.push((name, v.to_string()));
        }
        self
    }

    pub(crate) fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }
}

/// Decodes JSON, naming the path of the failing value.
///
/// The fast path is plain `serde_json`; only when it fails is the body decoded again with path
/// tracking, so successful calls do not pay for error reporting.
///
/// The body is checked to be UTF-8 once, as a whole, and then parsed as text: serde_json then
/// skips its per-string UTF-8 checks, which on the WebAPI's string-heavy responses cost more
/// than checking the whole buffer at once (see BENCHMARKS.md).
pub fn decode_json<T: serde::de::DeserializeOwned>(operation: &'static str, body: &[u8]) -> Result<T, DecodeError> {
    let decoded = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        // serde_json names the position of the bad byte.
        Err(_) => serde_json::from_slice(body),
    };
    decoded.map_err(|first| explain::<T>(operation, body, first))
}

/// Re-decodes a body that failed, to find the JSON path of the failure.
#[cold]
fn explain<T: serde::de::DeserializeOwned>(
    operation: &'static str,
    body: &[u8],
    first: serde_json::Error,
) -> DecodeError {
    let mut de = serde_json::Deserializer::from_slice(body);
    let path = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        // Only trailing characters after a valid document can fail here but not above.
        Ok(_) => ".".to_string(),
        Err(e) => e.path().to_string(),
    };
    // The message never quotes the value: decode errors are logged, and values may be secrets.
    let message = crate::error::value_free_message(&first);
    DecodeError { operation, path, line: first.line(), column: first.column(), message }
}

/// For operations returning file content: the body as sent. The transport calls
/// [`Operation::decode_body`], which such operations override to return the body without this copy.
pub fn decode_binary(_operation: &'static str, body: &[u8]) -> Result<bytes::Bytes, DecodeError> {
    Ok(bytes::Bytes::copy_from_slice(body))
}

/// For operations documented without a response body: ignores whatever the server sent.
pub fn decode_empty(_operation: &'static str, _body: &[u8]) -> Result<(), DecodeError> {
    Ok(())
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
        assert_eq!(decode_binary("op", &data).unwrap(), data);
    }

    #[test]
    fn path_segments_and_query_pairs_are_collected_in_order() {
        let mut p = PathBuilder::default();
        p.literal("api").literal("v1").param(&42);
        assert_eq!(p.segments(), ["api", "v1", "42"]);
        let mut q = QueryBuilder::default();
        q.opt("$top", Some(&10)).opt::<String>("$skip", None).multi("id", Some(&vec![1, 2])).multi::<i32>("x", None);
        assert_eq!(q.pairs(), [("$top", "10".to_string()), ("id", "1".to_string()), ("id", "2".to_string())]);
    }
}
