//! Every Rust name the emitter uses is unique by construction, whatever part of the docs is
//! generated: random subsets of docs-input (OpenAPI files, pages, scripting pages) are lowered and
//! the IR's naming invariants checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use superoffice_codegen::doc::DocApi;
use superoffice_codegen::ir::visit::endpoint_type_refs;
use superoffice_codegen::ir::{Api, ResourceKind, TypeRef};
use superoffice_codegen::load::{self, Inputs};
use superoffice_codegen::lower;
use superoffice_codegen::naming::{is_keyword, snake_case};

fn inputs() -> &'static Inputs {
    static INPUTS: OnceLock<Inputs> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        load::load(&docs).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The docs restricted to the source files whose index is in `keep` (one bit per file).
fn subset(doc: &DocApi, keep: &[bool]) -> DocApi {
    let files: Vec<&Path> = {
        let mut f: Vec<&Path> = doc
            .operations
            .iter()
            .map(|o| o.source.file.as_path())
            .chain(doc.schemas.iter().map(|s| s.span.file.as_path()))
            .chain(doc.scripting.iter().map(|s| s.span.file.as_path()))
            .collect();
        f.sort();
        f.dedup();
        f
    };
    let kept: BTreeSet<&Path> = files.iter().zip(keep.iter().cycle()).filter(|(_, k)| **k).map(|(f, _)| *f).collect();
    DocApi {
        operations: doc.operations.iter().filter(|o| kept.contains(o.source.file.as_path())).cloned().collect(),
        schemas: doc.schemas.iter().filter(|s| kept.contains(s.span.file.as_path())).cloned().collect(),
        scripting: doc.scripting.iter().filter(|s| kept.contains(s.span.file.as_path())).cloned().collect(),
    }
}

fn is_ident(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_keyword(s)
}

fn insert_unique<'a>(seen: &mut BTreeMap<String, &'a str>, name: String, owner: &'a str, what: &str) {
    if let Some(first) = seen.insert(name.clone(), owner) {
        panic!("{what} `{name}` of `{owner}` is also `{first}`'s");
    }
}

