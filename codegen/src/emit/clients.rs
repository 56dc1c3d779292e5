//! One module per resource: the resource client, and per endpoint a request builder type (its
//! required inputs taken by the client method, its optional ones as setters, the common setters
//! and `send`) implementing `Operation`.
//!
//! What is emitted per operation stays thin: the builder struct, its setters, the building of its
//! request parts and the decoding of its output. Sending is the runtime's non-generic core.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, paragraphs, vendor};
use crate::emit::paths::{accessor_call, accessor_link, describe};
use crate::emit::query::{odata_list_impl, query_setter, SET_FIELD};
use crate::emit::types::rust_type;
use crate::ir::{
    Api, Endpoint, HttpMethod, Param, PathSegment, QuerySet, RequestBodyKind, Resource, ResponseKind, TypeRef,
};

/// The operation type name for an endpoint (named by lowering: [`Endpoint::op_type`]).
pub fn operation_type_name(e: &Endpoint) -> String {
    e.op_type.clone()
}

/// The module for one resource (REST resource or agent service).
pub fn resource(r: &Resource, api: &Api) -> TokenStream {
    let client = format_ident!("{}", r.client);
    let client_doc = doc_attrs(&format!(
        "A client for {}. Get one with [`{}`]({}).",
        describe(r),
        accessor_call(r),
        accessor_link(r)
    ));
    let methods =
        r.endpoints.iter().map(|e| client_method(e, api.query_set_of(e), api.hooks.contains_key(&e.operation_id)));
    let ops = r.endpoints.iter().map(|e| operation(r, e, api.query_set_of(e), api.hooks.contains_key(&e.operation_id)));
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

/// The endpoint's summary, description, method and path, and documented statuses, for rustdoc.
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

/// A client-method argument: path parameters, required query parameters, then the request body.
pub(crate) struct Arg {
    /// The argument's (and the builder field's) name.
    pub(crate) ident: proc_macro2::Ident,
    /// The type the client method takes.
    param_ty: TokenStream,
    /// The type stored in the builder.
    pub(crate) field_ty: TokenStream,
    /// Argument -> stored value.
    convert: TokenStream,
    /// For the docs: what the argument is.
    what: String,
}

/// The query parameters the call must have: arguments of the client method.
pub(crate) fn required_query(e: &Endpoint) -> impl Iterator<Item = &Param> {
    e.query_params.iter().filter(|q| q.required)
}

/// The query parameters the call may have: setters of the builder.
pub(crate) fn optional_query(e: &Endpoint) -> impl Iterator<Item = &Param> {
    e.query_params.iter().filter(|q| !q.required)
}

/// The call's arguments, in the documented order: path parameters in path order, then required
/// query parameters, then the request body.
pub(crate) fn args(e: &Endpoint) -> Vec<Arg> {
    let mut out: Vec<Arg> = e
        .path_params
        .iter()
        .map(|p| {
            let ident = format_ident!("{}", p.rust_name);
            let (param_ty, field_ty, convert) = arg_type(&p.ty, &ident);
            Arg { ident, param_ty, field_ty, convert, what: format!("path parameter `{}`", p.wire_name) }
        })
        .collect();
    out.extend(required_query(e).map(|q| {
        let ident = format_ident!("{}", q.rust_name);
        let (param_ty, field_ty, convert) = arg_type(&q.ty, &ident);
        Arg { ident, param_ty, field_ty, convert, what: format!("query parameter `{}`", q.wire_name) }
    }));
    if let Some(body) = &e.request_body {
        let ident = format_ident!("{}", body.rust_name);
        let (param_ty, field_ty, convert) = match &body.kind {
            RequestBodyKind::Patch => (quote!(crate::patch::Patch), quote!(crate::patch::Patch), quote!(#ident)),
            RequestBodyKind::Json(t) => arg_type(t, &ident),
            RequestBodyKind::Binary => (quote!(impl Into<bytes::Bytes>), quote!(bytes::Bytes), quote!(#ident.into())),
        };
        out.push(Arg { ident, param_ty, field_ty, convert, what: "request body".to_string() });
    }
    out
}

fn arg_type(ty: &TypeRef, ident: &proc_macro2::Ident) -> (TokenStream, TokenStream, TokenStream) {
    match ty {
        TypeRef::String => (quote!(impl Into<String>), quote!(String), quote!(#ident.into())),
        other => (rust_type(other), rust_type(other), quote!(#ident)),
    }
}

fn client_method(e: &Endpoint, shared: Option<&QuerySet>, hooked: bool) -> TokenStream {
    let name = format_ident!("{}", e.method_name);
    let op = format_ident!("{}", operation_type_name(e));
    let doc = doc_attrs(&paragraphs([
        endpoint_doc(e).as_str(),
        &format!("Returns the request builder [`{op}`]: its page lists the optional inputs; nothing is sent until `.send().await`."),
    ]));
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
    let queries = if shared.is_some() {
        let field = format_ident!("{}", SET_FIELD);
        quote!(#field: Default::default(),)
    } else {
        let names = optional_query(e).map(|q| format_ident!("{}", q.rust_name));
        quote!(#(#names: None,)*)
    };
    let hooks = if hooked { quote!(hooks: Default::default(),) } else { quote!() };
    quote! {
        #doc
        #[inline]
        pub fn #name(&self, #(#params),*) -> #op {
            #op { core: self.client.core(), #(#inits,)* #queries #hooks }
        }
    }
}

fn operation(r: &Resource, e: &Endpoint, shared: Option<&QuerySet>, hooked: bool) -> TokenStream {
    let op = format_ident!("{}", operation_type_name(e));
    let method_name = &e.method_name;
    let args = args(e);
    let inputs = if args.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = args.iter().map(|a| format!("`{}` ({})", a.ident, a.what)).collect();
        format!("Required inputs, the arguments of [`{}::{method_name}`]: {}.", r.client, list.join(", "))
    };
    let op_doc = doc_attrs(&paragraphs([
        format!(
            "The request of [`{}::{method_name}`]: `{} {}`. Nothing is sent until [`send`](Self::send).",
            r.client,
            e.http_method.as_str(),
            e.path
        )
        .as_str(),
        vendor(&e.summary).as_str(),
        &inputs,
    ]));
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
            let fields = optional_query(e).map(|q| {
                let i = format_ident!("{}", q.rust_name);
                let t = rust_type(&q.ty);
                quote!(#i: Option<#t>)
            });
            quote!(#(#fields,)*)
        }
    };
    let hooks_field = if hooked {
        let t = format_ident!("{}", e.hooks_trait);
        quote!(hooks: crate::hooks::RequestHooks<dyn #t>,)
    } else {
        quote!()
    };
    let op_id = &e.operation_id;
    let (output, decode) = match &e.response {
        ResponseKind::Empty => (quote!(()), quote!(Ok(()))),
        // The operation id as a literal: naming `Self::ENDPOINT` here makes the type checker
        // prove `Self: Operation` (with its `Send + Sync` bounds) once more per operation.
        ResponseKind::Json(t) => (rust_type(t), quote!(crate::operation::decode_json(#op_id, &body))),
        // File content is handed out as the transport read it, never copied or decoded as JSON.
        ResponseKind::Binary => (quote!(bytes::Bytes), quote!(Ok(body))),
    };
    let body_param = match &e.response {
        ResponseKind::Json(_) | ResponseKind::Binary => format_ident!("body"),
        ResponseKind::Empty => format_ident!("_body"),
    };
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
        PathSegment::Param(p) => match e.path_params.iter().find(|q| q.wire_name == *p) {
            Some(q) => {
                let i = format_ident!("{}", q.rust_name);
                quote!(.param(&self.#i))
            }
            // Lowering gives every parameter segment its `Param`; an IR without one is refused.
            None => {
                let message = format!("`{}`: path parameter `{p}` has no `Param` in the IR", e.operation_id);
                quote!(.param(compile_error!(#message)))
            }
        },
    });
    let required_writes = required_query(e).map(super::query::write_required);
    let optional_writes = if shared.is_some() {
        let field = format_ident!("{}", SET_FIELD);
        quote!(self.#field.write(&mut parts);)
    } else {
        let writes = optional_query(e).map(super::query::write_param);
        quote!(#(#writes)*)
    };
    let body_write = match &e.request_body {
        None => quote!(),
        Some(b) => {
            let i = format_ident!("{}", b.rust_name);
            match b.kind {
                RequestBodyKind::Patch => quote!(parts.body(self.#i.to_body()?);),
                RequestBodyKind::Json(_) => quote!(parts.body(crate::operation::Body::json(&self.#i)?);),
                // `Bytes::clone` shares the buffer: the content is never copied.
                RequestBodyKind::Binary => quote!(parts.body(crate::operation::Body::binary(self.#i.clone()));),
            }
        }
    };
    let send = if hooked { quote!(crate::hooks::send_hooked(self)) } else { quote!(crate::request::send_plain(self)) };
    let setters = own_setters(e, shared);
    let hooks_setter = if hooked {
        let t = format_ident!("{}", e.hooks_trait);
        let d = doc_attrs(&format!(
            "Runs `hooks` around this call instead of the client's [`{t}`] (see [`crate::hooks`])."
        ));
        quote! {
            #d
            #[inline]
            pub fn hooks(mut self, hooks: impl #t) -> Self {
                self.hooks = crate::hooks::RequestHooks::<dyn #t>::new(std::sync::Arc::new(hooks));
                self
            }
        }
    } else {
        quote!()
    };
    let paging = odata_list_impl(e, &op, shared);
    let send_doc = doc_attrs(&paragraphs([
        "Sends the request and decodes the documented response.",
        if hooked {
            "Runs the endpoint's scripting-event hooks around the call when some are registered for \
             this request or its client (see [`crate::hooks`])."
        } else {
            ""
        },
    ]));
    quote! {
        #op_doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `.send().await`"]
        pub struct #op {
            core: crate::request::RequestCore,
            #(#arg_fields,)*
            #query_fields
            #hooks_field
        }

        impl #op {
            #setters
            #hooks_setter
            crate::request::common_setters!(core);

            #send_doc
            #[inline]
            pub fn send(self) -> crate::ResponseFuture<#output> {
                #send
            }
        }

        impl crate::operation::Operation for #op {
            type Output = #output;
            const ENDPOINT: &'static crate::operation::Endpoint =
                &crate::operation::Endpoint::new(#op_id, #method, #template);

            #[inline]
            fn parts(&self) -> Result<crate::operation::Parts, crate::Error> {
                let mut parts = crate::operation::Parts::new();
                parts #(#segments)*;
                #(#required_writes)*
                #optional_writes
                #body_write
                Ok(parts)
            }

            #[inline]
            fn decode(#body_param: bytes::Bytes) -> Result<#output, crate::DecodeError> {
                #decode
            }

            #[inline]
            fn core(&self) -> &crate::request::RequestCore {
                &self.core
            }

            #[inline]
            fn core_mut(&mut self) -> &mut crate::request::RequestCore {
                &mut self.core
            }
        }

        #paging
    }
}

/// The builder's own setters: its optional query parameters, and the conditional headers its docs
/// describe.
fn own_setters(e: &Endpoint, shared: Option<&QuerySet>) -> TokenStream {
    let mut setters: Vec<TokenStream> = match shared {
        Some(set) => set.params.iter().map(crate::emit::query::delegating_setter).collect(),
        None => optional_query(e).map(query_setter).collect(),
    };
    if e.conditional.if_unmodified_since {
        setters.push(quote! {
            /// `If-Unmodified-Since`: apply the change only if the entity has not changed since
            /// `when`; otherwise the call fails with 412 Precondition Failed
            /// ([`HttpErrorKind::PreconditionFailed`](crate::HttpErrorKind::PreconditionFailed)).
            #[inline]
            pub fn if_unmodified_since(mut self, when: chrono::DateTime<chrono::Utc>) -> Self {
                self.core.set_if_unmodified_since(when);
                self
            }
        });
    }
    if e.conditional.if_modified_since && e.http_method == HttpMethod::Get {
        setters.push(quote! {
            /// `If-Modified-Since`: fetch the entity only if it changed since `when`. The returned
            /// request's `send` answers [`Conditional::NotModified`](crate::Conditional::NotModified)
            /// on `304 Not Modified` instead of an error.
            #[inline]
            pub fn if_modified_since(self, when: chrono::DateTime<chrono::Utc>) -> crate::IfModifiedSince<Self> {
                crate::IfModifiedSince::new(self, when)
            }
        });
    }
    quote! { #(#setters)* }
}
