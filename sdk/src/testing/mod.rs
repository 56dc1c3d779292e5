//! A mock SuperOffice for testing code that uses this SDK, without a SuperOffice server
//! (cargo feature `testing`).
//!
//! [`MockSuperOffice`] runs a [wiremock](https://docs.rs/wiremock) [`MockServer`] that plays a
//! tenant (`/Cust12345`). Every documented endpoint has a mock builder with the client's names:
//! `so.chat_session().for_current_user()` mocks `client.chat_session().for_current_user()`, and
//! answers, unless told otherwise, the sample response printed in the endpoint's documentation
//! (captured by the code generator, see [`DocumentedOperation::SAMPLE`]). [`MockSuperOffice::client`]
//! is a real [`Client`] pointed at the mock.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), superoffice_webapi::Error> {
//! use superoffice_webapi::testing::MockSuperOffice;
//!
//! let so = MockSuperOffice::start().await;
//! so.chat_session().for_current_user().with_language("en").returns_sample().expect(1).mount().await;
//!
//! let client = so.client()?;
//! let sessions = client.chat_session().for_current_user().language("en").send().await?;
//! let first = sessions.first().and_then(|s| s.customer_name.as_deref());
//! assert_eq!(first, Some("D'Amore LLC")); // from the docs' sample response
//! # Ok(()) }
//! ```
//!
//! Answer something else with [`returns`](MockEndpoint::returns) or
//! [`fails`](MockEndpoint::fails), and require what your code must send with the `with_*` matchers
//! (a request that does not match gets a 404):
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), superoffice_webapi::Error> {
//! use serde_json::json;
//! use superoffice_webapi::models::ChatSessionEntity;
//! use superoffice_webapi::testing::{any, MockSuperOffice};
//! use superoffice_webapi::HttpErrorKind;
//!
//! let so = MockSuperOffice::start().await;
//! let mut session = ChatSessionEntity::default();
//! session.customer_name = Some("Jane".into());
//! so.chat_session().get(7).with_auth(&so.auth()).with_app_token("my-app").returns(&session).mount().await;
//! so.chat_session()
//!     .get(any())
//!     .fails(404, json!({ "Error": "ChatSession not found", "ErrorType": "SoException" }))
//!     .mount()
//!     .await;
//!
//! let client = so.client_builder().app_token("my-app").build()?;
//! assert_eq!(client.chat_session().get(7).send().await?.customer_name.as_deref(), Some("Jane"));
//! let err = client.chat_session().get(8).send().await.unwrap_err();
//! assert_eq!(err.http_kind(), Some(HttpErrorKind::NotFound));
//! # Ok(()) }
//! ```
//!
//! Expectations ([`MockEndpoint::expect`]) are verified when the `MockSuperOffice` (and so its
//! server) is dropped at the end of the test, or by [`MockSuperOffice::verify`]: the panic names
//! each mock that did not get its requests and lists the requests that did arrive. To cover every
//! endpoint at once, [`MockSuperOffice::mount_all_samples`] serves every sample and
//! [`all_endpoints`] lists the documented endpoints.

mod endpoint;
mod matchers;

use std::fmt;

pub use wiremock;
use wiremock::{Mock, MockServer};

pub use self::endpoint::{MockEndpoint, PathParam, any};
#[cfg(not(test))]
pub use crate::generated::mocks::*;
/// The unit tests leave the generated code out: as with no resource feature, nothing is documented.
#[cfg(test)]
fn all_samples() -> Vec<EndpointSample> {
    Vec::new()
}
use crate::operation::{Endpoint, Operation, Parts};
use crate::request::RequestCore;
use crate::{Auth, Client, ClientBuilder, Error};

/// The tenant a [`MockSuperOffice`] plays unless told otherwise: its URL is `{server}/Cust12345`.
pub const DEFAULT_TENANT: &str = "Cust12345";

/// The user of the docs' sample requests (`Authorization: Basic dGplMDpUamUw`), which
/// [`MockSuperOffice::client`] signs in as.
pub const SAMPLE_USER: &str = "tje0";

/// The password of [`SAMPLE_USER`].
pub const SAMPLE_PASSWORD: &str = "Tje0";

/// Priority of the mocks [`MockSuperOffice::mount_all_samples`] mounts: below wiremock's default
/// (5), so mocks you mount yourself answer first.
const ALL_SAMPLES_PRIORITY: u8 = 200;

/// Priority of the fallback that reports unmatched requests: below everything else.
const UNMATCHED_PRIORITY: u8 = u8::MAX;

/// The file content the mocks of operations returning files answer
/// ([`Sample::binary`]), and the placeholder content [`DocumentedEndpoint::check`] uploads: a PDF
/// header followed by bytes that are not UTF-8, so nothing can treat it as text.
pub const SAMPLE_FILE_CONTENT: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n\x00\x01\x02\xff";

/// The sample response of an operation: the one printed on its documentation page, or where only
/// the OpenAPI file documents it, an example built from its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sample {
    /// The status of the sample (`200`, or `204` for some deletes). For an operation documented
    /// without a sample: its first documented success status (else `200`). An operation whose
    /// documentation shows only an error has that error status (`404`...): its mock answers it
    /// and [`DocumentedEndpoint::check`] expects the client to fail with it.
    pub status: u16,
    /// The JSON body exactly as documented (compacted), or `None` when there is no sample body.
    pub body: Option<&'static str>,
    /// Whether the operation returns file content: the mock then answers
    /// [`SAMPLE_FILE_CONTENT`] as `application/octet-stream`.
    pub binary: bool,
}

