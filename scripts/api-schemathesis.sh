#!/usr/bin/env bash
# Attacks the served API with schemathesis (PyPI) from its own OpenAPI document: generated and
# mutated requests on every operation, as the demo admin (a bearer token), checking that no
# response is a 500 and every response matches the schema (status, content type, headers, body).
#   scripts/api-schemathesis.sh BINARY [MAX_EXAMPLES] [DATABASE_URL]
# Needs `pip install schemathesis`. Writes its reports to build/schemathesis.
set -euo pipefail
BIN="$1"
EXAMPLES="${2:-50}"
DB="${3:-}"
PORT="${PORT:-18190}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
OUT="build/schemathesis"
mkdir -p "$OUT"
DBARGS=(--database-url "sqlite:$WORK/attack.sqlite")
[ -z "$DB" ] || DBARGS=(--database-url "$DB")

"$BIN" serve "${DBARGS[@]}" --port "$PORT" --log-format json >"$WORK/out" 2>"$OUT/server.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK" || true' EXIT
for _ in $(seq 1 150); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.2; done
PASSWORD="$(sed -n 's/^Demo sign-in: admin@demo.wagefile \/ \([^ ]*\).*/\1/p' "$WORK/out")"
[ -n "$PASSWORD" ] || { echo "no demo sign-in printed"; cat "$WORK/out"; exit 1; }
curl -sf -c "$WORK/jar" -H 'content-type: application/json' \
  -d "{\"email\":\"admin@demo.wagefile\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session" >/dev/null
TOKEN="$(curl -sf -b "$WORK/jar" -H 'content-type: application/json' -d '{"name":"schemathesis"}' "$BASE/api/v1/tokens" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

# Signing out and revoking tokens would only end the run's own session; sign-in is attacked
# with wrong passwords (and throttled) like every other operation.
set +e
schemathesis run "$BASE/openapi.yaml" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --exclude-operation-id signOut --exclude-operation-id revokeToken \
  --max-examples "$EXAMPLES" --seed 20261202 --workers 1 --request-timeout 20 \
  --suppress-health-check all --no-color \
  --report junit --report-dir "$OUT" >"$OUT/run.txt" 2>&1
status=$?
set -e
tail -n 25 "$OUT/run.txt"
# A failure is a check that failed on our responses. schemathesis also exits non-zero on its own
# runtime errors (seen: CPython 3.11's ast module under Hypothesis), which say nothing of the API.
if grep -q "^Failures:" "$OUT/run.txt"; then echo "schemathesis found failures (build/schemathesis/run.txt)"; exit 1; fi
grep -q "generated" "$OUT/run.txt" || { echo "schemathesis did not run (exit $status)"; exit 1; }
kill -0 $PID 2>/dev/null || { echo "the server died during the attack"; exit 1; }
python3 scripts/attack-slow-clients.py "$PORT" 300
curl -sf "$BASE/health" >/dev/null || { echo "the server stopped answering after the slow clients"; exit 1; }
if grep -qE '"status":"?500' "$OUT/server.log"; then echo "the server logged a 500"; exit 1; fi
# Nothing secret in the log: no token, no password, no hash.
for secret in "$TOKEN" "$PASSWORD" '$2b$' 'wf_'; do
  if grep -qF -- "$secret" "$OUT/server.log"; then echo "the server log holds a secret ($secret)"; exit 1; fi
done
echo "schemathesis: no failures; the server stayed up, logged no 500 and no secret"
