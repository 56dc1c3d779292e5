//! One operation from several sources: the precedence rule, and what a source leaves open.
//!
//! An operation id may be documented by a current page, by pages of older versions and by an
//! OpenAPI file. Sources rank by [`Origin`](crate::doc::Origin): current page, then history page, then OpenAPI. The
//! best-ranked source defines the endpoint (its path, parameters, samples, prose); lower-ranked
//! sources fill in only what it leaves out: a success response type (a page that documents only
//! errors), a request body, the query parameters, the description. Two sources of the same rank
//! for one operation id are a problem naming both places.
//!
//! What the best-ranked source documents without saying enough to generate it is answered by the
//! next source that can, with a warning naming both places:
//!
//! - a [`Gap`] the front-end recorded: a request body named by its parameter (`contactIds`) with
//!   no table, a `byte` response (raw file content or base64 text);
//! - a body or response type named but defined nowhere (no schema, no page table, no sample);
//! - a path parameter the page does not list.
//!
//! When no source answers, the operation is a problem (generation fails naming `file:line`),
//! unless the page's own sample can teach the type.
//!
//! A page's body table named by its parameter (`## Request Body: request` and a table of the
//! carrier's properties) is the carrier another source names: the named type is used, so agent
//! carriers keep their schema name (`GetBlobStreamRequest`) instead of one guessed from the table.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::doc::{DocApi, DocOperation, DocType, Gap, GapKind, ParamIn, Scalar};
use crate::ir::PathSegment;
use crate::lower::types::canonical;

/// Merges the operations by operation id; returns them in operation-id order.
///
/// `known` is the set of type names some source defines ([`known_types`]); problems stop
/// generation, warnings are printed.
pub fn merge(
    operations: &[DocOperation],
    known: &BTreeSet<String>,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<DocOperation> {
    let mut by_id: BTreeMap<&str, Vec<&DocOperation>> = BTreeMap::new();
    for op in operations {
        by_id.entry(op.operation_id.as_str()).or_default().push(op);
    }
    let mut out = Vec::with_capacity(by_id.len());
    for (_, mut sources) in by_id {
        // Stable: equal origins keep input (file) order.
        sources.sort_by_key(|op| op.origin);
        let mut sources = sources.into_iter();
        let Some(first) = sources.next() else { continue };
        let mut merged = first.clone();
        let mut others = Vec::new();
        for other in sources {
            if other.origin == first.origin {
                problems.push(Diagnostic::at(
                    &other.source,
                    format!("operation `{}` is already documented at {}", other.operation_id, first.source),
                ));
                continue;
            }
            others.push(other);
        }
        let mut notes = Notes { problems: &mut *problems, warnings: &mut *warnings };
        close_gaps(&mut merged, &others, known, &mut notes);
        for other in &others {
            fill(&mut merged, other);
        }
        merged.gaps.clear();
        out.push(merged);
    }
    out
}

/// Type names some source defines: OpenAPI definitions (full, short and without `WithLinks`) and
/// the named property tables of pages.
pub fn known_types(doc: &DocApi) -> BTreeSet<String> {
    let mut known = BTreeSet::new();
    let mut add = |name: &str| {
        let short = name.rsplit('.').next().unwrap_or(name);
        known.insert(name.to_string());
        known.insert(canonical(short));
    };
    for s in &doc.schemas {
        add(&s.name);
    }
    let mut tables = Vec::new();
    for op in &doc.operations {
        for ty in op.body.iter().map(|b| &b.ty).chain(op.responses.iter().filter_map(|r| r.ty.as_ref())) {
            table_names(ty, &mut tables);
        }
    }
    for t in tables {
        add(&t);
    }
    known
}

fn table_names(ty: &DocType, out: &mut Vec<String>) {
    match ty {
        DocType::Array(inner) | DocType::Map(inner) => table_names(inner, out),
        DocType::Table { name, properties, .. } => {
            out.extend(name.iter().cloned());
            for p in properties {
                table_names(&p.ty, out);
            }
        }
        _ => {}
    }
}

fn is_known(known: &BTreeSet<String>, name: &str) -> bool {
    let short = name.rsplit('.').next().unwrap_or(name);
    known.contains(name) || known.contains(&canonical(short))
}

/// Where problems and warnings go.
struct Notes<'a> {
    problems: &'a mut Vec<Diagnostic>,
    warnings: &'a mut Vec<Diagnostic>,
}

