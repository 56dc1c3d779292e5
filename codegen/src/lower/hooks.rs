//! Scripting-event pages -> [`HookMethod`]s linked to the REST endpoints implementing the method.
//!
//! A page for `Agent.Method` is linked to an endpoint when
//! - the endpoint's description says it calls the method on that agent ("Calls the Chat agent
//!   service SaveChatSessionEntity."; this is how `POST` / `PATCH` find `SaveChatSessionEntity`), or
//! - the endpoint belongs to that agent's service and its operation id ends in `_Method`: an agent
//!   endpoint belongs to its agent (`v1ChatAgent_ChatSessionsForUser`), a REST endpoint to the
//!   agent its resource's descriptions say they call when they all name one
//!   (`v1ChatSessionEntity_ChatSessionsForUser`: ChatSession's endpoints call the Chat agent).
//!
//! A method name alone never links across agents (`PersonEntity_Merge` is not `ContactAgent.Merge`).
//! `...Async` service methods link the same way to endpoints of the same `...Async` method.
//!
//! and the event's `returnValue` has the endpoint's response shape (none for no body, `T[]` for an
//! array, anything else for a single value; ``Task`1`` matches any: the docs do not say what the
//! task yields).
//!
//! An endpoint gets at most one page. When several pages qualify, the one the endpoint's
//! description names wins, then the one whose `returnValue` type has the response model's name,
//! then the first by file name. Everything not linked — no endpoint, a different return shape,
//! or losing to another page — is a warning naming the page's `file:line`: generation goes on,
//! and `generate`, `check` and `stats` print it.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::doc::{DocEventKind, DocScripting};
use crate::ir::{Api, Endpoint, HookEvent, HookLink, HookMethod, ResourceKind, ResponseKind, TypeRef};
use crate::lower::endpoints::operation_suffix;

/// Links the scripting pages to endpoints. Returns the hooks by operation id and a warning for
/// every page (or page/endpoint pair) that was not linked.
pub fn link(pages: &[DocScripting], api: &Api) -> (BTreeMap<String, HookMethod>, Vec<Diagnostic>) {
    let mut scripting: Vec<&DocScripting> = pages.iter().collect();
    scripting.sort_by(|a, b| a.span.cmp(&b.span));
    let mut endpoints: Vec<Linkable<'_>> = Vec::new();
    for (key, r) in &api.resources {
        let calls: Vec<Option<ServiceCall>> = r.endpoints.iter().map(service_call).collect();
        let service = match r.kind {
            ResourceKind::Agent => Some(agent_key(&r.name)),
            ResourceKind::Rest => {
                let mut named = calls.iter().flatten().map(|c| agent_key(&c.agent));
                let first = named.next();
                first.filter(|f| named.all(|n| &n == f))
            }
        };
        for (e, call) in r.endpoints.iter().zip(calls) {
            endpoints.push(Linkable { resource: key, endpoint: e, call, service: service.clone() });
        }
    }

    let mut warnings = Vec::new();
    let mut by_operation: BTreeMap<&str, Vec<Candidate<'_>>> = BTreeMap::new();
    for page in scripting {
        let returns = CsReturn::of(page);
        let mut found = false;
        for Linkable { resource, endpoint, call, service } in &endpoints {
            let Some(link) = link_kind(page, endpoint, call.as_ref(), service.as_deref()) else { continue };
            found = true;
            if !returns.fits(&endpoint.response) {
                warnings.push(Diagnostic::at(
                    &page.span,
                    format!(
                        "`{}.{}` returns {} but operation `{}` returns {}: no hooks generated for it",
                        page.agent,
                        page.method,
                        returns.describe(),
                        endpoint.operation_id,
                        describe_response(&endpoint.response)
                    ),
                ));
                continue;
            }
            let named_by_endpoint = matches!(&link, HookLink::ServiceCall(_));
            let same_type_name = returns.type_name().is_some_and(|n| Some(n) == model_name(&endpoint.response));
            by_operation.entry(endpoint.operation_id.as_str()).or_default().push(Candidate {
                page,
                resource,
                endpoint,
                link,
                rank: (named_by_endpoint, same_type_name),
            });
        }
        if !found {
            warnings.push(Diagnostic::at(
                &page.span,
                format!(
                    "scripting events for `{agent}.{method}` have no endpoint: no operation of this agent's service \
                     ends in `_{method}` and no endpoint says it calls `{method}` of this agent; no hooks generated for it",
                    agent = page.agent,
                    method = page.method
                ),
            ));
        }
    }

    let mut hooks = BTreeMap::new();
    for (operation_id, mut candidates) in by_operation {
        // Stable sort: equal ranks keep file order.
        candidates.sort_by_key(|c| Reverse(c.rank));
        let mut candidates = candidates.into_iter();
        let Some(winner) = candidates.next() else { continue };
        for loser in candidates {
            warnings.push(Diagnostic::at(
                &loser.page.span,
                format!(
                    "`{}.{}` also matches operation `{operation_id}`, which gets the hooks of `{}.{}` ({}) instead",
                    loser.page.agent, loser.page.method, winner.page.agent, winner.page.method, winner.page.span
                ),
            ));
        }
        hooks.insert(operation_id.to_string(), winner.into_hook());
    }
    warnings.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    (hooks, warnings)
}

