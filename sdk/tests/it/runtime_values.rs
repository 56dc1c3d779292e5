//! Integration tests for the runtime value types: `DateTime`, `FlagSet` and open enums.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};
use superoffice_webapi::datetime::DateTimeParseErrorKind;
use superoffice_webapi::{DateTime, FlagSet, OpenEnum};

fn naive(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, nanos: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d).and_then(|date| date.and_hms_nano_opt(h, mi, s, nanos)).expect("valid test date")
}

// ---------------------------------------------------------------- DateTime: round trips

#[test]
fn round_trips_exact_text() {
    let cases = [
        // offsets
        "2024-03-31T16:00:00",
        "2024-03-31T16:00:00Z",
        "2024-03-31T16:00:00+02:00",
        "2024-03-31T16:00:00-05:30",
        "2024-03-31T16:00:00+00:00",
        "2024-03-31T16:00:00+14:00",
        "2024-03-31T16:00:00-12:00",
        // fractional digits 0, 1, 3, 7, 9, including trailing zeros
        "2024-03-31T16:00:00.5",
        "2024-03-31T16:00:00.0",
        "2024-03-31T16:00:00.120",
        "2024-03-31T16:00:00.000",
        "2011-06-06T15:05:41.6710023+02:00",
        "2011-06-06T15:05:41.6710000Z",
        "2011-06-06T15:05:41.0000000",
        "2024-03-31T16:00:00.123456789-05:30",
        "2024-03-31T16:00:00.000000001Z",
        // edges
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00.0000000+00:00",
        "9999-12-31T23:59:59.9999999",
        "2024-02-29T00:00:00",
    ];
    for s in cases {
        let value = DateTime::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(value.to_string(), s);
        let from_str: DateTime = s.parse().unwrap();
        assert_eq!(from_str, value);

        let json = format!("\"{s}\"");
        let decoded: DateTime = serde_json::from_str(&json).unwrap();
        assert_eq!(decoded, value);
        assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
    }
}

#[test]
fn parsed_components() {
    let v = DateTime::parse("2011-06-06T15:05:41.6710023+02:00").unwrap();
    assert_eq!(v.naive(), naive(2011, 6, 6, 15, 5, 41, 671_002_300));
    assert_eq!(v.offset(), FixedOffset::east_opt(2 * 3600));
    assert!(v.has_offset());
    assert!(!v.is_utc_designator());
    assert_eq!(v.fractional_digits(), 7);

    let v = DateTime::parse("2024-03-31T16:00:00.120").unwrap();
    assert_eq!(v.naive().nanosecond(), 120_000_000);
    assert_eq!(v.fractional_digits(), 3);
    assert!(!v.has_offset());
    assert_eq!(v.offset(), None);

    let z = DateTime::parse("2024-03-31T16:00:00Z").unwrap();
    assert!(z.is_utc_designator());
    assert_eq!(z.offset(), FixedOffset::east_opt(0));

    let plus_zero = DateTime::parse("2024-03-31T16:00:00+00:00").unwrap();
    assert!(!plus_zero.is_utc_designator());
    assert_eq!(plus_zero.offset(), FixedOffset::east_opt(0));
    // Same instant, different text: not equal.
    assert_ne!(z, plus_zero);
    assert_eq!(z.to_utc(), plus_zero.to_utc());

    let neg = DateTime::parse("2024-03-31T16:00:00-05:30").unwrap();
    assert_eq!(neg.offset(), FixedOffset::west_opt(5 * 3600 + 30 * 60));
}

#[test]
fn to_utc_and_fixed_offset() {
    let v = DateTime::parse("2024-03-31T16:00:00+02:00").unwrap();
    let expected = Utc.with_ymd_and_hms(2024, 3, 31, 14, 0, 0).unwrap();
    assert_eq!(v.to_utc(), Some(expected));
    let fixed = v.to_fixed_offset().unwrap();
    assert_eq!(fixed.to_rfc3339(), "2024-03-31T16:00:00+02:00");

    let v = DateTime::parse("2024-03-31T23:45:00.5-05:30").unwrap();
    let expected = naive(2024, 4, 1, 5, 15, 0, 500_000_000).and_utc();
    assert_eq!(v.to_utc(), Some(expected));

    let z = DateTime::parse("2024-03-31T16:00:00Z").unwrap();
    assert_eq!(z.to_utc(), Some(Utc.with_ymd_and_hms(2024, 3, 31, 16, 0, 0).unwrap()));

    let local = DateTime::parse("2024-03-31T16:00:00").unwrap();
    assert_eq!(local.to_utc(), None);
    assert_eq!(local.to_fixed_offset(), None);
}

