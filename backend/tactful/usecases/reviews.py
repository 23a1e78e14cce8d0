"""QA reviews: a suggestion with everything QA needs beside it, scores against the published rubric, and the
acceptance and edit metrics."""

from __future__ import annotations

from typing import Any

from ..errors import InvalidRequest, SuggestionNotFound
from ..library.content import ContentState
from ..qa import metrics
from ..records.corrections import CorrectionRepository
from ..records.models import Review
from ..records.qa import Filters, QARepository
from ..records.suggestions import SuggestionRepository


def check_scores(rubric: dict[str, Any], scores: dict[str, int]) -> None:
    ids = [c["id"] for c in rubric["criteria"]]
    low, high = rubric.get("scale", [1, 5])
    missing = [c for c in ids if c not in scores]
    unknown = [c for c in scores if c not in ids]
    if missing or unknown:
        raise InvalidRequest(
            f"scores: missing {missing or 'none'}, unknown {unknown or 'none'}; the rubric has {ids}.",
            code="rubric-mismatch",
        )
    bad = {c: v for c, v in scores.items() if not low <= v <= high}
    if bad:
        raise InvalidRequest(f"scores: {bad} outside {low}..{high}.", code="score-out-of-range")


class Reviews:
    def __init__(
        self,
        suggestions: SuggestionRepository,
        qa: QARepository,
        corrections: CorrectionRepository,
        content: ContentState,
    ) -> None:
        self.suggestions, self.qa, self.corrections, self.content = suggestions, qa, corrections, content

    def detail(self, suggestion_id: str) -> dict[str, Any]:
        record = self.suggestions.get(suggestion_id)
        if record is None:
            raise SuggestionNotFound(f"No suggestion '{suggestion_id}'.")
        out = self.suggestions.as_dict(record)
        out["outcome"] = {"state": record.outcome, "edit_distance": record.final_edit_distance}
        out["events"] = self.suggestions.events_as_dicts(suggestion_id)
        out["reviews"] = self.qa.reviews(suggestion_id)
        out["corrections"] = self.corrections.for_suggestion(suggestion_id)
        return out

    def score(
        self, suggestion_id: str, reviewer: str, reviewer_token_id: int, scores: dict[str, int], comment: str
    ) -> Review:
        if self.suggestions.get(suggestion_id) is None:
            raise SuggestionNotFound(f"No suggestion '{suggestion_id}'.")
        rubric = self.content.current().rubric
        check_scores(rubric, scores)
        return self.qa.add_review(
            Review(
                suggestion_id=suggestion_id,
                reviewer=reviewer,
                reviewer_token_id=reviewer_token_id,
                rubric_version=rubric["version"],
                scores=scores,
                comment=comment,
            )
        )

    def metrics(self, f: Filters, by: str) -> dict[str, Any]:
        rows = self.qa.metric_rows(f)
        reviews = self.qa.reviews(filters=f)
        return {
            "overall": metrics.summarize(rows, reviews),
            "by": by,
            "groups": metrics.breakdown(rows, reviews, by),
            "timeline": metrics.timeline(rows),
            "definitions": {"accept_max_edit_distance": metrics.ACCEPT_MAX_DISTANCE},
            "corrections": self.corrections.counts(),
        }  # agents' good / wrong article / language / tone
