"""Items edited as text in the console come back whole: an article's customer questions (ranking evidence in
every language) and entities survive the round trip through the editor, as they do from the seed files."""

from __future__ import annotations

import pytest

from tactful.console.formats import from_text, to_text
from tactful.errors import InvalidRequest
from tactful.library.seed import seed_items


def _seeded(kind: str) -> list[dict]:
    from tactful.settings import Settings

    settings = Settings(_env_file=None)
    return [c for k, _, c in seed_items(settings.seed_dir, settings.prompts_dir) if k == kind]


def test_every_seed_article_survives_the_text_editor():
    articles = _seeded("article")
    assert any("questions" in a for a in articles) and any("entities" in a for a in articles)
    for article in articles:
        assert from_text("article", to_text("article", article)) == article


def test_culture_profiles_and_prompts_survive_the_text_editor():
    for kind in ("culture", "prompt"):
        for content in _seeded(kind):
            assert from_text(kind, to_text(kind, content)) == content


def test_an_article_without_front_matter_is_refused_with_the_reason():
    with pytest.raises(InvalidRequest) as refused:
        from_text("article", "Just a body, no front matter")
    assert "front matter" in refused.value.detail
