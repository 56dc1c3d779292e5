#!/usr/bin/env bash
# Clean build time of the SDK crate (superoffice-webapi) alone, per cargo feature, and the lines of
# generated code each feature compiles. See BENCHMARKS.md ("Compile time").
#
#   scripts/compile-time.sh [FEATURE...]
#
# Without arguments: the 10 features with the most generated lines. Always also measured: no
# feature at all (the hand-written runtime alone: the baseline every other row includes) and `full`.
#
# For each row, the SDK's dependencies are built first, `cargo clean -p superoffice-webapi` removes
# the SDK crate's own artifacts, and the SDK crate alone is rebuilt with
# `--no-default-features --features <row>` and timed, in debug and in release, in a target directory
# of its own ($SCRATCH/target; the work tree and its target/ are not touched).
# CARGO_INCREMENTAL=0: that is how a dependent project compiles the SDK.
#
# "lines" counts the generated files the feature compiles (`wc -l`): its resource module, the models
# and enums gated on it (from the `#[cfg]` lines of models/mod.rs) or on nothing (always compiled),
# and the shared `mod.rs`, `query.rs` and `agents/mod.rs`; not the testing kit's `mocks/` (feature
# `testing`). The "(none)" row is not counted.
#
# Expensive (minutes of both cores per row): run it alone. Scratch space: $SCRATCH (default
# /tmp/superoffice-compile-time), removed at the end unless KEEP=1.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCRATCH="${SCRATCH:-/tmp/superoffice-compile-time}"
GEN="$ROOT/sdk/src/generated"

export CARGO_INCREMENTAL=0
export CARGO_TARGET_DIR="$SCRATCH/target"
mkdir -p "$SCRATCH"

# Prints "feature lines models" for every feature (and "full"), largest first.
feature_lines() {
    python3 - "$GEN" <<'PY'
import os, re, sys
gen = sys.argv[1]
def lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0
def gated_mods(mod_rs):
    """(features, module) for every `#[cfg(...)] ... mod name;` in a mod.rs."""
    out, cfg = [], None
    if not os.path.exists(mod_rs):
        return out
    for line in open(mod_rs, encoding="utf-8"):
        line = line.strip()
        if line.startswith("#[cfg("):
            cfg = set(re.findall(r'feature = "([^"]+)"', line))
        elif re.match(r"(pub(\([a-z]+\))? )?mod [a-z0-9_]+;", line):
            # No #[cfg]: compiled with every feature (an empty set).
            out.append((cfg or set(), line.rstrip(";").split()[-1]))
            cfg = None
        elif not line.startswith("///") and not line.startswith("#[doc"):
            cfg = None
    return out
shared = lines(os.path.join(gen, "mod.rs")) + lines(os.path.join(gen, "query.rs"))
agents_mod = lines(os.path.join(gen, "agents", "mod.rs"))
per = {}
root_mods = [(feats, m) for feats, m in gated_mods(os.path.join(gen, "mod.rs")) if feats and m not in ("agents", "mocks")]
for feats, m in root_mods:
    for f in feats:
        per.setdefault(f, [shared, 0])[0] += lines(os.path.join(gen, m + ".rs"))
agent_mods = [(feats, m) for feats, m in gated_mods(os.path.join(gen, "agents", "mod.rs")) if feats]
for feats, m in agent_mods:
    for f in feats:
        per.setdefault(f, [shared + agents_mod, 0])[0] += lines(os.path.join(gen, "agents", m + ".rs"))
full = [shared + agents_mod, 0]
for feats, m in gated_mods(os.path.join(gen, "models", "mod.rs")):
    n = lines(os.path.join(gen, "models", m + ".rs"))
    full[0] += n
    full[1] += 1
    for f in per if not feats else feats:
        if f in per:
            per[f][0] += n
            per[f][1] += 1
for _, m in root_mods:
    full[0] += lines(os.path.join(gen, m + ".rs"))
for _, m in agent_mods:
    full[0] += lines(os.path.join(gen, "agents", m + ".rs"))
for f, (n, models) in sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0])):
    print(f, n, models)
print("full", full[0], full[1])
PY
}

seconds() { # seconds CMD...: wall-clock seconds of CMD (output discarded unless it fails)
    local start end log
    log="$SCRATCH/last-build.log"
    start=$(date +%s.%N)
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    awk "BEGIN { print $end - $start }"
}

TABLE="$(feature_lines)"
FEATURES=("$@")
if [ ${#FEATURES[@]} -eq 0 ]; then
    mapfile -t FEATURES < <(echo "$TABLE" | grep -v '^full ' | head -n 10 | cut -d' ' -f1)
fi
ROWS=("" "${FEATURES[@]}" "full")

echo "| features | generated lines | models and enums | debug build (s) | release build (s) |"
echo "|---|---:|---:|---:|---:|"
for feature in "${ROWS[@]}"; do
    if [ -z "$feature" ]; then
        label="(none: the runtime and the always-compiled types)"
        counts="- -"
    else
        label="\`$feature\`"
        counts=$(echo "$TABLE" | awk -v f="$feature" '$1 == f { print $2, $3 }')
        [ -n "$counts" ] || { echo "unknown feature: $feature (see sdk/Cargo.toml)" >&2; exit 1; }
    fi
    read -r lines models <<<"$counts"
    row="| $label | $lines | $models |"
    for profile in dev release; do
        (cd "$ROOT" && cargo build -q --profile "$profile" -p superoffice-webapi --no-default-features --features "$feature")
        (cd "$ROOT" && cargo clean -q --profile "$profile" -p superoffice-webapi)
        t=$(cd "$ROOT" && seconds cargo build --profile "$profile" -p superoffice-webapi --no-default-features --features "$feature")
        row="$row $(printf '%.1f' "$t") |"
    done
    echo "$row"
done

[ "${KEEP:-0}" = 1 ] || rm -rf "$SCRATCH"
