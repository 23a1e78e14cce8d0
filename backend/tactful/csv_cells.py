"""CSV cells that spreadsheets will not run: a cell starting with = + - @ (or a tab or carriage return) is a
formula in Excel, LibreOffice and Google Sheets, so exports prefix it with an apostrophe (OWASP's advice), and
imports of Tactful's own exports take that apostrophe off again."""

from __future__ import annotations

from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(_TRIGGERS) else value


def uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_TRIGGERS) else value
