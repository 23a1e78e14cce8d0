"""The suggestion use case on the real pipeline (SQLite, Chroma on disk), without HTTP: the drafter chosen at
start-up drafts, the suggestion is recorded, what the agent did is reported on it, only its agent reads it, and
practice drafts are never recorded."""

from __future__ import annotations

import pytest

from tactful.drafting.pipeline import ChatMessage, SuggestionInput
from tactful.errors import Forbidden, TactfulError
from tactful.records.models import SuggestionRecord

from ..conftest import run_async

ASK = SuggestionInput(
    [ChatMessage("customer", "Hallo, mein Paket ist nach zwei Wochen immer noch nicht da.")],
    customer_locale="de-DE",
    conversation_id="uc-1",
)


def test_run_drafts_offline_and_records_the_suggestion(services):
    out = run_async(services.flow.run, ASK, None)
    assert out["drafter"]["kind"] == "offline" and out["language"]["tag"].startswith("de") and out["drafts"]
    stored = services.suggestions.get(out["id"])
    assert stored is not None and stored.conversation_id == "uc-1" and stored.drafts[0]["id"] == "d1"


def test_stream_without_a_model_sends_meta_then_done(services):
    async def collect():
        return [event async for event in services.flow.stream(ASK, None)]

    events = run_async(collect)
    assert [name for name, _ in events] == ["meta", "done"] and events[1][1]["id"] == events[0][1]["id"]


def test_report_and_read_are_for_the_suggestions_own_agent(services):
    mine, _ = services.tokens.create("agent", "use case owner")
    owner = services.tokens.verify(mine)
    other = services.tokens.verify(services.tokens.create("agent", "someone else")[0])
    out = run_async(services.flow.run, ASK, owner.id)
    event = run_async(services.flow.report, out["id"], owner.id, "agent", "inserted", "d1", None)
    assert event.type == "inserted"
    assert services.flow.read(out["id"], owner.id, "agent")["events"][0]["type"] == "inserted"
    with pytest.raises(Forbidden):
        services.flow.read(out["id"], other.id, "agent")
    assert services.flow.read(out["id"], other.id, "qa")["id"] == out["id"]  # QA reads every suggestion


def test_compose_and_translate_need_a_model(services):
    with pytest.raises(TactfulError) as composed:
        run_async(services.flow.compose, ASK, None, "Sorry, we'll send a new one.")
    with pytest.raises(TactfulError) as translated:
        run_async(services.translation.run, ASK, 1, "agent", None)
    assert composed.value.code == translated.value.code == "model-required"


def test_practice_drafts_are_not_recorded(services):
    drafts = services.flow.unrecorded_drafts(
        SuggestionInput([ChatMessage("customer", "Where is my parcel?")], conversation_id="practice-probe")
    )
    assert drafts and all(d["text"] for d in drafts)
    with services.db.session() as s:
        assert s.query(SuggestionRecord).filter_by(conversation_id="practice-probe").count() == 0
