//! Date-time values exactly as the SuperOffice WebAPI sends them.
//!
//! The WebAPI writes date-times in an ISO 8601 subset:
//!
//! * `2024-03-31T16:00:00`: wall-clock time **without** an offset (the default),
//! * `2024-03-31T16:00:00Z` or `2024-03-31T16:00:00+02:00`: with an offset, when the
//!   request asked for one,
//! * 0 to 7 (we accept up to 9) fractional second digits: `2011-06-06T15:05:41.6710023+02:00`,
//! * `0001-01-01T00:00:00` meaning "no date".
//!
//! [`DateTime`] keeps all of that information, so that re-serializing a received value gives
//! back exactly the received text.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, Timelike, Utc};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `0001-01-01T00:00:00`, the WebAPI's "no date" marker.
///
/// Evaluated at compile time, so the `panic!` arm can never run.
const NO_DATE: NaiveDateTime = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(date) => date.and_time(NaiveTime::MIN),
    None => panic!("0001-01-01 is a valid date"),
};

/// The zero offset, used for `Z`. Evaluated at compile time.
const UTC_OFFSET: FixedOffset = match FixedOffset::east_opt(0) {
    Some(offset) => offset,
    None => panic!("0 is a valid offset"),
};

const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// `10^(9 - digits)`, the scale of the last written fractional digit in nanoseconds.
const FRACTION_SCALE: [u32; 10] =
    [1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

/// Longest text [`DateTime`] can produce:
/// `+262143-12-31T23:59:60.999999999-23:59` is 38 bytes.
const MAX_LEN: usize = 40;

/// How many characters of a rejected input an error message repeats.
const MAX_ERROR_INPUT_CHARS: usize = 40;

/// How the offset was written.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Tz {
    /// No offset: a wall-clock time in an unspecified zone.
    None,
    /// `Z`.
    Utc,
    /// `±HH:MM`, including `+00:00`.
    Fixed(FixedOffset),
    /// `-00:00`. Same instant as `+00:00`, kept apart only to write it back unchanged.
    MinusZero,
}

/// A SuperOffice WebAPI date-time, preserving exactly how it was written.
///
/// It holds the wall-clock value ([`naive`](Self::naive)), whether and how an offset was
/// written (none, `Z` or `±HH:MM`), and how many fractional second digits were written.
/// [`Display`](fmt::Display) and [`Serialize`] write the value back in the same form, so
/// for every accepted input `DateTime::parse(s)?.to_string() == s`.
///
/// The WebAPI sends date-times without an offset unless the request asked for one. Such a
/// value is a wall-clock time in a zone the SDK does not know: [`to_utc`](Self::to_utc) and
/// [`to_fixed_offset`](Self::to_fixed_offset) return `None` for it rather than guess.
///
/// `0001-01-01T00:00:00` is the WebAPI's "no date"; see [`is_no_date`](Self::is_no_date) and
/// [`value`](Self::value). It is also the [`Default`].
///
/// Equality, hashing and [`Debug`](fmt::Debug) are about the written form: `…T14:00:00Z` and
/// `…T16:00:00+02:00` are the same instant but not equal `DateTime`s, and neither are `…:00`
/// and `…:00.000`. Compare [`to_utc`](Self::to_utc) results to compare instants.
///
/// `DateTime` is `Copy` and never allocates.
///
/// # Example
///
/// ```
/// use superoffice_webapi::DateTime;
///
/// // Without offset: a wall-clock time, no instant.
/// let local = DateTime::parse("2024-03-31T16:00:00").unwrap();
/// assert!(!local.has_offset());
/// assert_eq!(local.to_utc(), None);
/// assert_eq!(local.to_string(), "2024-03-31T16:00:00");
///
/// // With offset and 7 fractional digits, as .NET writes them.
/// let precise: DateTime = "2011-06-06T15:05:41.6710023+02:00".parse().unwrap();
/// assert_eq!(precise.fractional_digits(), 7);
/// assert_eq!(
///     precise.to_utc().unwrap().to_rfc3339(),
///     "2011-06-06T13:05:41.671002300+00:00"
/// );
/// assert_eq!(precise.to_string(), "2011-06-06T15:05:41.6710023+02:00");
///
/// // Serde writes back exactly the received text.
/// let json = r#""2024-03-31T16:00:00.120Z""#;
/// let value: DateTime = serde_json::from_str(json).unwrap();
/// assert_eq!(serde_json::to_string(&value).unwrap(), json);
///
/// // "No date".
/// let none = DateTime::parse("0001-01-01T00:00:00").unwrap();
/// assert!(none.is_no_date());
/// assert_eq!(none.value(), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    naive: NaiveDateTime,
    tz: Tz,
    /// Fractional digits written, 0..=9. Invariant: the sub-second nanoseconds are a
    /// multiple of `FRACTION_SCALE[digits]`, so writing `digits` digits loses nothing.
    digits: u8,
}

