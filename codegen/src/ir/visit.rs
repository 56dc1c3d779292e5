//! One visitor over every place of the [`Api`] that holds a [`TypeRef`]: model fields, endpoint
//! parameters, JSON request bodies and responses, shared query-set parameters and hook return
//! types. Each place is given once, with its [`Position`]; [`TypeRef::walk`] then goes into the
//! types inside (array elements, map values).

use super::{Api, Endpoint, Field, HookMethod, Model, Param, QuerySet, RequestBody, RequestBodyKind, ResponseKind};
use super::{Resource, TypeRef};

/// Where a visited [`TypeRef`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position<'a> {
    /// A model's field: the model's Rust name and the field's JSON name.
    Field {
        /// The model.
        model: &'a str,
        /// The field's JSON name.
        field: &'a str,
    },
    /// A place in an endpoint's signature.
    Endpoint {
        /// The resource's key in [`Api::resources`].
        resource: &'a str,
        /// The endpoint's operation id.
        operation_id: &'a str,
        /// Which place.
        slot: Slot<'a>,
    },
    /// A parameter of a shared query set.
    QuerySet {
        /// The set's name.
        set: &'a str,
        /// The parameter's wire name.
        param: &'a str,
    },
    /// The return type of an endpoint's scripting-event hooks.
    HookReturn {
        /// The endpoint's operation id.
        operation_id: &'a str,
    },
}

/// A place in an endpoint's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot<'a> {
    /// A path parameter, by wire name.
    PathParam(&'a str),
    /// A query parameter, by wire name.
    QueryParam(&'a str),
    /// The JSON request body.
    RequestBody,
    /// The JSON response.
    Response,
}

impl Slot<'_> {
    /// Whether the slot is a path or query parameter.
    pub fn is_param(&self) -> bool {
        matches!(self, Slot::PathParam(_) | Slot::QueryParam(_))
    }
}

/// Calls `f` on every type of the API with its position: models (fields in documented order),
/// then resources (endpoints: path parameters, query parameters, body, response), then query
/// sets, then hooks. Types inside a visited type are reached with [`TypeRef::walk`].
pub fn for_each_type_ref<'a>(api: &'a Api, mut f: impl FnMut(Position<'a>, &'a TypeRef)) {
    for m in api.models.values() {
        for fl in &m.fields {
            f(Position::Field { model: &m.name, field: &fl.json_name }, &fl.ty);
        }
    }
    for (key, r) in &api.resources {
        for e in &r.endpoints {
            endpoint_type_refs(e, |slot, t| {
                f(Position::Endpoint { resource: key, operation_id: &e.operation_id, slot }, t)
            });
        }
    }
    for s in &api.query_sets {
        for p in &s.params {
            f(Position::QuerySet { set: &s.name, param: &p.wire_name }, &p.ty);
        }
    }
    for h in api.hooks.values() {
        if let ResponseKind::Json(t) = &h.return_type {
            f(Position::HookReturn { operation_id: &h.operation_id }, t);
        }
    }
}

/// [`for_each_type_ref`] with every type mutable, in the same order.
pub fn for_each_type_ref_mut(api: &mut Api, mut f: impl FnMut(Position<'_>, &mut TypeRef)) {
    for m in api.models.values_mut() {
        let Model { name, fields, .. } = m;
        for Field { json_name, ty, .. } in fields {
            f(Position::Field { model: name, field: json_name }, ty);
        }
    }
    for (key, r) in api.resources.iter_mut() {
        let Resource { endpoints, .. } = r;
        for e in endpoints {
            let Endpoint { operation_id, path_params, query_params, request_body, response, .. } = e;
            let mut at =
                |slot: Slot<'_>, t: &mut TypeRef| f(Position::Endpoint { resource: key, operation_id, slot }, t);
            slots_mut(path_params, query_params, request_body, response, &mut at);
        }
    }
    for s in &mut api.query_sets {
        let QuerySet { name, params, .. } = s;
        for Param { wire_name, ty, .. } in params {
            f(Position::QuerySet { set: name, param: wire_name }, ty);
        }
    }
    for h in api.hooks.values_mut() {
        let HookMethod { operation_id, return_type, .. } = h;
        if let ResponseKind::Json(t) = return_type {
            f(Position::HookReturn { operation_id }, t);
        }
    }
}

/// Calls `f` on every type of one endpoint's signature: path parameters, query parameters, the
/// JSON body, the JSON response.
pub fn endpoint_type_refs<'a>(e: &'a Endpoint, mut f: impl FnMut(Slot<'a>, &'a TypeRef)) {
    for p in &e.path_params {
        f(Slot::PathParam(&p.wire_name), &p.ty);
    }
    for p in &e.query_params {
        f(Slot::QueryParam(&p.wire_name), &p.ty);
    }
    if let Some(RequestBody { kind: RequestBodyKind::Json(t), .. }) = &e.request_body {
        f(Slot::RequestBody, t);
    }
    if let ResponseKind::Json(t) = &e.response {
        f(Slot::Response, t);
    }
}

