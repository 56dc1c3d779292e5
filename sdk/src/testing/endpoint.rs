//! [`MockEndpoint`]: a mock of one documented operation, built like a request.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use http::{HeaderName, HeaderValue, StatusCode};
use wiremock::{Match, Mock, MockGuard, MockServer, ResponseTemplate, Times};

use super::matchers::{self, Boxed, HeaderIs, JsonBodyIs, MethodIs, Never, PathIs, Segment};
use super::{DocumentedOperation, MockSuperOffice, Sample};
use crate::auth::{Auth, Secret};
use crate::headers::{TimeZone, names};
use crate::operation::Endpoint;

/// The value a path parameter of a mock must have: a specific value (anything that converts, such
/// as `7` or `"ABC"`), or any value with [`any()`].
///
/// ```
/// use superoffice_webapi::testing::{any, PathParam};
///
/// let seven: PathParam<i32> = 7.into();
/// let whatever: PathParam<i32> = any();
/// let text: PathParam<String> = "ABC".into();
/// assert_eq!((seven, whatever, text), (PathParam::Is(7), PathParam::Any, PathParam::Is("ABC".to_string())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathParam<T> {
    /// Any (non-empty) value.
    Any,
    /// Exactly this value, as the client writes it in the URL.
    Is(T),
}

impl<T> From<T> for PathParam<T> {
    fn from(value: T) -> Self {
        PathParam::Is(value)
    }
}

impl From<&str> for PathParam<String> {
    fn from(value: &str) -> Self {
        PathParam::Is(value.to_string())
    }
}

/// Any value of a path parameter: `so.chat_session().get(any())`.
pub fn any<T>() -> PathParam<T> {
    PathParam::Any
}

/// What a mock answers.
enum Reply {
    /// The operation's documented sample.
    Sample,
    /// A status and a JSON body.
    Json { status: StatusCode, body: Vec<u8> },
    /// A caller-built response.
    Template(ResponseTemplate),
    /// The mock was configured with something unusable: answer 500 saying what.
    Broken(String),
}

/// A mock of one documented operation, on a [`MockSuperOffice`]. Get one from the resource
/// accessors (`so.chat_session().get(7)`), which mirror the client's, or from
/// [`MockSuperOffice::endpoint`].
///
/// It matches the operation's method and path (the tenant prefix, then the documented template;
/// path parameters match the given value or, with [`any()`], any value), plus the headers, query
/// parameters and body you require with the `with_*` methods. It answers the docs' sample response
/// unless told otherwise ([`returns`](Self::returns), [`fails`](Self::fails),
/// [`responds_with`](Self::responds_with)). Nothing happens until [`mount`](Self::mount) or
/// [`mount_as_scoped`](Self::mount_as_scoped).
///
/// A request that matches no mock gets a 404 ([`Error::Http`](crate::Error::Http)); after
/// [`MockSuperOffice::report_unmatched`], its message names the unmatched request.
///
/// # Expectations
///
/// [`expect`](Self::expect) sets how many matching requests the mock must receive. Like every
/// wiremock expectation it is checked when the server is dropped (or [`MockSuperOffice::verify`]
/// is called, or the guard of [`mount_as_scoped`](Self::mount_as_scoped) is dropped): a mock that
/// did not get its requests makes the test panic with the mock's name — by default the operation
/// id, method, path and required headers, e.g.
/// `v1ChatSessionEntity_ChatSessionsForUser GET /Cust12345/api/v1/ChatSession/ForCurrentUser
/// [SO-Language: en]` — and the list of requests the server did receive.
///
/// ```should_panic
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use superoffice_webapi::testing::MockSuperOffice;
///
/// let so = MockSuperOffice::start().await;
/// so.chat_session().get(3).with_language("en").expect(1).mount().await;
/// // The code under test never calls it: dropping `so` panics with
/// // "v1ChatSessionEntity_GetChatSessionEntity GET /Cust12345/api/v1/ChatSession/3 [SO-Language: en]
/// //  expected range of matching incoming requests: == 1 ..."
/// # }
/// ```
#[must_use = "a mock does nothing until `.mount().await`"]
pub struct MockEndpoint<'a, Op> {
    server: &'a MockServer,
    path: Vec<Segment>,
    matchers: Vec<Box<dyn Match>>,
    /// Human-readable requirements (secrets redacted), for the mock's name and `Debug`.
    requirements: Vec<String>,
    reply: Reply,
    delay: Option<Duration>,
    expect: Option<Times>,
    up_to: Option<u64>,
    priority: Option<u8>,
    name: Option<String>,
    endpoint: &'static Endpoint,
    sample: Sample,
    op: PhantomData<fn() -> Op>,
}

