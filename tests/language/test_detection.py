"""Language decisions on chat text: scripts, short replies, history, hints."""

from __future__ import annotations

import pytest

from tactful.language import build_decider
from tactful.language.scripts import judge_script
from tactful.language.tags import to_bcp47
from tactful.settings import DEFAULT_EXPECTED_LANGUAGES


@pytest.fixture(scope="module")
def decider():
    return build_decider(DEFAULT_EXPECTED_LANGUAGES)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param("네", "ko", id="hangul-one-syllable"),
        pytest.param("はい", "ja", id="hiragana"),
        pytest.param("ขอบคุณ", "th", id="thai"),
        pytest.param("תודה", "he", id="hebrew"),
        pytest.param("ευχαριστώ", "el", id="greek"),
        pytest.param("धन्यवाद", "hi", id="devanagari"),
        pytest.param("дякую за інформацію", "uk", id="ukrainian-letter"),
        pytest.param("спасибо, всё понятно", "ru", id="russian-letter"),
        pytest.param("مرسی، پیگیری کنید", "fa", id="persian-letters"),
        pytest.param("شكرا جزيلا على المساعدة", "ar", id="arabic-letters"),
    ],
)
def test_script_settles_language_however_short(text, lang):
    assert judge_script(text).language == lang


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        pytest.param("谢谢", "zh-Hans", id="simplified"),
        pytest.param("謝謝", "zh-Hant", id="traditional"),
        pytest.param("我的订单还没有到", "zh-Hans", id="simplified-sentence"),
        pytest.param("我的訂單還沒有到", "zh-Hant", id="traditional-sentence"),
    ],
)
def test_han_script_variant(decider, text, tag):
    assert decider.decide([text]).tag == tag


def test_detect_keeps_language_on_short_reply(decider):
    texts = ["Guten Tag, meine Bestellung ist noch nicht angekommen und ich warte seit zwei Wochen.", "ok"]
    assert decider.decide(texts).tag == "de"
    texts = ["Bonjour, je n'ai toujours pas reçu mon colis commandé il y a dix jours.", "merci"]
    assert decider.decide(texts).tag == "fr"


def test_ambiguous_han_follows_region(decider):
    # "中文" is written the same in both sets: the customer's region decides.
    assert decider.decide(["中文"], locale="zh-TW").tag == "zh-Hant"
    assert decider.decide(["中文"], country="CN").tag == "zh-Hans"


def test_locale_hint_breaks_a_tie_on_one_word(decider):
    assert decider.decide(["danke"], locale="de-AT").tag == "de-AT"


def test_long_text_outweighs_a_wrong_hint(decider):
    d = decider.decide(
        ["Hola, quisiera saber cuándo llegará mi pedido, lo compré hace una semana."], locale="de-DE"
    )
    assert d.language == "es"


def test_override_is_final(decider):
    d = decider.decide(["Hello there"], override="pt-br")
    assert (d.tag, d.confidence, d.basis) == ("pt-BR", 1.0, ["override"])


def test_no_letters_falls_back(decider):
    d = decider.decide(["12345 !!!"])
    assert d.tag == "en" and d.confidence == 0.0


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("pt_br", "pt-BR"),
        ("zh-TW", "zh-Hant"),
        ("zh-cn", "zh-Hans"),
        ("zh-Hant-HK", "zh-Hant"),
        ("DE", "de"),
    ],
)
def test_bcp47_canonical_form(tag, canonical):
    assert to_bcp47(tag) == canonical
