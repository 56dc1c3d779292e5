//! Building models and enums from property tables, sample JSON and OpenAPI definitions.
//!
//! Rules, in order of trust: a documented Type cell, then an OpenAPI definition, then the shape of
//! the sample JSON. Objects are identified by name; names come from the docs (`Associate`), else
//! from the object's primary key (`AssociateId` -> `Associate`), else from the property holding it
//! (`TableRight`). Objects with one name are one type whatever property holds them, so `User` and
//! `TransferTo` are both `Associate`. `XWithLinks` is `X` plus `_Links`, so it is one type with an
//! alias.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::ir::{EnumDef, Field, Model, TypeRef};
use crate::naming::{field_ident, pascal_case};

mod names;
mod scalars;

use crate::diag::Span;
pub use crate::doc::scalar_type;
use crate::doc::{DocProperty, DocSchema, DocType, Scalar};
use crate::overrides::Overrides;
pub use names::canonical;
use scalars::is_vaguer;
pub use scalars::looks_like_date_time;

/// Suffix the docs add to entity names when the response carries `_Links`.
const WITH_LINKS: &str = "WithLinks";

/// Accumulates models and enums while pages are lowered.
#[derive(Debug)]
pub struct TypeBuilder<'a> {
    overrides: &'a Overrides,
    /// Models by name.
    pub models: BTreeMap<String, Model>,
    /// Enums by name.
    pub enums: BTreeMap<String, EnumDef>,
    /// Known enum values by `(model, field)`, from the overrides.
    enum_values: BTreeMap<(String, String), Vec<String>>,
    /// Rust names of documented schema names (`SuperOffice.CRM.Services.Person` -> `Person`),
    /// from [`crate::lower::names::schema_names`].
    schema_names: BTreeMap<String, String>,
    /// Named types referenced by Type cells, checked once every source is in.
    referenced: Vec<(String, Span)>,
    /// `(model, JSON member)` of every member a schema (OpenAPI definition) typed.
    schema_fields: BTreeSet<(String, String)>,
    /// The enums operations' responses list, by value list: `(operation id, enum name)` of every
    /// operation returning it (see [`crate::lower::names::unify_response_enums`]).
    pub response_enums: BTreeMap<Vec<String>, BTreeSet<(String, String)>>,
}

impl<'a> TypeBuilder<'a> {
    /// An empty builder.
    pub fn new(overrides: &'a Overrides, schema_names: BTreeMap<String, String>) -> Self {
        let mut enum_values = BTreeMap::new();
        for (key, values) in &overrides.enums {
            if let Some((model, field)) = key.split_once('.') {
                enum_values.insert((model.to_string(), field.to_string()), values.clone());
            }
        }
        TypeBuilder {
            overrides,
            models: BTreeMap::new(),
            enums: BTreeMap::new(),
            enum_values,
            schema_names,
            referenced: Vec::new(),
            schema_fields: BTreeSet::new(),
            response_enums: BTreeMap::new(),
        }
    }

    /// Defines (or completes) the model of a schema; its property types are authoritative.
    pub fn define_schema(&mut self, schema: &DocSchema) -> Result<(), Diagnostic> {
        let name = self.model_name(&schema.name);
        self.ensure_model(&name, &schema.doc, &schema.span);
        let mut fields = Vec::with_capacity(schema.properties.len());
        for p in &schema.properties {
            let ty = self.field_type(&name, &p.name, &p.ty, None, &p.span)?;
            let mut f = field(&p.name, ty, &p.doc);
            f.secret = p.secret;
            self.schema_fields.insert((name.clone(), p.name.clone()));
            fields.push(f);
        }
        self.merge_fields(&name, fields);
        Ok(())
    }

