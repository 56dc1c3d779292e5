//! Entry points for the cargo-fuzz targets in `fuzz/` (feature `fuzzing`; not a public API):
//! each feeds bytes a server controls to the code that reads them. None may panic.

use crate::auth::Environment;
use crate::paging::Page;
use crate::paging::guard::{PageGuard, PagingLimits};
use crate::tenant::TenantState;

/// A token endpoint's answer with `status`: checked, `expires_in` read.
pub fn token_answer(status: u16, body: &[u8]) {
    let status = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    if let Ok(answer) = crate::auth::oauth::parse_token_answer(status, body, &["fuzz-secret"]) {
        assert!(answer.expires_in.is_none_or(|d| d <= crate::auth::oauth::MAX_EXPIRES_IN));
    }
}

/// A tenant state answer: parsed, and its URL checked for a named and a custom environment.
pub fn state_answer(body: &[u8]) {
    let Ok(state) = TenantState::from_json(body, "Cust12345") else { return };
    let _ = state.running();
    if let Ok(url) = state.tenant_url() {
        assert_eq!(url.scheme(), "https");
        assert!(url.host_str().is_some_and(|h| h.ends_with(".superoffice.com")));
    }
    let _ = state.require_running();
    if let Ok(env) = Environment::custom("http://127.0.0.1:9") {
        let _ = state.clone().in_environment(env).tenant_url();
    }
}

/// A JWKS document.
#[cfg(feature = "jwt")]
pub fn jwks(body: &[u8]) {
    if let Ok(set) = crate::auth::jwt::Jwks::from_json(body) {
        let _ = set.has_key(Some("k"));
    }
}

/// An OData page: decoded, and its `odata.nextLink` checked as the pager does.
pub fn odata_page(body: &[u8]) {
    let Ok(page) = Page::decode("fuzz", body) else { return };
    for row in page.rows() {
        let _ = row.primary_key();
    }
    let (Ok(base), Ok(url)) = (
        url::Url::parse("https://online3.superoffice.com/Cust1/"),
        url::Url::parse("https://online3.superoffice.com/Cust1/api/v1/Contact?$top=2&$skip=0"),
    ) else {
        return;
    };
    let mut guard = PageGuard::new(PagingLimits::default());
    let _ = guard.page_read(&url, &base, page.len());
    if let Some(link) = page.next_link() {
        if let crate::paging::guard::LinkDecision::Follow(target) = guard.next_link(link, &url, &base) {
            let next = target.url_on(&base);
            assert_eq!(next.origin(), base.origin());
            assert!(next.path().starts_with(base.path()));
        }
    }
}

/// A webhook body (already verified): decoded.
#[cfg(feature = "webhooks")]
pub fn webhook_body(body: &[u8]) {
    let _ = crate::webhooks::WebhookEvent::from_json(body);
}
