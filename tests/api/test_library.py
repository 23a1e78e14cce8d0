"""/api/v1/library: versions, publish, preview, rollback, audit, import/export, and who may do what."""

from __future__ import annotations

import pytest

JA_GREETING = "phrase:ja:greeting.hello:formal"
JA_CONVERSATION = {
    "messages": [{"role": "customer", "text": "注文した商品がまだ届きません。"}],
    "customer": {"locale": "ja-JP", "name": "佐藤"},
}


def _ja_greeting_text(body: dict) -> list[str]:
    return [d["text"].splitlines()[0] for d in body["drafts"]]


def test_change_japanese_greeting_preview_publish_use_and_roll_back(live):
    with live.client("supervisor") as sup, live.client("agent") as agent:
        before = sup.get(f"/api/v1/library/items/{JA_GREETING}").json()
        published_version = [v for v in before if v["status"] == "published"][-1]["version"]
        new_text = "{customer}、いつも{company}をご愛顧いただき、心より御礼申し上げます。"
        draft = sup.post(
            "/api/v1/library/phrase",
            json={
                "content": {
                    "language": "ja",
                    "key": "greeting.hello",
                    "register": "formal",
                    "text": new_text,
                },
                "note": "warmer",
            },
        )
        assert draft.status_code == 201, draft.text
        draft = draft.json()
        assert draft["status"] == "draft" and draft["version"] == published_version + 1

        preview = sup.post(
            "/api/v1/library/preview",
            json={"key": JA_GREETING, "version": draft["version"], "conversation": JA_CONVERSATION},
        ).json()
        assert any("ご愛顧" in line for line in _ja_greeting_text(preview["candidate"]))
        assert not any("ご愛顧" in line for line in _ja_greeting_text(preview["published"]))
        # A draft changes nothing for agents until it is published.
        assert not any(
            "ご愛顧" in d["text"]
            for d in agent.post("/api/v1/suggestions", json=JA_CONVERSATION).json()["drafts"]
        )

        assert (
            sup.post(f"/api/v1/library/items/{JA_GREETING}/versions/{draft['version']}/publish").status_code
            == 200
        )
        used = agent.post("/api/v1/suggestions", json=JA_CONVERSATION).json()
        assert any("ご愛顧" in d["text"] for d in used["drafts"])
        source = next(s for s in used["sources"] if s["id"] == JA_GREETING)
        assert source["version"] == draft["content_hash"]  # the suggestion records the version it used

        rolled = sup.post(
            f"/api/v1/library/items/{JA_GREETING}/rollback", json={"version": published_version}
        ).json()
        assert rolled["status"] == "published" and rolled["version"] == draft["version"] + 1
        after = agent.post("/api/v1/suggestions", json=JA_CONVERSATION).json()
        assert not any("ご愛顧" in d["text"] for d in after["drafts"])

        trail = sup.get("/api/v1/library/audit", params={"key": JA_GREETING}).json()
        # Newest first: the rollback (a new version restoring the old text), the publish, the draft.
        assert [e["action"] for e in trail][:4] == ["rollback", "draft", "publish", "draft"]
        assert all("supervisor" in e["actor"] for e in trail[:4])
        assert "+" in trail[2]["diff"] and "ご愛顧" in trail[2]["diff"]
        diff = sup.get(
            f"/api/v1/library/items/{JA_GREETING}/diff",
            params={"from": published_version, "to": draft["version"]},
        ).json()
        assert "ご愛顧" in diff["diff"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        pytest.param(
            {"language": "ja", "key": "greeting.hello", "register": "formal", "text": ""},
            "empty-text",
            id="empty",
        ),
        pytest.param(
            {"language": "xx_??", "key": "greeting.hello", "register": "formal", "text": "x"},
            "unknown-locale",
            id="locale",
        ),
        pytest.param(
            {"language": "ja", "key": "greeting.hello", "register": "formal", "text": "{nom}"},
            "unknown-placeholder",
            id="placeholder",
        ),
    ],
)
def test_invalid_phrase_is_rejected_and_nothing_stored(live, content, code):
    with live.client("supervisor") as sup:
        before = len(sup.get("/api/v1/library/audit").json())
        r = sup.post("/api/v1/library/phrase", json={"content": content})
        assert r.status_code == 422 and r.json()["code"] == code
        assert len(sup.get("/api/v1/library/audit").json()) == before


