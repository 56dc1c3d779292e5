//! Parses every page of the documentation corpus and checks specific values of a few pages, the
//! generic document layer, and the diagnostics for bad input.
//!
//! The corpus lives in `shared/` beside the workspace (`../shared` from the workspace root); set
//! `SO_SHARED_DIR` to point elsewhere. Bad-input tests use inline strings.

use std::path::{Path, PathBuf};
use superoffice_codegen::parse::{parse_document, parse_page, Block, BodySection, CsParam};
use superoffice_codegen::parse::{HttpSample, Page, ParamRow, RestPage, ScriptingEvent, ScriptingPage};

fn shared_dir() -> PathBuf {
    std::env::var_os("SO_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
}

/// Files under `dir` (recursively) whose extension is `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let (mut out, mut stack) = (Vec::new(), vec![dir.to_path_buf()]);
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for p in entries.map(|e| e.expect("dir entry").path()) {
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn parse_file(path: &Path) -> Page {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_page(path, &text).unwrap_or_else(|d| panic!("{d}"))
}

/// A REST page: `seed:<prefix>` for a seed, otherwise a path under `corpus/`.
fn rest(name: &str) -> RestPage {
    match parse_file(&page_path(name)) {
        Page::Rest(p) => *p,
        other => panic!("{name}: expected a REST page, got {other:?}"),
    }
}

fn scripting(name: &str) -> ScriptingPage {
    match parse_file(&page_path(name)) {
        Page::Scripting(p) => p,
        other => panic!("{name}: expected a scripting page, got {other:?}"),
    }
}

fn page_path(name: &str) -> PathBuf {
    let Some(prefix) = name.strip_prefix("seed:") else {
        return shared_dir().join("corpus").join(name);
    };
    let seeds = files(&shared_dir().join("seeds"), "txt");
    let found = seeds.into_iter().find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)));
    found.unwrap_or_else(|| panic!("no seed {prefix}*"))
}

/// One line per part of the page: `name:type` lists, `!` marking required parameters.
fn summary(p: &RestPage) -> String {
    let params = |rows: &[ParamRow]| -> String {
        let cells = rows.iter().map(|r| format!("{}:{}{}", r.name, r.ty, if r.required { "!" } else { "" }));
        cells.collect::<Vec<_>>().join(",")
    };
    let body = |b: &Option<BodySection>| match b {
        Some(b) => format!("{}({})@{}", b.name, b.properties.len(), b.span.line),
        None => "-".to_string(),
    };
    let sample = |s: &Option<HttpSample>| match s {
        Some(s) => format!("{}@{}", s.start_line, s.span.line),
        None => "-".to_string(),
    };
    let statuses: Vec<String> = p.responses.iter().map(|r| r.status.to_string()).collect();
    let (op, method, path, line) = (&p.operation_id, &p.method, &p.path, p.path_span.line);
    let (request, response) = (body(&p.request_body), body(&p.response_body));
    let samples = (sample(&p.sample_request), sample(&p.sample_response));
    [
        format!("{op} {method} {path}@{line}"),
        format!("path: {}", params(&p.path_params)),
        format!("query: {}", params(&p.query_params)),
        format!("headers: {}", p.headers.len()),
        format!("request: {request}"),
        format!("responses: {} body: {response}", statuses.join(",")),
        format!("samples: {} / {}", samples.0, samples.1),
    ]
    .join("\n")
}

/// Asserts that the page's [`summary`] contains `part`.
fn assert_summary(p: &RestPage, part: &str) {
    let s = summary(p);
    assert!(s.contains(part), "{part:?} not in\n{s}");
}

/// One line per event: `Kind Name@line(params)`.
fn events(p: &ScriptingPage) -> Vec<String> {
    let param = |c: &CsParam| format!("{}{} {}", if c.by_ref { "ref " } else { "" }, c.ty, c.name);
    let event = |e: &ScriptingEvent| {
        let params: Vec<String> = e.params.iter().map(param).collect();
        let (kind, name, line) = (e.kind, &e.name, e.span.line);
        format!("{kind:?} {name}@{line}({})", params.join(", "))
    };
    p.events.iter().map(event).collect()
}

