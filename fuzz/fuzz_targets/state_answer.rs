//! A tenant state API answer: parsed and its URL checked, never a panic; a URL accepted for a
//! named environment is https under superoffice.com.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    superoffice_webapi::fuzzing::state_answer(data);
});
