//! [`TimeSpan`]: .NET `TimeSpan` members, sent as `[-][d.]hh:mm:ss[.fffffff]`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::time::Duration;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// .NET ticks (100 ns) per second.
const TICKS_PER_SECOND: i128 = 10_000_000;
/// How much of a rejected input an error repeats.
const SHOWN: usize = 40;

/// A .NET `TimeSpan` as the WebAPI writes it: `[-][d.]hh:mm:ss[.fffffff]` (`01:30:00`,
/// `2.00:00:00`, `-00:00:00.5`), to 100 ns (one .NET tick).
///
/// The length is a [`Duration`] ([`TimeSpan::duration`]) with a sign ([`TimeSpan::is_negative`]).
/// The received text is kept, so a value written back unchanged is exactly the text that came; a
/// value built in Rust is written in .NET's constant format (`1.02:03:04.5000000`). Equality,
/// ordering and hashing look at the length.
///
/// ```
/// use std::time::Duration;
/// use superoffice_webapi::TimeSpan;
///
/// let t: TimeSpan = serde_json::from_str(r#""1.02:03:04.5""#).unwrap();
/// assert_eq!(t.duration(), Duration::from_secs(93_784) + Duration::from_millis(500));
/// assert!(!t.is_negative());
/// assert_eq!(serde_json::to_string(&t).unwrap(), r#""1.02:03:04.5""#);
///
/// let back = TimeSpan::parse("-00:00:10").unwrap();
/// assert!(back.is_negative());
/// assert_eq!(back.duration(), Duration::from_secs(10));
///
/// let built = TimeSpan::from_duration(Duration::from_secs(5400)).unwrap();
/// assert_eq!(built.to_string(), "01:30:00");
/// assert!(TimeSpan::parse("25:00:00").is_err());
/// ```
#[derive(Clone, Default)]
pub struct TimeSpan {
    ticks: i64,
    /// The text as received; `None` for values built in Rust.
    text: Option<Box<str>>,
}

impl TimeSpan {
    /// A length of `ticks` × 100 ns (negative for a negative span).
    pub const fn from_ticks(ticks: i64) -> Self {
        TimeSpan { ticks, text: None }
    }

    /// A positive span of `d`, to 100 ns (shorter remainders are dropped); `None` when longer
    /// than .NET's `TimeSpan.MaxValue` (about 29,227 years).
    pub fn from_duration(d: Duration) -> Option<Self> {
        let ticks = d.as_secs() as i128 * TICKS_PER_SECOND + i128::from(d.subsec_nanos() / 100);
        i64::try_from(ticks).ok().map(TimeSpan::from_ticks)
    }

    /// The same length with the sign flipped (`None` for `TimeSpan.MinValue`, which has no
    /// positive counterpart).
    pub fn checked_neg(&self) -> Option<Self> {
        self.ticks.checked_neg().map(TimeSpan::from_ticks)
    }

    /// Parses .NET's constant format `[-][d.]hh:mm:ss[.fffffff]` (hours 0–23, minutes and seconds
    /// 0–59, 1 to 7 fraction digits), keeping the text. Never panics; the error says what is wrong
    /// and repeats up to 40 characters of the input.
    pub fn parse(text: &str) -> Result<Self, TimeSpanParseError> {
        let error = |reason: &'static str| TimeSpanParseError { reason, input: shown(text) };
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (days, clock) = match rest.split_once(':') {
            Some((head, _)) => match head.split_once('.') {
                Some((d, _)) => (Some(d), &rest[d.len() + 1..]),
                None => (None, rest),
            },
            None => return Err(error("expected hh:mm:ss")),
        };
        let days = match days {
            Some(d) => number(d, 1, 8).ok_or_else(|| error("days must be 1 to 8 digits"))?,
            None => 0,
        };
        let (clock, fraction) = match clock.split_once('.') {
            Some((c, f)) => (c, Some(f)),
            None => (clock, None),
        };
        let mut parts = clock.split(':');
        let (Some(h), Some(m), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(error("expected hh:mm:ss"));
        };
        let hours = number(h, 1, 2).filter(|h| *h < 24).ok_or_else(|| error("hours must be 00 to 23"))?;
        let minutes = number(m, 2, 2).filter(|m| *m < 60).ok_or_else(|| error("minutes must be 00 to 59"))?;
        let seconds = number(s, 2, 2).filter(|s| *s < 60).ok_or_else(|| error("seconds must be 00 to 59"))?;
        let fraction_ticks = match fraction {
            Some(f) => {
                let digits = number(f, 1, 7).ok_or_else(|| error("the fraction must be 1 to 7 digits"))?;
                digits * 10_i128.pow(7 - f.len() as u32)
            }
            None => 0,
        };
        let magnitude =
            ((days * 24 + hours) * 60 + minutes) * 60 * TICKS_PER_SECOND + seconds * TICKS_PER_SECOND + fraction_ticks;
        let signed = if negative { -magnitude } else { magnitude };
        let ticks = i64::try_from(signed).map_err(|_| error("longer than TimeSpan.MaxValue"))?;
        Ok(TimeSpan { ticks, text: Some(text.into()) })
    }

    /// The length in .NET ticks (100 ns), negative for a negative span.
    pub fn ticks(&self) -> i64 {
        self.ticks
    }

