//! The hand-written baselines for the decode benchmarks: the minimal serde structs a user would
//! write for the same JSON without this SDK, in two variants:
//!
//! - [`keeping`] (**the baseline**): each struct also keeps the members it does not know, the
//!   way a user writes that with serde: `#[serde(flatten)] unknown: BTreeMap<String, Value>`.
//!   The SDK's models keep unknown members too, so this is the like-for-like comparison.
//! - [`lossy`]: the same structs without that field; they drop unknown members (what the SDK did
//!   before it kept them): the cheapest possible struct, for reference.
//!
//! Same structs and fields as the generated `models::ChatSessionEntity` and the models it
//! contains (same JSON names, same nesting, same maps), each field an `Option`, with plain
//! `#[derive(Deserialize)]` and nothing else:
//!
//! - enums and flag sets are `String` (the SDK matches known values without allocating and keeps
//!   unknown ones),
//! - date-times are `String` (the SDK parses and validates them into an allocation-free
//!   `DateTime`; the baseline only copies the text). `chrono::DateTime<FixedOffset>` is not an
//!   option for a minimal struct: the WebAPI also sends date-times without an offset, which it
//!   rejects, so a user would need a custom deserializer, which is what the SDK already is.
//!
//! So the baselines do strictly less checking than the SDK and pay one allocation per enum,
//! flag set and date string.
#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::Deserialize;

