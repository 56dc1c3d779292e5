//! Paging through OData lists against wiremock: `$skip` paging (no `odata.nextLink`), following
//! `odata.nextLink`, links to another host, errors mid-way, and the stream interfaces.

use crate::common::{client, tenant_path};
use serde_json::{json, Value};
use superoffice_webapi::paging::{Page, Row};
use superoffice_webapi::Error;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const LIST: &str = "/api/v1/ChatSession";

fn rows(keys: &[i64]) -> Vec<Value> {
    keys.iter()
        .map(|k| json!({"PrimaryKey": k, "EntityName": "chatsession", "customerName": format!("c{k}")}))
        .collect()
}

fn page(keys: &[i64], next: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "odata.metadata": "https://example.invalid/api/v1/archive$metadata",
        "odata.nextLink": next,
        "value": rows(keys),
    }))
}

fn keys(rows: &[Row]) -> Vec<i64> {
    rows.iter().map(|r| r.primary_key().unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// The `(name, value)` query pairs of every request the server received, in order.
async fn queries(server: &MockServer) -> Vec<Vec<(String, String)>> {
    let received: Vec<Request> = server.received_requests().await.unwrap_or_default();
    received.iter().map(|r| r.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()).collect()
}

fn pair<'a>(q: &'a [(String, String)], name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn without_next_link_skip_advances_by_top_until_a_short_page() {
    let server = MockServer::start().await;
    for (skip, keys) in [("0", &[1, 2][..]), ("2", &[3, 4]), ("4", &[5])] {
        Mock::given(method("GET"))
            .and(path(tenant_path(LIST)))
            .and(query_param("$top", "2"))
            .and(query_param("$skip", skip))
            .respond_with(page(keys, None))
            .expect(1)
            .mount(&server)
            .await;
    }
    let all = client(&server)
        .chat_session()
        .get_all()
        .select("customerName")
        .order_by("chatSessionId")
        .page_size(2)
        .rows()
        .collect_all()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(keys(&all), [1, 2, 3, 4, 5]);
    assert_eq!(all[2].str("customerName").unwrap(), Some("c3"));
    assert_eq!(all[2].entity_name(), Some("chatsession"));

    let q = queries(&server).await;
    assert_eq!(q.len(), 3, "{q:?}");
    for request in &q {
        // The caller's options go with every page.
        assert_eq!(pair(request, "$select"), Some("customerName"));
        assert_eq!(pair(request, "$orderBy"), Some("chatSessionId"));
    }
    let skips: Vec<_> = q.iter().map(|r| pair(r, "$skip")).collect();
    assert_eq!(skips, [Some("0"), Some("2"), Some("4")]);
}

#[tokio::test]
async fn a_full_last_page_costs_one_more_empty_request() {
    let server = MockServer::start().await;
    for (skip, keys) in [("0", &[1, 2][..]), ("2", &[3, 4]), ("4", &[])] {
        Mock::given(method("GET"))
            .and(path(tenant_path(LIST)))
            .and(query_param("$skip", skip))
            .respond_with(page(keys, None))
            .expect(1)
            .mount(&server)
            .await;
    }
    let mut pages = client(&server).chat_session().get_all().top(2).pages();
    let mut sizes = Vec::new();
    while let Some(p) = pages.next().await {
        sizes.push(p.unwrap_or_else(|e| panic!("{e}")).len());
    }
    assert_eq!(sizes, [2, 2, 0]);
}

#[tokio::test]
async fn next_links_are_followed_absolute_and_relative_and_their_absence_ends_the_list() {
    let server = MockServer::start().await;
    let second = format!("{}{}?$skiptoken=p2", server.uri(), tenant_path(LIST));
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(page(&[1, 2], Some(&second)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param("$skiptoken", "p2"))
        // Relative to the page's URL.
        .respond_with(page(&[3, 4], Some("ChatSession?$skiptoken=p3")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param("$skiptoken", "p3"))
        // A full page without a link: the server says this is the end, so no $skip request follows.
        .respond_with(page(&[5, 6], None))
        .expect(1)
        .mount(&server)
        .await;

    let mut pages = client(&server).chat_session().get_all().page_size(2).pages();
    let mut seen: Vec<Page> = Vec::new();
    while let Some(p) = pages.next().await {
        seen.push(p.unwrap_or_else(|e| panic!("{e}")));
    }
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].next_link(), Some(second.as_str()));
    assert_eq!(seen[2].next_link(), None);
    let all: Vec<Row> = seen.into_iter().flat_map(Page::into_rows).collect();
    assert_eq!(keys(&all), [1, 2, 3, 4, 5, 6]);
    assert_eq!(queries(&server).await.len(), 3);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET")).respond_with(page(&[99], None)).expect(0).mount(&elsewhere).await;
    let foreign = format!("{}{}?$skiptoken=p2", elsewhere.uri(), tenant_path(LIST));
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param("$skip", "0"))
        .respond_with(page(&[1, 2], Some(&foreign)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param("$skip", "2"))
        .respond_with(page(&[3], None))
        .expect(1)
        .mount(&server)
        .await;
    let all = client(&server).chat_session().get_all().page_size(2).rows().collect_all().await.unwrap();
    assert_eq!(keys(&all), [1, 2, 3]);
    assert!(elsewhere.received_requests().await.unwrap_or_default().is_empty());
}

#[tokio::test]
async fn an_error_mid_way_is_yielded_once_and_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param("$skip", "0"))
        .respond_with(page(&[1, 2], None))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param("$skip", "2"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"Error": "no access", "ErrorType": "Security"})))
        .expect(1)
        .mount(&server)
        .await;
    let mut rows = client(&server).chat_session().get_all().page_size(2).rows();
    assert_eq!(rows.next().await.unwrap().unwrap().primary_key().unwrap(), 1);
    assert_eq!(rows.next().await.unwrap().unwrap().primary_key().unwrap(), 2);
    let err = rows.next().await.unwrap().unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403), "{err:?}");
    assert!(rows.next().await.is_none());
}

