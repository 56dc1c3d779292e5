//! The intermediate representation: what the SDK is made of, with no markdown and no Rust syntax in it.
//!
//! Front-ends ([`crate::front::markdown`] for the pages, [`crate::front::openapi`] for OpenAPI 2.0
//! files) read into a [`crate::doc::DocApi`], lowered into one [`Api`] by [`crate::lower`]; [`crate::emit`] turns an [`Api`] into Rust files.
//! All collections are ordered (`BTreeMap` or sorted `Vec`) so output is deterministic.

use std::collections::BTreeMap;

pub mod visit;

use crate::diag::Span;

/// Everything the generator knows about the WebAPI.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    /// Resources by key: REST resources by name (`ChatSession`), agent services as `Agents/<Agent>`.
    pub resources: BTreeMap<String, Resource>,
    /// Object types by Rust name.
    pub models: BTreeMap<String, Model>,
    /// String enums (open: unknown values are kept) by Rust name.
    pub enums: BTreeMap<String, EnumDef>,
    /// Service methods with scripting events (Before / After / AfterAsync), by operation id.
    pub hooks: BTreeMap<String, HookMethod>,
    /// Optional query-parameter sets several endpoints share, emitted once (`query.rs`), in name
    /// order; each user names its set in [`Endpoint::query_set`].
    pub query_sets: Vec<QuerySet>,
}

impl Api {
    /// The shared query set `e` uses, if any ([`Endpoint::query_set`]).
    pub fn query_set_of(&self, e: &Endpoint) -> Option<&QuerySet> {
        let name = e.query_set.as_deref()?;
        self.query_sets.iter().find(|s| s.name == name)
    }
}

/// Two or more optional query parameters that two or more endpoints document identically (names
/// and types in order): one crate-private struct in `query.rs` holds their values for all of them.
#[derive(Debug, Clone, PartialEq)]
pub struct QuerySet {
    /// The struct's name, unique among the sets (`ODataQuery`, `SelectFkQuery`).
    pub name: String,
    /// The parameters, in documented order (docs taken from the first user).
    pub params: Vec<Param>,
    /// Every endpoint using the set, in resource-key then method order.
    pub users: Vec<QuerySetUser>,
    /// The cargo features of the resources using it.
    pub features: std::collections::BTreeSet<String>,
    /// Whether a parameter's type names a generated model: the set then exists only when a feature
    /// using it is enabled. Other sets (plain values and enums, like the OData options) always
    /// exist, with the enums they use ([`EnumDef::always_compiled`]).
    pub gated: bool,
}

/// An endpoint using a [`QuerySet`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuerySetUser {
    /// The key of its resource in [`Api::resources`].
    pub resource: String,
    /// Its operation id.
    pub operation_id: String,
}

/// A group of endpoints generated as one client: a REST resource (`/api/v1/ChatSession/...`) or an
/// agent service (`/api/v1/Agents/Chat/...`).
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// The documented name: `ChatSession` for a REST resource, `Chat` for an agent service.
    pub name: String,
    /// REST resource or agent service.
    pub kind: ResourceKind,
    /// Rust module name, unique among resources of the same kind (`chat_session`; agents: `chat`,
    /// emitted under `agents::`).
    pub module: String,
    /// Rust client type name, unique across the API (`ChatSessionClient`, `ChatAgentClient`).
    pub client: String,
    /// The cargo feature that enables this resource (`chat_session`, `chat_agent`), unique.
    pub feature: String,
    /// The testing kit's mock builder type, unique across the API (`ChatSessionMocks`,
    /// `ChatAgentMocks`).
    pub mocks_type: String,
    /// The testing kit's constant listing the resource's endpoints, unique across the API
    /// (`CHAT_SESSION`, `AGENTS_CHAT`).
    pub endpoint_table: String,
    /// The testing kit's constant listing the same endpoints' samples alone, without their typed
    /// functions (what mounting samples needs), unique across the API (`CHAT_SESSION_SAMPLES`,
    /// `AGENTS_CHAT_SAMPLES`).
    pub sample_table: String,
    /// Endpoints sorted by method name.
    pub endpoints: Vec<Endpoint>,
}

/// Whether a [`Resource`] is a REST resource or an agent service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourceKind {
    /// `/api/v1/<Resource>/...`
    Rest,
    /// `/api/v1/Agents/<Agent>/<Method>` (always `POST`, arguments as one JSON body).
    Agent,
}

