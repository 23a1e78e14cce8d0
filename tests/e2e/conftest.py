"""Real headless Chromium (Debian's) with the extension loaded, driven by Playwright, against the live backend."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
EXTENSION = ROOT / "extension"
FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser(tmp_path_factory, live) -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = launch_with_extension(p, tmp_path_factory.mktemp("chromium-profile"))
        configure(context, live.url, live.tokens["agent"])
        yield context
        context.close()


def launch_with_extension(playwright, profile_dir: Path):
    """Debian's Chromium, headless, with the unpacked extension loaded; the context knows its service worker
    (`context.tactful_worker`). Used by the browser tests and the helpdesk benchmark."""
    context = playwright.chromium.launch_persistent_context(
        str(profile_dir),
        executable_path=CHROMIUM,
        headless=False,
        args=[
            "--headless=new",
            f"--disable-extensions-except={EXTENSION}",
            f"--load-extension={EXTENSION}",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    )
    context.tactful_worker = (
        context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
    )
    return context


def configure(context, backend_url: str, token: str, **extra) -> None:
    settings = {"backendUrl": backend_url, "token": token, "agentLanguage": "en", **extra}
    context.tactful_worker.evaluate("s => chrome.storage.local.set(s)", settings)


def wait_for_registered_scripts(context, seconds: float = 5) -> None:
    """The worker registers content scripts for granted hosts on a storage change; wait until it has."""
    import time

    deadline = time.time() + seconds
    while time.time() < deadline and not context.tactful_worker.evaluate(
        "async () => (await chrome.scripting.getRegisteredContentScripts()).length"
    ):
        time.sleep(0.1)


def panel(page):
    """The panel inside its shadow root (Playwright's CSS locators pierce open shadow roots)."""
    return page.locator("tactful-panel")


def sign_in(page, live, role: str) -> None:
    """Signs in to the console with the live server's token for `role`."""
    page.goto(f"{live.url}/console/login")
    page.fill("input[name=token]", live.tokens[role])
    page.click("button[type=submit]")
