//! The example webhook receiver (`examples/webhook_receiver.rs`) on 127.0.0.1: a signed body is
//! accepted and decoded, a tampered one, one signed with another secret, one without a
//! signature and one that is not an event are refused, and none of those reach the handler.

#[allow(dead_code)] // the example's `main` and demo are not used here
#[path = "../../examples/webhook_receiver.rs"]
mod receiver;

use std::sync::{Arc, Mutex};

use superoffice_webapi::webhooks::{self, Delivery, EventName};
use superoffice_webapi::Secret;

const SECRET: &str = "whsec-S3cret-for-tests";

struct Running {
    url: String,
    received: Arc<Mutex<Vec<Delivery>>>,
}

async fn start() -> Running {
    let received: Arc<Mutex<Vec<Delivery>>> = Arc::default();
    let sink = received.clone();
    let app = receiver::router(
        Secret::new(SECRET),
        Arc::new(move |d| sink.lock().unwrap_or_else(|e| e.into_inner()).push(d)),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Running { url, received }
}

async fn post(url: &str, body: &str, signature: Option<&str>) -> u16 {
    let mut req = reqwest::Client::new()
        .post(url)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("X-SuperOffice-Event", "contact.changed")
        .header("X-SuperOffice-Retry", "1")
        .body(body.to_string());
    if let Some(s) = signature {
        req = req.header("X-SuperOffice-Signature", s);
    }
    req.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn a_signed_body_is_accepted_and_decoded() {
    let running = start().await;
    let signature = webhooks::sign(&Secret::new(SECRET), receiver::SAMPLE_BODY.as_bytes());
    assert_eq!(post(&running.url, receiver::SAMPLE_BODY, Some(&signature)).await, 200);

    let received = running.received.lock().unwrap();
    assert_eq!(received.len(), 1);
    let delivery = &received[0];
    assert_eq!(delivery.retry, Some(1));
    assert!(!delivery.test);
    let e = &delivery.event;
    assert_eq!(e.event, EventName::ContactChanged);
    assert_eq!(e.event_id.as_deref(), Some("6b1e4c4e-7d3a-4b56-9a7e-2f0c1d2e3f40"));
    assert_eq!(e.primary_key, Some(123));
    assert_eq!(e.entity.as_deref(), Some("contact"));
    assert_eq!(e.context_identifier.as_deref(), Some("Cust12345"));
    assert_eq!(e.changed_by_associate_id, Some(5));
    assert_eq!(e.webhook_name.as_deref(), Some("demo"));
    assert_eq!(e.changes, ["name", "updated"]);
    assert_eq!(e.field_values["name"], "SuperOffice AS");
    assert_eq!(e.timestamp.map(|t| t.to_string()).as_deref(), Some("2026-03-05T10:15:30.1234567Z"));
}

#[tokio::test]
async fn tampered_unsigned_and_wrongly_signed_bodies_are_refused() {
    let running = start().await;
    let signature = webhooks::sign(&Secret::new(SECRET), receiver::SAMPLE_BODY.as_bytes());
    let tampered = receiver::SAMPLE_BODY.replace("\"PrimaryKey\":123", "\"PrimaryKey\":124");
    assert_ne!(tampered, receiver::SAMPLE_BODY);
    assert_eq!(post(&running.url, &tampered, Some(&signature)).await, 401);

    let other = webhooks::sign(&Secret::new("another-secret"), receiver::SAMPLE_BODY.as_bytes());
    assert_eq!(post(&running.url, receiver::SAMPLE_BODY, Some(&other)).await, 401);
    assert_eq!(post(&running.url, receiver::SAMPLE_BODY, None).await, 401);
    assert_eq!(post(&running.url, receiver::SAMPLE_BODY, Some("not-base64")).await, 401);

    // Correctly signed, but not an event: 400.
    let junk = r#"{"PrimaryKey": 1}"#;
    assert_eq!(post(&running.url, junk, Some(&webhooks::sign(&Secret::new(SECRET), junk.as_bytes()))).await, 400);

    assert!(running.received.lock().unwrap().is_empty());
}
