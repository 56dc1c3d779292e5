//! One page of an OData list ([`Page`]) and its dynamic rows ([`Row`]) with typed accessors.

use std::fmt;

use serde_json::{Map, Value};

use crate::DateTime;
use crate::error::DecodeError;

/// One page of an OData list: the rows, and the server's `odata.nextLink` if it gave one.
///
/// The WebAPI answers `GET /api/v1/<Entity>` with `{"odata.metadata": ..., "odata.nextLink": ...,
/// "value": [{...}, ...]}` (OData v3 names, without `@`); a missing or `null` `value` is an empty
/// page and an empty or `null` `odata.nextLink` is no link.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Page {
    rows: Vec<Row>,
    next_link: Option<String>,
    metadata: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(default)]
#[derive(Default)]
struct RawPage {
    #[serde(rename = "odata.metadata")]
    metadata: Option<String>,
    #[serde(rename = "odata.nextLink")]
    next_link: Option<String>,
    value: Option<Vec<Map<String, Value>>>,
}

impl Page {
    /// Decodes a list response body; a row that is not a JSON object is an error naming its index.
    pub fn decode(operation: &'static str, body: &[u8]) -> Result<Page, DecodeError> {
        let raw: RawPage = crate::operation::decode_json(operation, body)?;
        let rows = raw.value.unwrap_or_default().into_iter().map(|columns| Row { columns }).collect();
        let next_link = raw.next_link.filter(|l| !l.trim().is_empty());
        Ok(Page { rows, next_link, metadata: raw.metadata })
    }

    /// A page of `rows` (for tests and mocks).
    pub fn new(rows: Vec<Row>, next_link: Option<String>) -> Page {
        Page { rows, next_link, metadata: None }
    }

    /// The rows of this page.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The rows of this page, owned.
    pub fn into_rows(self) -> Vec<Row> {
        self.rows
    }

    /// How many rows this page has.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether this page has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// `odata.nextLink`, when the server gave a non-empty one.
    pub fn next_link(&self) -> Option<&str> {
        self.next_link.as_deref()
    }

    /// `odata.metadata`, when the server gave one.
    pub fn metadata(&self) -> Option<&str> {
        self.metadata.as_deref()
    }
}

/// One row of an OData list: the columns chosen with `$select` (plus `PrimaryKey` and
/// `EntityName`), kept as dynamic JSON, with typed accessors.
///
/// Each accessor returns `Ok(None)` for a JSON `null`, an error naming the column when the column
/// is missing (a typo in `$select`?) or holds another type, and never shows the value in the
/// error. Numbers and booleans sent as strings (`"3"`, `"True"`) are accepted, since the
/// WebAPI's `$output=Display` and some servers send them that way.
///
/// ```
/// use superoffice_webapi::paging::Row;
///
/// let row: Row = serde_json::from_str(
///     r#"{"PrimaryKey": "3", "name": "SuperOffice", "number": 12.5, "deleted": "False",
///         "registered": "2024-03-31T16:00:00", "department": null}"#,
/// ).unwrap();
/// assert_eq!(row.primary_key().unwrap(), 3);
/// assert_eq!(row.str("name").unwrap(), Some("SuperOffice"));
/// assert_eq!(row.f64("number").unwrap(), Some(12.5));
/// assert_eq!(row.bool("deleted").unwrap(), Some(false));
/// assert_eq!(row.datetime("registered").unwrap().unwrap().to_string(), "2024-03-31T16:00:00");
/// assert_eq!(row.str("department").unwrap(), None);
/// assert!(row.i64("name").is_err());
/// assert!(row.str("nmae").unwrap_err().to_string().contains("nmae"));
/// ```
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Row {
    columns: Map<String, Value>,
}

impl fmt::Debug for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.columns.iter()).finish()
    }
}

impl From<Map<String, Value>> for Row {
    fn from(columns: Map<String, Value>) -> Self {
        Row { columns }
    }
}

impl Row {
    /// All columns.
    pub fn columns(&self) -> &Map<String, Value> {
        &self.columns
    }

    /// All columns, owned.
    pub fn into_columns(self) -> Map<String, Value> {
        self.columns
    }

    /// A column's raw JSON value.
    pub fn get(&self, column: &str) -> Option<&Value> {
        self.columns.get(column)
    }

    /// The value, `None` for `null`, an error when the column is missing.
    fn value(&self, column: &str) -> Result<Option<&Value>, ColumnError> {
        match self.columns.get(column) {
            None => Err(ColumnError::new(column, ColumnErrorKind::Missing)),
            Some(Value::Null) => Ok(None),
            Some(v) => Ok(Some(v)),
        }
    }

    fn wrong(column: &str, expected: &'static str, found: &Value) -> ColumnError {
        ColumnError::new(column, ColumnErrorKind::WrongType { expected, found: json_type(found) })
    }

    /// A text column.
    pub fn str(&self, column: &str) -> Result<Option<&str>, ColumnError> {
        match self.value(column)? {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(Self::wrong(column, "a string", other)),
        }
    }

