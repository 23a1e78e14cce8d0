"""ModelCall, the one routine every model call goes through, against a real local OpenAI-compatible server:
render, fit (oldest turns dropped first), call, parse and check, fall back, and the reasons it gives."""

from __future__ import annotations

import json

import pytest

from tactful.library.prompts import parse_prompt
from tactful.llm.budget import PromptTooLarge, turn
from tactful.llm.call import MAX_OUTPUT_CHARS, CallFailed, ModelCall
from tactful.llm.client import OpenAIChatModel
from tactful.llm.output import OutputError, json_object
from tactful.llm.tokens import TiktokenCounter

from ..conftest import run_async
from ..fakes.openai_server import Reply

PROMPT = """---
id: probe
version: 1
description: a prompt for the routine's tests
params:
  topic: what the customer asked about
  conversation: the conversation so far
output_schema:
  type: object
  required: [answer]
  properties:
    answer: {type: string}
---
## system
Answer in one short sentence about $topic.

## user
$conversation
"""


@pytest.fixture(autouse=True)
def _fresh(fake):
    fake.reset()  # the fake server is shared by the session: each test reads only its own requests


def _call(fake, window: int = 8192, max_output: int = 200) -> ModelCall:
    model = OpenAIChatModel(fake.url, "test-model", None, timeout_s=2.0, retry_after_max_s=0.5)
    return ModelCall(model, TiktokenCounter(), window, max_output)


def _parse(text: str) -> str:
    return str(json_object(text, "answer")["answer"])


def _run(call: ModelCall, **kwargs):
    template = parse_prompt(PROMPT, "probe.md")
    turns = kwargs.pop("turns", [turn("customer", "Where is my parcel?")])
    return run_async(
        lambda: call.run(
            template, {"topic": "parcels"}, _parse, turns_key="conversation", turns=turns, **kwargs
        )
    )


def test_a_good_answer_is_parsed_with_counted_and_reported_tokens(fake):
    fake.enqueue(Reply(content=json.dumps({"answer": "It ships today."})))
    answer = _run(_call(fake))
    assert answer.value == "It ships today." and answer.degraded is None
    assert answer.prompt_tokens == 321 and answer.completion_tokens == 123 and answer.prompt_counted > 10
    sent = fake.requests[-1]
    assert (
        sent["response_format"]["type"] == "json_schema"
        and "<customer>Where is my parcel?</customer>" in sent["messages"][1]["content"]
    )


def test_the_oldest_turns_go_first_when_the_window_is_small(fake):
    fake.enqueue(Reply(content=json.dumps({"answer": "ok"})))
    turns = [turn("customer", f"message {i} " + "padding " * 60) for i in range(12)]
    answer = _run(_call(fake, window=900, max_output=200), turns=turns)
    sent = fake.requests[-1]["messages"][1]["content"]
    assert "message 11" in sent and "message 0 " not in sent and answer.prompt_counted <= 900 - 200 - 64


def test_a_prompt_that_cannot_fit_fails_before_any_call(fake):
    with pytest.raises(CallFailed) as failed:
        _run(_call(fake, window=300, max_output=250))
    assert "does not fit" in failed.value.reason and fake.requests == []


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        pytest.param(Reply(status=500), "500", id="server-error"),
        pytest.param(Reply(content="no json here"), "unusable", id="malformed"),
        pytest.param(Reply(content=json.dumps({"other": 1})), "'answer'", id="check-failed"),
        pytest.param(Reply(content="x" * (MAX_OUTPUT_CHARS + 1)), "at most", id="runaway"),
    ],
)
def test_failures_reach_the_fallback_with_a_reason(fake, reply, reason):
    fake.enqueue(reply)
    answer = _run(_call(fake), fallback=lambda why: f"offline ({why})")
    assert answer.degraded and reason in answer.degraded and answer.value.startswith("offline (")


def test_without_a_fallback_a_failure_raises_call_failed(fake):
    fake.enqueue(Reply(content="{}"))
    with pytest.raises(CallFailed) as failed:
        _run(_call(fake))
    assert "'answer'" in failed.value.reason


def test_no_template_is_a_failure_not_a_crash(fake):
    answer = run_async(lambda: _call(fake).run(None, {}, _parse, fallback=lambda why: why, what="probe"))
    assert answer.degraded == "no published prompt for the probe" and fake.requests == []


def test_output_helpers_repair_fences_and_refuse_empty():
    assert json_object('Sure!\n```json\n{"answer": "yes"}\n```', "answer") == {"answer": "yes"}
    for bad in ("", "   ", "[1, 2]", '{"answer": ""}'):
        with pytest.raises(OutputError):
            json_object(bad, "answer")
    assert PromptTooLarge.reason == "prompt does not fit the context window"
