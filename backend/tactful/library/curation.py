"""What supervisors do to the library, shared by the API and the console: save drafts, publish, retire, roll
back, import and export phrasing, and take agents' article corrections into the articles' questions. Each save
is validated by its kind and published only if the whole library still builds with it."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from .. import safe_yaml
from ..csv_cells import cell, uncell
from ..errors import ConfigurationError, Conflict, InvalidRequest
from ..records.corrections import CorrectionRepository
from ..records.library import ItemView, LibraryRepository
from ..records.tokens import TokenInfo
from .content import REQUIRED_KEYS, ContentState
from .validation import validate

PHRASE_FIELDS = ["language", "key", "register", "text"]

# Saves of one key run one at a time (the version number is read, then written); other keys are not held up.
_key_locks: dict[str, threading.Lock] = {}
_key_locks_guard = threading.Lock()


def _key_lock(key: str) -> threading.Lock:
    with _key_locks_guard:
        return _key_locks.setdefault(key, threading.Lock())


def actor(token: TokenInfo) -> str:
    """Who did it, as the audit log names them."""
    return f"{token.person or token.label or token.role} (token {token.id}, {token.role})"


def filter_items(
    items: Iterable[ItemView],
    status: str | None = None,
    language: str | None = None,
    stage: str | None = None,
    register: str | None = None,
    q: str | None = None,
) -> Iterator[ItemView]:
    for i in items:
        c = i.content
        if status and i.status != status:
            continue
        if language and c.get("language") != language:
            continue
        if stage and not str(c.get("key", "")).startswith(stage + "."):
            continue
        if register and c.get("register") != register:
            continue
        if q and q.lower() not in str(c).lower():
            continue
        yield i


class Curation:
    def __init__(
        self, store: LibraryRepository, content: ContentState, corrections: CorrectionRepository
    ) -> None:
        self.store, self.content, self.corrections = store, content, corrections

    def save(
        self, kind: str, content: dict[str, Any], actor: str, note: str = "", publish: bool = False
    ) -> ItemView:
        key = validate(kind, content)
        with _key_lock(key):
            item = self.store.save_draft(kind, key, content, actor, note)
            if publish:
                self.content.check_publishable(item)
                item = self.store.publish(key, item.version, actor)
        return item

    def publish(self, key: str, version: int, actor: str) -> ItemView:
        """Publishes a stored version, if the whole library still builds with it."""
        with _key_lock(key):
            self.content.check_publishable(self.store.get(key, version))
            return self.store.publish(key, version, actor)

    def rollback(self, key: str, version: int, actor: str) -> ItemView:
        with _key_lock(key):
            self.content.check_publishable(self.store.get(key, version))
            return self.store.rollback(key, version, actor)

    def retire(self, key: str, actor: str) -> None:
        if key in REQUIRED_KEYS:
            raise Conflict(
                f"'{key}' is required: publish a corrected version instead of retiring it.",
                code="required-content",
            )
        with _key_lock(key):
            self.store.retire(key, actor)

    def export_phrases(self, fmt: str) -> str:
        rows = [{f: i.content[f] for f in PHRASE_FIELDS} for i in self.store.published("phrase")]
        if fmt == "yaml":
            return yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=1000)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=PHRASE_FIELDS)
        writer.writeheader()
        writer.writerows({k: cell(v) for k, v in row.items()} for row in rows)
        return buffer.getvalue()

    def import_phrases(self, text: str, fmt: str, actor: str) -> dict[str, int]:
        """All rows are validated before anything is stored: one bad row rejects the whole file, naming the row."""
        try:
            rows = (
                safe_yaml.load(text, "import") if fmt == "yaml" else list(csv.DictReader(io.StringIO(text)))
            )
        except ConfigurationError as e:
            raise InvalidRequest(e.detail, code="invalid-import") from e
        if not isinstance(rows, list) or not rows:
            raise InvalidRequest(
                "import: no phrases found (CSV with language,key,register,text or a YAML list).",
                code="empty-import",
            )
        checked = []
        for n, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or not all(
                isinstance(row.get(f, ""), str | None) for f in PHRASE_FIELDS
            ):
                raise InvalidRequest(
                    f"import: row {n} must be a mapping of {', '.join(PHRASE_FIELDS)} to text.",
                    code="invalid-import",
                )
            content = {f: uncell(str(row.get(f) or "").strip()) for f in PHRASE_FIELDS}
            checked.append((validate("phrase", content, f"row {n}"), content))
        current = {i.key: i.content for i in self.store.published("phrase")}
        changed = 0
        for key, content in checked:
            if current.get(key) != content:
                self.save("phrase", content, actor, "imported", publish=True)
                changed += 1
        return {"rows": len(checked), "changed": changed, "unchanged": len(checked) - changed}

    def decide_correction(self, correction_id: int, accept: bool, who: str) -> dict[str, Any]:
        """A supervisor's decision on an agent's "wrong article": accepted, the customer's words become a question of
        the right article in their language (a new published version, audited), so ranking finds it next time."""
        repo = self.corrections
        waiting = {c["id"]: c for c in repo.proposed()}
        if accept and correction_id in waiting:
            c = waiting[correction_id]
            key = f"article:{c['article_id']}"
            with _key_lock(key):
                current = self.store.get(key)
                content = dict(current.content)
                questions = {k: list(v) for k, v in (content.get("questions") or {}).items()}
                asked = (c["question"] or "").strip()
                if asked and asked not in questions.get(c["language"], []):
                    questions.setdefault(c["language"], []).append(asked)
                    content["questions"] = questions
                    item = self.store.save_draft(
                        "article", key, content, who, f"question from an agent's correction #{correction_id}"
                    )
                    self.content.check_publishable(item)
                    self.store.publish(key, item.version, who)
        return repo.decide(correction_id, accept, who)
