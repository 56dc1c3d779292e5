//! A JWKS document: parsed or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    superoffice_webapi::fuzzing::jwks(data);
});
