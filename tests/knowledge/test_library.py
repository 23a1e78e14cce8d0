"""The seed content: enough articles, a complete phrasing library, validated on load."""

from __future__ import annotations

import pytest

from tactful.errors import ConfigurationError
from tactful.knowledge.library import STAGES, load_library, load_phrasing_file

from ..conftest import ROOT

PROFILED_LANGUAGES = ["en", "de", "fr", "es", "pt", "it", "ja", "ko", "zh-Hans", "zh-Hant"]


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "kb_seed")


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


def test_unknown_placeholder_is_reported(tmp_path):
    bad = tmp_path / "xx.yaml"
    bad.write_text('language: xx\nphrases:\n  greeting.hello:\n    formal: "Hello {customer_nme}"\n')
    with pytest.raises(ConfigurationError, match=r"xx.yaml: phrase 'greeting.hello': unknown placeholder"):
        load_phrasing_file(bad, {})


def test_unknown_stage_is_reported(tmp_path):
    bad = tmp_path / "xx.yaml"
    bad.write_text('language: xx\nphrases:\n  gossip.hello:\n    formal: "Hello"\n')
    with pytest.raises(ConfigurationError, match="unknown stage 'gossip'"):
        load_phrasing_file(bad, {})
