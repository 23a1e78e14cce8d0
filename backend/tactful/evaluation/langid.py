"""`tactful eval langid`: accuracy by language and by kind on lingua's test set, beside bare detectors.

Columns: Tactful on the text alone; Tactful with conversation context (one earlier customer sentence in the
same language, as when a customer's "ok" follows their question); Tactful with a helpdesk locale hint that
is right 80 % of the time and names another language otherwise; raw langdetect; raw fastText lid.176; raw
lingua. zh rows count as right for Tactful only with the right script where the row's script is known.

Two means per system: over every language of the set, and over the languages every compared detector knows
(langdetect has no Malay). The published langdetect figures are means over the languages it supports, so the
second mean is the one to hold them against.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from pathlib import Path

from ..language import build_detector
from ..language.decision import ConversationLanguageDecider
from ..language.voices import FastTextVoice, LangdetectVoice, LinguaVoice
from ..settings import DEFAULT_EXPECTED_LANGUAGES
from .jsonl import read_jsonl

KINDS = ("word", "pair", "sentence")


def _correct(row: dict, tag: str) -> bool:
    lang = tag.split("-")[0]
    if lang != row["lang"]:
        return False
    if row["lang"] == "zh" and row.get("script") == "Hans":
        return tag == "zh-Hans"
    return True


def _raw(voice, text: str) -> str:
    scores = voice.scores(text)
    return max(scores, key=scores.__getitem__) if scores else "??"


def run(
    path: Path,
    expected: list[str] | None = None,
    seed: int = 7,
    lingua: str = "low",
    limit: int | None = None,
) -> dict:
    rows = read_jsonl(path)
    if limit:  # a fixed, evenly spread sample (CI runs a small one)
        rows = rows[:: max(1, len(rows) // limit)][:limit]
    rng = random.Random(seed)
    expected = expected or DEFAULT_EXPECTED_LANGUAGES
    ft, ld, lg = FastTextVoice(), LangdetectVoice(), LinguaVoice(expected)
    decider = ConversationLanguageDecider(build_detector(expected, lingua))
    sentences = defaultdict(list)
    for r in rows:
        if r["kind"] == "sentence":
            sentences[r["lang"]].append(r["text"])
    langs = sorted(sentences)
    systems = ("tactful", "tactful+history", "tactful+locale80", "langdetect", "fasttext", "lingua-low")
    hits: dict[str, dict[tuple[str, str], list[int]]] = {s: defaultdict(lambda: [0, 0]) for s in systems}
    timings: dict[str, float] = defaultdict(float)
    for r in rows:
        text, lang, kind = r["text"], r["lang"], r["kind"]
        earlier = rng.choice([s for s in sentences[lang] if s != text] or sentences[lang])
        hint = lang if rng.random() < 0.8 else rng.choice([x for x in langs if x != lang])
        t0 = time.perf_counter()
        answers = {"tactful": decider.decide([text]).tag}
        timings["tactful"] += time.perf_counter() - t0
        answers["tactful+history"] = decider.decide([earlier, text]).tag
        answers["tactful+locale80"] = decider.decide([text], locale=hint).tag
        t0 = time.perf_counter()
        answers["langdetect"] = _raw(ld, text)
        timings["langdetect"] += time.perf_counter() - t0
        answers["fasttext"] = _raw(ft, text)
        answers["lingua-low"] = _raw(lg, text)
        for system, tag in answers.items():
            ok = _correct(r, tag) if system.startswith("tactful") else tag == lang
            cell = hits[system][(kind, lang)]
            cell[0] += ok
            cell[1] += 1
    known = ld.languages
    common = [lang for lang in langs if lang in known]
    return _report(hits, langs, common, len(rows), timings)


def _report(hits, langs, common, n, timings) -> dict:
    def acc(system, kind, subset):
        ok = sum(hits[system][(kind, lang)][0] for lang in subset)
        total = sum(hits[system][(kind, lang)][1] for lang in subset)
        return round(100.0 * ok / total, 1) if total else None

    summary = {s: {k: acc(s, k, langs) for k in KINDS} for s in hits}
    summary_common = {s: {k: acc(s, k, common) for k in KINDS} for s in hits}
    by_language = {s: {lang: {k: acc(s, k, [lang]) for k in KINDS} for lang in langs} for s in hits}
    ms = {s: round(1000 * t / n, 3) for s, t in timings.items()}
    return {
        "rows": n,
        "summary": summary,
        "summary_common": summary_common,
        "common_languages": common,
        "languages": langs,
        "by_language": by_language,
        "ms_per_text": ms,
        "published": {
            "published lingua-high": {"word": 74, "pair": 89, "sentence": 96},
            "published langdetect": {"word": 65, "pair": 82, "sentence": 98},
        },
    }


def format_table(result: dict) -> str:
    missing = sorted(set(result["languages"]) - set(result["common_languages"]))
    lines = [
        f"{'system':20} {'word':>7} {'pair':>7} {'sentence':>9}   "
        f"(all {len(result['languages'])} languages | without {', '.join(missing) or '-'})"
    ]
    for system, cols in result["summary"].items():
        common = result["summary_common"][system]
        lines.append(
            f"{system:20} {cols['word']:>7} {cols['pair']:>7} {cols['sentence']:>9}   "
            f"| {common['word']:>5} {common['pair']:>5} {common['sentence']:>5}"
        )
    for system, cols in result["published"].items():
        lines.append(f"{system:20} {cols['word']:>7} {cols['pair']:>7} {cols['sentence']:>9}")
    lines.append("ms per text: " + ", ".join(f"{k} {v}" for k, v in result["ms_per_text"].items()))
    return "\n".join(lines)
