"""Romanised and code-switched chat: romaji, pinyin, Hinglish, Taglish, Han or Hangul with English words."""

from __future__ import annotations

import pytest

from tactful.language import build_decider
from tactful.language.romanised import read_romanised
from tactful.settings import DEFAULT_EXPECTED_LANGUAGES


@pytest.fixture(scope="module")
def decider():
    return build_decider(DEFAULT_EXPECTED_LANGUAGES)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        pytest.param("kyou todoku hazu deshita ga, mada kite imasen", "ja-Latn", id="romaji-not-arrived"),
        pytest.param("ryoushuusho wo moraemasu ka? onegaishimasu", "ja-Latn", id="romaji-invoice"),
        pytest.param("wo xiang quxiao dingdan, keyi ma?", "zh-Latn", id="pinyin-cancel"),
        pytest.param("fapiao zenme kai? xiexie", "zh-Latn", id="pinyin-invoice"),
        pytest.param("mujhe invoice chahiye, kahan milega?", "hi-Latn", id="hinglish-invoice"),
        pytest.param("order cancel karna hai, kaise karu?", "hi-Latn", id="hinglish-cancel"),
        pytest.param("Paano po mag-cancel ng order ko?", "tl", id="taglish-cancel"),
        pytest.param("Salamat po, pero wala pa yung refund ko", "tl", id="taglish-refund"),
    ],
)
def test_romanised_forms_are_read(text, form):
    found = read_romanised(text)
    assert found is not None and found.form == form


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Hai ricevuto la mia email? Ho un problema con l'ordine", id="italian-hai-ho"),
        pytest.param("Tak, zamówienie przyszło po tygodniu", id="polish-tak-po"),
        pytest.param("Mi pedido no ha llegado, ¿me ayudas?", id="spanish"),
        pytest.param("Can you do a refund on my banana order please", id="english-romaji-spellable"),
        pytest.param("no no no", id="repeated-word"),
        pytest.param("Das Paket ist noch nicht da, wie lange dauert das?", id="german"),
        pytest.param("Kiitos paljon, tilaus tuli perille", id="finnish"),
    ],
)
def test_ordinary_latin_text_is_not_romanised(text):
    assert read_romanised(text) is None


@pytest.mark.parametrize(
    ("text", "locale", "tag", "basis"),
    [
        pytest.param(
            "kyou todoku hazu deshita ga, mada kite imasen", "en-US", "ja", "romanised:ja-Latn", id="romaji"
        ),
        pytest.param(
            "wo xiang quxiao dingdan, keyi ma?", "en-US", "zh-Hans", "romanised:zh-Latn", id="pinyin"
        ),
        pytest.param(
            "wo xiang quxiao dingdan, keyi ma?", "zh-TW", "zh-Hant", "romanised:zh-Latn", id="pinyin-taiwan"
        ),
        pytest.param(
            "mujhe invoice chahiye, kahan milega?", "en-IN", "hi", "romanised:hi-Latn", id="hinglish"
        ),
        pytest.param(
            "我的refund什么时候到account？", "en-US", "zh-Hans", "script:han", id="han-with-english"
        ),
        pytest.param("제 order가 아직 안 왔어요", "en-US", "ko", "script:hangul", id="hangul-with-english"),
    ],
)
def test_conversation_language_of_romanised_and_mixed_text(decider, text, locale, tag, basis):
    decision = decider.decide([text], locale=locale)
    assert decision.tag == tag and decision.basis[0] == basis


def test_english_with_one_chinese_word_stays_english(decider):
    assert decider.decide(["Please send the invoice for 订单 12345 to my work address"]).language == "en"


def test_romanised_reading_survives_a_short_latest_message(decider):
    decision = decider.decide(["kyou todoku hazu deshita ga, mada kite imasen", "ok"], locale="en-US")
    assert decision.language == "ja" and "romanised:ja-Latn" in decision.basis
