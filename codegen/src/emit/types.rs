//! [`TypeRef`] -> Rust type tokens.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::TypeRef;

/// The Rust type for a value of `ty` (not wrapped in `Option`).
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F64 => quote!(f64),
        TypeRef::Bool => quote!(bool),
        TypeRef::String => quote!(String),
        TypeRef::DateTime => quote!(crate::DateTime),
        TypeRef::Bytes => quote!(crate::Base64),
        TypeRef::Duration => quote!(crate::TimeSpan),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Model(name) | TypeRef::Enum(name) => {
            let n = format_ident!("{}", name);
            quote!(crate::models::#n)
        }
        TypeRef::Flags(name) => {
            let n = format_ident!("{}", name);
            quote!(crate::FlagSet<crate::models::#n>)
        }
        TypeRef::Array(inner) => {
            let t = rust_type(inner);
            quote!(Vec<#t>)
        }
        TypeRef::Map(inner) => {
            let t = rust_type(inner);
            quote!(std::collections::BTreeMap<String, #t>)
        }
    }
}

/// The Rust type of a model field holding `ty` (not wrapped in `Option`): like [`rust_type`],
/// but texts are `crate::Text` (short ones inline) and dictionaries `crate::Dict` (a small ordered
/// map). Request parameters keep [`rust_type`]'s `String`s.
pub fn field_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(crate::Text),
        TypeRef::Array(inner) => {
            let t = field_type(inner);
            quote!(Vec<#t>)
        }
        TypeRef::Map(inner) => {
            let t = field_type(inner);
            quote!(crate::Dict<#t>)
        }
        other => rust_type(other),
    }
}

/// Whether values of `ty` are `Eq` (no floats or arbitrary JSON inside).
pub fn is_eq(ty: &TypeRef, api: &crate::ir::Api, seen: &mut Vec<String>) -> bool {
    match ty {
        TypeRef::F64 | TypeRef::Json => false,
        TypeRef::Array(inner) | TypeRef::Map(inner) => is_eq(inner, api, seen),
        TypeRef::Model(name) => {
            if seen.contains(name) {
                return true;
            }
            seen.push(name.clone());
            api.models.get(name).is_none_or(|m| m.fields.iter().all(|f| is_eq(&f.ty, api, seen)))
        }
        _ => true,
    }
}
