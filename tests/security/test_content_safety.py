"""Content the service needs cannot be retired or broken by one action; imports cannot blow up; exports cannot run
formulas; saves of one key from many clients at once all land."""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor

import pytest


@pytest.mark.parametrize("key", ["culture:default", "rubric:default", "prompt:draft_reply"])
def test_required_content_cannot_be_retired(live, key):
    with live.client("supervisor") as sup, live.client() as agent:
        r = sup.post(f"/api/v1/library/items/{key}/retire")
        assert r.status_code == 409 and r.json()["code"] == "required-content", r.text
        ok = agent.post(
            "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "Wo ist mein Paket?"}]}
        )
        assert ok.status_code == 200
    with live.client("qa") as qa:
        assert qa.get("/api/v1/qa/rubric").status_code == 200


def test_the_console_retire_button_is_refused_for_required_content(live):
    import httpx

    with httpx.Client(base_url=live.url) as c:
        c.post("/console/login", data={"token": live.tokens["supervisor"]})
        r = c.post("/console/item/culture:default/retire", follow_redirects=False)
        assert r.status_code in (303, 409)
    with live.client() as agent:
        assert (
            agent.post(
                "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "hi"}]}
            ).status_code
            == 200
        )


def test_a_reload_that_fails_keeps_serving_the_last_good_library(live, monkeypatch):
    import tactful.library.content as content_module

    state = live.services.content
    good = state.current()

    def broken(items, revision=0):
        raise RuntimeError("simulated: the library does not build")

    monkeypatch.setattr(content_module, "build_content", broken)
    with live.services.db.session() as s:  # another worker published: the revision moves on
        from tactful.records.library import LibraryRepository

        LibraryRepository._bump(s)
    assert state.current() is good
    assert state.reload_error and "simulated" in state.reload_error
    with live.client() as agent:
        assert (
            agent.post(
                "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "hi"}]}
            ).status_code
            == 200
        )
    import httpx

    ready = httpx.get(live.url + "/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["content"] is False
    console = httpx.Client(base_url=live.url)
    console.post("/console/login", data={"token": live.tokens["supervisor"]})
    assert "could not be reloaded" in console.get("/console").text  # and the console says so
    monkeypatch.undo()
    with live.services.db.session() as s:
        LibraryRepository._bump(s)
    state.current()
    assert state.reload_error is None
    assert httpx.get(live.url + "/readyz").status_code == 200


def test_yaml_with_aliases_is_refused(live):
    bomb = (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n- {language: en, key: greeting.bomb, register: formal, text: *c}\n"
    )
    rows = "- &r {language: en, key: greeting.alias, register: formal, text: hi}\n- *r\n"
    with live.client("supervisor") as sup:
        for payload in (bomb, rows):
            r = sup.post(
                "/api/v1/library/import/phrases?format=yaml",
                content=payload.encode(),
                headers={"Content-Type": "application/yaml"},
            )
            assert r.status_code in (400, 422), r.text
        huge = {"language": "en", "key": "greeting.huge", "register": "formal", "text": "hello " * 2000}
        r = sup.post("/api/v1/library/phrase", json={"content": huge})
        assert r.status_code == 422 and r.json()["code"] == "content-too-large"


def test_csv_exports_never_start_a_cell_with_a_formula(live):
    formula = '=HYPERLINK("http://evil.example","click")'
    with live.client() as agent:
        s = agent.post(
            "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": formula}]}
        ).json()
        agent.post(
            f"/api/v1/suggestions/{s['id']}/events",
            json={"type": "sent", "draft_id": s["drafts"][0]["id"], "final_text": "+cmd|' /C calc'!A0"},
        )
    with live.client("qa") as qa:
        text = qa.get("/api/v1/qa/export?what=records&format=csv").text
    for row in csv.reader(io.StringIO(text)):
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), value
    assert "'=HYPERLINK" in text or "=HYPERLINK" not in text


def test_concurrent_saves_of_one_key_all_land_with_one_published_version(live):
    content = {"language": "en", "key": "greeting.race", "register": "formal"}

    def save(n: int) -> int:
        with live.client("supervisor") as sup:
            r = sup.post(
                "/api/v1/library/phrase",
                json={"content": {**content, "text": f"Hello {n}!"}, "publish": n % 2 == 0},
            )
            return r.status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(save, range(8)))
    assert codes == [201] * 8
    with live.client("supervisor") as sup:
        versions = sup.get("/api/v1/library/items/phrase:en:greeting.race:formal").json()
    items = versions if isinstance(versions, list) else versions.get("versions", [])
    assert len(items) == 8
    assert sum(1 for v in items if v["status"] == "published") == 1


@pytest.mark.embedded
def test_a_deleted_chroma_directory_and_a_publish_do_not_break_requests(tmp_path):
    import shutil

    from fastapi.testclient import TestClient

    from tactful.app import create_app
    from tactful.services import build_services

    from ..conftest import make_settings

    settings = make_settings(tmp_path)
    services = build_services(settings)
    try:
        sup, agent = (services.tokens.create(role, role)[0] for role in ("supervisor", "agent"))
        ask = {"messages": [{"role": "customer", "text": "Wo ist mein Paket?"}]}
        with TestClient(create_app(settings, services), raise_server_exceptions=False) as c:
            shutil.rmtree(tmp_path / "chroma")
            r = c.post(
                "/api/v1/library/phrase",
                headers={"Authorization": f"Bearer {sup}"},
                json={
                    "content": {
                        "language": "en",
                        "key": "greeting.after_loss",
                        "register": "formal",
                        "text": "Hello!",
                    },
                    "publish": True,
                },
            )
            assert r.status_code == 201
            for _ in range(3):
                assert (
                    c.post(
                        "/api/v1/suggestions", json=ask, headers={"Authorization": f"Bearer {agent}"}
                    ).status_code
                    == 200
                )
            assert c.get("/readyz").status_code == 503  # says the library could not be re-indexed
    finally:
        services.close()
