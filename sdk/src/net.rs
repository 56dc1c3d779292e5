//! The HTTP and URL rules every request of the SDK follows, for the API transport, sign-in and
//! tenant discovery alike: no redirects, one base-URL form, transport errors without URLs, and
//! response bodies read with a size cap. A leaf: it uses nothing of the client, auth or tenant
//! modules, which all use it.

use url::Url;

use crate::Error;

/// The largest sign-in, token, JWKS or tenant-state answer read: 1 MiB. Real answers are a few
/// kilobytes; anything larger fails with [`Error::ResponseTooLarge`].
pub const MAX_AUTH_RESPONSE_SIZE: usize = 1024 * 1024;

/// Reads the whole body of `resp`, counting the (decompressed) bytes as they arrive, and fails
/// with [`Error::ResponseTooLarge`] as soon as it would exceed `limit` (or before reading, when
/// `Content-Length` already says so). At most `limit` bytes are ever held.
pub(crate) async fn read_limited(
    mut resp: reqwest::Response,
    limit: usize,
    operation: &'static str,
) -> Result<bytes::Bytes, Error> {
    let too_large = || Error::ResponseTooLarge { operation, limit };
    if resp.content_length().is_some_and(|n| usize::try_from(n).map_or(true, |n| n > limit)) {
        return Err(too_large());
    }
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| transport_error(operation, e))? {
        if chunk.len() > limit.saturating_sub(buf.len()) {
            return Err(too_large());
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// A reqwest error from a sign-in or discovery request, without its URL.
pub(crate) fn transport_error(operation: &'static str, e: reqwest::Error) -> Error {
    if e.is_timeout() {
        // A connect timeout sent nothing; a response timeout may have reached the server.
        return Error::Transport { operation, message: "timed out".to_string(), connect: e.is_connect() };
    }
    let connect = e.is_connect();
    let e = e.without_url();
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Transport { operation, message, connect }
}

/// The redirect policy of every HTTP client the SDK builds: follow none.
///
/// Every request the SDK sends carries a secret (`Authorization`, `X-XSRF-TOKEN`, `SO-AppToken`,
/// or a sign-in body with the client secret and tokens). reqwest's default policy drops only
/// `Authorization` and cookies on a cross-host redirect, replays bodies on 307/308 and follows
/// https -> http, so no redirect is followed at all: a `3xx` is returned to the caller as
/// [`Error::Http`] with its `Location` header, and nothing is sent to the new location. The
/// WebAPI, the state API and the sign-in endpoints document no redirect.
pub(crate) fn no_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::none()
}

/// `https://host/Cust1`, `https://host/Cust1/` and `https://host/Cust1/api/v1` all become
/// `https://host/Cust1/`.
pub(crate) fn normalize_base_url(raw: &str) -> Result<Url, Error> {
    let mut url = Url::parse(raw.trim()).map_err(|e| Error::Config(format!("base URL is not a URL: {e}")))?;
    if url.cannot_be_a_base() || !matches!(url.scheme(), "http" | "https") {
        return Err(Error::Config("base URL must be an http(s) URL".to_string()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config("base URL must not contain credentials: use `Auth`".to_string()));
    }
    url.set_query(None);
    url.set_fragment(None);
    let mut path = url.path().trim_end_matches('/').to_string();
    for suffix in ["/api/v1", "/api"] {
        if let Some(stripped) = path.strip_suffix(suffix) {
            path = stripped.to_string();
        }
    }
    path.push('/');
    url.set_path(&path);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_urls_normalize() {
        for raw in [
            "https://sod.superoffice.com/Cust12345",
            "https://sod.superoffice.com/Cust12345/",
            "https://sod.superoffice.com/Cust12345/api/v1",
            "https://sod.superoffice.com/Cust12345/api/v1/",
        ] {
            assert_eq!(normalize_base_url(raw).unwrap().as_str(), "https://sod.superoffice.com/Cust12345/", "{raw}");
        }
        assert_eq!(normalize_base_url("http://127.0.0.1:8080").unwrap().as_str(), "http://127.0.0.1:8080/");
        assert!(normalize_base_url("not a url").is_err());
        assert!(normalize_base_url("ftp://x/y").is_err());
        let err = normalize_base_url("https://user:pw@host/Cust1").unwrap_err().to_string();
        assert!(!err.contains("pw"), "{err}");
    }
}
