//! REST pages -> [`Endpoint`]s: method names, parameters, bodies and response types.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::ir::{
    Conditional, Endpoint, HttpMethod, Param, PathSegment, RequestBody, RequestBodyKind, ResponseKind, Sample,
    SampleOrigin, StatusDoc, TypeRef,
};
use crate::lower::types::{scalar_type, TypeBuilder};
use crate::naming::{field_ident, pascal_case, snake_case};
use crate::overrides::Overrides;
use crate::parse::{BodySection, ParamRow, RestPage};

/// The optional request headers the runtime knows how to set, by wire name.
pub const KNOWN_HEADERS: [&str; 5] = ["Accept-Language", "SO-Language", "SO-Culture", "SO-TimeZone", "SO-AppToken"];

/// The resource (`ChatSession`) an API path belongs to: the segment after `/api/v1/`.
pub fn resource_of(page: &RestPage) -> Result<String, Diagnostic> {
    let mut parts = page.path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("api"), Some(_version), Some(resource)) if !resource.is_empty() && !resource.starts_with('{') => {
            Ok(resource.to_string())
        }
        _ => Err(Diagnostic::at(
            &page.path_span,
            format!("path `{}` is not of the form /api/<version>/<Resource>/...", page.path),
        )),
    }
}

/// The client method name for an operation: the override, else CRUD verbs for entity operations
/// (`GetChatSessionEntity` -> `get`), else the last literal path segment (`ForCurrentUser` ->
/// `for_current_user`). Clashes are resolved by [`dedupe_method_names`].
pub fn method_name(page: &RestPage, segments: &[PathSegment], overrides: &Overrides) -> String {
    if let Some(name) = overrides.method_names.get(&page.operation_id) {
        return name.clone();
    }
    let suffix = operation_suffix(&page.operation_id);
    if suffix == "GetAll" {
        return "get_all".into();
    }
    if suffix.ends_with("Entity") {
        for (verb, name) in [
            ("Get", "get"),
            ("Default", "default"),
            ("Post", "create"),
            ("Put", "update"),
            ("Patch", "patch"),
            ("Delete", "delete"),
        ] {
            if suffix.starts_with(verb) {
                return name.into();
            }
        }
    }
    match segments.iter().skip(3).rev().find_map(|s| match s {
        PathSegment::Literal(l) => Some(l),
        PathSegment::Param(_) => None,
    }) {
        Some(lit) => snake_case(lit),
        None => snake_case(suffix),
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
            e.method_name = snake_case(operation_suffix(&e.operation_id));
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

/// Lowers one REST page (its types go into `types`).
pub fn lower_endpoint(
    page: &RestPage,
    resource: &str,
    types: &mut TypeBuilder<'_>,
    overrides: &Overrides,
) -> Result<Endpoint, Diagnostic> {
    let http_method = HttpMethod::parse(&page.method)
        .ok_or_else(|| Diagnostic::at(&page.path_span, format!("unsupported HTTP method `{}`", page.method)))?;
    let segments = segments(&page.path);
    let path_params = path_params(page, &segments, types)?;
    let query_params =
        page.query_params.iter().map(|row| query_param(row, resource, types)).collect::<Result<Vec<_>, _>>()?;
    let headers = KNOWN_HEADERS
        .iter()
        .filter(|h| page.headers.iter().any(|row| row.name.eq_ignore_ascii_case(h)))
        .map(|h| h.to_string())
        .collect();
    let statuses: Vec<StatusDoc> =
        page.responses.iter().map(|r| StatusDoc { status: r.status, description: r.description.clone() }).collect();
    let sample_response = page.sample_response.as_ref().and_then(|s| {
        let status = s.start_line.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(200);
        s.body.clone().map(|body| Sample { status, body, origin: SampleOrigin::Docs })
    });
    let response = response_kind(page, &statuses, sample_response.as_ref().map(|s| &s.body), resource, types)?;
    let request_body = match &page.request_body {
        Some(body) => Some(request_body(page, body, http_method, &response, types)?),
        None => None,
    };
    let text = format!(
        "{} {}",
        page.description,
        page.responses.iter().map(|r| r.description.as_str()).collect::<Vec<_>>().join(" ")
    );
    let conditional = Conditional {
        if_modified_since: text.contains("If-Modified-Since"),
        if_unmodified_since: text.contains("If-Unmodified-Since"),
    };
    let (summary, description) = split_summary(&page.description);
    Ok(Endpoint {
        operation_id: page.operation_id.clone(),
        method_name: method_name(page, &segments, overrides),
        op_type: String::new(),
        http_method,
        path: page.path.clone(),
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
        sample_request_body: page.sample_request.as_ref().and_then(|s| s.body.clone()),
        source: page.path_span.clone(),
    })
}

fn split_summary(description: &str) -> (String, String) {
    let mut paras = description.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let summary = paras.next().unwrap_or_default().to_string();
    let rest = paras.collect::<Vec<_>>().join("\n\n");
    (summary, rest)
}

fn path_params(
    page: &RestPage,
    segments: &[PathSegment],
    types: &mut TypeBuilder<'_>,
) -> Result<Vec<Param>, Diagnostic> {
    let mut out = Vec::new();
    for seg in segments {
        let PathSegment::Param(name) = seg else { continue };
        let row = page.path_params.iter().find(|r| r.name.eq_ignore_ascii_case(name));
        let ty = match row {
            Some(r) => param_type(r, "", types)?,
            None => TypeRef::String,
        };
        out.push(Param {
            wire_name: name.clone(),
            rust_name: field_ident(name),
            ty,
            doc: row.map(|r| r.description.clone()).unwrap_or_default(),
            required: true,
        });
    }
    if let Some(extra) =
        page.path_params.iter().find(|r| !out.iter().any(|p| p.wire_name.eq_ignore_ascii_case(&r.name)))
    {
        return Err(Diagnostic::at(
            &extra.span,
            format!("path parameter `{}` does not appear in the path `{}`", extra.name, page.path),
        ));
    }
    Ok(out)
}

fn query_param(row: &ParamRow, resource: &str, types: &mut TypeBuilder<'_>) -> Result<Param, Diagnostic> {
    let enum_prefix = if row.name.starts_with('$') { "OData".to_string() } else { resource.to_string() };
    Ok(Param {
        wire_name: row.name.clone(),
        rust_name: field_ident(&row.name),
        ty: param_type(row, &enum_prefix, types)?,
        doc: row.description.clone(),
        required: row.required,
    })
}

fn param_type(row: &ParamRow, enum_prefix: &str, types: &mut TypeBuilder<'_>) -> Result<TypeRef, Diagnostic> {
    if let Some(list) = row.ty.trim().strip_prefix("Enum:") {
        let values = list.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
        let name = format!("{enum_prefix}{}", pascal_case(&row.name));
        return Ok(types.define_enum(&name, &row.description, values, &row.span, false));
    }
    scalar_type(&row.ty).ok_or_else(|| {
        Diagnostic::at(&row.span, format!("unknown type name `{}` for parameter `{}`", row.ty, row.name))
    })
}

fn response_kind(
    page: &RestPage,
    statuses: &[StatusDoc],
    sample: Option<&serde_json::Value>,
    resource: &str,
    types: &mut TypeBuilder<'_>,
) -> Result<ResponseKind, Diagnostic> {
    let has_content = statuses.iter().any(|s| (200..300).contains(&s.status) && s.status != 204);
    let Some(body) = &page.response_body else { return Ok(ResponseKind::Empty) };
    if !has_content {
        return Ok(ResponseKind::Empty);
    }
    body_type(body, sample, resource, types).map(ResponseKind::Json)
}

/// The type of a documented body section (`array`, `bool`, a named model...).
fn body_type(
    body: &BodySection,
    sample: Option<&serde_json::Value>,
    resource: &str,
    types: &mut TypeBuilder<'_>,
) -> Result<TypeRef, Diagnostic> {
    let name = body.name.trim();
    if let Some(scalar) = scalar_type(name) {
        return Ok(scalar);
    }
    if name.eq_ignore_ascii_case("array") {
        let first = sample.and_then(|s| s.as_array()).and_then(|a| a.iter().find(|v| !v.is_null()));
        if body.properties.is_empty() {
            return match first {
                Some(v) => Ok(TypeRef::Array(Box::new(types.infer(None, v, &body.span)?))),
                None => Ok(TypeRef::Array(Box::new(TypeRef::Json))),
            };
        }
        let model = types.name_for_anonymous(&body.properties, resource);
        let model = types.define_from_table(&model, &body.description, &body.properties, first, &body.span)?;
        return Ok(TypeRef::Array(Box::new(TypeRef::Model(model))));
    }
    if name.is_empty() || name.eq_ignore_ascii_case("object") {
        return Ok(TypeRef::Json);
    }
    if body.properties.is_empty() {
        return types.field_type(resource, name, name, sample, &body.span);
    }
    let model = types.define_from_table(name, &body.description, &body.properties, sample, &body.span)?;
    Ok(TypeRef::Model(model))
}

fn request_body(
    page: &RestPage,
    body: &BodySection,
    method: HttpMethod,
    response: &ResponseKind,
    types: &mut TypeBuilder<'_>,
) -> Result<RequestBody, Diagnostic> {
    let is_patch_doc = method == HttpMethod::Patch
        || ["op", "path", "value"].iter().all(|k| body.properties.iter().any(|p| p.name == *k));
    let kind = if is_patch_doc {
        RequestBodyKind::Patch
    } else if let Some(ty) = scalar_type(&body.name) {
        RequestBodyKind::Json(ty)
    } else if body.properties.is_empty() {
        RequestBodyKind::Json(TypeRef::Json)
    } else {
        // The request table documents the same carrier as the response, with weaker types
        // (`String` for dates): reuse the model it matches instead of defining a second one.
        let fallback = match response {
            ResponseKind::Json(TypeRef::Model(m)) => m.clone(),
            _ => format!("{}Request", pascal_case(operation_suffix(&page.operation_id))),
        };
        let name = types.name_for_anonymous(&body.properties, &fallback);
        let name = if types.models.contains_key(&name) {
            name
        } else {
            let sample = page.sample_request.as_ref().and_then(|s| s.body.as_ref());
            types.define_from_table(&name, &body.description, &body.properties, sample, &body.span)?
        };
        RequestBodyKind::Json(TypeRef::Model(name))
    };
    Ok(RequestBody { name: body.name.clone(), doc: body.description.clone(), kind })
}
