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

/// Vendor descriptions made safe for rustdoc, line by line (see [`escape`]).
pub fn vendor(text: &str) -> String {
    text.lines().map(escape).collect::<Vec<_>>().join("\n")
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
    fn escapes_markup_but_not_code() {
        assert_eq!(escape("a [b] <c> `x[0]` d_e"), r"a \[b\] \<c\> `x[0]` d_e");
        assert_eq!(
            escape("see https://tools.ietf.org/html/rfc6902 now"),
            "see <https://tools.ietf.org/html/rfc6902> now"
        );
    }
}
