//! What the generated models share: [`UnknownFields`] and the decoding loop their generated
//! `Deserialize` impls run.
//!
//! Each generated model implements [`Model`] with one `match` from JSON member names to fields
//! ([`Model::decode_field`]); [`ModelVisitor`] runs it for every member of the JSON object and
//! keeps the members no field claims in the model's `unknown_fields`. Its `Serialize` impl
//! writes the set fields, then the unknown members, so a model read from a newer server and
//! written back loses nothing.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::open_enum::OpenEnum;
use crate::{Dict, Text};

/// The members of a JSON object that the model it was decoded into does not know, kept in
/// received order and written back unchanged.
///
/// Every generated model has a field `unknown_fields` of this type: a model decoded from a
/// newer server's response and sent back in an update keeps the fields this SDK does not know
/// about, instead of the server resetting them.
///
/// It also remembers, for the model's enum fields, a value received in another casing than the
/// documented one (`FULL` for `Full`), to write it back as received while the value is
/// unchanged. That part is not compared by `==`.
///
/// Empty (the usual case) it holds no allocation.
///
/// # Memory
///
/// Unknown members are kept as `serde_json::Value`, which can take several times the size of
/// their JSON text (up to about 16x for a body made of many tiny values such as `[0,0,0,...]`).
/// The bound is the response body cap
/// ([`ClientBuilder::max_response_body_size`](crate::ClientBuilder::max_response_body_size),
/// 64 MiB by default): lower it if a server you do not trust could fill a response with unknown
/// members. `Debug` shows unknown members as received (a credential member a newer server
/// adds is not known to be one until the SDK is regenerated).
///
/// ```
/// use superoffice_webapi::models::ChatSessionEntity;
///
/// let json = r#"{"ChatSessionId":7,"Mood":{"Level":3}}"#;
/// let mut session: ChatSessionEntity = serde_json::from_str(json).unwrap();
/// assert_eq!(session.unknown_fields.get("Mood"), Some(&serde_json::json!({"Level": 3})));
/// session.chat_session_id = Some(8);
/// assert_eq!(serde_json::to_string(&session).unwrap(), r#"{"ChatSessionId":8,"Mood":{"Level":3}}"#);
/// ```
#[derive(Clone, Default)]
pub struct UnknownFields(Option<Box<Inner>>);

#[derive(Clone, Default)]
struct Inner {
    members: Dict<Value>,
    /// (JSON member name of an enum field, text as received) for values received in another
    /// casing than the documented one.
    spellings: Vec<(&'static str, Text)>,
}

impl UnknownFields {
    /// None (no allocation).
    pub const fn new() -> Self {
        UnknownFields(None)
    }

    fn members(&self) -> Option<&Dict<Value>> {
        self.0.as_deref().map(|i| &i.members)
    }

    fn inner_mut(&mut self) -> &mut Inner {
        self.0.get_or_insert_with(Default::default)
    }

    /// Number of unknown members.
    pub fn len(&self) -> usize {
        self.members().map_or(0, Dict::len)
    }

    /// Whether there are no unknown members.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of the unknown member `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members().and_then(|m| m.get(name))
    }

    /// The value of the unknown member `name`, mutably.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.0.as_deref_mut().and_then(|i| i.members.get_mut(name))
    }

    /// Sets a member to write with the model (replacing one of that name). Do not use the name
    /// of one of the model's own fields: both would be written.
    pub fn insert(&mut self, name: impl Into<Text>, value: Value) -> Option<Value> {
        self.inner_mut().members.insert(name, value)
    }

    /// Removes the unknown member `name`, so that it is not written back.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.0.as_deref_mut().and_then(|i| i.members.remove(name))
    }

    /// The unknown members in received order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.members().into_iter().flat_map(Dict::iter)
    }

    /// Appends a member as received.
    fn push(&mut self, name: Text, value: Value) {
        self.inner_mut().members.push(name, value);
    }

    /// Remembers that the enum field `field` was received as `received`.
    fn set_spelling(&mut self, field: &'static str, received: &str) {
        let spellings = &mut self.inner_mut().spellings;
        spellings.retain(|(f, _)| *f != field);
        spellings.push((field, Text::from(received)));
    }

    /// The text to write for the enum field `field` holding `value`: as received if it was
    /// received in another casing and still names the same value, else `value`'s own text.
    pub(crate) fn spelling<'a>(&'a self, field: &str, value: &'a str) -> &'a str {
        let received = self
            .0
            .as_deref()
            .and_then(|i| i.spellings.iter().find(|(f, _)| *f == field))
            .map(|(_, text)| text.as_str())
            .filter(|text| text.eq_ignore_ascii_case(value));
        received.unwrap_or(value)
    }

    /// Writes the unknown members into a model's JSON object.
    pub(crate) fn serialize_into<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (name, value) in self.iter() {
            map.serialize_entry(name, value)?;
        }
        Ok(())
    }
}