impl DateTime {
    /// Parses a WebAPI date-time.
    ///
    /// Accepted: `YYYY-MM-DDTHH:MM:SS`, then optionally `.` and 1 to 9 digits, then
    /// optionally `Z` or `±HH:MM`. The date and time must exist (`2024-02-30` does not).
    /// A seconds field of `60` is accepted as a leap second after `:59`, as chrono models it.
    ///
    /// Never panics. The error tells what is wrong and repeats (up to 40 characters of) the
    /// input.
    ///
    /// ```
    /// use superoffice_webapi::DateTime;
    ///
    /// assert!(DateTime::parse("2024-03-31T16:00:00-05:30").is_ok());
    /// let err = DateTime::parse("2024-13-01T00:00:00").unwrap_err();
    /// assert!(err.to_string().contains("2024-13-01T00:00:00"));
    /// ```
    pub fn parse(s: &str) -> Result<DateTime, DateTimeParseError> {
        parse_bytes(s.as_bytes()).map_err(|kind| DateTimeParseError::new(kind, s))
    }

    /// The "no date" value `0001-01-01T00:00:00`, without offset or fraction.
    pub const fn no_date() -> DateTime {
        DateTime { naive: NO_DATE, tz: Tz::None, digits: 0 }
    }

    /// A date-time without offset, written with the fewest fractional digits (0 to 9) that
    /// represent its nanoseconds exactly.
    pub fn from_naive(naive: NaiveDateTime) -> DateTime {
        DateTime { naive, tz: Tz::None, digits: minimal_digits(naive.nanosecond()) }
    }

    /// A date-time with the given fixed offset, written as `±HH:MM` (`+00:00` for zero) with
    /// the fewest fractional digits needed. The wall-clock value is the local time at that
    /// offset.
    ///
    /// Offsets with a seconds component (not expressible as `±HH:MM`) are written rounded
    /// towards zero to whole minutes; the stored offset is adjusted likewise, so the value
    /// still round-trips through its text.
    pub fn from_fixed(value: chrono::DateTime<FixedOffset>) -> DateTime {
        let offset = value.offset().fix();
        let seconds = offset.local_minus_utc();
        let whole_minutes = seconds - seconds % 60;
        if whole_minutes == seconds {
            DateTime { naive: value.naive_local(), tz: Tz::Fixed(offset), digits: minimal_digits(value.nanosecond()) }
        } else {
            // `|whole_minutes| <= |seconds| < 86_400`, so this always succeeds.
            let rounded = FixedOffset::east_opt(whole_minutes).unwrap_or(UTC_OFFSET);
            DateTime::from_fixed(value.with_timezone(&rounded))
        }
    }

    /// A UTC date-time, written with `Z` and the fewest fractional digits needed.
    pub fn from_utc(value: chrono::DateTime<Utc>) -> DateTime {
        let naive = value.naive_utc();
        DateTime { naive, tz: Tz::Utc, digits: minimal_digits(naive.nanosecond()) }
    }

    /// The wall-clock value as sent, without applying any offset.
    pub const fn naive(&self) -> NaiveDateTime {
        self.naive
    }

    /// The offset that was sent: `Z` gives the zero offset. `None` when no offset was sent.
    pub const fn offset(&self) -> Option<FixedOffset> {
        match self.tz {
            Tz::None => None,
            Tz::Utc | Tz::MinusZero => Some(UTC_OFFSET),
            Tz::Fixed(offset) => Some(offset),
        }
    }

