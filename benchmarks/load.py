"""Load test: N simulated agents against a real `tactful serve`, two storage setups in one run.

Each agent works a conversation: asks for drafts (the customer's latest message is always new), reads them for a
moment, reports `inserted` and then `sent` (or `dismissed`), and waits before the next customer message. Think
times are compressed (default 2 s between conversations, 0.5 s reading) so a few agents load the server like
many real ones (a real agent asks every 30-60 s). Only 127.0.0.1 is contacted.

Setups, same machine, same load:
  embedded: SQLite + Chroma on disk, 1 worker
  servers:  PostgreSQL + a Chroma server, 2 workers

  .venv/bin/python benchmarks/load.py [--agents 24] [--seconds 60] [--out benchmarks/results/load.json]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import ChromaServer, Postgres  # noqa: E402

from benchmarks.common import pct, write_result  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def conversations() -> list[dict]:
    samples = yaml.safe_load(
        (ROOT / "kb_seed" / "conversations" / "samples.yaml").read_text(encoding="utf-8")
    )
    return [s for s in samples if any(m["role"] == "customer" for m in s["messages"])]


class Tactful:
    """`tactful serve` in a subprocess with its own data dir; stopped with the whole process group."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.admin = "tfl_" + secrets.token_urlsafe(24)
        self.env = {
            **os.environ,
            **env,
            "TACTFUL_PORT": str(self.port),
            "TACTFUL_ADMIN_TOKEN": self.admin,
            "TACTFUL_LOG_LEVEL": "WARNING",
        }
        self.log = tempfile.NamedTemporaryFile(prefix="tactful-load-", suffix=".log", delete=False)  # noqa: SIM115 - kept for the server's life
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "tactful"), "serve", "--workers", str(workers)],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"tactful exited; see {self.log.name}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError(f"tactful did not become ready; see {self.log.name}")
        time.sleep(2 if workers > 1 else 0)  # let every worker finish warming up

    def agent_tokens(self, n: int) -> list[str]:
        headers = {"Authorization": f"Bearer {self.admin}"}
        return [
            httpx.post(
                f"{self.url}/api/v1/tokens",
                headers=headers,
                json={"role": "agent", "label": f"load {i}"},
                timeout=30,
            ).json()["token"]
            for i in range(n)
        ]

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


async def agent_loop(
    url: str, token: str, samples: list[dict], until: float, think: float, seed: int, stats: dict[str, list]
) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    ) as client:
        await asyncio.sleep(rng.uniform(0, think))  # agents do not all start at once
        n = 0
        while time.time() < until:
            sample = rng.choice(samples)
            n += 1
            messages = [dict(m) for m in sample["messages"]]
            last = max(i for i, m in enumerate(messages) if m["role"] == "customer")
            messages = messages[: last + 1]
            messages[last]["text"] += f" (#{seed}-{n})"  # every request unique: no cache can help
            body = {
                "conversation_id": f"load-{seed}-{n}",
                "messages": messages,
                "customer": sample.get("customer"),
            }
            started = time.perf_counter()
            try:
                r = await client.post(
                    "/api/v1/suggestions", json={k: v for k, v in body.items() if v is not None}
                )
                stats["suggest_ms"].append((time.perf_counter() - started) * 1000)
                if r.status_code != 200:
                    stats["errors"].append(f"suggest {r.status_code}")
                    continue
                suggestion = r.json()
                await asyncio.sleep(think / 4)  # reading the drafts
                draft = suggestion["drafts"][0]
                events = (
                    [
                        {"type": "inserted", "draft_id": draft["id"]},
                        {"type": "sent", "draft_id": draft["id"], "final_text": draft["text"]},
                    ]
                    if rng.random() < 0.8
                    else [{"type": "dismissed"}]
                )
                for event in events:
                    started = time.perf_counter()
                    e = await client.post(f"/api/v1/suggestions/{suggestion['id']}/events", json=event)
                    stats["event_ms"].append((time.perf_counter() - started) * 1000)
                    if e.status_code != 201:
                        stats["errors"].append(f"event {e.status_code}")
            except httpx.HTTPError as exc:
                stats["errors"].append(type(exc).__name__)
            await asyncio.sleep(rng.uniform(0.5, 1.5) * think)


