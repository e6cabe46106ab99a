#!/usr/bin/env bash
# The worst plans the server allows, from every role at once, while /health is timed.
#   scripts/load-plan.sh BINARY [ROUNDS] [HEALTH_LIMIT_MS]
# `serve` on a fresh SQLite database with the demo data; one user per role (admin, compensation,
# procurement, finance, viewer), each with its own API token. Each round, every role posts the
# largest program within PlanLimits.server at the same moment: 9 difficulty classes over 8 tiers
# with 9 judges each, 200,000 Monte Carlo draws and ?frontier=true (17,875 routings, just under
# the 20,000 allowed); the viewer also posts 12 classes over 8 tiers without the frontier (the
# largest Monte Carlo). Meanwhile /health is asked every 50 ms. The run fails if a plan is
# answered other than 200 or 503 (busy, or its budget spent), if none is planned, if the server
# dies, or if any /health takes longer than HEALTH_LIMIT_MS (default 100).
set -euo pipefail
BIN="$1"
ROUNDS="${2:-2}"
LIMIT_MS="${3:-100}"
PORT="${PORT:-18291}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BIN" serve --database-url "sqlite:$WORK/plan.sqlite" --port "$PORT" >"$WORK/out" 2>"$WORK/log" &
PID=$!
for _ in $(seq 1 150); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.2; done
PASSWORD="$(sed -n 's/^Demo sign-in: admin@demo.wagefile \/ \([^ ]*\).*/\1/p' "$WORK/out")"
[ -n "$PASSWORD" ] || { echo "no demo sign-in printed (the database must be empty)"; exit 2; }

python3 - "$BASE" "$PASSWORD" "$ROUNDS" "$LIMIT_MS" <<'PY'
import json, sys, threading, time, urllib.request, urllib.error
base, password, rounds, limit_ms = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])

def call(method, path, body=None, token=None, content_type="application/json", timeout=120):
    headers = {"Content-Type": content_type} if body is not None else {}
    if token: headers["Authorization"] = "Bearer " + token
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers

def token_for(email, password):
    # Sign in, then make a token with the session cookie (the same origin, so no Origin check trips).
    status, body, headers = call("POST", "/api/v1/session", json.dumps({"email": email, "password": password}))
    assert status == 200, (email, status, body)
    cookie = headers["Set-Cookie"].split(";")[0]
    request = urllib.request.Request(base + "/api/v1/tokens", data=b'{"name": "load-plan"}', method="POST",
                                     headers={"Content-Type": "application/json", "Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["token"]

admin = token_for("admin@demo.wagefile", password)
tokens = {"admin": admin}
for role in ["compensation", "procurement", "finance", "viewer"]:
    email = f"{role}@load.example"
    status, body, _ = call("POST", "/api/v1/users", json.dumps(
        {"email": email, "name": role, "role": role, "password": "load test password"}), token=admin)
    assert status == 201, (role, status, body)
    tokens[role] = token_for(email, "load test password")

def program(classes, tiers, judges=9, draws=200_000):
    share = 1.0 / classes
    lines = ["program: wagefile.program/v1", f"id: worst-{classes}x{tiers}", "items: 1000000000", "horizon_weeks: 520",
             "agreement_target: 0.75", "auto_grader: {cost_per_item: 0.01}", "difficulty:"]
    for index in range(classes):
        value = 1 - share * (classes - 1) if index == classes - 1 else share
        route = "auto-grader" if index == 0 else f"t{min(index, tiers - 1)}"
        auto = ", auto_agreement: 0.8" if index == 0 else ""
        lines.append(f"  - {{class: c{index}, share: {value!r}, route: {route}{auto}}}")
    lines.append("tiers:")
    for index in range(tiers):
        lines.append(f"  - {{id: t{index}, level: {index + 1}, judges_per_item: {judges}, "
                     f"items_per_hour: {{mode: {40 - index}, low: {30 - index}, high: {50 - index}}}, "
                     f"rate: {{amount: {30 + 5 * index}, low: {25 + 5 * index}, high: {40 + 5 * index}}}, "
                     f"agreement: {{mode: 0.8, low: 0.7, high: 0.9}}, capacity: 5}}")
    lines.append(f"monte_carlo: {{draws: {draws}, seed: 7}}")
    return "\n".join(lines) + "\n"

frontier_program, wide_program = program(9, 8), program(12, 8)
health, stop = [], threading.Event()
def probe():
    while not stop.is_set():
        started = time.monotonic()
        try:
            status, _, _ = call("GET", "/health", timeout=30)
        except Exception as error:  # a refused or dropped connection counts as a failure
            status = repr(error)
        health.append(((time.monotonic() - started) * 1000, status))
        time.sleep(0.05)

plans = []
def plan(role, text, query):
    started = time.monotonic()
    status, body, _ = call("POST", "/api/v1/plan" + query, text, token=tokens[role], content_type="application/yaml")
    plans.append((role, query, status, time.monotonic() - started, body[:200]))

prober = threading.Thread(target=probe)
prober.start()
time.sleep(0.5)
began = time.monotonic()
for _ in range(rounds):
    workers = [threading.Thread(target=plan, args=(role, frontier_program, "?frontier=true")) for role in tokens]
    workers.append(threading.Thread(target=plan, args=("viewer", wide_program, "")))
    for worker in workers: worker.start()
    for worker in workers: worker.join()
wall = time.monotonic() - began
time.sleep(0.5)
stop.set()
prober.join()

latencies = sorted(ms for ms, status in health if status == 200)
failed_probes = [status for _, status in health if status != 200]
def pct(p): return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] if latencies else float("nan")
codes = {}
for _, _, status, _, _ in plans: codes[status] = codes.get(status, 0) + 1
planned = [seconds for _, _, status, seconds, _ in plans if status == 200]
print(f"plans: {len(plans)} in {wall:.1f} s ({rounds} rounds of {len(tokens) + 1} at once), statuses {codes}, "
      f"seconds per answered plan: min {min(planned, default=0):.2f}, max {max(planned, default=0):.2f}")
print(f"/health during the load: {len(health)} probes, p50 {pct(50):.1f} ms, p90 {pct(90):.1f} ms, p99 {pct(99):.1f} ms, "
      f"max {max(latencies, default=float('nan')):.1f} ms, over {limit_ms:.0f} ms: {sum(1 for ms in latencies if ms > limit_ms)}, failed: {len(failed_probes)}")
bad = [p for p in plans if p[2] not in (200, 503)]
if bad or not planned or failed_probes or (latencies and latencies[-1] > limit_ms):
    print("FAILED:", {"unexpected plan answers": [(r, q, s, b) for r, q, s, _, b in bad], "planned": len(planned),
                      "failed probes": failed_probes[:3], "slowest /health ms": latencies[-1] if latencies else None})
    sys.exit(1)
PY
kill -0 $PID 2>/dev/null || { echo "the server died under the planning load"; tail -5 "$WORK/log"; exit 1; }
! grep -q "unhandled error" "$WORK/log" || { echo "unhandled errors in the server log"; grep "unhandled error" "$WORK/log" | head -3; exit 1; }