    /// Whether an offset (`Z` or `±HH:MM`) was sent.
    pub const fn has_offset(&self) -> bool {
        !matches!(self.tz, Tz::None)
    }

    /// Whether the offset was written as `Z` (not `+00:00`).
    pub const fn is_utc_designator(&self) -> bool {
        matches!(self.tz, Tz::Utc)
    }

    /// The value as a chrono date-time with its offset (`Z` as `+00:00`).
    ///
    /// `None` when no offset was sent (the SDK never invents one), or when applying the
    /// offset leaves chrono's supported range (only possible at its extreme years).
    pub fn to_fixed_offset(&self) -> Option<chrono::DateTime<FixedOffset>> {
        let offset = self.offset()?;
        self.naive.and_local_timezone(offset).single()
    }

    /// The instant in UTC. `None` when no offset was sent (the SDK never invents one).
    pub fn to_utc(&self) -> Option<chrono::DateTime<Utc>> {
        self.to_fixed_offset().map(|value| value.with_timezone(&Utc))
    }

    /// How many fractional second digits are written (0 to 9).
    pub const fn fractional_digits(&self) -> u8 {
        self.digits
    }

    /// Whether this is the WebAPI's "no date", `0001-01-01T00:00:00`, with or without an
    /// offset and with or without (zero) fractional digits.
    pub fn is_no_date(&self) -> bool {
        self.naive == NO_DATE
    }

    /// `None` for "no date" (see [`is_no_date`](Self::is_no_date)), else `Some(self)`.
    pub fn value(self) -> Option<DateTime> {
        if self.is_no_date() { None } else { Some(self) }
    }

    /// Writes the canonical text into `buf`, returning its length.
    fn write_bytes(&self, buf: &mut [u8; MAX_LEN]) -> usize {
        let mut w = ByteWriter { buf, len: 0 };
        let year = self.naive.year();
        if (0..=9999).contains(&year) {
            w.number(year.unsigned_abs(), 4);
        } else {
            // Outside what the WebAPI (and `parse`) uses; ISO 8601 expanded form.
            w.byte(if year < 0 { b'-' } else { b'+' });
            w.number(year.unsigned_abs(), 4);
        }
        w.byte(b'-');
        w.number(self.naive.month(), 2);
        w.byte(b'-');
        w.number(self.naive.day(), 2);
        w.byte(b'T');
        w.number(self.naive.hour(), 2);
        w.byte(b':');
        w.number(self.naive.minute(), 2);
        w.byte(b':');
        let mut nanos = self.naive.nanosecond();
        let mut second = self.naive.second();
        if nanos >= NANOS_PER_SECOND {
            // chrono's leap second representation: `:59` plus a second's worth of nanos.
            nanos -= NANOS_PER_SECOND;
            second += 1;
        }
        w.number(second, 2);
        if self.digits > 0 {
            let digits = usize::from(self.digits.min(9));
            let scale = FRACTION_SCALE.get(digits).copied().unwrap_or(1);
            w.byte(b'.');
            w.number(nanos / scale, digits);
        }
        match self.tz {
            Tz::None => {}
            Tz::Utc => w.byte(b'Z'),
            Tz::MinusZero => w.bytes(b"-00:00"),
            Tz::Fixed(offset) => {
                let seconds = offset.local_minus_utc();
                w.byte(if seconds < 0 { b'-' } else { b'+' });
                let minutes = seconds.unsigned_abs() / 60;
                w.number(minutes / 60, 2);
                w.byte(b':');
                w.number(minutes % 60, 2);
            }
        }
        w.len
    }

    /// Calls `f` with the canonical text, built on the stack.
    fn with_str<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let mut buf = [0u8; MAX_LEN];
        let len = self.write_bytes(&mut buf);
        let bytes = buf.get(..len).unwrap_or_default();
        // Only ASCII is ever written, so this cannot fail.
        f(std::str::from_utf8(bytes).unwrap_or_default())
    }
}

/// Appends ASCII to a fixed buffer; anything beyond its end is dropped (never reached:
/// [`MAX_LEN`] covers the longest possible text).
struct ByteWriter<'a> {
    buf: &'a mut [u8; MAX_LEN],
    len: usize,
}