    /// Defines (or extends) the model `documented` from a property table and an optional sample object.
    pub fn define_from_table(
        &mut self,
        documented: &str,
        doc: &str,
        rows: &[DocProperty],
        sample: Option<&Value>,
        span: &Span,
    ) -> Result<String, Diagnostic> {
        let name = self.model_name(documented);
        if name != documented {
            self.ensure_model(&name, doc, span);
            if let Some(m) = self.models.get_mut(&name) {
                if !m.aliases.iter().any(|a| a == documented) && canonical(documented) != documented {
                    m.aliases.push(documented.to_string());
                }
            }
        }
        self.ensure_model(&name, doc, span);
        let sample_obj = sample.and_then(Value::as_object);
        let mut fields = Vec::with_capacity(rows.len());
        for row in rows {
            // A row the page leaves untyped (`array`, `object`) of a field a schema already typed
            // keeps the schema's type: its sample teaches nothing, and inferring from it would
            // name element types by their first key (`Participants: [{"AssociateId": ..}]` is
            // not `Associate`).
            let undocumented = matches!(row.ty, DocType::Unknown | DocType::UnknownObject | DocType::UnknownArray);
            if undocumented {
                // Only a schema's type: a page that merely names `Associate` in a Type cell leaves
                // the sample to define it.
                let schema_typed = self.schema_fields.contains(&(name.clone(), row.name.clone()));
                let known = self.models.get(&name).and_then(|m| m.fields.iter().find(|f| f.json_name == row.name));
                if let Some(known) = known.filter(|f| schema_typed && f.ty != TypeRef::Json) {
                    fields.push(field(&row.name, known.ty.clone(), &row.doc));
                    continue;
                }
            }
            let value = sample_obj.and_then(|o| o.get(&row.name));
            let ty = self.field_type(&name, &row.name, &row.ty, value, &row.span)?;
            let mut f = field(&row.name, ty, &row.doc);
            f.secret = row.secret;
            fields.push(f);
        }
        self.merge_fields(&name, fields);
        // Sample keys the table does not list are still real fields of the type.
        if let Some(obj) = sample_obj {
            self.merge_sample_fields(&name, obj, span)?;
        }
        Ok(name)
    }

