//! Scripting-event hooks: `Before`, `After` and `AfterAsync` around a service method, as NetServer
//! raises them on the server (see the *NetServer scripting* reference pages), brought to the client.
//!
//! For every endpoint that implements a service method with scripting events, the generated code
//! has a hook trait named after the endpoint — e.g. `rest::chat_session::ForCurrentUserHooks` for
//! `ChatSessionClient::for_current_user` — with three async methods that do nothing unless
//! overridden:
//!
//! | NetServer event       | Hook method   | When it runs (SDK)                                                |
//! |-----------------------|---------------|-------------------------------------------------------------------|
//! | `Before<Method>`      | `before`      | before the request is sent; cannot affect the result             |
//! | `After<Method>`       | `after`       | once the response is decoded; the call waits for it; may change `return_value` |
//! | `After<Method>Async`  | `after_async` | spawned after `after`; the call does not wait; cannot change the result |
//!
//! Each method receives the call's arguments (the client method's path parameters and body) and
//! the call's [`EventState`].
//!
//! # Registering hooks
//!
//! - For every call a client makes: the generated builder method, e.g.
//!   `ClientBuilder::chat_session_for_current_user_hooks`.
//!   Registering again for the same endpoint replaces the earlier hooks.
//! - For one request: the generated `.hooks(..)` method on the request, e.g.
//!   `client.chat_session().for_current_user().hooks(MyHooks).send()`. They replace the client's
//!   hooks for that endpoint for this call only.
//!
//! With no hooks registered for an endpoint, a call costs one empty-map check (a map lookup when
//! the client has hooks for other endpoints) more than without this feature: no state is created,
//! nothing is boxed, cloned or spawned.
//!
//! The events wrap the whole call: when a request is retried (see [`RetryPolicy`](crate::RetryPolicy)),
//! `before` and `after` still run once per `send`.
//!
//! # Event state
//!
//! A fresh, empty [`EventState`] is created for every call. `before` may store values in it; the
//! same state (with whatever `after` changed) is handed to `after` and then, by value, to
//! `after_async`. It is never shared between calls, including concurrent calls on one client.
//!
//! # Failures
//!
//! - **The call fails** (transport error, timeout, non-success status, undecodable body): `before`
//!   has run (unless the request was rejected before sending, e.g. an invalid header value, in which
//!   case no hook runs), `after` and `after_async` are **not** run, the state is dropped and the
//!   caller gets the error unchanged. Like the NetServer events, whose `returnValue` only exists
//!   once the service method has returned, the `After` events only ever see a result.
//! - **`before` or `after` fails**: they return nothing, like the `static void` NetServer events,
//!   so the only way they fail is a panic. They run inside the caller's `send().await`, so the
//!   panic propagates to the caller like a panic in its own code (a panicking `before` means the
//!   request is never sent).
//! - **`after_async` fails**: it returns `Result<(), HookError>`; an `Err` is logged with
//!   [`tracing`] at `WARN` level (target `superoffice_webapi::hooks`), and a panic stays inside its
//!   task. Neither ever reaches the caller, who already has the result.
//! - `after_async` is spawned on the current Tokio runtime. Outside a Tokio runtime (which the HTTP
//!   stack needs anyway) it cannot run; that is logged at `WARN` level and the caller still gets
//!   the result.
//!
//! # Example
//!
//! ```no_run
//! use superoffice_webapi::rest::chat_session::ForCurrentUserHooks;
//! use superoffice_webapi::hooks::{EventState, HookError, HookFuture};
//! use superoffice_webapi::models::{ChatSessionEntity, ChatSessionEntityStatus};
//! use superoffice_webapi::Client;
//!
//! /// Hides finished sessions, and reports how many sessions were returned.
//! struct OnlyOpen;
//!
//! impl ForCurrentUserHooks for OnlyOpen {
//!     fn after<'a>(
//!         &'a self,
//!         return_value: &'a mut Vec<ChatSessionEntity>,
//!         _state: &'a mut EventState,
//!     ) -> HookFuture<'a> {
//!         Box::pin(async move {
//!             return_value.retain(|s| s.status != Some(ChatSessionEntityStatus::Finished));
//!         })
//!     }
//!
//!     fn after_async(
//!         &self,
//!         return_value: Vec<ChatSessionEntity>,
//!         _state: EventState,
//!     ) -> HookFuture<'_, Result<(), HookError>> {
//!         Box::pin(async move {
//!             println!("{} open sessions", return_value.len());
//!             Ok(())
//!         })
//!     }
//! }
//!
//! # async fn run() -> Result<(), superoffice_webapi::Error> {
//! let client = Client::builder("https://sod.superoffice.com/Cust12345")
//!     .chat_session_for_current_user_hooks(OnlyOpen)
//!     .build()?;
//! let open = client.chat_session().for_current_user().send().await?;
//! # Ok(()) }
//! ```
//!

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::Error;
use crate::operation::Operation;

