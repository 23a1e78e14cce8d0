"""Practice mode in the console, in a real browser: an agent plays a Japanese complaint to the end, then the
supervisor sees the result among the agent's progress."""

from __future__ import annotations

import os

from playwright.sync_api import expect

from .conftest import sign_in


def test_agent_plays_a_scenario_and_the_supervisor_sees_the_progress(browser, live):
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live, "agent")
    row = page.locator("#scenarios tr[data-scenario='ja-late-parcel']")
    row.get_by_role("button", name="Start").click()
    customer = page.locator("#transcript [data-role=customer]").first
    expect(customer).to_contain_text("まだ届いておりません")
    customer.locator("summary").click()
    expect(customer.locator("details")).to_contain_text("has still not arrived")

    # A reply that skips the apology: specific feedback with a better phrasing from the library.
    page.fill("#reply-form textarea", "ご注文番号を教えてください。")
    page.click("#reply-form button[type=submit]")
    feedback = page.locator("#transcript [data-role=agent] .feedback").first
    expect(feedback.locator(".issue[data-criterion=apology]")).to_contain_text("apologise")
    expect(feedback.locator(".issue[data-criterion=apology] .better")).not_to_be_empty()
    expect(page.locator("#transcript [data-role=customer]").nth(1)).to_contain_text("JP-558201")

    page.fill("#reply-form textarea", "大変申し訳ございません。ただいま配送業者に調査を依頼いたします。")
    page.click("#reply-form button[type=submit]")
    expect(page.locator("#result")).to_have_attribute("data-resolved", "true")
    if os.environ.get("TACTFUL_SCREENSHOT"):
        page.screenshot(path="docs/practice-session.png", full_page=True)
    page.goto(f"{live.url}/console/logout")

    sign_in(page, live, "supervisor")
    page.goto(f"{live.url}/console/practice/progress")
    agent_card = page.locator(".agent-progress[data-agent='test agent']")
    expect(agent_card.locator(".locale[data-locale='ja-JP'] circle").first).to_be_visible()
    if os.environ.get("TACTFUL_SCREENSHOT"):
        page.screenshot(path="docs/practice-progress.png", full_page=True)
    page.goto(f"{live.url}/console/logout")  # the browser context is shared with the other console tests
    page.close()
