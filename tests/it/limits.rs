//! The maximum response body size: a declared `Content-Length` over the limit, an endless chunked
//! body (which only ends because the client stops reading at the limit), a body exactly at the
//! limit, and error responses.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use superoffice_webapi::{Auth, Client, Error, RetryPolicy, DEFAULT_MAX_RESPONSE_BODY_SIZE};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

const FOR_CURRENT_USER: &str = "/Cust1/api/v1/ChatSession/ForCurrentUser";

fn client(base: &str, limit: usize) -> Client {
    Client::builder(format!("{base}/Cust1"))
        .auth(Auth::bearer("test-token"))
        .retry(RetryPolicy::none())
        .max_response_body_size(limit)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `[` + spaces + `]`: valid JSON (an empty list) of exactly `len` bytes.
fn padded_empty_list(len: usize) -> Vec<u8> {
    let mut body = vec![b' '; len];
    body[0] = b'[';
    body[len - 1] = b']';
    body
}

#[tokio::test]
async fn a_body_exactly_at_the_limit_is_read_and_one_byte_more_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(path(FOR_CURRENT_USER))
        .respond_with(ResponseTemplate::new(200).set_body_raw(padded_empty_list(1024), "application/json"))
        .mount(&server)
        .await;
    let sessions = client(&server.uri(), 1024).chat_session().for_current_user().send().await.unwrap();
    assert!(sessions.is_empty());

    let err = client(&server.uri(), 1023).chat_session().for_current_user().send().await.unwrap_err();
    let Error::ResponseTooLarge { operation, limit } = &err else { panic!("{err:?}") };
    assert_eq!((*operation, *limit), ("v1ChatSessionEntity_ChatSessionsForUser", 1023));
    let text = err.to_string();
    assert!(text.contains("1023 bytes") && text.contains("v1ChatSessionEntity_ChatSessionsForUser"), "{text}");
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn error_responses_are_limited_too() {
    let server = MockServer::start().await;
    Mock::given(path(FOR_CURRENT_USER))
        .respond_with(ResponseTemplate::new(500).set_body_string("x".repeat(4096)))
        .mount(&server)
        .await;
    let err = client(&server.uri(), 100).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { limit: 100, .. }), "{err:?}");
    // Under the limit, the same response is the usual HTTP error.
    let err = client(&server.uri(), 10_000).chat_session().for_current_user().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err:?}");
}

/// A server that answers one request with a chunked body made of `chunks` (then the final empty
/// chunk), counting the bytes it managed to send before the client hung up.
fn chunked_server(chunks: impl Iterator<Item = Vec<u8>> + Send + 'static) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else { return };
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
            if line == "\r\n" {
                break;
            }
            line.clear();
        }
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        stream.set_write_timeout(Some(Duration::from_secs(20))).ok();
        for chunk in chunks {
            let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
            frame.extend_from_slice(&chunk);
            frame.extend_from_slice(b"\r\n");
            if stream.write_all(&frame).is_err() {
                return;
            }
            stream.flush().ok();
            counter.fetch_add(chunk.len(), Ordering::SeqCst);
        }
        stream.write_all(b"0\r\n\r\n").ok();
    });
    (format!("http://{addr}"), sent)
}

#[tokio::test]
async fn an_endless_body_without_content_length_stops_at_the_limit() {
    // 1 GiB in 64 KiB chunks: the server stops when the client closes the connection.
    let (base, sent) = chunked_server((0..(1 << 14)).map(|_| vec![b' '; 64 * 1024]));
    let limit = 1024 * 1024;
    let err = client(&base, limit).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { limit: 1048576, .. }), "{err:?}");
    // The client read at most the limit (plus what sat in socket buffers), far from the 1 GiB the
    // server would send to a client that buffers first.
    let sent = sent.load(Ordering::SeqCst);
    assert!(sent < 256 * 1024 * 1024, "server sent {sent} bytes");
}

#[tokio::test]
async fn a_body_in_many_chunks_under_the_limit_is_reassembled() {
    let sessions: Vec<String> =
        (1..=50).map(|id| format!(r#"{{"ChatSessionId":{id},"CustomerName":"c{id}"}}"#)).collect();
    let body = format!("[{}]", sessions.join(","));
    // Split into 7-byte chunks, so values straddle chunk boundaries.
    let chunks: Vec<Vec<u8>> = body.as_bytes().chunks(7).map(<[u8]>::to_vec).collect();
    assert!(chunks.len() > 100);
    let (base, _) = chunked_server(chunks.into_iter());
    let got = client(&base, body.len()).chat_session().for_current_user().send().await.unwrap();
    let ids: Vec<i32> = got.iter().filter_map(|s| s.chat_session_id).collect();
    assert_eq!(ids, (1..=50).collect::<Vec<_>>());
    assert_eq!(got[49].customer_name.as_deref(), Some("c50"));
}

#[test]
fn the_default_limit_is_64_mib() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BODY_SIZE, 64 * 1024 * 1024);
    let dbg = format!("{:?}", Client::builder("https://host/Cust1"));
    assert!(dbg.contains("max_response_body_size: 67108864"), "{dbg}");
}