impl ByteWriter<'_> {
    fn byte(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// Writes `value` in decimal, zero-padded to at least `width` digits.
    fn number(&mut self, value: u32, width: usize) {
        let mut digits = [0u8; 10];
        let mut n = 0;
        let mut rest = value;
        loop {
            if let Some(slot) = digits.get_mut(n) {
                // `rest % 10 < 10`, so the cast is lossless.
                *slot = b'0' + (rest % 10) as u8;
            }
            n += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        for _ in n..width {
            self.byte(b'0');
        }
        for i in (0..n).rev() {
            if let Some(&d) = digits.get(i) {
                self.byte(d);
            }
        }
    }
}

/// Fewest fractional digits that represent `nanos` (modulo leap seconds) exactly.
fn minimal_digits(nanos: u32) -> u8 {
    let nanos = nanos % NANOS_PER_SECOND;
    // The first (coarsest) scale that divides `nanos` exactly; scale 1 always does.
    // (Not `is_multiple_of`: that needs Rust 1.87, the workspace supports 1.80.)
    (0u8..=9)
        .find(|&digits| {
            let scale = FRACTION_SCALE.get(usize::from(digits)).copied().unwrap_or(1);
            nanos / scale * scale == nanos
        })
        .unwrap_or(9)
}

/// Reads one ASCII digit at `pos`.
fn digit(b: &[u8], pos: usize, expected: &'static str) -> Result<u32, DateTimeParseErrorKind> {
    match b.get(pos) {
        Some(c) if c.is_ascii_digit() => Ok(u32::from(c - b'0')),
        _ => Err(DateTimeParseErrorKind::Malformed { position: pos, expected }),
    }
}

/// Reads two ASCII digits at `pos`.
fn two_digits(b: &[u8], pos: usize, expected: &'static str) -> Result<u32, DateTimeParseErrorKind> {
    Ok(digit(b, pos, expected)? * 10 + digit(b, pos + 1, expected)?)
}

/// Checks for the separator byte `sep` at `pos`.
fn separator(b: &[u8], pos: usize, sep: u8, expected: &'static str) -> Result<(), DateTimeParseErrorKind> {
    if b.get(pos) == Some(&sep) { Ok(()) } else { Err(DateTimeParseErrorKind::Malformed { position: pos, expected }) }
}

fn parse_bytes(b: &[u8]) -> Result<DateTime, DateTimeParseErrorKind> {
    use DateTimeParseErrorKind as E;

    if b.is_empty() {
        return Err(E::Empty);
    }
    let year = digit(b, 0, "a 4-digit year")? * 1000
        + digit(b, 1, "a 4-digit year")? * 100
        + two_digits(b, 2, "a 4-digit year")?;
    separator(b, 4, b'-', "'-' after the year")?;
    let month = two_digits(b, 5, "a 2-digit month")?;
    separator(b, 7, b'-', "'-' after the month")?;
    let day = two_digits(b, 8, "a 2-digit day")?;
    separator(b, 10, b'T', "'T' between date and time")?;
    let hour = two_digits(b, 11, "a 2-digit hour")?;
    separator(b, 13, b':', "':' after the hour")?;
    let minute = two_digits(b, 14, "2-digit minutes")?;
    separator(b, 16, b':', "':' after the minutes")?;
    let second = two_digits(b, 17, "2-digit seconds")?;
    let mut pos = 19;

    let mut nanos = 0u32;
    let mut digits = 0usize;
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        while let Some(c) = b.get(pos).filter(|c| c.is_ascii_digit()) {
            if digits == 9 {
                return Err(E::TooManyFractionalDigits);
            }
            nanos = nanos * 10 + u32::from(c - b'0');
            digits += 1;
            pos += 1;
        }
        if digits == 0 {
            return Err(E::Malformed { position: pos, expected: "a digit after '.'" });
        }
        nanos *= FRACTION_SCALE.get(digits).copied().unwrap_or(1);
    }

    let tz = match b.get(pos) {
        None => Tz::None,
        Some(b'Z') => {
            pos += 1;
            Tz::Utc
        }
        Some(&sign @ (b'+' | b'-')) => {
            let hours = two_digits(b, pos + 1, "a 2-digit offset hour")?;
            separator(b, pos + 3, b':', "':' in the offset")?;
            let minutes = two_digits(b, pos + 4, "2-digit offset minutes")?;
            pos += 6;
            if minutes > 59 {
                return Err(E::InvalidOffset);
            }
            // At most 99 * 3600 + 59 * 60, far from overflowing.
            let seconds = (hours * 3600 + minutes * 60) as i32;
            if sign == b'-' && seconds == 0 {
                Tz::MinusZero
            } else {
                let seconds = if sign == b'-' { -seconds } else { seconds };
                Tz::Fixed(FixedOffset::east_opt(seconds).ok_or(E::InvalidOffset)?)
            }
        }
        Some(_) => return Err(E::Malformed { position: pos, expected: "'.', 'Z', '+', '-' or the end" }),
    };
    if pos != b.len() {
        return Err(E::TrailingCharacters { position: pos });
    }

    // At most 9999, so the cast is lossless.
    let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(E::InvalidDate)?;
    let time = if second == 60 {
        // A leap second, which chrono represents as :59 plus a second's worth of nanos.
        NaiveTime::from_hms_nano_opt(hour, minute, 59, nanos + NANOS_PER_SECOND)
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
    }
    .ok_or(E::InvalidTime)?;

    Ok(DateTime {
        naive: date.and_time(time),
        tz,
        // At most 9.
        digits: digits as u8,
    })
}

