//! The two DER encodings the key code needs: an unsigned INTEGER and a tag-length-value (to turn
//! XML and JWK key components into PKCS#1 documents the RSA crate reads).

/// Appends a DER INTEGER holding the unsigned big-endian `value`.
pub(crate) fn der_integer(out: &mut Vec<u8>, value: &[u8]) {
    let trimmed = match value.iter().position(|b| *b != 0) {
        Some(i) => value.get(i..).unwrap_or(&[]),
        None => &[],
    };
    let mut content = Vec::with_capacity(trimmed.len() + 1);
    // Zero needs one 0x00 byte; a set high bit needs a leading 0x00 so the value stays positive.
    if trimmed.first().is_none_or(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(trimmed);
    der_tlv(out, 0x02, &content);
}

/// Appends a DER tag-length-value.
pub(crate) fn der_tlv(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len() - 1);
        let significant = bytes.get(first..).unwrap_or(&[]);
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(content);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_integers_are_minimal_and_positive() {
        let mut out = Vec::new();
        der_integer(&mut out, &[0]);
        der_integer(&mut out, &[0x00, 0x7f]);
        der_integer(&mut out, &[0x80]);
        assert_eq!(out, [0x02, 0x01, 0x00, 0x02, 0x01, 0x7f, 0x02, 0x02, 0x00, 0x80]);
        let mut long = Vec::new();
        der_tlv(&mut long, 0x30, &[0u8; 300]);
        assert_eq!(long.get(..4), Some(&[0x30, 0x82, 0x01, 0x2c][..]));
    }
}
