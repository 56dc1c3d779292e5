//! Rust names that must be unique across the generated crate: resource modules, client types,
//! cargo features and operation types.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::diag::Span;
use crate::doc::DocSchema;
use crate::ir::{HttpMethod, Resource, ResourceKind, TypeRef};
use crate::lower::types::canonical;
use crate::naming::{pascal_case, snake_case};

/// Names in the Rust prelude (and `Self`-like names) an operation type must not shadow.
const PRELUDE: [&str; 12] =
    ["Default", "Option", "Result", "Box", "Vec", "String", "Clone", "Copy", "Send", "Sync", "Drop", "Some"];

/// A REST resource named as documented (`ChatSession` -> module and feature `chat_session`,
/// client `ChatSessionClient`).
pub fn rest_resource(name: String) -> Resource {
    resource(ResourceKind::Rest, name)
}

/// A resource of either kind: REST `ChatSession` -> module and feature `chat_session`, client
/// `ChatSessionClient`; agent `Chat` -> module `chat` (under `agents`), feature `chat_agent`,
/// client `ChatAgentClient`.
pub fn resource(kind: ResourceKind, name: String) -> Resource {
    let module = snake_case(&name);
    let (client, feature) = match kind {
        ResourceKind::Rest => (format!("{}Client", pascal_case(&name)), module.clone()),
        ResourceKind::Agent => (format!("{}AgentClient", pascal_case(&name)), format!("{module}_agent")),
    };
    let mocks_type = mocks_type(&client);
    let endpoint_table = endpoint_table(kind, &module);
    let sample_table = sample_table(&endpoint_table);
    Resource { client, feature, module, mocks_type, endpoint_table, sample_table, kind, name, endpoints: Vec::new() }
}

/// The testing kit's mock builder of a resource, from its (unique) client name:
/// `ChatSessionClient` -> `ChatSessionMocks`, `ChatAgentClient` -> `ChatAgentMocks`.
pub fn mocks_type(client: &str) -> String {
    format!("{}Mocks", client.strip_suffix("Client").unwrap_or(client))
}

/// The testing kit's endpoint table of a resource, from its module: `CHAT_SESSION`, agents
/// `AGENTS_CHAT`.
pub fn endpoint_table(kind: ResourceKind, module: &str) -> String {
    let m = module.to_uppercase();
    match kind {
        ResourceKind::Rest => m,
        ResourceKind::Agent => format!("AGENTS_{m}"),
    }
}

/// The testing kit's sample table of a resource, from its endpoint table: `CHAT_SESSION_SAMPLES`.
pub fn sample_table(endpoint_table: &str) -> String {
    format!("{endpoint_table}_SAMPLES")
}

/// The hook trait of an operation type: `ForCurrentUser` -> `ForCurrentUserHooks`.
pub fn hooks_trait(op_type: &str) -> String {
    format!("{op_type}Hooks")
}

/// The `ClientBuilder` method registering an endpoint's hooks client-wide, from the (unique)
/// client name and the method name: `chat_session_for_current_user_hooks`,
/// `chat_agent_get_chat_presence_hooks`.
pub fn hooks_builder(client: &str, method_name: &str) -> String {
    format!("{}_{method_name}_hooks", snake_case(client.strip_suffix("Client").unwrap_or(client)))
}

/// The request builder's field holding the values of its shared [`crate::ir::QuerySet`].
pub const QUERY_SET_FIELD: &str = "query_options";

/// The mock builder type of the agent services, which no resource's [`mocks_type`] may take.
pub const AGENTS_MOCKS: &str = "AgentsMocks";

/// The request body's argument name: its documented name as an identifier, unless a path or
/// query parameter (or the query options' field) already has it; then with `_body` appended.
pub fn body_name(documented: &str, params: &[&crate::ir::Param]) -> String {
    let mut ident = crate::naming::field_ident(documented);
    while ident == QUERY_SET_FIELD || params.iter().any(|p| p.rust_name == ident) {
        ident.push_str("_body");
    }
    ident
}

