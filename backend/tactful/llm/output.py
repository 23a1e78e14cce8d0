"""Reading what a model wrote: JSON with one repair (code fences and prose around the object)."""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.MULTILINE)


class OutputError(ValueError):
    """The model answered, but not with something usable."""


def loads(text: str) -> Any:
    if not text.strip():
        raise OutputError("the model returned nothing")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        stripped = _FENCE.sub("", text).strip()
        start, end = stripped.find("{"), stripped.rfind("}")
        if start < 0 or end <= start:
            raise OutputError("no JSON object in the model's answer") from None
        try:
            return json.loads(stripped[start : end + 1])
        except json.JSONDecodeError as e:
            raise OutputError(f"the model's JSON does not parse: {e.msg}") from e


def json_object(text: str, required: str) -> dict[str, Any]:
    """The answer as a JSON object whose `required` key holds something."""
    data = loads(text)
    if not isinstance(data, dict) or not data.get(required) or not str(data[required]).strip():
        raise OutputError(f"the model's JSON has no '{required}'")
    return data


def strings(value: Any) -> list[str]:
    """A JSON list as non-empty strings (anything else: none)."""
    return [str(v).strip() for v in value if str(v).strip()] if isinstance(value, list) else []
