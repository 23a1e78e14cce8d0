"""Compose: the agent writes what they want to say in their own language; a model turns it into the reply in
the customer's language with the culture profile applied (form of address, apology order, greeting and closing
norms), with a back-translation and the same checks as drafts. Recorded like a suggestion, so QA sees it."""

from __future__ import annotations

import time

from ..errors import Conflict
from .budget import _culture_block, _turn
from .checks import check_language, check_promises, check_register, check_unsafe
from .llm import Completion, ProviderError
from .llm_drafter import LLMDrafter
from .output import OutputError, _loads
from .prompts import PromptTemplate
from .types import Draft, DraftContext, DraftResult

MAX_TURNS, MAX_TURN_CHARS = 10, 600  # enough context for tone and facts; the agent's own words carry the content


class ComposeUnavailable(Conflict):
    code, title = "model-required", "Compose needs a model"


async def compose(llm: LLMDrafter | None, ctx: DraftContext, agent_text: str, template: PromptTemplate | None) -> DraftResult:
    """One reply written from the agent's words. Without a model, or when the model fails, a clear problem: there
    is no offline way to translate free text, and a wrong reply in a language the agent cannot read is worse."""
    if llm is None:
        raise ComposeUnavailable("Compose needs a language model endpoint (TACTFUL_LLM__BASE_URL or an API key).")
    if template is None:
        raise ComposeUnavailable("No published compose_reply prompt template.")
    values = {"company": ctx.names.get("company", ""), "language": ctx.language_tag, "agent_language": ctx.agent_language,
              "register": ctx.register,
              "address": ctx.profile.address.formal if ctx.register == "formal" else ctx.profile.address.informal or "",
              "culture": _culture_block(ctx),
              "conversation": "\n".join(_turn(r, t[:MAX_TURN_CHARS]) for r, t in ctx.messages[-MAX_TURNS:]),
              "agent_text": agent_text}
    started = time.perf_counter()
    try:
        completion: Completion = await llm.model.complete(template.render(values), llm.max_output,
                                                          template.output_schema or None)
        data = _loads(completion.text)
        text = str((data or {}).get("text") or "").strip() if isinstance(data, dict) else ""
        back = str((data or {}).get("back_translation") or "").strip() if isinstance(data, dict) else ""
        if not text:
            raise OutputError("the model's JSON has no 'text'")
    except (ProviderError, OutputError) as e:
        raise ComposeUnavailable(f"The model could not compose a reply ({getattr(e, 'reason', None) or e}).") from e
    # The agent's own words are the support for promises and amounts: nothing beyond them may appear.
    flags = [f for f in (check_language(text, ctx, llm.detector), check_register(text, ctx),
                         check_promises(text, agent_text)) if f] + check_unsafe(text, agent_text)
    if not back:
        flags.append("No back-translation was given.")
    draft = Draft("d1", "Composed from your words", text, back, ctx.register, [], flags, None)
    tokens = {"prompt": completion.prompt_tokens, "completion": completion.completion_tokens}
    result = DraftResult([draft], "llm", llm.model.name, template.version_label, tokens=tokens)
    result.note = f"Composed from the agent's words in {(time.perf_counter() - started) * 1000:.0f} ms."
    return result
