//! Request overhead: `client.chat_session().for_current_user().send()` against a raw reqwest GET
//! plus `serde_json::from_slice` of the same body, both served by a tiny local HTTP/1.1 responder.
//!
//! The responder (its own thread and single-threaded runtime, on 127.0.0.1) answers every request
//! on a keep-alive connection with the same fixed 100-session body, without looking at it beyond
//! the end of its headers: it costs both sides the same. Both clients reuse their connections.
//!
//! - `single/*`: one request at a time, on a current-thread tokio runtime;
//! - `inflight_64/*`: a batch of 64 concurrent requests (64 tasks, 64 pooled connections) on a
//!   multi-thread runtime with 2 workers (the machine's cores), with their own clients (a pooled
//!   connection belongs to the runtime that opened it).
//!
//! `raw` uses a `reqwest::Client` configured like the SDK's default one (same timeouts, same
//! `Accept` header, same user agent) and decodes into the same generated model with plain
//! `serde_json::from_slice`, so the difference is what the SDK's request pipeline adds. Run with
//! `cargo bench -p superoffice-webapi --bench request -- --warm-up-time 1 --measurement-time 3`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use superoffice_webapi::models::ChatSessionEntity;
use superoffice_webapi::{Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::task::JoinSet;

mod support;

const SESSIONS: usize = 100;
const IN_FLIGHT: usize = 64;
const PATH: &str = "/api/v1/ChatSession/ForCurrentUser";

/// Starts the responder on an ephemeral 127.0.0.1 port. It lives as long as the bench process.
fn start_server(body: &[u8]) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking listener");
    let addr = listener.local_addr().expect("local address");
    let mut response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(body);
    let response: Arc<[u8]> = response.into();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("server runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            while let Ok((socket, _)) = listener.accept().await {
                let _ = socket.set_nodelay(true);
                tokio::spawn(serve(socket, response.clone()));
            }
        });
    });
    addr
}

/// Answers each request (a GET: headers only) on one connection with `response`.
async fn serve(mut socket: tokio::net::TcpStream, response: Arc<[u8]>) {
    let mut buf = Vec::with_capacity(4096);
    loop {
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            buf.drain(..end + 4);
            if socket.write_all(&response).await.is_err() {
                return;
            }
        }
        match socket.read_buf(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

fn sdk_client(addr: SocketAddr) -> Client {
    Client::builder(format!("http://{addr}")).build().expect("SDK client")
}

/// A reqwest client set up as the SDK sets up its own.
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .timeout(DEFAULT_TIMEOUT)
        .user_agent(concat!("superoffice-webapi-rust/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("reqwest client")
}

async fn sdk_get(client: &Client) -> usize {
    client.chat_session().for_current_user().send().await.expect("SDK request").len()
}

async fn raw_get(client: &reqwest::Client, url: &str) -> usize {
    let resp = client
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .expect("raw request")
        .error_for_status()
        .expect("200");
    let bytes = resp.bytes().await.expect("raw body");
    serde_json::from_slice::<Vec<ChatSessionEntity>>(&bytes).expect("raw decode").len()
}

fn request(c: &mut Criterion) {
    let body = support::sessions_json(SESSIONS);
    println!("request: {} sessions, {} bytes per response", SESSIONS, body.len());
    let addr = start_server(&body);
    let url = format!("http://{addr}{PATH}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("client runtime");
    let sdk = sdk_client(addr);
    let raw = raw_client();
    // Both work and see the same sessions before anything is timed.
    assert_eq!(rt.block_on(sdk_get(&sdk)), SESSIONS);
    assert_eq!(rt.block_on(raw_get(&raw, &url)), SESSIONS);

    let mut group = c.benchmark_group("request/single");
    group.throughput(Throughput::Elements(1));
    group.bench_function("raw", |b| b.to_async(&rt).iter(|| raw_get(&raw, &url)));
    group.bench_function("sdk", |b| b.to_async(&rt).iter(|| sdk_get(&sdk)));
    group.finish();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("multi-thread client runtime");
    let sdk = sdk_client(addr);
    let raw = raw_client();
    let mut group = c.benchmark_group("request/inflight_64");
    group.throughput(Throughput::Elements(IN_FLIGHT as u64));
    group.bench_function("raw", |b| {
        b.to_async(&rt).iter(|| async {
            let mut set = JoinSet::new();
            for _ in 0..IN_FLIGHT {
                let (raw, url) = (raw.clone(), url.clone());
                set.spawn(async move { raw_get(&raw, &url).await });
            }
            join_all(set).await
        })
    });
    group.bench_function("sdk", |b| {
        b.to_async(&rt).iter(|| async {
            let mut set = JoinSet::new();
            for _ in 0..IN_FLIGHT {
                let sdk = sdk.clone();
                set.spawn(async move { sdk_get(&sdk).await });
            }
            join_all(set).await
        })
    });
    group.finish();
}

async fn join_all(mut set: JoinSet<usize>) -> usize {
    let mut total = 0;
    while let Some(n) = set.join_next().await {
        total += n.expect("request task");
    }
    assert_eq!(total, IN_FLIGHT * SESSIONS);
    total
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = request
}
criterion_main!(benches);
