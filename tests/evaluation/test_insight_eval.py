"""`tactful eval insight` in CI, with thresholds a little below the measured figures (see README)."""

from __future__ import annotations

import pytest

from tactful.evaluation import insight

from ..conftest import ROOT

DATA = ROOT.parent / "shared" / "eval"
TONE = ROOT / "benchmarks" / "data"


@pytest.fixture(scope="module")
def intents(services):
    return services.content.current().intents


@pytest.mark.skipif(
    not (DATA / "support").exists(), reason="the shared evaluation data is not beside the project"
)
def test_bitext_intents_beat_the_bm25_baseline(services, intents):
    result = insight.bitext(DATA, services.pipeline.insight, intents)
    tactful = result["tactful (embedding examples, per-message reading)"]
    assert tactful["top1"] >= 0.66 and tactful["top3"] >= 0.86  # measured 0.677 / 0.881
    assert tactful["top1"] >= result["bm25 nearest example"]["top1"] + 0.25  # bm25 0.366


@pytest.mark.skipif(
    not (DATA / "multilingual").exists(), reason="the shared evaluation data is not beside the project"
)
def test_xsid_cross_lingual_intent(services):
    per_language = insight.xsid(DATA, services.embedder, per_language=150)["per_language"]
    for lang in ("de", "it", "zh", "tr"):  # measured top-3 0.92-0.96 on the whole set
        assert per_language[lang]["tactful"]["top3"] >= 0.85, lang  # this slice: 0.87-0.95
        assert per_language[lang]["tactful"]["top1"] > per_language[lang]["bm25"]["top1"] + 0.4, lang


def test_sentiment_and_urgency_on_the_held_out_set(services, intents):
    result = insight.tone(TONE / "tone_heldout.yaml", services.pipeline.insight, intents)
    assert result["sentiment"]["tactful"] >= 0.88  # measured 0.914
    assert result["urgency"]["tactful"] >= 0.68  # measured 0.714
    assert result["sentiment"]["tactful"] > result["sentiment"]["bm25 leave-one-out"] + 0.3
