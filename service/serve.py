"""Run the service's processes together: ``python -m service.serve``.

A small supervisor: it starts every process, and if one of them exits, it
stops the others and exits with an error, so a container or a terminal
never keeps running half a service. SIGINT (Ctrl-C) and SIGTERM stop all
of them cleanly.

It also keeps the snapshot the public site offers at ``/claims.db``: a
consistent copy made by the backup command's function, once at start and
every ``CLAIMS_SNAPSHOT_MINUTES``.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from . import config, db, logs, preflight, publish

STOP_GRACE_SECONDS = 10
log = logging.getLogger(__name__)


def processes() -> dict[str, tuple[list[str], int]]:
    """Each process by name: its command line and the port it serves."""
    host = config.env("CLAIMS_HOST")
    api_port = int(config.env("CLAIMS_API_PORT"))
    public_port = int(config.env("CLAIMS_DATASETTE_PORT"))
    return {
        "api": (
            [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf", "service:create_app()"],
            api_port,
        ),
        "public": (
            publish.datasette_command(
                config.env("CLAIMS_DB"), host, public_port, threads=int(config.env("CLAIMS_DATASETTE_THREADS"))
            ),
            public_port,
        ),
    }


def banner(host: str, api_port: int, public_port: int) -> list[str]:
    """The addresses printed at start: each one answers (``/`` on the API's
    port only redirects to the desk)."""
    api = f"http://{host}:{api_port}/api/v1"
    return [
        f"desk: http://{host}:{api_port}/desk/",
        f"api: {api}/",
        f"api docs: {api}/docs",
        f"public site: http://{host}:{public_port}/",
    ]


def take_snapshot(database: str | Path) -> Path:
    """Copy ``database`` to where the public site offers it for download."""
    target = publish.snapshot_path(database)
    target.parent.mkdir(exist_ok=True)
    db.backup(database, target)
    return target


def keep_snapshots(database: str | Path, minutes: float, stopping: threading.Event) -> None:
    """Take a snapshot now and every ``minutes`` until ``stopping`` is set.
    A failed copy is reported and tried again next time: the site keeps
    offering the previous one."""
    while not stopping.is_set():
        try:
            take_snapshot(database)
        except Exception:  # any failure leaves the last good copy in place
            log.exception("snapshot of %s failed", database)
        stopping.wait(minutes * 60)


def snapshot_minutes() -> int | None:
    """CLAIMS_SNAPSHOT_MINUTES as a number, or None if it is not one."""
    value = config.env("CLAIMS_SNAPSHOT_MINUTES")
    return int(value) if value.isascii() and value.isdigit() else None


def start_snapshots(stopping: threading.Event) -> threading.Thread | None:
    minutes = snapshot_minutes()
    if not minutes:
        return None
    thread = threading.Thread(
        target=keep_snapshots, args=(config.env("CLAIMS_DB"), minutes, stopping), name="snapshots", daemon=True
    )
    thread.start()
    return thread


def stop(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def main() -> int:
    if preflight.refuse_to_start():
        return 2
    if snapshot_minutes() is None:
        print("cannot start: CLAIMS_SNAPSHOT_MINUTES: must be a whole number of minutes (0 for none)", file=sys.stderr)
        return 2
    # The supervisor's own lines are JSON lines too; the banner below is
    # for the person who started it, and stays plain.
    logs.configure(config.env("CLAIMS_LOG_LEVEL"))
    plan = processes()
    host = config.env("CLAIMS_HOST")
    stopping = False

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    children = {name: subprocess.Popen(command) for name, (command, _) in plan.items()}
    snapshots_stopping = threading.Event()
    start_snapshots(snapshots_stopping)
    for line in banner(host, plan["api"][1], plan["public"][1]):
        print(line, file=sys.stderr)
    try:
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    log.error("%s exited with status %s; stopping", name, child.returncode)
                    return 1
            time.sleep(0.2)
        return 0
    finally:
        snapshots_stopping.set()
        stop(children)


if __name__ == "__main__":
    sys.exit(main())
