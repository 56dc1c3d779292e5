//! Paging through OData lists (`GET /api/v1/<Entity>` and the other archive searches) as a
//! [`Stream`] of [`Page`]s or of [`Row`]s.
//!
//! Every request of a list operation ([`ODataList`]) has [`pages`](crate::Request::pages) and
//! [`rows`](crate::Request::rows). The pager sends the request with `$top` set to the page size
//! ([`page_size`](crate::Request::page_size), default [`DEFAULT_PAGE_SIZE`]) and then:
//!
//! - when a page carries a non-empty `odata.nextLink` on the tenant's current scheme, host and
//!   port, under the tenant's path, it fetches that page next (a relative link is resolved
//!   against the page's URL), and stops at the first page without one;
//! - otherwise it advances `$skip` by `$top` (starting from the request's `$skip`, or 0) and
//!   stops after a page with fewer than `$top` rows;
//! - it always stops after an empty page, and after the first error (which it yields).
//!
//! Every page is sent to the tenant's *current* base URL: for a client built with
//! [`Client::online`](crate::Client::online), the numbered host the tenant state API names (and
//! after a `421`, the tenant's new host). A link to another origin is never followed (the
//! request carries credentials): the pager logs a warning and advances `$skip` instead. A link
//! back to a page already read (`A -> B -> A`) is [`Error::Paging`] with
//! [`PagingError::LinkCycle`], and so is reading more pages or rows than the
//! [`PagingLimits`] allow (by default [`DEFAULT_MAX_PAGES`] and [`DEFAULT_MAX_ROWS`]; set them
//! with [`pages_limited`](crate::Request::pages_limited) and
//! [`rows_limited`](crate::Request::rows_limited)). Each page is one request with the client's
//! retry policy, timeout, headers and body-size limit; scripting-event [`hooks`](crate::hooks)
//! do not run for pages (send the request itself to run them).
//!
//! # Advice from SuperOffice
//!
//! - **Order by the primary key** (`.order_by("contactId")`): without a stable order, rows can
//!   move between pages while you read and be skipped or repeated.
//! - Restrict with `$filter`, and select only the columns you need with `$select`.
//! - A page size around 1000 is reasonable. Deep paging costs more for every page (each page is
//!   evaluated from the start), and the server caches the first pass for about 60 seconds after
//!   the last call, so read the pages in quick succession rather than pausing between them.
//!
//! ```no_run
//! # async fn run(client: superoffice_webapi::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let mut rows = client
//!     .chat_session()
//!     .get_all()
//!     .select("chatSessionId,customerName,whenStarted")
//!     .order_by("chatSessionId")
//!     .page_size(500)
//!     .rows();
//! while let Some(row) = rows.next().await {
//!     let row = row?;
//!     println!("{} {:?}", row.primary_key()?, row.str("customerName")?);
//! }
//! # Ok(()) }
//! ```

pub(crate) mod guard;
mod page;

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use url::Url;

use crate::error::DecodeError;
use crate::operation::{Body, Operation, PathBuilder, QueryBuilder};
use crate::{Error, Request};

pub use guard::{PagingError, PagingLimits, DEFAULT_MAX_PAGES, DEFAULT_MAX_ROWS};
pub use page::{ColumnError, ColumnErrorKind, Page, Row};

pub(crate) use guard::PageTarget;
use guard::{LinkDecision, PageGuard};

/// The page size when neither [`page_size`](crate::Request::page_size) nor `$top` is set: 1000,
/// the size SuperOffice's guidance calls reasonable.
pub const DEFAULT_PAGE_SIZE: i32 = 1000;

/// A list operation the pager can drive: it has `$top` and `$skip`.
///
/// Implemented by the generated code for every operation with the OData list options (the
/// `GetAll` of each entity, ...). Implement it for your own [`Operation`] to page through it.
pub trait ODataList: Operation {
    /// The operation's `$top` and `$skip` values, for the pager to read and set.
    fn top_skip(&mut self) -> (&mut Option<i32>, &mut Option<i32>);
}

/// What the pager sends: the list operation, decoding its response as a [`Page`].
struct PageOp<Op>(Op);