#[tokio::test]
async fn a_path_parameter_list_pages_too_and_the_default_page_size_is_1000() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(tenant_path("/api/v1/ChatTopic/7/Sessions")))
        .and(query_param("$top", "1000"))
        .and(query_param("$skip", "40"))
        .respond_with(page(&[41, 42], None))
        .expect(1)
        .mount(&server)
        .await;
    // The request's own $skip is where paging starts.
    let all = client(&server).chat_topic().sessions(7).skip(40).rows().collect_all().await.unwrap();
    assert_eq!(keys(&all), [41, 42]);
}

#[tokio::test]
async fn an_invalid_header_fails_the_first_page_without_sending() {
    let server = MockServer::start().await;
    let mut pages = client(&server).chat_session().get_all().language("en\r\nX: 1").pages();
    let err = pages.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::InvalidHeader { name: "SO-Language", .. }), "{err:?}");
    assert!(pages.next().await.is_none());
    assert!(server.received_requests().await.unwrap_or_default().is_empty());
}

#[test]
fn streams_are_send_and_unpin() {
    fn check<T: Send + Unpin + futures_core::Stream>() {}
    check::<superoffice_webapi::paging::Pages>();
    check::<superoffice_webapi::paging::Rows>();
}

#[tokio::test]
async fn a_next_link_that_repeats_the_page_ends_the_list() {
    let server = MockServer::start().await;
    let same = format!("{}{}?$skiptoken=p2", server.uri(), tenant_path(LIST));
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(page(&[1, 2], Some(&same)))
        .expect(1)
        .mount(&server)
        .await;
    // The linked page links to itself: read once, then the pager stops instead of looping.
    Mock::given(method("GET"))
        .and(path(tenant_path(LIST)))
        .and(query_param("$skiptoken", "p2"))
        .respond_with(page(&[3, 4], Some(&same)))
        .expect(1)
        .mount(&server)
        .await;
    let all = client(&server).chat_session().get_all().page_size(2).rows().collect_all().await.unwrap();
    assert_eq!(keys(&all), [1, 2, 3, 4]);
}
