"""Learning from edits: when agents keep making the same change to text that came from one phrase, propose
that change to supervisors as a new version of the phrase, with the suggestions it came from as examples."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..library.texts import Library


def propose(edits: list[dict[str, Any]], library: Library, min_count: int = 2) -> list[dict[str, Any]]:
    phrases = {p.id: p for p in library.phrases}
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for edit in edits:
        draft = next((d for d in edit["drafts"] if d["id"] == edit["draft_id"]), None)
        if not draft:
            continue
        used = [phrases[s] for s in draft["source_ids"] if s in phrases]
        for op in edit["diff"] or []:
            before, after = op.get("from", "").strip(), op.get("to", "").strip()
            if op.get("op") not in ("replace", "delete") or not before:
                continue
            phrase = next((p for p in used if before in p.text), None)
            if phrase:
                groups[(phrase.id, before, after)].add(edit["suggestion_id"])
    out = []
    for (phrase_id, before, after), examples in groups.items():
        if len(examples) < min_count:
            continue
        phrase = phrases[phrase_id]
        out.append(
            {
                "phrase_id": phrase_id,
                "language": phrase.language,
                "key": phrase.key,
                "register": phrase.register,
                "current": phrase.text,
                "proposed": phrase.text.replace(before, after, 1),
                "replace": before,
                "with": after,
                "count": len(examples),
                "examples": sorted(examples)[:5],
            }
        )
    return sorted(out, key=lambda p: -p["count"])
