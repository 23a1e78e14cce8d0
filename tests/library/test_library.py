"""The seed content: enough articles, a complete phrasing library, validated on load."""

from __future__ import annotations

import pytest

from tactful.errors import InvalidRequest
from tactful.library.content import content_from_files
from tactful.library.texts import STAGES
from tactful.library.validation import validate

from ..conftest import ROOT

PROFILED_LANGUAGES = ["en", "de", "fr", "es", "pt", "it", "ja", "ko", "zh-Hans", "zh-Hant"]


@pytest.fixture(scope="module")
def library():
    return content_from_files(ROOT / "kb_seed", ROOT / "prompts").library


def test_at_least_25_articles_with_summaries_in_every_profiled_language(library):
    assert len(library.articles) >= 25
    for article in library.articles.values():
        assert set(article.summary) >= set(PROFILED_LANGUAGES), article.id


@pytest.mark.parametrize("language", PROFILED_LANGUAGES)
def test_phrasing_covers_every_stage_and_english_key(library, language):
    phrases = [p for p in library.phrases if p.language == language]
    assert {p.stage for p in phrases} == set(STAGES)
    english_keys = {p.key for p in library.phrases if p.language == "en"}
    assert {p.key for p in phrases} == english_keys
    assert all(p.meaning for p in phrases)


@pytest.mark.parametrize("language", ["de", "fr", "es", "it", "pt", "zh-Hans", "zh-Hant", "en"])
def test_t_v_languages_have_both_registers(library, language):
    keys = {p.key for p in library.phrases if p.language == language}
    for key in keys:
        assert library.phrase(language, key, "formal") and library.phrase(language, key, "informal"), key


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        pytest.param(
            {"language": "de", "key": "greeting.hello", "register": "formal", "text": "Hallo {customer_nme}"},
            "unknown-placeholder",
            "unknown placeholder {customer_nme}",
            id="placeholder",
        ),
        pytest.param(
            {"language": "de", "key": "gossip.hello", "register": "formal", "text": "Hallo"},
            "invalid-content",
            "must be <stage>.<name>",
            id="stage",
        ),
        pytest.param(
            {"language": "not a locale", "key": "greeting.hello", "register": "formal", "text": "Hi"},
            "unknown-locale",
            "not a known locale",
            id="locale",
        ),
        pytest.param(
            {"language": "de", "key": "greeting.hello", "register": "formal", "text": "  "},
            "empty-text",
            "the text is empty",
            id="empty",
        ),
        pytest.param(
            {"language": "de", "key": "greeting.hello", "register": "casual", "text": "Hi"},
            "invalid-content",
            "not one of formal, informal",
            id="register",
        ),
    ],
)
def test_invalid_phrase_is_reported_clearly(content, code, message):
    with pytest.raises(InvalidRequest) as e:
        validate("phrase", content, "de.yaml")
    assert e.value.code == code and message in e.value.detail and e.value.detail.startswith("de.yaml")
