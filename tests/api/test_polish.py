"""A Polish customer gets Polish drafts offline: the pl-PL profile, the Polish phrasing library and the articles'
Polish answers, with English back-translations for the agent."""

from __future__ import annotations


def test_a_polish_customer_gets_polish_drafts_offline(live):
    payload = {"customer": {"locale": "pl-PL"}, "agent": {"language": "en"}, "messages": [
        {"role": "customer", "text": "Dzień dobry, paczka przyszła uszkodzona, szklanka jest pęknięta."}]}
    with live.client() as agent:
        body = agent.post("/api/v1/suggestions", json=payload).json()
    assert body["language"]["tag"].startswith("pl") and body["culture"]["profile"] == "pl-PL"
    assert body["culture"]["register"] == "formal"
    first = body["drafts"][0]
    assert "Prosimy o przesłanie" in first["text"] and "14 dni" in first["text"]  # the article's Polish answer
    assert "Please send us" not in first["text"]
    assert "photo" in first["back_translation"].lower()  # the agent reads it in English
    assert not any("No phrasing library" in n for n in body["culture"]["notes"])


def test_a_polish_customer_writing_informally_is_answered_with_ty(live):
    payload = {"customer": {"locale": "pl-PL"}, "messages": [{"role": "customer", "text": "Cześć, jak mogę zwrócić produkt?"}]}
    with live.client() as agent:
        body = agent.post("/api/v1/suggestions", json=payload).json()
    assert body["culture"]["register"] == "informal"
    assert body["drafts"][0]["text"].startswith("Cześć")
