#!/usr/bin/env python3
"""Reference values of Gwet's AC1 for the Signal tests, computed by irrCAC 0.4.4.

    python3 -m venv /tmp/irrvenv && /tmp/irrvenv/bin/pip install irrCAC==0.4.4
    /tmp/irrvenv/bin/python scripts/gwet-oracles.py          # writes the fixture
    /tmp/irrvenv/bin/python scripts/gwet-oracles.py check    # compares with the committed one

For each judgment set (the oracle .jsonl files other statistics already use, and one generated
here where one label dominates, the case AC1 exists for), the units x reviewers table goes to
irrCAC.raw.CAC(table).gwet() (identity weights, categories as observed). irrCAC rounds its
coefficient to `digits` places: digits=15 keeps it to double precision.
Writes Tests/SignalTests/Fixtures/oracles/gwet-ac1.json: {"reference", "sets": {name: ac1}}.
"""
import json
import random
import sys
from pathlib import Path

import pandas as pd
from irrCAC.raw import CAC

ROOT = Path(__file__).resolve().parent.parent
ORACLES = ROOT / "Tests/SignalTests/Fixtures/oracles"
SETS = ["fleiss-six-raters", "alpha-nominal-labels", "alpha-int-ragged", "alpha-nulls", "kappa-two-raters"]


def dominant_label_lines():
    """40 items, 3 reviewers, 'ok' about 95% of the time: kappa collapses, AC1 does not."""
    rng = random.Random(20261206)
    lines = []
    for i in range(40):
        for r in ("ann", "bo", "cy"):
            value = "ok" if rng.random() < 0.95 else "bad"
            lines.append({"item": f"i{i:02d}", "reviewer": r, "value": value})
    return lines


def ac1(lines):
    table = {}
    for line in lines:
        if line.get("value") is None:
            continue
        table.setdefault(line["item"], {})[line["reviewer"]] = line["value"]
    frame = pd.DataFrame.from_dict(table, orient="index").sort_index()
    frame = frame[sorted(frame.columns)]
    return float(CAC(frame, digits=15).gwet()["est"]["coefficient_value"])


def compute():
    sets = {}
    for name in SETS:
        lines = [json.loads(l) for l in (ORACLES / f"{name}.jsonl").read_text().splitlines() if l.strip()]
        sets[name] = ac1(lines)
    dominant = dominant_label_lines()
    (ORACLES / "gwet-dominant-label.jsonl").write_text("".join(json.dumps(l, separators=(",", ":")) + "\n" for l in dominant))
    sets["gwet-dominant-label"] = ac1(dominant)
    return {"reference": {"package": "irrCAC", "version": "0.4.4", "call": "irrCAC.raw.CAC(units x reviewers, digits=15).gwet()"}, "sets": sets}


if __name__ == "__main__":
    result = compute()
    out = ORACLES / "gwet-ac1.json"
    if sys.argv[1:] == ["check"]:
        committed = json.loads(out.read_text())["sets"]
        bad = [k for k, v in result["sets"].items() if abs(committed.get(k, float("nan")) - v) > 1e-12]
        print("differ:", bad) if bad else print("gwet-ac1.json matches irrCAC")
        sys.exit(1 if bad else 0)
    out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    print(json.dumps(result["sets"], indent=2))
