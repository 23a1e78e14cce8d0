"""Prompt templates: versioned files in `prompts/`, rendered with `string.Template` (no code runs).

A template declares its parameters in front matter; rendering rejects keys it does not declare and names
any declared variable that is missing, so a typo never silently sends a prompt with a hole in it.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError
from ..safe_yaml import load_mapping

_SECTION = re.compile(r"^## (system|user)\s*$", re.MULTILINE)


class PromptError(ConfigurationError):
    code = "prompt-error"


@dataclass(frozen=True)
class PromptTemplate:
    id: str
    version: int
    description: str
    params: dict[str, str]
    system: str
    user: str
    output_schema: dict[str, Any]

    @property
    def version_label(self) -> str:
        return f"{self.id}/{self.version}"

    def variables(self) -> set[str]:
        found: set[str] = set()
        for text in (self.system, self.user):
            for m in string.Template.pattern.finditer(text):
                name = m.group("named") or m.group("braced")
                if name:
                    found.add(name)
        return found

    def render(self, values: dict[str, Any]) -> list[dict[str, str]]:
        unknown = set(values) - set(self.params)
        if unknown:
            raise PromptError(
                f"prompt {self.version_label}: unknown parameter(s) {', '.join(sorted(unknown))}"
            )
        missing = set(self.params) - set(values)
        if missing:
            raise PromptError(
                f"prompt {self.version_label}: missing variable(s) {', '.join(sorted(missing))}"
            )
        as_text = {k: str(v) for k, v in values.items()}
        return [
            {"role": "system", "content": string.Template(self.system).substitute(as_text)},
            {"role": "user", "content": string.Template(self.user).substitute(as_text)},
        ]


def parse_prompt(text: str, name: str) -> PromptTemplate:
    if not text.startswith("---"):
        raise PromptError(f"{name}: prompts start with YAML front matter between '---' lines")
    parts = text.split("---", 2)
    if len(parts) < 3:
        raise PromptError(f"{name}: the front matter needs a closing '---' line")
    _, front, body = parts
    try:
        meta = load_mapping(front, f"{name}: front matter")
    except ConfigurationError as e:
        raise PromptError(e.detail) from e
    for field in ("id", "version", "params"):
        if field not in meta:
            raise PromptError(f"{name}: front matter field '{field}' is required")
    parts = _SECTION.split(body)
    sections = dict(zip(parts[1::2], (p.strip() for p in parts[2::2]), strict=False))
    if set(sections) != {"system", "user"}:
        raise PromptError(f"{name}: needs a '## system' and a '## user' section")
    if not isinstance(meta["params"], dict) or not isinstance(meta.get("output_schema") or {}, dict):
        raise PromptError(f"{name}: front matter 'params' and 'output_schema' must be mappings")
    try:
        version = int(meta["version"])
    except (TypeError, ValueError) as e:
        raise PromptError(f"{name}: front matter 'version' must be a number") from e
    template = PromptTemplate(
        str(meta["id"]),
        version,
        str(meta.get("description", "")),
        dict(meta["params"]),
        sections["system"],
        sections["user"],
        dict(meta.get("output_schema") or {}),
    )
    undeclared = template.variables() - set(template.params)
    if undeclared:
        raise PromptError(f"{name}: uses undeclared variable(s) {', '.join(sorted(undeclared))}")
    return template


def load_prompt(folder: Path, prompt_id: str) -> PromptTemplate:
    path = folder / f"{prompt_id}.md"
    if not path.exists():
        raise PromptError(f"{path}: no such prompt (TACTFUL_LLM__PROMPT names a file in {folder})")
    return parse_prompt(path.read_text(encoding="utf-8"), path.name)