impl PartialEq for UnknownFields {
    /// Compares the members (in order), not the remembered spellings.
    fn eq(&self, other: &Self) -> bool {
        match (self.members(), other.members()) {
            (Some(a), Some(b)) => a == b,
            (a, b) => a.map_or(0, Dict::len) == 0 && b.map_or(0, Dict::len) == 0,
        }
    }
}

impl Eq for UnknownFields {}

impl std::hash::Hash for UnknownFields {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for (name, value) in self.iter() {
            name.hash(state);
            value.hash(state);
        }
    }
}

impl fmt::Debug for UnknownFields {
    /// Like a map of the members: `{"Mood": Object {...}}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// What the generated models implement for [`ModelVisitor`].
pub(crate) trait Model: Default {
    /// The model's name, for error messages.
    const NAME: &'static str;

    /// Decodes the value of the member `name` into its field. Returns `Ok(false)`, without
    /// reading the value, when no field has that name.
    fn decode_field<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Where the members no field claims go.
    fn unknown_fields_mut(&mut self) -> &mut UnknownFields;
}

/// Deserializes a model from a JSON object; for the generated `Deserialize` impls.
pub(crate) fn deserialize<'de, D: Deserializer<'de>, M: Model>(deserializer: D) -> Result<M, D::Error> {
    deserializer.deserialize_map(ModelVisitor(PhantomData))
}

/// Decodes a JSON object member by member: known members into their fields (no intermediate
/// buffering), others into `unknown_fields`. A repeated member overwrites the earlier value.
pub(crate) struct ModelVisitor<M>(PhantomData<fn() -> M>);

impl<'de, M: Model> Visitor<'de> for ModelVisitor<M> {
    type Value = M;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", M::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<M, A::Error> {
        let mut model = M::default();
        while let Some(Key(name)) = map.next_key::<Key<'de>>()? {
            if !model.decode_field(&name, &mut map)? {
                let value = map.next_value::<Value>()?;
                model.unknown_fields_mut().push(Text::from(name), value);
            }
        }
        Ok(model)
    }
}

/// A JSON member name, borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

/// Decodes the value of an enum field, remembering in `unknown` a value received in another
/// casing than the documented one.
pub(crate) fn next_enum<'de, A: MapAccess<'de>, T: OpenEnum>(
    map: &mut A,
    unknown: &mut UnknownFields,
    field: &'static str,
) -> Result<Option<T>, A::Error> {
    let Spelled(value) = map.next_value::<Spelled<T>>()?;
    Ok(value.map(|(value, received)| {
        if let Some(received) = received {
            unknown.set_spelling(field, &received);
        }
        value
    }))
}

/// An optional enum value and, when it was received in another casing, the received text.
struct Spelled<T>(Option<(T, Option<Text>)>);

impl<'de, T: OpenEnum> Deserialize<'de> for Spelled<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(SpelledVisitor(PhantomData))
    }
}

struct SpelledVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: OpenEnum> Visitor<'de> for SpelledVisitor<T> {
    type Value = Spelled<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum value as a string (or integer), or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Spelled<T>, E> {
        Ok(Spelled(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Spelled<T>, E> {
        Ok(Spelled(None))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Spelled<T>, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Spelled<T>, E> {
        let value = T::from(v);
        let received = (value.as_ref() != v).then(|| Text::from(v));
        Ok(Spelled(Some((value, received))))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Spelled<T>, E> {
        let value: T = crate::open_enum::deserialize(de::value::U64Deserializer::<E>::new(v))?;
        Ok(Spelled(Some((value, None))))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Spelled<T>, E> {
        let value: T = crate::open_enum::deserialize(de::value::I64Deserializer::<E>::new(v))?;
        Ok(Spelled(Some((value, None))))
    }
}
