"""The INTENDED judgment set behind every real export fixture.

Single source of truth: the Label Studio and Argilla generators push these
values through the real tools, and expected.py computes the reference numbers
from them (never from the exported files).

12 items, 4 annotators (ann1..ann4) plus one expert (lead) who writes gold.
"""

ANNOTATORS = ["ann1", "ann2", "ann3", "ann4"]
LEAD = "lead"
EMAIL = {u: f"{u}@wagefile.test" for u in ANNOTATORS + [LEAD]}

QUALITY = ["good", "ok", "bad"]
TOPICS = [["Science", "Physics"], ["Science", "Biology"], ["Politics"], ["Sports"]]

TEXTS = [
    "The new telescope resolved two distant galaxies merging.",
    "Parliament passed the budget after a late-night session.",
    "The home team won in extra time after a penalty.",
    "Researchers sequenced the genome of a rare orchid.",
    "A spokesperson declined to comment on the rumours.",
    "Quantum sensors may improve GPS-free navigation.",
    "The minister resigned over the procurement scandal.",
    "Cells under stress release signalling proteins.",
    "The marathon record fell by eleven seconds.",
    "A committee will review the voting-age proposal.",
    "Dark-matter detectors saw no signal this year.",
    "The coach was fined for criticising the referee.",
]
TASK_TOPIC = [0, 2, 3, 1, 2, 0, 2, 1, 3, 2, 0, 3]  # index into TOPICS (the "true" topic)


def task_data(i):
    """Task data for item i (0-based). Pairwise options are named by data keys."""
    return {
        "item_key": f"item-{i + 1:02d}",
        "text": TEXTS[i],
        "response_a": f"Summary A of item {i + 1}: {TEXTS[i].split(' ')[1]} ...",
        "response_b": f"Summary B of item {i + 1}: short.",
    }


# Per item, per annotator (ann1..ann4): (quality, stars, pref, topic_index, comment)
# pref: "a" = response_a wins (Label Studio "left"), "b" = response_b wins ("right").
# None = the annotator has no annotation on that item.
# "CANCEL" = the annotator skipped the task (Label Studio was_cancelled / Argilla discarded).
J = {
    1: [("good", 5, "a", 0, None), ("good", 4, "a", 0, None), ("good", 5, "a", 0, None), ("ok", 3, "b", 0, "fine")],
    2: [("bad", 1, "b", 2, "off-topic"), ("bad", 2, "b", 2, None), ("ok", 2, "b", 2, None), ("bad", 1, "b", 2, None)],
    3: [("ok", 3, "a", 3, None), ("ok", 3, "b", 3, None), ("ok", 3, "a", 3, None), ("ok", 4, "a", 3, None)],
    4: [("good", 4, "a", 1, None), ("ok", 3, "a", 1, None), ("good", 5, "a", 1, None), ("good", 4, "a", 0, None)],
    5: [("bad", 1, "b", 2, None), ("bad", 1, "b", 2, None), ("bad", 2, "a", 2, None), ("bad", 1, "b", 2, None)],
    6: [("ok", 3, "a", 0, None), ("good", 4, "a", 0, None), ("ok", 3, "b", 0, None), ("bad", 2, "a", 1, None)],
    7: [("good", 5, "b", 2, None), ("good", 4, "b", 2, None), ("good", 5, "b", 2, None), "CANCEL"],
    8: [("bad", 2, "a", 1, 'Too long, "rambling"\nsecond line; tab\there'), ("ok", 3, "a", 1, None), ("bad", 2, "a", 1, None), ("bad", 1, "a", 1, None)],
    9: [("good", 4, "b", 3, None), ("good", 5, "a", 3, None), ("ok", 3, "b", 3, None), ("good", 4, "b", 3, None)],
    10: [("ok", 3, "a", 2, None), ("ok", 3, "a", 2, None), ("bad", 2, "a", 2, "unclear"), ("ok", 3, "b", 2, None)],
    11: [("good", 5, "b", 0, None), ("good", 5, "b", 0, None), ("good", 4, "b", 0, None), ("good", 5, "b", 0, None)],
    12: [("bad", 2, "a", 3, None), ("bad", 1, "a", 3, None), None, ("bad", 2, "a", 3, None)],
}

# Expert gold on items 1-3, written by LEAD *before* anyone else (first annotation in the task).
GOLD_LEAD = {
    1: ("good", 5, "a", 0, None),
    2: ("bad", 1, "b", 2, None),
    3: ("ok", 3, "a", 3, None),
}
# In Label Studio additionally ann1's own annotation on item 4 is flagged ground_truth
# afterwards (so that gold is NOT first in its task). Argilla has no ground truth.
GOLD_FLAGGED = {(4, "ann1")}

# Drafts (never submitted): ann3 on item 12. Label Studio: a task draft; Argilla: a "draft" response.
DRAFTS = {(12, "ann3"): ("bad", 2, "a", 3, None)}

# Lead time (seconds) per annotation, deterministic.
def lead_time(item, who):
    k = (ANNOTATORS + [LEAD]).index(who)
    return round(4.5 + 3.25 * k + 1.5 * item, 3)


def topic_path(idx):
    return TOPICS[idx]


def topic_key(idx):
    return "/".join(TOPICS[idx])

# Argilla only: ann4's discarded response on item 7 keeps the one value filled before discarding
# (the server stores values on discarded responses). Label Studio's skipped annotation has result [].
ARGILLA_DISCARDED_VALUES = {(7, "ann4"): {"quality": "ok"}}
