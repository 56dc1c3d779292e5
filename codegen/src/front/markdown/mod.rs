//! Front-end for the markdown pages: a parsed REST reference page ([`RestPage`]) as a
//! [`DocOperation`], a scripting-event page ([`ScriptingPage`]) as a [`DocScripting`].
//!
//! Pages document types as property tables with a Type cell (`int32`, `Enum: A, B`, `Associate`,
//! `string[]`, or empty) and show sample JSON; both are kept for lowering, which infers what a
//! table leaves open from the samples.
//!
//! [`parse`] reads the markdown itself (front matter, headings, tables, fenced blocks) into pages.

pub mod parse;

use crate::diag::Diagnostic;
use crate::doc::{
    scalar_type, DocBody, DocEvent, DocEventKind, DocOperation, DocParam, DocProperty, DocResponse, DocScripting,
    DocType, Gap, GapKind, Origin, ParamIn, Scalar,
};
use crate::ir::HttpMethod;
use parse::{BodySection, EventKind, ParamRow, PropertyRow, RestPage, ScriptingPage};

/// Directory name marking older versions of pages (see [`Origin::HistoryPage`]).
pub const HISTORY_DIR: &str = "history";

/// Reads one scripting-event page as the service method's events.
pub fn scripting(page: &ScriptingPage) -> DocScripting {
    let events = page
        .events
        .iter()
        .map(|e| DocEvent {
            kind: match e.kind {
                EventKind::Before => DocEventKind::Before,
                EventKind::After => DocEventKind::After,
                EventKind::AfterAsync => DocEventKind::AfterAsync,
            },
            name: e.name.clone(),
            doc: e.description.clone(),
            return_value: e.params.iter().find(|p| p.name.eq_ignore_ascii_case("returnValue")).map(|p| p.ty.clone()),
            span: e.span.clone(),
        })
        .collect();
    DocScripting { agent: page.agent.clone(), method: page.method.clone(), events, span: page.span.clone() }
}

/// Reads one REST page as an operation.
pub fn operation(page: &RestPage) -> Result<DocOperation, Diagnostic> {
    let method = HttpMethod::parse(&page.method)
        .ok_or_else(|| Diagnostic::at(&page.path_span, format!("unsupported HTTP method `{}`", page.method)))?;
    let mut params = Vec::new();
    for (rows, location) in
        [(&page.path_params, ParamIn::Path), (&page.query_params, ParamIn::Query), (&page.headers, ParamIn::Header)]
    {
        for row in rows {
            params.push(param(row, location)?);
        }
    }
    let mut gaps = Vec::new();
    let body = match &page.request_body {
        Some(section) => {
            let ty = if names_a_parameter(section) {
                // `## Request Body: contactIds` and prose: the parameter's name, not its type.
                gaps.push(Gap { kind: GapKind::BodyType, span: section.span.clone() });
                DocType::Unknown
            } else {
                section_type(section)?
            };
            Some(DocBody {
                name: section.name.trim().to_string(),
                ty,
                doc: section.description.clone(),
                sample: page.sample_request.as_ref().and_then(|s| s.body.clone()),
                span: section.span.clone(),
            })
        }
        None => None,
    };
    let mut responses: Vec<DocResponse> =
        page.responses.iter().map(|r| DocResponse { status: r.status, doc: r.description.clone(), ty: None }).collect();
    if let Some(section) = &page.response_body {
        if let Some(success) = responses.iter_mut().find(|r| (200..300).contains(&r.status) && r.status != 204) {
            success.ty = Some(if is_byte(&section.name) {
                gaps.push(Gap { kind: GapKind::ByteResponse, span: section.span.clone() });
                DocType::File
            } else {
                section_type(section)?
            });
        }
    }
    let sample_response = page.sample_response.as_ref().and_then(|s| {
        let status = s.start_line.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(200);
        s.body.clone().map(|body| (status, body))
    });
    let history = page.file.components().any(|c| c.as_os_str() == HISTORY_DIR);
    Ok(DocOperation {
        operation_id: page.operation_id.clone(),
        method,
        path: page.path.clone(),
        description: page.description.clone(),
        params,
        body,
        responses,
        sample_response,
        source: page.path_span.clone(),
        origin: if history { Origin::HistoryPage } else { Origin::Page },
        gaps,
    })
}

/// Whether a body section names the body parameter rather than its type: no property table and
/// a name that is neither a type keyword (`array`, `object`, a scalar) nor a type name (types are
/// PascalCase, parameters camelCase: `contactIds`, `request`, `entity`).
fn names_a_parameter(section: &BodySection) -> bool {
    let name = section.name.trim();
    section.properties.is_empty()
        && scalar_type(name).is_none()
        && !["array", "object", ""].iter().any(|k| name.eq_ignore_ascii_case(k))
        && name.starts_with(|c: char| c.is_ascii_lowercase())
}

