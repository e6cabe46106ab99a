"""Reference numbers from the INTENDED judgments (judgments.py), not from the exports.

Uses the reference package `krippendorff` for alpha and plain Python for the rest.
Writes expected.json next to each tool's exports.

Usage: python expected.py OUT_DIR
"""
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import krippendorff
import numpy as np

import judgments as J

CONTROLS = {
    # name -> (index in the judgment tuple, levels to compute, value domain or None)
    "quality": (0, ["nominal"], J.QUALITY),
    "stars": (1, ["ordinal", "interval", "nominal"], [1, 2, 3, 4, 5]),
    "pref": (2, ["nominal"], ["response_a", "response_b"]),
    "topic": (3, ["nominal"], [J.topic_key(i) for i in range(len(J.TOPICS))]),
    "comment": (4, [], None),
}


def value_of(control, tup):
    idx = CONTROLS[control][0]
    v = tup[idx]
    if v is None:
        return None
    if control == "pref":
        return {"a": "response_a", "b": "response_b"}[v]
    if control == "topic":
        return J.topic_key(v)
    return v


def units(tool, variant):
    """-> list of (item, coder, tuple) judgments that count under this variant."""
    out = []
    for item, row in J.J.items():
        for coder, tup in zip(J.ANNOTATORS, row):
            if tup is None or tup == "CANCEL":
                continue  # missing / cancelled (LS) / discarded (Argilla): never counted
            if tool == "label-studio" and (item, coder) in J.GOLD_FLAGGED and variant == "default":
                continue  # ground-truth annotation: gold, not a reviewer judgment by default
            out.append((item, coder, tup))
        if tool == "label-studio" and variant == "with_gold" and item in J.GOLD_LEAD:
            out.append((item, J.LEAD, J.GOLD_LEAD[item]))
    if tool == "argilla" and variant in ("with_drafts", "all_statuses"):
        for (item, coder), tup in J.DRAFTS.items():
            out.append((item, coder, tup))
    if tool == "argilla" and variant == "all_statuses":
        for (item, coder), vals in J.ARGILLA_DISCARDED_VALUES.items():
            tup = tuple(vals.get(c) for c in ["quality", "stars", "pref", "topic", "comment"])
            out.append((item, coder, tup))
    return out


def percent_agreement(by_item):
    agree = pairs = 0
    per_item = []
    for vals in by_item.values():
        if len(vals) < 2:
            continue
        a = sum(1 for x, y in itertools.combinations(vals, 2) if x == y)
        p = len(vals) * (len(vals) - 1) // 2
        agree += a
        pairs += p
        per_item.append(a / p)
    return {
        "mean_over_items": round(sum(per_item) / len(per_item), 6) if per_item else None,
        "pooled_pairs": round(agree / pairs, 6) if pairs else None,
        "items_with_2plus": len(per_item),
        "agreeing_pairs": agree,
        "total_pairs": pairs,
    }


def control_stats(judg, control):
    _, levels, domain = CONTROLS[control]
    coders = sorted({c for _, c, _ in judg}, key=lambda c: (J.ANNOTATORS + [J.LEAD]).index(c))
    items = sorted(J.J)
    vals = {(i, c): value_of(control, t) for i, c, t in judg}
    vals = {k: v for k, v in vals.items() if v is not None}
    res = {"n_judgments": len(vals), "coders": coders,
           "per_coder": {c: sum(1 for (i, cc) in vals if cc == c) for c in coders}}
    if not levels:
        return res
    codes = {v: k for k, v in enumerate(domain)} if control != "stars" else {v: v for v in domain}
    data = np.full((len(coders), len(items)), np.nan)
    for (i, c), v in vals.items():
        data[coders.index(c), items.index(i)] = codes[v]
    vd = [codes[v] for v in domain]
    res["alpha"] = {lvl: round(float(krippendorff.alpha(reliability_data=data, level_of_measurement=lvl,
                                                         value_domain=vd)), 6) for lvl in levels}
    by_item = {}
    for (i, c), v in sorted(vals.items()):
        by_item.setdefault(i, []).append(v)
    res["pairable_values"] = sum(len(v) for v in by_item.values() if len(v) >= 2)
    res["percent_agreement"] = percent_agreement(by_item)
    res["distribution"] = dict(sorted(Counter(vals.values()).items(), key=lambda kv: str(kv[0])))
    return res


