//! Rust names that must be unique across the generated crate: resource modules, client types,
//! cargo features and operation types.

use crate::ir::{HttpMethod, Resource, ResourceKind};
use crate::naming::{pascal_case, snake_case};

/// Names in the Rust prelude (and `Self`-like names) an operation type must not shadow.
const PRELUDE: [&str; 12] =
    ["Default", "Option", "Result", "Box", "Vec", "String", "Clone", "Copy", "Send", "Sync", "Drop", "Some"];

/// A REST resource named as documented (`ChatSession` -> module and feature `chat_session`,
/// client `ChatSessionClient`).
pub fn rest_resource(name: String) -> Resource {
    let module = snake_case(&name);
    Resource {
        client: format!("{}Client", pascal_case(&name)),
        feature: module.clone(),
        module,
        kind: ResourceKind::Rest,
        name,
        endpoints: Vec::new(),
    }
}

/// The operation type name for a method (`for_current_user` -> `ForCurrentUser`; `default` ->
/// `GetDefault`: prelude names get the HTTP method as a prefix).
pub fn op_type(method_name: &str, http_method: HttpMethod) -> String {
    let name = pascal_case(method_name);
    if PRELUDE.contains(&name.as_str()) {
        format!("{}{name}", pascal_case(&http_method.as_str().to_ascii_lowercase()))
    } else {
        name
    }
}
