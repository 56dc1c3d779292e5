//! Faults the SDK must survive: retries and their limits, `Retry-After`, timeouts, truncated and
//! dropped responses, invalid header values, and load on one shared client.
//!
//! Every server here is local (wiremock or a raw `std::net::TcpListener` on 127.0.0.1) and stops
//! by itself.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use superoffice_webapi::models::ChatSessionEntity;
use superoffice_webapi::patch::{Patch, PatchOp};
use superoffice_webapi::{Auth, Client, Error, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const FOR_CURRENT_USER: &str = "/Cust1/api/v1/ChatSession/ForCurrentUser";

/// Retries quickly, so the tests measure the SDK and not the default backoff.
fn fast() -> RetryPolicy {
    RetryPolicy::default().with_initial_backoff(Duration::from_millis(10)).with_max_backoff(Duration::from_millis(50))
}

fn client_for(base: &str, policy: RetryPolicy) -> Client {
    Client::builder(format!("{base}/Cust1"))
        .auth(Auth::bearer("test-token"))
        .retry(policy)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Mounts `status` (with optional `Retry-After`) for the first `times` requests, then `200 []`.
async fn fail_then_ok(server: &MockServer, status: u16, retry_after: Option<&str>, times: u64) {
    let mut failure = ResponseTemplate::new(status);
    if let Some(v) = retry_after {
        failure = failure.insert_header("Retry-After", v);
    }
    Mock::given(path(FOR_CURRENT_USER)).respond_with(failure).up_to_n_times(times).with_priority(1).mount(server).await;
    Mock::given(path(FOR_CURRENT_USER))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .with_priority(2)
        .mount(server)
        .await;
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

// ---------------------------------------------------------------------------------------------
// Retries

#[tokio::test]
async fn a_503_then_200_succeeds() {
    let server = MockServer::start().await;
    fail_then_ok(&server, 503, None, 1).await;
    let sessions = client_for(&server.uri(), fast()).chat_session().for_current_user().send().await.unwrap();
    assert!(sessions.is_empty());
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn bad_gateway_and_gateway_timeout_are_retried_too() {
    for status in [502, 504] {
        let server = MockServer::start().await;
        fail_then_ok(&server, status, None, 2).await;
        client_for(&server.uri(), fast()).chat_session().for_current_user().send().await.unwrap();
        assert_eq!(requests(&server).await, 3, "{status}");
    }
}

#[tokio::test]
async fn a_429_with_retry_after_seconds_waits_that_long() {
    let server = MockServer::start().await;
    fail_then_ok(&server, 429, Some("1"), 1).await;
    let start = Instant::now();
    client_for(&server.uri(), fast()).chat_session().for_current_user().send().await.unwrap();
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(950), "retried after {waited:?}, before the server's 1 s");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_retry_after_http_date_is_honoured() {
    let server = MockServer::start().await;
    // Two seconds ahead, truncated to whole seconds by the format: a wait of 1 to 2 s.
    let when = chrono::Utc::now() + chrono::Duration::seconds(2);
    let date = when.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    fail_then_ok(&server, 503, Some(&date), 1).await;
    let start = Instant::now();
    client_for(&server.uri(), fast()).chat_session().for_current_user().send().await.unwrap();
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(900), "retried after {waited:?}, before {date}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
}

#[tokio::test]
async fn a_retry_after_beyond_max_elapsed_returns_the_error_at_once() {
    let server = MockServer::start().await;
    fail_then_ok(&server, 429, Some("120"), 1).await;
    let start = Instant::now();
    let err = client_for(&server.uri(), fast()).chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429), "{err:?}");
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    assert_eq!(requests(&server).await, 1);
    let Error::Http(e) = &err else { panic!("{err:?}") };
    assert_eq!(e.headers["retry-after"], "120", "the caller can still see the server's wish");
}

#[tokio::test]
async fn a_401_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(401)).expect(1).mount(&server).await;
    let err = client_for(&server.uri(), fast()).chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn other_statuses_are_not_retried() {
    for status in [400, 403, 404, 409, 412, 500, 501] {
        let server = MockServer::start().await;
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(status)).expect(1).mount(&server).await;
        let err = client_for(&server.uri(), fast()).chat_session().for_current_user().send().await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
    }
}

