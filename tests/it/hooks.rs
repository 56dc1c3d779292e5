//! Scripting-event hooks (`before` / `after` / `after_async`) around real calls to a local
//! wiremock server: order, what each event may change, the event state's lifetime, concurrency,
//! and what happens when the call or a hook fails.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use superoffice_webapi::hooks::{EventState, HookError, HookFuture};
use superoffice_webapi::models::{ChatSessionEntity, ChatSessionEntityStatus};
use superoffice_webapi::rest::chat_session::{DeleteHooks, ForCurrentUserHooks, GetHooks};
use superoffice_webapi::{Client, Error};
use tokio::sync::{mpsc, Notify};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const FOR_CURRENT_USER: &str = "/api/v1/ChatSession/ForCurrentUser";

/// Three sessions as `GET ChatSession/ForCurrentUser` documents them; one is closed.
fn sessions() -> serde_json::Value {
    json!([
        { "ChatSessionId": 1, "TopicId": 3, "CustomerName": "Ann", "Status": "UserLast" },
        { "ChatSessionId": 2, "TopicId": 3, "CustomerName": "Bob", "Status": "Closed" },
        { "ChatSessionId": 3, "TopicId": 4, "CustomerName": "Cid", "Status": "InQueue" }
    ])
}

/// Shared event log; the server writes `request` into it too.
type Log = Arc<Mutex<Vec<&'static str>>>;

fn push(log: &Log, entry: &'static str) {
    log.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
}

fn entries(log: &Log) -> Vec<&'static str> {
    log.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Answers with the sample sessions and logs `request`.
struct LoggingResponder(Log);

impl Respond for LoggingResponder {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        push(&self.0, "request");
        ResponseTemplate::new(200).set_body_json(sessions())
    }
}

async fn server_with(responder: impl Respond + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path(FOR_CURRENT_USER)).respond_with(responder).mount(&server).await;
    server
}

async fn sample_server() -> MockServer {
    server_with(ResponseTemplate::new(200).set_body_json(sessions())).await
}

fn client(server: &MockServer) -> Client {
    Client::builder(server.uri()).build().unwrap_or_else(|e| panic!("{e}"))
}

/// Waits (at most 5 s) until `done` is notified: `after_async` runs in the background.
async fn finished(done: &Notify) {
    tokio::time::timeout(Duration::from_secs(5), done.notified()).await.expect("after_async did not run within 5 s");
}

/// Logs every event; `after_async` notifies `done` when it has logged.
#[derive(Clone, Default)]
struct Logger {
    log: Log,
    done: Arc<Notify>,
}

impl ForCurrentUserHooks for Logger {
    fn before<'a>(&'a self, _state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move { push(&self.log, "before") })
    }

    fn after<'a>(&'a self, _value: &'a mut Vec<ChatSessionEntity>, _state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move { push(&self.log, "after") })
    }

    fn after_async(&self, _value: Vec<ChatSessionEntity>, _state: EventState) -> HookFuture<'_, Result<(), HookError>> {
        Box::pin(async move {
            push(&self.log, "after_async");
            self.done.notify_one();
            Ok(())
        })
    }
}

#[tokio::test]
async fn events_run_before_request_after_then_after_async() {
    let log = Log::default();
    let server = server_with(LoggingResponder(log.clone())).await;
    let hooks = Logger { log: log.clone(), done: Arc::default() };
    let client = Client::builder(server.uri())
        .chat_session_for_current_user_hooks(hooks.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    let got = client.chat_session().for_current_user().send().await.expect("call succeeds");
    assert_eq!(got.len(), 3);
    // `after` has run when `send` returns; `after_async` may or may not have yet.
    assert_eq!(entries(&log).get(..3), Some(&["before", "request", "after"][..]));
    finished(&hooks.done).await;
    assert_eq!(entries(&log), ["before", "request", "after", "after_async"]);
}

/// `after` hides closed sessions; `after_async` reports what it got, then empties its copy.
struct OnlyOpen {
    seen_by_after_async: mpsc::UnboundedSender<Vec<i32>>,
}

fn ids(sessions: &[ChatSessionEntity]) -> Vec<i32> {
    sessions.iter().filter_map(|s| s.chat_session_id).collect()
}

impl ForCurrentUserHooks for OnlyOpen {
    fn after<'a>(&'a self, sessions: &'a mut Vec<ChatSessionEntity>, _state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move { sessions.retain(|s| s.status != Some(ChatSessionEntityStatus::Closed)) })
    }

    fn after_async(
        &self,
        mut sessions: Vec<ChatSessionEntity>,
        _state: EventState,
    ) -> HookFuture<'_, Result<(), HookError>> {
        Box::pin(async move {
            let seen = ids(&sessions);
            sessions.clear();
            for s in &mut sessions {
                s.customer_name = Some("changed by after_async".into());
            }
            self.seen_by_after_async.send(seen)?;
            Ok(())
        })
    }
}