/// HTTP methods the WebAPI uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl HttpMethod {
    /// Parses an upper-case method name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "PATCH" => HttpMethod::Patch,
            "DELETE" => HttpMethod::Delete,
            _ => return None,
        })
    }

    /// The upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// One operation of the API.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The vendor's operation id, e.g. `v1ChatSessionEntity_ChatSessionsForUser`.
    pub operation_id: String,
    /// The client method name (snake case), e.g. `for_current_user`; unique within the resource.
    pub method_name: String,
    /// The operation's Rust type name (`ForCurrentUser`, `GetDefault`); unique within the resource
    /// module and never a prelude name.
    pub op_type: String,
    /// The HTTP method.
    pub http_method: HttpMethod,
    /// Path template as documented, e.g. `/api/v1/ChatSession/{id}`.
    pub path: String,
    /// The path split into literal and parameter segments (without the leading `/`).
    pub segments: Vec<PathSegment>,
    /// One-line summary (first paragraph of the description).
    pub summary: String,
    /// Further description paragraphs.
    pub description: String,
    /// Path parameters in path order.
    pub path_params: Vec<Param>,
    /// Query parameters.
    pub query_params: Vec<Param>,
    /// The optional documented headers this endpoint accepts (`SO-Language`, ...), by wire name.
    pub headers: Vec<String>,
    /// The request body, if any.
    pub request_body: Option<RequestBody>,
    /// The name of the [`QuerySet`] holding this endpoint's optional query parameters, if it
    /// shares them with other endpoints (see [`Api::query_set_of`]).
    pub query_set: Option<String>,
    /// The name of the endpoint's scripting-event hook trait (`ForCurrentUserHooks`), reserved in
    /// its module; emitted only when [`Api::hooks`] has the operation.
    pub hooks_trait: String,
    /// The name of the `ClientBuilder` method registering those hooks client-wide
    /// (`chat_session_for_current_user_hooks`), unique across the API.
    pub hooks_builder: String,
    /// What a successful response decodes to.
    pub response: ResponseKind,
    /// Documented status codes with their descriptions.
    pub statuses: Vec<StatusDoc>,
    /// Whether the docs describe `If-Modified-Since` / `If-Unmodified-Since` handling.
    pub conditional: Conditional,
    /// The documented sample response, if any.
    pub sample_response: Option<Sample>,
    /// The documented sample request body, if any.
    pub sample_request_body: Option<serde_json::Value>,
    /// Where the endpoint is documented.
    pub source: Span,
}

/// Conditional-request support documented for an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Conditional {
    /// `If-Modified-Since` (a 304 means "not modified").
    pub if_modified_since: bool,
    /// `If-Unmodified-Since` (a 412 means "changed since").
    pub if_unmodified_since: bool,
}

/// A path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Literal text, e.g. `ChatSession`.
    Literal(String),
    /// A parameter; the string is the wire name, e.g. `chatSessionId`.
    Param(String),
}

/// A path or query parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Wire name (`id`, `$select`).
    pub wire_name: String,
    /// Rust identifier (`id`, `select`).
    pub rust_name: String,
    /// The value type.
    pub ty: TypeRef,
    /// Documentation.
    pub doc: String,
    /// Whether the docs mark it required (path parameters always are).
    pub required: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The parameter name in the docs (`entity`, `changes`, `message`).
    pub name: String,
    /// The Rust identifier of the client method's argument and the builder's field (`entity`;
    /// `id_body` when a parameter of the endpoint is already called `id`).
    pub rust_name: String,
    /// Documentation.
    pub doc: String,
    /// What kind of body.
    pub kind: RequestBodyKind,
}

/// Request body flavours.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestBodyKind {
    /// A JSON document of this type.
    Json(TypeRef),
    /// A JSON Patch (RFC 6902) or JSON Merge Patch (RFC 7396) document.
    Patch,
    /// Raw file content (`application/octet-stream`, or a `formData` file).
    Binary,
}

/// What a 2xx response carries.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseKind {
    /// No body (204) or an ignored one.
    Empty,
    /// A JSON value of this type.
    Json(TypeRef),
    /// Raw file content (`type: file` / `format: binary`), returned as bytes, never decoded as JSON.
    Binary,
}

/// A documented status code.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusDoc {
    /// The code.
    pub status: u16,
    /// What the docs say it means.
    pub description: String,
}

/// A documented sample response.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Status code of the sample.
    pub status: u16,
    /// The JSON body.
    pub body: serde_json::Value,
    /// Where the sample comes from.
    pub origin: SampleOrigin,
}

/// Where a [`Sample`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SampleOrigin {
    /// Written in the docs (a page's sample response).
    #[default]
    Docs,
    /// Built deterministically from the response schema (the endpoint has no documented sample).
    Schema,
}

