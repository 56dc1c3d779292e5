//! Flag sets: the WebAPI's comma-separated enum values, such as `"Select, Update, Delete"`.

use std::collections::hash_map::DefaultHasher;
use std::convert::Infallible;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A set of values of an open enum `T`, sent by the WebAPI as one comma-separated string:
/// `"Select, Update, Delete"`, `"CustomerIsTyping"`, or `""` for the empty set.
///
/// Members keep the order in which they were received (or inserted), without duplicates.
/// Values the SDK does not know are kept (as `T`'s `Unknown` variant) and written back.
///
/// Deserializing splits on `,`, trims whitespace around each part and skips empty parts.
/// Serializing and [`Display`](fmt::Display) join the members' [`AsRef<str>`] texts with
/// `", "`.
///
/// Equality ignores order: two sets with the same members are equal, and [`Hash`] is
/// consistent with that.
///
/// # Example
///
/// ```
/// use superoffice_webapi::FlagSet;
///
/// // Any `T: From<&str> + AsRef<str>` works; generated enums implement both.
/// let rights: FlagSet<String> = serde_json::from_str(r#""Select, Update, Delete""#).unwrap();
/// assert_eq!(rights.len(), 3);
/// assert!(rights.contains(&"Update".to_string()));
/// assert_eq!(rights.to_string(), "Select, Update, Delete");
///
/// let none: FlagSet<String> = serde_json::from_str(r#""""#).unwrap();
/// assert!(none.is_empty());
/// assert_eq!(serde_json::to_string(&none).unwrap(), r#""""#);
/// ```
#[derive(Clone)]
pub struct FlagSet<T> {
    items: Vec<T>,
}

impl<T> FlagSet<T> {
    /// An empty set.
    pub const fn new() -> Self {
        FlagSet { items: Vec::new() }
    }

    /// The members, in received/inserted order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The members as a slice, in received/inserted order.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the set has no members.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<T: PartialEq> FlagSet<T> {
    /// Whether `value` is a member.
    pub fn contains(&self, value: &T) -> bool {
        self.items.contains(value)
    }

    /// Adds `value` at the end unless already present. Returns whether it was added.
    pub fn insert(&mut self, value: T) -> bool {
        if self.contains(&value) {
            false
        } else {
            self.items.push(value);
            true
        }
    }

    /// Removes `value`, keeping the order of the others. Returns whether it was present.
    pub fn remove(&mut self, value: &T) -> bool {
        match self.items.iter().position(|item| item == value) {
            Some(index) => {
                self.items.remove(index);
                true
            }
            None => false,
        }
    }
}

impl<T> FlagSet<T>
where
    T: for<'a> From<&'a str> + PartialEq,
{
    /// Parses the WebAPI's text form: split on `,`, trim, skip empty parts, drop duplicates.
    /// Never fails; unknown names become `T`'s unknown values.
    ///
    /// ```
    /// use superoffice_webapi::FlagSet;
    ///
    /// let set = FlagSet::<String>::parse(" A,B ,, A ");
    /// assert_eq!(set.to_string(), "A, B");
    /// ```
    pub fn parse(s: &str) -> Self {
        // Exact capacity: a model holds many flag sets, most with one member.
        let mut items = Vec::with_capacity(s.bytes().filter(|&b| b == b',').count() + 1);
        for part in s.split(',').map(str::trim).filter(|part| !part.is_empty()) {
            let value = T::from(part);
            if !items.contains(&value) {
                items.push(value);
            }
        }
        FlagSet { items }
    }
}

impl<T> Default for FlagSet<T> {
    /// An empty set.
    fn default() -> Self {
        FlagSet::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for FlagSet<T> {
    /// `FlagSet{Select, Update}` (with `T`'s `Debug` for the members).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FlagSet")?;
        f.debug_set().entries(&self.items).finish()
    }
}

impl<T: AsRef<str>> fmt::Display for FlagSet<T> {
    /// The members' texts joined with `", "`, as serialized; empty set gives `""`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut separator = "";
        for item in &self.items {
            f.write_str(separator)?;
            f.write_str(item.as_ref())?;
            separator = ", ";
        }
        Ok(())
    }
}

