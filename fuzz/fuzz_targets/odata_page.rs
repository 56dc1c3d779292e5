//! An OData list page: decoded, its rows read, its `odata.nextLink` checked as the pager does
//! (a followed link stays on the tenant's origin and path), never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    superoffice_webapi::fuzzing::odata_page(data);
});
