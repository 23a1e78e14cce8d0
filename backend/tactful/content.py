"""Content as the pipeline uses it, built from the published library versions.

Seed files (`kb_seed/`, `prompts/`) become version 1 of each item on first start; from then on the database
is the source of truth, so supervisors' edits survive restarts. Each worker keeps a `ContentState` and
reloads it when the library's revision counter moves.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .culture.profiles import CultureProfile, CultureRegistry
from .drafting.prompts import PromptTemplate, parse_prompt
from .errors import ConfigurationError, InvalidRequest, TactfulError
from .helpdesk_selectors import selector_errors
from .insight.taxonomy import Intent, intent_errors, intent_from_content, texts_by_language_errors
from .knowledge.library import PLACEHOLDERS, REGISTERS, STAGES, Article, Library, Phrase, split_front_matter
from .language.tags import is_valid_tag
from .practice.scenarios import Scenario, scenario_errors
from .records.library import ItemView, LibraryRepository, content_hash

log = logging.getLogger(__name__)


# --- seed files -> (kind, key, content) ---------------------------------------------------------------

def phrase_key(language: str, key: str, register: str) -> str:
    return f"phrase:{language}:{key}:{register}"


def seed_items(seed_dir: Path, prompts_dir: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path in sorted((seed_dir / "phrasing").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        language = data.get("language")
        for key, variants in (data.get("phrases") or {}).items():
            for register, text in (variants or {}).items():
                content = {"language": language, "key": key, "register": register, "text": str(text).strip()}
                yield "phrase", validate("phrase", content, path.name), content
    for path in sorted((seed_dir / "articles").glob("*.md")):
        meta, body = split_front_matter(path.name, path.read_text(encoding="utf-8"))
        content = {"id": str(meta.get("id") or path.stem), "title": meta.get("title"), "category": meta.get("category"),
                   "problem": bool(meta.get("problem", False)), "summary": meta.get("summary"), "body": body}
        if meta.get("entities"):
            content["entities"] = [str(e) for e in meta["entities"]]
        if meta.get("questions"):
            content["questions"] = meta["questions"]
        yield "article", validate("article", content, path.name), content
    for path in sorted((seed_dir / "cultures").glob("*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield "culture", validate("culture", content, path.name), content
    for path in sorted(prompts_dir.glob("*.md")):
        content = {"text": path.read_text(encoding="utf-8")}
        yield "prompt", validate("prompt", content, path.name), content
    rubric = seed_dir / "rubric.yaml"
    if rubric.exists():
        content = yaml.safe_load(rubric.read_text(encoding="utf-8"))
        yield "rubric", validate("rubric", content, rubric.name), content
    for path in sorted((seed_dir / "scenarios").glob("*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield "scenario", validate("scenario", content, path.name), content
    intents = seed_dir / "insight" / "intents.yaml"
    if intents.exists():
        for content in (yaml.safe_load(intents.read_text(encoding="utf-8")) or {}).get("intents") or []:
            yield "intent", validate("intent", content, intents.name), content


def sample_conversations(seed_dir: Path) -> list[dict[str, Any]]:
    """The sample conversations for the demo page and previews (none if the file is absent)."""
    path = seed_dir / "conversations" / "samples.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []


# --- validation, with messages that name the field ----------------------------------------------------

# {customer} becomes "佐藤様" / "お客様" (ja) and "김민지 고객님" / "고객님" (ko) from the profile's name format, so a
# phrase that adds the honorific itself would say 佐藤様様.
_DOUBLED_HONORIFIC = {"ja": r"\{customer\}\s*(?:様|さま|さん|殿)", "ko": r"\{customer\}\s*(?:고객님|님|씨)"}
MAX_PHRASE_CHARS = 2_000  # a sentence or two of standard phrasing
MAX_CONTENT_CHARS = 300_000  # any one library item, serialised (a long KB article is ~20k)


def _fail(where: str, message: str, code: str = "invalid-content") -> InvalidRequest:
    return InvalidRequest(f"{where}: {message}", code=code)


def validate(kind: str, content: dict[str, Any], where: str = "content") -> str:
    """Checks one item's content and returns its library key."""
    if not isinstance(content, dict):
        raise _fail(where, "content must be a mapping")
    if len(json.dumps(content, ensure_ascii=False, default=str)) > MAX_CONTENT_CHARS:
        raise _fail(where, f"content is larger than {MAX_CONTENT_CHARS} characters", "content-too-large")
    if kind == "phrase":
        return _validate_phrase(content, where)
    if kind == "article":
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
    if kind == "culture":
        try:
            profile = CultureProfile.model_validate(content)
        except ValidationError as e:
            first = e.errors()[0]
            raise _fail(where, f"field '{'.'.join(str(p) for p in first['loc'])}': {first['msg']}") from e
        if profile.locale != "default" and not is_valid_tag(profile.locale):
            raise _fail(where, f"field 'locale': '{profile.locale}' is not a BCP-47 tag", "unknown-locale")
        return f"culture:{profile.locale}"
    if kind == "prompt":
        try:
            template = parse_prompt(str(content.get("text") or ""), where)
        except ConfigurationError as e:
            raise _fail(where, e.detail) from e
        return f"prompt:{template.id}"
    if kind == "rubric":
        return _validate_rubric(content, where)
    if kind == "scenario":
        problem = scenario_errors(content)
        if problem:
            raise _fail(where, problem)
        return f"scenario:{content['id']}"
    if kind == "intent":
        problem = intent_errors(content)
        if problem:
            raise _fail(where, problem)
        return f"intent:{content['id']}"
    if kind == "helpdesk":
        problem = selector_errors(content)
        if problem:
            raise _fail(where, problem)
        return f"helpdesk:{content['product']}"
    raise _fail(where, f"unknown kind '{kind}'", "unknown-kind")


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
    if not (isinstance(scale, list) and len(scale) == 2 and all(isinstance(x, int) for x in scale) and scale[0] < scale[1]):
        raise _fail(where, "field 'scale': give [lowest, highest], e.g. [1, 5]")
    return f"rubric:{content.get('id') or 'default'}"


