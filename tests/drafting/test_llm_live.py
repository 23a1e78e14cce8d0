"""The LLM contract against a real endpoint, when one is configured:

    TACTFUL_LLM__BASE_URL=http://127.0.0.1:11434/v1 TACTFUL_LLM__MODEL=qwen2.5:7b scripts/test -m live

Skipped otherwise (CI has no model). A real model may answer badly; the contract is that the agent always gets
drafts, from the model or, flagged as degraded, from the offline drafter.
"""

from __future__ import annotations

import os

import pytest

from tactful.drafting.pipeline import ChatMessage, SuggestionInput
from tactful.services import with_model
from tactful.settings import Settings

from ..conftest import run_async

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not os.environ.get("TACTFUL_LLM__BASE_URL"),
        reason="set TACTFUL_LLM__BASE_URL to run against a real model",
    ),
]


def test_real_model_drafts_or_degrades(services, settings):
    env = Settings()
    live_settings = settings.model_copy(update={"llm": env.llm})
    drafter = with_model(services, live_settings).flow.drafter
    prepared = services.pipeline.prepare(
        SuggestionInput(
            [ChatMessage("customer", "Hola, mi paquete todavía no ha llegado después de dos semanas.")],
            customer_locale="es-ES",
        )
    )
    result = run_async(drafter.draft, prepared.ctx)
    assert result.drafts
    if not result.degraded:
        assert result.kind == "llm" and result.tokens["completion"] > 0


KOREAN = SuggestionInput(
    [ChatMessage("customer", "주문한 컵이 깨져서 왔어요. 새 제품을 보내 주실 수 있나요?")],
    customer_locale="ko-KR",
    agent_language="en",
)


def _live(services, settings):
    return with_model(services, settings.model_copy(update={"llm": Settings().llm}))


def test_real_model_translates_a_korean_customer_for_the_agent(services, settings):
    """Inbound translation against the real endpoint: English text back for each message, or a clear problem."""
    from tactful.errors import TactfulError

    live = _live(services, settings)
    try:
        answer = run_async(live.translation.run, KOREAN, 1, "agent", None)
    except TactfulError as e:  # a model that cannot follow the format is a 409, never a wrong answer
        assert e.code == "model-required" and "could not translate" in e.detail
        return
    text = answer["translations"][0]["text"]
    assert answer["target"] == "en" and text and not any("\uac00" <= ch <= "\ud7a3" for ch in text)


def test_real_model_composes_keigo_and_sie_from_english(services, settings):
    """Compose against the real endpoint: the agent's English becomes a Japanese and a German reply, checked, with
    back-translations; a failure is a clear problem."""
    from tactful.errors import TactfulError

    live = _live(services, settings)
    said = "Sorry, we'll send a new one tomorrow."
    for text, locale, language in (
        ("届いたカップが割れていました。", "ja-JP", "ja"),
        ("Mein Wasserkocher ist kaputt angekommen.", "de-DE", "de"),
    ):
        req = SuggestionInput([ChatMessage("customer", text)], customer_locale=locale, agent_language="en")
        try:
            out = run_async(live.flow.compose, req, None, said)
        except TactfulError as e:
            assert e.code == "model-required"
            continue
        draft = out["drafts"][0]
        assert out["language"]["tag"].startswith(language) and draft["text"] and draft["back_translation"]
        if language == "de":
            assert (
                "Sie" in draft["text"]
                or "Ihnen" in draft["text"]
                or any("informal" in f for f in draft["flags"])
            )
