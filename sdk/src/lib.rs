//! Typed async client for the SuperOffice CRM WebAPI, generated from the vendor's documentation.
//!
//! - [`Client`] holds the tenant URL, credentials ([`Auth`]), default headers and a connection pool.
//! - Each REST resource has a client (`client.chat_session()`, `client.chat_topic()`) and each agent
//!   service one under `client.agents()` (`client.agents().chat()`), with one method per
//!   documented endpoint, returning a [`Request`] builder; `.send().await` returns the documented
//!   model from [`models`] (or, for file content, `bytes::Bytes`) or an [`Error`].
//! - Cargo features: one per REST resource and per agent service (`chat_session`, ...), each
//!   compiling its client and exactly the models it uses, and `full` for all of them; see the
//!   `[features]` section of the crate's `Cargo.toml`. `testing` adds the mock SuperOffice.
//! - Models decode what real servers send: `null` or missing fields, unknown extra fields, new enum
//!   values ([`UnknownValue`]), flag sets ([`FlagSet`]) and date-times with or without offsets
//!   ([`DateTime`]).
//! - Endpoints that implement a NetServer service method with scripting events have typed
//!   `Before` / `After` / `AfterAsync` [`hooks`] (`chat_session::ForCurrentUserHooks`, ...).
//! - Idempotent requests that fail to connect or get 429/502/503/504 are retried with backoff,
//!   honouring `Retry-After` ([`RetryPolicy`]); each attempt is a `superoffice.request` tracing
//!   span with the method, path template, status, attempt and elapsed time, and never a credential.
//!
//! Everything under [`models`] and the resource modules is generated from the markdown pages in
//! `docs-input/` by `superoffice-codegen`; the rest of the crate is the hand-written runtime.
#![warn(missing_docs)]
// The runtime's crate-private helpers exist for the generated resource modules; with only some
// cargo features enabled (or none), some of them go unused. Dead code is checked with `full`.
#![cfg_attr(not(feature = "full"), allow(dead_code))]

pub mod auth;
mod client;
pub mod datetime;
pub mod error;
pub mod flags;
mod headers;
pub mod hooks;
pub mod open_enum;
pub mod operation;
pub mod patch;
mod request;
pub mod retry;
#[cfg(feature = "testing")]
pub mod testing;
mod transport;

mod generated;

pub use auth::{Auth, Secret};
pub use client::{Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use datetime::DateTime;
pub use error::{DecodeError, Error, HttpError, HttpErrorKind};
pub use flags::FlagSet;
pub use generated::*;
pub use headers::TimeZone;
pub use open_enum::UnknownValue;
pub use request::Request;
pub use retry::RetryPolicy;
