//! Links every scripting page of the corpus (not only the ones copied into `docs-input/`) to the
//! endpoints of `docs-input/` (REST resources and agent services), and pins down what is linked
//! and what is reported.
//!
//! The corpus lives in `shared/` beside the workspace (`../shared` from the workspace root); set
//! `SO_SHARED_DIR` to point elsewhere.

use std::path::{Path, PathBuf};

use superoffice_codegen::parse::{parse_page, Page};
use superoffice_codegen::{load, lower};

fn shared_dir() -> PathBuf {
    std::env::var_os("SO_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
}

#[test]
fn every_corpus_scripting_page_is_linked_or_reported() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let mut inputs = load::load(&docs).unwrap_or_else(|d| panic!("{d}"));
    inputs.doc.scripting.clear();
    let dir = shared_dir().join("corpus/scripting");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    files.sort();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        match parse_page(file, &text).unwrap_or_else(|d| panic!("{d}")) {
            Page::Scripting(page) => inputs.doc.scripting.push(superoffice_codegen::front::markdown::scripting(&page)),
            Page::Rest(_) => panic!("{} is not a scripting page", file.display()),
        }
    }

    let lowered = lower::lower(&inputs.doc, &inputs.overrides);
    assert!(lowered.problems.is_empty(), "{:?}", lowered.problems);
    let linked: Vec<(&str, String)> = lowered
        .api
        .hooks
        .values()
        .map(|h| (h.operation_id.as_str(), format!("{}.{}", h.agent, h.service_method)))
        .collect();
    let expected = [
        // Every agent endpoint gets the events of its own agent's method of the same name.
        ("v1ChatAgent_AcceptChatSessionTransfer", "ChatAgent.AcceptChatSessionTransfer"),
        ("v1ChatAgent_ChatSessionsForUser", "ChatAgent.ChatSessionsForUser"),
        ("v1ChatAgent_CreateChatSessionForTopic", "ChatAgent.CreateChatSessionForTopic"),
        ("v1ChatAgent_CreateDefaultChatSessionEntity", "ChatAgent.CreateDefaultChatSessionEntity"),
        ("v1ChatAgent_DeleteChatSessionEntity", "ChatAgent.DeleteChatSessionEntity"),
        ("v1ChatAgent_GetChatSessionEntity", "ChatAgent.GetChatSessionEntity"),
        ("v1ChatAgent_PickUpChatSession", "ChatAgent.PickUpChatSession"),
        ("v1ChatAgent_PickUpFirstChatSession", "ChatAgent.PickUpFirstChatSession"),
        ("v1ChatAgent_RejectChatSessionTransfer", "ChatAgent.RejectChatSessionTransfer"),
        ("v1ChatAgent_ResetChatSession", "ChatAgent.ResetChatSession"),
        ("v1ChatAgent_SaveChatSessionEntity", "ChatAgent.SaveChatSessionEntity"),
        ("v1ChatAgent_TransferChatSession", "ChatAgent.TransferChatSession"),
        // ChatSession's endpoints say they call the Chat agent: its methods link by operation id
        // (`ChatSessionsForUser`) or by the service the description names (`SaveChatSessionEntity`).
        // `CustomerServiceAgent.ChatSessionsForUser` is another agent's method: not linked.
        ("v1ChatSessionEntity_AcceptChatSessionTransfer", "ChatAgent.AcceptChatSessionTransfer"),
        ("v1ChatSessionEntity_ChatSessionsForUser", "ChatAgent.ChatSessionsForUser"),
        ("v1ChatSessionEntity_DefaultChatSessionEntity", "ChatAgent.CreateDefaultChatSessionEntity"),
        ("v1ChatSessionEntity_DeleteChatSessionEntity", "ChatAgent.DeleteChatSessionEntity"),
        ("v1ChatSessionEntity_GetChatSessionEntity", "ChatAgent.GetChatSessionEntity"),
        ("v1ChatSessionEntity_PatchChatSessionEntity", "ChatAgent.SaveChatSessionEntity"),
        ("v1ChatSessionEntity_PickUpChatSession", "ChatAgent.PickUpChatSession"),
        ("v1ChatSessionEntity_PickUpFirstChatSession", "ChatAgent.PickUpFirstChatSession"),
        ("v1ChatSessionEntity_PostChatSessionEntity", "ChatAgent.SaveChatSessionEntity"),
        ("v1ChatSessionEntity_RejectChatSessionTransfer", "ChatAgent.RejectChatSessionTransfer"),
        ("v1ChatSessionEntity_ResetChatSession", "ChatAgent.ResetChatSession"),
        ("v1ChatSessionEntity_TransferChatSession", "ChatAgent.TransferChatSession"),
        ("v1ChatTopicEntity_CreateChatSessionForTopic", "ChatAgent.CreateChatSessionForTopic"),
        ("v1CustomerServiceAgent_HasChatNotify", "CustomerServiceAgent.HasChatNotify"),
    ];
    let expected: Vec<(&str, String)> = expected.iter().map(|(op, m)| (*op, m.to_string())).collect();
    assert_eq!(linked, expected);

    // The scripting pages' reports (the merge's fallbacks on agent pages are warnings too).
    let reported: Vec<(String, &str)> = lowered
        .warnings
        .iter()
        .filter(|w| w.file.starts_with(&dir))
        .map(|w| {
            let name = w.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let kind = if w.message.contains("have no endpoint") {
                "no endpoint"
            } else if w.message.contains("also matches") {
                "duplicate"
            } else {
                "other"
            };
            assert!(w.line > 0, "{w}");
            (name, kind)
        })
        .collect();
    let expected_reports = [
        ("chatagent__chatsessionsforuserasync.md", "no endpoint"),
        ("chatagent__getchatsessionentityasync.md", "no endpoint"),
        ("chatagent__savechatsessionentityasync.md", "no endpoint"),
        ("customerserviceagent__chatsessionsforuser.md", "no endpoint"),
        ("customerserviceagent__chatsessionsforuserasync.md", "no endpoint"),
        ("customerserviceagent__deletechatsessions.md", "no endpoint"),
        ("customerserviceagent__deletechatsessionsasync.md", "no endpoint"),
        ("customerserviceagent__haschatnotifyasync.md", "no endpoint"),
    ];
    let expected_reports: Vec<(String, &str)> = expected_reports.iter().map(|(f, k)| (f.to_string(), *k)).collect();
    assert_eq!(reported, expected_reports);
    // Every page is accounted for: linked (possibly to several endpoints) or reported.
    let linked_pages: std::collections::BTreeSet<_> = lowered.api.hooks.values().map(|h| &h.source.file).collect();
    assert_eq!(linked_pages.len() + reported.len(), files.len());
}