/// Whether a type says what to generate: not undocumented, and not a name nothing defines.
fn answers(ty: &DocType, known: &BTreeSet<String>) -> bool {
    match ty {
        DocType::Unknown | DocType::UnknownObject => false,
        DocType::Named(n) => is_known(known, n),
        DocType::Array(inner) => answers(inner, known),
        _ => true,
    }
}

/// A short description of a documented type for messages.
fn describe(ty: &DocType) -> String {
    match ty {
        DocType::Scalar(Scalar::I32) => "int32".into(),
        DocType::Scalar(Scalar::I64) => "int64".into(),
        DocType::Scalar(Scalar::F64) => "number".into(),
        DocType::Scalar(Scalar::Bool) => "bool".into(),
        DocType::Scalar(Scalar::String) => "string".into(),
        DocType::Scalar(Scalar::DateTime) => "date-time".into(),
        DocType::Scalar(_) => "JSON".into(),
        DocType::Named(n) => format!("`{n}`"),
        DocType::Array(inner) => format!("array of {}", describe(inner)),
        DocType::Map(inner) => format!("map of {}", describe(inner)),
        DocType::Enum(_) => "enum".into(),
        DocType::File => "file content".into(),
        DocType::Table { name: Some(n), .. } => format!("`{n}`"),
        DocType::Table { name: None, .. } => "object".into(),
        DocType::Unknown | DocType::UnknownObject => "undocumented".into(),
        DocType::UnknownArray => "array".into(),
    }
}

fn success_type(op: &DocOperation) -> Option<&DocType> {
    op.success().and_then(|r| r.ty.as_ref())
}

fn set_success_type(op: &mut DocOperation, ty: DocType) {
    if let Some(r) = op.responses.iter_mut().find(|r| (200..300).contains(&r.status) && r.status != 204) {
        r.ty = Some(ty);
    }
}