impl<Op: ODataList> Operation for PageOp<Op> {
    type Output = Page;
    const OPERATION_ID: &'static str = Op::OPERATION_ID;
    const METHOD: http::Method = Op::METHOD;
    const PATH_TEMPLATE: &'static str = Op::PATH_TEMPLATE;

    fn path(&self, path: &mut PathBuilder) {
        self.0.path(path);
    }

    fn query(&self, query: &mut QueryBuilder) {
        self.0.query(query);
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        self.0.body()
    }

    fn decode(body: &[u8]) -> Result<Page, DecodeError> {
        Page::decode(Op::OPERATION_ID, body)
    }
}

impl<Op: ODataList> Request<Op> {
    /// Sets the page size of [`pages`](Self::pages) and [`rows`](Self::rows): the `$top` of each
    /// page request (the same as `.top(n)`). Values below 1 mean 1.
    pub fn page_size(mut self, rows: i32) -> Self {
        *self.op.top_skip().0 = Some(rows.max(1));
        self
    }

    /// All pages of the list, fetched one at a time as the stream is polled (see
    /// [`crate::paging`] for how the next page is found, and the advice on ordering).
    pub fn pages(self) -> Pages {
        Pages::new(self, PagingLimits::default())
    }

    /// All rows of the list, page after page (see [`pages`](Self::pages)).
    pub fn rows(self) -> Rows {
        self.rows_limited(PagingLimits::default())
    }

    /// [`pages`](Self::pages) with other caps on the pages and rows read than the defaults
    /// ([`DEFAULT_MAX_PAGES`], [`DEFAULT_MAX_ROWS`]).
    pub fn pages_limited(self, limits: PagingLimits) -> Pages {
        Pages::new(self, limits)
    }

    /// [`rows`](Self::rows) with other caps on the pages and rows read than the defaults.
    ///
    /// ```no_run
    /// # async fn run(client: superoffice_webapi::Client) -> Result<(), superoffice_webapi::Error> {
    /// use superoffice_webapi::paging::PagingLimits;
    ///
    /// let all = client
    ///     .chat_session()
    ///     .get_all()
    ///     .rows_limited(PagingLimits::default().with_max_rows(5_000_000))
    ///     .collect_all()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn rows_limited(self, limits: PagingLimits) -> Rows {
        Rows { pages: self.pages_limited(limits), current: Vec::new().into_iter() }
    }
}

/// Where the next page comes from.
enum Next {
    /// The operation's own URL with its current `$skip`.
    Skip,
    /// A server-given `odata.nextLink`, relative to the tenant base.
    Link(PageTarget),
    /// No more pages.
    Done,
    /// The next poll yields this error (after the page whose link revealed it).
    Fail(PagingError),
}

struct Pager<Op> {
    request: Request<PageOp<Op>>,
    next: Next,
    /// Whether the server has been giving `odata.nextLink`s (then a page without one is the last).
    linked: bool,
    guard: PageGuard,
}

impl<Op: ODataList> Pager<Op> {
    fn new(request: Request<Op>, limits: PagingLimits) -> Self {
        let mut request = request.map_op(PageOp);
        let (top, skip) = request.op.0.top_skip();
        let size = top.unwrap_or(DEFAULT_PAGE_SIZE).max(1);
        *top = Some(size);
        *skip = Some(skip.unwrap_or(0).max(0));
        Pager { request, next: Next::Skip, linked: false, guard: PageGuard::new(limits) }
    }

    fn paging_error(reason: PagingError) -> Error {
        Error::Paging { operation: Op::OPERATION_ID, reason }
    }

