//! Open enums: known values plus `Unrecognized`, which keeps any other string.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, vendor};
use crate::ir::EnumDef;

/// The enum and its conversions.
pub fn open_enum(def: &EnumDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    // Lowering names one variant per value; a hand-made enum without them has only `Unrecognized`.
    let (values, variants): (Vec<&String>, Vec<_>) =
        def.values.iter().zip(&def.variants).map(|(v, n)| (v, format_ident!("{}", n))).unzip();
    let values = &values;
    let indexes: Vec<_> = (0..values.len()).map(proc_macro2::Literal::usize_unsuffixed).collect();
    let doc_text = if def.doc.is_empty() {
        format!("Values of `{}` as the server writes them.", def.name)
    } else {
        vendor(&def.doc)
    };
    let doc = doc_attrs(&doc_text);
    let variant_docs = values.iter().map(|v| format!(" `{v}`"));
    // With no known value the lookups are single-arm matches; they stay matches for uniformity.
    let no_values_allow = if values.is_empty() { quote!(#[allow(clippy::match_single_binding)]) } else { quote!() };
    quote! {
        #doc
        ///
        /// Open: a value this version does not know decodes to `Unrecognized` and is written back
        /// unchanged. Known values are recognised in any ASCII casing, as the server does.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            /// A value this version of the SDK does not know, kept as sent.
            Unrecognized(crate::UnknownValue),
        }

        impl #name {
            /// The values this version knows.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as the server writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unrecognized(v) => v.as_str(),
                }
            }
        }

        #no_values_allow
        impl crate::OpenEnum for #name {
            const VALUES: &'static [&'static str] = #name::VALUES;

            fn index(&self) -> Option<usize> {
                match self {
                    #(Self::#variants => Some(#indexes),)*
                    Self::Unrecognized(_) => None,
                }
            }

            fn from_index(index: usize) -> Option<Self> {
                match index {
                    #(#indexes => Some(Self::#variants),)*
                    _ => None,
                }
            }

            fn lookup(text: &str) -> Option<usize> {
                match text {
                    #(#values => Some(#indexes),)*
                    other => crate::open_enum::lookup_ignore_case(Self::VALUES, other),
                }
            }
        }

        impl From<&str> for #name {
            /// The known value `s` names (ignoring ASCII case), else `Unrecognized`.
            fn from(s: &str) -> Self {
                // A `match`, not a closure: one function less per enum.
                match crate::open_enum::known(s) {
                    Some(known) => known,
                    None => Self::Unrecognized(crate::UnknownValue::new(s)),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::open_enum::deserialize(deserializer)
            }
        }
    }
}