    /// The length, without its sign (see [`TimeSpan::is_negative`]).
    pub fn duration(&self) -> Duration {
        let abs = self.ticks.unsigned_abs();
        let per_second = TICKS_PER_SECOND as u64;
        Duration::new(abs / per_second, ((abs % per_second) * 100) as u32)
    }

    /// Whether the span is negative (`-00:00:10`).
    pub fn is_negative(&self) -> bool {
        self.ticks < 0
    }

    /// The text this value was parsed from, if it was received rather than built.
    pub fn received_text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// .NET's constant format of the length: `[-][d.]hh:mm:ss[.fffffff]`.
    fn canonical(&self) -> String {
        let d = self.duration();
        let secs = d.as_secs();
        let (days, hours, minutes, seconds) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
        let sign = if self.is_negative() { "-" } else { "" };
        let mut out = if days > 0 {
            format!("{sign}{days}.{hours:02}:{minutes:02}:{seconds:02}")
        } else {
            format!("{sign}{hours:02}:{minutes:02}:{seconds:02}")
        };
        let fraction = d.subsec_nanos() / 100;
        if fraction > 0 {
            out.push_str(&format!(".{fraction:07}"));
        }
        out
    }
}

/// The value of `s` if it is `min..=max` ASCII digits.
fn number(s: &str, min: usize, max: usize) -> Option<i128> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(SHOWN).collect();
    if text.chars().nth(SHOWN).is_some() {
        out.push('…');
    }
    out
}

impl From<Duration> for TimeSpan {
    /// A positive span of `d`, saturating at .NET's `TimeSpan.MaxValue`.
    fn from(d: Duration) -> Self {
        TimeSpan::from_duration(d).unwrap_or(TimeSpan::from_ticks(i64::MAX))
    }
}

impl PartialEq for TimeSpan {
    fn eq(&self, other: &Self) -> bool {
        self.ticks == other.ticks
    }
}

impl Eq for TimeSpan {}

impl PartialOrd for TimeSpan {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TimeSpan {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.ticks.cmp(&other.ticks)
    }
}

impl Hash for TimeSpan {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.ticks.hash(state);
    }
}

impl FromStr for TimeSpan {
    type Err = TimeSpanParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TimeSpan::parse(s)
    }
}

impl fmt::Display for TimeSpan {
    /// The text as received, else .NET's constant format.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(t) => f.write_str(t),
            None => f.write_str(&self.canonical()),
        }
    }
}

impl fmt::Debug for TimeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeSpan({self})")
    }
}

impl Serialize for TimeSpan {
    /// Serializes as the text (see [`Display`](fmt::Display)).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.text {
            Some(t) => serializer.serialize_str(t),
            None => serializer.serialize_str(&self.canonical()),
        }
    }
}

impl<'de> Deserialize<'de> for TimeSpan {
    /// Deserializes from a string in the form [`TimeSpan::parse`] accepts.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimeSpanVisitor)
    }
}

struct TimeSpanVisitor;

impl Visitor<'_> for TimeSpanVisitor {
    type Value = TimeSpan;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a time span like \"01:30:00\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<TimeSpan, E> {
        TimeSpan::parse(v).map_err(E::custom)
    }
}

/// Why a text is not a .NET time span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeSpanParseError {
    reason: &'static str,
    input: String,
}

impl TimeSpanParseError {
    /// What is wrong (`"hours must be 00 to 23"`).
    pub fn reason(&self) -> &'static str {
        self.reason
    }

    /// Up to 40 characters of the rejected input.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for TimeSpanParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid time span {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for TimeSpanParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotnet_constant_format_in_both_directions() {
        let max = TimeSpan::parse("10675199.02:48:05.4775807").unwrap();
        assert_eq!(max.ticks(), i64::MAX);
        assert_eq!(TimeSpan::from_ticks(i64::MAX).to_string(), "10675199.02:48:05.4775807");
        let min = TimeSpan::parse("-10675199.02:48:05.4775808").unwrap();
        assert_eq!(min.ticks(), i64::MIN);
        assert_eq!(TimeSpan::from_ticks(i64::MIN).to_string(), "-10675199.02:48:05.4775808");
        assert!(min.checked_neg().is_none());
        assert_eq!(TimeSpan::parse("00:00:00.1").unwrap().ticks(), 1_000_000);
        assert_eq!(TimeSpan::from_ticks(1_000_000).to_string(), "00:00:00.1000000");
        assert_eq!(TimeSpan::parse("1:02:03").unwrap().duration(), Duration::from_secs(3723));
    }

    #[test]
    fn malformed_text_is_an_error_saying_what_is_wrong() {
        for (text, reason) in [
            ("", "expected hh:mm:ss"),
            ("12", "expected hh:mm:ss"),
            ("24:00:00", "hours must be 00 to 23"),
            ("00:60:00", "minutes must be 00 to 59"),
            ("00:00:61", "seconds must be 00 to 59"),
            ("00:00:00.12345678", "the fraction must be 1 to 7 digits"),
            ("x.00:00:00", "days must be 1 to 8 digits"),
            ("10675199.02:48:05.4775808", "longer than TimeSpan.MaxValue"),
            ("00:00:00:00", "expected hh:mm:ss"),
            ("+00:00:00", "hours must be 00 to 23"),
            ("٣:00:00", "hours must be 00 to 23"),
        ] {
            assert_eq!(TimeSpan::parse(text).map_err(|e| e.reason()), Err(reason), "{text}");
        }
    }
}
