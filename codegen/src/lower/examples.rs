//! Deterministic example responses for endpoints the docs show no sample for.
//!
//! The example is built from the response type: every model field is present with an example of
//! its type (a model already being built higher up is `null`, so recursive types end), numbers
//! are `1`, strings their field name, enums their first documented value, date-times a fixed
//! offset-less time as the server sends them, arrays one element, maps one entry.

use serde_json::{json, Map, Value};

use crate::ir::{Api, ResponseKind, Sample, SampleOrigin, TypeRef};

/// Gives every endpoint with a JSON response and no documented success sample an example built
/// from its type ([`SampleOrigin::Schema`]).
pub fn fill_samples(api: &mut Api) {
    let mut filled = Vec::new();
    for (key, r) in &api.resources {
        for (i, e) in r.endpoints.iter().enumerate() {
            let documented_success = e.sample_response.as_ref().is_some_and(|s| (200..300).contains(&s.status));
            if let (ResponseKind::Json(t), false) = (&e.response, documented_success) {
                let body = example(api, t, "value", &mut Vec::new());
                filled.push((key.clone(), i, Sample { status: 200, body, origin: SampleOrigin::Schema }));
            }
        }
    }
    for (key, i, sample) in filled {
        if let Some(e) = api.resources.get_mut(&key).and_then(|r| r.endpoints.get_mut(i)) {
            e.sample_response = Some(sample);
        }
    }
}

/// An example value of `ty`; `name` is the field or parameter it is for; `stack` holds the models
/// being built.
pub fn example(api: &Api, ty: &TypeRef, name: &str, stack: &mut Vec<String>) -> Value {
    match ty {
        TypeRef::I32 | TypeRef::I64 => json!(1),
        TypeRef::F64 => json!(1.5),
        TypeRef::Bool => json!(true),
        TypeRef::String => json!(name),
        TypeRef::DateTime => json!("2024-03-31T16:00:00"),
        // "sample" in base64; one and a half hours.
        TypeRef::Bytes => json!("c2FtcGxl"),
        TypeRef::Duration => json!("01:30:00"),
        TypeRef::Json => json!({}),
        TypeRef::Enum(e) | TypeRef::Flags(e) => {
            api.enums.get(e).and_then(|d| d.values.first()).map_or(Value::Null, |v| json!(v))
        }
        // A collection of a model being built is empty (a `null` element would not decode).
        TypeRef::Array(inner) if recursive(inner, stack) => json!([]),
        TypeRef::Map(inner) if recursive(inner, stack) => json!({}),
        TypeRef::Array(inner) => json!([example(api, inner, name, stack)]),
        TypeRef::Map(inner) => {
            let mut m = Map::new();
            m.insert("key".to_string(), example(api, inner, name, stack));
            Value::Object(m)
        }
        TypeRef::Model(m) => {
            let Some(model) = api.models.get(m) else { return Value::Null };
            if stack.contains(m) {
                return Value::Null;
            }
            stack.push(m.clone());
            let obj =
                model.fields.iter().map(|f| (f.json_name.clone(), example(api, &f.ty, &f.json_name, stack))).collect();
            stack.pop();
            Value::Object(obj)
        }
    }
}

/// Whether `ty` is (a collection of) a model being built.
fn recursive(ty: &TypeRef, stack: &[String]) -> bool {
    let mut found = false;
    ty.walk(&mut |t| found |= matches!(t, TypeRef::Model(m) if stack.contains(m)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, Model};

    fn field(name: &str, ty: TypeRef) -> Field {
        Field { json_name: name.into(), rust_name: name.to_lowercase(), ty, doc: String::new(), secret: false }
    }

    #[test]
    fn recursive_models_end_and_every_field_is_present() {
        let mut api = Api::default();
        let node = Model {
            name: "Node".into(),
            module: String::new(),
            unknown_fields: String::new(),
            doc: String::new(),
            fields: vec![
                field("Id", TypeRef::I32),
                field("Name", TypeRef::String),
                field("When", TypeRef::DateTime),
                field("Children", TypeRef::Array(Box::new(TypeRef::Model("Node".into())))),
            ],
            aliases: Vec::new(),
            features: Default::default(),
            source: Default::default(),
        };
        api.models.insert("Node".into(), node);
        let v = example(&api, &TypeRef::Model("Node".into()), "value", &mut Vec::new());
        assert_eq!(v, json!({"Id": 1, "Name": "Name", "When": "2024-03-31T16:00:00", "Children": []}));
    }
}
