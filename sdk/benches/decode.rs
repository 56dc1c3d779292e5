//! Decoding throughput: `Vec<ChatSessionEntity>` from JSON of 1, 100 and 10,000 sessions.
//!
//! For each size, six decoders read the same bytes:
//!
//! - `handwritten`: the baseline, minimal `#[derive(Deserialize)]` structs with the same fields
//!   that also keep unknown members (`#[serde(flatten)]` into a map), as the generated models do
//!   (see `support/baseline.rs` for what they are and why that is fair), `serde_json::from_slice`;
//! - `handwritten_lossy`: the same structs without the flattened map (they drop unknown members);
//! - `generated_from_slice`: the generated `models::ChatSessionEntity`, `serde_json::from_slice`;
//! - `generated_decode_json`: the generated model through `operation::decode_json`, which is what
//!   a builder's `send` uses (plain `from_str` after one UTF-8 check of the whole body; only a
//!   body that fails is scanned again, up to the error, to name the JSON path of the failing
//!   value);
//! - `value`: `serde_json::Value`;
//! - `floor_ignored_any`: `serde::de::IgnoredAny`, which parses and validates the JSON and keeps
//!   nothing: the floor any decoder of these bytes with serde_json pays.
//!
//! With `SUPEROFFICE_BENCH_PAYLOAD=<file>` set, the 10,000-session payload is also written to
//! `<file>`, for `scripts/bench-ts-client.sh` to decode the same bytes with SuperOffice's
//! TypeScript client.
//!
//! Each iteration decodes and drops the result, as a caller does. Run with
//! `cargo bench -p superoffice-webapi --bench decode -- --warm-up-time 1 --measurement-time 3`;
//! see BENCHMARKS.md.

use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, black_box, criterion_group, criterion_main};
use superoffice_webapi::models::ChatSessionEntity;
use superoffice_webapi::operation::decode_json;

mod support;

use support::baseline;

const SIZES: [usize; 3] = [1, 100, 10_000];

fn decode(c: &mut Criterion) {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each bench once, in a debug
    // build: skip the 62 MiB payload there.
    let full = std::env::args().any(|a| a == "--bench");
    for n in SIZES.into_iter().filter(|&n| full || n <= 100) {
        let body = support::sessions_json(n);
        check_payload(&body, n);
        if n == 10_000 {
            if let Some(path) = std::env::var_os("SUPEROFFICE_BENCH_PAYLOAD") {
                std::fs::write(&path, &body).expect("write the payload file");
                println!("decode/{n}: payload written to {}", std::path::Path::new(&path).display());
            }
        }
        let mut group = c.benchmark_group(format!("decode/{n}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        if n >= 10_000 {
            // One iteration takes a good fraction of a second: flat sampling with the
            // minimum of samples keeps the run short.
            group.sample_size(10).sampling_mode(SamplingMode::Flat);
        }
        group.bench_function("handwritten", |b| {
            b.iter(|| serde_json::from_slice::<Vec<baseline::keeping::ChatSession>>(black_box(&body)).expect("decodes"))
        });
        group.bench_function("handwritten_lossy", |b| {
            b.iter(|| serde_json::from_slice::<Vec<baseline::lossy::ChatSession>>(black_box(&body)).expect("decodes"))
        });
        group.bench_function("generated_from_slice", |b| {
            b.iter(|| serde_json::from_slice::<Vec<ChatSessionEntity>>(black_box(&body)).expect("decodes"))
        });
        group.bench_function("generated_decode_json", |b| {
            b.iter(|| decode_json::<Vec<ChatSessionEntity>>("bench", black_box(&body)).expect("decodes"))
        });
        group.bench_function("floor_ignored_any", |b| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body)).expect("parses"))
        });
        group.bench_function("value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&body)).expect("decodes"))
        });
        group.finish();
    }
}

/// Every decoder accepts the payload and sees the same sessions (a bench of a failing decode
/// would measure nothing useful).
fn check_payload(body: &[u8], n: usize) {
    let generated: Vec<ChatSessionEntity> = decode_json("bench", body).expect("generated model decodes the payload");
    let handwritten: Vec<baseline::keeping::ChatSession> =
        serde_json::from_slice(body).expect("baseline decodes the payload");
    assert_eq!(generated.len(), n);
    assert_eq!(handwritten.len(), n);
    for (g, h) in generated.iter().zip(&handwritten) {
        assert_eq!(g.chat_session_id, h.chat_session_id);
        assert_eq!(g.when_requested.map(|d| d.to_string()), h.when_requested);
        assert_eq!(g.status.as_ref().map(|s| s.to_string()), h.status);
        assert_eq!(g.unknown_fields.len(), h.unknown.len());
    }
    println!("decode/{n}: {} bytes of JSON", body.len());
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = decode
}
criterion_main!(benches);
