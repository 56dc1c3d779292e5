//! [`WebhookEvent`]: the body SuperOffice POSTs to a webhook.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::EventName;
use crate::DateTime;

/// The JSON body of a webhook notification.
///
/// Every documented field is here. Only `Event` is required; the rest are optional because
/// events differ: state events (`webhook.*`) have no `Entity`, `FieldValues` is newer and not on
/// every event, `Values` (foreign keys) comes with `*.deleted` events, and onsite installations
/// send `ContextIdentifier: "Default"`. Values a webhook's `Properties` setting injects, and any
/// field added later, are kept in [`extra`](Self::extra). `null` collections decode as empty.
///
/// ```
/// use superoffice_webapi::webhooks::{EventName, WebhookEvent};
///
/// let event = WebhookEvent::from_json(br#"{
///     "EventId": "f5a0e1ee-1c5e-4d8a-9e8f-5d8a1d9b4c3a",
///     "Timestamp": "2026-03-05T10:15:30.1234567Z",
///     "Changes": ["name", "updated", "updated_associate_id"],
///     "Event": "contact.changed",
///     "PrimaryKey": 123,
///     "Entity": "contact",
///     "ContextIdentifier": "Cust12345",
///     "ChangedByAssociateId": 5,
///     "WebhookName": "crm sync",
///     "FieldValues": {"name": "SuperOffice AS", "business_idx": 3},
///     "app_tag": "from Properties"
/// }"#).unwrap();
/// assert_eq!(event.event, EventName::ContactChanged);
/// assert_eq!(event.primary_key, Some(123));
/// assert_eq!(event.changes, ["name", "updated", "updated_associate_id"]);
/// assert_eq!(event.field_values["name"], "SuperOffice AS");
/// assert!(event.values.is_empty());
/// assert_eq!(event.extra["app_tag"], "from Properties");
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct WebhookEvent {
    /// `EventId`: a GUID naming this notification (a retry of the same delivery keeps it; a new
    /// cycle after a failed one gets a new one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// `Timestamp`: when the event happened (UTC, 7 fractional digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<DateTime>,
    /// `Changes`: the database column names that changed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub changes: Vec<String>,
    /// `Event`: the event name.
    pub event: EventName,
    /// `PrimaryKey`: the changed row's id (sent as a number; a numeric string is accepted too).
    #[serde(default, deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<i64>,
    /// `Entity`: the entity (`contact`, `sale`...); absent on webhook state events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// `ContextIdentifier`: the tenant (`Cust12345` online, `Default` onsite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_identifier: Option<String>,
    /// `ChangedByAssociateId`: who made the change.
    #[serde(default, deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub changed_by_associate_id: Option<i64>,
    /// `WebhookName`: the name of the webhook that sent this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_name: Option<String>,
    /// `FieldValues`: non-sensitive column values of the row. Values are as sent: strings and
    /// numbers mixed (chat), or typed strings such as `"[I:6]"` and `"[DT:09/16/2025 14:22:14.0000000]"`
    /// (extra tables).
    #[serde(default, deserialize_with = "null_as_default")]
    pub field_values: Map<String, Value>,
    /// `Values`: foreign keys of the row, sent with `*.deleted` events.
    #[serde(default, deserialize_with = "null_as_default")]
    pub values: Map<String, Value>,
    /// Every other member of the body: values injected by the webhook's `Properties`, and fields
    /// added by newer servers.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl WebhookEvent {
    /// Decodes a webhook body; the error names the JSON path of the failing value.
    ///
    /// Call [`verify`](super::verify) on the same raw bytes first (or use
    /// [`receive`](super::receive), which does both).
    pub fn from_json(body: &[u8]) -> Result<WebhookEvent, super::WebhookError> {
        let mut de = serde_json::Deserializer::from_slice(body);
        let event = serde_path_to_error::deserialize(&mut de).map_err(|e| super::WebhookError::Decode {
            path: e.path().to_string(),
            message: crate::error::value_free_message(e.inner()),
        })?;
        de.end().map_err(|e| super::WebhookError::Decode {
            path: ".".to_string(),
            message: crate::error::value_free_message(&e),
        })?;
        Ok(event)
    }
}

/// `null` (or a missing member, with `#[serde(default)]`) as the type's default.
fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// An integer sent as a number or as a string holding one; `null` is `None`.
fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumberOrText {
        Number(i64),
        Text(String),
    }
    match Option::<NumberOrText>::deserialize(d)? {
        None => Ok(None),
        Some(NumberOrText::Number(n)) => Ok(Some(n)),
        Some(NumberOrText::Text(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom("expected an integer or a string holding one")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deleted_event_with_values_and_a_string_key() {
        let event = WebhookEvent::from_json(
            br#"{"EventId":"e1","Event":"person.deleted","PrimaryKey":"77","Entity":"person",
                "Changes":null,"Values":{"contact_id":12,"associate_id":3},"FieldValues":null}"#,
        )
        .unwrap();
        assert_eq!(event.event, EventName::PersonDeleted);
        assert_eq!(event.primary_key, Some(77));
        assert!(event.changes.is_empty() && event.field_values.is_empty());
        assert_eq!(event.values["contact_id"], 12);
        assert!(event.extra.is_empty(), "{:?}", event.extra);
    }

    #[test]
    fn a_state_event_has_no_entity() {
        let event = WebhookEvent::from_json(
            br#"{"EventId":"e2","Timestamp":"2026-01-02T03:04:05.1234567Z","Event":"webhook.errors",
                "PrimaryKey":123,"ContextIdentifier":"Cust1","FieldValues":{"state":2}}"#,
        )
        .unwrap();
        assert_eq!(event.event, EventName::WebhookErrors);
        assert_eq!(event.entity, None);
        assert_eq!(event.timestamp.map(|t| t.to_string()).as_deref(), Some("2026-01-02T03:04:05.1234567Z"));
    }

    #[test]
    fn errors_name_the_path() {
        let err = WebhookEvent::from_json(br#"{"Event":"test","PrimaryKey":"abc"}"#).unwrap_err();
        let super::super::WebhookError::Decode { path, .. } = &err else { panic!("{err:?}") };
        assert_eq!(path, "PrimaryKey");
        let err = WebhookEvent::from_json(br#"{"PrimaryKey":1}"#).unwrap_err();
        assert!(err.to_string().contains("Event"), "{err}");
        assert!(WebhookEvent::from_json(br#"{"Event":"test"} x"#).is_err());
    }

    #[test]
    fn serializes_back_with_pascal_case_names() {
        let event = WebhookEvent::from_json(br#"{"Event":"sale.sold","PrimaryKey":5,"Custom":1}"#).unwrap();
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["Event"], "sale.sold");
        assert_eq!(json["PrimaryKey"], 5);
        assert_eq!(json["Custom"], 1);
    }
}
