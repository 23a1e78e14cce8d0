"""Time from a customer message to drafts shown in the panel, per helpdesk, in headless Chromium with the
extension loaded, against a real Tactful server (offline drafter) and the same pages and editors as the browser
tests (tests/e2e/fixtures, editors from npm; django-helpdesk started from PyPI).

    .venv/bin/python benchmarks/helpdesks.py [--rounds 5] [--out FILE]

"page": the ticket page opens with a customer message waiting, until the first draft is visible.
"message": a new customer message appears in an open conversation, until its drafts replace the old ones.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT))

from benchmarks.common import pct, write_result  # noqa: E402

PAGES = [
    ("zendesk", "https://acme.zendesk.com/agent/tickets/{n}", "zendesk.html"),
    ("intercom", "https://app.intercom.com/a/inbox/abc/inbox/conversation/{n}", "intercom.html"),
    ("freshdesk", "https://acme.freshdesk.com/a/tickets/{n}", "freshdesk.html"),
    ("chatwoot", "http://localhost:{port}/app/accounts/1/conversations/{n}", "chatwoot.html"),
]


def main() -> int:
    from playwright.sync_api import expect, sync_playwright
    from tests.conftest import ServerThread, free_port, make_settings
    from tests.e2e.conftest import launch_with_extension
    from tests.e2e.helpdesk_server import Helpdesk
    from tests.e2e.test_adapters import _open

    from tactful.app import create_app
    from tactful.services import build_services

    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "helpdesks.json"))
    args = ap.parse_args()
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        settings = make_settings(Path(tmp) / "tactful")
        settings.limits.requests_per_minute = 0
        services = build_services(settings)
        token = services.tokens.create("agent", "benchmark")[0]
        port = free_port()
        server = ServerThread(create_app(settings, services), port)
        server.start_and_wait()
        helpdesk = Helpdesk.start(Path(tmp))
        chat_port = free_port()
        context = launch_with_extension(p, Path(tmp) / "profile")
        worker = context.tactful_worker
        worker.evaluate(
            "s => chrome.storage.local.set(s)",
            {
                "backendUrl": f"http://127.0.0.1:{port}",
                "token": token,
                "agentLanguage": "en",
                "helpdeskHosts": [
                    {"origin": f"http://localhost:{chat_port}", "product": "chatwoot"},
                    {"origin": helpdesk.url, "product": "django-helpdesk"},
                ],
            },
        )
        time.sleep(1.0)  # the worker registers the granted hosts' content scripts

        def drafts_shown(page, before=None) -> float:
            start = time.perf_counter()
            first = page.locator("tactful-panel").locator(".draft").first
            expect(first).to_be_visible(timeout=30000)
            while page.evaluate("document.documentElement.dataset.tactfulSuggestion") in (None, before):
                time.sleep(0.005)
            return (time.perf_counter() - start) * 1000

        for name, url, fixture in PAGES:
            for n in range(args.rounds):
                start = time.perf_counter()
                page = _open(context, url.format(n=1000 + n, port=chat_port), fixture)
                drafts_shown(page)
                results.setdefault(name, {}).setdefault("page", []).append(
                    (time.perf_counter() - start) * 1000
                )
                if name == "chatwoot":
                    before = page.evaluate("document.documentElement.dataset.tactfulSuggestion")
                    start = time.perf_counter()
                    page.evaluate(
                        f"window.addCustomerMessage('{200 + n}', 'E quanto custa o frete para Recife?')"
                    )
                    while page.evaluate("document.documentElement.dataset.tactfulSuggestion") == before:
                        time.sleep(0.005)
                    results[name].setdefault("message", []).append((time.perf_counter() - start) * 1000)
                page.close()
        page = context.new_page()
        page.goto(helpdesk.url + "/login/")
        page.fill("input[name=username]", "agent")
        page.fill("input[name=password]", "agent-pass")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        for _ in range(args.rounds):
            start = time.perf_counter()
            page.goto(f"{helpdesk.url}/tickets/{helpdesk.ticket_id}/")
            drafts_shown(page)
            results.setdefault("django-helpdesk", {}).setdefault("page", []).append(
                (time.perf_counter() - start) * 1000
            )
        context.close()
        helpdesk.stop()
        server.server.should_exit = True
        services.close()
    report = {
        "benchmark": "helpdesks",
        "drafter": "offline",
        "rounds": args.rounds,
        "machine": {"python": platform.python_version()},
        "results": {
            name: {kind: {"p50": pct(v, 50), "max": round(max(v), 1)} for kind, v in kinds.items()}
            for name, kinds in results.items()
        },
    }
    print(f"{'helpdesk':16} {'what':8} {'p50 ms':>8} {'max ms':>8}")
    for name, kinds in report["results"].items():
        for kind, v in kinds.items():
            print(f"{name:16} {kind:8} {v['p50']:>8} {v['max']:>8}")
    write_result(report, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
