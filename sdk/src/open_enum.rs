//! Support for the SDK's "open" enums.
//!
//! The WebAPI sends enum values as strings, and newer servers add values this SDK does not
//! know yet. Every generated enum is therefore `#[non_exhaustive]` and has an
//! `Unrecognized(UnknownValue)` variant holding such a value verbatim; deserializing never fails
//! because of an unknown value, and serializing writes it back unchanged. Generated enums
//! implement [`OpenEnum`], `From<&str>`, `FromStr`, `AsRef<str>`, `Display`, `as_str()` and
//! `VALUES`, and deserialize through [`deserialize`].
//!
//! The server (.NET) parses enum names ignoring case, and real responses use other casings than
//! the documentation (a rights mask `FULL` where the docs say `Full`): known values are matched
//! ignoring ASCII case. A model field keeps the exact text it received and writes it back
//! unchanged as long as the value is not changed; [`FlagSet`](crate::FlagSet) does the same.
//!
//! ```
//! use superoffice_webapi::models::ChatSessionEntityStatus;
//!
//! let known: ChatSessionEntityStatus = serde_json::from_str(r#""Closed""#).unwrap();
//! assert_eq!(known, ChatSessionEntityStatus::Closed);
//!
//! let shouted: ChatSessionEntityStatus = serde_json::from_str(r#""CLOSED""#).unwrap();
//! assert_eq!(shouted, ChatSessionEntityStatus::Closed);
//!
//! let newer: ChatSessionEntityStatus = serde_json::from_str(r#""WaitingForBot""#).unwrap();
//! assert!(matches!(newer, ChatSessionEntityStatus::Unrecognized(_)));
//! assert_eq!(newer.as_str(), "WaitingForBot");
//! assert_eq!(serde_json::to_string(&newer).unwrap(), r#""WaitingForBot""#);
//! assert!(ChatSessionEntityStatus::VALUES.contains(&"InQueue"));
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// What every generated enum implements: its known values by position, for [`FlagSet`]'s
/// bitset and for code that handles every enum alike (tests, tools).
///
/// ```
/// use superoffice_webapi::models::ChatSessionEntityStatus as Status;
/// use superoffice_webapi::OpenEnum;
///
/// assert_eq!(Status::lookup("inqueue"), Some(Status::InQueue.index().unwrap()));
/// assert_eq!(Status::from_index(Status::Closed.index().unwrap()), Some(Status::Closed));
/// assert_eq!(Status::from("Later").index(), None);
/// ```
///
/// [`FlagSet`]: crate::FlagSet
pub trait OpenEnum: Sized + Clone + PartialEq + AsRef<str> + for<'a> From<&'a str> {
    /// The known values as the documentation writes them, in documented order.
    const VALUES: &'static [&'static str];

    /// The position of this value in [`VALUES`](Self::VALUES); `None` for `Unrecognized`.
    fn index(&self) -> Option<usize>;

    /// The known value at `index` in [`VALUES`](Self::VALUES).
    fn from_index(index: usize) -> Option<Self>;

    /// The position in [`VALUES`](Self::VALUES) of the value `text` names, ignoring ASCII case
    /// as the server does (an exact match is tried first).
    fn lookup(text: &str) -> Option<usize> {
        lookup_ignore_case(Self::VALUES, text)
    }
}

/// The position of `text` in `values`: exactly, else ignoring ASCII case.
pub fn lookup_ignore_case(values: &[&str], text: &str) -> Option<usize> {
    values.iter().position(|v| *v == text).or_else(|| values.iter().position(|v| v.eq_ignore_ascii_case(text)))
}

/// The known value `text` names (ignoring ASCII case), for the generated `From<&str>` impls.
pub(crate) fn known<T: OpenEnum>(text: &str) -> Option<T> {
    T::lookup(text).and_then(T::from_index)
}

/// An enum value this version of the SDK does not know, kept verbatim.
///
/// Found in the `Unrecognized` variant of the generated enums. It cannot be built directly:
/// convert text with the enum's `From<&str>`, which yields a known variant whenever the
/// text names one, so an `Unrecognized` never shadows a known variant and equality stays
/// meaningful.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(Box<str>);

