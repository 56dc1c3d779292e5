//! Property tests: the markdown front-end returns a page or a diagnostic for any input, never a
//! panic. Inputs are arbitrary text, markdown-shaped line soups, and the real documentation pages
//! (docs-input/, and ../shared/ when present) with random edits.
//!
//! Bounded (256 cases per property) so it runs in `cargo test --workspace`; the cargo-fuzz target
//! `fuzz/fuzz_targets/parse_page.rs` explores the same function without a bound.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use superoffice_codegen::parse::{parse_document, parse_page};

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

/// The markdown pages the parser is meant for.
fn corpus() -> &'static [Vec<u8>] {
    static PAGES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in [root.join("docs-input"), root.join("../shared/corpus"), root.join("../shared/seeds")] {
            collect(&dir, &mut files);
        }
        files.sort();
        let pages: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
        assert!(!pages.is_empty(), "no pages under {}", root.join("docs-input").display());
        pages
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "md" || e == "txt") {
            out.push(p);
        }
    }
}

/// Pieces of the page syntax the parser looks at.
const FRAGMENTS: &[&str] = &[
    "---",
    "title: GET ChatSession/ForCurrentUser",
    "id: v1ChatSessionEntity_ChatSessionsForUser",
    "uid: x",
    "# ",
    "## ",
    "### ",
    "```",
    "```http",
    "```http!",
    "```http_",
    "```json",
    "GET /api/v1/ChatSession/{id}?$select={$select}",
    "POST /api/v1/ChatSession",
    "HTTP/1.1 200 OK",
    "Content-Type: application/json; charset=utf-8",
    "| Path Part | Type | Description |",
    "| Parameter Name | Type |  Description |",
    "| Property Name | Type | Description |",
    "| Response | Description |",
    "|----|------|--------------|",
    "|---|",
    "| id | int32 | **Required** The id |",
    "| 200 | OK |",
    "| | |",
    "|",
    "## Query String Parameters",
    "## Request Headers",
    "## Request Body: entity",
    "## Response: array",
    "Response body: array",
    "### Response body: ChatSessionEntity",
    "## BeforeChatSessionsForUser",
    "## AfterChatSessionsForUserAsync",
    "# ICustomerServiceAgent.ChatSessionsForUser",
    "void BeforeX(ref object eventState, Int32 id)",
    "[!include[ALT](../includes/x.md)]",
    "&amp;apos; &lt;b&gt; &#x1F4A5; &#99999999; &",
    "<br/><b>bold</b><",
    "{\"a\": [1, 2, {\"b\": null}]",
    "{",
    "}",
    "",
    "\t",
    "\r",
    "é 💥 \u{202e} \u{0}",
];

fn fragment_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => proptest::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
    ]
}

/// Characters weighted towards markdown punctuation.
fn markdownish_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::sample::select(&['|', '#', '`', '-', '*', '\n', ' ', ':', '{', '}', '[', ']', '!', '_', '&', ';', '<', '>', '\r', '\t'][..]),
        2 => proptest::char::range('a', 'z'),
        1 => any::<char>(),
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(Index, usize),
    Insert(Index, String),
    Truncate(Index),
    Byte(Index, u8),
    DuplicateRange(Index, usize),
    SwapLines(Index, Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), 1usize..200).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<Index>(), fragment_line()).prop_map(|(i, s)| Edit::Insert(i, s)),
        any::<Index>().prop_map(Edit::Truncate),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Byte(i, b)),
        (any::<Index>(), 1usize..400).prop_map(|(i, n)| Edit::DuplicateRange(i, n)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn apply(page: &[u8], edits: &[Edit]) -> String {
    let mut bytes = page.to_vec();
    for e in edits {
        let len = bytes.len();
        let at = |i: &Index| if len == 0 { 0 } else { i.index(len + 1) };
        match e {
            Edit::Delete(i, n) => {
                let start = at(i).min(len);
                bytes.drain(start..(start + n).min(len));
            }
            Edit::Insert(i, s) => {
                let start = at(i).min(len);
                bytes.splice(start..start, s.bytes().chain(std::iter::once(b'\n')));
            }
            Edit::Truncate(i) => bytes.truncate(at(i)),
            Edit::Byte(i, b) => {
                if len > 0 {
                    bytes[i.index(len)] = *b;
                }
            }
            Edit::DuplicateRange(i, n) => {
                let start = at(i).min(len);
                let copy: Vec<u8> = bytes[start..(start + n).min(len)].to_vec();
                bytes.splice(start..start, copy);
            }
            Edit::SwapLines(a, b) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let n = lines.len();
                lines.swap(a.index(n), b.index(n));
                bytes = lines.join("\n").into_bytes();
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn parse(text: &str) {
    let path = Path::new("docs/en/api/reference/restful/rest/ChatSession/proptest.md");
    let _ = parse_document(path, text);
    let _ = parse_page(path, text);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(chars in proptest::collection::vec(markdownish_char(), 0..2000)) {
        parse(&String::from_iter(chars));
    }

    #[test]
    fn markdown_shaped_lines_never_panic(lines in proptest::collection::vec(fragment_line(), 0..80)) {
        parse(&lines.join("\n"));
    }

    #[test]
    fn edited_documentation_pages_never_panic(
        page in any::<Index>(),
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let pages = corpus();
        parse(&apply(&pages[page.index(pages.len())], &edits));
    }
}

#[test]
fn every_corpus_page_parses_without_panicking() {
    for page in corpus() {
        parse(&String::from_utf8_lossy(page));
    }
}