impl<T: PartialEq> PartialEq for FlagSet<T> {
    /// Order-insensitive: equal when both have the same members.
    fn eq(&self, other: &Self) -> bool {
        // Neither side has duplicates, so equal lengths plus inclusion means equal sets.
        self.items.len() == other.items.len() && self.items.iter().all(|item| other.items.contains(item))
    }
}

impl<T: Eq> Eq for FlagSet<T> {}

impl<T: Hash> Hash for FlagSet<T> {
    /// Order-insensitive, consistent with `Eq`: the members' hashes are combined with a
    /// commutative sum.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let sum = self.items.iter().fold(0u64, |sum, item| {
            // `DefaultHasher::new()` always starts from the same keys, so equal members
            // give equal hashes.
            let mut hasher = DefaultHasher::new();
            item.hash(&mut hasher);
            sum.wrapping_add(hasher.finish())
        });
        state.write_usize(self.items.len());
        state.write_u64(sum);
    }
}

impl<T: PartialEq> FromIterator<T> for FlagSet<T> {
    /// Collects in iteration order, dropping duplicates.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = FlagSet::new();
        set.extend(iter);
        set
    }
}

impl<T: PartialEq> Extend<T> for FlagSet<T> {
    /// Inserts each value not yet present, at the end.
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for value in iter {
            self.insert(value);
        }
    }
}

impl<T> IntoIterator for FlagSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a FlagSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: PartialEq, const N: usize> From<[T; N]> for FlagSet<T> {
    /// The array's values in order, dropping duplicates.
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

impl<T> FromStr for FlagSet<T>
where
    T: for<'a> From<&'a str> + PartialEq,
{
    type Err = Infallible;

    /// Same as [`FlagSet::parse`]; never fails.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(FlagSet::parse(s))
    }
}

impl<T: AsRef<str>> Serialize for FlagSet<T> {
    /// Serializes as one string, the members joined with `", "`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.items.as_slice() {
            [] => serializer.serialize_str(""),
            [single] => serializer.serialize_str(single.as_ref()),
            _ => serializer.collect_str(self),
        }
    }
}

impl<'de, T> Deserialize<'de> for FlagSet<T>
where
    T: for<'a> From<&'a str> + PartialEq,
{
    /// Deserializes from one comma-separated string, as [`FlagSet::parse`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FlagSetVisitor(PhantomData))
    }
}

struct FlagSetVisitor<T>(PhantomData<fn() -> T>);

impl<T> Visitor<'_> for FlagSetVisitor<T>
where
    T: for<'a> From<&'a str> + PartialEq,
{
    type Value = FlagSet<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string of comma-separated flag names, like \"Select, Update\"")
    }

    // `visit_borrowed_str` and `visit_string` forward here by default.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<FlagSet<T>, E> {
        Ok(FlagSet::parse(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of<V: Hash>(value: &V) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn hash_is_order_insensitive() {
        let a = FlagSet::<String>::parse("Select, Update, Delete");
        let b = FlagSet::<String>::parse("Delete, Select, Update");
        let c = FlagSet::<String>::parse("Delete, Select");
        assert_eq!(a, b);
        assert_eq!(hash_of(&a), hash_of(&b));
        assert_ne!(a, c);
        assert_ne!(hash_of(&a), hash_of(&c));
    }

    #[test]
    fn remove_keeps_order() {
        let mut set = FlagSet::<String>::parse("A, B, C");
        assert!(set.remove(&"B".to_string()));
        assert!(!set.remove(&"B".to_string()));
        assert_eq!(set.to_string(), "A, C");
        assert!(set.insert("B".to_string()));
        assert!(!set.insert("A".to_string()));
        assert_eq!(set.to_string(), "A, C, B");
    }

    #[test]
    fn debug_lists_members() {
        let set = FlagSet::<String>::parse("A, B");
        assert_eq!(format!("{set:?}"), r#"FlagSet{"A", "B"}"#);
    }
}
