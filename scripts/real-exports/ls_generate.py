"""Drive a REAL Label Studio server and save every export exactly as downloaded.

Usage (from the repo root, with the venv from requirements-label-studio.txt):
    /tmp/ls-venv/bin/python scripts/real-exports/ls_generate.py Tests/SignalTests/Fixtures/real-exports/label-studio

Starts `label-studio start --no-browser` on 127.0.0.1:8089 with a fresh SQLite data dir under /tmp,
creates users through the API (tokens read back through the `label-studio user` CLI), creates the project,
imports tasks, posts annotations AS EACH USER with that user's own token, flags ground truth, skips one task,
saves a draft, then downloads JSON, JSON_MIN, CSV, TSV (GET /api/projects/{id}/export) and snapshot exports
(POST /api/projects/{id}/exports/ -> GET .../download, plus .../convert for JSON_MIN/CSV).
"""
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))
import judgments as J  # noqa: E402

PORT = 8089
BASE = f"http://127.0.0.1:{PORT}"
ADMIN_TOKEN = "wagefile-admin-token-0001"
PASSWORD = "wagefile-pass-123"
VENV_BIN = Path(sys.executable).parent

LABEL_CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="quality" toName="text" choice="single" showInline="true">
    <Choice value="good"/>
    <Choice value="ok"/>
    <Choice value="bad"/>
  </Choices>
  <Rating name="stars" toName="text" maxRating="5"/>
  <Taxonomy name="topic" toName="text">
    <Choice value="Science">
      <Choice value="Physics"/>
      <Choice value="Biology"/>
    </Choice>
    <Choice value="Politics"/>
    <Choice value="Sports"/>
  </Taxonomy>
  <TextArea name="comment" toName="text" maxSubmissions="1"/>
  <Header value="Which summary is better?"/>
  <Text name="response_a" value="$response_a"/>
  <Text name="response_b" value="$response_b"/>
  <Pairwise name="pref" toName="response_a,response_b"/>
