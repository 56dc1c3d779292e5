//! The testing kit's generated half (`mocks/`, compiled with the SDK's `testing` feature): per
//! operation its sample response and a placeholder request (`impl DocumentedOperation`), per
//! resource a mock builder mirroring the resource client (`so.chat_session().get(7)`,
//! `so.agents().chat().get_chat_presence()`), and `all_endpoints()`. The logic lives in the SDK's
//! hand-written `testing` module; what is generated here stays thin.
//!
//! `mocks/mod.rs` has the accessors and the endpoint list; `mocks/<module>.rs` (REST resources) and
//! `mocks/agents/<module>.rs` (agent services) the samples and builders of one resource, each
//! compiled with the resource's cargo feature.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::clients::operation_type_name;
use crate::emit::docs::doc_attrs;
use crate::emit::paths::{self, accessor_call, describe, module_path, module_tokens, resource_gate};
use crate::emit::types::rust_type;
use crate::ir::{Api, Endpoint, RequestBodyKind, Resource, ResourceKind, ResponseKind, TypeRef};

/// `mocks/mod.rs`: the resource mock modules, accessors on `MockSuperOffice` (and `AgentsMocks`),
/// the endpoint and sample tables, `all_endpoints` and `all_samples`.
pub fn mocks(api: &Api) -> TokenStream {
    let rest = paths::rest(api);
    let agents = paths::agents(api);
    let rest_mods = rest.iter().map(|r| {
        let (m, gate) = (format_ident!("{}", r.module), resource_gate(r));
        quote! { #gate pub(super) mod #m; }
    });
    let rest_uses = rest.iter().map(|r| {
        let (m, mocks, gate) = (format_ident!("{}", r.module), format_ident!("{}", r.mocks_type), resource_gate(r));
        quote! { #gate pub use rest::#m::#mocks; }
    });
    let agent_mods = agents.iter().map(|r| {
        let (m, gate) = (format_ident!("{}", r.module), resource_gate(r));
        quote! { #gate pub(super) mod #m; }
    });
    let agent_uses = agents.iter().map(|r| {
        let (m, mocks, gate) = (format_ident!("{}", r.module), format_ident!("{}", r.mocks_type), resource_gate(r));
        quote! { #gate pub use agents::#m::#mocks; }
    });
    let accessor = |r: &Resource| {
        let m = format_ident!("{}", r.module);
        let mocks = format_ident!("{}", r.mocks_type);
        let gate = resource_gate(r);
        let doc = doc_attrs(&format!(
            "Mocks of {}, mirroring [`{}`]({}).",
            describe(r),
            accessor_call(r),
            paths::accessor_link(r)
        ));
        quote! {
            #gate
            #doc
            pub fn #m(&self) -> #mocks<'a> {
                #mocks { so: self.so }
            }
        }
    };
    let rest_accessors = rest.iter().map(|r| {
        let m = format_ident!("{}", r.module);
        let mocks = format_ident!("{}", r.mocks_type);
        let gate = resource_gate(r);
        let doc = doc_attrs(&format!(
            "Mocks of {}, mirroring [`{}`]({}).",
            describe(r),
            accessor_call(r),
            paths::accessor_link(r)
        ));
        quote! {
            #gate
            #doc
            pub fn #m(&self) -> #mocks<'_> {
                #mocks { so: self }
            }
        }
    });
    let agents_items = match paths::agents_gate(api) {
        None => quote!(),
        Some(gate) => {
            let accessors = agents.iter().map(|r| accessor(r));
            quote! {
                mod agents {
                    #(#agent_mods)*
                }
                #(#agent_uses)*

                #gate
                /// Mocks of the agent services, mirroring [`client.agents()`](crate::Client::agents).
                /// Get it with [`MockSuperOffice::agents`](crate::testing::MockSuperOffice::agents).
                #[derive(Debug, Clone, Copy)]
                pub struct AgentsMocks<'a> {
                    so: &'a crate::testing::MockSuperOffice<'a>,
                }

                #gate
                impl<'a> AgentsMocks<'a> {
                    #(#accessors)*
                }

                #gate
                impl crate::testing::MockSuperOffice<'_> {
                    /// Mocks of the agent services (`so.agents().chat()`), mirroring
                    /// [`client.agents()`](crate::Client::agents).
                    pub fn agents(&self) -> AgentsMocks<'_> {
                        AgentsMocks { so: self }
                    }
                }
            }
        }
    };
    let tables = api.resources.values().map(|r| {
        let gate = resource_gate(r);
        let (table, samples) = (format_ident!("{}", r.endpoint_table), format_ident!("{}", r.sample_table));
        let ops: Vec<TokenStream> = r.endpoints.iter().map(|e| op_path(r, e)).collect();
        quote! {
            #gate
            const #table: &[crate::testing::DocumentedEndpoint] =
                &[#(crate::testing::DocumentedEndpoint::of::<#ops>()),*];
            #gate
            const #samples: &[crate::testing::EndpointSample] =
                &[#(crate::testing::EndpointSample::of::<#ops>()),*];
        }
    });
    let extend = |table: fn(&Resource) -> &str| {
        let extends = api.resources.values().map(move |r| {
            let gate = resource_gate(r);
            let table = format_ident!("{}", table(r));
            quote! {
                #gate
                all.extend_from_slice(#table);
            }
        });
        quote! {
            #[allow(unused_mut)]
            let mut all = Vec::new();
            #(#extends)*
            all
        }
    };
    let all_endpoints = extend(|r| &r.endpoint_table);
    let all_samples = extend(|r| &r.sample_table);
    let count = api.resources.values().map(|r| r.endpoints.len()).sum::<usize>();
    let all_doc = doc_attrs(&format!(
        "Every endpoint of the enabled cargo features ({count} with all of them), by resource and client \
         method name: for tests that must cover them all, such as \
         [`DocumentedEndpoint::check`](crate::testing::DocumentedEndpoint::check) on each."
    ));
    quote! {
        //! Generated half of the testing kit: samples, mock builders, the endpoint list.

        mod rest {
            #(#rest_mods)*
        }
        #(#rest_uses)*

        #agents_items

        impl crate::testing::MockSuperOffice<'_> {
            #(#rest_accessors)*
        }

        #(#tables)*

        #all_doc
        ///
        /// Each entry decodes its endpoint's output type, so calling this compiles a decoder for
        /// every output type of the enabled features. `#[inline]`: that code is compiled in the
        /// crate that calls this function, not in every build of the SDK with `testing`.
        #[inline]
        pub fn all_endpoints() -> Vec<crate::testing::DocumentedEndpoint> {
            #all_endpoints
        }

        /// Every endpoint's static facts and sample, without its typed functions: what
        /// [`MockSuperOffice::mount_all_samples`](crate::testing::MockSuperOffice::mount_all_samples) mounts.
        pub(crate) fn all_samples() -> Vec<crate::testing::EndpointSample> {
            #all_samples
        }
    }
}

/// `mocks/<module>.rs` or `mocks/agents/<module>.rs`: the samples and mock builder of one resource.
pub fn resource_file(r: &Resource) -> TokenStream {
    let documented = r.endpoints.iter().map(|e| documented(r, e));
    let builder = resource_mocks(r);
    quote! {
        #(#documented)*
        #builder
    }
}

/// `crate::chat_session::Get`, `crate::agents::chat::GetChatPresence`.
fn op_path(r: &Resource, e: &Endpoint) -> TokenStream {
    let module = module_tokens(r);
    let op = format_ident!("{}", operation_type_name(e));
    quote!(#module::#op)
}

/// The first documented success status, else 200.
fn success_status(e: &Endpoint) -> u16 {
    e.statuses.iter().map(|s| s.status).find(|s| (200..300).contains(s)).unwrap_or(200)
}

/// The sample: file content for binary responses; otherwise the sample response as documented or
/// built from the schema (its status may be a documented error when the endpoint documents no
/// success), or for an endpoint without one its first documented success status and no body.
fn sample(e: &Endpoint) -> TokenStream {
    let (status, body, binary) = match (&e.response, &e.sample_response) {
        (ResponseKind::Binary, _) => (success_status(e), None, true),
        (_, Some(s)) => (s.status, Some(s.body.to_string()), false),
        (_, None) => (success_status(e), None, false),
    };
    let status = Literal::u16_unsuffixed(status);
    let body = match body {
        Some(json) => {
            let json = raw_str(&json);
            quote!(Some(#json))
        }
        None => quote!(None),
    };
    quote!(crate::testing::Sample { status: #status, body: #body, binary: #binary })
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
        TypeRef::Enum(_) => {
            let t = rust_type(ty);
            quote!(#t::from("sample"))
        }
        _ => quote!(Default::default()),
    }
}

/// `client.chat_session()` / `client.agents().chat()`.
fn client_accessor(r: &Resource) -> TokenStream {
    let m = format_ident!("{}", r.module);
    match r.kind {
        ResourceKind::Rest => quote!(client.#m()),
        ResourceKind::Agent => quote!(client.agents().#m()),
    }
}

/// `impl DocumentedOperation` for one endpoint.
fn documented(r: &Resource, e: &Endpoint) -> TokenStream {
    let op = op_path(r, e);
    let sample = sample(e);
    let accessor = client_accessor(r);
    let method = format_ident!("{}", e.method_name);
    let mut args: Vec<TokenStream> = e.path_params.iter().map(|p| placeholder(&p.ty)).collect();
    args.extend(crate::emit::clients::required_query(e).map(|q| placeholder(&q.ty)));
    if let Some(body) = &e.request_body {
        args.push(match &body.kind {
            RequestBodyKind::Patch => quote!(crate::patch::Patch::json_patch([])),
            RequestBodyKind::Json(t) => placeholder(t),
            RequestBodyKind::Binary => quote!(bytes::Bytes::from_static(crate::testing::SAMPLE_FILE_CONTENT)),
        });
    }
    // `#[inline]`: the placeholder request is compiled where a test sends it (through
    // `all_endpoints`), not for every operation in the library.
    quote! {
        impl crate::testing::DocumentedOperation for #op {
            const SAMPLE: crate::testing::Sample = #sample;

            #[inline]
            fn example(client: &crate::Client) -> Self {
                #accessor.#method(#(#args),*)
            }
        }
    }
}

/// The mock builder of one resource.
fn resource_mocks(r: &Resource) -> TokenStream {
    let mocks = format_ident!("{}", r.mocks_type);
    let doc = doc_attrs(&format!(
        "Mock builders for {}, one per method of [`{client}`](crate::{path}::{client}). Get it with \
         `so.{get}`.",
        describe(r),
        client = r.client,
        path = module_path(r),
        get = accessor_call(r).trim_start_matches("client."),
    ));
    let methods = r.endpoints.iter().map(|e| mock_method(r, e));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #mocks<'a> {
            pub(crate) so: &'a crate::testing::MockSuperOffice<'a>,
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
    let mut doc = format!(
        "Mocks [`{client}::{method}`](crate::{path}::{client}::{method}): `{} {}`.",
        e.http_method.as_str(),
        e.path,
        client = r.client,
        method = e.method_name,
        path = module_path(r),
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
    // `#[inline]`: a mock builder is compiled where a test uses it, not for every operation in
    // the library.
    quote! {
        #doc
        #[inline]
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