/// The operation type of the mocks the endpoint list mounts, which know their endpoint only as
/// data (one instance of the mock code for all of them).
pub(crate) enum Erased {}

impl<'a, Op: DocumentedOperation> MockEndpoint<'a, Op> {
    /// A mock of `Op` on `so`, matching any value of the path parameters and answering the sample.
    pub(crate) fn new(so: &'a MockSuperOffice<'_>) -> Self {
        Self::of(so, Op::ENDPOINT, Op::SAMPLE)
    }
}

impl<'a> MockEndpoint<'a, Erased> {
    /// A mock of `endpoint` answering `sample`.
    pub(crate) fn erased(so: &'a MockSuperOffice<'_>, endpoint: &'static Endpoint, sample: Sample) -> Self {
        Self::of(so, endpoint, sample)
    }
}

impl<'a, Op> MockEndpoint<'a, Op> {
    fn of(so: &'a MockSuperOffice<'_>, endpoint: &'static Endpoint, sample: Sample) -> Self {
        MockEndpoint {
            server: so.server(),
            path: matchers::path_segments(so.tenant(), endpoint.path_template),
            matchers: Vec::new(),
            requirements: Vec::new(),
            reply: Reply::Sample,
            delay: None,
            expect: None,
            up_to: None,
            priority: None,
            name: None,
            endpoint,
            sample,
            op: PhantomData,
        }
    }

    /// Requires the path parameter `name` (its name in the documented template, e.g. `id` or
    /// `chatSessionId`) to have `value`. The generated accessors call this for you
    /// (`so.chat_session().get(7)`). A name the template does not have makes the mock match
    /// nothing.
    pub fn path_param<T: fmt::Display>(mut self, name: &str, value: impl Into<PathParam<T>>) -> Self {
        let wanted = match value.into() {
            PathParam::Any => None,
            PathParam::Is(v) => Some(matchers::encode_segment(&v.to_string())),
        };
        let mut found = false;
        for segment in &mut self.path {
            if let Segment::Param { name: n, value } = segment {
                if n == name {
                    value.clone_from(&wanted);
                    found = true;
                }
            }
        }
        if !found {
            self.matchers.push(Box::new(Never));
            self.requirements.push(format!("unknown path parameter `{name}`: never matches"));
        }
        self
    }

    fn header(mut self, name: HeaderName, display: &str, value: &str, secret: bool) -> Self {
        let shown = if secret { "[redacted]" } else { value };
        self.requirements.push(format!("{display}: {shown}"));
        match HeaderValue::from_str(value) {
            Ok(value) => self.matchers.push(Box::new(HeaderIs { name, value })),
            Err(_) => self.matchers.push(Box::new(Never)),
        }
        self
    }

    /// Requires `SO-Language: code`, as sent by a request's `.language(..)`
    /// or [`ClientBuilder::language`](crate::ClientBuilder::language).
    pub fn with_language(self, code: &str) -> Self {
        self.header(names::SO_LANGUAGE, "SO-Language", code, false)
    }

    /// Requires `SO-Culture: code`.
    pub fn with_culture(self, code: &str) -> Self {
        self.header(names::SO_CULTURE, "SO-Culture", code, false)
    }

    /// Requires `SO-TimeZone` with this value (`UTC`, or `UTC,includeTZOffset` for
    /// `TimeZone::new("UTC").include_offset()`).
    pub fn with_time_zone(self, tz: impl Into<TimeZone>) -> Self {
        let tz = tz.into();
        self.header(names::SO_TIME_ZONE, "SO-TimeZone", tz.as_str(), false)
    }

    /// Requires `SO-AppToken: token` (redacted in the mock's name).
    pub fn with_app_token(self, token: impl Into<Secret>) -> Self {
        let token = token.into();
        self.header(names::SO_APP_TOKEN, "SO-AppToken", token.expose(), true)
    }

    /// Requires `Accept-Language: value`.
    pub fn with_accept_language(self, value: &str) -> Self {
        self.header(names::ACCEPT_LANGUAGE, "Accept-Language", value, false)
    }

