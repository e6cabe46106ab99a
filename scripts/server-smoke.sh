#!/usr/bin/env bash
# End-to-end check of `wagefile serve` on one database: migrations and demo data on first start,
# sign-in with the printed demo password, a conflicting edit refused, four eyes for the demo admin
# (the demo reviewer approves what the admin sent), a graceful stop on SIGTERM, and the audit chain
# intact and anchored through its last entry by the server's signed checkpoints (`wagefile audit verify`).
#   scripts/server-smoke.sh BINARY DATABASE_URL|default
# "default" runs exactly the README's `wagefile serve` (embedded SQLite under .wagefile/).
set -euo pipefail
BIN="$1"
DB="$2"
DBARGS=()
[ "$DB" = default ] || DBARGS=(--database-url "$DB")
PORT="${PORT:-18090}"
WORK="$(mktemp -d)"
BASE="http://127.0.0.1:$PORT"
source "$(dirname "$0")/has.sh"

"$BIN" serve "${DBARGS[@]}" --port "$PORT" --log-format json >"$WORK/out" 2>"$WORK/log" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.2; done
curl -sf "$BASE/health" | has '"status":"ok"'
PASSWORD="$(sed -n 's/^Demo sign-in: admin@demo.wagefile \/ \([^ ]*\).*/\1/p' "$WORK/out")"
[ -n "$PASSWORD" ] || { echo "no demo sign-in printed"; cat "$WORK/out" "$WORK/log"; exit 1; }
curl -sf -c "$WORK/jar" -H 'content-type: application/json' \
  -d "{\"email\":\"admin@demo.wagefile\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session" >/dev/null
test "$(curl -sf -b "$WORK/jar" "$BASE/api/v1/specs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" -eq "$(ls "$(dirname "$0")"/../examples/*.yaml | wc -l)"
# Two editors read revision 1; the second write is refused with 409 and the first is kept.
# The demo people come from examples/portfolio/people.csv through its mapping.
BODY='{"externalId":"E100","name":"Amara Osei","employment":"employee","workLayer":"evaluation-lead","payMinor":8800000,"currency":"USD","payBasis":"annual","specId":"internal-evaluation-lead","hireDate":"2019-04-01"}'
curl -sf -b "$WORK/jar" -X PUT -H 'content-type: application/json' -H 'If-Match: "1"' -d "$BODY" "$BASE/api/v1/people/person-e100" >/dev/null
status=$(curl -s -o "$WORK/conflict" -w '%{http_code}' -b "$WORK/jar" -X PUT -H 'content-type: application/json' -H 'If-Match: "1"' \
  -d "${BODY/8800000/1}" "$BASE/api/v1/people/person-e100")
[ "$status" = 409 ] && grep -q 'application/problem+json\|"status":409' "$WORK/conflict"
curl -sf -b "$WORK/jar" "$BASE/api/v1/people/person-e100" | has '"payMinor":8800000'
# The portfolio views over the demo: the support lead in a legacy band shows as an inversion.
curl -sf -b "$WORK/jar" "$BASE/api/v1/reports/compression" | python3 -c '
import json, sys
report = json.load(sys.stdin)
amara = next(p for p in report["people"] if p["personId"] == "person-e100")
assert "inversion" in [f["kind"] for f in amara["flags"]], amara
assert amara["annualCostToMinimum"] > 0, amara'
curl -sf -b "$WORK/jar" "$BASE/api/v1/reports/cost?format=csv" > "$WORK/cost.csv"
head -1 "$WORK/cost.csv" | has '^layer,budget_owner,employment_model,count,annual_cost_usd'
curl -sf -b "$WORK/jar" "$BASE/api/v1/reports/datasets" | has '"complete":false'
# Four eyes, admins included: the demo admin sends a demo file for review and may not approve it;
# the demo reviewer the first start printed beside the admin does.
REVIEWER_PASSWORD="$(sed -n 's/^Demo sign-in: reviewer@demo.wagefile \/ \([^ ]*\).*/\1/p' "$WORK/out")"
[ -n "$REVIEWER_PASSWORD" ] || { echo "no demo reviewer sign-in printed"; cat "$WORK/out"; exit 1; }
curl -sf -c "$WORK/reviewer" -H 'content-type: application/json' \
  -d "{\"email\":\"reviewer@demo.wagefile\",\"password\":\"$REVIEWER_PASSWORD\"}" "$BASE/api/v1/session" >/dev/null
FILE="$BASE/api/v1/decision-files/demo-rlhf-specialist-us"
curl -sf -b "$WORK/jar" -X POST -H 'If-Match: "1"' "$FILE/submit" | has '"status":"in-review"'
status=$(curl -s -o "$WORK/own" -w '%{http_code}' -b "$WORK/jar" -X POST -H 'If-Match: "2"' "$FILE/approve")
[ "$status" = 403 ] || { echo "the demo admin approved their own submission: HTTP $status"; cat "$WORK/own"; exit 1; }
curl -sf -b "$WORK/reviewer" -X POST -H 'If-Match: "2"' "$FILE/approve" | has '"statusBy":"reviewer@demo.wagefile"'
curl -sf "$BASE/metrics" | has 'wagefile_http_requests_total{method="PUT",route="/api/v1/people/{id}",status="409"} 1'
grep -q '"route":"/api/v1/people/{id}"' "$WORK/log"
# Graceful shutdown: SIGTERM, the process exits 0 on its own.
kill -TERM $PID
for _ in $(seq 1 50); do kill -0 $PID 2>/dev/null || break; sleep 0.2; done
if kill -0 $PID 2>/dev/null; then echo "server did not stop on SIGTERM"; exit 1; fi
wait $PID
# The server signed a last checkpoint on its way down: the whole log is anchored outside the database.
"$BIN" audit verify "${DBARGS[@]}" | tee "$WORK/verify"
LAST="$(sed -n 's/^Audit log intact: [0-9]* entries, last \([0-9]*\),.*/\1/p' "$WORK/verify")"
grep -q "the log is anchored through entry $LAST (" "$WORK/verify" \
  || { echo "the server's checkpoints do not reach the last entry ($LAST)"; grep -i checkpoint "$WORK/log" | tail -3; exit 1; }
echo "server smoke ok: $DB" | sed 's/:[^:@/]*@/:***@/'
