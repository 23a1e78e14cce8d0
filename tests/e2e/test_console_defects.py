"""The console defects a new supervisor hit, in the browser: an article uploaded as a file, an edit kept through a
validation error, a preview that says what it ran on and marks what changed, a doubled honorific explained."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import sign_in


def test_upload_edit_and_preview_in_the_browser(browser, live, tmp_path):
    page = browser.new_page()
    sign_in(page, live, "supervisor")
    # an article uploaded as a file is saved (it was ignored, and the form cleared)
    page.goto(f"{live.url}/console/library/article")
    file = tmp_path / "grinder.md"
    file.write_text(
        "# Cleaning the coffee grinder\n\nUnplug it, brush the burrs, never rinse the motor.",
        encoding="utf-8",
    )
    form = page.locator("#new-item")
    form.locator("input[name=id]").fill("grinder-cleaning")
    form.locator("input[name=title]").fill("Cleaning the coffee grinder")
    form.locator("input[name=summary]").fill("Unplug, brush the burrs, never rinse the motor.")
    form.locator("input[name=upload]").set_input_files(str(file))
    form.locator("button[type=submit]").click()
    expect(page.locator(".msg.ok")).to_contain_text("Saved version 1")
    expect(page.locator("#editor textarea")).to_contain_text("never rinse the motor")

    # a culture profile edit with a validation error stays in the editor
    page.goto(f"{live.url}/console/item/culture:it-IT")
    editor = page.locator("#editor textarea[name=text]")
    edited = editor.input_value().replace("register: formal", "register: molto formale", 1)
    assert edited != editor.input_value()
    editor.fill(edited)
    page.locator("#editor button[type=submit]").click()
    expect(page.locator(".msg.err")).to_contain_text("register")
    assert "molto formale" in page.locator("#editor textarea[name=text]").input_value()

    # the preview says which conversation it ran on and marks what the candidate changes
    page.goto(f"{live.url}/console/item/phrase:ja:greeting.hello:formal")
    text = page.locator("#editor textarea[name=text]")
    text.fill(text.input_value() + " いつもご利用いただき誠にありがとうございます。")
    page.locator("#editor button[type=submit]").click()
    expect(page.locator(".msg.ok")).to_contain_text("Draft version")
    page.locator("#preview-form input[name=customer_text]").fill("荷物がまだ届きません。")
    page.locator("#preview-form input[name=locale]").fill("ja-JP")
    page.locator("#preview-form button[type=submit]").click()
    expect(page.locator("#preview-on")).to_contain_text("荷物がまだ届きません。")
    expect(page.locator("#preview [data-side=candidate] mark").first).to_contain_text(
        "誠にありがとうございます"
    )

    # {customer}様 is refused with the reason, and what was typed stays
    page.goto(f"{live.url}/console/library/phrase")
    new = page.locator("#new-item")
    new.locator("input[name=language]").fill("ja")
    new.locator("input[name=key]").fill("greeting.short")
    new.locator("textarea[name=text]").fill("{customer}様、お世話になっております。")
    new.locator("button[type=submit]").click()
    expect(page.locator(".msg.err")).to_contain_text("佐藤様")
    expect(page.locator("#new-item textarea[name=text]")).to_have_value(
        "{customer}様、お世話になっております。"
    )
    page.close()
