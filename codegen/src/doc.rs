//! The documented API: what a front-end read, in one neutral form, before any Rust naming.
//!
//! Both front-ends produce a [`DocApi`]: [`crate::front::markdown`] from the REST reference pages,
//! [`crate::front::openapi`] from the vendor's OpenAPI 2.0 files. Lowering ([`crate::lower`]) merges
//! them with one precedence rule and does naming, type unification and collision handling once.
//! Every item keeps the [`Span`] it was read from, so a problem found later names `file:line`.

use crate::diag::Span;
use crate::ir::HttpMethod;

/// Everything the front-ends read from a docs directory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocApi {
    /// Documented operations, in input order (pages first, then OpenAPI files).
    pub operations: Vec<DocOperation>,
    /// Named object types (OpenAPI definitions), by their documented full name.
    pub schemas: Vec<DocSchema>,
    /// Service methods with documented scripting events (one per scripting page).
    pub scripting: Vec<DocScripting>,
}

/// A service method's documented scripting events (NetServer raises `Before<M>`, `After<M>` and
/// `After<M>Async` around the service method `M`).
#[derive(Debug, Clone, PartialEq)]
pub struct DocScripting {
    /// The service agent, e.g. `ICustomerServiceAgent` or `ChatAgent`.
    pub agent: String,
    /// The service method, e.g. `ChatSessionsForUser`.
    pub method: String,
    /// The documented events, in documented order.
    pub events: Vec<DocEvent>,
    /// Where the method is documented.
    pub span: Span,
}

/// One documented scripting event.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEvent {
    /// Before / After / AfterAsync.
    pub kind: DocEventKind,
    /// The C# method name, e.g. `AfterChatSessionsForUser`.
    pub name: String,
    /// The documentation (plain text).
    pub doc: String,
    /// The C# type of its `returnValue` parameter as written (`ChatSession[]`, ``Task`1``), if it
    /// has one.
    pub return_value: Option<String>,
    /// Where the event is documented.
    pub span: Span,
}

/// Which of the three scripting events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocEventKind {
    /// `Before<Method>`.
    Before,
    /// `After<Method>`.
    After,
    /// `After<Method>Async`.
    AfterAsync,
}

/// Which source documented an operation; lower precedence comes later in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A current REST reference page.
    Page,
    /// A page of an older version (under a `history` directory): teaches types and samples, and
    /// defines the endpoint only when nothing else does.
    HistoryPage,
    /// An OpenAPI file.
    OpenApi,
}

/// One documented operation.
#[derive(Debug, Clone, PartialEq)]
pub struct DocOperation {
    /// The vendor's operation id (`v1ChatSessionEntity_ChatSessionsForUser`).
    pub operation_id: String,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template (`/api/v1/ChatSession/{id}`).
    pub path: String,
    /// Summary and description as written (vendor markup kept; the emitter cleans it).
    pub description: String,
    /// Parameters (path, query, header), in documented order.
    pub params: Vec<DocParam>,
    /// The request body, if any.
    pub body: Option<DocBody>,
    /// Documented responses by status.
    pub responses: Vec<DocResponse>,
    /// The sample response: status and JSON body.
    pub sample_response: Option<(u16, serde_json::Value)>,
    /// Where it is documented.
    pub source: Span,
    /// Which front-end read it.
    pub origin: Origin,
    /// What this source leaves open for another source of the same operation to answer (see
    /// [`crate::lower::merge`]).
    pub gaps: Vec<Gap>,
}

/// Something a source documents without saying enough to generate it; lowering takes the answer
/// from another source of the same operation (an OpenAPI file) and warns, or fails when none can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// What is open.
    pub kind: GapKind,
    /// Where the source leaves it open.
    pub span: Span,
}

