#!/usr/bin/env bash
# Clean build time of the SDK crate (superoffice-webapi) alone, and how it grows with the number of
# generated endpoints. See BENCHMARKS.md ("Compile time").
#
#   scripts/compile-time.sh [COPIES...]        (default: 1 5 10)
#
# For each COPIES, docs-input/ is replicated COPIES times with every ChatSession/ChatTopic renamed
# per copy (AbChatSession, AbChatTopic, ...: resources, paths, operation ids, type names, OpenAPI
# definitions and the overrides' method names), exactly as the codegen bench does. The SDK is then
# generated from that corpus into a scratch copy of the workspace (the work tree is not touched),
# its dependencies are built, `cargo clean -p superoffice-webapi` removes the SDK crate's own
# artifacts, and the SDK crate alone is rebuilt and timed, in debug and in release.
# CARGO_INCREMENTAL=0: that is how a dependent project compiles the SDK.
#
# Expensive (several minutes of both cores): run it alone. Scratch space: $SCRATCH (default
# /tmp/superoffice-compile-time), removed at the end unless KEEP=1.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCRATCH="${SCRATCH:-/tmp/superoffice-compile-time}"
COPIES=("$@")
[ ${#COPIES[@]} -eq 0 ] && COPIES=(1 5 10)

export CARGO_INCREMENTAL=0
export CARGO_TARGET_DIR="$SCRATCH/target"
rm -rf "$SCRATCH/ws" "$SCRATCH"/corpus-*
mkdir -p "$SCRATCH/ws"
# The workspace without build output or git metadata.
tar -C "$ROOT" --exclude=./target --exclude=./.git --exclude=./fuzz -cf - . | tar -C "$SCRATCH/ws" -xf -
WS="$SCRATCH/ws"

replicate() { # replicate SRC DST COPIES
    python3 - "$1" "$2" "$3" <<'PY'
import json, os, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
def tag(i):
    return "" if i == 0 else chr(ord("A") + i // 26) + chr(ord("a") + i % 26)
def rename(text, t):
    return text if not t else text.replace("ChatSession", t + "ChatSession").replace("ChatTopic", t + "ChatTopic")
overrides = json.load(open(os.path.join(src, "overrides.json")))
names = overrides.get("method_names", {})
merged = {}
for i in range(copies):
    t = tag(i)
    for d, _, files in os.walk(src):
        for f in files:
            path = os.path.join(d, f)
            rel = os.path.relpath(path, src)
            if rel == "overrides.json":
                continue
            out = os.path.join(dst, "copy%d" % i, rename(rel, t))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(path, encoding="utf-8") as r, open(out, "w", encoding="utf-8") as w:
                w.write(rename(r.read(), t))
    for op, name in names.items():
        merged[rename(op, t)] = name
overrides["method_names"] = merged
json.dump(overrides, open(os.path.join(dst, "overrides.json"), "w"), indent=2)
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

(cd "$WS" && cargo build -q --release -p superoffice-codegen)
CODEGEN="$CARGO_TARGET_DIR/release/superoffice-codegen"

echo "| copies | resources | endpoints | generated lines | generated KiB | debug build (s) | release build (s) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${COPIES[@]}"; do
    corpus="$SCRATCH/corpus-$n"
    replicate "$ROOT/docs-input" "$corpus" "$n"
    rm -rf "$WS/sdk/src/generated"
    mkdir -p "$WS/sdk/src/generated"
    "$CODEGEN" generate --docs "$corpus" --out "$WS/sdk/src/generated" >/dev/null
    stats=$("$CODEGEN" stats --docs "$corpus")
    resources=$(echo "$stats" | awk '/^resources:/ {print $2}')
    endpoints=$(echo "$stats" | awk '/^endpoints:/ {print $2}')
    lines=$(cat "$WS"/sdk/src/generated/*.rs "$WS"/sdk/src/generated/models/*.rs | wc -l)
    kib=$(du -sk "$WS/sdk/src/generated" | cut -f1)
    row="| $n | $resources | $endpoints | $lines | $kib |"
    for profile in dev release; do
        (cd "$WS" && cargo build -q --profile "$profile" -p superoffice-webapi)
        (cd "$WS" && cargo clean -q --profile "$profile" -p superoffice-webapi)
        t=$(cd "$WS" && seconds cargo build --profile "$profile" -p superoffice-webapi)
        row="$row $(printf '%.1f' "$t") |"
    done
    echo "$row"
done

[ "${KEEP:-0}" = 1 ] || rm -rf "$SCRATCH"
