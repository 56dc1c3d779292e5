//! Shared helpers for the integration tests: the docs' own samples and a client pointed at a mock.

use std::path::{Path, PathBuf};

use superoffice_codegen::parse::{parse_page, Page};
use superoffice_webapi::{Auth, Client};
use wiremock::MockServer;

/// The tenant path every test client uses, so tests also prove base-path handling.
pub const TENANT: &str = "/Cust12345";

/// The workspace's docs directory.
pub fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// The sample response body of a REST page in docs-input (relative path).
pub fn page_sample(rel: &str) -> serde_json::Value {
    let path = docs_dir().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match parse_page(&path, &text).unwrap_or_else(|e| panic!("{e}")) {
        Page::Rest(p) => p
            .sample_response
            .and_then(|s| s.body)
            .unwrap_or_else(|| panic!("{} has no sample response", path.display())),
        Page::Scripting(_) => panic!("{} is not a REST page", path.display()),
    }
}

/// The sample response of an operation, from the page that documents it.
pub fn sample(operation_id: &str) -> serde_json::Value {
    let api = superoffice_codegen::build_api(&docs_dir()).unwrap_or_else(|e| panic!("{e}"));
    api.resources
        .values()
        .flat_map(|r| &r.endpoints)
        .find(|e| e.operation_id == operation_id)
        .and_then(|e| e.sample_response.clone())
        .map(|s| s.body)
        .unwrap_or_else(|| panic!("no sample for {operation_id}"))
}

/// The richest ForCurrentUser sample: the seed page (nested User, Person, Contact... filled in).
pub fn seed_sessions() -> serde_json::Value {
    page_sample("rest/ChatSession/history/v1ChatSessionEntity_ChatSessionsForUser.md")
}

/// A client for `server` under the tenant path, with the docs' sample Basic credentials.
pub fn client(server: &MockServer) -> Client {
    Client::builder(format!("{}{TENANT}", server.uri()))
        .auth(Auth::basic("tje0", "Tje0"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The full path of an API path under the tenant.
pub fn tenant_path(api_path: &str) -> String {
    format!("{TENANT}{api_path}")
}

/// Removes `null` members recursively (the SDK omits unset fields when serializing).
pub fn without_nulls(v: &serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => serde_json::Value::Object(
            m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect(),
        ),
        serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Matches a header's exact raw value. (wiremock's `header` matcher splits values on commas, so it
/// cannot check `SO-TimeZone: UTC,includeTZOffset` as one value.)
pub struct RawHeader(pub &'static str, pub &'static str);

impl wiremock::Match for RawHeader {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request.headers.get(self.0).and_then(|v| v.to_str().ok()) == Some(self.1)
    }
}

/// A loopback address nobody listens on (bound, read, released).
pub fn free_addr() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
}

/// A tenant base URL nobody listens on.
pub fn dead_url() -> String {
    format!("http://{}/Cust1", free_addr())
}
