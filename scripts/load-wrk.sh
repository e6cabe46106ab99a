#!/usr/bin/env bash
# Load on loopback with wrk: readers and many concurrent writers editing the same roles, on one
# database, then proof that no update was lost.
#   scripts/load-wrk.sh BINARY DATABASE_URL|sqlite [SECONDS] [CONNECTIONS]
# Every 4th request is a PUT of a new version of the rlhf-specialist-us role spec with If-Match
# set to the newest revision that wrk thread has seen, and `?comment=base-N` naming it. The
# server must accept at most one write per revision: afterwards each version V made by the
# load must carry "base-(V-1)". A second accepted write on the same base would show as a version
# whose comment names an older base: a lost update. Conflicts (409) are the expected answer to a
# stale If-Match; any other non-2xx, socket error or a broken audit chain fails the run.
set -euo pipefail
BIN="$1"
DB="$2"
DURATION="${3:-20}"
CONNECTIONS="${4:-32}"
PORT="${PORT:-18290}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ "$DB" != sqlite ] || DB="sqlite:$WORK/load.sqlite"

"$BIN" serve --database-url "$DB" --port "$PORT" --log-format json >"$WORK/out" 2>"$WORK/log" &
PID=$!
for _ in $(seq 1 150); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.2; done
PASSWORD="$(sed -n 's/^Demo sign-in: admin@demo.wagefile \/ \([^ ]*\).*/\1/p' "$WORK/out")"
[ -n "$PASSWORD" ] || { echo "no demo sign-in printed (the database must be empty)"; exit 2; }
curl -sf -c "$WORK/jar" -H 'content-type: application/json' \
  -d "{\"email\":\"admin@demo.wagefile\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session" >/dev/null
TOKEN="$(curl -sf -b "$WORK/jar" -H 'content-type: application/json' -d '{"name":"load"}' "$BASE/api/v1/tokens" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
SPEC=rlhf-specialist-us
START_VERSION="$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/specs/$SPEC" | python3 -c 'import json,sys; print(json.load(sys.stdin)["currentVersion"])')"

cat >"$WORK/mixed.lua" <<LUA
local token = "Bearer $TOKEN"
local f = io.open("examples/rlhf-specialist.yaml", "r")
local body = f:read("*a")
f:close()
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  revision = $START_VERSION
  n = 0
  statuses = {}
end
function request()
  n = n + 1
  if n % 4 == 0 then
    return wrk.format("PUT", "/api/v1/specs/$SPEC?comment=base-" .. revision,
      { ["Authorization"] = token, ["Content-Type"] = "application/yaml", ["If-Match"] = '"' .. revision .. '"' }, body)
  elseif n % 4 == 2 then
    return wrk.format("GET", "/api/v1/decision-files/demo-rlhf-specialist-us", { ["Authorization"] = token })
  end
  return wrk.format("GET", "/api/v1/specs/$SPEC", { ["Authorization"] = token })
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local etag = headers["ETag"] or headers["etag"]
  if etag and status == 200 then
    local seen = tonumber((etag:gsub('"', '')))
    if seen and seen > revision and body:find('"currentVersion"', 1, true) then revision = seen end
  end
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, count in pairs(s) do total[code] = (total[code] or 0) + count end
  end
  for code, count in pairs(total) do io.write(string.format("status %d %d\n", code, count)) end
end
LUA

wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$WORK/mixed.lua" "$BASE" >"$WORK/wrk.txt"
kill -0 $PID 2>/dev/null || { echo "the server died under load"; cat "$WORK/log" | tail -5; exit 1; }
curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/specs/$SPEC/versions" >"$WORK/versions.json"
kill -TERM $PID; wait $PID || true
"$BIN" audit verify --database-url "$DB" >"$WORK/verify.txt" 2>&1 || { echo "audit verify failed"; cat "$WORK/verify.txt"; exit 1; }

python3 - "$WORK/wrk.txt" "$WORK/versions.json" "$START_VERSION" "${DB%%:*}" "$CONNECTIONS" "$DURATION" <<'PY'
import json, re, sys
wrk_path, versions_path, start, database, connections, duration = sys.argv[1:]
text = open(wrk_path).read()
def latency(p):
    m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\b" % p, text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
statuses = {int(c): int(n) for c, n in re.findall(r"^status (\d+) (\d+)$", text, re.M)}
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
socket_errors = sum(map(int, socket.groups())) if socket else 0
versions = json.load(open(versions_path))["items"]
made = [v for v in versions if v["version"] > int(start)]
lost = [v for v in made if v.get("comment") != "base-%d" % (v["version"] - 1)]
accepted_puts = len(made)
other = {c: n for c, n in statuses.items() if c not in (200, 409)}
print(f"load ({database}, wrk -t2 -c{connections} -d{duration}s, 1 write in 4 on one role): "
      f"{rps:.0f} req/s, p50 {latency(50):.2f} ms, p90 {latency(90):.2f} ms, p99 {latency(99):.2f} ms; "
      f"200: {statuses.get(200, 0)}, 409 (stale If-Match): {statuses.get(409, 0)}, other: {sum(other.values())} {other or ''}, "
      f"socket errors: {socket_errors}; versions written: {accepted_puts}, each on the revision it named: {not lost}")
if other or socket_errors or lost or accepted_puts == 0:
    print("FAILED:", {"other statuses": other, "socket errors": socket_errors, "lost updates": lost[:3], "writes": accepted_puts})
    sys.exit(1)
PY
