"""Real PostgreSQL and Chroma servers for the second run of the suite (TACTFUL_TEST_STORAGE=servers).

PostgreSQL comes from Debian's package (initdb + pg_ctl in a temp dir, on a free port; as root the server runs
as the `postgres` user, since PostgreSQL refuses to run as root); Chroma from the `chroma` command in the venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


class ServerUnavailable(RuntimeError):
    pass


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for version in ("17", "16", "15", "14", "13"):
        candidate = Path(f"/usr/lib/postgresql/{version}/bin/{name}")
        if candidate.exists():
            return str(candidate)
    raise ServerUnavailable(f"{name} not found (apt-get install postgresql)")


@dataclass
class Postgres:
    data: Path
    port: int
    as_user: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://tactful@127.0.0.1:{self.port}/tactful"

    @classmethod
    def start(cls, port: int) -> Postgres:
        as_user: list[str] = []
        data = Path(tempfile.mkdtemp(prefix="tactful-pg-"))
        if os.geteuid() == 0:
            import pwd

            try:
                user = pwd.getpwnam("postgres")
            except KeyError as e:
                raise ServerUnavailable("running as root and there is no 'postgres' user") from e
            os.chown(data, user.pw_uid, user.pw_gid)
            as_user = ["runuser", "-u", "postgres", "--"]
        run = lambda *cmd: subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=120)  # noqa: E731
        done = run(
            _pg_bin("initdb"),
            "-D",
            str(data / "db"),
            "-U",
            "tactful",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-instructions",
        )
        if done.returncode:
            raise ServerUnavailable(f"initdb failed: {done.stderr.strip()[-400:]}")
        options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        done = run(
            _pg_bin("pg_ctl"), "-D", str(data / "db"), "-o", options, "-l", str(data / "log"), "-w", "start"
        )
        if done.returncode:
            raise ServerUnavailable(f"pg_ctl start failed: {done.stderr.strip()[-400:]}")
        server = cls(data, port, as_user)
        done = run(_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "tactful", "tactful")
        if done.returncode:
            server.stop()
            raise ServerUnavailable(f"createdb failed: {done.stderr.strip()[-400:]}")
        return server

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, _pg_bin("pg_ctl"), "-D", str(self.data / "db"), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.data, ignore_errors=True)


@dataclass
class ChromaServer:
    process: subprocess.Popen
    path: Path
    port: int

    @classmethod
    def start(cls, port: int) -> ChromaServer:
        chroma = Path(sys.executable).parent / "chroma"
        if not chroma.exists():
            raise ServerUnavailable("the chroma command is not in the venv")
        path = Path(tempfile.mkdtemp(prefix="tactful-chroma-"))
        log = (path / "server.log").open("w")
        process = subprocess.Popen(
            [str(chroma), "run", "--path", str(path / "data"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if process.poll() is not None:
                raise ServerUnavailable(f"chroma exited: {(path / 'server.log').read_text()[-400:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return cls(process, path, port)
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        process.kill()
        raise ServerUnavailable("chroma did not answer within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.path, ignore_errors=True)