/// An endpoint with what links it to scripting pages.
struct Linkable<'a> {
    /// The resource's key in [`Api::resources`].
    resource: &'a str,
    endpoint: &'a Endpoint,
    /// What its description says it calls.
    call: Option<ServiceCall>,
    /// The agent service it belongs to ([`agent_key`] form), if known.
    service: Option<String>,
}

/// A page that may provide an endpoint's hooks.
struct Candidate<'a> {
    page: &'a DocScripting,
    resource: &'a str,
    endpoint: &'a Endpoint,
    link: HookLink,
    /// (the endpoint's description names the method, the `returnValue` type is the response model)
    rank: (bool, bool),
}

impl Candidate<'_> {
    fn into_hook(self) -> HookMethod {
        let event = |kind: DocEventKind, default_name: String| {
            let found = self.page.events.iter().find(|e| e.kind == kind);
            HookEvent {
                name: found.map_or(default_name, |e| e.name.clone()),
                doc: found.map(|e| e.doc.clone()).unwrap_or_default(),
            }
        };
        let method = &self.page.method;
        HookMethod {
            operation_id: self.endpoint.operation_id.clone(),
            resource: self.resource.to_string(),
            method_name: self.endpoint.method_name.clone(),
            service_method: method.clone(),
            agent: self.page.agent.clone(),
            return_type: self.endpoint.response.clone(),
            events: [
                event(DocEventKind::Before, format!("Before{method}")),
                event(DocEventKind::After, format!("After{method}")),
                event(DocEventKind::AfterAsync, format!("After{method}Async")),
            ],
            link: self.link,
            source: self.page.span.clone(),
        }
    }
}

/// "Calls the <agent> service <Method>." in an endpoint's description.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ServiceCall {
    /// The agent as written (`Chat agent`, `{SuperOffice.CRM.Services.IChatAgent}`).
    agent: String,
    /// The service method (`SaveChatSessionEntity`).
    method: String,
}

fn service_call(e: &Endpoint) -> Option<ServiceCall> {
    const CALLS: &str = "Calls the ";
    const SERVICE: &str = " service ";
    let text = format!("{}\n{}", e.summary, e.description);
    let mut rest = text.as_str();
    while let Some(start) = rest.find(CALLS) {
        rest = rest.get(start + CALLS.len()..)?;
        let Some(at) = rest.find(SERVICE) else { break };
        let agent = rest.get(..at).unwrap_or_default().trim();
        let method: String = rest
            .get(at + SERVICE.len()..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let plausible_agent =
            !agent.is_empty() && !agent.contains(['\n', ',']) && agent.split_whitespace().count() <= 3;
        if plausible_agent && method.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Some(ServiceCall { agent: agent.to_string(), method });
        }
    }
    None
}

fn link_kind(page: &DocScripting, e: &Endpoint, call: Option<&ServiceCall>, service: Option<&str>) -> Option<HookLink> {
    let agent = agent_key(&page.agent);
    if let Some(c) = call.filter(|c| c.method == page.method && agent_key(&c.agent) == agent) {
        return Some(HookLink::ServiceCall(c.agent.clone()));
    }
    (operation_suffix(&e.operation_id) == page.method && service == Some(agent.as_str()))
        .then_some(HookLink::OperationId)
}

