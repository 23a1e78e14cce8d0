"""Streams decode JSON escapes across chunk boundaries, and whatever the model sends, the stream ends with a
`done` event and a record."""

from __future__ import annotations

import json

import pytest

from tactful.drafting.output import DraftTextStream

from ..drafting.test_llm import ASK, _events
from ..fakes.openai_server import Reply

EMOJI = json.dumps(
    {
        "drafts": [
            {
                "text": "Danke 😀 für Ihre Geduld – 10 €.",
                "back_translation": "Thanks",
                "source_ids": ["kb:delayed-delivery"],
            }
        ]
    },
    ensure_ascii=True,
)  # \ud83d\ude00, \u2013


@pytest.mark.parametrize("size", [1, 2, 3, 5, 6, 7, 11])
def test_surrogate_pairs_split_anywhere_decode_to_one_character(size):
    parser, got = DraftTextStream(), []
    for i in range(0, len(EMOJI), size):
        got += parser.feed(EMOJI[i : i + size])
    text = "".join(t for _, t in got)
    assert text == "Danke 😀 für Ihre Geduld – 10 €."
    text.encode("utf-8")  # nothing unencodable


def test_lone_surrogates_and_invalid_escapes_never_break_decoding():
    parser = DraftTextStream()
    text = "".join(
        t for _, t in parser.feed('{"drafts": [{"text": "a\\ud83d b \\ude00 c \\x d \\u12G4 e"}]}')
    )
    assert text.startswith("a\ufffd b \ufffd c \\x d")
    text.encode("utf-8")


@pytest.fixture()
def llm_live(with_model):
    return with_model


@pytest.mark.parametrize(
    "content",
    [
        EMOJI,
        EMOJI.replace("Geduld", "Ged\\xuld"),  # invalid escape
        EMOJI.replace("\\ude00", ""),  # a lone high surrogate
        '{"drafts": [{"text": "Hallo \\',  # cut inside an escape
    ],
    ids=["emoji", "invalid-escape", "lone-surrogate", "cut-escape"],
)
def test_the_stream_always_ends_with_done_and_a_record(llm_live, fake, content):
    fake.enqueue(Reply(content=content, chunk_chars=3))
    with (
        llm_live.client("agent") as c,
        c.stream("POST", "/api/v1/suggestions", json=ASK, headers={"Accept": "text/event-stream"}) as r,
    ):
        events = _events(r)
    assert events[-1][0] == "done", [k for k, _ in events]
    done = events[-1][1]
    assert done["drafts"]
    assert llm_live.services.suggestions.get(done["id"]) is not None
    for kind, data in events:
        if kind == "delta":
            data["text"].encode("utf-8")