def _validate_phrase(content: dict[str, Any], where: str) -> str:
    import string

    language, key, register = content.get("language"), str(content.get("key") or ""), content.get("register")
    text = str(content.get("text") or "").strip()
    if not language or not is_valid_tag(str(language)):
        raise _fail(where, f"field 'language': '{language}' is not a known locale (e.g. de, ja, zh-Hant)", "unknown-locale")
    stage = key.split(".")[0]
    if stage not in STAGES or "." not in key:
        raise _fail(where, f"field 'key': '{key}' must be <stage>.<name> with a stage from {', '.join(STAGES)}")
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
        raise _fail(where, f"phrase '{key}': {{customer}} already carries the honorific the culture profile adds "
                           f"(佐藤様, お客様; 김민지 고객님, 고객님); write {{customer}} alone", "doubled-honorific")
    unknown = names - PLACEHOLDERS
    if unknown:
        raise _fail(where, f"phrase '{key}': unknown placeholder {{{sorted(unknown)[0]}}} "
                           f"(known: {', '.join(sorted(PLACEHOLDERS))})", "unknown-placeholder")
    return phrase_key(str(language), key, str(register))


# --- published items -> runtime objects ---------------------------------------------------------------

@dataclass
class Content:
    library: Library
    cultures: CultureRegistry
    prompts: dict[str, PromptTemplate] = field(default_factory=dict)
    revision: int = 0
    rubric: dict[str, Any] = field(default_factory=dict)  # the published QA rubric, with its "version"
    intents: list[Intent] = field(default_factory=list)  # the intent taxonomy
    scenarios: dict[str, Scenario] = field(default_factory=dict)  # practice scenarios by id


