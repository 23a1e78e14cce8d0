"""Each helpdesk adapter in real headless Chromium with the extension loaded and the real backend answering, on
pages shaped after the products' own code (see each fixture's header for the evidence) and with the editors those
products use, from npm: ProseMirror (Chatwoot, Intercom), CKEditor 5 (Zendesk), Froala (Freshdesk). Assertions
read the editor's own document, not the page text."""

from __future__ import annotations

import json
import mimetypes
import time

import pytest
from playwright.sync_api import expect

from ..conftest import free_port
from .conftest import FIXTURES, configure, panel, wait_for_registered_scripts

EDITORS = FIXTURES.parent / "editors" / "node_modules"
ASSETS = "https://editors.tactful.test/"

needs_editors = pytest.mark.skipif(
    not (EDITORS / "ckeditor5").exists(),
    reason="editor packages not installed (scripts/test runs npm ci in tests/e2e/editors)",
)


def _asset(route) -> None:
    path = route.request.url[len(ASSETS) :].split("?")[0]
    file = FIXTURES / path[len("fixtures/") :] if path.startswith("fixtures/") else EDITORS / path
    if not file.is_file():
        route.fulfill(status=404, body="not found")
        return
    kind = (
        "text/javascript"
        if file.suffix in (".js", ".mjs")
        else mimetypes.guess_type(file.name)[0] or "text/plain"
    )
    route.fulfill(
        status=200, content_type=kind, body=file.read_bytes(), headers={"Access-Control-Allow-Origin": "*"}
    )


def _open(browser, url: str, fixture: str, viewport=(1280, 800)):
    page = browser.new_page()
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    importmap = (FIXTURES / "editors-importmap.json").read_text(encoding="utf-8")
    html = (
        (FIXTURES / fixture)
        .read_text(encoding="utf-8")
        .replace("<!--importmap-->", f'<script type="importmap">{importmap}</script>')
    )
    page.route(ASSETS + "**", _asset)
    page.route(
        url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
    )
    page.goto(url)
    return page


def _suggestion(page) -> str | None:
    return page.evaluate("document.documentElement.dataset.tactfulSuggestion")


def _record(live, page):
    return live.services.suggestions.get(_suggestion(page))


def _next_suggestion(page, before: str | None, timeout: float = 15) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        now = _suggestion(page)
        if now and now != before:
            return now
        time.sleep(0.1)
    raise AssertionError("no new suggestion")


def _grant_host(browser, live, origin: str, product: str) -> None:
    """What the options page stores for a self-hosted helpdesk; the worker registers the content scripts."""
    configure(browser, live.url, live.tokens["agent"], helpdeskHosts=[{"origin": origin, "product": product}])
    wait_for_registered_scripts(browser)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture()
def chatwoot(browser, live):
    """A self-hosted Chatwoot (any host the agent grants), here on localhost."""
    origin = f"http://localhost:{free_port()}"
    _grant_host(browser, live, origin, "chatwoot")
    page = _open(browser, f"{origin}/app/accounts/1/conversations/7", "chatwoot.html")
    yield page
    page.close()
    configure(browser, live.url, live.tokens["agent"], helpdeskHosts=[])


@needs_editors
def test_chatwoot_self_hosted_roles_from_variants_and_prosemirror_insert_with_undo(chatwoot, live):
    page = chatwoot
    drafts = panel(page).locator(".draft")
    expect(drafts.first).to_be_visible(timeout=20000)
    expect(panel(page).locator(".lang")).to_contain_text("pt")
    record = _record(live, page)
    assert record.conversation_id == "chatwoot-7"
    said = [(m["role"], m["text"][:12]) for m in record.request["messages"]]
    # the bot's answer is on the agent's side; the private note and the activity line are not in the conversation,
    # and another agent's message on the left is still the agent's
    assert said == [
        ("customer", "Olá! Meu ped"),
        ("agent", "Captain: I f"),
        ("agent", "Oi Ana, sint"),
        ("customer", "Mandei a fot"),
    ]
    assert not any("VIP" in m["text"] for m in record.request["messages"])
    text = drafts.nth(0).locator(".text").inner_text()
    drafts.nth(0).get_by_text("Insert").click()
    expect(page.locator(".send-button")).to_be_enabled()
    assert _flat(page.evaluate("window.pmText()")) == _flat(text)  # ProseMirror's own document
    page.locator(".ProseMirror").click()  # the agent clicks into the reply, then undoes
    page.wait_for_timeout(100)
    page.keyboard.press("Control+z")
    expect(page.locator(".ProseMirror")).to_have_text("")
    assert page.evaluate("window.pmText()") == ""