    /// Requires the credentials header a client configured with `auth` sends: `Authorization`
    /// (Basic, SOTicket or Bearer) or `X-XSRF-TOKEN` (redacted in the mock's name). Credentials
    /// the client would refuse to send (CR/LF in a token) make the mock match nothing.
    pub fn with_auth(mut self, auth: &Auth) -> Self {
        match auth.header() {
            Ok((name, value)) => {
                self.requirements.push(format!("{name}: [redacted]"));
                self.matchers.push(Box::new(HeaderIs { name, value }));
            }
            Err(_) => {
                self.requirements.push("unsendable credentials: never matches".to_string());
                self.matchers.push(Box::new(Never));
            }
        }
        self
    }

    /// Requires any other header to have `value`. An invalid name or value makes the mock match
    /// nothing. The value shows in the mock's name: require secrets with
    /// [`with_app_token`](Self::with_app_token) or [`with_auth`](Self::with_auth) instead.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.requirements.push(format!("{name}: {value}"));
        match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            (Ok(name), Ok(value)) => self.matchers.push(Box::new(HeaderIs { name, value })),
            _ => self.matchers.push(Box::new(Never)),
        }
        self
    }

    /// Requires the query parameter `name` (as on the wire: `$select`, `$top`) to be `value`.
    pub fn with_query(mut self, name: &str, value: &str) -> Self {
        self.requirements.push(format!("?{name}={value}"));
        self.matchers.push(Box::new(wiremock::matchers::query_param(name, value)));
        self
    }

    /// Requires the JSON request body to equal `body` once both are parsed (key order and
    /// whitespace do not matter). A body that cannot be serialized makes the mock match nothing.
    pub fn with_body(mut self, body: impl serde::Serialize) -> Self {
        self.requirements.push("JSON body".to_string());
        match serde_json::to_value(body) {
            Ok(v) => self.matchers.push(Box::new(JsonBodyIs(v))),
            Err(_) => self.matchers.push(Box::new(Never)),
        }
        self
    }

    /// Answers the sample response for this operation (the default): its status and JSON body (from
    /// the docs, or an example built from the OpenAPI schema), for an operation documented without
    /// one its documented success status with no body, and for one returning file content
    /// [`SAMPLE_FILE_CONTENT`](super::SAMPLE_FILE_CONTENT). See [`DocumentedOperation::SAMPLE`].
    pub fn returns_sample(mut self) -> Self {
        self.reply = Reply::Sample;
        self
    }

    /// Answers `200 OK` with `body` as JSON: a model of the SDK (`ChatSessionEntity`...), a
    /// `serde_json::Value`, or anything serializable, including shapes the SDK does not expect,
    /// to test how your code handles them. If `body` cannot be serialized the mock answers `500`
    /// with the reason.
    pub fn returns(mut self, body: impl serde::Serialize) -> Self {
        self.reply = match serde_json::to_vec(&body) {
            Ok(body) => Reply::Json { status: StatusCode::OK, body },
            Err(e) => Reply::Broken(format!("the body given to `returns` cannot be serialized: {e}")),
        };
        self
    }

    /// Answers `status` with `body` as JSON, typically SuperOffice's error shape:
    /// `json!({"Error": "ChatSession 7 not found", "ErrorType": "SoException"})`. The client then
    /// returns [`Error::Http`](crate::Error::Http) with that status (for a non-2xx status), and
    /// `message`/`error_type` taken from the body. A status outside 100..=999 or a body that cannot
    /// be serialized makes the mock answer `500` with the reason.
    pub fn fails(mut self, status: u16, body: impl serde::Serialize) -> Self {
        self.reply = match (StatusCode::from_u16(status), serde_json::to_vec(&body)) {
            (Ok(status), Ok(body)) => Reply::Json { status, body },
            (Err(_), _) => Reply::Broken(format!("{status} given to `fails` is not an HTTP status")),
            (_, Err(e)) => Reply::Broken(format!("the body given to `fails` cannot be serialized: {e}")),
        };
        self
    }

    /// Answers with a response you build with wiremock (other headers, a non-JSON body, ...).
    pub fn responds_with(mut self, response: ResponseTemplate) -> Self {
        self.reply = Reply::Template(response);
        self
    }

    /// Waits `delay` before answering, to exercise timeouts.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// How many matching requests the mock must receive: `1`, `0` (never called), `1..`, `..=3`...
    /// Checked when the server is dropped or verified (see [Expectations](Self#expectations)).
    pub fn expect(mut self, times: impl Into<Times>) -> Self {
        self.expect = Some(times.into());
        self
    }

    /// Stops matching after `n` requests (later ones fall through to other mocks).
    pub fn up_to_n_times(mut self, n: u64) -> Self {
        self.up_to = Some(n);
        self
    }

    /// wiremock priority (1 is highest, default 5): the highest-priority matching mock answers,
    /// and among equals the first mounted. Mind
    /// [Priorities and scoped mocks](MockSuperOffice#priorities-and-scoped-mocks).
    pub fn with_priority(mut self, priority: u8) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Names the mock in expectation failures, instead of the default operation/path/headers name.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The name expectation failures show.
    pub fn name(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => {
                let e = self.endpoint;
                let mut n = format!("{} {} {}", e.operation_id, e.method, matchers::describe_path(&self.path));
                if !self.requirements.is_empty() {
                    n.push_str(" [");
                    n.push_str(&self.requirements.join(", "));
                    n.push(']');
                }
                n
            }
        }
    }

    fn response(&self, reply: Reply) -> ResponseTemplate {
        match reply {
            Reply::Sample => sample_response(self.sample),
            Reply::Json { status, body } => json_response(status, body),
            Reply::Template(t) => t,
            Reply::Broken(why) => matchers::kit_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("{}: {why}", self.endpoint.operation_id),
            ),
        }
    }

    /// The wiremock [`Mock`] this builds, to register it yourself.
    pub fn into_mock(mut self) -> Mock {
        let name = self.name();
        let reply = std::mem::replace(&mut self.reply, Reply::Sample);
        let mut response = self.response(reply);
        let mut builder = Mock::given(MethodIs(self.endpoint.method.clone())).and(PathIs(self.path));
        for m in self.matchers {
            builder = builder.and(Boxed(m));
        }
        if let Some(d) = self.delay {
            response = response.set_delay(d);
        }
        let mut mock = builder.respond_with(response).named(name);
        if let Some(times) = self.expect {
            mock = mock.expect(times);
        }
        if let Some(n) = self.up_to {
            mock = mock.up_to_n_times(n);
        }
        if let Some(p) = self.priority {
            mock = mock.with_priority(p);
        }
        mock
    }

    /// Mounts the mock on the server for the rest of its life.
    pub async fn mount(self) {
        let server = self.server;
        self.into_mock().mount(server).await;
    }

    /// Mounts the mock until the returned guard is dropped; its expectations are checked then.
    /// Mind [Priorities and scoped mocks](MockSuperOffice#priorities-and-scoped-mocks).
    pub async fn mount_as_scoped(self) -> MockGuard {
        let server = self.server;
        self.into_mock().mount_as_scoped(server).await
    }
}

