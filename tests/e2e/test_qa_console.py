"""QA in the console, in real Chromium: find last week's dismissed Japanese suggestions, open one, score it,
and see the Japanese acceptance rate beside the others."""

from __future__ import annotations

import os
from datetime import date, timedelta

from playwright.sync_api import expect

from .conftest import sign_in


def test_qa_finds_scores_and_compares_japanese(browser, live):
    with live.client("agent") as agent:
        for text, locale, action in (
            ("商品が壊れていました。", "ja-JP", "dismissed"),
            ("荷物はいつ届きますか？", "ja-JP", "sent"),
            ("Wo bleibt mein Paket?", "de-DE", "sent"),
        ):
            s = agent.post(
                "/api/v1/suggestions",
                json={"messages": [{"role": "customer", "text": text}], "customer": {"locale": locale}},
            ).json()
            d = s["drafts"][0]
            event = (
                {"type": action}
                if action == "dismissed"
                else {"type": "sent", "draft_id": d["id"], "final_text": d["text"]}
            )
            agent.post(f"/api/v1/suggestions/{s['id']}/events", json=event)
    page = browser.new_page()
    page.set_viewport_size({"width": 1360, "height": 900})
    sign_in(page, live, "qa")
    page.goto(f"{live.url}/console/qa")
    page.fill("#qa-filters input[name=since]", (date.today() - timedelta(days=7)).isoformat())
    page.fill("#qa-filters input[name=language]", "ja")
    page.select_option("#qa-filters select[name=outcome]", "dismissed")
    page.click("#qa-filters button[type=submit]")
    rows = page.locator("#qa-results tr[data-id]")
    expect(rows.first).to_contain_text("dismissed")
    assert all(r.inner_text().count("ja-JP") for r in rows.all())
    if os.environ.get("TACTFUL_SCREENSHOT"):
        page.screenshot(path="docs/qa-list.png", full_page=True)
    rows.first.locator("a").click()
    expect(page.locator("#language")).to_contain_text("ja-JP")
    expect(page.locator("#insight")).to_contain_text("damaged_item")  # 商品が壊れていました
    expect(page.locator("#insight")).to_contain_text("sentiment negative")
    expect(page.locator("[data-event=dismissed]")).to_be_visible()
    selects = page.locator("#review-form select")
    for i in range(selects.count()):  # every criterion starts unscored
        assert selects.nth(i).input_value() == ""
        selects.nth(i).select_option("4")
    page.select_option("#review-form select[name=score_register]", "3")
    page.fill("#review-form textarea[name=comment]", "Apology could be stronger.")
    page.click("#review-form button[type=submit]")
    expect(page.locator(".msg.ok")).to_contain_text("Review saved")
    expect(page.locator(".review")).to_contain_text("register 3")
    if os.environ.get("TACTFUL_SCREENSHOT"):
        page.screenshot(path="docs/qa-detail.png", full_page=True)

    page.goto(f"{live.url}/console/qa/metrics?by=language")
    ja = page.locator("#metrics-groups tr[data-group='ja']")
    de = page.locator("#metrics-groups tr[data-group='de']")
    expect(ja).to_be_visible()
    expect(de).to_be_visible()
    assert "%" in ja.inner_text()
    expect(page.locator("#histogram")).to_be_visible()
    if os.environ.get("TACTFUL_SCREENSHOT"):
        page.screenshot(path="docs/qa-metrics.png", full_page=True)
    page.close()


def test_review_queue_moves_to_the_next_unscored(browser, live):
    page = browser.new_page()
    sign_in(page, live, "qa")
    page.goto(f"{live.url}/console/qa/queue")
    expect(page.locator("#review-form")).to_be_visible()
    first = page.url
    selects = page.locator("#review-form select")
    for i in range(selects.count()):
        selects.nth(i).select_option("4")
    page.click("#review-form button[type=submit]")
    page.wait_for_url(lambda url: url != first)
    expect(page.locator("h1")).to_contain_text("Suggestion")
    page.close()


def test_markup_in_customer_text_is_shown_as_text_in_the_console(browser, live):
    hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>Mi pedido no llegó'
    with live.client("agent") as agent:
        s = agent.post(
            "/api/v1/suggestions",
            json={"messages": [{"role": "customer", "text": hostile}], "customer": {"locale": "es-ES"}},
        ).json()
    page = browser.new_page()
    sign_in(page, live, "qa")
    for path in (f"/console/qa/s/{s['id']}", "/console/qa?q=" + "onerror"):
        page.goto(f"{live.url}{path}")
        assert page.locator("main img, main script").count() == 0
        expect(page.locator("main")).to_contain_text("<img src=x")
        assert page.title() != "pwned"
    page.close()


def test_arabic_suggestions_read_right_to_left_in_the_console(browser, live):
    """The customer's Arabic message and the Arabic drafts run right to left on the QA page; the English
    labels around them stay left to right."""
    with live.client("agent") as agent:
        s = agent.post(
            "/api/v1/suggestions",
            json={
                "messages": [{"role": "customer", "text": "كيف أسترجع المنتج؟"}],
                "customer": {"locale": "ar-SA"},
            },
        ).json()
    page = browser.new_page()
    sign_in(page, live, "qa")
    page.goto(f"{live.url}/console/qa/s/{s['id']}")

    def direction(locator) -> str:
        return locator.evaluate("e => getComputedStyle(e).direction")

    message = page.locator("main div[dir=auto]", has_text="كيف أسترجع المنتج").first
    draft = page.locator("main .card .draft", has_text="مرحباً").first
    assert direction(message) == "rtl" and direction(draft) == "rtl"
    assert direction(page.locator("main h1, main h2").first) == "ltr"
    page.close()
