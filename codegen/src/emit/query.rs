//! Query-parameter sets shared by several endpoints (the OData list options of every `GetAll`),
//! emitted once in `generated/query.rs`: a struct holding the values with a setter per option, and
//! a trait giving access to it (`WithODataQuery::query_options`) that the operations implement.
//!
//! The setters on `Request<Op>` are inherent methods of each operation's request, emitted with
//! the operation, each delegating to the set's setter: two sets that share a parameter name can
//! then never both define a setter on the same request.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, vendor};
use crate::emit::types::rust_type;
use crate::ir::{Api, Endpoint, Param, Resource, TypeRef};
use crate::lower::reach::enums_in;

/// A set of query parameters that more than one endpoint documents identically.
#[derive(Debug, Clone, PartialEq)]
pub struct QuerySet {
    /// The struct's name (`ODataQuery`).
    pub name: String,
    /// The parameters, in documented order (docs taken from the first endpoint).
    pub params: Vec<Param>,
    /// `(module path, client, method)` of every endpoint using it, for the docs:
    /// `("chat_session", "ChatSessionClient", "get_all")`.
    pub users: Vec<(String, String, String)>,
    /// Operation ids using it.
    operation_ids: Vec<String>,
    /// The cargo features of the resources using it.
    pub features: BTreeSet<String>,
    /// Whether a parameter's type is a generated model: the set then exists only when a feature
    /// using it is enabled. Other sets (plain values and enums, like the OData options) always
    /// exist, with the enums they use ([`always_compiled_enums`]): they cost little, and the
    /// hand-written runtime (OData paging) can name them in every feature combination.
    pub gated: bool,
}

/// The operation field holding a shared set's values.
pub const SET_FIELD: &str = "query_options";

impl QuerySet {
    /// The trait operations with this set implement (`WithODataQuery`).
    pub fn trait_name(&self) -> String {
        format!("With{}", self.name)
    }
}

/// The Rust names of the `$top` and `$skip` parameters, when `params` has both as integers: the
/// operations the runtime's pager (`crate::paging::ODataList`) can drive.
fn top_skip(params: &[Param]) -> Option<(proc_macro2::Ident, proc_macro2::Ident)> {
    let find = |wire: &str| {
        params.iter().find(|p| p.wire_name == wire && p.ty == TypeRef::I32).map(|p| format_ident!("{}", p.rust_name))
    };
    Some((find("$top")?, find("$skip")?))
}

/// `impl crate::paging::ODataList for #op`, for a GET operation with `$top` and `$skip` (its own
/// parameters, or through its shared set's `top_skip`); nothing for other operations.
pub fn odata_list_impl(e: &Endpoint, op: &proc_macro2::Ident, shared: Option<&QuerySet>) -> TokenStream {
    if e.http_method != crate::ir::HttpMethod::Get {
        return quote!();
    }
    let body = match shared {
        Some(set) if top_skip(&set.params).is_some() => {
            let field = format_ident!("{}", SET_FIELD);
            quote!(self.#field.top_skip())
        }
        Some(_) => return quote!(),
        None => match top_skip(&e.query_params) {
            Some((top, skip)) => quote!((&mut self.#top, &mut self.#skip)),
            None => return quote!(),
        },
    };
    quote! {
        impl crate::paging::ODataList for #op {
            fn top_skip(&mut self) -> (&mut Option<i32>, &mut Option<i32>) {
                #body
            }
        }
    }
}

/// What identifies a set: names and types, in order.
type Signature = Vec<(String, TypeRef)>;

fn signature(params: &[Param]) -> Signature {
    params.iter().map(|p| (p.wire_name.clone(), p.ty.clone())).collect()
}

/// Sets of two or more query parameters that two or more endpoints share.
pub fn shared_sets(api: &Api) -> Vec<QuerySet> {
    let mut groups: BTreeMap<Signature, Vec<(&Resource, &Endpoint)>> = BTreeMap::new();
    for r in api.resources.values() {
        for e in &r.endpoints {
            if e.query_params.len() >= 2 {
                groups.entry(signature(&e.query_params)).or_default().push((r, e));
            }
        }
    }
    let mut sets: Vec<QuerySet> = Vec::new();
    for users in groups.into_values().filter(|u| u.len() >= 2) {
        let Some((_, first)) = users.first() else { continue };
        let base = crate::lower::names::query_set_name(&first.query_params);
        let mut name = base.clone();
        let mut n = 2;
        while sets.iter().any(|s| s.name == name) {
            name = format!("{base}{n}");
            n += 1;
        }
        sets.push(QuerySet {
            name,
            params: first.query_params.clone(),
            users: users
                .iter()
                .map(|(r, e)| (crate::emit::paths::module_path(r), r.client.clone(), e.method_name.clone()))
                .collect(),
            operation_ids: users.iter().map(|(_, e)| e.operation_id.clone()).collect(),
            features: users.iter().map(|(r, _)| r.feature.clone()).collect(),
            gated: first.query_params.iter().any(|p| names_model(&p.ty)),
        });
    }
    sets
}

fn names_model(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Model(_) => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) => names_model(inner),
        _ => false,
    }
}

/// The enums the ungated sets use: compiled whatever the features.
pub fn always_compiled_enums(sets: &[QuerySet]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for set in sets.iter().filter(|s| !s.gated) {
        for p in &set.params {
            enums_in(&p.ty, &mut out);
        }
    }
    out
}

/// The shared set an endpoint uses, if any.
pub fn set_of<'s>(sets: &'s [QuerySet], e: &Endpoint) -> Option<&'s QuerySet> {
    sets.iter().find(|s| s.operation_ids.contains(&e.operation_id))
}

