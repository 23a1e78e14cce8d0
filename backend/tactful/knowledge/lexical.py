"""Lexical evidence for ranking: how much of what the customer wrote appears in an article's own questions.

Embeddings miss what they were not trained on (Swedish, Vietnamese or Hindi in the bundled encoder, romanised
Japanese anywhere), while the words a customer uses are often the words of a question the article already
lists. Tokens work across scripts without a tokenizer per language: words cut to a short prefix (a crude
stemmer that holds up in European languages: "beschädigt"/"beschädigte" -> "besch"), and overlapping character
pairs where words are not separated by spaces (Chinese, Japanese, Thai) or carry their endings inside the
syllable block (Korean). Each token is weighted by its rarity over all questions (IDF), so "order" counts for
little and "twice" for a lot.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

_PAIR_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "HANGUL")
_ARABIC_ARTICLE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال)")
STEM = 5  # characters kept of a word in alphabetic scripts


def _paired(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return name.startswith(_PAIR_SCRIPTS) or "IDEOGRAPH" in name


def _words(text: str) -> list[str]:
    """Runs of letters, marks (Devanagari and Thai vowel signs) and digits; an apostrophe inside a word stays."""
    words: list[str] = []
    word: list[str] = []
    for ch in text:
        if unicodedata.category(ch)[0] in "LMN" or (ch in "'’" and word):
            word.append(ch)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return words


def _runs(word: str) -> list[tuple[bool, str]]:
    """A word cut where it changes between paired and spaced scripts ("我的order" -> 我的 | order); a mark
    belongs to the run of the letter before it."""
    runs: list[tuple[bool, str]] = []
    for ch in word:
        paired = runs[-1][0] if runs and unicodedata.category(ch)[0] == "M" else _paired(ch)
        if runs and runs[-1][0] == paired:
            runs[-1] = (paired, runs[-1][1] + ch)
        else:
            runs.append((paired, ch))
    return runs


def tokens(text: str) -> list[str]:
    """The tokens of a text: word prefixes, and character pairs inside runs of unspaced scripts."""
    out: list[str] = []
    for word in _words(unicodedata.normalize("NFKC", text).lower()):
        for paired, run in _runs(word.strip("'’")):
            if paired:
                out.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
            elif len(run) >= 2 and not run.isdigit():
                out.append(_ARABIC_ARTICLE.sub("", run)[:STEM] or run[:STEM])
    return out


class LexicalIndex:
    """Each article's questions (and title) as separate token sets. A token's weight is its rarity over all
    the questions (IDF), so function words ("haben", "the", "的") weigh next to nothing; an article scores the
    coverage of its best-matching question."""

    def __init__(self, documents: Mapping[str, Iterable[str]]) -> None:
        # token -> (article, question number) for every question holding it: a query touches only the
        # questions that share a token with it, not the whole library.
        self.postings: dict[str, list[tuple[str, int]]] = defaultdict(list)
        questions = 0
        for doc_id, texts in documents.items():
            for number, question in enumerate(q for q in (frozenset(tokens(t)) for t in texts) if q):
                questions += 1
                for token in question:
                    self.postings[token].append((doc_id, number))
        total = max(1, questions)
        self.idf = {t: math.log(1.0 + total / len(p)) for t, p in self.postings.items()}
        self.unknown_idf = math.log(1.0 + total)  # a token no question uses: as informative as the rarest

    def scores(self, text: str, among: Iterable[str] | None = None) -> dict[str, float]:
        """Per article (all, or those `among`): the share of the text's token weight that its best-matching
        question also contains."""
        found = frozenset(tokens(text))
        total = sum(self.idf.get(t, self.unknown_idf) for t in found)
        if not total:
            return {}
        wanted = None if among is None else set(among)
        shared: dict[tuple[str, int], float] = defaultdict(float)
        for token in found:
            weight = self.idf.get(token, 0.0)
            for question in self.postings.get(token, ()):
                if wanted is None or question[0] in wanted:
                    shared[question] += weight
        out: dict[str, float] = {}
        for (doc_id, _), weight in shared.items():
            if weight > out.get(doc_id, 0.0):
                out[doc_id] = weight
        return {doc_id: weight / total for doc_id, weight in out.items()}
