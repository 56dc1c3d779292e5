//! `GET /api/v1/ChatSession/ForCurrentUser` end to end against wiremock: request path and headers,
//! decoding of the docs' sample and of what real servers send, and every error variant.

use crate::common::{client, dead_url, seed_sessions, tenant_path, without_nulls, RawHeader, TENANT};
use superoffice_webapi::models::{AssociateType, ChatSessionEntityFlags, ChatSessionEntityStatus, TableRightMask};
use superoffice_webapi::{Auth, Client, Error, HttpErrorKind, TimeZone};
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PATH: &str = "/api/v1/ChatSession/ForCurrentUser";

async fn serve(server: &MockServer, body: serde_json::Value) {
    Mock::given(method("GET"))
        .and(path(tenant_path(PATH)))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

#[tokio::test]
async fn sends_path_accept_auth_and_the_three_so_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(tenant_path(PATH)))
        .and(header("Accept", "application/json"))
        .and(header("Authorization", "Basic dGplMDpUamUw"))
        .and(header("SO-Language", "en"))
        .and(RawHeader("SO-TimeZone", "UTC,includeTZOffset"))
        .and(header("SO-AppToken", "partner-app-token"))
        .and(header("SO-Culture", "nb"))
        .and(RawHeader("Accept-Language", "fr,de"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let sessions = client(&server)
        .chat_session()
        .for_current_user()
        .language("en")
        .time_zone(TimeZone::new("UTC").include_offset())
        .app_token("partner-app-token")
        .culture("nb")
        .accept_language("fr,de")
        .send()
        .await
        .unwrap();
    assert!(sessions.is_empty());
}

#[tokio::test]
async fn client_defaults_apply_and_per_request_values_override_them() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(tenant_path(PATH)))
        .and(header("SO-Language", "sv"))
        .and(header("SO-TimeZone", "CET"))
        .and(header("SO-AppToken", "default-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(format!("{}{TENANT}/", server.uri()))
        .language("en")
        .time_zone("CET")
        .app_token("default-token")
        .build()
        .unwrap();
    client.chat_session().for_current_user().language("sv").send().await.unwrap();
}

#[tokio::test]
async fn every_auth_scheme_sends_its_header() {
    let cases = [
        (Auth::basic("tje0", "Tje0"), "Authorization", "Basic dGplMDpUamUw"),
        (Auth::so_ticket("7T:1234"), "Authorization", "SOTicket 7T:1234"),
        (Auth::bearer("eyJ.token"), "Authorization", "Bearer eyJ.token"),
        (Auth::xsrf("xsrf-value"), "X-XSRF-TOKEN", "xsrf-value"),
    ];
    for (auth, name, value) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(tenant_path(PATH)))
            .and(header(name, value))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
            .expect(1)
            .mount(&server)
            .await;
        let client = Client::builder(format!("{}{TENANT}", server.uri())).auth(auth).build().unwrap();
        client.chat_session().for_current_user().send().await.unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[tokio::test]
async fn xsrf_auth_sends_no_authorization_header() {
    let server = MockServer::start().await;
    Mock::given(header_exists("Authorization")).respond_with(ResponseTemplate::new(500)).expect(0).mount(&server).await;
    serve(&server, serde_json::json!([])).await;
    let client = Client::builder(format!("{}{TENANT}", server.uri())).auth(Auth::xsrf("x")).build().unwrap();
    client.chat_session().for_current_user().send().await.unwrap();
}

#[tokio::test]
async fn the_docs_sample_decodes_with_nested_objects_enums_flags_and_dates() {
    let server = MockServer::start().await;
    serve(&server, seed_sessions()).await;
    let sessions = client(&server).chat_session().for_current_user().send().await.unwrap();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s.chat_session_id, Some(938));
    assert_eq!(s.topic_id, Some(210));
    assert_eq!(s.customer_name.as_deref(), Some("O'Conner, Terry and Carter"));
    assert_eq!(s.status, Some(ChatSessionEntityStatus::Closed));
    let flags = s.flags.as_ref().unwrap();
    assert!(flags.contains(&ChatSessionEntityFlags::CustomerIsTyping));
    assert_eq!(flags.len(), 1);

    let user = s.user.as_ref().unwrap();
    assert_eq!(user.associate_id, Some(83));
    assert_eq!(user.full_name.as_deref(), Some("Elaina McClure"));
    assert_eq!(user.type_, Some(AssociateType::AnonymousAssociate));
    let transfer = s.transfer_to.as_ref().unwrap();
    assert_eq!(transfer.associate_id, Some(993));
    assert_eq!(transfer.user_name.as_deref(), Some("Rempel-Lemke"));
    assert_eq!(s.person.as_ref().unwrap().person_id, Some(454));
    assert_eq!(s.contact.as_ref().unwrap().contact_id, Some(91));
    assert_eq!(s.sale.as_ref().unwrap().amount, Some(1629.6799999999998));
    assert_eq!(s.ticket.as_ref().unwrap().ticket_id, Some(290));

    let requested = s.when_requested.unwrap();
    assert_eq!(requested.to_string(), "2011-06-06T15:05:41.6710023+02:00");
    assert_eq!(requested.offset().map(|o| o.local_minus_utc()), Some(7200));
    assert_eq!(requested.to_utc().unwrap().to_rfc3339(), "2011-06-06T13:05:41.671002300+00:00");
    assert_eq!(s.when_started.unwrap().offset().map(|o| o.local_minus_utc()), Some(3600));

    let mask = s.table_right.as_ref().and_then(|t| t.mask.as_ref()).unwrap();
    assert!(mask.contains(&TableRightMask::Delete));
    let field = s.field_properties.as_ref().and_then(|p| p.get("fieldName")).unwrap();
    assert_eq!(field.field_length, Some(813));
    assert_eq!(field.field_type.as_deref(), Some("System.String"));
}