#[tokio::test]
async fn max_attempts_bounds_the_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let err = client_for(&server.uri(), fast()).chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(requests(&server).await, 3, "default max_attempts");

    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let client = client_for(&server.uri(), fast().with_max_attempts(5));
    client.chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(requests(&server).await, 5);
}

#[tokio::test]
async fn max_elapsed_bounds_the_total_time() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let policy = RetryPolicy::default()
        .with_max_attempts(1000)
        .with_initial_backoff(Duration::from_millis(50))
        .with_max_backoff(Duration::from_millis(100))
        .with_max_elapsed(Duration::from_millis(600));
    let start = Instant::now();
    let err = client_for(&server.uri(), policy).chat_session().for_current_user().send().await.unwrap_err();
    let took = start.elapsed();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert!(took < Duration::from_millis(1500), "{took:?}");
    let n = requests(&server).await;
    assert!((2..=20).contains(&n), "{n} attempts in {took:?}");
}

#[tokio::test]
async fn retry_none_sends_once() {
    let server = MockServer::start().await;
    fail_then_ok(&server, 503, None, 1).await;
    let client = client_for(&server.uri(), RetryPolicy::none());
    let err = client.chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(requests(&server).await, 1);
    // A request can opt back in.
    client.chat_session().for_current_user().retry(fast()).send().await.unwrap();
}

#[tokio::test]
async fn post_and_patch_are_retried_only_when_the_caller_opts_in() {
    let entity = serde_json::to_value(ChatSessionEntity::default()).unwrap();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(&entity))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), fast());
    let err = client.chat_session().accept_transfer(7).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "POST is not retried by default");
    let changes = Patch::json_patch([PatchOp::replace("/Rank", 1)]);
    let err = client.chat_session().patch(7, changes.clone()).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "PATCH is not retried by default");
    assert_eq!(requests(&server).await, 2);

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(&entity))
        .with_priority(2)
        .mount(&server)
        .await;
    let opt_in = fast().with_retry_non_idempotent(true);
    client.chat_session().accept_transfer(7).retry(opt_in.clone()).send().await.unwrap();
    client.chat_session().patch(7, changes).retry(opt_in).send().await.unwrap();
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 4);
    // The retried PATCH sent its body again.
    assert!(received.iter().filter(|r| r.method.as_str() == "PATCH").all(|r| !r.body.is_empty()));
}

#[tokio::test]
async fn put_and_delete_are_retried() {
    let server = MockServer::start().await;
    for m in ["PUT", "DELETE"] {
        Mock::given(method(m))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::to_value(ChatSessionEntity::default()).unwrap()),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).with_priority(2).mount(&server).await;
    let client = client_for(&server.uri(), fast());
    client.chat_session().update(7, ChatSessionEntity::default()).send().await.unwrap();
    client.chat_session().delete(7).send().await.unwrap();
    assert_eq!(requests(&server).await, 4);
}

#[tokio::test]
async fn connect_errors_are_retried_until_the_server_is_up() {
    // A port with nothing listening on it, then a server on that port after 300 ms.
    let addr = crate::common::free_addr();
    let server_task = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let listener = TcpListener::bind(addr).unwrap();
        let server = MockServer::builder().listener(listener).start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
            .mount(&server)
            .await;
        tokio::time::sleep(Duration::from_secs(5)).await;
        drop(server);
    });
    let policy = RetryPolicy::default()
        .with_max_attempts(20)
        .with_initial_backoff(Duration::from_millis(50))
        .with_max_backoff(Duration::from_millis(100));
    let client = client_for(&format!("http://{addr}"), policy);
    let start = Instant::now();
    let sessions = client.chat_session().for_current_user().send().await.unwrap();
    assert!(sessions.is_empty());
    assert!(start.elapsed() >= Duration::from_millis(250), "{:?}", start.elapsed());
    server_task.abort();
}

