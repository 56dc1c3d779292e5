//! A SuperOffice webhook receiver (axum): checks `X-SuperOffice-Signature` against the raw body,
//! decodes the event, and answers 200, or 401 / 400 with nothing processed.
//!
//! With no configuration it runs a demo on 127.0.0.1: it starts the receiver on a free port,
//! posts a signed event and a tampered copy to it, prints what happened, and exits.
//!
//! ```text
//! cargo run --example webhook_receiver
//! ```
//!
//! To receive real webhooks, set the webhook's secret (the `Secret` it was registered with) and
//! where to listen; SuperOffice needs an HTTPS `TargetUrl`, so put a TLS proxy in front:
//!
//! ```text
//! WEBHOOK_SECRET=... WEBHOOK_ADDR=127.0.0.1:3000 cargo run --example webhook_receiver
//! ```
//!
//! The tests (`tests/webhooks.rs`) post to the [`router`] defined here.

use std::process::ExitCode;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use superoffice_webapi::webhooks::{self, Delivery};
use superoffice_webapi::Secret;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What the receiver does with each verified event (here: print it; in an app: queue it).
pub type OnEvent = Arc<dyn Fn(Delivery) + Send + Sync>;

#[derive(Clone)]
struct Receiver {
    secret: Secret,
    on_event: OnEvent,
}

/// `POST /webhook`: verifies, decodes, hands the delivery to `on_event`, answers 200.
pub fn router(secret: Secret, on_event: OnEvent) -> Router {
    Router::new().route("/webhook", post(handle)).with_state(Receiver { secret, on_event })
}

async fn handle(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> (StatusCode, &'static str) {
    match webhooks::receive(&receiver.secret, &headers, &body) {
        Ok(delivery) => {
            // Answer quickly: SuperOffice waits for the answer, retries slow or failed
            // deliveries, and disables the webhook after repeated failures.
            (receiver.on_event)(delivery);
            (StatusCode::OK, "ok")
        }
        Err(e) => {
            // The error never contains the secret or the signature.
            eprintln!("rejected a webhook request: {e}");
            (e.status(), "rejected")
        }
    }
}

fn print_event(delivery: Delivery) {
    let e = &delivery.event;
    println!(
        "{} {} #{} (changes: {}; test: {}; retry: {:?})",
        e.event,
        e.entity.as_deref().unwrap_or("-"),
        e.primary_key.map_or_else(|| "-".to_string(), |k| k.to_string()),
        e.changes.join(", "),
        delivery.test,
        delivery.retry,
    );
}

#[tokio::main]
async fn main() -> ExitCode {
    let result = match std::env::var("WEBHOOK_SECRET") {
        Ok(secret) => serve(Secret::new(secret)).await,
        Err(_) => demo().await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(secret: Secret) -> Result<(), BoxError> {
    let addr = std::env::var("WEBHOOK_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_string());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}/webhook", listener.local_addr()?);
    axum::serve(listener, router(secret, Arc::new(print_event))).await?;
    Ok(())
}

/// A `contact.changed` body in the documented shape.
pub const SAMPLE_BODY: &str = r#"{"EventId":"6b1e4c4e-7d3a-4b56-9a7e-2f0c1d2e3f40","Timestamp":"2026-03-05T10:15:30.1234567Z","Changes":["name","updated"],"Event":"contact.changed","PrimaryKey":123,"Entity":"contact","ContextIdentifier":"Cust12345","ChangedByAssociateId":5,"WebhookName":"demo","FieldValues":{"name":"SuperOffice AS"}}"#;

async fn demo() -> Result<(), BoxError> {
    let secret = Secret::new("demo-webhook-secret");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhook", listener.local_addr()?);
    let app = router(secret.clone(), Arc::new(print_event));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let signature = webhooks::sign(&secret, SAMPLE_BODY.as_bytes());
    let tampered = SAMPLE_BODY.replace("\"PrimaryKey\":123", "\"PrimaryKey\":124");
    let http = reqwest::Client::new();
    for (label, body) in [("signed", SAMPLE_BODY.to_string()), ("tampered", tampered)] {
        let status = http
            .post(&url)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("X-SuperOffice-Signature", &signature)
            .header("X-SuperOffice-Event", "contact.changed")
            .body(body)
            .send()
            .await?
            .status();
        println!("{label} body: HTTP {status}");
    }
    Ok(())
}
