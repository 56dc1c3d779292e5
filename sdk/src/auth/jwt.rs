//! JSON Web Tokens as SuperOffice issues them: decoding (always available) and, with the `jwt`
//! feature, RS256 signature checks against the environment's published keys (JWKS) plus the
//! issuer, audience and expiry checks.
//!
//! Errors name the check that failed and the claim's name, never the token or a secret claim.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use serde_json::{Map, Value};

use crate::Error;

/// A decoded (not yet verified) JWT. `Debug` shows the algorithm, key id and claim names only.
#[derive(Clone)]
pub struct Jwt {
    alg: String,
    kid: Option<String>,
    claims: Map<String, Value>,
    #[cfg_attr(not(feature = "jwt"), allow(dead_code))]
    signing_input: String,
    #[cfg_attr(not(feature = "jwt"), allow(dead_code))]
    signature: Vec<u8>,
}

fn jwt_error(flow: &'static str, what: impl Into<String>) -> Error {
    Error::SignIn { flow, message: what.into() }
}

impl Jwt {
    /// Splits and decodes `header.payload.signature` (base64url, with or without padding).
    /// Verifies nothing: see `Jwks::verify` (feature `jwt`).
    pub fn decode(token: &str) -> Result<Self, Error> {
        let bad = |what: &str| jwt_error("JWT", format!("the token is not a JWT: {what}"));
        let mut parts = token.trim().split('.');
        let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(bad("expected three dot-separated parts"));
        };
        let header: Map<String, Value> =
            serde_json::from_slice(&b64url(h).map_err(|()| bad("the header is not base64url"))?)
                .map_err(|_| bad("the header is not a JSON object"))?;
        let claims: Map<String, Value> =
            serde_json::from_slice(&b64url(p).map_err(|()| bad("the payload is not base64url"))?)
                .map_err(|_| bad("the payload is not a JSON object"))?;
        let signature = b64url(s).map_err(|()| bad("the signature is not base64url"))?;
        let alg = header.get("alg").and_then(Value::as_str).unwrap_or("").to_string();
        let kid = header.get("kid").and_then(Value::as_str).map(str::to_string);
        Ok(Jwt { alg, kid, claims, signing_input: format!("{h}.{p}"), signature })
    }

    /// The `alg` header (`RS256`).
    pub fn algorithm(&self) -> &str {
        &self.alg
    }

    /// The `kid` header: which published key signed the token.
    pub fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// A claim by its full name (`http://schemes.superoffice.net/identity/ctx`).
    pub fn claim(&self, name: &str) -> Option<&Value> {
        self.claims.get(name)
    }

    /// A claim as text: a JSON string, or a number or boolean written as text.
    pub fn claim_str(&self, name: &str) -> Option<String> {
        match self.claims.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A NumericDate claim (`exp`, `nbf`, `iat`) as seconds since the epoch; SuperOffice's
    /// samples send some as numbers and some as strings, both are read.
    pub fn claim_seconds(&self, name: &str) -> Option<i64> {
        match self.claims.get(name)? {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Value::String(s) => s.trim().parse::<f64>().ok().map(|f| f as i64),
            _ => None,
        }
    }

    /// The names of all claims.
    pub fn claim_names(&self) -> impl Iterator<Item = &str> {
        self.claims.keys().map(String::as_str)
    }

    /// Checks issuer, audience, expiry and not-before against `rules` at time `now`.
    pub fn validate_claims(&self, rules: &Validation, now: SystemTime) -> Result<(), Error> {
        let flow = rules.flow;
        // Saturating everywhere: `exp`, `nbf` and the leeway may be anything a server sends.
        let now = now.duration_since(UNIX_EPOCH).map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)).unwrap_or(0);
        let leeway = i64::try_from(rules.leeway.as_secs()).unwrap_or(i64::MAX);
        let iss = self.claim_str("iss").ok_or_else(|| jwt_error(flow, "the token has no `iss` claim"))?;
        if iss != rules.issuer {
            return Err(jwt_error(flow, format!("the token's issuer `{iss}` is not `{}`", rules.issuer)));
        }
        let aud_ok = match self.claims.get("aud") {
            Some(Value::String(a)) => *a == rules.audience,
            Some(Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(rules.audience.as_str())),
            _ => false,
        };
        if !aud_ok {
            return Err(jwt_error(flow, format!("the token's audience is not `{}`", rules.audience)));
        }
        let exp = self.claim_seconds("exp").ok_or_else(|| jwt_error(flow, "the token has no `exp` claim"))?;
        if now > exp.saturating_add(leeway) {
            return Err(jwt_error(flow, format!("the token expired {} s ago", now.saturating_sub(exp))));
        }
        if let Some(nbf) = self.claim_seconds("nbf") {
            if now.saturating_add(leeway) < nbf {
                return Err(jwt_error(
                    flow,
                    format!("the token is not valid for another {} s", nbf.saturating_sub(now)),
                ));
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Jwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jwt")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .field("claims", &self.claims.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// What a token must say to be accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Validation {
    /// The required `iss`.
    pub issuer: String,
    /// The required `aud` (or one of them, when `aud` is a list).
    pub audience: String,
    /// Clock skew tolerated on `exp` and `nbf`. Default 60 s.
    pub leeway: Duration,
    /// The flow named in errors (`system user`, `OpenID Connect`).
    pub flow: &'static str,
}

impl Validation {
    /// Rules for `issuer` and `audience`, with 60 s leeway.
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>) -> Self {
        Validation { issuer: issuer.into(), audience: audience.into(), leeway: Duration::from_secs(60), flow: "JWT" }
    }

    /// Sets [`leeway`](Self::leeway).
    #[must_use]
    pub fn with_leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// Sets [`flow`](Self::flow), the name errors use.
    #[must_use]
    pub fn for_flow(mut self, flow: &'static str) -> Self {
        self.flow = flow;
        self
    }
}