/// `generated/query.rs`.
pub fn module(sets: &[QuerySet]) -> TokenStream {
    let items = sets.iter().map(set_items);
    quote! {
        //! Query options that several endpoints share, defined once.
        #(#items)*
    }
}

fn set_items(set: &QuerySet) -> TokenStream {
    let name = format_ident!("{}", set.name);
    let tr = format_ident!("{}", set.trait_name());
    let gate = if set.gated { crate::emit::paths::gate(&set.features) } else { quote!() };
    let users = set
        .users
        .iter()
        .map(|(module, client, method)| format!("[`{client}::{method}`](crate::{module}::{client}::{method})"))
        .collect::<Vec<_>>()
        .join(", ");
    let struct_doc =
        doc_attrs(&format!("Query options of {users}. Set them with the setters of the same name on their `Request`."));
    let trait_doc = doc_attrs(&format!("Operations that take [`{}`]: {users}.", set.name));
    let fields = set.params.iter().map(|p| {
        let i = format_ident!("{}", p.rust_name);
        let t = rust_type(&p.ty);
        quote!(pub(crate) #i: Option<#t>)
    });
    let writes = set.params.iter().map(write_param);
    let setters = set.params.iter().map(|p| {
        let i = format_ident!("{}", p.rust_name);
        let t = rust_type(&p.ty);
        let doc = doc_attrs(&format!("`{}`: {}", p.wire_name, vendor(&p.doc)));
        quote! {
            #doc
            pub fn #i(&mut self, value: impl Into<#t>) -> &mut Self {
                self.#i = Some(value.into());
                self
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
        pub struct #name {
            #(#fields,)*
        }

        #gate
        impl #name {
            #(#setters)*

            /// Appends the options that are set to `query`.
            pub fn write(&self, query: &mut crate::operation::QueryBuilder) {
                #(#writes)*
            }
            #top_skip_fn
        }

        #gate
        #trait_doc
        pub trait #tr: crate::operation::Operation {
            /// The options of this request (use the setters on `Request` instead).
            #[doc(hidden)]
            fn query_options(&mut self) -> &mut #name;
        }
    }
}

/// The setter of one of an operation's own query parameters on `Request<Op>`; `holder` is where
/// the value lives (`self.op`).
pub fn query_setter(p: &Param, holder: &TokenStream) -> TokenStream {
    let i = format_ident!("{}", p.rust_name);
    let setter = format_ident!("{}", p.rust_name);
    let t = rust_type(&p.ty);
    let doc = doc_attrs(&format!("`{}`: {}", p.wire_name, vendor(&p.doc)));
    quote! {
        #doc
        pub fn #setter(mut self, value: impl Into<#t>) -> Self {
            #holder.#i = Some(value.into());
            self
        }
    }
}

/// The setter of a shared set's parameter on one operation's `Request<Op>`, delegating to the
/// set's own setter.
pub fn delegating_setter(p: &Param) -> TokenStream {
    let i = format_ident!("{}", p.rust_name);
    let setter = format_ident!("{}", p.rust_name);
    let field = format_ident!("{}", SET_FIELD);
    let t = rust_type(&p.ty);
    let doc = doc_attrs(&format!("`{}`: {}", p.wire_name, vendor(&p.doc)));
    quote! {
        #doc
        pub fn #setter(mut self, value: impl Into<#t>) -> Self {
            self.op.#field.#i(value);
            self
        }
    }
}

/// Writes one query parameter that was set: `query.opt(...)`, or `query.multi(...)` for an array
/// (the key repeated per element, as OpenAPI's `collectionFormat: multi`).
pub fn write_param(p: &crate::ir::Param) -> TokenStream {
    let i = format_ident!("{}", p.rust_name);
    let wire = &p.wire_name;
    match p.ty {
        crate::ir::TypeRef::Array(_) => quote!(query.multi(#wire, self.#i.as_ref());),
        _ => quote!(query.opt(#wire, self.#i.as_ref());),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_odata_options_of_both_resources_are_one_set() {
        let api = crate::emit::chat_api();
        let sets = shared_sets(&api);
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, "ODataQuery");
        let users: Vec<String> = sets[0].users.iter().map(|(m, c, f)| format!("{m}::{c}::{f}")).collect();
        assert_eq!(users, ["chat_session::ChatSessionClient::get_all", "chat_topic::ChatTopicClient::sessions"]);
        assert!(!sets[0].gated, "plain values and enums: always compiled");
        let always: Vec<String> = always_compiled_enums(&sets).into_iter().collect();
        assert_eq!(always, ["ODataMode", "ODataOutput"]);
        assert_eq!(sets[0].features.iter().collect::<Vec<_>>(), ["chat_session", "chat_topic"]);
        assert_eq!(sets[0].params.len(), 12);
        // A lone `$select` is not worth a shared type.
        let get = api.resources["ChatSession"].endpoints.iter().find(|e| e.method_name == "get").unwrap();
        assert!(set_of(&sets, get).is_none());
    }

    #[test]
    fn list_operations_implement_the_pager_trait() {
        let api = crate::emit::chat_api();
        let sets = shared_sets(&api);
        let endpoints = &api.resources["ChatSession"].endpoints;
        let find = |name: &str| endpoints.iter().find(|e| e.method_name == name).unwrap();
        let op = format_ident!("Op");

        let get_all = find("get_all");
        let code = odata_list_impl(get_all, &op, set_of(&sets, get_all)).to_string();
        assert!(code.contains("impl crate :: paging :: ODataList for Op"), "{code}");
        assert!(code.contains("self . query_options . top_skip ()"), "{code}");
        assert!(set_items(&sets[0]).to_string().contains("fn top_skip"));

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
