//! The shape of a call as a user writes it: required inputs are arguments (a path parameter, a
//! required query parameter, a body), optional ones setters of the operation's own builder, and a
//! conditional read tells "not modified" apart from an error.

use chrono::TimeZone as _;
use superoffice_webapi::testing::MockSuperOffice;
use superoffice_webapi::{Conditional, HttpErrorKind};

#[tokio::test]
async fn a_required_query_parameter_is_an_argument_and_is_sent() {
    let so = MockSuperOffice::start().await;
    so.agents()
        .contact()
        .get_contact_entity()
        .with_query("contactEntityId", "5")
        .returns(serde_json::json!({"ContactId": 5, "Name": "SuperOffice ASA"}))
        .expect(1)
        .mount()
        .await;
    let client = so.client().unwrap();
    let contact = client.agents().contact().get_contact_entity(5).send().await.unwrap();
    assert_eq!(contact.contact_id, Some(5));
    assert_eq!(contact.name.as_deref(), Some("SuperOffice ASA"));
}

#[tokio::test]
async fn path_query_and_body_arguments_come_in_the_documented_order() {
    let so = MockSuperOffice::start().await;
    so.contact()
        .update(7)
        .with_body(serde_json::json!({"ContactId": 7, "Name": "Renamed"}))
        .returns(serde_json::json!({"ContactId": 7, "Name": "Renamed"}))
        .expect(1)
        .mount()
        .await;
    let client = so.client().unwrap();
    let mut entity = superoffice_webapi::models::ContactEntity::default();
    entity.contact_id = Some(7);
    entity.name = Some("Renamed".into());
    let saved = client.contact().update(7, entity).send().await.unwrap();
    assert_eq!(saved.name.as_deref(), Some("Renamed"));
}

#[tokio::test]
async fn if_modified_since_answers_not_modified_on_304_and_the_entity_otherwise() {
    let when = chrono::Utc.with_ymd_and_hms(2024, 3, 1, 12, 30, 0).unwrap();
    let so = MockSuperOffice::start().await;
    so.contact()
        .get(5)
        .with_header("If-Modified-Since", "Fri, 01 Mar 2024 12:30:00 GMT")
        .fails(304, serde_json::Value::Null)
        .expect(1)
        .mount()
        .await;
    so.contact()
        .get(6)
        .with_header("If-Modified-Since", "Fri, 01 Mar 2024 12:30:00 GMT")
        .returns(serde_json::json!({"ContactId": 6, "Name": "Changed"}))
        .expect(1)
        .mount()
        .await;
    let client = so.client().unwrap();
    let unchanged = client.contact().get(5).if_modified_since(when).send().await.unwrap();
    assert_eq!(unchanged, Conditional::NotModified);
    let changed = client.contact().get(6).if_modified_since(when).send().await.unwrap();
    let entity = changed.modified().expect("a 200 is the entity");
    assert_eq!((entity.contact_id, entity.name.as_deref()), (Some(6), Some("Changed")));
}

#[tokio::test]
async fn a_conditional_read_still_fails_on_other_errors() {
    let when = chrono::Utc.with_ymd_and_hms(2024, 3, 1, 12, 30, 0).unwrap();
    let so = MockSuperOffice::start().await;
    so.contact().get(9).fails(404, serde_json::json!({"Error": "gone"})).mount().await;
    let client = so.client().unwrap();
    let err = client.contact().get(9).if_modified_since(when).send().await.unwrap_err();
    assert_eq!(err.http_kind(), Some(HttpErrorKind::NotFound));
}