    /// Infers a type from a sample value found under `key` (None for a top-level value).
    pub fn infer(&mut self, key: Option<&str>, value: &Value, span: &Span) -> Result<TypeRef, Diagnostic> {
        Ok(match value {
            Value::Null => TypeRef::Json,
            Value::Bool(_) => TypeRef::Bool,
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    if i32::try_from(i).is_ok() {
                        TypeRef::I32
                    } else {
                        TypeRef::I64
                    }
                } else {
                    TypeRef::F64
                }
            }
            Value::String(s) => {
                if looks_like_date_time(s) {
                    TypeRef::DateTime
                } else {
                    TypeRef::String
                }
            }
            Value::Array(items) => match items.iter().find(|v| !v.is_null()) {
                Some(first) => {
                    TypeRef::Array(Box::new(self.infer(key.map(|k| k.trim_end_matches('s')), first, span)?))
                }
                None => TypeRef::Array(Box::new(TypeRef::Json)),
            },
            Value::Object(obj) => {
                if let Some(k) = key {
                    if let Some(value_type) = self.overrides.maps.get(k).cloned() {
                        return self.map_type(&value_type, Some(value), span);
                    }
                }
                let name = self.inferred_name(key, obj);
                self.ensure_model(&name, "", span);
                self.merge_sample_fields(&name, obj, span)?;
                TypeRef::Model(name)
            }
        })
    }

    /// Records that a Type cell named `name` at `span`; checked by [`TypeBuilder::check_references`].
    fn reference(&mut self, name: &str, span: &Span) -> TypeRef {
        let model = self.model_name(name);
        self.referenced.push((model.clone(), span.clone()));
        TypeRef::Model(model)
    }

    /// Every named type must be defined by some page or OpenAPI file.
    pub fn check_references(&self) -> Vec<Diagnostic> {
        let mut seen = BTreeSet::new();
        self.referenced
            .iter()
            .filter(|(name, _)| !self.models.contains_key(name))
            .filter(|(name, span)| seen.insert((name.clone(), span.clone())))
            .map(|(name, span)| {
                Diagnostic::at(
                    span,
                    format!("unknown type `{name}`: no page, sample or OpenAPI file in the docs defines it"),
                )
            })
            .collect()
    }

    /// The type of one property, from its documented type, the sample value and what is known of
    /// enums.
    pub fn field_type(
        &mut self,
        owner: &str,
        name: &str,
        ty: &DocType,
        sample: Option<&Value>,
        span: &Span,
    ) -> Result<TypeRef, Diagnostic> {
        // The overrides' maps name what a page leaves open; a documented type always wins.
        let undocumented = matches!(ty, DocType::Unknown | DocType::UnknownObject);
        if let Some(value_type) = self.overrides.maps.get(name).filter(|_| undocumented).cloned() {
            return self.map_type(&value_type, sample, span);
        }
        let opaque = format!("{owner}.{name}");
        let sample = if self.overrides.opaque_fields.contains(&opaque) { None } else { sample };
        match ty {
            DocType::Enum(values) => {
                let flags = self.overrides.flag_fields.iter().any(|f| f == name);
                let enum_name = format!("{owner}{}", pascal_case(name));
                Ok(self.define_enum(&enum_name, "", values.clone(), span, flags))
            }
            DocType::Scalar(Scalar::String) => Ok(self.string_type(owner, name, span)),
            DocType::Scalar(scalar) => Ok((*scalar).into()),
            DocType::File => Ok(TypeRef::String),
            DocType::Unknown => match sample {
                Some(v) if !v.is_null() => {
                    let inferred = self.infer((!name.is_empty()).then_some(name), v, span)?;
                    Ok(if inferred == TypeRef::String { self.string_type(owner, name, span) } else { inferred })
                }
                _ => Ok(TypeRef::Json),
            },
            DocType::UnknownObject => match sample {
                Some(v @ Value::Object(o)) if !o.is_empty() => self.infer(Some(name), v, span),
                _ => Ok(TypeRef::Json),
            },
            DocType::UnknownArray => match sample {
                Some(v @ Value::Array(_)) => self.infer(Some(name), v, span),
                _ => Ok(TypeRef::Array(Box::new(TypeRef::Json))),
            },
            DocType::Array(elem) => {
                let first = sample.and_then(Value::as_array).and_then(|a| a.iter().find(|v| !v.is_null()));
                let inner = self.field_type(owner, name, elem, first, span)?;
                Ok(TypeRef::Array(Box::new(inner)))
            }
            DocType::Map(value) => {
                let inner = self.field_type(owner, name, value, None, span)?;
                if let (TypeRef::Model(m), Some(Value::Object(entries))) = (&inner, sample) {
                    for entry in entries.values() {
                        if let Value::Object(obj) = entry {
                            self.merge_sample_fields(m, obj, span)?;
                        }
                    }
                }
                Ok(TypeRef::Map(Box::new(inner)))
            }
            DocType::Named(documented) => {
                let model = self.reference(documented, span);
                if let (TypeRef::Model(m), Some(Value::Object(obj))) = (&model, sample) {
                    let m = m.clone();
                    self.ensure_model(&m, "", span);
                    self.merge_sample_fields(&m, obj, span)?;
                }
                Ok(model)
            }
            DocType::Table { name: documented, doc, properties } => {
                let documented = match documented {
                    Some(n) => n.clone(),
                    None if name.is_empty() => self.name_for_anonymous(properties, owner),
                    None => self.name_for_anonymous(properties, &format!("{owner}{}", pascal_case(name))),
                };
                let model = self.define_from_table(&documented, doc, properties, sample, span)?;
                Ok(TypeRef::Model(model))
            }
        }
    }

    /// A string property: an open enum or flag set when values are known for it, else a string.
    fn string_type(&mut self, owner: &str, name: &str, span: &Span) -> TypeRef {
        let flags = self.overrides.flag_fields.iter().any(|f| f == name);
        let values = self.enum_values.get(&(owner.to_string(), name.to_string())).cloned();
        match values {
            Some(values) => self.define_enum(&format!("{owner}{}", pascal_case(name)), "", values, span, flags),
            None if flags => self.define_enum(&format!("{owner}{}", pascal_case(name)), "", Vec::new(), span, true),
            None => TypeRef::String,
        }
    }

    fn map_type(&mut self, value_type: &str, sample: Option<&Value>, span: &Span) -> Result<TypeRef, Diagnostic> {
        if let Some(scalar) = scalar_type(value_type) {
            return Ok(TypeRef::Map(Box::new(scalar.into())));
        }
        let name = self.model_name(value_type);
        self.ensure_model(&name, "", span);
        if let Some(Value::Object(entries)) = sample {
            for entry in entries.values() {
                if let Value::Object(obj) = entry {
                    self.merge_sample_fields(&name, obj, span)?;
                }
            }
        }
        Ok(TypeRef::Map(Box::new(TypeRef::Model(name))))
    }

    /// Defines an enum, or reuses one with the same name (values are unioned).
    pub fn define_enum(&mut self, name: &str, doc: &str, values: Vec<String>, span: &Span, flags: bool) -> TypeRef {
        let entry = self.enums.entry(name.to_string()).or_insert_with(|| EnumDef {
            name: name.to_string(),
            module: String::new(),
            doc: doc.to_string(),
            values: Vec::new(),
            variants: Vec::new(),
            features: BTreeSet::new(),
            source: span.clone(),
            always_compiled: false,
        });
        for v in values {
            if !entry.values.contains(&v) {
                entry.values.push(v);
            }
        }
        if flags {
            TypeRef::Flags(name.to_string())
        } else {
            TypeRef::Enum(name.to_string())
        }
    }

    /// Creates an empty model if none has this name yet.
    pub fn ensure_model(&mut self, name: &str, doc: &str, span: &Span) {
        let m = self.models.entry(name.to_string()).or_insert_with(|| Model {
            name: name.to_string(),
            module: String::new(),
            unknown_fields: String::new(),
            doc: String::new(),
            fields: Vec::new(),
            aliases: Vec::new(),
            features: BTreeSet::new(),
            source: span.clone(),
        });
        if m.doc.is_empty() && !doc.is_empty() {
            m.doc = doc.to_string();
        }
    }

    /// Adds fields to a model; an existing field keeps its type unless that type was unknown (`Json`).
    pub fn merge_fields(&mut self, name: &str, fields: Vec<Field>) {
        let Some(model) = self.models.get_mut(name) else { return };
        for f in fields {
            match model.fields.iter_mut().find(|e| e.json_name == f.json_name) {
                Some(existing) => {
                    if is_vaguer(&existing.ty, &f.ty) {
                        existing.ty = f.ty;
                    }
                    if existing.doc.is_empty() {
                        existing.doc = f.doc;
                    }
                    existing.secret |= f.secret;
                }
                None => model.fields.push(f),
            }
        }
    }

    fn merge_sample_fields(
        &mut self,
        name: &str,
        obj: &serde_json::Map<String, Value>,
        span: &Span,
    ) -> Result<(), Diagnostic> {
        let mut fields = Vec::with_capacity(obj.len());
        for (key, value) in obj {
            let known =
                self.models.get(name).and_then(|m| m.fields.iter().find(|f| &f.json_name == key)).map(|f| f.ty.clone());
            let ty = match known {
                // Already typed by the docs; still walk nested objects so their fields are learnt.
                Some(TypeRef::Model(m)) => {
                    if let Value::Object(inner) = value {
                        self.merge_sample_fields(&m, inner, span)?;
                    }
                    continue;
                }
                Some(t) if t != TypeRef::Json => continue,
                _ => match self.field_type(name, key, &DocType::Unknown, Some(value), span)? {
                    TypeRef::Json => continue,
                    t => t,
                },
            };
            fields.push(field(key, ty, ""));
        }
        self.merge_fields(name, fields);
        Ok(())
    }

    /// Replaces references to models that ended up with no fields by `Json`, and drops them.
    pub fn drop_empty_models(&mut self) {
        let empty: BTreeSet<String> =
            self.models.iter().filter(|(_, m)| m.fields.is_empty()).map(|(n, _)| n.clone()).collect();
        if empty.is_empty() {
            return;
        }
        for m in self.models.values_mut() {
            for f in &mut m.fields {
                replace_models(&mut f.ty, &empty);
            }
        }
        self.models.retain(|n, _| !empty.contains(n));
    }
}