impl<Op> fmt::Debug for MockEndpoint<'_, Op> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reply = match &self.reply {
            Reply::Sample => "sample".to_string(),
            Reply::Json { status, .. } => format!("JSON {status}"),
            Reply::Template(_) => "custom".to_string(),
            Reply::Broken(why) => format!("500 ({why})"),
        };
        f.debug_struct("MockEndpoint")
            .field("name", &self.name())
            .field("reply", &reply)
            .field("expect", &self.expect.as_ref().map(ToString::to_string))
            .finish_non_exhaustive()
    }
}

/// Statuses whose responses never carry a body.
fn allows_body(status: StatusCode) -> bool {
    !(status.is_informational() || status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED)
}

fn json_response(status: StatusCode, body: Vec<u8>) -> ResponseTemplate {
    let response = ResponseTemplate::new(status);
    if allows_body(status) { response.set_body_raw(body, "application/json; charset=utf-8") } else { response }
}

/// The response for a documented sample.
pub(crate) fn sample_response(sample: Sample) -> ResponseTemplate {
    match StatusCode::from_u16(sample.status) {
        Ok(status) if sample.binary && allows_body(status) => {
            ResponseTemplate::new(status).set_body_raw(super::SAMPLE_FILE_CONTENT, "application/octet-stream")
        }
        Ok(status) => match sample.body {
            Some(body) => json_response(status, body.as_bytes().to_vec()),
            None => ResponseTemplate::new(status),
        },
        Err(_) => matchers::kit_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("the documented sample status {} is not an HTTP status", sample.status),
        ),
    }
}
