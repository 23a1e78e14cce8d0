"""Storage faults answer 503 quickly with a clear code, /readyz reports them, and a data directory Tactful cannot
write is named at start."""

from __future__ import annotations

import sqlite3
import time

import pytest

from tactful.records.db import StorageError, make_engine

pytestmark = pytest.mark.embedded


def test_a_database_locked_by_another_process_gives_503_fast_and_readyz_says_so(live):
    path = live.services.db.engine.url.database
    blocker = sqlite3.connect(path, isolation_level=None, timeout=1)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with live.client() as c:
            start = time.perf_counter()
            r = c.post(
                "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "Wo ist mein Paket?"}]}
            )
            took = time.perf_counter() - start
            assert r.status_code == 503 and r.json()["code"] == "storage-unavailable", r.text
            assert r.headers.get("retry-after") and r.headers.get("x-request-id")
            assert took < 12
            ready = c.get("/readyz")
            assert ready.status_code == 503 and ready.json()["checks"]["writable"] is False
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with live.client() as c:
        assert c.get("/readyz").status_code == 200
        assert (
            c.post(
                "/api/v1/suggestions", json={"messages": [{"role": "customer", "text": "hallo"}]}
            ).status_code
            == 200
        )


def test_a_data_directory_that_cannot_be_made_is_named(tmp_path):
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the data directory should be")
    with pytest.raises(StorageError, match="not-a-dir"):
        make_engine(f"sqlite:///{blocked}/data/tactful.db")
