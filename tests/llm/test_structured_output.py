"""The answer's shape is asked for in the most constraining way the endpoint accepts: the prompt's JSON schema
(strict), else any JSON object, else plain text that the parser repairs. A refusal is learned once per endpoint."""

from __future__ import annotations

import json

import pytest

from tactful.llm.client import strict_schema

from ..drafting.test_llm import ASK, GOOD
from ..fakes.openai_server import Reply


@pytest.fixture()
def llm_live(with_model):
    return with_model


def _ask(live) -> dict:
    with live.client() as c:
        r = c.post("/api/v1/suggestions", json=ASK)
    assert r.status_code == 200
    return r.json()


def test_the_prompt_schema_is_sent_strict(llm_live, fake):
    fake.enqueue(Reply(content=GOOD))
    body = _ask(llm_live)
    assert body["drafter"]["degraded"] is False
    shape = fake.requests[-1]["response_format"]
    assert shape["type"] == "json_schema" and shape["json_schema"]["strict"] is True
    drafts = shape["json_schema"]["schema"]["properties"]["drafts"]
    assert drafts["items"]["additionalProperties"] is False
    assert set(drafts["items"]["required"]) == set(drafts["items"]["properties"])


def test_a_server_that_refuses_json_schema_is_asked_for_json_once_and_remembered(llm_live, fake):
    fake.refuse_formats["json_schema"] = 500  # llama-cpp-python 0.3
    fake.enqueue(Reply(content=GOOD), Reply(content=GOOD))
    first = _ask(llm_live)
    assert first["drafter"]["degraded"] is False and len(fake.requests) == 2  # refused, then json_object
    assert [r.get("response_format", {}).get("type") for r in fake.requests] == ["json_schema", "json_object"]
    second = _ask(llm_live)
    assert second["drafter"]["degraded"] is False
    assert (
        len(fake.requests) == 3 and fake.requests[-1]["response_format"]["type"] == "json_object"
    )  # no retry


def test_a_server_without_json_modes_gets_plain_text_and_the_answer_is_repaired(llm_live, fake):
    fake.refuse_formats.update({"json_schema": 400, "json_object": 400})
    fake.enqueue(Reply(content="Here are the drafts you asked for:\n```json\n" + GOOD + "\n```"))
    body = _ask(llm_live)
    assert (
        body["drafter"]["degraded"] is False
        and body["drafts"][0]["text"] == json.loads(GOOD)["drafts"][0]["text"]
    )
    assert "response_format" not in fake.requests[-1]


def test_an_ordinary_server_error_does_not_change_the_mode(llm_live, fake):
    fake.enqueue(Reply(status=500), Reply(content=GOOD))
    assert _ask(llm_live)["drafter"]["degraded"] is True
    _ask(llm_live)
    assert fake.requests[-1]["response_format"]["type"] == "json_schema"


def test_strict_schema_closes_objects_and_makes_optional_fields_nullable():
    schema = {
        "type": "object",
        "required": ["a"],
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "integer"},
            "c": {"type": "array", "items": {"type": "object", "properties": {"d": {"type": "string"}}}},
        },
    }
    out = strict_schema(schema)
    assert out["additionalProperties"] is False and out["required"] == ["a", "b", "c"]
    assert out["properties"]["b"]["type"] == ["integer", "null"]
    assert out["properties"]["c"]["items"]["additionalProperties"] is False
