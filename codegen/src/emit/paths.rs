//! Where generated items live and when they are compiled: module paths of resources (REST
//! resources under `rest::`, agent services under `agents::`, so no resource can take a name of the
//! runtime's modules at the crate root) and the `#[cfg(feature = ...)]` gates built from the IR's
//! cargo features.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Resource, ResourceKind};

/// `rest::chat_session` or `agents::chat`: the resource module's path below the crate root.
pub fn module_path(r: &Resource) -> String {
    match r.kind {
        ResourceKind::Rest => format!("rest::{}", r.module),
        ResourceKind::Agent => format!("agents::{}", r.module),
    }
}

/// `crate::rest::chat_session` / `crate::agents::chat` as tokens.
pub fn module_tokens(r: &Resource) -> TokenStream {
    let m = format_ident!("{}", r.module);
    match r.kind {
        ResourceKind::Rest => quote!(crate::rest::#m),
        ResourceKind::Agent => quote!(crate::agents::#m),
    }
}

/// The generated file of a resource module, relative to `sdk/src/generated/`.
pub fn module_file(r: &Resource) -> String {
    match r.kind {
        ResourceKind::Rest => format!("rest/{}.rs", r.module),
        ResourceKind::Agent => format!("agents/{}.rs", r.module),
    }
}

/// How user code reaches the resource client: `client.chat_session()` / `client.agents().chat()`.
pub fn accessor_call(r: &Resource) -> String {
    match r.kind {
        ResourceKind::Rest => format!("client.{}()", r.module),
        ResourceKind::Agent => format!("client.agents().{}()", r.module),
    }
}

/// Rustdoc link target of the accessor: `crate::Client::chat_session` /
/// `crate::agents::Agents::chat`.
pub fn accessor_link(r: &Resource) -> String {
    match r.kind {
        ResourceKind::Rest => format!("crate::Client::{}", r.module),
        ResourceKind::Agent => format!("crate::agents::Agents::{}", r.module),
    }
}

/// What the resource is, for docs: ``endpoints under `/api/v1/ChatSession` `` or
/// ``the `Chat` agent service (`POST /api/v1/Agents/Chat/...`)``.
pub fn describe(r: &Resource) -> String {
    match r.kind {
        ResourceKind::Rest => format!("the endpoints under `/api/v1/{}`", r.name),
        ResourceKind::Agent => format!("the `{0}` agent service (`POST /api/v1/Agents/{0}/...`)", r.name),
    }
}

/// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", feature = "b"))]`, or for no feature at
/// all `#[cfg(any())]` (never compiled: nothing the user can enable reaches the item).
pub fn gate<'a>(features: impl IntoIterator<Item = &'a String>) -> TokenStream {
    let features: Vec<&String> = features.into_iter().collect();
    match features.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// The gate of one resource.
pub fn resource_gate(r: &Resource) -> TokenStream {
    gate([&r.feature])
}

/// The agent services, in module order.
pub fn agents(api: &Api) -> Vec<&Resource> {
    let mut out: Vec<&Resource> = api.resources.values().filter(|r| r.kind == ResourceKind::Agent).collect();
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

/// The REST resources, in module order.
pub fn rest(api: &Api) -> Vec<&Resource> {
    let mut out: Vec<&Resource> = api.resources.values().filter(|r| r.kind == ResourceKind::Rest).collect();
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

/// The gate of everything that exists only when some agent service is enabled (`agents`, the
/// `Agents` accessor), or `None` when the API has no agent service.
pub fn agents_gate(api: &Api) -> Option<TokenStream> {
    let agents = agents(api);
    if agents.is_empty() {
        None
    } else {
        Some(gate(agents.iter().map(|r| &r.feature)))
    }
}

/// The gate of the `rest` module (compiled when some REST resource is enabled), or `None` when
/// the API has no REST resource.
pub fn rest_gate(api: &Api) -> Option<TokenStream> {
    let rest = rest(api);
    if rest.is_empty() {
        None
    } else {
        Some(gate(rest.iter().map(|r| &r.feature)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_name_every_feature() {
        let a = "a".to_string();
        let b = "b".to_string();
        assert_eq!(gate([&a]).to_string(), quote!(#[cfg(feature = "a")]).to_string());
        assert_eq!(gate([&a, &b]).to_string(), quote!(#[cfg(any(feature = "a", feature = "b"))]).to_string());
        assert_eq!(gate([]).to_string(), quote!(#[cfg(any())]).to_string());
    }
}
