"""The company's content as the pipeline reads it: KB articles and the phrasing library.

Articles are markdown with YAML front matter (`id`, `title`, `category`, `problem`, `summary` per language,
`questions` per language: what customers ask that the article answers, the ranking's strongest evidence).
Phrases are keyed `<stage>.<name>` with a text per language and register; the English formal text gives every
key its meaning, which back-translates the phrase for agents. Loading and validation live in `content.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigurationError
from ..safe_yaml import load_mapping

STAGES = ("greeting", "acknowledgement", "apology", "empathy", "verification", "resolution",
          "compensation", "escalation", "follow_up", "closing")  # fmt: skip
REGISTERS = ("formal", "informal")
PLACEHOLDERS = {"customer", "agent", "company"}


def fill_names(text: str, names: dict[str, str]) -> str:
    """A phrase with its placeholders filled plainly (missing names drop out, spacing and commas tidied)."""
    for key in PLACEHOLDERS:
        text = text.replace("{" + key + "}", names.get(key, ""))
    return re.sub(r"\s+([,.!?،؟])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,،")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    category: str
    problem: bool  # describes something that went wrong: drafts apologise and soothe first
    body: str
    summary: dict[str, str]  # phrasing language -> the key answer in one or two sentences
    version: str
    entities: tuple[str, ...] = ()  # names (products, places, plans) that tie a conversation to this article
    questions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> questions it answers

    def summary_for(self, language: str, register: str) -> str | None:
        """The key answer in a phrasing language and register (`de@informal` beside `de`), or None."""
        return self.summary.get(f"{language}@{register}") or self.summary.get(language)


@dataclass(frozen=True)
class Phrase:
    key: str  # "apology.strong"
    stage: str
    language: str  # "de", "zh-Hant"
    register: str  # "formal" | "informal"
    text: str
    meaning: str  # English
    version: str

    @property
    def id(self) -> str:
        return f"phrase:{self.language}:{self.key}:{self.register}"


@dataclass
class Library:
    articles: dict[str, Article] = field(default_factory=dict)
    phrases: list[Phrase] = field(default_factory=list)

    def mentioned_articles(self, text: str) -> set[str]:
        """Articles whose entities the conversation names (the entity is often named turns before the question)."""
        lowered = text.lower()
        return {a.id for a in self.articles.values() for e in a.entities if e and e.lower() in lowered}

    def phrase_languages(self) -> set[str]:
        return {p.language for p in self.phrases}

    def phrase(self, language: str, key: str, register: str) -> Phrase | None:
        for p in self.phrases:
            if p.language == language and p.key == key and p.register == register:
                return p
        return None


def split_front_matter(name: str, text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        raise ConfigurationError(f"{name}: articles start with YAML front matter between '---' lines")
    parts = text.split("---", 2)
    if len(parts) < 3:
        raise ConfigurationError(f"{name}: the front matter needs a closing '---' line")
    return load_mapping(parts[1], f"{name}: front matter"), parts[2].strip()


def article_content(name: str, text: str, default_id: str | None = None) -> dict[str, Any]:
    """A Markdown article with YAML front matter (a seed file, or an article edited as text in the console) as
    library content: every field a supervisor can set, the customer questions and entities included."""
    meta, body = split_front_matter(name, text.replace("\r\n", "\n"))
    content: dict[str, Any] = {
        "id": str(meta.get("id") or default_id or ""),
        "title": meta.get("title"),
        "category": meta.get("category"),
        "problem": bool(meta.get("problem", False)),
        "summary": meta.get("summary"),
        "body": body,
    }
    if meta.get("entities"):
        content["entities"] = [str(e) for e in meta["entities"]]
    if meta.get("questions"):
        content["questions"] = meta["questions"]
    return content