/// Decodes base64url with or without padding.
pub(crate) fn b64url(text: &str) -> Result<Vec<u8>, ()> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).map_err(|_| ())
}

#[cfg(feature = "jwt")]
pub use keys::Jwks;
#[cfg(feature = "system_user")]
pub(crate) use keys::JwksCache;

#[cfg(feature = "jwt")]
mod keys {
    use rsa::pkcs1::DecodeRsaPublicKey;
    use rsa::sha2::{Digest, Sha256};
    use rsa::{Pkcs1v15Sign, PublicKey as RsaPublicKey};
    use serde::Deserialize;

    use super::{Jwt, b64url, jwt_error};
    use crate::Error;
    use crate::auth::der::{der_integer, der_tlv};

    /// A JSON Web Key Set: the RSA public keys an issuer signs with
    /// (`https://{env}.superoffice.com/login/.well-known/jwks`).
    #[derive(Debug, Clone)]
    pub struct Jwks {
        keys: Vec<Key>,
    }

    #[derive(Debug, Clone)]
    struct Key {
        kid: Option<String>,
        public: RsaPublicKey,
    }

    #[derive(Deserialize)]
    struct RawSet {
        keys: Vec<RawKey>,
    }

    #[derive(Deserialize)]
    struct RawKey {
        kty: Option<String>,
        kid: Option<String>,
        #[serde(rename = "use")]
        usage: Option<String>,
        n: Option<String>,
        e: Option<String>,
    }

    impl Jwks {
        /// Parses a JWKS document. RSA signing keys are kept; other keys are skipped.
        pub fn from_json(json: &[u8]) -> Result<Self, Error> {
            let raw: RawSet = serde_json::from_slice(json).map_err(|e| {
                jwt_error(
                    "JWKS",
                    format!("the key set is not a JWKS document: {}", crate::error::value_free_message(&e)),
                )
            })?;
            let mut keys = Vec::new();
            for k in raw.keys {
                if k.kty.as_deref() != Some("RSA") || k.usage.as_deref().is_some_and(|u| u != "sig") {
                    continue;
                }
                let name = k.kid.clone().unwrap_or_else(|| "(no kid)".to_string());
                let bad = |what: &str| jwt_error("JWKS", format!("key `{name}`: {what}"));
                let n = b64url(k.n.as_deref().unwrap_or("")).map_err(|()| bad("`n` is not base64url"))?;
                let e = b64url(k.e.as_deref().unwrap_or("")).map_err(|()| bad("`e` is not base64url"))?;
                let mut body = Vec::new();
                der_integer(&mut body, &n);
                der_integer(&mut body, &e);
                let mut der = Vec::new();
                der_tlv(&mut der, 0x30, &body);
                let public =
                    RsaPublicKey::from_pkcs1_der(&der).map_err(|e| bad(&format!("not a usable RSA key ({e})")))?;
                keys.push(Key { kid: k.kid, public });
            }
            Ok(Jwks { keys })
        }

        /// How many RSA keys the set holds.
        pub fn len(&self) -> usize {
            self.keys.len()
        }

        /// Whether the set holds no RSA key.
        pub fn is_empty(&self) -> bool {
            self.keys.is_empty()
        }

        /// Whether a key with this `kid` is in the set (a token without `kid` matches any key).
        pub fn has_key(&self, kid: Option<&str>) -> bool {
            kid.is_none() || self.keys.iter().any(|k| k.kid.as_deref() == kid)
        }

