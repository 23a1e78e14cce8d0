"""End to end on a real helpdesk: django-helpdesk 2.6 (PyPI, SQLite) started by the tests, its staff ticket page
read by the extension's django-helpdesk adapter, a draft inserted and the reply posted through the helpdesk's own
form, and the sending recorded by Tactful."""

from __future__ import annotations

import importlib.util
import time

import pytest
from playwright.sync_api import expect

from .conftest import configure, panel, wait_for_registered_scripts

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("helpdesk") is None,
    reason="django-helpdesk is not installed (scripts/test installs it)",
)


@pytest.fixture(scope="module")
def helpdesk(tmp_path_factory):
    from .helpdesk_server import Helpdesk

    server = Helpdesk.start(tmp_path_factory.mktemp("django-helpdesk"))
    yield server
    server.stop()


def test_staff_ticket_is_read_a_draft_is_posted_and_its_sending_recorded(browser, live, helpdesk):
    configure(
        browser,
        live.url,
        live.tokens["agent"],
        helpdeskHosts=[{"origin": helpdesk.url, "product": "django-helpdesk"}],
    )
    wait_for_registered_scripts(browser)
    page = browser.new_page()
    try:
        page.goto(helpdesk.url + "/login/")
        page.fill("input[name=username]", "agent")
        page.fill("input[name=password]", "agent-pass")
        page.click("button[type=submit], input[type=submit]")
        page.wait_for_load_state()
        expect(page.locator("tactful-panel")).to_be_hidden()  # no conversation on the ticket list: no panel
        started = time.time()
        page.goto(f"{helpdesk.url}/tickets/{helpdesk.ticket_id}/")
        drafts = panel(page).locator(".draft")
        expect(drafts.first).to_be_visible(timeout=20000)
        shown_ms = (time.time() - started) * 1000
        expect(panel(page).locator(".lang")).to_contain_text("fr")
        suggestion_id = page.evaluate("document.documentElement.dataset.tactfulSuggestion")
        record = live.services.suggestions.get(suggestion_id)
        assert record.conversation_id == f"django-helpdesk-{helpdesk.ticket_id}"
        said = [(m["role"], m["text"][:12]) for m in record.request["messages"]]
        assert said == [("customer", "Bonjour, ma "), ("agent", "Bonjour Clai"), ("customer", "Voici la pho")]
        times = [m["sent_at"] for m in record.request["messages"]]  # read from the page's <time datetime>
        assert all(times) and times == sorted(times)
        text = drafts.nth(0).locator(".text").inner_text()
        drafts.nth(0).get_by_text(
            "Insert"
        ).click()  # opens the Respond tab, fills the helpdesk's own textarea
        expect(page.locator("#commentBox")).to_be_visible()
        expect(page.locator("#commentBox")).to_have_value(text)
        with page.expect_navigation():
            page.locator("#respond-tab-pane button[type=submit].btn-success").click()
        last = page.locator("#followup-list > li").last
        expect(last.locator("div.mt-3")).to_contain_text(text.split("\n")[0][:30])
        expect(last.locator(".badge.bg-success-subtle")).to_be_visible()  # posted to the customer
        deadline = time.time() + 10
        events = []
        while time.time() < deadline and "sent" not in events:
            with live.client("qa") as qa:
                events = [e["type"] for e in qa.get(f"/api/v1/suggestions/{suggestion_id}").json()["events"]]
            time.sleep(0.2)
        assert events[:1] == ["inserted"] and "sent" in events
        print(f"django-helpdesk: ticket page to drafts shown {shown_ms:.0f} ms")
    finally:
        page.close()
        configure(browser, live.url, live.tokens["agent"], helpdeskHosts=[])