/// `byte` (or `byte[]`): how agent pages write file content.
fn is_byte(name: &str) -> bool {
    let name = name.trim();
    name.eq_ignore_ascii_case("byte") || name.eq_ignore_ascii_case("byte[]")
}

fn param(row: &ParamRow, location: ParamIn) -> Result<DocParam, Diagnostic> {
    let ty = match cell_type(&row.ty, &row.span, &row.name)? {
        // A parameter with no Type cell is a string on the wire.
        DocType::Unknown | DocType::UnknownObject => DocType::Scalar(Scalar::String),
        other => other,
    };
    Ok(DocParam {
        name: row.name.clone(),
        location,
        ty,
        doc: row.description.clone(),
        required: row.required || location == ParamIn::Path,
        span: row.span.clone(),
    })
}

/// The type of a body section: its name (`ChatSessionEntity`, `array`, `bool`) and its table.
fn section_type(section: &BodySection) -> Result<DocType, Diagnostic> {
    let name = section.name.trim();
    if let Some(scalar) = scalar_type(name) {
        return Ok(DocType::Scalar(scalar));
    }
    let properties = properties(&section.properties)?;
    if name.eq_ignore_ascii_case("array") {
        return Ok(DocType::Array(Box::new(if properties.is_empty() {
            DocType::Unknown
        } else {
            DocType::Table { name: None, doc: section.description.clone(), properties }
        })));
    }
    if name.is_empty() || name.eq_ignore_ascii_case("object") {
        return Ok(DocType::Scalar(Scalar::Json));
    }
    if properties.is_empty() {
        return Ok(DocType::Named(name.to_string()));
    }
    Ok(DocType::Table { name: Some(name.to_string()), doc: section.description.clone(), properties })
}

fn properties(rows: &[PropertyRow]) -> Result<Vec<DocProperty>, Diagnostic> {
    rows.iter()
        .map(|r| {
            Ok(DocProperty {
                name: r.name.clone(),
                ty: cell_type(&r.ty, &r.span, &r.name)?,
                doc: r.description.clone(),
                // The pages' tables have no format column; the member's name decides (lowering).
                secret: false,
                span: r.span.clone(),
            })
        })
        .collect()
}

/// A Type cell: `int32`, `Enum: A, B`, `object`, `array`, `Associate`, `string[]`, or empty.
fn cell_type(cell: &str, span: &crate::diag::Span, name: &str) -> Result<DocType, Diagnostic> {
    let cell = cell.trim();
    if let Some(list) = cell.strip_prefix("Enum:") {
        return Ok(DocType::Enum(list.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect()));
    }
    if let Some(scalar) = scalar_type(cell) {
        return Ok(DocType::Scalar(scalar));
    }
    Ok(match cell.to_ascii_lowercase().as_str() {
        "" => DocType::Unknown,
        "object" => DocType::UnknownObject,
        "array" => DocType::UnknownArray,
        _ => {
            if let Some(elem) = cell.strip_suffix("[]") {
                return Ok(DocType::Array(Box::new(cell_type(elem, span, name)?)));
            }
            if !cell.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                return Err(Diagnostic::at(span, format!("unknown type name `{cell}` for `{name}`")));
            }
            DocType::Named(cell.to_string())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn span() -> crate::diag::Span {
        crate::diag::Span { file: PathBuf::from("p.md"), line: 3 }
    }

    #[test]
    fn type_cells_become_doc_types() {
        assert_eq!(cell_type("int32", &span(), "x").unwrap(), DocType::Scalar(Scalar::I32));
        assert_eq!(cell_type("Enum: A, B", &span(), "x").unwrap(), DocType::Enum(vec!["A".into(), "B".into()]));
        assert_eq!(
            cell_type("Associate[]", &span(), "x").unwrap(),
            DocType::Array(Box::new(DocType::Named("Associate".into())))
        );
        assert_eq!(cell_type("", &span(), "x").unwrap(), DocType::Unknown);
        let err = cell_type("not a type!", &span(), "F").unwrap_err();
        assert_eq!(err.to_string(), "p.md:3: unknown type name `not a type!` for `F`");
    }

    fn section(name: &str, rows: usize) -> BodySection {
        let row = PropertyRow { name: "A".into(), ty: "int32".into(), description: String::new(), span: span() };
        BodySection { name: name.into(), description: String::new(), properties: vec![row; rows], span: span() }
    }

    #[test]
    fn body_sections_name_a_parameter_or_a_type() {
        // Agent pages: the parameter's name and prose.
        assert!(names_a_parameter(&section("contactIds", 0)));
        assert!(names_a_parameter(&section("request ", 0)));
        // A table documents the type; keywords, scalars and PascalCase names are types.
        assert!(!names_a_parameter(&section("request", 1)));
        for name in ["array", "object", "", "bool", "int32", "string", "ChatSessionEntity"] {
            assert!(!names_a_parameter(&section(name, 0)), "{name}");
        }
        assert!(is_byte("byte") && is_byte(" Byte[] ") && !is_byte("bytes") && !is_byte("int32"));
    }
}