/// The model's field keeping unknown members: `unknown_fields`, with `_` appended while a
/// documented field already has the name.
pub fn unknown_fields(fields: &[crate::ir::Field]) -> String {
    let mut name = "unknown_fields".to_string();
    while fields.iter().any(|f| f.rust_name == name) {
        name.push('_');
    }
    name
}

/// The variant name for each wire value of an enum: Pascal case, with all-caps words tamed
/// (`SMS` -> `Sms`), `Unrecognized` (the open enum's own variant) as `UnrecognizedValue`, and
/// clashes numbered (`Full`, `FULL` -> `Full`, `Full2`).
pub fn variant_names(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        let mut name = pascal_case(v);
        if name.len() > 1 && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            let mut chars = name.chars();
            name = chars.next().map(|c| c.to_string()).unwrap_or_default() + &chars.as_str().to_ascii_lowercase();
        }
        if name == "Unrecognized" {
            name.push_str("Value");
        }
        let base = name.clone();
        let mut n = 2;
        while out.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        out.push(name);
    }
    out
}

/// `base`, or when `taken` has it `base2`, `base3`, ...: the first that is free.
fn numbered(base: &str, taken: &std::collections::BTreeSet<String>) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

/// The operation type name for a method (`for_current_user` -> `ForCurrentUser`; `default` ->
/// `GetDefault`: prelude names get the HTTP method as a prefix).
pub fn op_type(method_name: &str, http_method: HttpMethod) -> String {
    let name = pascal_case(method_name);
    if PRELUDE.contains(&name.as_str()) {
        format!("{}{name}", pascal_case(&http_method.as_str().to_ascii_lowercase()))
    } else {
        name
    }
}

/// Rust model names for the documented schema names, by one rule: the short name (the part after
/// the last `.`, `WithLinks` folded away: `ChatCarriers.ChatSessionEntityWithLinks` is
/// `Services.ChatSessionEntity` with `_Links`, one type); where two different schemas share a short
/// name (`AICarriers.SearchRequest`, `PhoneListCarriers.SearchRequest`), each is prefixed by its
/// namespace's last part without `Carriers` (`AISearchRequest`, `PhoneListSearchRequest`). Names
/// that still clash are problems naming both definitions.
pub fn schema_names(schemas: &[DocSchema], problems: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    // Short name -> full names of the definitions without `WithLinks`, and of those with it.
    let mut by_short: BTreeMap<String, (BTreeMap<&str, &DocSchema>, Vec<&str>)> = BTreeMap::new();
    for s in schemas {
        let short = short_name(&s.name);
        let group = by_short.entry(canonical(short)).or_default();
        if canonical(short) == short {
            group.0.entry(s.name.as_str()).or_insert(s);
        } else {
            group.1.push(s.name.as_str());
        }
    }
    let mut names = BTreeMap::new();
    let mut taken: BTreeMap<String, &DocSchema> = BTreeMap::new();
    for (short, (bases, with_links)) in &by_short {
        let prefixed = bases.len() > 1;
        for (full, schema) in bases {
            let name = if prefixed {
                let namespace = full.rsplit('.').nth(1).unwrap_or_default();
                format!("{}{short}", pascal_case(namespace.strip_suffix("Carriers").unwrap_or(namespace)))
            } else {
                short.clone()
            };
            if let Some(first) = taken.get(&name) {
                problems.push(Diagnostic::at(
                    &schema.span,
                    format!(
                        "type `{}` gets the Rust name `{name}`, as does `{}` at {}",
                        schema.name, first.name, first.span
                    ),
                ));
                continue;
            }
            taken.insert(name.clone(), schema);
            names.insert(full.to_string(), name);
        }
        // `XWithLinks` is the type `X` (one base) or, with no base documented, a type of its own.
        for full in with_links {
            match bases.len() {
                0 => names.insert(full.to_string(), short.clone()),
                1 => names.insert(
                    full.to_string(),
                    names.get(*bases.keys().next().unwrap_or(&"")).cloned().unwrap_or_else(|| short.clone()),
                ),
                _ => None,
            };
        }
    }
    names
}

/// `SuperOffice.CRM.Services.Person` -> `Person`.
fn short_name(full: &str) -> &str {
    full.rsplit('.').next().unwrap_or(full)
}

