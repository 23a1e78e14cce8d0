"""The versioned library store: drafts, publishing, retiring, rollback, and an audit entry for each change.

Every change is a new row (key, version); nothing is edited in place, so any version can be shown, diffed or
restored. Publishing bumps a revision counter that workers poll to reload their content.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import InvalidRequest, NotFound
from .db import Database
from .models import AuditEntry, LibraryItem, LibraryRevision

KINDS = ("phrase", "article", "culture", "prompt", "rubric", "intent", "scenario", "helpdesk")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ItemView:
    kind: str
    key: str
    version: int
    status: str
    content: dict[str, Any]
    content_hash: str
    author: str
    note: str
    created_at: str

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def content_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


def render_content(content: dict[str, Any]) -> str:
    """The text a diff is computed on: prompts as their file text, everything else as YAML."""
    if set(content) == {"text"}:
        return str(content["text"])
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=100)


def diff_text(
    before: dict[str, Any] | None, after: dict[str, Any] | None, a: str = "before", b: str = "after"
) -> str:
    left = render_content(before).splitlines(keepends=True) if before else []
    right = render_content(after).splitlines(keepends=True) if after else []
    return "".join(difflib.unified_diff(left, right, a, b))


def _view(row: LibraryItem) -> ItemView:
    return ItemView(
        row.kind,
        row.key,
        row.version,
        row.status,
        row.content,
        row.content_hash,
        row.author,
        row.note,
        row.created_at.isoformat(),
    )


class LibraryRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # reading
    def revision(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(LibraryRevision.revision).where(LibraryRevision.id == 1)) or 0

    def published(self, kind: str | None = None) -> list[ItemView]:
        with self.db.session() as s:
            q = select(LibraryItem).where(LibraryItem.status == "published")
            if kind:
                q = q.where(LibraryItem.kind == kind)
            return [_view(r) for r in s.scalars(q.order_by(LibraryItem.key))]

    def latest(self, kind: str) -> list[ItemView]:
        """The newest version of every key of a kind (whatever its status): what a browse list shows."""
        with self.db.session() as s:
            newest = (
                select(LibraryItem.key, func.max(LibraryItem.version).label("v"))
                .where(LibraryItem.kind == kind)
                .group_by(LibraryItem.key)
                .subquery()
            )
            q = select(LibraryItem).join(
                newest, (LibraryItem.key == newest.c.key) & (LibraryItem.version == newest.c.v)
            )
            return [_view(r) for r in s.scalars(q.order_by(LibraryItem.key))]

    def versions(self, key: str) -> list[ItemView]:
        with self.db.session() as s:
            rows = s.scalars(select(LibraryItem).where(LibraryItem.key == key).order_by(LibraryItem.version))
            return [_view(r) for r in rows]

    def get(self, key: str, version: int | None = None) -> ItemView:
        versions = self.versions(key)
        if not versions:
            raise NotFound(f"No library item '{key}'.", code="library-item-not-found")
        if version is None:
            published = [v for v in versions if v.status == "published"]
            return published[-1] if published else versions[-1]
        for v in versions:
            if v.version == version:
                return v
        raise NotFound(f"'{key}' has no version {version}.", code="library-version-not-found")

    def audit(self, key: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        with self.db.session() as s:
            q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
            if key:
                q = q.where(AuditEntry.key == key)
            return [
                {
                    "id": a.id,
                    "at": a.at.isoformat(),
                    "actor": a.actor,
                    "action": a.action,
                    "kind": a.kind,
                    "key": a.key,
                    "version": a.version,
                    "diff": a.diff,
                }
                for a in s.scalars(q)
            ]

    # writing
    def seed(self, items: Iterable[tuple[str, str, dict[str, Any]]]) -> int:
        """Adds seed content as version 1 of keys that do not exist yet; never touches existing keys. Workers
        starting together may race: the one that loses finds the keys taken and adds nothing."""
        items = list(items)
        try:
            return self._seed(items)
        except IntegrityError:
            log.info("library: another worker seeded at the same time; checking again")
            return self._seed(items)

    def _seed(self, items: list[tuple[str, str, dict[str, Any]]]) -> int:
        added = 0
        with self.db.session() as s:
            existing = set(s.scalars(select(LibraryItem.key).distinct()))
            for kind, key, content in items:
                if key in existing:
                    continue
                s.add(
                    LibraryItem(
                        kind=kind,
                        key=key,
                        version=1,
                        status="published",
                        content=content,
                        content_hash=content_hash(content),
                        author="seed",
                        note="from the seed files",
                    )
                )
                s.add(AuditEntry(actor="seed", action="seed", kind=kind, key=key, version=1, diff=""))
                existing.add(key)
                added += 1
            if added:
                self._bump(s)
        return added

    def save_draft(
        self, kind: str, key: str, content: dict[str, Any], author: str, note: str = ""
    ) -> ItemView:
        if kind not in KINDS:
            raise InvalidRequest(f"kind: '{kind}' is not one of {', '.join(KINDS)}.", code="unknown-kind")
        with self.db.session() as s:
            previous = s.scalar(
                select(LibraryItem)
                .where(LibraryItem.key == key)
                .order_by(LibraryItem.version.desc())
                .limit(1)
            )
            if previous and previous.kind != kind:
                raise InvalidRequest(f"key '{key}' is a {previous.kind}, not a {kind}.", code="kind-mismatch")
            row = LibraryItem(
                kind=kind,
                key=key,
                version=(previous.version + 1) if previous else 1,
                status="draft",
                content=content,
                content_hash=content_hash(content),
                author=author,
                note=note,
            )
            s.add(row)
            base = self._published_row(s, key) or previous
            s.add(
                AuditEntry(
                    actor=author,
                    action="draft",
                    kind=kind,
                    key=key,
                    version=row.version,
                    diff=diff_text(
                        base.content if base else None,
                        content,
                        f"v{base.version}" if base else "(new)",
                        f"v{row.version}",
                    ),
                )
            )
            s.flush()
            return _view(row)

    def publish(self, key: str, version: int, author: str, action: str = "publish") -> ItemView:
        with self.db.session() as s:
            row = s.scalar(select(LibraryItem).where(LibraryItem.key == key, LibraryItem.version == version))
            if row is None:
                raise NotFound(f"'{key}' has no version {version}.", code="library-version-not-found")
            current = self._published_row(s, key)
            if current is not None and current.version != version:
                current.status = "retired"
            row.status = "published"
            s.add(
                AuditEntry(
                    actor=author,
                    action=action,
                    kind=row.kind,
                    key=key,
                    version=version,
                    diff=diff_text(
                        current.content if current else None,
                        row.content,
                        f"v{current.version}" if current else "(none)",
                        f"v{version}",
                    ),
                )
            )
            self._bump(s)
            s.flush()
            return _view(row)

    def retire(self, key: str, author: str) -> None:
        with self.db.session() as s:
            current = self._published_row(s, key)
            if current is None:
                raise NotFound(f"'{key}' has no published version to retire.", code="library-item-not-found")
            current.status = "retired"
            s.add(
                AuditEntry(
                    actor=author,
                    action="retire",
                    kind=current.kind,
                    key=key,
                    version=current.version,
                    diff=diff_text(current.content, None, f"v{current.version}", "(retired)"),
                )
            )
            self._bump(s)

    def rollback(self, key: str, version: int, author: str) -> ItemView:
        """Restores an earlier version as a new published version (history is never rewritten)."""
        old = self.get(key, version)
        draft = self.save_draft(old.kind, key, old.content, author, note=f"rollback to v{version}")
        return self.publish(key, draft.version, author, action="rollback")

    @staticmethod
    def _published_row(s, key: str) -> LibraryItem | None:
        return s.scalar(select(LibraryItem).where(LibraryItem.key == key, LibraryItem.status == "published"))

    @staticmethod
    def _bump(s) -> None:
        s.execute(
            update(LibraryRevision)
            .where(LibraryRevision.id == 1)
            .values(revision=LibraryRevision.revision + 1)
        )
