#!/usr/bin/env bash
# Stop PostgreSQL under a running server, then start it again: while it is down, requests get a
# clean 503 (problem+json with Retry-After), never a hang or a crash; once it is back, requests
# succeed again without restarting Wagefile, and the audit chain is intact.
#   scripts/fault-postgres-restart.sh BINARY POSTGRES_URL
set -euo pipefail
source "$(dirname "$0")/has.sh"
BIN="$1"; URL="$2"
PORT="${PORT:-18096}"; BASE="http://127.0.0.1:$PORT"; WORK="$(mktemp -d)"
PGVERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
"$BIN" serve --database-url "$URL" --port "$PORT" >"$WORK/out" 2>"$WORK/log" &
PID=$!
trap 'kill $PID 2>/dev/null || true; pg_ctlcluster "$PGVERSION" main start 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.2; done
PASSWORD="$(sed -n 's/^Demo sign-in: admin@demo.wagefile \/ \([^ ]*\).*/\1/p' "$WORK/out")"
curl -sf -c "$WORK/jar" -H 'content-type: application/json' -d "{\"email\":\"admin@demo.wagefile\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session" >/dev/null
curl -sf -b "$WORK/jar" "$BASE/api/v1/specs" >/dev/null

pg_ctlcluster "$PGVERSION" main stop
start=$(date +%s%N)
status=$(curl -s -m 15 -o "$WORK/down" -w '%{http_code}' -b "$WORK/jar" "$BASE/api/v1/specs")
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$status" = 503 ] || [ "$status" = 500 ] && grep -q '"status":503\|"status" : 503\|unavailable\|unreachable' "$WORK/down" \
  || { echo "with PostgreSQL down: HTTP $status"; cat "$WORK/down"; exit 1; }
[ "$status" = 503 ] || { echo "with PostgreSQL down the answer must be 503, got $status"; cat "$WORK/down"; exit 1; }
health=$(curl -s -m 15 -o /dev/null -w '%{http_code}' "$BASE/health")
[ "$health" = 503 ] || { echo "/health with PostgreSQL down: $health"; exit 1; }
echo "PostgreSQL down: /api/v1/specs answered 503 in ${took} ms, /health 503"

pg_ctlcluster "$PGVERSION" main start
for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 && break; sleep 0.2; done
start=$(date +%s%N)
for _ in $(seq 1 100); do
  code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -b "$WORK/jar" "$BASE/api/v1/specs") || true
  [ "$code" = 200 ] && break
  sleep 0.2
done
[ "$code" = 200 ] || { echo "the server did not recover: $code"; tail -5 "$WORK/log"; exit 1; }
echo "PostgreSQL back: requests succeed again after $(( ($(date +%s%N) - start) / 1000000 )) ms, same server process"
kill -0 $PID
kill -TERM $PID; wait $PID
"$BIN" audit verify --database-url "$URL" 2>/dev/null | has "intact"
echo "fault check ok: a PostgreSQL restart under the server is survived"
