//! A webhook body: decoded into a `WebhookEvent` or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    superoffice_webapi::fuzzing::webhook_body(data);
});