/// `ChatAgent`, `IChatAgent`, `Chat agent` and `{SuperOffice.CRM.Services.IChatAgent}` -> `chat`.
fn agent_key(agent: &str) -> String {
    let agent = agent.trim().trim_matches(['{', '}']);
    let last = agent.rsplit('.').next().unwrap_or(agent);
    let compact: String = last.split_whitespace().collect();
    let mut chars = compact.chars();
    let interface = matches!((chars.next(), chars.next()), (Some('I'), Some(c)) if c.is_ascii_uppercase());
    let name = if interface { compact.get(1..).unwrap_or_default() } else { compact.as_str() };
    let lower = name.to_ascii_lowercase();
    lower.strip_suffix("agent").unwrap_or(&lower).to_string()
}

/// What the `After` event's `returnValue` is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CsReturn {
    /// No `returnValue` parameter: the service method returns nothing.
    None,
    /// `T[]`.
    Array(String),
    /// ``Task`1`` / `Task`: an asynchronous service variant.
    Task(String),
    /// Any other type.
    Single(String),
}

impl CsReturn {
    fn of(page: &DocScripting) -> Self {
        let param = [DocEventKind::After, DocEventKind::AfterAsync]
            .iter()
            .filter_map(|k| page.events.iter().find(|e| e.kind == *k))
            .find_map(|e| e.return_value.as_deref());
        let Some(ty) = param else { return CsReturn::None };
        let ty = ty.trim();
        if ty == "Task" || ty.starts_with("Task`") || ty.starts_with("Task<") {
            CsReturn::Task(ty.to_string())
        } else if let Some(element) = ty.strip_suffix("[]") {
            CsReturn::Array(element.trim().to_string())
        } else {
            CsReturn::Single(ty.to_string())
        }
    }

    fn fits(&self, response: &ResponseKind) -> bool {
        match (self, response) {
            (CsReturn::None, ResponseKind::Empty) => true,
            (CsReturn::Array(_), ResponseKind::Json(TypeRef::Array(_))) => true,
            (CsReturn::Single(_), ResponseKind::Json(t)) => !matches!(t, TypeRef::Array(_)),
            (CsReturn::Single(_), ResponseKind::Binary) | (CsReturn::Task(_), _) => true,
            _ => false,
        }
    }

    fn type_name(&self) -> Option<&str> {
        match self {
            CsReturn::Array(n) | CsReturn::Single(n) => Some(n),
            CsReturn::None | CsReturn::Task(_) => None,
        }
    }

    fn describe(&self) -> String {
        match self {
            CsReturn::None => "nothing".to_string(),
            CsReturn::Array(n) => format!("`{n}[]`"),
            CsReturn::Task(n) | CsReturn::Single(n) => format!("`{n}`"),
        }
    }
}

