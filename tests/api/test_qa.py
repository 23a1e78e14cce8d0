"""/api/v1/qa: filters, detail, scoring, queue, metrics checked by hand, edit proposals, export."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tactful.records.models import Review, SuggestionRecord

WINDOW = {"since": "2020-03-01T00:00:00+00:00", "until": "2020-03-08T00:00:00+00:00"}
# (language, culture, outcome, final edit distance, latency ms, degraded)
GENERATED = [
    ("ja-JP", "ja-JP", "sent_as_is", 0.0, 10.0, False),
    ("ja-JP", "ja-JP", "edited", 0.2, 20.0, False),
    ("ja-JP", "ja-JP", "edited", 0.6, 30.0, True),
    ("ja-JP", "ja-JP", "dismissed", None, 40.0, False),
    ("de-DE", "de-DE", "sent_as_is", 0.0, 50.0, False),
    ("de-DE", "de-DE", "none", None, 60.0, False),
    ("de-DE", "de-DE", "inserted", None, 70.0, False),
    ("de-DE", "de-DE", "edited", 0.1, 80.0, False),
]


@pytest.fixture(scope="module")
def generated(live):
    """Eight records in a week of their own, written straight to the store, with two reviews."""
    ids = []
    for n, (lang, culture, outcome, distance, latency, degraded) in enumerate(GENERATED):
        sid = uuid.uuid4().hex
        ids.append(sid)
        live.services.suggestions.add(
            SuggestionRecord(
                id=sid,
                created_at=datetime(2020, 3, 2 + n % 3, 12, tzinfo=UTC),
                token_id=None,
                conversation_id=f"gen-{n}",
                language_tag=lang,
                culture_profile=culture,
                drafter_kind="offline",
                prompt_version="offline-composer/1",
                model="tactful-offline",
                degraded=degraded,
                stage="question",
                request={"messages": [{"role": "customer", "text": f"generated {n}", "sent_at": None}]},
                language={"tag": lang},
                culture={"profile": culture},
                sources=[],
                drafts=[{"id": "d1", "text": "x", "source_ids": []}],
                timings_ms={},
                redactions={},
                latency_ms=latency,
                outcome=outcome,
                final_edit_distance=distance,
                search_text=f"generated {n}",
            )
        )
    rubric_version = live.services.content.current().rubric["version"]
    for sid, value in ((ids[0], 5), (ids[1], 3)):
        live.services.qa.add_review(
            Review(
                suggestion_id=sid,
                reviewer="hand",
                rubric_version=rubric_version,
                scores={c: value for c in ("accuracy", "register", "empathy", "policy", "language")},
                comment="",
            )
        )
    return ids


def test_metrics_equal_hand_computation(live, generated):
    with live.client("qa") as qa:
        body = qa.get("/api/v1/qa/metrics", params={**WINDOW, "by": "language"}).json()
    overall = body["overall"]
    assert overall["suggestions"] == 8
    # accepted: sent with distance <= 0.25 -> ja 0.0, ja 0.2, de 0.0, de 0.1 = 4 of 8
    assert overall["acceptance_rate"] == 0.5
    assert overall["dismiss_rate"] == 0.125
    assert overall["action_rate"] == 0.875
    assert overall["degraded_rate"] == 0.125
    assert overall["edit_distance"]["sent"] == 5 and overall["edit_distance"]["mean"] == round(
        (0 + 0.2 + 0.6 + 0 + 0.1) / 5, 4
    )
    assert overall["latency_ms"]["p50"] == 45.0
    assert overall["rubric_means"]["accuracy"] == 4.0
    groups = {g["group"]: g for g in body["groups"]}
    # languages group by language, not by region: ja-JP rows are the "ja" group
    assert groups["ja"]["acceptance_rate"] == 0.5 and groups["ja"]["dismiss_rate"] == 0.25
    assert groups["de"]["acceptance_rate"] == 0.5 and groups["de"]["dismiss_rate"] == 0.0
    assert groups["ja"]["rubric_means"]["empathy"] == 4.0 and groups["de"]["reviews"] == 0
    assert sum(d["suggestions"] for d in body["timeline"]) == 8


def test_find_dismissed_japanese_of_last_week_open_and_score(live):
    with live.client("agent") as agent:
        s = agent.post(
            "/api/v1/suggestions",
            json={
                "messages": [{"role": "customer", "text": "荷物が届きません。"}],
                "customer": {"locale": "ja-JP"},
            },
        ).json()
        agent.post(f"/api/v1/suggestions/{s['id']}/events", json={"type": "dismissed"})
    since = (datetime.now(UTC) - timedelta(days=7)).isoformat()
    with live.client("qa") as qa:
        found = qa.get(
            "/api/v1/qa/suggestions", params={"language": "ja", "outcome": "dismissed", "since": since}
        ).json()
        assert s["id"] in [i["id"] for i in found["items"]]
        assert all(i["language"].startswith("ja") and i["outcome"] == "dismissed" for i in found["items"])
        detail = qa.get(f"/api/v1/qa/suggestions/{s['id']}").json()
        assert detail["language"]["basis"] and detail["culture"]["profile"] == "ja-JP" and detail["sources"]
        assert detail["events"][0]["type"] == "dismissed"
        scores = {"accuracy": 4, "register": 5, "empathy": 4, "policy": 5, "language": 3}
        r = qa.post(f"/api/v1/qa/suggestions/{s['id']}/reviews", json={"scores": scores, "comment": "fine"})
        assert r.status_code == 201 and r.json()["rubric_version"].startswith("rubric:default")
        with live.client("supervisor") as sup:  # several reviewers per suggestion
            assert (
                sup.post(f"/api/v1/qa/suggestions/{s['id']}/reviews", json={"scores": scores}).status_code
                == 201
            )
        assert len(qa.get(f"/api/v1/qa/suggestions/{s['id']}").json()["reviews"]) == 2
        scored = qa.get("/api/v1/qa/suggestions", params={"scored": "true", "language": "ja"}).json()["items"]
        assert s["id"] in [i["id"] for i in scored]


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        pytest.param({"accuracy": 4}, "rubric-mismatch", id="missing"),
        pytest.param(
            {"accuracy": 4, "register": 5, "empathy": 4, "policy": 5, "language": 9},
            "score-out-of-range",
            id="range",
        ),
    ],
)
def test_bad_scores_are_rejected(live, generated, scores, code):
    with live.client("qa") as qa:
        r = qa.post(f"/api/v1/qa/suggestions/{generated[2]}/reviews", json={"scores": scores})
    assert r.status_code == 422 and r.json()["code"] == code


def test_paging_walks_every_record_once(live, generated):
    with live.client("qa") as qa:
        seen, cursor = [], None
        while True:
            page = qa.get(
                "/api/v1/qa/suggestions",
                params={**WINDOW, "limit": 3, **({"cursor": cursor} if cursor else {})},
            ).json()
            seen += [i["id"] for i in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
    assert sorted(seen) == sorted(generated)


def test_queue_alternates_languages(live, generated):
    with live.client("qa") as qa:
        queue = qa.get("/api/v1/qa/queue", params={"n": 4}).json()
    languages = [live.services.suggestions.get(i).language_tag for i in queue]
    assert len(set(languages)) >= 2


def test_full_text_search_over_redacted_text(live, generated):
    with live.client("qa") as qa:
        items = qa.get("/api/v1/qa/suggestions", params={"q": "generated 3"}).json()["items"]
    assert [i["id"] for i in items] == [generated[3]]


def test_recurring_edits_become_a_phrasing_proposal(live):
    payload = {
        "messages": [{"role": "customer", "text": "Wie kann ich meine Bestellung stornieren?"}],
        "customer": {"locale": "de-DE"},
    }
    with live.client("agent") as agent:
        for _ in range(2):
            s = agent.post("/api/v1/suggestions", json=payload).json()
            draft = next(d for d in s["drafts"] if "Kann ich Ihnen sonst noch weiterhelfen?" in d["text"])
            final = draft["text"].replace(
                "Kann ich Ihnen sonst noch weiterhelfen?", "Darf ich Ihnen noch bei etwas helfen?"
            )
            agent.post(
                f"/api/v1/suggestions/{s['id']}/events",
                json={"type": "edited", "draft_id": draft["id"], "final_text": final},
            )
    with live.client("supervisor") as sup:
        proposals = sup.get("/api/v1/qa/edit-proposals").json()
    mine = [p for p in proposals if p["phrase_id"] == "phrase:de:closing.anything_else:formal"]
    assert mine and mine[0]["count"] >= 2 and "Darf ich" in mine[0]["proposed"]


def test_exports(live, generated):
    with live.client("qa") as qa:
        jsonl = qa.get("/api/v1/qa/export", params={**WINDOW, "what": "records", "format": "jsonl"}).text
        csv_text = qa.get("/api/v1/qa/export", params={**WINDOW, "what": "reviews", "format": "csv"}).text
        metrics_rows = qa.get("/api/v1/qa/export", params={**WINDOW, "what": "metrics"}).text
    assert len(jsonl.strip().splitlines()) == 8 and json.loads(jsonl.splitlines()[0])["id"]
    assert csv_text.splitlines()[0].startswith("agent,") and len(csv_text.strip().splitlines()) == 3
    assert any(json.loads(line)["by"] == "culture" for line in metrics_rows.splitlines())


def test_agents_cannot_read_qa(live):
    with live.client("agent") as agent:
        assert agent.get("/api/v1/qa/suggestions").status_code == 403


def test_outcome_follows_events(live):
    with live.client("agent") as agent:
        s = agent.post(
            "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "Where is my parcel?"}]}
        ).json()
        d = s["drafts"][0]
        agent.post(f"/api/v1/suggestions/{s['id']}/events", json={"type": "inserted", "draft_id": d["id"]})
        assert live.services.suggestions.get(s["id"]).outcome == "inserted"
        agent.post(
            f"/api/v1/suggestions/{s['id']}/events",
            json={"type": "sent", "draft_id": d["id"], "final_text": d["text"]},
        )
    record = live.services.suggestions.get(s["id"])
    assert record.outcome == "sent_as_is" and record.final_edit_distance == 0


def test_qa_filters_by_intent_sentiment_urgency_and_shows_the_reading(live):
    marker = uuid.uuid4().hex[:8]
    with live.client("agent") as agent:
        angry = agent.post(
            "/api/v1/suggestions",
            json={
                "conversation_id": f"insight-{marker}",
                "customer": {"locale": "fr-FR"},
                "messages": [
                    {
                        "role": "customer",
                        "text": f"Le vase est arrivé cassé, c'est inadmissible ! Réf {marker}",
                    }
                ],
            },
        ).json()
        calm = agent.post(
            "/api/v1/suggestions",
            json={
                "conversation_id": f"insight-{marker}-2",
                "customer": {"locale": "fr-FR"},
                "messages": [
                    {"role": "customer", "text": f"Quels moyens de paiement acceptez-vous ? Réf {marker}"}
                ],
            },
        ).json()
    with live.client("qa") as qa:
        found = qa.get(
            "/api/v1/qa/suggestions", params={"q": marker, "intent": "damaged_item", "sentiment": "negative"}
        ).json()
        assert [i["id"] for i in found["items"]] == [angry["id"]]
        assert found["items"][0]["intent"] == "damaged_item" and found["items"][0]["sentiment"] == "negative"
        found = qa.get("/api/v1/qa/suggestions", params={"q": marker, "urgency": "low"}).json()
        assert [i["id"] for i in found["items"]] == [calm["id"]]
        assert qa.get("/api/v1/qa/suggestions", params={"sentiment": "furious"}).status_code == 422
        record = qa.get(f"/api/v1/suggestions/{angry['id']}").json()
    assert (
        record["insight"]["intent"] == "damaged_item"
        and "inadmissible" in record["insight"]["sentiment_reason"]
    )


def test_a_reload_that_asks_again_for_the_same_conversation_counts_once(live):
    from tactful.records.qa import Filters

    payload = {
        "conversation_id": "reload-demo-1",
        "customer": {"locale": "it-IT"},
        "messages": [{"role": "customer", "text": "Buongiorno, quando arriva il rimborso del reso?"}],
    }
    with live.client() as agent:
        asked = [agent.post("/api/v1/suggestions", json=payload).json() for _ in range(4)]  # three reloads
        acted = asked[2]
        agent.post(
            f"/api/v1/suggestions/{acted['id']}/events",
            json={"type": "inserted", "draft_id": acted["drafts"][0]["id"]},
        )
        follow_up = {**payload, "messages": [*payload["messages"], {"role": "customer", "text": "Grazie!"}]}
        asked.append(agent.post("/api/v1/suggestions", json=follow_up).json())  # a new message: a new state
    ours = {a["id"] for a in asked}
    counted = [r for r in live.services.qa.metric_rows(Filters()) if r["id"] in ours]
    assert len(counted) == 2  # one per conversation state
    assert acted["id"] in {r["id"] for r in counted}  # the one the agent acted on stands for its state
