//! One struct per model.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, vendor};
use crate::emit::types::{is_eq, rust_type};
use crate::ir::{Api, Model, TypeRef};

/// The struct (and its aliases) for one model.
pub fn model(m: &Model, api: &Api) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let doc = doc_attrs(&if m.doc.is_empty() { format!("The `{}` carrier.", m.name) } else { vendor(&m.doc) });
    let fields = m.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        let json = &f.json_name;
        let inner = rust_type(&f.ty);
        // A model that contains itself needs indirection.
        let ty =
            if f.ty == TypeRef::Model(m.name.clone()) { quote!(Option<Box<#inner>>) } else { quote!(Option<#inner>) };
        let doc = doc_attrs(&if f.doc.is_empty() { format!("`{}`", f.json_name) } else { vendor(&f.doc) });
        quote! {
            #doc
            #[serde(rename = #json, skip_serializing_if = "Option::is_none")]
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
    quote! {
        #doc
        ///
        /// Every field is optional: servers send `null`, leave fields out, and add new ones (ignored).
        #[derive(Debug, Clone, PartialEq #eq, Default, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #(#aliases)*
    }
}
