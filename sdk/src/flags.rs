//! Flag sets: the WebAPI's comma-separated enum values, such as `"Select, Update, Delete"`.

use std::collections::hash_map::DefaultHasher;
use std::convert::Infallible;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Text;
use crate::open_enum::OpenEnum;

/// How many known values a [`FlagSet`] keeps as bits; values further down an enum's list (none
/// of the documented flag enums has that many) are kept like unknown ones.
const BITS: usize = u64::BITS as usize;

/// A set of values of an open enum `T`, sent by the WebAPI as one comma-separated string:
/// `"Select, Update, Delete"`, `"CustomerIsTyping"`, or `""` for the empty set.
///
/// Known values are kept as bits (no allocation); values the SDK does not know are kept aside
/// (as `T`'s `Unrecognized` variant). Names are matched ignoring ASCII case, as the server does.
///
/// Deserializing splits on `,`, trims whitespace around each part and skips empty parts. The
/// received text is kept when it is not exactly what the set would write itself (another
/// casing or order, extra spaces, unknown names): writing back a set that was not changed gives
/// the server its own text. Otherwise, and after any change, serializing and
/// [`Display`](fmt::Display) write the known values in the enum's documented order, then the
/// unknown ones in received order, joined with `", "`.
///
/// Equality ignores order and spelling: two sets with the same members are equal, and [`Hash`]
/// is consistent with that.
///
/// # Example
///
/// ```
/// use superoffice_webapi::models::TableRightMask as Mask;
/// use superoffice_webapi::FlagSet;
///
/// let rights: FlagSet<Mask> = serde_json::from_str(r#""Select, Update, Delete""#).unwrap();
/// assert_eq!(rights.len(), 3);
/// assert!(rights.contains(&Mask::Update));
/// assert_eq!(rights.to_string(), "Select, Update, Delete");
///
/// // Another casing: the same set, written back as received.
/// let shouted: FlagSet<Mask> = serde_json::from_str(r#""SELECT, update, Delete""#).unwrap();
/// assert_eq!(shouted, rights);
/// assert_eq!(serde_json::to_string(&shouted).unwrap(), r#""SELECT, update, Delete""#);
///
/// let none: FlagSet<Mask> = serde_json::from_str(r#""""#).unwrap();
/// assert!(none.is_empty());
/// assert_eq!(serde_json::to_string(&none).unwrap(), r#""""#);
/// ```
#[derive(Clone)]
pub struct FlagSet<T> {
    /// Bit `i` set: `T::VALUES[i]` is a member (`i < 64`).
    known: u64,
    /// Unknown members and the received text, when there is either (rare).
    rare: Option<Box<Rare<T>>>,
}

#[derive(Clone)]
struct Rare<T> {
    /// Members without a bit, in received/inserted order, without duplicates.
    others: Vec<T>,
    /// The text as received, when it differs from what the set writes itself. Cleared by any
    /// change.
    received: Option<Text>,
}

impl<T> FlagSet<T> {
    /// An empty set.
    pub const fn new() -> Self {
        FlagSet { known: 0, rare: None }
    }

    fn others(&self) -> &[T] {
        self.rare.as_deref().map_or(&[], |r| r.others.as_slice())
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.known.count_ones() as usize + self.others().len()
    }

    /// Whether the set has no members.
    pub fn is_empty(&self) -> bool {
        self.known == 0 && self.others().is_empty()
    }

    /// The text this set was decoded from, if it differs from what the set would write itself
    /// and the set has not been changed since.
    pub fn received_text(&self) -> Option<&str> {
        self.rare.as_deref().and_then(|r| r.received.as_deref())
    }

    /// Forgets the received text (after a change).
    fn changed(&mut self) {
        if let Some(rare) = &mut self.rare {
            rare.received = None;
            if rare.others.is_empty() {
                self.rare = None;
            }
        }
    }
}

