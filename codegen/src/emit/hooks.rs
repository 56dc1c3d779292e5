//! Per endpoint with scripting events ([`HookMethod`]): the hook trait (`ForCurrentUserHooks`) with
//! `before` / `after` / `after_async` defaulting to no-ops, its `crate::hooks::Hooked` glue and a
//! `ClientBuilder` method to register it client-wide (the request builder's `.hooks(..)` setter is
//! emitted with the builder).
//!
//! The hook methods take the call's arguments as the client method took them (path parameters,
//! then the body), then `return_value` (left out when the endpoint returns nothing, as the C#
//! events leave out `returnValue`), then the event state.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::clients::operation_type_name;
use crate::emit::docs::{doc_attrs, paragraphs, vendor};
use crate::emit::types::rust_type;
use crate::ir::{Api, Endpoint, HookEvent, HookLink, HookMethod, Resource, ResponseKind};

/// The hook items of one resource module (nothing when none of its endpoints has hooks). Hooks are
/// found by operation id ([`Api::hooks`]), so [`HookMethod::resource`] is not needed here.
pub fn resource_hooks(r: &Resource, api: &Api) -> TokenStream {
    let items = r.endpoints.iter().filter_map(|e| api.hooks.get(&e.operation_id).map(|h| hooks(r, e, h)));
    quote! { #(#items)* }
}

fn hooks(r: &Resource, e: &Endpoint, h: &HookMethod) -> TokenStream {
    let op_name = operation_type_name(e);
    let op = format_ident!("{}", op_name);
    let hooks_trait = format_ident!("{}", e.hooks_trait);
    let builder_fn = format_ident!("{}", e.hooks_builder);
    let client_method = format!("{}::{}", r.client, e.method_name);

    let args = args(e);
    let names: Vec<&Ident> = args.iter().map(|(i, _)| i).collect();
    let params: Vec<TokenStream> = args.iter().map(|(i, t)| quote!(#i: &'a #t)).collect();
    let request = if args.is_empty() { format_ident!("_request") } else { format_ident!("request") };

    let output = match &e.response {
        ResponseKind::Empty => None,
        ResponseKind::Json(t) => Some(rust_type(t)),
        ResponseKind::Binary => Some(quote!(bytes::Bytes)),
    };
    // The result parameter as the hook trait takes it (by reference in `after`, by value in
    // `after_async`), or nothing when there is no result.
    let (value_ref, value_owned, glue_value) = match &output {
        Some(t) => (quote!(return_value: &'a mut #t,), quote!(return_value: #t,), format_ident!("return_value")),
        None => (quote!(), quote!(), format_ident!("_return_value")),
    };
    let value = output.as_ref().map(|_| quote!(return_value));
    let arg_names = || names.iter().map(|i| quote!(#i));
    // What the glue passes to the hook trait: the arguments (from the operation), the result, the state.
    let before_call: Vec<TokenStream> = names.iter().map(|i| quote!(&request.#i)).chain([quote!(state)]).collect();
    let after_call: Vec<TokenStream> =
        names.iter().map(|i| quote!(&request.#i)).chain(value.clone()).chain([quote!(state)]).collect();
    // With no borrowed arguments, `after_async` only borrows `self`: the lifetime is elided.
    let (async_generics, async_self, async_lifetime) = if args.is_empty() {
        (quote!(), quote!(&self), quote!('_))
    } else {
        (quote!(<'a>), quote!(&'a self), quote!('a))
    };

    let ignore_before = ignore(arg_names().chain([quote!(state)]));
    let ignore_after = ignore(arg_names().chain(value).chain([quote!(state)]));

    let [before, after, after_async] = &h.events;
    let trait_doc = doc_attrs(&trait_doc(e, h, &client_method, &builder_fn, &names));
    let before_doc = doc_attrs(&event_doc(
        before,
        "runs before the request is sent, with the call's arguments; it cannot affect the result. \
         What it stores in `state` (a fresh [`EventState`](crate::hooks::EventState) for every call) \
         is passed to `after` and `after_async` of this call only.",
    ));
    let after_doc = doc_attrs(&event_doc(
        after,
        if output.is_some() {
            "runs once the response is decoded; `send` waits for it. What it leaves in `return_value` \
             is what the caller gets. `state` is what `before` left. Not run when the call fails."
        } else {
            "runs once the call succeeded; `send` waits for it. `state` is what `before` left. Not run \
             when the call fails."
        },
    ));
    let after_async_doc = doc_attrs(&event_doc(
        after_async,
        "spawned on the Tokio runtime after `after`, with a copy of the result the caller gets and the \
         state `after` left; `send` returns without waiting for it and nothing it does reaches the \
         caller: an `Err` is logged (`tracing`, WARN) and a panic stays in its task. Not run when the \
         call fails.",
    ));
    let builder_doc = doc_attrs(&format!(
        "Runs `hooks` around every [`{client_method}`] call of the built client: NetServer's \
         `{}.{}` scripting events (see [`{hooks_trait}`] and [`crate::hooks`]). Replaces hooks \
         registered before for this endpoint.",
        h.agent, h.service_method
    ));

    quote! {
        #trait_doc
        pub trait #hooks_trait: Send + Sync + 'static {
            #before_doc
            fn before<'a>(
                &'a self,
                #(#params,)*
                state: &'a mut crate::hooks::EventState,
            ) -> crate::hooks::HookFuture<'a> {
                #ignore_before
                crate::hooks::ready(())
            }

            #after_doc
            fn after<'a>(
                &'a self,
                #(#params,)*
                #value_ref
                state: &'a mut crate::hooks::EventState,
            ) -> crate::hooks::HookFuture<'a> {
                #ignore_after
                crate::hooks::ready(())
            }

            #after_async_doc
            fn after_async #async_generics(
                #async_self,
                #(#params,)*
                #value_owned
                state: crate::hooks::EventState,
            ) -> crate::hooks::HookFuture<#async_lifetime, Result<(), crate::hooks::HookError>> {
                #ignore_after
                crate::hooks::ready(Ok(()))
            }
        }

        impl crate::hooks::Hooked for #op {
            type Hooks = dyn #hooks_trait;

            fn before<'a>(
                hooks: &'a Self::Hooks,
                #request: &'a Self,
                state: &'a mut crate::hooks::EventState,
            ) -> crate::hooks::HookFuture<'a> {
                hooks.before(#(#before_call),*)
            }

            fn after<'a>(
                hooks: &'a Self::Hooks,
                #request: &'a Self,
                #glue_value: &'a mut Self::Output,
                state: &'a mut crate::hooks::EventState,
            ) -> crate::hooks::HookFuture<'a> {
                hooks.after(#(#after_call),*)
            }

            fn after_async<'a>(
                hooks: &'a Self::Hooks,
                #request: &'a Self,
                #glue_value: Self::Output,
                state: crate::hooks::EventState,
            ) -> crate::hooks::HookFuture<'a, Result<(), crate::hooks::HookError>> {
                hooks.after_async(#(#after_call),*)
            }

            fn take_hooks(&mut self) -> Option<std::sync::Arc<Self::Hooks>> {
                self.hooks.take()
            }
        }

        impl crate::ClientBuilder {
            #builder_doc
            pub fn #builder_fn(self, hooks: impl #hooks_trait) -> Self {
                let hooks: std::sync::Arc<dyn #hooks_trait> = std::sync::Arc::new(hooks);
                self.register_hooks::<#op>(hooks)
            }
        }
    }
}

/// `let _ = (a, b);` for the parameters a default method body does not use.
fn ignore(unused: impl Iterator<Item = TokenStream>) -> TokenStream {
    let unused: Vec<TokenStream> = unused.collect();
    match unused.as_slice() {
        [one] => quote!(let _ = #one;),
        many => quote!(let _ = (#(#many),*);),
    }
}

/// The call's arguments as the operation stores them: path parameters, then the body.
fn args(e: &Endpoint) -> Vec<(Ident, TokenStream)> {
    crate::emit::clients::args(e).into_iter().map(|a| (a.ident, a.field_ty)).collect()
}

fn trait_doc(e: &Endpoint, h: &HookMethod, client_method: &str, builder_fn: &Ident, args: &[&Ident]) -> String {
    let [before, after, after_async] = &h.events;
    let why = match &h.link {
        HookLink::OperationId => {
            format!("linked to this endpoint because its operation id `{}` ends in the method name", e.operation_id)
        }
        HookLink::ServiceCall(agent) => format!(
            "linked to this endpoint because its documentation says it calls the `{agent}` service `{}`",
            h.service_method
        ),
    };
    let args = if args.is_empty() {
        String::new()
    } else {
        let list = args.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
        format!("Each method gets the call's arguments ({list}) as the client method took them.")
    };
    paragraphs([
        format!("Scripting-event hooks around [`{client_method}`] (`{} {}`).", e.http_method.as_str(), e.path).as_str(),
        &format!(
            "NetServer raises the `{}.{}` scripting events `{}`, `{}` and `{}` around that service \
             method ({why}). This trait brings them to the client as [`before`](Self::before), \
             [`after`](Self::after) and [`after_async`](Self::after_async), which do nothing unless \
             overridden. See [`crate::hooks`] for when they run, the event state, and what happens \
             when the call or a hook fails.",
            h.agent, h.service_method, before.name, after.name, after_async.name
        ),
        &args,
        &format!(
            "Register them for every call of a client with \
             [`ClientBuilder::{builder_fn}`](crate::ClientBuilder::{builder_fn}), or for one request \
             with `.hooks(..)` on the request."
        ),
    ])
}

/// `` `BeforeX` (NetServer scripting): <the vendor's text> `` then what the SDK does.
fn event_doc(event: &HookEvent, sdk: &str) -> String {
    let vendor_text = if event.doc.trim().is_empty() { "Not documented.".to_string() } else { vendor(&event.doc) };
    paragraphs([
        format!("`{}` (NetServer scripting): {vendor_text}", event.name).as_str(),
        &format!("In the SDK: {sdk}"),
    ])
}
