#!/usr/bin/env python3
"""The planner's Monte Carlo side by side with a NumPy peer of the same model, in one run.

    scripts/bench-plan.py [draws]

Builds wagefile-bench in release, has it export the resolved six-tier program, runs Wagefile's
Monte Carlo (best of 5), then the same model vectorized in NumPy (best of 5): triangular draws
of throughput, rate and agreement per tier, hours, blended cost with managed markup and
recalibration, weeks at capacity, useful pairs from the binomial rule. Prints draws per second
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


def useful_share(k, agreement, target):
    q = (1 + np.sqrt(np.maximum(0, 2 * np.minimum(agreement, 1) - 1))) / 2
    if k <= 1:
        return q
    needed = math.ceil(target * k - 1e-9)
    total = np.zeros_like(q)
    for m in range(max(needed, (k + 2) // 2), k + 1):
        ways = math.comb(k, m)
        total += ways * q**m * (1 - q) ** (k - m)
        if m != k - m:
            total += ways * (1 - q) ** m * q ** (k - m)
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
            per_tier.setdefault(c["route"], []).append((c["id"], count))
    if spec.get("auditTier") and spec["auditSample"] > 0 and auto_items > 0:
        per_tier.setdefault(spec["auditTier"], []).append(("", auto_items * spec["auditSample"]))
    cost = np.full(n, auto_items * spec["autoGraderCostPerItem"])
    weeks = np.zeros(n)
    useful = np.full(n, auto_useful)
    horizon, per_week, target = spec["horizonWeeks"], spec["hoursPerWeek"], spec["agreementTarget"]
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
        capacity = tier.get("capacity")
        available = (capacity + np.ceil(fte * managed)) if capacity is not None else np.ceil(fte)
        weeks = np.maximum(weeks, np.where(hours > 0, hours / (np.maximum(available, 1) * per_week), 0))
        by_class = tier.get("agreementByClass") or {}
        for class_id, count in parts:
            offset = by_class[class_id] - tier["agreement"]["mode"] if class_id in by_class else 0
            useful += count * useful_share(tier["judgesPerItem"], np.clip(agreement + offset, 0.5, 1), target)
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