impl Default for DateTime {
    /// The "no date" value, `0001-01-01T00:00:00`.
    fn default() -> Self {
        DateTime::no_date()
    }
}

impl fmt::Display for DateTime {
    /// Writes the canonical text, exactly as parsed (or minimal for constructed values).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_str(|s| f.pad(s))
    }
}

impl fmt::Debug for DateTime {
    /// `DateTime(2024-03-31T16:00:00)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_str(|s| write!(f, "DateTime({s})"))
    }
}

impl FromStr for DateTime {
    type Err = DateTimeParseError;

    /// Same as [`DateTime::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTime::parse(s)
    }
}

impl From<NaiveDateTime> for DateTime {
    /// Same as [`DateTime::from_naive`].
    fn from(value: NaiveDateTime) -> Self {
        DateTime::from_naive(value)
    }
}

impl From<chrono::DateTime<Utc>> for DateTime {
    /// Same as [`DateTime::from_utc`].
    fn from(value: chrono::DateTime<Utc>) -> Self {
        DateTime::from_utc(value)
    }
}

impl From<chrono::DateTime<FixedOffset>> for DateTime {
    /// Same as [`DateTime::from_fixed`].
    fn from(value: chrono::DateTime<FixedOffset>) -> Self {
        DateTime::from_fixed(value)
    }
}

impl Serialize for DateTime {
    /// Serializes as the canonical text (see [`Display`](fmt::Display)).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_str(|s| serializer.serialize_str(s))
    }
}

impl<'de> Deserialize<'de> for DateTime {
    /// Deserializes from a string in the form [`DateTime::parse`] accepts.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DateTimeVisitor)
    }
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date-time string like \"2024-03-31T16:00:00\"")
    }

    // `visit_borrowed_str` and `visit_string` forward here by default: no allocation.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
        DateTime::parse(v).map_err(E::custom)
    }
}

/// Why a date-time text was rejected; see [`DateTimeParseError::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateTimeParseErrorKind {
    /// The text is empty.
    Empty,
    /// Something other than the expected character at byte `position`.
    Malformed {
        /// Byte offset in the input.
        position: usize,
        /// What was expected there.
        expected: &'static str,
    },
    /// The year/month/day combination does not exist (month 13, February 30th, ...).
    InvalidDate,
    /// Hour, minute or second out of range.
    InvalidTime,
    /// More than 9 fractional second digits.
    TooManyFractionalDigits,
    /// Offset minutes above 59 or offset of 24 hours or more.
    InvalidOffset,
    /// Extra characters after a complete date-time, starting at byte `position`.
    TrailingCharacters {
        /// Byte offset in the input.
        position: usize,
    },
}

