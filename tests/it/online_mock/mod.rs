//! A mock SuperOffice Online on loopback for the sign-in and discovery tests:
//!
//! - `auth`: the host without a number. `PartnerSystemUser/Authenticate` checks the signed system
//!   user token (RSA-SHA256 with the test app key) and answers a JWT signed with the test issuer
//!   key; the JWKS publishes that key; the OAuth token endpoint; the tenant state API. Any API
//!   path answers 421, as the real unnumbered host does.
//! - `node1`, `node2`: two numbered hosts the tenant can live on.
//!
//! Keys come from `tests/keys/TEST_ONLY_*` (test-only, protect nothing).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use rsa::pkcs8::DecodePrivateKey;
use rsa::sha2::{Digest, Sha256};
use rsa::traits::PublicKeyParts;
use rsa::Pkcs1v15Sign;
use serde_json::{json, Value};
use superoffice_webapi::auth::Environment;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const CTX: &str = "Cust12345";
pub const SYSTEM_TOKEN: &str = "TestApp-sysTok3n-S3cret";
pub const CLIENT_SECRET: &str = "client-S3cret-value";
pub const SERIAL: &str = "1234567890";
pub const KID: &str = "test-issuer-key";
pub const TICKET_CLAIM: &str = "http://schemes.superoffice.net/identity/ticket";
pub const SERIAL_CLAIM: &str = "http://schemes.superoffice.net/identity/serial";
pub const CTX_CLAIM: &str = "http://schemes.superoffice.net/identity/ctx";

/// The ticket the mock issues on its n-th successful sign-in (1-based).
pub fn ticket(n: usize) -> String {
    format!("7T:S3cret-ticket-{n}")
}

pub fn key_text(name: &str) -> String {
    // The tests package (tests/) or the examples' root package.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = if root.join("keys").is_dir() { root.join("keys") } else { root.join("tests/keys") };
    let p = dir.join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A PKCS#8 PEM test key, decoded with the RSA crate directly (not through the SDK).
pub fn rsa_key(name: &str) -> rsa::PrivateKey {
    let pem = key_text(name);
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD.decode(body).unwrap();
    rsa::PrivateKey::from_pkcs8_der(&der).unwrap()
}

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// An RS256 JWT with `claims`, signed by `key` and naming `kid`.
pub fn sign_jwt(key: &rsa::PrivateKey, kid: &str, claims: &Value) -> String {
    let header = json!({"alg": "RS256", "kid": kid, "typ": "JWT"});
    let input = format!("{}.{}", b64url(header.to_string().as_bytes()), b64url(claims.to_string().as_bytes()));
    let sig = key.sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(input.as_bytes())).unwrap();
    format!("{input}.{}", b64url(&sig))
}

/// The JWKS document publishing `key` under `kid`.
pub fn jwks(key: &rsa::PrivateKey, kid: &str) -> Value {
    let public = key.as_public_key();
    json!({"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
        "n": b64url(&public.n_bytes()), "e": b64url(&public.e_bytes())}]})
}

/// How the mock's Authenticate answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A valid JWT with a new ticket.
    Valid,
    /// A JWT signed by a key that is not in the JWKS, naming a key id the JWKS does not have.
    UnknownKey,
    /// A JWT signed by a key that is not in the JWKS, naming the published key's id.
    Forged,
    /// A JWT whose issuer is not `SuperOffice AS`.
    WrongIssuer,
    /// A JWT that expired an hour ago.
    Expired,
    /// HTTP 200 with `IsSuccessful: false` and an error message that echoes the system token.
    Refused,
    /// HTTP 401 with the same echoing message.
    Http401,
}

/// What the Authenticate endpoint saw.
#[derive(Default)]
pub struct Seen {
    /// Sign-ins whose signature and fields were right.
    pub valid: AtomicUsize,
    /// Sign-ins with a wrong signature, timestamp or field.
    pub invalid: AtomicUsize,
    /// Why the last invalid one was refused.
    pub last_problem: Mutex<String>,
}

struct Authenticate {
    app_public: rsa::PublicKey,
    issuer: rsa::PrivateKey,
    other: rsa::PrivateKey,
    answer: Arc<Mutex<Answer>>,
    seen: Arc<Seen>,
}

impl Authenticate {
    /// Checks the request as SuperOffice documents it; `Err` says what is wrong.
    fn check(&self, body: &Value) -> Result<(), String> {
        let field = |name: &str| body.get(name).and_then(Value::as_str).ok_or(format!("no {name}"));
        if field("ApplicationToken")? != CLIENT_SECRET {
            return Err("wrong ApplicationToken".into());
        }
        if field("ContextIdentifier")? != CTX {
            return Err("wrong ContextIdentifier".into());
        }
        if field("ReturnTokenType")? != "JWT" {
            return Err("ReturnTokenType is not JWT".into());
        }
        let signed = field("SignedSystemToken")?;
        let (signed_part, signature) = signed.rsplit_once('.').ok_or("no signature")?;
        let (token, stamp) = signed_part.rsplit_once('.').ok_or("no timestamp")?;
        if token != SYSTEM_TOKEN {
            return Err("wrong system user token".into());
        }
        if stamp.len() != 12 || !stamp.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("timestamp `{stamp}` is not yyyyMMddHHmm"));
        }
        let when = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d%H%M").map_err(|e| e.to_string())?;
        let skew = (chrono::Utc::now().naive_utc() - when).num_minutes().abs();
        if skew > 5 {
            return Err(format!("timestamp is {skew} minutes off UTC"));
        }
        let sig = base64::engine::general_purpose::STANDARD
            .decode(signature)
            .map_err(|_| "signature is not standard base64")?;
        self.app_public
            .verify(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(signed_part.as_bytes()), &sig)
            .map_err(|_| "signature does not verify with the app's public key".to_string())
    }
}

