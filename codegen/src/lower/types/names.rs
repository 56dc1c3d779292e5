//! How models are named: documented names (with `XWithLinks` folded into `X`), the primary key of
//! sample objects (`AssociateId` -> `Associate`), structural matches for anonymous tables, and the
//! overrides' renames.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{TypeBuilder, WITH_LINKS};
use crate::doc::{DocProperty, DocType, Scalar};
use crate::naming::pascal_case;

impl TypeBuilder<'_> {
    /// The canonical model name for a documented type name (`ChatSessionEntityWithLinks` ->
    /// `ChatSessionEntity`), after the overrides' renames.
    pub fn model_name(&self, documented: &str) -> String {
        if let Some(name) = self.schema_names.get(documented) {
            return name.clone();
        }
        let short = documented.rsplit('.').next().unwrap_or(documented);
        let base = canonical(short);
        self.overrides.type_names.get(&base).cloned().unwrap_or(base)
    }

    /// Name of an object found in a sample: `key` + `Id` when present (`Person` has `PersonId`),
    /// else the first `XxxId` field (`User` has `AssociateId` -> `Associate`), else the key itself.
    pub(super) fn inferred_name(&self, key: Option<&str>, obj: &serde_json::Map<String, Value>) -> String {
        let raw = key
            .filter(|k| obj.contains_key(&format!("{k}Id")))
            .map(str::to_string)
            .or_else(|| primary_key_stem(obj.keys().map(String::as_str)))
            .or_else(|| key.map(pascal_case))
            .unwrap_or_else(|| "Item".to_string());
        self.model_name(&raw)
    }

    /// Name for an anonymous object described by a property table (an `array` response): the best
    /// structural match among known models, else the primary key's stem.
    pub fn name_for_anonymous(&self, rows: &[DocProperty], fallback: &str) -> String {
        let wanted: BTreeSet<&str> = rows.iter().map(|r| r.name.as_str()).filter(|n| *n != "_Links").collect();
        let mut best: Option<(f64, &str)> = None;
        for (name, model) in &self.models {
            // Field names are unique within a model (`merge_fields`), so the intersection and the
            // union can be counted without building a set per model (this runs for every model on
            // every anonymous body: it was the hottest part of lowering a large corpus).
            let (mut have, mut inter) = (0usize, 0usize);
            for f in model.fields.iter().filter(|f| f.json_name != "_Links") {
                have += 1;
                inter += usize::from(wanted.contains(f.json_name.as_str()));
            }
            let union = wanted.len() + have - inter;
            if union == 0 {
                continue;
            }
            let score = inter as f64 / union as f64;
            if score >= 0.9 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, name));
            }
        }
        if let Some((_, name)) = best {
            return name.to_string();
        }
        let stem = primary_key_stem(
            rows.iter()
                .filter(|r| matches!(r.ty, DocType::Scalar(Scalar::I32 | Scalar::I64) | DocType::Unknown))
                .map(|r| r.name.as_str()),
        );
        self.model_name(&stem.unwrap_or_else(|| fallback.to_string()))
    }
}

/// `ChatSessionEntityWithLinks` -> `ChatSessionEntity`; other names unchanged.
pub fn canonical(name: &str) -> String {
    name.strip_suffix(WITH_LINKS).filter(|s| !s.is_empty()).unwrap_or(name).to_string()
}

/// `ChatSessionId` -> `ChatSession`: the first PascalCase key ending in `Id` with a non-empty stem.
pub(super) fn primary_key_stem<'k>(keys: impl Iterator<Item = &'k str>) -> Option<String> {
    keys.filter(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
        .find_map(|k| k.strip_suffix("Id").filter(|s| !s.is_empty()).map(str::to_string))
}