impl UnknownValue {
    /// Wraps `value`. Crate-private: only the generated `From<&str>` impls call this, and
    /// only for texts that match no known variant.
    pub(crate) fn new(value: &str) -> Self {
        UnknownValue(value.into())
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for UnknownValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    /// The value as received.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// Deserializes an open enum (any `T: From<&str>`) from a string, never failing on the
/// string's content.
///
/// Also accepts a JSON integer, which some servers send for enum values, converted to its
/// decimal text (`3` becomes `T::from("3")`). Any other type is an error saying a string
/// was expected. Known values are converted without allocating, whether the deserializer
/// lends the string or owns it.
///
/// The generated enums' `Deserialize` impls call this. It is documented public API
/// (rather than `#[doc(hidden)]`) on purpose: its contract is small and stable, and it is
/// equally useful for an application's own open enums or newtypes, e.g.
/// `#[serde(deserialize_with = "superoffice_webapi::open_enum::deserialize")]`.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// enum Status { Closed, Other(String) }
///
/// impl From<&str> for Status {
///     fn from(s: &str) -> Self {
///         match s { "Closed" => Status::Closed, other => Status::Other(other.to_owned()) }
///     }
/// }
///
/// let mut de = serde_json::Deserializer::from_str(r#""Closed""#);
/// let status: Status = superoffice_webapi::open_enum::deserialize(&mut de).unwrap();
/// assert_eq!(status, Status::Closed);
///
/// let mut de = serde_json::Deserializer::from_str("7");
/// let status: Status = superoffice_webapi::open_enum::deserialize(&mut de).unwrap();
/// assert_eq!(status, Status::Other("7".into()));
/// ```
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_any(OpenEnumVisitor(PhantomData))
}

struct OpenEnumVisitor<T>(PhantomData<fn() -> T>);

impl<T> Visitor<'_> for OpenEnumVisitor<T>
where
    T: for<'a> From<&'a str>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum value as a string (or integer)")
    }

    // `visit_borrowed_str` and `visit_string` forward here by default: no allocation.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        let mut buf = DecimalBuf::new();
        Ok(T::from(buf.format(v, false)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        let mut buf = DecimalBuf::new();
        Ok(T::from(buf.format(v.unsigned_abs(), v < 0)))
    }
}

/// Stack buffer for the decimal text of a 64-bit integer (at most `-` and 20 digits).
struct DecimalBuf([u8; 21]);

impl DecimalBuf {
    fn new() -> Self {
        DecimalBuf([0; 21])
    }

    fn format(&mut self, mut value: u64, negative: bool) -> &str {
        let mut start = self.0.len();
        loop {
            start -= 1;
            if let Some(slot) = self.0.get_mut(start) {
                // `value % 10 < 10`, so the cast is lossless.
                *slot = b'0' + (value % 10) as u8;
            }
            value /= 10;
            if value == 0 || start == 1 {
                break;
            }
        }
        if negative {
            start -= 1;
            if let Some(slot) = self.0.get_mut(start) {
                *slot = b'-';
            }
        }
        let bytes = self.0.get(start..).unwrap_or_default();
        // Only ASCII digits and '-' are written, so this cannot fail.
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use crate::FlagSet;

    /// Hand-written in the shape the code generator produces.
    #[non_exhaustive]
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum ChatSessionStatus {
        Invalid,
        Closed,
        Unknown(crate::UnknownValue),
    }

    impl ChatSessionStatus {
        pub const VALUES: &'static [&'static str] = &["Invalid", "Closed"];

        pub fn as_str(&self) -> &str {
            match self {
                Self::Invalid => "Invalid",
                Self::Closed => "Closed",
                Self::Unknown(v) => v.as_str(),
            }
        }
    }

    impl AsRef<str> for ChatSessionStatus {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }

    impl crate::OpenEnum for ChatSessionStatus {
        const VALUES: &'static [&'static str] = ChatSessionStatus::VALUES;

