#!/usr/bin/env bash
# Side-by-side speed and memory of `wagefile agree` against the Python reference pipelines
# (pandas + krippendorff, DuckDB, pandas + crowd-kit) on the same generated files, in one run.
#
#   scripts/bench-signal.sh [runs] [shuffled]   (default 3 runs each; medians are printed)
#
# With `shuffled`, also the unsorted case: seeded shuffles of the two nominal files (the
# lines in random order, so every item's judgments are spread over the whole file).
#
# Needs the peer kit (WAGEFILE_PEER_KIT, default ../shared/bench): its setup_venv.sh,
# gen_judgments.py, peer_alpha.py, peer_alpha_duckdb.py, peer_ds.py and timev.sh are called, never copied.
# Files go to WAGEFILE_BENCH_DATA (default /tmp/peerbench); about 740 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
shuffled="${2:-}"
KIT="${WAGEFILE_PEER_KIT:-$(cd .. && pwd)/shared/bench}"
D="${WAGEFILE_BENCH_DATA:-/tmp/peerbench}"
PY="${PEERVENV:-/tmp/peervenv}/bin/python"
[ -f "$KIT/timev.sh" ] || { echo "peer kit not found at $KIT (set WAGEFILE_PEER_KIT)"; exit 2; }
bash "$KIT/setup_venv.sh" >/dev/null
[ -f "$D/nominal.csv" ] && [ -f "$D/ds.csv" ] || "$PY" "$KIT/gen_judgments.py" --out-dir "$D" >/dev/null
swift build -c release --product wagefile >/dev/null
W=.build/release/wagefile
if [ -n "$shuffled" ]; then
  [ -f "$D/shuffled.csv" ] || { head -1 "$D/nominal.csv"; tail -n +2 "$D/nominal.csv" | shuf --random-source=<(yes); } > "$D/shuffled.csv"
  [ -f "$D/shuffled.jsonl" ] || shuf --random-source=<(yes) "$D/nominal.jsonl" > "$D/shuffled.jsonl"
fi
out=$(mktemp)
cat "$D/nominal.csv" "$D/nominal.jsonl" "$D/ds.csv" ${shuffled:+"$D/shuffled.csv" "$D/shuffled.jsonl"} > /dev/null   # warm page cache
for _ in $(seq 1 "$runs"); do
  bash "$KIT/timev.sh" peer_alpha_csv "$PY" "$KIT/peer_alpha.py" "$D/nominal.csv" || true
  bash "$KIT/timev.sh" duckdb_alpha_csv "$PY" "$KIT/peer_alpha_duckdb.py" "$D/nominal.csv" || true
  bash "$KIT/timev.sh" wagefile_alpha_csv $W agree "$D/nominal.csv" --level nominal || true
  bash "$KIT/timev.sh" peer_alpha_jsonl "$PY" "$KIT/peer_alpha.py" "$D/nominal.jsonl" || true
  bash "$KIT/timev.sh" duckdb_alpha_jsonl "$PY" "$KIT/peer_alpha_duckdb.py" "$D/nominal.jsonl" || true
  bash "$KIT/timev.sh" wagefile_alpha_jsonl $W agree "$D/nominal.jsonl" --level nominal || true
  bash "$KIT/timev.sh" peer_ds_csv "$PY" "$KIT/peer_ds.py" "$D/ds.csv" --truth "$D/ds_truth.csv" --labels-out /tmp/peer_ds_labels.csv || true
  bash "$KIT/timev.sh" wagefile_ds_csv $W agree "$D/ds.csv" --dawid-skene --bootstrap 0 --labels-out /tmp/wagefile_ds_labels.csv || true
  if [ -n "$shuffled" ]; then
    bash "$KIT/timev.sh" peer_alpha_shuffled_csv "$PY" "$KIT/peer_alpha.py" "$D/shuffled.csv" || true
    bash "$KIT/timev.sh" wagefile_alpha_shuffled_csv $W agree "$D/shuffled.csv" --level nominal || true
    bash "$KIT/timev.sh" peer_alpha_shuffled_jsonl "$PY" "$KIT/peer_alpha.py" "$D/shuffled.jsonl" || true
    bash "$KIT/timev.sh" wagefile_alpha_shuffled_jsonl $W agree "$D/shuffled.jsonl" --level nominal || true
  fi
