//! The JSON path at a position in a document: where a decode error happened, named from the
//! error's line and column (`[1].WhenStarted`, `value[3].Name`, `.` for the document itself).
//!
//! Not generic: naming the path costs one scan of the text up to the error, instead of a second,
//! path-tracking decoder compiled for every output type.

/// One open container on the way to the position.
enum Frame {
    /// An object: the key of the member being read (`None` before the first key, or between a
    /// `,` and the next key), and whether a key is expected next.
    Object { key: Option<String>, expecting_key: bool },
    /// An array: how many elements have started, and whether a value is expected next.
    Array { started: usize, expecting_value: bool },
}

/// The path of the value at line `line`, column `column` (serde_json's numbering: lines from 1,
/// columns in bytes from 1, 0 at the start of a line) of `body`, in the form
/// `[1].Id`: keys joined by `.`, indexes in brackets, `.` for the document itself.
///
/// A position on a container's closing bracket names the container (an error found when an
/// object ends, such as a missing member, belongs to the object). Positions past the end are
/// taken as the end.
pub(crate) fn path_at(body: &[u8], line: usize, column: usize) -> String {
    let end = offset(body, line, column);
    let mut frames: Vec<Frame> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    // Start of the key string being read, when the string is a key.
    let mut key_start: Option<usize> = None;
    let mut closing_here = false;
    for (i, &b) in body.iter().enumerate().take(end.saturating_add(1)) {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                if let (Some(start), Some(Frame::Object { key, .. })) = (key_start.take(), frames.last_mut()) {
                    let raw = body.get(start..i).unwrap_or_default();
                    *key = Some(String::from_utf8_lossy(raw).into_owned());
                }
            }
            continue;
        }
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = frames.last_mut() {
                    *expecting_key = false;
                }
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::Array { expecting_value, .. }) => *expecting_value = true,
                None => {}
            },
            b'}' | b']' => {
                if i == end {
                    closing_here = true;
                } else {
                    frames.pop();
                }
            }
            _ => {
                let is_key = matches!(frames.last(), Some(Frame::Object { expecting_key: true, .. })) && b == b'"';
                if !is_key {
                    value_starts(&mut frames);
                }
                match b {
                    b'"' => {
                        in_string = true;
                        key_start = is_key.then_some(i.saturating_add(1));
                    }
                    b'{' => frames.push(Frame::Object { key: None, expecting_key: true }),
                    b'[' => frames.push(Frame::Array { started: 0, expecting_value: true }),
                    // Numbers, `true`, `false`, `null`: nothing to track.
                    _ => {}
                }
            }
        }
    }
    render(&frames, closing_here)
}

/// A value starts in the innermost container: an array counts it (once per element, not per
/// character of a number).
fn value_starts(frames: &mut [Frame]) {
    if let Some(Frame::Array { started, expecting_value }) = frames.last_mut() {
        if *expecting_value {
            *started = started.saturating_add(1);
            *expecting_value = false;
        }
    }
}

/// The byte offset of (line, column), clamped to the last byte.
fn offset(body: &[u8], line: usize, column: usize) -> usize {
    let mut line_start = 0;
    if line > 1 {
        let newline = body.iter().enumerate().filter(|&(_, &b)| b == b'\n').nth(line.saturating_sub(2));
        line_start = match newline {
            Some((i, _)) => i.saturating_add(1),
            None => body.len(),
        };
    }
    line_start.saturating_add(column.saturating_sub(1)).min(body.len().saturating_sub(1))
}

