"""Compose: the agent's words in their language become a reply in the customer's language and culture, through
a real local OpenAI-compatible server; recorded like a suggestion; without a model, a clear problem."""

from __future__ import annotations

import json

import pytest

from ..fakes.openai_server import Reply

JA = {
    "customer": {"locale": "ja-JP", "name": "山田 花子"},
    "agent": {"language": "en"},
    "messages": [{"role": "customer", "text": "届いたカップが割れていました。"}],
    "text": "Sorry, we'll send a new one tomorrow.",
}


@pytest.fixture()
def llm_live(with_model):
    return with_model


def _answer(text: str, back: str) -> Reply:
    return Reply(content=json.dumps({"text": text, "back_translation": back}, ensure_ascii=False))


def test_an_english_sentence_becomes_a_keigo_reply_with_a_back_translation(llm_live, fake):
    fake.enqueue(
        _answer(
            "山田様、この度は大変申し訳ございません。明日、新しい商品をお送りいたします。",
            "Ms Yamada, we are very sorry. We will send you a new item tomorrow.",
        )
    )
    with llm_live.client() as agent:
        r = agent.post("/api/v1/compose", json=JA)
    assert r.status_code == 200, r.text
    body = r.json()
    draft = body["drafts"][0]
    assert draft["text"].startswith("山田様") and draft["back_translation"].startswith("Ms Yamada")
    assert draft["flags"] == [] and draft["label"] == "Composed from your words"
    sent = "\n".join(m["content"] for m in fake.requests[-1]["messages"])
    assert "Sorry, we'll send a new one tomorrow." in sent and "keigo" in sent and "<customer>" in sent
    assert fake.requests[-1]["response_format"]["type"] == "json_schema"
    record = llm_live.services.suggestions.get(body["id"])  # QA sees it like a draft
    assert record.drafts[0]["text"].startswith("[NAME]") or record.drafts[0]["text"].startswith("山田様")


def test_a_german_customer_gets_sie_and_an_invented_refund_is_flagged(llm_live, fake):
    fake.enqueue(
        _answer(
            "Es tut uns leid. Wir schicken Ihnen morgen einen neuen Wasserkocher und erstatten Ihnen 10 €.",
            "We are sorry. We will send you a new kettle tomorrow and refund you 10 €.",
        )
    )
    payload = {
        "customer": {"locale": "de-DE"},
        "messages": [{"role": "customer", "text": "Mein Wasserkocher ist kaputt."}],
        "text": "Sorry, we'll send a new one tomorrow.",
    }
    with llm_live.client() as agent:
        draft = agent.post("/api/v1/compose", json=payload).json()["drafts"][0]
    assert "Ihnen" in draft["text"]
    assert any("10" in f for f in draft["flags"])  # the agent never said 10 €


def test_without_a_model_compose_says_so(live):
    with live.client() as agent:
        r = agent.post("/api/v1/compose", json=JA)
    assert r.status_code == 409 and r.json()["code"] == "model-required"
    with live.client("qa") as qa:
        assert qa.post("/api/v1/compose", json=JA).status_code == 403


def test_a_failing_model_is_a_clear_problem_not_a_wrong_reply(llm_live, fake):
    fake.enqueue(Reply(status=500))
    with llm_live.client() as agent:
        r = agent.post("/api/v1/compose", json=JA)
    assert (
        r.status_code == 409
        and r.json()["code"] == "model-required"
        and "could not compose" in r.json()["detail"]
    )


KO = {
    "customer": {"locale": "ko-KR"},
    "agent": {"language": "en"},
    "messages": [
        {"role": "customer", "text": "주문한 컵이 깨져서 왔어요. 제 메일은 minji@example.kr 이에요."},
        {"role": "agent", "text": "안녕하세요, 확인해 보겠습니다."},
        {"role": "customer", "text": "언제 새 컵을 받을 수 있나요?"},
    ],
}


def test_customer_messages_are_translated_once_and_placeholders_refilled(llm_live, fake):
    fake.enqueue(
        Reply(
            content=json.dumps(
                {
                    "translations": [
                        {"index": 1, "text": "The cup I ordered arrived broken. My e-mail is [EMAIL_1]."},
                        {"index": 2, "text": "When can I get a new cup?"},
                    ]
                }
            )
        )
    )
    with llm_live.client() as agent:
        first = agent.post("/api/v1/translate", json=KO).json()
        calls = len(fake.requests)
        sent = "\n".join(m["content"] for m in fake.requests[-1]["messages"])
        second = agent.post("/api/v1/translate", json=KO).json()
    assert [t["index"] for t in first["translations"]] == [0, 2]
    assert (
        first["translations"][0]["text"] == "The cup I ordered arrived broken. My e-mail is minji@example.kr."
    )
    assert "minji@example.kr" not in sent and "[EMAIL_1]" in sent  # the model never sees the address
    assert second["cached"] == 2 and len(fake.requests) == calls  # the second request costs no model call
    assert second["translations"] == first["translations"]


def test_translation_without_a_model_or_with_a_failing_one_is_a_clear_problem(live, llm_live, fake):
    with live.client() as agent:
        assert agent.post("/api/v1/translate", json=KO).json()["code"] == "model-required"
    fake.enqueue(Reply(status=500))
    other = {**KO, "messages": [{"role": "customer", "text": "배송이 너무 늦어요."}]}
    with llm_live.client() as agent:
        r = agent.post("/api/v1/translate", json=other)
    assert r.status_code == 409 and "could not translate" in r.json()["detail"]


def test_translations_are_kept_with_the_suggestion_for_qa(llm_live, fake):
    with llm_live.client() as agent:
        fake.enqueue(
            Reply(
                content=json.dumps(
                    {"drafts": [{"text": "감사합니다.", "back_translation": "Thanks", "source_ids": []}]},
                    ensure_ascii=False,
                )
            )
        )
        suggestion = agent.post("/api/v1/suggestions", json={**KO, "messages": KO["messages"][:1]}).json()
        fake.enqueue(
            Reply(
                content=json.dumps(
                    {
                        "translations": [
                            {"index": 1, "text": "The cup arrived broken. My e-mail is [EMAIL_1]."}
                        ]
                    }
                )
            )
        )
        agent.post(
            "/api/v1/translate",
            json={
                **KO,
                "messages": [{"role": "customer", "text": "컵이 깨져서 왔어요. 메일은 x@example.kr"}],
                "suggestion_id": suggestion["id"],
            },
        )
    record = llm_live.services.suggestions.get(suggestion["id"])
    kept = record.request["translations"]
    assert kept["target"] == "en" and kept["messages"][0]["text"].endswith(
        "[EMAIL_1]."
    )  # redacted, as the model saw it
    import httpx

    console = httpx.Client(base_url=llm_live.url)
    qa_token = llm_live.services.tokens.create("qa", "translation reviewer")[0]
    console.post("/console/login", data={"token": qa_token})
    page = console.get(f"/console/qa/s/{suggestion['id']}").text
    assert 'id="translations"' in page and "The cup arrived broken" in page