#[test]
fn no_date() {
    for s in ["0001-01-01T00:00:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+02:00", "0001-01-01T00:00:00.0000000"]
    {
        let v = DateTime::parse(s).unwrap();
        assert!(v.is_no_date(), "{s}");
        assert_eq!(v.value(), None, "{s}");
        assert_eq!(v.to_string(), s);
    }
    assert!(DateTime::no_date().is_no_date());
    assert_eq!(DateTime::default(), DateTime::no_date());
    assert_eq!(DateTime::no_date().to_string(), "0001-01-01T00:00:00");

    let almost = DateTime::parse("0001-01-01T00:00:00.0000001").unwrap();
    assert!(!almost.is_no_date());
    let real = DateTime::parse("2024-03-31T16:00:00").unwrap();
    assert!(!real.is_no_date());
    assert_eq!(real.value(), Some(real));
}

#[test]
fn constructors() {
    let v = DateTime::from_naive(naive(2024, 3, 31, 16, 0, 0, 0));
    assert_eq!(v.to_string(), "2024-03-31T16:00:00");
    assert_eq!(v.fractional_digits(), 0);

    let v = DateTime::from(naive(2024, 3, 31, 16, 0, 0, 120_000_000));
    assert_eq!(v.to_string(), "2024-03-31T16:00:00.12");
    assert_eq!(v.fractional_digits(), 2);

    let v = DateTime::from_naive(naive(2024, 3, 31, 16, 0, 0, 671_002_300));
    assert_eq!(v.to_string(), "2024-03-31T16:00:00.6710023");

    let v = DateTime::from_naive(naive(2024, 3, 31, 16, 0, 0, 1));
    assert_eq!(v.to_string(), "2024-03-31T16:00:00.000000001");

    let utc = Utc.with_ymd_and_hms(2024, 3, 31, 14, 0, 0).unwrap();
    let v = DateTime::from_utc(utc);
    assert_eq!(v.to_string(), "2024-03-31T14:00:00Z");
    assert!(v.is_utc_designator());
    assert_eq!(v.to_utc(), Some(utc));
    assert_eq!(DateTime::from(utc), v);

    let offset = FixedOffset::east_opt(2 * 3600).unwrap();
    let fixed = utc.with_timezone(&offset);
    let v = DateTime::from_fixed(fixed);
    assert_eq!(v.to_string(), "2024-03-31T16:00:00+02:00");
    assert_eq!(v.to_fixed_offset(), Some(fixed));
    assert_eq!(DateTime::from(fixed), v);

    let west = FixedOffset::west_opt(5 * 3600 + 30 * 60).unwrap();
    let v = DateTime::from(utc.with_timezone(&west));
    assert_eq!(v.to_string(), "2024-03-31T08:30:00-05:30");

    let zero = FixedOffset::east_opt(0).unwrap();
    let v = DateTime::from(utc.with_timezone(&zero));
    assert_eq!(v.to_string(), "2024-03-31T14:00:00+00:00");

    // Every constructed value parses back to itself.
    for v in [
        DateTime::from_naive(naive(2024, 3, 31, 16, 0, 0, 123_400_000)),
        DateTime::from_utc(utc),
        DateTime::from_fixed(fixed),
        DateTime::no_date(),
    ] {
        assert_eq!(DateTime::parse(&v.to_string()).unwrap(), v);
    }
}

#[test]
fn debug_is_readable() {
    let v = DateTime::parse("2024-03-31T16:00:00").unwrap();
    assert_eq!(format!("{v:?}"), "DateTime(2024-03-31T16:00:00)");
    let v = DateTime::parse("2024-03-31T16:00:00.10+02:00").unwrap();
    assert_eq!(format!("{v:?}"), "DateTime(2024-03-31T16:00:00.10+02:00)");
}

#[test]
fn hash_and_copy() {
    use std::collections::HashSet;
    let a = DateTime::parse("2024-03-31T16:00:00Z").unwrap();
    let b = a; // Copy
    let set: HashSet<DateTime> = [a, b, DateTime::parse("2024-03-31T16:00:00").unwrap()].into_iter().collect();
    assert_eq!(set.len(), 2);
}

// ---------------------------------------------------------------- DateTime: serde in structs

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Appointment {
    #[serde(rename = "StartDate")]
    start: DateTime,
    #[serde(rename = "EndDate", default)]
    end: Option<DateTime>,
    #[serde(rename = "Updated", default)]
    updated: Option<DateTime>,
}

