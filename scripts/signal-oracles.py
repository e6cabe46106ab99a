#!/usr/bin/env python3
"""Reference fixtures ("oracles") for the Signal module's agreement and aggregation statistics.

Every fixture is computed by the reference Python packages, pinned as
krippendorff==0.9.0  crowd-kit==1.4.2  scikit-learn==1.5.2  pandas==3.1.1
numpy==2.4.6  scipy==1.17.1  statsmodels==0.15.0  (Python 3.11)
and is written as two files in Tests/SignalTests/Fixtures/oracles/:

  NAME.jsonl  the judgments, one JSON object per line, keys in the order
              {"item": ..., "reviewer": ..., "value": ...}; value is a string label or a number;
              pairwise fixtures write "a", "b" or "tie" as value and add the keys "a" and "b"
              (the two option ids) after it.  A missing judgment is an absent line; only
              alpha-nulls has lines with "value": null, which every statistic ignores.
              Lines are written compactly (no spaces), e.g. {"item":"u000","reviewer":"r08","value":2}.
  NAME.json   {"name", "about", "judgments", "reference": {"package", "version", "call"},
               "expected": {...}} (and "valueOrder" at the top level where labels are ordered).
              A float that the reference returned as NaN is written as null.

Rerun (from the repository root, with a venv that has the pins above):

  /tmp/peervenv/bin/python scripts/signal-oracles.py generate [OUTDIR]
  /tmp/peervenv/bin/python scripts/signal-oracles.py check

`generate` writes every fixture (fixed seeds, np.random.default_rng(seed)); reruns are
byte-identical.  `check` regenerates into a temporary folder and compares with the committed
fixtures: the .jsonl files must be identical, every expected number equal within 1e-12
(absolute), every label and every other field exactly equal; it exits 0 when all match and 1
otherwise, printing each difference.  The whole run takes about 15 s on 2 cores.

How each statistic is obtained
------------------------------
alpha         krippendorff.alpha(reliability_data=R, level_of_measurement=L, value_domain=D)
              R: reviewers x units matrix (reviewers and units sorted by id), np.nan for a missing
              cell (numbers, float64) or the string "nan" (labels, numpy str array: krippendorff's
              own missing marker).  D: the sorted distinct values (numbers: all four levels; labels:
              nominal only), or the fixture's "valueOrder" for ordinal on labels.  Each result is
              checked against krippendorff.alpha(value_counts=..., value_domain=D) (units x values
              counts) and must agree within 1e-12.  When krippendorff raises, "alphaError" holds
              "ExceptionType: message" instead of "alpha".
fleissKappa   statsmodels.stats.inter_rater.fleiss_kappa(aggregate_raters(X)[0], method="fleiss"),
              X: units x ratings array (each unit's values ordered by reviewer id); only where every
              unit has the same number of ratings.
cohenKappa    sklearn.metrics.cohen_kappa_score(y1, y2, weights=None|"linear"|"quadratic",
              labels=sorted distinct values of the fixture), on the items both reviewers judged
              (sorted by item id; y1 = the reviewer whose id sorts first).  cohenKappaStatsmodels:
              statsmodels.stats.inter_rater.cohens_kappa(T, wt=None|"linear"|"quadratic").kappa,
              T the square contingency table (rows y1, columns y2) over the same labels.  Both
              packages weight by the category *index* distance (equal spacing), so they agree.
dawidSkene    crowdkit.aggregation.DawidSkene(n_iter=N, tol=T).fit(df), df = pandas DataFrame
              with columns task, worker, label in the .jsonl line order (the order matters for
              crowd-kit's tie-breaking: its class columns are in order of first appearance).
              "labels" = labels_, "priors" = priors_, "posteriors" = probas_ (crowd-kit clips
              probas_ in place to >= 1e-10 inside its ELBO without renormalising, so a row can
              sum to 1 + k*1e-10), "lossHistory" = loss_history_ (ELBO per label after each
              iteration), "iterations" = len(loss_history_).
              "errors"[reviewer][trueLabel][observedLabel] = errors_.loc[(reviewer, observedLabel),
              trueLabel], i.e. P(reviewer reports observedLabel | true label is trueLabel).
              crowd-kit's errors_ is indexed by (worker, label) where that label is the OBSERVED
              (reported) label, and its columns are the TRUE labels; each column sums to 1 over a
              worker's rows.  An observed label that a reviewer never reported has no row in
              crowd-kit and is absent here (probability 0, never used).
              tol "-inf" stands for float("-inf"): exactly N iterations.
bradleyTerry  crowdkit.aggregation.BradleyTerry(n_iter=N, tol=T).fit(df), df columns worker,
              left (= the "a" option), right (= the "b" option), label (= the winning option).
              crowd-kit's BradleyTerry has no default for n_iter (it is a required argument);
              tol defaults to 1e-5.  "scores" = scores_ (sums to 1).  loss_history_ exists but
              crowd-kit never appends to it, so "lossHistory" is [].  The number of iterations is
              not exposed; note that in crowd-kit 1.4.2 `p_old = p_new` aliases the two arrays, so
              the convergence test compares an array with itself (difference 0) and the loop stops
              after exactly 2 MM updates whenever tol > 0 (n_iter >= 2).  bt-fixed-iterations
              uses tol "-inf" to run exactly n_iter updates.
bradleyTerryTies  maximum likelihood fit of Davidson's (1970) tie model,
              P(i beats j) = p_i / (p_i + p_j + nu*sqrt(p_i p_j)),
              P(tie)       = nu*sqrt(p_i p_j) / (p_i + p_j + nu*sqrt(p_i p_j)),
              by scipy.optimize.minimize(method="BFGS", analytic gradient, gtol=1e-12) on
              (log p_1..log p_{n-1}, log nu) with log p_0 = 0, scores = p / sum(p),
              "logLikelihood" = sum of natural-log probabilities of all outcomes at the optimum.

The fixtures
------------
alpha-krippendorff-2011   Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
                          4 observers x 12 units, values 1-5 with gaps; published alpha nominal
                          0.743, ordinal 0.815, interval 0.849, ratio 0.797 (asserted).
alpha-nominal-labels      400 units, 3-5 of 12 reviewers, labels c0..c4, 10% of units cut to a
                          single judgment; alpha nominal.
alpha-int-ragged          500 units, integers 0..4, 1-6 of 15 reviewers; alpha at all four levels.
alpha-half-step           300 units, values 0.0..5.0 in steps of 0.5; alpha at all four levels.
alpha-ordinal-labels      250 units, labels low/mid/high/top with valueOrder; nominal and ordinal.
alpha-nulls               like alpha-int-ragged (own seed) with 10% of the lines "value": null.
kappa-two-raters          r1 and r2 rate 250 items 1..4 (correlated); alpha (4 levels), Cohen's
                          kappa (sklearn and statsmodels, unweighted/linear/quadratic), Fleiss.
fleiss-six-raters         150 units x 6 of 20 reviewers, labels A..E; Fleiss' kappa, alpha nominal.
edge-all-identical        2 reviewers x 5 items, all "yes"; krippendorff raises; Fleiss and Cohen NaN.
edge-single-unit-values   4 units with one judgment each; krippendorff raises; Fleiss NaN.
edge-two-values-one-unit  one unit, r1 "a", r2 "b": alpha 0, Cohen 0, Fleiss -1.
edge-pairable-identical   the only pairable unit agrees, another value occurs alone: alpha 0/0 = NaN.
ds-small                  1,500 items x 5 of 60 reviewers, classes c0..c3 (good, mediocre, spammer,
                          biased reviewers); DawidSkene defaults n_iter=100, tol=1e-5.
ds-small-fixed            the same judgments, n_iter=7, tol=-inf (exactly 7 iterations).
ds-ragged                 400 items x 1-6 of 25 reviewers, classes x/y/z; one reviewer with a single
                          item, reviewers that never report some class; defaults.
ds-tie-break              2 items with mirrored a/b votes: posteriors exactly 0.5, labels_ "b" (the
                          label seen first), crowd-kit's tie-breaking under pandas 3.1.1.
bt-small                  25 options o00..o24, 1,200 comparisons p0000.. by 15 reviewers, winners
                          from a true Bradley-Terry model; BradleyTerry(n_iter=100, tol=1e-5).
bt-fixed-iterations       10 options, 300 comparisons, BradleyTerry(n_iter=50, tol=-inf): 50 MM updates.
bt-never-wins             6 options, 60 comparisons, o05 never wins: crowd-kit gives it score 0.
bt-ties                   12 options, 600 comparisons with ~15% ties; Davidson fit.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", category=DeprecationWarning)
warnings.filterwarnings("ignore", category=RuntimeWarning)   # NaN results are recorded as null
warnings.filterwarnings("ignore", category=UserWarning)      # sklearn: "A single label was found"

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

try:
    from pandas.errors import Pandas4Warning  # pandas >= 3
    warnings.filterwarnings("ignore", category=Pandas4Warning)
except ImportError:  # pragma: no cover
    pass

import krippendorff  # noqa: E402
import scipy.optimize  # noqa: E402
from crowdkit.aggregation import BradleyTerry, DawidSkene  # noqa: E402
from sklearn.metrics import cohen_kappa_score  # noqa: E402
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa  # noqa: E402

PINS = {
    "krippendorff": "0.9.0", "crowd-kit": "1.4.2", "scikit-learn": "1.5.2", "pandas": "3.1.1",
    "numpy": "2.4.6", "scipy": "1.17.1", "statsmodels": "0.15.0",
}
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "Tests" / "SignalTests" / "Fixtures" / "oracles"
TOL = 1e-12
LEVELS = ("nominal", "ordinal", "interval", "ratio")


def ver(pkg: str) -> str:
    try:
        return version(pkg)
    except PackageNotFoundError:
        return "missing"


# ----------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------

def num(x) -> float | None:
    """A Python float for JSON; NaN becomes None (null)."""
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        raise ValueError("infinite value in a fixture")
    return x


def judgment(item: str, reviewer: str, value) -> dict:
    return {"item": item, "reviewer": reviewer, "value": value}


def present(lines: list[dict]) -> list[dict]:
    """The judgments that count: lines whose value is not null."""
    return [ln for ln in lines if ln["value"] is not None]


def is_numeric(values) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def distinct(rng: np.random.Generator, pool: int, k: int) -> list[int]:
    """k distinct reviewer indices out of pool, in the order drawn."""
    return [int(x) for x in rng.choice(pool, size=k, replace=False)]


def sorted_by_id(lines):
    return sorted(lines, key=lambda ln: (ln["item"], ln["reviewer"]))


# ----------------------------------------------------------------------------------------------
# agreement statistics
# ----------------------------------------------------------------------------------------------

def reliability_matrix(lines: list[dict]):
    """(reviewers x units matrix, reviewers, units, numeric?) from the non-null judgments."""
    js = present(lines)
    reviewers = sorted({j["reviewer"] for j in js})
    units = sorted({j["item"] for j in js})
    ri = {r: i for i, r in enumerate(reviewers)}
    ui = {u: i for i, u in enumerate(units)}
    numeric = is_numeric([j["value"] for j in js])
    if numeric:
        data = np.full((len(reviewers), len(units)), np.nan, dtype=np.float64)
    else:
        data = np.full((len(reviewers), len(units)), "nan", dtype=object)
    seen = set()
    for j in js:
        key = (j["reviewer"], j["item"])
        assert key not in seen, f"duplicate judgment {key}"
        seen.add(key)
        data[ri[j["reviewer"]], ui[j["item"]]] = j["value"]
    if not numeric:
        data = data.astype(str)
    return data, reviewers, units, numeric


def value_counts(lines: list[dict], domain) -> np.ndarray:
    js = present(lines)
    units = sorted({j["item"] for j in js})
    ui = {u: i for i, u in enumerate(units)}
    vi = {v: i for i, v in enumerate(domain)}
    counts = np.zeros((len(units), len(domain)), dtype=np.int64)
    for j in js:
        counts[ui[j["item"]], vi[j["value"]]] += 1
    return counts


def call_alpha(**kw):
    try:
        return ("ok", float(krippendorff.alpha(**kw)))
    except Exception as e:  # noqa: BLE001  the exception is the expected result
        return ("error", f"{type(e).__name__}: {e}")


def alpha_expected(lines: list[dict], value_order: list[str] | None = None) -> dict:
    """{"alpha": {...}} or {"alphaError": "..."}; both krippendorff input paths must agree."""
    data, _, _, numeric = reliability_matrix(lines)
    if numeric:
        domain = sorted({float(j["value"]) for j in present(lines)})
        plans = [(lvl, domain) for lvl in LEVELS]
        key_domain = sorted({j["value"] for j in present(lines)})
    else:
        domain = sorted({j["value"] for j in present(lines)})
        plans = [("nominal", domain)]
        if value_order is not None:
            assert set(domain) <= set(value_order), "labels outside valueOrder"
            plans.append(("ordinal", list(value_order)))
        key_domain = None
    out, errors = {}, {}
    for level, dom in plans:
        a = call_alpha(reliability_data=data, level_of_measurement=level,
                       value_domain=np.asarray(dom))
        cdom = key_domain if (numeric and key_domain is not None) else dom
        counts = value_counts(lines, cdom)
        b = call_alpha(value_counts=counts, level_of_measurement=level,
                       value_domain=np.asarray(dom))
        assert a[0] == b[0], f"{level}: reliability_data gives {a}, value_counts gives {b}"
        if a[0] == "error":
            assert a[1] == b[1], f"{level}: different errors {a[1]!r} / {b[1]!r}"
            errors[level] = a[1]
        else:
            if math.isnan(a[1]) or math.isnan(b[1]):
                assert math.isnan(a[1]) and math.isnan(b[1]), f"{level}: {a[1]} vs {b[1]}"
            else:
                assert abs(a[1] - b[1]) <= TOL, f"{level}: {a[1]!r} vs {b[1]!r}"
            out[level] = num(a[1])
    if errors:
        assert not out and len(set(errors.values())) == 1, f"mixed alpha results {out} {errors}"
        return {"alphaError": next(iter(errors.values()))}
    return {"alpha": out}


def ratings_by_unit(lines: list[dict]) -> dict[str, list]:
    units: dict[str, list] = {}
    for j in sorted_by_id(present(lines)):
        units.setdefault(j["item"], []).append(j["value"])
    return units


def fleiss_applies(lines) -> bool:
    return len({len(v) for v in ratings_by_unit(lines).values()}) == 1


def fleiss_expected(lines: list[dict]) -> dict:
    units = ratings_by_unit(lines)
    sizes = {len(v) for v in units.values()}
    assert len(sizes) == 1, "Fleiss needs the same number of ratings per unit"
    x = np.array([units[u] for u in sorted(units)])
    table, _ = aggregate_raters(x)
    return {"fleissKappa": num(fleiss_kappa(table, method="fleiss"))}


def cohen_expected(lines: list[dict]) -> dict:
    js = present(lines)
    reviewers = sorted({j["reviewer"] for j in js})
    assert len(reviewers) == 2, "Cohen's kappa needs exactly two reviewers"
    r1, r2 = reviewers
    by = {(j["reviewer"], j["item"]): j["value"] for j in js}
    both = sorted({j["item"] for j in js if (r1, j["item"]) in by and (r2, j["item"]) in by})
    y1 = [by[(r1, i)] for i in both]
    y2 = [by[(r2, i)] for i in both]
    labels = sorted({j["value"] for j in js})
    li = {v: k for k, v in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for a, b in zip(y1, y2):
        table[li[a], li[b]] += 1
    sk, sm = {}, {}
    for name, w in (("unweighted", None), ("linear", "linear"), ("quadratic", "quadratic")):
        sk[name] = num(cohen_kappa_score(y1, y2, weights=w, labels=labels))
        sm[name] = num(cohens_kappa(table, wt=w).kappa)
    for name in sk:
        if sk[name] is None or sm[name] is None:
            assert sk[name] is None and sm[name] is None, f"cohen {name}: {sk} {sm}"
        else:
            assert abs(sk[name] - sm[name]) <= 1e-12, f"cohen {name}: {sk} {sm}"
    return {"cohenKappa": sk, "cohenKappaStatsmodels": sm}


ALPHA_CALL = ("krippendorff.alpha(reliability_data=R, level_of_measurement=level, value_domain=D); "
              "R = reviewers x units (sorted ids), np.nan / 'nan' for missing; D = sorted distinct "
              "values{order}; checked against krippendorff.alpha(value_counts=C, value_domain=D, "
              "level_of_measurement=level)")
FLEISS_CALL = ("statsmodels.stats.inter_rater.fleiss_kappa(aggregate_raters(X)[0], method='fleiss'); "
               "X = units x ratings")
COHEN_CALL = ("sklearn.metrics.cohen_kappa_score(y1, y2, weights=None|'linear'|'quadratic', "
              "labels=sorted distinct values) on items judged by both; "
              "statsmodels.stats.inter_rater.cohens_kappa(T, wt=None|'linear'|'quadratic').kappa")


def agreement_fixture(name, about, lines, *, alpha=True, fleiss=None, cohen=None,
                      value_order=None):
    expected, pkgs, calls = {}, [], []
    if alpha:
        expected.update(alpha_expected(lines, value_order))
        pkgs.append("krippendorff")
        calls.append(ALPHA_CALL.format(order=" (ordinal on labels: valueOrder)" if value_order else ""))
    if fleiss is None:
        fleiss = fleiss_applies(lines)
    if fleiss:
        expected.update(fleiss_expected(lines))
        pkgs.append("statsmodels")
        calls.append(FLEISS_CALL)
    if cohen is None:
        cohen = len({j["reviewer"] for j in present(lines)}) == 2
    if cohen:
        expected.update(cohen_expected(lines))
        pkgs += ["scikit-learn", "statsmodels"]
        calls.append(COHEN_CALL)
    pkgs = list(dict.fromkeys(pkgs))
    meta = {"name": name, "about": about, "judgments": f"{name}.jsonl"}
    if value_order is not None:
        meta["valueOrder"] = list(value_order)
    meta["reference"] = {"package": "; ".join(pkgs), "version": "; ".join(ver(p) for p in pkgs),
                         "call": "; ".join(calls)}
    meta["expected"] = expected
    return lines, meta


# ----------------------------------------------------------------------------------------------
# judgment generators
# ----------------------------------------------------------------------------------------------

def nominal_lines(seed, n_units, n_reviewers, labels, k_choices, k_probs, single_share,
                  item_fmt="u{:03d}", rev_fmt="r{:02d}"):
    """Bench-style nominal data: skewed true-class prior 0.5**c, reviewer accuracy ~ Beta(6, 2),
    a wrong answer uniform over the other labels; a share of units cut to one judgment."""
    rng = np.random.default_rng(seed)
    C = len(labels)
    prior = 0.5 ** np.arange(C)
    prior /= prior.sum()
    acc = rng.beta(6.0, 2.0, size=n_reviewers)
    lines = []
    for u in range(n_units):
        truth = int(rng.choice(C, p=prior))
        k = int(rng.choice(k_choices, p=k_probs))
        if rng.random() < single_share:
            k = 1
        for r in distinct(rng, n_reviewers, k):
            if rng.random() < acc[r]:
                v = truth
            else:
                v = (truth + int(rng.integers(1, C))) % C
            lines.append(judgment(item_fmt.format(u), rev_fmt.format(r), labels[v]))
    return lines


def scale_lines(seed, n_units, n_reviewers, lo, hi, step, k_choices, k_probs, as_float,
                item_fmt="u{:03d}", rev_fmt="r{:02d}"):
    """Rating-scale data: true score ~ U(lo, hi), reviewer bias ~ N(0, 0.35) and noise sd ~
    U(0.25, 1.1); the rating is the noisy score rounded to the grid and clipped to [lo, hi]."""
    rng = np.random.default_rng(seed)
    bias = rng.normal(0.0, 0.35, size=n_reviewers)
    sd = rng.uniform(0.25, 1.1, size=n_reviewers)
    lines = []
    for u in range(n_units):
        truth = rng.uniform(lo, hi)
        k = int(rng.choice(k_choices, p=k_probs))
        for r in distinct(rng, n_reviewers, k):
            x = truth + bias[r] + rng.normal(0.0, sd[r])
            g = min(max(round(x / step) * step, lo), hi)
            v = float(g) if as_float else int(round(g))
            lines.append(judgment(item_fmt.format(u), rev_fmt.format(r), v))
    return lines


# ----------------------------------------------------------------------------------------------
# agreement fixtures
# ----------------------------------------------------------------------------------------------

def fx_krippendorff_2011():
    rows = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    lines = []
    for u in range(12):
        for r in "ABCD":
            if rows[r][u] is not None:
                lines.append(judgment(f"u{u + 1:02d}", r, rows[r][u]))
    lines, meta = agreement_fixture(
        "alpha-krippendorff-2011",
        "The worked example of Krippendorff (2011) 'Computing Krippendorff's Alpha-Reliability': "
        "observers A-D code 12 units with values 1-5 and gaps; the published results are nominal "
        "0.743, ordinal 0.815, interval 0.849 and ratio 0.797.",
        lines, fleiss=False)
    published = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
    for level, want in published.items():
        got = meta["expected"]["alpha"][level]
        assert round(got, 3) == want, f"Krippendorff 2011 {level}: {got} does not round to {want}"
    return lines, meta


def fx_alpha_nominal_labels():
    lines = nominal_lines(101, 400, 12, [f"c{i}" for i in range(5)], [3, 4, 5], [0.3, 0.4, 0.3], 0.10)
    return agreement_fixture(
        "alpha-nominal-labels",
        "400 units judged by 3-5 of 12 reviewers with string labels c0..c4 (skewed prior, reviewer "
        "accuracy ~ Beta(6,2)), about 10% of the units cut to a single judgment; nominal alpha.",
        lines)


def int_ragged_lines(seed):
    return scale_lines(seed, 500, 15, 0, 4, 1, [1, 2, 3, 4, 5, 6],
                       [0.10, 0.15, 0.25, 0.25, 0.15, 0.10], as_float=False)


def fx_alpha_int_ragged():
    return agreement_fixture(
        "alpha-int-ragged",
        "500 units rated with integers 0..4 (JSON numbers) by 1-6 of 15 reviewers (biased, noisy "
        "raters), ragged with about 10% single-judgment units; alpha at all four levels with "
        "value_domain [0, 1, 2, 3, 4].",
        int_ragged_lines(102))


def fx_alpha_half_step():
    lines = scale_lines(103, 300, 10, 0.0, 5.0, 0.5, [2, 3, 4, 5], [0.2, 0.3, 0.3, 0.2], as_float=True)
    return agreement_fixture(
        "alpha-half-step",
        "300 units rated on the grid 0.0, 0.5, ..., 5.0 by 2-5 of 10 reviewers; alpha at all four "
        "levels with value_domain the sorted distinct values (0.0 occurs, so ratio's 0/0 pairs count "
        "as distance 0).",
        lines)


def fx_alpha_ordinal_labels():
    order = ["low", "mid", "high", "top"]
    ints = scale_lines(104, 250, 8, 0, 3, 1, [1, 2, 3, 4], [0.08, 0.32, 0.35, 0.25], as_float=False)
    lines = [judgment(j["item"], j["reviewer"], order[j["value"]]) for j in ints]
    return agreement_fixture(
        "alpha-ordinal-labels",
        "250 units rated low/mid/high/top by 1-4 of 8 reviewers; nominal alpha with the sorted labels "
        "as value_domain and ordinal alpha with value_domain = valueOrder.",
        lines, value_order=order)


def fx_alpha_nulls():
    lines = int_ragged_lines(105)
    rng = np.random.default_rng(1105)
    n_null = round(0.10 * len(lines))
    for i in sorted(rng.choice(len(lines), size=n_null, replace=False).tolist()):
        lines[i] = judgment(lines[i]["item"], lines[i]["reviewer"], None)
    lines, meta = agreement_fixture(
        "alpha-nulls",
        f"Like alpha-int-ragged (own seed) but {n_null} of the {len(lines)} lines (10%) have "
        "\"value\": null, which must be ignored (the figures are those of the file without them); "
        "alpha at all four levels.",
        lines)
    # the nulls must behave exactly like absent lines
    again = alpha_expected(present(lines))
    assert again == {k: meta["expected"][k] for k in again}, "nulls are not ignored"
    return lines, meta


def fx_kappa_two_raters():
    rng = np.random.default_rng(106)
    prior = np.array([0.2, 0.35, 0.3, 0.15])
    lines = []
    for i in range(250):
        t = int(rng.choice(4, p=prior)) + 1
        for r, (p_exact, p_near) in (("r1", (0.70, 0.22)), ("r2", (0.60, 0.28))):
            u = rng.random()
            if u < p_exact:
                v = t
            elif u < p_exact + p_near:
                v = t + (1 if rng.random() < 0.5 else -1)
                v = min(max(v, 1), 4)
            else:
                v = int(rng.integers(1, 5))
            lines.append(judgment(f"i{i:03d}", r, v))
    return agreement_fixture(
        "kappa-two-raters",
        "Reviewers r1 and r2 both rate 250 items on categories 1..4 (correlated: mostly exact, often "
        "one step off); alpha at four levels, Cohen's kappa from sklearn and from statsmodels "
        "(unweighted, linear, quadratic; both weight by category index distance, which equals the "
        "value distance here), and Fleiss' kappa (two ratings per item).",
        lines)


def fx_fleiss_six_raters():
    lines = nominal_lines(107, 150, 20, ["A", "B", "C", "D", "E"], [6], [1.0], 0.0)
    return agreement_fixture(
        "fleiss-six-raters",
        "150 units each rated by exactly 6 of 20 reviewers with labels A..E; Fleiss' kappa and "
        "nominal alpha.",
        lines)


def fx_edge_all_identical():
    lines = [judgment(f"e{i}", r, "yes") for i in range(1, 6) for r in ("r1", "r2")]
    return agreement_fixture(
        "edge-all-identical",
        "Two reviewers give \"yes\" to all 5 items: krippendorff raises (one value in the domain), "
        "Fleiss' kappa is 0/0 = NaN (null), and Cohen's kappa is NaN in both sklearn and statsmodels.",
        lines)


def fx_edge_single_unit_values():
    lines = [judgment("e1", "r1", "a"), judgment("e2", "r2", "b"),
             judgment("e3", "r3", "a"), judgment("e4", "r1", "c")]
    return agreement_fixture(
        "edge-single-unit-values",
        "Every unit has exactly one judgment: krippendorff raises (no unit with two coders) and "
        "Fleiss' kappa divides by n(n-1) = 0 and is NaN (null).",
        lines)


def fx_edge_two_values_one_unit():
    lines = [judgment("e1", "r1", "a"), judgment("e1", "r2", "b")]
    return agreement_fixture(
        "edge-two-values-one-unit",
        "A single unit with two different values: nominal alpha is 0 (observed = expected "
        "disagreement), Cohen's kappa is 0 in sklearn and statsmodels, and Fleiss' kappa is -1.",
        lines)


def fx_edge_pairable_identical():
    lines = [judgment("e1", "r1", "yes"), judgment("e1", "r2", "yes"), judgment("e2", "r1", "no")]
    return agreement_fixture(
        "edge-pairable-identical",
        "The only pairable unit agrees (yes, yes) while \"no\" occurs only in a single-judgment unit: "
        "the domain has two values but expected disagreement is 0, so krippendorff returns 0/0 = NaN "
        "(null) without raising, and Cohen's kappa on e1 (labels [no, yes]) is NaN as well.",
        lines)


# ----------------------------------------------------------------------------------------------
# Dawid-Skene fixtures
# ----------------------------------------------------------------------------------------------

def make_confusions(rng, R, K, mix):
    """conf[r, true, reported]: good (diag ~ Beta(12,2)), mediocre (Beta(4,3)), spammer (one
    Dirichlet(1) row for every true class), biased (diag ~ Beta(6,2), errors toward a pet class)."""
    kinds = rng.choice(4, size=R, p=np.asarray(mix) / np.sum(mix))
    conf = np.empty((R, K, K))
    for r in range(R):
        if kinds[r] == 2:
            conf[r] = rng.dirichlet(np.ones(K))[None, :]
            continue
        a, b = {0: (12, 2), 1: (4, 3), 3: (6, 2)}[int(kinds[r])]
        pet = int(rng.integers(K))
        for c in range(K):
            d = rng.beta(a, b)
            others = [j for j in range(K) if j != c]
            alpha_off = np.ones(K - 1)
            if kinds[r] == 3 and pet != c:
                alpha_off[others.index(pet)] = 20.0
            conf[r, c, c] = d
            conf[r, c, others] = rng.dirichlet(alpha_off) * (1.0 - d)
    return conf, kinds


def report(rng, row):
    return int(rng.choice(len(row), p=row / row.sum()))


def ds_small_lines():
    rng = np.random.default_rng(110)
    K, R, N = 4, 60, 1500
    prior = 0.6 ** np.arange(K)
    prior /= prior.sum()
    conf, _ = make_confusions(rng, R, K, [0.6, 0.25, 0.1, 0.05])
    lines = []
    for i in range(N):
        t = int(rng.choice(K, p=prior))
        for r in distinct(rng, R, 5):
            lines.append(judgment(f"t{i:04d}", f"w{r:02d}", f"c{report(rng, conf[r, t])}"))
    return lines


def ds_ragged_lines():
    rng = np.random.default_rng(111)
    labels = ["x", "y", "z"]
    K, R, N = 3, 24, 400           # w00..w23 label at random; w24 labels exactly one item
    prior = np.array([0.5, 0.3, 0.2])
    conf, _ = make_confusions(rng, R, K, [0.55, 0.25, 0.1, 0.1])
    # w03 never reports "z": its answers for every true class are renormalised over x and y
    conf[3, :, 2] = 0.0
    conf[3] /= conf[3].sum(axis=1, keepdims=True)
    lines = []
    single_done = False
    for i in range(N):
        t = int(rng.choice(K, p=prior))
        k = int(rng.choice([1, 2, 3, 4, 5, 6], p=[0.12, 0.18, 0.2, 0.2, 0.15, 0.15]))
        revs = distinct(rng, R, k)
        if not single_done and k == 3:
            revs.append(24)       # the reviewer who labels a single item (a good one)
            single_done = True
        for r in revs:
            if r == 24:
                v = t
            else:
                v = report(rng, conf[r, t])
            lines.append(judgment(f"q{i:03d}", f"w{r:02d}", labels[v]))
    assert single_done
    return lines


def tol_json(t: float):
    return "-inf" if t == -math.inf else t


def ds_fixture(name, about, lines, n_iter, tol):
    df = pd.DataFrame({"task": [j["item"] for j in lines], "worker": [j["reviewer"] for j in lines],
                       "label": [j["value"] for j in lines]})
    model = DawidSkene(n_iter=n_iter, tol=tol).fit(df)
    probas, errors = model.probas_, model.errors_
    labels = sorted(str(c) for c in probas.columns)
    ds = {
        "settings": {"nIter": n_iter, "tol": tol_json(tol)},
        "iterations": len(model.loss_history_),
        "lossHistory": [num(x) for x in model.loss_history_],
        "labels": {str(t): str(model.labels_[t]) for t in sorted(model.labels_.index)},
        "priors": {c: num(model.priors_[c]) for c in labels},
        "posteriors": {str(t): {c: num(probas.at[t, c]) for c in labels} for t in sorted(probas.index)},
        "errors": {},
    }
    for w in sorted({str(w) for w in errors.index.get_level_values("worker")}):
        sub = errors.xs(w, level="worker")
        observed = sorted(str(o) for o in sub.index)
        ds["errors"][w] = {true: {obs: num(sub.at[obs, true]) for obs in observed} for true in labels}
    tol_s = "float('-inf')" if tol == -math.inf else repr(tol)
    meta = {
        "name": name, "about": about, "judgments": f"{name}.jsonl",
        "reference": {
            "package": "crowd-kit", "version": ver("crowd-kit"),
            "call": (f"crowdkit.aggregation.DawidSkene(n_iter={n_iter}, tol={tol_s}).fit(df); "
                     "df = pandas.DataFrame(task=item, worker=reviewer, label=value) in line order; "
                     "errors[reviewer][true][observed] = errors_.loc[(reviewer, observed), true]; "
                     "posteriors = probas_; priors = priors_; labels = labels_; "
                     "lossHistory = loss_history_"),
        },
        "expected": {"dawidSkene": ds},
    }
    return lines, meta


DS_ERRORS_NOTE = ("errors[reviewer][trueLabel][observedLabel] is crowd-kit's "
                  "errors_.loc[(reviewer, observedLabel), trueLabel] = P(report observedLabel | true "
                  "trueLabel), absent for labels the reviewer never reported; posteriors are probas_ "
                  "as crowd-kit leaves them (clipped to >= 1e-10, not renormalised)")


def fx_ds_small():
    return ds_fixture(
        "ds-small",
        "1,500 items with 5 labels each from distinct reviewers out of 60 (4 classes c0..c3, prior "
        "~0.6^c, good/mediocre/spammer/biased confusion matrices) aggregated by crowd-kit's "
        f"DawidSkene with its defaults n_iter=100, tol=1e-5; {DS_ERRORS_NOTE}.",
        ds_small_lines(), 100, 1e-5)


def fx_ds_small_fixed():
    return ds_fixture(
        "ds-small-fixed",
        "The judgments of ds-small (same file content) aggregated by DawidSkene(n_iter=7, "
        f"tol=-inf), so exactly 7 EM iterations run; {DS_ERRORS_NOTE}.",
        ds_small_lines(), 7, -math.inf)


def fx_ds_ragged():
    lines, meta = ds_fixture(
        "ds-ragged",
        "400 items with 1-6 labels each from 25 reviewers (classes x, y, z); w24 labels a single item "
        "and w03 never reports z (so it has no errors row for observed z); DawidSkene defaults "
        f"n_iter=100, tol=1e-5; {DS_ERRORS_NOTE}.",
        ds_ragged_lines(), 100, 1e-5)
    counts = {}
    for j in lines:
        counts.setdefault(j["reviewer"], set()).add(j["value"])
    n_items = {}
    for j in lines:
        n_items[j["reviewer"]] = n_items.get(j["reviewer"], 0) + 1
    assert n_items["w24"] == 1 and "z" not in counts["w03"]
    assert {len(v) for v in ratings_by_unit(lines).values()} == {1, 2, 3, 4, 5, 6}
    return lines, meta


def fx_ds_tie_break():
    lines = [judgment("d1", "w1", "b"), judgment("d1", "w2", "a"),
             judgment("d2", "w1", "a"), judgment("d2", "w2", "b")]
    lines, meta = ds_fixture(
        "ds-tie-break",
        "Two items, each with one \"a\" and one \"b\" from w1 and w2 in mirrored order: every posterior "
        "is exactly 0.5 and crowd-kit's labels_ (pandas idxmax over its class columns, which are in "
        "order of first appearance in the data under pandas 3.1.1: b, a) picks \"b\" for both; "
        f"{DS_ERRORS_NOTE}.",
        lines, 100, 1e-5)
    ds = meta["expected"]["dawidSkene"]
    assert ds["labels"] == {"d1": "b", "d2": "b"}
    assert all(p == 0.5 for d in ds["posteriors"].values() for p in d.values())
    return lines, meta


# ----------------------------------------------------------------------------------------------
# Bradley-Terry fixtures
# ----------------------------------------------------------------------------------------------

def pair_line(item, reviewer, value, a, b):
    return {"item": item, "reviewer": reviewer, "value": value, "a": a, "b": b}


def bt_small_lines():
    lines = bt_model_lines(120, 25, 1200, 15)
    wins, losses = winners_losers(lines)
    assert len(wins) == 25 and len(losses) == 25, "every option must win and lose"
    return lines


def bt_frame(lines):
    return pd.DataFrame({
        "worker": [ln["reviewer"] for ln in lines],
        "left": [ln["a"] for ln in lines],
        "right": [ln["b"] for ln in lines],
        "label": [ln["a"] if ln["value"] == "a" else ln["b"] for ln in lines],
    })


def bt_fixture(name, about, lines, n_iter, tol):
    assert all(ln["value"] in ("a", "b") for ln in lines), "crowd-kit fixtures have no ties"
    df = bt_frame(lines)
    model = BradleyTerry(n_iter=n_iter, tol=tol).fit(df)
    scores = {str(k): num(v) for k, v in sorted(model.scores_.items())}
    assert abs(sum(scores.values()) - 1.0) < 1e-12
    tol_s = "float('-inf')" if tol == -math.inf else repr(tol)
    meta = {
        "name": name, "about": about, "judgments": f"{name}.jsonl",
        "reference": {
            "package": "crowd-kit", "version": ver("crowd-kit"),
            "call": (f"crowdkit.aggregation.BradleyTerry(n_iter={n_iter}, tol={tol_s}).fit(df); "
                     "df = pandas.DataFrame(worker=reviewer, left=a, right=b, label=winning option id); "
                     "scores = scores_; lossHistory = loss_history_"),
        },
        "expected": {"bradleyTerry": {"settings": {"nIter": n_iter, "tol": tol_json(tol)},
                                      "scores": scores,
                                      "lossHistory": [num(x) for x in model.loss_history_]}},
    }
    return lines, meta, model


def fx_bt_small():
    lines = bt_small_lines()
    lines, meta, model = bt_fixture(
        "bt-small",
        "25 options o00..o24, 1,200 comparisons (items p0000..p1199) by 15 reviewers, winners drawn "
        "from a true Bradley-Terry model; crowd-kit BradleyTerry(n_iter=100, tol=1e-5) (n_iter has no "
        "default in crowd-kit, tol=1e-5 is its default); crowd-kit exposes no iteration count and never "
        "fills loss_history_, and because p_old aliases p_new its convergence test sees a change of 0 "
        "at the second update, so these scores are those after exactly 2 MM updates from uniform "
        "scores (asserted against n_iter=2).",
        lines, 100, 1e-5)
    two = BradleyTerry(n_iter=2, tol=1e-5).fit(bt_frame(lines)).scores_
    assert np.array_equal(two.to_numpy(), model.scores_.to_numpy()), "crowd-kit BT no longer stops at 2"
    return lines, meta


def bt_model_lines(seed, n_opt, n_cmp, n_rev, sd=1.0):
    """Comparisons of distinct random pairs (a, b), winner from a true Bradley-Terry model with
    log-strengths ~ N(0, sd); item ids p0000.., reviewers r00.."""
    rng = np.random.default_rng(seed)
    strength = np.exp(rng.normal(0.0, sd, size=n_opt))
    lines = []
    for k in range(n_cmp):
        i, j = (int(x) for x in rng.choice(n_opt, size=2, replace=False))
        win_a = rng.random() < strength[i] / (strength[i] + strength[j])
        lines.append(pair_line(f"p{k:04d}", f"r{int(rng.integers(n_rev)):02d}", "a" if win_a else "b",
                               f"o{i:02d}", f"o{j:02d}"))
    return lines


def winners_losers(lines):
    wins = {ln["a"] if ln["value"] == "a" else ln["b"] for ln in lines}
    losses = {ln["b"] if ln["value"] == "a" else ln["a"] for ln in lines}
    return wins, losses


def fx_bt_fixed_iterations():
    lines = bt_model_lines(122, 10, 300, 8)
    wins, losses = winners_losers(lines)
    assert len(wins) == 10 and len(losses) == 10
    lines, meta, _ = bt_fixture(
        "bt-fixed-iterations",
        "10 options o00..o09, 300 comparisons by 8 reviewers from a true Bradley-Terry model, "
        "aggregated by crowd-kit BradleyTerry(n_iter=50, tol=-inf): exactly 50 MM updates "
        "p_i = W_i / sum_j N_ij/(p_i+p_j), each followed by normalisation to sum 1, from uniform "
        "scores (close to, but not yet at, the maximum-likelihood scores).",
        lines, 50, -math.inf)
    return lines, meta


def fx_bt_never_wins():
    lines = bt_model_lines(123, 6, 60, 4)
    # o05 loses every comparison it is in
    for k, ln in enumerate(lines):
        if "o05" in (ln["a"], ln["b"]):
            lines[k] = pair_line(ln["item"], ln["reviewer"], "b" if ln["a"] == "o05" else "a", ln["a"], ln["b"])
    wins, losses = winners_losers(lines)
    assert "o05" not in wins and "o05" in losses and len(wins) == 5 and len(losses) == 6
    lines, meta, _ = bt_fixture(
        "bt-never-wins",
        "6 options o00..o05 and 60 comparisons where o05 loses every comparison it is in; crowd-kit "
        "BradleyTerry(n_iter=100, tol=1e-5) gives it a score of exactly 0 (W = 0 in the MM update) and "
        "does not fail; as in bt-small it stops after 2 MM updates.",
        lines, 100, 1e-5)
    return lines, meta


def bt_ties_lines():
    rng = np.random.default_rng(121)
    n_opt, nu = 12, 0.4
    strength = np.exp(rng.normal(0.0, 0.8, size=n_opt))
    lines = []
    for k in range(600):
        i, j = (int(x) for x in rng.choice(n_opt, size=2, replace=False))
        pi, pj = strength[i], strength[j]
        t = nu * math.sqrt(pi * pj)
        d = pi + pj + t
        u = rng.random() * d
        value = "a" if u < pi else ("b" if u < pi + pj else "tie")
        lines.append(pair_line(f"p{k:04d}", f"r{int(rng.integers(10)):02d}", value,
                               f"o{i:02d}", f"o{j:02d}"))
    return lines


def davidson_fit(lines):
    options = sorted({ln["a"] for ln in lines} | {ln["b"] for ln in lines})
    oi = {o: k for k, o in enumerate(options)}
    n = len(options)
    a = np.array([oi[ln["a"]] for ln in lines])
    b = np.array([oi[ln["b"]] for ln in lines])
    kind = np.array([{"a": 0, "b": 1, "tie": 2}[ln["value"]] for ln in lines])
    win_a, win_b, tie = (kind == 0), (kind == 1), (kind == 2)

    def unpack(x):
        th = np.concatenate(([0.0], x[: n - 1]))
        return th, x[n - 1]

    def loglik_grad(x):
        th, lnu = unpack(x)
        ta, tb = th[a], th[b]
        sa, sb = np.exp(ta), np.exp(tb)
        g = np.exp(lnu + 0.5 * (ta + tb))
        d = sa + sb + g
        ll = (np.where(win_a, ta, 0.0) + np.where(win_b, tb, 0.0)
              + np.where(tie, lnu + 0.5 * (ta + tb), 0.0) - np.log(d))
        # derivatives of each term with respect to theta_a, theta_b and log nu
        da = np.where(win_a, 1.0, 0.0) + np.where(tie, 0.5, 0.0) - (sa + 0.5 * g) / d
        db = np.where(win_b, 1.0, 0.0) + np.where(tie, 0.5, 0.0) - (sb + 0.5 * g) / d
        dnu = np.where(tie, 1.0, 0.0) - g / d
        gth = np.bincount(a, weights=da, minlength=n) + np.bincount(b, weights=db, minlength=n)
        return math.fsum(ll), np.concatenate((gth[1:], [math.fsum(dnu)]))

    def f(x):
        ll, g = loglik_grad(x)
        return -ll, -g

    def hess(x):
        """Hessian of the negative log-likelihood: only the -log D terms have curvature."""
        th, lnu = unpack(x)
        ta, tb = th[a], th[b]
        sa, sb = np.exp(ta), np.exp(tb)
        g = np.exp(lnu + 0.5 * (ta + tb))
        d = sa + sb + g
        d1 = np.stack([sa + 0.5 * g, sb + 0.5 * g, g], axis=1)             # dD/d(ta, tb, lnu)
        d2 = np.empty((len(d), 3, 3))                                      # d2D
        d2[:, 0, 0], d2[:, 1, 1], d2[:, 2, 2] = sa + 0.25 * g, sb + 0.25 * g, g
        d2[:, 0, 1] = d2[:, 1, 0] = 0.25 * g
        d2[:, 0, 2] = d2[:, 2, 0] = d2[:, 1, 2] = d2[:, 2, 1] = 0.5 * g
        h_logd = d2 / d[:, None, None] - d1[:, :, None] * d1[:, None, :] / (d * d)[:, None, None]
        full = np.zeros((n + 1, n + 1))                                   # theta_0..theta_{n-1}, lnu
        idx = np.stack([a, b, np.full(len(a), n)], axis=1)
        for r in range(3):
            for c in range(3):
                np.add.at(full, (idx[:, r], idx[:, c]), h_logd[:, r, c])
        return full[1:, 1:]

    x0 = np.zeros(n)
    res0 = scipy.optimize.minimize(f, x0, jac=True, method="BFGS",
                                   options={"gtol": 1e-12, "maxiter": 10000})
    # BFGS stops on precision loss (|grad| ~ 1e-8): past that point the objective can no longer
    # show an improvement.  Newton steps on the gradient itself (root of the score equations,
    # analytic Hessian) do not depend on the objective's rounding and take |grad| to ~1e-13.
    x = res0.x.copy()
    for _ in range(20):
        g = f(x)[1]
        if np.max(np.abs(g)) < 1e-12:
            break
        x = x - np.linalg.solve(hess(x), g)
    res = scipy.optimize.OptimizeResult(x=x, bfgs=res0)
    if not np.all(np.linalg.eigvalsh(hess(res.x)) > 0):
        raise AssertionError("Davidson fit: Hessian not positive definite at the optimum")
    ll, grad = loglik_grad(res.x)
    gnorm = float(np.max(np.abs(grad)))
    th, lnu = unpack(res.x)
    p = np.exp(th)
    scores = p / p.sum()
    return options, scores, math.exp(lnu), ll, gnorm, res


def fx_bt_ties():
    lines = bt_ties_lines()
    options, scores, nu, ll, gnorm, res = davidson_fit(lines)
    assert gnorm < 1e-12, f"Davidson fit did not converge: |grad|_inf = {gnorm}"
    n_ties = sum(ln["value"] == "tie" for ln in lines)
    about = (f"12 options o00..o11, 600 comparisons with {n_ties} ties ({100 * n_ties / 600:.1f}%) drawn "
             "from Davidson's (1970) model; the maximum-likelihood scores (normalised to sum 1), tie "
             "parameter nu and log-likelihood, from BFGS on (log p, log nu) with an analytic gradient "
             "polished by Newton steps with the analytic Hessian; the log-likelihood gradient's "
             f"max-norm at the optimum is {gnorm:.1e} (asserted < 1e-12).")
    meta = {
        "name": "bt-ties", "about": about, "judgments": "bt-ties.jsonl",
        "reference": {
            "package": "scipy", "version": ver("scipy"),
            "call": ("scipy.optimize.minimize(negloglik_and_grad, x0=zeros(12), jac=True, method='BFGS', "
                     "options={'gtol': 1e-12, 'maxiter': 10000}), then Newton steps x -= solve(H(x), grad(x)) "
                     "with the analytic Hessian until max|grad| < 1e-12; x = (log p_1..log p_11, log nu), "
                     "log p_0 = 0; P(a beats b) = p_a/(p_a+p_b+nu*sqrt(p_a*p_b)), "
                     "P(tie) = nu*sqrt(p_a*p_b)/(same); scores = p/sum(p)"),
        },
        "expected": {"bradleyTerryTies": {
            "scores": {o: num(s) for o, s in zip(options, scores)},
            "tieParameter": num(nu),
            "logLikelihood": num(ll),
        }},
    }
    return lines, meta


FIXTURES = [
    fx_krippendorff_2011, fx_alpha_nominal_labels, fx_alpha_int_ragged, fx_alpha_half_step,
    fx_alpha_ordinal_labels, fx_alpha_nulls, fx_kappa_two_raters, fx_fleiss_six_raters,
    fx_edge_all_identical, fx_edge_single_unit_values, fx_edge_two_values_one_unit,
    fx_edge_pairable_identical, fx_ds_small, fx_ds_small_fixed, fx_ds_ragged, fx_ds_tie_break,
    fx_bt_small, fx_bt_fixed_iterations, fx_bt_never_wins, fx_bt_ties,
]


# ----------------------------------------------------------------------------------------------
# writing and checking
# ----------------------------------------------------------------------------------------------

def dumps(obj, depth=0, pretty_depth=4) -> str:
    """JSON with one key per line down to pretty_depth, compact (one line) below it."""
    if depth >= pretty_depth or not isinstance(obj, (dict, list)) or not obj:
        return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(obj, dict):
        items = [f"{inner}{json.dumps(k)}: {dumps(v, depth + 1, pretty_depth)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if all(not isinstance(v, (dict, list)) for v in obj):
        return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    items = [f"{inner}{dumps(v, depth + 1, pretty_depth)}" for v in obj]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def write_fixture(outdir: Path, lines, meta):
    name = meta["name"]
    with open(outdir / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for ln in lines:
            f.write(json.dumps(ln, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n")
    with open(outdir / f"{name}.json", "w", encoding="utf-8", newline="\n") as f:
        f.write(dumps(meta) + "\n")


def check_versions():
    bad = [f"{p} {ver(p)} (pinned {want})" for p, want in PINS.items() if ver(p) != want]
    if bad:
        print("warning: not the pinned reference versions: " + ", ".join(bad), file=sys.stderr)


def generate(outdir: Path) -> list[str]:
    check_versions()
    outdir.mkdir(parents=True, exist_ok=True)
    names = []
    for fx in FIXTURES:
        lines, meta = fx()
        write_fixture(outdir, lines, meta)
        names.append(meta["name"])
    return names


def compare(a, b, path, diffs, notes=None):
    if notes is not None and path.endswith(".about") and isinstance(a, str) and isinstance(b, str):
        if a != b:   # prose (it may quote a gradient norm): reported, not counted as a difference
            notes.append(f"{path}: the description differs (committed {a!r}, regenerated {b!r})")
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                diffs.append(f"{path}.{k}: missing in the committed fixture")
            elif k not in b:
                diffs.append(f"{path}.{k}: missing in the regenerated fixture")
            else:
                compare(a[k], b[k], f"{path}.{k}", diffs, notes)
        if list(a) != list(b) and set(a) == set(b):
            diffs.append(f"{path}: key order differs")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            diffs.append(f"{path}: {len(a)} entries committed, {len(b)} regenerated")
        for i, (x, y) in enumerate(zip(a, b)):
            compare(x, y, f"{path}[{i}]", diffs, notes)
    elif (isinstance(a, float) or isinstance(b, float)) and not isinstance(a, (bool, str)) \
            and not isinstance(b, (bool, str)) and a is not None and b is not None:
        if not abs(float(a) - float(b)) <= TOL:
            diffs.append(f"{path}: committed {a!r}, regenerated {b!r} (|diff| {abs(float(a) - float(b)):.3g})")
    elif type(a) is not type(b) or a != b:
        diffs.append(f"{path}: committed {a!r}, regenerated {b!r}")


def check(committed: Path) -> int:
    diffs, notes = [], []
    with tempfile.TemporaryDirectory(prefix="signal-oracles-") as tmp:
        fresh = Path(tmp)
        names = generate(fresh)
        want = {f for n in names for f in (f"{n}.json", f"{n}.jsonl")}
        have = {p.name for p in committed.glob("*.json*")} if committed.is_dir() else set()
        for extra in sorted(have - want):
            diffs.append(f"{extra}: committed but not produced by the script")
        for n in names:
            for suffix in (".jsonl", ".json"):
                f = f"{n}{suffix}"
                if f not in have:
                    diffs.append(f"{f}: not committed")
            if f"{n}.jsonl" in have:
                old = (committed / f"{n}.jsonl").read_bytes()
                new = (fresh / f"{n}.jsonl").read_bytes()
                if old != new:
                    ol, nl = old.splitlines(), new.splitlines()
                    first = next((i for i, (x, y) in enumerate(zip(ol, nl)) if x != y), min(len(ol), len(nl)))
                    diffs.append(f"{n}.jsonl: differs (committed {len(ol)} lines, regenerated {len(nl)}; "
                                 f"first difference at line {first + 1})")
            if f"{n}.json" in have:
                with open(committed / f"{n}.json", encoding="utf-8") as fh:
                    old = json.load(fh)
                with open(fresh / f"{n}.json", encoding="utf-8") as fh:
                    new = json.load(fh)
                compare(old, new, n, diffs, notes)
    for d in notes:
        print("note:", d)
    for d in diffs:
        print(d)
    if diffs:
        print(f"{len(diffs)} difference(s)")
        return 1
    print(f"all {len(names)} fixtures match ({2 * len(names)} files, numbers within {TOL:g})")
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    g = sub.add_parser("generate", help="write every fixture")
    g.add_argument("outdir", nargs="?", default=str(DEFAULT_OUT))
    c = sub.add_parser("check", help="regenerate into a temp dir and compare with the committed fixtures")
    c.add_argument("fixtures", nargs="?", default=str(DEFAULT_OUT))
    a = p.parse_args(argv)
    if a.mode == "generate":
        out = Path(a.outdir)
        names = generate(out)
        total = sum((out / f).stat().st_size for n in names for f in (f"{n}.json", f"{n}.jsonl"))
        print(f"wrote {len(names)} fixtures ({2 * len(names)} files, {total:,} bytes) to {out}")
        return 0
    return check(Path(a.fixtures))


if __name__ == "__main__":
    sys.exit(main())
