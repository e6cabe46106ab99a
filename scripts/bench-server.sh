#!/usr/bin/env bash
# Server benchmark: wrk on loopback against a bare Hummingbird route, /health, reading a stored
# decision file and pricing a spec, all in one run on one machine, with the ratio to bare.
#
#   scripts/bench-server.sh [seconds-per-route] [connections]
#
# Needs wrk (apt-get install wrk). Builds release binaries; uses a throwaway SQLite database
# (or $WAGEFILE_DATABASE_URL for PostgreSQL). Nothing is asserted: the figures go in notes.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-16}"
PORT=18080
BARE_PORT=18081
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
swift build -c release --product wagefile >/dev/null
swift build -c release --product bench-bare-server >/dev/null
BIN="$(swift build -c release --show-bin-path)"

DB="${WAGEFILE_DATABASE_URL:-sqlite:$WORK/bench.sqlite}"
"$BIN/wagefile" serve --database-url "$DB" --port "$PORT" --log-format json >"$WORK/serve.out" 2>"$WORK/serve.log" &
"$BIN/bench-bare-server" "$BARE_PORT" >/dev/null 2>&1 &
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && curl -sf "http://127.0.0.1:$BARE_PORT/bare" >/dev/null && break
  sleep 0.2
done
PASSWORD="$(sed -n 's/^Demo sign-in: admin@demo.wagefile \/ \([^ ]*\).*/\1/p' "$WORK/serve.out")"
[ -n "$PASSWORD" ] || { echo "no demo admin printed (database not empty?)" >&2; exit 2; }
curl -sf -c "$WORK/cookies" -H 'content-type: application/json' \
  -d "{\"email\":\"admin@demo.wagefile\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/session" >/dev/null
TOKEN="$(curl -sf -b "$WORK/cookies" -H 'content-type: application/json' -H "Origin: http://127.0.0.1:$PORT" \
  -d '{"name":"bench"}' "http://127.0.0.1:$PORT/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

cat >"$WORK/price.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/yaml"
wrk.headers["Authorization"] = "Bearer $TOKEN"
local f = io.open("examples/rlhf-specialist.yaml", "r")
wrk.body = f:read("*a")
f:close()
LUA

run() { # name url [wrk args...]
  local name="$1" url="$2"; shift 2
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" >"$WORK/$name.txt"
  python3 - "$name" "$WORK/$name.txt" <<'PY'
import re, sys
name, path = sys.argv[1], sys.argv[2]
text = open(path).read()
def latency(p):
    m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, text, re.M)
    if not m: return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
socket = re.search(r"Socket errors:.*", text)
print(f"{name}\t{rps:.0f}\t{latency(50):.2f}\t{latency(99):.2f}\t{errors.group(1) if errors else 0}\t{socket.group(0) if socket else ''}")
PY
}

echo "wrk -t1 -c$CONNECTIONS -d${DURATION}s on loopback; database: ${DB%%:*}"
{
  echo -e "route\treq/s\tp50 ms\tp99 ms\tnon-2xx\tsocket"
  run bare "http://127.0.0.1:$BARE_PORT/bare"
  run health "http://127.0.0.1:$PORT/health"
  run decision-file "http://127.0.0.1:$PORT/api/v1/decision-files/demo-rlhf-specialist-us" -H "Authorization: Bearer $TOKEN"
  run price "http://127.0.0.1:$PORT/api/v1/price" -s "$WORK/price.lua"
} | tee "$WORK/table.tsv" | column -t -s $'\t'
python3 - "$WORK/table.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
bare = float(rows[0][1])
for r in rows[1:]:
    print(f"{r[0]}: {float(r[1]) / bare:.3f} x bare throughput")
PY
