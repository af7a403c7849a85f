"""Real server processes for integration tests: gunicorn and datasette."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seeded_database(path: Path) -> Path:
    """A claims.db at ``path`` with the schema and the seed articles."""
    from service import db, fixtures

    database = db.connect(path)
    db.migrate(database)
    fixtures.load(database, ROOT / "fixtures")
    database.close()
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database: Path, instance: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"CLAIMS_DB": str(database), "CLAIMS_INSTANCE_PATH": str(instance), "CLAIMS_LOG_LEVEL": "WARNING"})
    env.update(extra)
    return env


class Server:
    """A server process in its own process group, with its output kept."""

    def __init__(self, command: list[str], env: dict[str, str], port: int, ready_path: str, log: Path) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self._ready = self.base + ready_path
        self._output = log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._output, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_until_up(self, timeout: float = 30) -> Server:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self._ready, timeout=2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"{self._ready} did not answer within {timeout}s")

    def kill(self) -> None:
        """SIGKILL the whole process group: master and workers, no goodbyes."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._output.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self._output.close()


def start_gunicorn(database: Path, instance: Path, workers: int = 2, **env: str) -> Server:
    port = free_port()
    settings = {"CLAIMS_API_PORT": str(port), "CLAIMS_API_WORKERS": str(workers), **env}
    command = [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf", "service:create_app()"]
    log = database.parent / "gunicorn.log"
    return Server(command, environment(database, instance, **settings), port, "/api/v1/openapi.json", log)


def start_datasette(database: Path, port: int | None = None, **env: str) -> Server:
    from service import publish

    port = port or free_port()
    command = publish.datasette_command(database, "127.0.0.1", port)
    log = database.parent / "datasette.log"
    env_vars = environment(database, database.parent / "instance", **env)
    return Server(command, env_vars, port, "/-/versions.json", log)


@contextmanager
def gunicorn(database: Path, instance: Path, workers: int = 2, **env: str) -> Iterator[str]:
    """A real gunicorn serving the API over ``database``; yields its base URL."""
    server = start_gunicorn(database, instance, workers, **env)
    try:
        yield server.wait_until_up().base
    finally:
        server.stop()


@contextmanager
def datasette(database: Path, port: int | None = None, **env: str) -> Iterator[str]:
    """A real ``datasette serve`` process over ``database``; yields its base URL."""
    server = start_datasette(database, port, **env)
    try:
        yield server.wait_until_up().base
    finally:
        server.stop()