done > "$out" 2>/dev/null
python3 - "$out" "$D/ds_truth.csv" <<'PY'
import csv, json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
failed = [r for r in rows if r["rc"] != 0]
for r in failed: print(f"run {r['label']} exited {r['rc']}: {str(r['stdout'])[:200]}", file=sys.stderr)
rows = [r for r in rows if r["rc"] == 0]
by = {}
for r in rows: by.setdefault(r["label"], []).append(r)
def med(label, key): return statistics.median(r[key] for r in by[label])
truth = {r["item"]: r["truth"] for r in csv.DictReader(open(sys.argv[2]))}
ours = {r["item"]: r["label"] for r in csv.DictReader(open("/tmp/wagefile_ds_labels.csv"))}
peer = {r["item"]: r["label"] for r in csv.DictReader(open("/tmp/peer_ds_labels.csv"))}
print("| task | peer wall s [min-max] | wagefile wall s [min-max] | speed-up | peer RSS MB | wagefile RSS MB | peer result | wagefile result |")
print("|---|---|---|---|---|---|---|---|")
for task, peer_label, our_label in [("alpha, 10M judgments, CSV", "peer_alpha_csv", "wagefile_alpha_csv"),
                                    ("alpha, 10M judgments, CSV (DuckDB peer)", "duckdb_alpha_csv", "wagefile_alpha_csv"),
                                    ("alpha, 10M judgments, JSONL", "peer_alpha_jsonl", "wagefile_alpha_jsonl"),
                                    ("alpha, 10M judgments, JSONL (DuckDB peer)", "duckdb_alpha_jsonl", "wagefile_alpha_jsonl"),
                                    ("Dawid-Skene, 1M labels, CSV", "peer_ds_csv", "wagefile_ds_csv"),
                                    ("alpha, 10M judgments, shuffled CSV", "peer_alpha_shuffled_csv", "wagefile_alpha_shuffled_csv"),
                                    ("alpha, 10M judgments, shuffled JSONL", "peer_alpha_shuffled_jsonl", "wagefile_alpha_shuffled_jsonl")]:
    if peer_label not in by or our_label not in by: continue
    p, w = by[peer_label][-1]["stdout"], by[our_label][-1]["stdout"]
    if "alpha" in task:
        pr, wr = f"alpha {p['alpha']:.16f}", f"alpha {w['alpha']:.16f}"
    else:
        pr = f"{p['iterations']} it, accuracy {p['accuracy']:.6f}"
        acc = sum(ours.get(k) == v for k, v in truth.items()) / len(truth)
        same = sum(ours.get(k) == v for k, v in peer.items()) / len(peer)
        wr = f"{w['dawidSkene']['iterations']} it, accuracy {acc:.6f}, same label as crowd-kit {same:.6f}"
    pw, ww = med(peer_label, "wall_s"), med(our_label, "wall_s")
    def spread(label): return f"{min(r['wall_s'] for r in by[label]):.2f}-{max(r['wall_s'] for r in by[label]):.2f}"
    print(f"| {task} | {pw:.2f} [{spread(peer_label)}] | {ww:.2f} [{spread(our_label)}] | {pw / ww:.1f}x | {med(peer_label, 'max_rss_mb'):.0f} | {med(our_label, 'max_rss_mb'):.0f} | {pr} | {wr} |")
print(f"\n{len(rows)} runs, medians [min-max]; machine: {__import__('os').cpu_count()} cores")
sys.exit(1 if failed else 0)
PY
rm -f "$out"
