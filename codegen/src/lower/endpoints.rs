//! Documented operations -> [`Endpoint`]s: resources, method names, parameters, bodies and
//! response types.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::doc::{DocBody, DocOperation, DocParam, DocType, ParamIn};
use crate::ir::{
    Conditional, Endpoint, HttpMethod, Param, PathSegment, RequestBody, RequestBodyKind, ResourceKind, ResponseKind,
    Sample, SampleOrigin, StatusDoc, TypeRef,
};
use crate::lower::types::TypeBuilder;
use crate::naming::{field_ident, pascal_case};
use crate::overrides::Overrides;

/// The optional request headers the runtime knows how to set, by wire name.
pub const KNOWN_HEADERS: [&str; 5] = ["Accept-Language", "SO-Language", "SO-Culture", "SO-TimeZone", "SO-AppToken"];

/// Path prefix of the agent services: `/api/v1/Agents/<Agent>/<Method>`.
const AGENTS: &str = "Agents";

/// The resource an operation belongs to: `(Rest, "ChatSession")` for `/api/v1/ChatSession/...`,
/// `(Agent, "Chat")` for `/api/v1/Agents/Chat/...`.
pub fn resource_of(op: &DocOperation) -> Result<(ResourceKind, String), Diagnostic> {
    let mut parts = op.path.trim_start_matches('/').split('/');
    let named = |s: &str| !s.is_empty() && !s.starts_with('{');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("api"), Some(_version), Some(AGENTS), Some(agent)) if named(agent) => {
            Ok((ResourceKind::Agent, agent.to_string()))
        }
        (Some("api"), Some(_version), Some(resource), _) if named(resource) && resource != AGENTS => {
            Ok((ResourceKind::Rest, resource.to_string()))
        }
        _ => Err(Diagnostic::at(
            &op.source,
            format!(
                "path `{}` is not of the form /api/<version>/<Resource>/... or /api/<version>/Agents/<Agent>/...",
                op.path
            ),
        )),
    }
}

/// The client method name for an operation, by one rule for every resource:
/// 1. the override in `overrides.json`;
/// 2. agent methods: the service method (`v1ChatAgent_GetChatPresence` -> `get_chat_presence`);
/// 3. REST CRUD by shape: `GET /R` -> `get_all`, `POST /R` -> `create`, `GET /R/default` ->
///    `default`, and on `/R/{id}`: `GET` -> `get`, `PUT` -> `update`, `PATCH` -> `patch`,
///    `DELETE` -> `delete`;
/// 4. else the last literal path segment (`ForCurrentUser` -> `for_current_user`).
///
/// Clashes are resolved by [`dedupe_method_names`].
pub fn method_name(op: &DocOperation, kind: ResourceKind, segments: &[PathSegment], overrides: &Overrides) -> String {
    if let Some(name) = overrides.method_names.get(&op.operation_id) {
        return name.clone();
    }
    let suffix = operation_suffix(&op.operation_id);
    if kind == ResourceKind::Agent {
        return field_ident(suffix);
    }
    let rest = segments.get(3..).unwrap_or_default();
    let crud = match (op.method, rest) {
        (HttpMethod::Get, []) => Some("get_all"),
        (HttpMethod::Post, []) => Some("create"),
        (HttpMethod::Get, [PathSegment::Literal(l)]) if l.eq_ignore_ascii_case("default") => Some("default"),
        (m, [PathSegment::Param(p)]) if p.eq_ignore_ascii_case("id") => match m {
            HttpMethod::Get => Some("get"),
            HttpMethod::Put => Some("update"),
            HttpMethod::Patch => Some("patch"),
            HttpMethod::Delete => Some("delete"),
            HttpMethod::Post => None,
        },
        _ => None,
    };
    if let Some(name) = crud {
        return name.into();
    }
    match rest.iter().rev().find_map(|s| match s {
        PathSegment::Literal(l) => Some(l),
        PathSegment::Param(_) => None,
    }) {
        Some(lit) => field_ident(lit),
        None => field_ident(suffix),
    }
}

/// Where two operations of one resource got the same name, both fall back to their operation id.
pub fn dedupe_method_names(endpoints: &mut [Endpoint], overrides: &Overrides) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in endpoints.iter() {
        *counts.entry(e.method_name.clone()).or_default() += 1;
    }
    for e in endpoints.iter_mut() {
        let clash = counts.get(&e.method_name).copied().unwrap_or(0) > 1;
        if clash && !overrides.method_names.contains_key(&e.operation_id) {
            e.method_name = field_ident(operation_suffix(&e.operation_id));
        }
    }
}

/// `v1ChatSessionEntity_ChatSessionsForUser` -> `ChatSessionsForUser`.
pub fn operation_suffix(operation_id: &str) -> &str {
    operation_id.rsplit_once('_').map_or(operation_id, |(_, s)| s)
}

