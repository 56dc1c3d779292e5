//! Front-end for the vendor's OpenAPI 2.0 (Swagger) files: one [`DocApi`] per file.
//!
//! Every operation becomes a [`DocOperation`] and every definition a [`DocSchema`], with the line
//! it is written on. Nothing here names Rust items: lowering does that for all sources at once.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

use crate::diag::Diagnostic;
use crate::diag::Span;
use crate::doc::{
    DocApi, DocBody, DocOperation, DocParam, DocProperty, DocResponse, DocSchema, DocType, Origin, ParamIn, Scalar,
};
use crate::ir::HttpMethod;

/// Reads one Swagger 2.0 JSON document.
pub fn read(file: &Path, text: &str) -> Result<DocApi, Diagnostic> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Diagnostic::new(file, e.line(), format!("invalid OpenAPI JSON: {e}")))?;
    if value.get("swagger").and_then(Value::as_str).is_none() {
        return Err(Diagnostic::new(file, 1, "not an OpenAPI 2.0 document (no \"swagger\" version)"));
    }
    let lines = KeyLines::index(text);
    let at = |key: &str| Span { file: file.to_path_buf(), line: lines.line_of(key) };
    let mut api = DocApi::default();
    for (name, def) in value.get("definitions").and_then(Value::as_object).into_iter().flatten() {
        let span = at(name);
        let properties = properties(def)
            .map(|(prop, schema)| {
                Ok(DocProperty {
                    name: prop.clone(),
                    ty: doc_type(schema, &span, prop)?,
                    doc: text_of(schema),
                    secret: schema.get("format").and_then(Value::as_str) == Some("password"),
                    span: span.clone(),
                })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        api.schemas.push(DocSchema { name: name.clone(), doc: text_of(def), properties, span });
    }
    for (path, item) in value.get("paths").and_then(Value::as_object).into_iter().flatten() {
        let Some(item) = item.as_object() else { continue };
        let shared: Vec<&Value> = item.get("parameters").and_then(Value::as_array).into_iter().flatten().collect();
        for (verb, op) in item {
            if verb == "parameters" {
                continue;
            }
            api.operations.push(operation(file, path, verb, op, &shared, &lines)?);
        }
    }
    Ok(api)
}

fn operation(
    file: &Path,
    path: &str,
    verb: &str,
    op: &Value,
    shared: &[&Value],
    lines: &KeyLines,
) -> Result<DocOperation, Diagnostic> {
    let operation_id = op.get("operationId").and_then(Value::as_str).unwrap_or_default().to_string();
    let source = Span { file: file.to_path_buf(), line: lines.operation_line(&operation_id) };
    if operation_id.is_empty() {
        return Err(Diagnostic::at(&source, format!("`{verb} {path}` has no operationId")));
    }
    let method = HttpMethod::parse(&verb.to_ascii_uppercase())
        .ok_or_else(|| Diagnostic::at(&source, format!("unsupported HTTP method `{verb}` for `{path}`")))?;
    let summary = op.get("summary").and_then(Value::as_str).unwrap_or_default();
    let details = op.get("description").and_then(Value::as_str).unwrap_or_default();
    let description =
        [summary, details].iter().filter(|s| !s.trim().is_empty()).copied().collect::<Vec<_>>().join("\n\n");
    let mut params = Vec::new();
    let mut body = None;
    let own = op.get("parameters").and_then(Value::as_array).into_iter().flatten();
    for p in shared.iter().copied().chain(own) {
        let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
        let doc = text_of(p);
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        let location = match p.get("in").and_then(Value::as_str).unwrap_or_default() {
            "path" => ParamIn::Path,
            "query" => ParamIn::Query,
            "header" => ParamIn::Header,
            "body" => {
                let schema = p.get("schema").unwrap_or(&Value::Null);
                body = Some(DocBody {
                    ty: doc_type(schema, &source, &name)?,
                    name,
                    doc,
                    sample: None,
                    span: source.clone(),
                });
                continue;
            }
            "formData" => {
                // The only form fields the WebAPI documents are file uploads.
                body = Some(DocBody { name, ty: DocType::File, doc, sample: None, span: source.clone() });
                continue;
            }
            other => {
                return Err(Diagnostic::at(&source, format!("parameter `{name}` of `{operation_id}` is in `{other}`")))
            }
        };
        params.push(DocParam { ty: doc_type(p, &source, &name)?, name, location, doc, required, span: source.clone() });
    }
    let mut responses = Vec::new();
    for (status, response) in op.get("responses").and_then(Value::as_object).into_iter().flatten() {
        let Ok(status) = status.parse::<u16>() else { continue };
        let ty = match response.get("schema") {
            Some(schema) => Some(doc_type(schema, &source, "response")?),
            None => None,
        };
        responses.push(DocResponse { status, doc: text_of(response), ty });
    }
    Ok(DocOperation {
        operation_id,
        method,
        path: path.to_string(),
        description,
        params,
        body,
        responses,
        sample_response: None,
        source,
        origin: Origin::OpenApi,
        gaps: Vec::new(),
    })
}

/// The type of a schema (or of a non-body parameter, which carries `type`/`format` itself).
fn doc_type(schema: &Value, span: &Span, what: &str) -> Result<DocType, Diagnostic> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return Ok(DocType::Named(r.rsplit('/').next().unwrap_or(r).to_string()));
    }
    let ty = schema.get("type").and_then(Value::as_str).unwrap_or("object");
    let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
    Ok(match (ty, format) {
        ("integer", "int64") => DocType::Scalar(Scalar::I64),
        ("integer", _) => DocType::Scalar(Scalar::I32),
        ("number", _) => DocType::Scalar(Scalar::F64),
        ("boolean", _) => DocType::Scalar(Scalar::Bool),
        ("string", "date-time") => DocType::Scalar(Scalar::DateTime),
        ("string", "byte") => DocType::Scalar(Scalar::Bytes),
        ("string", "duration" | "date-span" | "time-span") => DocType::Scalar(Scalar::Duration),
        ("string", "binary") | ("file", _) => DocType::File,
        ("string", _) => match schema.get("enum").and_then(Value::as_array) {
            Some(values) => DocType::Enum(values.iter().filter_map(Value::as_str).map(str::to_string).collect()),
            None => DocType::Scalar(Scalar::String),
        },
        ("array", _) => match schema.get("items").filter(|i| i.as_object().is_some_and(|o| !o.is_empty())) {
            Some(items) => DocType::Array(Box::new(doc_type(items, span, what)?)),
            None => DocType::Array(Box::new(DocType::Scalar(Scalar::Json))),
        },
        ("object", _) => match schema.get("additionalProperties") {
            Some(v @ Value::Object(_)) => DocType::Map(Box::new(doc_type(v, span, what)?)),
            _ => DocType::Scalar(Scalar::Json),
        },
        (other, _) => return Err(Diagnostic::at(span, format!("unknown OpenAPI type `{other}` for `{what}`"))),
    })
}

