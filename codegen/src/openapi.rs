//! Second front-end: OpenAPI 2.0 (Swagger) files placed in the docs directory.
//!
//! The vendor publishes one per resource. They are the ground truth for enum value sets and they
//! define the nested carriers (`Person`, `Contact`, `ReplyTemplate`...) that the markdown pages only
//! name. Definitions are lowered into the same [`TypeBuilder`] as the pages: markdown wins for field
//! order and descriptions, OpenAPI fills in what markdown leaves open.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::diag::Diagnostic;
use crate::ir::{Field, TypeRef};
use crate::lower::types::TypeBuilder;
use crate::naming::field_ident;
use crate::parse::Span;

/// A parsed OpenAPI 2.0 document.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenApi {
    file: PathBuf,
    text: String,
    definitions: Map<String, Value>,
}

impl OpenApi {
    /// Parses a Swagger 2.0 JSON document.
    pub fn parse(file: &Path, text: &str) -> Result<Self, Diagnostic> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Diagnostic::new(file, e.line(), format!("invalid OpenAPI JSON: {e}")))?;
        if value.get("swagger").and_then(Value::as_str).is_none() {
            return Err(Diagnostic::new(file, 1, "not an OpenAPI 2.0 document (no \"swagger\" version)"));
        }
        let definitions = value.get("definitions").and_then(Value::as_object).cloned().unwrap_or_default();
        Ok(OpenApi { file: file.to_path_buf(), text: text.to_string(), definitions })
    }

    /// Number of type definitions in the file.
    pub fn definition_count(&self) -> usize {
        self.definitions.len()
    }

    /// Tells the builder the value set of every string enum property.
    pub fn register_enums(&self, types: &mut TypeBuilder<'_>) {
        for (full, def) in &self.definitions {
            let owner = short_name(full);
            for (prop, schema) in properties(def) {
                if let Some(values) = schema.get("enum").and_then(Value::as_array) {
                    let values = values.iter().filter_map(Value::as_str).map(str::to_string).collect();
                    types.add_enum_values(owner, prop, values);
                }
            }
        }
    }

    /// Defines (or completes) a model for every definition.
    pub fn define_models(&self, types: &mut TypeBuilder<'_>) -> Result<(), Diagnostic> {
        for (full, def) in &self.definitions {
            let name = types.model_name(short_name(full));
            let span = self.span_of(full);
            let doc = clean(def.get("description").and_then(Value::as_str).unwrap_or_default());
            types.ensure_model(&name, &doc, &span);
            let mut fields = Vec::new();
            for (prop, schema) in properties(def) {
                let ty = self.schema_type(&name, prop, schema, types, &span)?;
                let doc = clean(schema.get("description").and_then(Value::as_str).unwrap_or_default());
                fields.push(Field { json_name: prop.clone(), rust_name: field_ident(prop), ty, doc });
            }
            types.merge_fields(&name, fields);
        }
        Ok(())
    }

    fn schema_type(
        &self,
        owner: &str,
        prop: &str,
        schema: &Value,
        types: &mut TypeBuilder<'_>,
        span: &Span,
    ) -> Result<TypeRef, Diagnostic> {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let target = r.rsplit('/').next().unwrap_or(r);
            return Ok(TypeRef::Model(types.model_name(short_name(target))));
        }
        let ty = schema.get("type").and_then(Value::as_str).unwrap_or("object");
        let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
        Ok(match (ty, format) {
            ("integer", "int64") => TypeRef::I64,
            ("integer", _) => TypeRef::I32,
            ("number", _) => TypeRef::F64,
            ("boolean", _) => TypeRef::Bool,
            ("string", "date-time") => TypeRef::DateTime,
            ("string", _) => types.field_type(owner, prop, "string", None, span)?,
            ("array", _) => match schema.get("items") {
                Some(items) => TypeRef::Array(Box::new(self.schema_type(owner, prop, items, types, span)?)),
                None => TypeRef::Array(Box::new(TypeRef::Json)),
            },
            ("object", _) => match schema.get("additionalProperties") {
                Some(v @ Value::Object(_)) => TypeRef::Map(Box::new(self.schema_type(owner, prop, v, types, span)?)),
                _ => TypeRef::Json,
            },
            (other, _) => {
                return Err(Diagnostic::at(span, format!("unknown OpenAPI type `{other}` for property `{prop}`")))
            }
        })
    }

    fn span_of(&self, definition: &str) -> Span {
        let needle = format!("\"{definition}\"");
        let line = self.text.lines().position(|l| l.contains(&needle)).map_or(0, |i| i + 1);
        Span { file: self.file.clone(), line }
    }
}

/// `SuperOffice.CRM.Services.Person` -> `Person`.
fn short_name(full: &str) -> &str {
    full.rsplit('.').next().unwrap_or(full)
}

fn properties(def: &Value) -> impl Iterator<Item = (&String, &Value)> {
    def.get("properties").and_then(Value::as_object).into_iter().flat_map(|m| m.iter())
}

/// Collapses the `\r\n` and runs of spaces of .NET XML doc comments.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
