"""Bad input gets problem+json with a stable code, and nothing stored is lost or half-written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tactful.records.models import SuggestionEvent, SuggestionRecord


def _counts(services) -> tuple[int, int]:
    with services.db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(SuggestionRecord)),
            s.scalar(select(func.count()).select_from(SuggestionEvent)),
        )


def _assert_problem(r, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["code"] == code and body["status"] == status
    assert body["title"] and body["detail"] and body["request_id"]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        pytest.param({"messages": []}, 422, "invalid-request", id="empty-conversation"),
        pytest.param({}, 422, "invalid-request", id="no-messages"),
        pytest.param(
            {"messages": [{"role": "bot", "text": "hi"}]}, 422, "invalid-request", id="unknown-role"
        ),
        pytest.param(
            {"messages": [{"role": "customer", "text": ""}]}, 422, "invalid-request", id="empty-text"
        ),
        pytest.param(
            {"messages": [{"role": "agent", "text": "Hello!"}]}, 422, "no-customer-message", id="agent-only"
        ),
        pytest.param(
            {"messages": [{"role": "customer", "text": "hi"}], "drafts": 9},
            422,
            "invalid-request",
            id="too-many-drafts",
        ),
        pytest.param(
            {"messages": [{"role": "customer", "text": "hi"}], "customer": {"locale": "not a tag"}},
            422,
            "invalid-request",
            id="bad-locale",
        ),
        pytest.param(
            {"messages": [{"role": "customer", "text": "x" * 9000}]},
            422,
            "message-too-long",
            id="long-message",
        ),
        pytest.param(
            {"messages": [{"role": "customer", "text": "hi"}] * 201},
            422,
            "conversation-too-long",
            id="oversized-conversation",
        ),
    ],
)
def test_invalid_requests_are_problems_and_store_nothing(live, agent, payload, status, code):
    before = _counts(live.services)
    _assert_problem(agent.post("/api/v1/suggestions", json=payload), status, code)
    assert _counts(live.services) == before


def test_malformed_json_is_400(live, agent):
    before = _counts(live.services)
    r = agent.post(
        "/api/v1/suggestions", content=b'{"messages": [', headers={"Content-Type": "application/json"}
    )
    _assert_problem(r, 400, "malformed-json")
    assert _counts(live.services) == before


def test_one_megabyte_message_is_413(live, agent):
    before = _counts(live.services)
    r = agent.post("/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "a" * 1_000_000}]})
    _assert_problem(r, 413, "payload-too-large")
    assert _counts(live.services) == before


def test_chunked_body_over_limit_is_413(agent):
    def chunks():
        for _ in range(40):
            yield b"a" * 10_000

    r = agent.post("/api/v1/suggestions", content=chunks(), headers={"Content-Type": "application/json"})
    _assert_problem(r, 413, "payload-too-large")


def test_unknown_route_is_problem(agent):
    _assert_problem(agent.get("/api/v1/nothing-here"), 404, "not-found")


def test_request_id_is_echoed(agent):
    r = agent.post("/api/v1/suggestions", json={}, headers={"X-Request-ID": "abc123"})
    assert r.headers["x-request-id"] == "abc123" and r.json()["request_id"] == "abc123"
