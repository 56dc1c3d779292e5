//! Receiving SuperOffice webhooks: checking the signature ([`verify`]) and decoding the body
//! ([`WebhookEvent`]), or both at once with [`receive`]. Behind the `webhooks` cargo feature.
//!
//! SuperOffice POSTs JSON to the webhook's `TargetUrl`. When the webhook was registered with a
//! `Secret`, the `X-SuperOffice-Signature` header carries
//! `base64(HMAC-SHA256(key = the secret's UTF-8 bytes, message = the raw body))` (standard
//! base64 with padding). Check it over the bytes exactly as received, before parsing: re-encoded
//! JSON does not match. The comparison is constant-time. A webhook registered without a `Secret`
//! is sent unsigned: [`receive`] refuses it ([`WebhookError::MissingSignature`]); decode such
//! bodies with [`WebhookEvent::from_json`] only if you trust the sender by other means.
//!
//! Answer 200 quickly. SuperOffice makes 3 attempts per cycle (1 s and 4 s apart); after 3 failed
//! cycles the webhook is disabled (`TooManyErrors`), and answering 410 Gone disables it at once.
//! What SuperOffice does not document, and what this module chose:
//!
//! - There is no timestamp in the signed data and no replay protection: a captured delivery
//!   verifies again. Deduplicate on [`WebhookEvent::event_id`] if replays matter.
//! - Whether a 2xx other than 200 counts as success: answer exactly 200.
//! - State events name the webhook `webhook.errors` in the payload but `webhook123.errors` in
//!   subscriptions: both decode ([`EventName::WebhookErrors`], or `Unrecognized` kept verbatim).
//!
//! The webhook secret is a [`Secret`]: it is never in a `Debug` output, log line or error, and
//! neither is the signature.
//!
//! ```
//! use superoffice_webapi::webhooks::{self, EventName};
//! use superoffice_webapi::Secret;
//!
//! let secret = Secret::new("the webhook's secret");
//! let body = br#"{"EventId":"9a5d...","Event":"contact.created","PrimaryKey":42,"Entity":"contact"}"#;
//! let signature = webhooks::sign(&secret, body); // what SuperOffice sends in X-SuperOffice-Signature
//!
//! let mut headers = http::HeaderMap::new();
//! headers.insert(webhooks::SIGNATURE_HEADER, signature.parse().unwrap());
//! let delivery = webhooks::receive(&secret, &headers, body).unwrap();
//! assert_eq!(delivery.event.event, EventName::ContactCreated);
//!
//! let tampered = br#"{"EventId":"9a5d...","Event":"contact.created","PrimaryKey":43,"Entity":"contact"}"#;
//! let err = webhooks::receive(&secret, &headers, tampered).unwrap_err();
//! assert_eq!(err.status(), http::StatusCode::UNAUTHORIZED);
//! ```

mod event;
mod event_name;

use base64::Engine;
use hmac::{Hmac, Mac};
use http::{HeaderMap, StatusCode};
use sha2::Sha256;

use crate::Secret;

pub use event::WebhookEvent;
pub use event_name::EventName;

/// `X-SuperOffice-Signature`: the body's HMAC-SHA256 under the webhook's secret, in base64.
pub const SIGNATURE_HEADER: &str = "x-superoffice-signature";
/// `X-SuperOffice-Event`: the event name.
pub const EVENT_HEADER: &str = "x-superoffice-event";
/// `X-SuperOffice-EventId`: the event's GUID.
pub const EVENT_ID_HEADER: &str = "x-superoffice-eventid";
/// `X-SuperOffice-Retry`: how many retries of this delivery have been made.
pub const RETRY_HEADER: &str = "x-superoffice-retry";
/// `X-Hook-Test: true` on the test event.
pub const TEST_HEADER: &str = "x-hook-test";

/// Why a webhook request was rejected. Never contains the secret or the signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret to check against is empty (a webhook without a `Secret` sends no signature).
    #[error("the webhook secret is empty")]
    EmptySecret,
    /// There is no `X-SuperOffice-Signature` header.
    #[error("the request has no X-SuperOffice-Signature header")]
    MissingSignature,
    /// The signature header is not base64 of a 32-byte HMAC-SHA256.
    #[error("the X-SuperOffice-Signature header is not a base64 HMAC-SHA256")]
    MalformedSignature,
    /// The signature does not match the body: another secret, or a changed body.
    #[error("the X-SuperOffice-Signature does not match the body")]
    SignatureMismatch,
    /// The body is not a webhook event.
    #[error("the webhook body does not decode at `{path}`: {message}")]
    Decode {
        /// The JSON path of the failing value (`PrimaryKey`), `.` for the root.
        path: String,
        /// What serde said, without the offending value.
        message: String,
    },
}

impl WebhookError {
    /// The status to answer with: 401 for a missing, malformed or wrong signature, 400 for a
    /// body that does not decode, 500 for an empty secret (a receiver misconfiguration).
    pub fn status(&self) -> StatusCode {
        match self {
            WebhookError::EmptySecret => StatusCode::INTERNAL_SERVER_ERROR,
            WebhookError::MissingSignature | WebhookError::MalformedSignature | WebhookError::SignatureMismatch => {
                StatusCode::UNAUTHORIZED
            }
            WebhookError::Decode { .. } => StatusCode::BAD_REQUEST,
        }
    }
}

