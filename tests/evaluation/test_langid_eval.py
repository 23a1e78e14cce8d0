"""A fixed 500-row sample of `tactful eval langid`, so a detector regression fails the build.
Thresholds sit a little below the figures measured on this sample (word 78.4, pair 89.6, sentence 95.6;
with one earlier sentence: 94.4 / 96.8 / 96.0)."""

from __future__ import annotations

import pytest

from tactful.evaluation import langid

from ..conftest import ROOT

DATA = ROOT.parent / "shared" / "eval" / "langid" / "lingua_testdata.jsonl"


@pytest.mark.skipif(not DATA.exists(), reason="the shared evaluation data is not beside the project")
def test_langid_sample_holds_its_accuracy():
    summary = langid.run(DATA, limit=500)["summary"]
    assert summary["tactful"]["word"] >= 76 and summary["tactful"]["pair"] >= 87 and summary["tactful"]["sentence"] >= 94
    assert summary["tactful+history"]["word"] >= 92
    # Tactful beats the bare detectors it is built from on short text.
    for raw in ("langdetect", "fasttext", "lingua-low"):
        assert summary["tactful"]["word"] > summary[raw]["word"]
