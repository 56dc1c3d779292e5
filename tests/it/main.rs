//! The workspace's integration tests, as modules of one test binary (each extra binary would link
//! the whole SDK again): against wiremock mocks and raw local listeners, never the network.

mod common;
mod online_mock;

mod bytes_responses;
mod compression;
mod discovery;
mod endpoints;
mod for_current_user;
mod hooks;
mod limits;
mod lossless;
mod oauth;
mod paging;
mod patch_entities;
mod reliability;
mod secrets;
mod shape;
mod system_user;
mod testing_kit;
mod webhooks;
