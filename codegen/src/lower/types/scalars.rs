//! Scalar doc types and how specific a type is.

use crate::ir::TypeRef;

/// Scalar doc type names (the REST tables use `int32`/`string`, request tables `Integer`/`String`).
pub fn scalar_type(ty: &str) -> Option<TypeRef> {
    Some(match ty.trim().to_ascii_lowercase().as_str() {
        "int32" | "integer" | "int" | "int16" | "short" | "byte" => TypeRef::I32,
        "int64" | "long" => TypeRef::I64,
        "string" | "guid" | "uri" => TypeRef::String,
        "bool" | "boolean" => TypeRef::Bool,
        "date-time" | "datetime" | "date" => TypeRef::DateTime,
        "double" | "decimal" | "float" | "number" | "single" => TypeRef::F64,
        _ => return None,
    })
}

pub(super) fn is_int(ty: &str) -> bool {
    matches!(scalar_type(ty), Some(TypeRef::I32 | TypeRef::I64))
}

/// Whether `a` is less specific than `b` (so `b` should replace it).
pub(super) fn is_vaguer(a: &TypeRef, b: &TypeRef) -> bool {
    match (a, b) {
        (TypeRef::Json, other) => *other != TypeRef::Json,
        (TypeRef::Array(x), TypeRef::Array(y)) | (TypeRef::Map(x), TypeRef::Map(y)) => is_vaguer(x, y),
        (TypeRef::String, TypeRef::DateTime | TypeRef::Enum(_) | TypeRef::Flags(_)) => true,
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