impl Sample {
    /// The body parsed as JSON (`None` without a body).
    pub fn json(&self) -> Option<serde_json::Value> {
        self.body.and_then(|b| serde_json::from_str(b).ok())
    }

    /// Whether the sample is an error response (status 400 or above).
    pub fn is_error(&self) -> bool {
        self.status >= 400
    }
}

/// What the code generator records for every documented operation, for the mocks. Outputs are
/// serializable so that [`DocumentedEndpoint::check`] can compare what was decoded with the sample.
pub trait DocumentedOperation: Operation<Output: serde::Serialize + PartialEq> {
    /// The docs' sample response, what [`MockEndpoint::returns_sample`] answers.
    const SAMPLE: Sample;

    /// A request for this operation with placeholder arguments (ids `1`, strings `"sample"`,
    /// default bodies), as [`DocumentedEndpoint::check`] sends it.
    fn example(client: &Client) -> Self;
}

type ExampleFn = fn(&Client) -> Result<(RequestCore, Parts), Error>;
type ReencodeFn = fn(bytes::Bytes) -> Result<serde_json::Value, Error>;
type SameFn = fn(bytes::Bytes, bytes::Bytes) -> Result<bool, Error>;

/// An endpoint's static facts and sample, without its typed functions: what mounting its sample
/// needs. The generated tables list these apart from [`DocumentedEndpoint`]s, so that
/// [`MockSuperOffice::mount_all_samples`] compiles no decoder.
#[derive(Clone, Copy)]
pub(crate) struct EndpointSample {
    endpoint: &'static Endpoint,
    sample: Sample,
}

impl EndpointSample {
    /// The entry for `Op`.
    pub(crate) const fn of<Op: DocumentedOperation>() -> Self {
        EndpointSample { endpoint: Op::ENDPOINT, sample: Op::SAMPLE }
    }

    /// A mock of this endpoint answering its sample, for any path parameter values.
    fn mock<'a>(self, so: &'a MockSuperOffice<'_>) -> MockEndpoint<'a, endpoint::Erased> {
        MockEndpoint::erased(so, self.endpoint, self.sample)
    }

    /// Mounts the sample below the priority of mocks mounted without one.
    async fn mount_sample(self, so: &MockSuperOffice<'_>) {
        self.mock(so).with_priority(ALL_SAMPLES_PRIORITY).mount().await;
    }
}

