"""Handoff summaries written by the configured model, checked, with the offline summary as the floor."""

from __future__ import annotations

import logging
from typing import Any

from ..library.prompts import PromptTemplate
from ..llm.budget import turn
from ..llm.call import ModelCall
from ..llm.checks import other_language
from ..llm.output import OutputError, json_object, strings
from ..seams import LanguageDetector
from .summary import Quote, Summary, render_text

log = logging.getLogger(__name__)
_MARGIN = 64


async def model_summary(
    call: ModelCall,
    template: PromptTemplate | None,
    detector: LanguageDetector,
    *,
    offline: Summary,
    messages: list[tuple[str, str]],
    company: str,
    reading: str,
) -> Summary:
    """The model's summary in the offline summary's language; any failure returns the offline one, saying why."""
    sources = "\n".join(f"[{s['id']}] {s['title']}: {s['summary']}" for s in offline.sources) or "(none)"
    values = {
        "company": company,
        "target_language": offline.language,
        "customer_language": offline.customer["language"],
        "reading": reading,
        "sources": sources,
    }

    def parse(answer: str) -> dict[str, Any]:
        data = json_object(answer, "problem")
        found = other_language(str(data["problem"]), offline.language, detector)
        if found:
            raise OutputError(f"the model wrote in '{found}', not '{offline.language}'")
        return data

    answer = await call.run(
        template,
        values,
        parse,
        turns_key="conversation",
        turns=[turn(r, t) for r, t in messages],
        fallback=lambda reason: {"failed": reason},
        what="summary",
    )
    if answer.degraded:
        return _degraded(offline, call.name, answer.degraded)
    data = answer.value
    summary = Summary(
        offline.language,
        str(data["problem"]).strip(),
        strings(data.get("tried")),
        _translated(offline.promised, strings(data.get("promised"))),
        _translated(offline.open_questions, strings(data.get("open_questions"))),
        offline.customer,
        offline.sources,
    )
    summary.text = render_text(summary)
    summary.drafter = {
        "kind": "llm",
        "model": call.name,
        "prompt_version": template.version_label if template else "",
        "degraded": False,
        "note": "",
        "tokens": {
            "prompt": answer.prompt_tokens or answer.prompt_counted,
            "completion": answer.completion_tokens,
        },
    }
    return summary


def _translated(quotes: list[Quote], translations: list[str]) -> list[Quote]:
    """Model statements become the quotes' translations; extra statements stand alone (no original quote)."""
    out = [
        Quote(q.text, q.language, translations[i] if i < len(translations) else q.translation)
        for i, q in enumerate(quotes)
    ]
    return out + [Quote("", "", t) for t in translations[len(quotes) :]]


def _degraded(offline: Summary, model: str, reason: str) -> Summary:
    log.warning("llm summary failed, offline summary instead: model=%s reason=%s", model, reason)
    offline.drafter = {
        "kind": "offline",
        "model": f"{model} -> tactful-offline",
        "degraded": True,
        "note": f"The model could not summarise ({reason}); this is the offline summary.",
    }
    return offline