#[tokio::test]
async fn a_dead_server_fails_after_the_retries_with_a_connect_error() {
    let addr = crate::common::free_addr();
    let policy = RetryPolicy::default().with_initial_backoff(Duration::from_millis(100));
    let start = Instant::now();
    let err = client_for(&format!("http://{addr}"), policy).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { connect: true, .. }), "{err:?}");
    // Two waits of at least 50 ms and 100 ms (half of 100 ms and 200 ms, the jitter floor).
    assert!(start.elapsed() >= Duration::from_millis(140), "{:?}", start.elapsed());
}

// ---------------------------------------------------------------------------------------------
// Broken responses

/// A raw HTTP server on 127.0.0.1 that answers every connection with `reply` and closes it.
/// Counts connections; stops by itself after 10 s.
fn raw_server(reply: &'static [u8]) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    seen.fetch_add(1, Ordering::SeqCst);
                    let _ = stream.set_nonblocking(false);
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                    read_request_head(&mut stream);
                    let _ = stream.write_all(reply);
                    let _ = stream.flush();
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    (format!("http://{addr}"), count)
}

/// Reads up to the end of a request head (GET requests here have no body).
fn read_request_head(stream: &mut impl Read) -> bool {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return false,
        }
    }
    true
}

#[tokio::test]
async fn a_truncated_body_is_an_error() {
    let (url, connections) = raw_server(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"ChatSessionId\": 1",
    );
    let err = client_for(&url, fast()).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { connect: false, .. }), "{err:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 1, "a started response is not retried");
}

#[tokio::test]
async fn a_truncated_chunked_body_is_an_error() {
    let (url, _) = raw_server(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n[{\"ChatSess");
    let err = client_for(&url, fast()).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { connect: false, .. }), "{err:?}");
}

#[tokio::test]
async fn a_connection_dropped_mid_response_is_an_error() {
    for reply in [&b"HTTP/1.1 200 OK\r\nContent-Ty"[..], b"HTTP/1.1 2", b""] {
        let reply: &'static [u8] = reply;
        let (url, _) = raw_server(reply);
        let err = client_for(&url, fast()).chat_session().for_current_user().send().await.unwrap_err();
        assert!(matches!(err, Error::Transport { connect: false, .. }), "{reply:?}: {err:?}");
        assert!(!err.to_string().is_empty());
    }
}

#[tokio::test]
async fn garbage_instead_of_http_is_an_error() {
    let (url, _) = raw_server(b"\x00\xff\x13garbage\r\n\r\n\r\n");
    let err = client_for(&url, fast()).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn a_non_json_success_body_is_a_decode_error() {
    let (url, _) =
        raw_server(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 14\r\n\r\n<html>\xff</html>");
    let err = client_for(&url, fast()).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// Timeouts

#[tokio::test]
async fn a_slow_server_times_out_within_the_configured_bound() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = Client::builder(format!("{}/Cust1", server.uri()))
        .timeout(Duration::from_millis(200))
        .connect_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = client.chat_session().for_current_user().send().await.unwrap_err();
    let took = start.elapsed();
    let Error::Timeout { operation, elapsed, connect } = err else { panic!("{err:?}") };
    assert_eq!(operation, "v1ChatSessionEntity_ChatSessionsForUser");
    assert!(!connect, "connected: the response timed out");
    assert!(took < Duration::from_millis(1500), "{took:?}");
    assert!(elapsed >= Duration::from_millis(150), "{elapsed:?}");

    // A request's own timeout overrides the client's.
    let client = Client::builder(format!("{}/Cust1", server.uri())).build().unwrap();
    let start = Instant::now();
    let err = client.chat_session().for_current_user().timeout(Duration::from_millis(200)).send().await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(start.elapsed() < Duration::from_millis(1500), "{:?}", start.elapsed());
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    // Accepts the connection, reads the request, says nothing.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
            read_request_head(&mut stream);
            std::thread::sleep(Duration::from_secs(3));
        }
    });
    let client = Client::builder(format!("http://{addr}/Cust1")).timeout(Duration::from_millis(300)).build().unwrap();
    let start = Instant::now();
    let err = client.chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(start.elapsed() < Duration::from_millis(1500), "{:?}", start.elapsed());
}

// ---------------------------------------------------------------------------------------------
// Header values

