"""django-helpdesk (from PyPI) on SQLite in a temp dir, served by Django's own server on a free port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from ..conftest import ROOT, free_port

SETTINGS = "tests.e2e.helpdesk_site.settings"


@dataclass
class Helpdesk:
    url: str
    ticket_id: int
    process: subprocess.Popen

    @classmethod
    def start(cls, data: Path) -> Helpdesk:
        env = {**os.environ, "HELPDESK_DATA": str(data), "PYTHONPATH": str(ROOT)}
        django = [sys.executable, "-m", "django"]
        subprocess.run([*django, "migrate", "-v0", f"--settings={SETTINGS}"], env=env, cwd=ROOT, check=True)
        seeded = subprocess.run(
            [
                *django,
                "shell",
                f"--settings={SETTINGS}",
                "-c",
                "from tests.e2e.helpdesk_site.seed import seed; print('ticket', seed())",
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        ticket_id = int(seeded.stdout.split("ticket")[-1].strip())
        port = free_port()
        log = (data / "server.log").open("w")
        process = subprocess.Popen(
            [*django, "runserver", f"127.0.0.1:{port}", "--noreload", f"--settings={SETTINGS}"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if httpx.get(url + "/login/", timeout=2).status_code == 200:
                    return cls(url, ticket_id, process)
            except httpx.HTTPError:
                time.sleep(0.2)
        process.kill()
        raise RuntimeError("django-helpdesk did not start: " + (data / "server.log").read_text()[-2000:])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