#[tokio::test]
async fn the_sample_re_serializes_as_received() {
    let sample = seed_sessions();
    let server = MockServer::start().await;
    serve(&server, sample.clone()).await;
    let sessions = client(&server).chat_session().for_current_user().send().await.unwrap();
    let again = serde_json::to_value(&sessions).unwrap();
    assert_eq!(again, without_nulls(&sample));
}

#[tokio::test]
async fn nulls_missing_fields_extra_fields_and_empty_objects_decode() {
    let server = MockServer::start().await;
    serve(
        &server,
        serde_json::json!([
            {"ChatSessionId": 1, "User": null, "Person": null, "TableRight": {}, "FieldProperties": null,
             "SomeFieldFromANewerServer": {"nested": [1, 2, 3]}, "Status": "SomethingNew", "Flags": "CustomerIsTyping, UserIsTyping"},
            {}
        ]),
    )
    .await;
    let sessions = client(&server).chat_session().for_current_user().send().await.unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0].chat_session_id, Some(1));
    assert_eq!(sessions[0].user, None);
    assert_eq!(sessions[0].table_right, Some(Default::default()));
    let status = sessions[0].status.as_ref().unwrap();
    assert_eq!(status.as_str(), "SomethingNew");
    assert!(matches!(status, ChatSessionEntityStatus::Unrecognized(_)));
    assert_eq!(sessions[0].flags.as_ref().unwrap().len(), 2);
    assert_eq!(serde_json::to_value(&sessions[0]).unwrap()["Status"], "SomethingNew");
    assert_eq!(sessions[1], Default::default());
}

