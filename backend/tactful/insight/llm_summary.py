"""Handoff summaries written by the configured model, checked, with the offline summary as the floor."""

from __future__ import annotations

import logging
from typing import Any

from ..drafting.budget import _turn
from ..drafting.checks import other_language
from ..drafting.llm import ChatModel, ProviderError
from ..drafting.output import OutputError, _loads
from ..drafting.prompts import PromptError, PromptTemplate
from ..knowledge.tokens import TiktokenCounter
from ..language.detector import TextLanguageDetector
from .summary import Quote, Summary, render_text

log = logging.getLogger(__name__)
_MARGIN = 64


def _strings(value: Any) -> list[str]:
    return [str(v).strip() for v in value if str(v).strip()] if isinstance(value, list) else []


async def model_summary(model: ChatModel, template: PromptTemplate | None, counter: TiktokenCounter,
                        detector: TextLanguageDetector, window: int, max_output: int, *, offline: Summary,
                        messages: list[tuple[str, str]], company: str, reading: str) -> Summary:
    """The model's summary in the offline summary's language; any failure returns the offline one, saying why."""
    if template is None:
        return _degraded(offline, model.name, "no published summary prompt")
    sources = "\n".join(f"[{s['id']}] {s['title']}: {s['summary']}" for s in offline.sources) or "(none)"
    values = {"company": company, "target_language": offline.language, "customer_language": offline.customer["language"],
              "reading": reading, "sources": sources}
    try:
        rendered, used = None, 0
        for start in range(len(messages)):  # drop the oldest turns until the prompt fits
            convo = "\n".join(_turn(r, t) for r, t in messages[start:])
            candidate = template.render({**values, "conversation": convo})
            used = sum(counter.count(m["content"]) for m in candidate)
            if used <= window - max_output - _MARGIN:
                rendered = candidate
                break
        if rendered is None:
            return _degraded(offline, model.name, "prompt does not fit the context window")
        completion = await model.complete(rendered, max_output, template.output_schema or None)
        data = _loads(completion.text)
        if not isinstance(data, dict) or not str(data.get("problem") or "").strip():
            raise OutputError("the model's summary has no 'problem'")
    except PromptError as e:
        return _degraded(offline, model.name, str(e))
    except (ProviderError, OutputError) as e:
        return _degraded(offline, model.name, getattr(e, "reason", None) or str(e))
    problem = str(data["problem"]).strip()
    found = other_language(problem, offline.language, detector)
    if found:
        return _degraded(offline, model.name, f"the model wrote in '{found}', not '{offline.language}'")
    summary = Summary(offline.language, problem, _strings(data.get("tried")),
                      _translated(offline.promised, _strings(data.get("promised"))),
                      _translated(offline.open_questions, _strings(data.get("open_questions"))),
                      offline.customer, offline.sources)
    summary.text = render_text(summary)
    summary.drafter = {"kind": "llm", "model": model.name, "prompt_version": template.version_label,
                       "degraded": False, "note": "",
                       "tokens": {"prompt": completion.prompt_tokens or used, "completion": completion.completion_tokens}}
    return summary


def _translated(quotes: list[Quote], translations: list[str]) -> list[Quote]:
    """Model statements become the quotes' translations; extra statements stand alone (no original quote)."""
    out = [Quote(q.text, q.language, translations[i] if i < len(translations) else q.translation)
           for i, q in enumerate(quotes)]
    return out + [Quote("", "", t) for t in translations[len(quotes):]]


def _degraded(offline: Summary, model: str, reason: str) -> Summary:
    log.warning("llm summary failed, offline summary instead: model=%s reason=%s", model, reason)
    offline.drafter = {"kind": "offline", "model": f"{model} -> tactful-offline", "degraded": True,
                       "note": f"The model could not summarise ({reason}); this is the offline summary."}
    return offline