fn mac(secret: &Secret) -> Result<Hmac<Sha256>, WebhookError> {
    if secret.expose().is_empty() {
        return Err(WebhookError::EmptySecret);
    }
    // HMAC accepts keys of any length, so this cannot fail.
    Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()).map_err(|_| WebhookError::EmptySecret)
}

/// Checks `signature_header` (the value of `X-SuperOffice-Signature`) against the raw `body`
/// under `secret`, in constant time. Surrounding whitespace in the header is ignored.
pub fn verify(secret: &Secret, body: &[u8], signature_header: &str) -> Result<(), WebhookError> {
    let mut mac = mac(secret)?;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(signature_header.trim())
        .map_err(|_| WebhookError::MalformedSignature)?;
    if signature.len() != 32 {
        return Err(WebhookError::MalformedSignature);
    }
    mac.update(body);
    mac.verify_slice(&signature).map_err(|_| WebhookError::SignatureMismatch)
}

/// The `X-SuperOffice-Signature` value SuperOffice sends for `body` under `secret`: for tests of a
/// receiver, and for forwarding a delivery to another of your services.
/// An empty secret signs with an empty key, which [`verify`] refuses.
pub fn sign(secret: &Secret, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()) else {
        return String::new();
    };
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A verified, decoded webhook request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// The body.
    pub event: WebhookEvent,
    /// `X-SuperOffice-Retry`, when sent and a number: how many retries preceded this attempt.
    pub retry: Option<u32>,
    /// Whether `X-Hook-Test: true` marks this as the test event.
    pub test: bool,
}

/// Verifies and decodes a webhook request: the `X-SuperOffice-Signature` header must match the
/// raw `body` under `secret`, then the body must decode as a [`WebhookEvent`]. Answer with
/// [`WebhookError::status`] on error, 200 on success.
pub fn receive(secret: &Secret, headers: &HeaderMap, body: &[u8]) -> Result<Delivery, WebhookError> {
    let signature = headers.get(SIGNATURE_HEADER).ok_or(WebhookError::MissingSignature)?;
    let signature = signature.to_str().map_err(|_| WebhookError::MalformedSignature)?;
    verify(secret, body, signature)?;
    let event = WebhookEvent::from_json(body)?;
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let retry = text(RETRY_HEADER).and_then(|v| v.parse().ok());
    let test = text(TEST_HEADER).is_some_and(|v| v.eq_ignore_ascii_case("true"));
    Ok(Delivery { event, retry, test })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    #[test]
    fn signature_is_base64_hmac_sha256_of_the_raw_body() {
        let secret = Secret::new("Jefe");
        let expected_hex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let expected: Vec<u8> =
            (0..32).map(|i| u8::from_str_radix(&expected_hex[2 * i..2 * i + 2], 16).unwrap()).collect();
        let sig = sign(&secret, b"what do ya want for nothing?");
        assert_eq!(sig, base64::engine::general_purpose::STANDARD.encode(expected));
        assert_eq!(verify(&secret, b"what do ya want for nothing?", &sig), Ok(()));
        assert_eq!(verify(&secret, b"what do ya want for nothing?", &format!(" {sig}\t")), Ok(()));
    }

    #[test]
    fn wrong_secret_body_or_format_is_rejected() {
        let secret = Secret::new("s3cret");
        let body = br#"{"Event":"test"}"#;
        let sig = sign(&secret, body);
        assert_eq!(verify(&Secret::new("other"), body, &sig), Err(WebhookError::SignatureMismatch));
        assert_eq!(verify(&secret, br#"{"Event":"test" }"#, &sig), Err(WebhookError::SignatureMismatch));
        assert_eq!(verify(&secret, body, "not base64!"), Err(WebhookError::MalformedSignature));
        assert_eq!(verify(&secret, body, "YWJj"), Err(WebhookError::MalformedSignature));
        assert_eq!(verify(&Secret::new(""), body, &sign(&Secret::new(""), body)), Err(WebhookError::EmptySecret));
    }

    #[test]
    fn receive_reads_the_headers() {
        let secret = Secret::new("s3cret");
        let body = br#"{"Event":"test","EventId":"e"}"#;
        let mut headers = HeaderMap::new();
        let err = receive(&secret, &headers, body).unwrap_err();
        assert_eq!((err.clone(), err.status()), (WebhookError::MissingSignature, StatusCode::UNAUTHORIZED));
        headers.insert("X-SuperOffice-Signature", sign(&secret, body).parse().unwrap());
        headers.insert("X-SuperOffice-Retry", "2".parse().unwrap());
        headers.insert("X-Hook-Test", "True".parse().unwrap());
        let delivery = receive(&secret, &headers, body).unwrap();
        assert_eq!((delivery.retry, delivery.test, delivery.event.event), (Some(2), true, EventName::Test));

        let bad = br#"{"EventId":"e"}"#;
        headers.insert("X-SuperOffice-Signature", sign(&secret, bad).parse().unwrap());
        let err = receive(&secret, &headers, bad).unwrap_err();
        assert_eq!(err.status(), StatusCode::BAD_REQUEST, "{err}");
    }
}
