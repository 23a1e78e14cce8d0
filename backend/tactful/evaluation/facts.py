"""The offline gist's facts (order numbers, amounts, dates) on a labelled set: found, missed and false, by type
and by language. A fact is found when an extracted value of its type equals it or contains it."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from ..insight.facts import find_facts

TYPES = ("orders", "amounts", "dates")


def run(path: Path) -> dict:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # found, missed, false
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        got = find_facts(row["text"]).as_dict()
        for kind in TYPES:
            wanted, found = [str(v) for v in row.get(kind, [])], got[kind]
            for value in wanted:
                hit = any(value == f or value in f for f in found)
                counts[kind][0 if hit else 1] += 1
                by_lang[row["lang"]][0 if hit else 1] += 1
            for f in found:
                if not any(v == f or v in f for v in wanted):
                    counts[kind][2] += 1
                    by_lang[row["lang"]][2] += 1
    return {
        "messages": len(rows),
        "by_type": {k: _pr(*counts[k]) for k in TYPES},
        "by_language": {k: _pr(*v) for k, v in sorted(by_lang.items())},
        "overall": _pr(*(sum(c[i] for c in counts.values()) for i in range(3))),
    }


def _pr(found: int, missed: int, false: int) -> dict[str, float | int]:
    return {
        "recall": round(found / (found + missed), 3) if found + missed else 1.0,
        "precision": round(found / (found + false), 3) if found + false else 1.0,
        "found": found,
        "missed": missed,
        "false": false,
    }


def format_table(result: dict) -> str:
    lines = [
        f"Facts in customer messages, {result['messages']} messages",
        "",
        "| | recall | precision | found | missed | false |",
        "|---|---|---|---|---|---|",
    ]
    for name, m in [*result["by_type"].items(), ("**all**", result["overall"])]:
        lines.append(
            f"| {name} | {m['recall']:.3f} | {m['precision']:.3f} | {m['found']} | {m['missed']} | {m['false']} |"
        )
    lines += ["", "| language | recall | precision |", "|---|---|---|"]
    lines += [f"| {k} | {m['recall']:.3f} | {m['precision']:.3f} |" for k, m in result["by_language"].items()]
    return "\n".join(lines)
