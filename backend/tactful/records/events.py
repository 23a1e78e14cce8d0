"""What the agent did with a suggestion, with a word-level diff between the draft and what was sent.

Edit distance is word-level Levenshtein divided by the longer length (0 = sent as drafted, 1 = rewritten);
Japanese and Chinese, written without spaces, are compared by character.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

from ..errors import InvalidRequest
from .models import SuggestionEvent, SuggestionRecord

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def tokens(text: str) -> list[str]:
    if len(_CJK.findall(text)) > len(text) / 3:
        return [c for c in text if not c.isspace()]
    return text.split()


def levenshtein(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def word_diff(before: str, after: str) -> tuple[list[dict[str, Any]], float]:
    a, b = tokens(before), tokens(after)
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            ops.append({"op": tag, "from": " ".join(a[i1:i2]), "to": " ".join(b[j1:j2])})
    longest = max(len(a), len(b)) or 1
    return ops, round(levenshtein(a, b) / longest, 4)


_NAME = "[NAME]"


def name_back(draft: str, sent: str) -> str:
    """Where the stored draft says [NAME] (the customer's name is not kept) and the sent text has one to three
    words in its place, those words become [NAME] too: the name is not stored from the event either, and greeting
    the customer is not counted as an edit. Spaced scripts only; names in CJK run into the text."""
    if _NAME not in draft or len(_CJK.findall(sent)) > len(sent) / 3:
        return sent
    a, b = draft.split(), sent.split()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "replace" and i2 - i1 == 1 and a[i1].startswith(_NAME) and 1 <= j2 - j1 <= 3:
            words = b[j1:j2]
            tail = a[i1][len(_NAME) :]  # "[NAME]," keeps its comma
            if tail and words[-1].endswith(tail):
                words = [*words[:-1], words[-1][: -len(tail)]]
            if all(words):
                sent = re.sub(r"\s+".join(map(re.escape, words)), _NAME, sent, count=1)
    return sent


def build_event(
    record: SuggestionRecord,
    kind: str,
    draft_id: str | None,
    final_text: str | None,
    redact_text: Callable[[str, dict[str, Any]], str],
) -> SuggestionEvent:
    drafts = {d["id"]: d for d in record.drafts}
    if draft_id is not None and draft_id not in drafts:
        raise InvalidRequest(
            f"draft_id: '{draft_id}' is not one of {', '.join(drafts)}.", code="unknown-draft"
        )
    if kind in ("edited", "sent") and final_text is None:
        raise InvalidRequest(f"final_text: required for '{kind}' events.", code="final-text-required")
    if kind in ("edited", "sent") and draft_id is None and kind == "edited":
        raise InvalidRequest("draft_id: required for 'edited' events.", code="draft-id-required")
    diff, distance, stored = None, None, None
    if final_text is not None:
        stored = redact_text(final_text, record.request)
        if draft_id is not None:
            stored = name_back(drafts[draft_id]["text"], stored)
            diff, distance = word_diff(drafts[draft_id]["text"], stored)
    return SuggestionEvent(
        suggestion_id=record.id,
        type=kind,
        draft_id=draft_id,
        final_text=stored,
        diff=diff,
        edit_distance=distance,
    )
