"""Offline insight with the real bundled embeddings: intents across languages, sentiment, urgency, steps."""

from __future__ import annotations

import pytest

from tactful.insight.engine import InsightEngine


@pytest.fixture(scope="module")
def engine(services) -> InsightEngine:
    return services.pipeline.insight


@pytest.fixture(scope="module")
def content(services):
    return services.content.current()


def _read(engine, content, messages, language, phrase_language=None):
    phrase_language = phrase_language or language.split("-")[0]
    phrases = [p for p in content.library.phrases if p.language == phrase_language]
    return engine.analyse(messages, language, content.intents, phrases)


@pytest.mark.parametrize(
    ("text", "language", "intent"),
    [
        ("Der Mixer kam mit einem Riss im Gehäuse an", "de", "damaged_item"),
        ("Je voudrais annuler la commande que j'ai passée hier soir", "fr", "cancel_order"),
        ("荷物がまだ届いていないのですが", "ja", "delivery_problem"),
        ("¿Aceptáis pagos con tarjeta de débito?", "es", "payment_methods"),
        ("我登录不了，密码好像不对", "zh-Hans", "recover_password"),
        ("Quero devolver os sapatos que comprei", "pt", "return_item"),
        ("Can you tell me where my parcel is right now?", "en", "track_order"),
    ],
)
def test_intents_are_recognised_in_several_languages(engine, content, text, language, intent):
    assert _read(engine, content, [("customer", text)], language).intent == intent


def test_a_short_follow_up_keeps_the_intent_before_it(engine, content):
    insight = _read(
        engine,
        content,
        [
            ("customer", "Ich möchte meine Bestellung stornieren"),
            ("agent", "Gerne, wie lautet Ihre Bestellnummer?"),
            ("customer", "4711-22"),
        ],
        "de",
    )
    assert insight.intent == "cancel_order"


@pytest.mark.parametrize(
    ("text", "language", "sentiment"),
    [
        ("Das ist eine Frechheit, ich warte seit drei Wochen!", "de", "negative"),
        ("大変困っております。納得できません。", "ja", "negative"),  # polite wording, angry customer
        ("C'est inadmissible, personne ne me répond", "fr", "negative"),
        ("Thank you so much, that solved it", "en", "positive"),
        ("Vielen Dank, das hilft mir sehr", "de", "positive"),
        ("How many days does shipping to Canada take?", "en", "neutral"),
        ("The lamp I bought arrived with the glass shattered.", "en", "negative"),  # a problem, calmly put
    ],
)
def test_sentiment(engine, content, text, language, sentiment):
    assert _read(engine, content, [("customer", text)], language).sentiment == sentiment


@pytest.mark.parametrize(
    ("text", "language", "urgency"),
    [
        ("If this isn't fixed I'm filing a chargeback with my bank", "en", "high"),
        ("至急ご対応をお願いいたします", "ja", "high"),
        ("Das Geschenk ist kaputt angekommen und der Geburtstag ist morgen", "de", "high"),
        ("Mein Paket ist beschädigt angekommen", "de", "medium"),
        ("Can I order today and pay with PayPal?", "en", "medium"),
        ("Welche Zahlungsarten akzeptieren Sie?", "de", "low"),
    ],
)
def test_urgency(engine, content, text, language, urgency):
    assert _read(engine, content, [("customer", text)], language).urgency == urgency


def test_three_unanswered_messages_are_urgent(engine, content):
    messages = [
        ("customer", "Hello?"),
        ("customer", "My order is missing an item"),
        ("customer", "Anyone there?"),
    ]
    assert _read(engine, content, messages, "en").urgency == "high"


def test_complaint_steps_follow_what_the_agent_already_did(engine, content):
    first = [("customer", "Mein Paket ist immer noch nicht angekommen.")]
    assert _read(engine, content, first, "de").complaint_step == "soothe"
    apologised = [
        *first,
        ("agent", "Das tut mir sehr leid. Könnten Sie mir bitte Ihre Bestellnummer nennen?"),
    ]
    insight = _read(engine, content, apologised, "de")
    assert insight.steps_taken == ["soothe", "verify"] and insight.complaint_step == "resolve"
    questions_only = [("customer", "Welche Zahlungsarten akzeptieren Sie?")]
    assert _read(engine, content, questions_only, "de").complaint_step is None


def test_a_published_new_intent_is_used_by_the_next_request(live):
    """Supervisors extend the taxonomy in the library; every worker re-embeds the examples on the next request."""
    new = {
        "id": "bulk_order",
        "label": {"en": "Bulk or wholesale order"},
        "examples": {
            "en": ["I want to order 500 units for my company", "Do you offer wholesale prices?"],
            "de": ["Gibt es Mengenrabatt für 300 Stück?"],
        },
    }
    with live.client("supervisor") as c:
        r = c.post("/api/v1/library/intent", json={"content": new, "publish": True})
        assert r.status_code == 201, r.text
    with live.client("agent") as c:
        r = c.post(
            "/api/v1/conversations/insight",
            json={
                "messages": [
                    {
                        "role": "customer",
                        "text": "Wir brauchen 400 Stück für unsere Filialen, gibt es Großhandelspreise?",
                    }
                ],
                "customer": {"locale": "de-DE"},
            },
        )
    assert r.status_code == 200, r.text
    assert r.json()["insight"]["intent"] == "bulk_order"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"id": "Bad Id", "label": {"en": "x"}, "examples": {"en": ["x"]}}, "lower_snake_case"),
        ({"id": "no_label", "examples": {"en": ["x"]}}, "'label'"),
        ({"id": "no_examples", "label": {"en": "x"}, "examples": {}}, "'examples'"),
        ({"id": "bad_lang", "label": {"en": "x"}, "examples": {"english": ["x"]}}, "BCP-47"),
        ({"id": "other", "label": {"en": "x"}, "examples": {"en": ["x"]}}, "reserved"),
    ],
)
def test_invalid_intents_are_refused_with_the_field_named(live, content, message):
    with live.client("supervisor") as c:
        r = c.post("/api/v1/library/intent", json={"content": content})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "invalid-content" and message in r.json()["detail"]
