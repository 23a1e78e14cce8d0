"""POST /api/v1/compose: the agent's words in their language become a reply in the customer's language and
culture, with a back-translation and the draft checks; recorded like a suggestion. POST /api/v1/translate: the
customer's messages in the agent's language."""

from __future__ import annotations

import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from ..drafting.compose import compose
from ..drafting.translate import translate
from ..errors import TactfulError
from ..records.tokens import TokenInfo
from .deps import ServicesDep, require
from .schemas import ComposeRequest, TranslateRequest
from .suggestions import check_limits, load_own, to_input

router = APIRouter(tags=["compose"])
AgentDep = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]


@router.post("/compose")
async def compose_reply(body: ComposeRequest, services: ServicesDep, token: AgentDep) -> dict[str, Any]:
    check_limits(body, services)
    prepared = await run_in_threadpool(services.pipeline.prepare, to_input(body, 1), token.id)
    template = services.content.current().prompts.get("compose_reply")
    with prepared.timer.stage("draft"):
        # The agent's text is redacted like the conversation: the model never sees the values it holds.
        own = await run_in_threadpool(services.pipeline.redact_text, body.text, prepared)
        result = await compose(services.llm, prepared.ctx, own, template)
    return await run_in_threadpool(services.pipeline.finish, prepared, result)


@router.post("/translate")
async def translate_messages(body: TranslateRequest, services: ServicesDep, token: AgentDep) -> dict[str, Any]:
    """Each customer message in the agent's language (default: the token's agent language or English), translated
    once and cached; redacted values stay placeholders for the model and are filled back in for the agent."""
    check_limits(body, services)
    prepared = await run_in_threadpool(services.pipeline.prepare, to_input(body, 1), token.id)
    ctx = prepared.ctx
    indexes = [i for i, m in enumerate(prepared.messages) if m.role == "customer"][-20:]
    texts = [prepared.messages[i].text for i in indexes]
    template = services.content.current().prompts.get("translate_messages")
    done, cached = await translate(services.llm, template, texts, ctx.language_tag, ctx.agent_language)
    refill = prepared.redaction.refill
    first = sum(1 for m in prepared.messages if m.role == "customer") - len(indexes)  # ordinal of the first shown
    if body.suggestion_id:
        with contextlib.suppress(TactfulError):  # not theirs or gone: the translation is still answered, not kept
            await run_in_threadpool(load_own, services, body.suggestion_id, token)
            kept = [{"customer_index": first + n, "text": t} for n, t in enumerate(done)]  # redacted, as sent
            await run_in_threadpool(services.suggestions.keep_translations, body.suggestion_id, ctx.agent_language, kept)
    return {"language": ctx.language_tag, "target": ctx.agent_language, "cached": cached,
            "translations": [{"index": i, "customer_index": first + n, "text": refill(t)}
                             for n, (i, t) in enumerate(zip(indexes, done, strict=True))]}
