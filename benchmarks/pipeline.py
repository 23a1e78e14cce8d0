"""Pipeline benchmark: p50/p95 per stage and suggestions per second with the offline drafter,
at 1k and 10k KB chunks, on real Chroma and SQLite in a temp dir.

    .venv/bin/python benchmarks/pipeline.py [--requests 300] [--sizes 1000 10000] [--out FILE]

Every request's last customer message is unique, so the per-text language cache does not flatter the numbers.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT))

from benchmarks.common import pct, write_result  # noqa: E402
from tactful.drafting.pipeline import ChatMessage, SuggestionInput  # noqa: E402
from tactful.knowledge.ingest import KB_COLLECTION  # noqa: E402
from tactful.knowledge.vector_index import IndexItem  # noqa: E402
from tactful.services import build_services  # noqa: E402
from tactful.settings import Settings  # noqa: E402

PRODUCTS = [
    "kettle",
    "blender",
    "toaster",
    "frying pan",
    "knife set",
    "coffee grinder",
    "teapot",
    "mixer",
    "rice cooker",
    "cutting board",
    "water filter",
    "lunch box",
    "spice rack",
    "wok",
    "scale",
]


def grow_kb(services, total_chunks: int, rng: random.Random) -> None:
    """Add synthetic product articles until the KB collection holds `total_chunks` chunks."""
    existing = len(services.index.ids(KB_COLLECTION))
    library = services.content.current().library
    seed_articles = list(library.articles.values())
    sentences = [
        s.strip() + "." for a in seed_articles for s in a.body.replace("\n", " ").split(".") if len(s) > 30
    ]
    batch: list[IndexItem] = []
    for n in range(existing, total_chunks):
        product = rng.choice(PRODUCTS)
        article_id = f"synthetic-{n // 4}"
        text = f"{product.title()} model {n % 97}: " + " ".join(rng.sample(sentences, 3))
        batch.append(
            IndexItem(
                f"kb:{article_id}:v1:{n % 4}",
                text,
                {
                    "article_id": article_id,
                    "title": f"{product.title()} care and faults",
                    "version": "v1",
                    "chunk": n % 4,
                    "category": "products",
                },
            )
        )
        if n % 4 == 0:
            template = rng.choice(seed_articles)
            library.articles[article_id] = replace(
                template, id=article_id, title=f"{product.title()} care", problem=False, version="v1"
            )
        if len(batch) == 256:
            services.index.write(
                KB_COLLECTION, batch, services.embedder.embed_documents([i.text for i in batch])
            )
            batch = []
    if batch:
        services.index.write(KB_COLLECTION, batch, services.embedder.embed_documents([i.text for i in batch]))


def requests(n: int, tag: str) -> list[SuggestionInput]:
    samples = yaml.safe_load(
        (ROOT / "kb_seed" / "conversations" / "samples.yaml").read_text(encoding="utf-8")
    )
    out = []
    for i in range(n):
        c = samples[i % len(samples)]
        msgs = [ChatMessage(m["role"], m["text"]) for m in c["messages"]]
        last = max(j for j, m in enumerate(msgs) if m.role == "customer")
        msgs[last] = ChatMessage("customer", f"{msgs[last].text} #{tag}-{i}")
        cust = c.get("customer", {})
        out.append(
            SuggestionInput(
                msgs,
                conversation_id=f"bench-{tag}-{i}",
                customer_locale=cust.get("locale"),
                customer_country=cust.get("country"),
                customer_name=cust.get("name"),
            )
        )
    return out


def run_size(services, size: int, n: int, rng: random.Random) -> dict:
    t0 = time.perf_counter()
    grow_kb(services, size, rng)
    grow_s = time.perf_counter() - t0
    reqs = requests(n, str(size))
    for r in reqs[:10]:  # warm caches of history texts as a live conversation would have them
        services.pipeline.suggest(r)
    stages: dict[str, list[float]] = {}
    start = time.perf_counter()
    for r in reqs:
        out = services.pipeline.suggest(r)
        for stage, ms in out["timings_ms"].items():
            stages.setdefault(stage, []).append(ms)
    elapsed = time.perf_counter() - start
    return {
        "kb_chunks": len(services.index.ids(KB_COLLECTION)),
        "requests": n,
        "index_build_s": round(grow_s, 1),
        "suggestions_per_s": round(n / elapsed, 1),
        "stages_ms": {
            s: {"p50": pct(v, 50), "p95": pct(v, 95), "mean": round(statistics.mean(v), 2)}
            for s, v in stages.items()
        },
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "pipeline.json"))
    args = ap.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Settings(data_dir=Path(tmp), _env_file=None))
        results = [run_size(services, size, args.requests, rng) for size in sorted(args.sizes)]
        services.close()
    report = {
        "benchmark": "pipeline",
        "drafter": "offline",
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "results": results,
    }
    for r in results:
        print(
            f"\n{r['kb_chunks']} KB chunks, {r['requests']} requests: {r['suggestions_per_s']} suggestions/s"
        )
        print(f"  {'stage':10} {'p50 ms':>8} {'p95 ms':>8}")
        for stage, v in r["stages_ms"].items():
            print(f"  {stage:10} {v['p50']:>8} {v['p95']:>8}")
    write_result(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
