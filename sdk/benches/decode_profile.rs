//! A driver for profilers (perf, valgrind): decodes the `decode` bench's payload with one decoder
//! a fixed number of times, with nothing else in the process worth profiling.
//!
//! ```sh
//! cargo bench -p superoffice-webapi --bench decode_profile --no-run
//! valgrind --tool=callgrind target/release/deps/decode_profile-<hash> generated 1000 2
//! perf record -g target/release/deps/decode_profile-<hash> generated 10000 5
//! ```
//!
//! Arguments: decoder (`generated` = `operation::decode_json`, `generated_from_slice`, `handwritten`, `handwritten_lossy`, `value`, `ignored_any`),
//! sessions (default 1000), iterations (default 1). Prints the decoder's throughput, which is
//! only meaningful on an otherwise idle machine; the instruction counts of callgrind are
//! meaningful under load too. Under `cargo test --benches` (no arguments) it decodes 10 sessions
//! once with each decoder.

use std::time::Instant;

use superoffice_webapi::models::ChatSessionEntity;
use superoffice_webapi::operation::decode_json;

mod support;

use support::baseline;

const DECODERS: [&str; 6] =
    ["generated", "generated_from_slice", "handwritten", "handwritten_lossy", "value", "ignored_any"];

/// Decodes `body` once with `decoder`; returns the number of sessions (or 1 for `ignored_any`).
/// Not inlined, so that `valgrind --tool=callgrind --toggle-collect='decode_profile::decode'` counts
/// the decoding (and dropping) alone, without building the payload.
#[inline(never)]
fn decode(decoder: &str, body: &[u8]) -> Result<usize, String> {
    let count = match decoder {
        "generated" => decode_json::<Vec<ChatSessionEntity>>("profile", body).map_err(|e| e.to_string())?.len(),
        "generated_from_slice" => {
            serde_json::from_slice::<Vec<ChatSessionEntity>>(body).map_err(|e| e.to_string())?.len()
        }
        "handwritten" => {
            serde_json::from_slice::<Vec<baseline::keeping::ChatSession>>(body).map_err(|e| e.to_string())?.len()
        }
        "handwritten_lossy" => {
            serde_json::from_slice::<Vec<baseline::lossy::ChatSession>>(body).map_err(|e| e.to_string())?.len()
        }
        "value" => {
            serde_json::from_slice::<serde_json::Value>(body).map_err(|e| e.to_string())?.as_array().map_or(0, Vec::len)
        }
        "ignored_any" => serde_json::from_slice::<serde::de::IgnoredAny>(body).map(|_| 1).map_err(|e| e.to_string())?,
        other => return Err(format!("unknown decoder `{other}`; one of {DECODERS:?}")),
    };
    Ok(count)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if args.is_empty() {
        let body = support::sessions_json(10);
        for decoder in DECODERS {
            let n = decode(decoder, &body).unwrap_or_else(|e| panic!("{decoder}: {e}"));
            assert!(n == 10 || decoder == "ignored_any", "{decoder}: {n}");
        }
        return;
    }
    let decoder = args[0].as_str();
    let sessions: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let iterations: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let body = support::sessions_json(sessions);
    let start = Instant::now();
    for _ in 0..iterations {
        decode(decoder, &body).unwrap_or_else(|e| panic!("{decoder}: {e}"));
    }
    let seconds = start.elapsed().as_secs_f64();
    let mib = (body.len() * iterations) as f64 / (1024.0 * 1024.0);
    println!("{decoder}: {sessions} sessions x {iterations}: {:.1} MiB/s", mib / seconds);
}