/// [`endpoint_type_refs`] with every type mutable.
pub fn endpoint_type_refs_mut(e: &mut Endpoint, mut f: impl FnMut(Slot<'_>, &mut TypeRef)) {
    let Endpoint { path_params, query_params, request_body, response, .. } = e;
    slots_mut(path_params, query_params, request_body, response, &mut f);
}

fn slots_mut(
    path_params: &mut [Param],
    query_params: &mut [Param],
    request_body: &mut Option<RequestBody>,
    response: &mut ResponseKind,
    f: &mut impl FnMut(Slot<'_>, &mut TypeRef),
) {
    for Param { wire_name, ty, .. } in path_params {
        f(Slot::PathParam(wire_name), ty);
    }
    for Param { wire_name, ty, .. } in query_params {
        f(Slot::QueryParam(wire_name), ty);
    }
    if let Some(RequestBody { kind: RequestBodyKind::Json(t), .. }) = request_body {
        f(Slot::RequestBody, t);
    }
    if let ResponseKind::Json(t) = response {
        f(Slot::Response, t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_position_is_visited_once_and_walk_goes_inside() {
        let mut api = crate::emit::chat_api();
        let mut endpoints = 0;
        let mut seen = Vec::new();
        for_each_type_ref(&api, |pos, t| {
            if matches!(pos, Position::Endpoint { .. }) {
                endpoints += 1;
            }
            t.walk(&mut |inner| seen.push(inner.clone()));
        });
        let expected: usize = api
            .resources
            .values()
            .flat_map(|r| &r.endpoints)
            .map(|e| {
                e.path_params.len()
                    + e.query_params.len()
                    + usize::from(matches!(&e.request_body, Some(b) if matches!(b.kind, RequestBodyKind::Json(_))))
                    + usize::from(matches!(e.response, ResponseKind::Json(_)))
            })
            .sum();
        assert_eq!(endpoints, expected);
        assert!(seen.contains(&TypeRef::Model("ChatSessionEntity".into())), "array elements are walked");

        // The mutable visitor sees the same positions in the same order.
        let mut immutable = Vec::new();
        for_each_type_ref(&api, |pos, t| immutable.push(format!("{pos:?} {t:?}")));
        let mut mutable = Vec::new();
        for_each_type_ref_mut(&mut api, |pos, t| mutable.push(format!("{pos:?} {t:?}")));
        assert_eq!(immutable, mutable);
        assert!(immutable.iter().any(|p| p.starts_with("QuerySet { set: \"ODataQuery\", param: \"$top\" } I32")));
    }

    #[test]
    fn walk_mut_replaces_inside_collections() {
        let mut t = TypeRef::Map(Box::new(TypeRef::Array(Box::new(TypeRef::Model("A".into())))));
        t.walk_mut(&mut |t| {
            if *t == TypeRef::Model("A".into()) {
                *t = TypeRef::Json;
            }
        });
        assert_eq!(t, TypeRef::Map(Box::new(TypeRef::Array(Box::new(TypeRef::Json)))));
    }
}
