//! Paging through OData lists (`GET /api/v1/<Entity>` and the other archive searches) as a
//! [`Stream`] of [`Page`]s or of [`Row`]s.
//!
//! Every request of a list operation ([`ODataList`]) has [`pages`](crate::paging::Pages) and
//! [`rows`](crate::paging::Rows). The pager sends the request with `$top` set to the page size
//! (`page_size`, default [`DEFAULT_PAGE_SIZE`]) and then:
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
//! with a list request's `pages_limited` and
//! `rows_limited`). Each page is one request with the client's
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

use crate::Error;
use crate::operation::{Endpoint, Operation, Parts};
use crate::request::RequestCore;

pub use guard::{DEFAULT_MAX_PAGES, DEFAULT_MAX_ROWS, PagingError, PagingLimits};
pub use page::{ColumnError, ColumnErrorKind, Page, Row};

pub(crate) use guard::PageTarget;
use guard::{LinkDecision, PageGuard};

/// The page size when neither `page_size` nor `$top` is set: 1000,
/// the size SuperOffice's guidance calls reasonable.
pub const DEFAULT_PAGE_SIZE: i32 = 1000;

/// A list operation the pager can drive: it has `$top` and `$skip`.
///
/// Implemented by the generated code for every operation with the OData list options (the
/// `GetAll` of each entity, ...), whose builders have `pages()`, `rows()` and `page_size()`.
pub trait ODataList: Operation {
    /// The operation's `$top` and `$skip` values, for the pager to read and set.
    fn top_skip(&mut self) -> (&mut Option<i32>, &mut Option<i32>);
}

/// Sets the page size of a list request: its `$top` (values below 1 mean 1).
#[doc(hidden)]
pub fn page_size<Op: ODataList>(mut op: Op, rows: i32) -> Op {
    *op.top_skip().0 = Some(rows.max(1));
    op
}

/// The pages of a list request, read within `limits` (what the generated `pages()` and
/// `pages_limited()` call).
#[doc(hidden)]
pub fn pages<Op: ODataList>(op: Op, limits: PagingLimits) -> Pages {
    Pages::new(op, limits)
}

/// The rows of a list request, read within `limits` (what the generated `rows()` and
/// `rows_limited()` call).
#[doc(hidden)]
pub fn rows<Op: ODataList>(op: Op, limits: PagingLimits) -> Rows {
    Rows { pages: Pages::new(op, limits), current: Vec::new().into_iter() }
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

/// Builds the parts of the page at a `$skip`.
type PartsAt = Box<dyn FnMut(i32) -> Result<Parts, Error> + Send>;

/// Drives one list: not generic, whatever the operation.
struct Pager {
    core: RequestCore,
    endpoint: &'static Endpoint,
    parts_at: PartsAt,
    /// The parts of the last page requested (the body of a linked page).
    parts: Option<Parts>,
    size: i32,
    skip: i32,
    next: Next,
    /// Whether the server has been giving `odata.nextLink`s (then a page without one is the last).
    linked: bool,
    /// Visited links and the page and row caps.
    guard: PageGuard,
}

impl Pager {
    fn new<Op: ODataList>(mut op: Op, limits: PagingLimits) -> Self {
        let (top, skip) = op.top_skip();
        let size = top.unwrap_or(DEFAULT_PAGE_SIZE).max(1);
        *top = Some(size);
        let skip = skip.unwrap_or(0).max(0);
        let core = op.core().clone();
        let parts_at: PartsAt = Box::new(move |at| {
            *op.top_skip().1 = Some(at);
            op.parts()
        });
        Pager {
            core,
            endpoint: Op::ENDPOINT,
            parts_at,
            parts: None,
            size,
            skip,
            next: Next::Skip,
            linked: false,
            guard: PageGuard::new(limits),
        }
    }

    fn paging_error(&self, reason: PagingError) -> Error {
        Error::Paging { operation: self.endpoint.operation_id, reason }
    }

    /// Fetches the next page and works out where the one after it comes from.
    async fn fetch(&mut self) -> Option<Result<Page, Error>> {
        let target = match std::mem::replace(&mut self.next, Next::Done) {
            Next::Done => return None,
            Next::Fail(reason) => return Some(Err(self.paging_error(reason))),
            Next::Link(target) => Some(target),
            Next::Skip => {
                if let Some(e) = self.core.take_error() {
                    return Some(Err(e));
                }
                match (self.parts_at)(self.skip) {
                    Ok(parts) => self.parts = Some(parts),
                    Err(e) => return Some(Err(e)),
                }
                None
            }
        };
        if let Err(reason) = self.guard.before_page() {
            return Some(Err(self.paging_error(reason)));
        }
        let parts = self.parts.as_ref()?;
        // The transport builds the page's URL on the tenant's current base for every attempt.
        let crate::transport::Delivered { body, url, base } =
            match self.core.execute_at(self.endpoint, parts, target.as_ref()).await {
                Ok(delivered) => delivered,
                Err(e) => return Some(Err(e)),
            };
        // Owned: the pager's own state changes below while it is in use.
        let base = base.into_owned();
        let page = match Page::decode(self.endpoint.operation_id, &body) {
            Ok(page) => page,
            Err(e) => return Some(Err(e.into())),
        };
        // Links are resolved against the page's URL and checked against the tenant base it came from.
        if let Err(reason) = self.guard.page_read(&url, &base, page.len()) {
            return Some(Err(self.paging_error(reason)));
        }
        self.next = self.after(&page, &url, &base).unwrap_or_else(Next::Fail);
        Some(Ok(page))
    }

    fn after(&mut self, page: &Page, url: &Url, base: &Url) -> Result<Next, PagingError> {
        let operation = self.endpoint.operation_id;
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
                    tracing::warn!(operation, "odata.nextLink repeats the page just read; stopping");
                    return Ok(Next::Done);
                }
                LinkDecision::Cycle => return Err(PagingError::LinkCycle),
                // Never send the credentials elsewhere; the rows are still reachable by $skip.
                LinkDecision::Foreign => tracing::warn!(
                    operation,
                    "odata.nextLink is not a URL on the tenant's host; not followed, advancing $skip instead"
                ),
            }
        }
        if self.linked {
            return Ok(Next::Done);
        }
        if i32::try_from(page.len()).is_ok_and(|n| n < self.size) {
            return Ok(Next::Done);
        }
        match self.skip.checked_add(self.size) {
            Some(s) => {
                self.skip = s;
                Ok(Next::Skip)
            }
            None => Ok(Next::Done),
        }
    }
}

type BoxedPages = Pin<Box<dyn Stream<Item = Result<Page, Error>> + Send>>;

/// A [`Stream`] of the pages of an OData list; from a list request's `pages()`. Use it as a stream, or
/// call [`next`](Self::next) without any stream trait in scope.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages {
    inner: BoxedPages,
}

impl Pages {
    fn new<Op: ODataList>(op: Op, limits: PagingLimits) -> Self {
        let stream = futures_util::stream::unfold(Pager::new(op, limits), |mut pager| async move {
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

/// A [`Stream`] of the rows of an OData list, page after page; from a list request's `rows()`.
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
