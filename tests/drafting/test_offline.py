"""The offline drafter: distinct drafts, culture-aware apology, names written the culture's way."""

from __future__ import annotations

from tactful.drafting.pipeline import ChatMessage, SuggestionInput


def _suggest(services, text, **kw):
    return services.pipeline.suggest(SuggestionInput([ChatMessage("customer", text)], **kw))


def test_japanese_name_gets_sama_and_back_translation_does_not(services):
    r = _suggest(services, "注文した商品が壊れて届きました。", customer_locale="ja-JP", customer_name="佐藤")
    texts = [d["text"] for d in r["drafts"]]
    assert any("佐藤様" in t for t in texts)
    assert not any("様" in d["back_translation"] for d in r["drafts"])


def test_unknown_name_leaves_no_dangling_punctuation(services):
    r = _suggest(services, "Oi! Meu cupom não funciona no carrinho.", customer_locale="pt-BR")
    for d in r["drafts"]:
        assert "{customer}" not in d["text"] and ",!" not in d["text"] and ", !" not in d["text"]


def test_compensation_only_once_resolved_and_still_unhappy_and_flagged(services):
    first = _suggest(
        services, "Mein Paket ist kaputt angekommen, das ist ärgerlich.", customer_locale="de-DE", drafts=5
    )
    assert not any(
        "Gutschein" in d["text"] for d in first["drafts"]
    )  # nothing resolved yet: no voucher offered
    later = services.pipeline.suggest(
        SuggestionInput(
            [
                ChatMessage("customer", "Mein Paket ist kaputt angekommen. Bestellung 48213."),
                ChatMessage(
                    "agent",
                    "Das tut mir sehr leid. So können wir das für Sie lösen: Wir senden Ihnen kostenlos Ersatz.",
                ),
                ChatMessage(
                    "customer",
                    "Das ist trotzdem wirklich ärgerlich, ich hatte es für ein Geschenk gebraucht!",
                ),
            ],
            customer_locale="de-DE",
            drafts=5,
        )
    )
    flagged = [d for d in later["drafts"] if any("compensation" in f for f in d["flags"])]
    assert flagged and all("Gutschein" in d["text"] for d in flagged)


def test_greeting_only_gets_a_welcome(services):
    r = _suggest(services, "Hallo", customer_locale="de-DE")
    assert r["stage"]["name"] == "greeting"
    assert any("helfen" in d["text"] for d in r["drafts"])


def test_language_without_phrasing_drafts_in_english_and_says_so(services):
    r = _suggest(services, "Hej, jeg har ikke modtaget min pakke endnu, der er gået to uger.")
    assert r["language"]["tag"] == "da"
    assert r["culture"]["profile"] == "default"
    assert "drafts are in English" in r["culture"]["notes"][0]


def test_polite_japanese_complaint_gets_an_apology_first(services):
    r = _suggest(services, "注文した商品がまだ届きません。", customer_locale="ja-JP")
    assert r["stage"]["name"] == "complaint"
    first = r["drafts"][0]["text"]
    assert "申し訳" in first.split("\n", 1)[1][:40]  # the apology opens the body, before any fact
