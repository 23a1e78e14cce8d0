"""Defects a new supervisor or QA lead hits in the console, each reproduced through the running server."""

from __future__ import annotations

import httpx


def _console(live, role: str = "supervisor") -> httpx.Client:
    c = httpx.Client(base_url=live.url)
    assert c.post("/console/login", data={"token": live.tokens[role]}).status_code == 303
    return c


def test_a_kb_article_uploaded_as_a_file_is_saved(live):
    c = _console(live)
    body = b"# Descaling the kettle\n\nFill with water and vinegar, boil, rinse twice."
    r = c.post(
        "/console/library/article",
        data={
            "id": "kettle-descaling",
            "title": "Descaling the kettle",
            "category": "products",
            "summary": "Boil water with vinegar, rinse.",
            "text": "",
        },
        files={"upload": ("descaling.md", body, "text/markdown")},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "/console/item/article" in r.headers["location"], r.text[:300]
    with live.client("supervisor") as api:
        item = api.get("/api/v1/library/items/article:kettle-descaling").json()
    versions = item if isinstance(item, list) else item.get("versions", [item])
    assert "vinegar" in versions[-1]["content"]["body"]


def test_a_failed_new_item_keeps_what_was_typed(live):
    c = _console(live)
    r = c.post(
        "/console/library/phrase",
        data={"language": "de", "key": "greeting.neu", "register": "formal", "text": "Hallo {kunde}!"},
    )
    assert r.status_code == 422
    assert "Hallo {kunde}!" in r.text and "greeting.neu" in r.text and "placeholder" in r.text


def test_a_culture_profile_with_a_validation_error_keeps_the_supervisors_edit(live):
    c = _console(live)
    page = c.get("/console/item/culture:de-DE").text
    assert "de-DE" in page
    edited = "locale: de-DE\nname: Deutsch (Deutschland) – edited\nregister: sehr formell\n"
    r = c.post("/console/item/culture:de-DE/save", data={"text": edited, "note": "try"})
    assert r.status_code == 422
    assert (
        "sehr formell" in r.text and "edited" in r.text
    )  # the edit is in the editor, not the stored version
    assert "register" in r.text  # and the problem names the field


def test_an_untouched_review_form_is_not_a_perfect_score(live):
    with live.client() as agent:
        s = agent.post(
            "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "Where is my parcel?"}]}
        ).json()
    c = _console(live, "qa")
    page = c.get(f"/console/qa/s/{s['id']}").text
    assert '<option value="" selected>' in page and " required>" in page
    r = c.post(f"/console/qa/s/{s['id']}/review", data={"comment": ""}, follow_redirects=True)
    assert "Score every criterion" in r.text
    with live.client("qa") as qa:
        assert qa.get(f"/api/v1/qa/suggestions/{s['id']}").json().get("reviews", []) == []


def test_a_japanese_phrase_that_doubles_the_honorific_is_refused_with_the_reason(live):
    c = _console(live)
    r = c.post(
        "/console/library/phrase",
        data={
            "language": "ja",
            "key": "greeting.hello",
            "register": "formal",
            "text": "{customer}様、こんにちは。",
        },
    )
    assert r.status_code == 422 and "佐藤様" in r.text and "{customer}様、こんにちは。" in r.text
    with live.client("supervisor") as api:
        ko = api.post(
            "/api/v1/library/phrase",
            json={
                "content": {
                    "language": "ko",
                    "key": "greeting.hello",
                    "register": "formal",
                    "text": "{customer}님, 안녕하세요.",
                }
            },
        )
    assert ko.status_code == 422 and ko.json()["code"] == "doubled-honorific"


def test_the_metrics_page_reads_on_a_single_day_and_says_how_it_counts(live):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from tactful.records.models import SuggestionRecord

    with live.client() as agent:
        old = agent.post(
            "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "Where is my parcel?"}]}
        ).json()
        agent.post(
            "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "Is my refund sent?"}]}
        )
    with live.services.db.session() as s:
        s.execute(
            update(SuggestionRecord)
            .where(SuggestionRecord.id == old["id"])
            .values(created_at=datetime.now(UTC) - timedelta(days=3))
        )
    c = _console(live, "qa")
    week = c.get(
        "/console/qa/metrics", params={"since": (datetime.now(UTC) - timedelta(days=7)).date().isoformat()}
    ).text
    assert 'class="y-tick">100%' in week and 'class="y-tick">0%' in week and week.count('class="x-tick"') == 2
    today = c.get("/console/qa/metrics", params={"since": datetime.now(UTC).date().isoformat()}).text
    timeline = today.split('id="timeline"')[1].split("</section>")[0]
    assert "<polyline" not in timeline and "suggestions," in timeline and "second day" in timeline
    assert 'id="definitions"' in today and "counts once" in today