impl<T: OpenEnum> FlagSet<T> {
    /// The members: known values in documented order, then the others in received/inserted
    /// order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        let known = self.known;
        (0..BITS).filter(move |i| known & (1 << i) != 0).filter_map(T::from_index).chain(self.others().iter().cloned())
    }

    /// Whether `value` is a member.
    pub fn contains(&self, value: &T) -> bool {
        match bit_of(value) {
            Some(bit) => self.known & bit != 0,
            None => self.others().contains(value),
        }
    }

    /// Adds `value` unless already present. Returns whether it was added.
    pub fn insert(&mut self, value: T) -> bool {
        if self.contains(&value) {
            return false;
        }
        self.changed();
        match bit_of(&value) {
            Some(bit) => self.known |= bit,
            None => self.rare.get_or_insert_with(Default::default).others.push(value),
        }
        true
    }

    /// Removes `value`, keeping the order of the others. Returns whether it was present.
    pub fn remove(&mut self, value: &T) -> bool {
        if !self.contains(value) {
            return false;
        }
        match bit_of(value) {
            Some(bit) => self.known &= !bit,
            None => {
                if let Some(rare) = &mut self.rare {
                    rare.others.retain(|v| v != value);
                }
            }
        }
        self.changed();
        true
    }

    /// Parses the WebAPI's text form: split on `,`, trim, skip empty parts, drop duplicates,
    /// match names ignoring ASCII case. Never fails; unknown names become `T`'s unknown values.
    ///
    /// ```
    /// use superoffice_webapi::models::TableRightMask as Mask;
    /// use superoffice_webapi::FlagSet;
    ///
    /// let set = FlagSet::<Mask>::parse(" update,Select ,, UPDATE ");
    /// assert_eq!(set, FlagSet::from([Mask::Select, Mask::Update]));
    /// assert_eq!(set.to_string(), " update,Select ,, UPDATE "); // as received
    /// assert_eq!(set.iter().map(|m| m.to_string()).collect::<Vec<_>>(), ["Select", "Update"]);
    /// ```
    pub fn parse(s: &str) -> Self {
        let mut known = 0u64;
        let mut others: Vec<T> = Vec::new();
        // The unknown names seen so far (unknown values compare by their exact text): keeps
        // duplicate removal linear, however many unknown names a server sends.
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut seen_high: std::collections::HashSet<usize> = std::collections::HashSet::new();
        // Whether `s` is exactly what `Display` writes: documented names in documented order,
        // joined with ", ". Then there is no need to keep it.
        let mut canonical = true;
        let mut last: Option<usize> = None;
        for (n, part) in s.split(',').enumerate() {
            let name = part.trim();
            let expected_len = if n == 0 { name.len() } else { name.len() + 1 };
            if name.is_empty() || part.len() != expected_len || (n > 0 && !part.starts_with(' ')) {
                canonical = false;
                if name.is_empty() {
                    continue;
                }
            }
            match T::lookup(name) {
                Some(index) if index < BITS => {
                    let exact = T::VALUES.get(index).is_some_and(|v| *v == name);
                    if !exact || last.is_some_and(|l| l >= index) {
                        canonical = false;
                    }
                    last = Some(index);
                    known |= 1 << index;
                }
                found => {
                    canonical = false;
                    let fresh = match found {
                        // A known value without a bit: compared by what it is, not its spelling.
                        Some(index) => seen_high.insert(index),
                        None => seen.insert(name),
                    };
                    if fresh {
                        others.push(T::from(name));
                    }
                }
            }
        }
        if s.is_empty() {
            canonical = true;
        }
        let rare = if canonical && others.is_empty() {
            None
        } else {
            Some(Box::new(Rare { others, received: (!canonical).then(|| Text::from(s)) }))
        };
        FlagSet { known, rare }
    }
}

/// The bit of a known value, if it has one.
fn bit_of<T: OpenEnum>(value: &T) -> Option<u64> {
    value.index().filter(|&i| i < BITS).map(|i| 1 << i)
}

impl<T> Default for Rare<T> {
    fn default() -> Self {
        Rare { others: Vec::new(), received: None }
    }
}

impl<T> Default for FlagSet<T> {
    /// An empty set.
    fn default() -> Self {
        FlagSet::new()
    }
}

impl<T: OpenEnum + fmt::Debug> fmt::Debug for FlagSet<T> {
    /// `FlagSet{Select, Update}` (with `T`'s `Debug` for the members).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FlagSet")?;
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: OpenEnum> fmt::Display for FlagSet<T> {
    /// The text as received if unchanged, else the members' texts joined with `", "`; the empty
    /// set gives `""`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(received) = self.received_text() {
            return f.write_str(received);
        }
        let mut separator = "";
        for (i, name) in T::VALUES.iter().enumerate().take(BITS) {
            if self.known & (1 << i) != 0 {
                f.write_str(separator)?;
                f.write_str(name)?;
                separator = ", ";
            }
        }
        for item in self.others() {
            f.write_str(separator)?;
            f.write_str(item.as_ref())?;
            separator = ", ";
        }
        Ok(())
    }
}

impl<T: PartialEq> PartialEq for FlagSet<T> {
    /// Order- and spelling-insensitive: equal when both have the same members.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.others(), other.others());
        // Neither side has duplicates, so equal lengths plus inclusion means equal sets.
        self.known == other.known && a.len() == b.len() && a.iter().all(|item| b.contains(item))
    }
}

impl<T: Eq> Eq for FlagSet<T> {}

