//! Reads a whole OData list page by page (`GET /api/v1/ChatSession` with `$top`/`$skip`), as a
//! stream of rows with typed column accessors.
//!
//! With no configuration it starts the SDK's mock SuperOffice (feature `testing`) serving 7 chat
//! sessions in pages of 3 (the pager asks for `$skip=0`, `3`, `6` and stops after the short page):
//!
//! ```text
//! cargo run --example paging
//! ```
//!
//! To read a real tenant, set `SUPEROFFICE_URL` (e.g. `https://sod.superoffice.com/Cust12345`),
//! `SUPEROFFICE_TOKEN` (a Bearer token) and optionally `SUPEROFFICE_APP_TOKEN`.

use std::env;
use std::process::ExitCode;

use serde_json::json;
use superoffice_webapi::testing::MockSuperOffice;
use superoffice_webapi::{Auth, Client};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const PAGE_SIZE: i32 = 3;

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

/// Mounts 7 rows as pages of `PAGE_SIZE`, each answered once.
async fn mount_pages(so: &MockSuperOffice<'_>) {
    let rows: Vec<_> = (1..=7)
        .map(|id| {
            json!({
                "PrimaryKey": id,
                "EntityName": "chatsession",
                "customerName": format!("Customer {id}"),
                "whenStarted": format!("2026-03-0{id}T09:30:00"),
                "firstMessage": id % 2 == 0,
            })
        })
        .collect();
    for (n, chunk) in rows.chunks(PAGE_SIZE as usize).enumerate() {
        let skip = (n * PAGE_SIZE as usize).to_string();
        so.chat_session()
            .get_all()
            .with_query("$top", &PAGE_SIZE.to_string())
            .with_query("$skip", &skip)
            .returns(json!({ "odata.nextLink": null, "value": chunk }))
            .expect(1)
            .mount()
            .await;
    }
}

fn real_client(url: &str) -> Result<Client, BoxError> {
    let token = var("SUPEROFFICE_TOKEN").ok_or("SUPEROFFICE_URL is set but SUPEROFFICE_TOKEN is not")?;
    let mut builder = Client::builder(url).auth(Auth::bearer(token));
    if let Some(app_token) = var("SUPEROFFICE_APP_TOKEN") {
        builder = builder.app_token(app_token);
    }
    Ok(builder.build()?)
}

async fn run() -> Result<(), BoxError> {
    // The mock lives as long as `mock`; its expectations (one call per page) are checked below.
    let (client, mock) = match var("SUPEROFFICE_URL") {
        Some(url) => (real_client(&url)?, None),
        None => {
            let so = MockSuperOffice::start().await;
            mount_pages(&so).await;
            println!("No SUPEROFFICE_URL: using a mock SuperOffice at {}.", so.uri());
            (so.client()?, Some(so))
        }
    };

    let mut rows = client
        .chat_session()
        .get_all()
        .select("customerName,whenStarted,firstMessage")
        .order_by("chatSessionId") // order by the primary key, so no row moves between pages
        .page_size(PAGE_SIZE)
        .rows();
    let mut count = 0;
    while let Some(row) = rows.next().await {
        let row = row?;
        count += 1;
        let started = row.datetime("whenStarted")?.map_or_else(|| "-".to_string(), |d| d.to_string());
        println!(
            "#{:<3} {:<12} started {started}  first message: {:?}",
            row.primary_key()?,
            row.str("customerName")?.unwrap_or("-"),
            row.bool("firstMessage")?,
        );
    }
    println!("{count} row(s).");
    if let Some(so) = mock {
        so.verify().await;
    }
    Ok(())
}
