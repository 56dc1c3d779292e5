//! `docs-input/overrides.json`: the few decisions the documentation cannot make for us.
//!
//! ```json
//! {
//!   "method_names": { "v1ChatSessionEntity_PickUpChatSession": "pick_up" },
//!   "type_names": { "FieldRight": "FieldRight" },
//!   "maps": { "FieldProperties": "FieldProperty" },
//!   "flag_fields": ["Flags", "Mask"],
//!   "enums": { "TableRight.Mask": ["Select", "Update"] },
//!   "opaque_fields": ["ODataSlimResponse.value"]
//! }
//! ```
//! Every key is optional. Unknown keys are an error, so a typo does not silently do nothing.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::Diagnostic;

/// The file name looked for at the top of the docs directory.
pub const FILE_NAME: &str = "overrides.json";

/// Naming and typing decisions layered over what the docs say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// Operation id -> client method name.
    pub method_names: BTreeMap<String, String>,
    /// Inferred type name -> the name to use instead.
    pub type_names: BTreeMap<String, String>,
    /// Property name -> model name of its values: the property is a JSON object used as a map.
    pub maps: BTreeMap<String, String>,
    /// Property names whose string values are comma-separated flag sets.
    pub flag_fields: Vec<String>,
    /// `Model.Field` -> known values, for enums no OpenAPI file enumerates.
    pub enums: BTreeMap<String, Vec<String>>,
    /// `Model.Field` entries whose samples must not be turned into models (rows of dynamic
    /// columns, such as OData archive results): they stay JSON.
    pub opaque_fields: Vec<String>,
}

impl Overrides {
    /// Reads `dir/overrides.json`; a missing file gives the defaults.
    pub fn load(dir: &Path) -> Result<Self, Diagnostic> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Overrides::default()),
            Err(e) => return Err(Diagnostic::new(&path, 0, format!("cannot read: {e}"))),
        };
        Self::parse(&path, &text)
    }

    /// Parses the JSON text of an overrides file.
    pub fn parse(path: &Path, text: &str) -> Result<Self, Diagnostic> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Diagnostic::new(path, e.line(), format!("invalid JSON: {e}")))?;
        let obj =
            value.as_object().ok_or_else(|| Diagnostic::new(path, 1, "expected a JSON object at the top level"))?;
        let mut out = Overrides::default();
        for (key, v) in obj {
            let bad = |what: &str| Diagnostic::new(path, line_of(text, key), format!("`{key}`: expected {what}"));
            match key.as_str() {
                "method_names" => out.method_names = string_map(v).ok_or_else(|| bad("an object of strings"))?,
                "type_names" => out.type_names = string_map(v).ok_or_else(|| bad("an object of strings"))?,
                "maps" => out.maps = string_map(v).ok_or_else(|| bad("an object of strings"))?,
                "flag_fields" => out.flag_fields = string_list(v).ok_or_else(|| bad("an array of strings"))?,
                "opaque_fields" => out.opaque_fields = string_list(v).ok_or_else(|| bad("an array of strings"))?,
                "enums" => {
                    let o = v.as_object().ok_or_else(|| bad("an object of string arrays"))?;
                    for (k, list) in o {
                        let values = string_list(list).ok_or_else(|| bad("an object of string arrays"))?;
                        out.enums.insert(k.clone(), values);
                    }
                }
                other => {
                    return Err(Diagnostic::new(
                        path,
                        line_of(text, other),
                        format!(
                            "unknown key `{other}` (expected method_names, type_names, maps, flag_fields, enums or opaque_fields)"
                        ),
                    ))
                }
            }
        }
        Ok(out)
    }
}

fn string_map(v: &serde_json::Value) -> Option<BTreeMap<String, String>> {
    v.as_object()?.iter().map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect()
}

fn string_list(v: &serde_json::Value) -> Option<Vec<String>> {
    v.as_array()?.iter().map(|v| v.as_str().map(str::to_string)).collect()
}

/// The 1-based line where `"key"` first appears (for error messages), or 1.
fn line_of(text: &str, key: &str) -> usize {
    let needle = format!("\"{key}\"");
    text.lines().position(|l| l.contains(&needle)).map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_section() {
        let text = r#"{
  "method_names": {"op": "pick_up"},
  "maps": {"FieldProperties": "FieldProperty"},
  "flag_fields": ["Flags"],
  "enums": {"TableRight.Mask": ["Select", "Update"]}
}"#;
        let o = Overrides::parse(Path::new("o.json"), text).unwrap();
        assert_eq!(o.method_names.get("op").map(String::as_str), Some("pick_up"));
        assert_eq!(o.maps.get("FieldProperties").map(String::as_str), Some("FieldProperty"));
        assert_eq!(o.flag_fields, vec!["Flags".to_string()]);
        assert_eq!(o.enums.get("TableRight.Mask").map(Vec::len), Some(2));
    }

    #[test]
    fn unknown_key_names_its_line() {
        let err = Overrides::parse(Path::new("o.json"), "{\n  \"method_name\": {}\n}").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().contains("o.json:2: unknown key `method_name`"), "{err}");
    }

    #[test]
    fn wrong_shape_is_an_error() {
        let err = Overrides::parse(Path::new("o.json"), "{\"flag_fields\": \"Flags\"}").unwrap_err();
        assert!(err.message.contains("array of strings"), "{err}");
    }
}
