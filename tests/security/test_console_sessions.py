"""Console sign-in is a server-side session, and state-changing requests from another origin are refused."""

from __future__ import annotations

import httpx


def _signed_in(live, role: str = "supervisor") -> httpx.Client:
    c = httpx.Client(base_url=live.url)
    r = c.post("/console/login", data={"token": live.tokens[role]})
    assert r.status_code == 303
    return c


def test_the_cookie_is_a_session_not_the_token_and_logout_ends_it_server_side(live):
    c = _signed_in(live)
    cookie = c.cookies.get("tactful_console")
    assert cookie and cookie != live.tokens["supervisor"] and live.tokens["supervisor"] not in cookie
    assert c.get("/console", follow_redirects=False).status_code == 200
    stolen = httpx.Client(base_url=live.url, cookies={"tactful_console": cookie})
    assert stolen.get("/console", follow_redirects=False).status_code == 200
    c.get("/console/logout")
    # the copy of the cookie no longer works: the session ended on the server
    assert stolen.get("/console", follow_redirects=False).status_code in (303, 401)
    # and the raw API token is not a console cookie
    raw = httpx.Client(base_url=live.url, cookies={"tactful_console": live.tokens["supervisor"]})
    assert raw.get("/console", follow_redirects=False).status_code in (303, 401)


def test_sessions_expire_and_end_when_the_token_is_revoked(live):
    from datetime import timedelta

    from tactful.records.models import ConsoleSession, utcnow
    from tactful.records.tokens import hash_token

    secret, info = live.services.tokens.create("qa", "temporary qa")
    c = httpx.Client(base_url=live.url)
    c.post("/console/login", data={"token": secret})
    cookie = c.cookies.get("tactful_console")
    assert c.get("/console/qa", follow_redirects=False).status_code == 200
    with live.services.db.session() as s:
        s.get(ConsoleSession, hash_token(cookie)).expires_at = utcnow() - timedelta(seconds=1)
    assert c.get("/console/qa", follow_redirects=False).status_code in (303, 401)
    c.post("/console/login", data={"token": secret})
    assert c.get("/console/qa", follow_redirects=False).status_code == 200
    live.services.tokens.revoke(info.id)
    assert c.get("/console/qa", follow_redirects=False).status_code in (303, 401)


def test_a_page_on_another_port_of_the_same_host_cannot_publish(live):
    c = _signed_in(live)
    before = c.get(
        "/api/v1/library/items/phrase:en:greeting.hello:formal",
        headers={"Authorization": f"Bearer {live.tokens['supervisor']}"},
    ).json()
    port = int(live.url.rsplit(":", 1)[1])
    evil = f"http://127.0.0.1:{port + 1}"
    for headers in (
        {"Origin": evil, "Sec-Fetch-Site": "same-site"},
        {"Origin": evil},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
    ):
        r = c.post(
            "/console/item/phrase:en:greeting.hello:formal/publish/1", headers=headers, follow_redirects=False
        )
        assert r.status_code == 403 and r.json()["code"] == "cross-origin", (headers, r.status_code)
        r = c.post("/console/item/culture:fr-FR/retire", headers=headers, follow_redirects=False)
        assert r.status_code == 403
    after = c.get(
        "/api/v1/library/items/phrase:en:greeting.hello:formal",
        headers={"Authorization": f"Bearer {live.tokens['supervisor']}"},
    ).json()
    assert before == after
    # the console's own pages still work
    own = c.post(
        "/console/item/phrase:en:greeting.hello:formal/publish/1",
        headers={"Origin": live.url, "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert own.status_code == 303


def test_the_cookie_is_secure_behind_https(live):
    c = httpx.Client(base_url=live.url)
    r = c.post("/console/login", data={"token": live.tokens["qa"]}, headers={"X-Forwarded-Proto": "https"})
    assert "secure" in r.headers["set-cookie"].lower()
    assert (
        "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    )
