"""The suggestion log seam over real SQLite: a plain entry is stored and read back, translations kept, events
and reviews go with their suggestion when retention purges it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tactful.records.db import Database, migrate
from tactful.records.models import Review, SuggestionEvent
from tactful.records.suggestions import SuggestionRepository
from tactful.seams import SuggestionEntry


def _entry(sid: str, created_at: datetime | None = None) -> SuggestionEntry:
    return SuggestionEntry(
        id=sid,
        token_id=None,
        conversation_id="c1",
        language_tag="de-DE",
        culture_profile="de-DE",
        drafter_kind="offline",
        prompt_version="",
        model="tactful-offline",
        degraded=False,
        stage="question",
        request={
            "messages": [{"role": "customer", "text": "Wo ist [ORDER_1]?", "sent_at": None}],
            "customer": {"locale": "de-DE", "country": None},
        },
        language={"tag": "de-DE"},
        culture={"profile": "de-DE"},
        sources=[],
        drafts=[{"id": "d1", "text": "Hallo"}],
        timings_ms={"total": 12.5},
        redactions={"ORDER": 1},
        latency_ms=12.5,
        tokens={},
        drafter_note="",
        insight=None,
        intent="delivery_status",
        sentiment="neutral",
        urgency="low",
        search_text="wo ist",
        state_key=None,
        created_at=created_at,
    )


def _repo(tmp_path) -> SuggestionRepository:
    db = Database(f"sqlite:///{tmp_path / 'log.db'}")
    migrate(db.engine)
    return SuggestionRepository(db)


def test_an_entry_is_stored_and_read_back(tmp_path):
    repo = _repo(tmp_path)
    repo.record(_entry("a1"))
    row = repo.get("a1")
    assert row is not None and row.language_tag == "de-DE" and row.redactions == {"ORDER": 1}
    assert row.request["messages"][0]["text"] == "Wo ist [ORDER_1]?" and row.created_at is not None
    assert repo.keep_translations("a1", "en", [{"customer_index": 0, "text": "Where is [ORDER_1]?"}])
    kept = repo.get("a1").request["translations"]
    assert kept == {"target": "en", "messages": [{"customer_index": 0, "text": "Where is [ORDER_1]?"}]}
    assert not repo.keep_translations("missing", "en", [])


def test_retention_removes_old_suggestions_with_their_events_and_reviews(tmp_path):
    repo = _repo(tmp_path)
    repo.record(_entry("old", datetime.now(UTC) - timedelta(days=40)))
    repo.record(_entry("new"))
    repo.add_event(SuggestionEvent(suggestion_id="old", type="inserted", draft_id="d1"))
    with repo.db.session() as s:
        s.add(
            Review(
                suggestion_id="old", reviewer="qa", rubric_version="rubric:default/v1", scores={}, comment=""
            )
        )
    assert repo.purge_older_than(30) == 1
    assert repo.get("old") is None and repo.get("new") is not None and repo.events("old") == []
