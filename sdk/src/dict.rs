//! [`Dict`]: the JSON objects the WebAPI uses as dictionaries (`FieldProperties`, `_Links`, ...).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Text;

/// A small map from text keys to values that keeps the order of its entries.
///
/// The WebAPI's dictionaries (`FieldProperties`, `_Links`, `ExtraFields`, ...) hold a handful of
/// entries. A `Dict` keeps them in one `Vec` in received order, which takes a fraction of the
/// memory of a `BTreeMap` (whose first node holds room for 11 entries) and writes the entries
/// back in the order the server sent them. Lookups are linear, which for a few entries is as fast
/// as a tree or a hash.
///
/// Keys are unique when built through [`insert`](Self::insert). If a response repeats a key, all
/// entries are kept (and written back), and [`get`](Self::get) returns the last one, as
/// `serde_json::Value` would.
///
/// ```
/// use superoffice_webapi::Dict;
///
/// let mut links: Dict<String> = serde_json::from_str(r#"{"Self": "/a", "Archive": "/b"}"#).unwrap();
/// assert_eq!(links.get("Archive").map(String::as_str), Some("/b"));
/// links.insert("Edit", "/c".to_string());
/// assert_eq!(links.keys().collect::<Vec<_>>(), ["Self", "Archive", "Edit"]);
/// assert_eq!(serde_json::to_string(&links).unwrap(), r#"{"Self":"/a","Archive":"/b","Edit":"/c"}"#);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Dict<V> {
    entries: Vec<(Text, V)>,
}

impl<V> Dict<V> {
    /// An empty dictionary (no allocation).
    pub const fn new() -> Self {
        Dict { entries: Vec::new() }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().rposition(|(k, _)| k.as_str() == key)
    }

    /// The value for `key` (the last one if the server repeated the key).
    pub fn get(&self, key: &str) -> Option<&V> {
        self.position(key).and_then(|i| self.entries.get(i)).map(|(_, v)| v)
    }

    /// The value for `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.position(key).and_then(|i| self.entries.get_mut(i)).map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key` to `value`, in place if the key is present (returning the old value), else at
    /// the end.
    pub fn insert(&mut self, key: impl Into<Text>, value: V) -> Option<V> {
        let key = key.into();
        match self.position(&key).and_then(|i| self.entries.get_mut(i)) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// Removes every entry for `key`, keeping the order of the others; returns the last value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let mut removed = None;
        while let Some(i) = self.position(key) {
            let (_, v) = self.entries.remove(i);
            removed.get_or_insert(v);
        }
        removed
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The entries in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &V)> + DoubleEndedIterator {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The entries in order, values mutable.
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&str, &mut V)> + DoubleEndedIterator {
        self.entries.iter_mut().map(|(k, v)| (k.as_str(), v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator {
        self.entries.iter().map(|(k, _)| k.as_str())
    }

    /// The values in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> + DoubleEndedIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Appends an entry without looking for the key (decoding keeps what the server sent).
    pub(crate) fn push(&mut self, key: Text, value: V) {
        self.entries.push((key, value));
    }
}

impl<V> Default for Dict<V> {
    fn default() -> Self {
        Dict::new()
    }
}

impl<V: fmt::Debug> fmt::Debug for Dict<V> {
    /// Like a map: `{"Self": "/a"}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(k, v)| (k, v))).finish()
    }
}

impl<K: Into<Text>, V> FromIterator<(K, V)> for Dict<V> {
    /// Inserts each pair in order (a repeated key replaces the earlier value).
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut dict = Dict::new();
        dict.extend(iter);
        dict
    }
}

impl<K: Into<Text>, V> Extend<(K, V)> for Dict<V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<V> IntoIterator for Dict<V> {
    type Item = (Text, V);
    type IntoIter = std::vec::IntoIter<(Text, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<V: Serialize> Serialize for Dict<V> {
    /// A JSON object, entries in order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k.as_str(), v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Dict<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(DictVisitor(PhantomData))
    }
}

struct DictVisitor<V>(PhantomData<fn() -> V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for DictVisitor<V> {
    type Value = Dict<V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dict<V>, A::Error> {
        // serde_json gives no size hint; the dictionaries are small, so start small and trim.
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(1).min(64));
        while let Some(key) = map.next_key::<Text>()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        if entries.capacity() > entries.len() {
            entries.shrink_to_fit();
        }
        Ok(Dict { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_duplicates_and_last_wins() {
        let d: Dict<i32> = serde_json::from_str(r#"{"b":1,"a":2,"b":3}"#).unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d.get("b"), Some(&3));
        assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"b":1,"a":2,"b":3}"#);
        let mut d = d;
        assert_eq!(d.insert("b", 4), Some(3));
        assert_eq!(d.remove("b"), Some(4));
        assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"a":2}"#);
        assert!(!d.contains_key("b"));
    }

    #[test]
    fn non_objects_are_errors() {
        let err = serde_json::from_str::<Dict<i32>>("[1]").unwrap_err().to_string();
        assert!(err.contains("a JSON object"), "{err}");
        let err = serde_json::from_str::<Dict<i32>>(r#"{"a":"x"}"#).unwrap_err().to_string();
        assert!(err.contains("i32"), "{err}");
    }

    #[test]
    fn collects_and_debugs_like_a_map() {
        let d: Dict<i32> = [("x", 1), ("y", 2), ("x", 3)].into_iter().collect();
        assert_eq!(format!("{d:?}"), r#"{"x": 3, "y": 2}"#);
        assert_eq!(d.values().copied().collect::<Vec<_>>(), [3, 2]);
    }
}