def run_load(server: Tactful, agents: int, seconds: float, think: float) -> dict:
    tokens = server.agent_tokens(agents)
    samples = conversations()
    stats: dict[str, list] = {"suggest_ms": [], "event_ms": [], "errors": []}
    until = time.time() + seconds

    async def main() -> None:
        await asyncio.gather(
            *(agent_loop(server.url, t, samples, until, think, i, stats) for i, t in enumerate(tokens))
        )

    started = time.time()
    asyncio.run(main())
    elapsed = time.time() - started

    def summary(xs):
        return {"n": len(xs), "p50": pct(xs, 50), "p95": pct(xs, 95), "p99": pct(xs, 99)} if xs else {"n": 0}  # noqa: E731

    return {
        "agents": agents,
        "seconds": round(elapsed, 1),
        "suggestions": summary(stats["suggest_ms"]),
        "events": summary(stats["event_ms"]),
        "suggestions_per_s": round(len(stats["suggest_ms"]) / elapsed, 2),
        "errors": len(stats["errors"]),
        "error_kinds": sorted(set(stats["errors"])),
    }


SETUP_NAMES = {
    "embedded": "embedded, {workers} worker(s)",
    "servers": "postgres + chroma server, {workers} worker(s)",
}


def run_setup(storage: str, workers: int, data: str, args) -> dict:
    if storage == "embedded":
        server = Tactful({"TACTFUL_DATA_DIR": f"{data}/embedded"}, workers=workers)
        try:
            return run_load(server, args.agents, args.seconds, args.think)
        finally:
            server.stop()
    postgres, chroma = Postgres.start(free_port()), None
    try:
        chroma = ChromaServer.start(free_port())
        server = Tactful(
            {
                "TACTFUL_DATA_DIR": f"{data}/servers-{workers}",
                "TACTFUL_DATABASE_URL": postgres.url,
                "TACTFUL_CHROMA__HOST": "127.0.0.1",
                "TACTFUL_CHROMA__PORT": str(chroma.port),
                # one embedding thread per worker when several share the cores
                "TACTFUL_EMBEDDINGS__THREADS": "1" if workers > 1 else "2",
            },
            workers=workers,
        )
        try:
            return run_load(server, args.agents, args.seconds, args.think)
        finally:
            server.stop()
    finally:
        if chroma:
            chroma.stop()
        postgres.stop()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agents", type=int, default=24)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=2.0, help="seconds between an agent's conversations")
    parser.add_argument("--out", default="benchmarks/results/load.json")
    parser.add_argument(
        "--setups",
        default="embedded-1,servers-2",
        help="comma-separated <embedded|servers>-<workers>, e.g. embedded-1,servers-1,servers-2",
    )
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="tactful-load-") as data:
        for setup in args.setups.split(","):
            storage, workers = setup.rsplit("-", 1)
            results[SETUP_NAMES[storage].format(workers=workers)] = run_setup(
                storage, int(workers), data, args
            )
    print(f"\n{args.agents} agents, {args.seconds:.0f} s each, think time {args.think} s, offline drafter")
    print(f"{'setup':38} {'sugg/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'events p95':>11} {'errors':>7}")
    for name, r in results.items():
        s = r["suggestions"]
        print(
            f"{name:38} {r['suggestions_per_s']:7} {s['p50']:7} {s['p95']:7} {s['p99']:7} "
            f"{r['events'].get('p95', 0):11} {r['errors']:7}"
        )
    write_result(
        {
            "benchmark": "load",
            "drafter": "offline",
            "think_s": args.think,
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "results": results,
        },
        args.out,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
