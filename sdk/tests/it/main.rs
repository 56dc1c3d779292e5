//! The SDK crate's own integration tests, as modules of one test binary (each binary would link
//! the whole SDK again). They run with the crate's dev-dependency features (`full`, `testing`).

mod bytes_durations_props;
mod decode_props;
mod generated_models;
mod hostile_servers;
mod redacted_debug;
mod runtime_values;
