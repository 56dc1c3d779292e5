//! Pages (and OpenAPI definitions) -> one [`Api`].

mod endpoints;
mod hooks;
pub mod names;
mod reach;
pub mod types;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::ir::{Api, Endpoint, RequestBody, RequestBodyKind, Resource, ResponseKind, TypeRef};
use crate::openapi::OpenApi;
use crate::overrides::Overrides;
use crate::parse::{Page, RestPage};

pub use endpoints::{operation_suffix, KNOWN_HEADERS};
use types::TypeBuilder;

/// Directory name marking older versions of pages: they teach types (fields, sample shapes) but do
/// not define endpoints unless no current page documents the operation.
pub const HISTORY_DIR: &str = "history";

/// The result of lowering: the API plus every page or definition that could not be used.
#[derive(Debug, Clone, Default)]
pub struct Lowered {
    /// The API.
    pub api: Api,
    /// Problems found; generation refuses to write code while this is non-empty.
    pub problems: Vec<Diagnostic>,
    /// Inputs that were left out without stopping generation (scripting pages no endpoint
    /// implements); printed by `generate`, `check` and `stats`.
    pub warnings: Vec<Diagnostic>,
}

/// Lowers parsed pages, OpenAPI documents and overrides into an [`Api`].
pub fn lower(pages: &[Page], openapi: &[OpenApi], overrides: &Overrides) -> Lowered {
    let mut problems = Vec::new();
    let mut types = TypeBuilder::new(overrides);
    for doc in openapi {
        doc.register_enums(&mut types);
    }

    let (history, current): (Vec<&RestPage>, Vec<&RestPage>) = pages
        .iter()
        .filter_map(|p| match p {
            Page::Rest(r) => Some(r.as_ref()),
            Page::Scripting(_) => None,
        })
        .partition(|p| p.file.components().any(|c| c.as_os_str() == HISTORY_DIR));

    // Named bodies first, so anonymous `array` bodies can be matched against them.
    let mut ordered: Vec<&RestPage> = current.clone();
    ordered.sort_by_key(|p| (is_anonymous_array(p), p.file.clone()));
    let mut by_op: BTreeMap<String, (String, Endpoint)> = BTreeMap::new();
    for page in ordered {
        match lower_page(page, &mut types, overrides) {
            Ok((resource, endpoint)) => {
                if let Some((_, first)) = by_op.get(&endpoint.operation_id) {
                    problems.push(Diagnostic::at(
                        &endpoint.source,
                        format!("operation `{}` is already documented at {}", endpoint.operation_id, first.source),
                    ));
                } else {
                    by_op.insert(endpoint.operation_id.clone(), (resource, endpoint));
                }
            }
            Err(d) => problems.push(d),
        }
    }
    let mut history = history;
    history.sort_by_key(|p| (is_anonymous_array(p), p.file.clone()));
    for page in history {
        match lower_page(page, &mut types, overrides) {
            Ok((resource, endpoint)) => {
                by_op.entry(endpoint.operation_id.clone()).or_insert((resource, endpoint));
            }
            Err(d) => problems.push(d),
        }
    }
    for doc in openapi {
        if let Err(d) = doc.define_models(&mut types) {
            problems.push(d);
        }
    }
    problems.extend(types.check_references());
    types.drop_empty_models();

    let mut resources: BTreeMap<String, Resource> = BTreeMap::new();
    for (_, (resource, endpoint)) in by_op {
        resources.entry(resource.clone()).or_insert_with(|| names::rest_resource(resource)).endpoints.push(endpoint);
    }
    for r in resources.values_mut() {
        endpoints::dedupe_method_names(&mut r.endpoints, overrides);
        r.endpoints.sort_by(|a, b| a.method_name.cmp(&b.method_name));
        for e in &mut r.endpoints {
            e.op_type = names::op_type(&e.method_name, e.http_method);
        }
        for e in &mut r.endpoints {
            drop_missing_models(e, &types);
        }
        for pair in r.endpoints.windows(2) {
            if let [a, b] = pair {
                if a.method_name == b.method_name {
                    problems.push(Diagnostic::at(
                        &b.source,
                        format!(
                            "method name `{}` is used by `{}` and `{}`: add one to method_names in overrides.json",
                            b.method_name, a.operation_id, b.operation_id
                        ),
                    ));
                }
            }
        }
    }

    let mut api = Api { resources, models: types.models, enums: types.enums, hooks: BTreeMap::new() };
    let (hooks, warnings) = hooks::link(pages, &api);
    api.hooks = hooks;
    reach::prune_unreachable(&mut api);
    reach::assign_features(&mut api);
    Lowered { api, problems, warnings }
}

fn lower_page(
    page: &RestPage,
    types: &mut TypeBuilder<'_>,
    overrides: &Overrides,
) -> Result<(String, Endpoint), Diagnostic> {
    let resource = endpoints::resource_of(page)?;
    let endpoint = endpoints::lower_endpoint(page, &resource, types, overrides)?;
    Ok((resource, endpoint))
}

fn is_anonymous_array(page: &RestPage) -> bool {
    page.response_body.as_ref().is_some_and(|b| b.name.eq_ignore_ascii_case("array"))
}

/// Models that were dropped (no fields anywhere) are plain JSON in endpoint signatures too.
fn drop_missing_models(e: &mut Endpoint, types: &TypeBuilder<'_>) {
    let mut bodies: Vec<&mut TypeRef> = Vec::new();
    if let ResponseKind::Json(t) = &mut e.response {
        bodies.push(t);
    }
    if let Some(RequestBody { kind: RequestBodyKind::Json(t), .. }) = &mut e.request_body {
        bodies.push(t);
    }
    for t in bodies {
        let mut named = Vec::new();
        reach::models_in(t, &mut named);
        let missing: BTreeSet<String> = named.into_iter().filter(|m| !types.models.contains_key(m)).collect();
        if !missing.is_empty() {
            types::replace_models(t, &missing);
        }
    }
}
