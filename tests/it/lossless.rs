//! Read-modify-write loses nothing, for every documented endpoint (found through
//! `testing::all_endpoints()` and typed through the code generator's IR, so new endpoints are
//! covered without touching this file):
//!
//! - the documented sample, decoded and written back, equals the sample (minus nulls);
//! - so does the sample with unknown members added to every model object at every nesting level;
//! - property: a body built from the IR with every field set, every enum and flag value in a
//!   random casing and unknown members everywhere is written back exactly as received, and
//!   decodes equal to the same body in the documented casing. This covers every enum reachable
//!   from a response.

use std::collections::BTreeMap;

use crate::common::{docs_dir, without_nulls};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use superoffice_codegen::ir::{Api, ResponseKind, TypeRef};
use superoffice_webapi::testing::{all_endpoints, DocumentedEndpoint};

/// Every documented endpoint with its response type from the IR.
fn endpoints() -> (Api, Vec<(DocumentedEndpoint, TypeRef)>) {
    let api = superoffice_codegen::build_api(&docs_dir()).unwrap_or_else(|e| panic!("{e}"));
    let types: BTreeMap<String, TypeRef> = api
        .resources
        .values()
        .flat_map(|r| &r.endpoints)
        .filter_map(|e| match &e.response {
            ResponseKind::Json(t) => Some((e.operation_id.clone(), t.clone())),
            ResponseKind::Empty | ResponseKind::Binary => None,
        })
        .collect();
    let all = all_endpoints();
    assert!(!all.is_empty());
    let typed = all.into_iter().filter_map(|e| types.get(e.operation_id()).cloned().map(|t| (e, t))).collect();
    (api, typed)
}

/// Adds two unknown members (one nested, one null) to every model object inside `v`.
fn inject(v: &mut Value, ty: &TypeRef, api: &Api, added: &mut usize) {
    match (ty, v) {
        (TypeRef::Model(name), Value::Object(map)) => {
            if let Some(model) = api.models.get(name) {
                for field in &model.fields {
                    if let Some(child) = map.get_mut(&field.json_name) {
                        inject(child, &field.ty, api, added);
                    }
                }
            }
            *added += 1;
            map.insert(
                format!("ZzAdded{added}"),
                json!({"Nested": [1, "two", null, {"Deep": true, "Mask": "FULL"}], "Num": 1.5e300}),
            );
            map.insert("zzAddedNull".into(), Value::Null);
        }
        (TypeRef::Array(inner), Value::Array(items)) => items.iter_mut().for_each(|i| inject(i, inner, api, added)),
        (TypeRef::Map(inner), Value::Object(map)) => map.values_mut().for_each(|i| inject(i, inner, api, added)),
        _ => {}
    }
}

