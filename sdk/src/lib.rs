//! Typed async client for the SuperOffice CRM WebAPI, generated from the vendor's documentation.
//!
//! - [`Client`] holds the tenant URL, credentials ([`Auth`]), default headers and a connection pool.
//! - Each resource has a client (`client.chat_session()`, `client.chat_topic()`) with one method per
//!   documented endpoint, returning a [`Request`] builder; `.send().await` returns the documented
//!   model from [`models`] or an [`Error`].
//! - Models decode what real servers send: `null` or missing fields, unknown extra fields, new enum
//!   values ([`UnknownValue`]), flag sets ([`FlagSet`]) and date-times with or without offsets
//!   ([`DateTime`]).
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
pub mod open_enum;
pub mod operation;
pub mod patch;
mod request;
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