/// The invariants the emitter relies on.
/// `complete`: lowering reported no problem, so every referenced type must be defined.
fn check_names(api: &Api, complete: bool) {
    let (mut features, mut clients, mut modules) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let (mut mocks, mut tables, mut builders) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for (key, r) in &api.resources {
        insert_unique(&mut features, r.feature.clone(), key, "feature");
        insert_unique(&mut clients, r.client.clone(), key, "client");
        insert_unique(&mut mocks, r.mocks_type.clone(), key, "mock builder");
        insert_unique(&mut tables, r.endpoint_table.clone(), key, "endpoint table");
        insert_unique(&mut tables, r.sample_table.clone(), key, "sample table");
        assert!(is_ident(&r.mocks_type) && is_ident(&r.endpoint_table) && is_ident(&r.sample_table), "{key}");
        let kind = if r.kind == ResourceKind::Agent { "agents::" } else { "" };
        insert_unique(&mut modules, format!("{kind}{}", r.module), key, "module");
        assert!(is_ident(&r.module) && is_ident(&r.client), "{key}");
        let runtime = superoffice_codegen::lower::names::RUNTIME_FEATURES;
        assert!(!runtime.contains(&r.feature.as_str()), "{key}: feature `{}`", r.feature);
        let (mut methods, mut types) = (BTreeMap::new(), BTreeMap::new());
        types.insert(r.client.clone(), "client");
        for e in &r.endpoints {
            assert!(is_ident(&e.method_name), "{}: method `{}`", e.operation_id, e.method_name);
            assert!(!["new", "client"].contains(&e.method_name.as_str()), "{}", e.operation_id);
            insert_unique(&mut methods, e.method_name.clone(), &e.operation_id, "method");
            insert_unique(&mut types, e.op_type.clone(), &e.operation_id, "operation type");
            insert_unique(&mut types, e.hooks_trait.clone(), &e.operation_id, "hooks trait");
            assert!(is_ident(&e.hooks_builder), "{}: `{}`", e.operation_id, e.hooks_builder);
            insert_unique(&mut builders, e.hooks_builder.clone(), &e.operation_id, "hooks builder method");
            let mut args = BTreeMap::new();
            let body = e.request_body.iter().map(|b| b.rust_name.clone());
            for name in e
                .path_params
                .iter()
                .map(|p| p.rust_name.clone())
                .chain(body)
                .chain(e.query_params.iter().map(|q| q.rust_name.clone()))
            {
                assert!(is_ident(&name), "{}: `{name}`", e.operation_id);
                insert_unique(&mut args, name, &e.operation_id, "argument");
            }
            for q in &e.query_params {
                assert!(
                    !["send", "language", "timeout", "retry", "hooks"].contains(&q.rust_name.as_str()),
                    "{}",
                    e.operation_id
                );
            }
            if complete {
                endpoint_type_refs(e, |_, t| defined(api, t, &e.operation_id));
            }
            if let Some(set) = &e.query_set {
                assert!(api.query_sets.iter().any(|s| &s.name == set), "{}: set `{set}`", e.operation_id);
            }
        }
    }
    let mut files = BTreeMap::new();
    for m in api.models.values() {
        for name in std::iter::once(&m.name).chain(&m.aliases) {
            assert!(is_ident(name), "model `{name}`");
        }
        assert_eq!(m.module, snake_case(&m.name));
        insert_unique(&mut files, m.module.clone(), &m.name, "models file");
        let mut fields = BTreeMap::new();
        for f in &m.fields {
            assert!(is_ident(&f.rust_name), "{}.{}", m.name, f.rust_name);
            insert_unique(&mut fields, f.rust_name.clone(), &f.json_name, "field");
            if complete {
                defined(api, &f.ty, &m.name);
            }
        }
        assert!(!m.features.is_empty(), "model {} is reached by no feature", m.name);
    }
    for e in api.enums.values() {
        assert!(is_ident(&e.name), "enum `{}`", e.name);
        assert_eq!(e.module, snake_case(&e.name));
        insert_unique(&mut files, e.module.clone(), &e.name, "models file");
        assert_eq!(e.variants.len(), e.values.len(), "enum {}", e.name);
        assert!(!e.features.is_empty(), "enum {} is reached by no feature", e.name);
    }
    let mut sets = BTreeMap::new();
    for set in &api.query_sets {
        assert!(is_ident(&set.name), "query set `{}`", set.name);
        insert_unique(&mut sets, set.name.clone(), &set.name, "query set");
    }
}

fn defined(api: &Api, t: &TypeRef, at: &str) {
    t.walk(&mut |t| match t {
        TypeRef::Model(m) => assert!(api.models.contains_key(m), "{at}: model {m} is not defined"),
        TypeRef::Enum(e) | TypeRef::Flags(e) => assert!(api.enums.contains_key(e), "{at}: enum {e} is not defined"),
        _ => {}
    });
}

#[test]
fn the_whole_docs_input_has_unique_names_and_no_problems() {
    let lowered = lower::lower(&inputs().doc, &inputs().overrides);
    assert!(lowered.problems.is_empty(), "{:?}", lowered.problems);
    check_names(&lowered.api, true);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn any_subset_of_the_docs_has_unique_names(keep in proptest::collection::vec(any::<bool>(), 1..160)) {
        let doc = subset(&inputs().doc, &keep);
        let lowered = lower::lower(&doc, &inputs().overrides);
        // A subset may name types only an omitted file defines (a problem naming file:line);
        // what is generated must still be uniquely named.
        for p in &lowered.problems {
            prop_assert!(p.line > 0 && !p.message.contains("already used by") && !p.message.contains("is also the name"), "{p}");
        }
        check_names(&lowered.api, lowered.problems.is_empty());
    }
}
