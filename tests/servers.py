"""Real server processes for integration tests: gunicorn and datasette."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def environment(database: Path, instance: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        CLAIMS_DB=str(database),
        CLAIMS_INSTANCE_PATH=str(instance),
        CLAIMS_LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def gunicorn_command() -> list[str]:
    return [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf", "service:create_app()"]


@contextmanager
def gunicorn(database: Path, instance: Path, workers: int = 2, **env: str) -> Iterator[str]:
    """A real gunicorn serving the API over ``database``; yields its base URL."""
    port = free_port()
    settings = {"CLAIMS_API_PORT": str(port), "CLAIMS_API_WORKERS": str(workers), **env}
    process = subprocess.Popen(gunicorn_command(), cwd=ROOT, env=environment(database, instance, **settings))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/v1/openapi.json", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def datasette(database: Path, **env: str) -> Iterator[str]:
    """A real ``datasette serve`` process over ``database``; yields its base URL."""
    from service import publish

    port = free_port()
    process = subprocess.Popen(
        publish.datasette_command(database, "127.0.0.1", port),
        cwd=ROOT,
        env=environment(database, database.parent / "instance", **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/-/versions.json", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