#[tokio::test]
async fn date_times_with_and_without_offsets_keep_their_form() {
    let forms = [
        "2024-03-31T16:00:00",
        "2024-03-31T16:00:00Z",
        "2024-03-31T16:00:00+02:00",
        "2024-03-31T16:00:00.1",
        "2024-03-31T16:00:00.123-05:30",
        "2011-06-06T15:05:41.6710023+02:00",
        "0001-01-01T00:00:00",
    ];
    let body: Vec<_> = forms.iter().map(|f| serde_json::json!({"WhenRequested": f})).collect();
    let server = MockServer::start().await;
    serve(&server, serde_json::Value::Array(body)).await;
    let sessions = client(&server).chat_session().for_current_user().send().await.unwrap();
    for (s, form) in sessions.iter().zip(forms) {
        let dt = s.when_requested.unwrap();
        assert_eq!(dt.to_string(), form);
        assert_eq!(serde_json::to_value(s).unwrap()["WhenRequested"], form);
    }
    assert!(sessions[0].when_requested.unwrap().to_utc().is_none(), "no offset must not be invented");
    assert!(sessions[6].when_requested.unwrap().is_no_date());
    assert_eq!(sessions[1].when_requested.unwrap().to_utc().unwrap().to_rfc3339(), "2024-03-31T16:00:00+00:00");
}

#[tokio::test]
async fn http_errors_keep_status_headers_body_and_the_vendor_message() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("X-Request-Id", "abc")
                .set_body_json(serde_json::json!({"Error": "No such session", "ErrorType": "SoException"})),
        )
        .mount(&server)
        .await;
    let err = client(&server).chat_session().for_current_user().send().await.unwrap_err();
    let Error::Http(e) = &err else { panic!("{err:?}") };
    assert_eq!(e.status, 404);
    assert_eq!(e.kind(), HttpErrorKind::NotFound);
    assert_eq!(e.headers["x-request-id"], "abc");
    assert_eq!(e.message.as_deref(), Some("No such session"));
    assert_eq!(e.error_type.as_deref(), Some("SoException"));
    assert!(e.body.contains("No such session"));
    assert!(err.is_not_found());
    assert!(err.to_string().contains("No such session"), "{err}");
}

#[tokio::test]
async fn unauthorized_and_server_errors_are_http_errors() {
    for (status, kind) in [(401, HttpErrorKind::Unauthorized), (500, HttpErrorKind::Server)] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_string("plain text"))
            .expect(1)
            .mount(&server)
            .await;
        let err = client(&server).chat_session().for_current_user().send().await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(err.http_kind(), Some(kind));
        let Error::Http(e) = err else { panic!() };
        assert_eq!(e.body, "plain text");
        assert_eq!(e.message, None);
    }
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_naming_the_json_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"[{"ChatSessionId": 1}, {"ChatSessionId": 2, "WhenStarted": "yesterday"}]"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let err = client(&server).chat_session().for_current_user().send().await.unwrap_err();
    let Error::Decode(d) = &err else { panic!("{err:?}") };
    assert_eq!(d.path, "[1].WhenStarted");
    assert!(d.message.starts_with("invalid date-time: expected"), "{}", d.message);
    assert!(!d.message.contains("yesterday"), "no value in a decode error: {}", d.message);
    assert_eq!(d.operation, "v1ChatSessionEntity_ChatSessionsForUser");

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"[{"ChatSessionId": "#, "application/json"))
        .mount(&server)
        .await;
    let err = client(&server).chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"[{"ChatSessionId": "x"}]"#, "application/json"))
        .mount(&server)
        .await;
    let err = client(&server).chat_session().for_current_user().send().await.unwrap_err();
    let Error::Decode(d) = &err else { panic!("{err:?}") };
    assert_eq!(d.path, "[0].ChatSessionId");
}

#[tokio::test]
async fn header_values_with_crlf_are_rejected_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).expect(0).mount(&server).await;
    let err =
        client(&server).chat_session().for_current_user().language("en\r\nX-Injected: 1").send().await.unwrap_err();
    assert!(matches!(err, Error::InvalidHeader { name: "SO-Language", .. }), "{err:?}");
    let err = client(&server).chat_session().for_current_user().app_token("secret\ntoken").send().await.unwrap_err();
    assert!(matches!(err, Error::InvalidHeader { name: "SO-AppToken", .. }), "{err:?}");
    assert!(!err.to_string().contains("secret"), "{err}");
}

#[tokio::test]
async fn a_dead_server_is_a_transport_error() {
    let client = Client::builder(dead_url()).build().unwrap();
    let err = client.chat_session().for_current_user().send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { connect: true, .. }), "{err:?}");
}
