"""Each helpdesk adapter against a saved fixture shaped like that product's DOM, served at the product's own
URL (Playwright routes the request), with the extension loaded and the real backend answering."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from .conftest import FIXTURES, configure, panel

CASES = [
    pytest.param("https://acme.zendesk.com/agent/tickets/4521", "zendesk.html", "de-DE", "zendesk-4521",
                 ".ck-editor__editable", "[data-test-id='submit_button-button']", id="zendesk"),
    pytest.param("https://app.intercom.com/a/inbox/abc/inbox/conversation/9001", "intercom.html", "fr-FR",
                 "intercom-9001", ".ProseMirror", "[data-composer-send-button]", id="intercom"),
    pytest.param("https://acme.freshdesk.com/a/tickets/88", "freshdesk.html", "it-IT", "freshdesk-88",
                 ".fr-element", "[data-test-id='send-button']", id="freshdesk"),
    pytest.param("https://app.chatwoot.com/app/accounts/1/conversations/7", "chatwoot.html", "pt-BR", "chatwoot-7",
                 ".reply-box textarea", ".send-button", id="chatwoot"),
]


def _serve(page, url: str, fixture: str) -> None:
    html = (FIXTURES / fixture).read_text(encoding="utf-8")
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))


def _record(live, page):
    suggestion_id = page.evaluate("document.documentElement.dataset.tactfulSuggestion")
    return live.services.suggestions.get(suggestion_id)


@pytest.mark.parametrize(("url", "fixture", "tag", "conversation_id", "box", "send"), CASES)
def test_adapter_reads_conversation_and_inserts(browser, live, url, fixture, tag, conversation_id, box, send):
    page = browser.new_page()
    _serve(page, url, fixture)
    page.goto(url)
    drafts = panel(page).locator(".draft")
    expect(drafts).to_have_count(3, timeout=15000)
    expect(panel(page).locator(".lang")).to_contain_text(tag)
    record = _record(live, page)
    assert record.conversation_id == conversation_id
    roles = [m["role"] for m in record.request["messages"]]
    assert roles == ["customer", "agent", "customer"]
    assert record.request["customer"]["locale"] == tag
    drafts.nth(0).get_by_text("Insert").click()
    text = drafts.nth(0).locator(".text").inner_text()
    reply = page.locator(box)
    if fixture == "chatwoot.html":
        expect(reply).to_have_value(text)
    else:  # rich editors hold one paragraph per line
        assert " ".join(reply.inner_text().split()) == " ".join(text.split())
    expect(page.locator(send)).to_be_enabled()
    page.close()


def test_new_customer_message_triggers_new_drafts(browser, live):
    url = "https://app.chatwoot.com/app/accounts/1/conversations/8"
    page = browser.new_page()
    _serve(page, url, "chatwoot.html")
    page.goto(url)
    expect(panel(page).locator(".draft")).to_have_count(3, timeout=15000)
    first = page.evaluate("document.documentElement.dataset.tactfulSuggestion")
    page.evaluate("""() => {
        const li = document.createElement('li'); li.className = 'left';
        li.innerHTML = '<div class="message-text__wrap">Consegui! Obrigada. Quanto tempo demora a entrega?</div>';
        document.querySelector('.conversation-panel').append(li);
    }""")
    deadline = time.time() + 10
    while time.time() < deadline and page.evaluate("document.documentElement.dataset.tactfulSuggestion") == first:
        time.sleep(0.1)
    assert page.evaluate("document.documentElement.dataset.tactfulSuggestion") != first
    page.close()


def test_generic_adapter_uses_configured_selectors(browser, live):
    from ..conftest import free_port

    # A host the extension already may reach; other hosts are granted in the options page at save time.
    url = f"http://127.0.0.1:{free_port()}/chat"
    configure(browser, live.url, live.tokens["agent"], generic={
        "hosts": [url], "message": ".chat .msg", "customer": ".incoming", "text": ".body",
        "replyBox": "#answer", "send": ".send"})
    try:
        deadline = time.time() + 5  # the worker registers the generic content script on the storage change
        while time.time() < deadline and not browser.tactful_worker.evaluate(
                "async () => (await chrome.scripting.getRegisteredContentScripts()).length"):
            time.sleep(0.1)
        page = browser.new_page()
        _serve(page, url, "generic.html")
        page.goto(url)
        drafts = panel(page).locator(".draft")
        expect(drafts).to_have_count(3, timeout=15000)
        drafts.nth(0).get_by_text("Insert").click()
        expect(page.locator("#answer")).to_have_value(drafts.nth(0).locator(".text").inner_text())
        expect(page.locator(".send")).to_be_enabled()
        page.close()
    finally:
        configure(browser, live.url, live.tokens["agent"], generic={})
