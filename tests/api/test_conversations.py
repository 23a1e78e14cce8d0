"""/api/v1/conversations: insight and handoff summaries over real HTTP."""

from __future__ import annotations

import json

import pytest

from ..fakes.openai_server import Reply

ESCALATED = {
    "conversation_id": "conv-de-escalated",
    "messages": [
        {
            "role": "customer",
            "text": "Mein Paket ist nach zwei Wochen immer noch nicht angekommen. Das ist eine Frechheit! "
            "Schreiben Sie mir an anna.schmidt@example.de",
        },
        {"role": "agent", "text": "Das tut mir sehr leid. Könnten Sie mir bitte Ihre Bestellnummer nennen?"},
        {"role": "customer", "text": "Die Nummer ist 40012345."},
        {
            "role": "agent",
            "text": "Als Entschuldigung möchten wir Ihnen einen Gutschein für Ihre nächste Bestellung anbieten.",
        },
        {"role": "customer", "text": "Und wann kommt das Paket endlich?"},
    ],
    "customer": {"locale": "de-DE", "name": "Anna Schmidt"},
    "agent": {"language": "en"},
}


def _summary(client, **extra):
    r = client.post("/api/v1/conversations/summary", json={**ESCALATED, **extra})
    assert r.status_code == 200, r.text
    return r.json()


def test_summary_in_the_agents_language_names_problem_steps_promises_and_open_questions(agent):
    s = _summary(agent)
    assert s["language"] == "en" and s["drafter"]["kind"] == "offline"
    assert s["problem"].startswith("Delivery late or not received")
    assert "apologised and acknowledged the customer's feelings" in s["tried"]
    assert "offered compensation" in s["tried"]
    assert s["promised"][0]["translation"].startswith("As an apology, we would like to offer you a voucher")
    assert s["promised"][0]["text"].startswith("Als Entschuldigung")  # the original stays beside it
    assert s["open_questions"] == [
        {"text": "Und wann kommt das Paket endlich?", "language": "de-DE", "translation": None}
    ]
    assert s["customer"]["sentiment"] == "negative" and s["customer"]["address"] == "Sie"
    assert any(src["id"] == "kb:delayed-delivery" for src in s["sources"])
    assert "Handoff summary" in s["text"] and "Und wann kommt das Paket endlich?" in s["text"]


def test_summary_for_a_team_in_another_language(agent):
    s = _summary(agent, recipient={"language": "ja"})
    assert s["language"] == "ja" and s["problem"].startswith("配送の遅れ")
    assert s["text"].startswith("引き継ぎサマリー")
    assert "謝罪し" in s["text"]


def test_an_unprofiled_recipient_language_gets_english(agent):
    assert _summary(agent, recipient={"language": "sv"})["language"] == "en"


def test_pii_stays_redacted_unless_the_receiving_role_may_see_it(agent, services):
    s = _summary(agent, recipient={"role": "tier2"})
    assert s["pii"] == "redacted" and "anna.schmidt@example.de" not in json.dumps(s)
    assert s["redactions"] == {"EMAIL": 1}
    privacy = services.settings.privacy
    original = list(privacy.summary_pii_roles)
    privacy.summary_pii_roles = ["tier2"]
    try:
        ask = {
            **ESCALATED,
            "messages": [
                *ESCALATED["messages"][:-1],
                {"role": "customer", "text": "Antworten Sie an anna.schmidt@example.de"},
            ],
        }
        r = agent.post("/api/v1/conversations/summary", json={**ask, "recipient": {"role": "tier2"}})
        shown = r.json()
        assert shown["pii"] == "shown" and "anna.schmidt@example.de" in shown["text"]
        r = agent.post("/api/v1/conversations/summary", json={**ask, "recipient": {"role": "billing"}})
        assert "anna.schmidt@example.de" not in r.json()["text"]
    finally:
        privacy.summary_pii_roles = original


def test_insight_endpoint(agent):
    r = agent.post("/api/v1/conversations/insight", json={k: v for k, v in ESCALATED.items()})
    assert r.status_code == 200, r.text
    insight = r.json()["insight"]
    assert insight["problem_intent"] == "delivery_problem" and insight["sentiment"] == "negative"
    assert insight["steps_taken"][:2] == ["soothe", "verify"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({**ESCALATED, "recipient": {"language": "not a tag!"}}, "invalid-request"),
        ({**ESCALATED, "recipient": {"team": "x"}}, "invalid-request"),
        ({**ESCALATED, "messages": [{"role": "agent", "text": "Hallo?"}]}, "no-customer-message"),
    ],
)
def test_bad_summary_requests_are_problems(agent, body, code):
    r = agent.post("/api/v1/conversations/summary", json=body)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == code


