"""`tactful eval answers` in CI: the hard cases (closings, topic changes, requests no article answers, vague
openers, code-switching, romanised Japanese and Chinese, neighbouring topics) through the whole pipeline.
Thresholds sit a little below the figures measured on these 122 rows (top-1 0.92 against 0.44 for vector
ranking alone, abstention 0.94, closings 1.00, language 1.00)."""

from __future__ import annotations

import shutil

import pytest

from tactful.evaluation.answer_set import load_answer_set, split_of
from tactful.evaluation.answers import _run_on, mixes_address, unsupported_promises

from ..conftest import ROOT

DATA = ROOT / "benchmarks" / "data" / "answers"


@pytest.fixture(scope="module")
def hard(services, tmp_path_factory):
    folder = tmp_path_factory.mktemp("answers")
    shutil.copy(DATA / "hard.yaml", folder / "hard.yaml")
    return _run_on(services, folder, verbose=False)["all"]["overall"]


def test_the_set_loads_and_splits_the_same_way_every_time():
    rows = load_answer_set(DATA)
    assert len(rows) >= 500 and len({r.id for r in rows}) == len(rows)
    test = [r for r in rows if r.split == "test"]
    assert 0.3 < len(test) / len(rows) < 0.5 and all(split_of(r.id) == r.split for r in rows)


def test_hard_cases_answer_first_or_say_they_cannot(hard):
    assert hard["top1"]["rate"] >= 0.87 and hard["baseline_top1"]["rate"] <= 0.6
    assert hard["abstained"]["rate"] >= 0.88 and hard["closing"]["rate"] >= 0.95
    assert hard["false_closing"]["rate"] <= 0.03 and hard["language_ok"]["rate"] >= 0.97
    assert hard["mixed_address"] == 0 and hard["unsupported_promises"] == 0


def test_mixed_address_is_caught():
    assert mixes_address("Vielen Dank für Ihre Nachricht. Kannst du mir die Bestellnummer schicken?", "de")
    assert not mixes_address("Danke für deine Nachricht. Kannst du mir die Bestellnummer schicken?", "de")


def test_a_promise_the_article_does_not_make_is_counted():
    article = "Standard delivery takes 3-5 working days."
    assert unsupported_promises("You will receive a confirmation by email shortly.", article)
    assert not unsupported_promises("Standard delivery takes 3-5 working days.", article)