fn properties(def: &Value) -> impl Iterator<Item = (&String, &Value)> {
    def.get("properties").and_then(Value::as_object).into_iter().flat_map(Map::iter)
}

/// The `description` of a schema, parameter or response, with the `\r\n` and runs of spaces of
/// .NET XML doc comments collapsed.
fn text_of(v: &Value) -> String {
    let s = v.get("description").and_then(Value::as_str).unwrap_or_default();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Line numbers of the file's object keys (`"Name": {`) and operation ids, found in one pass.
struct KeyLines {
    keys: HashMap<String, usize>,
    operations: HashMap<String, usize>,
}

impl KeyLines {
    fn index(text: &str) -> Self {
        let mut keys = HashMap::new();
        let mut operations = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if let Some(rest) = t.strip_prefix("\"operationId\":") {
                let id = rest.trim().trim_end_matches(',').trim_matches('"');
                operations.entry(id.to_string()).or_insert(i + 1);
            } else if let Some(key) = t.strip_prefix('"').and_then(|r| r.strip_suffix("\": {")) {
                keys.entry(key.to_string()).or_insert(i + 1);
            }
        }
        KeyLines { keys, operations }
    }

    /// 1-based line of `"key": {`; 1 when the file is not laid out one key a line (minified).
    fn line_of(&self, key: &str) -> usize {
        self.keys.get(key).copied().unwrap_or(1)
    }

    /// 1-based line of the operation id; 1 when the file is minified.
    fn operation_line(&self, id: &str) -> usize {
        self.operations.get(id).copied().unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"{
  "swagger": "2.0",
  "paths": {
    "/api/v1/Agents/Chat/GetChatPresence": {
      "post": {
        "summary": "Presence",
        "operationId": "v1ChatAgent_GetChatPresence",
        "parameters": [
          { "name": "$select", "in": "query", "type": "string" },
          { "name": "request", "in": "body", "schema": { "$ref": "#/definitions/A.B.Req" } }
        ],
        "responses": {
          "200": { "description": "OK", "schema": { "type": "string", "format": "binary" } }
        }
      }
    }
  },
  "definitions": {
    "A.B.Req": {
      "properties": {
        "Map": { "type": "object", "additionalProperties": { "type": "integer" } },
        "Kind": { "type": "string", "enum": ["One", "Two"] }
      }
    }
  }
}"##;

    #[test]
    fn operations_and_definitions_keep_their_lines_and_types() {
        let api = read(Path::new("x.json"), DOC).unwrap();
        let op = &api.operations[0];
        assert_eq!(
            (op.operation_id.as_str(), op.method, op.source.line),
            ("v1ChatAgent_GetChatPresence", HttpMethod::Post, 7)
        );
        assert_eq!(op.body.as_ref().map(|b| &b.ty), Some(&DocType::Named("A.B.Req".into())));
        assert_eq!(op.success().and_then(|r| r.ty.clone()), Some(DocType::File));
        assert_eq!(op.params[0].location, ParamIn::Query);
        let schema = &api.schemas[0];
        assert_eq!((schema.name.as_str(), schema.span.line), ("A.B.Req", 19));
        assert_eq!(schema.properties[0].ty, DocType::Map(Box::new(DocType::Scalar(Scalar::I32))));
        assert_eq!(schema.properties[1].ty, DocType::Enum(vec!["One".into(), "Two".into()]));
    }

    #[test]
    fn a_file_that_is_not_swagger_is_refused_with_its_name() {
        let err = read(Path::new("y.json"), "{}").unwrap_err();
        assert_eq!(err.to_string(), "y.json:1: not an OpenAPI 2.0 document (no \"swagger\" version)");
    }
}