/// Names a request builder already has (the common setters, `send`, the pager's, the generated
/// `hooks` and conditional setters, and its `core` field): a query parameter's setter (and field)
/// must not take one of these names.
pub const REQUEST_METHODS: [&str; 23] = [
    "core",
    "if_modified_since",
    "new",
    "header",
    "language",
    "culture",
    "time_zone",
    "app_token",
    "accept_language",
    "timeout",
    "retry",
    "operation",
    "send",
    "execute",
    "hooks",
    "with_hooks",
    "if_unmodified_since",
    "with_if_unmodified_since",
    "page_size",
    "pages",
    "rows",
    "pages_limited",
    "rows_limited",
];

/// The SDK's own cargo features: a resource's feature must not take one of these names.
pub const RUNTIME_FEATURES: [&str; 5] = ["full", "jwt", "system_user", "testing", "webhooks"];

/// Methods of every resource client besides the endpoints.
const CLIENT_METHODS: [&str; 2] = ["new", "client"];

/// Makes every name the emitter uses unique, by the rules below, or reports the clash with both
/// sources. Runs once on the whole API, after lowering:
/// - method names of one resource: a clash falls back to the operation-id suffix
///   (`endpoints::dedupe_method_names`), then to the whole operation id
///   (`v1CategoryList_GetAll` -> `category_list_get_all`; operation ids are unique);
/// - operation types: from the method name ([`op_type`]), unique within the module together with
///   the client type and the `<Op>Hooks` traits;
/// - query setters: a name the request builder already has gets `_param` appended;
/// - fields of one model: the first in documented order keeps the name, later ones get `_2`, `_3`;
///   the field keeping unknown members avoids them all ([`unknown_fields`]);
/// - an enum whose name (or file) clashes with a model's gets `Value` appended; the files under
///   `models/` (one module per model and enum) must then be unique;
/// - enum variants: [`variant_names`];
/// - a resource whose feature would be one of the SDK's own ([`RUNTIME_FEATURES`]) gets
///   `_resource` appended to its feature (resources live under `rest::` and `agents::`, so their
///   modules never meet the runtime's);
/// - resource modules (per kind), client types, cargo features, mock builder types and endpoint
///   and sample tables (one namespace) must be unique;
/// - the request body's argument gets `_body` appended while a parameter has its name
///   ([`body_name`]);
/// - hook traits are `<Op>Hooks` ([`hooks_trait`]); the `ClientBuilder` methods registering hooks
///   ([`hooks_builder`]) must be unique across the API;
/// - shared query sets ([`super::query_sets`]) are named by what they hold ([`query_set_name`]);
///   a name another set already has gets `2`, `3`, ... appended. They are found anew on every run,
///   so lowering's callers (and tests) can run this again after editing the API.
pub fn make_unique(api: &mut crate::ir::Api, overrides: &crate::overrides::Overrides) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for r in api.resources.values_mut() {
        if RUNTIME_FEATURES.contains(&r.feature.as_str()) {
            r.feature.push_str("_resource");
        }
    }
    let mut features: BTreeMap<String, &Resource> = BTreeMap::new();
    let mut clients: BTreeMap<String, &Resource> = BTreeMap::new();
    let mut modules: BTreeMap<(ResourceKind, String), &Resource> = BTreeMap::new();
    let mut mocks: BTreeMap<String, &Resource> = BTreeMap::new();
    let mut tables: BTreeMap<String, &Resource> = BTreeMap::new();
    for r in api.resources.values() {
        let at = r.endpoints.first().map(|e| e.source.clone()).unwrap_or_default();
        if r.mocks_type == AGENTS_MOCKS {
            problems.push(clash(&at, "mock builder type", &r.mocks_type, &r.name, "the agent services' mocks"));
        }
        for (kind, map, key) in [
            ("cargo feature", &mut features, &r.feature),
            ("client type", &mut clients, &r.client),
            ("mock builder type", &mut mocks, &r.mocks_type),
            ("endpoint table", &mut tables, &r.endpoint_table),
        ] {
            claim(map, kind, key, r, &at, &mut problems);
        }
        // Sample tables share the endpoint tables' namespace (one module holds both).
        claim(&mut tables, "endpoint table", &r.sample_table, r, &at, &mut problems);
        if let Some(first) = modules.get(&(r.kind, r.module.clone())) {
            problems.push(clash(&at, "module", &r.module, &r.name, &first.name));
        } else {
            modules.insert((r.kind, r.module.clone()), r);
        }
    }
    let mut builders: BTreeMap<String, String> = BTreeMap::new();
    for r in api.resources.values_mut() {
        super::endpoints::dedupe_method_names(&mut r.endpoints, overrides);
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for e in &r.endpoints {
            *counts.entry(e.method_name.clone()).or_default() += 1;
        }
        for e in &mut r.endpoints {
            if counts.get(&e.method_name).copied().unwrap_or(0) > 1 || CLIENT_METHODS.contains(&e.method_name.as_str())
            {
                let id = e.operation_id.strip_prefix("v1").unwrap_or(&e.operation_id);
                e.method_name = crate::naming::field_ident(id);
            }
        }
        r.endpoints.sort_by(|a, b| a.method_name.cmp(&b.method_name));
        for pair in r.endpoints.windows(2) {
            if let [a, b] = pair {
                if a.method_name == b.method_name {
                    problems.push(Diagnostic::at(
                        &b.source,
                        format!(
                            "method `{}` of `{}` is also the name of `{}` ({}): add one to method_names in overrides.json",
                            b.method_name, b.operation_id, a.operation_id, a.source
                        ),
                    ));
                }
            }
        }
        let mut types: BTreeMap<String, String> = BTreeMap::new();
        types.insert(r.client.clone(), "the client".to_string());
        for e in &mut r.endpoints {
            e.op_type = op_type(&e.method_name, e.http_method);
            e.hooks_trait = hooks_trait(&e.op_type);
            e.hooks_builder = hooks_builder(&r.client, &e.method_name);
            if let Some(first) = builders.get(&e.hooks_builder) {
                problems.push(clash(&e.source, "ClientBuilder method", &e.hooks_builder, &e.operation_id, first));
            } else {
                builders.insert(e.hooks_builder.clone(), e.operation_id.clone());
            }
            for name in [e.op_type.clone(), e.hooks_trait.clone()] {
                if let Some(first) = types.get(&name) {
                    problems.push(clash(&e.source, "Rust type", &name, &e.operation_id, first));
                } else {
                    types.insert(name, e.operation_id.clone());
                }
            }
            for q in &mut e.query_params {
                if REQUEST_METHODS.contains(&q.rust_name.as_str()) {
                    q.rust_name.push_str("_param");
                }
            }
            if let Some(b) = &mut e.request_body {
                let params: Vec<&crate::ir::Param> = e.path_params.iter().chain(&e.query_params).collect();
                b.rust_name = body_name(&b.name, &params);
            }
            let mut args: BTreeMap<String, &str> = BTreeMap::new();
            let body = e.request_body.as_ref().map(|b| b.rust_name.clone());
            for (name, what) in e
                .path_params
                .iter()
                .map(|p| (p.rust_name.clone(), "path parameter"))
                .chain(body.map(|b| (b, "request body")))
                .chain(e.query_params.iter().map(|q| (q.rust_name.clone(), "query parameter")))
            {
                if let Some(first) = args.insert(name.clone(), what) {
                    problems.push(Diagnostic::at(
                        &e.source,
                        format!("`{}`: the {what} and the {first} are both named `{name}` in Rust", e.operation_id),
                    ));
                }
            }
        }
    }
    for m in api.models.values_mut() {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for f in &mut m.fields {
            let n = seen.entry(f.rust_name.clone()).or_default();
            *n += 1;
            if *n > 1 {
                f.rust_name = format!("{}_{n}", f.rust_name);
            }
        }
        m.unknown_fields = unknown_fields(&m.fields);
    }
    let model_files: BTreeMap<String, String> = api
        .models
        .values()
        .flat_map(|m| std::iter::once(&m.name).chain(&m.aliases))
        .map(|n| (snake_case(n), n.clone()))
        .collect();
    let renames: Vec<(String, String)> = api
        .enums
        .keys()
        .filter(|e| model_files.contains_key(&snake_case(e)))
        .map(|e| (e.clone(), format!("{e}Value")))
        .collect();
    for (old, new) in renames {
        if api.enums.contains_key(&new) || model_files.contains_key(&snake_case(&new)) {
            let at = api.enums.get(&old).map(|d| d.source.clone()).unwrap_or_default();
            problems.push(clash(&at, "model or enum", &old, &old, &new));
            continue;
        }
        rename_enum(api, &old, &new);
    }
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for m in api.models.values_mut() {
        m.module = snake_case(&m.name);
        files.insert(m.module.clone(), m.name.clone());
    }
    for d in api.enums.values_mut() {
        d.module = snake_case(&d.name);
        d.variants = variant_names(&d.values);
        if let Some(first) = files.get(&d.module) {
            problems.push(clash(&d.source, "models file", &d.module, &d.name, first));
        } else {
            files.insert(d.module.clone(), d.name.clone());
        }
    }
    let mut sets = super::query_sets::shared(api);
    let mut taken = std::collections::BTreeSet::new();
    for set in &mut sets {
        set.name = numbered(&set.name, &taken);
        taken.insert(set.name.clone());
    }
    super::query_sets::store(api, sets);
    problems
}

