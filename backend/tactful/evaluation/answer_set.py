"""The labelled chat conversations behind `tactful eval answers`: loading, checking, and the dev/test split.

Rows live in YAML files (one list per file, `benchmarks/data/answers/`). Each row is one conversation with
its labels: the articles that would answer it (none when no article fits), the intent, whether the customer
reports a problem, whether the last message closes the conversation, whether they ask for a person, the
register a reply should use, and the facts the customer already gave. The split is a hash of the row id, so
it is stable across runs and machines and a row never changes side.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TEST_SHARE = 40  # percent of rows in the test split
_ROLES = {"c": "customer", "a": "agent", "customer": "customer", "agent": "agent"}


@dataclass(frozen=True)
class LabelledConversation:
    id: str
    lang: str  # expected language: "de", "zh-Hant", "hi"
    turns: tuple[tuple[str, str], ...]  # (role, text), oldest first
    articles: frozenset[str]  # acceptable article ids; empty when no article fits
    locale: str | None = None
    intent: str | None = None
    problem: bool = False
    closing: bool = False
    handoff: bool = False
    register: str | None = None
    gave: frozenset[str] = frozenset()  # "order", "email", "photo"
    tags: frozenset[str] = field(default_factory=frozenset)
    source: str = ""

    @property
    def split(self) -> str:
        return split_of(self.id)

    @property
    def no_fit(self) -> bool:
        """No article answers it and it is not a closing: draft 1 should ask or hand over, citing nothing."""
        return not self.articles and not self.closing


def split_of(row_id: str) -> str:
    bucket = int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) % 100
    return "test" if bucket < TEST_SHARE else "dev"


def _row(raw: dict[str, Any], source: str) -> LabelledConversation:
    try:
        turns = tuple((_ROLES[str(role)], str(text)) for role, text in raw["turns"])
        return LabelledConversation(
            id=str(raw["id"]),
            lang=str(raw["lang"]),
            turns=turns,
            articles=frozenset(str(a) for a in raw.get("articles") or []),
            locale=raw.get("locale"),
            intent=raw.get("intent"),
            problem=bool(raw.get("problem", False)),
            closing=bool(raw.get("closing", False)),
            handoff=bool(raw.get("handoff", False)),
            register=raw.get("register"),
            gave=frozenset(raw.get("gave") or []),
            tags=frozenset(raw.get("tags") or []),
            source=source,
        )
    except (KeyError, TypeError, ValueError) as e:
        raise ValueError(f"{source}: row {raw.get('id', '?')}: {e}") from e


def load_answer_set(path: Path, known_articles: set[str] | None = None) -> list[LabelledConversation]:
    """Every row of every YAML file under `path` (or of the one file), checked: ids unique, a customer turn
    last, and (when `known_articles` is given) every acceptable article one the library has."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    rows: list[LabelledConversation] = []
    for file in files:
        for raw in yaml.safe_load(file.read_text(encoding="utf-8")) or []:
            rows.append(_row(raw, file.name))
    seen: set[str] = set()
    for row in rows:
        if row.id in seen:
            raise ValueError(f"{row.source}: duplicate id {row.id}")
        seen.add(row.id)
        if not row.turns or row.turns[-1][0] != "customer":
            raise ValueError(f"{row.source}: {row.id}: the last turn must be the customer's")
        unknown = row.articles - known_articles if known_articles is not None else set()
        if unknown:
            raise ValueError(f"{row.source}: {row.id}: unknown article(s) {', '.join(sorted(unknown))}")
    return rows
