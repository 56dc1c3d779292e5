//! The testing kit's generated half (`mocks.rs`, compiled with the SDK's `testing` feature): per
//! operation its documented sample response and a placeholder request
//! (`impl DocumentedOperation`), per resource a mock builder mirroring the resource client
//! (`so.chat_session().get(7)`), and `all_endpoints()`. The logic lives in the SDK's hand-written
//! `testing` module; what is generated here stays thin.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::clients::operation_type_name;
use crate::emit::docs::doc_attrs;
use crate::emit::types::rust_type;
use crate::ir::{Api, Endpoint, RequestBodyKind, Resource, TypeRef};
use crate::naming::snake_case;

/// The module: sample impls, mock builders, accessors on `MockSuperOffice`, and `all_endpoints`.
pub fn mocks(api: &Api) -> TokenStream {
    let documented = api.resources.values().flat_map(|r| r.endpoints.iter().map(move |e| documented(r, e)));
    let builders = api.resources.values().map(resource_mocks);
    let accessors = api.resources.values().map(|r| {
        let m = format_ident!("{}", snake_case(&r.name));
        let mocks = mocks_ident(r);
        let doc = doc_attrs(&format!(
            "Mocks of the endpoints under `/api/v1/{}`, mirroring [`Client::{m}`](crate::Client::{m}).",
            r.name
        ));
        quote! {
            #doc
            pub fn #m(&self) -> #mocks<'_> {
                #mocks { so: self }
            }
        }
    });
    let entries = api.resources.values().flat_map(|r| {
        r.endpoints.iter().map(move |e| {
            let op = op_path(r, e);
            quote!(crate::testing::DocumentedEndpoint::of::<#op>())
        })
    });
    let count = api.resources.values().map(|r| r.endpoints.len()).sum::<usize>();
    let all_doc = doc_attrs(&format!(
        "Every documented endpoint ({count}), by resource and client method name: for tests that must cover \
         them all, such as [`DocumentedEndpoint::check`](crate::testing::DocumentedEndpoint::check) on each."
    ));
    quote! {
        //! Generated half of the testing kit: documented samples, mock builders, the endpoint list.

        #(#documented)*

        #(#builders)*

        impl crate::testing::MockSuperOffice<'_> {
            #(#accessors)*
        }

        #all_doc
        pub fn all_endpoints() -> Vec<crate::testing::DocumentedEndpoint> {
            vec![#(#entries),*]
        }
    }
}

fn mocks_ident(r: &Resource) -> proc_macro2::Ident {
    format_ident!("{}Mocks", r.name)
}

/// `crate::chat_session::Get`.
fn op_path(r: &Resource, e: &Endpoint) -> TokenStream {
    let module = format_ident!("{}", snake_case(&r.name));
    let op = format_ident!("{}", operation_type_name(e));
    quote!(crate::#module::#op)
}

/// The sample as documented, or for a page without one the first documented success status.
fn sample(e: &Endpoint) -> TokenStream {
    let (status, body) = match &e.sample_response {
        Some(s) => (s.status, Some(s.body.to_string())),
        None => (e.statuses.iter().map(|s| s.status).find(|s| (200..300).contains(s)).unwrap_or(200), None),
    };
    let status = Literal::u16_unsuffixed(status);
    let body = match body {
        Some(json) => {
            let json = raw_str(&json);
            quote!(Some(#json))
        }
        None => quote!(None),
    };
    quote!(crate::testing::Sample { status: #status, body: #body })
}

/// A raw string literal (`r#"..."#`, with as many `#` as needed), so the JSON reads as documented.
fn raw_str(text: &str) -> Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}").parse().unwrap_or_else(|_| Literal::string(text))
}

/// A placeholder argument value the client method accepts.
fn placeholder(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::I32 | TypeRef::I64 => {
            let one = Literal::i32_unsuffixed(1);
            quote!(#one)
        }
        TypeRef::F64 => quote!(1.0),
        TypeRef::Bool => quote!(true),
        TypeRef::String => quote!("sample"),
        _ => quote!(Default::default()),
    }
}

/// `impl DocumentedOperation` for one endpoint.
fn documented(r: &Resource, e: &Endpoint) -> TokenStream {
    let op = op_path(r, e);
    let sample = sample(e);
    let accessor = format_ident!("{}", snake_case(&r.name));
    let method = format_ident!("{}", e.method_name);
    let mut args: Vec<TokenStream> = e.path_params.iter().map(|p| placeholder(&p.ty)).collect();
    if let Some(body) = &e.request_body {
        args.push(match &body.kind {
            RequestBodyKind::Patch => quote!(crate::patch::Patch::json_patch([])),
            RequestBodyKind::Json(t) => placeholder(t),
            RequestBodyKind::Binary => quote!(bytes::Bytes::new()),
        });
    }
    quote! {
        impl crate::testing::DocumentedOperation for #op {
            const SAMPLE: crate::testing::Sample = #sample;

            fn example(client: &crate::Client) -> crate::Request<Self> {
                client.#accessor().#method(#(#args),*)
            }
        }
    }
}

/// The mock builder of one resource.
fn resource_mocks(r: &Resource) -> TokenStream {
    let mocks = mocks_ident(r);
    let accessor = snake_case(&r.name);
    let doc = doc_attrs(&format!(
        "Mock builders for the endpoints under `/api/v1/{name}`, one per method of \
         [`{name}Client`](crate::{accessor}::{name}Client). Get it with \
         [`MockSuperOffice::{accessor}`](crate::testing::MockSuperOffice::{accessor}).",
        name = r.name
    ));
    let methods = r.endpoints.iter().map(|e| mock_method(r, e));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #mocks<'a> {
            so: &'a crate::testing::MockSuperOffice<'a>,
        }

        impl<'a> #mocks<'a> {
            #(#methods)*
        }
    }
}

/// One mock builder method: the client method's name and path parameters, each a
/// `PathParam` (a value, or `any()`).
fn mock_method(r: &Resource, e: &Endpoint) -> TokenStream {
    let op = op_path(r, e);
    let name = format_ident!("{}", e.method_name);
    let accessor = snake_case(&r.name);
    let mut doc = format!(
        "Mocks [`{}Client::{}`](crate::{accessor}::{}Client::{}): `{} {}`.",
        r.name,
        e.method_name,
        r.name,
        e.method_name,
        e.http_method.as_str(),
        e.path
    );
    if !e.path_params.is_empty() {
        doc.push_str(
            "\n\nEach path parameter matches the given value, or any value with \
             [`any()`](crate::testing::any).",
        );
    }
    let doc = doc_attrs(&doc);
    let params = e.path_params.iter().map(|p| {
        let i = format_ident!("{}", p.rust_name);
        let t = rust_type(&p.ty);
        quote!(#i: impl Into<crate::testing::PathParam<#t>>)
    });
    let narrows = e.path_params.iter().map(|p| {
        let i = format_ident!("{}", p.rust_name);
        let wire = &p.wire_name;
        quote!(.path_param(#wire, #i))
    });
    quote! {
        #doc
        pub fn #name(&self, #(#params),*) -> crate::testing::MockEndpoint<'a, #op> {
            self.so.endpoint::<#op>() #(#narrows)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_take_as_many_hashes_as_the_text_needs() {
        assert_eq!(raw_str(r#"{"a":1}"#).to_string(), r###"r#"{"a":1}"#"###);
        assert_eq!(raw_str(r##"["x"#y"]"##).to_string(), r####"r##"["x"#y"]"##"####);
    }
}
