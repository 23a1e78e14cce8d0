"""The simulated customer written by the configured model: the scripted turn says what to convey, the model
says it in its own words, in persona and in the customer's language. Any failure keeps the scripted line."""

from __future__ import annotations

import logging

from ..drafting.budget import _turn
from ..drafting.checks import other_language
from ..drafting.llm import ChatModel, ProviderError
from ..drafting.output import OutputError, _loads
from ..drafting.prompts import PromptError, PromptTemplate
from ..language.detector import TextLanguageDetector
from .service import PlannedReply

log = logging.getLogger(__name__)
MAX_TOKENS = 300


async def model_line(model: ChatModel, template: PromptTemplate | None, detector: TextLanguageDetector,
                     planned: PlannedReply) -> tuple[str, str, str]:
    """(text, meaning, source): the model's line, or the scripted one with the reason it was kept."""
    if template is None:
        return planned.line, planned.meaning, "script (no practice_customer prompt)"
    persona = planned.scenario.persona
    values = {
        "language": planned.scenario.locale,
        "persona": f"{persona.name}; {persona.temperament}; wants: {persona.goal}",
        "facts": ", ".join(f"{k}: {v}" for k, v in persona.hidden_facts.items()) or "(none)",
        "guidance": planned.line,
        "conversation": "\n".join(_turn(m["role"], m["text"]) for m in planned.transcript[-8:]),
    }
    try:
        completion = await model.complete(template.render(values), MAX_TOKENS, template.output_schema or None)
        data = _loads(completion.text)
        text, meaning = str(data.get("text") or "").strip(), str(data.get("meaning") or "").strip()
        if not text:
            raise OutputError("no text")
    except (PromptError, ProviderError, OutputError, AttributeError) as e:
        log.warning("practice customer: model failed, scripted line instead: %s", e)
        return planned.line, planned.meaning, "script (model failed)"
    found = other_language(text, planned.scenario.locale, detector)
    if found:
        return planned.line, planned.meaning, f"script (the model wrote '{found}')"
    return text, meaning or planned.meaning, "model"
