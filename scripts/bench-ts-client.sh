#!/usr/bin/env bash
# Decodes the decode benchmark's 10,000-session payload with SuperOffice's own TypeScript client
# (`@superoffice/webapi`, pinned below): `JSON.parse` plus its generated
# `Create_ChatSessionEntityArray_From`, which is what the client does with a
# `/api/v1/ChatSession/ForCurrentUser` response. Prints MiB/s next to the Rust figures of
# `cargo bench -p superoffice-webapi --bench decode` (see BENCHMARKS.md).
#
# Usage: scripts/bench-ts-client.sh [PAYLOAD_FILE] [ROUNDS]
#
# PAYLOAD_FILE defaults to target/bench/sessions-10000.json; when it does not exist it is written
# by the Rust decode bench (SUPEROFFICE_BENCH_PAYLOAD), so both decode the exact same bytes. The
# package is installed into a temporary directory, removed on exit. Without node/npm the script
# says so and exits 0.
set -euo pipefail

PACKAGE="@superoffice/webapi@12.4.1514"
root="$(cd "$(dirname "$0")/.." && pwd)"
payload="${1:-$root/target/bench/sessions-10000.json}"
rounds="${2:-15}"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "bench-ts-client: node and npm are needed to run SuperOffice's TypeScript client; skipped."
    exit 0
fi

if [ ! -s "$payload" ]; then
    echo "bench-ts-client: writing the payload with the Rust decode bench (one pass per decoder) ..."
    mkdir -p "$(dirname "$payload")"
    (cd "$root" && SUPEROFFICE_BENCH_PAYLOAD="$payload" \
        cargo bench -q -p superoffice-webapi --bench decode -- --test 'decode/10000/handwritten$' >/dev/null)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "bench-ts-client: installing $PACKAGE into $work ..."
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts --silent "$PACKAGE")

node "$root/scripts/bench-ts-client.js" "$work" "$payload" "$rounds"