def build_content(items: list[ItemView], revision: int = 0) -> Content:
    by_kind: dict[str, list[ItemView]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    english = {(i.content["key"]): i.content["text"] for i in by_kind.get("phrase", [])
               if i.content["language"] == "en" and i.content["register"] == "formal"}
    phrases = [Phrase(c["key"], c["key"].split(".")[0], c["language"], c["register"], c["text"],
                      english.get(c["key"], ""), i.content_hash)
               for i in by_kind.get("phrase", []) for c in [i.content]]
    articles = {c["id"]: Article(c["id"], c["title"], c["category"], bool(c.get("problem")), c["body"],
                                 {str(k): str(v).strip() for k, v in c["summary"].items()}, i.content_hash,
                                 tuple(c.get("entities") or ()),
                                 {str(k): tuple(str(q).strip() for q in v) for k, v in (c.get("questions") or {}).items()})
                for i in by_kind.get("article", []) for c in [i.content]}
    profiles = []
    for i in by_kind.get("culture", []):
        profile = CultureProfile.model_validate(i.content)
        profile.version = i.content_hash
        profiles.append(profile)
    prompts = {}
    for i in by_kind.get("prompt", []):
        template = parse_prompt(i.content["text"], i.key)
        prompts[template.id] = PromptTemplate(template.id, i.version, template.description, template.params,
                                              template.system, template.user, template.output_schema)
    rubrics = [{**i.content, "version": f"{i.key}/v{i.version}"} for i in by_kind.get("rubric", [])]
    intents = [intent_from_content(i.content, i.content_hash) for i in by_kind.get("intent", [])]
    scenarios = {}
    for i in by_kind.get("scenario", []):
        scenario = Scenario.model_validate(i.content)
        scenario.version = i.content_hash
        scenarios[scenario.id] = scenario
    return Content(Library(articles, phrases), CultureRegistry(profiles), prompts, revision,
                   rubrics[0] if rubrics else {}, sorted(intents, key=lambda i: i.id), scenarios)


def content_from_files(seed_dir: Path, prompts_dir: Path) -> Content:
    """The seed files as content, without a database (tests, tools)."""
    items = [ItemView(kind, key, 1, "published", c, content_hash(c), "seed", "", "")
             for kind, key, c in seed_items(seed_dir, prompts_dir)]
    return build_content(items)


# What the service cannot run without: retiring one of these is refused, and a version of one is published only
# if the whole library still builds with it.
REQUIRED_KEYS = frozenset({"culture:default", "rubric:default", "prompt:draft_reply",
                           "prompt:summarize_conversation", "prompt:practice_customer"})


class ContentState:
    """This worker's view of the published library; `current()` reloads it when another worker published. A reload
    that fails keeps serving the last good content and says why in `reload_error` (and /readyz)."""

    def __init__(self, repo: LibraryRepository, on_reload=None) -> None:
        self.repo = repo
        self._lock = threading.Lock()
        self._on_reload = on_reload
        self._content = self._load()
        self._failed_revision: int | None = None
        self.reload_error: str | None = None

    def _load(self) -> Content:
        revision = self.repo.revision()
        content = build_content(self.repo.published(), revision)
        if self._on_reload:
            self._on_reload(content)  # e.g. index changed articles and phrases
        return content

    def current(self) -> Content:
        revision = self.repo.revision()
        if revision != self._content.revision and revision != self._failed_revision:
            with self._lock:
                if self.repo.revision() != self._content.revision and self.repo.revision() != self._failed_revision:
                    try:
                        self._content = self._load()
                        self._failed_revision, self.reload_error = None, None
                        log.info("content reloaded at library revision %d", self._content.revision)
                    except Exception as e:  # noqa: BLE001 - the last good content keeps serving
                        self._failed_revision = revision
                        self.reload_error = f"library revision {revision} could not be loaded: {e}"
                        log.exception("content reload failed; still serving revision %d", self._content.revision)
        return self._content

    def check_publishable(self, item: ItemView) -> None:
        """The library, with `item` published in place of its key's current version, still builds."""
        try:
            self.with_candidate(item)
        except TactfulError as e:
            raise InvalidRequest(f"{item.key} v{item.version}: {e.detail}", code="breaks-library") from e
        except Exception as e:  # noqa: BLE001
            raise InvalidRequest(f"{item.key} v{item.version}: the library would not load with it ({e}).",
                                 code="breaks-library") from e

    def with_candidate(self, item: ItemView) -> Content:
        """The published content with one item replaced by a candidate version (for previews)."""
        items = [i for i in self.repo.published() if i.key != item.key] + [item]
        return build_content(items, -1)


__all__ = ["Content", "ContentState", "build_content", "content_hash", "seed_items", "validate"]
