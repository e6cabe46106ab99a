"""Push the judgment set through the REAL Argilla 2.x SDK and server; save the SDK's own export files.

Usage (from the repo root):
    ARGILLA_SERVER_PYTHON=/tmp/argilla-server-venv/bin/python \
    /tmp/argilla-venv/bin/python scripts/real-exports/argilla_generate.py Tests/SignalTests/Fixtures/real-exports/argilla

Server: the real argilla-server from PyPI (SQLite + a local redis-server from Debian), with only its
search engine replaced by a no-op (argilla_server_nullsearch.py) because Elasticsearch/OpenSearch are
not installable here. Files are written by the SDK: records.to_json(), dataset.to_disk(),
records.to_list(flatten=...) (dumped with json.dump), records.to_datasets() -> to_json/to_parquet/save_to_disk.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
import judgments as J  # noqa: E402

PORT = 6901
REDIS_PORT = 6390
API_URL = f"http://127.0.0.1:{PORT}"
OWNER_KEY = "wagefile.owner.apikey"
PASSWORD = "wagefile-pass-123"
SERVER_PY = os.environ.get("ARGILLA_SERVER_PYTHON", "/tmp/argilla-server-venv/bin/python")
HERE = Path(__file__).parent


def start_services(home):
    env = dict(os.environ, ARGILLA_HOME_PATH=str(home), ARGILLA_ENABLE_TELEMETRY="0",
               ARGILLA_REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0", HF_HUB_DISABLE_TELEMETRY="1")
    redis = subprocess.Popen(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=open(home / "redis.log", "w"), stderr=subprocess.STDOUT)
    subprocess.run([SERVER_PY, "-m", "argilla_server", "database", "migrate"], env=env, check=True,
                   capture_output=True)
    subprocess.run([SERVER_PY, "-m", "argilla_server", "database", "users", "create", "--username", "owner",
                    "--role", "owner", "--password", PASSWORD, "--api-key", OWNER_KEY, "--first-name", "Owen",
                    "--workspace", "wagefile"], env=env, check=True, capture_output=True)
    server = subprocess.Popen([SERVER_PY, str(HERE / "argilla_server_nullsearch.py"), str(PORT)], env=env,
                              stdout=open(home / "server.log", "w"), stderr=subprocess.STDOUT)
    for _ in range(120):
        if server.poll() is not None:
            raise RuntimeError("argilla-server exited: " + (home / "server.log").read_text()[-2000:])
        try:
            if httpx.get(API_URL + "/api/v1/status", timeout=2).status_code in (200, 401):
                return [server, redis]
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError("argilla-server did not come up")


def build(out):
    import argilla as rg

    client = rg.Argilla(api_url=API_URL, api_key=OWNER_KEY)
    ws = client.workspaces("wagefile")
    users = {}
    for i, u in enumerate(J.ANNOTATORS):
        user = rg.User(username=u, first_name=f"Ann{i + 1}", last_name="Tator", role="annotator",
                       password=PASSWORD, client=client).create()
        ws.add_user(user)
        users[u] = user.id

    settings = rg.Settings(
        fields=[rg.TextField(name="text"), rg.TextField(name="response_a", title="Response A"),
                rg.TextField(name="response_b", title="Response B")],
        questions=[
            rg.LabelQuestion(name="quality", labels=J.QUALITY),
            rg.RatingQuestion(name="stars", values=[1, 2, 3, 4, 5]),
            rg.MultiLabelQuestion(name="topic", labels=[J.topic_key(i) for i in range(len(J.TOPICS))]),
            rg.LabelQuestion(name="pref", title="Which response is better?", labels=["response_a", "response_b"]),
            rg.RankingQuestion(name="ranking", values=["response_a", "response_b"], required=False),
            rg.TextQuestion(name="comment", required=False),
        ],
        distribution=rg.TaskDistribution(min_submitted=1),
    )
    ds = rg.Dataset(name="wagefile-real-export", workspace=ws, settings=settings, client=client).create()

    def responses_for(tup, uid, status):
        quality, stars, pref, topic, comment = tup
        winner = "response_a" if pref == "a" else "response_b"
        loser = "response_b" if pref == "a" else "response_a"
        rs = [rg.Response("quality", quality, user_id=uid, status=status),
              rg.Response("stars", stars, user_id=uid, status=status),
              rg.Response("topic", [J.topic_key(topic)], user_id=uid, status=status),
              rg.Response("pref", winner, user_id=uid, status=status),
              # SDK 2.8 turns a plain list into [{"value": v}] without "rank", which server 2.8 rejects
              # (422 "[None] are not valid ranks"); so ranks are given explicitly.
              rg.Response("ranking", [{"value": winner, "rank": 1}, {"value": loser, "rank": 2}],
                          user_id=uid, status=status)]
        if comment is not None:
            rs.append(rg.Response("comment", comment, user_id=uid, status=status))
        return rs

    records = []
    for item, row in J.J.items():
        data = J.task_data(item - 1)
        resp = []
        for who, tup in zip(J.ANNOTATORS, row):
            if tup is None:
                continue
            if tup == "CANCEL":
                partial = J.ARGILLA_DISCARDED_VALUES.get((item, who), {"quality": None})
                for q, v in partial.items():
                    resp.append(rg.Response(q, v, user_id=users[who], status="discarded"))
            else:
                resp.extend(responses_for(tup, users[who], "submitted"))
        for (ditem, who), tup in J.DRAFTS.items():
            if ditem == item:
                resp.extend(responses_for(tup, users[who], "draft"))
        sugg = []
        if item in J.GOLD_LEAD:  # Argilla has no ground truth; the lead's gold rides along as suggestions
            g = J.GOLD_LEAD[item]
            sugg = [rg.Suggestion("quality", g[0], agent="lead-gold"),
                    rg.Suggestion("stars", g[1], agent="lead-gold", score=1.0)]
        records.append(rg.Record(id=data["item_key"],
                                 fields={k: data[k] for k in ("text", "response_a", "response_b")},
                                 responses=resp, suggestions=sugg))
    ds.records.log(records)

    # ---- the SDK writes every file below ----
    for old in ("records.json", "hf-records.jsonl", "hf-records.parquet"):
        (out / old).unlink(missing_ok=True)  # to_json() refuses to overwrite
    ds.records.to_json(out / "records.json")
    disk = out / "dataset-to-disk"
    shutil.rmtree(disk, ignore_errors=True)
    disk.mkdir()  # to_disk() requires an existing directory
    ds.to_disk(str(disk))
    with open(out / "records-to-list-flatten.json", "w") as f:
        json.dump(ds.records.to_list(flatten=True), f, indent=2, default=str, ensure_ascii=False)
    with open(out / "records-to-list-nested.json", "w") as f:
        json.dump(ds.records.to_list(flatten=False), f, indent=2, default=str, ensure_ascii=False)
    hf = ds.records.to_datasets()
    hf.to_json(str(out / "hf-records.jsonl"))
    hf.to_parquet(str(out / "hf-records.parquet"))
    save = out / "hf-save-to-disk"
    shutil.rmtree(save, ignore_errors=True)
    hf.save_to_disk(str(save))
    (out / "_ids.json").write_text(json.dumps({"user_ids": {k: str(v) for k, v in users.items()},
                                               "dataset_id": str(ds.id)}, indent=2) + "\n")
    (out / "_hf_features.txt").write_text(repr(hf.features) + "\n")
    print("argilla", rg.__version__, "records", len(records))


def main(out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="argilla-home-"))
    procs = start_services(home)
    try:
        build(out)
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        print("server log:", home / "server.log")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Tests/SignalTests/Fixtures/real-exports/argilla")
