//! Documented sample responses fitted to their documented types, so the testing kit's mocks answer
//! what a server would and the client decodes it. The vendor's samples are generated with random
//! values and sometimes contradict the page's own tables (`"MemberCount": 99.99` for an `int64`,
//! placeholder text for base64 content). Each fix is a warning naming the page.

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::ir::{Api, ResponseKind, TypeRef};

use super::examples::example;

/// The base64 alphabet as the SDK's `Base64` reads it (padding optional).
const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

/// A documented sample of a base64 response (`format: byte`) that is not base64 — the vendor's
/// pages show placeholder text (`"GIF89....File contents as raw bytes..."`) — becomes the base64
/// of that text.
pub fn fit_base64_samples(api: &mut Api) -> Vec<Diagnostic> {
    use base64::Engine;
    let mut warnings = Vec::new();
    for e in api.resources.values_mut().flat_map(|r| r.endpoints.iter_mut()) {
        if e.response != ResponseKind::Json(TypeRef::Bytes) {
            continue;
        }
        let Some(sample) = &mut e.sample_response else { continue };
        let Some(text) = sample.body.as_str() else { continue };
        if BASE64.decode(text).is_ok() {
            continue;
        }
        let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        warnings.push(Diagnostic::at(
            &e.source,
            format!(
                "`{}`: the sample response is not base64, which the response is (`format: byte`); \
                 the testing kit answers the base64 of its text",
                e.operation_id
            ),
        ));
        sample.body = Value::String(encoded);
    }
    warnings
}

/// A value in a documented success sample whose JSON type contradicts the documented type of its
/// place (a fraction for an integer, a string for a number, an object for an array, ...) is
/// replaced with that type's example value ([`example`]). `null` fits every place, and members a
/// model does not document are left alone (they are the unknown members the SDK keeps).
pub fn fit_sample_types(api: &mut Api) -> Vec<Diagnostic> {
    let mut fixes = Vec::new();
    for (key, r) in &api.resources {
        for (i, e) in r.endpoints.iter().enumerate() {
            let (ResponseKind::Json(ty), Some(sample)) = (&e.response, &e.sample_response) else { continue };
            if !(200..300).contains(&sample.status) {
                continue;
            }
            let mut body = sample.body.clone();
            let mut misfits = Vec::new();
            fit(api, ty, &mut body, String::new(), &mut misfits);
            if !misfits.is_empty() {
                fixes.push((key.clone(), i, body, misfits));
            }
        }
    }
    let mut warnings = Vec::new();
    for (key, i, body, misfits) in fixes {
        let Some(e) = api.resources.get_mut(&key).and_then(|r| r.endpoints.get_mut(i)) else { continue };
        for (path, found, ty) in misfits {
            let at = if path.is_empty() { "the root".to_string() } else { format!("`{path}`") };
            warnings.push(Diagnostic::at(
                &e.source,
                format!(
                    "`{}`: the sample response has {found} at {at}, documented as `{ty}`; \
                     the testing kit answers an example `{ty}` there",
                    e.operation_id
                ),
            ));
        }
        if let Some(sample) = &mut e.sample_response {
            sample.body = body;
        }
    }
    warnings
}

/// Fits `value` (at JSON path `path`) to `ty`, recording each replacement as (path, what was
/// found, the documented type).
fn fit(api: &Api, ty: &TypeRef, value: &mut Value, path: String, misfits: &mut Vec<(String, String, String)>) {
    if value.is_null() {
        return;
    }
    match (ty, &mut *value) {
        (TypeRef::Array(inner), Value::Array(items)) => {
            for (i, item) in items.iter_mut().enumerate() {
                fit(api, inner, item, format!("{path}[{i}]"), misfits);
            }
            return;
        }
        (TypeRef::Map(inner), Value::Object(entries)) => {
            for (k, v) in entries.iter_mut() {
                fit(api, inner, v, join(&path, k), misfits);
            }
            return;
        }
        (TypeRef::Model(name), Value::Object(members)) => {
            let Some(model) = api.models.get(name) else { return };
            for field in &model.fields {
                if let Some(v) = members.get_mut(&field.json_name) {
                    fit(api, &field.ty, v, join(&path, &field.json_name), misfits);
                }
            }
            return;
        }
        _ => {}
    }
    if fits(ty, value) {
        return;
    }
    misfits.push((path.clone(), describe(value), documented(ty)));
    *value = example(api, ty, path.rsplit('.').next().unwrap_or("value"), &mut Vec::new());
}