    /// An integer column: a JSON integer, or a string holding one (`"3"`).
    pub fn i64(&self, column: &str) -> Result<Option<i64>, ColumnError> {
        match self.value(column)? {
            None => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(|| {
                ColumnError::new(column, ColumnErrorKind::WrongType { expected: "an integer", found: "a number" })
            }),
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| {
                ColumnError::new(column, ColumnErrorKind::WrongType { expected: "an integer", found: "other text" })
            }),
            Some(other) => Err(Self::wrong(column, "an integer", other)),
        }
    }

    /// A numeric column: a JSON number, or a string holding one (`"12.5"`).
    pub fn f64(&self, column: &str) -> Result<Option<f64>, ColumnError> {
        match self.value(column)? {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| {
                ColumnError::new(column, ColumnErrorKind::WrongType { expected: "a number", found: "other text" })
            }),
            Some(other) => Err(Self::wrong(column, "a number", other)),
        }
    }

    /// A yes/no column: a JSON boolean, `"true"`/`"false"` in any case, or `0`/`1`.
    pub fn bool(&self, column: &str) -> Result<Option<bool>, ColumnError> {
        let not_bool = |found| ColumnError::new(column, ColumnErrorKind::WrongType { expected: "a boolean", found });
        match self.value(column)? {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) => match s.trim() {
                t if t.eq_ignore_ascii_case("true") || t == "1" => Ok(Some(true)),
                t if t.eq_ignore_ascii_case("false") || t == "0" => Ok(Some(false)),
                _ => Err(not_bool("other text")),
            },
            Some(Value::Number(n)) => match n.as_i64() {
                Some(1) => Ok(Some(true)),
                Some(0) => Ok(Some(false)),
                _ => Err(not_bool("a number other than 0 or 1")),
            },
            Some(other) => Err(Self::wrong(column, "a boolean", other)),
        }
    }

    /// A date-time column (ISO text, see [`DateTime::parse`]); an empty string is `None`.
    pub fn datetime(&self, column: &str) -> Result<Option<DateTime>, ColumnError> {
        match self.value(column)? {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => DateTime::parse(s.trim()).map(Some).map_err(|_| {
                ColumnError::new(column, ColumnErrorKind::WrongType { expected: "a date-time", found: "other text" })
            }),
            Some(other) => Err(Self::wrong(column, "a date-time", other)),
        }
    }

    /// `PrimaryKey`, which servers send as a number or as a string.
    pub fn primary_key(&self) -> Result<i64, ColumnError> {
        self.i64("PrimaryKey")?.ok_or_else(|| {
            ColumnError::new("PrimaryKey", ColumnErrorKind::WrongType { expected: "an integer", found: "null" })
        })
    }

    /// `EntityName`, when the row has one.
    pub fn entity_name(&self) -> Option<&str> {
        self.columns.get("EntityName").and_then(Value::as_str)
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A [`Row`] column that is missing or not of the asked type. Names the column, never its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column `{column}`: {kind}")]
pub struct ColumnError {
    /// The column name.
    pub column: String,
    /// What is wrong.
    pub kind: ColumnErrorKind,
}

impl ColumnError {
    fn new(column: &str, kind: ColumnErrorKind) -> Self {
        ColumnError { column: column.to_string(), kind }
    }
}

/// What is wrong with a [`Row`] column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ColumnErrorKind {
    /// The row has no such column (not in `$select`, or misspelt).
    #[error("not in the row")]
    Missing,
    /// The column holds another type.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the accessor reads.
        expected: &'static str,
        /// What the row holds.
        found: &'static str,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_decode_with_and_without_links() {
        let body = br#"{"odata.metadata":"m","odata.nextLink":"https://h/C/api/v1/Contact?$skip=2","value":[{"PrimaryKey":1},{"PrimaryKey":"2"}]}"#;
        let page = Page::decode("op", body).unwrap();
        assert_eq!(page.len(), 2);
        assert_eq!(page.next_link(), Some("https://h/C/api/v1/Contact?$skip=2"));
        assert_eq!(page.metadata(), Some("m"));
        let keys: Vec<i64> = page.rows().iter().map(|r| r.primary_key().unwrap()).collect();
        assert_eq!(keys, [1, 2]);

        for body in [&br#"{"odata.nextLink":null,"value":[]}"#[..], br#"{"odata.nextLink":"  "}"#, b"{}"] {
            let page = Page::decode("op", body).unwrap();
            assert!(page.is_empty() && page.next_link().is_none());
        }
    }

    #[test]
    fn a_row_that_is_not_an_object_is_an_error_with_its_index() {
        let err = Page::decode("op", br#"{"value":[{"a":1}, 7]}"#).unwrap_err();
        assert_eq!(err.path, "value[1]");
    }

    #[test]
    fn accessors_distinguish_missing_null_and_wrong_types() {
        let row: Row =
            serde_json::from_str(r#"{"n": 1, "s": "x", "z": null, "b": true, "f": 1.5, "big": 1e300}"#).unwrap();
        assert_eq!(row.i64("n"), Ok(Some(1)));
        assert_eq!(row.i64("z"), Ok(None));
        assert_eq!(row.i64("missing").unwrap_err().kind, ColumnErrorKind::Missing);
        assert_eq!(
            row.i64("s").unwrap_err().kind,
            ColumnErrorKind::WrongType { expected: "an integer", found: "other text" }
        );
        assert_eq!(
            row.i64("f").unwrap_err().kind,
            ColumnErrorKind::WrongType { expected: "an integer", found: "a number" }
        );
        assert_eq!(row.str("n").unwrap_err().to_string(), "column `n`: expected a string, found a number");
        assert_eq!(row.bool("b"), Ok(Some(true)));
        assert_eq!(row.bool("n"), Ok(Some(true)));
        assert!(row.bool("f").is_err());
        assert_eq!(row.f64("big"), Ok(Some(1e300)));
        assert_eq!(row.datetime("z"), Ok(None));
        assert!(row.datetime("s").is_err());
        assert!(row.primary_key().is_err());
        assert_eq!(row.entity_name(), None);
    }

    #[test]
    fn errors_never_show_the_value() {
        let row: Row = serde_json::from_str(r#"{"email": "private@example.com"}"#).unwrap();
        let text = row.i64("email").unwrap_err().to_string();
        assert!(text.contains("email") && !text.contains("private"), "{text}");
    }
}