/// The method-name snapshot (`sdk/METHODS.txt`): every generated client method as
/// `<module path>.<method> <operation id>`, one per line, sorted (`agents.contact.get_contact_entity
/// v1ContactAgent_GetContactEntity`, `contact.get v1ContactEntity_GetContactEntity`). `generate`
/// writes it and `check` compares it, so every rename shows in review.
pub fn method_snapshot(api: &crate::ir::Api) -> String {
    let mut lines: Vec<String> = api
        .resources
        .values()
        .flat_map(|r| {
            let module = match r.kind {
                ResourceKind::Rest => r.module.clone(),
                ResourceKind::Agent => format!("agents.{}", r.module),
            };
            r.endpoints.iter().map(move |e| format!("{module}.{} {}", e.method_name, e.operation_id))
        })
        .collect();
    lines.sort();
    let mut out = String::from(
        "# Every generated client method and its operation id (`codegen generate` writes this file,\n\
         # `codegen check` fails when it is stale). Naming rule: README, \"Regenerating from updated docs\".\n",
    );
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// The name of a query-parameter set several endpoints share, by what it holds: the OData list
/// options (every parameter a `$` option, `$top` and `$skip` among them) are `ODataQuery`; any
/// other set is its parameters' names in order, in Pascal case, then `Query` (`$select` and `fk`:
/// `SelectFkQuery`; `flat` and `query`: `FlatQuery`). Never the name of a resource or method
/// that happens to use it.
pub fn query_set_name(params: &[crate::ir::Param]) -> String {
    let odata = params.iter().all(|p| p.wire_name.starts_with('$'));
    let has = |w: &str| params.iter().any(|p| p.wire_name.eq_ignore_ascii_case(w));
    if odata && has("$top") && has("$skip") {
        return "ODataQuery".to_string();
    }
    let mut name: String = params.iter().map(|p| pascal_case(&p.rust_name)).collect();
    if !name.ends_with("Query") {
        name.push_str("Query");
    }
    name
}

/// Records that `r` uses the name `key` in `map`'s namespace, or the clash with the resource that
/// used it first.
fn claim<'a>(
    map: &mut BTreeMap<String, &'a Resource>,
    kind: &str,
    key: &str,
    r: &'a Resource,
    at: &Span,
    problems: &mut Vec<Diagnostic>,
) {
    match map.get(key) {
        Some(first) => problems.push(clash(at, kind, key, &r.name, &first.name)),
        None => {
            map.insert(key.to_string(), r);
        }
    }
}