/// Answers what `op` leaves open from the lower-ranked sources, in rank order.
fn close_gaps(op: &mut DocOperation, others: &[&DocOperation], known: &BTreeSet<String>, notes: &mut Notes<'_>) {
    let open = |o: &DocOperation, kind: GapKind| o.gaps.iter().any(|g| g.kind == kind);
    for gap in op.gaps.clone() {
        match gap.kind {
            GapKind::BodyType => body_type(op, others, known, &gap, notes, open),
            GapKind::ByteResponse => {
                let answer = others
                    .iter()
                    .filter(|o| !open(o, GapKind::ByteResponse))
                    .find_map(|o| success_type(o).filter(|t| answers(t, known)).map(|t| (t.clone(), o.source.clone())));
                match answer {
                    Some((ty, from)) => {
                        let how = match &ty {
                            DocType::File => "raw file content".to_string(),
                            DocType::Scalar(Scalar::String) => "base64 text (a string)".to_string(),
                            DocType::Scalar(Scalar::Bytes) => "base64 text (decoded to bytes)".to_string(),
                            other => describe(other),
                        };
                        notes.warnings.push(Diagnostic::at(
                            &gap.span,
                            format!("`byte` response of `{}` read as {how}, as {from} defines it", op.operation_id),
                        ));
                        set_success_type(op, ty);
                    }
                    None => notes.problems.push(Diagnostic::at(
                        &gap.span,
                        format!(
                            "the response of `{}` is `byte` (file content) but nothing says whether it is raw bytes or \
                             base64 text: no OpenAPI definition of this operation (format `binary` or `byte`)",
                            op.operation_id
                        ),
                    )),
                }
            }
        }
    }
    // Named types nothing defines, where another source names one that is defined.
    let undefined = |ty: &DocType| matches!(ty, DocType::Named(n) if !is_known(known, n));
    let sample_is_json = op.sample_response.as_ref().is_some_and(|(s, b)| (200..300).contains(s) && !b.is_null());
    if let Some(ty) = success_type(op).filter(|t| undefined(t) && !sample_is_json).cloned() {
        let answer = others.iter().find_map(|o| success_type(o).filter(|t| answers(t, known)).map(|t| (t.clone(), o)));
        if let Some((new, from)) = answer {
            notes.warnings.push(Diagnostic::at(
                &op.source,
                format!(
                    "response type {} of `{}` is defined nowhere; {} from {} is used",
                    describe(&ty),
                    op.operation_id,
                    describe(&new),
                    from.source
                ),
            ));
            set_success_type(op, new);
        }
    }
    if let Some(body) = op.body.as_mut() {
        let answer =
            || others.iter().find_map(|o| o.body.as_ref().filter(|b| answers(&b.ty, known)).map(|b| (b.ty.clone(), o)));
        let param_table =
            matches!(&body.ty, DocType::Table { name: Some(n), .. } if n.starts_with(|c: char| c.is_ascii_lowercase()));
        if undefined(&body.ty) && body.sample.as_ref().is_none_or(|s| !s.is_object()) {
            if let Some((new, from)) = answer() {
                notes.warnings.push(Diagnostic::at(
                    &body.span,
                    format!(
                        "request body type {} of `{}` is defined nowhere; {} from {} is used",
                        describe(&body.ty),
                        op.operation_id,
                        describe(&new),
                        from.source
                    ),
                ));
                body.ty = new;
            }
        } else if param_table {
            // The table lists the properties of the carrier the other source names.
            if let Some((new @ DocType::Named(_), _)) = answer() {
                body.ty = new;
            }
        }
    }
    // Path parameters the page does not list.
    for seg in crate::lower::endpoints::segments(&op.path) {
        let PathSegment::Param(name) = seg else { continue };
        if op.params_in(ParamIn::Path).any(|p| p.name.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let found = others.iter().find_map(|o| {
            o.params_in(ParamIn::Path).find(|p| p.name.eq_ignore_ascii_case(&name)).map(|p| (p.clone(), o))
        });
        if let Some((param, from)) = found {
            notes.warnings.push(Diagnostic::at(
                &op.source,
                format!(
                    "path parameter `{name}` of `{}` is not documented here; its type ({}) is taken from {}",
                    op.operation_id,
                    describe(&param.ty),
                    from.source
                ),
            ));
            op.params.push(param);
        }
    }
}

fn body_type(
    op: &mut DocOperation,
    others: &[&DocOperation],
    known: &BTreeSet<String>,
    gap: &Gap,
    notes: &mut Notes<'_>,
    open: impl Fn(&DocOperation, GapKind) -> bool,
) {
    let answer = others
        .iter()
        .filter(|o| !open(o, GapKind::BodyType))
        .find_map(|o| o.body.as_ref().filter(|b| answers(&b.ty, known)).map(|b| (b.ty.clone(), o.source.clone())));
    let id = op.operation_id.clone();
    let Some(body) = op.body.as_mut() else { return };
    match answer {
        Some((ty, from)) => {
            notes.warnings.push(Diagnostic::at(
                &gap.span,
                format!(
                    "request body `{}` of `{id}` names a parameter, not a type; its type ({}) is taken from {from}",
                    body.name,
                    describe(&ty)
                ),
            ));
            body.ty = ty;
        }
        // The sample request teaches the type.
        None if body.sample.as_ref().is_some_and(|s| !s.is_null()) => {}
        None => notes.problems.push(Diagnostic::at(
            &gap.span,
            format!(
                "request body `{}` of `{id}` names a parameter, not a type, and no table, sample or OpenAPI \
                 definition of this operation gives its type",
                body.name
            ),
        )),
    }
}

/// Fills what `op` leaves out from a lower-ranked source of the same operation.
fn fill(op: &mut DocOperation, other: &DocOperation) {
    if op.success().and_then(|r| r.ty.as_ref()).is_none() {
        if let Some(success) = other.success().filter(|r| r.ty.is_some()) {
            op.responses.retain(|r| !(200..300).contains(&r.status) || r.status == 204);
            op.responses.push(success.clone());
            op.responses.sort_by_key(|r| r.status);
        }
    }
    if op.body.is_none() {
        op.body.clone_from(&other.body);
    }
    if op.params_in(ParamIn::Query).next().is_none() {
        op.params.extend(other.params_in(ParamIn::Query).cloned());
    }
    if op.description.trim().is_empty() {
        op.description.clone_from(&other.description);
    }
    if op.sample_response.is_none() {
        op.sample_response.clone_from(&other.sample_response);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::doc::{DocBody, DocParam, DocResponse, Origin};
    use crate::ir::HttpMethod;

    fn span(file: &str, line: usize) -> Span {
        Span { file: file.into(), line }
    }

    fn op(origin: Origin, file: &str) -> DocOperation {
        DocOperation {
            operation_id: "v1ContactAgent_GetContactList".into(),
            method: HttpMethod::Post,
            path: "/api/v1/Agents/Contact/GetContactList".into(),
            description: String::new(),
            params: Vec::new(),
            body: None,
            responses: vec![DocResponse { status: 200, doc: "OK".into(), ty: None }],
            sample_response: None,
            source: span(file, 10),
            origin,
            gaps: Vec::new(),
        }
    }

    fn body(ty: DocType, file: &str) -> Option<DocBody> {
        Some(DocBody { name: "contactIds".into(), ty, doc: String::new(), sample: None, span: span(file, 46) })
    }

    fn page_with_gaps() -> DocOperation {
        let mut page = op(Origin::Page, "p.md");
        page.body = body(DocType::Unknown, "p.md");
        page.responses[0].ty = Some(DocType::File);
        page.gaps = vec![
            Gap { kind: GapKind::BodyType, span: span("p.md", 46) },
            Gap { kind: GapKind::ByteResponse, span: span("p.md", 60) },
        ];
        page
    }

    #[test]
    fn gaps_are_answered_by_the_openapi_source_with_warnings() {
        let mut openapi = op(Origin::OpenApi, "s.json");
        openapi.body = body(DocType::Array(Box::new(DocType::Scalar(Scalar::I32))), "s.json");
        openapi.responses[0].ty = Some(DocType::Scalar(Scalar::String));
        let (mut problems, mut warnings) = (Vec::new(), Vec::new());
        let merged = merge(&[page_with_gaps(), openapi], &BTreeSet::new(), &mut problems, &mut warnings);
        assert_eq!(problems, []);
        let m = &merged[0];
        assert_eq!(m.body.as_ref().map(|b| &b.ty), Some(&DocType::Array(Box::new(DocType::Scalar(Scalar::I32)))));
        assert_eq!(m.success().and_then(|r| r.ty.clone()), Some(DocType::Scalar(Scalar::String)));
        assert!(m.gaps.is_empty());
        let w: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            w,
            [
                "p.md:46: request body `contactIds` of `v1ContactAgent_GetContactList` names a parameter, not a type; \
                 its type (array of int32) is taken from s.json:10",
                "p.md:60: `byte` response of `v1ContactAgent_GetContactList` read as base64 text (a string), as \
                 s.json:10 defines it",
            ]
        );
    }

    #[test]
    fn gaps_no_source_answers_are_problems_unless_a_sample_teaches_the_type() {
        let (mut problems, mut warnings) = (Vec::new(), Vec::new());
        merge(&[page_with_gaps()], &BTreeSet::new(), &mut problems, &mut warnings);
        let p: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].starts_with("p.md:46: request body `contactIds`"), "{}", p[0]);
        assert!(p[1].starts_with("p.md:60: the response of `v1ContactAgent_GetContactList` is `byte`"), "{}", p[1]);

        let mut page = page_with_gaps();
        page.gaps.retain(|g| g.kind == GapKind::BodyType);
        if let Some(b) = page.body.as_mut() {
            b.sample = Some(serde_json::json!([1, 2]));
        }
        problems.clear();
        merge(&[page], &BTreeSet::new(), &mut problems, &mut warnings);
        assert_eq!(problems, []);
    }

    #[test]
    fn undefined_names_and_missing_path_parameters_come_from_openapi() {
        let mut page = op(Origin::Page, "p.md");
        page.path = "/api/v1/Contact/{id}/Thing".into();
        page.responses[0].ty = Some(DocType::Named("NoSuchType".into()));
        let mut openapi = op(Origin::OpenApi, "s.json");
        openapi.path = page.path.clone();
        openapi.responses[0].ty = Some(DocType::Named("SuperOffice.CRM.Services.Thing".into()));
        openapi.params.push(DocParam {
            name: "id".into(),
            location: ParamIn::Path,
            ty: DocType::Scalar(Scalar::I32),
            doc: String::new(),
            required: true,
            span: span("s.json", 10),
        });
        let doc = DocApi {
            schemas: vec![crate::doc::DocSchema {
                name: "SuperOffice.CRM.Services.Thing".into(),
                doc: String::new(),
                properties: Vec::new(),
                span: span("s.json", 99),
            }],
            ..DocApi::default()
        };
        let known = known_types(&doc);
        assert!(known.contains("Thing") && !known.contains("NoSuchType"));
        let (mut problems, mut warnings) = (Vec::new(), Vec::new());
        let merged = merge(&[page, openapi], &known, &mut problems, &mut warnings);
        let m = &merged[0];
        assert_eq!(
            m.success().and_then(|r| r.ty.clone()),
            Some(DocType::Named("SuperOffice.CRM.Services.Thing".into()))
        );
        assert_eq!(
            m.params_in(ParamIn::Path).map(|p| p.ty.clone()).collect::<Vec<_>>(),
            [DocType::Scalar(Scalar::I32)]
        );
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(warnings[0].message.contains("response type `NoSuchType`"), "{}", warnings[0]);
        assert!(warnings[1].message.contains("path parameter `id`"), "{}", warnings[1]);
    }
}
