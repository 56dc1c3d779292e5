//! Base64 responses (`format: byte`) decode to bytes: the testing kit answers an agent method's
//! documented sample (the page's placeholder text, base64-encoded by the generator, since the page
//! shows text that is not base64), and a server's base64 text is decoded and kept as received.

use superoffice_webapi::models::GetContactImageWithSizeRequest;
use superoffice_webapi::testing::MockSuperOffice;

#[tokio::test]
async fn an_agent_image_decodes_to_bytes_and_keeps_its_text() {
    let so = MockSuperOffice::start().await;
    // The page's sample, as base64.
    so.agents().blob().get_contact_image_with_size().expect(1).mount().await;
    let client = so.client().unwrap();
    let request = GetContactImageWithSizeRequest::default();
    let image = client.agents().blob().get_contact_image_with_size(request.clone()).send().await.unwrap();
    assert_eq!(&image[..], b"GIF89....File contents as raw bytes...");

    let so = MockSuperOffice::start().await;
    so.agents().blob().get_contact_image_with_size().returns(serde_json::json!("iVBORw0KGgo")).mount().await;
    let png = so.client().unwrap().agents().blob().get_contact_image_with_size(request).send().await.unwrap();
    assert_eq!(&png[..4], b"\x89PNG");
    assert_eq!(png.received_text(), Some("iVBORw0KGgo"));
}
