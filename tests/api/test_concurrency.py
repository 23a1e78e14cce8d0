"""50 concurrent agents posting suggestions and events: no 5xx, and every answered request is on record.
Bounded in time (TACTFUL_LOAD_SECONDS, 12 s by default) against 127.0.0.1 only."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter

import httpx

from tactful.records.models import SuggestionEvent, SuggestionRecord

CLIENTS = 50
SECONDS = float(os.environ.get("TACTFUL_LOAD_SECONDS", "12"))
TEXTS = [
    "Wo ist mein Paket?",
    "¿Cuándo llega mi reembolso?",
    "荷物が届きません。",
    "Je voudrais annuler ma commande.",
    "My voucher code does not work.",
]


def test_concurrent_agents_lose_no_record(live, services):
    secret, token = services.tokens.create("agent", "load test")
    statuses: Counter[int] = Counter()
    ok_ids: list[str] = []
    events_ok = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def agent(n: int) -> None:
        with httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {secret}"}, timeout=60) as c:
            i = 0
            while time.monotonic() < deadline:
                r = c.post(
                    "/api/v1/suggestions",
                    json={
                        "conversation_id": f"load-{n}-{i}",
                        "messages": [{"role": "customer", "text": TEXTS[(n + i) % len(TEXTS)]}],
                    },
                )
                with lock:
                    statuses[r.status_code] += 1
                if r.status_code == 200:
                    sid = r.json()["id"]
                    e = c.post(f"/api/v1/suggestions/{sid}/events", json={"type": "dismissed"})
                    with lock:
                        statuses[e.status_code] += 1
                        ok_ids.append(sid)
                        events_ok[0] += e.status_code == 201
                i += 1

    threads = [threading.Thread(target=agent, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not [s for s in statuses if s >= 500], statuses
    assert set(statuses) <= {200, 201}, statuses
    with services.db.session() as s:
        stored = {r for (r,) in s.query(SuggestionRecord.id).filter(SuggestionRecord.token_id == token.id)}
        stored_events = s.query(SuggestionEvent).filter(SuggestionEvent.suggestion_id.in_(ok_ids)).count()
    assert stored == set(ok_ids)  # every 200 is on record, nothing extra
    assert stored_events == events_ok[0] == len(ok_ids)
    print(
        f"\n{CLIENTS} clients, {SECONDS:.0f} s: {len(ok_ids)} suggestions and {events_ok[0]} events, all stored; {dict(statuses)}"
    )
