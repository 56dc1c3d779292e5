//! The documented API ([`DocApi`], from every front-end) -> one [`Api`].
//!
//! In order: schema names ([`names::schema_names`]), schemas as models (their types are
//! authoritative), operations merged by id ([`merge`]), endpoints with the types their pages'
//! tables and samples teach (`endpoints`), every Rust name made unique once for the whole API
//! ([`names::make_unique`]), scripting hooks (`hooks`), dead types pruned and cargo features
//! assigned ([`reach`]), a schema example for every endpoint without a documented sample
//! (`examples`), and documented samples fitted to their types (`fit_samples`).

mod endpoints;
mod examples;
mod fit_samples;
mod hooks;
pub mod merge;
pub mod names;
pub mod query_sets;
pub mod reach;
pub mod secrets;
pub mod types;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::doc::{DocApi, DocOperation, DocType, Origin};
use crate::ir::{Api, Endpoint, Resource, ResourceKind, TypeRef};
use crate::overrides::Overrides;

pub use endpoints::{operation_suffix, KNOWN_HEADERS};
use types::TypeBuilder;

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

/// Lowers the documented API and the overrides into an [`Api`].
pub fn lower(doc: &DocApi, overrides: &Overrides) -> Lowered {
    let mut problems = Vec::new();
    let schema_names = names::schema_names(&doc.schemas, &mut problems);
    let mut types = TypeBuilder::new(overrides, schema_names);
    let mut defined = BTreeSet::new();
    for schema in &doc.schemas {
        // Definitions with one name are the same type in every file: the first one defines it.
        if defined.insert(schema.name.as_str()) {
            if let Err(d) = types.define_schema(schema) {
                problems.push(d);
            }
        }
    }

    let mut warnings = Vec::new();
    let known = merge::known_types(doc);
    let mut operations = merge::merge(&doc.operations, &known, &mut problems, &mut warnings);
    // Named bodies first, so anonymous `array` bodies can be matched against them.
    operations.sort_by_key(is_anonymous_array);
    let mut resources: BTreeMap<(ResourceKind, String), Resource> = BTreeMap::new();
    for op in &operations {
        match endpoints::resource_of(op) {
            Ok((kind, name)) => match endpoints::lower_endpoint(op, (kind, &name), &mut types, overrides) {
                Ok(endpoint) => resources
                    .entry((kind, name.clone()))
                    .or_insert_with(|| names::resource(kind, name))
                    .endpoints
                    .push(endpoint),
                Err(d) => problems.push(d),
            },
            Err(d) => problems.push(d),
        }
    }
    learn_from_history(doc, &operations, &mut types, &mut problems);
    problems.extend(types.check_references());
    types.drop_empty_models();

    for r in resources.values_mut() {
        for e in &mut r.endpoints {
            drop_missing_models(e, &types);
        }
        endpoints::fold_alias_routes(&mut r.endpoints);
    }
    let resources = resources.into_values().map(|r| (resource_key(&r), r)).collect();
    let response_enums = std::mem::take(&mut types.response_enums);
    let mut api =
        Api { resources, models: types.models, enums: types.enums, hooks: BTreeMap::new(), query_sets: Vec::new() };
    names::unify_response_enums(&mut api, &response_enums);
    secrets::mark(&mut api);
    problems.extend(names::make_unique(&mut api, overrides));
    let (hooks, hook_warnings) = hooks::link(&doc.scripting, &api);
    warnings.extend(hook_warnings);
    api.hooks = hooks;
    reach::prune_unreachable(&mut api);
    reach::assign_features(&mut api);
    examples::fill_samples(&mut api);
    warnings.extend(fit_samples::fit_base64_samples(&mut api));
    warnings.extend(fit_samples::fit_sample_types(&mut api));
    Lowered { api, problems, warnings }
}

/// The key of a resource in [`Api::resources`]: its name, with agents after `Agents/`.
pub fn resource_key(r: &Resource) -> String {
    match r.kind {
        ResourceKind::Rest => r.name.clone(),
        ResourceKind::Agent => format!("Agents/{}", r.name),
    }
}

/// Pages of older versions that did not define their endpoint still teach types from their
/// tables and samples.
fn learn_from_history(
    doc: &DocApi,
    merged: &[DocOperation],
    types: &mut TypeBuilder<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    for op in doc.operations.iter().filter(|op| op.origin == Origin::HistoryPage) {
        let primary = merged.iter().find(|m| m.operation_id == op.operation_id);
        if primary.is_some_and(|m| m.origin == Origin::HistoryPage && m.source == op.source) {
            continue;
        }
        let Ok((_, resource)) = endpoints::resource_of(op) else { continue };
        let Some(ty) = op.success().and_then(|r| r.ty.as_ref()) else { continue };
        let sample = op.sample_response.as_ref().filter(|(s, _)| (200..300).contains(s)).map(|(_, b)| b);
        if let Err(d) = types.field_type(&resource, "", ty, sample, &op.source) {
            problems.push(d);
        }
    }
}

fn is_anonymous_array(op: &DocOperation) -> bool {
    matches!(
        op.success().and_then(|r| r.ty.as_ref()),
        Some(DocType::Array(inner)) if matches!(inner.as_ref(), DocType::Table { name: None, .. })
    )
}

/// Models that were dropped (no fields anywhere) are plain JSON in endpoint bodies and responses
/// too.
fn drop_missing_models(e: &mut Endpoint, types: &TypeBuilder<'_>) {
    crate::ir::visit::endpoint_type_refs_mut(e, |slot, t| {
        if !slot.is_param() {
            t.walk_mut(&mut |t| {
                if matches!(t, TypeRef::Model(m) if !types.models.contains_key(m)) {
                    *t = TypeRef::Json;
                }
            });
        }
    });
}
