"""The LLM contract against a real endpoint, when one is configured:

    TACTFUL_LLM__BASE_URL=http://127.0.0.1:11434/v1 TACTFUL_LLM__MODEL=qwen2.5:7b scripts/test -m live

Skipped otherwise (CI has no model). A real model may answer badly; the contract is that the agent always gets
drafts, from the model or, flagged as degraded, from the offline drafter.
"""

from __future__ import annotations

import os

import anyio
import pytest

from tactful.drafting.pipeline import ChatMessage, SuggestionInput
from tactful.services import with_model
from tactful.settings import Settings

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
    result = anyio.run(drafter.draft, prepared.ctx)
    assert result.drafts
    if not result.degraded:
        assert result.kind == "llm" and result.tokens["completion"] > 0
