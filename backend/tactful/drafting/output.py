"""Reading the drafting answer: drafts and the model's reading from its JSON, and incremental extraction of draft text from
a JSON stream so the agent sees words as they are written, not braces."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..llm.output import OutputError, loads

__all__ = ["DraftTextStream", "OutputError", "RawDraft", "parse_drafts", "parse_insight"]


@dataclass(frozen=True)
class RawDraft:
    text: str
    back_translation: str
    source_ids: list[str]


def parse_drafts(text: str) -> list[RawDraft]:
    data = loads(text)
    items = data.get("drafts") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise OutputError("the model's JSON has no 'drafts' list")
    drafts = []
    for item in items:
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            continue
        ids = item.get("source_ids") or []
        drafts.append(
            RawDraft(
                str(item["text"]).strip(),
                str(item.get("back_translation") or "").strip(),
                [str(i) for i in ids] if isinstance(ids, list) else [],
            )
        )
    if not drafts:
        raise OutputError("the model's drafts have no text")
    return drafts


_INSIGHT_VALUES = {"sentiment": ("negative", "neutral", "positive"), "urgency": ("high", "medium", "low")}


def parse_insight(text: str, intent_ids: set[str]) -> dict[str, str] | None:
    """The model's own reading of the conversation from the same answer, if it gave a valid one."""
    try:
        data = loads(text)
    except OutputError:
        return None
    raw = data.get("insight") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return None
    out = {"intent": str(raw.get("intent") or "")}
    if out["intent"] not in intent_ids | {"other"}:
        return None
    for key, allowed in _INSIGHT_VALUES.items():
        value = str(raw.get(key) or "").lower()
        if value not in allowed:
            return None
        out[key] = value
    return out


class DraftTextStream:
    """Feeds on raw JSON chunks; returns (draft index, decoded text) for characters inside "text" values.

    A tiny state machine over the JSON: it tracks strings, remembers the last key, and when the value of a
    "text" key is a string, decodes its characters (escapes included) as they arrive.
    """

    def __init__(self) -> None:
        self.index = -1
        self._in_string = False
        self._escape = ""
        self._buffer = ""  # current string's raw content (keys only)
        self._last_key = ""
        self._expect_value = False
        self._emitting = False
        self._high = ""  # a \\ud83d waiting for its low surrogate (the pair may straddle chunks)

    def feed(self, chunk: str) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for ch in chunk:
            if self._in_string:
                self._string_char(ch, out)
            elif ch == '"':
                self._in_string, self._buffer = True, ""
                self._emitting = self._expect_value and self._last_key == "text"
                if self._emitting:
                    self.index += 1
            elif ch == ":":
                self._expect_value = True
            elif ch in ",{}[]":
                self._expect_value = False
        return [(i, "".join(t for j, t in out if j == i)) for i in sorted({i for i, _ in out})]

    def _string_char(self, ch: str, out: list[tuple[int, str]]) -> None:
        if self._escape:
            self._escape += ch
            if self._escape.startswith("\\u") and len(self._escape) < 6:
                return
            escape, self._escape = self._escape, ""
            try:
                decoded = json.loads(f'"{escape}"')
            except ValueError:  # an invalid escape ("\\x", "\\u12G4"): shown as written, never fatal
                decoded = escape
            self._decoded(decoded, out)
            return
        if self._high and ch != "\\":  # a high surrogate not followed by its low half
            self._high = ""
            self._emit("\ufffd", out)
        if ch == "\\":
            self._escape = "\\"
            return
        if ch == '"':
            self._in_string = False
            if not self._expect_value:
                self._last_key = self._buffer
            self._expect_value = False
            self._emitting = False
            return
        self._emit(ch, out)

    def _decoded(self, text: str, out: list[tuple[int, str]]) -> None:
        """One decoded escape; UTF-16 surrogate pairs ("\\ud83d\\ude00", as ensure_ascii JSON writes emoji) are
        joined into one character, and a lone half becomes U+FFFD, so no unencodable text reaches the stream."""
        if len(text) == 1 and "\ud800" <= text <= "\udbff":
            if self._high:
                self._emit("\ufffd", out)
            self._high = text
            return
        if len(text) == 1 and "\udc00" <= text <= "\udfff":
            text = (
                (self._high + text).encode("utf-16", "surrogatepass").decode("utf-16")
                if self._high
                else "\ufffd"
            )
            self._high = ""
        elif self._high:
            self._emit("\ufffd", out)
            self._high = ""
        self._emit(text, out)

    def _emit(self, text: str, out: list[tuple[int, str]]) -> None:
        if self._emitting:
            out.append((self.index, text))
        else:
            self._buffer += text
