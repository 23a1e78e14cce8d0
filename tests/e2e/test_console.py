"""The supervisor console in real Chromium: change how Tactful greets Japanese customers, preview, publish,
see the next suggestion use it, roll back, and read the audit trail."""

from __future__ import annotations

import os
from urllib.parse import quote

from playwright.sync_api import expect

from .conftest import sign_in

KEY = "phrase:ja:greeting.hello:formal"
NEW = "{customer}、いつも{company}をご利用いただき、心より感謝申し上げます。"
JA = {
    "messages": [{"role": "customer", "text": "注文した商品がまだ届きません。"}],
    "customer": {"locale": "ja-JP", "name": "佐藤"},
}


def _shot(page, name: str) -> None:
    if os.environ.get("TACTFUL_SCREENSHOT"):
        page.screenshot(path=f"docs/{name}.png", full_page=True)


def test_supervisor_changes_japanese_greeting_end_to_end(browser, live):
    page = browser.new_page()
    page.set_viewport_size({"width": 1360, "height": 900})
    page.goto(f"{live.url}/console")
    expect(page).to_have_url(f"{live.url}/console/login")
    sign_in(page, live, "supervisor")
    expect(page.locator("nav")).to_contain_text("supervisor")

    page.goto(f"{live.url}/console/library/phrase?language=ja&stage=greeting")
    _shot(page, "console-phrases")
    page.get_by_role("link", name=KEY).click()
    page.fill("#editor textarea[name=text]", NEW)
    page.fill("#editor input[name=note]", "warmer greeting for Japanese customers")
    page.click("#editor button[type=submit]")
    expect(page.locator(".msg.ok")).to_contain_text("Draft version")
    draft_version = int(page.locator("#versions tr[data-version]").first.get_attribute("data-version"))

    page.select_option("#preview-form select[name=version]", str(draft_version))
    page.select_option("#preview-form select[name=sample]", "ja-damaged")
    page.click("#preview-form button[type=submit]")
    expect(page.locator("#preview [data-side=candidate]")).to_contain_text("心より感謝申し上げます")
    expect(page.locator("#preview [data-side=published]")).not_to_contain_text("心より感謝申し上げます")
    _shot(page, "console-preview")

    page.locator(f"#versions tr[data-version='{draft_version}'] button[name=publish]").click()
    expect(page.locator(".msg.ok")).to_contain_text(f"Version {draft_version} published")
    with live.client("agent") as agent:
        used = agent.post("/api/v1/suggestions", json=JA).json()
    assert any("心より感謝申し上げます" in d["text"] for d in used["drafts"])
    record = live.services.suggestions.get(used["id"])
    new_hash = live.services.library_store.get(KEY, draft_version).content_hash
    assert any(s["id"] == KEY and s["version"] == new_hash for s in record.sources)

    previous = draft_version - 1
    page.locator(f"#versions tr[data-version='{previous}'] button[name=rollback]").click()
    expect(page.locator(".msg.ok")).to_contain_text(f"restores version {previous}")
    with live.client("agent") as agent:
        after = agent.post("/api/v1/suggestions", json=JA).json()
    assert not any("心より感謝申し上げます" in d["text"] for d in after["drafts"])

    page.goto(f"{live.url}/console/audit?key={quote(KEY)}")
    rows = page.locator("#audit tr")
    expect(rows.nth(1)).to_contain_text("rollback")
    expect(page.locator("#audit")).to_contain_text("publish")
    expect(page.locator("#audit")).to_contain_text("supervisor")
    _shot(page, "console-audit")
    page.close()


def test_qa_can_browse_but_not_edit(browser, live):
    page = browser.new_page()
    sign_in(page, live, "qa")
    page.goto(f"{live.url}/console/library/culture")
    expect(page.locator("#items")).to_contain_text("culture:ja-JP")
    assert page.locator("#new-item").count() == 0
    page.goto(f"{live.url}/console/search?q=" + quote("パスワードを忘れました"))
    expect(page.locator("#kb-results")).to_contain_text("Resetting a password")
    page.goto(f"{live.url}/console/logout")
    page.close()


def test_agent_token_gets_practice_pages_only(browser, live):
    page = browser.new_page()
    sign_in(page, live, "agent")
    expect(page).to_have_url(f"{live.url}/console/practice")
    page.goto(f"{live.url}/console/library/phrase")
    expect(page).to_have_url(f"{live.url}/console/practice")  # the library stays closed to agents
    page.close()


def test_reindex_shows_progress_then_the_result(browser, live):
    page = browser.new_page()
    sign_in(page, live, "supervisor")
    page.goto(f"{live.url}/console/library/article")
    page.get_by_role("button", name="Re-index the KB").click()
    expect(page.locator("#reindex[data-state=done]")).to_contain_text("unchanged", timeout=20000)
    page.close()
