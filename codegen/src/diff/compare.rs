//! Two [`Api`]s -> the list of differences in the generated Rust API.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, Endpoint, EnumDef, Model, Param, RequestBody, RequestBodyKind, ResponseKind, TypeRef};

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// An endpoint (a client method and its operation type).
    Endpoint,
    /// A model (a generated struct).
    Model,
    /// An open enum.
    Enum,
    /// A flag set (an open enum used as a comma-separated set).
    FlagSet,
    /// A scripting hook.
    Hook,
    /// A cargo feature of the SDK.
    Feature,
}

impl Area {
    /// Lower-case name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Endpoint => "endpoint",
            Area::Model => "model",
            Area::Enum => "enum",
            Area::FlagSet => "flag set",
            Area::Hook => "hook",
            Area::Feature => "feature",
        }
    }
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The item is new.
    Added,
    /// The item is gone.
    Removed,
    /// The endpoint's client method is renamed.
    MethodRenamed,
    /// The endpoint's HTTP method changed (no signature changes).
    HttpMethodChanged,
    /// The endpoint's path template changed (no signature changes).
    PathChanged,
    /// A new required argument (a path parameter, a required query parameter).
    RequiredParamAdded,
    /// A new optional argument (a query parameter setter).
    OptionalParamAdded,
    /// A parameter is gone.
    ParamRemoved,
    /// A parameter's type changed.
    ParamTypeChanged,
    /// An optional parameter became required.
    ParamNowRequired,
    /// A required parameter became optional.
    ParamNowOptional,
    /// The endpoint now takes a request body (a new required argument).
    BodyAdded,
    /// The endpoint no longer takes a request body.
    BodyRemoved,
    /// The request body's type changed (JSON type, JSON Patch, file content).
    BodyTypeChanged,
    /// What a successful response decodes to changed (type, JSON vs file content, empty).
    ResponseChanged,
    /// A model has a new field.
    FieldAdded,
    /// A model lost a field.
    FieldRemoved,
    /// A field's type changed.
    FieldTypeChanged,
    /// An enum or flag set has a new known value.
    ValueAdded,
    /// An enum or flag set lost a known value (its variant disappears).
    ValueRemoved,
    /// A model or enum is compiled with more cargo features than before.
    FeaturesAdded,
    /// A model or enum is no longer compiled with some cargo features (code using it with only
    /// those features enabled breaks).
    FeaturesRemoved,
}

impl Kind {
    /// Kebab-case name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::MethodRenamed => "method-renamed",
            Kind::HttpMethodChanged => "http-method-changed",
            Kind::PathChanged => "path-changed",
            Kind::RequiredParamAdded => "required-parameter-added",
            Kind::OptionalParamAdded => "optional-parameter-added",
            Kind::ParamRemoved => "parameter-removed",
            Kind::ParamTypeChanged => "parameter-type-changed",
            Kind::ParamNowRequired => "parameter-now-required",
            Kind::ParamNowOptional => "parameter-now-optional",
            Kind::BodyAdded => "body-added",
            Kind::BodyRemoved => "body-removed",
            Kind::BodyTypeChanged => "body-type-changed",
            Kind::ResponseChanged => "response-changed",
            Kind::FieldAdded => "field-added",
            Kind::FieldRemoved => "field-removed",
            Kind::FieldTypeChanged => "field-type-changed",
            Kind::ValueAdded => "value-added",
            Kind::ValueRemoved => "value-removed",
            Kind::FeaturesAdded => "features-added",
            Kind::FeaturesRemoved => "features-removed",
        }
    }
}

/// One difference between the old and the new generated API.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// What it is about.
    pub area: Area,
    /// The item, as a Rust user sees it: `Agents/Contact get_contact_list`, `models::Contact`,
    /// `ContactAgentGetContactListMode`, feature `contact_agent`.
    pub subject: String,
    /// What changed.
    pub kind: Kind,
    /// The details: the member or value, old and new types (`contact_ids: Vec<i32> -> Vec<i64>`).
    pub detail: String,
}

impl Change {
    fn new(area: Area, subject: impl Into<String>, kind: Kind, detail: impl Into<String>) -> Self {
        Change { area, subject: subject.into(), kind, detail: detail.into() }
    }
}

/// A type as the generated Rust API spells it (`Vec<i32>`, `Option`-less).
pub fn rust_type(t: &TypeRef) -> String {
    match t {
        TypeRef::I32 => "i32".into(),
        TypeRef::I64 => "i64".into(),
        TypeRef::F64 => "f64".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::String => "String".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Bytes => "Base64".into(),
        TypeRef::Duration => "TimeSpan".into(),
        TypeRef::Model(n) | TypeRef::Enum(n) => n.clone(),
        TypeRef::Flags(n) => format!("FlagSet<{n}>"),
        TypeRef::Array(inner) => format!("Vec<{}>", rust_type(inner)),
        TypeRef::Map(inner) => format!("Map<String, {}>", rust_type(inner)),
    }
}

