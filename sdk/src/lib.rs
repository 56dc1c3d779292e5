//! Typed async client for the SuperOffice CRM WebAPI, generated from the vendor's documentation.
//!
//! - [`Client`] holds the tenant URL, credentials ([`Auth`]), default headers and a connection pool.
//! - Each resource has a client (`client.chat_session()`, `client.chat_topic()`) with one method per
//!   documented endpoint, returning a [`Request`] builder; `.send().await` returns the documented
//!   model from [`models`] or an [`Error`].
//! - Models decode what real servers send: `null` or missing fields, new enum values
//!   ([`UnknownValue`]), enum and flag names in any casing, flag sets ([`FlagSet`]) and date-times
//!   with or without offsets ([`DateTime`]). Members a model does not know are kept
//!   ([`UnknownFields`]) and written back, as are the received spellings, so a read-modify-write
//!   loses nothing. Text fields are [`Text`] (short texts inline), dictionaries [`Dict`].
//! - Endpoints that implement a NetServer service method with scripting events have typed
//!   `Before` / `After` / `AfterAsync` [`hooks`] (`chat_session::ForCurrentUserHooks`, ...).
//! - Idempotent requests that fail to connect or get 429/502/503/504 are retried with backoff,
//!   honouring `Retry-After` ([`RetryPolicy`]); each attempt is a `superoffice.request` tracing
//!   span with the method, path template, status, attempt and elapsed time, and never a credential.
//!
//! Everything under [`models`] and the resource modules is generated from the markdown pages in
//! `docs-input/` by `superoffice-codegen`; the rest of the crate is the hand-written runtime.
#![warn(missing_docs)]

pub mod auth;
mod client;
pub mod datetime;
mod dict;
pub mod error;
pub mod flags;
mod headers;
pub mod hooks;
mod model;
pub mod open_enum;
pub mod operation;
pub mod patch;
mod request;
pub mod retry;
#[cfg(feature = "testing")]
pub mod testing;
mod text;
mod transport;

mod generated;

pub use auth::{Auth, Secret};
pub use client::{Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use datetime::DateTime;
pub use dict::Dict;
pub use error::{DecodeError, Error, HttpError, HttpErrorKind};
pub use flags::FlagSet;
pub use generated::*;
pub use headers::TimeZone;
pub use model::UnknownFields;
pub use open_enum::OpenEnum;
pub use open_enum::UnknownValue;
pub use request::Request;
pub use retry::RetryPolicy;
pub use text::Text;
