"""Library items as the text a supervisor edits: the same formats as the seed files."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import yaml

from ..errors import ConfigurationError, InvalidRequest
from ..library.texts import article_content


def to_text(kind: str, content: dict[str, Any]) -> str:
    if kind == "prompt":
        return str(content["text"])
    if kind == "article":
        front = {
            k: content[k]
            for k in ("id", "title", "category", "problem", "entities", "summary", "questions")
            if k in content
        }
        return (
            "---\n"
            + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
            + "---\n\n"
            + content["body"]
        )
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)


def from_text(kind: str, text: str) -> dict[str, Any]:
    try:
        if kind == "prompt":
            return {"text": text.replace("\r\n", "\n")}
        if kind == "article":
            return article_content("article", text)
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as e:
        raise InvalidRequest(f"content: not valid YAML ({e})", code="invalid-content") from e
    except ConfigurationError as e:
        raise InvalidRequest(e.detail, code="invalid-content") from e
    if not isinstance(data, dict):
        raise InvalidRequest("content: expected a mapping of fields", code="invalid-content")
    return data


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "br", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def upload_to_body(filename: str, raw: bytes) -> str:
    """Markdown and plain text as they are; HTML reduced to paragraphs of text (scripts and styles dropped)."""
    text = raw.decode("utf-8", errors="replace")
    if filename.lower().endswith((".html", ".htm")):
        parser = _TextExtractor()
        parser.feed(text)
        text = "".join(parser.parts)
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()
