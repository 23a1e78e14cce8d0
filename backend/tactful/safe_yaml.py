"""YAML for content people type or upload: safe types only, no anchors or aliases (a 420-byte file of nested
aliases expands to gigabytes), and every parse error as a ConfigurationError that names the file or field."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import ConfigurationError


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def load(text: str, where: str) -> Any:
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ConfigurationError(f"{where}: not valid YAML{at}: {problem}") from e


def load_mapping(text: str, where: str) -> dict[str, Any]:
    data = load(text, where) or {}
    if not isinstance(data, dict):
        raise ConfigurationError(f"{where}: must be a mapping (key: value lines)")
    return data
