//! Reading response bodies with a size cap, for the requests outside the API transport: the
//! sign-in, token, JWKS and tenant-state answers.

use crate::Error;

/// The largest sign-in, token, JWKS or tenant-state answer read: 1 MiB. Real answers are a few
/// kilobytes; anything larger fails with [`Error::ResponseTooLarge`].
pub const MAX_AUTH_RESPONSE_SIZE: usize = 1024 * 1024;

/// Reads the whole body of `resp`, counting the (decompressed) bytes as they arrive, and fails
/// with [`Error::ResponseTooLarge`] as soon as it would exceed `limit` (or before reading, when
/// `Content-Length` already says so). At most `limit` bytes are ever held.
pub(crate) async fn read_limited(
    mut resp: reqwest::Response,
    limit: usize,
    operation: &'static str,
) -> Result<bytes::Bytes, Error> {
    let too_large = || Error::ResponseTooLarge { operation, limit };
    if resp.content_length().is_some_and(|n| usize::try_from(n).map_or(true, |n| n > limit)) {
        return Err(too_large());
    }
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| crate::auth::transport_error(operation, e))? {
        if chunk.len() > limit.saturating_sub(buf.len()) {
            return Err(too_large());
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
