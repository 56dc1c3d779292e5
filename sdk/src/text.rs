//! [`Text`]: the string type of the models' text fields.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::str::FromStr;

use compact_str::CompactString;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string that stores texts of up to 24 bytes inline, without a heap allocation; longer texts
/// live on the heap like a `String`.
///
/// The models' text fields use it: most names, e-mail addresses, phone numbers and codes the
/// WebAPI sends are short, so decoding a response allocates far less. It is the size of a
/// `String` (and `Option<Text>` is too), and reads like one:
///
/// ```
/// use superoffice_webapi::Text;
///
/// let name = Text::from("Jane Customer");
/// assert_eq!(name, "Jane Customer"); // compares with &str, str and String
/// assert_eq!(name.len(), 13); // Deref<Target = str>
/// assert!(name.starts_with("Jane"));
/// assert_eq!(format!("{name}"), "Jane Customer");
/// let owned: String = name.clone().into();
/// assert_eq!(owned, "Jane Customer");
///
/// // Option<Text> works with `as_deref`, as Option<String> does.
/// let field: Option<Text> = Some("x@example.com".into());
/// assert_eq!(field.as_deref(), Some("x@example.com"));
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text(CompactString);

impl Text {
    /// An empty text (no allocation).
    pub const fn new() -> Self {
        Text(CompactString::const_new(""))
    }

    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Replaces the content.
    pub fn set(&mut self, value: &str) {
        self.0.clear();
        self.0.push_str(value);
    }

    /// Appends `value`.
    pub fn push_str(&mut self, value: &str) {
        self.0.push_str(value);
    }

    /// Whether the text is stored inline (no heap allocation).
    pub fn is_inline(&self) -> bool {
        !self.0.is_heap_allocated()
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl Hash for Text {
    /// Hashes like the `str` it holds, consistent with [`Borrow<str>`].
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    /// Like a `&str`: `"Jane"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.0.as_str())
    }
}

impl From<&str> for Text {
    fn from(value: &str) -> Self {
        Text(CompactString::new(value))
    }
}

impl From<String> for Text {
    /// Reuses the `String`'s buffer when the text does not fit inline.
    fn from(value: String) -> Self {
        Text(CompactString::from(value))
    }
}

impl From<&String> for Text {
    fn from(value: &String) -> Self {
        Text(CompactString::new(value))
    }
}

impl From<Box<str>> for Text {
    fn from(value: Box<str>) -> Self {
        Text(CompactString::from(value))
    }
}

impl From<std::borrow::Cow<'_, str>> for Text {
    fn from(value: std::borrow::Cow<'_, str>) -> Self {
        Text(CompactString::from(value))
    }
}

impl From<Text> for String {
    fn from(value: Text) -> Self {
        value.0.into_string()
    }
}

impl FromStr for Text {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Text::from(s))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.0.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.0.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.0.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.0.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    // `visit_borrowed_str` forwards here: short texts are copied inline, without allocating.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::from(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text::from(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_inline_and_long_ones_round_trip() {
        let short: Text = serde_json::from_str(r#""jane.customer@example.com""#).unwrap();
        assert_eq!(short, "jane.customer@example.com");
        // 25 bytes: one more than fits inline.
        assert!(!short.is_inline());
        let inline: Text = serde_json::from_str(r#""123456789012345678901234""#).unwrap();
        assert!(inline.is_inline());
        let escaped: Text = serde_json::from_str(r#""a\"b\u00e9""#).unwrap();
        assert_eq!(escaped, "a\"b\u{e9}");
        assert_eq!(serde_json::to_string(&escaped).unwrap(), r#""a\"bé""#);
        let long = "x".repeat(1000);
        let t = Text::from(long.clone());
        assert_eq!(t, long);
        assert_eq!(String::from(t), long);
    }

    #[test]
    fn non_strings_are_errors() {
        for json in ["1", "null", "true", "[]", "{}"] {
            let err = serde_json::from_str::<Text>(json).unwrap_err().to_string();
            assert!(err.contains("a string"), "{json}: {err}");
        }
    }

    #[test]
    fn behaves_like_a_str() {
        let mut t = Text::new();
        assert!(t.is_empty());
        t.set("abc");
        t.push_str("def");
        assert_eq!(t.as_str(), "abcdef");
        assert_eq!(format!("{t:?}"), r#""abcdef""#);
        assert_eq!(format!("{t:>8}"), "  abcdef");
        let mut set = std::collections::HashSet::new();
        set.insert(t.clone());
        assert!(set.contains("abcdef"));
        let (a, b) = (Text::from("a"), Text::from("b"));
        assert!(a < b);
        assert_eq!(std::mem::size_of::<Option<Text>>(), std::mem::size_of::<String>());
    }
}
