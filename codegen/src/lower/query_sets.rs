//! Optional query-parameter sets several endpoints share ([`QuerySet`]): found here, named by
//! what they hold ([`super::names::query_set_name`]) and made unique by
//! [`super::names::make_unique`], which stores them in [`Api::query_sets`].

use std::collections::BTreeMap;

use crate::ir::{Api, Param, QuerySet, QuerySetUser, TypeRef};

/// What identifies a set: names and types, in order.
type Signature = Vec<(String, TypeRef)>;

fn signature(params: &[Param]) -> Signature {
    params.iter().filter(|p| !p.required).map(|p| (p.wire_name.clone(), p.ty.clone())).collect()
}

/// Sets of two or more optional query parameters that two or more endpoints share, in signature
/// order, each named by [`super::names::query_set_name`] (names not yet unique: two sets can
/// hold parameters of the same names with different types).
pub fn shared(api: &Api) -> Vec<QuerySet> {
    let mut groups: BTreeMap<Signature, Vec<(&String, &crate::ir::Resource, &crate::ir::Endpoint)>> = BTreeMap::new();
    for (key, r) in &api.resources {
        for e in &r.endpoints {
            let sig = signature(&e.query_params);
            if sig.len() >= 2 {
                groups.entry(sig).or_default().push((key, r, e));
            }
        }
    }
    let mut sets = Vec::new();
    for users in groups.into_values().filter(|u| u.len() >= 2) {
        let Some((_, _, first)) = users.first() else { continue };
        let params: Vec<Param> = first.query_params.iter().filter(|p| !p.required).cloned().collect();
        let mut gated = false;
        for p in &params {
            p.ty.walk(&mut |t| gated |= matches!(t, TypeRef::Model(_)));
        }
        sets.push(QuerySet {
            name: super::names::query_set_name(&params),
            users: users
                .iter()
                .map(|(key, _, e)| QuerySetUser { resource: (*key).clone(), operation_id: e.operation_id.clone() })
                .collect(),
            features: users.iter().map(|(_, r, _)| r.feature.clone()).collect(),
            params,
            gated,
        });
    }
    sets
}

/// Stores `sets` (named, unique) in `api`: [`Api::query_sets`], every user's
/// [`crate::ir::Endpoint::query_set`], and [`crate::ir::EnumDef::always_compiled`] for the enums
/// of the ungated sets. What an earlier run stored is replaced.
pub fn store(api: &mut Api, sets: Vec<QuerySet>) {
    let mut set_of: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for s in &sets {
        for u in &s.users {
            set_of.insert((u.resource.as_str(), u.operation_id.as_str()), s.name.as_str());
        }
    }
    for (key, r) in api.resources.iter_mut() {
        for e in &mut r.endpoints {
            e.query_set = set_of.get(&(key.as_str(), e.operation_id.as_str())).map(|n| n.to_string());
        }
    }
    let mut always = std::collections::BTreeSet::new();
    for set in sets.iter().filter(|s| !s.gated) {
        for p in &set.params {
            p.ty.walk(&mut |t| {
                if let TypeRef::Enum(e) | TypeRef::Flags(e) = t {
                    always.insert(e.clone());
                }
            });
        }
    }
    for (name, def) in api.enums.iter_mut() {
        def.always_compiled = always.contains(name);
    }
    api.query_sets = sets;
}
