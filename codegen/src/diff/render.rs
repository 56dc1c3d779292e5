//! A [`Report`] as markdown (for a changelog or a pull request), as JSON (for tools), and as the
//! short summary `generate` ends with.

use serde_json::{json, Value};

use super::classify::{Impact, Report};
use super::compare::Change;

fn line(c: &Change) -> String {
    let what = match c.kind.as_str() {
        "added" => "added".to_string(),
        "removed" => "removed".to_string(),
        other => other.replace('-', " "),
    };
    let detail = if c.detail.is_empty() { String::new() } else { format!(": {}", c.detail) };
    format!("- {} `{}`: {what}{detail}", c.area.as_str(), c.subject)
}

fn verdict(r: &Report) -> String {
    match (r.semver, r.current, r.next) {
        (None, _, _) => "none (no change to the generated API)".to_string(),
        (Some(s), Some(cur), Some(next)) => format!("**{}**: {cur} -> **{next}**", s.as_str()),
        (Some(s), _, _) => format!("**{}**", s.as_str()),
    }
}

/// The report as markdown.
pub fn markdown(r: &Report) -> String {
    let mut out = format!("## SDK changes: `{}` -> `{}`\n\n", r.from, r.to);
    out.push_str(&format!("Semver: {}\n", verdict(r)));
    for (impact, title) in [
        (Impact::Major, "Breaking changes"),
        (Impact::Minor, "Compatible additions"),
        (Impact::Patch, "Changes no signature shows"),
    ] {
        let lines: Vec<String> = r.of(impact).map(line).collect();
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {title} ({})\n\n", lines.len()));
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

/// The report as JSON.
pub fn json(r: &Report) -> Value {
    let changes: Vec<Value> = r
        .changes
        .iter()
        .map(|(c, i)| {
            json!({
                "area": c.area.as_str(),
                "subject": c.subject,
                "change": c.kind.as_str(),
                "detail": c.detail,
                "impact": i.as_str(),
                "breaking": *i == Impact::Major,
            })
        })
        .collect();
    json!({
        "from": r.from,
        "to": r.to,
        "semver": r.semver.map(Impact::as_str),
        "current_version": r.current.map(|v| v.to_string()),
        "next_version": r.next.map(|v| v.to_string()),
        "breaking": r.of(Impact::Major).count(),
        "additions": r.of(Impact::Minor).count(),
        "patches": r.of(Impact::Patch).count(),
        "changes": changes,
    })
}

/// A few lines: the class, the next version, the counts and the first breaking changes.
pub fn summary(r: &Report, max_lines: usize) -> String {
    let mut out = format!(
        "API changes since {}: {} breaking, {} additions, {} other; semver {}\n",
        r.from,
        r.of(Impact::Major).count(),
        r.of(Impact::Minor).count(),
        r.of(Impact::Patch).count(),
        verdict(r).replace("**", "")
    );
    let breaking: Vec<&Change> = r.of(Impact::Major).collect();
    for c in breaking.iter().take(max_lines) {
        out.push_str(&format!("  {}\n", line(c).trim_start_matches("- ")));
    }
    if breaking.len() > max_lines {
        out.push_str(&format!("  ... and {} more (run `superoffice-codegen diff`)\n", breaking.len() - max_lines));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::classify::{classify, Version};
    use crate::diff::compare::{Area, Kind};

    fn report() -> Report {
        let c = |area, subject: &str, kind, detail: &str| Change {
            area,
            subject: subject.into(),
            kind,
            detail: detail.into(),
        };
        classify(
            "HEAD",
            "docs-input",
            vec![
                c(Area::Model, "models::Contact", Kind::FieldAdded, "`nickname`: String"),
                c(Area::Enum, "ContactMode", Kind::ValueRemoved, "`Old`"),
            ],
            Version::parse("0.1.0"),
        )
    }

    #[test]
    fn markdown_groups_by_impact_with_the_next_version() {
        assert_eq!(
            markdown(&report()),
            "## SDK changes: `HEAD` -> `docs-input`\n\nSemver: **major**: 0.1.0 -> **0.2.0**\n\n\
             ### Breaking changes (1)\n\n- enum `ContactMode`: value removed: `Old`\n\n\
             ### Compatible additions (1)\n\n- model `models::Contact`: field added: `nickname`: String\n"
        );
    }

    #[test]
    fn json_has_the_class_versions_and_every_change() {
        let v = json(&report());
        assert_eq!(v["semver"], "major");
        assert_eq!((v["current_version"].as_str(), v["next_version"].as_str()), (Some("0.1.0"), Some("0.2.0")));
        assert_eq!((v["breaking"].as_u64(), v["additions"].as_u64()), (Some(1), Some(1)));
        assert_eq!(v["changes"][1]["change"], "value-removed");
        assert_eq!(v["changes"][1]["breaking"], true);
    }

    #[test]
    fn summary_lists_breaking_changes() {
        let s = summary(&report(), 5);
        assert!(s.starts_with("API changes since HEAD: 1 breaking, 1 additions, 0 other; semver major: 0.1.0 -> 0.2.0"));
        assert!(s.contains("  enum `ContactMode`: value removed: `Old`"), "{s}");
    }
}
