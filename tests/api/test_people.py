"""Tokens belong to named people in teams; metrics are by person and team, across a person's rotated tokens."""

from __future__ import annotations


def _suggest(live, token: str, text: str) -> dict:
    import httpx

    with httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {token}"}) as c:
        r = c.post(
            "/api/v1/suggestions",
            json={"conversation_id": f"people-{text[:12]}", "messages": [{"role": "customer", "text": text}]},
        )
        assert r.status_code == 200
        return r.json()


def test_a_person_keeps_their_history_across_a_rotated_token_and_metrics_group_by_person_and_team(live):
    with live.client("admin") as admin:
        made = admin.post(
            "/api/v1/tokens", json={"role": "agent", "person": "Mei Tanaka", "team": "Tier 1 APAC"}
        )
        assert made.status_code == 201 and made.json()["person"] == "Mei Tanaka"
        first = made.json()
        _suggest(live, first["token"], "Where is my parcel? It is late.")
        rotated = admin.post(f"/api/v1/tokens/{first['id']}/rotate").json()
        assert rotated["person"] == "Mei Tanaka" and rotated["id"] != first["id"]
        _suggest(live, rotated["token"], "Can I change the delivery address?")
        people = {p["name"]: p for p in admin.get("/api/v1/people").json()}
        assert people["Mei Tanaka"]["team"] == "Tier 1 APAC"
        assert [t["active"] for t in people["Mei Tanaka"]["tokens"]] == [False, True]
        import httpx

        old = httpx.post(
            f"{live.url}/api/v1/suggestions",
            headers={"Authorization": f"Bearer {first['token']}"},
            json={"messages": [{"role": "customer", "text": "hi"}]},
        )
        assert old.status_code == 401  # the rotated-out secret no longer works
    with live.client("qa") as qa:
        by_agent = {
            g["group"]: g for g in qa.get("/api/v1/qa/metrics", params={"by": "agent"}).json()["groups"]
        }
        by_team = {
            g["group"]: g for g in qa.get("/api/v1/qa/metrics", params={"by": "team"}).json()["groups"]
        }
    assert by_agent["Mei Tanaka"]["suggestions"] == 2  # both tokens, one person
    assert by_team["Tier 1 APAC"]["suggestions"] >= 2


def test_the_console_names_the_person_who_signed_in(live):
    import httpx

    secret, _ = live.services.tokens.create(
        "qa",
        "qa lead",
        person_id=__import__("tactful.records.tokens", fromlist=["PeopleRepository"])
        .PeopleRepository(live.services.db)
        .ensure("Jonas Berg", "QA"),
    )
    c = httpx.Client(base_url=live.url)
    c.post("/console/login", data={"token": secret})
    assert "Jonas Berg" in c.get("/console/qa").text