@needs_editors
def test_intercom_keeps_the_agents_text_and_replace_is_one_undo_away(browser, live):
    page = _open(browser, "https://app.intercom.com/a/inbox/abc/inbox/conversation/9001", "intercom.html")
    drafts = panel(page).locator(".draft")
    expect(drafts.first).to_be_visible(timeout=20000)
    record = _record(live, page)
    assert record.conversation_id == "intercom-9001"
    assert [m["role"] for m in record.request["messages"]] == ["customer", "agent", "agent", "customer"]
    assert not any("Stripe" in m["text"] or "Messenger" in m["text"] for m in record.request["messages"])
    editor = page.locator(".ProseMirror")
    editor.click()
    editor.press("Control+End")
    page.keyboard.type(" ")
    page.keyboard.press("Alt+1")  # at the cursor: the agent's greeting stays
    first = drafts.nth(0).locator(".text").inner_text()
    expect(editor).to_contain_text(first.split("\n")[0][:20])
    held = page.evaluate("window.pmText()").replace(
        "\xa0", " "
    )  # the typed trailing space is a no-break space
    assert held.startswith("Bonjour Claire, ") and _flat(first) in _flat(held)
    panel(page).locator(".toolbar select").select_option("all")
    page.wait_for_timeout(700)  # a separate step in the editor's history, as an agent's next action would be
    page.keyboard.press("Alt+2")  # replace: everything the agent had goes, and Ctrl+Z brings it back
    second = drafts.nth(1).locator(".text").inner_text()
    expect(panel(page).locator(".notice")).to_contain_text("Ctrl+Z")
    assert _flat(page.evaluate("window.pmText()")) == _flat(second)
    editor.press("Control+z")
    assert page.evaluate("window.pmText()").replace("\xa0", " ") == held
    panel(page).locator(".toolbar select").select_option("cursor")
    page.close()


@needs_editors
def test_zendesk_reads_the_active_ticket_only_and_inserts_through_ckeditor(browser, live):
    page = _open(browser, "https://acme.zendesk.com/agent/tickets/4521", "zendesk.html")
    drafts = panel(page).locator(".draft")
    expect(drafts.first).to_be_visible(timeout=20000)
    expect(panel(page).locator(".lang")).to_contain_text("de")
    record = _record(live, page)
    assert record.conversation_id == "zendesk-4521"
    texts = [(m["role"], m["text"]) for m in record.request["messages"]]
    assert [r for r, _ in texts] == ["customer", "agent", "customer"]  # the internal note is left out
    assert not any("Sevilla" in t or "Kulanz" in t for _, t in texts)  # the background tab is not read
    drafts.nth(0).get_by_text("Insert").click()
    text = drafts.nth(0).locator(".text").inner_text()
    expect(
        page.locator("[data-test-id='submit_button-button']")
    ).to_be_enabled()  # the editor's own change event
    data = page.evaluate("window.editors['4521'].getData()")  # CKEditor's model, not the DOM
    assert _flat(text.split("\n")[-1]) in _flat(
        data.replace("</p><p>", " ").replace("<p>", "").replace("</p>", "")
    )
    assert page.evaluate("window.editors['4520'].getData()") == ""
    page.locator(".editor-4521").press("Control+z")
    assert page.evaluate("window.editors['4521'].getData()") == ""
    page.close()


@needs_editors
def test_zendesk_ticket_switch_clears_drafts_and_never_inserts_into_the_other_ticket(browser, live):
    page = _open(browser, "https://acme.zendesk.com/agent/tickets/4521", "zendesk.html")
    expect(panel(page).locator(".draft").first).to_be_visible(timeout=20000)
    first = _suggestion(page)
    page.evaluate("""() => {
        document.querySelector('[data-side-conversations-anchor-id="4521"]').style.display = 'none';
        document.querySelector('[data-side-conversations-anchor-id="4520"]').style.display = '';
        history.pushState({}, '', '/agent/tickets/4520');
    }""")
    page.keyboard.press("Alt+1")  # in the moment after the switch: the old drafts are gone, nothing goes in
    assert page.evaluate("window.editors['4520'].getData()") == ""
    _next_suggestion(page, first)
    record = _record(live, page)
    assert record.conversation_id == "zendesk-4520"
    assert [m["text"][:4] for m in record.request["messages"]] == ["Hola"]
    expect(panel(page).locator(".lang")).to_contain_text("es")
    page.close()


