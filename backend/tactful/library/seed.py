"""Seed files (`kb_seed/`, `prompts/`) as library items: each file read, validated by its kind, keyed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .texts import article_content
from .validation import validate


def seed_items(seed_dir: Path, prompts_dir: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path in sorted((seed_dir / "phrasing").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        language = data.get("language")
        for key, variants in (data.get("phrases") or {}).items():
            for register, text in (variants or {}).items():
                content = {"language": language, "key": key, "register": register, "text": str(text).strip()}
                yield "phrase", validate("phrase", content, path.name), content
    for path in sorted((seed_dir / "articles").glob("*.md")):
        content = article_content(path.name, path.read_text(encoding="utf-8"), path.stem)
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
