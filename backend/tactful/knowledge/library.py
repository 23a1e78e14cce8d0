"""The company's content as Tactful reads it: KB articles and the phrasing library, loaded from files.

Articles are markdown with YAML front matter (`id`, `title`, `category`, `problem`, `summary` per language).
Phrasing files hold one language each, keyed by `<stage>.<name>` with a text per register; the English file
gives every key its meaning, which back-translates the phrase for agents.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ConfigurationError

STAGES = ("greeting", "acknowledgement", "apology", "empathy", "verification", "resolution",
          "compensation", "escalation", "follow_up", "closing")  # fmt: skip
REGISTERS = ("formal", "informal")
PLACEHOLDERS = {"customer", "agent", "company"}


def _hash(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:12]


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    category: str
    problem: bool  # describes something that went wrong: drafts apologise and soothe first
    body: str
    summary: dict[str, str]  # phrasing language -> the key answer in one or two sentences
    version: str


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

    def phrase_languages(self) -> set[str]:
        return {p.language for p in self.phrases}

    def phrase(self, language: str, key: str, register: str) -> Phrase | None:
        for p in self.phrases:
            if p.language == language and p.key == key and p.register == register:
                return p
        return None


def _split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        raise ConfigurationError(f"{path.name}: articles start with YAML front matter between '---' lines")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front) or {}
    if not isinstance(meta, dict):
        raise ConfigurationError(f"{path.name}: front matter must be a mapping")
    return meta, body.strip()


def load_article(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    meta, body = _split_front_matter(path, raw)
    for required in ("title", "category", "summary"):
        if not meta.get(required):
            raise ConfigurationError(f"{path.name}: field '{required}' is required")
    summary = meta["summary"]
    if not isinstance(summary, dict) or "en" not in summary:
        raise ConfigurationError(f"{path.name}: field 'summary' needs at least an 'en' entry")
    return Article(
        id=str(meta.get("id") or path.stem), title=str(meta["title"]), category=str(meta["category"]),
        problem=bool(meta.get("problem", False)), body=body,
        summary={str(k): str(v).strip() for k, v in summary.items()}, version=_hash(raw),
    )


def _check_placeholders(path: Path, key: str, text: str) -> None:
    import string

    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None and name not in PLACEHOLDERS:
            raise ConfigurationError(f"{path.name}: phrase '{key}': unknown placeholder '{{{name}}}' "
                                     f"(known: {', '.join(sorted(PLACEHOLDERS))})")


def load_phrasing_file(path: Path, meanings: dict[str, str]) -> list[Phrase]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    language, entries = data.get("language"), data.get("phrases")
    if not language or not isinstance(entries, dict):
        raise ConfigurationError(f"{path.name}: needs 'language' and a 'phrases' mapping")
    out = []
    for key, variants in entries.items():
        stage = key.split(".")[0]
        if stage not in STAGES:
            raise ConfigurationError(f"{path.name}: phrase '{key}': unknown stage '{stage}'")
        if not isinstance(variants, dict) or not variants:
            raise ConfigurationError(f"{path.name}: phrase '{key}': give a text per register")
        for register, text in variants.items():
            if register not in REGISTERS:
                raise ConfigurationError(f"{path.name}: phrase '{key}': unknown register '{register}'")
            if not str(text or "").strip():
                raise ConfigurationError(f"{path.name}: phrase '{key}' ({register}): empty text")
            _check_placeholders(path, key, str(text))
            meaning = meanings.get(key, "")
            out.append(Phrase(key, stage, str(language), register, str(text).strip(), meaning,
                              _hash(f"{language}|{key}|{register}|{text}")))
    return out


def load_library(seed_dir: Path) -> Library:
    lib = Library()
    for path in sorted((seed_dir / "articles").glob("*.md")):
        article = load_article(path)
        if article.id in lib.articles:
            raise ConfigurationError(f"{path.name}: duplicate article id '{article.id}'")
        lib.articles[article.id] = article
    phrasing = seed_dir / "phrasing"
    english = phrasing / "en.yaml"
    if not english.exists():
        raise ConfigurationError(f"{english}: the English phrasing file gives every phrase its meaning")
    en_data = yaml.safe_load(english.read_text(encoding="utf-8"))["phrases"]
    meanings = {k: (v.get("formal") or next(iter(v.values()))) for k, v in en_data.items()}
    for path in sorted(phrasing.glob("*.yaml")):
        lib.phrases.extend(load_phrasing_file(path, meanings))
    return lib
