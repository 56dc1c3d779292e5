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
}

/// A request body with its content type.
#[derive(Debug, Clone)]
pub struct Body {
    /// `Content-Type` to send.
    pub content_type: &'static str,
    /// The encoded bytes.
    pub bytes: Vec<u8>,
}

impl Body {
    /// JSON-encodes `value` as `application/json`.
    pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Self, crate::Error> {
        let bytes = serde_json::to_vec(value)
            .map_err(|e| crate::Error::Config(format!("cannot encode the request body: {e}")))?;
        Ok(Body { content_type: "application/json", bytes })
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

    pub(crate) fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }
}

/// Decodes JSON, naming the path of the failing value.
pub fn decode_json<T: serde::de::DeserializeOwned>(operation: &'static str, body: &[u8]) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        DecodeError { operation, path, line: inner.line(), column: inner.column(), message: inner.to_string() }
    })?;
    de.end().map_err(|e| DecodeError {
        operation,
        path: ".".to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// For operations documented without a response body: ignores whatever the server sent.
pub fn decode_empty(_operation: &'static str, _body: &[u8]) -> Result<(), DecodeError> {
    Ok(())
}
