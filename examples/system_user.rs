//! Signs in as a tenant's system user (SuperOffice Online, server to server), finds the tenant's
//! host with the tenant state API, and lists the chat sessions of the system user.
//!
//! With no configuration it runs against an embedded mock SuperOffice Online (the same one the
//! integration tests use, with the test-only keys in `tests/keys/`): the mock checks the signed
//! system user token, answers a JWT signed with its own key published as a JWKS, names the
//! tenant's host in its state API, and serves the docs' sample on that host.
//!
//! ```text
//! cargo run --example system_user
//! ```
//!
//! To sign in to a real tenant, set all of:
//!
//! | Variable | Meaning |
//! |---|---|
//! | `SUPEROFFICE_ENV` | `sod`, `qaonline` (or `stage`) or `online` |
//! | `SUPEROFFICE_CONTEXT` | the tenant, e.g. `Cust12345` |
//! | `SUPEROFFICE_PRIVATE_KEY_FILE` | the app's private key: `<RSAKeyValue>` XML or PEM |
//! | `SUPEROFFICE_SYSTEM_USER_TOKEN` | the tenant's system user token for the app |
//! | `SUPEROFFICE_CLIENT_SECRET` | the app's client secret |

#[allow(dead_code)] // the example uses part of the mock the tests share
#[path = "../tests/it/online_mock/mod.rs"]
mod online_mock;

use std::env;
use std::process::ExitCode;

use superoffice_webapi::auth::{Environment, PrivateKey, SystemUser};
use superoffice_webapi::testing::MockSuperOffice;
use superoffice_webapi::{Auth, Client};

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

/// Everything a system user sign-in needs.
struct Settings {
    env: Environment,
    context: String,
    key: PrivateKey,
    system_user_token: String,
    client_secret: String,
}

fn real_settings(env_name: &str) -> Result<Settings, BoxError> {
    let need = |name: &str| var(name).ok_or_else(|| format!("SUPEROFFICE_ENV is set but {name} is not"));
    let key_file = need("SUPEROFFICE_PRIVATE_KEY_FILE")?;
    let key_text = std::fs::read_to_string(&key_file).map_err(|e| format!("cannot read {key_file}: {e}"))?;
    Ok(Settings {
        env: env_name.parse()?,
        context: need("SUPEROFFICE_CONTEXT")?,
        key: PrivateKey::parse(&key_text)?,
        system_user_token: need("SUPEROFFICE_SYSTEM_USER_TOKEN")?,
        client_secret: need("SUPEROFFICE_CLIENT_SECRET")?,
    })
}

async fn run() -> Result<(), BoxError> {
    // The mock lives as long as `mock`.
    let (settings, mock) = match var("SUPEROFFICE_ENV") {
        Some(name) => (real_settings(&name)?, None),
        None => {
            let online = online_mock::Online::start().await;
            online.tenant_on(&online.node1).await;
            // The tenant's host serves the docs' sample to the first ticket the mock issues.
            MockSuperOffice::attach(&online.node1)
                .chat_session()
                .for_current_user()
                .with_auth(&Auth::so_ticket(online_mock::ticket(1)))
                .returns_sample()
                .mount()
                .await;
            println!("No SUPEROFFICE_ENV: using a mock SuperOffice Online at {}.", online.auth.uri());
            let settings = Settings {
                env: online.env(),
                context: online_mock::CTX.to_string(),
                key: PrivateKey::parse(&online_mock::key_text("TEST_ONLY_app_key.xml"))?,
                system_user_token: online_mock::SYSTEM_TOKEN.to_string(),
                client_secret: online_mock::CLIENT_SECRET.to_string(),
            };
            (settings, Some(online))
        }
    };

    let system_user = SystemUser::builder(settings.env.clone(), settings.context.as_str())
        .private_key(settings.key)
        .system_user_token(settings.system_user_token)
        .client_secret(settings.client_secret)
        .build()?;
    let client = Client::online(settings.env, settings.context.as_str()).token_source(system_user).build()?;

    let sessions = client.chat_session().for_current_user().language("en").send().await?;
    println!("Signed in as the system user of {}; {} chat session(s):", settings.context, sessions.len());
    for s in &sessions {
        let id = s.chat_session_id.map_or_else(|| "?".to_string(), |id| id.to_string());
        println!("  #{id}  {}", s.customer_name.as_deref().unwrap_or("-"));
    }
    if let Some(online) = mock {
        println!("The mock saw {} sign-in(s) with a valid signature.", online.valid_sign_ins());
    }
    Ok(())
}