/// One documented endpoint, as plain data, from [`all_endpoints`]: for tests that must cover every
/// endpoint, including ones added to the docs later.
///
/// The list is a table of these (built at compile time): what differs per operation is only its
/// static facts, its sample and three small functions; mounting, sending and checking are the same
/// code for every endpoint.
#[derive(Clone, Copy)]
pub struct DocumentedEndpoint {
    facts: EndpointSample,
    example: ExampleFn,
    reencode: ReencodeFn,
    same: SameFn,
}

impl DocumentedEndpoint {
    /// The entry for `Op`; the generated [`all_endpoints`] lists one per operation.
    pub(crate) const fn of<Op: DocumentedOperation>() -> Self {
        DocumentedEndpoint {
            facts: EndpointSample::of::<Op>(),
            example: example_parts::<Op>,
            reencode: reencode::<Op>,
            same: same_decoded::<Op>,
        }
    }

    /// The vendor's operation id (`v1ChatSessionEntity_ChatSessionsForUser`).
    pub fn operation_id(&self) -> &'static str {
        self.facts.endpoint.operation_id
    }

    /// The HTTP method.
    pub fn method(&self) -> &http::Method {
        &self.facts.endpoint.method
    }

    /// The documented path template (`/api/v1/ChatSession/{id}`).
    pub fn path_template(&self) -> &'static str {
        self.facts.endpoint.path_template
    }

    /// The docs' sample response.
    pub fn sample(&self) -> Sample {
        self.facts.sample
    }

    /// Mounts this endpoint's sample on `so`, for any path parameter values.
    pub async fn mount_sample(&self, so: &MockSuperOffice<'_>) {
        self.facts.mount_sample(so).await;
    }

    /// Proves the endpoint's mock works: mounts its sample on `so` (scoped: use a server where no
    /// other mock answers this endpoint, such as a fresh [`MockSuperOffice::start`]), calls the
    /// endpoint through [`MockSuperOffice::client`] with placeholder
    /// arguments ([`DocumentedOperation::example`]) and decodes the response into the documented
    /// output type.
    ///
    /// Returns what was decoded, written back as JSON (unset fields are left out, so it equals the
    /// sample minus its `null`s when nothing was lost in decoding), or the client's error: a
    /// [`Error::Decode`] when the sample does not fit the generated type.
    ///
    /// File content (`bytes::Bytes`) is written back as a JSON array of its bytes. For a sample
    /// with an error status ([`Sample::is_error`]) the call must fail with exactly that status; the
    /// error body is then returned as JSON (`null` when empty), and any other outcome is an
    /// [`Error::Config`] saying what happened instead.
    pub async fn check(&self, so: &MockSuperOffice<'_>) -> Result<serde_json::Value, Error> {
        let EndpointSample { endpoint, sample } = self.facts;
        let _guard = self.facts.mock(so).mount_as_scoped().await;
        let client = so.client()?;
        let (core, parts) = (self.example)(&client)?;
        let result = core.execute(endpoint, &parts).await;
        let (id, status) = (endpoint.operation_id, sample.status);
        if sample.is_error() {
            return match result {
                Err(Error::Http(e)) if e.status.as_u16() == status => {
                    Ok(serde_json::from_str(&e.body).unwrap_or(serde_json::Value::Null))
                }
                Err(other) => Err(Error::Config(format!(
                    "{id}: the sample is a {status} error, but the call failed with: {other}"
                ))),
                Ok(_) => Err(Error::Config(format!("{id}: the sample is a {status} error, but the call succeeded"))),
            };
        }
        (self.reencode)(result?)
    }

    /// Decodes `body` as this endpoint's response (as `send` does, without HTTP) and writes what
    /// was decoded back as JSON: for tests that a response survives a read-modify-write.
    pub fn reencode(&self, body: &[u8]) -> Result<serde_json::Value, Error> {
        (self.reencode)(bytes::Bytes::copy_from_slice(body))
    }

    /// Whether `a` and `b` decode, as this endpoint's response, to equal values (`==` of the
    /// output type: for models, ignoring the spelling of enum values and flag names).
    pub fn decode_equal(&self, a: &[u8], b: &[u8]) -> Result<bool, Error> {
        (self.same)(bytes::Bytes::copy_from_slice(a), bytes::Bytes::copy_from_slice(b))
    }
}

