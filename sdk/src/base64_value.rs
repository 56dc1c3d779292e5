//! [`Base64`]: binary members the WebAPI sends as base64 text (OpenAPI `format: byte`).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::str::FromStr;

use ::base64::Engine;
use ::base64::alphabet;
use ::base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use bytes::Bytes;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The standard alphabet, as .NET writes it; padding is optional when reading.
const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// How much of a rejected input an error repeats.
const SHOWN: usize = 40;

/// Bytes the WebAPI sends as base64 text: images, document and attachment content, exported
/// files (OpenAPI `format: byte`, .NET `byte[]`).
///
/// Decoded when received; the received text is kept, so a value written back unchanged (a
/// read-modify-write) is exactly the text that came. A value built from bytes is written in the
/// standard alphabet with padding, as .NET writes it. Equality and hashing look at the bytes.
///
/// ```
/// use superoffice_webapi::Base64;
///
/// let image: Base64 = serde_json::from_str(r#""iVBORw0KGgo=""#).unwrap();
/// assert_eq!(&image[..4], b"\x89PNG");
/// assert_eq!(serde_json::to_string(&image).unwrap(), r#""iVBORw0KGgo=""#);
///
/// // Unpadded text decodes too, and is written back as it came.
/// let unpadded = Base64::parse("iVBORw0KGgo").unwrap();
/// assert_eq!(unpadded, image);
/// assert_eq!(unpadded.to_string(), "iVBORw0KGgo");
///
/// let built = Base64::new(b"hello".to_vec());
/// assert_eq!(built.to_string(), "aGVsbG8=");
/// assert!(Base64::parse("not base64!").is_err());
/// ```
#[derive(Clone, Default)]
pub struct Base64 {
    bytes: Bytes,
    /// The text as received; `None` for values built from bytes.
    text: Option<Box<str>>,
}

impl Base64 {
    /// Bytes to send (written as standard base64 with padding).
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Base64 { bytes: bytes.into(), text: None }
    }

    /// Decodes base64 text (standard alphabet, padding optional), keeping the text. Never
    /// panics; the error repeats up to 40 characters of the input.
    pub fn parse(text: &str) -> Result<Self, Base64ParseError> {
        match ENGINE.decode(text) {
            Ok(decoded) => Ok(Base64 { bytes: Bytes::from(decoded), text: Some(text.into()) }),
            Err(e) => Err(Base64ParseError { reason: e.to_string(), input: shown(text) }),
        }
    }

    /// The decoded bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The decoded bytes, owned (no copy).
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }

    /// The text this value was decoded from, if it was received rather than built.
    pub fn received_text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// Calls `f` with the text this value is written as: the received text, else the standard
    /// encoding.
    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        match &self.text {
            Some(t) => f(t),
            None => f(&ENGINE_WRITE.encode(&self.bytes)),
        }
    }
}

/// What [`Base64`] writes for values built from bytes: standard, padded.
const ENGINE_WRITE: GeneralPurpose = ::base64::engine::general_purpose::STANDARD;

fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(SHOWN).collect();
    if text.chars().nth(SHOWN).is_some() {
        out.push('…');
    }
    out
}

impl Deref for Base64 {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl AsRef<[u8]> for Base64 {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl PartialEq for Base64 {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for Base64 {}

impl Hash for Base64 {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bytes.hash(state);
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(v: Vec<u8>) -> Self {
        Base64::new(v)
    }
}

impl From<Bytes> for Base64 {
    fn from(v: Bytes) -> Self {
        Base64::new(v)
    }
}

impl From<&[u8]> for Base64 {
    fn from(v: &[u8]) -> Self {
        Base64::new(Bytes::copy_from_slice(v))
    }
}

impl From<Base64> for Bytes {
    fn from(v: Base64) -> Bytes {
        v.bytes
    }
}

impl FromStr for Base64 {
    type Err = Base64ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Base64::parse(s)
    }
}

impl fmt::Display for Base64 {
    /// The base64 text (as received, else standard with padding).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|t| f.write_str(t))
    }
}

impl fmt::Debug for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64({} bytes)", self.bytes.len())
    }
}

impl Serialize for Base64 {
    /// Serializes as the base64 text (see [`Display`](fmt::Display)).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_text(|t| serializer.serialize_str(t))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    /// Deserializes from base64 text, as [`Base64::parse`] accepts it.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Base64Visitor)
    }
}

struct Base64Visitor;

impl Visitor<'_> for Base64Visitor {
    type Value = Base64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("base64 text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Base64, E> {
        Base64::parse(v).map_err(E::custom)
    }
}

/// Why a text is not base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base64ParseError {
    reason: String,
    input: String,
}

impl Base64ParseError {
    /// Up to 40 characters of the rejected input.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for Base64ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64 text {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for Base64ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn received_text_is_written_back_exactly_and_built_values_are_padded() {
        let v = Base64::parse("AAEC").unwrap();
        assert_eq!(v.as_ref(), [0u8, 1, 2]);
        assert_eq!(v.received_text(), Some("AAEC"));
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"AAEC\"");
        assert_eq!(Base64::from(vec![0u8, 1]).to_string(), "AAE=");
        assert_eq!(Base64::parse("").unwrap().len(), 0);
    }

    #[test]
    fn bad_text_is_an_error_naming_the_input() {
        let err = Base64::parse("a=b=").unwrap_err();
        assert!(err.to_string().starts_with("invalid base64 text \"a=b=\""), "{err}");
        let long = "%".repeat(100);
        assert_eq!(Base64::parse(&long).unwrap_err().input().chars().count(), 41);
        let json: Result<Base64, _> = serde_json::from_str("\"@@@@\"");
        assert!(json.is_err());
        let json: Result<Base64, _> = serde_json::from_str("12");
        assert!(json.is_err());
    }
}
