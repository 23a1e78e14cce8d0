"""Nothing one token can send keeps the server from answering others: CPU-heavy steps run off the event loop
and are bounded."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from ..drafting.test_llm import ASK
from ..fakes.openai_server import Reply


def _health_while(url: str, busy) -> float:
    """The slowest /healthz answer while `busy()` runs in another thread."""
    worst, done = 0.0, threading.Event()

    def run():
        busy()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    with httpx.Client(base_url=url, timeout=30) as c:
        while not done.is_set():
            start = time.perf_counter()
            c.get("/healthz")
            worst = max(worst, time.perf_counter() - start)
            time.sleep(0.02)
    return worst


@pytest.fixture()
def llm_live(with_model):
    return with_model


def test_a_megabyte_of_model_output_degrades_without_freezing_the_server(llm_live, fake):
    fake.enqueue(
        Reply(content='{"drafts": [{"text": "' + "Hallo Welt. " * 90_000 + '"}]}', chunk_chars=65_536)
    )
    result = {}

    def ask():
        with llm_live.client() as c:
            result["r"] = c.post("/api/v1/suggestions", json=ASK)

    worst = _health_while(llm_live.url, ask)
    assert result["r"].status_code == 200 and result["r"].json()["drafter"]["degraded"] is True
    assert worst < 1.0, worst


def test_long_final_texts_from_many_clients_do_not_block_health(live):
    with live.client() as c:
        s = c.post(
            "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "Wo ist mein Paket?"}]}
        ).json()
    text = ("Sehr geehrte Kundin, vielen Dank für Ihre Nachricht zu Ihrer Bestellung. " * 270)[:19_990]

    def send_many():
        def one(_):
            with live.client() as c:
                c.post(
                    f"/api/v1/suggestions/{s['id']}/events",
                    json={"type": "sent", "draft_id": s["drafts"][0]["id"], "final_text": text},
                )

        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(6) as pool:
            list(pool.map(one, range(6)))

    worst = _health_while(live.url, send_many)
    assert worst < 1.0, worst