#[tokio::test]
async fn after_changes_the_result_and_after_async_cannot() {
    let server = sample_server().await;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let client = Client::builder(server.uri())
        .chat_session_for_current_user_hooks(OnlyOpen { seen_by_after_async: tx })
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    let got = client.chat_session().for_current_user().send().await.expect("call succeeds");
    assert_eq!(ids(&got), [1, 3], "after's filter is what the caller gets");

    let seen = tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.expect("after_async ran");
    assert_eq!(seen, Some(vec![1, 3]), "after_async gets the result after `after`");
    // after_async emptied its copy; the caller's result is untouched.
    assert_eq!(ids(&got), [1, 3]);
    let names: Vec<_> = got.iter().map(|s| s.customer_name.as_deref()).collect();
    assert_eq!(names, [Some("Ann"), Some("Cid")]);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct CallNo(u64);

/// What one call's events saw: (state size when `before` started, `after`'s CallNo,
/// `after_async`'s CallNo, `after_async` also saw what `after` added).
type Seen = (usize, Option<CallNo>, Option<CallNo>, bool);

#[derive(Clone, Default)]
struct StateTracker {
    calls: Arc<AtomicU64>,
    /// `before`'s observation, completed by `after` and `after_async`.
    seen: Arc<Mutex<Vec<Seen>>>,
    done: Arc<Notify>,
}

struct AfterWasHere;

impl ForCurrentUserHooks for StateTracker {
    fn before<'a>(&'a self, state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move {
            let empty_at_start = state.len();
            state.insert(CallNo(self.calls.fetch_add(1, Ordering::SeqCst) + 1));
            self.seen.lock().unwrap_or_else(|e| e.into_inner()).push((empty_at_start, None, None, false));
        })
    }

    fn after<'a>(&'a self, _value: &'a mut Vec<ChatSessionEntity>, state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(last) = seen.last_mut() {
                last.1 = state.get::<CallNo>().copied();
            }
            state.insert(AfterWasHere);
        })
    }

    fn after_async(&self, _value: Vec<ChatSessionEntity>, state: EventState) -> HookFuture<'_, Result<(), HookError>> {
        Box::pin(async move {
            if let Some(last) = self.seen.lock().unwrap_or_else(|e| e.into_inner()).last_mut() {
                last.2 = state.get::<CallNo>().copied();
                last.3 = state.contains::<AfterWasHere>();
            }
            self.done.notify_one();
            Ok(())
        })
    }
}

#[tokio::test]
async fn state_passes_from_before_to_both_after_events_and_is_fresh_on_the_next_call() {
    let server = sample_server().await;
    let tracker = StateTracker::default();
    let client = Client::builder(server.uri())
        .chat_session_for_current_user_hooks(tracker.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    for _ in 0..2 {
        client.chat_session().for_current_user().send().await.expect("call succeeds");
        finished(&tracker.done).await;
    }
    let seen = tracker.seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(
        seen,
        [(0, Some(CallNo(1)), Some(CallNo(1)), true), (0, Some(CallNo(2)), Some(CallNo(2)), true)],
        "(state size when before starts, after's CallNo, after_async's CallNo, after_async sees after's change)"
    );
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct CallId(u64);

/// Gives each call an id in `before`, writes it into the result in `after`, and checks in every
/// event that the state holds exactly that call's id.
#[derive(Clone, Default)]
struct Isolation {
    next: Arc<AtomicU64>,
    violations: Arc<Mutex<Vec<String>>>,
    after_async_ids: Arc<Mutex<Vec<u64>>>,
}

impl Isolation {
    fn violation(&self, what: String) {
        self.violations.lock().unwrap_or_else(|e| e.into_inner()).push(what);
    }
}

impl ForCurrentUserHooks for Isolation {
    fn before<'a>(&'a self, state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move {
            if !state.is_empty() {
                self.violation(format!("before found {state:?}"));
            }
            let id = self.next.fetch_add(1, Ordering::SeqCst);
            state.insert(CallId(id));
            // Let other calls run between `before` and the request.
            tokio::time::sleep(Duration::from_millis(id % 7)).await;
        })
    }

    fn after<'a>(&'a self, sessions: &'a mut Vec<ChatSessionEntity>, state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move {
            tokio::task::yield_now().await;
            match (state.len(), state.get::<CallId>()) {
                (1, Some(CallId(id))) => {
                    for s in sessions.iter_mut() {
                        s.customer_alias = Some(id.to_string().into());
                    }
                }
                _ => self.violation(format!("after found {state:?}")),
            }
        })
    }

    fn after_async(
        &self,
        sessions: Vec<ChatSessionEntity>,
        state: EventState,
    ) -> HookFuture<'_, Result<(), HookError>> {
        Box::pin(async move {
            let id = state.get::<CallId>().map(|c| c.0);
            let written = sessions.first().and_then(|s| s.customer_alias.as_deref()).and_then(|a| a.parse().ok());
            match id {
                Some(id) if written == Some(id) && state.len() == 1 => {
                    self.after_async_ids.lock().unwrap_or_else(|e| e.into_inner()).push(id)
                }
                _ => self.violation(format!("after_async found {state:?} with a result written by {written:?}")),
            }
            Ok(())
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_calls_never_see_each_others_state() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(FOR_CURRENT_USER))
        .respond_with(ResponseTemplate::new(200).set_body_json(sessions()).set_delay(Duration::from_millis(20)))
        .mount(&server)
        .await;
    let isolation = Isolation::default();
    let client = Client::builder(server.uri())
        .chat_session_for_current_user_hooks(isolation.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { client.chat_session().for_current_user().send().await });
    }
    let mut returned = BTreeSet::new();
    while let Some(joined) = calls.join_next().await {
        let sessions = joined.expect("task").expect("call succeeds");
        let aliases: BTreeSet<_> = sessions.iter().map(|s| s.customer_alias.clone()).collect();
        assert_eq!(aliases.len(), 1, "one call's result carries one call's id: {aliases:?}");
        returned.extend(aliases.into_iter().flatten());
    }
    assert_eq!(returned.len(), 100, "every call got its own id back");

    let deadline = Instant::now() + Duration::from_secs(5);
    while isolation.after_async_ids.lock().unwrap_or_else(|e| e.into_inner()).len() < 100 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let violations = isolation.violations.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert!(violations.is_empty(), "{violations:#?}");
    let mut ids = isolation.after_async_ids.lock().unwrap_or_else(|e| e.into_inner()).clone();
    ids.sort_unstable();
    assert_eq!(ids, (0..100).collect::<Vec<u64>>(), "after_async ran once per call with that call's state");
}

