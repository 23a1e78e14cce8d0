"""Shared fixtures: one real Tactful server (uvicorn in a thread) over real Chroma and SQLite in a temp dir."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from tactful.app import create_app
from tactful.services import Services, build_services
from tactful.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def run_async(fn, *args):
    """Runs `fn(*args)` (a coroutine function) to completion in a thread of its own: browser tests leave an event
    loop running in the main thread, where anyio.run or asyncio.run would refuse to start another."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, fn(*args)).result()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread(threading.Thread):
    def __init__(self, app, port: int) -> None:
        super().__init__(daemon=True)
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
        )

    def run(self) -> None:
        self.server.run()

    def start_and_wait(self) -> None:
        self.start()
        deadline = time.time() + 60
        while not self.server.started:
            if time.time() > deadline or not self.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.join(10)


def make_settings(data_dir: Path, **overrides) -> Settings:
    return Settings(data_dir=data_dir, _env_file=None, **overrides)


STORAGE = os.environ.get("TACTFUL_TEST_STORAGE", "embedded")  # "servers": PostgreSQL + a Chroma server


def pytest_collection_modifyitems(config, items) -> None:
    if STORAGE == "servers":
        skip = pytest.mark.skip(
            reason="checks the embedded stores; this run uses PostgreSQL and a Chroma server"
        )
        for item in items:
            if "embedded" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def storage_overrides() -> Iterator[dict]:
    """Nothing for the embedded stores; for `servers`, a real PostgreSQL and Chroma server for the session."""
    if STORAGE != "servers":
        yield {}
        return
    from .servers import ChromaServer, Postgres, ServerUnavailable

    started = []
    try:
        postgres = Postgres.start(free_port())
        started.append(postgres)
        chroma = ChromaServer.start(free_port())
        started.append(chroma)
    except ServerUnavailable as e:
        for server in started:
            server.stop()
        if os.environ.get("TACTFUL_TEST_REQUIRE_SERVERS"):
            pytest.fail(f"storage servers could not start: {e}")
        pytest.skip(f"storage servers could not start: {e}")
    yield {"database_url": postgres.url, "chroma": {"host": "127.0.0.1", "port": chroma.port}}
    for server in reversed(started):
        server.stop()


@pytest.fixture(scope="session")
def settings(tmp_path_factory, storage_overrides) -> Settings:
    settings = make_settings(tmp_path_factory.mktemp("tactful-data"), **storage_overrides)
    settings.limits.requests_per_minute = (
        0  # the shared test tokens make many requests; the limit has its own test
    )
    return settings


@pytest.fixture(scope="session")
def services(settings) -> Iterator[Services]:
    built = build_services(settings)
    yield built
    built.close()


@dataclass
class LiveServer:
    url: str
    tokens: dict[str, str]
    services: Services

    def client(self, role: str | None = "agent", headers: dict[str, str] | None = None) -> httpx.Client:
        merged = {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        merged.update(headers or {})
        return httpx.Client(base_url=self.url, headers=merged, timeout=30)


@pytest.fixture(scope="session")
def live(services, settings) -> Iterator[LiveServer]:
    tokens = {
        role: services.tokens.create(role, f"test {role}")[0]
        for role in ("agent", "supervisor", "qa", "admin")
    }
    port = free_port()
    server = ServerThread(create_app(settings, services), port)
    server.start_and_wait()
    yield LiveServer(f"http://127.0.0.1:{port}", tokens, services)
    server.stop()


@pytest.fixture(scope="session")
def fake():
    """A real local OpenAI-compatible server whose answers each test scripts (tests/fakes/openai_server.py)."""
    from .fakes.openai_server import FakeOpenAI

    server = FakeOpenAI.start()
    yield server
    server.stop()


@pytest.fixture()
def with_model(fake, services, settings) -> Iterator[LiveServer]:
    """A second Tactful server over the same stores whose model endpoint is the fake server."""

    from tactful.services import with_model

    fake.reset()
    llm_settings = settings.model_copy(
        update={
            "llm": settings.llm.model_copy(
                update={
                    "base_url": fake.url,
                    "model": "test-model",
                    "timeout_s": 2.0,
                    "retry_after_max_s": 1.0,
                }
            )
        }
    )
    services_llm = with_model(services, llm_settings)
    port = free_port()
    thread = ServerThread(create_app(llm_settings, services_llm), port)
    thread.start_and_wait()
    yield LiveServer(
        f"http://127.0.0.1:{port}", {"agent": services.tokens.create("agent", "model tests")[0]}, services_llm
    )
    thread.stop()


@pytest.fixture()
def agent(live) -> Iterator[httpx.Client]:
    with live.client("agent") as c:
        yield c
