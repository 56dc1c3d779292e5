//! The generator on the seed pages alone (no OpenAPI file): type inference from the sample JSON,
//! unification, naming, and a snapshot of the emitted code.
//!
//! The snapshot compiles: the same emitter produces `sdk/src/generated/`, which `codegen check`
//! keeps in sync and the SDK crate compiles. Update the snapshot with `UPDATE_SNAPSHOTS=1`.

use std::path::{Path, PathBuf};

use superoffice_codegen::ir::{ResponseKind, TypeRef};
use superoffice_codegen::{build_api, emit};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed")
}

fn field<'a>(api: &'a superoffice_codegen::ir::Api, model: &str, json: &str) -> &'a TypeRef {
    let m = api.models.get(model).unwrap_or_else(|| panic!("no model {model}: {:?}", api.models.keys()));
    &m.fields.iter().find(|f| f.json_name == json).unwrap_or_else(|| panic!("{model}.{json}")).ty
}

#[test]
fn nested_objects_are_inferred_named_by_primary_key_and_unified() {
    let api = build_api(&fixture()).unwrap();
    let names: Vec<&str> = api.models.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "Associate",
            "ChatSession",
            "Contact",
            "FieldProperty",
            "FieldRight",
            "Person",
            "Project",
            "Sale",
            "TableRight",
            "Ticket"
        ]
    );
    // User and TransferTo are one type.
    assert_eq!(field(&api, "ChatSession", "User"), &TypeRef::Model("Associate".into()));
    assert_eq!(field(&api, "ChatSession", "TransferTo"), &TypeRef::Model("Associate".into()));
    assert_eq!(
        field(&api, "ChatSession", "FieldProperties"),
        &TypeRef::Map(Box::new(TypeRef::Model("FieldProperty".into())))
    );
    assert_eq!(field(&api, "ChatSession", "WhenRequested"), &TypeRef::DateTime);
    assert_eq!(field(&api, "Sale", "Amount"), &TypeRef::F64);
    assert_eq!(field(&api, "Ticket", "CreatedAt"), &TypeRef::DateTime);
    assert_eq!(field(&api, "ChatSession", "Flags"), &TypeRef::Flags("ChatSessionFlags".into()));
    // `Address: {}` has no fields anywhere: it stays plain JSON rather than an empty struct.
    assert_eq!(field(&api, "Contact", "Address"), &TypeRef::Json);
    let endpoint = &api.resources["ChatSession"].endpoints[0];
    // No override in the seed: the vendor's operation name (`ChatSessionsForUser`).
    assert_eq!(endpoint.method_name, "chat_sessions_for_user");
    assert_eq!(endpoint.response, ResponseKind::Json(TypeRef::Array(Box::new(TypeRef::Model("ChatSession".into())))));
    // The seed scripting page is `ICustomerServiceAgent`'s; nothing in the seed says the endpoint
    // calls that agent, so no hooks are linked by the method name alone (a warning says so).
    assert!(api.hooks.is_empty());
    let built = superoffice_codegen::build(&fixture()).unwrap();
    assert_eq!(built.warnings.len(), 1);
    assert!(built.warnings[0].message.contains("`ICustomerServiceAgent.ChatSessionsForUser` have no endpoint"));
}

#[test]
fn snapshot_of_the_generated_code() {
    let api = build_api(&fixture()).unwrap();
    let files = emit::render(&api).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/seed");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        emit::output::write(&dir, &files).unwrap();
    }
    let drift = emit::output::drift(&dir, &files);
    assert!(drift.is_clean(), "snapshot differs (run with UPDATE_SNAPSHOTS=1 and review): {drift:?}");
}

#[test]
fn generation_is_deterministic() {
    let a = emit::render(&build_api(&fixture()).unwrap()).unwrap();
    let b = emit::render(&build_api(&fixture()).unwrap()).unwrap();
    assert_eq!(a, b);
}
