//! Markdown documentation pages -> [`Page`] values: the first half of the markdown front-end
//! ([`crate::front::markdown`]).
//!
//! This layer knows about markdown (front matter, headings, tables, fenced blocks) and nothing about
//! Rust. Every value keeps the 1-based line it came from so later stages can report `file:line`.

mod markdown;
mod rest;
mod scripting;

pub use markdown::{parse_document, Block, Document};
pub use rest::parse_rest_page;
pub use scripting::parse_scripting_page;

use crate::diag::Diagnostic;
use std::path::Path;

/// A parsed documentation page of either kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    /// A REST endpoint page (`docs/en/api/reference/restful/rest/...`).
    Rest(Box<RestPage>),
    /// A NetServer scripting-event page (`docs/en/automation/netserver-scripting/reference/...`).
    Scripting(ScriptingPage),
}

/// Parses one page, deciding its kind from its content (an `http` block makes it a REST page, a
/// `## Before<Method>` section a scripting page).
pub fn parse_page(path: &Path, text: &str) -> Result<Page, Diagnostic> {
    let doc = parse_document(path, text)?;
    if scripting::looks_like_scripting(&doc) {
        parse_scripting_page(path, &doc).map(Page::Scripting)
    } else {
        parse_rest_page(path, &doc).map(|p| Page::Rest(Box::new(p)))
    }
}

/// What kind of API reference page a document is, decided by its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// A REST or agent endpoint page: `uid:`/`id:` is an operation id (`v1ContactAgent_GetContact`)
    /// or `title:` is `METHOD path` (`POST Agents/Contact/GetContact`).
    Endpoint,
    /// A NetServer scripting-event page: `title:` ends in `event method`, or (pages without that
    /// title) a `## Before<Method>` section with a C# signature.
    Scripting,
}

/// The kind of an API reference page, or `None` for any other page (an `index.md`, a guide):
/// pages are recognised by their front matter, wherever they lie.
pub fn page_kind(doc: &Document) -> Option<PageKind> {
    let title = doc.front("title").unwrap_or_default().trim();
    if title.to_ascii_lowercase().ends_with("event method") || scripting::looks_like_scripting(doc) {
        return Some(PageKind::Scripting);
    }
    let id = doc.front("uid").or_else(|| doc.front("id")).unwrap_or_default();
    let verb = title.split_whitespace().next().is_some_and(|w| crate::ir::HttpMethod::parse(w).is_some());
    (looks_like_operation_id(id) || (verb && !id.is_empty())).then_some(PageKind::Endpoint)
}

