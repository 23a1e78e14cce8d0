"""Agents' corrections: stored with the suggestion, shown to QA, counted; an accepted "wrong article" becomes a
question of the right article, and the next customer asking the same gets that article."""

from __future__ import annotations

ASK = {
    "messages": [
        {"role": "customer", "text": "My teapot came with a tiny chip in the spout, is that covered?"}
    ],
    "customer": {"locale": "en-GB"},
}


def _first_article(response: dict) -> str:
    return next(s["id"][3:] for s in response["sources"] if s["kind"] == "kb")


def test_a_wrong_article_correction_accepted_by_a_supervisor_changes_the_next_answer(live):
    with live.client() as agent:
        first = agent.post("/api/v1/suggestions", json=ASK).json()
        wrong = _first_article(first)
        right = "warranty" if wrong != "warranty" else "damaged-item"
        titles = {a["id"]: a["title"] for a in agent.get("/api/v1/articles", params={"q": "warranty"}).json()}
        assert "warranty" in titles
        r = agent.post(
            f"/api/v1/suggestions/{first['id']}/corrections",
            json={"kind": "wrong_article", "draft_id": first["drafts"][0]["id"], "article_id": right},
        )
        assert r.status_code == 201 and r.json()["status"] == "proposed"
        assert (
            agent.post(
                f"/api/v1/suggestions/{first['id']}/corrections", json={"kind": "wrong_article"}
            ).status_code
            == 422
        )
        assert (
            agent.post(f"/api/v1/suggestions/{first['id']}/corrections", json={"kind": "wrong_tone"}).json()[
                "status"
            ]
            == "noted"
        )
    with live.client("qa") as qa:
        waiting = qa.get("/api/v1/qa/corrections").json()
        mine = next(c for c in waiting["proposed"] if c["suggestion_id"] == first["id"])
        assert mine["question"].startswith("My teapot") and waiting["counts"]["wrong_article"] >= 1
        assert qa.post(f"/api/v1/qa/corrections/{mine['id']}/accept").status_code == 403  # supervisors decide
    with live.client("supervisor") as sup:
        decided = sup.post(f"/api/v1/qa/corrections/{mine['id']}/accept")
        assert decided.status_code == 200 and decided.json()["status"] == "accepted"
        assert sup.post(f"/api/v1/qa/corrections/{mine['id']}/accept").status_code == 409
        article = sup.get(f"/api/v1/library/items/article:{right}").json()
        versions = article if isinstance(article, list) else article.get("versions", [article])
        assert ASK["messages"][0]["text"] in versions[-1]["content"]["questions"]["en"]
        audit = sup.get("/api/v1/library/audit", params={"key": f"article:{right}"}).json()
        assert any("correction" in (e.get("diff") or "") or e["action"] == "publish" for e in audit)
    with live.client() as agent:
        again = agent.post("/api/v1/suggestions", json=ASK).json()
    assert _first_article(again) == right