/// The future a hook method returns: boxed so the hook traits can be used as `dyn` objects.
///
/// Write hook bodies as `Box::pin(async move { ... })`.
pub type HookFuture<'a, T = ()> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Why an `after_async` hook failed; logged, never returned to the caller.
pub type HookError = Box<dyn std::error::Error + Send + Sync>;

/// A [`HookFuture`] that is immediately ready with `value` (what the default hook methods return).
pub fn ready<'a, T: Send + 'a>(value: T) -> HookFuture<'a, T> {
    Box::pin(std::future::ready(value))
}

/// Per-call state passed from `before` to `after` and `after_async`: NetServer's `eventState`.
///
/// A small map keyed by type: store a value with [`insert`](Self::insert) and read it back with
/// [`get`](Self::get) using the same type. Use a newtype per piece of state
/// (`struct StartedAt(Instant)`) so independent values cannot collide.
///
/// Empty at the start of every call; never shared between calls. Creating an empty state does not
/// allocate.
#[derive(Default)]
pub struct EventState {
    values: Vec<(TypeId, Box<dyn Any + Send + Sync>)>,
}

impl EventState {
    /// An empty state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores `value`, returning the value of the same type stored before, if any.
    pub fn insert<T: Any + Send + Sync>(&mut self, value: T) -> Option<T> {
        let previous = self.remove::<T>();
        self.values.push((TypeId::of::<T>(), Box::new(value)));
        previous
    }

    /// The stored value of type `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.values.iter().find(|(id, _)| *id == TypeId::of::<T>()).and_then(|(_, v)| v.downcast_ref())
    }

    /// The stored value of type `T`, mutably.
    pub fn get_mut<T: Any>(&mut self) -> Option<&mut T> {
        self.values.iter_mut().find(|(id, _)| *id == TypeId::of::<T>()).and_then(|(_, v)| v.downcast_mut())
    }

    /// Takes the stored value of type `T` out of the state.
    pub fn remove<T: Any>(&mut self) -> Option<T> {
        let index = self.values.iter().position(|(id, _)| *id == TypeId::of::<T>())?;
        let (_, value) = self.values.swap_remove(index);
        value.downcast().ok().map(|b| *b)
    }

    /// Whether a value of type `T` is stored.
    pub fn contains<T: Any>(&self) -> bool {
        self.values.iter().any(|(id, _)| *id == TypeId::of::<T>())
    }

    /// How many values are stored.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

impl fmt::Debug for EventState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventState").field("values", &self.values.len()).finish()
    }
}

/// An operation whose service method has scripting events. Implemented by the generated code,
/// which connects the operation to its hook trait; you implement the hook trait (e.g.
/// `rest::chat_session::ForCurrentUserHooks`), not this.
///
/// The result must be `Clone` because `after_async` gets its own copy.
pub trait Hooked: Operation<Output: Clone> {
    /// The hook trait object, e.g. `dyn ForCurrentUserHooks`.
    type Hooks: ?Sized + Send + Sync + 'static;

    /// Calls the hooks' `before` with this call's arguments.
    fn before<'a>(hooks: &'a Self::Hooks, request: &'a Self, state: &'a mut EventState) -> HookFuture<'a>;

    /// Calls the hooks' `after` with this call's arguments and result.
    fn after<'a>(
        hooks: &'a Self::Hooks,
        request: &'a Self,
        return_value: &'a mut Self::Output,
        state: &'a mut EventState,
    ) -> HookFuture<'a>;

    /// Calls the hooks' `after_async` with this call's arguments, a copy of the result and the state.
    fn after_async<'a>(
        hooks: &'a Self::Hooks,
        request: &'a Self,
        return_value: Self::Output,
        state: EventState,
    ) -> HookFuture<'a, Result<(), HookError>>;

    /// The hooks set on this request with `.hooks(..)`, taken out of it.
    fn take_hooks(&mut self) -> Option<Arc<Self::Hooks>>;
}

/// Sends a hooked operation: the request's own hooks (`.hooks(..)`), else the client's, run
/// around the call; without either, the plain send. What the generated `send` of an endpoint with
/// scripting events calls.
#[doc(hidden)]
pub fn send_hooked<Op: Hooked>(op: Op) -> crate::ResponseFuture<Op::Output> {
    crate::ResponseFuture::new(send_with_hooks(op))
}

