//! What keeps a pager safe from a server that misbehaves: every page is addressed relative to
//! the tenant's *current* base URL (so an Online client pages on its numbered host, and a page
//! re-sent after a `421` goes to the tenant's new host), `odata.nextLink` is followed only on
//! that origin, links already visited are an error (a cycle `A -> B -> A`), and the number of
//! pages and rows is capped ([`PagingLimits`]).

use std::collections::HashSet;
use std::fmt;

use url::Url;

/// Default [`PagingLimits::max_pages`]: 10,000 pages (10 million rows at the default page size).
pub const DEFAULT_MAX_PAGES: u32 = 10_000;
/// Default [`PagingLimits::max_rows`]: 1,000,000 rows.
pub const DEFAULT_MAX_ROWS: u64 = 1_000_000;

/// How far a pager reads before it gives up with [`Error::Paging`](crate::Error::Paging): a
/// server whose links never end, or a list far longer than expected, cannot make a pager (or
/// [`Rows::collect_all`](crate::paging::Rows::collect_all)) run or grow without bound.
///
/// ```
/// use superoffice_webapi::paging::PagingLimits;
///
/// let limits = PagingLimits::default().with_max_pages(50).with_max_rows(20_000);
/// assert_eq!((limits.max_pages, limits.max_rows), (50, 20_000));
/// assert_eq!(PagingLimits::default().max_rows, superoffice_webapi::paging::DEFAULT_MAX_ROWS);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PagingLimits {
    /// The most pages read ([`DEFAULT_MAX_PAGES`]); asking for one more is an error.
    pub max_pages: u32,
    /// The most rows read ([`DEFAULT_MAX_ROWS`]); a page that would pass it is an error.
    pub max_rows: u64,
}

impl Default for PagingLimits {
    fn default() -> Self {
        PagingLimits { max_pages: DEFAULT_MAX_PAGES, max_rows: DEFAULT_MAX_ROWS }
    }
}

impl PagingLimits {
    /// Sets [`max_pages`](Self::max_pages).
    #[must_use]
    pub fn with_max_pages(mut self, pages: u32) -> Self {
        self.max_pages = pages;
        self
    }

    /// Sets [`max_rows`](Self::max_rows).
    #[must_use]
    pub fn with_max_rows(mut self, rows: u64) -> Self {
        self.max_rows = rows;
        self
    }
}

/// Why a pager stopped with [`Error::Paging`](crate::Error::Paging).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingError {
    /// `odata.nextLink` leads back to a page already read (`A -> B -> A`).
    LinkCycle,
    /// The list has more pages than [`PagingLimits::max_pages`].
    TooManyPages {
        /// The limit.
        limit: u32,
    },
    /// The list has more rows than [`PagingLimits::max_rows`].
    TooManyRows {
        /// The limit.
        limit: u64,
    },
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PagingError::LinkCycle => f.write_str("odata.nextLink leads back to a page already read"),
            PagingError::TooManyPages { limit } => write!(f, "more than {limit} pages (PagingLimits::max_pages)"),
            PagingError::TooManyRows { limit } => write!(f, "more than {limit} rows (PagingLimits::max_rows)"),
        }
    }
}

/// Where a page is, relative to the tenant base URL: the path below the base and the query.
/// Built on whatever base is current when the page is (re-)sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageTarget {
    /// The path after the base's path (which ends with `/`), percent-encoded as received.
    path: String,
    query: Option<String>,
}

impl PageTarget {
    /// `url` relative to `base`, when it is on `base`'s origin (scheme, host, port), under its
    /// path and without user info; else `None`.
    pub(crate) fn of(url: &Url, base: &Url) -> Option<Self> {
        if url.origin() != base.origin() || !url.username().is_empty() || url.password().is_some() {
            return None;
        }
        let path = url.path().strip_prefix(base.path())?;
        Some(PageTarget { path: path.to_string(), query: url.query().map(str::to_string) })
    }

    /// The page's URL on `base` (the tenant's current base URL, ending with `/`). Always on
    /// `base`'s origin and under its path, whatever the target holds.
    pub(crate) fn url_on(&self, base: &Url) -> Url {
        let mut url = base.clone();
        url.set_path(&format!("{}{}", base.path(), self.path));
        url.set_query(self.query.as_deref());
        url.set_fragment(None);
        url
    }
}

/// What to do with a page's `odata.nextLink`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkDecision {
    /// Fetch it next.
    Follow(PageTarget),
    /// It is the page just read (the list ends).
    SamePage,
    /// It leads back to an earlier page.
    Cycle,
    /// It is not a URL on the tenant's current origin and base path: never sent credentials.
    Foreign,
}

