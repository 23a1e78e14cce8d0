"""Compose: the agent's words in their language become a reply in the customer's language and culture, through
a real local OpenAI-compatible server; recorded like a suggestion; without a model, a clear problem."""

from __future__ import annotations

import json

import pytest

from ..drafting.test_llm import _events
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


def _stream(client, path: str, payload: dict) -> list[tuple[str, dict]]:
    with client.stream("POST", path, json=payload, headers={"Accept": "text/event-stream"}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        return _events(r)


def test_compose_streams_the_reply_as_the_model_writes_it(llm_live, fake):
    fake.enqueue(
        Reply(
            content=json.dumps(
                {
                    "text": "山田様、大変申し訳ございません。明日お送りいたします。",
                    "back_translation": "Ms Yamada, we are very sorry.",
                },
                ensure_ascii=False,
            ),
            chunk_chars=5,
        )
    )
    with llm_live.client() as agent:
        events = _stream(agent, "/api/v1/compose", JA)
    kinds = [k for k, _ in events]
    assert kinds[0] == "meta" and kinds[-1] == "done" and kinds.count("delta") >= 3
    written = "".join(d["text"] for k, d in events if k == "delta")
    done = events[-1][1]
    assert written == done["drafts"][0]["text"] and done["drafts"][0]["back_translation"].startswith(
        "Ms Yamada"
    )
    assert llm_live.services.suggestions.get(done["id"]) is not None  # recorded like the unstreamed reply


def test_a_compose_stream_that_fails_ends_with_a_problem_and_records_nothing(llm_live, fake):
    fake.enqueue(Reply(content="not json at all"))
    with llm_live.client() as agent:
        events = _stream(agent, "/api/v1/compose", JA)
    assert [k for k, _ in events] == ["meta", "error"]
    problem = events[-1][1]
    assert problem["code"] == "model-required" and "could not compose" in problem["detail"]
    assert llm_live.services.suggestions.get(events[0][1]["id"]) is None


def test_without_a_model_a_stream_is_refused_before_it_starts(live):
    with live.client() as agent:
        r = agent.post("/api/v1/compose", json=JA, headers={"Accept": "text/event-stream"})
        t = agent.post("/api/v1/translate", json=KO, headers={"Accept": "text/event-stream"})
    assert (r.status_code, t.status_code) == (409, 409) and r.json()["code"] == t.json()[
        "code"
    ] == "model-required"


def test_translations_stream_one_message_at_a_time_and_cached_ones_at_once(llm_live, fake):
    two = {
        "translations": [
            {"index": 1, "text": "The mug arrived cracked."},
            {"index": 2, "text": "Is a new one coming?"},
        ]
    }
    fake.enqueue(Reply(content=json.dumps(two), chunk_chars=6))
    payload = {
        **KO,
        "messages": [
            {"role": "customer", "text": "머그컵이 금이 간 채로 왔어요."},
            {"role": "agent", "text": "확인해 보겠습니다."},
            {"role": "customer", "text": "새 제품이 오나요?"},
        ],
    }
    with llm_live.client() as agent:
        events = _stream(agent, "/api/v1/translate", payload)
        calls = len(fake.requests)
        again = _stream(agent, "/api/v1/translate", payload)
    deltas = [d for k, d in events if k == "delta"]
    assert {d["customer_index"] for d in deltas} == {0, 1} and len(deltas) > 2  # written piece by piece
    for i in (0, 1):
        assert (
            "".join(d["text"] for d in deltas if d["customer_index"] == i) == two["translations"][i]["text"]
        )
    assert events[-1][0] == "done" and [t["text"] for t in events[-1][1]["translations"]] == [
        "The mug arrived cracked.",
        "Is a new one coming?",
    ]
    # The second time, both come from the cache at once: one delta each and no model call.
    assert len(fake.requests) == calls and [k for k, _ in again].count("delta") == 2
    assert again[-1][1]["cached"] == 2
