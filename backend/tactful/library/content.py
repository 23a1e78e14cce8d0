"""Content as the pipeline uses it, built from the published library versions.

Seed files (`kb_seed/`, `prompts/`) become version 1 of each item on first start; from then on the database
is the source of truth, so supervisors' edits survive restarts. Each worker keeps a `ContentState` and
reloads it when the library's revision counter moves.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..culture.profiles import CultureProfile, CultureRegistry
from ..errors import InvalidRequest, TactfulError
from ..records.library import ItemView, LibraryRepository, content_hash
from .intents import Intent, intent_from_content
from .prompts import PromptTemplate, parse_prompt
from .scenarios import Scenario
from .seed import seed_items
from .texts import Article, Library, Phrase

log = logging.getLogger(__name__)


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
    english = {
        (i.content["key"]): i.content["text"]
        for i in by_kind.get("phrase", [])
        if i.content["language"] == "en" and i.content["register"] == "formal"
    }
    phrases = [
        Phrase(
            c["key"],
            c["key"].split(".")[0],
            c["language"],
            c["register"],
            c["text"],
            english.get(c["key"], ""),
            i.content_hash,
        )
        for i in by_kind.get("phrase", [])
        for c in [i.content]
    ]
    articles = {
        c["id"]: Article(
            c["id"],
            c["title"],
            c["category"],
            bool(c.get("problem")),
            c["body"],
            {str(k): str(v).strip() for k, v in c["summary"].items()},
            i.content_hash,
            tuple(c.get("entities") or ()),
            {str(k): tuple(str(q).strip() for q in v) for k, v in (c.get("questions") or {}).items()},
        )
        for i in by_kind.get("article", [])
        for c in [i.content]
    }
    profiles = []
    for i in by_kind.get("culture", []):
        profile = CultureProfile.model_validate(i.content)
        profile.version = i.content_hash
        profiles.append(profile)
    prompts = {}
    for i in by_kind.get("prompt", []):
        template = parse_prompt(i.content["text"], i.key)
        prompts[template.id] = PromptTemplate(
            template.id,
            i.version,
            template.description,
            template.params,
            template.system,
            template.user,
            template.output_schema,
        )
    rubrics = [{**i.content, "version": f"{i.key}/v{i.version}"} for i in by_kind.get("rubric", [])]
    intents = [intent_from_content(i.content, i.content_hash) for i in by_kind.get("intent", [])]
    scenarios = {}
    for i in by_kind.get("scenario", []):
        scenario = Scenario.model_validate(i.content)
        scenario.version = i.content_hash
        scenarios[scenario.id] = scenario
    return Content(
        Library(articles, phrases),
        CultureRegistry(profiles),
        prompts,
        revision,
        rubrics[0] if rubrics else {},
        sorted(intents, key=lambda i: i.id),
        scenarios,
    )


def content_from_files(seed_dir: Path, prompts_dir: Path) -> Content:
    """The seed files as content, without a database (tests, tools)."""
    items = [
        ItemView(kind, key, 1, "published", c, content_hash(c), "seed", "", "")
        for kind, key, c in seed_items(seed_dir, prompts_dir)
    ]
    return build_content(items)


# What the service cannot run without: retiring one of these is refused, and a version of one is published only
# if the whole library still builds with it.
REQUIRED_KEYS = frozenset(
    {
        "culture:default",
        "rubric:default",
        "prompt:draft_reply",
        "prompt:summarize_conversation",
        "prompt:practice_customer",
    }
)


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
                if (
                    self.repo.revision() != self._content.revision
                    and self.repo.revision() != self._failed_revision
                ):
                    try:
                        self._content = self._load()
                        self._failed_revision, self.reload_error = None, None
                        log.info("content reloaded at library revision %d", self._content.revision)
                    except Exception as e:  # noqa: BLE001 - the last good content keeps serving
                        self._failed_revision = revision
                        self.reload_error = f"library revision {revision} could not be loaded: {e}"
                        log.exception(
                            "content reload failed; still serving revision %d", self._content.revision
                        )
        return self._content

    def check_publishable(self, item: ItemView) -> None:
        """The library, with `item` published in place of its key's current version, still builds."""
        try:
            self.with_candidate(item)
        except TactfulError as e:
            raise InvalidRequest(f"{item.key} v{item.version}: {e.detail}", code="breaks-library") from e
        except Exception as e:  # noqa: BLE001
            raise InvalidRequest(
                f"{item.key} v{item.version}: the library would not load with it ({e}).",
                code="breaks-library",
            ) from e

    def with_candidate(self, item: ItemView) -> Content:
        """The published content with one item replaced by a candidate version (for previews)."""
        items = [i for i in self.repo.published() if i.key != item.key] + [item]
        return build_content(items, -1)


__all__ = ["Content", "ContentState", "build_content", "content_from_files"]