/// `v1ContactAgent_GetContact`: `v`, a version number, a service name, `_`, a method name.
fn looks_like_operation_id(id: &str) -> bool {
    let Some(rest) = id.strip_prefix('v') else { return false };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let Some(rest) = rest.get(digits..) else { return false };
    let Some((service, method)) = rest.split_once('_') else { return false };
    digits > 0
        && !service.is_empty()
        && !method.is_empty()
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Parses a page if its front matter makes it an API reference page ([`page_kind`]); `Ok(None)`
/// for any other markdown file.
pub fn parse_api_page(path: &Path, text: &str) -> Result<Option<Page>, Diagnostic> {
    let doc = parse_document(path, text)?;
    match page_kind(&doc) {
        Some(PageKind::Scripting) => parse_scripting_page(path, &doc).map(|p| Some(Page::Scripting(p))),
        Some(PageKind::Endpoint) => parse_rest_page(path, &doc).map(|p| Some(Page::Rest(Box::new(p)))),
        None => Ok(None),
    }
}

pub use crate::diag::Span;

/// A REST endpoint page.
#[derive(Debug, Clone, PartialEq)]
pub struct RestPage {
    /// The page's file.
    pub file: std::path::PathBuf,
    /// Front matter `title:` (e.g. `GET ChatSession/ForCurrentUser`).
    pub title: Option<String>,
    /// Front matter `id:` or `uid:` (the operation id, e.g. `v1ChatSessionEntity_ChatSessionsForUser`).
    pub operation_id: String,
    /// HTTP method from the first `http` block, upper case (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`).
    pub method: String,
    /// Path template from the first `http` block, e.g. `/api/v1/ChatSession/{id}` (no query string).
    pub path: String,
    /// Where the `http` block is.
    pub path_span: Span,
    /// The description paragraphs between the `http` block and the first table/heading, as plain text
    /// (markdown inline markup removed, HTML tags removed, entities decoded), paragraphs separated by
    /// a blank line.
    pub description: String,
    /// Rows of the `| Path Part | Type | Description |` table.
    pub path_params: Vec<ParamRow>,
    /// Rows of the `## Query String Parameters` table.
    pub query_params: Vec<ParamRow>,
    /// Rows of the `## Request Headers` table (`Type` is empty there).
    pub headers: Vec<ParamRow>,
    /// `## Request Body: <name>` section, when present.
    pub request_body: Option<BodySection>,
    /// The rows of the `| Response | Description |` table (status codes).
    pub responses: Vec<ResponseRow>,
    /// The response body: from `## Response: array` / `## Response:bool` headings and the
    /// `Response body: X` / `### Response body: X` line plus the property table that follows.
    pub response_body: Option<BodySection>,
    /// Sample request (` ```http! ` block), when present.
    pub sample_request: Option<HttpSample>,
    /// Sample response (` ```http_ ` block), when present. `[!include[...]]` placeholders give `None`.
    pub sample_response: Option<HttpSample>,
}

/// A row of a parameter table (path, query or header).
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRow {
    /// Parameter name as written (`id`, `$select`, `SO-Language`).
    pub name: String,
    /// The Type cell, trimmed (`int32`, `string`, `bool`, `Enum: Slim, Wide, Full`); empty for headers.
    pub ty: String,
    /// Description cell as plain text with `**Required**` removed.
    pub description: String,
    /// Whether the description said `**Required**`.
    pub required: bool,
    /// Where the row is.
    pub span: Span,
}

/// A request or response body section.
#[derive(Debug, Clone, PartialEq)]
pub struct BodySection {
    /// The name after `Request Body:` / `Response body:` (`entity`, `array`, `ChatSessionEntityWithLinks`,
    /// `bool`, `string`...). For the seed's `## Response: array` + `Response body: array` it is `array`.
    pub name: String,
    /// Description text under the heading, if any (plain text).
    pub description: String,
    /// The property table rows (`| Property Name | Type | Description |`); may be empty.
    pub properties: Vec<PropertyRow>,
    /// Where the heading / line naming the body is.
    pub span: Span,
}

/// A row of a `| Property Name | Type | Description |` table.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyRow {
    /// Property name as written (`ChatSessionId`, `_Links`, `odata.metadata`).
    pub name: String,
    /// Type cell trimmed; may be empty (the seed leaves it empty for nested objects).
    pub ty: String,
    /// Description as plain text (HTML entities decoded, `&amp;apos;` -> `'`).
    pub description: String,
    /// Where the row is.
    pub span: Span,
}

/// A row of the `| Response | Description |` table.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseRow {
    /// HTTP status code.
    pub status: u16,
    /// The description cell.
    pub description: String,
    /// Where the row is.
    pub span: Span,
}

/// A sample HTTP message from a ` ```http! ` (request) or ` ```http_ ` (response) block.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpSample {
    /// The start line (`GET /api/v1/...` or `HTTP/1.1 200 OK`).
    pub start_line: String,
    /// Header lines, in order.
    pub headers: Vec<(String, String)>,
    /// The JSON body, parsed (`None` when the block has no body). Invalid JSON is a [`Diagnostic`]
    /// pointing at the line of the error inside the file.
    pub body: Option<serde_json::Value>,
    /// Where the block starts (the line of the opening fence).
    pub span: Span,
}

