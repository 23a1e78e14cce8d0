"""An agent's "wrong article" in the panel, accepted by a supervisor in the console, changes the article the next
customer asking the same gets (real Chromium, the extension, the demo helpdesk and the console)."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import panel, sign_in
from .test_demo import _customer_says

QUESTION = "The glass lid of my frying pan arrived with a crack, can I get it replaced?"


def _first_source(page) -> str:
    return panel(page).locator(".sources li").first.inner_text()


def test_wrong_article_in_the_panel_then_accepted_changes_the_next_answer(browser, live):
    page = browser.new_page()
    page.goto(f"{live.url}/demo")
    page.click("#reset")
    _customer_says(page, QUESTION, locale="en-GB", name="Sam Lee")
    expect(panel(page).locator(".draft").first).to_be_visible(timeout=15000)
    wrong = _first_source(page)
    right = "Warranty" if "Warranty" not in wrong else "Item arrived damaged"
    card = panel(page).locator(".draft").first
    card.locator(".fb[data-kind=wrong_article]").click()
    picker = card.locator(".article-picker")
    expect(picker).to_be_visible()
    picker.select_option(
        label=next(o for o in picker.locator("option").all_inner_texts() if o.startswith(right))
    )
    card.locator(".send-article").click()
    expect(card.locator(".feedback-note")).to_contain_text("sent to your supervisor")

    console = browser.new_page()
    sign_in(console, live, "supervisor")
    console.goto(f"{live.url}/console/qa/proposals")
    row = console.locator("#corrections tr", has_text=QUESTION[:30])
    expect(row).to_be_visible()
    row.get_by_role("button", name="Accept").click()
    expect(console.locator(".msg.ok")).to_contain_text("part of the article")
    console.close()

    page.click("#reset")
    _customer_says(page, QUESTION, locale="en-GB", name="Kim Park")
    expect(panel(page).locator(".sources li").first).to_contain_text(right, timeout=15000)
    page.close()
