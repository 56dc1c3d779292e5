//! A token endpoint's answer (any status, any body): checked or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        // The first byte picks a status: mostly 200, sometimes an error.
        Some((s, rest)) => (if *s < 200 { 200 } else { 300 + u16::from(*s) }, rest),
        None => (200, data),
    };
    superoffice_webapi::fuzzing::token_answer(status, body);
});
