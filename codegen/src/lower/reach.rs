//! Keeps only the models and enums an endpoint can reach, so the SDK has no dead types.

use std::collections::BTreeSet;

use crate::ir::visit::endpoint_type_refs;
use crate::ir::{Api, Endpoint, TypeRef};

/// Adds the model and enum names `ty` mentions (inside arrays and maps too) to `models` and `enums`.
fn names_in(ty: &TypeRef, models: Option<&mut Vec<String>>, enums: &mut BTreeSet<String>) {
    let mut models = models;
    ty.walk(&mut |t| match t {
        TypeRef::Model(m) => {
            if let Some(out) = models.as_deref_mut() {
                out.push(m.clone());
            }
        }
        TypeRef::Enum(e) | TypeRef::Flags(e) => {
            enums.insert(e.clone());
        }
        _ => {}
    });
}

/// The models and enums reachable from `endpoints`: from their bodies and responses (and the
/// models' fields, transitively) models and enums; from their parameters enums only.
fn reached<'e>(api: &Api, endpoints: impl Iterator<Item = &'e Endpoint>) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut roots = Vec::new();
    let mut enums = BTreeSet::new();
    for e in endpoints {
        endpoint_type_refs(e, |slot, t| {
            let models = if slot.is_param() { None } else { Some(&mut roots) };
            names_in(t, models, &mut enums);
        });
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = roots.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(m) = api.models.get(&name) {
            for f in &m.fields {
                names_in(&f.ty, Some(&mut roots), &mut enums);
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
