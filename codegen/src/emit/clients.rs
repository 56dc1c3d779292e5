//! One module per resource: the resource client, and per endpoint an `Operation` type with its
//! query-parameter setters on `Request<Op>`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, paragraphs, vendor};
use crate::emit::paths::{accessor_call, accessor_link, describe};
use crate::emit::query::{odata_list_impl, query_setter, set_of, QuerySet, SET_FIELD};
use crate::emit::types::rust_type;
use crate::ir::{Endpoint, HttpMethod, PathSegment, RequestBodyKind, Resource, ResponseKind, TypeRef};
use crate::naming::field_ident;

/// The operation type name for an endpoint (named by lowering: [`Endpoint::op_type`]).
pub fn operation_type_name(e: &Endpoint) -> String {
    e.op_type.clone()
}

/// The module for one resource (REST resource or agent service).
pub fn resource(r: &Resource, sets: &[QuerySet]) -> TokenStream {
    let client = format_ident!("{}", r.client);
    let client_doc = doc_attrs(&format!(
        "A client for {}. Get one with [`{}`]({}).",
        describe(r),
        accessor_call(r),
        accessor_link(r)
    ));
    let methods = r.endpoints.iter().map(|e| client_method(e, sets));
    let ops = r.endpoints.iter().map(|e| operation(r, e, sets));
    quote! {
        #client_doc
        #[derive(Debug, Clone)]
        pub struct #client {
            // Built by the accessor with a struct literal: the only methods are the endpoints', so
            // no method name can clash with a constructor.
            pub(crate) client: crate::Client,
        }

        impl #client {
            #(#methods)*
        }

        #(#ops)*
    }
}

/// `GET /api/v1/ChatSession/{id}` plus the documented statuses, for rustdoc.
fn endpoint_doc(e: &Endpoint) -> String {
    let mut statuses = String::new();
    for s in &e.statuses {
        statuses.push_str(&format!("- {}: {}\n", s.status, vendor(&s.description)));
    }
    let statuses = if statuses.is_empty() { String::new() } else { format!("Documented responses:\n{statuses}") };
    paragraphs([
        vendor(&e.summary).as_str(),
        vendor(&e.description).as_str(),
        &format!("`{} {}` (operation `{}`).", e.http_method.as_str(), e.path, e.operation_id),
        &statuses,
    ])
}

/// A client-method argument: path parameters, then the request body.
pub(crate) struct Arg {
    /// The argument's (and the operation field's) name.
    pub(crate) ident: proc_macro2::Ident,
    /// The type the client method takes.
    param_ty: TokenStream,
    /// The type stored in the operation.
    pub(crate) field_ty: TokenStream,
    /// Argument -> stored value.
    convert: TokenStream,
}