fn body(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

#[test]
fn every_sample_round_trips_with_and_without_unknown_members_at_every_level() {
    let (api, endpoints) = endpoints();
    let mut checked = 0;
    for (endpoint, ty) in &endpoints {
        let Some(sample) = endpoint.sample().json() else { continue };
        let id = endpoint.operation_id();
        let back = endpoint.reencode(&body(&sample)).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(without_nulls(&back), without_nulls(&sample), "{id}");

        let mut extended = sample.clone();
        let mut added = 0;
        inject(&mut extended, ty, &api, &mut added);
        let back = endpoint.reencode(&body(&extended)).unwrap_or_else(|e| panic!("{id} with extra members: {e}"));
        // Unknown members are written back even when null: compare exactly, minus the sample's
        // own nulls on known fields.
        assert_eq!(without_nulls(&back), without_nulls(&extended), "{id} with extra members");
        assert!(back.to_string().contains("zzAddedNull") == (added > 0), "{id}: unknown null members kept");
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} endpoints have JSON samples");
}

/// A small deterministic generator, seeded by proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A value of type `ty` with everything set, enum and flag values in their documented casing.
fn synthesize(ty: &TypeRef, api: &Api, rng: &mut Rng, depth: usize) -> Value {
    match ty {
        TypeRef::I32 | TypeRef::I64 => Value::from(rng.below(1000)),
        TypeRef::F64 => Value::from(rng.below(1000) as f64 / 8.0),
        TypeRef::Bool => Value::Bool(rng.below(2) == 0),
        TypeRef::String => Value::from(format!("text {}", rng.below(100))),
        TypeRef::DateTime => Value::from("2024-03-31T16:00:00.1234567+02:00"),
        TypeRef::Json => json!({"any": [1, "x"]}),
        // Base64 without padding and a .NET TimeSpan with days and ticks: both written back as read.
        TypeRef::Bytes => Value::from(["aGVsbG8", "AAECAw==", ""][rng.below(3)]),
        TypeRef::Duration => Value::from(["1.02:03:04.5000000", "-00:00:01", "00:30:00"][rng.below(3)]),
        TypeRef::Enum(name) => {
            let values = api.enums.get(name).map(|e| e.values.as_slice()).unwrap_or_default();
            match values.get(rng.below(values.len())) {
                Some(v) => Value::from(v.as_str()),
                None => Value::from("Anything"),
            }
        }
        TypeRef::Flags(name) => {
            let values = api.enums.get(name).map(|e| e.values.as_slice()).unwrap_or_default();
            // A random subset in documented order (as .NET writes flags).
            let picked: Vec<&str> = values.iter().filter(|_| rng.below(3) == 0).map(String::as_str).collect();
            Value::from(picked.join(", "))
        }
        TypeRef::Model(name) => {
            let mut map = Map::new();
            if let (Some(model), true) = (api.models.get(name), depth < 3) {
                for field in &model.fields {
                    map.insert(field.json_name.clone(), synthesize(&field.ty, api, rng, depth + 1));
                }
            }
            Value::Object(map)
        }
        TypeRef::Array(inner) => {
            Value::Array((0..1 + rng.below(2)).map(|_| synthesize(inner, api, rng, depth + 1)).collect())
        }
        TypeRef::Map(inner) => {
            let mut map = Map::new();
            map.insert(format!("key{}", rng.below(10)), synthesize(inner, api, rng, depth + 1));
            Value::Object(map)
        }
    }
}

/// `text` with each ASCII letter's case flipped at random (at least one, when it has letters).
fn recase(text: &str, rng: &mut Rng) -> String {
    let mut out: Vec<char> = text.chars().collect();
    for c in out.iter_mut() {
        if rng.below(2) == 0 {
            *c = if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
        }
    }
    let changed: String = out.iter().collect();
    if changed == text {
        if let Some(pos) = text.find(|c: char| c.is_ascii_alphabetic()) {
            let mut chars: Vec<char> = text.chars().collect();
            if let Some(c) = chars.get_mut(pos) {
                *c = if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            }
            return chars.into_iter().collect();
        }
    }
    changed
}

/// Re-cases every enum value and flag name held directly by a model field inside `v` (the
/// received spelling is kept there; an enum response, or enums in arrays and maps, are written
/// back in the documented casing); returns how many texts were changed.
fn recase_enums(v: &mut Value, ty: &TypeRef, api: &Api, rng: &mut Rng, model_field: bool) -> usize {
    match (ty, v) {
        (TypeRef::Enum(_) | TypeRef::Flags(_), Value::String(s)) if !s.is_empty() && model_field => {
            *s = recase(s, rng);
            1
        }
        (TypeRef::Model(name), Value::Object(map)) => api.models.get(name).map_or(0, |model| {
            model
                .fields
                .iter()
                .map(|f| map.get_mut(&f.json_name).map_or(0, |child| recase_enums(child, &f.ty, api, rng, true)))
                .sum()
        }),
        (TypeRef::Array(inner), Value::Array(items)) => {
            items.iter_mut().map(|i| recase_enums(i, inner, api, rng, false)).sum()
        }
        (TypeRef::Map(inner), Value::Object(map)) => {
            map.values_mut().map(|i| recase_enums(i, inner, api, rng, false)).sum()
        }
        _ => 0,
    }
}

fn typed() -> &'static (Api, Vec<(DocumentedEndpoint, TypeRef)>) {
    static TYPED: std::sync::OnceLock<(Api, Vec<(DocumentedEndpoint, TypeRef)>)> = std::sync::OnceLock::new();
    TYPED.get_or_init(endpoints)
}

