"""An agent who does not read Japanese writes in English in the panel and gets a keigo reply to insert (real
Chromium, the extension, the demo helpdesk, and a Tactful server whose model is a local OpenAI-compatible one)."""

from __future__ import annotations

import json
from contextlib import contextmanager

from playwright.sync_api import expect

from ..fakes.openai_server import Reply
from .conftest import configure, panel
from .test_demo import _customer_says

KEIGO = "山田様、この度は大変申し訳ございません。明日、新しい商品をお送りいたします。"


@contextmanager
def customer_in_demo(browser, live, with_model, fake, text: str, locale: str, name: str, first_draft: str):
    """The demo page served by the Tactful whose model is the fake server, with the customer's first message
    answered by one model draft; the extension goes back to the offline server afterwards."""
    configure(browser, with_model.url, with_model.tokens["agent"])
    try:
        page = browser.new_page()
        page.goto(f"{with_model.url}/demo")
        page.click("#reset")
        draft = {"text": first_draft, "back_translation": "Thanks", "source_ids": []}
        fake.enqueue(Reply(content=json.dumps({"drafts": [draft]}, ensure_ascii=False)))
        _customer_says(page, text, locale=locale, name=name)
        yield page
        page.close()
    finally:
        configure(browser, live.url, live.tokens["agent"])


def test_write_in_english_insert_keigo(browser, live, with_model, fake):
    with customer_in_demo(
        browser,
        live,
        with_model,
        fake,
        "届いたカップが割れていました。",
        "ja-JP",
        "山田 花子",
        "お問い合わせありがとうございます。",
    ) as page:
        expect(panel(page).locator(".draft").first).to_be_visible(timeout=15000)
        fake.enqueue(
            Reply(
                content=json.dumps(
                    {
                        "text": KEIGO,
                        "back_translation": "Ms Yamada, we are very sorry. We will send a new item tomorrow.",
                    },
                    ensure_ascii=False,
                ),
                chunk_chars=3,
                chunk_delay=0.02,  # slow enough to watch it arrive, well inside the test model's 2 s timeout
            )
        )
        panel(page).locator(".compose summary").click()
        panel(page).locator(".compose textarea").fill("Sorry, we'll send a new one tomorrow.")
        panel(page).get_by_text("Compose reply").click()
        card = panel(page).locator(".draft").first
        # The reply appears as the model writes it: part of it first, then the whole, checked, insertable.
        expect(card.locator(".text")).to_contain_text(KEIGO[:4], timeout=10000)
        partial = card.locator(".text").inner_text()
        assert KEIGO.startswith(partial) and len(partial) < len(KEIGO)
        expect(card.locator(".text")).to_have_text(KEIGO, timeout=15000)
        expect(card.locator(".back")).to_contain_text("send a new item tomorrow")
        card.get_by_text("Insert").click()
        expect(page.locator("#reply")).to_have_value(KEIGO)
        asked = "\n".join(m["content"] for m in fake.requests[-1]["messages"])
        assert "Sorry, we'll send a new one tomorrow." in asked


def test_a_korean_customer_read_in_english_in_the_panel(browser, live, with_model, fake):
    with customer_in_demo(
        browser,
        live,
        with_model,
        fake,
        "주문한 컵이 깨져서 왔어요. 언제 새 컵을 받을 수 있나요?",
        "ko-KR",
        "Kim Minji",
        "문의해 주셔서 감사합니다.",
    ) as page:
        expect(panel(page).locator(".gists .gist").first).to_be_visible(timeout=15000)
        fake.enqueue(
            Reply(
                content=json.dumps(
                    {
                        "translations": [
                            {
                                "index": 1,
                                "text": "The cup I ordered arrived broken. When can I get a new cup?",
                            }
                        ]
                    }
                )
            )
        )
        panel(page).locator(".gists .translate").click()
        expect(panel(page).locator(".gists .translation")).to_have_text(
            "The cup I ordered arrived broken. When can I get a new cup?", timeout=10000
        )
