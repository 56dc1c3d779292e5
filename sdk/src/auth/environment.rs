//! [`Environment`]: which SuperOffice Online environment a tenant lives in, and the URLs of its
//! sign-in, token, key and tenant-state endpoints.
//!
//! The hosts without a number (`sod.superoffice.com`, `online.superoffice.com`) serve sign-in,
//! tokens and the tenant state API only; API calls go to the tenant's numbered host, which
//! [`crate::tenant`] finds.

use std::fmt;
use std::str::FromStr;

use url::Url;

use crate::Error;

/// A SuperOffice Online environment.
///
/// ```
/// use superoffice_webapi::auth::Environment;
///
/// assert_eq!("sod".parse::<Environment>().unwrap(), Environment::Sod);
/// // The stage environment is `qaonline` in current docs; older docs call it `stage`.
/// assert_eq!("stage".parse::<Environment>().unwrap(), Environment::QaOnline);
/// assert_eq!(Environment::Online.base_url().as_str(), "https://online.superoffice.com/");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Environment {
    /// Development: `sod.superoffice.com`.
    Sod,
    /// Stage: `qaonline.superoffice.com` (accepted as `stage` too).
    QaOnline,
    /// Production: `online.superoffice.com`.
    Online,
    /// Any other base URL (a local mock in tests, a proxy). Endpoints are resolved under it with
    /// the same paths as on the real hosts.
    Custom(Url),
}

impl Environment {
    /// An environment at any base URL (`http://127.0.0.1:8080` for a local mock).
    pub fn custom(base_url: &str) -> Result<Self, Error> {
        let mut url = Url::parse(base_url.trim())
            .map_err(|e| Error::Config(format!("environment base URL is not a URL: {e}")))?;
        if url.cannot_be_a_base() || !matches!(url.scheme(), "http" | "https") {
            return Err(Error::Config("environment base URL must be an http(s) URL".to_string()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::Config("environment base URL must not contain credentials".to_string()));
        }
        url.set_query(None);
        url.set_fragment(None);
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(Environment::Custom(url))
    }

    /// The sub-domain name (`sod`, `qaonline`, `online`), `None` for a custom URL.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Environment::Sod => Some("sod"),
            Environment::QaOnline => Some("qaonline"),
            Environment::Online => Some("online"),
            Environment::Custom(_) => None,
        }
    }

    /// The sign-in host's root, ending with `/` (`https://sod.superoffice.com/`).
    pub fn base_url(&self) -> Url {
        match self {
            Environment::Custom(url) => url.clone(),
            named => {
                let host = format!("https://{}.superoffice.com/", named.name().unwrap_or("online"));
                // A constant, valid URL: parsing cannot fail.
                Url::parse(&host).unwrap_or_else(|e| unreachable!("{host}: {e}"))
            }
        }
    }

    fn join(&self, path: &str) -> Result<Url, Error> {
        self.base_url()
            .join(path)
            .map_err(|e| Error::Config(format!("cannot build the URL `{path}` for environment {self}: {e}")))
    }

    /// `POST …/Login/api/PartnerSystemUser/Authenticate`: the system user sign-in.
    pub fn system_user_url(&self) -> Result<Url, Error> {
        self.join("Login/api/PartnerSystemUser/Authenticate")
    }

    /// `…/login/.well-known/jwks`: the keys SuperOffice signs its JWTs with.
    pub fn jwks_url(&self) -> Result<Url, Error> {
        self.join("login/.well-known/jwks")
    }

    /// `…/login/common/oauth/tokens`: the OAuth 2.0 token endpoint.
    pub fn token_url(&self) -> Result<Url, Error> {
        self.join("login/common/oauth/tokens")
    }

    /// `…/api/state/{context_identifier}`: the tenant state API.
    pub fn state_url(&self, context_identifier: &str) -> Result<Url, Error> {
        let mut url = self.join("api/state/")?;
        url.path_segments_mut()
            .map_err(|()| Error::Config(format!("environment {self} cannot have a path")))?
            .pop_if_empty()
            .push(context_identifier);
        Ok(url)
    }

    /// The `iss` of this environment's OpenID Connect id_tokens (`https://sod.superoffice.com`).
    pub fn oidc_issuer(&self) -> String {
        self.base_url().as_str().trim_end_matches('/').to_string()
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Environment::Custom(url) => f.write_str(url.as_str()),
            named => f.write_str(named.name().unwrap_or("?")),
        }
    }
}

impl FromStr for Environment {
    type Err = Error;

    /// `sod`, `qaonline` or `stage`, `online` (any case), or an `http(s)://` base URL.
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        match t.to_ascii_lowercase().as_str() {
            "sod" | "dev" | "development" => Ok(Environment::Sod),
            "qaonline" | "stage" => Ok(Environment::QaOnline),
            "online" | "production" | "prod" => Ok(Environment::Online),
            lower if lower.starts_with("http://") || lower.starts_with("https://") => Environment::custom(t),
            _ => Err(Error::Config(format!(
                "unknown SuperOffice environment `{t}`: expected sod, qaonline (or stage), online, or a base URL"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_environments_have_the_documented_urls() {
        let sod = Environment::Sod;
        assert_eq!(
            sod.system_user_url().unwrap().as_str(),
            "https://sod.superoffice.com/Login/api/PartnerSystemUser/Authenticate"
        );
        assert_eq!(sod.jwks_url().unwrap().as_str(), "https://sod.superoffice.com/login/.well-known/jwks");
        assert_eq!(sod.token_url().unwrap().as_str(), "https://sod.superoffice.com/login/common/oauth/tokens");
        assert_eq!(sod.state_url("Cust12345").unwrap().as_str(), "https://sod.superoffice.com/api/state/Cust12345");
        assert_eq!(sod.oidc_issuer(), "https://sod.superoffice.com");
        assert_eq!(Environment::QaOnline.base_url().as_str(), "https://qaonline.superoffice.com/");
    }

    #[test]
    fn names_parse_with_the_stage_alias() {
        for (text, env) in [
            ("sod", Environment::Sod),
            ("SOD", Environment::Sod),
            ("qaonline", Environment::QaOnline),
            ("stage", Environment::QaOnline),
            ("online", Environment::Online),
        ] {
            assert_eq!(text.parse::<Environment>().unwrap(), env, "{text}");
        }
        assert!("moon".parse::<Environment>().unwrap_err().to_string().contains("moon"));
    }

    #[test]
    fn custom_base_keeps_its_path() {
        let env: Environment = "http://127.0.0.1:9/mock".parse().unwrap();
        assert_eq!(env.state_url("Cust1").unwrap().as_str(), "http://127.0.0.1:9/mock/api/state/Cust1");
        assert_eq!(env.oidc_issuer(), "http://127.0.0.1:9/mock");
        assert!(Environment::custom("ftp://x").is_err());
        assert!(!Environment::custom("http://u:pw@x").unwrap_err().to_string().contains("pw"));
    }
}
