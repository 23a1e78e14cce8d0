"""POST /api/v1/suggestions/{id}/events: what the agent did, with the diff."""

from __future__ import annotations

from .test_suggestions import GERMAN_COMPLAINT


def _suggest(client) -> dict:
    r = client.post("/api/v1/suggestions", json=GERMAN_COMPLAINT)
    assert r.status_code == 200
    return r.json()


def test_inserted_then_edited_records_word_diff(live, agent):
    s = _suggest(agent)
    draft = s["drafts"][0]
    assert (
        agent.post(
            f"/api/v1/suggestions/{s['id']}/events", json={"type": "inserted", "draft_id": draft["id"]}
        ).status_code
        == 201
    )
    first_word = draft["text"].split()[0]
    final = draft["text"].replace(first_word, "Hallo", 1)
    r = agent.post(
        f"/api/v1/suggestions/{s['id']}/events",
        json={"type": "edited", "draft_id": draft["id"], "final_text": final},
    )
    assert r.status_code == 201, r.text
    event = r.json()
    assert event["diff"][0]["op"] == "replace"
    assert event["diff"][0]["from"] == first_word and event["diff"][0]["to"] == "Hallo"
    assert 0 < event["edit_distance"] < 0.1
    with live.client("qa") as qa:
        events = qa.get(f"/api/v1/suggestions/{s['id']}").json()["events"]
    assert [e["type"] for e in events] == ["inserted", "edited"]


def test_sent_unchanged_has_zero_distance(agent):
    s = _suggest(agent)
    draft = s["drafts"][1]
    event = agent.post(
        f"/api/v1/suggestions/{s['id']}/events",
        json={"type": "sent", "draft_id": draft["id"], "final_text": draft["text"]},
    ).json()
    assert event["edit_distance"] == 0 and event["diff"] == []


def test_unknown_draft_is_rejected(agent):
    s = _suggest(agent)
    r = agent.post(f"/api/v1/suggestions/{s['id']}/events", json={"type": "inserted", "draft_id": "d9"})
    assert r.status_code == 422 and r.json()["code"] == "unknown-draft"


def test_event_for_missing_suggestion_is_404(agent):
    r = agent.post("/api/v1/suggestions/nope/events", json={"type": "dismissed"})
    assert r.status_code == 404 and r.json()["code"] == "suggestion-not-found"
    assert r.headers["content-type"].startswith("application/problem+json")


def test_edited_without_text_is_rejected(agent):
    s = _suggest(agent)
    r = agent.post(f"/api/v1/suggestions/{s['id']}/events", json={"type": "edited", "draft_id": "d1"})
    assert r.status_code == 422 and r.json()["code"] == "final-text-required"


def test_agent_cannot_report_on_another_agents_suggestion(live, agent):
    s = _suggest(agent)
    secret, _ = live.services.tokens.create("agent", "other agent")
    with live.client(None, headers={"Authorization": f"Bearer {secret}"}) as other:
        r = other.post(f"/api/v1/suggestions/{s['id']}/events", json={"type": "dismissed"})
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
