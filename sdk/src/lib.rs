//! Typed async client for the SuperOffice CRM WebAPI, generated from the vendor's documentation.
//!
//! - [`Client`] holds the tenant URL, credentials ([`Auth`]), default headers and a connection pool.
//! - Each resource has a client (`client.chat_session()`, `client.chat_topic()`) with one method per
//!   documented endpoint, returning a [`Request`] builder; `.send().await` returns the documented
//!   model from [`models`] or an [`Error`].
//! - Models decode what real servers send: `null` or missing fields, unknown extra fields, new enum
//!   values ([`UnknownValue`]), flag sets ([`FlagSet`]) and date-times with or without offsets
//!   ([`DateTime`]).
//! - Endpoints that implement a NetServer service method with scripting events have typed
//!   `Before` / `After` / `AfterAsync` [`hooks`] (`chat_session::ForCurrentUserHooks`, ...).
//! - Idempotent requests that fail to connect or get 429/502/503/504 are retried with backoff,
//!   honouring `Retry-After` ([`RetryPolicy`]); each attempt is a `superoffice.request` tracing
//!   span with the method, path template, status, attempt and elapsed time, and never a credential.
//!
//! - List endpoints page as a `Stream` of rows or pages, following `odata.nextLink` or advancing
//!   `$skip` ([`paging`]).
//! - Response bodies are read as a stream and counted against a limit
//!   ([`ClientBuilder::max_response_body_size`], default 64 MiB).
//! - With the `webhooks` feature, `webhook` verifies SuperOffice's webhook signatures and decodes
//!   the events.
//!
//! Everything under [`models`] and the resource modules is generated from the markdown pages in
//! `docs-input/` by `superoffice-codegen`; the rest of the crate is the hand-written runtime.
#![warn(missing_docs)]

pub mod auth;
mod client;
pub mod datetime;
pub mod error;
pub mod flags;
mod headers;
pub mod hooks;
pub mod open_enum;
pub mod operation;
pub mod paging;
pub mod patch;
mod request;
pub mod retry;
#[cfg(feature = "testing")]
pub mod testing;
mod transport;
#[cfg(feature = "webhooks")]
pub mod webhook;

mod generated;

pub use auth::{Auth, Secret};
pub use client::{Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY_SIZE, DEFAULT_TIMEOUT};
pub use datetime::DateTime;
pub use error::{DecodeError, Error, HttpError, HttpErrorKind};
pub use flags::FlagSet;
pub use generated::*;
pub use headers::TimeZone;
pub use open_enum::UnknownValue;
pub use request::Request;
pub use retry::RetryPolicy;

/// The README's Rust code blocks, compiled and run as doctests so they cannot rot. They use the
/// `testing` and `webhooks` features, which `cargo test --workspace` enables (through the root
/// package's dev-dependency); alone: `cargo test -p superoffice-webapi --features testing,webhooks --doc`.
#[cfg(all(doctest, feature = "testing", feature = "webhooks"))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
