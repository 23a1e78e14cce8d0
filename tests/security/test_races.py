"""Concurrent writes to one thing all land: practice replies in one session."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor


def test_concurrent_practice_replies_are_all_kept(live):
    with live.client() as c:
        session = c.post("/api/v1/practice/sessions", json={"scenario_id": "de-damaged-kettle"}).json()

    def reply(n: int) -> int:
        with live.client() as c:
            r = c.post(
                f"/api/v1/practice/sessions/{session['id']}/replies",
                json={"text": f"Antwort Nummer {n}, Sie."},
            )
            return r.status_code

    with ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(reply, range(6)))
    with live.client() as c:
        stored = c.get(f"/api/v1/practice/sessions/{session['id']}").json()
    agent_turns = [t for t in stored["transcript"] if t["role"] == "agent"]
    kept = sum(1 for code in codes if code == 200)
    assert kept >= 1 and len(agent_turns) == kept, (codes, len(agent_turns))
