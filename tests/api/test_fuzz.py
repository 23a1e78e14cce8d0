"""Schemathesis against the OpenAPI schema, bounded (a few examples per operation), on its own server and
stores so whatever it creates or changes cannot disturb other tests. No input may produce a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tactful.app import create_app
from tactful.services import build_services

from ..conftest import ServerThread, free_port, make_settings

EXAMPLES = 12


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    cfg = make_settings(tmp_path_factory.mktemp("fuzz-data"))
    cfg.limits.requests_per_minute = 0
    services = build_services(cfg)
    admin = services.tokens.create("admin", "fuzz")[0]
    port = free_port()
    thread = ServerThread(create_app(cfg, services), port)
    thread.start_and_wait()
    yield f"http://127.0.0.1:{port}", admin
    thread.stop()
    services.close()


def test_no_input_gives_a_server_error(fuzz_server):
    url, admin = fuzz_server
    # Revoking or rotating tokens would end the run itself; those routes have their own tests.
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    failures, cases = [], [0]
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "DELETE" or operation.path.endswith("/rotate"):
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            cases[0] += 1
            response = case.call(headers={"Authorization": f"Bearer {admin}"}, timeout=30)
            content_type = str(response.headers.get("content-type", ""))  # a list in schemathesis' response
            if response.status_code >= 500 or (
                response.status_code >= 400 and "application/problem+json" not in content_type
            ):
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:200]}"
                )

        run()
    print(f"\nfuzzed {cases[0]} cases over {len(list(schema.get_all_operations()))} operations")
    assert not failures, failures[:5]