async fn send_with_hooks<Op: Hooked>(mut op: Op) -> Result<Op::Output, Error> {
    // A request rejected before sending (an invalid header value) runs no hook.
    if let Some(e) = op.core_mut().take_error() {
        return Err(e);
    }
    match op.take_hooks().or_else(|| op.core().client.inner.hooks.get::<Op>()) {
        Some(hooks) => run::<Op>(hooks, op).await,
        None => crate::request::send(&mut op).await,
    }
}

/// The protocol: Before -> request -> After -> (spawned) AfterAsync, with one fresh state.
async fn run<Op: Hooked>(hooks: Arc<Op::Hooks>, mut op: Op) -> Result<Op::Output, Error> {
    let mut state = EventState::new();
    Op::before(&hooks, &op, &mut state).await;
    let mut value = crate::request::send(&mut op).await?;
    Op::after(&hooks, &op, &mut value, &mut state).await;
    let copy = value.clone();
    let operation = Op::ENDPOINT.operation_id;
    let task = async move {
        let outcome = Op::after_async(&hooks, &op, copy, state).await;
        if let Err(error) = outcome {
            tracing::warn!(operation, %error, "after_async hook failed");
        }
    };
    match tokio::runtime::Handle::try_current() {
        // The handle is dropped: the task runs detached, and a panic in it stays there.
        Ok(runtime) => drop(runtime.spawn(task)),
        Err(_) => tracing::warn!(operation, "after_async hook skipped: no Tokio runtime"),
    }
    Ok(value)
}

/// The hooks set on one request with its `.hooks(..)` setter, if any.
#[doc(hidden)]
pub struct RequestHooks<H: ?Sized>(Option<Arc<H>>);

impl<H: ?Sized> RequestHooks<H> {
    /// Hooks for this request.
    pub fn new(hooks: Arc<H>) -> Self {
        RequestHooks(Some(hooks))
    }

    /// The hooks, taken out.
    pub fn take(&mut self) -> Option<Arc<H>> {
        self.0.take()
    }
}

impl<H: ?Sized> Default for RequestHooks<H> {
    fn default() -> Self {
        RequestHooks(None)
    }
}

impl<H: ?Sized> Clone for RequestHooks<H> {
    fn clone(&self) -> Self {
        RequestHooks(self.0.clone())
    }
}

impl<H: ?Sized> fmt::Debug for RequestHooks<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

/// The hooks a client runs, by operation.
#[derive(Default)]
pub(crate) struct HookRegistry {
    /// Values are `Arc<Op::Hooks>` for the operation whose `TypeId` is the key.
    by_operation: HashMap<TypeId, (&'static str, Box<dyn Any + Send + Sync>)>,
}

impl HookRegistry {
    /// Registers `hooks` for `Op`, replacing earlier ones.
    pub(crate) fn insert<Op: Hooked>(&mut self, hooks: Arc<Op::Hooks>) {
        self.by_operation.insert(TypeId::of::<Op>(), (Op::ENDPOINT.operation_id, Box::new(hooks)));
    }

    /// The hooks registered for `Op`.
    pub(crate) fn get<Op: Hooked>(&self) -> Option<Arc<Op::Hooks>> {
        if self.by_operation.is_empty() {
            return None;
        }
        let (_, hooks) = self.by_operation.get(&TypeId::of::<Op>())?;
        hooks.downcast_ref::<Arc<Op::Hooks>>().cloned()
    }
}

impl fmt::Debug for HookRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut ids: Vec<&str> = self.by_operation.values().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        f.debug_set().entries(ids).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Id(u32);
    #[derive(Debug, PartialEq)]
    struct Name(&'static str);

    #[test]
    fn event_state_is_a_typed_map() {
        let mut s = EventState::new();
        assert!(s.is_empty());
        assert_eq!(s.insert(Id(1)), None);
        assert_eq!(s.insert(Name("a")), None);
        assert_eq!(s.insert(Id(2)), Some(Id(1)));
        assert_eq!(s.len(), 2);
        assert_eq!(s.get::<Id>(), Some(&Id(2)));
        if let Some(id) = s.get_mut::<Id>() {
            id.0 += 1;
        }
        assert_eq!(s.remove::<Id>(), Some(Id(3)));
        assert!(!s.contains::<Id>() && s.contains::<Name>());
        assert_eq!(s.get::<u8>(), None);
        assert_eq!(format!("{s:?}"), "EventState { values: 1 }");
    }

    #[test]
    fn hook_futures_are_send() {
        fn assert_send<T: Send>(_: &T) {}
        assert_send(&ready(()));
        let state = EventState::new();
        assert_send(&state);
    }
}
