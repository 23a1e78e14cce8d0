"""Sibling languages that statistical voices confuse: distinctive words decide between them.

Malay and Indonesian share most of their vocabulary and n-grams, so every packaged voice reads Malay as
Indonesian (langdetect has no Malay model at all). A Malaysian customer answered in Indonesian notices at
once ("wang" is not "uang", "kerana" is not "karena"), so inside such a pair the words and spellings that
only one standard uses settle it; with none of them the voices' reading stands.

The word lists are standard-language differences (spelling reforms, everyday vocabulary, month names), not
names or topics; words that both standards use commonly are left out on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


@dataclass(frozen=True)
class SiblingPair:
    words: Mapping[str, frozenset[str]]  # language -> words only its standard uses
    endings: Mapping[str, tuple[str, ...]]  # language -> word endings only its spelling uses
    min_length: int = 6  # endings count only on words at least this long

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.words)

    def evidence(self, text: str) -> dict[str, int]:
        counts = dict.fromkeys(self.words, 0)
        for token in _WORD.findall(text.lower()):
            for lang, words in self.words.items():
                if token in words or (len(token) >= self.min_length and token.endswith(self.endings[lang])):
                    counts[lang] += 1
        return counts


MALAY_INDONESIAN = SiblingPair(
    words={
        "ms": _words(
            """
            kerana sahaja iaitu wang baharu selepas mahu bagaimanapun manakala percuma kenderaan encik awak cuba
            teksi pejabat maklumat peratus jabatan syarikat ogos julai mac disember jun filem muzik bahagian
            sukan antarabangsa persekutuan kempen jawatan jawatankuasa terkini perkhidmatan tempahan
            penghantaran barangan sila kerusi stesen projek kaedah telefon televisyen ringgit nak dah je jer kat
            takde berbeza perbezaan beza mesyuarat kanak lelaki menerusi pelbagai setiausaha naib pengerusi
            kakitangan sempena sebarang memberitahu universiti aktiviti kualiti komuniti identiti fakulti
            prioriti realiti kapasiti autoriti integriti minoriti majoriti
            """
        ),
        "id": _words(
            """
            karena yaitu uang mau kapan bisa banget nggak gak enggak kantor provinsi kabupaten kecamatan
            agustus juli juni maret desember nopember film musik bagian olahraga internasional kampanye
            pemesanan pengiriman besok kemarin kursi stasiun proyek metode telepon televisi rupiah dong sih kok
            nih aja udah gimana toko berbeda perbedaan beda pria berbagai
            """
        ),
    },
    # Indonesian -itas where Malay writes -iti (universitas / universiti; the Malay words are listed, since
    # Indonesian "meneliti" also ends in -iti); Malay -syen where Indonesian writes -si (televisyen / televisi).
    endings={"ms": ("syen",), "id": ("itas",)},
)

SIBLINGS: tuple[SiblingPair, ...] = (MALAY_INDONESIAN,)

# How much the voices' own split counts against one distinctive word.
_PRIOR_WEIGHT = 0.5


def settle_siblings(text: str, scores: dict[str, float]) -> dict[str, float]:
    """Redistributes the mass of a sibling pair that leads the scores by the distinctive words in the text."""
    if len(scores) < 2:
        return scores
    top_two = frozenset(sorted(scores, key=scores.__getitem__, reverse=True)[:2])
    for pair in SIBLINGS:
        if top_two != pair.languages:
            continue
        counts = pair.evidence(text)
        found = sum(counts.values())
        if not found:
            return scores
        mass = sum(scores[lang] for lang in pair.languages)
        out = dict(scores)
        for lang in pair.languages:
            share = (_PRIOR_WEIGHT * scores[lang] / mass + counts[lang]) / (_PRIOR_WEIGHT + found)
            out[lang] = mass * share
        return out
    return scores