impl fmt::Debug for DocumentedEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentedEndpoint")
            .field("operation_id", &self.operation_id())
            .field("method", self.method())
            .field("path_template", &self.path_template())
            .field("sample", &self.sample())
            .finish_non_exhaustive()
    }
}

fn example_parts<Op: DocumentedOperation>(client: &Client) -> Result<(RequestCore, Parts), Error> {
    let op = Op::example(client);
    let parts = op.parts()?;
    Ok((op.core().clone(), parts))
}

fn reencode<Op: DocumentedOperation>(body: bytes::Bytes) -> Result<serde_json::Value, Error> {
    let output = Op::decode(body)?;
    to_json_value(&output, Op::ENDPOINT.operation_id)
}

/// `value` written as JSON and read back as a [`serde_json::Value`]: through bytes, with the
/// serializer request bodies use (one instantiation per output type, shared by the operations
/// that return it).
fn to_json_value<T: serde::Serialize>(value: &T, operation: &'static str) -> Result<serde_json::Value, Error> {
    let written = match serde_json::to_vec(value) {
        Ok(json) => serde_json::from_slice(&json),
        Err(e) => Err(e),
    };
    match written {
        Ok(value) => Ok(value),
        Err(e) => Err(Error::Config(format!("{operation}: the decoded response cannot be written back as JSON: {e}"))),
    }
}

fn same_decoded<Op: DocumentedOperation>(a: bytes::Bytes, b: bytes::Bytes) -> Result<bool, Error> {
    Ok(Op::decode(a)? == Op::decode(b)?)
}

/// The server a [`MockSuperOffice`] mounts on: its own, or one the test already has.
enum Server<'s> {
    Owned(MockServer),
    Borrowed(&'s MockServer),
}

/// A mock SuperOffice tenant on a wiremock [`MockServer`]. See the [module docs](self).
///
/// The resource accessors (`so.chat_session()`, `so.chat_topic()`) mirror
/// [`Client`]'s and return mock builders ([`MockEndpoint`]) for each documented endpoint.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), superoffice_webapi::Error> {
/// use superoffice_webapi::testing::wiremock::MockServer;
/// use superoffice_webapi::testing::MockSuperOffice;
///
/// // A server the test already uses to mock other services.
/// let server = MockServer::start().await;
/// let so = MockSuperOffice::attach(&server);
/// so.mount_all_samples().await; // every documented endpoint answers its sample
///
/// let client = so.client()?;
/// assert!(!client.chat_topic().for_current_user().send().await?.is_empty());
/// assert!(!client.chat_session().get_chat_transcript(12).send().await?.is_empty());
/// # Ok(()) }
/// ```
///
/// # Priorities and scoped mocks
///
/// wiremock 0.6 identifies a scoped mock ([`MockEndpoint::mount_as_scoped`]) by its position
/// among the server's mocks, and re-sorts the mocks by priority when a request arrives. On a
/// server where a mock was mounted *before* another of higher priority (a smaller number), the
/// guard of a scoped mock can then verify and unmount a different mock. The fallbacks
/// [`mount_all_samples`](Self::mount_all_samples) (priority 200) and
/// [`report_unmatched`](Self::report_unmatched) (priority 255) are such mocks, so use either the
/// fallbacks or scoped mocks on one server, not both. Mocks mounted with
/// [`mount`](MockEndpoint::mount) are not affected.
pub struct MockSuperOffice<'s> {
    server: Server<'s>,
    tenant: String,
}

impl MockSuperOffice<'static> {
    /// Starts a mock server for the tenant [`DEFAULT_TENANT`]. Requests that match no mock get
    /// wiremock's empty 404 (see [`report_unmatched`](Self::report_unmatched) for a descriptive one).
    pub async fn start() -> Self {
        Self::from_server(MockServer::start().await)
    }

    /// Plays SuperOffice on a server you started (with `MockServer::builder()`, say).
    pub fn from_server(server: MockServer) -> Self {
        MockSuperOffice { server: Server::Owned(server), tenant: DEFAULT_TENANT.to_string() }
    }
}

