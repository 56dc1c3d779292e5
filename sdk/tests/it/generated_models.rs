//! The generated models with the runtime's model support: unknown members, open enums, flag sets,
//! decode error paths and inline sizes. (The crate's unit tests leave the generated code out.)

use std::mem::size_of;

use serde_json::Value;
use superoffice_webapi::models::{
    ChatSessionEntity, ChatSessionEntityStatus as Status, Person, TableRight, TableRightMask,
};

#[test]
fn unknown_members_are_kept_in_order_and_written_back() {
    let json = r#"{"Zeta":1,"ChatSessionId":7,"Alpha":[{"x":null}],"Status":"Closed","Tail":"t"}"#;
    let s: ChatSessionEntity = serde_json::from_str(json).unwrap();
    assert_eq!(s.unknown_fields.len(), 3);
    assert_eq!(s.unknown_fields.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["Zeta", "Alpha", "Tail"]);
    let back: Value = serde_json::to_value(&s).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(json).unwrap());
}

#[test]
fn enum_fields_keep_their_received_casing_until_changed() {
    let mut s: ChatSessionEntity = serde_json::from_str(r#"{"Status":"CLOSED"}"#).unwrap();
    assert_eq!(s.status, Some(Status::Closed));
    assert!(matches!(s.status, Some(Status::Closed)));
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"Status":"CLOSED"}"#);
    assert_eq!(s, serde_json::from_str(r#"{"Status":"Closed"}"#).unwrap());
    s.status = Some(Status::InQueue);
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"Status":"InQueue"}"#);
    s.status = Some(Status::Closed);
    // Back to the received value: written as received.
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"Status":"CLOSED"}"#);
}

#[test]
fn nested_models_flag_sets_and_escaped_keys() {
    let json = r#"{"Mask":"SELECT, Update","Reason":"r","New":true,"Ne\u0077er":false}"#;
    let t: TableRight = serde_json::from_str(json).unwrap();
    assert!(t.mask.as_ref().unwrap().contains(&TableRightMask::Select));
    assert_eq!(t.unknown_fields.get("Newer"), Some(&Value::Bool(false)));
    assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::from_str::<Value>(json).unwrap());
}

#[test]
fn decode_errors_name_the_path_through_generated_models() {
    use superoffice_webapi::operation::decode_json;
    let body = br#"[{"ChatSessionId":1},{"Person":{"Firstname":"A","ContactId":"x"}}]"#;
    let err = decode_json::<Vec<ChatSessionEntity>>("op", body).unwrap_err();
    assert_eq!(err.path, "[1].Person.ContactId");
    let body = br#"{"New":{"a":[1,}}"#;
    let err = decode_json::<ChatSessionEntity>("op", body).unwrap_err();
    assert_eq!(err.path, "New.a[1]");
}

#[test]
fn wrong_types_name_the_model() {
    let err = serde_json::from_str::<ChatSessionEntity>("[1]").unwrap_err().to_string();
    assert!(err.contains("a ChatSessionEntity object"), "{err}");
    let err = serde_json::from_str::<ChatSessionEntity>(r#"{"Status":true}"#).unwrap_err().to_string();
    assert!(err.contains("enum value"), "{err}");
    // Decoding from a Value (owned keys and strings) works too.
    let v = serde_json::json!({"Status": "closed", "X": 1});
    let s: ChatSessionEntity = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
}

/// Nested carriers are boxed and texts, flag sets and unknown members are compact, so an entity's
/// inline size stays far below its JSON (6.4 KB per session in the benchmarks).
#[test]
fn models_stay_small() {
    assert_eq!(size_of::<Option<Box<Person>>>(), size_of::<usize>());
    assert_eq!(size_of::<superoffice_webapi::UnknownFields>(), size_of::<usize>());
    assert_eq!(size_of::<Option<superoffice_webapi::FlagSet<TableRightMask>>>(), 24);
    assert_eq!(size_of::<Option<superoffice_webapi::Text>>(), 24);
    let session = size_of::<ChatSessionEntity>();
    assert!(session <= 1024, "ChatSessionEntity is {session} bytes");
}