        /// Checks that `jwt` is RS256 and signed by one of the keys (the one named by its `kid`,
        /// or any key when it names none).
        pub fn verify(&self, jwt: &Jwt) -> Result<(), Error> {
            if jwt.alg != "RS256" {
                return Err(jwt_error("JWT", format!("the token's algorithm `{}` is not RS256", jwt.alg)));
            }
            let digest = Sha256::digest(jwt.signing_input.as_bytes());
            let candidates: Vec<&Key> = match &jwt.kid {
                Some(kid) => self.keys.iter().filter(|k| k.kid.as_deref() == Some(kid.as_str())).collect(),
                None => self.keys.iter().collect(),
            };
            if candidates.is_empty() {
                return Err(jwt_error(
                    "JWT",
                    format!("no published key has the token's key id `{}`", jwt.kid.as_deref().unwrap_or("")),
                ));
            }
            let ok = candidates
                .iter()
                .any(|k| k.public.verify(Pkcs1v15Sign::new::<Sha256>(), &digest, &jwt.signature).is_ok());
            if ok { Ok(()) } else { Err(jwt_error("JWT", "the token's signature does not match the published key")) }
        }
    }

    /// How long a fetched JWKS is used before it is fetched again: an hour.
    #[cfg(feature = "system_user")]
    pub(crate) const JWKS_TTL: std::time::Duration = std::time::Duration::from_secs(3600);
    /// The shortest time between two fetches caused by a token naming a key the set does not
    /// hold: tokens with made-up key ids cannot make the SDK fetch the JWKS on every sign-in.
    #[cfg(feature = "system_user")]
    pub(crate) const JWKS_MIN_REFETCH: std::time::Duration = std::time::Duration::from_secs(60);

    /// A JWKS fetched on first use, again after [`JWKS_TTL`], and when a token names a key it
    /// does not hold (keys rotate) — then at most once per [`JWKS_MIN_REFETCH`].
    #[cfg(feature = "system_user")]
    #[derive(Debug)]
    pub(crate) struct JwksCache {
        url: url::Url,
        keys: tokio::sync::Mutex<Option<Fetched>>,
    }

    #[cfg(feature = "system_user")]
    #[derive(Debug)]
    struct Fetched {
        set: Jwks,
        at: std::time::Instant,
        /// When a token with an unknown key id last caused a fetch.
        unknown_kid_at: Option<std::time::Instant>,
    }