fn response_str(r: &ResponseKind) -> String {
    match r {
        ResponseKind::Empty => "no body".into(),
        ResponseKind::Json(t) => format!("JSON {}", rust_type(t)),
        ResponseKind::Binary => "file content (bytes)".into(),
    }
}

fn body_str(b: &RequestBody) -> String {
    match &b.kind {
        RequestBodyKind::Json(t) => format!("JSON {}", rust_type(t)),
        RequestBodyKind::Patch => "JSON Patch".into(),
        RequestBodyKind::Binary => "file content (bytes)".into(),
    }
}

/// Every difference between `old` and `new`, sorted (by area, subject, kind, detail).
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let mut out = Vec::new();
    endpoints(old, new, &mut out);
    models(&old.models, &new.models, &mut out);
    enums(old, new, &mut out);
    let hooks = |api: &Api| -> BTreeSet<String> {
        api.hooks.values().map(|h| format!("{} {} ({})", h.resource, h.method_name, h.service_method)).collect()
    };
    added_removed(Area::Hook, &hooks(old), &hooks(new), &mut out);
    let features = |api: &Api| -> BTreeSet<String> { api.resources.values().map(|r| r.feature.clone()).collect() };
    added_removed(Area::Feature, &features(old), &features(new), &mut out);
    out.sort();
    out
}

fn added_removed(area: Area, old: &BTreeSet<String>, new: &BTreeSet<String>, out: &mut Vec<Change>) {
    out.extend(old.difference(new).map(|s| Change::new(area, s.clone(), Kind::Removed, "")));
    out.extend(new.difference(old).map(|s| Change::new(area, s.clone(), Kind::Added, "")));
}

/// Endpoints by `(resource key, operation id)`.
fn endpoint_index(api: &Api) -> BTreeMap<(String, String), &Endpoint> {
    api.resources
        .iter()
        .flat_map(|(key, r)| r.endpoints.iter().map(move |e| ((key.clone(), e.operation_id.clone()), e)))
        .collect()
}

fn endpoint_subject(resource: &str, e: &Endpoint) -> String {
    format!("{resource} {} ({} {})", e.method_name, e.http_method.as_str(), e.path)
}

fn endpoints(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let (old_eps, new_eps) = (endpoint_index(old), endpoint_index(new));
    for ((resource, _), e) in &old_eps {
        let key = (resource.clone(), e.operation_id.clone());
        let Some(n) = new_eps.get(&key) else {
            out.push(Change::new(Area::Endpoint, endpoint_subject(resource, e), Kind::Removed, &e.operation_id));
            continue;
        };
        let subject = endpoint_subject(resource, n);
        let mut push = |kind, detail: String| out.push(Change::new(Area::Endpoint, subject.clone(), kind, detail));
        if e.method_name != n.method_name {
            push(Kind::MethodRenamed, format!("{} -> {}", e.method_name, n.method_name));
        }
        if e.http_method != n.http_method {
            push(Kind::HttpMethodChanged, format!("{} -> {}", e.http_method.as_str(), n.http_method.as_str()));
        }
        if e.path != n.path {
            push(Kind::PathChanged, format!("{} -> {}", e.path, n.path));
        }
        let params = |ep: &Endpoint| -> Vec<Param> { ep.path_params.iter().chain(&ep.query_params).cloned().collect() };
        params_changes(&params(e), &params(n), &mut push);
        match (&e.request_body, &n.request_body) {
            (None, Some(b)) => push(Kind::BodyAdded, format!("`{}`: {}", b.name, body_str(b))),
            (Some(b), None) => push(Kind::BodyRemoved, format!("`{}`: {}", b.name, body_str(b))),
            (Some(a), Some(b)) if a.kind != b.kind => {
                push(Kind::BodyTypeChanged, format!("`{}`: {} -> {}", b.name, body_str(a), body_str(b)));
            }
            _ => {}
        }
        if e.response != n.response {
            push(Kind::ResponseChanged, format!("{} -> {}", response_str(&e.response), response_str(&n.response)));
        }
    }
    for ((resource, id), e) in &new_eps {
        if !old_eps.contains_key(&(resource.clone(), id.clone())) {
            out.push(Change::new(Area::Endpoint, endpoint_subject(resource, e), Kind::Added, id));
        }
    }
}

