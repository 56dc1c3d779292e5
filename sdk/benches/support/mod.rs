//! Shared by the SDK benches: realistic `ChatSessionEntity` payloads and the hand-written baseline.
//!
//! Payloads start from the sample response of
//! `docs-input/rest/ChatSession/history/v1ChatSessionEntity_ChatSessionsForUser.md` (one session
//! with every nested carrier filled in) and vary it deterministically (fixed seed): new numbers,
//! texts of varied length (some non-ASCII, some with JSON escapes), every enum drawn from the
//! generated enum's values (plus the odd unknown value), flag sets of 0 to 3 members, date-times
//! in all the forms the WebAPI writes (no offset, `Z`, `±HH:MM`, 0 to 7 fractional digits, the
//! `0001-01-01T00:00:00` "no date"), about a quarter of the nested carriers `null`, about 5% of
//! scalar fields `null`, 1 to 3 entries in every `FieldProperties` map and an `Address` on some
//! contacts.
#![allow(dead_code)]

pub mod baseline;

use serde_json::{Map, Value};
use superoffice_webapi::models;

/// The docs page whose sample response is the template.
pub const SAMPLE_PAGE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../docs-input/rest/ChatSession/history/v1ChatSessionEntity_ChatSessionsForUser.md"
);

/// Nested carriers that are `null` in about a quarter of the sessions.
const NULLABLE_CARRIERS: [&str; 7] = ["User", "Person", "Contact", "Project", "Sale", "Ticket", "TransferTo"];

const WORDS: [&str; 32] = [
    "est",
    "quia",
    "tempore",
    "facere",
    "omnis",
    "Keebler",
    "Inc",
    "and",
    "Sons",
    "Rolfson",
    "Elaina",
    "McClure",
    "Verna",
    "Schinner",
    "Johnson",
    "Group",
    "Inverse",
    "6th",
    "generation",
    "focus",
    "O'Conner",
    "Terry",
    "Carter",
    "Goodwin-Glover",
    "mollitia",
    "Nikolaus",
    "Larkin",
    "Donnelly",
    "team-oriented",
    "installation",
    "VIP",
    "Customer",
];
const NON_ASCII: [&str; 6] = ["Ørsted", "Müller & Søn", "Łódź", "東京", "Ærø", "Straße"];
const ESCAPED: [&str; 4] = ["say \"hi\"", "line\nbreak", "tab\there", "back\\slash"];
const FIELD_NAMES: [&str; 8] = ["fieldName", "Name", "Department", "Email", "Phone", "Category", "Business", "Number1"];
const FIELD_TYPES: [&str; 4] = ["System.Int32", "System.String", "System.DateTime", "System.Boolean"];
const TABLE_MASKS: [&str; 6] = ["", "Select", "Select, Update", "Select, Update, Insert, Delete", "Full", "FULL"];
const FIELD_MASKS: [&str; 5] = ["", "Read", "Read, Update", "Full", "FULL"];
const CHAT_FLAGS: [&str; 4] = ["", "CustomerIsTyping", "UserIsTyping", "CustomerIsTyping, UserIsTyping"];

/// SplitMix64: small, deterministic, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent`%.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// The docs sample's first session.
pub fn template() -> Value {
    let page = std::fs::read_to_string(SAMPLE_PAGE).unwrap_or_else(|e| panic!("cannot read {SAMPLE_PAGE}: {e}"));
    let block = page.split("```http_").nth(1).expect("sample response block");
    let block = block.split("```").next().expect("closed sample response block");
    let json = &block[block.find('[').expect("JSON array in the sample response")..];
    let mut sessions: Vec<Value> = serde_json::from_str(json).expect("sample response is JSON");
    sessions.swap_remove(0)
}

/// A JSON array of `n` varied sessions (compact, as servers send it).
pub fn sessions_json(n: usize) -> Vec<u8> {
    let template = template();
    let mut rng = Rng::new(0x5u64 << 32 | n as u64);
    let sessions: Vec<Value> = (0..n).map(|i| session(&template, i, &mut rng)).collect();
    serde_json::to_vec(&sessions).expect("serializable")
}

/// One session: the template with every value varied.
pub fn session(template: &Value, index: usize, rng: &mut Rng) -> Value {
    let mut value = vary(template, "", "ChatSession", rng);
    if let Value::Object(map) = &mut value {
        map.insert("ChatSessionId".into(), Value::from(index as u64 + 1));
        for key in NULLABLE_CARRIERS {
            if rng.chance(25) {
                map.insert(key.into(), Value::Null);
            }
        }
    }
    value
}

