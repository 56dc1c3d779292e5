//! REST endpoint pages (`docs/en/api/reference/restful/rest/...`) -> [`RestPage`].
//!
//! Handles both page generations: the older one (`id:` front matter, `## Response: array` heading
//! followed by a `Response body: array` paragraph) and the newer one (`uid:`, `## Response:X` plus a
//! `### Response body: X` heading, separate `## Sample request` / `## Sample response` sections).

use super::markdown::{Block, Document, Table, TableRow};
use super::{BodySection, HttpSample, ParamRow, PropertyRow, ResponseRow, RestPage, Span};
use crate::diag::Diagnostic;
use std::path::Path;

/// Which body the next `| Property Name | Type | Description |` table belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    None,
    Request,
    Response,
    /// After a `## Response: X` heading but before any `Response body` line.
    ResponseHeading,
}

/// Parses a REST endpoint page.
///
/// # Errors
///
/// A [`Diagnostic`] at the offending line when the page has no operation id or ```` ```http ````
/// block, a table row has the wrong number of cells, a status code is not a number, or a sample
/// body is not valid JSON.
pub fn parse_rest_page(path: &Path, doc: &Document) -> Result<RestPage, Diagnostic> {
    let span = |line| Span { file: path.to_path_buf(), line };
    let first_line = doc.blocks.first().map_or(1, Block::line);
    let operation_id = doc
        .front("id")
        .or_else(|| doc.front("uid"))
        .ok_or_else(|| Diagnostic::new(path, 1, "front matter has neither `id:` nor `uid:` (the operation id)"))?;
    let (http_idx, http_line, http_text) = doc
        .blocks
        .iter()
        .enumerate()
        .find_map(|(i, b)| match b {
            Block::Code { info, text, line } if info_word(info) == "http" => Some((i, *line, text)),
            _ => None,
        })
        .ok_or_else(|| Diagnostic::new(path, first_line, "no ```http block with the endpoint's method and path"))?;
    let (method, endpoint) = parse_endpoint(path, http_line, http_text)?;

    let mut page = RestPage {
        file: path.to_path_buf(),
        title: doc.front("title").map(str::to_string),
        operation_id: operation_id.to_string(),
        method,
        path: endpoint,
        path_span: span(http_line),
        description: String::new(),
        path_params: Vec::new(),
        query_params: Vec::new(),
        headers: Vec::new(),
        request_body: None,
        responses: Vec::new(),
        response_body: None,
        sample_request: None,
        sample_response: None,
    };
    let mut description: Vec<String> = Vec::new();
    let mut in_description = true;
    let mut target = Target::None;
    let mut body_description_open = false;
    let mut response_heading: Option<(String, usize)> = None;

    for block in doc.blocks.iter().skip(http_idx + 1) {
        match block {
            Block::Paragraph { text, line } => {
                if let Some(name) = strip_label(text, "response body") {
                    in_description = false;
                    page.response_body = Some(body(name, *line, path));
                    (target, body_description_open) = (Target::Response, true);
                } else if in_description {
                    description.push(text.clone());
                } else if body_description_open {
                    let section = match target {
                        Target::Request => page.request_body.as_mut(),
                        Target::Response => page.response_body.as_mut(),
                        _ => None,
                    };
                    if let Some(s) = section {
                        push_paragraph(&mut s.description, text);
                    }
                }
            }
            Block::ListItem { text, .. } if in_description => match description.last_mut() {
                Some(last) if last.starts_with("* ") => {
                    last.push_str("\n* ");
                    last.push_str(text);
                }
                _ => description.push(format!("* {text}")),
            },
            Block::Heading { text, line, .. } => {
                in_description = false;
                body_description_open = false;
                target = Target::None;
                if let Some(name) = strip_label(text, "request body") {
                    page.request_body = Some(body(name, *line, path));
                    (target, body_description_open) = (Target::Request, true);
                } else if let Some(name) = strip_label(text, "response body") {
                    page.response_body = Some(body(name, *line, path));
                    (target, body_description_open) = (Target::Response, true);
                } else if let Some(name) = strip_label(text, "response") {
                    response_heading = Some((name.to_string(), *line));
                    target = Target::ResponseHeading;
                }
            }
            Block::Table(table) => {
                in_description = false;
                body_description_open = false;
                table_rows(path, table, &mut page, &mut target, response_heading.as_ref())?;
            }
            Block::Code { info, text, line } => {
                body_description_open = false;
                if in_description && !info_word(info).starts_with("http") {
                    // Examples inside the description (the PATCH pages' JSON Patch documents).
                    description.push(format!("```text\n{}\n```", text.trim()));
                    continue;
                }
                let slot = match info_word(info) {
                    "http!" => &mut page.sample_request,
                    "http_" => &mut page.sample_response,
                    _ => continue,
                };
                if slot.is_none() {
                    *slot = Some(parse_sample(path, *line, text)?);
                }
            }
            Block::ListItem { .. } | Block::Html { .. } => {}
        }
    }
    if page.response_body.is_none() {
        if let Some((name, line)) = response_heading.filter(|(n, _)| !n.is_empty()) {
            page.response_body = Some(body(&name, line, path));
        }
    }
    page.description = description.join("\n\n");
    Ok(page)
}

