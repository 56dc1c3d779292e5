//! Optional query-parameter sets shared by several endpoints (the OData list options of every
//! `GetAll`), emitted once in `generated/query.rs`: a crate-private struct holding the values, with
//! a setter per option and the writing of the options into a request's parts.
//!
//! The public setters are inherent methods of each operation's builder, emitted with the
//! operation (so its rustdoc page lists them), each delegating to the set's setter.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, vendor};
use crate::emit::types::rust_type;
use crate::ir::{Api, Endpoint, Param, QuerySet, TypeRef};

/// The operation field holding a shared set's values (named by lowering).
pub const SET_FIELD: &str = crate::lower::names::QUERY_SET_FIELD;

/// The Rust names of the `$top` and `$skip` parameters, when `params` has both as integers: the
/// operations the runtime's pager (`crate::paging::ODataList`) can drive.
fn top_skip(params: &[Param]) -> Option<(proc_macro2::Ident, proc_macro2::Ident)> {
    let find = |wire: &str| {
        params.iter().find(|p| p.wire_name == wire && p.ty == TypeRef::I32).map(|p| format_ident!("{}", p.rust_name))
    };
    Some((find("$top")?, find("$skip")?))
}

/// For a GET operation with `$top` and `$skip` (its own optional parameters, or through its
/// shared set's `top_skip`): `impl crate::paging::ODataList for #op` and the builder's
/// `page_size`, `pages` and `rows`; nothing for other operations.
pub fn odata_list_impl(e: &Endpoint, op: &proc_macro2::Ident, shared: Option<&QuerySet>) -> TokenStream {
    if e.http_method != crate::ir::HttpMethod::Get {
        return quote!();
    }
    let optional: Vec<Param> = e.query_params.iter().filter(|q| !q.required).cloned().collect();
    let body = match shared {
        Some(set) if top_skip(&set.params).is_some() => {
            let field = format_ident!("{}", SET_FIELD);
            quote!(self.#field.top_skip())
        }
        Some(_) => return quote!(),
        None => match top_skip(&optional) {
            Some((top, skip)) => quote!((&mut self.#top, &mut self.#skip)),
            None => return quote!(),
        },
    };
    quote! {
        impl crate::paging::ODataList for #op {
            #[inline]
            fn top_skip(&mut self) -> (&mut Option<i32>, &mut Option<i32>) {
                #body
            }
        }

        impl #op {
            /// Sets the page size of [`pages`](Self::pages) and [`rows`](Self::rows): the `$top` of
            /// each page request (the same as `.top(n)`). Values below 1 mean 1.
            #[inline]
            pub fn page_size(self, rows: i32) -> Self {
                crate::paging::page_size(self, rows)
            }

            /// All pages of the list, fetched one at a time as the stream is polled (see
            /// [`crate::paging`] for how the next page is found, the caps, and the advice on
            /// ordering).
            #[inline]
            pub fn pages(self) -> crate::paging::Pages {
                crate::paging::pages(self, crate::paging::PagingLimits::default())
            }

            /// All rows of the list, page after page (see [`pages`](Self::pages)).
            #[inline]
            pub fn rows(self) -> crate::paging::Rows {
                crate::paging::rows(self, crate::paging::PagingLimits::default())
            }

            /// [`pages`](Self::pages) with other caps on the pages and rows read than the
            /// defaults ([`DEFAULT_MAX_PAGES`](crate::paging::DEFAULT_MAX_PAGES),
            /// [`DEFAULT_MAX_ROWS`](crate::paging::DEFAULT_MAX_ROWS)).
            #[inline]
            pub fn pages_limited(self, limits: crate::paging::PagingLimits) -> crate::paging::Pages {
                crate::paging::pages(self, limits)
            }

            /// [`rows`](Self::rows) with other caps on the pages and rows read than the defaults.
            #[inline]
            pub fn rows_limited(self, limits: crate::paging::PagingLimits) -> crate::paging::Rows {
                crate::paging::rows(self, limits)
            }
        }
    }
}

/// `generated/query.rs`.
pub fn module(api: &Api) -> TokenStream {
    let items = api.query_sets.iter().map(|s| set_items(s, api));
    quote! {
        //! Query options that several endpoints share, defined once.
        #(#items)*
    }
}

fn set_items(set: &QuerySet, api: &Api) -> TokenStream {
    let name = format_ident!("{}", set.name);
    let gate = if set.gated { crate::emit::paths::gate(&set.features) } else { quote!() };
    let users = set
        .users
        .iter()
        .filter_map(|u| {
            let r = api.resources.get(&u.resource)?;
            let e = r.endpoints.iter().find(|e| e.operation_id == u.operation_id)?;
            let (module, client, method) = (crate::emit::paths::module_path(r), &r.client, &e.method_name);
            Some(format!("[`{client}::{method}`](crate::{module}::{client}::{method})"))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let struct_doc = doc_attrs(&format!(
        "Query options of {users}, held by their request builders (whose setters of the same name set them)."
    ));
    let fields = set.params.iter().map(|p| {
        let i = format_ident!("{}", p.rust_name);
        let t = rust_type(&p.ty);
        quote!(pub(crate) #i: Option<#t>)
    });
    let writes = set.params.iter().map(write_param);
    let setters = set.params.iter().map(|p| {
        let i = format_ident!("{}", p.rust_name);
        let t = rust_type(&p.ty);
        quote! {
            pub(crate) fn #i(&mut self, value: impl Into<#t>) {
                self.#i = Some(value.into());
            }
        }
    });
    let top_skip_fn = top_skip(&set.params).map(|(top, skip)| {
        quote! {
            /// `$top` and `$skip`, for the pager.
            pub(crate) fn top_skip(&mut self) -> (&mut Option<i32>, &mut Option<i32>) {
                (&mut self.#top, &mut self.#skip)
            }
        }
    });
    quote! {
        #gate
        #struct_doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub(crate) struct #name {
            #(#fields,)*
        }

        #gate
        impl #name {
            #(#setters)*

            /// Appends the options that are set to `parts`.
            pub(crate) fn write(&self, parts: &mut crate::operation::Parts) {
                #(#writes)*
            }
            #top_skip_fn
        }
    }
}

/// The setter of one of an operation's own optional query parameters on its builder.
pub fn query_setter(p: &Param) -> TokenStream {
    let i = format_ident!("{}", p.rust_name);
    let t = rust_type(&p.ty);
    let doc = doc_attrs(&format!("`{}`: {}", p.wire_name, vendor(&p.doc)));
    quote! {
        #doc
        #[inline]
        pub fn #i(mut self, value: impl Into<#t>) -> Self {
            self.#i = Some(value.into());
            self
        }
    }
}

/// The setter of a shared set's parameter on one operation's builder, delegating to the set.
pub fn delegating_setter(p: &Param) -> TokenStream {
    let i = format_ident!("{}", p.rust_name);
    let field = format_ident!("{}", SET_FIELD);
    let t = rust_type(&p.ty);
    let doc = doc_attrs(&format!("`{}`: {}", p.wire_name, vendor(&p.doc)));
    quote! {
        #doc
        #[inline]
        pub fn #i(mut self, value: impl Into<#t>) -> Self {
            self.#field.#i(value);
            self
        }
    }
}

