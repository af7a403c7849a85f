"""How long a desk session lasts, and the sessions ended by signing out.

The session cookie is signed, not stored, so clearing it in one browser
would leave any copy of it working. Each sign-in therefore gets a random
id and its start time; signing out records the id in a small SQLite file
in the instance folder (beside tokens.db, never in the published
claims.db), which every worker process reads, and a session past its
lifetime is refused whatever its cookie says. An ended id is kept only
until the session would have expired anyway.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from .. import auth
from ..db import cached_connection, connect, immediate

SESSIONS_FILE = "desk-sessions.db"
SCHEMA = """
CREATE TABLE IF NOT EXISTS ended_sessions (
    id TEXT PRIMARY KEY,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
"""

_ready: set[Path] = set()


def _path(instance_path: str | Path) -> Path:
    """The file, made private and given its table once per process."""
    path = Path(instance_path) / SESSIONS_FILE
    if path not in _ready:
        path.parent.mkdir(mode=auth.FOLDER_MODE, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, auth.TOKENS_MODE))
        path.chmod(auth.TOKENS_MODE)
        database = connect(path)
        try:
            database.executescript(SCHEMA)
        finally:
            database.close()
        _ready.add(path)
    return path


def begin(session: MutableMapping[str, Any]) -> None:
    """Give a new sign-in its id and start time."""
    session["sid"] = secrets.token_urlsafe(18)
    session["started"] = time.time()


def expired(session: MutableMapping[str, Any], lifetime_seconds: float) -> bool:
    """Past its lifetime, or from before sessions had one."""
    started = session.get("started")
    if not isinstance(started, int | float) or not isinstance(session.get("sid"), str):
        return True
    return not 0 <= time.time() - started < lifetime_seconds


def signed_out(instance_path: str | Path, session: MutableMapping[str, Any]) -> bool:
    """Whether this session was signed out (in any browser holding it)."""
    database = cached_connection(_path(instance_path))
    row = database.conn.execute("SELECT 1 FROM ended_sessions WHERE id = ?", [session.get("sid")]).fetchone()
    return row is not None


def end(instance_path: str | Path, session: MutableMapping[str, Any], lifetime_seconds: float) -> None:
    """Record the session as signed out, and forget those that have expired since."""
    sid, started = session.get("sid"), session.get("started")
    if not isinstance(sid, str) or not isinstance(started, int | float):
        return
    database = connect(_path(instance_path))
    try:
        with immediate(database):
            database.conn.execute(
                "INSERT OR IGNORE INTO ended_sessions (id, expires_at) VALUES (?, ?)",
                [sid, started + lifetime_seconds],
            )
            database.conn.execute("DELETE FROM ended_sessions WHERE expires_at < ?", [time.time()])
    finally:
        database.close()