/// Splits `/api/v1/ChatSession/{id}` into segments.
pub fn segments(path: &str) -> Vec<PathSegment> {
    path.trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(p) => PathSegment::Param(p.to_string()),
            None => PathSegment::Literal(s.to_string()),
        })
        .collect()
}

/// Lowers one documented operation of resource `resource` (its types go into `types`).
pub fn lower_endpoint(
    op: &DocOperation,
    (kind, resource): (ResourceKind, &str),
    types: &mut TypeBuilder<'_>,
    overrides: &Overrides,
) -> Result<Endpoint, Diagnostic> {
    let segments = segments(&op.path);
    let path_params = path_params(op, &segments, resource, types)?;
    let query_params =
        op.params_in(ParamIn::Query).map(|p| query_param(p, resource, types)).collect::<Result<Vec<_>, _>>()?;
    let headers = KNOWN_HEADERS
        .iter()
        .filter(|h| op.params_in(ParamIn::Header).any(|p| p.name.eq_ignore_ascii_case(h)))
        .map(|h| h.to_string())
        .collect();
    let statuses: Vec<StatusDoc> =
        op.responses.iter().map(|r| StatusDoc { status: r.status, description: r.doc.clone() }).collect();
    let sample_response = op.sample_response.as_ref().map(|(status, body)| Sample {
        status: *status,
        body: body.clone(),
        origin: SampleOrigin::Docs,
    });
    let sample_body = sample_response.as_ref().filter(|s| (200..300).contains(&s.status)).map(|s| &s.body);
    let response = match op.success().and_then(|r| r.ty.as_ref()) {
        None => ResponseKind::Empty,
        Some(DocType::File) => ResponseKind::Binary,
        Some(ty) => ResponseKind::Json(types.field_type(resource, "", ty, sample_body, &op.source)?),
    };
    let request_body = match &op.body {
        Some(body) => Some(request_body(op, body, &response, types)?),
        None => None,
    };
    let text =
        format!("{} {}", op.description, op.responses.iter().map(|r| r.doc.as_str()).collect::<Vec<_>>().join(" "));
    let conditional = Conditional {
        if_modified_since: text.contains("If-Modified-Since"),
        if_unmodified_since: text.contains("If-Unmodified-Since"),
    };
    let (summary, description) = split_summary(&op.description);
    Ok(Endpoint {
        operation_id: op.operation_id.clone(),
        method_name: method_name(op, kind, &segments, overrides),
        op_type: String::new(),
        http_method: op.method,
        path: op.path.clone(),
        segments,
        summary,
        description,
        path_params,
        query_params,
        headers,
        request_body,
        response,
        statuses,
        conditional,
        sample_response,
        sample_request_body: op.body.as_ref().and_then(|b| b.sample.clone()),
        source: op.source.clone(),
    })
}

fn split_summary(description: &str) -> (String, String) {
    let mut paras = description.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let summary = paras.next().unwrap_or_default().to_string();
    let rest = paras.collect::<Vec<_>>().join("\n\n");
    (summary, rest)
}

fn path_params(
    op: &DocOperation,
    segments: &[PathSegment],
    resource: &str,
    types: &mut TypeBuilder<'_>,
) -> Result<Vec<Param>, Diagnostic> {
    let mut out = Vec::new();
    for seg in segments {
        let PathSegment::Param(name) = seg else { continue };
        let row = op.params_in(ParamIn::Path).find(|r| r.name.eq_ignore_ascii_case(name));
        let ty = match row {
            Some(r) => param_type(r, resource, types)?,
            None => TypeRef::String,
        };
        out.push(Param {
            wire_name: name.clone(),
            rust_name: field_ident(name),
            ty,
            doc: row.map(|r| r.doc.clone()).unwrap_or_default(),
            required: true,
        });
    }
    if let Some(extra) =
        op.params_in(ParamIn::Path).find(|r| !out.iter().any(|p| p.wire_name.eq_ignore_ascii_case(&r.name)))
    {
        return Err(Diagnostic::at(
            &extra.span,
            format!("path parameter `{}` does not appear in the path `{}`", extra.name, op.path),
        ));
    }
    Ok(out)
}

fn query_param(p: &DocParam, resource: &str, types: &mut TypeBuilder<'_>) -> Result<Param, Diagnostic> {
    Ok(Param {
        wire_name: p.name.clone(),
        rust_name: field_ident(&p.name),
        ty: param_type(p, resource, types)?,
        doc: p.doc.clone(),
        required: p.required,
    })
}

