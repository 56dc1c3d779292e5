//! A method returning an enum gets exactly the values its own schema lists: operations whose
//! responses list different values get different enums; identical lists share one.

use std::path::Path;

use superoffice_codegen::ir::{Api, ResponseKind, TypeRef};

fn api() -> Api {
    superoffice_codegen::build_api(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")).unwrap()
}

/// The enum an operation returns (directly or as array elements) and its values.
fn returned_enum<'a>(api: &'a Api, resource: &str, operation_id: &str) -> (&'a str, Vec<&'a str>) {
    let e = api.resources[resource].endpoints.iter().find(|e| e.operation_id == operation_id).unwrap();
    let name = match &e.response {
        ResponseKind::Json(TypeRef::Enum(n)) => n,
        ResponseKind::Json(TypeRef::Array(inner)) => match inner.as_ref() {
            TypeRef::Enum(n) => n,
            other => panic!("{operation_id} returns an array of {other:?}"),
        },
        other => panic!("{operation_id} returns {other:?}"),
    };
    (name.as_str(), api.enums[name].values.iter().map(String::as_str).collect())
}

#[test]
fn each_method_returns_exactly_the_values_its_schema_lists() {
    let api = api();
    let activity = ["Unknown", "NotStarted", "Started", "Completed"];
    let (toggle_activity, values) = returned_enum(&api, "Agents/Appointment", "v1AppointmentAgent_ToggleActivity");
    assert_eq!(values, activity);
    let (toggle_activities, values) = returned_enum(&api, "Agents/Appointment", "v1AppointmentAgent_ToggleActivities");
    assert_eq!(values, activity);
    // Identical lists: one enum, named after the first operation by id.
    assert_eq!(toggle_activity, "AppointmentToggleActivitiesResult");
    assert_eq!(toggle_activities, toggle_activity);
    let (status, values) = returned_enum(&api, "Agents/Appointment", "v1AppointmentAgent_ToggleAppointmentStatus");
    assert_eq!(status, "AppointmentToggleAppointmentStatusResult");
    assert_eq!(values.len(), 14);
    assert_eq!(values.first(), Some(&"UnknownOrPostIt"));
    assert!(!values.contains(&"Unknown"), "{values:?}");

    let (actor, values) = returned_enum(&api, "Agents/ErpSync", "v1ErpSyncAgent_GetCrmActorType");
    assert_eq!(
        (actor, values),
        ("ErpSyncGetCrmActorTypeResult", vec!["Unknown", "Contact", "Person", "Project", "Sale"])
    );
    let (can_delete, values) = returned_enum(&api, "Agents/ErpSync", "v1ErpSyncAgent_CanDeleteErpSyncConnectorEntity");
    assert_eq!(values, ["NoError", "ErrorConnectorHasConnections", "ErrorNotFound"]);
    assert_eq!(returned_enum(&api, "Agents/ErpSync", "v1ErpSyncAgent_TestConnectorUrl").0, can_delete);
    // The old merged enums are gone.
    assert!(!api.enums.contains_key("AppointmentValue") && !api.enums.contains_key("ErpSyncValue"));
}