/// The call's arguments: path parameters in path order, then the request body.
pub(crate) fn args(e: &Endpoint) -> Vec<Arg> {
    let mut out: Vec<Arg> = e
        .path_params
        .iter()
        .map(|p| {
            let ident = format_ident!("{}", p.rust_name);
            let (param_ty, field_ty, convert) = arg_type(&p.ty, &ident);
            Arg { ident, param_ty, field_ty, convert }
        })
        .collect();
    if let Some(body) = &e.request_body {
        let ident = format_ident!("{}", body_ident(e, &body.name));
        let (param_ty, field_ty, convert) = match &body.kind {
            RequestBodyKind::Patch => (quote!(crate::patch::Patch), quote!(crate::patch::Patch), quote!(#ident)),
            RequestBodyKind::Json(t) => arg_type(t, &ident),
            RequestBodyKind::Binary => (quote!(impl Into<bytes::Bytes>), quote!(bytes::Bytes), quote!(#ident.into())),
        };
        out.push(Arg { ident, param_ty, field_ty, convert });
    }
    out
}

/// The body's argument name: its documented name, unless a path parameter (or the query options'
/// field) already has it; then with `_body` appended.
fn body_ident(e: &Endpoint, name: &str) -> String {
    let mut ident = field_ident(name);
    while ident == SET_FIELD || e.path_params.iter().any(|p| p.rust_name == ident) {
        ident.push_str("_body");
    }
    ident
}

fn arg_type(ty: &TypeRef, ident: &proc_macro2::Ident) -> (TokenStream, TokenStream, TokenStream) {
    match ty {
        TypeRef::String => (quote!(impl Into<String>), quote!(String), quote!(#ident.into())),
        other => (rust_type(other), rust_type(other), quote!(#ident)),
    }
}

fn client_method(e: &Endpoint, sets: &[QuerySet]) -> TokenStream {
    let name = format_ident!("{}", e.method_name);
    let op = format_ident!("{}", operation_type_name(e));
    let doc = doc_attrs(&endpoint_doc(e));
    let args = args(e);
    let params = args.iter().map(|a| {
        let (i, t) = (&a.ident, &a.param_ty);
        quote!(#i: #t)
    });
    let inits = args.iter().map(|a| {
        let (i, c) = (&a.ident, &a.convert);
        if *i == c.to_string() {
            quote!(#i)
        } else {
            quote!(#i: #c)
        }
    });
    let queries = if set_of(sets, e).is_some() {
        let field = format_ident!("{}", SET_FIELD);
        quote!(#field: Default::default(),)
    } else {
        let names = e.query_params.iter().map(|q| format_ident!("{}", q.rust_name));
        quote!(#(#names: None,)*)
    };
    quote! {
        #doc
        pub fn #name(&self, #(#params),*) -> crate::Request<#op> {
            self.client.request(#op { #(#inits,)* #queries })
        }
    }
}

fn operation(r: &Resource, e: &Endpoint, sets: &[QuerySet]) -> TokenStream {
    let shared = set_of(sets, e);
    let op = format_ident!("{}", operation_type_name(e));
    let method_name = &e.method_name;
    let op_doc =
        doc_attrs(&format!("Parameters of [`{}::{method_name}`]: `{} {}`.", r.client, e.http_method.as_str(), e.path));
    let args = args(e);
    let arg_fields = args.iter().map(|a| {
        let (i, t) = (&a.ident, &a.field_ty);
        quote!(#i: #t)
    });
    let query_fields = match shared {
        Some(set) => {
            let t = format_ident!("{}", set.name);
            let field = format_ident!("{}", SET_FIELD);
            quote!(#field: crate::query::#t,)
        }
        None => {
            let fields = e.query_params.iter().map(|q| {
                let i = format_ident!("{}", q.rust_name);
                let t = rust_type(&q.ty);
                quote!(#i: Option<#t>)
            });
            quote!(#(#fields,)*)
        }
    };
    let (output, decode) = match &e.response {
        ResponseKind::Empty => (quote!(()), quote!(crate::operation::decode_empty(Self::OPERATION_ID, body))),
        ResponseKind::Json(t) => (rust_type(t), quote!(crate::operation::decode_json(Self::OPERATION_ID, body))),
        ResponseKind::Binary => {
            (quote!(bytes::Bytes), quote!(crate::operation::decode_binary(Self::OPERATION_ID, body)))
        }
    };
    // File content is handed out as the transport read it, never copied or decoded as JSON.
    let decode_body = match &e.response {
        ResponseKind::Binary => quote! {
            fn decode_body(body: bytes::Bytes) -> Result<Self::Output, crate::DecodeError> {
                Ok(body)
            }
        },
        _ => quote!(),
    };
    let op_id = &e.operation_id;
    let template = &e.path;
    let method = match e.http_method {
        HttpMethod::Get => quote!(http::Method::GET),
        HttpMethod::Post => quote!(http::Method::POST),
        HttpMethod::Put => quote!(http::Method::PUT),
        HttpMethod::Patch => quote!(http::Method::PATCH),
        HttpMethod::Delete => quote!(http::Method::DELETE),
    };
    let segments = e.segments.iter().map(|s| match s {
        PathSegment::Literal(l) => quote!(.literal(#l)),
        PathSegment::Param(p) => {
            let name = e
                .path_params
                .iter()
                .find(|q| q.wire_name == *p)
                .map_or_else(|| field_ident(p), |q| q.rust_name.clone());
            let i = format_ident!("{}", name);
            quote!(.param(&self.#i))
        }
    });
    let query_fn = if e.query_params.is_empty() {
        quote!()
    } else if shared.is_some() {
        quote! {
            fn query(&self, query: &mut crate::operation::QueryBuilder) {
                self.query_options.write(query);
            }
        }
    } else {
        let pairs = e.query_params.iter().map(super::query::write_param);
        quote! {
            fn query(&self, query: &mut crate::operation::QueryBuilder) {
                #(#pairs)*
            }
        }
    };
    let body_fn = match &e.request_body {
        None => quote!(),
        Some(b) => {
            let i = format_ident!("{}", body_ident(e, &b.name));
            let make = match b.kind {
                RequestBodyKind::Patch => quote!(self.#i.to_body().map(Some)),
                RequestBodyKind::Json(_) => quote!(crate::operation::Body::json(&self.#i).map(Some)),
                // `Bytes::clone` shares the buffer: the content is never copied.
                RequestBodyKind::Binary => quote!(Ok(Some(crate::operation::Body::binary(self.#i.clone())))),
            };
            quote! {
                fn body(&self) -> Result<Option<crate::operation::Body>, crate::Error> {
                    #make
                }
            }
        }
    };
    let setters = request_setters(e, &op, shared);
    quote! {
        #op_doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #op {
            #(#arg_fields,)*
            #query_fields
        }

        impl crate::operation::Operation for #op {
            type Output = #output;
            const OPERATION_ID: &'static str = #op_id;
            const METHOD: http::Method = #method;
            const PATH_TEMPLATE: &'static str = #template;

            fn path(&self, path: &mut crate::operation::PathBuilder) {
                path #(#segments)*;
            }

            #query_fn
            #body_fn

            fn decode(body: &[u8]) -> Result<Self::Output, crate::DecodeError> {
                #decode
            }

            #decode_body
        }

        #setters
    }
}

fn request_setters(e: &Endpoint, op: &proc_macro2::Ident, shared: Option<&QuerySet>) -> TokenStream {
    let shared_impl = shared.map(|set| {
        let (t, tr) = (format_ident!("{}", set.name), format_ident!("{}", set.trait_name()));
        let field = format_ident!("{}", SET_FIELD);
        quote! {
            impl crate::query::#tr for #op {
                fn query_options(&mut self) -> &mut crate::query::#t {
                    &mut self.#field
                }
            }
        }
    });
    // Inherent setters on this operation's request only: a blanket impl per set would give two
    // sets with a parameter in common two definitions of its setter.
    let mut setters: Vec<TokenStream> = match shared {
        Some(set) => set.params.iter().map(crate::emit::query::delegating_setter).collect(),
        None => e.query_params.iter().map(|q| query_setter(q, &quote!(self.op))).collect(),
    };
    if e.conditional.if_unmodified_since {
        setters.push(quote! {
            /// `If-Unmodified-Since`: apply the change only if the entity has not changed since
            /// `when`; otherwise the call fails with 412 Precondition Failed
            /// ([`HttpErrorKind::PreconditionFailed`](crate::HttpErrorKind::PreconditionFailed)).
            pub fn if_unmodified_since(self, when: chrono::DateTime<chrono::Utc>) -> Self {
                self.with_if_unmodified_since(when)
            }
        });
    }
    let own = if setters.is_empty() {
        quote!()
    } else {
        quote! {
            impl crate::Request<#op> {
                #(#setters)*
            }
        }
    };
    let paging = odata_list_impl(e, op, shared);
    quote! { #shared_impl #own #paging }
}
