"""Two workers over the same database and vector store, as behind a proxy: what one does, the other sees.

In the second run of the suite (TACTFUL_TEST_STORAGE=servers) both workers share PostgreSQL and a Chroma server.
"""

from __future__ import annotations

import time

import httpx
import pytest

from tactful.app import create_app
from tactful.records.jobs import JobRepository
from tactful.services import build_services

from ..conftest import ServerThread, free_port


@pytest.fixture(scope="module")
def second_worker(settings, live):
    """A second, independently built process state (own caches, content, limiter) on the same stores."""
    services = build_services(settings)
    port = free_port()
    thread = ServerThread(create_app(settings, services), port)
    thread.start_and_wait()
    yield f"http://127.0.0.1:{port}"
    thread.stop()
    services.close()


def test_tokens_library_and_records_are_shared(live, second_worker):
    supervisor = {"Authorization": f"Bearer {live.tokens['supervisor']}"}
    agent = {"Authorization": f"Bearer {live.tokens['agent']}"}
    with (
        httpx.Client(base_url=live.url, headers=supervisor, timeout=30) as a,
        httpx.Client(base_url=second_worker, headers=agent, timeout=30) as b,
    ):
        # A token made on worker A works on worker B.
        created = a.post(
            "/api/v1/tokens",
            headers={"Authorization": f"Bearer {live.tokens['admin']}"},
            json={"role": "agent", "label": "made on A"},
        ).json()
        assert (
            b.get("/api/v1/me", headers={"Authorization": f"Bearer {created['token']}"}).json()["label"]
            == "made on A"
        )
        # A phrase published on A is used by B's next suggestion.
        text = "Herzlich willkommen bei uns, {customer}! (Worker-Test)"
        saved = a.post(
            "/api/v1/library/phrase",
            json={
                "content": {"language": "de", "key": "greeting.hello", "register": "formal", "text": text},
                "publish": True,
            },
        )
        assert saved.status_code == 201, saved.text
        ask = {"messages": [{"role": "customer", "text": "Hallo"}], "customer": {"locale": "de-DE"}}
        drafts = b.post("/api/v1/suggestions", json=ask).json()["drafts"]
        assert any("(Worker-Test)" in d["text"] for d in drafts)
        # A suggestion made on B is readable and reportable on A.
        made = b.post(
            "/api/v1/suggestions",
            json={**ask, "messages": [{"role": "customer", "text": "Wo ist mein Paket?"}]},
        ).json()
        assert a.get(f"/api/v1/suggestions/{made['id']}").json()["id"] == made["id"]
        a.post(f"/api/v1/library/items/{saved.json()['key']}/rollback", json={"version": 1})


def test_reindex_progress_is_visible_from_every_worker(live, second_worker):
    supervisor = {"Authorization": f"Bearer {live.tokens['supervisor']}"}
    with (
        httpx.Client(base_url=live.url, headers=supervisor, timeout=30) as a,
        httpx.Client(base_url=second_worker, headers=supervisor, timeout=30) as b,
    ):
        assert a.post("/api/v1/library/reindex").status_code == 202
        deadline = time.time() + 120
        status = b.get("/api/v1/library/reindex").json()
        while status["state"] == "running" and time.time() < deadline:
            time.sleep(0.3)
            status = b.get("/api/v1/library/reindex").json()
        assert status["state"] == "done" and status["report"] is not None


def test_only_one_worker_claims_a_job(services):
    a, b = JobRepository(services.db), JobRepository(services.db)
    assert a.claim("test-job") and not b.claim("test-job")
    a.progress("test-job", 5)
    assert b.status("test-job")["embedded"] == 5
    a.finish("test-job", {"ok": 1})
    assert b.status("test-job")["state"] == "done" and b.claim("test-job")