def gold_stats():
    gold = {i: t for i, t in J.GOLD_LEAD.items()}
    for (i, c) in J.GOLD_FLAGGED:
        gold[i] = J.J[i][J.ANNOTATORS.index(c)]
    authored = Counter([J.LEAD] * len(J.GOLD_LEAD) + [c for _, c in J.GOLD_FLAGGED])
    per_annotator = {}
    for c in J.ANNOTATORS:
        entry = {}
        for control in ["quality", "stars", "pref", "topic"]:
            n = m = 0
            for i, g in gold.items():
                if (i, c) in J.GOLD_FLAGGED:
                    continue  # that annotation IS the gold
                t = J.J[i][J.ANNOTATORS.index(c)]
                if t is None or t == "CANCEL":
                    continue
                n += 1
                m += value_of(control, t) == value_of(control, g)
            entry[control] = {"judged_gold_items": n, "matches_gold": m}
        per_annotator[c] = entry
    return {
        "gold_items": sorted(gold),
        "ground_truth_annotations_authored": dict(authored),
        "gold_values": {str(i): {k: value_of(k, t) for k in ["quality", "stars", "pref", "topic"]}
                        for i, t in sorted(gold.items())},
        "per_annotator_vs_gold": per_annotator,
    }


def pairwise_winners(judg):
    out = {}
    for item in sorted(J.J):
        row = {c: value_of("pref", t) for i, c, t in judg if i == item and value_of("pref", t) is not None}
        cnt = Counter(row.values())
        top = cnt.most_common()
        majority = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else "tie"
        out[str(item)] = {"by_annotator": row, "majority": majority,
                          "votes": {"response_a": cnt.get("response_a", 0), "response_b": cnt.get("response_b", 0)}}
    return out


def build(tool):
    variants = ["default", "with_gold"] if tool == "label-studio" else ["default", "with_drafts", "all_statuses"]
    doc = {
        "source": "scripts/real-exports/expected.py from scripts/real-exports/judgments.py (intended values)",
        "krippendorff_package_version": krippendorff.__version__ if hasattr(krippendorff, "__version__") else "see requirements",
        "conventions": {
            "cancelled": "Label Studio was_cancelled=true / Argilla status=discarded: never a judgment",
            "ground_truth": "Label Studio ground_truth=true annotations are gold, NOT reviewer judgments in 'default'; "
                            "'with_gold' counts them as ordinary judgments (lead becomes a 5th coder; ann1's item-4 annotation is kept)",
            "drafts": "Label Studio drafts and Argilla status=draft are not judgments in 'default'; Argilla 'with_drafts' counts them",
            "argilla_all_statuses": "every response value present regardless of status (draft + the discarded response's one "
                                    "value); this is what a reader of records.json / to_list(flatten=False) / dataset.to_disk "
                                    "gets, because those files carry NO response status",
            "pref": "pairwise: left/response_a -> 'response_a', right/response_b -> 'response_b' (nominal)",
            "topic": "taxonomy path joined by '/', nominal",
            "stars": "alpha with value_domain [1..5]; nominal level given too",
            "percent_agreement": "unordered pairs of judgments on the same item; mean_over_items averages per-item "
                                 "agreement over items with >=2 judgments; pooled_pairs = agreeing pairs / all pairs",
            "comment": "free text: counted only",
        },
        "variants": {},
    }
    for v in variants:
        judg = units(tool, v)
        doc["variants"][v] = {
            "controls": {c: control_stats(judg, c) for c in CONTROLS},
            "pairwise_winners": pairwise_winners(judg),
        }
    if tool == "label-studio":
        doc["gold"] = gold_stats()
    return doc


if __name__ == "__main__":
    out = Path(sys.argv[1])
    for tool in ["label-studio", "argilla"]:
        (out / tool).mkdir(parents=True, exist_ok=True)
        (out / tool / "expected.json").write_text(json.dumps(build(tool), indent=2, ensure_ascii=False) + "\n")
        print("wrote", out / tool / "expected.json")