fn clash(at: &Span, kind: &str, name: &str, this: &str, first: &str) -> Diagnostic {
    Diagnostic::at(at, format!("{kind} `{name}` of `{this}` is already used by `{first}`"))
}

/// Operations' response enums with identical value lists become one: each group keeps the enum of
/// its first operation in operation-id order (`ToggleActivities` and `ToggleActivity` both return
/// `AppointmentToggleActivitiesResult`); lists that differ in any value stay distinct enums, so a
/// method's type admits exactly the values its own schema lists.
pub fn unify_response_enums(
    api: &mut crate::ir::Api,
    groups: &BTreeMap<Vec<String>, std::collections::BTreeSet<(String, String)>>,
) {
    for users in groups.values() {
        let mut names = users.iter().map(|(_, name)| name);
        let Some(first) = names.next() else { continue };
        let others: std::collections::BTreeSet<&String> = names.filter(|n| *n != first).collect();
        for other in others {
            api.enums.remove(other.as_str());
            rename_enum(api, other, first);
        }
    }
}

/// Renames an enum and every reference to it.
fn rename_enum(api: &mut crate::ir::Api, old: &str, new: &str) {
    if let Some(mut def) = api.enums.remove(old) {
        def.name = new.to_string();
        api.enums.insert(new.to_string(), def);
    }
    crate::ir::visit::for_each_type_ref_mut(api, |_, t| {
        t.walk_mut(&mut |t| match t {
            TypeRef::Enum(n) | TypeRef::Flags(n) if n == old => *n = new.to_string(),
            _ => {}
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Api, EnumDef, Field, Model};
    use std::path::PathBuf;

    fn schema(name: &str, line: usize) -> DocSchema {
        DocSchema {
            name: name.into(),
            doc: String::new(),
            properties: Vec::new(),
            span: Span { file: PathBuf::from("o.json"), line },
        }
    }

    #[test]
    fn shared_short_names_get_their_namespace_and_with_links_folds_into_its_base() {
        let mut problems = Vec::new();
        let names = schema_names(
            &[
                schema("SuperOffice.WebApi.v1.Carriers.AICarriers.SearchRequest", 1),
                schema("SuperOffice.WebApi.v1.Carriers.PhoneListCarriers.SearchRequest", 2),
                schema("SuperOffice.CRM.Services.ChatSessionEntity", 3),
                schema("SuperOffice.WebApi.v1.Carriers.ChatCarriers.ChatSessionEntityWithLinks", 4),
                schema("SuperOffice.CRM.Services.Person", 5),
            ],
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let get = |k: &str| names.get(k).map(String::as_str);
        assert_eq!(get("SuperOffice.WebApi.v1.Carriers.AICarriers.SearchRequest"), Some("AISearchRequest"));
        assert_eq!(
            get("SuperOffice.WebApi.v1.Carriers.PhoneListCarriers.SearchRequest"),
            Some("PhoneListSearchRequest")
        );
        assert_eq!(
            get("SuperOffice.WebApi.v1.Carriers.ChatCarriers.ChatSessionEntityWithLinks"),
            Some("ChatSessionEntity")
        );
        assert_eq!(get("SuperOffice.CRM.Services.Person"), Some("Person"));
    }

    #[test]
    fn a_clash_the_rule_cannot_resolve_names_both_definitions() {
        let mut problems = Vec::new();
        schema_names(&[schema("A.XCarriers.Req", 1), schema("B.X.Req", 2)], &mut problems);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "o.json:2: type `B.X.Req` gets the Rust name `XReq`, as does `A.XCarriers.Req` at o.json:1"
        );
    }

    fn param(wire: &str, ty: TypeRef) -> crate::ir::Param {
        crate::ir::Param {
            wire_name: wire.into(),
            rust_name: crate::naming::field_ident(wire),
            ty,
            doc: String::new(),
            required: false,
        }
    }

    #[test]
    fn a_sample_table_that_is_another_resources_endpoint_table_is_a_clash() {
        let mut api = Api::default();
        for name in ["Chat", "ChatSamples"] {
            let mut r = resource(ResourceKind::Rest, name.into());
            r.endpoints.push(crate::lower::endpoints::tests_support::endpoint(&format!("v1{name}_Get")));
            api.resources.insert(crate::lower::resource_key(&r), r);
        }
        let problems: Vec<String> = make_unique(&mut api, &Default::default()).iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("endpoint table `CHAT_SAMPLES`"), "{problems:?}");
    }

    #[test]
    fn a_shared_query_set_is_named_after_what_it_holds() {
        let odata: Vec<_> = ["$select", "$filter", "$top", "$skip"].map(|w| param(w, TypeRef::I32)).into();
        assert_eq!(query_set_name(&odata), "ODataQuery");
        let select_fk = [param("$select", TypeRef::String), param("fk", TypeRef::Bool)];
        assert_eq!(query_set_name(&select_fk), "SelectFkQuery");
        let modes = ["$select", "$mode", "$format"].map(|w| param(w, TypeRef::String));
        assert_eq!(query_set_name(&modes), "SelectModeFormatQuery");
        assert_eq!(query_set_name(&[param("flat", TypeRef::Bool), param("query", TypeRef::String)]), "FlatQuery");
    }

    #[test]
    fn variant_names_are_idiomatic_and_unique() {
        let values: Vec<String> =
            ["SMS", "API", "Full", "FULL", "Unrecognized", "InQueue"].iter().map(|s| s.to_string()).collect();
        assert_eq!(variant_names(&values), ["Sms", "Api", "Full", "Full2", "UnrecognizedValue", "InQueue"]);
    }

    #[test]
    fn the_method_snapshot_lists_every_method_path_sorted_with_its_operation_id() {
        let mut api = Api::default();
        for (kind, name, methods) in [
            (
                ResourceKind::Rest,
                "Contact",
                [("get", "v1ContactEntity_GetContactEntity"), ("delete", "v1ContactEntity_DeleteContactEntity")],
            ),
            (
                ResourceKind::Agent,
                "Contact",
                [
                    ("get_contact_entity", "v1ContactAgent_GetContactEntity"),
                    ("get_contact", "v1ContactAgent_GetContact"),
                ],
            ),
        ] {
            let mut r = resource(kind, name.into());
            for (m, id) in methods {
                let mut e = crate::lower::endpoints::tests_support::endpoint(id);
                e.method_name = m.into();
                r.endpoints.push(e);
            }
            api.resources.insert(crate::lower::resource_key(&r), r);
        }
        let snapshot = method_snapshot(&api);
        let lines: Vec<&str> = snapshot.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            [
                "agents.contact.get_contact v1ContactAgent_GetContact",
                "agents.contact.get_contact_entity v1ContactAgent_GetContactEntity",
                "contact.delete v1ContactEntity_DeleteContactEntity",
                "contact.get v1ContactEntity_GetContactEntity",
            ]
        );
    }

    #[test]
    fn fields_and_enums_that_would_share_a_rust_name_are_told_apart() {
        let field = |json: &str| Field {
            json_name: json.into(),
            rust_name: crate::naming::field_ident(json),
            ty: TypeRef::Enum("DocStatus".into()),
            doc: String::new(),
            secret: false,
        };
        let mut api = Api::default();
        api.models.insert(
            "DocStatus".into(),
            Model {
                name: "DocStatus".into(),
                module: String::new(),
                unknown_fields: String::new(),
                doc: String::new(),
                fields: vec![field("Links"), field("_Links")],
                aliases: Vec::new(),
                features: Default::default(),
                source: Span::default(),
            },
        );
        let e = EnumDef {
            name: "DocStatus".into(),
            module: String::new(),
            doc: String::new(),
            values: vec!["A".into()],
            variants: Vec::new(),
            features: Default::default(),
            always_compiled: false,
            source: Span::default(),
        };
        api.enums.insert("DocStatus".into(), e);
        let problems = make_unique(&mut api, &crate::overrides::Overrides::default());
        assert!(problems.is_empty(), "{problems:?}");
        let m = &api.models["DocStatus"];
        assert_eq!(m.fields.iter().map(|f| f.rust_name.as_str()).collect::<Vec<_>>(), ["links", "links_2"]);
        assert_eq!(m.unknown_fields, "unknown_fields");
        assert_eq!(api.enums.keys().collect::<Vec<_>>(), ["DocStatusValue"]);
        assert_eq!(
            (m.module.as_str(), api.enums["DocStatusValue"].module.as_str()),
            ("doc_status", "doc_status_value")
        );
        assert_eq!(api.enums["DocStatusValue"].variants, ["A"]);
        assert_eq!(m.fields[0].ty, TypeRef::Enum("DocStatusValue".into()));
    }
}
