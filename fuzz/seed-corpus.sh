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
# The answers a server controls (issue 16): one documented-looking sample each.
mkdir -p "$here/corpus/token_answer" "$here/corpus/state_answer" "$here/corpus/jwks" "$here/corpus/odata_page" "$here/corpus/webhook_body"
printf '\x01{"token_type":"bearer","access_token":"8A:Cust1.x","expires_in":"300","refresh_token":"r","id_token":"a.b.c"}' > "$here/corpus/token_answer/ok"
printf '\xff{"error":"invalid_grant","error_description":"refused"}' > "$here/corpus/token_answer/refused"
printf '{"ContextIdentifier":"Cust12345","Endpoint":"https://online2.superoffice.com/Cust12345","State":"Running","IsRunning":true,"ValidUntil":"2026-02-24T10:15:00.1234567","Api":"https://online2.superoffice.com/Cust12345/api","Version":"Release_11.10"}' > "$here/corpus/state_answer/running"
printf '{"keys":[{"kty":"RSA","use":"sig","kid":"k","n":"sXch","e":"AQAB"}]}' > "$here/corpus/jwks/one-key"
printf '{"odata.metadata":"x","odata.nextLink":"https://online3.superoffice.com/Cust1/api/v1/Contact?$skip=2","value":[{"PrimaryKey":"3","EntityName":"contact"}]}' > "$here/corpus/odata_page/linked"
printf '{"EventId":"0c7c","Timestamp":"2024-03-31T16:00:00.1234567Z","Changes":["name"],"Event":"contact.changed","PrimaryKey":42,"Entity":"contact","ContextIdentifier":"Cust1","ChangedByAssociateId":5,"WebhookName":"h","FieldValues":{"name":"x"}}' > "$here/corpus/webhook_body/changed"
echo "seeded $(ls "$here/corpus/parse_page" | wc -l) pages and $(ls "$here/corpus/decode_response" | wc -l) bodies"
