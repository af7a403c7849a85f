"""Run the service's processes together: ``python -m service.serve``.

A small supervisor: it starts every process, and if one of them exits, it
stops the others and exits with an error, so a container or a terminal
never keeps running half a service. SIGINT (Ctrl-C) and SIGTERM stop all
of them cleanly.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from types import FrameType

from . import config, preflight, publish

STOP_GRACE_SECONDS = 10


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
    plan = processes()
    host = config.env("CLAIMS_HOST")
    stopping = False

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    children = {name: subprocess.Popen(command) for name, (command, _) in plan.items()}
    for name, (_, port) in plan.items():
        print(f"{name}: http://{host}:{port}/", file=sys.stderr)
    try:
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    print(f"{name} exited with status {child.returncode}; stopping", file=sys.stderr)
                    return 1
            time.sleep(0.2)
        return 0
    finally:
        stop(children)


if __name__ == "__main__":
    sys.exit(main())