/// The kinds of [`Gap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GapKind {
    /// The request body section names the body *parameter* (`## Request Body: contactIds`) and
    /// has no property table: its type is not written on the page.
    BodyType,
    /// The success response is documented as `byte`: file content, but not whether it is sent raw
    /// (OpenAPI `format: binary`) or as base64 text (`format: byte`). Read as raw file content
    /// until another source says otherwise.
    ByteResponse,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamIn {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct DocParam {
    /// Wire name (`id`, `$select`, `SO-Language`).
    pub name: String,
    /// Where it goes.
    pub location: ParamIn,
    /// Its type.
    pub ty: DocType,
    /// Documentation.
    pub doc: String,
    /// Whether it is documented as required.
    pub required: bool,
    /// Where it is documented.
    pub span: Span,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct DocBody {
    /// The documented parameter name (`entity`, `request`).
    pub name: String,
    /// Its type.
    pub ty: DocType,
    /// Documentation.
    pub doc: String,
    /// The documented sample request body.
    pub sample: Option<serde_json::Value>,
    /// Where it is documented.
    pub span: Span,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct DocResponse {
    /// HTTP status.
    pub status: u16,
    /// What the docs say it means.
    pub doc: String,
    /// The body's type, when one is documented.
    pub ty: Option<DocType>,
}

/// A named object type.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSchema {
    /// Documented name, with its namespace where the source has one
    /// (`SuperOffice.CRM.Services.Person`).
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// Properties in documented order.
    pub properties: Vec<DocProperty>,
    /// Where it is defined.
    pub span: Span,
}

/// A property of an object type.
#[derive(Debug, Clone, PartialEq)]
pub struct DocProperty {
    /// JSON key.
    pub name: String,
    /// Its type.
    pub ty: DocType,
    /// Documentation.
    pub doc: String,
    /// Whether the schema marks the value as a secret (OpenAPI `format: password`).
    pub secret: bool,
    /// Where it is documented.
    pub span: Span,
}

/// A type as a front-end documents it.
#[derive(Debug, Clone, PartialEq)]
pub enum DocType {
    /// A scalar, or any JSON ([`Scalar::Json`]).
    Scalar(Scalar),
    /// A named type (a [`DocSchema`] or a page-documented type), as written.
    Named(String),
    /// A JSON array of the element type.
    Array(Box<DocType>),
    /// A JSON object used as a map with string keys.
    Map(Box<DocType>),
    /// A string with a documented set of values.
    Enum(Vec<String>),
    /// File content (`type: file`, `format: binary`).
    File,
    /// An object described in place by a property table (a page's body section); `name` is the
    /// documented type name, `None` for an anonymous `array` element.
    Table {
        /// The documented name, if any.
        name: Option<String>,
        /// Documentation.
        doc: String,
        /// The properties.
        properties: Vec<DocProperty>,
    },
    /// Not documented: inferred from the sample where there is one, else any JSON.
    Unknown,
    /// Documented as `object` / `array` without more detail: inferred from the sample.
    UnknownObject,
    /// See [`DocType::UnknownObject`].
    UnknownArray,
}

impl DocOperation {
    /// The first 2xx response other than 204, if documented.
    pub fn success(&self) -> Option<&DocResponse> {
        self.responses.iter().find(|r| (200..300).contains(&r.status) && r.status != 204)
    }

    /// Parameters of one kind, in order.
    pub fn params_in(&self, location: ParamIn) -> impl Iterator<Item = &DocParam> {
        self.params.iter().filter(move |p| p.location == location)
    }
}

/// A scalar type as the docs write it (lowering turns it into the IR's type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// `int32` (and the smaller integers).
    I32,
    /// `int64`.
    I64,
    /// `double`, `decimal`, `float`.
    F64,
    /// `bool`.
    Bool,
    /// `string`, `guid`, `uri`.
    String,
    /// `date-time`.
    DateTime,
    /// Bytes as base64 text (`format: byte`, .NET `byte[]`).
    Bytes,
    /// A .NET `TimeSpan`.
    Duration,
    /// Any JSON (`object` without more detail).
    Json,
}

/// Scalar type names as the docs write them (the REST tables use `int32`/`string`, request tables
/// `Integer`/`String`, OpenAPI formats `int64`/`date-time`).
pub fn scalar_type(ty: &str) -> Option<Scalar> {
    Some(match ty.trim().to_ascii_lowercase().as_str() {
        "int32" | "integer" | "int" | "int16" | "short" | "byte" => Scalar::I32,
        "int64" | "long" => Scalar::I64,
        "string" | "guid" | "uri" => Scalar::String,
        "bool" | "boolean" => Scalar::Bool,
        "date-time" | "datetime" | "date" => Scalar::DateTime,
        "byte[]" | "base64" => Scalar::Bytes,
        "timespan" | "time-span" => Scalar::Duration,
        "double" | "decimal" | "float" | "number" | "single" => Scalar::F64,
        _ => return None,
    })
}
