"""Every malformed input answers one problem+json 4xx with X-Request-ID (never a 500), and the connection stays
usable for the next request."""

from __future__ import annotations

import json

import httpx
import pytest

BIG = 2**63  # larger than SQLite's INTEGER


def _problem(r: httpx.Response, status: int, code: str | None = None) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers["content-type"]
    assert r.headers.get("x-request-id")
    if code:
        assert r.json()["code"] == code, r.text


def test_a_request_id_that_is_not_a_plain_token_is_replaced(live):
    with httpx.Client(base_url=live.url) as c:
        r = c.get("/healthz", headers=[(b"X-Request-ID", b"\xff\xfe caf\xc3\xa9")])
        assert r.status_code == 200
        assert r.headers["x-request-id"].isalnum() and len(r.headers["x-request-id"]) == 32
        assert c.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
        assert c.get("/healthz").status_code == 200  # same keep-alive connection still fine


@pytest.mark.parametrize(
    "body",
    [
        b'{"messages": [{"role": "customer", "text": "caf\xe9"}]}',  # Latin-1, not UTF-8
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["not-utf8", "deep-nesting"],
)
def test_bodies_that_are_not_json_text_are_malformed_json(live, body):
    with live.client() as c:
        _problem(
            c.post("/api/v1/suggestions", content=body, headers={"Content-Type": "application/json"}),
            400,
            "malformed-json",
        )
        assert c.get("/healthz").status_code == 200


def _suggestion(c) -> dict:
    r = c.post(
        "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "Where is my parcel?"}]}
    )
    assert r.status_code == 200
    return r.json()


def test_lone_surrogates_are_refused_not_stored(live):
    with live.client() as c:
        s = _suggestion(c)
        draft = s["drafts"][0]["id"]
        raw = '{"type": "sent", "draft_id": "' + draft + '", "final_text": "ok \\ud800 then"}'
        _problem(
            c.post(
                f"/api/v1/suggestions/{s['id']}/events",
                content=raw,
                headers={"Content-Type": "application/json"},
            ),
            422,
            "invalid-request",
        )
        raw = '{"messages": [{"role": "customer", "text": "hi \\udfff"}]}'
        _problem(
            c.post("/api/v1/suggestions", content=raw, headers={"Content-Type": "application/json"}),
            422,
            "invalid-request",
        )
        assert c.get("/healthz").status_code == 200


def test_final_text_is_capped(live):
    with live.client() as c:
        s = _suggestion(c)
        r = c.post(
            f"/api/v1/suggestions/{s['id']}/events",
            json={"type": "sent", "draft_id": s["drafts"][0]["id"], "final_text": "word " * 20_000},
        )
        _problem(r, 422, "invalid-request")


@pytest.mark.parametrize(
    ("role", "method", "path", "kwargs"),
    [
        ("supervisor", "post", f"/api/v1/library/items/culture:de-DE/versions/{BIG}/publish", {}),
        ("supervisor", "post", "/api/v1/library/items/culture:de-DE/rollback", {"json": {"version": BIG}}),
        ("admin", "delete", f"/api/v1/tokens/{BIG}", {}),
        ("supervisor", "get", f"/api/v1/library/audit?limit={BIG}", {}),
        ("supervisor", "get", "/api/v1/library/audit?limit=-1", {}),
        ("supervisor", "get", f"/api/v1/library/items/culture:de-DE/diff?from=1&to={BIG}", {}),
        (
            "supervisor",
            "post",
            "/api/v1/library/preview",
            {"json": {"key": "culture:de-DE", "version": BIG, "conversation": {"messages": []}}},
        ),
    ],
)
def test_integers_beyond_the_database_are_4xx(live, role, method, path, kwargs):
    with live.client(role) as c:
        r = getattr(c, method)(path, **kwargs)
        assert 400 <= r.status_code < 500, r.text
        assert r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "conversation",
    [
        {"messages": "hello"},
        {"messages": [{"role": "customer"}]},
        {"messages": [["customer", "hi"]]},
        {"messages": [{"role": "customer", "text": 5}]},
        {},
        {"customer": "x", "messages": [{"role": "customer", "text": "hi"}]},
    ],
)
def test_preview_with_wrong_shapes_is_422(live, conversation):
    with live.client("supervisor") as c:
        r = c.post("/api/v1/library/preview", json={"key": "culture:de-DE", "conversation": conversation})
        _problem(r, 422)


def test_bad_prompt_front_matter_is_422(live):
    with live.client("supervisor") as c:
        for text in (
            "---\n[unclosed\n---\n## system\nx",
            "---\n- a list\n---\n## system\nx",
            "---\nid: x\n",
            "no front matter at all",
        ):
            _problem(c.post("/api/v1/library/prompt", json={"content": {"text": text}}), 422)


@pytest.mark.parametrize(
    "payload",
    [
        "key: [unclosed",
        "- {key: a.b, language: en, register: formal, text: [1, 2]}",
        "just a string",
        "- 5\n- 6",
    ],
)
def test_invalid_yaml_imports_are_422(live, payload):
    with live.client("supervisor") as c:
        r = c.post(
            "/api/v1/library/import/phrases?format=yaml",
            content=payload.encode(),
            headers={"Content-Type": "application/yaml"},
        )
        assert 400 <= r.status_code < 500, r.text


def test_review_of_a_missing_suggestion_is_404(live):
    with live.client("qa") as c:
        r = c.post("/api/v1/qa/suggestions/sug_missing/reviews", json={"scores": {}, "comment": ""})
        assert r.status_code in (404, 422), r.text
        assert r.headers["content-type"].startswith("application/problem+json")


def test_console_garbage_parameters_are_4xx(live):
    with httpx.Client(base_url=live.url, cookies={}) as c:
        c.post("/console/login", data={"token": live.tokens["supervisor"]})
        for path in (
            "/console/qa/metrics?since=garbage",
            "/console/library/preview?key=culture:de-DE&version=abc",
            "/console/export/phrases.csv%0d%0aSet-Cookie:%20x=1",
            "/console/export/phrases.x%22y",
        ):
            r = c.get(path)
            assert r.status_code < 500, (path, r.status_code)
            assert (
                "set-cookie" not in {k.lower() for k in r.headers if k.lower() == "set-cookie"}
                or r.status_code != 200
            )
            assert "\r" not in r.headers.get("content-disposition", "")


def test_a_non_utf8_import_file_is_refused_in_the_console(live):
    with httpx.Client(base_url=live.url) as c:
        c.post("/console/login", data={"token": live.tokens["supervisor"]})
        r = c.post(
            "/console/import/phrases",
            files={"upload": ("p.csv", "key,text\nx,caf\xe9".encode("latin-1"), "text/csv")},
            follow_redirects=False,
        )
        assert r.status_code in (303, 400, 422), r.status_code


def test_json_everywhere_stays_a_problem(live):
    with live.client("supervisor") as c:
        r = c.post(
            "/api/v1/library/phrase",
            content=json.dumps({"content": {"key": "x"}}).encode()[:-3],
            headers={"Content-Type": "application/json"},
        )
        _problem(r, 400, "malformed-json")


def test_docs_are_served_from_the_installed_package_under_a_csp(live):
    with httpx.Client(base_url=live.url) as c:
        page = c.get("/docs")
        assert page.status_code == 200
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert "cdn" not in page.text.lower() and "<script>" not in page.text  # no CDN, no inline script
        for src in ("/docs/static/swagger-ui-bundle.js", "/docs/static/swagger-ui.css", "/docs/init.js"):
            assert c.get(src).status_code == 200, src
        assert c.get("/openapi.json").json()["info"]["title"] == "Tactful"
