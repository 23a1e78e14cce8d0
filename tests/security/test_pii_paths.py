"""PII in the forms the red team used never reaches the model, the database or exports; the customer's name is
not stored with the drafts; events are redacted with the conversation's region."""

from __future__ import annotations

import json

import pytest

from ..drafting.test_llm import GOOD
from ..fakes.openai_server import Reply

SECRETS = [
    "DE89 3704 0044 0532 0130 00",
    "de89-3704-0044-0532-0130-00",
    "４１１１ １１１１ １１１１ １１１１",
    "5555.5555.5555.4444",
    "müller@bücher.de",
    "ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ",
    "0151 23456789",
]
TEXT = (
    "Bitte auf DE89 3704 0044 0532 0130 00 Danke. Oder de89-3704-0044-0532-0130-00. Karte ４１１１ １１１１ "
    "１１１１ １１１１ und 5555.5555.5555.4444 2027. Mail müller@bücher.de oder ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ, Tel 0151 23456789."
)


@pytest.fixture()
def llm_live(with_model):
    return with_model


def test_nothing_reaches_the_model_or_the_record(llm_live, fake):
    fake.enqueue(Reply(content=GOOD))
    payload = {
        "messages": [{"role": "customer", "text": TEXT}],
        "customer": {"locale": "de-DE", "name": "Anna Schmidt"},
    }
    with llm_live.client() as c:
        r = c.post("/api/v1/suggestions", json=payload)
    assert r.status_code == 200
    sent = json.dumps(fake.requests[-1], ensure_ascii=False)
    record = llm_live.services.suggestions.get(r.json()["id"])
    stored = json.dumps(
        {"request": record.request, "drafts": record.drafts, "search": record.search_text}, ensure_ascii=False
    )
    for secret in SECRETS:
        assert secret not in sent, secret
        assert secret not in stored, secret
    assert "Danke" in stored  # the word after the IBAN is not swallowed


def test_stored_drafts_and_events_keep_no_name_and_use_the_locales_region(live):
    payload = {
        "messages": [{"role": "customer", "text": "Mein Paket ist nicht angekommen."}],
        "customer": {"locale": "de-DE", "name": "Anna Schmidt"},
    }
    with live.client() as c:
        s = c.post("/api/v1/suggestions", json=payload).json()
        draft = s["drafts"][0]
        assert "Anna Schmidt" in draft["text"] or "Schmidt" in draft["text"]  # the agent sees the name
        final = draft["text"] + " Rufen Sie mich unter 0151 23456789 an."
        event = c.post(
            f"/api/v1/suggestions/{s['id']}/events",
            json={"type": "sent", "draft_id": draft["id"], "final_text": final},
        ).json()
    record = live.services.suggestions.get(s["id"])
    assert (
        "Schmidt" not in json.dumps(record.drafts, ensure_ascii=False) and "schmidt" not in record.search_text
    )
    stored = live.services.suggestions.events_as_dicts(s["id"])[-1]["final_text"]
    assert (
        "0151 23456789" not in stored and "[PHONE_1]" in stored
    )  # de-DE gives the region for national numbers
    assert "Schmidt" not in stored
    # greeting the customer by name is not an edit
    assert [d for d in event["diff"] if "[NAME]" in d.get("from", "")] == []
