#!/usr/bin/env bash
# Kill -9 during a large people import, at several moments, and check the database each time:
# SQLite's integrity check passes, the import is wholly there or wholly absent, the audit chain
# verifies, and a rerun then imports everything.
#   scripts/fault-kill-import.sh BINARY [ROWS] [KILL_AFTER_SECONDS...]
set -euo pipefail
BIN="$1"; ROWS="${2:-20000}"; shift $(( $# > 1 ? 2 : 1 )) || true
DELAYS=("$@"); [ ${#DELAYS[@]} -gt 0 ] || DELAYS=(1 3 5)
WORK="$(mktemp -d)"
python3 - "$WORK/people.csv" "$ROWS" <<'PY'
import csv, sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Employee ID", "Legal Name", "Worker Type", "Base Pay", "Currency", "Pay Frequency", "Manager ID", "Work Layer"])
    for i in range(rows):
        w.writerow([f"K{i}", f"Person {i}", "Regular", "90000", "USD", "Salary", "" if i < 50 else f"K{i % 50}", "evaluation"])
PY
cat > "$WORK/mapping.yaml" <<'YAML'
columns: {externalId: Employee ID, name: Legal Name, employment: Worker Type, pay: Base Pay, currency: Currency, payBasis: Pay Frequency, managerId: Manager ID, workLayer: Work Layer}
values: {employment: {Regular: employee}, payBasis: {Salary: annual}}
YAML
check() { # db -> "count integrity"
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT COUNT(*) FROM people").fetchone()[0], db.execute("PRAGMA integrity_check").fetchone()[0])
PY
}
for delay in "${DELAYS[@]}"; do
  DB="$WORK/kill-$delay.sqlite"
  "$BIN" migrate --database-url "sqlite:$DB" >/dev/null
  "$BIN" import people "$WORK/people.csv" --mapping "$WORK/mapping.yaml" --database-url "sqlite:$DB" >/dev/null 2>&1 &
  PID=$!
  sleep "$delay"
  if kill -9 $PID 2>/dev/null; then killed=yes; else killed="no (finished first)"; fi
  wait $PID 2>/dev/null || true
  read -r count integrity < <(check "$DB")
  [ "$integrity" = ok ] || { echo "after kill at ${delay}s: integrity_check says $integrity"; exit 1; }
  [ "$count" -eq 0 ] || [ "$count" -eq "$ROWS" ] || { echo "after kill at ${delay}s: $count of $ROWS people: a partial import"; exit 1; }
  "$BIN" audit verify --database-url "sqlite:$DB" >/dev/null
  echo "kill -9 after ${delay}s (killed: $killed): $count of $ROWS people, integrity ok, audit chain intact"
  if [ "$count" -eq 0 ]; then
    "$BIN" import people "$WORK/people.csv" --mapping "$WORK/mapping.yaml" --database-url "sqlite:$DB" >/dev/null
    read -r count integrity < <(check "$DB")
    [ "$count" -eq "$ROWS" ] || { echo "the rerun imported $count"; exit 1; }
  fi
done
echo "fault check ok: $ROWS-row imports killed at ${DELAYS[*]} s were whole or absent"
