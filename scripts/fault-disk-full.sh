#!/usr/bin/env bash
# A disk that fills up under a real people import: the SQLite database lives on a 1 MiB tmpfs,
# and a 20,000-person import cannot fit. The command must say the disk is full (exit 1, no
# stack trace), leave the database intact with the people it had, and import the same file
# whole once there is room. Needs root (mount); skips with a message otherwise.
#   scripts/fault-disk-full.sh BINARY [ROWS]
set -euo pipefail
BIN="$(readlink -f "$1")"; ROWS="${2:-20000}"
WORK="$(mktemp -d)"
DISK="$WORK/disk"
mkdir -p "$DISK"
if ! mount -t tmpfs -o size=1m tmpfs "$DISK" 2>/dev/null; then echo "disk full: skipped (cannot mount a tmpfs here)"; exit 0; fi
trap 'umount "$DISK" 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 - "$WORK/people.csv" "$ROWS" <<'PY'
import csv, sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Employee ID", "Legal Name", "Worker Type", "Base Pay", "Currency", "Pay Frequency"])
    for i in range(rows):
        w.writerow([f"K{i}", f"Person {i}", "Regular", "90000", "USD", "Salary"])
PY
printf 'columns: {externalId: Employee ID, name: Legal Name, employment: Worker Type, pay: Base Pay, currency: Currency, payBasis: Pay Frequency}\nvalues: {employment: {Regular: employee}, payBasis: {Salary: annual}}\n' > "$WORK/mapping.yaml"
head -n 4 "$WORK/people.csv" > "$WORK/first.csv"
DB="sqlite:$DISK/wagefile.sqlite"
"$BIN" import people "$WORK/first.csv" --mapping "$WORK/mapping.yaml" --database-url "$DB" >/dev/null
status=0
"$BIN" import people "$WORK/people.csv" --mapping "$WORK/mapping.yaml" --database-url "$DB" >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" -ne 0 ] || { echo "the import claimed success on a full disk"; exit 1; }
grep -q "full" "$WORK/err" || { echo "no clear message on a full disk (exit $status):"; cat "$WORK/err"; exit 1; }
! grep -q "Backtrac\|Fatal error" "$WORK/err" || { echo "the import crashed on a full disk"; cat "$WORK/err"; exit 1; }
message="$(head -n 1 "$WORK/err")"
read -r count integrity < <(python3 - "$DISK/wagefile.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT COUNT(*) FROM people").fetchone()[0], db.execute("PRAGMA integrity_check").fetchone()[0])
PY
)
[ "$integrity" = ok ] && [ "$count" -eq 3 ] || { echo "after the full disk: $count people, integrity $integrity"; exit 1; }
"$BIN" audit verify --database-url "$DB" >/dev/null
# Room again: move the database to a real disk and the same import goes through whole.
cp "$DISK"/wagefile.sqlite* "$WORK/"
"$BIN" import people "$WORK/people.csv" --mapping "$WORK/mapping.yaml" --database-url "sqlite:$WORK/wagefile.sqlite" >/dev/null
echo "disk full: exit $status (refused, nothing written) with \"$message\"; database intact (integrity ok, 3 people as before, audit chain verified); the import then went through whole elsewhere"
