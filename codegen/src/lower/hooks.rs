//! Scripting-event pages -> [`HookMethod`]s linked to the REST endpoint implementing the method.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::ir::{Api, HookMethod};
use crate::lower::endpoints::operation_suffix;
use crate::parse::{EventKind, Page, ScriptingPage};

/// Links every scripting page to an endpoint whose operation id ends in the same method name
/// (`ChatSessionsForUser` <-> `v1ChatSessionEntity_ChatSessionsForUser`). Pages with no such
/// endpoint are reported.
pub fn link(pages: &[Page], api: &Api) -> (BTreeMap<String, HookMethod>, Vec<Diagnostic>) {
    let mut hooks = BTreeMap::new();
    let mut problems = Vec::new();
    for page in pages {
        let Page::Scripting(s) = page else { continue };
        match find_endpoint(s, api) {
            Some((resource, endpoint)) => {
                hooks.entry(endpoint.operation_id.clone()).or_insert_with(|| HookMethod {
                    operation_id: endpoint.operation_id.clone(),
                    resource: resource.to_string(),
                    method_name: endpoint.method_name.clone(),
                    service_method: s.method.clone(),
                    agent: s.agent.clone(),
                    return_type: endpoint.response.clone(),
                    event_docs: [
                        doc_of(s, EventKind::Before),
                        doc_of(s, EventKind::After),
                        doc_of(s, EventKind::AfterAsync),
                    ],
                    source: s.span.clone(),
                });
            }
            None => problems.push(Diagnostic::at(
                &s.span,
                format!(
                    "scripting events for `{}.{}` have no REST endpoint with an operation id ending in `_{}`",
                    s.agent, s.method, s.method
                ),
            )),
        }
    }
    (hooks, problems)
}

fn find_endpoint<'a>(s: &ScriptingPage, api: &'a Api) -> Option<(&'a str, &'a crate::ir::Endpoint)> {
    api.resources.iter().find_map(|(name, r)| {
        r.endpoints.iter().find(|e| operation_suffix(&e.operation_id) == s.method).map(|e| (name.as_str(), e))
    })
}

fn doc_of(s: &ScriptingPage, kind: EventKind) -> String {
    s.events.iter().find(|e| e.kind == kind).map(|e| e.description.clone()).unwrap_or_default()
}
