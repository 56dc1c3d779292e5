//! The request matchers and responders behind [`MockEndpoint`](super::MockEndpoint). All of them
//! are total: a value that cannot be turned into a matcher yields one that never matches, never a
//! panic.

use http::{HeaderName, HeaderValue, Method};
use wiremock::{Match, Request, Respond, ResponseTemplate};

/// One segment of a mocked path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// Exactly this (already percent-encoded) text.
    Exact(String),
    /// A path parameter; `None` matches any non-empty value.
    Param { name: String, value: Option<String> },
}

impl Segment {
    fn matches(&self, actual: &str) -> bool {
        match self {
            Segment::Exact(expected) | Segment::Param { value: Some(expected), .. } => expected == actual,
            Segment::Param { value: None, .. } => !actual.is_empty(),
        }
    }
}

/// Percent-encodes `raw` as one path segment, exactly as the client does when it builds a URL.
pub(crate) fn encode_segment(raw: &str) -> String {
    let Ok(mut url) = url::Url::parse("http://localhost/") else {
        return raw.to_string();
    };
    if let Ok(mut segments) = url.path_segments_mut() {
        segments.clear().push(raw);
    }
    url.path().trim_start_matches('/').to_string()
}

/// The tenant prefix followed by the operation's path template, `{param}` segments as parameters.
pub(crate) fn path_segments(tenant: &str, template: &str) -> Vec<Segment> {
    let tenant = tenant.split('/').filter(|s| !s.is_empty()).map(|s| Segment::Exact(encode_segment(s)));
    let template = template.split('/').filter(|s| !s.is_empty()).map(|s| {
        match s.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')) {
            Some(name) => Segment::Param { name: name.to_string(), value: None },
            None => Segment::Exact(encode_segment(s)),
        }
    });
    tenant.chain(template).collect()
}

/// Renders the path for names and `Debug`: `/Cust12345/api/v1/ChatSession/{id}` or `/.../7`.
pub(crate) fn describe_path(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        out.push('/');
        match s {
            Segment::Exact(text) | Segment::Param { value: Some(text), .. } => out.push_str(text),
            Segment::Param { name, value: None } => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
    }
    out
}

/// Matches the request path segment by segment.
pub(crate) struct PathIs(pub(crate) Vec<Segment>);

impl Match for PathIs {
    fn matches(&self, request: &Request) -> bool {
        let Some(actual) = request.url.path_segments() else {
            return false;
        };
        let actual: Vec<&str> = actual.collect();
        actual.len() == self.0.len() && self.0.iter().zip(actual).all(|(expected, actual)| expected.matches(actual))
    }
}

/// Matches the HTTP method.
pub(crate) struct MethodIs(pub(crate) Method);

impl Match for MethodIs {
    fn matches(&self, request: &Request) -> bool {
        request.method == self.0
    }
}

/// Matches a header value exactly (bytes), among all values sent for that header.
pub(crate) struct HeaderIs {
    pub(crate) name: HeaderName,
    pub(crate) value: HeaderValue,
}

impl Match for HeaderIs {
    fn matches(&self, request: &Request) -> bool {
        request.headers.get_all(&self.name).iter().any(|v| v.as_bytes() == self.value.as_bytes())
    }
}

/// Matches when the JSON request body equals a value (key order and whitespace do not matter).
pub(crate) struct JsonBodyIs(pub(crate) serde_json::Value);

impl Match for JsonBodyIs {
    fn matches(&self, request: &Request) -> bool {
        serde_json::from_slice::<serde_json::Value>(&request.body).is_ok_and(|body| body == self.0)
    }
}

/// Never matches: stands in for a matcher whose expected value could not be built.
pub(crate) struct Never;

impl Match for Never {
    fn matches(&self, _request: &Request) -> bool {
        false
    }
}

/// A boxed matcher, so [`MockEndpoint`](super::MockEndpoint) can collect different kinds.
pub(crate) struct Boxed(pub(crate) Box<dyn Match>);

impl Match for Boxed {
    fn matches(&self, request: &Request) -> bool {
        self.0.matches(request)
    }
}

/// The `ErrorType` of the kit's own error responses.
pub(crate) const KIT_ERROR_TYPE: &str = "SuperOfficeMockError";

/// A response in SuperOffice's JSON error shape, so that
/// [`HttpError::message`](crate::HttpError::message) carries the text.
pub(crate) fn kit_error(status: http::StatusCode, message: &str) -> ResponseTemplate {
    let body = serde_json::json!({ "Error": message, "ErrorType": KIT_ERROR_TYPE }).to_string();
    ResponseTemplate::new(status).set_body_raw(body.into_bytes(), "application/json; charset=utf-8")
}

/// Answers requests no mock matched with a 404 naming the request, instead of wiremock's empty 404.
pub(crate) struct ReportUnmatched;

impl Respond for ReportUnmatched {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut target = request.url.path().to_string();
        if let Some(q) = request.url.query() {
            target.push('?');
            target.push_str(q);
        }
        let headers: Vec<&str> = request
            .headers
            .keys()
            .map(HeaderName::as_str)
            .filter(|n| n.starts_with("so-") || *n == "authorization" || *n == "x-xsrf-token")
            .collect();
        let message = format!(
            "no mock matches {} {target} (documented headers sent: {}); mount one with MockSuperOffice, \
             e.g. `so.chat_session().for_current_user().mount().await`",
            request.method,
            if headers.is_empty() { "none".to_string() } else { headers.join(", ") }
        );
        kit_error(http::StatusCode::NOT_FOUND, &message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded_like_the_client_does() {
        assert_eq!(encode_segment("ChatSession"), "ChatSession");
        assert_eq!(encode_segment("a b/c?d"), "a%20b%2Fc%3Fd");
    }

    #[test]
    fn template_becomes_tenant_then_segments() {
        let segs = path_segments("/Cust12345/", "/api/v1/ChatSession/{id}");
        assert_eq!(describe_path(&segs), "/Cust12345/api/v1/ChatSession/{id}");
        assert!(matches!(segs.last(), Some(Segment::Param { name, value: None }) if name == "id"));
        assert_eq!(describe_path(&path_segments("", "/api/v1/X")), "/api/v1/X");
    }

    #[test]
    fn any_param_needs_a_non_empty_segment() {
        let any = Segment::Param { name: "id".into(), value: None };
        assert!(any.matches("7"));
        assert!(!any.matches(""));
        let seven = Segment::Param { name: "id".into(), value: Some("7".into()) };
        assert!(seven.matches("7"));
        assert!(!seven.matches("8"));
    }
}
