"""Quality metrics over suggestion records and reviews.

Definitions (also in the README):
- accepted: the agent sent a draft (as is, or edited) with a final word-level edit distance of at most 0.25;
- acceptance rate: accepted / suggestions shown; dismiss rate: dismissed / suggestions shown;
- action rate: suggestions with any agent action / suggestions shown;
- edit distance: word-level Levenshtein over the longer text (0 = as drafted, 1 = rewritten), of sent drafts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np

from ..language.tags import phrasing_language

ACCEPT_MAX_DISTANCE = 0.25
HISTOGRAM_EDGES = [0.0, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0001]
GROUPS = ("language", "culture", "prompt_version", "agent", "team")


def accepted(row: dict[str, Any]) -> bool:
    return row["outcome"] in ("sent_as_is", "edited") and (row["edit_distance"] or 0.0) <= ACCEPT_MAX_DISTANCE


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarize(rows: list[dict[str, Any]], reviews: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    n = len(rows)
    sent = [r["edit_distance"] or 0.0 for r in rows if r["outcome"] in ("sent_as_is", "edited")]
    latencies = [r["latency_ms"] for r in rows]
    histogram = (
        np.histogram(sent, bins=HISTOGRAM_EDGES)[0].tolist() if sent else [0] * (len(HISTOGRAM_EDGES) - 1)
    )
    scores: dict[str, list[float]] = defaultdict(list)
    review_list = list(reviews)
    for review in review_list:
        for criterion, value in review["scores"].items():
            scores[criterion].append(float(value))
    return {
        "suggestions": n,
        "acceptance_rate": _rate(sum(accepted(r) for r in rows), n),
        "dismiss_rate": _rate(sum(r["outcome"] == "dismissed" for r in rows), n),
        "action_rate": _rate(sum(r["outcome"] != "none" for r in rows), n),
        "degraded_rate": _rate(sum(bool(r["degraded"]) for r in rows), n),
        "edit_distance": {
            "mean": round(float(np.mean(sent)), 4) if sent else None,
            "sent": len(sent),
            "histogram": {"edges": [round(e, 2) for e in HISTOGRAM_EDGES[:-1]] + [1.0], "counts": histogram},
        },
        "latency_ms": {
            "p50": round(float(np.percentile(latencies, 50)), 1) if latencies else None,
            "p95": round(float(np.percentile(latencies, 95)), 1) if latencies else None,
        },
        "reviews": len(review_list),
        "rubric_means": {c: round(float(np.mean(v)), 2) for c, v in sorted(scores.items())},
    }


def breakdown(rows: list[dict[str, Any]], reviews: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    if by not in GROUPS:
        raise ValueError(f"group by one of {', '.join(GROUPS)}")
    # Languages group by language ("ja", "de", "zh-Hant"), not by the tag's region: ja and ja-JP are one group.
    # The culture profile (its own grouping) keeps the regional difference where it matters.
    name = (lambda v: phrasing_language(str(v)) if v else str(v)) if by == "language" else str
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[name(r[by])].append(r)
    by_group: dict[str, list[dict[str, Any]]] = defaultdict(list)
    holder = (
        {r["id"]: r[by] for r in rows} if by in ("agent", "team") else {}
    )  # reviews know the suggestion only
    for review in reviews:
        key = holder.get(review["suggestion_id"]) if by in ("agent", "team") else review.get(by)
        by_group[name(key)].append(review)
    return [{"group": g, **summarize(groups[g], by_group.get(g, []))} for g in sorted(groups)]


def timeline(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        days[r["created_at"].date().isoformat()].append(r)
    return [
        {
            "day": d,
            "suggestions": len(days[d]),
            "acceptance_rate": _rate(sum(accepted(r) for r in days[d]), len(days[d])),
            "dismiss_rate": _rate(sum(r["outcome"] == "dismissed" for r in days[d]), len(days[d])),
        }
        for d in sorted(days)
    ]
