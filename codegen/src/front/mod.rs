//! Front-ends: each reads one kind of input into the neutral [`crate::doc::DocApi`].
//!
//! - [`markdown`]: the REST reference and scripting-event pages (read by [`markdown::parse`]);
//! - [`openapi`]: the vendor's OpenAPI 2.0 files.

pub mod markdown;
pub mod openapi;