#[test]
fn every_page_parses() {
    // Seeds are `.txt`; corpus pages are `.md` (the corpus' `.txt` files are indexes, not pages).
    let mut found = files(&shared_dir().join("seeds"), "txt");
    found.extend(files(&shared_dir().join("corpus"), "md"));
    found.extend(files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input"), "md"));
    assert!(found.len() >= 50, "corpus not found under {}: {found:?}", shared_dir().display());
    let (mut rest_pages, mut scripting_pages) = (0, 0);
    for path in &found {
        match parse_file(path) {
            Page::Rest(p) => {
                assert!(!p.method.is_empty() && !p.operation_id.is_empty(), "{p:?}");
                assert!(p.path.starts_with("/api/") && !p.responses.is_empty(), "{}", path.display());
                rest_pages += 1;
            }
            Page::Scripting(p) => {
                assert_eq!(p.events.len(), 3, "{}", path.display());
                scripting_pages += 1;
            }
        }
    }
    assert_eq!(rest_pages + scripting_pages, found.len());
    assert!(rest_pages > 30 && scripting_pages > 20, "{rest_pages} REST, {scripting_pages} scripting");
}

#[test]
fn seed_for_current_user() {
    let p = rest("seed:002_");
    let want = "v1ChatSessionEntity_ChatSessionsForUser GET /api/v1/ChatSession/ForCurrentUser@8
path: \nquery: \nheaders: 8\nrequest: -\nresponses: 200 body: array(32)@43
samples: GET /api/v1/ChatSession/ForCurrentUser@82 / HTTP/1.1 200 OK@89";
    assert_eq!(summary(&p), want);
    assert_eq!(p.title.as_deref(), Some("GET ChatSession/ForCurrentUser"));
    assert!(p.description.starts_with("Get all chat sessions which this user is a member of.\n\nMembers means"));
    assert!(p.headers.iter().any(|h| h.name == "SO-TimeZone" && h.ty.is_empty()));
    let accept = p.headers.iter().find(|h| h.name == "Accept").expect("Accept");
    assert!(accept.description.contains(": application/json, text/json,"), "{}", accept.description);
    let props = p.response_body.as_ref().map(|b| b.properties.as_slice()).unwrap_or_default();
    let prop = |n: &str| props.iter().find(|r| r.name == n).unwrap_or_else(|| panic!("{n}"));
    assert_eq!((prop("User").ty.as_str(), prop("ChatSessionId").ty.as_str()), ("", "int32"));
    assert_eq!(prop("ChatSessionId").span.line, 47);
    let fetched = &prop("WhenFetched").description;
    assert!(fetched.contains("customer's client") && fetched.contains("'dead'"), "{fetched}");
    let req = p.sample_request.as_ref().expect("sample request");
    assert_eq!((req.headers.len(), &req.body), (3, &None));
    let resp = p.sample_response.as_ref().expect("sample response");
    let content_type = ("Content-Type".to_string(), "application/json; charset=utf-8".to_string());
    assert_eq!(resp.headers, [content_type]);
    let first = resp.body.as_ref().and_then(|b| b.as_array()?.first()).expect("array body");
    assert_eq!(first["ChatSessionId"], 938);
}

#[test]
fn patch_chat_session_entity() {
    let p = rest("rest/ChatSession/v1ChatSessionEntity_PatchChatSessionEntity.md");
    let want = "v1ChatSessionEntity_PatchChatSessionEntity PATCH /api/v1/ChatSession/{id}@9
path: id:int32!\nquery: $select:string\nheaders: 9\nrequest: changes(3)@75
responses: 200,404,409,412 body: ChatSessionEntityWithLinks(34)@96
samples: PATCH /api/v1/ChatSession/{id}@137 / HTTP/1.1 200 ChatSessionEntity  updated.@160";
    assert_eq!(summary(&p), want);
    assert!(p.description.contains("See RFC6902 and RFC 7396."), "{}", p.description);
    assert!(p.description.ends_with("Calls the {SuperOffice.CRM.Services.IChatAgent} service SaveChatSessionEntity."));
    let id = p.path_params.first().expect("path param");
    assert_eq!((id.description.as_str(), id.span.line), ("The ChatSessionEntity  id to update.", 47));
    let req = p.request_body.as_ref().expect("request body");
    assert!(req.description.starts_with("JSON-Patch array of operations"));
    assert_eq!(req.properties.first().map(|r| (r.name.as_str(), r.ty.as_str())), Some(("op", "String")));
    let links = p.response_body.iter().flat_map(|b| &b.properties).find(|r| r.name == "_Links");
    assert_eq!(links.map(|r| (r.ty.as_str(), r.description.as_str())), Some(("object", "")));
    let sample = p.sample_request.as_ref().and_then(|s| s.body.as_ref()).expect("request body sample");
    assert_eq!(sample.as_array().map(Vec::len), Some(2));
}

#[test]
fn get_all_query_params() {
    let p = rest("rest/ChatSession/v1ChatSessionEntity_GetAll.md");
    let want = "path: \nquery: $select:string,$filter:string,$orderBy:string,$entities:string,$top:int32,\
$skip:int32,$mode:Enum: Slim, Wide, Full,$options:string,$context:string,$format:string,$jsonSafe:bool,\
$output:Enum: Logical, Display";
    assert_summary(&p, want);
    assert_summary(&p, "body: ODataSlimResponse(3)@107");
    let list = "* ChatSession?$select=col1,col2,abc/col3\n* ChatSession?$filter=";
    assert!(p.description.contains(list), "{}", p.description);
    assert!(!p.description.contains("Filter Operators"));
}

#[test]
fn small_corpus_pages() {
    let p = rest("rest/ChatTopic/v1ChatTopicEntity_IsWithinOpeningHours.md");
    assert!(summary(&p).contains("GET /api/v1/ChatTopic/{chatTopicId}/IsOpen@9\npath: chatTopicId:int32!\n"));
    assert_summary(&p, "responses: 200 body: bool(0)@50\n");
    let sample = p.sample_response.as_ref().and_then(|s| s.body.clone());
    assert_eq!(sample, Some(serde_json::Value::Bool(false)));

    let p = rest("rest/ChatSession/v1ChatSessionEntity_DeleteChatSessionEntity.md");
    let want = "headers: 4\nrequest: -\nresponses: 204 body: TimeZoneData(0)@48\nsamples: - / -";
    assert!(summary(&p).ends_with(want), "{}", summary(&p));

    let p = rest("rest/ChatSession/v1ChatSessionEntity_AddChatMessage.md");
    assert_summary(&p, "request: message(9)@40\n");
    assert_eq!(p.request_body.map(|b| b.description), Some("Message to add".to_string()));
}

#[test]
fn scripting_pages() {
    let p = scripting("seed:000_");
    let head = (p.agent.as_str(), p.method.as_str(), p.span.line, p.uid.as_deref());
    let uid = Some("ICustomerServiceAgent-ChatSessionsForUser");
    assert_eq!(head, ("ICustomerServiceAgent", "ChatSessionsForUser", 14, uid));
    let want = [
        "Before BeforeChatSessionsForUser@18(ref object eventState)",
        "After AfterChatSessionsForUser@28(ref ChatSession[] returnValue, ref object eventState)",
        "AfterAsync AfterChatSessionsForUserAsync@38(ref ChatSession[] returnValue, ref object eventState)",
    ];
    assert_eq!(events(&p), want);
    let after = p.events.get(1).map(|e| e.description.as_str()).unwrap_or_default();
    assert!(after.starts_with("Executes after the service method has been invoked."));
    assert!(after.contains("through the eventState parameter."), "{after}");

    let p = scripting("scripting/chatagent__chatsessionsforuserasync.md");
    assert_eq!((p.agent.as_str(), p.method.as_str()), ("ChatAgent", "ChatSessionsForUserAsync"));
    let want = [
        "Before BeforeChatSessionsForUserAsync@14(CancellationToken cancellationToken, ref object eventState)",
        "After AfterChatSessionsForUserAsync@25(CancellationToken cancellationToken, ref Task`1 returnValue, ref object eventState)",
        "AfterAsync AfterChatSessionsForUserAsyncAsync@36(CancellationToken cancellationToken, ref Task`1 returnValue, ref object eventState)",
    ];
    assert_eq!(events(&p), want);
}

/// One line per block: `line:kind:text`; tables as `line:cells/source_cells` per row.
fn blocks(text: &str) -> Vec<String> {
    let doc = parse_document(Path::new("t.md"), text).expect("document");
    let one = |b: &Block| match b {
        Block::Heading { level, text, line } => format!("{line}:h{level}:{text}"),
        Block::Paragraph { text, line } => format!("{line}:p:{text}"),
        Block::ListItem { text, line } => format!("{line}:li:{text}"),
        Block::Code { info, text, line } => format!("{line}:code {info}:{text}"),
        Block::Html { html, line } => format!("{line}:html:{html}"),
        Block::Table(t) => {
            let rows = t.rows.iter().map(|r| {
                let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
                format!(" {}:{}/{}", r.line, cells.join("|"), r.source_cells)
            });
            format!("{}:table:{}{}", t.line, t.header.join("|"), rows.collect::<String>())
        }
    };
    let front = doc.front_matter.iter().map(|(k, v)| format!("{k}={v}"));
    front.chain(doc.blocks.iter().map(one)).collect()
}

#[test]
fn document_blocks_lines_and_text() {
    let got = blocks("---\ntitle: \"T\"\nid: x\nkeywords:\n  - a\n---\n\n# Head ##\n\nSee <a href=\"u\">RFC</a> `c&amp;` **b** &amp;amp;apos;\nnext\n\n* one\n* two\n\n```http!\nGET /x\n```\n\n| A | B |\n|---|---|\n| 1 |  |\n| 2 | z | extra |\n<div>\nx\n</div>\n\n| C | D | E |\n|-|-|-|\n| x | y |\n| a \\| b | `c` | &amp;lt;d&amp;gt; &#39; |\n");
    let want = [
        "id=x",
        "title=T",
        "8:h1:Head",
        "10:p:See RFC c&amp; b '\nnext",
        "13:li:one",
        "14:li:two",
        "16:code http!:GET /x\n",
        "20:table:A|B 22:1|/2 23:2|z/3",
        "24:html:<div>\nx\n</div>\n",
        "28:table:C|D|E 30:x|y|/2 31:a | b|c|<d> '/3",
    ];
    assert_eq!(got, want);
}

const GOOD: &str = "---\nuid: op\n---\n\n# T\n\n```http\nGET /api/v1/X/{id}?$select=a\n```\n\nDoes X.\n\n| Path Part | Type | Description |\n|-----|-----|-----|\n| id | int32 | The id. **Required** |\n\n## Response:\n\n| Response | Description |\n|---|---|\n| 200 | OK |\n\n## Sample response\n\n```http_\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"a\": 1\n}\n```\n";

fn err_of(text: &str) -> String {
    match parse_page(Path::new("bad.md"), text) {
        Ok(p) => panic!("expected an error, got {p:?}"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn good_inline_page() {
    let Ok(Page::Rest(p)) = parse_page(Path::new("good.md"), GOOD) else { panic!("GOOD must parse") };
    let want = "op GET /api/v1/X/{id}@7\npath: id:int32!\nquery: \nheaders: 0\nrequest: -\nresponses: 200 body: -\nsamples: - / HTTP/1.1 200 OK@25";
    assert_eq!((summary(&p).as_str(), p.description.as_str()), (want, "Does X."));
}

#[test]
fn missing_http_block_or_id() {
    let e = err_of(&GOOD.replace("```http\n", "```text\n"));
    assert_eq!(e, "bad.md:5: no ```http block with the endpoint's method and path");
    let e = err_of(&GOOD.replace("uid: op", "name: op"));
    assert!(e.starts_with("bad.md:1: ") && e.contains("uid"), "{e}");
    let e = err_of(&GOOD.replace("GET /api", "GET api"));
    assert!(e.starts_with("bad.md:8: ") && e.contains("METHOD /path"), "{e}");
}

#[test]
fn malformed_table_rows() {
    let e = err_of(&GOOD.replace("| id | int32 | The id. **Required** |", "| id | int32 |"));
    assert_eq!(e, "bad.md:15: malformed table row: expected 3 cells, found 2");
    let e = err_of(&GOOD.replace("| 200 | OK |", "| 200 | OK | extra |"));
    assert_eq!(e, "bad.md:21: malformed table row: expected 2 cells, found 3");
}

#[test]
fn invalid_json_in_sample() {
    // The body's `{` is on line 29 and `"a": 1` on line 30.
    let e = err_of(&GOOD.replace("\"a\": 1", "\"a\" 1"));
    assert!(e.starts_with("bad.md:30: invalid JSON in sample body"), "{e}");
    let e = err_of(&GOOD.replace("\n}\n```", "\n```"));
    assert!(e.starts_with("bad.md:30: invalid JSON in sample body"), "{e}");
}

#[test]
fn non_numeric_status() {
    let e = err_of(&GOOD.replace("| 200 | OK |", "| OK | 200 |"));
    assert_eq!(e, "bad.md:21: invalid HTTP status code `OK` in the response table");
}

#[test]
fn scripting_errors() {
    let e =
        err_of("# A.M\n\n## BeforeM\n```cs\nstatic void BeforeM(ref object eventState);\n```\n\n## AfterM\n\ntext\n");
    assert_eq!(e, "bad.md:8: event section `AfterM` has no ```cs signature block");
    let e = err_of("# NoDot\n\n## BeforeX\n```cs\nstatic void BeforeX();\n```\n");
    assert!(e.starts_with("bad.md:1: expected `# Agent.Method`"), "{e}");
    let e = err_of("# A.M\n\n## BeforeM\n```cs\nstatic void BeforeN();\n```\n");
    assert!(e.starts_with("bad.md:5: signature is for `BeforeN`"), "{e}");
}

#[test]
fn garbage_never_panics() {
    let odd = [
        "",
        "---",
        "|",
        "| a |\n|",
        "```http\nGET\n```",
        "# A.B\n## Before\n```cs\n(\n```",
        "\u{feff}# é\r\n\r\n| é | ü |\r\n|-|-|\r\n| ä |",
    ];
    // Every prefix of a valid page, cut at char boundaries, and the odd inputs above.
    let prefixes = GOOD.char_indices().map(|(i, _)| GOOD.get(..i).unwrap_or_default());
    for text in odd.into_iter().chain(prefixes) {
        let _ = parse_page(Path::new("g.md"), text);
    }
}
