//! `patch(id, Patch)` on the main entities, whose PATCH operations only the vendor's REST pages
//! document (`docs-input/rest/<Resource>/v1*_Patch*.md`): each sends a JSON Patch to
//! `PATCH /api/v1/<Resource>/{id}` with its content type, and decodes the page's sample response.

use superoffice_webapi::patch::{Patch, PatchOp};
use superoffice_webapi::testing::MockSuperOffice;

fn replace_name() -> Patch {
    Patch::json_patch([PatchOp::replace("/Name", "Renamed")])
}

/// Mounts `PATCH /api/v1/<resource>/5` expecting the JSON Patch once, answering the documented sample.
macro_rules! expect_patch {
    ($so:expr, $resource:ident) => {
        $so.$resource()
            .patch(5)
            .with_header("Content-Type", "application/json-patch+json")
            .with_body(serde_json::json!([{"op": "replace", "path": "/Name", "value": "Renamed"}]))
            .expect(1)
            .mount()
            .await
    };
}

#[tokio::test]
async fn contact_patch_sends_the_patch_and_decodes_the_documented_sample() {
    let so = MockSuperOffice::start().await;
    expect_patch!(so, contact);
    let contact = so.client().unwrap().contact().patch(5, replace_name()).send().await.unwrap();
    assert_eq!(contact.contact_id, Some(455));
    assert_eq!(contact.name.as_deref(), Some("Zulauf-Conn"));
}

#[tokio::test]
async fn person_appointment_sale_project_and_document_patch_the_same_way() {
    let so = MockSuperOffice::start().await;
    expect_patch!(so, person);
    expect_patch!(so, appointment);
    expect_patch!(so, sale);
    expect_patch!(so, project);
    expect_patch!(so, document);
    let client = so.client().unwrap();
    assert_eq!(client.person().patch(5, replace_name()).send().await.unwrap().person_id, Some(64));
    assert_eq!(client.appointment().patch(5, replace_name()).send().await.unwrap().appointment_id, Some(363));
    assert_eq!(client.sale().patch(5, replace_name()).send().await.unwrap().sale_id, Some(826));
    assert_eq!(client.project().patch(5, replace_name()).send().await.unwrap().project_id, Some(306));
    assert_eq!(client.document().patch(5, replace_name()).send().await.unwrap().document_id, Some(69));
}

/// Selection's page answers `"MemberCount": 99.99` for an `int64`: the generator puts an example
/// integer in the testing kit's sample (with a warning), and keeps every other documented value.
#[tokio::test]
async fn selection_patch_decodes_its_sample_with_the_ill_typed_value_fitted() {
    let so = MockSuperOffice::start().await;
    expect_patch!(so, selection);
    let selection = so.client().unwrap().selection().patch(5, replace_name()).send().await.unwrap();
    assert_eq!(selection.selection_id, Some(168));
    assert_eq!(selection.name.as_deref(), Some("Kilback, Walter and Buckridge"));
    assert_eq!(selection.member_count, Some(1));
}
