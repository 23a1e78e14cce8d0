"""`tactful eval register` in CI: the register checker on the CoCoA-MT pairs, per language.
Thresholds a little below the measured accuracy (de 97.8, es 92.8, fr 96.0, hi 99.0, it 93.2, ja 95.7,
ko 96.0, nl 99.2, pt 95.0, ru 97.5, vi 97.5)."""

from __future__ import annotations

import pytest

from tactful.culture.register_check import read_register
from tactful.evaluation import register

from ..conftest import ROOT

DATA = ROOT.parent / "shared" / "eval" / "politeness" / "formality_pairs.jsonl"
FLOORS = {"de": 96, "es": 91, "fr": 94, "hi": 97, "it": 91, "ja": 94, "ko": 94, "nl": 97, "pt": 93, "ru": 95, "vi": 95}


@pytest.mark.skipif(not DATA.exists(), reason="the shared evaluation data is not beside the project")
def test_register_checker_accuracy_per_language():
    accuracy = register.run(DATA)["accuracy"]
    low = {lang: accuracy[lang] for lang, floor in FLOORS.items() if accuracy[lang] < floor}
    assert not low, low


@pytest.mark.parametrize(("text", "lang", "register_"), [
    pytest.param("Kannst du mir helfen?", "de", "informal", id="de-du"),
    pytest.param("Könnten Sie mir bitte helfen?", "de", "formal", id="de-sie"),
    pytest.param("¿Me ayuda con mi pedido, por favor?", "es", "formal", id="es-no-informal-form-reads-formal"),
    pytest.param("¿Puedes ayudarme con mi pedido?", "es", "informal", id="es-puedes"),
    pytest.param("Pouvez-vous vérifier ma commande ?", "fr", "formal", id="fr-vous"),
    pytest.param("確認してください。", "ja", "formal", id="ja-masu"),
    pytest.param("確認して。", "ja", "informal", id="ja-plain"),
])
def test_register_reading(text, lang, register_):
    assert read_register(text, lang).register == register_