impl fmt::Display for DateTimeParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the text is empty"),
            Self::Malformed { position, expected } => {
                write!(f, "expected {expected} at byte {position}")
            }
            Self::InvalidDate => f.write_str("no such date (month or day out of range)"),
            Self::InvalidTime => f.write_str("no such time (hour, minute or second out of range)"),
            Self::TooManyFractionalDigits => f.write_str("more than 9 fractional second digits"),
            Self::InvalidOffset => f.write_str("offset out of range"),
            Self::TrailingCharacters { position } => {
                write!(f, "unexpected characters from byte {position} on")
            }
        }
    }
}

/// A text that is not a valid WebAPI date-time.
///
/// Its message names the problem and repeats the input (truncated to 40 characters), e.g.
/// `invalid date-time "2024-13-01T00:00:00": no such date (month or day out of range)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date-time {input:?}: {kind}")]
pub struct DateTimeParseError {
    kind: DateTimeParseErrorKind,
    input: String,
}

impl DateTimeParseError {
    fn new(kind: DateTimeParseErrorKind, input: &str) -> Self {
        let input = match input.char_indices().nth(MAX_ERROR_INPUT_CHARS) {
            Some((cut, _)) => format!("{}…", input.get(..cut).unwrap_or_default()),
            None => input.to_owned(),
        };
        DateTimeParseError { kind, input }
    }

    /// What is wrong.
    pub fn kind(&self) -> DateTimeParseErrorKind {
        self.kind
    }

    /// The rejected text, truncated to 40 characters (then ending in `…`).
    pub fn input(&self) -> &str {
        &self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_digits_cases() {
        assert_eq!(minimal_digits(0), 0);
        assert_eq!(minimal_digits(100_000_000), 1);
        assert_eq!(minimal_digits(120_000_000), 2);
        assert_eq!(minimal_digits(671_002_300), 7);
        assert_eq!(minimal_digits(1), 9);
        assert_eq!(minimal_digits(1_500_000_000), 1);
    }

    #[test]
    fn longest_text_fits() {
        let naive =
            NaiveDate::from_ymd_opt(-262_143, 12, 31).and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_999_999_999));
        let offset = FixedOffset::east_opt(-(23 * 3600 + 59 * 60));
        let (Some(naive), Some(offset)) = (naive, offset) else {
            panic!("valid test input");
        };
        let value = DateTime { naive, tz: Tz::Fixed(offset), digits: 9 };
        assert_eq!(value.to_string(), "-262143-12-31T23:59:60.999999999-23:59");
    }

    #[test]
    fn leap_second_round_trips() {
        let s = "2016-12-31T23:59:60.5Z";
        let value = DateTime::parse(s).unwrap();
        assert_eq!(value.naive().nanosecond(), 1_500_000_000);
        assert_eq!(value.to_string(), s);
        let constructed = DateTime::from_naive(value.naive());
        assert_eq!(constructed.to_string(), "2016-12-31T23:59:60.5");
    }

    #[test]
    fn minus_zero_offset_round_trips() {
        let value = DateTime::parse("2024-03-31T16:00:00-00:00").unwrap();
        assert_eq!(value.offset(), Some(UTC_OFFSET));
        assert_eq!(value.to_string(), "2024-03-31T16:00:00-00:00");
    }

    #[test]
    fn offset_with_seconds_is_truncated_to_minutes() {
        let offset = FixedOffset::east_opt(3600 + 30 * 60 + 15).unwrap();
        let chrono_value = NaiveDate::from_ymd_opt(2024, 3, 31)
            .unwrap()
            .and_hms_opt(16, 0, 0)
            .unwrap()
            .and_local_timezone(offset)
            .unwrap();
        let value = DateTime::from_fixed(chrono_value);
        assert_eq!(value.to_utc().unwrap(), chrono_value.with_timezone(&Utc));
        assert_eq!(value.to_string(), "2024-03-31T15:59:45+01:30");
        assert_eq!(DateTime::parse(&value.to_string()).unwrap(), value);
    }

    #[test]
    fn long_input_is_truncated_in_error() {
        let input = "x".repeat(100);
        let err = DateTime::parse(&input).unwrap_err();
        assert_eq!(err.input().chars().count(), 41);
        assert!(err.input().ends_with('…'));
    }
}
