//! One HTTP exchange for an operation: URL, headers, body, status and decoding.

use std::time::{Duration, Instant};

use http::HeaderMap;

use crate::error::HttpError;
use crate::headers::DocumentedHeaders;
use crate::operation::Operation;
use crate::{Client, Error};

/// Sends `op` with the client's defaults overridden by `headers`, and decodes the response.
pub(crate) async fn execute<Op: Operation>(
    client: &Client,
    op: &Op,
    headers: &DocumentedHeaders,
    timeout: Option<Duration>,
) -> Result<Op::Output, Error> {
    let inner = &client.inner;
    let url = client.url_for(op)?;
    let mut all_headers: HeaderMap = inner.default_headers.clone();
    headers.apply_to(&mut all_headers);
    let body = op.body()?;
    let mut req = inner.http.request(Op::METHOD, url).headers(all_headers);
    if let Some(b) = body {
        req = req.header(http::header::CONTENT_TYPE, b.content_type).body(b.bytes);
    }
    if let Some(t) = timeout {
        req = req.timeout(t);
    }
    let start = Instant::now();
    let resp = req.send().await.map_err(|e| transport_error::<Op>(e, start))?;
    let status = resp.status();
    let resp_headers = resp.headers().clone();
    let bytes = resp.bytes().await.map_err(|e| transport_error::<Op>(e, start))?;
    if !status.is_success() {
        return Err(HttpError::new(Op::OPERATION_ID, status, resp_headers, &bytes).into());
    }
    Op::decode(&bytes).map_err(Error::from)
}

/// Maps a reqwest error without its URL (and so without anything a caller put there).
fn transport_error<Op: Operation>(e: reqwest::Error, start: Instant) -> Error {
    if e.is_timeout() {
        return Error::Timeout { operation: Op::OPERATION_ID, elapsed: start.elapsed() };
    }
    let connect = e.is_connect();
    let e = e.without_url();
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Transport { operation: Op::OPERATION_ID, message, connect }
}