impl<T: Hash> Hash for FlagSet<T> {
    /// Order-insensitive, consistent with `Eq`: the unknown members' hashes are combined with a
    /// commutative sum.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let sum = self.others().iter().fold(0u64, |sum, item| {
            // `DefaultHasher::new()` always starts from the same keys, so equal members
            // give equal hashes.
            let mut hasher = DefaultHasher::new();
            item.hash(&mut hasher);
            sum.wrapping_add(hasher.finish())
        });
        state.write_u64(self.known);
        state.write_usize(self.others().len());
        state.write_u64(sum);
    }
}

impl<T: OpenEnum> FromIterator<T> for FlagSet<T> {
    /// Collects the values, dropping duplicates.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = FlagSet::new();
        set.extend(iter);
        set
    }
}

impl<T: OpenEnum> Extend<T> for FlagSet<T> {
    /// Inserts each value not yet present.
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for value in iter {
            self.insert(value);
        }
    }
}

impl<T: OpenEnum, const N: usize> From<[T; N]> for FlagSet<T> {
    /// The array's values, dropping duplicates.
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

impl<T: OpenEnum> FromStr for FlagSet<T> {
    type Err = Infallible;

    /// Same as [`FlagSet::parse`]; never fails.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(FlagSet::parse(s))
    }
}

impl<T: OpenEnum> Serialize for FlagSet<T> {
    /// Serializes as one string, as [`Display`](fmt::Display) writes it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(received) = self.received_text() {
            return serializer.serialize_str(received);
        }
        match (self.known.count_ones(), self.others()) {
            (0, []) => serializer.serialize_str(""),
            (0, [single]) => serializer.serialize_str(single.as_ref()),
            (1, []) => {
                let index = self.known.trailing_zeros() as usize;
                serializer.serialize_str(T::VALUES.get(index).copied().unwrap_or_default())
            }
            _ => serializer.collect_str(self),
        }
    }
}

impl<'de, T: OpenEnum> Deserialize<'de> for FlagSet<T> {
    /// Deserializes from one comma-separated string, as [`FlagSet::parse`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FlagSetVisitor(PhantomData))
    }
}

struct FlagSetVisitor<T>(PhantomData<fn() -> T>);

impl<T: OpenEnum> Visitor<'_> for FlagSetVisitor<T> {
    type Value = FlagSet<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string of comma-separated flag names, like \"Select, Update\"")
    }

    // `visit_borrowed_str` and `visit_string` forward here by default.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<FlagSet<T>, E> {
        Ok(FlagSet::parse(v))
    }
}

/// The generated `TableRightMask`, compiled alone as the tests' flag type (the unit tests leave the
/// generated code out).
#[cfg(test)]
#[path = "generated/models/table_right_mask.rs"]
#[rustfmt::skip]
mod table_right_mask;

#[cfg(test)]
mod tests {
    use super::table_right_mask::TableRightMask as Mask;
    use super::*;

    fn hash_of<V: Hash>(value: &V) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    fn set(s: &str) -> FlagSet<Mask> {
        FlagSet::parse(s)
    }

    #[test]
    fn hash_and_eq_ignore_order_and_case() {
        let a = set("Select, Update, Delete, Later");
        let b = set("Later, DELETE, Select, update");
        let c = set("Delete, Select");
        assert_eq!(a, b);
        assert_eq!(hash_of(&a), hash_of(&b));
        assert_ne!(a, c);
        assert_ne!(hash_of(&a), hash_of(&c));
        assert_ne!(a, set("Select, Update, Delete, Sooner"));
    }

    #[test]
    fn canonical_text_is_not_kept_and_other_text_is() {
        for canonical in ["", "Select", "Select, Update", "Select, Delete"] {
            let s = set(canonical);
            assert_eq!(s.received_text(), None, "{canonical}");
            assert_eq!(s.to_string(), canonical);
        }
        for other in ["Update, Select", "SELECT", "Select,Update", " Select", "Select, ", "Later", "Select, Select"] {
            let s = set(other);
            assert_eq!(s.received_text(), Some(other));
            assert_eq!(serde_json::to_value(&s).unwrap(), other);
        }
    }

    #[test]
    fn changes_forget_the_received_text() {
        let mut s = set("update, Later, select");
        assert_eq!(s.len(), 3);
        assert!(s.contains(&Mask::Update) && s.contains(&Mask::from("Later")) && !s.contains(&Mask::Delete));
        assert!(s.remove(&Mask::Update));
        assert!(!s.remove(&Mask::Update));
        assert_eq!(s.to_string(), "Select, Later");
        assert!(s.insert(Mask::Delete));
        assert!(!s.insert(Mask::Delete));
        assert_eq!(s.to_string(), "Select, Delete, Later");
        assert!(s.remove(&Mask::from("Later")));
        assert_eq!(s.to_string(), "Select, Delete");
        assert!(s.rare.is_none());
    }

    #[test]
    fn debug_lists_members() {
        assert_eq!(format!("{:?}", set("Update, Select")), "FlagSet{Select, Update}");
    }
}
