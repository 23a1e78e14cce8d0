"""The simulated customer written by the configured model: the scripted turn says what to convey, the model
says it in its own words, in persona and in the customer's language. Any failure keeps the scripted line."""

from __future__ import annotations

from ..library.prompts import PromptTemplate
from ..llm.budget import turn
from ..llm.call import ModelCall
from ..llm.checks import other_language
from ..llm.output import OutputError, json_object
from ..seams import LanguageDetector
from .service import PlannedReply

MAX_TOKENS = 300


async def model_line(
    call: ModelCall, template: PromptTemplate | None, detector: LanguageDetector, planned: PlannedReply
) -> tuple[str, str, str]:
    """(text, meaning, source): the model's line, or the scripted one with the reason it was kept."""
    if template is None:
        return planned.line, planned.meaning, "script (no practice_customer prompt)"
    persona = planned.scenario.persona
    values = {
        "language": planned.scenario.locale,
        "persona": f"{persona.name}; {persona.temperament}; wants: {persona.goal}",
        "facts": ", ".join(f"{k}: {v}" for k, v in persona.hidden_facts.items()) or "(none)",
        "guidance": planned.line,
        "conversation": "\n".join(turn(m["role"], m["text"]) for m in planned.transcript[-8:]),
    }

    def parse(answer: str) -> tuple[str, str, str]:
        data = json_object(answer, "text")
        text, meaning = str(data["text"]).strip(), str(data.get("meaning") or "").strip()
        found = other_language(text, planned.scenario.locale, detector)
        if found:
            raise OutputError(f"the model wrote '{found}'")
        return text, meaning or planned.meaning, "model"

    def scripted(reason: str) -> tuple[str, str, str]:
        why = reason.split(": ", 1)[-1] if "the model wrote" in reason else "model failed"
        return planned.line, planned.meaning, f"script ({why})"

    answer = await call.run(
        template, values, parse, max_tokens=MAX_TOKENS, fallback=scripted, what="practice customer"
    )
    return answer.value
