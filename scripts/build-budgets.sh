#!/usr/bin/env bash
# The build-cost budgets of BENCHMARKS.md ("Build budgets"): wall time and peak memory of the SDK
# crate (superoffice-webapi) as a dependent project builds it, per row:
#
#   full (debug, release), full+testing (debug, release), a typical app's features (debug,
#   release), `cargo doc` with every feature, and the README's first example; and the test crate
#   that calls `testing::all_endpoints()` (the workspace's integration tests), which compiles the
#   decoders of every endpoint.
#
#   scripts/build-budgets.sh [ROW...]     # rows: full-debug full-release testing-debug
#                                         #       testing-release app-debug app-release doc example
#                                         #       it-debug
#
# Each row builds the SDK's dependencies first (not timed), removes the SDK crate's own artifacts
# (`cargo clean -p superoffice-webapi`) and times the SDK crate alone with GNU time
# (`/usr/bin/time -v`: wall clock and the peak resident memory of the largest process, which is
# the rustc compiling the SDK), in a target directory of its own ($SCRATCH/target), with
# CARGO_INCREMENTAL=0 (how a dependent project compiles a dependency). The `example` row is the
# README's first command in this workspace as a newcomer runs it: a fresh target directory,
# dependencies prebuilt, incremental on (cargo's default for the dev profile).
#
# Expensive (minutes of both cores per row, up to ~5 GB): run it alone. Scratch space: $SCRATCH
# (default /tmp/superoffice-build-budgets), removed at the end unless KEEP=1.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCRATCH="${SCRATCH:-/tmp/superoffice-build-budgets}"
mkdir -p "$SCRATCH"
export CARGO_TARGET_DIR="$SCRATCH/target"

APP="contact,person,sale,appointment,contact_agent,person_agent"
ROWS=("$@")
[ ${#ROWS[@]} -gt 0 ] || ROWS=(full-debug full-release testing-debug testing-release app-debug app-release doc example it-debug)

# measure LABEL CMD...: runs CMD under GNU time, prints a table row (wall s, peak GB).
measure() {
    local label="$1"
    shift
    local log="$SCRATCH/time.log"
    if ! /usr/bin/time -v "$@" >"$SCRATCH/out.log" 2>"$log"; then
        cat "$SCRATCH/out.log" "$log" >&2
        exit 1
    fi
    local wall peak
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
    peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.2f", $2 / 1048576 }' "$log")
    printf '| %s | %.1f | %s |\n' "$label" "$wall" "$peak"
}

# sdk_row LABEL PROFILE FEATURES [cargo subcommand]: deps first, then the SDK crate alone.
sdk_row() {
    local label="$1" profile="$2" features="$3" cmd="${4:-build}"
    (cd "$ROOT" && CARGO_INCREMENTAL=0 cargo "$cmd" -q --profile "$profile" -p superoffice-webapi --no-default-features --features "$features")
    (cd "$ROOT" && cargo clean -q --profile "$profile" -p superoffice-webapi)
    (cd "$ROOT" && CARGO_INCREMENTAL=0 measure "$label" cargo "$cmd" --profile "$profile" -p superoffice-webapi --no-default-features --features "$features")
}

echo "| build of superoffice-webapi | wall (s) | peak RSS (GB) |"
echo "|---|---:|---:|"
for row in "${ROWS[@]}"; do
    case "$row" in
        full-debug) sdk_row "\`full\`, debug" dev full ;;
        full-release) sdk_row "\`full\`, release" release full ;;
        testing-debug) sdk_row "\`full,testing\`, debug" dev full,testing ;;
        testing-release) sdk_row "\`full,testing\`, release" release full,testing ;;
        app-debug) sdk_row "typical app ($APP), debug" dev "$APP" ;;
        app-release) sdk_row "typical app, release" release "$APP" ;;
        doc)
            (cd "$ROOT" && cargo doc -q --no-deps -p superoffice-webapi --all-features)
            (cd "$ROOT" && cargo clean -q --doc)
            (cd "$ROOT" && measure "\`cargo doc --all-features --no-deps\`" cargo doc --no-deps -p superoffice-webapi --all-features)
            ;;
        example)
            rm -rf "$SCRATCH/example-target"
            (cd "$ROOT" && CARGO_TARGET_DIR="$SCRATCH/example-target" cargo build -q --example for_current_user)
            (cd "$ROOT" && CARGO_TARGET_DIR="$SCRATCH/example-target" cargo clean -q -p superoffice-webapi)
            (cd "$ROOT" && CARGO_TARGET_DIR="$SCRATCH/example-target" measure "\`cargo run --example for_current_user\` (incremental)" cargo run --example for_current_user)
            ;;
        it-debug)
            # The integration-test crate alone (`tests/it`, which calls `all_endpoints()`): the SDK
            # and every other dependency prebuilt, then the test crate rebuilt as CI builds it.
            (cd "$ROOT" && CARGO_INCREMENTAL=0 cargo test -q --no-run -p superoffice-tests 2>/dev/null)
            touch "$ROOT/tests/it/main.rs"
            (cd "$ROOT" && CARGO_INCREMENTAL=0 measure "integration tests (\`tests/it\`, calls \`all_endpoints()\`), debug" cargo test --no-run -p superoffice-tests)
            ;;
        *) echo "unknown row: $row" >&2; exit 2 ;;
    esac
done

[ "${KEEP:-0}" = 1 ] || rm -rf "$SCRATCH"
