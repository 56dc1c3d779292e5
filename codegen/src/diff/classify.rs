//! What each change means for a user of the generated crate, and the version that follows.
//!
//! The rules, for the generated Rust API:
//!
//! - **major** (breaking): anything removed (an endpoint, a model, a field, an enum or one of its
//!   values — its variant disappears —, a hook, a cargo feature), any type that changes (a
//!   parameter, a field, a request body, a response, JSON vs file content), a renamed client
//!   method, a new required argument (a path parameter, a required query parameter, a request
//!   body), and a parameter that changes between required and optional (it moves between the
//!   method's arguments and the request's setters), a model or enum no longer compiled with a
//!   cargo feature it was compiled with (code enabling only that feature loses it);
//! - **minor** (compatible addition): a new endpoint, model, enum, hook or cargo feature, a new
//!   field (models are `#[non_exhaustive]`), a new enum value (enums are open and
//!   `#[non_exhaustive]`), a new optional query parameter (a new setter);
//! - **patch**: a change no signature shows (the HTTP method or path template of an endpoint).

use super::compare::{Change, Kind};

/// How much a change matters to users of the crate, in semver terms (as for a 1.x crate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Invisible in the API's signatures.
    Patch,
    /// A compatible addition.
    Minor,
    /// A breaking change.
    Major,
}

impl Impact {
    /// `major`, `minor` or `patch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        }
    }
}

/// The impact of one change (see the module documentation for the rules).
pub fn impact(change: &Change) -> Impact {
    match change.kind {
        Kind::Added | Kind::OptionalParamAdded | Kind::FieldAdded | Kind::ValueAdded | Kind::FeaturesAdded => {
            Impact::Minor
        }
        Kind::HttpMethodChanged | Kind::PathChanged => Impact::Patch,
        Kind::Removed
        | Kind::MethodRenamed
        | Kind::RequiredParamAdded
        | Kind::ParamRemoved
        | Kind::ParamTypeChanged
        | Kind::ParamNowRequired
        | Kind::ParamNowOptional
        | Kind::BodyAdded
        | Kind::BodyRemoved
        | Kind::BodyTypeChanged
        | Kind::ResponseChanged
        | Kind::FieldRemoved
        | Kind::FieldTypeChanged
        | Kind::ValueRemoved
        | Kind::FeaturesRemoved => Impact::Major,
    }
}

/// A crate version `major.minor.patch` (pre-release and build suffixes are not supported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The first number.
    pub major: u64,
    /// The second number.
    pub minor: u64,
    /// The third number.
    pub patch: u64,
}

impl Version {
    /// Parses `1.2.3`.
    pub fn parse(s: &str) -> Option<Version> {
        let mut parts = s.trim().split('.').map(|p| p.parse::<u64>().ok());
        let v = Version { major: parts.next()??, minor: parts.next()??, patch: parts.next()?? };
        parts.next().is_none().then_some(v)
    }

    /// Reads `version = "x.y.z"` from the `[package]` section of a `Cargo.toml`.
    pub fn from_manifest(text: &str) -> Option<Version> {
        let mut in_package = false;
        for line in text.lines() {
            let t = line.trim();
            if t.starts_with('[') {
                in_package = t == "[package]";
                continue;
            }
            if !in_package {
                continue;
            }
            if let Some(rest) = t.strip_prefix("version") {
                let value = rest.trim_start().strip_prefix('=')?.trim();
                return Version::parse(value.trim_matches('"'));
            }
        }
        None
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The version after `current` for a change of class `impact` (`None`: nothing changed). Cargo's
/// rules: at `0.y.z` a breaking change bumps `y` and anything else bumps `z`; from `1.0.0` on,
/// major, minor and patch bump their own number.
pub fn next_version(current: Version, impact: Option<Impact>) -> Version {
    let Version { major, minor, patch } = current;
    match (impact, major) {
        (None, _) => current,
        (Some(Impact::Major), 0) => Version { major: 0, minor: minor + 1, patch: 0 },
        (Some(_), 0) => Version { major: 0, minor, patch: patch + 1 },
        (Some(Impact::Major), _) => Version { major: major + 1, minor: 0, patch: 0 },
        (Some(Impact::Minor), _) => Version { major, minor: minor + 1, patch: 0 },
        (Some(Impact::Patch), _) => Version { major, minor, patch: patch + 1 },
    }
}

/// The classified changes of two doc sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// What the old side was (a directory or a git revision).
    pub from: String,
    /// What the new side was.
    pub to: String,
    /// Every change with its impact, in [`super::compare()`] order.
    pub changes: Vec<(Change, Impact)>,
    /// The class of the whole change: the largest impact; `None` when nothing changed.
    pub semver: Option<Impact>,
    /// The crate's current version, when known.
    pub current: Option<Version>,
    /// The version to release the change as, when the current one is known.
    pub next: Option<Version>,
}

impl Report {
    /// The changes of one impact.
    pub fn of(&self, impact: Impact) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |(_, i)| *i == impact).map(|(c, _)| c)
    }
}

