//! [`PrivateKey`]: the app's RSA private key, read from the .NET `<RSAKeyValue>` XML document
//! SuperOffice issues at registration, or from PEM (PKCS#1 `RSA PRIVATE KEY` or PKCS#8
//! `PRIVATE KEY`). Signs with RSASSA-PKCS1-v1_5 and SHA-256.
//!
//! Errors name the format and the element or line that is wrong, never a key byte.

use std::fmt;

use base64::Engine;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::sha2::{Digest, Sha256};
use rsa::{Pkcs1v15Sign, PrivateKey as RsaPrivateKey};

use crate::Error;
use crate::auth::der::{der_integer, der_tlv};

/// An RSA private key. `Debug` shows only its size.
#[derive(Clone)]
pub struct PrivateKey {
    key: RsaPrivateKey,
}

impl PrivateKey {
    /// Reads a key in any supported format: `<RSAKeyValue>` XML, or PEM (PKCS#1 or PKCS#8).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let t = text.trim_start_matches('\u{feff}').trim();
        if t.starts_with('<') {
            Self::from_xml(t)
        } else if t.starts_with("-----BEGIN") {
            Self::from_pem(t)
        } else {
            Err(key_error("neither an <RSAKeyValue> XML document nor a PEM block (-----BEGIN ...)"))
        }
    }

    /// Reads the .NET `<RSAKeyValue>` XML form (`Modulus`, `Exponent`, `P`, `Q`, `DP`, `DQ`,
    /// `InverseQ`, `D`, each base64 big-endian).
    pub fn from_xml(xml: &str) -> Result<Self, Error> {
        let xml = xml.trim();
        if !xml.contains("<RSAKeyValue") {
            return Err(key_error("the XML has no <RSAKeyValue> element"));
        }
        let n = xml_component(xml, "Modulus")?;
        let e = xml_component(xml, "Exponent")?;
        let p = xml_component(xml, "P")?;
        let q = xml_component(xml, "Q")?;
        let dp = xml_component(xml, "DP")?;
        let dq = xml_component(xml, "DQ")?;
        let qi = xml_component(xml, "InverseQ")?;
        let d = xml_component(xml, "D")?;
        // PKCS#1 RSAPrivateKey: SEQUENCE { version 0, n, e, d, p, q, dP, dQ, qInv }.
        let mut body = Vec::new();
        der_integer(&mut body, &[0]);
        for part in [&n, &e, &d, &p, &q, &dp, &dq, &qi] {
            der_integer(&mut body, part);
        }
        let mut der = Vec::new();
        der_tlv(&mut der, 0x30, &body);
        let key = RsaPrivateKey::from_pkcs1_der(&der)
            .map_err(|e| key_error(&format!("the <RSAKeyValue> components do not form a valid RSA key ({e})")))?;
        Ok(PrivateKey { key })
    }

    /// Reads a PEM block: `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1) or
    /// `-----BEGIN PRIVATE KEY-----` (PKCS#8, unencrypted).
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        let (label, der) = pem_block(pem)?;
        let key = match label.as_str() {
            "RSA PRIVATE KEY" => RsaPrivateKey::from_pkcs1_der(&der)
                .map_err(|e| key_error(&format!("the PKCS#1 key is not a valid RSA private key ({e})")))?,
            "PRIVATE KEY" => RsaPrivateKey::from_pkcs8_der(&der)
                .map_err(|e| key_error(&format!("the PKCS#8 key is not a valid RSA private key ({e})")))?,
            "ENCRYPTED PRIVATE KEY" => {
                return Err(key_error(
                    "the PEM key is encrypted: decrypt it first (openssl pkcs8 -in key.pem -nocrypt)",
                ));
            }
            other => {
                return Err(key_error(&format!(
                    "unsupported PEM block `{other}`: expected RSA PRIVATE KEY or PRIVATE KEY"
                )));
            }
        };
        Ok(PrivateKey { key })
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        use rsa::traits::PublicKeyParts;
        self.key.size() * 8
    }

    /// RSASSA-PKCS1-v1_5 signature of SHA-256(`message`), with RSA blinding.
    pub fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        let digest = Sha256::digest(message);
        self.key.sign(Pkcs1v15Sign::new::<Sha256>(), &digest).map_err(|e| Error::SignIn {
            flow: "system user",
            message: format!("signing with the private key failed: {e}"),
        })
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({} bits, [redacted])", self.bits())
    }
}

fn key_error(what: &str) -> Error {
    Error::Config(format!("private key: {what}"))
}

/// The base64 content of `<name>…</name>`, decoded.
fn xml_component(xml: &str, name: &str) -> Result<Vec<u8>, Error> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = xml.find(&open).ok_or_else(|| key_error(&format!("the <RSAKeyValue> has no <{name}> element")))?;
    let rest = xml.get(start + open.len()..).unwrap_or("");
    let end = rest.find(&close).ok_or_else(|| key_error(&format!("<{name}> is not closed")))?;
    let text: String = rest.get(..end).unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(|e| key_error(&format!("<{name}> is not base64 ({e})")))?;
    if bytes.is_empty() {
        return Err(key_error(&format!("<{name}> is empty")));
    }
    Ok(bytes)
}

/// The label and decoded body of the first PEM block.
fn pem_block(pem: &str) -> Result<(String, Vec<u8>), Error> {
    let mut lines = pem.lines().map(str::trim).skip_while(|l| !l.starts_with("-----BEGIN "));
    let begin = lines.next().ok_or_else(|| key_error("no -----BEGIN line in the PEM text"))?;
    let label = begin
        .strip_prefix("-----BEGIN ")
        .and_then(|l| l.strip_suffix("-----"))
        .ok_or_else(|| key_error("malformed -----BEGIN line"))?
        .to_string();
    let mut body = String::new();
    let mut closed = false;
    for line in lines {
        if line.starts_with("-----END ") {
            closed = true;
            break;
        }
        if line.contains(':') {
            return Err(key_error("the PEM block has headers (Proc-Type/DEK-Info): it is encrypted, decrypt it first"));
        }
        body.push_str(line);
    }
    if !closed {
        return Err(key_error(&format!("the PEM block `{label}` has no -----END line")));
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(body.as_bytes())
        .map_err(|e| key_error(&format!("the PEM body is not base64 ({e})")))?;
    Ok((label, der))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_keys_name_the_problem() {
        let err = |t: &str| PrivateKey::parse(t).unwrap_err().to_string();
        assert!(err("hello").contains("neither"));
        assert!(err("<RSAKeyValue><Modulus>AQAB</Modulus></RSAKeyValue>").contains("<Exponent>"));
        assert!(
            err("<RSAKeyValue><Modulus>!!</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>")
                .contains("<Modulus> is not base64")
        );
        assert!(err("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n").contains("no -----END"));
        assert!(err("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").contains("CERTIFICATE"));
        assert!(
            err("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----")
                .contains("encrypted")
        );
    }
}
