"""`tactful eval retrieval`: does the copilot find the right knowledge?

(a) DSTC11 track 5 (English hotel/restaurant FAQs): the entity is usually named only in earlier turns, so the
    query is built from the conversation as the pipeline builds it; recall@1/3/10 and MRR.
(b) xSID: the English sentences are the index; each of 12 languages queries it; recall@3 of the parallel
    English sentence and of any English sentence with the same intent, per language.
Beside Tactful's embeddings, the same rows with BM25 (`bm25s`) as the lexical baseline and, when its wheel is
installed (requirements/baselines.txt), all-MiniLM-L6-v2: the English-only model Chroma uses by default.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import numpy as np

from ..knowledge.embeddings import Embedder
from ..knowledge.retrieval import conversation_query
from .jsonl import read_jsonl

KS = (1, 3, 10)


def _scores_to_ranks(scores: np.ndarray) -> np.ndarray:
    return np.argsort(-scores, axis=1)[:, : max(KS)]


def _metrics(ranked_ids: list[list[str]], gold: list[set[str]]) -> dict[str, float]:
    out = {f"recall@{k}": 0.0 for k in KS}
    mrr = 0.0
    for ranked, g in zip(ranked_ids, gold, strict=True):
        for k in KS:
            out[f"recall@{k}"] += any(r in g for r in ranked[:k])
        mrr += next((1.0 / (i + 1) for i, r in enumerate(ranked) if r in g), 0.0)
    n = len(gold) or 1
    return {**{k: round(v / n, 4) for k, v in out.items()}, "mrr": round(mrr / n, 4)}


def _bm25(corpus: list[str]):
    import bm25s

    tokenize = lambda texts: [re.findall(r"\w+", t.lower()) for t in texts]  # noqa: E731
    model = bm25s.BM25()
    model.index(tokenize(corpus), show_progress=False)

    def search(queries: list[str]) -> np.ndarray:
        scores = np.zeros((len(queries), len(corpus)), dtype=np.float32)
        for i, q in enumerate(tokenize(queries)):
            scores[i] = model.get_scores(q)
        return scores

    return search


def dstc11(data_dir: Path, embedder: Embedder, others: dict[str, Embedder] | None = None) -> dict:
    """Runs the product's own retrieval (a real Chroma in a temp dir, the pipeline's query builder and entity
    boost) with each FAQ as an article whose entity is the hotel or restaurant it belongs to; each of the `others`
    (other providers, baselines) runs the same rows through the same retrieval, its rows named after it."""
    import tempfile

    from ..knowledge.ingest import ingest_library
    from ..knowledge.retrieval import Retriever
    from ..knowledge.vector_index import ChromaVectorIndex
    from ..library.texts import Article, Library
    from ..llm.tokens import TiktokenCounter

    kb = read_jsonl(data_dir / "support" / "dstc11_kb.jsonl")
    queries = read_jsonl(data_dir / "support" / "dstc11_queries.jsonl")
    library = Library(
        {
            k["id"]: Article(
                k["id"],
                k["title"],
                k.get("domain", "faq"),
                False,
                k["text"],
                {"en": k["text"]},
                "v1",
                (k["entity_name"],),
            )
            for k in kb
        }
    )
    gold = [set(q["gold_ids"]) for q in queries]
    customer = [[t[3:] for t in q["context"] if t.startswith("U: ")] + [q["text"]] for q in queries]
    whole = ["\n".join([t[3:] for t in q["context"]] + [q["text"]]) for q in queries]
    named = [library.mentioned_articles(w) for w in whole]  # the same for every model
    results: dict[str, dict[str, float]] = {}
    for label, model in {"": embedder, **(others or {})}.items():
        with tempfile.TemporaryDirectory() as tmp:
            index = ChromaVectorIndex.embedded(Path(tmp), model.name)
            ingest_library(library, index, model, TiktokenCounter())
            retriever = Retriever(index, model)

            def run(with_entities: bool, query_of, retriever=retriever) -> dict[str, float]:
                ranked = []
                for i in range(len(queries)):
                    hits = retriever.kb(
                        retriever.embed(query_of(i)), max(KS), named[i] if with_entities else None
                    )
                    ranked.append([h.metadata["article_id"] for h in hits])
                return _metrics(ranked, gold)

            prefix = f"{label}: " if label else ""
            results[f"{prefix or 'tactful '}(query and entity boost as the pipeline builds them)"] = run(
                True, lambda i: conversation_query(customer[i], entity_named=bool(named[i]))
            )
            results[f"{prefix}vector, last customer turns, no entity boost"] = run(
                False, lambda i: conversation_query(customer[i])
            )
            results[f"{prefix}vector, last turn only"] = run(False, lambda i: queries[i]["text"])
    docs = [f"{k['title']}\n{k['text']}" for k in kb]
    ids = [k["id"] for k in kb]
    bm25 = _bm25(docs)
    for name, texts in (
        ("bm25, last turn only", [q["text"] for q in queries]),
        ("bm25, whole conversation", whole),
    ):
        results[name] = _metrics([[ids[j] for j in row] for row in _scores_to_ranks(bm25(texts))], gold)
    return results


def xsid(data_dir: Path, embedders: dict[str, Embedder], per_language: int | None = None) -> dict:
    """Per language: recall@3 of the parallel English sentence, and of any English sentence with the same intent
    (what a KB search needs: an article about the same thing)."""
    rows = read_jsonl(data_dir / "multilingual" / "xsid_test.jsonl")
    english: dict[str, str] = {}
    intent: dict[str, str] = {}
    for r in rows:
        english.setdefault(r["id_of_parallel_english"], r["english_text"])
        if r["lang"] == "en":
            intent[r["id_of_parallel_english"]] = r["intent"]
    ids = list(english)
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["lang"] != "en":
            by_lang[r["lang"]].append(r)
    scorers = {name: _vector_scorer(e, [english[i] for i in ids]) for name, e in embedders.items()}
    scorers["bm25"] = _bm25([english[i] for i in ids])
    out: dict[str, dict] = {}
    for name, score in scorers.items():
        out[name] = {}
        for lang, items in sorted(by_lang.items()):
            items = items[:per_language] if per_language else items  # CI runs a fixed slice
            top = _scores_to_ranks(score([r["text"] for r in items]))[:, :3]
            parallel = [
                r["id_of_parallel_english"] in {ids[j] for j in t} for r, t in zip(items, top, strict=True)
            ]
            same_intent = [
                any(intent.get(ids[j]) == r["intent"] for j in t) for r, t in zip(items, top, strict=True)
            ]
            out[name][lang] = {
                "parallel@3": round(float(np.mean(parallel)), 3),
                "intent@3": round(float(np.mean(same_intent)), 3),
            }
    return out


def _vector_scorer(embedder: Embedder, corpus: list[str]):
    docs = embedder.embed_documents(corpus)
    return lambda queries: embedder.embed_queries(queries) @ docs.T  # as the pipeline embeds a KB query


def run(data_dir: Path, embedder: Embedder, others: dict[str, Embedder] | None = None) -> dict:
    """`others`: the product's other providers and the baselines a team might pick instead, on the same rows."""
    return {
        "dstc11": dstc11(data_dir, embedder, others),
        "xsid": xsid(data_dir, {f"tactful ({embedder.name})": embedder, **(others or {})}),
    }


def format_table(result: dict) -> str:
    """Markdown, as the README shows it."""
    lines = [
        "DSTC11 (English FAQ, entity named earlier in the conversation)",
        "",
        "| system | recall@1 | recall@3 | recall@10 | MRR |",
        "|---|---|---|---|---|",
    ]
    for name, m in result["dstc11"].items():
        lines.append(f"| {name} | {m['recall@1']} | {m['recall@3']} | {m['recall@10']} | {m['mrr']} |")
    langs = sorted(next(iter(result["xsid"].values())))
    for metric in ("intent@3", "parallel@3"):
        lines += [
            "",
            f"xSID, English index, {metric} per query language",
            "",
            "| system | " + " | ".join(langs) + " |",
            "|---" * (len(langs) + 1) + "|",
        ]
        for name, per_lang in result["xsid"].items():
            lines.append(
                f"| {name} | " + " | ".join(f"{per_lang[lang][metric]:.2f}" for lang in langs) + " |"
            )
    return "\n".join(lines)
