//! Property tests for [`Base64`] and [`TimeSpan`]: parsing any text returns a value or an error,
//! never a panic; what is received is written back exactly as it came; what is built is read back
//! as the same value.

use std::time::Duration;

use base64::Engine;
use proptest::prelude::*;
use superoffice_webapi::{Base64, TimeSpan};

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

/// .NET's constant format of a span from its parts, with `digits` fraction digits written.
fn dotnet_text(negative: bool, days: u32, h: u32, m: u32, s: u32, fraction: u32, digits: usize) -> String {
    let mut out = String::from(if negative { "-" } else { "" });
    if days > 0 {
        out.push_str(&format!("{days}."));
    }
    out.push_str(&format!("{h:02}:{m:02}:{s:02}"));
    if digits > 0 {
        let f = format!("{fraction:07}");
        out.push('.');
        out.push_str(&f[..digits]);
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_parses_or_fails_without_panicking(text in any::<String>()) {
        let _ = Base64::parse(&text);
        let _ = TimeSpan::parse(&text);
        let json = serde_json::to_string(&text).unwrap();
        let _ = serde_json::from_str::<Base64>(&json);
        let _ = serde_json::from_str::<TimeSpan>(&json);
    }

    #[test]
    fn near_miss_timespans_never_panic(text in "-?[0-9.:]{0,30}") {
        if let Ok(t) = TimeSpan::parse(&text) {
            prop_assert_eq!(t.to_string(), text.clone());
            prop_assert_eq!(TimeSpan::parse(&TimeSpan::from_ticks(t.ticks()).to_string()).unwrap(), t);
        }
    }

    #[test]
    fn received_base64_decodes_and_is_written_back_exactly(bytes in proptest::collection::vec(any::<u8>(), 0..200), pad in any::<bool>()) {
        let text = if pad {
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        } else {
            base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes)
        };
        let json = serde_json::to_string(&text).unwrap();
        let v: Base64 = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&v[..], &bytes[..]);
        prop_assert_eq!(serde_json::to_string(&v).unwrap(), json);
        // Built from bytes: written padded, read back the same.
        let built = Base64::new(bytes.clone());
        let again: Base64 = serde_json::from_str(&serde_json::to_string(&built).unwrap()).unwrap();
        prop_assert_eq!(again, built);
    }

    #[test]
    fn received_timespans_have_their_length_and_are_written_back_exactly(
        negative in any::<bool>(),
        days in 0u32..100_000,
        h in 0u32..24, m in 0u32..60, s in 0u32..60,
        fraction in 0u32..10_000_000,
        digits in 0usize..=7,
    ) {
        let text = dotnet_text(negative, days, h, m, s, fraction, digits);
        let json = serde_json::to_string(&text).unwrap();
        let t: TimeSpan = serde_json::from_str(&json).unwrap();
        let kept_fraction = if digits == 0 { 0 } else { fraction / 10u32.pow(7 - digits as u32) * 10u32.pow(7 - digits as u32) };
        let secs = u64::from(days) * 86_400 + u64::from(h) * 3600 + u64::from(m) * 60 + u64::from(s);
        prop_assert_eq!(t.duration(), Duration::new(secs, kept_fraction * 100));
        prop_assert_eq!(t.is_negative(), negative && (secs > 0 || kept_fraction > 0));
        prop_assert_eq!(serde_json::to_string(&t).unwrap(), json);
    }

    #[test]
    fn built_timespans_read_back_the_same(ticks in any::<i64>()) {
        let t = TimeSpan::from_ticks(ticks);
        let again: TimeSpan = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        prop_assert_eq!(again.ticks(), ticks);
    }
}