/// Classifies changes and computes the semver class and the next version.
pub fn classify(from: &str, to: &str, changes: Vec<Change>, current: Option<Version>) -> Report {
    let changes: Vec<(Change, Impact)> = changes
        .into_iter()
        .map(|c| {
            let i = impact(&c);
            (c, i)
        })
        .collect();
    let semver = changes.iter().map(|(_, i)| *i).max();
    Report {
        from: from.to_string(),
        to: to.to_string(),
        next: current.map(|v| next_version(v, semver)),
        changes,
        semver,
        current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::compare::Area;

    fn change(area: Area, kind: Kind) -> Change {
        Change { area, subject: "x".into(), kind, detail: String::new() }
    }

    #[test]
    fn rules_for_the_generated_api() {
        assert_eq!(impact(&change(Area::Model, Kind::FieldAdded)), Impact::Minor, "models are non_exhaustive");
        assert_eq!(impact(&change(Area::Enum, Kind::ValueAdded)), Impact::Minor, "enums are open");
        assert_eq!(impact(&change(Area::Enum, Kind::ValueRemoved)), Impact::Major, "a variant disappears");
        assert_eq!(impact(&change(Area::Endpoint, Kind::Removed)), Impact::Major);
        assert_eq!(impact(&change(Area::Model, Kind::FieldRemoved)), Impact::Major);
        assert_eq!(impact(&change(Area::Model, Kind::FieldTypeChanged)), Impact::Major);
        assert_eq!(impact(&change(Area::Endpoint, Kind::RequiredParamAdded)), Impact::Major);
        assert_eq!(impact(&change(Area::Endpoint, Kind::OptionalParamAdded)), Impact::Minor);
        assert_eq!(impact(&change(Area::Endpoint, Kind::ResponseChanged)), Impact::Major);
        assert_eq!(impact(&change(Area::Endpoint, Kind::PathChanged)), Impact::Patch);
        assert_eq!(impact(&change(Area::Feature, Kind::Added)), Impact::Minor);
        assert_eq!(impact(&change(Area::Hook, Kind::Removed)), Impact::Major);
        assert_eq!(impact(&change(Area::Model, Kind::FeaturesRemoved)), Impact::Major);
        assert_eq!(impact(&change(Area::Model, Kind::FeaturesAdded)), Impact::Minor);
    }

    #[test]
    fn next_versions_follow_cargo_rules() {
        let v = |s| Version::parse(s).unwrap();
        assert_eq!(next_version(v("0.1.0"), Some(Impact::Major)), v("0.2.0"));
        assert_eq!(next_version(v("0.1.3"), Some(Impact::Minor)), v("0.1.4"));
        assert_eq!(next_version(v("0.1.3"), Some(Impact::Patch)), v("0.1.4"));
        assert_eq!(next_version(v("1.4.2"), Some(Impact::Major)), v("2.0.0"));
        assert_eq!(next_version(v("1.4.2"), Some(Impact::Minor)), v("1.5.0"));
        assert_eq!(next_version(v("1.4.2"), Some(Impact::Patch)), v("1.4.3"));
        assert_eq!(next_version(v("1.4.2"), None), v("1.4.2"));
        assert_eq!(Version::parse("1.2"), None);
        assert_eq!(Version::parse("1.2.3-beta"), None);
    }

    #[test]
    fn the_version_is_read_from_the_package_section() {
        let toml = "[package]\nname = \"x\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"9.9.9\"\n";
        assert_eq!(Version::from_manifest(toml), Version::parse("0.3.1"));
        assert_eq!(Version::from_manifest("[dependencies]\nversion = \"1.0.0\"\n"), None);
    }

    #[test]
    fn the_class_is_the_largest_impact() {
        let r = classify(
            "a",
            "b",
            vec![change(Area::Model, Kind::FieldAdded), change(Area::Endpoint, Kind::PathChanged)],
            Version::parse("0.1.0"),
        );
        assert_eq!((r.semver, r.next), (Some(Impact::Minor), Version::parse("0.1.1")));
        let r = classify("a", "b", vec![change(Area::Enum, Kind::ValueRemoved)], Version::parse("1.0.0"));
        assert_eq!((r.semver, r.next), (Some(Impact::Major), Version::parse("2.0.0")));
        let r = classify("a", "b", Vec::new(), Version::parse("1.0.0"));
        assert_eq!((r.semver, r.next), (None, Version::parse("1.0.0")));
    }
}
