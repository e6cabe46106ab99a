#!/usr/bin/env python3
"""The planner's Monte Carlo side by side with a NumPy peer of the same model, in one run.

    scripts/bench-plan.py [draws]

Builds wagefile-bench in release, has it export the resolved six-tier program, runs Wagefile's
Monte Carlo (best of 5), then the same model vectorized in NumPy (best of 5): triangular draws
of throughput, rate and agreement per tier, hours, blended cost with managed markup and
recalibration, weeks of the staffed and pooled reviewers, useful pairs under the program's rule
(the audit adds none). Prints draws per second
and the P10/P50/P90 of cost from both (different random streams, so close, not equal).
"""
import json
import math
import subprocess
import sys
import tempfile
import time

import numpy as np

draws = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
subprocess.run(["swift", "build", "-c", "release", "--product", "wagefile-bench"], check=True, stdout=subprocess.DEVNULL)
export = tempfile.mktemp(suffix=".json")
swift = subprocess.run([".build/release/wagefile-bench", "plan", str(draws), "--export", export], check=True, capture_output=True, text=True)
print(swift.stdout, end="")
spec = json.load(open(export))


def useful_share(k, agreement, rule):
    """The program's useful-pair rule (Swift's enum as JSON: {"posterior": {"_0": 0.9}}, {"unanimous": {}}, ...)."""
    q = (1 + np.sqrt(np.maximum(0, 2 * np.minimum(agreement, 1) - 1))) / 2
    kind, value = next(iter(rule.items()))
    level = value.get("_0") if isinstance(value, dict) else None
    if k <= 1:
        return np.where(q >= level - 1e-12, q, 0) if kind == "posterior" else q
    total = np.zeros_like(q)
    for m in range(k // 2 + 1, k + 1):
        if kind == "unanimous" and m < k:
            continue
        if kind == "share" and m < math.ceil(level * k - 1e-9):
            continue
        ways = math.comb(k, m)
        both = ways * q**m * (1 - q) ** (k - m) + (ways * (1 - q) ** m * q ** (k - m) if m != k - m else 0)
        if kind == "posterior":
            odds = np.where(q >= 1, 0, (1 - q) / q)
            both = np.where(1 / (1 + odds ** (2 * m - k)) >= level - 1e-12, both, 0)
        total += both
    return np.minimum(1, total)


def triangular(rng, estimate, n):
    low, mode, high = estimate["low"], estimate["mode"], estimate["high"]
    if high <= low:
        return np.full(n, mode)
    return rng.triangular(low, mode, high, n)


def run(spec, n, seed):
    rng = np.random.default_rng(seed)
    items = spec["items"]
    auto_items = auto_useful = 0.0
    per_tier = {}
    for c in spec["classes"]:
        count = items * c["share"]
        if c["route"] == "auto-grader":
            auto_items += count
            auto_useful += count * (c.get("autoAgreement") or 0)
        else:
            per_tier.setdefault(c["route"], []).append((c["id"], count, True))
    if spec.get("auditTier") and spec["auditSample"] > 0 and auto_items > 0:
        # The audit re-checks auto-graded items: hours, no pairs (each item counts once).
        per_tier.setdefault(spec["auditTier"], []).append(("", auto_items * spec["auditSample"], False))
    cost = np.full(n, auto_items * spec["autoGraderCostPerItem"])
    weeks = np.zeros(n)
    useful = np.full(n, auto_useful)
    horizon, per_week, rule = spec["horizonWeeks"], spec["hoursPerWeek"], spec.get("usefulPair", {"posterior": {"_0": 0.9}})
    for tier in spec["tiers"]:
        parts = per_tier.get(tier["id"], [])
        load = sum(p[1] for p in parts)
        throughput, rate, agreement = triangular(rng, tier["throughput"], n), triangular(rng, tier["rate"], n), triangular(rng, tier["agreement"], n)
        hours = load * tier["judgesPerItem"] / throughput
        fte = hours / (horizon * per_week)
        managed = tier["managedShare"]
        staffed = np.ceil(fte * (1 - managed))
        recal = staffed * tier["rotationPerQuarter"] * (horizon / 13) * tier["recalibrationHours"] * rate
        cost += hours * rate * ((1 - managed) + managed * (1 + tier["managedMarkup"])) + recal
        # Staffed hours over the staffed reviewers, managed hours over the pool, side by side.
        capacity = tier.get("capacity")
        staffed_people = capacity if capacity is not None else np.ceil(fte * (1 - managed))
        pool = np.ceil(fte * managed)
        staffed_weeks = np.where(hours * (1 - managed) > 1e-9, hours * (1 - managed) / (np.maximum(staffed_people, 1) * per_week), 0)
        pool_weeks = np.where(hours * managed > 1e-9, hours * managed / (np.maximum(pool, 1) * per_week), 0)
        weeks = np.maximum(weeks, np.where(hours > 0, np.maximum(staffed_weeks, pool_weeks), 0))
        by_class = tier.get("agreementByClass") or {}
        for class_id, count, counted in parts:
            if not counted:
                continue
            offset = by_class[class_id] - tier["agreement"]["mode"] if class_id in by_class else 0
            useful += count * useful_share(tier["judgesPerItem"], np.clip(agreement + offset, 0.5, 1), rule)
    per_pair = cost / useful
    return [np.percentile(x, [10, 50, 90], method="inverted_cdf") for x in (cost, weeks, per_pair)]


best = math.inf
for _ in range(5):
    start = time.perf_counter()
    result = run(spec, draws, spec["seed"])
    best = min(best, time.perf_counter() - start)
cost = result[0]
print(f"numpy peer, {draws} draws (best of 5)")
print(f"  monte carlo: {best:.4f} s  =  {int(draws / best)} draws/s  (incl. percentiles)")
print(f"  cost P10/P50/P90: {int(cost[0])} / {int(cost[1])} / {int(cost[2])} {spec['currency']}")
