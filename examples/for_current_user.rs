//! Lists the chat sessions of the current user (`GET /api/v1/ChatSession/ForCurrentUser`).
//!
//! With no configuration it starts the SDK's mock SuperOffice (feature `testing`), which serves the
//! sample response from the endpoint's documentation, and lists that through the real client:
//!
//! ```text
//! cargo run --example for_current_user
//! ```
//!
//! To call a real tenant, set `SUPEROFFICE_URL` and one kind of credentials:
//!
//! | Variable | Meaning |
//! |---|---|
//! | `SUPEROFFICE_URL` | Tenant URL, e.g. `https://sod.superoffice.com/Cust12345` |
//! | `SUPEROFFICE_USER` + `SUPEROFFICE_PASSWORD` | Basic authentication (on-site) |
//! | `SUPEROFFICE_TICKET` | `SOTicket` authentication |
//! | `SUPEROFFICE_TOKEN` | `Bearer` token (Online) |
//! | `SUPEROFFICE_APP_TOKEN` | optional `SO-AppToken` of your app |
//! | `SUPEROFFICE_LANGUAGE` | optional `SO-Language` (default `en`) |
//! | `SUPEROFFICE_TIME_ZONE` | optional `SO-TimeZone` (default `UTC`); offsets are always requested |

use std::env;
use std::process::ExitCode;

use superoffice_webapi::models::ChatSessionEntity;
use superoffice_webapi::testing::MockSuperOffice;
use superoffice_webapi::{Auth, Client, DateTime, TimeZone};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn var(name: &str) -> Option<String> {
    env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Credentials from the environment: Basic, SOTicket or Bearer, in that order.
fn credentials() -> Result<Auth, BoxError> {
    if let (Some(user), Some(password)) = (var("SUPEROFFICE_USER"), var("SUPEROFFICE_PASSWORD")) {
        return Ok(Auth::basic(user, password));
    }
    if let Some(ticket) = var("SUPEROFFICE_TICKET") {
        return Ok(Auth::so_ticket(ticket));
    }
    if let Some(token) = var("SUPEROFFICE_TOKEN") {
        return Ok(Auth::bearer(token));
    }
    Err("SUPEROFFICE_URL is set but no credentials are: set SUPEROFFICE_USER and SUPEROFFICE_PASSWORD, \
         SUPEROFFICE_TICKET or SUPEROFFICE_TOKEN"
        .into())
}

fn real_client(url: &str) -> Result<Client, BoxError> {
    let mut builder = Client::builder(url).auth(credentials()?);
    if let Some(app_token) = var("SUPEROFFICE_APP_TOKEN") {
        builder = builder.app_token(app_token);
    }
    Ok(builder.build()?)
}

async fn run() -> Result<(), BoxError> {
    let language = var("SUPEROFFICE_LANGUAGE").unwrap_or_else(|| "en".to_string());
    let time_zone = TimeZone::new(var("SUPEROFFICE_TIME_ZONE").unwrap_or_else(|| "UTC".to_string())).include_offset();

    // The mock lives as long as `mock`; its expectation (one call) is checked below.
    let (client, mock) = match var("SUPEROFFICE_URL") {
        Some(url) => (real_client(&url)?, None),
        None => {
            let so = MockSuperOffice::start().await;
            so.chat_session().for_current_user().with_language(&language).returns_sample().expect(1).mount().await;
            let client = so.client()?;
            (client, Some(so))
        }
    };
    match &mock {
        Some(so) => println!("No SUPEROFFICE_URL: using a mock SuperOffice at {} serving the docs' sample.", so.uri()),
        None => println!("Calling {}", client.base_url()),
    }

    let sessions = client.chat_session().for_current_user().language(&language).time_zone(time_zone).send().await?;
    println!("{} chat session(s) for the current user:", sessions.len());
    for session in &sessions {
        print_session(session);
    }
    if let Some(so) = mock {
        so.verify().await;
    }
    Ok(())
}

fn text(value: Option<&str>) -> &str {
    value.filter(|v| !v.is_empty()).unwrap_or("-")
}

fn when(value: Option<DateTime>) -> String {
    match value.and_then(DateTime::value) {
        None => "-".to_string(),
        Some(d) => match d.to_utc() {
            Some(utc) => format!("{d} ({} UTC)", utc.format("%Y-%m-%d %H:%M:%S")),
            None => format!("{d} (no offset)"),
        },
    }
}

fn print_session(s: &ChatSessionEntity) {
    let id = s.chat_session_id.map_or_else(|| "?".to_string(), |id| id.to_string());
    let status = s.status.as_ref().map_or("-", |st| st.as_str());
    let user = s.user.as_ref().and_then(|u| u.full_name.as_deref().or(u.name.as_deref()).or(u.user_name.as_deref()));
    let topic = s.topic_id.map_or_else(|| "-".to_string(), |t| t.to_string());
    println!();
    println!("  #{id}  {}  ({})", text(s.customer_name.as_deref()), text(s.customer_company_name.as_deref()));
    println!("    status:     {status}");
    println!("    user:       {}", text(user));
    println!("    topic:      {topic}");
    println!("    email:      {}", text(s.customer_email.as_deref()));
    println!("    requested:  {}", when(s.when_requested));
    println!("    started:    {}", when(s.when_started));
    println!("    ended:      {}", when(s.when_ended));
    if let Some(flags) = s.flags.as_ref().filter(|f| !f.is_empty()) {
        println!("    flags:      {flags}");
    }
    println!(
        "    messages:   first {:?}, last {:?}",
        text(s.first_message.as_deref()),
        text(s.last_message.as_deref())
    );
}
