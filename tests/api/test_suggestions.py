"""POST /api/v1/suggestions over real HTTP: the contract the extension relies on."""

from __future__ import annotations

import pytest

GERMAN_COMPLAINT = {
    "conversation_id": "conv-de-1",
    "messages": [
        {
            "role": "customer",
            "text": "Guten Tag, mein Paket ist nach zwei Wochen immer noch nicht angekommen.",
        },
        {"role": "agent", "text": "Guten Tag, das schaue ich mir an."},
        {"role": "customer", "text": "ok danke"},
    ],
    "customer": {"locale": "de-DE", "country": "DE", "name": "Anna Schmidt"},
    "agent": {"language": "en"},
}


def test_suggestion_contract_has_every_field(agent):
    r = agent.post("/api/v1/suggestions", json=GERMAN_COMPLAINT)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) >= {"id", "language", "culture", "sources", "drafts", "drafter", "timings_ms"}
    assert set(body["language"]) >= {"tag", "confidence", "basis"}
    assert set(body["culture"]) >= {"profile", "register", "notes"}
    assert body["drafter"]["kind"] == "offline" and body["drafter"]["prompt_version"]
    for source in body["sources"]:
        assert set(source) >= {"id", "kind", "version", "title", "snippet", "score"}
        assert source["kind"] in ("kb", "phrase")
    for draft in body["drafts"]:
        assert set(draft) >= {"id", "text", "back_translation", "register", "source_ids"}
    assert {"redact", "language", "retrieve", "draft"} <= set(body["timings_ms"])


def test_short_reply_keeps_german_and_formal_register(agent):
    body = agent.post("/api/v1/suggestions", json=GERMAN_COMPLAINT).json()
    assert body["language"]["tag"] == "de-DE"
    assert body["culture"]["profile"] == "de-DE"
    assert body["culture"]["register"] == "formal"
    assert len(body["drafts"]) == 3
    assert len({d["text"] for d in body["drafts"]}) == 3
    assert all("Sie" in d["text"] or "Ihnen" in d["text"] for d in body["drafts"])
    # The back-translation is in the agent's language, and the drafts cite the late-delivery article.
    assert any(
        "sorry" in d["back_translation"].lower() or "apolog" in d["back_translation"].lower()
        for d in body["drafts"]
    )
    kb_ids = [s["id"] for s in body["sources"] if s["kind"] == "kb"]
    assert "kb:delayed-delivery" in kb_ids


def test_japanese_question_gets_keigo_and_english_article(agent):
    body = agent.post(
        "/api/v1/suggestions",
        json={
            "messages": [{"role": "customer", "text": "届いた商品が壊れていました。どうすればいいですか？"}],
            "customer": {"locale": "ja-JP"},
        },
    ).json()
    assert body["language"]["tag"] == "ja-JP"
    assert body["culture"]["profile"] == "ja-JP"
    assert body["sources"][0]["id"] == "kb:damaged-item"
    first = body["drafts"][0]["text"]
    assert "申し訳ございません" in first  # apology before the fix
    assert first.index("申し訳ございません") < first.index("写真")


@pytest.mark.parametrize(
    ("text", "locale", "tag"),
    [
        pytest.param("我的信用卡被扣了兩次款，請幫我處理。", "zh-TW", "zh-Hant", id="traditional"),
        pytest.param("我的信用卡被扣了两次款，请帮我处理。", None, "zh-Hans", id="simplified"),
        pytest.param("Hola, ¿cuándo llega mi reembolso?", "es-MX", "es-MX", id="spanish-mexico"),
    ],
)
def test_language_tag_is_bcp47(agent, text, locale, tag):
    payload = {"messages": [{"role": "customer", "text": text}]}
    if locale:
        payload["customer"] = {"locale": locale}
    body = agent.post("/api/v1/suggestions", json=payload).json()
    assert body["language"]["tag"] == tag


def test_language_override_wins(agent):
    body = agent.post(
        "/api/v1/suggestions",
        json={"messages": [{"role": "customer", "text": "ok"}], "language_override": "fr-FR"},
    ).json()
    assert body["language"] == {"tag": "fr-FR", "confidence": 1.0, "basis": ["override"]}
    assert body["culture"]["profile"] == "fr-FR"


def test_drafts_count_is_honoured(agent):
    body = agent.post("/api/v1/suggestions", json={**GERMAN_COMPLAINT, "drafts": 1}).json()
    assert len(body["drafts"]) == 1


def test_pii_is_refilled_for_agent_but_stored_redacted(live, agent):
    payload = {
        "messages": [
            {
                "role": "customer",
                "text": "Please write to jane.doe@example.com about my damaged kettle, it arrived broken.",
            }
        ]
    }
    body = agent.post("/api/v1/suggestions", json=payload).json()
    assert body["redactions"] == {"EMAIL": 1}
    with live.client("qa") as qa:
        record = qa.get(f"/api/v1/suggestions/{body['id']}").json()
    stored = record["request"]["messages"][0]["text"]
    assert "jane.doe@example.com" not in stored and "[EMAIL_1]" in stored


def test_suggestion_is_recorded_with_provenance(live, agent):
    body = agent.post("/api/v1/suggestions", json=GERMAN_COMPLAINT).json()
    with live.client("qa") as qa:
        record = qa.get(f"/api/v1/suggestions/{body['id']}").json()
    assert record["language"]["tag"] == "de-DE"
    assert record["culture"]["version"] == body["culture"]["version"]
    assert [s["version"] for s in record["sources"]] == [s["version"] for s in body["sources"]]
    assert record["drafter"]["prompt_version"] == body["drafter"]["prompt_version"]
    assert record["timings_ms"]["total"] > 0
    assert record["conversation_id"] == "conv-de-1"