/// A NetServer scripting-event page: the three events around one service method.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptingPage {
    /// The page's file.
    pub file: std::path::PathBuf,
    /// Front matter `uid:` (e.g. `ICustomerServiceAgent-ChatSessionsForUser`).
    pub uid: Option<String>,
    /// Front matter `title:`.
    pub title: Option<String>,
    /// The service agent from the `# Agent.Method` heading, e.g. `ICustomerServiceAgent` or `ChatAgent`.
    pub agent: String,
    /// The method name, e.g. `ChatSessionsForUser`.
    pub method: String,
    /// The `## Before<Method>`, `## After<Method>`, `## After<Method>Async` sections, in page order.
    pub events: Vec<ScriptingEvent>,
    /// Where the `#` heading is.
    pub span: Span,
}

/// Which of the three events a section describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// `Before<Method>`.
    Before,
    /// `After<Method>`.
    After,
    /// `After<Method>Async`.
    AfterAsync,
}

/// One event section with its C# signature.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptingEvent {
    /// Before / After / AfterAsync.
    pub kind: EventKind,
    /// The C# method name, e.g. `AfterChatSessionsForUser`.
    pub name: String,
    /// The C# parameters in order (`ref ChatSession[] returnValue`, `ref object eventState`, `Int32 id`...).
    pub params: Vec<CsParam>,
    /// The prose under the signature (plain text).
    pub description: String,
    /// Where the `##` heading is.
    pub span: Span,
}

/// A parameter of a C# event signature.
#[derive(Debug, Clone, PartialEq)]
pub struct CsParam {
    /// Whether it is passed by `ref`.
    pub by_ref: bool,
    /// C# type as written (`ChatSession[]`, `object`, `Int32`, ``Task`1``).
    pub ty: String,
    /// Parameter name (`returnValue`, `eventState`, `chatSessionId`).
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<PageKind> {
        page_kind(&parse_document(Path::new("p.md"), text).expect("document"))
    }

    #[test]
    fn pages_are_recognised_by_their_front_matter() {
        assert_eq!(
            kind("---\ntitle: POST Agents/Contact/GetContact\nuid: v1ContactAgent_GetContact\n---\n"),
            Some(PageKind::Endpoint)
        );
        assert_eq!(
            kind("---\ntitle: GET ChatSession/ForCurrentUser\nid: v1ChatSessionEntity_ChatSessionsForUser\n---\n"),
            Some(PageKind::Endpoint)
        );
        assert_eq!(kind("---\ntitle: GET Thing\nuid: op\n---\n"), Some(PageKind::Endpoint));
        assert_eq!(
            kind("---\nuid: chatagent-reset\ntitle: ChatAgent.ResetChatSession event method\n---\n"),
            Some(PageKind::Scripting)
        );
        assert_eq!(kind("---\ntitle: Contact agent\nuid: contact-agent\n---\n# Contact\n"), None);
        assert_eq!(kind("# A guide\n\nNo front matter.\n"), None);
        assert_eq!(kind("---\nuid: v1_X\n---\n"), None, "no service name");
        assert_eq!(kind("---\nuid: vX_Y\n---\n"), None, "no version");
    }

    #[test]
    fn other_pages_are_skipped_not_refused() {
        let index = "---\ntitle: Contact agent\nuid: contact-agent\n---\n\n# Contact agent\n\nSee the methods.\n";
        assert_eq!(parse_api_page(Path::new("index.md"), index), Ok(None));
        let broken = "---\ntitle: GET Thing\nid: v1Thing_Get\n---\n\n# GET Thing\n";
        let err = parse_api_page(Path::new("t.md"), broken).expect_err("an endpoint page without http block");
        assert_eq!(err.to_string(), "t.md:6: no ```http block with the endpoint's method and path");
    }
}