fn params_changes(old: &[Param], new: &[Param], push: &mut impl FnMut(Kind, String)) {
    for p in old {
        match new.iter().find(|n| n.wire_name == p.wire_name) {
            None => push(Kind::ParamRemoved, format!("`{}`: {}", p.rust_name, rust_type(&p.ty))),
            Some(n) => {
                if p.ty != n.ty {
                    push(
                        Kind::ParamTypeChanged,
                        format!("`{}`: {} -> {}", n.rust_name, rust_type(&p.ty), rust_type(&n.ty)),
                    );
                }
                match (p.required, n.required) {
                    (false, true) => push(Kind::ParamNowRequired, format!("`{}`", n.rust_name)),
                    (true, false) => push(Kind::ParamNowOptional, format!("`{}`", n.rust_name)),
                    _ => {}
                }
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|p| p.wire_name == n.wire_name)) {
        let kind = if n.required { Kind::RequiredParamAdded } else { Kind::OptionalParamAdded };
        push(kind, format!("`{}`: {}", n.rust_name, rust_type(&n.ty)));
    }
}

/// The cargo features a model or enum lost and gained.
fn feature_changes(area: Area, subject: &str, old: &BTreeSet<String>, new: &BTreeSet<String>, out: &mut Vec<Change>) {
    let list = |s: Vec<&String>| s.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
    let removed: Vec<&String> = old.difference(new).collect();
    if !removed.is_empty() {
        out.push(Change::new(area, subject, Kind::FeaturesRemoved, list(removed)));
    }
    let added: Vec<&String> = new.difference(old).collect();
    if !added.is_empty() {
        out.push(Change::new(area, subject, Kind::FeaturesAdded, list(added)));
    }
}

fn models(old: &BTreeMap<String, Model>, new: &BTreeMap<String, Model>, out: &mut Vec<Change>) {
    for (name, m) in old {
        let subject = format!("models::{name}");
        let Some(n) = new.get(name) else {
            out.push(Change::new(Area::Model, subject, Kind::Removed, ""));
            continue;
        };
        feature_changes(Area::Model, &subject, &m.features, &n.features, out);
        for f in &m.fields {
            match n.fields.iter().find(|g| g.json_name == f.json_name) {
                None => out.push(Change::new(
                    Area::Model,
                    subject.clone(),
                    Kind::FieldRemoved,
                    format!("`{}`: {}", f.rust_name, rust_type(&f.ty)),
                )),
                Some(g) if g.ty != f.ty => out.push(Change::new(
                    Area::Model,
                    subject.clone(),
                    Kind::FieldTypeChanged,
                    format!("`{}`: {} -> {}", g.rust_name, rust_type(&f.ty), rust_type(&g.ty)),
                )),
                Some(_) => {}
            }
        }
        for g in n.fields.iter().filter(|g| !m.fields.iter().any(|f| f.json_name == g.json_name)) {
            out.push(Change::new(
                Area::Model,
                subject.clone(),
                Kind::FieldAdded,
                format!("`{}`: {}", g.rust_name, rust_type(&g.ty)),
            ));
        }
    }
    for name in new.keys().filter(|n| !old.contains_key(*n)) {
        out.push(Change::new(Area::Model, format!("models::{name}"), Kind::Added, ""));
    }
}

/// Enums used as flag sets somewhere in the API.
fn flag_sets(api: &Api) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    crate::ir::visit::for_each_type_ref(api, |_, t| {
        t.walk(&mut |t| {
            if let TypeRef::Flags(n) = t {
                out.insert(n.clone());
            }
        })
    });
    out
}

