//! One struct per model, with generated `Deserialize`/`Serialize` impls that keep unknown members.
//!
//! The impls are generated rather than derived: `#[serde(flatten)]` into a map would keep the
//! unknown members too, but makes serde buffer every member of every object before matching it
//! (see BENCHMARKS.md). The generated `decode_field` is one `match` from JSON member names to
//! fields; the runtime's `model::ModelVisitor` runs it for each member and keeps the rest.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, vendor};
use crate::emit::types::{field_type, is_eq};
use crate::ir::{Api, Model, TypeRef};

/// The struct (and its aliases) for one model.
pub fn model(m: &Model, api: &Api) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let doc = doc_attrs(&if m.doc.is_empty() { format!("The `{}` carrier.", m.name) } else { vendor(&m.doc) });
    let unknown = format_ident!("{}", m.unknown_fields);
    let fields = m.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        let inner = field_type(&f.ty);
        // Nested models are boxed: a model that contains itself needs indirection, and inline
        // carriers would make every entity as large as all of its carriers (5 KB for a
        // ChatSessionEntity) even when the server sends them as `null`.
        let ty = if matches!(f.ty, TypeRef::Model(_)) { quote!(Option<Box<#inner>>) } else { quote!(Option<#inner>) };
        let doc = doc_attrs(&if f.doc.is_empty() { format!("`{}`", f.json_name) } else { vendor(&f.doc) });
        quote! {
            #doc
            pub #ident: #ty,
        }
    });
    let eq =
        if m.fields.iter().all(|f| is_eq(&f.ty, api, &mut vec![m.name.clone()])) { quote!(, Eq) } else { quote!() };
    let aliases = m.aliases.iter().map(|a| {
        let alias = format_ident!("{}", a);
        let doc = doc_attrs(&format!("The name the documentation uses for [`{}`] when it carries `_Links`.", m.name));
        quote! { #doc pub type #alias = #name; }
    });
    let (decode, serialize) = (decode_impl(m, &unknown), serialize_impl(m, &unknown));
    // A model with a credential member gets a `Debug` that hides it; the others derive it.
    let (derive_debug, debug_impl, secret_doc) = if m.fields.iter().any(|f| f.secret) {
        let names: Vec<String> = m.fields.iter().filter(|f| f.secret).map(|f| format!("`{}`", f.rust_name)).collect();
        let note = format!(
            " `Debug` shows {} as `<redacted>` (a credential); the value is still sent and received.",
            names.join(", ")
        );
        (quote!(), debug_impl(m, &unknown), quote!(#[doc = ""] #[doc = #note]))
    } else {
        (quote!(Debug,), quote!(), quote!())
    };
    quote! {
        #doc
        ///
        /// Every field is optional: servers send `null` or leave fields out. Members this version
        /// does not know are kept in `unknown_fields` and written back unchanged.
        #secret_doc
        #[derive(#derive_debug Clone, PartialEq #eq, Default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Members of the JSON object this version does not know, written back unchanged.
            pub #unknown: crate::UnknownFields,
        }
        #(#aliases)*
        #debug_impl
        #decode
        #serialize
    }
}

/// `Debug` for a model with credential members: every field as a derived `Debug` would show it,
/// except the credentials, shown as `Some("<redacted>")` when set.
fn debug_impl(m: &Model, unknown: &proc_macro2::Ident) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let model_name = &m.name;
    let fields = m.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        let label = &f.rust_name;
        if f.secret {
            quote! { .field(#label, &self.#ident.as_ref().map(|_| "<redacted>")) }
        } else {
            quote! { .field(#label, &self.#ident) }
        }
    });
    let unknown_label = unknown.to_string();
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#model_name)
                    #(#fields)*
                    .field(#unknown_label, &self.#unknown)
                    .finish()
            }
        }
    }
}

/// `Model` (member name -> field) and `Deserialize` through the runtime's visitor.
fn decode_impl(m: &Model, unknown: &proc_macro2::Ident) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let model_name = &m.name;
    let arms: Vec<_> = m
        .fields
        .iter()
        .map(|f| {
            let ident = format_ident!("{}", f.rust_name);
            let json = &f.json_name;
            if matches!(f.ty, TypeRef::Enum(_)) {
                // Keeps a value received in another casing, to write it back as received.
                quote! { #json => self.#ident = crate::model::next_enum(map, &mut self.#unknown, #json)?, }
            } else {
                quote! { #json => self.#ident = map.next_value()?, }
            }
        })
        .collect();
    let body = if arms.is_empty() {
        quote! {
            let _ = (name, map);
            Ok(false)
        }
    } else {
        quote! {
            match name {
                #(#arms)*
                _ => return Ok(false),
            }
            Ok(true)
        }
    };
    quote! {
        impl crate::model::Model for #name {
            const NAME: &'static str = #model_name;

            fn decode_field<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                name: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                #body
            }

            fn unknown_fields_mut(&mut self) -> &mut crate::UnknownFields {
                &mut self.#unknown
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::model::deserialize(deserializer)
            }
        }
    }
}

/// `Serialize`: the fields that are set, in documented order, then the unknown members.
fn serialize_impl(m: &Model, unknown: &proc_macro2::Ident) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let entries = m.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        let json = &f.json_name;
        if matches!(f.ty, TypeRef::Enum(_)) {
            quote! {
                if let Some(v) = &self.#ident {
                    map.serialize_entry(#json, self.#unknown.spelling(#json, v.as_ref()))?;
                }
            }
        } else {
            quote! {
                if let Some(v) = &self.#ident {
                    map.serialize_entry(#json, v)?;
                }
            }
        }
    });
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                #(#entries)*
                self.#unknown.serialize_into(&mut map)?;
                map.end()
            }
        }
    }
}