    /// Fetches the next page and works out where the one after it comes from.
    async fn fetch(&mut self) -> Option<Result<Page, Error>> {
        let target = match std::mem::replace(&mut self.next, Next::Done) {
            Next::Done => return None,
            Next::Fail(reason) => return Some(Err(Self::paging_error(reason))),
            Next::Link(target) => Some(target),
            Next::Skip => {
                if let Some(e) = self.request.take_error() {
                    return Some(Err(e));
                }
                None
            }
        };
        if let Err(reason) = self.guard.before_page() {
            return Some(Err(Self::paging_error(reason)));
        }
        // The transport builds the page's URL on the tenant's current base for every attempt.
        let page = match self.request.execute_page(target.as_ref()).await {
            Ok(page) => page,
            Err(e) => return Some(Err(e)),
        };
        // Links are resolved against the page's URL and checked against the tenant's current base.
        let base = match crate::session::current_base(&self.request.client().inner).await {
            Ok(base) => base,
            Err(e) => return Some(Err(e)),
        };
        let url = match &target {
            Some(t) => t.url_on(&base),
            None => match self.request.client().url_for(&self.request.op, &base) {
                Ok(url) => url,
                Err(e) => return Some(Err(e)),
            },
        };
        if let Err(reason) = self.guard.page_read(&url, &base, page.len()) {
            return Some(Err(Self::paging_error(reason)));
        }
        self.next = self.after(&page, &url, &base).unwrap_or_else(Next::Fail);
        Some(Ok(page))
    }

    fn after(&mut self, page: &Page, url: &Url, base: &Url) -> Result<Next, PagingError> {
        if page.is_empty() {
            return Ok(Next::Done);
        }
        if let Some(link) = page.next_link() {
            match self.guard.next_link(link, url, base) {
                LinkDecision::Follow(next) => {
                    self.linked = true;
                    return Ok(Next::Link(next));
                }
                LinkDecision::SamePage => {
                    tracing::warn!(operation = Op::OPERATION_ID, "odata.nextLink repeats the page just read; stopping");
                    return Ok(Next::Done);
                }
                LinkDecision::Cycle => return Err(PagingError::LinkCycle),
                // Never send the credentials elsewhere; the rows are still reachable by $skip.
                LinkDecision::Foreign => tracing::warn!(
                    operation = Op::OPERATION_ID,
                    "odata.nextLink is not a URL on the tenant's host; not followed, advancing $skip instead"
                ),
            }
        }
        if self.linked {
            return Ok(Next::Done);
        }
        let (top, skip) = self.request.op.0.top_skip();
        let size = top.unwrap_or(DEFAULT_PAGE_SIZE);
        if i32::try_from(page.len()).is_ok_and(|n| n < size) {
            return Ok(Next::Done);
        }
        match skip.unwrap_or(0).checked_add(size) {
            Some(s) => {
                *skip = Some(s);
                Ok(Next::Skip)
            }
            None => Ok(Next::Done),
        }
    }
}

type BoxedPages = Pin<Box<dyn Stream<Item = Result<Page, Error>> + Send>>;

/// A [`Stream`] of the pages of an OData list; from [`Request::pages`]. Use it as a stream, or
/// call [`next`](Self::next) without any stream trait in scope.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages {
    inner: BoxedPages,
}

impl Pages {
    fn new<Op: ODataList>(request: Request<Op>, limits: PagingLimits) -> Self {
        let stream = futures_util::stream::unfold(Pager::new(request, limits), |mut pager| async move {
            let item = pager.fetch().await?;
            Some((item, pager))
        });
        Pages { inner: Box::pin(stream) }
    }

    /// The next page, `None` after the last one or after an error.
    pub async fn next(&mut self) -> Option<Result<Page, Error>> {
        futures_util::StreamExt::next(self).await
    }
}

impl Stream for Pages {
    type Item = Result<Page, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// A [`Stream`] of the rows of an OData list, page after page; from [`Request::rows`].
#[must_use = "a stream does nothing unless polled"]
pub struct Rows {
    pages: Pages,
    current: std::vec::IntoIter<Row>,
}

impl Rows {
    /// The next row, `None` after the last one or after an error.
    pub async fn next(&mut self) -> Option<Result<Row, Error>> {
        futures_util::StreamExt::next(self).await
    }

    /// Reads every remaining row into a `Vec`, stopping at the first error.
    pub async fn collect_all(mut self) -> Result<Vec<Row>, Error> {
        let mut all = Vec::new();
        while let Some(row) = self.next().await {
            all.push(row?);
        }
        Ok(all)
    }
}

impl Stream for Rows {
    type Item = Result<Row, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(row) = self.current.next() {
                return Poll::Ready(Some(Ok(row)));
            }
            match Pin::new(&mut self.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => self.current = page.into_rows().into_iter(),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rows").field("buffered", &self.current.len()).finish_non_exhaustive()
    }
}