def test_culture_profile_edit_is_validated(live):
    with live.client("supervisor") as sup:
        ja = sup.get("/api/v1/library/items/culture:ja-JP").json()[-1]["content"]
        r = sup.post("/api/v1/library/culture", json={"content": {**ja, "apology_strength": "enormous"}})
        assert r.status_code == 422 and "apology_strength" in r.json()["detail"]


def test_prompt_draft_with_undeclared_variable_is_rejected(live):
    with live.client("supervisor") as sup:
        text = sup.get("/api/v1/library/items/prompt:draft_reply").json()[-1]["content"]["text"]
        r = sup.post("/api/v1/library/prompt", json={"content": {"text": text + "\n$surprise"}})
        assert r.status_code == 422 and "surprise" in r.json()["detail"]


def test_export_then_import_round_trips(live):
    with live.client("supervisor") as sup:
        csv_text = sup.get("/api/v1/library/export/phrases", params={"format": "csv"}).text
        assert csv_text.startswith("language,key,register,text")
        result = sup.post("/api/v1/library/import/phrases", json={"format": "csv", "text": csv_text}).json()
        assert result["changed"] == 0 and result["rows"] > 200
        bad = csv_text + "de,greeting.nope,formal,{unknown}\n"
        r = sup.post("/api/v1/library/import/phrases", json={"format": "csv", "text": bad})
        assert r.status_code == 422 and r.json()["detail"].startswith("row ")


def test_search_as_the_copilot_would(live):
    with live.client("qa") as qa:
        body = qa.post("/api/v1/library/search", json={"query": "¿Cómo devuelvo un artículo?"}).json()
    assert body["language"]["tag"] == "es"
    assert "how-to-return" in [h["article_id"] for h in body["kb"][:3]]
    assert body["phrases"] and all(h["id"].startswith("phrase:es:") for h in body["phrases"])


def test_article_chunks_are_listed(live):
    with live.client("supervisor") as sup:
        chunks = sup.get("/api/v1/library/articles/warranty/chunks").json()
    assert chunks and "2-year" in "".join(chunks)


@pytest.mark.parametrize(
    ("role", "method", "path", "status"),
    [
        ("agent", "get", "/api/v1/library/phrase", 403),
        ("qa", "get", "/api/v1/library/phrase", 200),
        ("qa", "post", "/api/v1/library/phrase", 403),
        ("supervisor", "get", "/api/v1/library/audit", 200),
        ("agent", "post", "/api/v1/library/reindex", 403),
        ("supervisor", "post", "/api/v1/library/reindex", 202),
    ],
)
def test_library_roles(live, role, method, path, status):
    with live.client(role) as c:
        r = c.request(
            method, path, json={"content": {}} if method == "post" and path.endswith("phrase") else None
        )
    assert r.status_code == status


def test_filter_phrases_by_language_stage_register(live):
    with live.client("supervisor") as sup:
        items = sup.get(
            "/api/v1/library/phrase", params={"language": "de", "stage": "apology", "register": "informal"}
        ).json()
    assert items and all(
        i["content"]["language"] == "de"
        and i["content"]["key"].startswith("apology.")
        and i["content"]["register"] == "informal"
        for i in items
    )


def test_reindex_runs_in_the_background_with_progress(live):
    import time

    with live.client("supervisor") as sup:
        started = sup.post("/api/v1/library/reindex")
        assert started.status_code == 202 and started.json()["state"] in ("running", "done")
        deadline = time.time() + 30
        while time.time() < deadline:
            status = sup.get("/api/v1/library/reindex").json()
            if status["state"] != "running":
                break
            time.sleep(0.1)
    assert status["state"] == "done" and status["report"]["unchanged"] > 0