/// Writes one optional query parameter when it was set: `parts.query_opt(...)`, or
/// `parts.query_multi(...)` for an array (the key repeated per element, as OpenAPI's
/// `collectionFormat: multi`).
pub fn write_param(p: &crate::ir::Param) -> TokenStream {
    let i = format_ident!("{}", p.rust_name);
    let wire = &p.wire_name;
    match p.ty {
        crate::ir::TypeRef::Array(_) => quote!(if let Some(v) = &self.#i { parts.query_multi(#wire, v); }),
        _ => quote!(parts.query_opt(#wire, self.#i.as_ref());),
    }
}

/// Writes one required query parameter (a field that is always set).
pub fn write_required(p: &crate::ir::Param) -> TokenStream {
    let i = format_ident!("{}", p.rust_name);
    let wire = &p.wire_name;
    match p.ty {
        crate::ir::TypeRef::Array(_) => quote!(parts.query_multi(#wire, &self.#i);),
        _ => quote!(parts.query(#wire, &self.#i);),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_odata_options_of_both_resources_are_one_set() {
        let api = crate::emit::chat_api();
        let sets = &api.query_sets;
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, "ODataQuery");
        let docs = set_items(&sets[0], &api).to_string();
        assert!(
            docs.contains(
                "Query options of [`ChatSessionClient::get_all`](crate::rest::chat_session::ChatSessionClient::get_all), \
                 [`ChatTopicClient::sessions`](crate::rest::chat_topic::ChatTopicClient::sessions)"
            ),
            "{docs}"
        );
        assert!(!sets[0].gated, "plain values and enums: always compiled");
        let always: Vec<&String> = api.enums.values().filter(|d| d.always_compiled).map(|d| &d.name).collect();
        assert_eq!(always, ["ODataMode", "ODataOutput"]);
        assert_eq!(sets[0].features.iter().collect::<Vec<_>>(), ["chat_session", "chat_topic"]);
        assert_eq!(sets[0].params.len(), 12);
        // A lone `$select` is not worth a shared type.
        let get = api.resources["ChatSession"].endpoints.iter().find(|e| e.method_name == "get").unwrap();
        assert!(api.query_set_of(get).is_none());
    }

    #[test]
    fn list_operations_implement_the_pager_trait() {
        let api = crate::emit::chat_api();
        let sets = &api.query_sets;
        let endpoints = &api.resources["ChatSession"].endpoints;
        let find = |name: &str| endpoints.iter().find(|e| e.method_name == name).unwrap();
        let op = format_ident!("Op");

        let get_all = find("get_all");
        let code = odata_list_impl(get_all, &op, api.query_set_of(get_all)).to_string();
        assert!(code.contains("impl crate :: paging :: ODataList for Op"), "{code}");
        assert!(code.contains("self . query_options . top_skip ()"), "{code}");
        assert!(set_items(&sets[0], &api).to_string().contains("fn top_skip"));

        // Only `$select`: not a list.
        let get = find("get");
        assert!(odata_list_impl(get, &op, None).is_empty());

        // Own `$top` and `$skip` (no shared set): the fields directly.
        let mut own = get.clone();
        own.query_params =
            sets[0].params.iter().filter(|p| p.wire_name == "$top" || p.wire_name == "$skip").cloned().collect();
        let code = odata_list_impl(&own, &op, None).to_string();
        assert!(code.contains("(& mut self . top , & mut self . skip)"), "{code}");

        // Not for other methods.
        let mut post = own.clone();
        post.http_method = crate::ir::HttpMethod::Post;
        assert!(odata_list_impl(&post, &op, None).is_empty());
    }
}
