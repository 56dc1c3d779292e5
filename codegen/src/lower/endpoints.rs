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
/// 2. agent methods: the service method as the vendor names it, resource words kept
///    (`v1ChatAgent_GetChatPresence` -> `get_chat_presence`; a leading HTTP verb said as in 4:
///    `v1NewsFeedAgent_PostNewsFeedItem` -> `create_news_feed_item`);
/// 3. REST CRUD by shape: `GET /R` -> `get_all`, `POST /R` -> `create`, `GET /R/default` ->
///    `default`, and on `/R/{id}`: `GET` -> `get`, `PUT` -> `update`, `PATCH` -> `patch`,
///    `DELETE` -> `delete`;
/// 4. every other REST operation: the vendor's operation name without the resource's own name
///    ([`operation_name`]: `v1ContactEntity_GetContactSummary` on `Contact` -> `get_summary`,
///    `v1PersonEntity_PutImageInfo` -> `update_image_info`).
///
/// Clashes are resolved by [`dedupe_method_names`].
pub fn method_name(
    op: &DocOperation,
    (kind, resource): (ResourceKind, &str),
    segments: &[PathSegment],
    overrides: &Overrides,
) -> String {
    if let Some(name) = overrides.method_names.get(&op.operation_id) {
        return name.clone();
    }
    if kind == ResourceKind::Agent {
        return operation_name(&op.operation_id, None);
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
    match crud {
        Some(name) => name.into(),
        None => operation_name(&op.operation_id, Some(resource)),
    }
}

/// The method name the vendor's operation name gives, in snake case: the operation id after its
/// last `_`, without a route marker ([`vendor_operation_name`]); with `resource`, the first run of
/// the resource's own words (followed by `Entity`, if it is) is dropped when words remain
/// (`GetContactSummary` on `Contact` -> `get_summary`, `ValidateContactEntity` -> `validate`);
/// a leading HTTP verb says what it does instead (`Post…` -> `create_…`, `Put…` -> `update_…`).
pub fn operation_name(operation_id: &str, resource: Option<&str>) -> String {
    let snake = crate::naming::snake_case(vendor_operation_name(operation_id));
    let mut words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    if let Some(resource) = resource {
        let own = crate::naming::snake_case(resource);
        let own: Vec<&str> = own.split('_').filter(|w| !w.is_empty()).collect();
        if let Some(at) = (0..words.len()).find(|&i| words.get(i..i + own.len()) == Some(&own[..])) {
            let mut end = at + own.len();
            if words.get(end) == Some(&"entity") {
                end += 1;
            }
            if end - at < words.len() {
                words.drain(at..end);
            }
        }
    }
    if let Some(first) = words.first_mut() {
        match *first {
            "post" => *first = "create",
            "put" => *first = "update",
            _ => {}
        }
    }
    field_ident(&words.join("_"))
}

/// The HTTP-method markers the vendor appends to an operation id for a second route of one
/// operation (`v1ContactEntity_SaveImage_POST` beside `v1ContactEntity_SaveImage`).
const ROUTE_MARKERS: [&str; 5] = ["_GET", "_POST", "_PUT", "_PATCH", "_DELETE"];

/// The operation id without a route marker (`v1ContactEntity_SaveImage_POST` ->
/// `v1ContactEntity_SaveImage`), and the marker's HTTP method, if it has one.
pub fn without_route_marker(operation_id: &str) -> (&str, Option<&str>) {
    ROUTE_MARKERS
        .iter()
        .find_map(|m| operation_id.strip_suffix(m).map(|base| (base, Some(&m[1..]))))
        .unwrap_or((operation_id, None))
}

/// The vendor's name of an operation: the operation id after its last `_`, without a route
/// marker (`v1ContactEntity_SaveImage_POST` -> `SaveImage`).
pub fn vendor_operation_name(operation_id: &str) -> &str {
    operation_suffix(without_route_marker(operation_id).0)
}

/// Where two operations of one resource got the same name, both fall back to the vendor's
/// operation name with the resource's words kept ([`operation_name`] without a resource).
pub fn dedupe_method_names(endpoints: &mut [Endpoint], overrides: &Overrides) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in endpoints.iter() {
        *counts.entry(e.method_name.clone()).or_default() += 1;
    }
    for e in endpoints.iter_mut() {
        let clash = counts.get(&e.method_name).copied().unwrap_or(0) > 1;
        if clash && !overrides.method_names.contains_key(&e.operation_id) {
            e.method_name = operation_name(&e.operation_id, None);
        }
    }
}

