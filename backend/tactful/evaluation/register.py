"""`tactful eval register`: the register checker on CoCoA-MT formal/informal pairs, both sides of each pair.
Accuracy per language; a side counts as right only when the checker names its register (unknown is wrong)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..culture.register_check import read_register


def run(path: Path) -> dict:
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            for side in ("formal", "informal"):
                got = read_register(row[side], row["lang"]).register
                cell = hits[row["lang"]]
                cell[0] += got == side
                cell[1] += 1
                if got != side and len(misses[row["lang"]]) < 3:
                    misses[row["lang"]].append(f"{side}->{got}")
    return {
        "accuracy": {lang: round(100 * ok / n, 1) for lang, (ok, n) in sorted(hits.items())},
        "rows": {lang: n for lang, (_, n) in sorted(hits.items())},
    }


def format_table(result: dict) -> str:
    langs = list(result["accuracy"])
    return (
        "register accuracy (%)\n"
        + " ".join(f"{lang:>6}" for lang in langs)
        + "\n"
        + " ".join(f"{result['accuracy'][lang]:>6}" for lang in langs)
    )
