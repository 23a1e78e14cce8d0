"""`tactful eval insight`: does the copilot read what the customer wants, how they feel, how urgent it is?

(a) Intent on bitext's 27 e-commerce intents (English), mapped onto Tactful's taxonomy (table below; three
    pairs of bitext intents are one intent here), through the product's own per-message reading.
(b) Cross-lingual intent on xSID: the method with xSID's own taxonomy. Five English sentences per intent are
    the examples; the other languages' sentences (not parallel to an example) are classified.
(c) Sentiment and urgency on sets written for this evaluation in 7 languages: `tone_labelled.yaml` (the cue
    lists were extended after its first run, so it is a development set) and `tone_heldout.yaml` (written after).
Baselines in the same run: nearest neighbour with BM25 (`bm25s`) over the same examples; for (c), leave-one-out
BM25 nearest neighbour over the labelled set itself (it learns from the other labelled messages) and the
majority class.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import yaml

from ..insight.engine import InsightEngine, _ExampleIndex
from ..insight.tone import load_tone_examples
from ..knowledge.embeddings import Embedder
from ..library.content import content_from_files
from ..library.intents import Intent
from .jsonl import read_jsonl

# bitext intent -> Tactful intent (identity where the names match)
BITEXT_MAP = {
    "change_shipping_address": "shipping_address",
    "set_up_shipping_address": "shipping_address",
    "check_cancellation_fee": "cancellation_fee",
    "check_invoice": "invoice",
    "get_invoice": "invoice",
    "check_payment_methods": "payment_methods",
    "check_refund_policy": "refund_policy",
    "contact_customer_service": "contact_support",
    "contact_human_agent": "contact_support",
    "registration_problems": "registration_problem",
    "newsletter_subscription": "newsletter",
}
XSID_EXAMPLES = 5


def _tokens(text: str) -> list[str]:
    # Words for spaced scripts; single characters for Han/kana/Hangul so BM25 can match CJK at all.
    return (
        re.findall(r"[^\W\d_]+|\d+", text.lower())
        if not re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", text)
        else [c for c in text if c.strip() and c.isalnum()]
    )


class _BM25Neighbour:
    """Labels of the nearest examples by BM25: the simple lexical baseline."""

    def __init__(self, texts: list[str], labels: list[str]) -> None:
        import bm25s

        self.labels = labels
        self.model = bm25s.BM25()
        self.model.index([_tokens(t) or ["_"] for t in texts], show_progress=False)

    def ranked(self, text: str, exclude: int | None = None) -> list[str]:
        scores = np.asarray(self.model.get_scores(_tokens(text) or ["_"]), dtype=np.float32)
        if exclude is not None:
            scores[exclude] = -1
        out: list[str] = []
        for i in np.argsort(-scores):
            if self.labels[i] not in out:
                out.append(self.labels[i])
            if len(out) == 3:
                break
        return out


def _accuracy(predicted: list[list[str]], gold: list[str]) -> dict[str, float]:
    n = len(gold) or 1
    return {
        "top1": round(sum(p[:1] == [g] for p, g in zip(predicted, gold, strict=True)) / n, 4),
        "top3": round(sum(g in p[:3] for p, g in zip(predicted, gold, strict=True)) / n, 4),
        "n": len(gold),
    }


def bitext(data_dir: Path, engine: InsightEngine, intents: list[Intent]) -> dict:
    rows = read_jsonl(data_dir / "support" / "bitext_intent_queries.jsonl")
    gold = [BITEXT_MAP.get(r["gold_intent"], r["gold_intent"]) for r in rows]
    texts = [r["text"] for r in rows]
    ranked = engine.rank_intents(texts, intents)
    tactful = []
    for text, ranks in zip(texts, ranked, strict=True):
        reading = engine.analyse([("customer", text)], "en", intents, [])
        top = [reading.intent] if reading.intent != "other" else []
        tactful.append(top + [i for i, _ in ranks if i not in top][: 3 - len(top)])
    examples = [(t, i.id) for i in intents for ts in i.examples.values() for t in ts]
    bm25 = _BM25Neighbour([t for t, _ in examples], [label for _, label in examples])
    by_gold: dict[str, list[int]] = defaultdict(list)
    for n, g in enumerate(gold):
        by_gold[g].append(n)
    per_intent = {
        g: _accuracy([tactful[n] for n in ns], [gold[n] for n in ns])["top1"]
        for g, ns in sorted(by_gold.items())
    }
    return {
        "tactful (embedding examples, per-message reading)": _accuracy(tactful, gold),
        "tactful ranking alone (no sentiment prior)": _accuracy(
            [[i for i, _ in r[:3]] for r in ranked], gold
        ),
        "bm25 nearest example": _accuracy([bm25.ranked(t) for t in texts], gold),
        "per_intent_top1": per_intent,
        "intents_in_taxonomy": len(intents),
        "mapped": BITEXT_MAP,
    }


def xsid(data_dir: Path, embedder: Embedder, per_language: int | None = None) -> dict:
    rows = read_jsonl(data_dir / "multilingual" / "xsid_test.jsonl")
    english = sorted((r for r in rows if r["lang"] == "en"), key=lambda r: r["id_of_parallel_english"])
    examples: dict[str, list[dict]] = defaultdict(list)
    for r in english:
        if len(examples[r["intent"]]) < XSID_EXAMPLES:
            examples[r["intent"]].append(r)
    taken = {r["id_of_parallel_english"] for rs in examples.values() for r in rs}
    intents = [
        Intent(name, {"en": name}, False, {"en": tuple(r["text"] for r in rs)})
        for name, rs in sorted(examples.items())
    ]
    index = _ExampleIndex(embedder, intents)
    bm25 = _BM25Neighbour(
        [r["text"] for rs in examples.values() for r in rs],
        [name for name, rs in examples.items() for _ in rs],
    )
    out: dict[str, dict] = {}
    for lang in sorted({r["lang"] for r in rows} - {"en"}):
        queries = [
            r
            for r in rows
            if r["lang"] == lang and r["id_of_parallel_english"] not in taken and r["intent"] in examples
        ][:per_language]
        if not queries:
            continue
        scores = index.scores(embedder.embed_documents([q["text"] for q in queries]))
        ranked = [[intents[j].id for j in np.argsort(-s)[:3]] for s in scores]
        gold = [q["intent"] for q in queries]
        out[lang] = {
            "tactful": _accuracy(ranked, gold),
            "bm25": _accuracy([bm25.ranked(q["text"]) for q in queries], gold),
        }
    return {"intents": len(intents), "examples_per_intent": XSID_EXAMPLES, "per_language": out}


def tone(path: Path, engine: InsightEngine, intents: list[Intent]) -> dict:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, dict] = {}
    for field in ("sentiment", "urgency"):
        gold = [r[field] for r in rows]
        predicted = [
            getattr(engine.analyse([("customer", r["text"])], r["lang"], intents, []), field) for r in rows
        ]
        bm25 = _BM25Neighbour([r["text"] for r in rows], gold)
        baseline = [bm25.ranked(r["text"], exclude=i)[0] for i, r in enumerate(rows)]
        majority = Counter(gold).most_common(1)[0][0]
        by_lang: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            by_lang[r["lang"]].append(i)

        def acc(p: list[str], idx: list[int], gold: list[str] = gold) -> float:
            return round(sum(p[i] == gold[i] for i in idx) / len(idx), 4)

        everyone = list(range(len(rows)))
        out[field] = {
            "tactful": acc(predicted, everyone),
            "bm25 leave-one-out": acc(baseline, everyone),
            "majority": round(gold.count(majority) / len(gold), 4),
            "n": len(rows),
            "per_language": {
                lang: {"tactful": acc(predicted, idx), "bm25": acc(baseline, idx), "n": len(idx)}
                for lang, idx in sorted(by_lang.items())
            },
            "confusion": {
                f"{g}->{p}": n
                for (g, p), n in sorted(Counter(zip(gold, predicted, strict=True)).items())
                if g != p
            },
        }
    return out


def run(data_dir: Path, embedder: Embedder, seed_dir: Path, prompts_dir: Path, tone_dir: Path) -> dict:
    intents = content_from_files(seed_dir, prompts_dir).intents
    engine = InsightEngine(embedder, load_tone_examples(seed_dir))
    return {
        "embedder": embedder.name,
        "bitext": bitext(data_dir, engine, intents),
        "xsid": xsid(data_dir, embedder),
        "tone": tone(tone_dir / "tone_labelled.yaml", engine, intents),
        "tone_heldout": tone(tone_dir / "tone_heldout.yaml", engine, intents),
    }


def format_table(result: dict) -> str:
    b = result["bitext"]
    lines = [
        f"Intent, bitext (English, 1,080 messages, 27 intents mapped onto {b['intents_in_taxonomy']}):",
        "",
        "| method | top-1 | top-3 |",
        "|---|---|---|",
    ]
    for name, m in b.items():
        if isinstance(m, dict) and "top1" in m:
            lines.append(f"| {name} | {m['top1']:.3f} | {m['top3']:.3f} |")
    x = result["xsid"]
    lines += [
        "",
        f"Cross-lingual intent, xSID ({x['intents']} intents, {x['examples_per_intent']} English examples each), "
        "top-1 / top-3:",
        "",
        "| language | tactful | bm25 | n |",
        "|---|---|---|---|",
    ]
    for lang, m in x["per_language"].items():
        t, bm = m["tactful"], m["bm25"]
        lines.append(
            f"| {lang} | {t['top1']:.3f} / {t['top3']:.3f} | {bm['top1']:.3f} / {bm['top3']:.3f} | {t['n']} |"
        )
    lines += [
        "",
        "Sentiment and urgency (sets written for this evaluation, 7 languages), accuracy:",
        "",
        "| set | label | tactful | bm25 leave-one-out | majority | n |",
        "|---|---|---|---|---|---|",
    ]
    for name, key in (("development", "tone"), ("held out", "tone_heldout")):
        for field, m in result[key].items():
            lines.append(
                f"| {name} | {field} | {m['tactful']:.3f} | {m['bm25 leave-one-out']:.3f} | {m['majority']:.3f} "
                f"| {m['n']} |"
            )
    for field, m in result["tone"].items():
        per = ", ".join(f"{lang} {v['tactful']:.2f}" for lang, v in m["per_language"].items())
        lines.append(f"\n{field} per language (tactful): {per}")
    return "\n".join(lines)
