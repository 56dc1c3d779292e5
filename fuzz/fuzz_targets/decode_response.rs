//! Response decoding: any body must decode or give an error, never a panic; what decodes must
//! encode again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use superoffice_webapi::models::{ChatSessionEntity, ChatTopicEntity};
use superoffice_webapi::operation::decode_json;
use superoffice_webapi::{DateTime, HttpError};

fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(data: &[u8]) {
    if let Ok(value) = decode_json::<T>("fuzz", data) {
        if let Err(e) = serde_json::to_vec(&value) {
            panic!("decoded value does not encode: {e}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    roundtrip::<Vec<ChatSessionEntity>>(data);
    roundtrip::<ChatSessionEntity>(data);
    roundtrip::<Vec<ChatTopicEntity>>(data);
    roundtrip::<ChatTopicEntity>(data);
    // Error bodies of any shape.
    let err = HttpError::new("fuzz", http::StatusCode::BAD_REQUEST, http::HeaderMap::new(), data);
    let _ = err.to_string();
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(dt) = DateTime::parse(text) {
            assert_eq!(dt.to_string(), text, "DateTime does not round-trip");
        }
    }
});