fn render(frames: &[Frame], closing_last: bool) -> String {
    let mut path = String::new();
    let last = frames.len().saturating_sub(1);
    for (depth, frame) in frames.iter().enumerate() {
        match frame {
            // An object whose closing brace is the position is named itself, not its last member.
            Frame::Object { .. } if closing_last && depth == last => {}
            Frame::Object { key: Some(key), expecting_key: false } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            // After a `,` the next element is expected: a failure there (`[1,]`) is that element's.
            Frame::Array { started, expecting_value: true } if *started > 0 => push_index(&mut path, *started),
            Frame::Array { .. } if closing_last && depth == last => {}
            Frame::Array { started, .. } if *started > 0 => push_index(&mut path, started.saturating_sub(1)),
            _ => {}
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

fn push_index(path: &mut String, index: usize) {
    path.push('[');
    path.push_str(&index.to_string());
    path.push(']');
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// The path serde_json's own error position names, for `T` decoded from `json`.
    fn path_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let e = serde_json::from_str::<T>(json).unwrap_err();
        path_at(json.as_bytes(), e.line(), e.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Row {
        #[serde(rename = "Id")]
        id: Option<i32>,
        #[serde(rename = "Name")]
        name: Option<String>,
        #[serde(rename = "Tags")]
        tags: Option<Vec<i32>>,
        #[serde(rename = "Inner")]
        inner: Option<Box<Row>>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Strict {
        #[serde(rename = "Must")]
        must: i32,
    }

    #[test]
    fn names_the_member_and_element_of_a_wrong_value() {
        assert_eq!(path_of::<Vec<Row>>("[{\"Id\": 1},\n {\"Id\": \"two\"}]"), "[1].Id");
        assert_eq!(path_of::<Row>(r#"{"Name": "a", "Id": 1.5}"#), "Id");
        assert_eq!(path_of::<Row>(r#"{"Tags": [1, 2, 30000000000]}"#), "Tags[2]");
        assert_eq!(path_of::<Row>(r#"{"Inner": {"Inner": {"Name": 7}}}"#), "Inner.Inner.Name");
        assert_eq!(path_of::<Row>(r#"{"Id": 1, "Inner": {"Tags": [1, "x"]}}"#), "Inner.Tags[1]");
    }

    #[test]
    fn a_wrong_container_is_named_by_its_member() {
        assert_eq!(path_of::<Row>(r#"{"Id": {"a": 1}}"#), "Id");
        assert_eq!(path_of::<Row>(r#"{"Name": [1, 2]}"#), "Name");
        assert_eq!(path_of::<Vec<Row>>(r#"[{}, 5]"#), "[1]");
    }

    #[test]
    fn a_missing_member_is_named_by_its_object() {
        assert_eq!(path_of::<Vec<Strict>>(r#"[{"Must": 1}, {"Other": 2}]"#), "[1]");
        assert_eq!(path_of::<Strict>(r#"{"Other": 2}"#), ".");
    }

    #[test]
    fn keys_with_escapes_and_strings_with_brackets_do_not_confuse_it() {
        assert_eq!(path_of::<Row>(r#"{"Name": "}],{\"", "Id": "x"}"#), "Id");
        assert_eq!(path_of::<Vec<Row>>(r#"[{"Name": "a,b"}, {"Name": "[", "Tags": ["q"]}]"#), "[1].Tags[0]");
    }

    #[test]
    fn a_missing_element_after_a_comma_is_named_by_its_index() {
        assert_eq!(path_of::<Row>(r#"{"Tags": [1, ]}"#), "Tags[1]");
        assert_eq!(path_of::<Row>(r#"{"Unknown": {"a": [1,}}"#), "Unknown.a[1]");
    }

    #[test]
    fn truncated_documents_and_trailing_text_name_what_was_open() {
        assert_eq!(path_of::<Vec<Row>>(r#"[{"Id": 1}, {"Name": "abc"#), "[1].Name");
        assert_eq!(path_of::<Vec<Row>>("[] []"), ".");
        assert_eq!(path_of::<Row>(""), ".");
    }

    #[test]
    fn any_position_is_safe() {
        let body = br#"{"a": [1, {"b": "\"}"}], "c": 2}"#;
        for line in 0..4 {
            for column in 0..body.len() + 3 {
                let _ = path_at(body, line, column);
            }
        }
        assert_eq!(path_at(b"", 1, 1), ".");
        assert_eq!(path_at(b"\xff\xfe{", 9, 9), ".");
    }
}
