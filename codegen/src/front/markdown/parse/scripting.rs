//! NetServer scripting-event pages (`docs/en/automation/netserver-scripting/reference/...`) ->
//! [`ScriptingPage`].
//!
//! A page has a `# Agent.Method` heading and up to three `## Before<M>` / `## After<M>` /
//! `## After<M>Async` sections, each with a ```` ```cs ```` signature block and some prose.

use super::markdown::{Block, Document};
use super::{CsParam, EventKind, ScriptingEvent, ScriptingPage, Span};
use crate::diag::Diagnostic;
use std::path::Path;

/// Whether the document looks like a scripting-event page: it has a `##` heading starting with
/// `Before` and a ```` ```cs ```` block.
pub fn looks_like_scripting(doc: &Document) -> bool {
    let before =
        doc.blocks.iter().any(|b| matches!(b, Block::Heading { level: 2, text, .. } if text.starts_with("Before")));
    let cs = doc.blocks.iter().any(|b| matches!(b, Block::Code { info, .. } if is_cs(info)));
    before && cs
}

/// Parses a scripting-event page.
///
/// # Errors
///
/// A [`Diagnostic`] when there is no `# Agent.Method` heading, no event section, or an event
/// section lacks a parsable ```` ```cs ```` signature.
pub fn parse_scripting_page(path: &Path, doc: &Document) -> Result<ScriptingPage, Diagnostic> {
    let span = |line| Span { file: path.to_path_buf(), line };
    let (title_idx, heading, heading_line) = doc
        .blocks
        .iter()
        .enumerate()
        .find_map(|(i, b)| match b {
            Block::Heading { level: 1, text, line } => Some((i, text.as_str(), *line)),
            _ => None,
        })
        .ok_or_else(|| Diagnostic::new(path, 1, "no `# Agent.Method` heading"))?;
    let (agent, method) = heading
        .rsplit_once('.')
        .map(|(a, m)| (a.trim(), m.trim()))
        .filter(|(a, m)| !a.is_empty() && !m.is_empty())
        .ok_or_else(|| {
            let msg = format!("expected `# Agent.Method` heading, found `# {heading}`");
            Diagnostic::new(path, heading_line, msg)
        })?;

    let kinds = [
        (format!("Before{method}"), EventKind::Before),
        (format!("After{method}"), EventKind::After),
        (format!("After{method}Async"), EventKind::AfterAsync),
    ];
    let mut events: Vec<ScriptingEvent> = Vec::new();
    // The event section being read, and whether its signature has been seen yet.
    let mut current: Option<(ScriptingEvent, bool)> = None;
    for block in doc.blocks.iter().skip(title_idx + 1) {
        match block {
            Block::Heading { text, line, .. } => {
                finish(&mut current, &mut events)?;
                let kind = kinds.iter().find(|(name, _)| name == text.trim()).map(|(_, k)| *k);
                current = kind.map(|kind| {
                    let event = ScriptingEvent {
                        kind,
                        name: text.trim().to_string(),
                        params: Vec::new(),
                        description: String::new(),
                        span: span(*line),
                    };
                    (event, false)
                });
            }
            Block::Code { info, text, line } if is_cs(info) => {
                if let Some((event, seen @ false)) = current.as_mut() {
                    let (name, params) = parse_signature(path, *line, text)?;
                    if name != event.name {
                        let msg = format!("signature is for `{name}` but the section is `{}`", event.name);
                        return Err(Diagnostic::new(path, *line + 1, msg));
                    }
                    event.params = params;
                    *seen = true;
                }
            }
            Block::Paragraph { text, .. } | Block::ListItem { text, .. } => {
                if let Some((event, true)) = current.as_mut() {
                    if !event.description.is_empty() {
                        event.description.push_str("\n\n");
                    }
                    event.description.push_str(text);
                }
            }
            _ => {}
        }
    }
    finish(&mut current, &mut events)?;
    if events.is_empty() {
        let msg = format!("no `## Before{method}` / `## After{method}` event sections");
        return Err(Diagnostic::new(path, heading_line, msg));
    }
    Ok(ScriptingPage {
        file: path.to_path_buf(),
        uid: doc.front("uid").map(str::to_string),
        title: doc.front("title").map(str::to_string),
        agent: agent.to_string(),
        method: method.to_string(),
        events,
        span: span(heading_line),
    })
}

/// Moves the finished event section into `events`; a section without a signature is an error.
fn finish(current: &mut Option<(ScriptingEvent, bool)>, events: &mut Vec<ScriptingEvent>) -> Result<(), Diagnostic> {
    match current.take() {
        Some((event, true)) => events.push(event),
        Some((event, false)) => {
            let msg = format!("event section `{}` has no ```cs signature block", event.name);
            return Err(Diagnostic::at(&event.span, msg));
        }
        None => {}
    }
    Ok(())
}

fn is_cs(info: &str) -> bool {
    matches!(info.split_whitespace().next(), Some("cs" | "csharp" | "c#"))
}

/// Parses `static void Name( ref object eventState, Int32 id );` into the name and parameters.
fn parse_signature(path: &Path, fence_line: usize, text: &str) -> Result<(String, Vec<CsParam>), Diagnostic> {
    let err = |msg: String| Diagnostic::new(path, fence_line + 1, msg);
    let open = text.find('(').ok_or_else(|| err("C# signature has no `(`".to_string()))?;
    let close = text.rfind(')').filter(|c| *c > open).ok_or_else(|| err("C# signature has no `)`".to_string()))?;
    let name = text.get(..open).and_then(|h| h.split_whitespace().last()).unwrap_or("");
    if name.is_empty() {
        return Err(err("C# signature has no method name".to_string()));
    }
    let inner = text.get(open + 1..close).unwrap_or("");
    let mut params = Vec::new();
    for raw in split_params(inner) {
        let mut words: Vec<&str> = raw.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let by_ref = matches!(words.first(), Some(&"ref" | &"out"));
        if by_ref {
            words.remove(0);
        }
        let (Some(param_name), Some(_)) = (words.pop(), words.first()) else {
            return Err(err(format!("C# parameter `{}` needs a type and a name", raw.trim())));
        };
        params.push(CsParam { by_ref, ty: words.join(" "), name: param_name.to_string() });
    }
    Ok((name.to_string(), params))
}

/// Splits a parameter list at top-level commas (not inside `<>`, `[]` or `()`).
fn split_params(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '<' | '[' | '(' => depth += 1,
            '>' | ']' | ')' => depth -= 1,
            ',' if depth <= 0 => {
                parts.push(s.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(s.get(start..).unwrap_or(""));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_with_generics_and_refs() {
        let (name, params) = parse_signature(
            Path::new("x"),
            3,
            "static void AfterX(\n ref Dictionary<string, int> a,\n Int32[] ids,\n ref Task`1 returnValue\n);",
        )
        .expect("signature");
        assert_eq!(name, "AfterX");
        let got: Vec<(bool, &str, &str)> = params.iter().map(|p| (p.by_ref, p.ty.as_str(), p.name.as_str())).collect();
        assert_eq!(
            got,
            [(true, "Dictionary<string, int>", "a"), (false, "Int32[]", "ids"), (true, "Task`1", "returnValue")]
        );
        assert!(parse_signature(Path::new("x"), 3, "static void AfterX();").is_ok_and(|(_, p)| p.is_empty()));
    }

    #[test]
    fn bad_signatures_are_diagnostics() {
        for text in ["static void X", "static void X(ref object)", "(a b)", ")("] {
            let e = parse_signature(Path::new("x.md"), 7, text).expect_err(text);
            assert_eq!(e.line, 8, "{text}");
        }
    }
}