#[test]
fn header_values_with_cr_lf_or_invalid_bytes_are_rejected_when_set() {
    let bad = ["a\r\nX-Injected: 1", "a\nb", "a\rb", "a\0b", "a\x7fb", "tab\tis\x01not", "caf\u{e9}"];
    for value in bad {
        let err = Client::builder("https://host/Cust1").app_token(value).build().unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { name: "SO-AppToken", .. }), "{value:?}: {err:?}");
        let err = Client::builder("https://host/Cust1").language(value).build().unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { name: "SO-Language", .. }), "{value:?}: {err:?}");
        // (A Basic password is base64-encoded, so any text is a valid header there.)
        for auth in [Auth::bearer(value), Auth::so_ticket(value)] {
            let err = Client::builder("https://host/Cust1").auth(auth).build().unwrap_err();
            assert!(matches!(err, Error::InvalidHeader { name: "Authorization", .. }), "{value:?}: {err:?}");
        }
        let err = Client::builder("https://host/Cust1").auth(Auth::xsrf(value)).build().unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { name: "X-XSRF-TOKEN", .. }), "{value:?}: {err:?}");
    }
    // The first problem is kept even when later values are fine.
    let err = Client::builder("https://host/Cust1").culture("nb\r\n").language("en").build().unwrap_err();
    assert!(matches!(err, Error::InvalidHeader { name: "SO-Culture", .. }), "{err:?}");
}

#[tokio::test]
async fn an_invalid_request_header_is_rejected_without_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).expect(0).mount(&server).await;
    let client = client_for(&server.uri(), fast());
    for value in ["en\r\nX: 1", "en\u{0}", "\u{85}"] {
        let err = client.chat_session().for_current_user().accept_language(value).send().await.unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { name: "Accept-Language", .. }), "{err:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Load and the shared pool

#[test]
fn client_is_clone_send_sync() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<Client>();
    assert_traits::<RetryPolicy>();
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_thousand_concurrent_calls_on_one_client_have_no_errors() {
    let server = MockServer::start().await;
    let body = serde_json::json!([{"ChatSessionId": 1, "Status": "Closed"}, {"ChatSessionId": 2}]);
    Mock::given(method("GET"))
        .and(path(FOR_CURRENT_USER))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    // No retries: every call must succeed the first time.
    let client = client_for(&server.uri(), RetryPolicy::none());
    let start = Instant::now();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..1000 {
        let client = client.clone();
        calls.spawn(async move { client.chat_session().for_current_user().send().await });
    }
    let (mut ok, mut errors) = (0, Vec::new());
    while let Some(joined) = calls.join_next().await {
        match joined {
            Ok(Ok(sessions)) if sessions.len() == 2 => ok += 1,
            Ok(Ok(sessions)) => errors.push(format!("{} sessions", sessions.len())),
            Ok(Err(e)) => errors.push(e.to_string()),
            Err(e) => errors.push(format!("task failed: {e}")),
        }
    }
    assert!(errors.is_empty(), "{} errors, first: {:?}", errors.len(), errors.first());
    assert_eq!(ok, 1000);
    assert_eq!(requests(&server).await, 1000);
    assert!(start.elapsed() < Duration::from_secs(60), "{:?}", start.elapsed());
}

/// A keep-alive HTTP server on 127.0.0.1 answering every request with `200 []`. Counts
/// connections; stops by itself after 10 s.
fn keep_alive_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    seen.fetch_add(1, Ordering::SeqCst);
                    std::thread::spawn(move || {
                        let _ = stream.set_nonblocking(false);
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                        while read_request_head(&mut stream) {
                            let reply =
                                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]";
                            if stream.write_all(reply).is_err() {
                                break;
                            }
                        }
                    });
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    (format!("http://{addr}"), count)
}

#[tokio::test]
async fn clones_share_one_connection_pool() {
    let (url, connections) = keep_alive_server();
    let client = client_for(&url, fast());
    for _ in 0..20 {
        let clone = client.clone();
        clone.chat_session().for_current_user().send().await.unwrap();
    }
    assert_eq!(connections.load(Ordering::SeqCst), 1, "sequential calls from clones reuse one connection");
}