impl<'s> MockSuperOffice<'s> {
    /// Plays SuperOffice on a server the test already uses for other mocks; its expectations are
    /// then verified when that server is dropped.
    pub fn attach(server: &'s MockServer) -> Self {
        MockSuperOffice { server: Server::Borrowed(server), tenant: DEFAULT_TENANT.to_string() }
    }

    /// Plays another tenant: `"Cust999"`, or `""` for a server whose WebAPI is at the root. Mocks
    /// built afterwards match under that prefix.
    pub fn with_tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = tenant.into();
        self
    }

    /// The wiremock server, to mount other mocks or inspect received requests.
    pub fn server(&self) -> &MockServer {
        match &self.server {
            Server::Owned(s) => s,
            Server::Borrowed(s) => s,
        }
    }

    /// The tenant path (`Cust12345`).
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The tenant URL, to configure a client yourself: `http://127.0.0.1:PORT/Cust12345`.
    pub fn uri(&self) -> String {
        let tenant = self.tenant.trim_matches('/');
        if tenant.is_empty() { self.server().uri() } else { format!("{}/{tenant}", self.server().uri()) }
    }

    /// The credentials [`client`](Self::client) uses: Basic `tje0`/`Tje0`, the docs' sample user.
    /// Require them with [`MockEndpoint::with_auth`]`(&so.auth())`.
    pub fn auth(&self) -> Auth {
        Auth::basic(SAMPLE_USER, SAMPLE_PASSWORD)
    }

    /// A client builder for [`uri`](Self::uri) with [`auth`](Self::auth), to add default headers
    /// (`.app_token(..)`, `.language(..)`) before `.build()`.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder(self.uri()).auth(self.auth())
    }

    /// A client for the mock tenant, with [`auth`](Self::auth). Fails only if the HTTP client
    /// cannot be built.
    pub fn client(&self) -> Result<Client, Error> {
        self.client_builder().build()
    }

    /// A mock of any documented operation type, matching every value of its path parameters
    /// (narrow them with [`MockEndpoint::path_param`]). The resource accessors are shorthands for
    /// this: `so.endpoint::<superoffice_webapi::rest::chat_session::ForCurrentUser>()`.
    pub fn endpoint<Op: DocumentedOperation>(&self) -> MockEndpoint<'_, Op> {
        MockEndpoint::new(self)
    }

    /// Serves the docs' sample response on every documented endpoint (any path parameters, any
    /// headers), below your own mocks' priority: a whole fake tenant in one call.
    ///
    /// Not with scoped mocks: see [Priorities and scoped mocks](Self#priorities-and-scoped-mocks).
    pub async fn mount_all_samples(&self) {
        for e in all_samples() {
            e.mount_sample(self).await;
        }
    }

    /// Answers requests no mock matches with a 404 in SuperOffice's error shape whose message
    /// ([`HttpError::message`](crate::HttpError::message)) names the request and the documented
    /// headers it carried, instead of wiremock's empty 404. Helps finding out why a mock did not
    /// match.
    ///
    /// Not with scoped mocks: see [Priorities and scoped mocks](Self#priorities-and-scoped-mocks).
    pub async fn report_unmatched(&self) {
        Mock::given(wiremock::matchers::any())
            .respond_with(matchers::ReportUnmatched)
            .with_priority(UNMATCHED_PRIORITY)
            .named("superoffice-webapi: report unmatched requests")
            .mount(self.server())
            .await;
    }

    /// Checks the expectations of every mock mounted so far and panics, naming the mocks whose
    /// expectations were not met, if any (which otherwise happens when the server is dropped).
    pub async fn verify(&self) {
        self.server().verify().await;
    }

    /// The requests the server received so far (`None` if recording was disabled).
    pub async fn received_requests(&self) -> Option<Vec<wiremock::Request>> {
        self.server().received_requests().await
    }
}

impl fmt::Debug for MockSuperOffice<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockSuperOffice").field("uri", &self.uri()).finish_non_exhaustive()
    }
}
