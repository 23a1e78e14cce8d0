"""Streaming benchmark against a local OpenAI-compatible server: how long from the model's first token
leaving the server to the agent's first SSE draft byte, and Tactful's overhead per suggestion beside the
model's own time.

    .venv/bin/python benchmarks/streaming.py [--requests 100] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT))

from tests.conftest import ServerThread, free_port  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI, Reply  # noqa: E402

from benchmarks.common import pct, write_result  # noqa: E402
from tactful.app import create_app  # noqa: E402
from tactful.services import build_services, with_model  # noqa: E402
from tactful.settings import Settings  # noqa: E402

ANSWER = json.dumps(
    {
        "drafts": [
            {
                "text": "Guten Tag, es tut mir leid, dass Ihr Paket noch nicht angekommen ist. Wir leiten nach 10 Werktagen "
                "eine Nachforschung ein.",
                "back_translation": "Hello, I am sorry ...",
                "source_ids": ["kb:delayed-delivery"],
            },
            {
                "text": "Guten Tag, könnten Sie mir bitte Ihre Bestellnummer senden?",
                "back_translation": "Hello, could you ...",
                "source_ids": [],
            },
        ]
    },
    ensure_ascii=False,
)
ASK = {
    "messages": [{"role": "customer", "text": "Guten Tag, mein Paket ist immer noch nicht angekommen."}],
    "customer": {"locale": "de-DE"},
    "drafts": 2,
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "streaming.json"))
    args = ap.parse_args()
    fake = FakeOpenAI.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), _env_file=None)
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"base_url": fake.url})})
        services = build_services(settings)
        services = with_model(services, settings)
        token = services.tokens.create("agent", "bench")[0]
        port = free_port()
        server = ServerThread(create_app(settings, services), port)
        server.start_and_wait()
        first_byte, overhead, model_ms = [], [], []
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}
        ) as c:
            for i in range(args.requests + 5):
                fake.chunk_times.clear()
                fake.enqueue(Reply(content=ANSWER, chunk_chars=8, chunk_delay=0.002))
                payload = {
                    **ASK,
                    "messages": [{"role": "customer", "text": ASK["messages"][0]["text"] + f" #{i}"}],
                }
                start = time.perf_counter()
                got_first = None
                with c.stream(
                    "POST", "/api/v1/suggestions", json=payload, headers={"Accept": "text/event-stream"}
                ) as r:
                    for line in r.iter_lines():
                        if got_first is None and line.startswith("event: delta"):
                            got_first = time.perf_counter()
                end = time.perf_counter()
                if i < 5:  # warm-up
                    continue
                upstream = fake.chunk_times
                # The first delta the agent sees carries draft text, which starts in the model's 3rd chunk or so:
                # compare with the chunk that carried the first text character.
                first_text_chunk = next(
                    t for n, t in enumerate(upstream) if n * 8 + 8 > ANSWER.index('"text": "') + 9
                )
                first_byte.append((got_first - first_text_chunk) * 1000)
                model = (upstream[-1] - upstream[0]) * 1000
                model_ms.append(model)
                overhead.append((end - start) * 1000 - model)
        server.stop()
        services.close()
    fake.stop()
    report = {
        "benchmark": "streaming",
        "requests": args.requests,
        "first_token_to_first_sse_ms": {"p50": pct(first_byte, 50), "p95": pct(first_byte, 95)},
        "model_stream_ms": {"p50": pct(model_ms, 50), "p95": pct(model_ms, 95)},
        "tactful_overhead_ms": {"p50": pct(overhead, 50), "p95": pct(overhead, 95)},
    }
    print(json.dumps(report, indent=1))
    write_result(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