fn enums(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let (old_flags, new_flags) = (flag_sets(old), flag_sets(new));
    let area = |name: &str, flags: &BTreeSet<String>| if flags.contains(name) { Area::FlagSet } else { Area::Enum };
    let values = |e: &EnumDef| -> BTreeSet<String> { e.values.iter().cloned().collect() };
    for (name, e) in &old.enums {
        let Some(n) = new.enums.get(name) else {
            out.push(Change::new(area(name, &old_flags), name.clone(), Kind::Removed, ""));
            continue;
        };
        let a = area(name, &new_flags);
        feature_changes(a, name, &e.features, &n.features, out);
        let (ov, nv) = (values(e), values(n));
        out.extend(ov.difference(&nv).map(|v| Change::new(a, name.clone(), Kind::ValueRemoved, format!("`{v}`"))));
        out.extend(nv.difference(&ov).map(|v| Change::new(a, name.clone(), Kind::ValueAdded, format!("`{v}`"))));
    }
    for name in new.enums.keys().filter(|n| !old.enums.contains_key(*n)) {
        out.push(Change::new(area(name, &new_flags), name.clone(), Kind::Added, ""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, HttpMethod, Resource, ResourceKind};

    fn endpoint(id: &str, name: &str) -> Endpoint {
        Endpoint {
            operation_id: id.into(),
            method_name: name.into(),
            op_type: String::new(),
            http_method: HttpMethod::Post,
            path: format!("/api/v1/Agents/Contact/{name}"),
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
            conditional: Default::default(),
            sample_response: None,
            sample_request_body: None,
            source: Default::default(),
        }
    }

    fn api(endpoints: Vec<Endpoint>) -> Api {
        let mut api = Api::default();
        api.resources.insert(
            "Agents/Contact".into(),
            Resource { endpoints, ..crate::lower::names::resource(ResourceKind::Agent, "Contact".into()) },
        );
        api
    }

    fn param(name: &str, ty: TypeRef, required: bool) -> Param {
        Param { wire_name: name.into(), rust_name: name.into(), ty, doc: String::new(), required }
    }

    fn kinds(changes: &[Change]) -> Vec<(Area, Kind, &str)> {
        changes.iter().map(|c| (c.area, c.kind, c.detail.as_str())).collect()
    }

    #[test]
    fn identical_apis_have_no_changes() {
        let a = api(vec![endpoint("v1ContactAgent_GetContact", "get_contact")]);
        assert_eq!(compare(&a, &a), Vec::new());
    }

    #[test]
    fn endpoints_added_removed_and_their_signatures() {
        let mut e = endpoint("v1ContactAgent_GetContact", "get_contact");
        e.query_params = vec![param("contactId", TypeRef::I32, true), param("gone", TypeRef::String, false)];
        e.response = ResponseKind::Json(TypeRef::Model("Contact".into()));
        let old = api(vec![e.clone(), endpoint("v1ContactAgent_Old", "old")]);
        let mut n = e;
        n.query_params = vec![param("contactId", TypeRef::I64, true), param("extra", TypeRef::Bool, false)];
        n.response = ResponseKind::Binary;
        n.request_body = Some(RequestBody {
            name: "ids".into(),
            rust_name: "ids".into(),
            doc: String::new(),
            kind: RequestBodyKind::Json(TypeRef::Array(Box::new(TypeRef::I32))),
        });
        let new = api(vec![n, endpoint("v1ContactAgent_New", "new")]);
        let changes = compare(&old, &new);
        assert_eq!(
            kinds(&changes),
            [
                (Area::Endpoint, Kind::OptionalParamAdded, "`extra`: bool"),
                (Area::Endpoint, Kind::ParamRemoved, "`gone`: String"),
                (Area::Endpoint, Kind::ParamTypeChanged, "`contactId`: i32 -> i64"),
                (Area::Endpoint, Kind::BodyAdded, "`ids`: JSON Vec<i32>"),
                (Area::Endpoint, Kind::ResponseChanged, "JSON Contact -> file content (bytes)"),
                (Area::Endpoint, Kind::Added, "v1ContactAgent_New"),
                (Area::Endpoint, Kind::Removed, "v1ContactAgent_Old"),
            ]
        );
        assert_eq!(changes[0].subject, "Agents/Contact get_contact (POST /api/v1/Agents/Contact/get_contact)");
    }

    #[test]
    fn model_members_and_enum_values() {
        let field = |n: &str, ty: TypeRef| Field {
            json_name: n.into(),
            rust_name: n.into(),
            ty,
            doc: String::new(),
            secret: false,
        };
        let model = |fields| Model {
            name: "Contact".into(),
            module: String::new(),
            unknown_fields: String::new(),
            doc: String::new(),
            fields,
            aliases: Vec::new(),
            features: Default::default(),
            source: Default::default(),
        };
        let en = |values: &[&str]| EnumDef {
            name: "Mode".into(),
            module: String::new(),
            doc: String::new(),
            values: values.iter().map(|v| v.to_string()).collect(),
            variants: Vec::new(),
            features: Default::default(),
            always_compiled: false,
            source: Default::default(),
        };
        let mut old = api(Vec::new());
        old.models.insert("Contact".into(), model(vec![field("a", TypeRef::I32), field("b", TypeRef::String)]));
        old.enums.insert("Mode".into(), en(&["One", "Two"]));
        let mut new = api(Vec::new());
        new.models.insert("Contact".into(), model(vec![field("a", TypeRef::I64), field("c", TypeRef::Bool)]));
        new.enums.insert("Mode".into(), en(&["One", "Three"]));
        assert_eq!(
            kinds(&compare(&old, &new)),
            [
                (Area::Model, Kind::FieldAdded, "`c`: bool"),
                (Area::Model, Kind::FieldRemoved, "`b`: String"),
                (Area::Model, Kind::FieldTypeChanged, "`a`: i32 -> i64"),
                (Area::Enum, Kind::ValueAdded, "`Three`"),
                (Area::Enum, Kind::ValueRemoved, "`Two`"),
            ]
        );
    }
}
