"""Bearer tokens with roles guard every /api/v1 route."""

from __future__ import annotations

import pytest

ASK = {"messages": [{"role": "customer", "text": "Where is my parcel?"}]}


def test_no_token_is_401(live):
    with live.client(None) as c:
        r = c.post("/api/v1/suggestions", json=ASK)
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"


@pytest.mark.parametrize("header", ["Bearer", "Basic abc", "Bearer not-a-token", "tfl_xyz"])
def test_malformed_or_unknown_token_is_401(live, header):
    with live.client(None, headers={"Authorization": header}) as c:
        assert c.post("/api/v1/suggestions", json=ASK).status_code == 401


def test_qa_may_not_ask_for_suggestions(live):
    with live.client("qa") as c:
        r = c.post("/api/v1/suggestions", json=ASK)
    assert r.status_code == 403 and r.json()["code"] == "forbidden"


def test_revoked_token_stops_working(live):
    secret, info = live.services.tokens.create("agent", "to revoke")
    with live.client(None, headers={"Authorization": f"Bearer {secret}"}) as c:
        assert c.post("/api/v1/suggestions", json=ASK).status_code == 200
        with live.client("admin") as admin:
            assert admin.delete(f"/api/v1/tokens/{info.id}").status_code == 204
        assert c.post("/api/v1/suggestions", json=ASK).status_code == 401


def test_admin_creates_token_that_works_and_is_stored_hashed(live):
    with live.client("admin") as admin:
        created = admin.post("/api/v1/tokens", json={"role": "qa", "label": "new qa"}).json()
        listed = admin.get("/api/v1/tokens").json()
    assert created["token"].startswith("tfl_")
    assert all("token" not in t for t in listed)
    with live.client(None, headers={"Authorization": f"Bearer {created['token']}"}) as c:
        assert c.get("/api/v1/me").json()["role"] == "qa"


def test_agent_may_not_manage_tokens(agent):
    assert agent.get("/api/v1/tokens").status_code == 403