</View>
"""


def result_for(tup, item, who):
    """Result items shaped as the Label Studio frontend writes them for each tag."""
    quality, stars, pref, topic, comment = tup
    rid = lambda ctl: f"{ctl[:3]}{item:02d}{who}"  # noqa: E731 - stable region ids
    res = [
        {"id": rid("quality"), "from_name": "quality", "to_name": "text", "type": "choices",
         "origin": "manual", "value": {"choices": [quality]}},
        {"id": rid("stars"), "from_name": "stars", "to_name": "text", "type": "rating",
         "origin": "manual", "value": {"rating": stars}},
        {"id": rid("topic"), "from_name": "topic", "to_name": "text", "type": "taxonomy",
         "origin": "manual", "value": {"taxonomy": [J.topic_path(topic)]}},
        {"id": rid("pref"), "from_name": "pref", "to_name": "response_a,response_b", "type": "pairwise",
         "origin": "manual", "value": {"selected": "left" if pref == "a" else "right"}},
    ]
    if comment is not None:
        res.append({"id": rid("comment"), "from_name": "comment", "to_name": "text", "type": "textarea",
                    "origin": "manual", "value": {"text": [comment]}})
    return res


class Client:
    def __init__(self, token):
        self.s = requests.Session()
        self.s.headers["Authorization"] = f"Token {token}"

    def req(self, method, path, **kw):
        r = self.s.request(method, BASE + path, timeout=120, **kw)
        if r.status_code >= 400:
            raise RuntimeError(f"{method} {path} -> {r.status_code}: {r.text[:500]}")
        return r


def wait_up(proc):
    for _ in range(240):
        if proc.poll() is not None:
            raise RuntimeError("label-studio exited early")
        try:
            if requests.get(BASE + "/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError("label-studio did not come up")


def user_token(env, email):
    out = subprocess.run([str(VENV_BIN / "label-studio"), "user", "--username", email],
                         env=env, capture_output=True, text=True, check=True).stdout
    m = re.search(r"^\{.*\}$", out, re.M)
    return ast.literal_eval(m.group(0))["token"]


def main(out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="ls-data-"))
    env = dict(os.environ, LABEL_STUDIO_BASE_DATA_DIR=str(data_dir), LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK="false",
               SENTRY_DSN="", FRONTEND_SENTRY_DSN="", COLLECT_ANALYTICS="false")
    log = open(data_dir / "server.log", "w")
    proc = subprocess.Popen(
        [str(VENV_BIN / "label-studio"), "start", "--no-browser", "--host", "127.0.0.1", "--port", str(PORT),
         "--data-dir", str(data_dir), "--username", J.EMAIL[J.LEAD], "--password", PASSWORD,
         "--user-token", ADMIN_TOKEN, "--enable-legacy-api-token"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_up(proc)
        run(out, env)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        print("server log:", data_dir / "server.log")


def run(out, env):
    admin = Client(ADMIN_TOKEN)
    me = admin.req("GET", "/api/current-user/whoami").json()
    admin.req("PATCH", f"/api/users/{me['id']}/", json={"first_name": "Lee", "last_name": "Lead", "username": "lead"})
    users = {J.LEAD: me["id"]}
    clients = {J.LEAD: admin}
    for i, u in enumerate(J.ANNOTATORS):
        r = admin.req("POST", "/api/users/", json={"email": J.EMAIL[u], "username": u,
                                                    "first_name": f"Ann{i + 1}", "last_name": "Tator"}).json()
        users[u] = r["id"]
    for u in J.ANNOTATORS:
        clients[u] = Client(user_token(env, J.EMAIL[u]))
        assert clients[u].req("GET", "/api/current-user/whoami").json()["id"] == users[u]
    print("users", users)

    proj = admin.req("POST", "/api/projects/", json={
        "title": "Wagefile real-export fixture", "label_config": LABEL_CONFIG,
        "maximum_annotations": 5, "show_skip_button": True}).json()
    pid = proj["id"]
    admin.req("POST", f"/api/projects/{pid}/import", json=[J.task_data(i) for i in range(len(J.TEXTS))])
    tasks = admin.req("GET", f"/api/tasks/?project={pid}&page_size=100").json()
    tasks = tasks["tasks"] if isinstance(tasks, dict) else tasks
    task_id = {t["data"]["item_key"]: t["id"] for t in tasks}
    tid = lambda item: task_id[f"item-{item:02d}"]  # noqa: E731

    # 1) gold first: the lead annotates items 1-3 with ground_truth=true before anyone else
    for item, tup in J.GOLD_LEAD.items():
        admin.req("POST", f"/api/tasks/{tid(item)}/annotations/", json={
            "result": result_for(tup, item, J.LEAD), "ground_truth": True,
            "lead_time": J.lead_time(item, J.LEAD)})
    # 2) annotators, each with their own token, in item order then annotator order
    ann_ids = {}
    for item, row in J.J.items():
        for who, tup in zip(J.ANNOTATORS, row):
            if tup is None:
                continue
            if tup == "CANCEL":
                body = {"result": [], "was_cancelled": True, "lead_time": J.lead_time(item, who)}
            else:
                body = {"result": result_for(tup, item, who), "lead_time": J.lead_time(item, who)}
            a = clients[who].req("POST", f"/api/tasks/{tid(item)}/annotations/", json=body).json()
            ann_ids[(item, who)] = a["id"]
    # 3) ground truth flagged afterwards on an annotator's own annotation (not first in its task)
    for item, who in J.GOLD_FLAGGED:
        admin.req("PATCH", f"/api/annotations/{ann_ids[(item, who)]}/", json={"ground_truth": True})
    # 4) a draft (never submitted)
    for (item, who), tup in J.DRAFTS.items():
        clients[who].req("POST", f"/api/tasks/{tid(item)}/drafts", json={
            "result": result_for(tup, item, who), "lead_time": J.lead_time(item, who)})

    # ---- exports through the plain export endpoint, saved byte for byte ----
    def save(name, resp):
        (out / name).write_bytes(resp.content)
        print(f"saved {name} ({len(resp.content)} bytes) content-disposition={resp.headers.get('Content-Disposition')}")

    formats = admin.req("GET", f"/api/projects/{pid}/export/formats").json()
    (out / "_export_formats.json").write_text(json.dumps(formats, indent=2) + "\n")
    for fmt, fname in [("JSON", "export.json"), ("JSON_MIN", "export-min.json"),
                       ("CSV", "export.csv"), ("TSV", "export.tsv")]:
        save(fname, admin.req("GET", f"/api/projects/{pid}/export", params={"exportType": fmt}))
    save("export-all-tasks.json", admin.req("GET", f"/api/projects/{pid}/export",
                                            params={"exportType": "JSON", "download_all_tasks": "true"}))

    # ---- snapshot exports ----
    def snapshot(name, body, converts=()):
        snap = admin.req("POST", f"/api/projects/{pid}/exports/", json=body).json()
        sid = snap["id"]
        for _ in range(120):
            st = admin.req("GET", f"/api/projects/{pid}/exports/{sid}").json()
            if st["status"] in ("completed", "failed"):
                break
            time.sleep(1)
        assert st["status"] == "completed", st
        save(f"{name}.json", admin.req("GET", f"/api/projects/{pid}/exports/{sid}/download",
                                       params={"exportType": "JSON"}))
        for fmt, suffix in converts:
            conv = admin.req("POST", f"/api/projects/{pid}/exports/{sid}/convert", json={"export_type": fmt}).json()
            for _ in range(120):
                st = admin.req("GET", f"/api/projects/{pid}/exports/{sid}").json()
                cf = [c for c in st.get("converted_formats", []) if c.get("export_type") == fmt]
                if cf and cf[0].get("status") in ("completed", "failed"):
                    break
                time.sleep(1)
            save(f"{name}{suffix}", admin.req("GET", f"/api/projects/{pid}/exports/{sid}/download",
                                              params={"exportType": fmt}))
        meta = {k: v for k, v in st.items() if k not in ("created_by",)}
        return meta

    all_ann = {"usual": True, "ground_truth": True, "skipped": True}
    metas = {}
    metas["snapshot-expanded"] = snapshot("snapshot-expanded", {
        "title": "expanded completed_by",
        "task_filter_options": {"only_with_annotations": False},
        "annotation_filter_options": all_ann,
        "serialization_options": {"annotations__completed_by": {"only_id": False},
                                  "drafts": {"only_id": False}, "predictions": {"only_id": False}},
    }, converts=[("JSON_MIN", "-min.json"), ("CSV", ".csv")])
    metas["snapshot-ids"] = snapshot("snapshot-ids", {
        "title": "completed_by as id",
        "task_filter_options": {"only_with_annotations": True},
        "annotation_filter_options": all_ann,
        "serialization_options": {"annotations__completed_by": {"only_id": True},
                                  "drafts": {"only_id": True}, "predictions": {"only_id": True}},
    })
    metas["snapshot-default"] = snapshot("snapshot-default", {"title": "no options"})
    metas["snapshot-gt-only"] = snapshot("snapshot-gt-only", {
        "title": "ground truth only",
        "task_filter_options": {"only_with_annotations": True},
        "annotation_filter_options": {"usual": False, "ground_truth": True, "skipped": False},
    })
    (out / "_snapshot_meta.json").write_text(json.dumps(metas, indent=2, default=str) + "\n")
    (out / "_ids.json").write_text(json.dumps({
        "project_id": pid, "user_ids": users,
        "task_ids": {f"item-{i:02d}": tid(i) for i in J.J},
        "annotation_ids": {f"item-{i:02d}/{w}": a for (i, w), a in sorted(ann_ids.items())},
    }, indent=2) + "\n")
    (out / "_label_config.xml").write_text(LABEL_CONFIG)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Tests/SignalTests/Fixtures/real-exports/label-studio")