@needs_editors
def test_freshdesk_opens_the_reply_editor_and_inserts_through_froala(browser, live):
    page = _open(browser, "https://acme.freshdesk.com/a/tickets/88", "freshdesk.html")
    drafts = panel(page).locator(".draft")
    expect(drafts.first).to_be_visible(timeout=20000)
    record = _record(live, page)
    assert record.conversation_id == "freshdesk-88"
    assert [m["role"] for m in record.request["messages"]] == ["customer", "agent", "customer"]
    assert page.locator(".fr-element").count() == 0  # Froala exists only after Reply
    drafts.nth(0).get_by_text("Insert").click()
    expect(page.locator(".fr-element")).to_be_visible()
    text = drafts.nth(0).locator(".text").inner_text()
    deadline = time.time() + 5
    while time.time() < deadline and "<p>" not in page.evaluate("window.froala.html.get()"):
        time.sleep(0.1)
    held = page.evaluate("window.froala.el.innerText")  # Froala's own editable
    assert _flat(text) == _flat(held)
    expect(page.locator("[data-test-id='send-button']")).to_be_enabled()
    page.close()


@needs_editors
def test_new_message_by_id_lazy_history_ignored_and_an_overlong_one_cut_not_fatal(chatwoot, live):
    page = chatwoot
    expect(panel(page).locator(".draft").first).to_be_visible(timeout=20000)
    first = _suggestion(page)
    # older history loading in above the conversation is not a new customer message
    page.evaluate("""() => {
        const old = document.querySelector('[data-message-id="102"]').cloneNode(true);
        old.dataset.messageId = '95';
        old.querySelector('p').textContent = 'Mensagem antiga: preciso trocar o endereço.';
        document.querySelector('[data-message-id="101"]').before(old);
    }""")
    time.sleep(1.5)
    assert _suggestion(page) == first
    page.evaluate(
        "window.addCustomerMessage('107', 'Obrigada! ' + 'Quanto tempo demora a entrega? '.repeat(400))"
    )
    second = _next_suggestion(page, first)
    last = live.services.suggestions.get(second).request["messages"][-1]
    assert last["role"] == "customer" and len(last["text"]) <= 8000
    page.evaluate("window.addCustomerMessage('108', 'E o frete é grátis?')")
    _next_suggestion(page, second)  # drafting goes on after the long message


def test_panel_docks_beside_the_conversation_and_remembers_its_width(browser, live):
    page = _open(browser, "https://app.intercom.com/a/inbox/abc/inbox/conversation/9002", "intercom.html")
    expect(panel(page).locator(".draft").first).to_be_visible(timeout=20000)
    box = panel(page).locator(".panel").bounding_box()
    assert box["x"] + box["width"] >= 1279 and box["height"] >= 790  # a full-height column at the right edge
    rightmost = page.evaluate("""() => Math.max(...[...document.querySelectorAll('[data-part-group-id], [data-conversation-reply-composer]')]
        .map((e) => e.getBoundingClientRect().right))""")
    assert rightmost <= box["x"] + 1  # nothing of the conversation or the reply box is under the panel
    grip = panel(page).locator(".grip").bounding_box()
    page.mouse.move(grip["x"] + 2, 400)
    page.mouse.down()
    page.mouse.move(1280 - 480, 400, steps=4)
    page.mouse.up()
    assert abs(panel(page).locator(".panel").bounding_box()["width"] - 480) <= 3
    page.close()
    again = _open(browser, "https://app.intercom.com/a/inbox/abc/inbox/conversation/9003", "intercom.html")
    expect(panel(again).locator(".panel")).to_be_visible()
    deadline = time.time() + 3
    while time.time() < deadline and abs(panel(again).locator(".panel").bounding_box()["width"] - 480) > 3:
        time.sleep(0.1)
    assert abs(panel(again).locator(".panel").bounding_box()["width"] - 480) <= 3
    browser.tactful_worker.evaluate("chrome.storage.local.remove('panelPrefs')")
    again.close()


