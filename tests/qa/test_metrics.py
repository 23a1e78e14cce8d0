"""The QA metrics against a small set computed by hand: acceptance (sent with at most 25% of words changed),
dismissals, edit distance, latency, and grouping by language (ja and ja-JP are one group)."""

from __future__ import annotations

import pytest

from tactful.qa import metrics


def _row(i: int, outcome: str, distance: float | None, language: str, latency: float, degraded=False) -> dict:
    return {
        "id": f"s{i}",
        "outcome": outcome,
        "edit_distance": distance,
        "latency_ms": latency,
        "degraded": degraded,
        "language": language,
        "culture": language,
        "prompt_version": "draft_reply/1",
        "agent": "ana",
        "team": "emea",
    }


ROWS = [
    _row(1, "sent_as_is", 0.0, "ja", 100.0),
    _row(2, "edited", 0.2, "ja-JP", 200.0),  # accepted: 0.2 <= 0.25
    _row(3, "edited", 0.6, "de-DE", 300.0),  # sent, not accepted
    _row(4, "dismissed", None, "de", 400.0, degraded=True),
    _row(5, "none", None, "de", 500.0),
]


def test_overall_rates_match_a_hand_count():
    out = metrics.summarize(
        ROWS,
        [
            {"suggestion_id": "s1", "scores": {"tone": 4, "facts": 5}},
            {"suggestion_id": "s3", "scores": {"tone": 2, "facts": 3}},
        ],
    )
    assert out["suggestions"] == 5
    assert out["acceptance_rate"] == 0.4  # s1, s2
    assert out["dismiss_rate"] == 0.2 and out["action_rate"] == 0.8 and out["degraded_rate"] == 0.2
    assert out["edit_distance"]["mean"] == pytest.approx((0.0 + 0.2 + 0.6) / 3, abs=1e-4)
    assert out["edit_distance"]["sent"] == 3 and sum(out["edit_distance"]["histogram"]["counts"]) == 3
    assert out["latency_ms"]["p50"] == 300.0
    assert out["rubric_means"] == {"facts": 4.0, "tone": 3.0}


def test_languages_group_by_language_not_region():
    groups = {g["group"]: g for g in metrics.breakdown(ROWS, [], "language")}
    assert set(groups) == {"ja", "de"}
    assert groups["ja"]["suggestions"] == 2 and groups["ja"]["acceptance_rate"] == 1.0
    assert groups["de"]["suggestions"] == 3 and groups["de"]["acceptance_rate"] == 0.0


def test_an_unknown_grouping_is_refused():
    with pytest.raises(ValueError):
        metrics.breakdown(ROWS, [], "weather")