impl Respond for Authenticate {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        if let Err(problem) = self.check(&body) {
            self.seen.invalid.fetch_add(1, Ordering::SeqCst);
            *self.seen.last_problem.lock().unwrap() = problem.clone();
            return ResponseTemplate::new(200)
                .set_body_json(json!({"IsSuccessful": false, "Token": null, "ErrorMessage": problem}));
        }
        let answer = *self.answer.lock().unwrap();
        let echo = format!("Invalid system user token {SYSTEM_TOKEN} for application {CLIENT_SECRET}");
        match answer {
            Answer::Refused => {
                return ResponseTemplate::new(200)
                    .set_body_json(json!({"IsSuccessful": false, "Token": null, "ErrorMessage": echo}))
            }
            Answer::Http401 => {
                return ResponseTemplate::new(401).set_body_json(json!({"IsSuccessful": false, "ErrorMessage": echo}))
            }
            _ => {}
        }
        let n = self.seen.valid.fetch_add(1, Ordering::SeqCst) + 1;
        let now = now_secs();
        let mut claims = json!({
            "iss": "SuperOffice AS",
            "aud": format!("spn:{SERIAL}"),
            "nbf": now - 10,
            "iat": (now - 10).to_string(),
            "exp": now + 3600,
            SERIAL_CLAIM: SERIAL,
            CTX_CLAIM: CTX,
            TICKET_CLAIM: ticket(n),
        });
        let (key, kid) = match answer {
            Answer::UnknownKey => (&self.other, "rotated-key"),
            Answer::Forged => (&self.other, KID),
            _ => (&self.issuer, KID),
        };
        if answer == Answer::WrongIssuer {
            claims["iss"] = json!("Someone Else");
        }
        if answer == Answer::Expired {
            claims["exp"] = json!(now - 3600);
        }
        ResponseTemplate::new(200)
            .set_body_json(json!({"IsSuccessful": true, "Token": sign_jwt(key, kid, &claims), "ErrorMessage": ""}))
    }
}

/// The mock environment and two tenant hosts.
pub struct Online {
    pub auth: MockServer,
    pub node1: MockServer,
    pub node2: MockServer,
    pub seen: Arc<Seen>,
    pub answer: Arc<Mutex<Answer>>,
    pub issuer: rsa::PrivateKey,
}

impl Online {
    pub async fn start() -> Online {
        let (auth, node1, node2) = (MockServer::start().await, MockServer::start().await, MockServer::start().await);
        let issuer = rsa_key("TEST_ONLY_issuer_key.pkcs8.pem");
        let app = rsa_key("TEST_ONLY_app_key.pkcs8.pem");
        let seen = Arc::new(Seen::default());
        let answer = Arc::new(Mutex::new(Answer::Valid));
        Mock::given(method("POST"))
            .and(path("/Login/api/PartnerSystemUser/Authenticate"))
            .respond_with(Authenticate {
                app_public: app.as_public_key().clone(),
                issuer: issuer.clone(),
                other: rsa_key("TEST_ONLY_other_key.pkcs8.pem"),
                answer: answer.clone(),
                seen: seen.clone(),
            })
            .mount(&auth)
            .await;
        Mock::given(method("GET"))
            .and(path("/login/.well-known/jwks"))
            .respond_with(ResponseTemplate::new(200).set_body_json(jwks(&issuer, KID)))
            .mount(&auth)
            .await;
        // The host without a number refuses API calls.
        Mock::given(path_regex(r"^/Cust\d+/api/"))
            .respond_with(ResponseTemplate::new(421).set_body_string("Wrong subdomain used to access tenant"))
            .mount(&auth)
            .await;
        Online { auth, node1, node2, seen, answer, issuer }
    }

    pub fn env(&self) -> Environment {
        Environment::custom(&self.auth.uri()).unwrap()
    }

    pub fn set_answer(&self, a: Answer) {
        *self.answer.lock().unwrap() = a;
    }

    pub fn valid_sign_ins(&self) -> usize {
        self.seen.valid.load(Ordering::SeqCst)
    }

    /// A state API answer placing the tenant on `node`, valid for an hour.
    pub fn state_on(node: &MockServer, state: &str, running: bool) -> Value {
        let valid_until =
            (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S").to_string() + ".1234567";
        json!({
            "ContextIdentifier": CTX,
            "Endpoint": format!("{}/{CTX}", node.uri()),
            "State": state,
            "IsRunning": running,
            "ValidUntil": valid_until,
            "Api": format!("{}/{CTX}/api", node.uri()),
        })
    }

    /// Mounts a state API answer placing the tenant on `node` (Running).
    pub async fn tenant_on(&self, node: &MockServer) {
        Mock::given(method("GET"))
            .and(path(format!("/api/state/{CTX}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(Self::state_on(node, "Running", true)))
            .mount(&self.auth)
            .await;
    }
}

/// The requests a server received for `p` (by path), with their `Authorization` headers.
pub async fn authorizations(server: &MockServer, p: &str) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == p)
        .map(|r| r.headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("").to_string())
        .collect()
}

/// The number of requests a server received for path `p`.
pub async fn hits(server: &MockServer, p: &str) -> usize {
    server.received_requests().await.unwrap_or_default().iter().filter(|r| r.url.path() == p).count()
}