fn vary(value: &Value, key: &str, owner: &str, rng: &mut Rng) -> Value {
    match value {
        Value::Object(map) if key == "FieldProperties" => field_properties(map, rng),
        Value::Object(_) if key == "Address" => address(rng),
        Value::Object(map) => {
            let owner = if key.is_empty() { owner } else { key };
            let mut out = Map::new();
            for (k, v) in map {
                out.insert(k.clone(), vary(v, k, owner, rng));
            }
            if key == "TableRight" || key == "FieldRight" {
                let masks: &[&str] = if key == "TableRight" { &TABLE_MASKS } else { &FIELD_MASKS };
                out.insert("Mask".into(), Value::from(rng.pick(masks)));
                out.insert("Reason".into(), Value::from(if rng.chance(80) { String::new() } else { text(rng, 3) }));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| vary(v, key, owner, rng)).collect()),
        _ if rng.chance(5) => Value::Null,
        Value::Bool(_) => Value::Bool(rng.chance(50)),
        Value::Number(n) if n.is_f64() => {
            let cents = rng.below(10_000_000) as f64;
            Value::from(cents / 100.0)
        }
        Value::Number(_) => Value::from(rng.below(100_000)),
        Value::String(s) => Value::String(string_like(s, key, owner, rng)),
        Value::Null => Value::Null,
    }
}

fn string_like(sample: &str, key: &str, owner: &str, rng: &mut Rng) -> String {
    if looks_like_date(sample) {
        return date_time(rng);
    }
    let values: Option<&[&str]> = match (owner, key) {
        ("ChatSession", "Status") => Some(models::ChatSessionEntityStatus::VALUES),
        ("ChatSession", "Flags") => Some(&CHAT_FLAGS),
        ("User" | "TransferTo", "Type") => Some(models::AssociateType::VALUES),
        ("Sale", "Status") => Some(models::SaleStatus::VALUES),
        ("Sale", "Completed") => Some(models::SaleCompleted::VALUES),
        ("Ticket", "Slevel") => Some(models::TicketSlevel::VALUES),
        ("Ticket", "BaseStatus") => Some(models::TicketBaseStatus::VALUES),
        ("Ticket", "Origin") => Some(models::TicketOrigin::VALUES),
        ("Ticket", "ReadStatus") => Some(models::TicketReadStatus::VALUES),
        _ => None,
    };
    match values {
        // A value this SDK version does not know yet, now and then.
        Some(_) if rng.chance(2) => "SomethingNew".to_string(),
        Some(values) => rng.pick(values).to_string(),
        None if sample.is_empty() && rng.chance(70) => String::new(),
        None => text(rng, 1 + sample.split_whitespace().count() as u64 * 2),
    }
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19 && b[4] == b'-' && b[10] == b'T' && b[13] == b':'
}

/// Up to `max_words` words; some non-ASCII, some needing JSON escapes.
pub fn text(rng: &mut Rng, max_words: u64) -> String {
    let words = 1 + rng.below(max_words.max(1));
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let roll = rng.below(100);
        out.push_str(if roll < 3 {
            rng.pick(&NON_ASCII)
        } else if roll < 5 {
            rng.pick(&ESCAPED)
        } else {
            rng.pick(&WORDS)
        });
    }
    out
}

/// A date-time in one of the WebAPI's forms.
pub fn date_time(rng: &mut Rng) -> String {
    if rng.chance(3) {
        return "0001-01-01T00:00:00".to_string();
    }
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        1995 + rng.below(36),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    );
    let digits = rng.below(8);
    if digits > 0 {
        s.push('.');
        for _ in 0..digits {
            s.push(char::from(b'0' + rng.below(10) as u8));
        }
    }
    match rng.below(10) {
        0..=3 => {}
        4..=5 => s.push('Z'),
        _ => {
            let sign = if rng.chance(70) { '+' } else { '-' };
            s.push_str(&format!("{sign}{:02}:{}", rng.below(13), if rng.chance(80) { "00" } else { "30" }));
        }
    }
    s
}

fn field_properties(template: &Map<String, Value>, rng: &mut Rng) -> Value {
    let entry = template.values().next().cloned().unwrap_or(Value::Null);
    let mut out = Map::new();
    for _ in 0..1 + rng.below(3) {
        let mut e = vary(&entry, "FieldProperty", "FieldProperty", rng);
        if let Value::Object(m) = &mut e {
            m.insert("FieldType".into(), Value::from(rng.pick(&FIELD_TYPES)));
        }
        out.insert(rng.pick(&FIELD_NAMES).to_string(), e);
    }
    Value::Object(out)
}

fn address(rng: &mut Rng) -> Value {
    if rng.chance(50) {
        return Value::Object(Map::new());
    }
    let structured = |rng: &mut Rng| {
        serde_json::json!({
            "AtypeIdx": rng.pick(models::StructuredAddressAtypeIdx::VALUES),
            "Address1": text(rng, 3),
            "Address2": "",
            "Address3": "",
            "City": text(rng, 1),
            "County": "",
            "State": "",
            "Zipcode": format!("{:04}", rng.below(10_000)),
            "Formatted": text(rng, 6),
        })
    };
    serde_json::json!({
        "Wgs84Latitude": rng.below(180_000) as f64 / 1000.0 - 90.0,
        "Wgs84Longitude": rng.below(360_000) as f64 / 1000.0 - 180.0,
        "Street": structured(rng),
        "Postal": structured(rng),
        "Formatted": text(rng, 8),
    })
}