/// Whether a non-null scalar (or a container of the wrong kind) fits `ty` as the SDK decodes it.
fn fits(ty: &TypeRef, value: &Value) -> bool {
    match ty {
        TypeRef::I32 => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        TypeRef::I64 => value.is_i64() || value.is_u64(),
        TypeRef::F64 => value.is_number(),
        TypeRef::Bool => value.is_boolean(),
        TypeRef::String | TypeRef::DateTime | TypeRef::Bytes | TypeRef::Duration | TypeRef::Flags(_) => {
            value.is_string()
        }
        // Open enums take a value's name or its number.
        TypeRef::Enum(_) => value.is_string() || value.is_i64() || value.is_u64(),
        TypeRef::Json => true,
        TypeRef::Array(_) => value.is_array(),
        TypeRef::Map(_) | TypeRef::Model(_) => value.is_object(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The documented type of a place, as the pages write it.
fn documented(ty: &TypeRef) -> String {
    match ty {
        TypeRef::I32 => "int32".into(),
        TypeRef::I64 => "int64".into(),
        TypeRef::F64 => "double".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::String => "string".into(),
        TypeRef::DateTime => "date-time".into(),
        TypeRef::Bytes => "byte".into(),
        TypeRef::Duration => "TimeSpan".into(),
        TypeRef::Json => "object".into(),
        TypeRef::Enum(name) | TypeRef::Flags(name) | TypeRef::Model(name) => name.clone(),
        TypeRef::Array(inner) => format!("{}[]", documented(inner)),
        TypeRef::Map(inner) => format!("map of {}", documented(inner)),
    }
}

/// `99.99`, `"text"`, `an array`: what a sample holds, for the warning.
fn describe(value: &Value) -> String {
    match value {
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::{Field, Model};

    fn field(name: &str, ty: TypeRef) -> Field {
        Field { json_name: name.into(), rust_name: name.to_lowercase(), ty, doc: String::new(), secret: false }
    }

    fn api() -> Api {
        let mut api = Api::default();
        let selection = Model {
            name: "Selection".into(),
            module: String::new(),
            unknown_fields: String::new(),
            doc: String::new(),
            fields: vec![
                field("MemberCount", TypeRef::I64),
                field("Name", TypeRef::String),
                field("Ids", TypeRef::Array(Box::new(TypeRef::I32))),
                field("Weight", TypeRef::F64),
            ],
            aliases: Vec::new(),
            features: Default::default(),
            source: Default::default(),
        };
        api.models.insert("Selection".into(), selection);
        api
    }

    #[test]
    fn values_that_contradict_their_type_become_examples_and_the_rest_is_kept() {
        let api = api();
        let ty = TypeRef::Array(Box::new(TypeRef::Model("Selection".into())));
        let mut body = json!([
            {"MemberCount": 99.99, "Name": "n", "Ids": [1, "2", 3], "Weight": 2, "Extra": 0.5},
            {"MemberCount": 7, "Name": null, "Ids": {}, "Weight": 1.25}
        ]);
        let mut misfits = Vec::new();
        fit(&api, &ty, &mut body, String::new(), &mut misfits);
        assert_eq!(
            body,
            json!([
                {"MemberCount": 1, "Name": "n", "Ids": [1, 1, 3], "Weight": 2, "Extra": 0.5},
                {"MemberCount": 7, "Name": null, "Ids": [1], "Weight": 1.25}
            ])
        );
        let paths: Vec<_> = misfits.iter().map(|(p, found, _)| format!("{p}={found}")).collect();
        assert_eq!(paths, ["[0].MemberCount=99.99", "[0].Ids[1]=\"2\"", "[1].Ids=an object"]);
    }

    #[test]
    fn an_int32_out_of_range_does_not_fit() {
        assert!(!fits(&TypeRef::I32, &json!(3_000_000_000_i64)));
        assert!(fits(&TypeRef::I64, &json!(3_000_000_000_i64)));
        assert!(!fits(&TypeRef::I64, &json!(1.5)));
        assert!(fits(&TypeRef::F64, &json!(1)));
    }
}
