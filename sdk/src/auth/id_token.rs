//! [`IdTokenClaims`]: SuperOffice's claims of an OpenID Connect id_token (the tenant, its WebAPI
//! URL, the system user token...), read as they come from the token endpoint or checked against
//! the environment's keys first (feature `jwt`).

use std::fmt;

use crate::Error;
use crate::auth::Secret;
#[cfg(feature = "jwt")]
use crate::auth::environment::Environment;
use crate::auth::jwt::Jwt;

/// The names of SuperOffice's id_token claims.
pub mod claims {
    /// The tenant (`Cust12345`).
    pub const CTX: &str = "http://schemes.superoffice.net/identity/ctx";
    /// The REST base URL (`https://sod.superoffice.com/Cust12345/api/`).
    pub const WEBAPI_URL: &str = "http://schemes.superoffice.net/identity/webapi_url";
    /// The SOAP base URL.
    pub const NETSERVER_URL: &str = "http://schemes.superoffice.net/identity/netserver_url";
    /// The system user token of the app in this tenant.
    pub const SYSTEM_TOKEN: &str = "http://schemes.superoffice.net/identity/system_token";
    /// The tenant database serial.
    pub const SERIAL: &str = "http://schemes.superoffice.net/identity/serial";
    /// The signed-in user's associate id.
    pub const ASSOCIATE_ID: &str = "http://schemes.superoffice.net/identity/associateid";
    /// The signed-in user's email.
    pub const EMAIL: &str = "http://schemes.superoffice.net/identity/email";
    /// The signed-in user's user principal name.
    pub const UPN: &str = "http://schemes.superoffice.net/identity/upn";
    /// `"True"` or `"False"`.
    pub const IS_ADMINISTRATOR: &str = "http://schemes.superoffice.net/identity/is_administrator";
    /// The customer's company name.
    pub const COMPANY_NAME: &str = "http://schemes.superoffice.net/identity/company_name";
}

/// SuperOffice's claims of an OpenID Connect id_token. `Debug` hides the system user token.
#[derive(Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct IdTokenClaims {
    /// `iss` (`https://sod.superoffice.com`).
    pub issuer: Option<String>,
    /// `aud`, the client id (the first one when it is a list).
    pub audience: Option<String>,
    /// `exp`, seconds since the epoch.
    pub expires_at: Option<i64>,
    /// The context identifier (`Cust12345`).
    pub context_identifier: Option<String>,
    /// The WebAPI (REST) base URL, ending in `/api/`. Prefer the tenant state API's `Api` for
    /// calls: this claim may name the host without a number.
    pub webapi_url: Option<String>,
    /// The NetServer (SOAP) base URL.
    pub netserver_url: Option<String>,
    /// The system user token, for `SystemUser` (feature `system_user`).
    pub system_token: Option<Secret>,
    /// The tenant database serial.
    pub serial: Option<String>,
    /// The user's associate id.
    pub associate_id: Option<i64>,
    /// The user's email.
    pub email: Option<String>,
    /// The user's user principal name.
    pub upn: Option<String>,
    /// Whether the user is an administrator (`"True"`/`"False"` in the token).
    pub is_administrator: Option<bool>,
    /// The customer's company name.
    pub company_name: Option<String>,
}

impl IdTokenClaims {
    /// Reads the claims of `id_token` without verifying it (it came straight from the token
    /// endpoint over TLS). With the `jwt` feature, `IdTokenClaims::verified` checks it first.
    pub fn decode(id_token: &str) -> Result<Self, Error> {
        Ok(Self::from_jwt(&Jwt::decode(id_token)?))
    }

    /// Verifies `id_token` (RS256 signature against `jwks`, issuer `env.oidc_issuer()`, audience
    /// `client_id`, expiry with 60 s leeway) and reads its claims.
    #[cfg(feature = "jwt")]
    pub fn verified(
        id_token: &str,
        jwks: &crate::auth::jwt::Jwks,
        env: &Environment,
        client_id: &str,
    ) -> Result<Self, Error> {
        let jwt = Jwt::decode(id_token)?;
        jwks.verify(&jwt)?;
        let rules = crate::auth::jwt::Validation::new(env.oidc_issuer(), client_id).for_flow("OpenID Connect");
        jwt.validate_claims(&rules, std::time::SystemTime::now())?;
        Ok(Self::from_jwt(&jwt))
    }

    fn from_jwt(jwt: &Jwt) -> Self {
        let audience = match jwt.claim("aud") {
            Some(serde_json::Value::Array(list)) => list.first().and_then(|v| v.as_str()).map(str::to_string),
            _ => jwt.claim_str("aud"),
        };
        IdTokenClaims {
            issuer: jwt.claim_str("iss"),
            audience,
            expires_at: jwt.claim_seconds("exp"),
            context_identifier: jwt.claim_str(claims::CTX),
            webapi_url: jwt.claim_str(claims::WEBAPI_URL),
            netserver_url: jwt.claim_str(claims::NETSERVER_URL),
            system_token: jwt.claim_str(claims::SYSTEM_TOKEN).map(Secret::new),
            serial: jwt.claim_str(claims::SERIAL),
            associate_id: jwt.claim_str(claims::ASSOCIATE_ID).and_then(|s| s.trim().parse().ok()),
            email: jwt.claim_str(claims::EMAIL),
            upn: jwt.claim_str(claims::UPN),
            is_administrator: jwt.claim_str(claims::IS_ADMINISTRATOR).map(|s| s.trim().eq_ignore_ascii_case("true")),
            company_name: jwt.claim_str(claims::COMPANY_NAME),
        }
    }
}

impl fmt::Debug for IdTokenClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdTokenClaims")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("expires_at", &self.expires_at)
            .field("context_identifier", &self.context_identifier)
            .field("webapi_url", &self.webapi_url)
            .field("netserver_url", &self.netserver_url)
            .field("system_token", &self.system_token)
            .field("serial", &self.serial)
            .field("associate_id", &self.associate_id)
            .field("email", &self.email)
            .field("upn", &self.upn)
            .field("is_administrator", &self.is_administrator)
            .field("company_name", &self.company_name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn id_token_claims_are_readable() {
        let enc = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let token = format!(
            "{}.{}.c2ln",
            enc(serde_json::json!({"alg": "RS256"})),
            enc(serde_json::json!({
                "iss": "https://sod.superoffice.com",
                "aud": "client-1",
                "exp": 1700000000,
                claims::CTX: "Cust26759",
                claims::WEBAPI_URL: "https://sod.superoffice.com/Cust26759/api/",
                claims::SYSTEM_TOKEN: "MyApp-s3cret",
                claims::ASSOCIATE_ID: "5",
                claims::IS_ADMINISTRATOR: "True",
            }))
        );
        let c = IdTokenClaims::decode(&token).unwrap();
        assert_eq!(c.context_identifier.as_deref(), Some("Cust26759"));
        assert_eq!(c.webapi_url.as_deref(), Some("https://sod.superoffice.com/Cust26759/api/"));
        assert_eq!(c.system_token.as_ref().map(Secret::expose), Some("MyApp-s3cret"));
        assert_eq!(c.associate_id, Some(5));
        assert_eq!(c.is_administrator, Some(true));
        assert_eq!(c.audience.as_deref(), Some("client-1"));
        assert!(!format!("{c:?}").contains("s3cret"));
    }
}