/// Defines every struct twice: in `lossy` as written, in `keeping` with a flattened map of the
/// unknown members.
macro_rules! baseline {
    ($(pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)* })*) => {
        /// The structs without unknown members.
        pub mod lossy {
            use super::*;
            $(
                #[derive(Debug, Deserialize)]
                pub struct $name { $($(#[$field_meta])* pub $field: $ty,)* }
            )*
        }

        /// The structs keeping unknown members with `#[serde(flatten)]`.
        pub mod keeping {
            use super::*;
            $(
                #[derive(Debug, Deserialize)]
                pub struct $name {
                    $($(#[$field_meta])* pub $field: $ty,)*
                    #[serde(flatten)]
                    pub unknown: BTreeMap<String, serde_json::Value>,
                }
            )*
        }
    };
}

baseline! {
    pub struct ChatSession {
        #[serde(rename = "ChatSessionId")]
        pub chat_session_id: Option<i32>,
        #[serde(rename = "TopicId")]
        pub topic_id: Option<i32>,
        #[serde(rename = "User")]
        pub user: Option<Associate>,
        #[serde(rename = "Person")]
        pub person: Option<Person>,
        #[serde(rename = "CustomerAlias")]
        pub customer_alias: Option<String>,
        #[serde(rename = "CustomerHost")]
        pub customer_host: Option<String>,
        #[serde(rename = "CustomerName")]
        pub customer_name: Option<String>,
        #[serde(rename = "CustomerEmail")]
        pub customer_email: Option<String>,
        #[serde(rename = "CustomerPhone")]
        pub customer_phone: Option<String>,
        #[serde(rename = "CustomerConsented")]
        pub customer_consented: Option<bool>,
        #[serde(rename = "CustomerCompanyName")]
        pub customer_company_name: Option<String>,
        #[serde(rename = "Status")]
        pub status: Option<String>,
        #[serde(rename = "FirstMessage")]
        pub first_message: Option<String>,
        #[serde(rename = "LastMessage")]
        pub last_message: Option<String>,
        #[serde(rename = "WhenRequested")]
        pub when_requested: Option<String>,
        #[serde(rename = "WhenStarted")]
        pub when_started: Option<String>,
        #[serde(rename = "WhenEnded")]
        pub when_ended: Option<String>,
        #[serde(rename = "WhenIdle")]
        pub when_idle: Option<String>,
        #[serde(rename = "WhenFetched")]
        pub when_fetched: Option<String>,
        #[serde(rename = "SessionKey")]
        pub session_key: Option<String>,
        #[serde(rename = "InitialQueuePos")]
        pub initial_queue_pos: Option<i32>,
        #[serde(rename = "AlertLevel")]
        pub alert_level: Option<i32>,
        #[serde(rename = "Rank")]
        pub rank: Option<i32>,
        #[serde(rename = "Flags")]
        pub flags: Option<String>,
        #[serde(rename = "Contact")]
        pub contact: Option<Contact>,
        #[serde(rename = "Project")]
        pub project: Option<Project>,
        #[serde(rename = "Sale")]
        pub sale: Option<Sale>,
        #[serde(rename = "Ticket")]
        pub ticket: Option<Ticket>,
        #[serde(rename = "TransferTo")]
        pub transfer_to: Option<Associate>,
        #[serde(rename = "ChatbotIsActive")]
        pub chatbot_is_active: Option<bool>,
        #[serde(rename = "Rating")]
        pub rating: Option<i32>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
        #[serde(rename = "_Links")]
        pub links: Option<BTreeMap<String, String>>,
    }

    pub struct Associate {
        #[serde(rename = "AssociateId")]
        pub associate_id: Option<i32>,
        #[serde(rename = "Name")]
        pub name: Option<String>,
        #[serde(rename = "PersonId")]
        pub person_id: Option<i32>,
        #[serde(rename = "Rank")]
        pub rank: Option<i32>,
        #[serde(rename = "Tooltip")]
        pub tooltip: Option<String>,
        #[serde(rename = "Type")]
        pub type_: Option<String>,
        #[serde(rename = "GroupIdx")]
        pub group_idx: Option<i32>,
        #[serde(rename = "FullName")]
        pub full_name: Option<String>,
        #[serde(rename = "FormalName")]
        pub formal_name: Option<String>,
        #[serde(rename = "Deleted")]
        pub deleted: Option<bool>,
        #[serde(rename = "EjUserId")]
        pub ej_user_id: Option<i32>,
        #[serde(rename = "UserName")]
        pub user_name: Option<String>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
        #[serde(rename = "ExtraFields")]
        pub extra_fields: Option<BTreeMap<String, String>>,
        #[serde(rename = "CustomFields")]
        pub custom_fields: Option<BTreeMap<String, String>>,
    }

    pub struct Person {
        #[serde(rename = "Position")]
        pub position: Option<String>,
        #[serde(rename = "PersonId")]
        pub person_id: Option<i32>,
        #[serde(rename = "Mrmrs")]
        pub mrmrs: Option<String>,
        #[serde(rename = "Firstname")]
        pub firstname: Option<String>,
        #[serde(rename = "Lastname")]
        pub lastname: Option<String>,
        #[serde(rename = "MiddleName")]
        pub middle_name: Option<String>,
        #[serde(rename = "Title")]
        pub title: Option<String>,
        #[serde(rename = "Description")]
        pub description: Option<String>,
        #[serde(rename = "Email")]
        pub email: Option<String>,
        #[serde(rename = "FullName")]
        pub full_name: Option<String>,
        #[serde(rename = "DirectPhone")]
        pub direct_phone: Option<String>,
        #[serde(rename = "FormalName")]
        pub formal_name: Option<String>,
        #[serde(rename = "CountryId")]
        pub country_id: Option<i32>,
        #[serde(rename = "ContactId")]
        pub contact_id: Option<i32>,
        #[serde(rename = "ContactName")]
        pub contact_name: Option<String>,
        #[serde(rename = "Retired")]
        pub retired: Option<i32>,
        #[serde(rename = "Rank")]
        pub rank: Option<i32>,
        #[serde(rename = "ActiveInterests")]
        pub active_interests: Option<i32>,
        #[serde(rename = "ContactDepartment")]
        pub contact_department: Option<String>,
        #[serde(rename = "ContactCountryId")]
        pub contact_country_id: Option<i32>,
        #[serde(rename = "ContactOrgNr")]
        pub contact_org_nr: Option<String>,
        #[serde(rename = "FaxPhone")]
        pub fax_phone: Option<String>,
        #[serde(rename = "MobilePhone")]
        pub mobile_phone: Option<String>,
        #[serde(rename = "ContactPhone")]
        pub contact_phone: Option<String>,
        #[serde(rename = "AssociateName")]
        pub associate_name: Option<String>,
        #[serde(rename = "AssociateId")]
        pub associate_id: Option<i32>,
        #[serde(rename = "UsePersonAddress")]
        pub use_person_address: Option<bool>,
        #[serde(rename = "ContactFax")]
        pub contact_fax: Option<String>,
        #[serde(rename = "Kanafname")]
        pub kanafname: Option<String>,
        #[serde(rename = "Kanalname")]
        pub kanalname: Option<String>,
        #[serde(rename = "Post1")]
        pub post1: Option<String>,
        #[serde(rename = "Post2")]
        pub post2: Option<String>,
        #[serde(rename = "Post3")]
        pub post3: Option<String>,
        #[serde(rename = "EmailName")]
        pub email_name: Option<String>,
        #[serde(rename = "ContactFullName")]
        pub contact_full_name: Option<String>,
        #[serde(rename = "ActiveErpLinks")]
        pub active_erp_links: Option<i32>,
        #[serde(rename = "TicketPriorityId")]
        pub ticket_priority_id: Option<i32>,
        #[serde(rename = "SupportLanguageId")]
        pub support_language_id: Option<i32>,
        #[serde(rename = "SupportAssociateId")]
        pub support_associate_id: Option<i32>,
        #[serde(rename = "CategoryName")]
        pub category_name: Option<String>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
        #[serde(rename = "PersonNumber")]
        pub person_number: Option<String>,
    }

    pub struct Contact {
        #[serde(rename = "ContactId")]
        pub contact_id: Option<i32>,
        #[serde(rename = "Name")]
        pub name: Option<String>,
        #[serde(rename = "OrgNr")]
        pub org_nr: Option<String>,
        #[serde(rename = "Department")]
        pub department: Option<String>,
        #[serde(rename = "URL")]
        pub url: Option<String>,
        #[serde(rename = "City")]
        pub city: Option<String>,
        #[serde(rename = "DirectPhone")]
        pub direct_phone: Option<String>,
        #[serde(rename = "AssociateId")]
        pub associate_id: Option<i32>,
        #[serde(rename = "CountryId")]
        pub country_id: Option<i32>,
        #[serde(rename = "EmailAddress")]
        pub email_address: Option<String>,
        #[serde(rename = "Kananame")]
        pub kananame: Option<String>,
        #[serde(rename = "EmailAddressName")]
        pub email_address_name: Option<String>,
        #[serde(rename = "URLName")]
        pub url_name: Option<String>,
        #[serde(rename = "AssociateFullName")]
        pub associate_full_name: Option<String>,
        #[serde(rename = "BusinessName")]
        pub business_name: Option<String>,
        #[serde(rename = "CategoryName")]
        pub category_name: Option<String>,
        #[serde(rename = "CountryName")]
        pub country_name: Option<String>,
        #[serde(rename = "Address")]
        pub address: Option<Address>,
        #[serde(rename = "FormattedAddress")]
        pub formatted_address: Option<String>,
        #[serde(rename = "FullName")]
        pub full_name: Option<String>,
        #[serde(rename = "IsOwnerContact")]
        pub is_owner_contact: Option<bool>,
        #[serde(rename = "ActiveErpLinks")]
        pub active_erp_links: Option<i32>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
        #[serde(rename = "Number1")]
        pub number1: Option<String>,
        #[serde(rename = "Number2")]
        pub number2: Option<String>,
    }

    pub struct Address {
        #[serde(rename = "Wgs84Latitude")]
        pub wgs84_latitude: Option<f64>,
        #[serde(rename = "Wgs84Longitude")]
        pub wgs84_longitude: Option<f64>,
        #[serde(rename = "LocalizedAddress")]
        pub localized_address: Option<Vec<Vec<LocalizedField>>>,
        #[serde(rename = "Street")]
        pub street: Option<StructuredAddress>,
        #[serde(rename = "Postal")]
        pub postal: Option<StructuredAddress>,
        #[serde(rename = "Formatted")]
        pub formatted: Option<String>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
    }

    pub struct StructuredAddress {
        #[serde(rename = "AtypeIdx")]
        pub atype_idx: Option<String>,
        #[serde(rename = "Address1")]
        pub address1: Option<String>,
        #[serde(rename = "Address2")]
        pub address2: Option<String>,
        #[serde(rename = "Address3")]
        pub address3: Option<String>,
        #[serde(rename = "City")]
        pub city: Option<String>,
        #[serde(rename = "County")]
        pub county: Option<String>,
        #[serde(rename = "State")]
        pub state: Option<String>,
        #[serde(rename = "Zipcode")]
        pub zipcode: Option<String>,
        #[serde(rename = "Formatted")]
        pub formatted: Option<String>,
    }

    pub struct LocalizedField {
        #[serde(rename = "Name")]
        pub name: Option<String>,
        #[serde(rename = "Value")]
        pub value: Option<String>,
        #[serde(rename = "Tooltip")]
        pub tooltip: Option<String>,
        #[serde(rename = "Label")]
        pub label: Option<String>,
        #[serde(rename = "ValueLength")]
        pub value_length: Option<i32>,
        #[serde(rename = "AddressType")]
        pub address_type: Option<String>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
    }

    pub struct Project {
        #[serde(rename = "ProjectId")]
        pub project_id: Option<i32>,
        #[serde(rename = "Name")]
        pub name: Option<String>,
        #[serde(rename = "Description")]
        pub description: Option<String>,
        #[serde(rename = "URL")]
        pub url: Option<String>,
        #[serde(rename = "Type")]
        pub type_: Option<String>,
        #[serde(rename = "AssociateId")]
        pub associate_id: Option<i32>,
        #[serde(rename = "AssociateFullName")]
        pub associate_full_name: Option<String>,
        #[serde(rename = "TypeId")]
        pub type_id: Option<i32>,
        #[serde(rename = "Updated")]
        pub updated: Option<String>,
        #[serde(rename = "StatusId")]
        pub status_id: Option<i32>,
        #[serde(rename = "Status")]
        pub status: Option<String>,
        #[serde(rename = "TextId")]
        pub text_id: Option<i32>,
        #[serde(rename = "PublishTo")]
        pub publish_to: Option<String>,
        #[serde(rename = "PublishFrom")]
        pub publish_from: Option<String>,
        #[serde(rename = "IsPublished")]
        pub is_published: Option<bool>,
        #[serde(rename = "URLName")]
        pub url_name: Option<String>,
        #[serde(rename = "ProjectNumber")]
        pub project_number: Option<String>,
        #[serde(rename = "ActiveErpLinks")]
        pub active_erp_links: Option<i32>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
        #[serde(rename = "EventId")]
        pub event_id: Option<i32>,
        #[serde(rename = "StartDate")]
        pub start_date: Option<String>,
    }

    pub struct Sale {
        #[serde(rename = "ContactName")]
        pub contact_name: Option<String>,
        #[serde(rename = "SaleDate")]
        pub sale_date: Option<String>,
        #[serde(rename = "SaleId")]
        pub sale_id: Option<i32>,
        #[serde(rename = "Probability")]
        pub probability: Option<i32>,
        #[serde(rename = "Title")]
        pub title: Option<String>,
        #[serde(rename = "Amount")]
        pub amount: Option<f64>,
        #[serde(rename = "Currency")]
        pub currency: Option<String>,
        #[serde(rename = "ProjectName")]
        pub project_name: Option<String>,
        #[serde(rename = "AssociateFullName")]
        pub associate_full_name: Option<String>,
        #[serde(rename = "Description")]
        pub description: Option<String>,
        #[serde(rename = "Status")]
        pub status: Option<String>,
        #[serde(rename = "WeightedAmount")]
        pub weighted_amount: Option<f64>,
        #[serde(rename = "ProjectId")]
        pub project_id: Option<i32>,
        #[serde(rename = "EarningPercent")]
        pub earning_percent: Option<f64>,
        #[serde(rename = "Earning")]
        pub earning: Option<f64>,
        #[serde(rename = "ContactId")]
        pub contact_id: Option<i32>,
        #[serde(rename = "AssociateId")]
        pub associate_id: Option<i32>,
        #[serde(rename = "PersonId")]
        pub person_id: Option<i32>,
        #[serde(rename = "SaleTypeId")]
        pub sale_type_id: Option<i32>,
        #[serde(rename = "SaleTypeName")]
        pub sale_type_name: Option<String>,
        #[serde(rename = "PersonFullName")]
        pub person_full_name: Option<String>,
        #[serde(rename = "Completed")]
        pub completed: Option<String>,
        #[serde(rename = "ActiveErpLinks")]
        pub active_erp_links: Option<i32>,
        #[serde(rename = "NextDueDate")]
        pub next_due_date: Option<String>,
        #[serde(rename = "Number")]
        pub number: Option<String>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
    }

    pub struct Ticket {
        #[serde(rename = "TicketId")]
        pub ticket_id: Option<i32>,
        #[serde(rename = "Title")]
        pub title: Option<String>,
        #[serde(rename = "CreatedAt")]
        pub created_at: Option<String>,
        #[serde(rename = "LastChanged")]
        pub last_changed: Option<String>,
        #[serde(rename = "ReadByOwner")]
        pub read_by_owner: Option<String>,
        #[serde(rename = "ReadByCustomer")]
        pub read_by_customer: Option<String>,
        #[serde(rename = "FirstReadByUser")]
        pub first_read_by_user: Option<String>,
        #[serde(rename = "Activate")]
        pub activate: Option<String>,
        #[serde(rename = "ClosedAt")]
        pub closed_at: Option<String>,
        #[serde(rename = "RepliedAt")]
        pub replied_at: Option<String>,
        #[serde(rename = "AlertTimeout")]
        pub alert_timeout: Option<String>,
        #[serde(rename = "Deadline")]
        pub deadline: Option<String>,
        #[serde(rename = "CreatedBy")]
        pub created_by: Option<i32>,
        #[serde(rename = "CreatedByName")]
        pub created_by_name: Option<String>,
        #[serde(rename = "Author")]
        pub author: Option<String>,
        #[serde(rename = "OwnedBy")]
        pub owned_by: Option<i32>,
        #[serde(rename = "OwnedByName")]
        pub owned_by_name: Option<String>,
        #[serde(rename = "Category")]
        pub category: Option<i32>,
        #[serde(rename = "CategoryName")]
        pub category_name: Option<String>,
        #[serde(rename = "CategoryFullname")]
        pub category_fullname: Option<String>,
        #[serde(rename = "Slevel")]
        pub slevel: Option<String>,
        #[serde(rename = "Priority")]
        pub priority: Option<i32>,
        #[serde(rename = "PriorityName")]
        pub priority_name: Option<String>,
        #[serde(rename = "BaseStatus")]
        pub base_status: Option<String>,
        #[serde(rename = "TicketStatus")]
        pub ticket_status: Option<i32>,
        #[serde(rename = "TicketStatusDisplayValue")]
        pub ticket_status_display_value: Option<String>,
        #[serde(rename = "Origin")]
        pub origin: Option<String>,
        #[serde(rename = "CustId")]
        pub cust_id: Option<i32>,
        #[serde(rename = "PersonFirstname")]
        pub person_firstname: Option<String>,
        #[serde(rename = "PersonMiddleName")]
        pub person_middle_name: Option<String>,
        #[serde(rename = "PersonLastname")]
        pub person_lastname: Option<String>,
        #[serde(rename = "PersonFullname")]
        pub person_fullname: Option<String>,
        #[serde(rename = "AlertLevel")]
        pub alert_level: Option<i32>,
        #[serde(rename = "ConnectId")]
        pub connect_id: Option<i32>,
        #[serde(rename = "ReadStatus")]
        pub read_status: Option<String>,
        #[serde(rename = "TimeToReply")]
        pub time_to_reply: Option<i32>,
        #[serde(rename = "RealTimeToReply")]
        pub real_time_to_reply: Option<i32>,
        #[serde(rename = "TimeToClose")]
        pub time_to_close: Option<i32>,
        #[serde(rename = "RealTimeToClose")]
        pub real_time_to_close: Option<i32>,
        #[serde(rename = "TimeSpentInternally")]
        pub time_spent_internally: Option<i32>,
        #[serde(rename = "TimeSpentExternally")]
        pub time_spent_externally: Option<i32>,
        #[serde(rename = "TimeSpentQueue")]
        pub time_spent_queue: Option<i32>,
        #[serde(rename = "RealTimeSpentInternally")]
        pub real_time_spent_internally: Option<i32>,
        #[serde(rename = "RealTimeSpentExternally")]
        pub real_time_spent_externally: Option<i32>,
        #[serde(rename = "RealTimeSpentQueue")]
        pub real_time_spent_queue: Option<i32>,
        #[serde(rename = "HasAttachment")]
        pub has_attachment: Option<bool>,
        #[serde(rename = "NumReplies")]
        pub num_replies: Option<i32>,
        #[serde(rename = "NumMessages")]
        pub num_messages: Option<i32>,
        #[serde(rename = "FromAddress")]
        pub from_address: Option<String>,
        #[serde(rename = "ContactId")]
        pub contact_id: Option<i32>,
        #[serde(rename = "ContactName")]
        pub contact_name: Option<String>,
        #[serde(rename = "OwnedByAssociateId")]
        pub owned_by_associate_id: Option<i32>,
        #[serde(rename = "TableRight")]
        pub table_right: Option<TableRight>,
        #[serde(rename = "FieldProperties")]
        pub field_properties: Option<BTreeMap<String, FieldProperty>>,
        #[serde(rename = "TimeSpent")]
        pub time_spent: Option<i32>,
        #[serde(rename = "Language")]
        pub language: Option<String>,
        #[serde(rename = "Sentiment")]
        pub sentiment: Option<i32>,
        #[serde(rename = "SentimentConfidence")]
        pub sentiment_confidence: Option<i32>,
        #[serde(rename = "SaleId")]
        pub sale_id: Option<i32>,
        #[serde(rename = "ProjectId")]
        pub project_id: Option<i32>,
        #[serde(rename = "SaleHeading")]
        pub sale_heading: Option<String>,
        #[serde(rename = "ProjectName")]
        pub project_name: Option<String>,
        #[serde(rename = "FormSubmissionId")]
        pub form_submission_id: Option<i32>,
        #[serde(rename = "TicketTypeId")]
        pub ticket_type_id: Option<i32>,
        #[serde(rename = "TicketTypeName")]
        pub ticket_type_name: Option<String>,
    }

    pub struct TableRight {
        #[serde(rename = "Mask")]
        pub mask: Option<String>,
        #[serde(rename = "Reason")]
        pub reason: Option<String>,
    }

    pub struct FieldProperty {
        #[serde(rename = "FieldType")]
        pub field_type: Option<String>,
        #[serde(rename = "FieldLength")]
        pub field_length: Option<i32>,
        #[serde(rename = "FieldRight")]
        pub field_right: Option<FieldRight>,
    }

    pub struct FieldRight {
        #[serde(rename = "Mask")]
        pub mask: Option<String>,
        #[serde(rename = "Reason")]
        pub reason: Option<String>,
    }
}
