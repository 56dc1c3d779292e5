//! Query-parameter sets shared by several endpoints (the OData list options of every `GetAll`),
//! emitted once in `generated/query.rs`: a struct holding the values, a trait the operations
//! implement, and the setters on `Request<Op>` for every such operation.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, vendor};
use crate::emit::types::rust_type;
use crate::ir::{Api, Endpoint, Param, TypeRef};

/// A set of query parameters that more than one endpoint documents identically.
#[derive(Debug, Clone, PartialEq)]
pub struct QuerySet {
    /// The struct's name (`ODataQuery`).
    pub name: String,
    /// The parameters, in documented order (docs taken from the first endpoint).
    pub params: Vec<Param>,
    /// `Resource::method` of every endpoint using it, for the docs.
    pub users: Vec<String>,
    /// Operation ids using it.
    operation_ids: Vec<String>,
}

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
        Some(set) if top_skip(&set.params).is_some() => quote!(self.query.top_skip()),
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
    let mut groups: BTreeMap<Signature, Vec<(&str, &Endpoint)>> = BTreeMap::new();
    for r in api.resources.values() {
        for e in &r.endpoints {
            if e.query_params.len() >= 2 {
                groups.entry(signature(&e.query_params)).or_default().push((r.name.as_str(), e));
            }
        }
    }
    let mut sets: Vec<QuerySet> = Vec::new();
    for users in groups.into_values().filter(|u| u.len() >= 2) {
        let Some((resource, first)) = users.first() else { continue };
        let odata = first.query_params.iter().all(|p| p.wire_name.starts_with('$'));
        let base = if odata {
            "ODataQuery".to_string()
        } else {
            format!("{resource}{}Query", crate::naming::pascal_case(&first.method_name))
        };
        let mut name = base.clone();
        let mut n = 2;
        while sets.iter().any(|s| s.name == name) {
            name = format!("{base}{n}");
            n += 1;
        }
        sets.push(QuerySet {
            name,
            params: first.query_params.clone(),
            users: users.iter().map(|(r, e)| format!("{r}Client::{}", e.method_name)).collect(),
            operation_ids: users.iter().map(|(_, e)| e.operation_id.clone()).collect(),
        });
    }
    sets
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
    let users = set.users.iter().map(|u| format!("[`{u}`](crate::{})", module_path(u))).collect::<Vec<_>>().join(", ");
    let struct_doc = doc_attrs(&format!("Query options of {users}. Set them with the setters on `Request`."));
    let trait_doc = doc_attrs(&format!("Operations that take [`{}`]: {users}.", set.name));
    let fields = set.params.iter().map(|p| {
        let i = format_ident!("{}", p.rust_name);
        let t = rust_type(&p.ty);
        quote!(#i: Option<#t>)
    });
    let writes = set.params.iter().map(|p| {
        let i = format_ident!("{}", p.rust_name);
        let wire = &p.wire_name;
        quote!(query.opt(#wire, self.#i.as_ref());)
    });
    let setters = set.params.iter().map(|p| query_setter(p, &quote!(self.op.query_options())));
    let top_skip_fn = top_skip(&set.params).map(|(top, skip)| {
        quote! {
            /// `$top` and `$skip`, for the pager.
            pub(crate) fn top_skip(&mut self) -> (&mut Option<i32>, &mut Option<i32>) {
                (&mut self.#top, &mut self.#skip)
            }
        }
    });
    quote! {
        #struct_doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields,)*
        }

        impl #name {
            pub(crate) fn write(&self, query: &mut crate::operation::QueryBuilder) {
                #(#writes)*
            }
            #top_skip_fn
        }

        #trait_doc
        pub trait #tr: crate::operation::Operation {
            /// The options of this request (use the setters on `Request` instead).
            #[doc(hidden)]
            fn query_options(&mut self) -> &mut #name;
        }

        impl<Op: #tr> crate::Request<Op> {
            #(#setters)*
        }
    }
}

/// The setter of one query parameter on `Request<Op>`; `holder` is where the value lives
/// (`self.op` for an operation's own parameters, `self.op.query_options()` for a shared set).
pub fn query_setter(p: &Param, holder: &TokenStream) -> TokenStream {
    let i = format_ident!("{}", p.rust_name);
    let t = rust_type(&p.ty);
    let doc = doc_attrs(&format!("`{}`: {}", p.wire_name, vendor(&p.doc)));
    quote! {
        #doc
        pub fn #i(mut self, value: impl Into<#t>) -> Self {
            #holder.#i = Some(value.into());
            self
        }
    }
}

/// `ChatSessionClient::get_all` -> `chat_session::ChatSessionClient::get_all`.
fn module_path(user: &str) -> String {
    let resource = user.split("Client::").next().unwrap_or(user);
    format!("{}::{user}", crate::naming::snake_case(resource))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_odata_options_of_both_resources_are_one_set() {
        let api = crate::build_api(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")).unwrap();
        let sets = shared_sets(&api);
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, "ODataQuery");
        assert_eq!(sets[0].users, ["ChatSessionClient::get_all", "ChatTopicClient::sessions"]);
        assert_eq!(sets[0].params.len(), 12);
        // A lone `$select` is not worth a shared type.
        let get = api.resources["ChatSession"].endpoints.iter().find(|e| e.method_name == "get").unwrap();
        assert!(set_of(&sets, get).is_none());
    }

    #[test]
    fn list_operations_implement_the_pager_trait() {
        let api = crate::build_api(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")).unwrap();
        let sets = shared_sets(&api);
        let endpoints = &api.resources["ChatSession"].endpoints;
        let find = |name: &str| endpoints.iter().find(|e| e.method_name == name).unwrap();
        let op = format_ident!("Op");

        let get_all = find("get_all");
        let code = odata_list_impl(get_all, &op, set_of(&sets, get_all)).to_string();
        assert!(code.contains("impl crate :: paging :: ODataList for Op"), "{code}");
        assert!(code.contains("self . query . top_skip ()"), "{code}");
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