/// The state of one pager: pages and rows read, and every page visited.
#[derive(Debug)]
pub(crate) struct PageGuard {
    limits: PagingLimits,
    pages: u32,
    rows: u64,
    /// At most `max_pages` entries.
    visited: HashSet<PageTarget>,
}

impl PageGuard {
    pub(crate) fn new(limits: PagingLimits) -> Self {
        PageGuard { limits, pages: 0, rows: 0, visited: HashSet::new() }
    }

    /// Called before a page is requested: refuses when `max_pages` pages were read.
    pub(crate) fn before_page(&self) -> Result<(), PagingError> {
        if self.pages >= self.limits.max_pages {
            return Err(PagingError::TooManyPages { limit: self.limits.max_pages });
        }
        Ok(())
    }

    /// Called when a page of `rows` rows arrived from `url` (on tenant base `base`): counts it,
    /// remembers it, and refuses when the rows pass `max_rows`.
    pub(crate) fn page_read(&mut self, url: &Url, base: &Url, rows: usize) -> Result<(), PagingError> {
        self.pages = self.pages.saturating_add(1);
        self.rows = self.rows.saturating_add(u64::try_from(rows).unwrap_or(u64::MAX));
        if self.rows > self.limits.max_rows {
            return Err(PagingError::TooManyRows { limit: self.limits.max_rows });
        }
        if let Some(target) = PageTarget::of(url, base) {
            self.visited.insert(target);
        }
        Ok(())
    }

    /// Where `link` (a page's `odata.nextLink`, absolute or relative to `page_url`) leads, checked
    /// against `base`, the tenant's current base URL.
    pub(crate) fn next_link(&self, link: &str, page_url: &Url, base: &Url) -> LinkDecision {
        let Ok(next) = page_url.join(link.trim()) else {
            return LinkDecision::Foreign;
        };
        let Some(target) = PageTarget::of(&next, base) else {
            return LinkDecision::Foreign;
        };
        if PageTarget::of(page_url, base).as_ref() == Some(&target) {
            return LinkDecision::SamePage;
        }
        if self.visited.contains(&target) {
            return LinkDecision::Cycle;
        }
        LinkDecision::Follow(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn links_are_checked_against_the_current_tenant_base() {
        let base = url("https://online3.superoffice.com/Cust1/");
        let page = url("https://online3.superoffice.com/Cust1/api/v1/Contact?$top=2&$skip=0");
        let mut g = PageGuard::new(PagingLimits::default());
        g.page_read(&page, &base, 2).unwrap();
        let follow = |g: &PageGuard, link: &str| g.next_link(link, &page, &base);
        let LinkDecision::Follow(t) = follow(&g, "Contact?$top=2&$skip=2") else { panic!() };
        assert_eq!(
            t.url_on(&url("https://online4.superoffice.com/Cust1/")).as_str(),
            "https://online4.superoffice.com/Cust1/api/v1/Contact?$top=2&$skip=2",
            "rebuilt on the tenant's new host"
        );
        for foreign in [
            "https://online.superoffice.com/Cust1/api/v1/Contact?$skip=2",
            "http://online3.superoffice.com/Cust1/api/v1/Contact?$skip=2",
            "https://online3.superoffice.com:444/Cust1/api/v1/Contact?$skip=2",
            "https://online3.superoffice.com/Cust2/api/v1/Contact?$skip=2",
            "//evil.example/Cust1/api",
            "https://u:p@online3.superoffice.com/Cust1/api/v1/Contact",
        ] {
            assert_eq!(follow(&g, foreign), LinkDecision::Foreign, "{foreign}");
        }
        assert_eq!(follow(&g, page.as_str()), LinkDecision::SamePage);
    }

    #[test]
    fn cycles_and_caps_are_refused() {
        let base = url("http://127.0.0.1:1/Cust1/");
        let a = url("http://127.0.0.1:1/Cust1/api/v1/Contact?p=a");
        let b = url("http://127.0.0.1:1/Cust1/api/v1/Contact?p=b");
        let mut g = PageGuard::new(PagingLimits::default().with_max_pages(3).with_max_rows(5));
        g.page_read(&a, &base, 2).unwrap();
        assert!(matches!(g.next_link("?p=b", &a, &base), LinkDecision::Follow(_)));
        g.page_read(&b, &base, 2).unwrap();
        assert_eq!(g.next_link("?p=a", &b, &base), LinkDecision::Cycle);
        g.before_page().unwrap();
        assert_eq!(
            g.page_read(&url("http://127.0.0.1:1/Cust1/x"), &base, 2),
            Err(PagingError::TooManyRows { limit: 5 })
        );
        assert_eq!(g.before_page(), Err(PagingError::TooManyPages { limit: 3 }));
    }
}
