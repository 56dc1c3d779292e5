//! Compressed responses: the client asks for gzip, deflate and brotli (`Accept-Encoding`) and
//! decodes each; a large list is several times smaller on the wire.

use std::io::Write;

use crate::common::{client, seed_sessions, tenant_path, without_nulls};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// HTTP's `deflate` is the zlib format.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(bytes).unwrap();
    }
    out
}

#[tokio::test]
async fn gzip_deflate_and_brotli_responses_decode_and_accept_encoding_is_sent() {
    let server = MockServer::start().await;
    let client = client(&server);
    let sessions = seed_sessions();
    // A larger list: the seed's sessions repeated.
    let list: Vec<serde_json::Value> = sessions.as_array().unwrap().iter().cycle().take(200).cloned().collect();
    let json = serde_json::to_vec(&list).unwrap();
    for (encoding, compressed) in [("gzip", gzip(&json)), ("deflate", deflate(&json)), ("br", brotli(&json))] {
        assert!(compressed.len() * 4 < json.len(), "{encoding}: {} of {} bytes", compressed.len(), json.len());
        let _mock = Mock::given(method("GET"))
            .and(path(tenant_path("/api/v1/ChatSession/ForCurrentUser")))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("Content-Encoding", encoding)
                    .set_body_raw(compressed, "application/json; charset=utf-8"),
            )
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let got = client.chat_session().for_current_user().send().await.unwrap_or_else(|e| panic!("{encoding}: {e}"));
        assert_eq!(got.len(), list.len(), "{encoding}");
        let back = serde_json::to_value(&got).unwrap();
        assert_eq!(without_nulls(&back), without_nulls(&serde_json::Value::Array(list.clone())), "{encoding}");
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    for r in requests {
        let accepted = r.headers.get("accept-encoding").and_then(|v| v.to_str().ok()).unwrap_or_default();
        let names: Vec<&str> = accepted.split(',').map(str::trim).collect();
        for encoding in ["gzip", "deflate", "br"] {
            assert!(names.contains(&encoding), "Accept-Encoding: {accepted}");
        }
    }
}

#[tokio::test]
async fn a_corrupt_compressed_body_is_an_error_not_a_panic() {
    let server = MockServer::start().await;
    let client = client(&server);
    Mock::given(method("GET"))
        .and(path(tenant_path("/api/v1/ChatSession/ForCurrentUser")))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Content-Encoding", "gzip")
                .set_body_raw(b"not gzip".to_vec(), "application/json"),
        )
        .mount(&server)
        .await;
    let err = client.chat_session().for_current_user().send().await.unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("transport error calling v1ChatSessionEntity_ChatSessionsForUser"), "{message}");
}
