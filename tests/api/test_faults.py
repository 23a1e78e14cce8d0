"""Parts failing: the vector store gone, the server killed mid-write."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import time

import httpx

from tactful.app import create_app
from tactful.drafting.pipeline import SuggestionPipeline
from tactful.knowledge.retrieval import Retriever
from tactful.services import with_model

from ..conftest import ROOT, ServerThread, free_port
from ..fakes.broken_index import BrokenIndex

ASK = {
    "messages": [{"role": "customer", "text": "Mein Paket ist beschädigt angekommen."}],
    "customer": {"locale": "de-DE"},
}


def test_vector_store_down_gives_degraded_drafts_and_not_ready(services, settings):
    broken = BrokenIndex()
    pipeline = SuggestionPipeline(
        decider=services.pipeline.decider,
        content=services.content,
        retriever=Retriever(broken, services.embedder),
        offline=services.pipeline.offline,
        records=services.suggestions,
        redactor=services.pipeline.redactor,
        company=services.pipeline.company,
        insight=services.pipeline.insight,
    )
    down = with_model(dataclasses.replace(services, index=broken, pipeline=pipeline), settings)
    token = services.tokens.create("agent", "faults")[0]
    port = free_port()
    thread = ServerThread(create_app(settings, down), port)
    thread.start_and_wait()
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}
        ) as c:
            r = c.post("/api/v1/suggestions", json=ASK)
            ready = c.get("/readyz")
    finally:
        thread.stop()
    assert r.status_code == 200
    body = r.json()
    assert body["drafter"]["degraded"] is True and "knowledge base is unavailable" in body["drafter"]["note"]
    assert body["drafts"] and all("Sie" in d["text"] or "Ihnen" in d["text"] for d in body["drafts"])
    assert ready.status_code == 503 and ready.json()["checks"] == {
        "database": True,
        "vector_index": False,
        "writable": True,
        "content": True,
    }


def test_ready_when_everything_answers(live):
    with live.client(None) as c:
        r = c.get("/readyz")
    assert r.status_code == 200 and r.json()["ready"] is True


def test_killing_the_server_mid_write_leaves_a_consistent_database(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "TACTFUL_DATA_DIR": str(tmp_path),
        "TACTFUL_PORT": str(port),
        "TACTFUL_ADMIN_TOKEN": "tfl_kill-test-admin",
        "TACTFUL_LIMITS__REQUESTS_PER_MINUTE": "0",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "tactful.cli", "serve"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        answered = 0
        with httpx.Client(
            base_url=url, headers={"Authorization": "Bearer tfl_kill-test-admin"}, timeout=10
        ) as c:
            for _ in range(15):
                answered += c.post("/api/v1/suggestions", json=ASK).status_code == 200
            # Fire one more and kill the server while it is being handled.
            with contextlib.suppress(httpx.HTTPError):
                c.post("/api/v1/suggestions", json=ASK, timeout=0.005)
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    db = sqlite3.connect(tmp_path / "tactful.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = db.execute("SELECT id, drafts, timings_ms FROM suggestions").fetchall()
    assert (
        answered <= len(rows) <= answered + 1
    )  # answered requests all stored; the killed one whole or not at all
    assert all(drafts != "[]" and "total" in timings for _, drafts, timings in rows)
