//! Doc text from the vendor's descriptions -> `#[doc]` attributes that rustdoc renders cleanly.

use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc = "..."]` per line of text written by the generator (markdown kept as is); empty
/// text gives nothing. Vendor text goes through [`vendor`] first.
pub fn doc_attrs(text: &str) -> TokenStream {
    let text = text.trim();
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| {
        let l = l.trim_end();
        let line = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// Joins paragraphs with blank lines, skipping empty ones.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n")
}

/// Vendor descriptions made readable and safe for rustdoc: .NET XML-doc markup is turned into
/// text ([`xml_doc_to_text`]), then each line is escaped ([`escape`]).
pub fn vendor(text: &str) -> String {
    let text = xml_doc_to_text(text);
    let mut in_fence = false;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("```") {
                in_fence = !in_fence;
                l.trim().to_string()
            } else if in_fence {
                l.trim_end().to_string()
            } else {
                escape(l.trim())
            }
        })
        .collect();
    lines.join("\n").trim().to_string()
}

/// `<see cref="T:A.B.IChatAgent">Chat Agent</see>` -> `Chat Agent`; `<see cref="M:A.B.C"/>` ->
/// `` `C` ``; `<para/>` -> paragraph break; `<c>x</c>` -> `` `x` ``; `{SuperOffice.CRM.X.Y}` ->
/// `` `Y` ``. Anything else is left for [`escape`].
pub fn xml_doc_to_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(['<', '{']) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        if let Some((replacement, consumed)) = markup_at(from) {
            out.push_str(&replacement);
            rest = from.get(consumed..).unwrap_or_default();
        } else {
            let mut chars = from.chars();
            if let Some(c) = chars.next() {
                out.push(c);
            }
            rest = chars.as_str();
        }
    }
    out.push_str(rest);
    out
}

/// Recognises one piece of markup at the start of `s`: its text form and its length in bytes.
fn markup_at(s: &str) -> Option<(String, usize)> {
    if let Some(inner) = s.strip_prefix('{') {
        let end = inner.find('}')?;
        let name = inner.get(..end)?;
        if name.starts_with("SuperOffice.") && !name.contains(char::is_whitespace) {
            return Some((format!("`{}`", last_segment(name)), end + 2));
        }
        return None;
    }
    let end = s.find('>')?;
    let tag = s.get(1..end)?.trim();
    let after = end + 1;
    if tag.trim_end_matches('/').trim() == "para" || tag == "/para" {
        return Some(("\n\n".to_string(), after));
    }
    if tag == "c" {
        let close = s.get(after..)?.find("</c>")?;
        let code = s.get(after..after + close)?;
        return Some((format!("`{code}`"), after + close + 4));
    }
    if let Some(attrs) = tag.strip_prefix("see ").or_else(|| tag.strip_prefix("seealso ")) {
        let cref = attrs.split('"').nth(1).unwrap_or_default();
        if tag.ends_with('/') {
            return Some((format!("`{}`", last_segment(cref)), after));
        }
        let element = if tag.starts_with("seealso") { "</seealso>" } else { "</see>" };
        let close = s.get(after..)?.find(element)?;
        let text = s.get(after..after + close)?.trim();
        let text = if text.is_empty() { format!("`{}`", last_segment(cref)) } else { text.to_string() };
        return Some((text, after + close + element.len()));
    }
    None
}

/// `T:SuperOffice.CRM.Services.IChatAgent` -> `IChatAgent`.
fn last_segment(name: &str) -> &str {
    let name = name.rsplit(':').next().unwrap_or(name);
    name.rsplit('.').next().unwrap_or(name)
}

/// Escapes what rustdoc would read as links or HTML (`[x]`, `<see cref=...>`, `{Type}`) and
/// wraps bare URLs in `<...>`.
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest.find(|c: char| c.is_whitespace() || c == '"' || c == ')').unwrap_or(rest.len());
            let (url, tail) = rest.split_at(end);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = tail;
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        match c {
            '[' | ']' | '<' | '>' if !in_code(&out) => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    out
}

/// Whether we are inside an inline code span (odd number of backticks so far).
fn in_code(s: &str) -> bool {
    s.matches('`').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_doc_markup_becomes_text() {
        assert_eq!(
            vendor("Carrier. <para /> Services from the <see cref=\"T:SuperOffice.CRM.Services.IChatAgent\">Chat Agent</see>."),
            "Carrier.\n\nServices from the Chat Agent."
        );
        assert_eq!(
            vendor("Use {SuperOffice.CRM.Services.Associate.CustomFields} instead"),
            "Use `CustomFields` instead"
        );
        assert_eq!(vendor("See <see cref=\"M:A.B.Save\"/> and <c>x<y</c>"), "See `Save` and `x<y`");
        assert_eq!(vendor("a {b} <unclosed"), "a {b} \\<unclosed");
        assert_eq!(vendor("x [y]\n```text\n[ { \"op\": 1 } ]\n```"), "x \\[y\\]\n```text\n[ { \"op\": 1 } ]\n```");
    }

    #[test]
    fn escapes_markup_but_not_code() {
        assert_eq!(escape("a [b] <c> `x[0]` d_e"), r"a \[b\] \<c\> `x[0]` d_e");
        assert_eq!(
            escape("see https://tools.ietf.org/html/rfc6902 now"),
            "see <https://tools.ietf.org/html/rfc6902> now"
        );
    }
}
