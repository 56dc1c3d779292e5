//! Property tests: decoding a response body returns a value or a [`DecodeError`], never a panic,
//! for arbitrary bytes, arbitrary JSON shaped like the models, and the documentation's sample
//! responses with values replaced at random; whatever decodes is written, read back equal and
//! written identically. `DateTime::parse` likewise, and what it accepts it
//! writes back unchanged.
//!
//! Bounded (256 cases per property) so it runs in `cargo test --workspace`; the cargo-fuzz target
//! `fuzz/fuzz_targets/decode_response.rs` explores the same functions without a bound.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use superoffice_webapi::models::{ChatSessionEntity, ChatTopicEntity};
use superoffice_webapi::operation::decode_json;
use superoffice_webapi::{DateTime, HttpError};

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

/// Decodes `body` as every response type under test; what decodes must encode again, and what
/// the SDK writes it must read back as the same value and write identically (unknown members,
/// received spellings and all).
fn decode_all(body: &[u8]) {
    fn one<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(body: &[u8]) {
        if let Ok(v) = decode_json::<T>("proptest", body) {
            let written = serde_json::to_vec(&v).expect("a decoded value encodes");
            let again: T = decode_json("proptest", &written).expect("what the SDK writes it reads back");
            assert_eq!(again, v);
            assert_eq!(serde_json::to_vec(&again).expect("encodes"), written);
        }
    }
    one::<Vec<ChatSessionEntity>>(body);
    one::<ChatSessionEntity>(body);
    one::<Vec<ChatTopicEntity>>(body);
    one::<ChatTopicEntity>(body);
    let e = HttpError::new("proptest", http::StatusCode::SERVICE_UNAVAILABLE, http::HeaderMap::new(), body);
    let _ = e.to_string();
}

/// The JSON bodies of the sample responses in docs-input (` ```http_ ` blocks).
fn samples() -> &'static [Value] {
    static SAMPLES: OnceLock<Vec<Value>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let mut files = Vec::new();
        collect(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input"), &mut files);
        files.sort();
        let mut out = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let mut lines = text.lines();
            while let Some(line) = lines.next() {
                if !line.starts_with("```http_") {
                    continue;
                }
                let block: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
                let body = block.iter().skip_while(|l| !l.trim().is_empty()).skip(1).copied().collect::<Vec<_>>();
                if let Ok(v) = serde_json::from_str::<Value>(&body.join("\n")) {
                    if v.is_array() || v.is_object() {
                        out.push(v);
                    }
                }
            }
        }
        assert!(out.len() >= 5, "expected the docs' sample responses, found {}", out.len());
        out
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

/// Object keys found in the samples (the models' field names), for JSON shaped like the models.
fn keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        fn walk(v: &Value, out: &mut std::collections::BTreeSet<String>) {
            match v {
                Value::Object(m) => {
                    for (k, v) in m {
                        out.insert(k.clone());
                        walk(v, out);
                    }
                }
                Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut set = std::collections::BTreeSet::new();
        samples().iter().for_each(|v| walk(v, &mut set));
        set.into_iter().collect()
    })
}

/// Strings the models care about: date-times, enum and flag names, numbers in strings.
fn interesting_string() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(
            &[
                "",
                "2024-03-31T16:00:00",
                "2024-03-31T16:00:00.1234567+02:00",
                "0001-01-01T00:00:00",
                "9999-12-31T23:59:60.999999999Z",
                "+262143-12-31T23:59:59-23:59",
                "Closed",
                "Invalid",
                "CustomerIsTyping",
                "CustomerIsTyping, Escalated",
                "Unknown,,",
                "42",
                "-1",
                "1e400",
                "true",
                "null",
            ][..]
        )
        .prop_map(str::to_string),
        proptest::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        interesting_string().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let key = prop_oneof![
            3 => any::<Index>().prop_map(|i| { let k = keys(); k[i.index(k.len())].clone() }),
            1 => proptest::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..10).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// JSON pointers of every value inside `v`.
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let p = format!("{here}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                let p = format!("{here}/{i}");
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        decode_all(&body);
    }

    #[test]
    fn model_shaped_json_never_panics(v in json()) {
        decode_all(&serde_json::to_vec(&v).unwrap());
        decode_all(&serde_json::to_vec(&Value::Array(vec![v])).unwrap());
    }

    #[test]
    fn samples_with_values_replaced_never_panic(
        sample in any::<Index>(),
        replacements in proptest::collection::vec((any::<Index>(), json()), 1..6),
    ) {
        let all = samples();
        let mut v = all[sample.index(all.len())].clone();
        for (at, new) in replacements {
            let mut ps = Vec::new();
            pointers(&v, String::new(), &mut ps);
            if ps.is_empty() {
                v = new;
                continue;
            }
            if let Some(slot) = v.pointer_mut(&ps[at.index(ps.len())]) {
                *slot = new;
            }
        }
        decode_all(&serde_json::to_vec(&v).unwrap());
    }

    #[test]
    fn samples_with_bytes_cut_or_changed_never_panic(
        sample in any::<Index>(),
        cut in any::<Index>(),
        flips in proptest::collection::vec((any::<Index>(), any::<u8>()), 0..4),
    ) {
        let all = samples();
        let mut bytes = serde_json::to_vec(&all[sample.index(all.len())]).unwrap();
        for (at, b) in flips {
            let n = bytes.len();
            bytes[at.index(n)] = b;
        }
        let n = bytes.len();
        bytes.truncate(cut.index(n + 1));
        decode_all(&bytes);
    }

    #[test]
    fn datetime_parse_never_panics_and_round_trips(s in prop_oneof![
        interesting_string(),
        proptest::collection::vec(
            proptest::sample::select(&['0', '1', '2', '9', '-', '+', ':', 'T', 'Z', '.', ' ', 'x', '\u{e9}'][..]),
            0..45,
        ).prop_map(String::from_iter),
    ]) {
        if let Ok(dt) = DateTime::parse(&s) {
            prop_assert_eq!(dt.to_string(), s);
            let json = serde_json::to_string(&dt).unwrap();
            let back: DateTime = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, dt);
        }
    }

    #[test]
    fn datetime_with_random_digits_never_panics(
        y in 0u32..=99999, mo in 0u32..=99, d in 0u32..=99, h in 0u32..=99, mi in 0u32..=99, s in 0u32..=99,
        frac in proptest::option::of(0u64..=99_999_999_999), tz in proptest::option::of((any::<bool>(), 0u32..=99, 0u32..=99)),
    ) {
        let mut text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
        if let Some(f) = frac { text.push_str(&format!(".{f}")); }
        if let Some((neg, th, tm)) = tz { text.push_str(&format!("{}{th:02}:{tm:02}", if neg { '-' } else { '+' })); }
        if let Ok(dt) = DateTime::parse(&text) {
            prop_assert_eq!(dt.to_string(), text);
        }
    }
}
