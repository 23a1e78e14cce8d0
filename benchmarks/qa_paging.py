"""QA list paging at scale: 100k suggestion records in SQLite, then the first page, a page deep in the list
(keyset cursor), and common filters, timed.

    .venv/bin/python benchmarks/qa_paging.py [--records 100000] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from sqlalchemy import insert  # noqa: E402

from tactful.records.db import Database, migrate  # noqa: E402
from tactful.records.models import SuggestionRecord  # noqa: E402
from tactful.records.qa import Filters, QARepository  # noqa: E402

LANGS = ["de-DE", "ja-JP", "es-MX", "fr-FR", "pt-BR", "zh-Hant", "ko-KR", "it-IT", "en-US"]
OUTCOMES = ["none", "inserted", "sent_as_is", "edited", "dismissed"]


def fill(db: Database, n: int) -> None:
    rng = random.Random(5)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        lang = rng.choice(LANGS)
        rows.append(
            {
                "id": f"{i:032x}",
                "created_at": start + timedelta(seconds=i * 60),
                "token_id": None,
                "conversation_id": f"c{i}",
                "language_tag": lang,
                "culture_profile": lang,
                "drafter_kind": "offline",
                "prompt_version": "offline-composer/1",
                "model": "m",
                "degraded": rng.random() < 0.02,
                "stage": "question",
                "request": {"messages": [{"role": "customer", "text": f"message {i}"}]},
                "language": {},
                "culture": {},
                "sources": [],
                "drafts": [],
                "timings_ms": {},
                "redactions": {},
                "latency_ms": rng.uniform(10, 40),
                "tokens": {},
                "drafter_note": "",
                "outcome": rng.choice(OUTCOMES),
                "final_edit_distance": rng.random(),
                "search_text": f"message {i} parcel",
            }
        )
        if len(rows) == 5000:
            with db.engine.begin() as c:
                c.execute(insert(SuggestionRecord), rows)
            rows = []
    if rows:
        with db.engine.begin() as c:
            c.execute(insert(SuggestionRecord), rows)


def timed(fn, repeat: int = 7) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "qa_paging.json"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/bench.db")
        migrate(db.engine)
        t = time.perf_counter()
        fill(db, args.records)
        fill_s = time.perf_counter() - t
        qa = QARepository(db)
        cursor = None
        for _ in range(200):  # walk 200 pages deep to get a cursor 10k rows in
            _, cursor = qa.page(Filters(), cursor, 50)
        results = {
            "first_page": timed(lambda: qa.page(Filters(), None, 50)),
            "page_10k_deep": timed(lambda: qa.page(Filters(), cursor, 50)),
            "language_and_outcome": timed(
                lambda: qa.page(Filters(language="ja", outcome="dismissed"), None, 50)
            ),
            "last_week_dismissed_ja": timed(
                lambda: qa.page(
                    Filters(
                        since=datetime(2026, 2, 1, tzinfo=UTC),
                        until=datetime(2026, 2, 8, tzinfo=UTC),
                        language="ja",
                        outcome="dismissed",
                    ),
                    None,
                    50,
                )
            ),
            "unscored": timed(lambda: qa.page(Filters(scored=False), None, 50)),
            "full_text": timed(lambda: qa.page(Filters(q="message 99999"), None, 50)),
            "metrics_rows_all": timed(lambda: qa.metric_rows(Filters()), repeat=3),
        }
        db.close()
    report = {
        "benchmark": "qa_paging",
        "records": args.records,
        "fill_s": round(fill_s, 1),
        "results": results,
    }
    print(json.dumps(report, indent=1))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
