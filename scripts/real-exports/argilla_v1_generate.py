"""Push the judgment set through the REAL Argilla 1.x SDK (local FeedbackDataset, no server) and save the
SDK's own Hugging Face export.

Usage (from the repo root):
    python3.11 -m venv /tmp/argilla1-venv
    /tmp/argilla1-venv/bin/pip install -r scripts/real-exports/requirements-argilla-v1.txt
    /tmp/argilla1-venv/bin/python scripts/real-exports/argilla_v1_generate.py \
        Tests/SignalTests/Fixtures/real-exports/argilla-v1

Argilla 1.x lets a FeedbackDataset live in memory without a server; `ds.format_as("datasets")` is the
same serialiser (`HuggingFaceDatasetMixin._huggingface_format`) that `push_to_huggingface` uses, so the
file written here has the shape of an Argilla 1.x dataset on the Hugging Face Hub. The file is written by
HF `datasets`' own `Dataset.to_json()`.

Same judgment set as argilla_generate.py (2.x): submitted responses per judgments.J, ann4's item-7
response `discarded` keeping `quality: "ok"`, ann3's item-12 response `draft`, the lead's gold for items
1-3 as `quality`/`stars` suggestions with agent "lead-gold". Not included (unlike 2.x): the `ranking`
question. In 1.x one record holds ONE response per user carrying all of that user's values.
"""
import json
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import judgments as J  # noqa: E402

# Fixed, reproducible user ids (uuid5 of the annotator's e-mail in the URL namespace).
USER_IDS = {u: str(uuid.uuid5(uuid.NAMESPACE_URL, "mailto:" + J.EMAIL[u])) for u in J.ANNOTATORS}


def values_for(tup):
    quality, stars, pref, topic, comment = tup
    v = {"quality": {"value": quality},
         "stars": {"value": stars},
         "topic": {"value": [J.topic_key(topic)]},
         "pref": {"value": "response_a" if pref == "a" else "response_b"}}
    if comment is not None:
        v["comment"] = {"value": comment}
    return v


def build():
    import argilla as rg

    ds = rg.FeedbackDataset(
        fields=[rg.TextField(name="text"), rg.TextField(name="response_a", title="Response A"),
                rg.TextField(name="response_b", title="Response B")],
        questions=[
            rg.LabelQuestion(name="quality", labels=J.QUALITY),
            rg.RatingQuestion(name="stars", values=[1, 2, 3, 4, 5]),
            rg.MultiLabelQuestion(name="topic", labels=[J.topic_key(i) for i in range(len(J.TOPICS))]),
            rg.LabelQuestion(name="pref", title="Which response is better?", labels=["response_a", "response_b"]),
            rg.TextQuestion(name="comment", required=False),
        ],
    )
    records = []
    for item, row in J.J.items():
        data = J.task_data(item - 1)
        resp = []
        for who, tup in zip(J.ANNOTATORS, row):
            if tup is None:
                continue
            if tup == "CANCEL":
                partial = J.ARGILLA_DISCARDED_VALUES.get((item, who), {})
                resp.append({"user_id": USER_IDS[who], "status": "discarded",
                             "values": {q: {"value": v} for q, v in partial.items()}})
            else:
                resp.append({"user_id": USER_IDS[who], "status": "submitted", "values": values_for(tup)})
        for (ditem, who), tup in J.DRAFTS.items():
            if ditem == item:
                resp.append({"user_id": USER_IDS[who], "status": "draft", "values": values_for(tup)})
        sugg = []
        if item in J.GOLD_LEAD:  # Argilla has no ground truth; the lead's gold rides along as suggestions
            g = J.GOLD_LEAD[item]
            sugg = [{"question_name": "quality", "value": g[0], "agent": "lead-gold"},
                    {"question_name": "stars", "value": g[1], "agent": "lead-gold", "score": 1.0}]
        records.append(rg.FeedbackRecord(fields={k: data[k] for k in ("text", "response_a", "response_b")},
                                         responses=resp, suggestions=sugg, external_id=data["item_key"]))
    ds.add_records(records)
    return ds


def main(out_dir):
    import argilla as rg
    import datasets

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ds = build()
    hf = ds.format_as("datasets")  # the SDK's own serialiser (same as push_to_huggingface)
    hf.to_json(str(out / "hf-v1-records.jsonl"))  # HF datasets' writer
    (out / "_ids.json").write_text(json.dumps({"user_ids": USER_IDS}, indent=2) + "\n")
    (out / "_hf_features.txt").write_text(repr(hf.features) + "\n")
    print("argilla", rg.__version__, "datasets", datasets.__version__, "records", len(ds.records),
          "columns", hf.column_names)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Tests/SignalTests/Fixtures/real-exports/argilla-v1")