/// Files the rows of one table into the page, by the table's header.
fn table_rows(
    path: &Path,
    table: &Table,
    page: &mut RestPage,
    target: &mut Target,
    response_heading: Option<&(String, usize)>,
) -> Result<(), Diagnostic> {
    let header: Vec<String> =
        table.header.iter().map(|h| h.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let known = [
        ["path part", "type", "description"].as_slice(),
        &["parameter name", "type", "description"],
        &["parameter name", "description"],
        &["response", "description"],
        &["property name", "type", "description"],
    ];
    if !known.contains(&header.as_slice()) {
        return Ok(());
    }
    for row in &table.rows {
        if row.source_cells != header.len() {
            let msg = format!("malformed table row: expected {} cells, found {}", header.len(), row.source_cells);
            return Err(Diagnostic::new(path, row.line, msg));
        }
    }
    let span = |row: &TableRow| Span { file: path.to_path_buf(), line: row.line };
    match header.as_slice() {
        ["path part", ..] => page.path_params.extend(table.rows.iter().map(|r| param(r, true, span(r)))),
        ["parameter name", "type", _] => page.query_params.extend(table.rows.iter().map(|r| param(r, true, span(r)))),
        ["parameter name", _] => page.headers.extend(table.rows.iter().map(|r| param(r, false, span(r)))),
        ["response", _] => {
            for row in &table.rows {
                let status = row.cell(0).parse::<u16>().map_err(|_| {
                    let msg = format!("invalid HTTP status code `{}` in the response table", row.cell(0));
                    Diagnostic::new(path, row.line, msg)
                })?;
                page.responses.push(ResponseRow { status, description: row.cell(1).to_string(), span: span(row) });
            }
        }
        _ => {
            if *target == Target::ResponseHeading && page.response_body.is_none() {
                let (name, line) = response_heading.cloned().unwrap_or_default();
                page.response_body = Some(body(&name, line, path));
                *target = Target::Response;
            }
            let section = match target {
                Target::Request => page.request_body.as_mut(),
                Target::Response => page.response_body.as_mut(),
                _ => None,
            };
            if let Some(section) = section {
                section.properties.extend(table.rows.iter().map(|r| PropertyRow {
                    name: r.cell(0).to_string(),
                    ty: r.cell(1).to_string(),
                    description: r.cell(2).to_string(),
                    span: span(r),
                }));
            }
        }
    }
    Ok(())
}

/// A parameter row: name, optional type column, description with `**Required**` removed.
fn param(row: &TableRow, has_type: bool, span: Span) -> ParamRow {
    let desc_idx = if has_type { 2 } else { 1 };
    let cell = row.cells.get(desc_idx);
    let stripped = cell.and_then(|c| c.without_strong("Required"));
    ParamRow {
        name: row.cell(0).to_string(),
        ty: if has_type { row.cell(1).to_string() } else { String::new() },
        required: stripped.is_some(),
        description: stripped.unwrap_or_else(|| row.cell(desc_idx).to_string()),
        span,
    }
}

fn body(name: &str, line: usize, path: &Path) -> BodySection {
    BodySection {
        name: name.to_string(),
        description: String::new(),
        properties: Vec::new(),
        span: Span { file: path.to_path_buf(), line },
    }
}

fn push_paragraph(dest: &mut String, text: &str) {
    if !dest.is_empty() {
        dest.push_str("\n\n");
    }
    dest.push_str(text);
}

/// The first word of a code block's info string.
fn info_word(info: &str) -> &str {
    info.split_whitespace().next().unwrap_or("")
}

/// If `text` starts with `label` (ASCII case-insensitive) followed by `:` or nothing, the rest after
/// the colon, trimmed.
fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let head = text.get(..label.len())?;
    let rest = text.get(label.len()..)?.trim_start();
    if !head.eq_ignore_ascii_case(label) {
        return None;
    }
    if rest.is_empty() {
        return Some(rest);
    }
    rest.strip_prefix(':').map(str::trim)
}

/// `GET /api/v1/ChatSession/{id}?$select=x` -> (`GET`, `/api/v1/ChatSession/{id}`).
fn parse_endpoint(path: &Path, fence_line: usize, text: &str) -> Result<(String, String), Diagnostic> {
    let (idx, first) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()).unwrap_or((0, ""));
    let line = fence_line + 1 + idx;
    let mut words = first.split_whitespace();
    let bad = || {
        Diagnostic::new(path, line, format!("expected `METHOD /path` in the ```http block, found `{}`", first.trim()))
    };
    let method = words.next().filter(|m| m.chars().all(|c| c.is_ascii_alphabetic())).ok_or_else(bad)?;
    let target = words.next().filter(|t| t.starts_with('/')).ok_or_else(bad)?;
    let endpoint = target.split('?').next().unwrap_or(target);
    Ok((method.to_ascii_uppercase(), endpoint.to_string()))
}

/// Parses a ` ```http! ` / ` ```http_ ` block: start line, headers, blank line, JSON body.
fn parse_sample(path: &Path, fence_line: usize, text: &str) -> Result<HttpSample, Diagnostic> {
    let lines: Vec<&str> = text.lines().collect();
    let mut idx = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .ok_or_else(|| Diagnostic::new(path, fence_line, "empty sample HTTP block"))?;
    let start_line = lines.get(idx).map_or("", |l| l.trim()).to_string();
    idx += 1;
    let mut headers = Vec::new();
    while let Some(line) = lines.get(idx) {
        if line.trim().is_empty() {
            idx += 1;
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            break;
        };
        headers.push((name.trim().to_string(), value.trim().to_string()));
        idx += 1;
    }
    let body_text = lines.get(idx..).unwrap_or_default().join("\n");
    let body = if body_text.trim().is_empty() {
        None
    } else {
        let value = serde_json::from_str(&body_text).map_err(|e| {
            // `idx` is the 0-based index of the body's first line within the block; the block's
            // content starts on the line after the fence.
            let line = fence_line + idx + e.line().max(1);
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg);
            Diagnostic::new(path, line, format!("invalid JSON in sample body (column {}): {msg}", e.column()))
        })?;
        Some(value)
    };
    Ok(HttpSample { start_line, headers, body, span: Span { file: path.to_path_buf(), line: fence_line } })
}
