"""CORS: only the configured origins (the extension's, the console's) may call the API from a browser."""

from __future__ import annotations

import httpx

from tactful.app import create_app

from ..conftest import ServerThread, free_port


def test_only_configured_origins_are_allowed(services, settings):
    allowed = "chrome-extension://abcdefghijklmnop"
    cors = settings.model_copy(update={"cors_origins": [allowed]})
    port = free_port()
    thread = ServerThread(create_app(cors, services), port)
    thread.start_and_wait()
    try:

        def preflight(origin: str) -> httpx.Response:
            return httpx.options(
                f"http://127.0.0.1:{port}/api/v1/suggestions",
                headers={
                    "Origin": origin,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization,content-type",
                },
            )

        ok, other = preflight(allowed), preflight("https://evil.example")
    finally:
        thread.stop()
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == allowed
    assert "access-control-allow-origin" not in other.headers
