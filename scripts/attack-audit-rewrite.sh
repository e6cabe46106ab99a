#!/usr/bin/env bash
# The audit-log rewrite an attacker with database access can do, end to end from the command line:
# change an entry in SQLite, recompute every later hash with the documented recipe, move audit_head.
# The chain alone then says "intact"; the signed checkpoint outside the database, and the head an
# operator kept (--expect-head), do not. Also: a forged checkpoint line, and bad input (exit 2).
#   scripts/attack-audit-rewrite.sh BINARY
set -euo pipefail
source "$(dirname "$0")/has.sh"
BIN="$1"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DB=(--database-url "sqlite:$WORK/db.sqlite")
fail() { echo "$1"; cat "$WORK/out" "$WORK/err" 2>/dev/null; exit 1; }
run() { # expected-status, command...
  local expected="$1"; shift
  local status=0
  "$@" >"$WORK/out" 2>"$WORK/err" || status=$?
  [ "$status" -eq "$expected" ] || fail "expected exit $expected, got $status from: $*"
}

"$BIN" import people examples/portfolio/people.csv --mapping examples/portfolio/people-mapping.yaml "${DB[@]}" >/dev/null
run 0 "$BIN" audit checkpoint "${DB[@]}"
KEPT="$(sed -n 's/^  \([0-9]*:[0-9a-f]\{64\}\)$/\1/p' "$WORK/out")"
[ -n "$KEPT" ] || fail "no head printed to keep"
SEQ="${KEPT%%:*}"
has "Checkpoint of entry $SEQ appended to $WORK/db-audit-checkpoints.jsonl" "$WORK/out" || fail "no checkpoint written"
[ "$(stat -c %a "$WORK/audit.key")" = 600 ] && [ "$(stat -c %a "$WORK/db-audit-checkpoints.jsonl")" = 600 ] \
  || fail "the key and the checkpoints must be readable by their owner only"

# The attack: entry 2 now records other pay, and the chain is re-hashed after it (AuditChain.hash:
# SHA-256 over "LENGTH:FIELD|" for seq, at, actor, action, entity, entity_id, before, after and
# prev_hash, a missing before/after written as "\0null").
python3 - "$WORK/db.sqlite" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER audit_log_no_update")
rows = db.execute("SELECT seq, at, actor, action, entity, entity_id, before, after FROM audit_log ORDER BY seq").fetchall()
previous = "0" * 64
for seq, at, actor, action, entity, entity_id, before, after in rows:
    if seq == 2:
        changed = after.replace('"payMinor":', '"payMinor":1', 1)
        assert changed != after
        after = changed
    fields = [str(seq), at, actor, action, entity, entity_id,
              "\0null" if before is None else before, "\0null" if after is None else after, previous]
    digest = hashlib.sha256("".join(f"{len(f.encode())}:{f}|" for f in fields).encode()).hexdigest()
    db.execute("UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE seq = ?", (after, previous, digest, seq))
    previous = digest
db.execute("UPDATE audit_head SET hash = ? WHERE id = 1", (previous,))
db.commit()
PY

# Without its checkpoints the rewritten log passes: the hole this closes.
run 0 "$BIN" audit verify "${DB[@]}" --audit-checkpoints "$WORK/none.jsonl"
has "Audit log intact" "$WORK/out" || fail "the chain alone should agree with itself"
# With them it does not: exit 1, naming the checkpoint that no longer matches.
run 1 "$BIN" audit verify "${DB[@]}"
has "the checkpoint of entry $SEQ signed .* no longer matches: entry $SEQ now hashes to" "$WORK/out" || fail "the checkpoint did not catch the rewrite"
# Nor with only the head the operator kept.
run 1 "$BIN" audit verify "${DB[@]}" --audit-checkpoints "$WORK/none.jsonl" --expect-head "$KEPT"
has -- "--expect-head ${KEPT:0:$(( ${#SEQ} + 17 ))}… no longer matches" "$WORK/out" || fail "--expect-head did not catch the rewrite"
# And nothing is signed over it.
run 1 "$BIN" audit checkpoint "${DB[@]}"
has "No checkpoint written" "$WORK/out" || fail "a rewritten log was signed"

# A checkpoint forged without the key: another head with a copied signature.
sed -n 1p "$WORK/db-audit-checkpoints.jsonl" | sed "s/\"seq\":$SEQ/\"seq\":$(( SEQ - 1 ))/" > "$WORK/forged.jsonl"
run 1 "$BIN" audit verify "${DB[@]}" --audit-checkpoints "$WORK/forged.jsonl"
has "is not signed by the audit key (forged)" "$WORK/out" || fail "a forged checkpoint was accepted"

# Bad input is exit 2 with the option named.
run 2 "$BIN" audit verify "${DB[@]}" --expect-head "$SEQ"
has -- "^--expect-head: expected SEQ:HASH" "$WORK/err" || fail "a bad --expect-head was not named"
run 2 "$BIN" audit verify "${DB[@]}" --audit-key "$WORK/missing.key"
has -- "^--audit-key: no key at $WORK/missing.key" "$WORK/err" || fail "a missing --audit-key was not named"
chmod 644 "$WORK/audit.key"
run 2 "$BIN" audit verify "${DB[@]}"
has -- "can be read or written by other users (mode 644); run \`chmod 600" "$WORK/err" || fail "a key others can read was used"
echo "audit anchor ok: the rewritten chain, the kept head and a forged checkpoint were each caught; bad input exit 2"
