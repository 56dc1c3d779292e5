//! Credentials in models stay out of `Debug` and out of decode errors (issue 16, defect 8), and
//! are still sent on the wire.
//!
//! Run alone with `cargo test -p superoffice-webapi --no-default-features --features user_agent,webhook --test redacted_debug`.

use superoffice_webapi::models::{SetPasswordRequest, Webhook};
use superoffice_webapi::operation::decode_json;

const PASSWORD: &str = "hunter2-S3cret";
const SECRET: &str = "webhook-S3cret";

#[test]
fn a_decoded_password_is_not_in_debug_but_is_written_back() {
    let body = format!(r#"{{"AssociateId": 12, "Password": "{PASSWORD}"}}"#);
    let request: SetPasswordRequest = serde_json::from_str(&body).unwrap();
    let dbg = format!("{request:?} {request:#?}");
    assert!(!dbg.contains(PASSWORD), "{dbg}");
    assert!(dbg.contains("<redacted>") && dbg.contains("associate_id: Some(12)"), "{dbg}");
    assert_eq!(request.password.as_deref(), Some(PASSWORD), "readable");
    let wire = serde_json::to_value(&request).unwrap();
    assert_eq!(wire["Password"], PASSWORD, "still sent");

    let unset = SetPasswordRequest::default();
    assert!(format!("{unset:?}").contains("password: None"), "{unset:?}");
}

#[test]
fn a_decoded_webhook_secret_is_not_in_debug() {
    let body = format!(
        r#"{{"WebhookId": 3, "Name": "hook", "TargetUrl": "https://example.invalid/h", "Secret": "{SECRET}"}}"#
    );
    let hook: Webhook = serde_json::from_str(&body).unwrap();
    let dbg = format!("{hook:?}");
    assert!(!dbg.contains(SECRET), "{dbg}");
    assert!(dbg.contains("https://example.invalid/h"), "other members stay visible: {dbg}");
    assert_eq!(serde_json::to_value(&hook).unwrap()["Secret"], SECRET);
}

#[test]
fn decode_errors_name_the_place_but_not_the_value() {
    let body = format!(
        r#"{{"Name": "hook",
        "WebhookId": "{SECRET}"}}"#
    );
    let err = decode_json::<Webhook>("op", body.as_bytes()).unwrap_err();
    assert_eq!((err.path.as_str(), err.line), ("WebhookId", 2));
    let text = format!("{err} {err:?}");
    assert!(!text.contains(SECRET), "{text}");
    assert!(text.contains("invalid type: string, expected i32"), "{text}");
}