/// A type as fields and parameters refer to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `int32`
    I32,
    /// `int64`
    I64,
    /// `double`, `decimal`, `float`
    F64,
    /// `bool`
    Bool,
    /// `string`
    String,
    /// `date-time`
    DateTime,
    /// Bytes sent as base64 text (OpenAPI `format: byte`, .NET `byte[]`): the runtime's `Base64`.
    Bytes,
    /// A .NET `TimeSpan` (`[-][d.]hh:mm:ss[.fffffff]`): the runtime's `TimeSpan`.
    Duration,
    /// Any JSON (`object` without more detail).
    Json,
    /// A generated model, by Rust name.
    Model(String),
    /// A generated open enum, by Rust name.
    Enum(String),
    /// A comma-separated set of an open enum's values.
    Flags(String),
    /// A JSON array.
    Array(Box<TypeRef>),
    /// A JSON object used as a map from string keys.
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// Calls `f` on this type, then on every type inside it (an array's element, a map's value),
    /// outermost first.
    pub fn walk(&self, f: &mut impl FnMut(&TypeRef)) {
        f(self);
        if let TypeRef::Array(inner) | TypeRef::Map(inner) = self {
            inner.walk(f);
        }
    }

    /// [`TypeRef::walk`] with each type mutable (`f` may replace it; the walk then goes into the
    /// replacement).
    pub fn walk_mut(&mut self, f: &mut impl FnMut(&mut TypeRef)) {
        f(self);
        if let TypeRef::Array(inner) | TypeRef::Map(inner) = self {
            inner.walk_mut(f);
        }
    }
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Rust name (`ChatSessionEntity`, `Associate`).
    pub name: String,
    /// Its file's module under `models/` (`chat_session_entity`), unique among models and enums;
    /// set by [`crate::lower::names::make_unique`].
    pub module: String,
    /// Documentation.
    pub doc: String,
    /// Fields in documented order.
    pub fields: Vec<Field>,
    /// The struct's field keeping the members this version does not know: `unknown_fields`, with
    /// `_` appended while a documented field has the name; set by
    /// [`crate::lower::names::make_unique`].
    pub unknown_fields: String,
    /// Other names the docs use for this type (`ChatSessionEntityWithLinks`), emitted as aliases.
    pub aliases: Vec<String>,
    /// The cargo features ([`Resource::feature`]) whose endpoints reach this model; it is compiled
    /// when any of them is enabled.
    pub features: std::collections::BTreeSet<String>,
    /// Where the type was first seen.
    pub source: Span,
}

/// A field of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON key (`ChatSessionId`, `_Links`, `odata.metadata`).
    pub json_name: String,
    /// The Rust identifier (`chat_session_id`, `links`, `odata_metadata`).
    pub rust_name: String,
    /// The value type (always optional on the wire).
    pub ty: TypeRef,
    /// Documentation.
    pub doc: String,
    /// Whether the member carries a credential (a password, secret, token, key, ticket): its
    /// value is sent and received as usual but never shown by the model's `Debug`. Set by
    /// lowering from the schema (`format: password`) and the member's name
    /// ([`crate::lower::secrets`]).
    pub secret: bool,
}

/// An open string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// Rust name (`ChatSessionStatus`).
    pub name: String,
    /// Its file's module under `models/` (`chat_session_status`), unique among models and enums;
    /// set by [`crate::lower::names::make_unique`].
    pub module: String,
    /// Documentation.
    pub doc: String,
    /// Known values as the server writes them.
    pub values: Vec<String>,
    /// The Rust variant of each value, in the same order (`SMS` -> `Sms`), unique within the enum
    /// and never `Unrecognized`; set by [`crate::lower::names::make_unique`].
    pub variants: Vec<String>,
    /// The cargo features whose endpoints reach this enum (see [`Model::features`]).
    pub features: std::collections::BTreeSet<String>,
    /// Whether the enum is compiled whatever the features: an ungated [`QuerySet`] uses it (the
    /// hand-written runtime, OData paging, can name it in every feature combination).
    pub always_compiled: bool,
    /// Where the enum was defined.
    pub source: Span,
}

/// A service method with the three scripting events, linked to one endpoint implementing it.
///
/// One scripting page can give several of these (NetServer's `SaveChatSessionEntity` is behind the
/// `POST`, `PUT` and `PATCH` endpoints); an endpoint has at most one.
#[derive(Debug, Clone, PartialEq)]
pub struct HookMethod {
    /// The linked endpoint's operation id.
    pub operation_id: String,
    /// The key of that endpoint's resource in [`Api::resources`] (`ChatSession`, `Agents/Chat`).
    pub resource: String,
    /// The endpoint's client method name.
    pub method_name: String,
    /// The service method name (`ChatSessionsForUser`).
    pub service_method: String,
    /// The service agent (`ICustomerServiceAgent`).
    pub agent: String,
    /// The type the events see as `returnValue` (the endpoint's response type).
    pub return_type: ResponseKind,
    /// The events in Before / After / AfterAsync order.
    pub events: [HookEvent; 3],
    /// Why the page and the endpoint were linked.
    pub link: HookLink,
    /// Where the scripting page is.
    pub source: Span,
}

/// One scripting event as documented.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HookEvent {
    /// The C# method name (`BeforeChatSessionsForUser`).
    pub name: String,
    /// The documentation under the signature (empty when the page has no section for the event).
    pub doc: String,
}

/// How a scripting page was linked to an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookLink {
    /// The endpoint belongs to the page's agent service and its operation id ends in `_<Method>`
    /// (`v1ChatSessionEntity_ChatSessionsForUser`).
    OperationId,
    /// The endpoint's description says it calls the method: "Calls the Chat agent service
    /// SaveChatSessionEntity." The string is the agent as written there (`Chat agent`).
    ServiceCall(String),
}
