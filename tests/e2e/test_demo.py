"""The agent's experience on the demo helpdesk, in a real browser with the extension loaded."""

from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import expect

from .conftest import configure, panel


def _customer_says(page, text: str, locale: str = "es-MX", name: str = "Lucía García") -> float:
    """Types as the customer; returns the moment the message was sent."""
    page.select_option("#customer-locale", locale)
    page.fill("#customer-name", name)
    page.dispatch_event("#customer-name", "change")
    page.fill("#customer-text", text)
    sent = time.perf_counter()
    page.click("#customer-send")
    return sent


def test_spanish_customer_gets_spanish_drafts_and_insert_is_recorded(browser, live):
    page = browser.new_page()
    page.set_viewport_size({"width": 1360, "height": 900})
    page.goto(f"{live.url}/demo")
    page.click("#reset")
    started = _customer_says(page, "Hola, mi pedido llegó con el hervidor dañado. ¿Qué puedo hacer?")
    drafts = panel(page).locator(".draft")
    expect(drafts).to_have_count(3, timeout=15000)
    shown_ms = (time.perf_counter() - started) * 1000
    print(f"\ncustomer message to drafts shown: {shown_ms:.0f} ms")
    expect(panel(page).locator(".lang")).to_contain_text("es-MX")
    if os.environ.get("TACTFUL_SCREENSHOT"):  # regenerates docs/panel.png
        page.screenshot(path=os.environ["TACTFUL_SCREENSHOT"])
    first = drafts.nth(0).locator(".text").inner_text()
    assert "usted" in first.lower() or "le " in first or "Lamento" in first or "disculpas" in first
    assert drafts.nth(0).locator(".back").inner_text()  # back-translation shown
    drafts.nth(0).get_by_text("Insert").click()
    expect(page.locator("#reply")).to_have_value(first)
    expect(page.locator("#send")).to_be_enabled()  # the page's own input listener saw the insert
    suggestion_id = page.evaluate("document.documentElement.dataset.tactfulSuggestion")
    deadline = time.time() + 5
    while time.time() < deadline:
        events = live.services.suggestions.events(suggestion_id)
        if events:
            break
        time.sleep(0.1)
    assert [e.type for e in events] == ["inserted"]
    # The agent edits and sends: the extension reports the edit with the final text.
    page.fill("#reply", first + " Saludos.")
    page.click("#send")
    deadline = time.time() + 5
    while time.time() < deadline and len(live.services.suggestions.events(suggestion_id)) < 3:
        time.sleep(0.1)
    events = live.services.suggestions.events(suggestion_id)
    assert [e.type for e in events] == ["inserted", "edited", "sent"]
    assert events[1].final_text.endswith("Saludos.") and events[1].edit_distance > 0
    page.close()


def test_alt_key_inserts_second_draft(browser, live):
    page = browser.new_page()
    page.goto(f"{live.url}/demo")
    page.click("#reset")
    _customer_says(page, "Guten Tag, wie kann ich meine Bestellung stornieren?", locale="de-DE", name="Jonas")
    drafts = panel(page).locator(".draft")
    expect(drafts).to_have_count(3, timeout=15000)
    page.keyboard.press("Alt+2")
    expect(page.locator("#reply")).to_have_value(drafts.nth(1).locator(".text").inner_text())
    page.close()


def test_markup_in_customer_text_stays_text(browser, live):
    page = browser.new_page()
    page.goto(f"{live.url}/demo")
    page.click("#reset")
    hostile = "<img src=x onerror=\"document.title='pwned'\"><b>Hola</b>"
    _customer_says(page, "Hola, mi paquete no llegó " + hostile, name=hostile)
    expect(panel(page).locator(".draft")).to_have_count(3, timeout=15000)
    assert page.locator("tactful-panel img, tactful-panel b").count() == 0
    assert page.locator("#conversation img").count() == 0
    assert "<b>Hola</b>" in panel(page).locator(".draft").nth(0).locator(".text").inner_text()
    assert page.title() != "pwned"
    page.close()


@pytest.mark.parametrize(
    ("backend", "token", "shown"),
    [
        pytest.param("closed-port", "agent", "unreachable", id="backend-down"),
        pytest.param("live", "", "No agent token", id="no-token"),
        pytest.param("live", "tfl_not-a-real-token", "refused", id="bad-token"),
    ],
)
def test_problem_states_are_clear(browser, live, backend, token, shown):
    from ..conftest import free_port

    url = live.url if backend == "live" else f"http://127.0.0.1:{free_port()}"
    configure(browser, url, live.tokens["agent"] if token == "agent" else token)
    try:
        page = browser.new_page()
        page.goto(f"{live.url}/demo")
        page.click("#reset")
        _customer_says(page, "Hola, ¿dónde está mi pedido?")
        expect(panel(page).locator(".status")).to_contain_text(shown, timeout=15000)
        page.close()
    finally:
        configure(browser, live.url, live.tokens["agent"])


def test_panel_shows_insight_and_writes_a_handoff_summary_in_another_language(browser, live):
    page = browser.new_page()
    page.set_viewport_size({"width": 1360, "height": 900})
    page.goto(f"{live.url}/demo")
    page.click("#reset")
    _customer_says(
        page,
        "Guten Tag, mein Paket ist seit drei Wochen nicht da. Das ist eine Frechheit! Ich brauche es dringend.",
        locale="de-DE",
        name="Jonas Weber",
    )
    expect(panel(page).locator(".draft")).to_have_count(3, timeout=15000)
    chips = panel(page).locator(".insight .chip")
    expect(chips.nth(0)).to_have_text("Delivery late or not received")
    expect(panel(page).locator('.chip[data-kind="sentiment"]')).to_have_attribute("data-value", "negative")
    expect(panel(page).locator('.chip[data-kind="urgency"]')).to_have_attribute("data-value", "high")
    expect(panel(page).locator('.chip[data-kind="step"]')).to_have_text("next: soothe")
    panel(page).locator(".handoff select").select_option("ja")
    panel(page).get_by_text("Handoff summary").click()
    summary = panel(page).locator(".handoff .summary")
    expect(summary).to_contain_text("引き継ぎサマリー", timeout=10000)
    expect(summary).to_contain_text("配送の遅れ")
    assert summary.get_attribute("data-failed") == "false"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    panel(page).locator(".handoff .copy-summary").click()  # pasted into the ticket as it is shown
    expect(panel(page).locator(".handoff .copy-summary")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == summary.inner_text()
    page.close()


def test_an_agent_reads_a_korean_customer_in_english_in_the_panel(browser, live):
    page = browser.new_page()
    page.goto(f"{live.url}/demo")
    page.click("#reset")
    _customer_says(
        page,
        "주문번호 778812 상품이 아직 안 왔어요. 3월 5일에 45,000원 결제했어요.",
        locale="ko-KR",
        name="Kim Minji",
    )
    gist = panel(page).locator(".gists .gist").last
    expect(gist).to_contain_text("778812", timeout=15000)
    expect(panel(page).locator(".gists .gist-label")).to_contain_text("Gist, not a translation")
    expect(gist).to_contain_text("45,000원")
    page.close()
