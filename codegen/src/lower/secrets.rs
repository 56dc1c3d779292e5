//! Which model members carry credentials, so the emitted `Debug` never shows them.
//!
//! A member is secret when its schema says `format: password`, or when it holds text
//! ([`TypeRef::String`]) and its JSON name (ignoring case and `_`) names a credential:
//!
//! - it contains `password`, `passwd`, `secret`, `apikey`, `privatekey`, `accesskey`,
//!   `sessionkey`, `credentialvalue`, or ends with `token` (`Token`, `RefreshToken`,
//!   `AccessToken`);
//! - it is exactly `ticket`, `credentials` or `credential` (a SuperOffice ticket is a
//!   credential; `TicketId` and friends are numbers and never match).
//!
//! Only text members can match: `UsePassword` (a flag), `TicketId` (a number) and
//! `TokenManagementInfo` (an object) stay visible. A value is still sent and received as usual;
//! only `Debug` prints `<redacted>` for it.

use crate::ir::{Api, TypeRef};

/// Name fragments (lower case, without `_`) that mark a text member as a credential.
const CONTAINS: [&str; 8] =
    ["password", "passwd", "secret", "apikey", "privatekey", "accesskey", "sessionkey", "credentialvalue"];
/// Whole names (lower case, without `_`) that are credentials when they hold text.
const EXACT: [&str; 3] = ["ticket", "credentials", "credential"];

/// Whether a member called `json_name` holding `ty` is a credential by its name.
pub fn is_secret_name(json_name: &str, ty: &TypeRef) -> bool {
    if !matches!(ty, TypeRef::String) {
        return false;
    }
    let name: String = json_name.chars().filter(|c| *c != '_' && *c != '-').collect::<String>().to_ascii_lowercase();
    CONTAINS.iter().any(|s| name.contains(s)) || name.ends_with("token") || EXACT.contains(&name.as_str())
}

/// Marks every secret member of every model (keeping marks set from `format: password`).
pub fn mark(api: &mut Api) {
    for model in api.models.values_mut() {
        for field in &mut model.fields {
            field.secret = field.secret || is_secret_name(&field.json_name, &field.ty);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_found_by_name_and_type() {
        for name in [
            "Password",
            "OldPassword",
            "NewPassword",
            "Secret",
            "SecretValue",
            "SecretKey",
            "RefreshToken",
            "Token",
            "ApiKey",
            "api_key",
            "PrivateKey",
            "AccessKey",
            "SessionKey",
            "CredentialValue",
            "Ticket",
            "Credentials",
        ] {
            assert!(is_secret_name(name, &TypeRef::String), "{name}");
        }
        for name in ["TicketId", "CredentialType", "CredentialDisplayValue", "PublicKey", "Key", "TokenManagementInfo"]
        {
            assert!(!is_secret_name(name, &TypeRef::String), "{name}");
        }
        assert!(!is_secret_name("UseStoredPassword", &TypeRef::Bool));
        assert!(!is_secret_name("Ticket", &TypeRef::I32));
        assert!(!is_secret_name("Password", &TypeRef::Model("Password".into())));
    }
}
