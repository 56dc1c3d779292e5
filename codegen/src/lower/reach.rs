//! Keeps only the models and enums an endpoint can reach, so the SDK has no dead types.

use std::collections::BTreeSet;

use crate::ir::{Api, Endpoint, RequestBodyKind, ResponseKind, TypeRef};

/// Pushes the model names `ty` mentions onto `out`.
pub fn models_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Model(m) => out.push(m.clone()),
        TypeRef::Array(inner) | TypeRef::Map(inner) => models_in(inner, out),
        _ => {}
    }
}

/// Adds the enum names `ty` mentions to `out`.
pub fn enums_in(ty: &TypeRef, out: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Enum(e) | TypeRef::Flags(e) => {
            out.insert(e.clone());
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) => enums_in(inner, out),
        _ => {}
    }
}

/// The models and enums reachable from `endpoints` (their bodies, parameters and nested fields).
fn reached<'e>(api: &Api, endpoints: impl Iterator<Item = &'e Endpoint>) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut roots = Vec::new();
    let mut enums = BTreeSet::new();
    for e in endpoints {
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
    (seen, enums)
}

/// Removes models and enums that no endpoint reaches.
pub fn prune_unreachable(api: &mut Api) {
    let (models, enums) = reached(api, api.resources.values().flat_map(|r| &r.endpoints));
    api.models.retain(|n, _| models.contains(n));
    api.enums.retain(|n, _| enums.contains(n));
}

/// Records on every model and enum the cargo features of the resources whose endpoints reach it.
pub fn assign_features(api: &mut Api) {
    let per_feature: Vec<(String, BTreeSet<String>, BTreeSet<String>)> = api
        .resources
        .values()
        .map(|r| {
            let (models, enums) = reached(api, r.endpoints.iter());
            (r.feature.clone(), models, enums)
        })
        .collect();
    for (feature, models, enums) in per_feature {
        for name in &models {
            if let Some(m) = api.models.get_mut(name) {
                m.features.insert(feature.clone());
            }
        }
        for name in &enums {
            if let Some(d) = api.enums.get_mut(name) {
                d.features.insert(feature.clone());
            }
        }
    }
}
