#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the documentation: every markdown page (docs-input/ and, when
# present, ../shared/{corpus,seeds}) for `parse_page`, and every sample response body in those
# pages for `decode_response`. The corpus is not committed (see .gitignore).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
mkdir -p "$here/corpus/parse_page" "$here/corpus/decode_response"
pages=$(find "$root/docs-input" "$root/../shared/corpus" "$root/../shared/seeds" -type f \( -name '*.md' -o -name '*.txt' \) 2>/dev/null | sort)
n=0
for p in $pages; do
  n=$((n + 1))
  cp "$p" "$here/corpus/parse_page/page-$n"
  # The body of each ```http_ block: the lines after the first blank line, up to the fence.
  awk -v out="$here/corpus/decode_response/sample-$n" '
    /^```http_/ { inblock = 1; body = 0; k++; next }
    inblock && /^```/ { inblock = 0; next }
    inblock && !body && /^[[:space:]]*$/ { body = 1; next }
    inblock && body { print > (out "-" k) }
  ' "$p"
done
printf '[]' > "$here/corpus/decode_response/empty-array"
printf '{"Error":"not found","ErrorType":"SoException"}' > "$here/corpus/decode_response/vendor-error"
printf '2011-06-06T15:05:41.6710023+02:00' > "$here/corpus/decode_response/datetime"
echo "seeded $(ls "$here/corpus/parse_page" | wc -l) pages and $(ls "$here/corpus/decode_response" | wc -l) bodies"
