"""KPIs on a generated month of activity, checked against figures computed by hand below."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
CLOSE = "Thanks, that's all!"


def _at(day: int, seconds: int) -> str:
    return (START + timedelta(days=day, seconds=seconds)).isoformat()


# Each conversation: (person, day, messages as (role, seconds after the first, text), suggestions asked after
# which message indexes, suggestions whose first draft the agent sent).
CONVERSATIONS = {
    "kpi-c1": (
        "Ana Ruiz",
        0,
        [
            ("customer", 0, "Where is my parcel? Order 4411 is late."),
            ("agent", 120, "It left our warehouse yesterday."),
            ("customer", 300, CLOSE),
        ],
        [1, 3],
        [0],
    ),
    "kpi-c2": (
        "Ana Ruiz",
        7,
        [
            ("customer", 0, "Can I return a kettle I bought last week?"),
            ("agent", 60, "Yes, within 30 days."),
            ("customer", 200, CLOSE),
            ("customer", 400, "Actually, my refund for the other order has not arrived."),
        ],
        [1, 3, 4],
        [],
    ),
    "kpi-c3": (
        "Ana Ruiz",
        14,
        [
            ("customer", 0, "How much is shipping to Spain?"),
            ("agent", 30, "4.95 EUR."),
            ("customer", 90, "And how long does delivery to Italy take?"),
        ],
        [1, 3],
        [0],
    ),
    "kpi-c4": (
        "Ben Okafor",
        21,
        [
            ("customer", 0, "My card was charged twice for one order."),
            ("agent", 240, "The second one is a hold that your bank releases."),
            ("customer", 600, CLOSE),
        ],
        [1, 3],
        [0],
    ),
    "kpi-c5": (
        "Ben Okafor",
        28,
        [
            ("customer", 0, "I want to cancel my order from this morning."),
            ("agent", 90, "Done, it is cancelled."),
            ("agent", 150, "The refund follows in 3 days."),
            ("customer", 200, CLOSE),
        ],
        [1, 4],
        [0],
    ),
}
TEAMS = {"Ana Ruiz": "Alpha", "Ben Okafor": "Beta"}


def test_kpis_by_person_and_team_match_a_hand_computation(live):
    tokens = {}
    with live.client("admin") as admin:
        for person, team in TEAMS.items():
            tokens[person] = admin.post(
                "/api/v1/tokens", json={"role": "agent", "person": person, "team": team}
            ).json()["token"]
    first_suggestion = {}
    for conversation, (person, day, messages, asks, sent) in CONVERSATIONS.items():
        with httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {tokens[person]}"}) as c:
            asked = []
            for upto in asks:
                body = {
                    "conversation_id": conversation,
                    "messages": [
                        {"role": role, "text": text, "sent_at": _at(day, seconds)}
                        for role, seconds, text in messages[:upto]
                    ],
                }
                r = c.post("/api/v1/suggestions", json=body)
                assert r.status_code == 200, r.text
                asked.append(r.json())
            for i in sent:
                c.post(
                    f"/api/v1/suggestions/{asked[i]['id']}/events",
                    json={
                        "type": "sent",
                        "draft_id": asked[i]["drafts"][0]["id"],
                        "final_text": asked[i]["drafts"][0]["text"],
                    },
                )
            first_suggestion[conversation] = asked[0]["id"]
    with live.client("qa") as qa:
        criteria = [c["id"] for c in qa.get("/api/v1/qa/rubric").json()["criteria"]]
        for conversation, register in (("kpi-c1", 4), ("kpi-c4", 2)):
            scores = {c: 3 for c in criteria} | {"register": register}
            assert (
                qa.post(
                    f"/api/v1/qa/suggestions/{first_suggestion[conversation]}/reviews",
                    json={"scores": scores, "comment": ""},
                ).status_code
                == 201
            )
        people = {g["group"]: g for g in qa.get("/api/v1/qa/kpis", params={"by": "person"}).json()["groups"]}
        teams = {g["group"]: g for g in qa.get("/api/v1/qa/kpis", params={"by": "team"}).json()["groups"]}
        csv_text = qa.get("/api/v1/qa/kpis", params={"format": "csv"}).text
    ana, ben = people["Ana Ruiz"], people["Ben Okafor"]
    # Ana: first responses 120, 60, 30 s -> median 60; handle 300, 400, 90 s -> 300; drafts used 1+0+1 of 1+1+1
    # agent messages; resolved at first contact: c1 only (c2 was reopened, c3 never closed) -> 1/3
    assert ana["conversations"] == 3 and ana["first_response_s_p50"] == 60.0 and ana["handle_s_p50"] == 300.0
    assert ana["drafts_used_rate"] == round(2 / 3, 3) and ana["first_contact_resolution"] == round(1 / 3, 3)
    assert ana["cultural_adaptability"] == 4.0
    # Ben: first responses 240, 90 -> median 165; handle 600, 200 -> 400; drafts used 1+1 of 1+2; both closed
    assert ben["conversations"] == 2 and ben["first_response_s_p50"] == 165.0 and ben["handle_s_p50"] == 400.0
    assert ben["drafts_used_rate"] == round(2 / 3, 3) and ben["first_contact_resolution"] == 1.0
    assert ben["cultural_adaptability"] == 2.0
    assert teams["Alpha"]["conversations"] == 3 and teams["Beta"]["first_contact_resolution"] == 1.0
    assert "kpi-c5" in csv_text and csv_text.splitlines()[0].startswith("conversation_id,person,team")


def test_the_metrics_page_shows_kpis_by_team(live):
    c = httpx.Client(base_url=live.url)
    c.post("/console/login", data={"token": live.tokens["qa"]})
    page = c.get("/console/qa/metrics", params={"since": "2026-01-01", "kpi_by": "team"}).text
    assert 'id="kpi-groups"' in page and "resolved at first contact" in page and 'data-group="all"' in page