/// Folds the vendor's second routes of one operation into the first: an operation whose id ends
/// in a route marker (`v1ContactEntity_SaveImage_POST`), on the same path as the operation with
/// the id without it (`v1ContactEntity_SaveImage`, `PUT`) and with the same parameters, body and
/// response, is the same operation; it gets no method of its own, and the first one's
/// description says it is also routed so.
pub fn fold_alias_routes(endpoints: &mut Vec<Endpoint>) {
    let mut aliases = Vec::new();
    for (i, e) in endpoints.iter().enumerate() {
        let (base_id, Some(_)) = without_route_marker(&e.operation_id) else { continue };
        let base = endpoints.iter().position(|b| {
            b.operation_id == base_id
                && b.path.eq_ignore_ascii_case(&e.path)
                && b.http_method != e.http_method
                && b.path_params.iter().map(|p| &p.ty).eq(e.path_params.iter().map(|p| &p.ty))
                && b.query_params == e.query_params
                && b.request_body == e.request_body
                && b.response == e.response
        });
        if let Some(base) = base {
            aliases.push((i, base));
        }
    }
    for &(alias, base) in &aliases {
        let (method, id) = match endpoints.get(alias) {
            Some(a) => (a.http_method.as_str(), a.operation_id.clone()),
            None => continue,
        };
        if let Some(b) = endpoints.get_mut(base) {
            let note = format!(
                "The vendor also routes this operation as `{method} {}` (`{id}`); this method sends `{}`.",
                b.path,
                b.http_method.as_str()
            );
            b.description = if b.description.is_empty() { note } else { format!("{}\n\n{note}", b.description) };
        }
    }
    let drop: std::collections::BTreeSet<usize> = aliases.iter().map(|&(a, _)| a).collect();
    let mut i = 0;
    endpoints.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
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
        Some(DocType::Enum(values)) => ResponseKind::Json(response_enum(op, resource, values, types)),
        Some(DocType::Array(inner)) if enum_values(inner).is_some() => {
            let values = enum_values(inner).unwrap_or_default();
            ResponseKind::Json(TypeRef::Array(Box::new(response_enum(op, resource, values, types))))
        }
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
        method_name: method_name(op, (kind, resource), &segments, overrides),
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
        query_set: None,
        hooks_trait: String::new(),
        hooks_builder: String::new(),
        response,
        statuses,
        conditional,
        sample_response,
        sample_request_body: op.body.as_ref().and_then(|b| b.sample.clone()),
        source: op.source.clone(),
    })
}

/// The enum an operation's response lists, exactly its own values: `{Resource}{Operation}Result`
/// (`v1AppointmentAgent_ToggleActivity` -> `AppointmentToggleActivityResult`). Operations whose
/// responses list identical values are made to share one enum afterwards
/// ([`crate::lower::names::unify_response_enums`]).
fn response_enum(op: &DocOperation, resource: &str, values: &[String], types: &mut TypeBuilder<'_>) -> TypeRef {
    let name = format!("{}{}Result", pascal_case(resource), pascal_case(vendor_operation_name(&op.operation_id)));
    let doc = format!("What `{}` returns.", op.operation_id);
    types.response_enums.entry(values.to_vec()).or_default().insert((op.operation_id.clone(), name.clone()));
    types.define_enum(&name, &doc, values.to_vec(), &op.source, false)
}

/// The values of an enum type.
fn enum_values(ty: &DocType) -> Option<&[String]> {
    match ty {
        DocType::Enum(values) => Some(values),
        _ => None,
    }
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
        DocType::Scalar(t) => Ok((*t).into()),
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
    Ok(RequestBody { name: body.name.clone(), rust_name: field_ident(&body.name), doc: body.doc.clone(), kind })
}