/// An `after_async` that takes 2 s.
#[derive(Clone, Default)]
struct Slow {
    done: Arc<Notify>,
}

impl ForCurrentUserHooks for Slow {
    fn after_async(&self, _value: Vec<ChatSessionEntity>, _state: EventState) -> HookFuture<'_, Result<(), HookError>> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            self.done.notify_one();
            Ok(())
        })
    }
}

#[tokio::test]
async fn a_slow_after_async_does_not_delay_the_caller() {
    let server = sample_server().await;
    let slow = Slow::default();
    let client = Client::builder(server.uri())
        .chat_session_for_current_user_hooks(slow.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    let start = Instant::now();
    let got = client.chat_session().for_current_user().send().await.expect("call succeeds");
    let elapsed = start.elapsed();
    assert_eq!(got.len(), 3);
    assert!(elapsed < Duration::from_secs(1), "the caller waited {elapsed:?} for a 2 s after_async");
    // It still runs to completion in the background.
    finished(&slow.done).await;
}

#[tokio::test]
async fn a_failed_call_runs_before_only_and_returns_the_error() {
    let server = MockServer::start().await;
    Mock::given(path(FOR_CURRENT_USER)).respond_with(ResponseTemplate::new(404)).mount(&server).await;
    let hooks = Logger::default();
    let client = Client::builder(server.uri())
        .chat_session_for_current_user_hooks(hooks.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    let err = client.chat_session().for_current_user().send().await.expect_err("404");
    assert!(err.is_not_found(), "{err:?}");
    // after_async would have been spawned before `send` returned; give it time to show up.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(entries(&hooks.log), ["before"]);

    // Invalid header values are rejected before sending: no hook runs at all.
    let err = client.chat_session().for_current_user().language("en\r\nX: 1").send().await.expect_err("invalid");
    assert!(matches!(err, Error::InvalidHeader { .. }), "{err:?}");
    assert_eq!(entries(&hooks.log), ["before"]);
}

/// `after_async` fails (an error, or a panic) after telling `ran`.
struct Failing {
    panic: bool,
    ran: Arc<Notify>,
}

impl ForCurrentUserHooks for Failing {
    fn after_async(&self, _value: Vec<ChatSessionEntity>, _state: EventState) -> HookFuture<'_, Result<(), HookError>> {
        Box::pin(async move {
            self.ran.notify_one();
            if self.panic {
                panic!("after_async panics (expected by the test)");
            }
            Err("after_async fails (expected by the test)".into())
        })
    }
}

#[tokio::test]
async fn an_after_async_failure_never_reaches_the_caller() {
    let server = sample_server().await;
    for panic in [false, true] {
        let ran = Arc::new(Notify::new());
        let client = Client::builder(server.uri())
            .chat_session_for_current_user_hooks(Failing { panic, ran: Arc::clone(&ran) })
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let got = client.chat_session().for_current_user().send().await.expect("the caller gets the result");
        assert_eq!(got.len(), 3);
        finished(&ran).await;
        // The client keeps working.
        let again = client.chat_session().for_current_user().send().await.expect("next call succeeds");
        assert_eq!(again.len(), 3);
    }
}

#[tokio::test]
async fn request_hooks_replace_the_clients_for_that_call_only() {
    let server = sample_server().await;
    let on_client = Logger::default();
    let on_request = Logger::default();
    let client = Client::builder(server.uri())
        .chat_session_for_current_user_hooks(on_client.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    client.chat_session().for_current_user().hooks(on_request.clone()).send().await.expect("call succeeds");
    finished(&on_request.done).await;
    assert_eq!(entries(&on_request.log), ["before", "after", "after_async"]);
    assert!(entries(&on_client.log).is_empty());

    client.chat_session().for_current_user().send().await.expect("call succeeds");
    finished(&on_client.done).await;
    assert_eq!(entries(&on_client.log), ["before", "after", "after_async"]);
    assert_eq!(entries(&on_request.log).len(), 3);
}

#[tokio::test]
async fn without_hooks_calls_are_plain_and_other_endpoints_hooks_do_not_run() {
    let server = sample_server().await;
    let plain = client(&server);
    assert_eq!(plain.chat_session().for_current_user().send().await.expect("call succeeds").len(), 3);

    let get_hooks = Recorder::default();
    let client = Client::builder(server.uri())
        .chat_session_get_hooks(get_hooks.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(client.chat_session().for_current_user().send().await.expect("call succeeds").len(), 3);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(get_hooks.events().is_empty());
}

/// Records the arguments the hooks of `GET ChatSession/{id}` and `DELETE ChatSession/{id}` get.
#[derive(Clone, Default)]
struct Recorder {
    events: Arc<Mutex<Vec<String>>>,
    done: Arc<Notify>,
}

impl Recorder {
    fn record(&self, event: String) {
        self.events.lock().unwrap_or_else(|e| e.into_inner()).push(event);
    }

    fn events(&self) -> Vec<String> {
        self.events.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl GetHooks for Recorder {
    fn before<'a>(&'a self, id: &'a i32, _state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move { self.record(format!("before get {id}")) })
    }

    fn after<'a>(
        &'a self,
        id: &'a i32,
        entity: &'a mut ChatSessionEntity,
        _state: &'a mut EventState,
    ) -> HookFuture<'a> {
        Box::pin(async move {
            self.record(format!("after get {id}: {:?}", entity.customer_name));
            entity.customer_name = Some("Renamed".into());
        })
    }

    fn after_async<'a>(
        &'a self,
        id: &'a i32,
        entity: ChatSessionEntity,
        _state: EventState,
    ) -> HookFuture<'a, Result<(), HookError>> {
        Box::pin(async move {
            self.record(format!("after_async get {id}: {:?}", entity.customer_name));
            self.done.notify_one();
            Ok(())
        })
    }
}

