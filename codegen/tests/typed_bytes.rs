//! Base64 members (`format: byte`) and responses lower to bytes (`TypeRef::Bytes`, the runtime's
//! `Base64`), not text.

use std::path::Path;

use superoffice_codegen::ir::{ResourceKind, ResponseKind, TypeRef};

#[test]
fn format_byte_members_and_responses_are_bytes() {
    let api = superoffice_codegen::build_api(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")).unwrap();
    let bytes_responses: Vec<(&str, ResourceKind)> = api
        .resources
        .values()
        .flat_map(|r| r.endpoints.iter().map(move |e| (r, e)))
        .filter(|(_, e)| e.response == ResponseKind::Json(TypeRef::Bytes))
        .map(|(r, e)| (e.operation_id.as_str(), r.kind))
        .collect();
    let agents = bytes_responses.iter().filter(|(_, k)| *k == ResourceKind::Agent).count();
    assert_eq!(agents, 19, "{bytes_responses:?}");
    for id in [
        "v1BLOBAgent_GetContactImageWithSize",
        "v1SelectionAgent_ExportSelectionMembers",
        "v1DocumentAgent_GetDocumentStreamFromEntity",
        "v1ContactEntity_GetImage",
    ] {
        assert!(bytes_responses.iter().any(|(o, _)| *o == id), "{id}: {bytes_responses:?}");
    }
    let field = |model: &str, json: &str| {
        api.models[model].fields.iter().find(|f| f.json_name == json).map(|f| f.ty.clone()).unwrap()
    };
    assert_eq!(field("PersonImage", "ImageData"), TypeRef::Bytes);
    assert_eq!(field("AttachmentPreview", "Content"), TypeRef::Bytes);
    // A neighbouring text member stays text.
    assert_ne!(field("AttachmentPreview", "Content"), TypeRef::String);
}

#[test]
fn documented_time_spans_and_byte_arrays_are_typed() {
    use superoffice_codegen::doc::{scalar_type, Scalar};
    assert_eq!(scalar_type("TimeSpan"), Some(Scalar::Duration));
    assert_eq!(scalar_type("byte[]"), Some(Scalar::Bytes));
    // A .NET `byte` is a number.
    assert_eq!(scalar_type("byte"), Some(Scalar::I32));
}
