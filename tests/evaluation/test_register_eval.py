"""`tactful eval register` in CI: the register checker on the CoCoA-MT pairs, per language.
Thresholds a little below the measured accuracy (de 98.5, es 99.8, fr 96.0, hi 99.0, it 99.5, ja 95.7,
ko 96.0, nl 99.2, pt 95.0, ru 97.5, vi 97.5)."""

from __future__ import annotations

import pytest

from tactful.culture.register_check import read_register
from tactful.evaluation import register

from ..conftest import ROOT

DATA = ROOT.parent / "shared" / "eval" / "politeness" / "formality_pairs.jsonl"
FLOORS = {
    "de": 97,
    "es": 98,
    "fr": 94,
    "hi": 97,
    "it": 98,
    "ja": 94,
    "ko": 94,
    "nl": 97,
    "pt": 93,
    "ru": 95,
    "vi": 95,
}


@pytest.mark.skipif(not DATA.exists(), reason="the shared evaluation data is not beside the project")
def test_register_checker_accuracy_per_language():
    accuracy = register.run(DATA)["accuracy"]
    low = {lang: accuracy[lang] for lang, floor in FLOORS.items() if accuracy[lang] < floor}
    assert not low, low


@pytest.mark.parametrize(
    ("text", "lang", "register_"),
    [
        pytest.param("Kannst du mir helfen?", "de", "informal", id="de-du"),
        pytest.param("Könnten Sie mir bitte helfen?", "de", "formal", id="de-sie"),
        pytest.param(
            "¿Me ayuda con mi pedido, por favor?", "es", "formal", id="es-no-informal-form-reads-formal"
        ),
        pytest.param("¿Puedes ayudarme con mi pedido?", "es", "informal", id="es-puedes"),
        pytest.param("Du bekommst gleich eine E-Mail.", "de", "informal", id="de-Du-at-sentence-start"),
        pytest.param("Recibirás un correo de confirmación.", "es", "informal", id="es-future-tu"),
        pytest.param("¿Tenéis la talla M?", "es", "informal", id="es-vosotros"),
        pytest.param(
            "Lo siento, no queda ninguna por nuestra parte.", "es", "formal", id="es-parte-is-not-enclitic"
        ),
        pytest.param("Ti servirà un taxi?", "it", "informal", id="it-Ti-capitalised"),
        pytest.param("Riceverai una conferma via email.", "it", "informal", id="it-future-tu"),
        pytest.param(
            "Mi lasci controllare, il check-out è il sei a mezzogiorno.",
            "it",
            "formal",
            id="it-lasci-and-six",
        ),
        pytest.param("Pouvez-vous vérifier ma commande ?", "fr", "formal", id="fr-vous"),
        pytest.param("確認してください。", "ja", "formal", id="ja-masu"),
        pytest.param("確認して。", "ja", "informal", id="ja-plain"),
    ],
)
def test_register_reading(text, lang, register_):
    assert read_register(text, lang).register == register_