/// The property runs in this many tests, each over every `SHARDS`-th endpoint, so the test
/// threads share it (it is the longest test of the binary: 24 cases of every endpoint).
const SHARDS: usize = 4;

/// One case of the property for the endpoints of `shard`.
fn recased_values_round_trip(shard: usize, seed: u64) -> Result<(), TestCaseError> {
    let (api, endpoints) = typed();
    let mut rng = Rng(seed | 1);
    let mut recased = 0;
    for (endpoint, ty) in endpoints.iter().skip(shard).step_by(SHARDS) {
        let id = endpoint.operation_id();
        let mut documented = synthesize(ty, api, &mut rng, 0);
        let mut added = 0;
        inject(&mut documented, ty, api, &mut added);
        let mut received = documented.clone();
        recased += recase_enums(&mut received, ty, api, &mut rng, false);

        let back = endpoint.reencode(&body(&received)).unwrap_or_else(|e| panic!("{id}: {e}"));
        prop_assert_eq!(&without_nulls(&back), &without_nulls(&received), "{}", id);
        let same = endpoint.decode_equal(&body(&received), &body(&documented)).unwrap_or_else(|e| panic!("{id}: {e}"));
        prop_assert!(same, "{}: the re-cased body decodes to other values", id);
    }
    prop_assert!(recased > 0, "shard {} re-cased no enum value", shard);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn enum_and_flag_values_in_any_casing_are_recognised_and_written_back_as_received_0(seed in any::<u64>()) {
        recased_values_round_trip(0, seed)?;
    }

    #[test]
    fn enum_and_flag_values_in_any_casing_are_recognised_and_written_back_as_received_1(seed in any::<u64>()) {
        recased_values_round_trip(1, seed)?;
    }

    #[test]
    fn enum_and_flag_values_in_any_casing_are_recognised_and_written_back_as_received_2(seed in any::<u64>()) {
        recased_values_round_trip(2, seed)?;
    }

    #[test]
    fn enum_and_flag_values_in_any_casing_are_recognised_and_written_back_as_received_3(seed in any::<u64>()) {
        recased_values_round_trip(3, seed)?;
    }
}

/// The property above exercises every enum a response can carry: over half of the generated ones
/// across the whole API (the others only appear in request bodies or query parameters).
#[test]
fn most_enums_are_reachable_from_a_response() {
    fn walk(ty: &TypeRef, api: &Api, seen_models: &mut Vec<String>, enums: &mut std::collections::BTreeSet<String>) {
        match ty {
            TypeRef::Enum(e) | TypeRef::Flags(e) => {
                enums.insert(e.clone());
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) => walk(inner, api, seen_models, enums),
            TypeRef::Model(name) if !seen_models.contains(name) => {
                seen_models.push(name.clone());
                if let Some(m) = api.models.get(name) {
                    m.fields.iter().for_each(|f| walk(&f.ty, api, seen_models, enums));
                }
            }
            _ => {}
        }
    }
    let (api, endpoints) = typed();
    let mut enums = std::collections::BTreeSet::new();
    endpoints.iter().for_each(|(_, ty)| walk(ty, api, &mut Vec::new(), &mut enums));
    eprintln!("{} of {} enums reachable", enums.len(), api.enums.len());
    assert!(enums.len() >= api.enums.len() / 2, "{} of {} enums reachable", enums.len(), api.enums.len());
    assert!(enums.contains("TableRightMask") && enums.contains("ChatSessionEntityStatus"), "{enums:?}");
}