/// Test helpers shared by the lowering modules' tests.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    /// An endpoint with operation id `id` and nothing else documented.
    pub(crate) fn endpoint(id: &str) -> Endpoint {
        Endpoint {
            operation_id: id.into(),
            method_name: String::new(),
            op_type: String::new(),
            http_method: HttpMethod::Get,
            path: String::new(),
            segments: Vec::new(),
            summary: String::new(),
            description: String::new(),
            path_params: Vec::new(),
            query_params: Vec::new(),
            headers: Vec::new(),
            request_body: None,
            query_set: None,
            hooks_trait: String::new(),
            hooks_builder: String::new(),
            response: ResponseKind::Empty,
            statuses: Vec::new(),
            conditional: Conditional::default(),
            sample_response: None,
            sample_request_body: None,
            source: Default::default(),
        }
    }
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
        let (kind, resource) = resource_of(&op).unwrap();
        method_name(&op, (kind, &resource), &segments(path), &Overrides::default())
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
        assert_eq!(name(Get, "/api/v1/User/{userName}", "v1User_GetUserFromName"), "get_from_name");
        assert_eq!(
            name(Get, "/api/v1/ChatSession/ForCurrentUser", "v1ChatSessionEntity_ChatSessionsForUser"),
            "chat_sessions_for_user"
        );
        assert_eq!(
            name(Post, "/api/v1/Agents/Chat/GetChatPresence", "v1ChatAgent_GetChatPresence"),
            "get_chat_presence"
        );
        assert_eq!(
            name(Post, "/api/v1/Agents/Contact/GetContactEntity", "v1ContactAgent_GetContactEntity"),
            "get_contact_entity"
        );
        assert_eq!(name(Post, "/api/v1/Agents/Appointment/Move", "v1AppointmentAgent_Move"), "move_");
        assert_eq!(
            name(Post, "/api/v1/Agents/NewsFeed/PostNewsFeedItem", "v1NewsFeedAgent_PostNewsFeedItem"),
            "create_news_feed_item"
        );
    }

    #[test]
    fn the_same_operation_has_the_same_name_on_every_resource() {
        use HttpMethod::*;
        // The image info of a contact and of a person: paths spelled differently, one name each.
        for (r, id) in [("Contact", "contactId"), ("Person", "personId"), ("Project", "id")] {
            let tag = format!("v1{r}Entity");
            assert_eq!(
                name(Get, &format!("/api/v1/{r}/{{{id}}}/Imageinfo"), &format!("{tag}_GetImageInfo")),
                "get_image_info"
            );
            assert_eq!(
                name(Put, &format!("/api/v1/{r}/{{{id}}}/ImageInfo"), &format!("{tag}_PutImageInfo")),
                "update_image_info"
            );
            assert_eq!(name(Post, &format!("/api/v1/{r}/Validate"), &format!("{tag}_Validate{r}Entity")), "validate");
            assert_eq!(
                name(Get, &format!("/api/v1/{r}/{{{id}}}/Summary"), &format!("{tag}_Get{r}Summary")),
                "get_summary"
            );
        }
        // Never named after an HTTP-verb route marker.
        assert_eq!(name(Post, "/api/v1/Contact/{contactId}/Image", "v1ContactEntity_SaveImage_POST"), "save_image");
        assert_eq!(name(Post, "/api/v1/ForeignApp/{appName}", "v1ForeignAppEntity_PostForeignApp"), "create");
        assert_eq!(name(Get, "/api/v1/String/{sr_id}", "v1String_GetStrings_GET"), "get_strings");
        // Nothing left after the resource's words: the name keeps them.
        assert_eq!(name(Get, "/api/v1/Contact/{id}/X", "v1ContactEntity_Contact"), "contact");
    }

    fn endpoint(id: &str, method: HttpMethod, path: &str) -> Endpoint {
        Endpoint { http_method: method, path: path.into(), segments: segments(path), ..tests_support::endpoint(id) }
    }

    #[test]
    fn a_second_route_of_one_operation_is_folded_into_the_first() {
        let put = endpoint("v1ContactEntity_SaveImage", HttpMethod::Put, "/api/v1/Contact/{contactId}/Image");
        let post = endpoint("v1ContactEntity_SaveImage_POST", HttpMethod::Post, "/api/v1/Contact/{contactId}/Image");
        // Same marker, other path: a different operation, kept.
        let other = endpoint("v1String_GetStrings_GET", HttpMethod::Get, "/api/v1/String/{sr_id}");
        let mut all = vec![post.clone(), put.clone(), other.clone()];
        fold_alias_routes(&mut all);
        let ids: Vec<&str> = all.iter().map(|e| e.operation_id.as_str()).collect();
        assert_eq!(ids, ["v1ContactEntity_SaveImage", "v1String_GetStrings_GET"]);
        assert_eq!(
            all[0].description,
            "The vendor also routes this operation as `POST /api/v1/Contact/{contactId}/Image` \
             (`v1ContactEntity_SaveImage_POST`); this method sends `PUT`."
        );
        // A second route that differs (here: its response) is an operation of its own.
        let mut post2 = post;
        post2.response = ResponseKind::Binary;
        let mut all = vec![put, post2];
        fold_alias_routes(&mut all);
        assert_eq!(all.len(), 2);
    }
}