    /// Whether a cached JWKS is fetched again.
    #[cfg(feature = "system_user")]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Fetch {
        /// Use the cached set.
        No,
        /// None cached, or older than [`JWKS_TTL`].
        Yes,
        /// The token names a key the set lacks (keys rotate).
        ForUnknownKey,
    }

    /// The decision for a set fetched `age` ago, holding the token's key or not, whose last
    /// fetch for an unknown key id was `since_unknown` ago.
    #[cfg(feature = "system_user")]
    pub(crate) fn fetch_plan(
        age: std::time::Duration,
        has_key: bool,
        since_unknown: Option<std::time::Duration>,
    ) -> Fetch {
        if age >= JWKS_TTL {
            Fetch::Yes
        } else if !has_key && since_unknown.is_none_or(|d| d >= JWKS_MIN_REFETCH) {
            Fetch::ForUnknownKey
        } else {
            Fetch::No
        }
    }

    #[cfg(feature = "system_user")]
    impl JwksCache {
        pub(crate) fn new(url: url::Url) -> Self {
            JwksCache { url, keys: tokio::sync::Mutex::new(None) }
        }

        pub(crate) async fn verify(&self, http: &reqwest::Client, jwt: &Jwt) -> Result<(), Error> {
            let mut keys = self.keys.lock().await;
            let fetch = match keys.as_ref() {
                None => Fetch::Yes,
                Some(f) => {
                    fetch_plan(f.at.elapsed(), f.set.has_key(jwt.key_id()), f.unknown_kid_at.map(|at| at.elapsed()))
                }
            };
            if fetch != Fetch::No {
                let set = self.fetch(http).await?;
                let now = std::time::Instant::now();
                let unknown_kid_at = match fetch {
                    Fetch::ForUnknownKey => Some(now),
                    _ => keys.as_ref().and_then(|f| f.unknown_kid_at),
                };
                *keys = Some(Fetched { set, at: now, unknown_kid_at });
            }
            match keys.as_ref() {
                Some(f) => f.set.verify(jwt),
                None => Err(jwt_error("JWKS", "no key set")),
            }
        }

        async fn fetch(&self, http: &reqwest::Client) -> Result<Jwks, Error> {
            Jwks::fetch_from(http, self.url.clone()).await
        }
    }

    impl Jwks {
        /// Fetches the JWKS of `env` (`https://{env}.superoffice.com/login/.well-known/jwks`),
        /// for example to verify id_tokens with
        /// [`IdTokenClaims::verified`](crate::auth::IdTokenClaims::verified).
        pub async fn fetch(env: &crate::auth::Environment) -> Result<Jwks, Error> {
            Self::fetch_from(&crate::auth::default_http()?, env.jwks_url()?).await
        }

        /// Fetches a JWKS document from `url` with `http`.
        pub async fn fetch_from(http: &reqwest::Client, url: url::Url) -> Result<Jwks, Error> {
            const OP: &str = "JWKS_Get";
            let resp = http
                .get(url)
                .header(http::header::ACCEPT, "application/json")
                .send()
                .await
                .map_err(|e| crate::net::transport_error(OP, e))?;
            let status = resp.status();
            let headers = resp.headers().clone();
            let body = crate::net::read_limited(resp, crate::net::MAX_AUTH_RESPONSE_SIZE, OP).await?;
            if !status.is_success() {
                return Err(crate::HttpError::new(OP, status, headers, &body).into());
            }
            Jwks::from_json(&body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(claims: Value) -> String {
        let enc = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        format!("{}.{}.c2ln", enc(&serde_json::json!({"alg": "RS256", "kid": "k1"})), enc(&claims))
    }

    #[test]
    fn claims_decode_with_string_or_number_dates() {
        let jwt =
            Jwt::decode(&token(serde_json::json!({"iss": "SuperOffice AS", "exp": "1700000000", "nbf": 1699990000})))
                .unwrap();
        assert_eq!(jwt.algorithm(), "RS256");
        assert_eq!(jwt.key_id(), Some("k1"));
        assert_eq!(jwt.claim_seconds("exp"), Some(1_700_000_000));
        assert_eq!(jwt.claim_seconds("nbf"), Some(1_699_990_000));
        assert_eq!(jwt.claim_str("iss").as_deref(), Some("SuperOffice AS"));
    }

    #[test]
    fn validation_checks_issuer_audience_and_time() {
        let at = |s: u64| UNIX_EPOCH + Duration::from_secs(s);
        let rules = Validation::new("SuperOffice AS", "spn:abc").with_leeway(Duration::from_secs(10));
        let jwt = Jwt::decode(&token(
            serde_json::json!({"iss": "SuperOffice AS", "aud": "spn:abc", "exp": 1000, "nbf": 500}),
        ))
        .unwrap();
        jwt.validate_claims(&rules, at(900)).unwrap();
        jwt.validate_claims(&rules, at(1005)).unwrap();
        assert!(jwt.validate_claims(&rules, at(1011)).unwrap_err().to_string().contains("expired 11 s ago"));
        assert!(jwt.validate_claims(&rules, at(400)).unwrap_err().to_string().contains("not valid for another"));
        let other = Validation::new("SuperOffice AS", "spn:xyz");
        assert!(jwt.validate_claims(&other, at(900)).unwrap_err().to_string().contains("audience"));
        let list = Jwt::decode(&token(serde_json::json!({"iss": "x", "aud": ["a", "spn:abc"], "exp": 1000}))).unwrap();
        assert!(list.validate_claims(&rules, at(900)).unwrap_err().to_string().contains("issuer `x`"));
        list.validate_claims(&Validation::new("x", "spn:abc"), at(900)).unwrap();
    }

    #[cfg(feature = "system_user")]
    #[test]
    fn the_jwks_expires_and_unknown_key_ids_refetch_at_most_once_a_minute() {
        use super::keys::{Fetch, JWKS_MIN_REFETCH, JWKS_TTL, fetch_plan};
        let s = Duration::from_secs;
        assert_eq!(fetch_plan(s(10), true, None), Fetch::No);
        assert_eq!(fetch_plan(JWKS_TTL, true, None), Fetch::Yes, "expired");
        assert_eq!(
            fetch_plan(s(10), false, None),
            Fetch::ForUnknownKey,
            "keys rotate: the first unknown key id refetches"
        );
        assert_eq!(fetch_plan(s(10), false, Some(s(5))), Fetch::No, "made-up key ids do not refetch every time");
        assert_eq!(fetch_plan(s(10), false, Some(JWKS_MIN_REFETCH)), Fetch::ForUnknownKey);
    }

    #[test]
    fn not_a_jwt_is_an_error_without_the_token() {
        for bad in ["", "a.b", "a.b.c.d", "!!.e30.e30", "e30.!!.e30"] {
            let e = Jwt::decode(bad).unwrap_err().to_string();
            assert!(e.contains("not a JWT"), "{e}");
        }
    }
}