impl DeleteHooks for Recorder {
    fn before<'a>(&'a self, id: &'a i32, _state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move { self.record(format!("before delete {id}")) })
    }

    // `DeleteChatSessionEntity` returns nothing: no `return_value`, as in the C# event.
    fn after<'a>(&'a self, id: &'a i32, _state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move { self.record(format!("after delete {id}")) })
    }

    fn after_async<'a>(&'a self, id: &'a i32, _state: EventState) -> HookFuture<'a, Result<(), HookError>> {
        Box::pin(async move {
            self.record(format!("after_async delete {id}"));
            self.done.notify_one();
            Ok(())
        })
    }
}

#[tokio::test]
async fn hooks_get_the_calls_arguments() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex(r"^/api/v1/ChatSession/\d+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ChatSessionId": 42, "CustomerName": "Ann" })))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/ChatSession/7"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let recorder = Recorder::default();
    let client = Client::builder(server.uri())
        .chat_session_get_hooks(recorder.clone())
        .chat_session_delete_hooks(recorder.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    let entity = client.chat_session().get(42).send().await.expect("get succeeds");
    assert_eq!(entity.customer_name.as_deref(), Some("Renamed"));
    finished(&recorder.done).await;
    client.chat_session().delete(7).send().await.expect("delete succeeds");
    finished(&recorder.done).await;
    assert_eq!(
        recorder.events(),
        [
            "before get 42",
            "after get 42: Some(\"Ann\")",
            "after_async get 42: Some(\"Renamed\")",
            "before delete 7",
            "after delete 7",
            "after_async delete 7",
        ]
    );
}
