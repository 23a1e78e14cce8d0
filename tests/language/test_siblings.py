"""Malay and Indonesian: every packaged voice reads Malay as Indonesian; the distinctive words settle it."""

from __future__ import annotations

import pytest

from tactful.language import build_decider
from tactful.language.siblings import MALAY_INDONESIAN, settle_siblings
from tactful.settings import DEFAULT_EXPECTED_LANGUAGES


@pytest.fixture(scope="module")
def decider():
    return build_decider(DEFAULT_EXPECTED_LANGUAGES)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param(
            "Saya mahu tahu bila barang saya akan sampai kerana saya perlukannya minggu ini.",
            "ms",
            id="ms-mahu-kerana",
        ),
        pytest.param(
            "Tempahan saya belum sampai lagi, tolong semak penghantaran untuk saya.",
            "ms",
            id="ms-tempahan-penghantaran",
        ),
        pytest.param(
            "Saya sudah bayar wang itu tetapi tiada maklumat tentang pesanan saya.",
            "ms",
            id="ms-wang-maklumat",
        ),
        pytest.param(
            "Saya mau tahu kapan barang saya sampai karena saya butuh minggu ini.", "id", id="id-mau-karena"
        ),
        pytest.param(
            "Pesanan saya belum sampai, bisa cek pengiriman untuk saya?", "id", id="id-bisa-pengiriman"
        ),
        pytest.param("Uangnya sudah saya transfer kemarin tapi belum ada konfirmasi.", "id", id="id-kemarin"),
    ],
)
def test_distinctive_words_decide_between_malay_and_indonesian(decider, text, lang):
    assert decider.decide([text]).language == lang


def test_a_shared_message_follows_the_helpdesk_locale(decider):
    assert decider.decide(["Terima kasih"], locale="ms-MY").tag == "ms-MY"
    assert decider.decide(["Terima kasih"], locale="id-ID").tag == "id-ID"


def test_evidence_counts_words_and_spellings():
    assert MALAY_INDONESIAN.evidence("Universiti itu di stesen televisyen") == {"ms": 3, "id": 0}
    assert MALAY_INDONESIAN.evidence("Universitas itu di stasiun televisi") == {"ms": 0, "id": 3}
    # Indonesian "meneliti" ends like Malay "universiti": only the listed Malay words count.
    assert MALAY_INDONESIAN.evidence("Kami akan meneliti laporan itu") == {"ms": 0, "id": 0}


def test_without_distinctive_words_the_voices_stand():
    scores = {"id": 0.7, "ms": 0.2, "en": 0.1}
    assert settle_siblings("Saya tidak tahu", scores) == scores
    settled = settle_siblings("Saya tidak tahu kerana", scores)
    assert settled["ms"] > settled["id"]
    assert sum(settled.values()) == pytest.approx(1.0)
    assert settled["en"] == scores["en"]


def test_other_leading_languages_are_left_alone():
    scores = {"en": 0.6, "id": 0.3, "ms": 0.1}
    assert settle_siblings("kerana", scores) == scores
