//! Front-ends: each reads one kind of input into the neutral [`crate::doc::DocApi`].
//!
//! - [`markdown`]: the REST reference pages (parsed by [`crate::parse`]);
//! - [`openapi`]: the vendor's OpenAPI 2.0 files.

pub mod markdown;
pub mod openapi;
