"""One validator per content kind, with messages that name the field; each returns the item's library key."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypeAlias

from pydantic import ValidationError

from ..culture.profiles import CultureProfile
from ..errors import ConfigurationError, InvalidRequest
from ..language.tags import is_valid_tag
from .helpdesks import selector_errors
from .intents import intent_errors, texts_by_language_errors
from .prompts import parse_prompt
from .scenarios import scenario_errors
from .texts import PLACEHOLDERS, REGISTERS, STAGES

Validator: TypeAlias = Callable[[dict[str, Any], str], str]


def phrase_key(language: str, key: str, register: str) -> str:
    return f"phrase:{language}:{key}:{register}"


# {customer} becomes "佐藤様" / "お客様" (ja) and "김민지 고객님" / "고객님" (ko) from the profile's name format, so a
# phrase that adds the honorific itself would say 佐藤様様.
_DOUBLED_HONORIFIC = {"ja": r"\{customer\}\s*(?:様|さま|さん|殿)", "ko": r"\{customer\}\s*(?:고객님|님|씨)"}
MAX_PHRASE_CHARS = 2_000  # a sentence or two of standard phrasing
MAX_CONTENT_CHARS = 300_000  # any one library item, serialised (a long KB article is ~20k)


def _fail(where: str, message: str, code: str = "invalid-content") -> InvalidRequest:
    return InvalidRequest(f"{where}: {message}", code=code)


def validate(kind: str, content: dict[str, Any], where: str = "content") -> str:
    """Checks one item's content with its kind's validator and returns its library key."""
    if not isinstance(content, dict):
        raise _fail(where, "content must be a mapping")
    if len(json.dumps(content, ensure_ascii=False, default=str)) > MAX_CONTENT_CHARS:
        raise _fail(where, f"content is larger than {MAX_CONTENT_CHARS} characters", "content-too-large")
    validator = VALIDATORS.get(kind)
    if validator is None:
        raise _fail(where, f"unknown kind '{kind}'", "unknown-kind")
    return validator(content, where)


def _validate_article(content: dict[str, Any], where: str) -> str:
    for f in ("id", "title", "category", "body"):
        if not str(content.get(f) or "").strip():
            raise _fail(where, f"field '{f}' is required")
    summary = content.get("summary")
    if not isinstance(summary, dict) or not str(summary.get("en") or "").strip():
        raise _fail(where, "field 'summary' needs at least an 'en' entry")
    problem = texts_by_language_errors(content["questions"], "questions") if "questions" in content else None
    if problem:
        raise _fail(where, problem)
    return f"article:{content['id']}"


def _validate_culture(content: dict[str, Any], where: str) -> str:
    try:
        profile = CultureProfile.model_validate(content)
    except ValidationError as e:
        first = e.errors()[0]
        raise _fail(where, f"field '{'.'.join(str(p) for p in first['loc'])}': {first['msg']}") from e
    if profile.locale != "default" and not is_valid_tag(profile.locale):
        raise _fail(where, f"field 'locale': '{profile.locale}' is not a BCP-47 tag", "unknown-locale")
    return f"culture:{profile.locale}"


def _validate_prompt(content: dict[str, Any], where: str) -> str:
    try:
        template = parse_prompt(str(content.get("text") or ""), where)
    except ConfigurationError as e:
        raise _fail(where, e.detail) from e
    return f"prompt:{template.id}"


def _checked_by(errors: Callable[[dict[str, Any]], str | None], key_field: str, kind: str) -> Validator:
    """A validator from a kind's own error finder (scenarios, intents, helpdesk selectors)."""

    def check(content: dict[str, Any], where: str) -> str:
        problem = errors(content)
        if problem:
            raise _fail(where, problem)
        return f"{kind}:{content[key_field]}"

    return check


def _validate_rubric(content: dict[str, Any], where: str) -> str:
    criteria = content.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        raise _fail(where, "field 'criteria' needs at least one criterion")
    ids = [str((c or {}).get("id") or "") for c in criteria]
    if not all(ids) or len(set(ids)) != len(ids):
        raise _fail(where, "field 'criteria': every criterion needs a unique 'id'")
    if not all(str(c.get("label") or "").strip() for c in criteria):
        raise _fail(where, "field 'criteria': every criterion needs a 'label'")
    scale = content.get("scale", [1, 5])
    if not (
        isinstance(scale, list)
        and len(scale) == 2
        and all(isinstance(x, int) for x in scale)
        and scale[0] < scale[1]
    ):
        raise _fail(where, "field 'scale': give [lowest, highest], e.g. [1, 5]")
    return f"rubric:{content.get('id') or 'default'}"


def _validate_phrase(content: dict[str, Any], where: str) -> str:
    import string

    language, key, register = content.get("language"), str(content.get("key") or ""), content.get("register")
    text = str(content.get("text") or "").strip()
    if not language or not is_valid_tag(str(language)):
        raise _fail(
            where,
            f"field 'language': '{language}' is not a known locale (e.g. de, ja, zh-Hant)",
            "unknown-locale",
        )
    stage = key.split(".")[0]
    if stage not in STAGES or "." not in key:
        raise _fail(
            where, f"field 'key': '{key}' must be <stage>.<name> with a stage from {', '.join(STAGES)}"
        )
    if register not in REGISTERS:
        raise _fail(where, f"field 'register': '{register}' is not one of {', '.join(REGISTERS)}")
    if not text:
        raise _fail(where, f"phrase '{key}' ({register}): the text is empty", "empty-text")
    if len(text) > MAX_PHRASE_CHARS:
        raise _fail(where, f"phrase '{key}': longer than {MAX_PHRASE_CHARS} characters", "content-too-large")
    try:
        names = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
    except ValueError as e:
        raise _fail(where, f"phrase '{key}': {e}", "bad-placeholder") from e
    doubled = _DOUBLED_HONORIFIC.get(str(language).split("-")[0])
    if doubled and re.search(doubled, text):
        raise _fail(
            where,
            f"phrase '{key}': {{customer}} already carries the honorific the culture profile adds "
            f"(佐藤様, お客様; 김민지 고객님, 고객님); write {{customer}} alone",
            "doubled-honorific",
        )
    unknown = names - PLACEHOLDERS
    if unknown:
        raise _fail(
            where,
            f"phrase '{key}': unknown placeholder {{{sorted(unknown)[0]}}} "
            f"(known: {', '.join(sorted(PLACEHOLDERS))})",
            "unknown-placeholder",
        )
    return phrase_key(str(language), key, str(register))


VALIDATORS: dict[str, Validator] = {
    "phrase": _validate_phrase,
    "article": _validate_article,
    "culture": _validate_culture,
    "prompt": _validate_prompt,
    "rubric": _validate_rubric,
    "scenario": _checked_by(scenario_errors, "id", "scenario"),
    "intent": _checked_by(intent_errors, "id", "intent"),
    "helpdesk": _checked_by(selector_errors, "product", "helpdesk"),
}
