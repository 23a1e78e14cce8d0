"""The intent taxonomy as the classifier reads it: library items of kind `intent`.

Seeded from `kb_seed/insight/intents.yaml`; supervisors add intents or examples in the console, and each
worker re-embeds the examples when the library revision moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..language.tags import is_valid_tag

OTHER = "other"  # no intent close enough


@dataclass(frozen=True)
class Intent:
    id: str
    labels: dict[str, str]  # agent language -> label
    problem: bool  # the customer reports something that went wrong
    examples: dict[str, tuple[str, ...]]  # language -> example customer messages
    version: str = ""
    articles: tuple[str, ...] = ()  # knowledge-base articles that answer this intent

    def label(self, language: str) -> str:
        base = language.split("-")[0]
        for key in (language, base, "en"):
            if key in self.labels:
                return self.labels[key]
        return next(iter(self.labels.values()), self.id)


def intent_errors(content: dict[str, Any]) -> str | None:
    """What is wrong with one intent item, or None."""
    intent_id = str(content.get("id") or "")
    if not intent_id or not intent_id.replace("_", "").isalnum() or intent_id != intent_id.lower():
        return "field 'id' must be lower_snake_case, e.g. track_order"
    if intent_id == OTHER:
        return f"'{OTHER}' is reserved for messages that match no intent"
    labels = content.get("label")
    if not isinstance(labels, dict) or not str(labels.get("en") or "").strip():
        return "field 'label' needs at least an 'en' entry"
    examples = content.get("examples")
    problem = texts_by_language_errors(examples, "examples")
    if problem:
        return problem
    articles = content.get("articles", [])
    if not isinstance(articles, list) or not all(isinstance(a, str) and a.strip() for a in articles):
        return "field 'articles': give a list of article ids, e.g. [order-tracking]"
    return None


def texts_by_language_errors(value: Any, name: str, required: bool = True) -> str | None:
    """What is wrong with a {language: [texts]} field (examples, article questions), or None."""
    if not isinstance(value, dict) or (required and not value):
        return f"field '{name}' needs texts per language, e.g. {{en: [\"Where is my order?\"]}}"
    for language, texts in value.items():
        if not is_valid_tag(str(language)):
            return f"field '{name}': '{language}' is not a BCP-47 language tag"
        if (
            not isinstance(texts, list)
            or not texts
            or not all(isinstance(t, str) and t.strip() for t in texts)
        ):
            return f"field '{name}.{language}': give a list of non-empty texts"
    return None


def intent_from_content(content: dict[str, Any], version: str = "") -> Intent:
    return Intent(
        id=str(content["id"]),
        labels={str(k): str(v) for k, v in content["label"].items()},
        problem=bool(content.get("problem", False)),
        examples={
            str(lang): tuple(str(t).strip() for t in texts) for lang, texts in content["examples"].items()
        },
        version=version,
        articles=tuple(str(a) for a in content.get("articles") or ()),
    )