/// A parameter's type; enums are named after the resource (`$` options: `OData`) and the parameter.
fn param_type(p: &DocParam, resource: &str, types: &mut TypeBuilder<'_>) -> Result<TypeRef, Diagnostic> {
    let owner = if p.name.starts_with('$') { "OData" } else { resource };
    match &p.ty {
        DocType::Enum(values) => {
            let name = format!("{owner}{}", pascal_case(&p.name));
            Ok(types.define_enum(&name, &p.doc, values.clone(), &p.span, false))
        }
        // An `object` parameter (ASP.NET binds some carriers field by field) is sent as JSON text.
        DocType::Scalar(t) => Ok(t.clone()),
        DocType::Array(inner) if matches!(inner.as_ref(), DocType::Scalar(_) | DocType::Enum(_)) => {
            types.field_type(owner, &p.name, &p.ty, None, &p.span)
        }
        _ => Err(Diagnostic::at(&p.span, format!("parameter `{}` has a type that cannot go in a URL", p.name))),
    }
}

fn request_body(
    op: &DocOperation,
    body: &DocBody,
    response: &ResponseKind,
    types: &mut TypeBuilder<'_>,
) -> Result<RequestBody, Diagnostic> {
    let table = match &body.ty {
        DocType::Table { properties, .. } => Some(properties),
        _ => None,
    };
    let is_patch_doc = op.method == HttpMethod::Patch
        || table.is_some_and(|props| ["op", "path", "value"].iter().all(|k| props.iter().any(|p| p.name == *k)));
    let kind = if is_patch_doc {
        RequestBodyKind::Patch
    } else {
        match &body.ty {
            DocType::File => RequestBodyKind::Binary,
            DocType::Unknown | DocType::UnknownObject => RequestBodyKind::Json(TypeRef::Json),
            DocType::Table { name: documented, doc, properties } => {
                // A page's request table documents the same carrier as the response, with weaker
                // types (`String` for dates): reuse the model it matches instead of defining a second one.
                let fallback = match (documented, response) {
                    (Some(n), _) => n.clone(),
                    (None, ResponseKind::Json(TypeRef::Model(m))) => m.clone(),
                    (None, _) => format!("{}Request", pascal_case(operation_suffix(&op.operation_id))),
                };
                let name = types.name_for_anonymous(properties, &fallback);
                let name = if types.models.contains_key(&name) {
                    name
                } else {
                    types.define_from_table(&name, doc, properties, body.sample.as_ref(), &body.span)?
                };
                RequestBodyKind::Json(TypeRef::Model(name))
            }
            other => {
                let owner = format!("{}Request", pascal_case(operation_suffix(&op.operation_id)));
                RequestBodyKind::Json(types.field_type(&owner, &body.name, other, body.sample.as_ref(), &body.span)?)
            }
        }
    };
    Ok(RequestBody { name: body.name.clone(), doc: body.doc.clone(), kind })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Origin;

    fn name(method: HttpMethod, path: &str, id: &str) -> String {
        let op = DocOperation {
            operation_id: id.into(),
            method,
            path: path.into(),
            description: String::new(),
            params: Vec::new(),
            body: None,
            responses: Vec::new(),
            sample_response: None,
            source: Default::default(),
            origin: Origin::OpenApi,
            gaps: Vec::new(),
        };
        let (kind, _) = resource_of(&op).unwrap();
        method_name(&op, kind, &segments(path), &Overrides::default())
    }

    #[test]
    fn crud_names_follow_the_path_shape_on_every_resource() {
        use HttpMethod::*;
        assert_eq!(name(Get, "/api/v1/User/{id}", "v1User_GetUser"), "get");
        assert_eq!(name(Get, "/api/v1/Contact/{id}", "v1ContactEntity_GetContactEntity"), "get");
        assert_eq!(name(Get, "/api/v1/User", "v1User_GetAll"), "get_all");
        assert_eq!(name(Get, "/api/v1/Webhook", "v1Webhook_GetAllWebhooks"), "get_all");
        assert_eq!(name(Post, "/api/v1/User", "v1User_PostUser"), "create");
        assert_eq!(name(Put, "/api/v1/User/{id}", "v1User_PutUser"), "update");
        assert_eq!(name(Patch, "/api/v1/User/{id}", "v1User_PatchUser"), "patch");
        assert_eq!(name(Delete, "/api/v1/User/{id}", "v1User_DeleteUser"), "delete");
        assert_eq!(name(Get, "/api/v1/User/Default", "v1User_CreateDefaultUserFromUserTypeAndPersonId"), "default");
        assert_eq!(name(Get, "/api/v1/User/{userName}", "v1User_GetUserFromName"), "get_user_from_name");
        assert_eq!(
            name(Get, "/api/v1/ChatSession/ForCurrentUser", "v1ChatSessionEntity_ChatSessionsForUser"),
            "for_current_user"
        );
        assert_eq!(
            name(Post, "/api/v1/Agents/Chat/GetChatPresence", "v1ChatAgent_GetChatPresence"),
            "get_chat_presence"
        );
        assert_eq!(name(Post, "/api/v1/Agents/Appointment/Move", "v1AppointmentAgent_Move"), "move_");
    }
}
