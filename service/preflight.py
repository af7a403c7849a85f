"""Checks made before the servers start, so bad configuration fails at once,
with a message that says what to change, instead of half-way through."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from . import config, publish


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def database_problems(path: str | Path) -> list[str]:
    path = Path(path)
    try:
        publish.check_database_path(path)
    except ValueError as error:
        return [f"CLAIMS_DB: {error}"]
    folder = path.parent.resolve()
    if not folder.is_dir():
        return [f"CLAIMS_DB: the folder {folder} does not exist"]
    # SQLite writes the -wal and -shm files beside the database.
    if not os.access(folder, os.W_OK):
        return [f"CLAIMS_DB: the folder {folder} is not writable"]
    if path.exists() and not os.access(path, os.W_OK):
        return [f"CLAIMS_DB: {path} is not writable"]
    return []


def instance_problems(path: str | Path) -> list[str]:
    path = Path(path)
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK):
        return [f"CLAIMS_INSTANCE_PATH: {target} is not writable"]
    return []


def setting_problems() -> list[str]:
    problems = []
    if not config.env("CLAIMS_PUBLIC_URL").startswith(("http://", "https://")):
        problems.append("CLAIMS_PUBLIC_URL: must be an http(s) URL")
    for name in ("CLAIMS_API_PORT", "CLAIMS_DATASETTE_PORT", "CLAIMS_API_WORKERS", "CLAIMS_DATASETTE_THREADS"):
        value = config.env(name)
        if not value.isdigit() or int(value) < 1:
            problems.append(f"{name}: must be a positive whole number, not {value!r}")
    if config.env("CLAIMS_SYNCHRONOUS").upper() not in ("FULL", "NORMAL", "EXTRA"):
        problems.append("CLAIMS_SYNCHRONOUS: must be FULL, NORMAL or EXTRA")
    if config.env("CLAIMS_LOG_LEVEL").upper() not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        problems.append("CLAIMS_LOG_LEVEL: must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
    # The app reads these with the same checks (config.from_environment).
    for read, name in ((config.whole_hours, "CLAIMS_DESK_SESSION_HOURS"), (config.switch, "CLAIMS_DESK_SECURE_COOKIE")):
        try:
            read(name)
        except ValueError as refused:
            problems.append(str(refused))
    return problems


def problems(*, check_ports: bool = True) -> list[str]:
    """Everything wrong with the configuration, or nothing."""
    found = setting_problems()
    found += database_problems(config.env("CLAIMS_DB"))
    found += instance_problems(config.env("CLAIMS_INSTANCE_PATH"))
    if check_ports and not found:
        host = config.env("CLAIMS_HOST")
        for name in ("CLAIMS_API_PORT", "CLAIMS_DATASETTE_PORT"):
            port = int(config.env(name))
            if not port_is_free(host, port):
                found.append(f"{name}: port {port} is already in use on {host}")
    return found


def refuse_to_start() -> bool:
    """Print every problem with the configuration; True if there were any."""
    found = problems()
    for problem in found:
        print(f"cannot start: {problem}", file=sys.stderr)
    return bool(found)
