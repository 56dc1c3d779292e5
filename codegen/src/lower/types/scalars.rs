//! Scalar doc types and how specific a type is.

use crate::ir::TypeRef;

/// Whether `a` is less specific than `b` (so `b` should replace it).
pub(super) fn is_vaguer(a: &TypeRef, b: &TypeRef) -> bool {
    match (a, b) {
        (TypeRef::Json, other) => *other != TypeRef::Json,
        (TypeRef::Array(x), TypeRef::Array(y)) | (TypeRef::Map(x), TypeRef::Map(y)) => is_vaguer(x, y),
        (
            TypeRef::String,
            TypeRef::DateTime | TypeRef::Bytes | TypeRef::Duration | TypeRef::Enum(_) | TypeRef::Flags(_),
        ) => true,
        _ => false,
    }
}

/// `2011-06-06T15:05:41.6710023+02:00` and friends (shape only; the runtime validates).
pub fn looks_like_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    b.len() >= 19
        && (0..4).all(digit)
        && b.get(4) == Some(&b'-')
        && digit(5)
        && digit(6)
        && b.get(7) == Some(&b'-')
        && b.get(10) == Some(&b'T')
        && b.get(13) == Some(&b':')
}

impl From<crate::doc::Scalar> for TypeRef {
    /// The IR's type of a documented scalar.
    fn from(s: crate::doc::Scalar) -> Self {
        use crate::doc::Scalar;
        match s {
            Scalar::I32 => TypeRef::I32,
            Scalar::I64 => TypeRef::I64,
            Scalar::F64 => TypeRef::F64,
            Scalar::Bool => TypeRef::Bool,
            Scalar::String => TypeRef::String,
            Scalar::DateTime => TypeRef::DateTime,
            Scalar::Bytes => TypeRef::Bytes,
            Scalar::Duration => TypeRef::Duration,
            Scalar::Json => TypeRef::Json,
        }
    }
}