def test_qa_tokens_cannot_summarise(live):
    with live.client("qa") as c:
        assert c.post("/api/v1/conversations/summary", json=ESCALATED).status_code == 403


def test_suggestions_carry_and_store_the_insight(agent, services):
    r = agent.post("/api/v1/suggestions", json=ESCALATED)
    body = r.json()
    assert body["insight"]["problem_intent"] == "delivery_problem"
    record = services.suggestions.get(body["id"])
    assert record.intent == body["insight"]["intent"] and record.sentiment == "negative"
    # Mid-conversation drafts do not greet again, and the agent already apologised: no second apology first.
    assert not body["drafts"][0]["text"].startswith(("Guten Tag", "Sehr geehrte"))


# --- with a model ---------------------------------------------------------------------------------

MODEL_SUMMARY = json.dumps(
    {
        "problem": "The customer's parcel has not arrived after two weeks and they are angry.",
        "tried": ["Apologised", "Asked for the order number", "Offered a voucher"],
        "promised": ["A voucher for the next order"],
        "open_questions": ["When will the parcel finally arrive?"],
    }
)


def test_model_summary_translates_open_questions(with_model, fake):
    fake.enqueue(Reply(content=MODEL_SUMMARY))
    with with_model.client("agent") as c:
        s = _summary(c)
    assert s["drafter"]["kind"] == "llm" and s["drafter"]["prompt_version"] == "summarize_conversation/1"
    assert s["open_questions"][0] == {
        "text": "Und wann kommt das Paket endlich?",
        "language": "de-DE",
        "translation": "When will the parcel finally arrive?",
    }
    sent = fake.requests[-1]["messages"]
    assert "anna.schmidt@example.de" not in json.dumps(sent) and "[EMAIL_1]" in sent[1]["content"]
    assert "<customer>Und wann kommt das Paket endlich?</customer>" in sent[1]["content"]


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        pytest.param(Reply(status=500), "500", id="server-error"),
        pytest.param(Reply(content="not json"), "JSON", id="malformed"),
        pytest.param(
            Reply(
                content=json.dumps(
                    {
                        "problem": "Das Paket des Kunden ist seit zwei Wochen nicht angekommen.",
                        "tried": [],
                        "promised": [],
                        "open_questions": [],
                    }
                )
            ),
            "'de'",
            id="wrong-language",
        ),
    ],
)
def test_model_summary_faults_fall_back_to_the_offline_summary(with_model, fake, reply, reason):
    fake.enqueue(reply)
    with with_model.client("agent") as c:
        s = _summary(c)
    assert s["drafter"]["kind"] == "offline" and s["drafter"]["degraded"] is True
    assert reason in s["drafter"]["note"] and s["problem"].startswith("Delivery late")


def test_the_summary_says_what_the_agent_sent_and_promises_nothing_for_an_intro(live):
    payload = {
        "customer": {"locale": "de-DE"},
        "agent": {"language": "en"},
        "messages": [
            {
                "role": "customer",
                "text": "Hallo, mein Wasserkocher ist kaputt bei mir angekommen, das Glas ist gesprungen.",
            },
            {
                "role": "agent",
                "text": "Ich habe Folgendes für Sie herausgefunden:\nBitte senden Sie uns innerhalb von 14 Tagen "
                "ein bis zwei Fotos des beschädigten Artikels und der Verpackung; danach wählen Sie "
                "kostenlosen Ersatz oder die volle Erstattung und müssen den Artikel nicht zurückschicken.",
            },
            {
                "role": "customer",
                "text": "Danke. Kann ich einen Geschenkgutschein eigentlich auch online einlösen?",
            },
        ],
    }
    with live.client() as agent:
        summary = agent.post("/api/v1/conversations/summary", json=payload).json()
    assert any("Item arrived damaged" in t for t in summary["tried"]), summary["tried"]
    assert not any("Gift" in t for t in summary["tried"])
    assert not any("Folgendes" in q["text"] for q in summary["promised"])  # an intro is not a promise
    assert summary["problem"].startswith("Damaged or faulty item"), summary[
        "problem"
    ]  # the kettle, not delivery


def test_arabic_quoted_in_an_english_summary_keeps_its_direction(live):
    payload = {
        "customer": {"locale": "ar-EG"},
        "agent": {"language": "en"},
        "messages": [{"role": "customer", "text": "طلبي رقم 5521 لم يصل بعد، متى سيصل؟"}],
    }
    with live.client() as agent:
        text = agent.post("/api/v1/conversations/summary", json=payload).json()["text"]
    quoted = next(line for line in text.splitlines() if "5521" in line)
    assert "\u2068طلبي رقم 5521" in quoted and "\u2069" in quoted  # isolated: the line's own order stays
