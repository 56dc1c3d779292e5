//! Scripting-event hooks on `GET ChatSession/ForCurrentUser`: an `after` hook that hides finished
//! sessions from the caller, and an `after_async` hook that writes an audit line in the background.
//!
//! Runs without a SuperOffice tenant: a local mock server answers with sample sessions.
//!
//! ```text
//! cargo run --example hooks
//! ```

use std::time::{Duration, Instant};

use serde_json::json;
use superoffice_webapi::hooks::{EventState, HookError, HookFuture};
use superoffice_webapi::models::{ChatSessionEntity, ChatSessionEntityStatus};
use superoffice_webapi::rest::chat_session::ForCurrentUserHooks;
use superoffice_webapi::Client;
use tokio::sync::mpsc;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// When the call started (stored by `before`, read by `after_async`).
struct StartedAt(Instant);

/// How many sessions `after` hid.
struct Hidden(usize);

/// Shows only the sessions an agent can still act on, and audits every call.
struct OpenSessionsOnly {
    audit: mpsc::UnboundedSender<String>,
}

fn is_done(status: Option<&ChatSessionEntityStatus>) -> bool {
    matches!(
        status,
        Some(ChatSessionEntityStatus::Closed | ChatSessionEntityStatus::Finished | ChatSessionEntityStatus::Deleted)
    )
}

impl ForCurrentUserHooks for OpenSessionsOnly {
    /// BeforeChatSessionsForUser: cannot change the result, but can remember things for later.
    fn before<'a>(&'a self, state: &'a mut EventState) -> HookFuture<'a> {
        state.insert(StartedAt(Instant::now()));
        superoffice_webapi::hooks::ready(())
    }

    /// AfterChatSessionsForUser: the caller waits for it and gets what it leaves.
    fn after<'a>(&'a self, sessions: &'a mut Vec<ChatSessionEntity>, state: &'a mut EventState) -> HookFuture<'a> {
        Box::pin(async move {
            let before = sessions.len();
            sessions.retain(|s| !is_done(s.status.as_ref()));
            state.insert(Hidden(before - sessions.len()));
        })
    }

    /// AfterChatSessionsForUserAsync: runs in the background with a copy of the result; the caller
    /// does not wait for it, and an error here is only logged.
    fn after_async(
        &self,
        sessions: Vec<ChatSessionEntity>,
        state: EventState,
    ) -> HookFuture<'_, Result<(), HookError>> {
        Box::pin(async move {
            let elapsed = state.get::<StartedAt>().map(|s| s.0.elapsed()).unwrap_or_default();
            let hidden = state.get::<Hidden>().map_or(0, |h| h.0);
            let ids: Vec<i32> = sessions.iter().filter_map(|s| s.chat_session_id).collect();
            self.audit.send(format!("ForCurrentUser returned sessions {ids:?} ({hidden} hidden) in {elapsed:?}"))?;
            Ok(())
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Cust12345/api/v1/ChatSession/ForCurrentUser"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            { "ChatSessionId": 11, "CustomerName": "Ann", "Status": "CustomerLast" },
            { "ChatSessionId": 12, "CustomerName": "Bob", "Status": "Closed" },
            { "ChatSessionId": 13, "CustomerName": "Cid", "Status": "InQueue" },
            { "ChatSessionId": 14, "CustomerName": "Dee", "Status": "Finished" }
        ])))
        .mount(&server)
        .await;

    let (audit, mut audit_log) = mpsc::unbounded_channel();
    let client = Client::builder(format!("{}/Cust12345", server.uri()))
        .chat_session_for_current_user_hooks(OpenSessionsOnly { audit })
        .build()?;

    let sessions = client.chat_session().for_current_user().send().await?;
    for s in &sessions {
        println!(
            "session {:?}: {} ({})",
            s.chat_session_id.unwrap_or_default(),
            s.customer_name.as_deref().unwrap_or("?"),
            s.status.as_ref().map_or("?", |st| st.as_str())
        );
    }

    // The audit line arrives once the background hook has run.
    if let Ok(Some(line)) = tokio::time::timeout(Duration::from_secs(5), audit_log.recv()).await {
        println!("audit: {line}");
    }
    Ok(())
}
