//! Partial updates: JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7396) documents.

use serde::Serialize;
use serde_json::Value;

use crate::operation::Body;

/// A partial update for the `PATCH` endpoints.
///
/// ```
/// use superoffice_webapi::patch::{Patch, PatchOp};
/// let by_ops = Patch::json_patch([PatchOp::replace("/CustomerName", "Jane"), PatchOp::remove("/LastMessage")]);
/// let merge = Patch::merge(serde_json::json!({ "CustomerName": "Jane" }));
/// # let _ = (by_ops, merge);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Patch {
    /// A list of operations, sent as `application/json-patch+json`.
    JsonPatch(Vec<PatchOp>),
    /// The changes as an object, sent as `application/merge-patch+json`.
    Merge(Value),
}

impl Patch {
    /// A JSON Patch document from operations.
    pub fn json_patch(ops: impl IntoIterator<Item = PatchOp>) -> Self {
        Patch::JsonPatch(ops.into_iter().collect())
    }

    /// A JSON Merge Patch document.
    pub fn merge(changes: impl Into<Value>) -> Self {
        Patch::Merge(changes.into())
    }

    /// The content type this document is sent with.
    pub fn content_type(&self) -> &'static str {
        match self {
            Patch::JsonPatch(_) => "application/json-patch+json",
            Patch::Merge(_) => "application/merge-patch+json",
        }
    }

    pub(crate) fn to_body(&self) -> Result<Body, crate::Error> {
        let bytes = match self {
            Patch::JsonPatch(ops) => serde_json::to_vec(ops),
            Patch::Merge(v) => serde_json::to_vec(v),
        }
        .map_err(|e| crate::Error::Config(format!("cannot encode the patch document: {e}")))?;
        Ok(Body { content_type: self.content_type(), bytes: bytes.into() })
    }
}

/// One JSON Patch operation. The WebAPI supports `add`, `replace`, `remove` and `test`; paths are
/// case-insensitive and the leading slash is optional.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchOp {
    op: &'static str,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Value>,
}

impl PatchOp {
    /// `add` a value at `path`.
    pub fn add(path: impl Into<String>, value: impl Into<Value>) -> Self {
        PatchOp { op: "add", path: path.into(), value: Some(value.into()) }
    }

    /// `replace` the value at `path`.
    pub fn replace(path: impl Into<String>, value: impl Into<Value>) -> Self {
        PatchOp { op: "replace", path: path.into(), value: Some(value.into()) }
    }

    /// `remove` the value at `path`.
    pub fn remove(path: impl Into<String>) -> Self {
        PatchOp { op: "remove", path: path.into(), value: None }
    }

    /// `test` that `path` holds `value`; the update fails with 409 Conflict if not.
    pub fn test(path: impl Into<String>, value: impl Into<Value>) -> Self {
        PatchOp { op: "test", path: path.into(), value: Some(value.into()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_patch_encodes_as_rfc6902() {
        let p = Patch::json_patch([PatchOp::replace("/Department", "foo"), PatchOp::remove("Name")]);
        let body = p.to_body().unwrap();
        assert_eq!(body.content_type, "application/json-patch+json");
        assert_eq!(
            std::str::from_utf8(&body.bytes).unwrap(),
            r#"[{"op":"replace","path":"/Department","value":"foo"},{"op":"remove","path":"Name"}]"#
        );
    }

    #[test]
    fn merge_patch_encodes_as_rfc7396() {
        let body = Patch::merge(serde_json::json!({"Department": "foo"})).to_body().unwrap();
        assert_eq!(body.content_type, "application/merge-patch+json");
        assert_eq!(std::str::from_utf8(&body.bytes).unwrap(), r#"{"Department":"foo"}"#);
    }
}
