//! Keeps only the models and enums an endpoint can reach, so the SDK has no dead types.

use std::collections::BTreeSet;

use crate::ir::{Api, RequestBodyKind, ResponseKind, TypeRef};

/// Pushes the model names `ty` mentions onto `out`.
pub fn models_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Model(m) => out.push(m.clone()),
        TypeRef::Array(inner) | TypeRef::Map(inner) => models_in(inner, out),
        _ => {}
    }
}

fn enums_in(ty: &TypeRef, out: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Enum(e) | TypeRef::Flags(e) => {
            out.insert(e.clone());
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) => enums_in(inner, out),
        _ => {}
    }
}

/// Removes models and enums that no endpoint reaches.
pub fn prune_unreachable(api: &mut Api) {
    let mut roots = Vec::new();
    let mut enums = BTreeSet::new();
    for e in api.resources.values().flat_map(|r| &r.endpoints) {
        if let ResponseKind::Json(t) = &e.response {
            models_in(t, &mut roots);
            enums_in(t, &mut enums);
        }
        if let Some(b) = &e.request_body {
            if let RequestBodyKind::Json(t) = &b.kind {
                models_in(t, &mut roots);
                enums_in(t, &mut enums);
            }
        }
        for p in e.path_params.iter().chain(&e.query_params) {
            enums_in(&p.ty, &mut enums);
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = roots.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(m) = api.models.get(&name) {
            for f in &m.fields {
                models_in(&f.ty, &mut roots);
                enums_in(&f.ty, &mut enums);
            }
        }
    }
    api.models.retain(|n, _| seen.contains(n));
    api.enums.retain(|n, _| enums.contains(n));
}