#[test]
fn serde_struct_with_optional_dates() {
    let json = r#"{"StartDate":"2024-03-31T16:00:00","EndDate":"2024-03-31T17:30:00.1234567+02:00","Updated":null}"#;
    let appointment: Appointment = serde_json::from_str(json).unwrap();
    assert_eq!(appointment.start.naive(), naive(2024, 3, 31, 16, 0, 0, 0));
    let end = appointment.end.unwrap();
    assert_eq!(end.fractional_digits(), 7);
    assert_eq!(appointment.updated, None);
    assert_eq!(serde_json::to_string(&appointment).unwrap(), json);

    let missing: Appointment = serde_json::from_str(r#"{"StartDate":"2024-03-31T16:00:00Z"}"#).unwrap();
    assert_eq!(missing.end, None);
    assert_eq!(missing.updated, None);
    assert!(missing.start.is_utc_designator());

    // From an owned string (serde_json::Value) as well.
    let value = serde_json::json!({"StartDate": "2011-06-06T15:05:41.6710023+02:00"});
    let owned: Appointment = serde_json::from_value(value).unwrap();
    assert_eq!(owned.start.to_string(), "2011-06-06T15:05:41.6710023+02:00");
}

#[test]
fn serde_errors_mention_the_value() {
    let err = serde_json::from_str::<Appointment>(r#"{"StartDate":"2024-02-30T00:00:00"}"#).unwrap_err().to_string();
    assert!(err.contains("2024-02-30T00:00:00"), "{err}");

    let err = serde_json::from_str::<DateTime>("12").unwrap_err().to_string();
    assert!(err.contains("date-time string"), "{err}");
}

// ---------------------------------------------------------------- DateTime: errors

#[test]
fn parse_errors_mention_the_input() {
    let cases: [(&str, DateTimeParseErrorKind); 12] = [
        ("2024-13-01T00:00:00", DateTimeParseErrorKind::InvalidDate),
        ("2024-02-30T00:00:00", DateTimeParseErrorKind::InvalidDate),
        ("2023-02-29T00:00:00", DateTimeParseErrorKind::InvalidDate),
        ("2024-03-31T24:00:00", DateTimeParseErrorKind::InvalidTime),
        ("2024-03-31T16:60:00", DateTimeParseErrorKind::InvalidTime),
        ("garbage", DateTimeParseErrorKind::Malformed { position: 0, expected: "a 4-digit year" }),
        (
            "2024-03-31T16:00:00+2:00",
            DateTimeParseErrorKind::Malformed { position: 21, expected: "a 2-digit offset hour" },
        ),
        ("", DateTimeParseErrorKind::Empty),
        ("2024-03-31T16:00:00.1234567890", DateTimeParseErrorKind::TooManyFractionalDigits),
        ("2024-03-31T16:00:00.", DateTimeParseErrorKind::Malformed { position: 20, expected: "a digit after '.'" }),
        ("2024-03-31T16:00:00+02:60", DateTimeParseErrorKind::InvalidOffset),
        ("2024-03-31T16:00:00Zx", DateTimeParseErrorKind::TrailingCharacters { position: 20 }),
    ];
    for (input, kind) in cases {
        let err = DateTime::parse(input).expect_err(input);
        assert_eq!(err.kind(), kind, "{input}");
        assert_eq!(err.input(), input);
        let message = err.to_string();
        assert!(message.contains(&format!("\"{input}\"")), "{message}");

        let json_err = serde_json::from_str::<DateTime>(&format!("\"{input}\"")).unwrap_err().to_string();
        assert!(json_err.contains(&format!("\"{input}\"")), "{json_err}");
    }

    // Other rejected forms.
    for input in [
        "2024-03-31 16:00:00",
        "2024-03-31t16:00:00",
        "2024-03-31T16:00:00z",
        "2024-03-31T16:00",
        "2024-03-31",
        "24-03-31T16:00:00",
        "+2024-03-31T16:00:00",
        "2024-03-31T16:00:00+0200",
        "2024-03-31T16:00:00+24:00",
        "2024-03-31T16:00:00 ",
        " 2024-03-31T16:00:00",
        "2024-03-31T16:00:00.12.3",
        "2024-00-10T00:00:00",
        "2024-01-00T00:00:00",
        "2024-03-31T16:00:61",
    ] {
        let err = DateTime::parse(input).expect_err(input);
        assert!(err.to_string().contains(input), "{err}");
    }
}

#[test]
fn no_panic_on_arbitrary_input() {
    let valid = "2011-06-06T15:05:41.6710023+02:00";
    let inserts = ["é", "€", "😀", "\u{0}", "\u{FFFD}", "9", "-", ":", "Z", "."];
    let mut inputs: Vec<String> = Vec::new();
    for cut in 0..=valid.len() {
        let (head, tail) = valid.split_at(cut);
        inputs.push(head.to_owned());
        inputs.push(tail.to_owned());
        for insert in inserts {
            inputs.push(format!("{head}{insert}{tail}"));
            inputs.push(format!("{head}{insert}"));
            // Replace the byte at `cut` with a multi-byte character.
            if cut < valid.len() {
                inputs.push(format!("{head}{insert}{}", &valid[cut + 1..]));
            }
        }
    }
    // Pseudo-random strings from a small alphabet (deterministic LCG).
    let alphabet: Vec<char> = "0123456789-T:.+Z é😀".chars().collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..300 {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let len = (state >> 58) as usize;
        let s: String = (0..len)
            .map(|i| {
                let idx = ((state >> (i % 48)) as usize + i * 7) % alphabet.len();
                alphabet[idx]
            })
            .collect();
        inputs.push(s);
    }
    // Long input, truncated in the message on a char boundary.
    inputs.push("😀".repeat(100));

    assert!(inputs.len() > 1000);
    let mut accepted = 0;
    for input in &inputs {
        match DateTime::parse(input) {
            Ok(v) => {
                accepted += 1;
                // Whatever is accepted round-trips.
                assert_eq!(&v.to_string(), input);
            }
            Err(e) => {
                let message = e.to_string();
                assert!(message.starts_with("invalid date-time"), "{message}");
                assert!(e.input().chars().count() <= 41);
            }
        }
    }
    assert!(accepted > 0);
}

// ---------------------------------------------------------------- open enum + FlagSet

/// Same shape as a generated open enum. (`UnknownValue::new` is crate-private, so an
/// enum outside the crate keeps unknown text in a `Box<str>` instead.)
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TableRight {
    Select,
    Update,
    Delete,
    Unknown(Box<str>),
}

impl TableRight {
    fn as_str(&self) -> &str {
        match self {
            Self::Select => "Select",
            Self::Update => "Update",
            Self::Delete => "Delete",
            Self::Unknown(v) => v,
        }
    }
}

impl OpenEnum for TableRight {
    const VALUES: &'static [&'static str] = &["Select", "Update", "Delete"];

    fn index(&self) -> Option<usize> {
        match self {
            Self::Select => Some(0),
            Self::Update => Some(1),
            Self::Delete => Some(2),
            Self::Unknown(_) => None,
        }
    }

    fn from_index(index: usize) -> Option<Self> {
        [Self::Select, Self::Update, Self::Delete].into_iter().nth(index)
    }
}

impl AsRef<str> for TableRight {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for TableRight {
    fn from(s: &str) -> Self {
        match Self::lookup(s).and_then(Self::from_index) {
            Some(known) => known,
            None => Self::Unknown(s.into()),
        }
    }
}

impl Serialize for TableRight {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TableRight {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        superoffice_webapi::open_enum::deserialize(d)
    }
}

#[test]
fn open_enum_known_unknown_integer() {
    let v: TableRight = serde_json::from_str(r#""Update""#).unwrap();
    assert_eq!(v, TableRight::Update);
    let v: TableRight = serde_json::from_str(r#""uPDATE""#).unwrap();
    assert_eq!(v, TableRight::Update);

    let v: TableRight = serde_json::from_str(r#""Restricted""#).unwrap();
    assert_eq!(v, TableRight::Unknown("Restricted".into()));
    assert_eq!(serde_json::to_string(&v).unwrap(), r#""Restricted""#);

    let v: TableRight = serde_json::from_str("4").unwrap();
    assert_eq!(v, TableRight::Unknown("4".into()));
    let v: TableRight = serde_json::from_str("-1").unwrap();
    assert_eq!(v, TableRight::Unknown("-1".into()));

    let v: Vec<TableRight> = serde_json::from_str(r#"["Select", "Nope", 2]"#).unwrap();
    assert_eq!(v, [TableRight::Select, TableRight::Unknown("Nope".into()), TableRight::Unknown("2".into())]);
}

#[test]
fn open_enum_wrong_type_is_an_error() {
    for json in ["true", "null", "2.5", r#"["Select"]"#, r#"{"a":1}"#] {
        let err = serde_json::from_str::<TableRight>(json).unwrap_err().to_string();
        assert!(err.contains("string"), "{json}: {err}");
    }
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Rights {
    #[serde(rename = "TableRight")]
    table: FlagSet<TableRight>,
}

#[test]
fn flag_set_three_members() {
    let json = r#"{"TableRight":"Select, Update, Delete"}"#;
    let rights: Rights = serde_json::from_str(json).unwrap();
    assert_eq!(rights.table.len(), 3);
    assert!(rights.table.contains(&TableRight::Select));
    assert!(rights.table.contains(&TableRight::Update));
    assert!(rights.table.contains(&TableRight::Delete));
    assert_eq!(rights.table.iter().collect::<Vec<_>>(), [TableRight::Select, TableRight::Update, TableRight::Delete]);
    assert_eq!(rights.table.received_text(), None);
    assert_eq!(rights.table.to_string(), "Select, Update, Delete");
    assert_eq!(serde_json::to_string(&rights).unwrap(), json);
}

#[test]
fn flag_set_single_and_empty() {
    let set: FlagSet<TableRight> = serde_json::from_str(r#""Update""#).unwrap();
    assert_eq!(set.len(), 1);
    assert_eq!(serde_json::to_string(&set).unwrap(), r#""Update""#);

    let empty: FlagSet<TableRight> = serde_json::from_str(r#""""#).unwrap();
    assert!(empty.is_empty());
    assert_eq!(empty.len(), 0);
    assert_eq!(empty, FlagSet::new());
    assert_eq!(empty, FlagSet::default());
    assert_eq!(serde_json::to_string(&empty).unwrap(), r#""""#);
    assert_eq!(empty.to_string(), "");

    // Blank parts: an empty set, written back as received.
    let blank: FlagSet<TableRight> = serde_json::from_str(r#"" , ,""#).unwrap();
    assert!(blank.is_empty());
    assert_eq!(serde_json::to_string(&blank).unwrap(), r#"" , ,""#);
}

#[test]
fn flag_set_keeps_unknown_members_and_the_received_text() {
    let set: FlagSet<TableRight> = serde_json::from_str(r#""Select,Restricted ,  delete""#).unwrap();
    assert_eq!(set.len(), 3);
    assert!(set.contains(&TableRight::Unknown("Restricted".into())));
    assert!(set.contains(&TableRight::Delete));
    assert_eq!(serde_json::to_string(&set).unwrap(), r#""Select,Restricted ,  delete""#);
    let mut set = set;
    set.remove(&TableRight::Select);
    assert_eq!(serde_json::to_string(&set).unwrap(), r#""Delete, Restricted""#);
}

#[test]
fn flag_set_duplicates_and_order_insensitive_equality() {
    let a: FlagSet<TableRight> = serde_json::from_str(r#""Select, Update, Select""#).unwrap();
    assert_eq!(a.len(), 2);
    let b: FlagSet<TableRight> = serde_json::from_str(r#""Update, Select""#).unwrap();
    assert_eq!(a, b);
    let c: FlagSet<TableRight> = serde_json::from_str(r#""Update, Delete""#).unwrap();
    assert_ne!(a, c);
    let d: FlagSet<TableRight> = serde_json::from_str(r#""Update""#).unwrap();
    assert_ne!(a, d);
    assert_ne!(d, a);

    use std::collections::HashSet;
    let hashed: HashSet<FlagSet<TableRight>> = [a.clone(), b.clone(), c].into_iter().collect();
    assert_eq!(hashed.len(), 2);
}

#[test]
fn flag_set_collection_api() {
    let mut set: FlagSet<TableRight> = [TableRight::Delete, TableRight::Select].into_iter().collect();
    assert!(set.insert(TableRight::Update));
    assert!(!set.insert(TableRight::Select));
    assert!(set.remove(&TableRight::Delete));
    assert!(!set.remove(&TableRight::Delete));
    set.extend([TableRight::Delete, TableRight::from("X"), TableRight::Update]);
    assert_eq!(set.to_string(), "Select, Update, Delete, X");

    let names: Vec<String> = set.iter().map(|t| t.as_str().to_string()).collect();
    assert_eq!(names, ["Select", "Update", "Delete", "X"]);
    assert_eq!(set.iter().count(), 4);

    let parsed: FlagSet<TableRight> = "Delete , Select".parse().unwrap();
    assert_eq!(parsed, FlagSet::from([TableRight::Select, TableRight::Delete]));
    assert_eq!(format!("{parsed:?}"), "FlagSet{Select, Delete}");
}

#[test]
fn flag_set_wrong_type_is_an_error() {
    let err = serde_json::from_str::<FlagSet<TableRight>>(r#"["Select"]"#).unwrap_err().to_string();
    assert!(err.contains("comma-separated"), "{err}");
}
