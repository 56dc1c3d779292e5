//! Turning documented names into Rust identifiers.

/// `ChatSessionId` -> `chat_session_id`, `odata.nextLink` -> `odata_next_link`, `$select` -> `select`,
/// `_Links` -> `links`, `URLName` -> `url_name`, `SO-TimeZone` -> `so_time_zone`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary && !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    let trimmed = out.trim_matches('_').to_string();
    let ident = if trimmed.is_empty() { "value".to_string() } else { trimmed };
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{ident}")
    } else {
        ident
    }
}

/// `chat_session` / `chatSession` / `Chat session` -> `ChatSession`; keeps inner capitals
/// (`ChatSessionEntity` stays as it is).
pub fn pascal_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper_next = true;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            upper_next = true;
            continue;
        }
        if upper_next {
            out.push(c.to_ascii_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out.is_empty() {
        "Value".to_string()
    } else {
        out
    }
}

/// Whether `s` is a Rust keyword that needs a raw identifier (`r#type`).
pub fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// A snake-case identifier that is never a keyword (`type` -> `kind`-free: `r#type` is avoided by
/// appending `_`, e.g. `type_`).
pub fn field_ident(name: &str) -> String {
    let s = snake_case(name);
    if is_keyword(&s) {
        format!("{s}_")
    } else {
        s
    }
}

/// Naive English singular used to name map values (`FieldProperties` -> `FieldProperty`).
pub fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = name.strip_suffix("sses") {
        format!("{stem}ss")
    } else if let Some(stem) = name.strip_suffix('s') {
        stem.to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_cases_documented_names() {
        assert_eq!(snake_case("ChatSessionId"), "chat_session_id");
        assert_eq!(snake_case("URLName"), "url_name");
        assert_eq!(snake_case("URL"), "url");
        assert_eq!(snake_case("odata.nextLink"), "odata_next_link");
        assert_eq!(snake_case("$select"), "select");
        assert_eq!(snake_case("_Links"), "links");
        assert_eq!(snake_case("SO-TimeZone"), "so_time_zone");
        assert_eq!(snake_case("Post1"), "post1");
        assert_eq!(snake_case("EjUserId"), "ej_user_id");
        assert_eq!(snake_case("ForCurrentUser"), "for_current_user");
        assert_eq!(snake_case("$jsonSafe"), "json_safe");
        assert_eq!(snake_case(""), "value");
    }

    #[test]
    fn field_idents_avoid_keywords() {
        assert_eq!(field_ident("Type"), "type_");
        assert_eq!(field_ident("Name"), "name");
    }

    #[test]
    fn pascal_and_singular() {
        assert_eq!(pascal_case("chat_session"), "ChatSession");
        assert_eq!(pascal_case("ChatSessionEntity"), "ChatSessionEntity");
        assert_eq!(singular("FieldProperties"), "FieldProperty");
        assert_eq!(singular("Sessions"), "Session");
    }
}
