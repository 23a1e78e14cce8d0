"""PII redaction measured on a labelled set: precision and recall by type and by language.

A value counts as found when the redacted text no longer contains it and holds a placeholder of its type; a
false positive is a placeholder of a type whose labelled values do not account for it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from ..privacy.redaction import Redaction, Redactor, redact


def run(path: Path, redactor: Redactor | None = None) -> dict:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    redactor = redactor or Redactor()
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for row in rows:
        redaction = Redaction()
        redact(row["text"], redaction, redactor, row.get("region"))
        found = {(kind_of(name), value) for name, value in redaction.values.items()}
        wanted = {(kind, str(value)) for kind, value in row["pii"]}
        for kind, value in wanted:
            hit = any(k == kind and (v == value or value in v or v in value) for k, v in found)
            (tp if hit else fn)[kind] += 1
            by_lang[row["lang"]][0 if hit else 2] += 1
        for kind, value in found:
            if not any(k == kind and (v == value or value in v or v in value) for k, v in wanted):
                fp[kind] += 1
                by_lang[row["lang"]][1] += 1
    kinds = sorted(set(tp) | set(fp) | set(fn))
    return {
        "by_type": {k: _pr(tp[k], fp[k], fn[k]) for k in kinds},
        "by_language": {lang: _pr(*v) for lang, v in sorted(by_lang.items())},
        "overall": _pr(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "messages": len(rows),
    }


def kind_of(placeholder: str) -> str:
    return placeholder.strip("[]").rsplit("_", 1)[0]


def _pr(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def format_table(result: dict) -> str:
    lines = [
        f"PII redaction, {result['messages']} messages",
        "",
        "| | precision | recall | found | missed | false alarms |",
        "|---|---|---|---|---|---|",
    ]
    for name, m in [*result["by_type"].items(), ("**all**", result["overall"])]:
        lines.append(
            f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['tp']} | {m['fn']} | {m['fp']} |"
        )
    lines += ["", "| language | precision | recall |", "|---|---|---|"]
    lines += [
        f"| {lang} | {m['precision']:.3f} | {m['recall']:.3f} |" for lang, m in result["by_language"].items()
    ]
    return "\n".join(lines)