        fn index(&self) -> Option<usize> {
            match self {
                Self::Invalid => Some(0),
                Self::Closed => Some(1),
                Self::Unknown(_) => None,
            }
        }

        fn from_index(index: usize) -> Option<Self> {
            match index {
                0 => Some(Self::Invalid),
                1 => Some(Self::Closed),
                _ => None,
            }
        }
    }

    impl From<&str> for ChatSessionStatus {
        fn from(s: &str) -> Self {
            crate::open_enum::known(s).unwrap_or_else(|| Self::Unknown(crate::UnknownValue::new(s)))
        }
    }

    impl serde::Serialize for ChatSessionStatus {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for ChatSessionStatus {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            crate::open_enum::deserialize(d)
        }
    }

    fn from_json(json: &str) -> Result<ChatSessionStatus, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn known_values() {
        for &name in ChatSessionStatus::VALUES {
            let value = from_json(&format!("\"{name}\"")).unwrap();
            assert!(!matches!(value, ChatSessionStatus::Unknown(_)));
            assert_eq!(value.as_str(), name);
        }
        assert_eq!(from_json(r#""Closed""#).unwrap(), ChatSessionStatus::Closed);
        // Escaped text reaches `visit_str` through serde_json's scratch buffer.
        assert_eq!(from_json(r#""Cl\u006fsed""#).unwrap(), ChatSessionStatus::Closed);
        // Owned strings (serde_json::Value) work too.
        let owned: ChatSessionStatus = serde_json::from_value(serde_json::Value::String("Invalid".into())).unwrap();
        assert_eq!(owned, ChatSessionStatus::Invalid);
        // Other casings name the known value, as on the server.
        for text in ["closed", "CLOSED", "cLoSeD"] {
            assert_eq!(ChatSessionStatus::from(text), ChatSessionStatus::Closed);
        }
        assert!(matches!(ChatSessionStatus::from("Clos\u{e9}d"), ChatSessionStatus::Unknown(_)));
    }

    #[test]
    fn unknown_value_round_trips() {
        let value = from_json(r#""Transferred""#).unwrap();
        let ChatSessionStatus::Unknown(unknown) = &value else {
            panic!("expected Unknown, got {value:?}");
        };
        assert_eq!(unknown.as_str(), "Transferred");
        assert_eq!(unknown.to_string(), "Transferred");
        assert_eq!(format!("{unknown:?}"), r#"UnknownValue("Transferred")"#);
        assert_eq!(serde_json::to_string(&value).unwrap(), r#""Transferred""#);
        assert_eq!(ChatSessionStatus::from("Transferred"), value);
        assert_ne!(ChatSessionStatus::from("Closed"), value);
    }

    #[test]
    fn integers_become_decimal_text() {
        let value = from_json("3").unwrap();
        assert_eq!(value.as_str(), "3");
        assert_eq!(from_json("-12").unwrap().as_str(), "-12");
        assert_eq!(from_json("0").unwrap().as_str(), "0");
        assert_eq!(from_json("18446744073709551615").unwrap().as_str(), "18446744073709551615");
        assert_eq!(from_json("-9223372036854775808").unwrap().as_str(), "-9223372036854775808");
    }

    #[test]
    fn other_types_are_errors() {
        for json in ["true", "null", "1.5", "[]", "{}"] {
            let err = from_json(json).unwrap_err().to_string();
            assert!(err.contains("string"), "{json}: {err}");
        }
    }

    #[test]
    fn flag_set_of_generated_enum() {
        let set: FlagSet<ChatSessionStatus> = serde_json::from_str(r#""closed, Transferred, Invalid""#).unwrap();
        assert_eq!(set.len(), 3);
        assert!(set.contains(&ChatSessionStatus::Closed));
        assert!(set.contains(&ChatSessionStatus::from("Transferred")));
        assert_eq!(serde_json::to_string(&set).unwrap(), r#""closed, Transferred, Invalid""#);
        let mut set = set;
        set.remove(&ChatSessionStatus::from("Transferred"));
        assert_eq!(serde_json::to_string(&set).unwrap(), r#""Invalid, Closed""#);
    }
}