@needs_editors
def test_collapsed_panel_marks_new_drafts_and_dismiss_leaves_nothing_insertable(chatwoot, browser, live):
    page = chatwoot
    expect(panel(page).locator(".draft").first).to_be_visible(timeout=20000)
    panel(page).locator("header .hide").click()
    first = _suggestion(page)
    page.evaluate("window.addCustomerMessage('109', 'Vocês trocam a tampa ou a panela inteira?')")
    _next_suggestion(page, first)
    expect(panel(page).locator(".badge")).to_be_visible()
    panel(page).locator("header .hide").click()
    expect(panel(page).locator(".badge")).to_be_hidden()
    panel(page).locator(".toolbar .dismiss").click()
    expect(panel(page).locator(".status")).to_contain_text("Dismissed")
    expect(panel(page).locator(".status")).to_be_in_viewport()
    expect(panel(page).locator(".draft")).to_have_count(0)
    page.keyboard.press("Alt+1")
    assert page.evaluate("window.pmText()") == ""
    browser.tactful_worker.evaluate("chrome.storage.local.remove('panelPrefs')")


def test_self_test_says_what_the_page_is_missing(browser, live):
    url = "https://acme.zendesk.com/agent/tickets/777"
    page = browser.new_page()
    page.route(
        url,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<html><body><h1>Zendesk</h1><p>A redesigned page</p></body></html>",
        ),
    )
    page.goto(url)
    expect(panel(page).locator(".status")).to_contain_text("No messages found", timeout=10000)
    deadline = time.time() + 5
    probes = {}
    while time.time() < deadline and "zendesk" not in probes:
        probes = browser.tactful_worker.evaluate(
            "async () => (await chrome.storage.local.get('probes')).probes || {}"
        )
        time.sleep(0.1)
    failed = [c["name"] for c in probes["zendesk"]["checks"] if not c["ok"]]
    assert failed == ["conversation", "customer", "reply box"]
    options = browser.new_page()
    extension_id = browser.tactful_worker.url.split("/")[2]
    options.goto(f"chrome-extension://{extension_id}/options/options.html")
    expect(options.locator("#probes")).to_contain_text("conversation NOT found")
    options.close()
    page.close()


def test_pushed_selector_data_replaces_the_bundled_file(browser, live):
    """A supervisor publishes new selectors (here: Freshdesk renamed its items); the extension uses them."""
    renamed = (
        (FIXTURES / "freshdesk.html").read_text(encoding="utf-8").replace("ticket-details__item", "tkt-item")
    )
    data = json.loads(
        (FIXTURES.parent.parent.parent / "extension" / "adapters" / "freshdesk.json").read_text()
    )
    data["item"] = [{"css": ".tkt-item", "source": "test"}]
    data["roles"] = [
        {"role": "internal", "css": ".ticket-details__privatenote"},
        {"role": "customer", "css": ".ticket-details__requestor"},
        {"role": "agent", "css": ".tkt-item:not(.ticket-details__requestor)"},
    ]
    browser.tactful_worker.evaluate(
        "h => chrome.storage.local.set({pushed: {at: Date.now(), helpdesks: [h]}})", data
    )
    try:
        url = "https://acme.freshdesk.com/a/tickets/89"
        page = browser.new_page()
        page.route(ASSETS + "**", _asset)
        page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=renamed))
        page.goto(url)
        expect(panel(page).locator(".draft").first).to_be_visible(timeout=20000)
        assert [m["role"] for m in _record(live, page).request["messages"]] == [
            "customer",
            "agent",
            "customer",
        ]
        page.close()
    finally:
        browser.tactful_worker.evaluate("chrome.storage.local.remove('pushed')")


def test_generic_adapter_uses_configured_selectors(browser, live):
    # A host the extension already may reach; other hosts are granted in the options page at save time.
    url = f"http://127.0.0.1:{free_port()}/chat"
    configure(
        browser,
        live.url,
        live.tokens["agent"],
        generic={
            "hosts": [url],
            "message": ".chat .msg",
            "customer": ".incoming",
            "text": ".body",
            "replyBox": "#answer",
            "send": ".send",
        },
    )
    try:
        wait_for_registered_scripts(browser)
        page = browser.new_page()
        page.route(
            url,
            lambda route: route.fulfill(
                status=200,
                content_type="text/html; charset=utf-8",
                body=(FIXTURES / "generic.html").read_text(encoding="utf-8"),
            ),
        )
        page.goto(url)
        drafts = panel(page).locator(".draft")
        expect(drafts.first).to_be_visible(timeout=15000)
        drafts.nth(0).get_by_text("Insert").click()
        expect(page.locator("#answer")).to_have_value(drafts.nth(0).locator(".text").inner_text())
        expect(page.locator(".send")).to_be_enabled()
        page.close()
    finally:
        configure(browser, live.url, live.tokens["agent"], generic={})