/// Replaces `Model(x)` for `x` in `names` by `Json`, inside arrays and maps too.
pub fn replace_models(ty: &mut TypeRef, names: &BTreeSet<String>) {
    ty.walk_mut(&mut |t| {
        if matches!(t, TypeRef::Model(n) if names.contains(n)) {
            *t = TypeRef::Json;
        }
    });
}

fn field(json_name: &str, ty: TypeRef, doc: &str) -> Field {
    Field {
        json_name: json_name.to_string(),
        rust_name: field_ident(json_name),
        ty,
        doc: doc.to_string(),
        secret: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn span() -> Span {
        Span { file: PathBuf::from("t.md"), line: 1 }
    }

    #[test]
    fn objects_are_named_by_their_primary_key() {
        let o = Overrides::default();
        let mut b = TypeBuilder::new(&o, BTreeMap::new());
        let user = serde_json::json!({"AssociateId": 1, "Name": "x"});
        let t = b.infer(Some("User"), &user, &span()).unwrap();
        assert_eq!(t, TypeRef::Model("Associate".into()));
        let person = serde_json::json!({"Position": "p", "PersonId": 2, "ContactId": 3});
        assert_eq!(b.infer(Some("Person"), &person, &span()).unwrap(), TypeRef::Model("Person".into()));
        let right = serde_json::json!({"Mask": "Delete", "Reason": ""});
        assert_eq!(b.infer(Some("TableRight"), &right, &span()).unwrap(), TypeRef::Model("TableRight".into()));
    }

    #[test]
    fn an_untyped_row_keeps_the_schema_type_and_its_sample_defines_nothing() {
        let o = Overrides::default();
        let mut b = TypeBuilder::new(&o, BTreeMap::new());
        let prop = |name: &str, ty: DocType| DocProperty {
            name: name.into(),
            ty,
            doc: String::new(),
            span: span(),
            secret: false,
        };
        let participants = DocType::Array(Box::new(DocType::Named("ParticipantInfo".into())));
        b.define_schema(&DocSchema {
            name: "AppointmentEntity".into(),
            doc: String::new(),
            properties: vec![prop("Participants", participants)],
            span: span(),
        })
        .unwrap();
        let sample = serde_json::json!({"Participants": [{"AssociateId": 1, "EmailAddress": "a@b.c"}]});
        b.define_from_table(
            "AppointmentEntity",
            "",
            &[prop("Participants", DocType::UnknownArray)],
            Some(&sample),
            &span(),
        )
        .unwrap();
        let field = &b.models["AppointmentEntity"].fields[0];
        assert_eq!(field.ty, TypeRef::Array(Box::new(TypeRef::Model("ParticipantInfo".into()))));
        assert!(!b.models.contains_key("Associate"), "{:?}", b.models.keys().collect::<Vec<_>>());
    }

    #[test]
    fn structurally_identical_objects_share_one_model() {
        let o = Overrides::default();
        let mut b = TypeBuilder::new(&o, BTreeMap::new());
        let a = serde_json::json!({"AssociateId": 1, "Name": "x"});
        let c = serde_json::json!({"AssociateId": 2, "Name": "y", "Deleted": false});
        b.infer(Some("User"), &a, &span()).unwrap();
        b.infer(Some("TransferTo"), &c, &span()).unwrap();
        assert_eq!(b.models.len(), 1);
        let m = &b.models["Associate"];
        assert_eq!(
            m.fields.iter().map(|f| f.json_name.as_str()).collect::<Vec<_>>(),
            ["AssociateId", "Name", "Deleted"]
        );
    }

    #[test]
    fn scalars_and_dates_are_inferred() {
        let o = Overrides::default();
        let mut b = TypeBuilder::new(&o, BTreeMap::new());
        let s = span();
        assert_eq!(b.infer(None, &serde_json::json!(3_000_000_000_i64), &s).unwrap(), TypeRef::I64);
        assert_eq!(b.infer(None, &serde_json::json!(1.5), &s).unwrap(), TypeRef::F64);
        assert_eq!(
            b.infer(None, &serde_json::json!("2011-06-06T15:05:41.6710023+02:00"), &s).unwrap(),
            TypeRef::DateTime
        );
        assert_eq!(b.infer(None, &serde_json::json!("hello"), &s).unwrap(), TypeRef::String);
    }

    #[test]
    fn with_links_is_an_alias() {
        let o = Overrides::default();
        let b = TypeBuilder::new(&o, BTreeMap::new());
        assert_eq!(b.model_name("ChatSessionEntityWithLinks"), "ChatSessionEntity");
        assert_eq!(canonical("WithLinks"), "WithLinks");
    }

    #[test]
    fn unknown_type_names_are_reported_with_their_line() {
        let o = Overrides::default();
        let mut b = TypeBuilder::new(&o, BTreeMap::new());
        b.field_type("M", "G", &DocType::Named("Nowhere".into()), None, &span()).unwrap();
        let missing = b.check_references();
        assert_eq!(missing.len(), 1);
        assert!(missing[0].message.contains("unknown type `Nowhere`"));
    }
}
