//! The markdown front-end: any text must give a page or a diagnostic, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = superoffice_codegen::parse::parse_page(Path::new("fuzz/page.md"), &text);
});