fn model_name(response: &ResponseKind) -> Option<&str> {
    match response {
        ResponseKind::Json(TypeRef::Model(n)) => Some(n),
        ResponseKind::Json(TypeRef::Array(inner)) => match inner.as_ref() {
            TypeRef::Model(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}

fn describe_response(response: &ResponseKind) -> &'static str {
    match response {
        ResponseKind::Empty => "no body",
        ResponseKind::Json(TypeRef::Array(_)) => "an array",
        ResponseKind::Json(_) => "a single value",
        ResponseKind::Binary => "file content",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::doc::DocEvent;
    use crate::ir::{Conditional, HttpMethod, Resource};
    use std::path::PathBuf;

    fn span(file: &str, line: usize) -> Span {
        Span { file: PathBuf::from(file), line }
    }

    fn endpoint(operation_id: &str, method_name: &str, description: &str, response: ResponseKind) -> Endpoint {
        Endpoint {
            operation_id: operation_id.to_string(),
            method_name: method_name.to_string(),
            op_type: String::new(),
            http_method: HttpMethod::Get,
            path: format!("/api/v1/ChatSession/{method_name}"),
            segments: Vec::new(),
            summary: "Summary.".to_string(),
            description: description.to_string(),
            path_params: Vec::new(),
            query_params: Vec::new(),
            headers: Vec::new(),
            request_body: None,
            query_set: None,
            hooks_trait: String::new(),
            hooks_builder: String::new(),
            response,
            statuses: Vec::new(),
            conditional: Conditional::default(),
            sample_response: None,
            sample_request_body: None,
            source: span("rest.md", 9),
        }
    }

    fn entity() -> ResponseKind {
        ResponseKind::Json(TypeRef::Model("ChatSessionEntity".into()))
    }

    fn entities() -> ResponseKind {
        ResponseKind::Json(TypeRef::Array(Box::new(TypeRef::Model("ChatSessionEntity".into()))))
    }

    fn api() -> Api {
        let endpoints = vec![
            endpoint("v1ChatSessionEntity_ChatSessionsForUser", "for_current_user", "", entities()),
            endpoint(
                "v1ChatSessionEntity_PostChatSessionEntity",
                "create",
                "Calls the Chat agent service SaveChatSessionEntity.",
                entity(),
            ),
            endpoint(
                "v1ChatSessionEntity_PatchChatSessionEntity",
                "patch",
                "See RFC6902.\n\nCalls the {SuperOffice.CRM.Services.IChatAgent} service SaveChatSessionEntity.",
                entity(),
            ),
            endpoint(
                "v1ChatSessionEntity_GetAll",
                "get_all",
                "Calls the Archive service using the \"ChatSession\" archive.",
                entity(),
            ),
            endpoint("v1ChatSessionEntity_DeleteChatSessionEntity", "delete", "", ResponseKind::Empty),
        ];
        let mut api = Api::default();
        api.resources.insert(
            "ChatSession".into(),
            Resource { endpoints, ..crate::lower::names::rest_resource("ChatSession".into()) },
        );
        api
    }

    /// A page for `agent.method` whose After event returns `return_type` (`None`: no returnValue).
    fn page(file: &str, agent: &str, method: &str, return_type: Option<&str>) -> DocScripting {
        let returns = return_type.map(String::from);
        let event = |kind, name: String, return_value: Option<String>, line| DocEvent {
            kind,
            doc: format!("{name} docs."),
            name,
            return_value,
            span: span(file, line),
        };
        DocScripting {
            agent: agent.into(),
            method: method.into(),
            events: vec![
                event(DocEventKind::Before, format!("Before{method}"), None, 18),
                event(DocEventKind::After, format!("After{method}"), returns.clone(), 28),
                event(DocEventKind::AfterAsync, format!("After{method}Async"), returns, 38),
            ],
            span: span(file, 14),
        }
    }

    #[test]
    fn links_by_operation_id_suffix_within_the_agents_service() {
        // ChatSession's endpoints say they call the Chat agent, so the resource is the Chat agent's.
        let pages = [page("s/chat/forUser.md", "IChatAgent", "ChatSessionsForUser", Some("ChatSession[]"))];
        let (hooks, warnings) = link(&pages, &api());
        assert!(warnings.is_empty(), "{warnings:?}");
        let h = &hooks["v1ChatSessionEntity_ChatSessionsForUser"];
        assert_eq!(
            (h.resource.as_str(), h.method_name.as_str(), h.agent.as_str(), &h.link),
            ("ChatSession", "for_current_user", "IChatAgent", &HookLink::OperationId)
        );
        assert_eq!(h.return_type, entities());
        assert_eq!(
            h.events[2],
            HookEvent {
                name: "AfterChatSessionsForUserAsync".into(),
                doc: "AfterChatSessionsForUserAsync docs.".into()
            }
        );
        assert_eq!(h.source, span("s/chat/forUser.md", 14));
    }

    #[test]
    fn a_method_name_alone_never_links_across_agents() {
        // Another agent's method of the same name: `ICustomerServiceAgent.ChatSessionsForUser` is not
        // what ChatSession's endpoint implements (the docs only say ChatSession calls the Chat agent).
        let pages = [page("s/csa/forUser.md", "ICustomerServiceAgent", "ChatSessionsForUser", Some("ChatSession[]"))];
        let (hooks, warnings) = link(&pages, &api());
        assert!(hooks.is_empty(), "{hooks:?}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        // An agent's endpoint belongs to that agent: `PersonAgent.Merge` is not `ContactAgent.Merge`.
        let mut api = api();
        for (agent, id) in [("Contact", "v1ContactAgent_Merge"), ("Person", "v1PersonAgent_Merge")] {
            let mut e = endpoint(id, "merge", "", ResponseKind::Empty);
            e.path = format!("/api/v1/Agents/{agent}/Merge");
            let r = crate::lower::names::resource(ResourceKind::Agent, agent.into());
            api.resources.insert(format!("Agents/{agent}"), Resource { endpoints: vec![e], ..r });
        }
        let pages = [page("s/contact/merge.md", "IContactAgent", "Merge", None)];
        let (hooks, _) = link(&pages, &api);
        assert_eq!(hooks.keys().collect::<Vec<_>>(), ["v1ContactAgent_Merge"]);
        assert_eq!(hooks["v1ContactAgent_Merge"].resource, "Agents/Contact");
    }

    #[test]
    fn links_by_the_service_the_endpoint_says_it_calls() {
        let pages = [page("s/chat/save.md", "ChatAgent", "SaveChatSessionEntity", Some("ChatSessionEntity"))];
        let (hooks, warnings) = link(&pages, &api());
        assert!(warnings.is_empty(), "{warnings:?}");
        let linked: Vec<(&str, &HookLink)> = hooks.iter().map(|(k, h)| (k.as_str(), &h.link)).collect();
        assert_eq!(
            linked,
            [
                (
                    "v1ChatSessionEntity_PatchChatSessionEntity",
                    &HookLink::ServiceCall("{SuperOffice.CRM.Services.IChatAgent}".into())
                ),
                ("v1ChatSessionEntity_PostChatSessionEntity", &HookLink::ServiceCall("Chat agent".into())),
            ]
        );
        // Another agent's method of the same name is not what the endpoint calls.
        let pages = [page("s/other/save.md", "IOtherAgent", "SaveChatSessionEntity", Some("ChatSessionEntity"))];
        let (hooks, warnings) = link(&pages, &api());
        assert!(hooks.is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn a_page_with_no_endpoint_is_a_warning_with_file_and_line() {
        let pages = [
            page("s/csa/haschatnotify.md", "ICustomerServiceAgent", "HasChatNotify", Some("Boolean")),
            page("s/chat/delete.md", "ChatAgent", "DeleteChatSessionEntity", None),
        ];
        let (hooks, warnings) = link(&pages, &api());
        assert_eq!(hooks.keys().collect::<Vec<_>>(), ["v1ChatSessionEntity_DeleteChatSessionEntity"]);
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 1, "{text:?}");
        assert!(
            text[0].starts_with("s/csa/haschatnotify.md:14: scripting events for `ICustomerServiceAgent.HasChatNotify` have no endpoint"),
            "{}",
            text[0]
        );
    }

    #[test]
    fn a_different_return_shape_is_not_linked() {
        let pages = [
            page("s/chat/single.md", "ChatAgent", "DeleteChatSessionEntity", Some("ChatSessionEntity")),
            // The `...Async` variant has no endpoint of its own: not linked to the synchronous one.
            page("s/chat/async.md", "ChatAgent", "ChatSessionsForUserAsync", Some("Task`1")),
        ];
        let (hooks, warnings) = link(&pages, &api());
        assert!(hooks.is_empty(), "{hooks:?}");
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with(
                "s/chat/async.md:14: scripting events for `ChatAgent.ChatSessionsForUserAsync` have no endpoint"
            ),
            "{}",
            text[0]
        );
        assert_eq!(
            text[1],
            "s/chat/single.md:14: `ChatAgent.DeleteChatSessionEntity` returns `ChatSessionEntity` but operation \
             `v1ChatSessionEntity_DeleteChatSessionEntity` returns no body: no hooks generated for it"
        );
    }

    #[test]
    fn one_page_per_endpoint_preferring_the_response_type() {
        let pages = [
            page("s/a/forUser.md", "IChatAgent", "ChatSessionsForUser", Some("ChatSession[]")),
            page("s/b/forUser.md", "ChatAgent", "ChatSessionsForUser", Some("ChatSessionEntity[]")),
        ];
        let (hooks, warnings) = link(&pages, &api());
        assert_eq!(hooks["v1ChatSessionEntity_ChatSessionsForUser"].agent, "ChatAgent");
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            ["s/a/forUser.md:14: `IChatAgent.ChatSessionsForUser` also matches operation \
              `v1ChatSessionEntity_ChatSessionsForUser`, which gets the hooks of `ChatAgent.ChatSessionsForUser` \
              (s/b/forUser.md:14) instead"]
        );
    }

    #[test]
    fn service_calls_and_agents_are_recognised() {
        let e = |d: &str| endpoint("x_Y", "y", d, entity());
        let call = |d: &str| service_call(&e(d)).map(|c| (c.agent, c.method));
        assert_eq!(
            call("Calls the Chat agent service GetChatSessionEntity."),
            Some(("Chat agent".into(), "GetChatSessionEntity".into()))
        );
        assert_eq!(call("Calls the Archive service using the \"ChatSession\" archive."), None);
        assert_eq!(call("No call here."), None);
        for a in ["ChatAgent", "IChatAgent", "Chat agent", "{SuperOffice.CRM.Services.IChatAgent}"] {
            assert_eq!(agent_key(a), "chat", "{a}");
        }
        assert_eq!(agent_key("ICustomerServiceAgent"), "customerservice");
    }
}
