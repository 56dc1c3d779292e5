//! [`EventName`]: the documented webhook event names as an open enum.

use std::fmt;
use std::str::FromStr;

use crate::UnknownValue;

macro_rules! event_names {
    ($($(#[$doc:meta])* $variant:ident => $text:literal,)*) => {
        /// A webhook event name (`contact.created`, `sale.sold`, `test`...), from the body's
        /// `Event` or the `X-SuperOffice-Event` header.
        ///
        /// An open enum like the generated ones (see [`crate::open_enum`]): the events
        /// SuperOffice documents are variants, anything else (`list.{name}.created`,
        /// `{extratable}.changed`, `webhook123.errors`, events added later) is kept verbatim in
        /// [`EventName::Unrecognized`]. [`entity`](Self::entity) and [`action`](Self::action)
        /// split any name, known or not.
        ///
        /// ```
        /// use superoffice_webapi::webhooks::EventName;
        ///
        /// assert_eq!(EventName::from("sale.sold"), EventName::SaleSold);
        /// let custom = EventName::from("list.category.created");
        /// assert!(matches!(custom, EventName::Unrecognized(_)));
        /// assert_eq!((custom.entity(), custom.action()), (Some("list.category"), "created"));
        /// assert_eq!(EventName::Test.entity(), None);
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum EventName {
            $($(#[$doc])* #[doc = concat!("`", $text, "`")] $variant,)*
            /// A name this version of the SDK does not list, kept as received.
            Unrecognized(UnknownValue),
        }

        impl EventName {
            /// Every documented name, in the order of SuperOffice's event table.
            pub const VALUES: &'static [&'static str] = &[$($text,)*];

            /// The name as sent.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)*
                    Self::Unrecognized(v) => v.as_str(),
                }
            }
        }

        impl From<&str> for EventName {
            fn from(s: &str) -> Self {
                match s {
                    $($text => Self::$variant,)*
                    other => Self::Unrecognized(UnknownValue::new(other)),
                }
            }
        }
    };
}

event_names! {
    ActivityCreated => "activity.created",
    ActivityChanged => "activity.changed",
    ActivityDeleted => "activity.deleted",
    AssociateCreated => "associate.created",
    AssociateChanged => "associate.changed",
    AssociateDeleted => "associate.deleted",
    ContactCreated => "contact.created",
    ContactChanged => "contact.changed",
    ContactDeleted => "contact.deleted",
    ContactSoftDeleted => "contact.softdeleted",
    ChatSessionCreated => "chatsession.created",
    ChatSessionChanged => "chatsession.changed",
    ChatSessionMessage => "chatsession.message",
    DocumentCreated => "document.created",
    DocumentChanged => "document.changed",
    DocumentDeleted => "document.deleted",
    DocumentEdited => "document.edited",
    PersonCreated => "person.created",
    PersonChanged => "person.changed",
    PersonDeleted => "person.deleted",
    PersonSoftDeleted => "person.softdeleted",
    PersonConsented => "person.consented",
    PersonUnconsented => "person.unconsented",
    ProjectCreated => "project.created",
    ProjectChanged => "project.changed",
    ProjectDeleted => "project.deleted",
    ProjectMemberCreated => "projectmember.created",
    ProjectMemberChanged => "projectmember.changed",
    ProjectMemberDeleted => "projectmember.deleted",
    QuoteApproved => "quote.approved",
    QuoteRejected => "quote.rejected",
    QuoteSent => "quote.sent",
    QuoteOrdered => "quote.ordered",
    RelationCreated => "relation.created",
    RelationChanged => "relation.changed",
    RelationDeleted => "relation.deleted",
    SaleCreated => "sale.created",
    SaleChanged => "sale.changed",
    SaleDeleted => "sale.deleted",
    SaleSold => "sale.sold",
    SaleLost => "sale.lost",
    SaleCompleted => "sale.completed",
    SaleStakeholderCreated => "salestakeholder.created",
    SaleStakeholderChanged => "salestakeholder.changed",
    SaleStakeholderDeleted => "salestakeholder.deleted",
    TicketCreated => "ticket.created",
    TicketChanged => "ticket.changed",
    /// A webhook was started (the payload's form; the subscription names it `webhook{id}.started`).
    WebhookStarted => "webhook.started",
    /// A webhook was stopped.
    WebhookStopped => "webhook.stopped",
    /// A webhook was stopped after too many errors.
    WebhookErrors => "webhook.errors",
    /// The test event sent when a webhook is saved or tested.
    Test => "test",
}

impl EventName {
    /// What changed: the text before the last `.` (`contact`, `list.category`, `webhook123`), or
    /// `None` for a name without a `.` (`test`).
    pub fn entity(&self) -> Option<&str> {
        self.as_str().rsplit_once('.').map(|(entity, _)| entity)
    }

    /// How it changed: the text after the last `.` (`created`, `softdeleted`...), or the whole
    /// name when it has no `.`.
    pub fn action(&self) -> &str {
        let s = self.as_str();
        s.rsplit_once('.').map_or(s, |(_, action)| action)
    }
}

impl AsRef<str> for EventName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for EventName {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(EventName::from(s))
    }
}

impl serde::Serialize for EventName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for EventName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::open_enum::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_name_round_trips_to_a_known_variant() {
        assert_eq!(EventName::VALUES.len(), 51);
        for &name in EventName::VALUES {
            let value = EventName::from(name);
            assert!(!matches!(value, EventName::Unrecognized(_)), "{name}");
            assert_eq!(value.as_str(), name);
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(serde_json::from_str::<EventName>(&json).unwrap(), value);
        }
    }

    #[test]
    fn unknown_names_are_kept_and_split() {
        for (name, entity, action) in [
            ("webhook123.errors", Some("webhook123"), "errors"),
            ("y_equipment.changed", Some("y_equipment"), "changed"),
            ("list.42.softdeleted", Some("list.42"), "softdeleted"),
            ("something", None, "something"),
        ] {
            let value: EventName = serde_json::from_str(&format!("\"{name}\"")).unwrap();
            assert!(matches!(value, EventName::Unrecognized(_)), "{name}");
            assert_eq!((value.entity(), value.action(), value.to_string().as_str()), (entity, action, name));
        }
        assert_eq!(EventName::ContactSoftDeleted.entity(), Some("contact"));
        assert_eq!(EventName::ContactSoftDeleted.action(), "softdeleted");
    }
}
