"""Editor tokens: issued by the CLI, kept hashed in the instance folder.

``claims.db`` is published, so tokens never go there. A token is 32 random
bytes; only its SHA-256 is stored, so a stolen ``tokens.db`` does not let
anyone in. (A slow password hash buys nothing for a secret of this entropy.)
The stored hash is looked up by index and then compared in constant time.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flask_smorest
import sqlite_utils
from flask import current_app, g, request

from .api.problems import Forbidden, Unauthorized
from .db import cached_connection, connect, now

ROLES = ("editor", "admin")
#: The OpenAPI security requirement of every view that writes.
BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]
TOKEN_PREFIX = "clm_"
SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS tokens_active_name ON tokens(name) WHERE revoked_at IS NULL;
"""


class TokenError(ValueError):
    pass


def tokens_path(instance_path: str | Path) -> Path:
    return Path(instance_path) / "tokens.db"


#: The instance folder and the token file are the service user's alone: the
#: hashes let no one in, but the names, roles and dates are nobody's business.
#: SQLite gives the -wal and -shm files the mode of the database file.
FOLDER_MODE = 0o700
TOKENS_MODE = 0o600


def _open(instance_path: str | Path) -> sqlite_utils.Database:
    folder = Path(instance_path)
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    folder.chmod(FOLDER_MODE)
    path = tokens_path(folder)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, TOKENS_MODE))
    path.chmod(TOKENS_MODE)
    db = connect(path)
    db.executescript(SCHEMA)
    return db


#: Each instance folder's token file, once it is known to be ready, by the
#: folder as given: every request asks, and building paths costs more than the lookup.
_ready: dict[str | Path, str] = {}


def _lookup(instance_path: str | Path, digest: str) -> tuple[str, str, str] | None:
    """Read the token table through this thread's kept connection: each
    request sees the table as it is now, so a revocation counts at once."""
    path = _ready.get(instance_path)
    if path is None:
        _open(instance_path).close()
        path = _ready[instance_path] = str(tokens_path(instance_path))
    tokens = cached_connection(path)
    return tokens.conn.execute(
        "SELECT name, role, token_hash FROM tokens WHERE token_hash = ? AND revoked_at IS NULL", [digest]
    ).fetchone()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(instance_path: str | Path, name: str, role: str = "editor") -> str:
    if role not in ROLES:
        raise TokenError(f"role must be one of {', '.join(ROLES)}")
    if not name.strip():
        raise TokenError("a token needs a name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db = _open(instance_path)
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        if db.conn.execute("SELECT 1 FROM tokens WHERE name = ? AND revoked_at IS NULL", [name]).fetchone():
            db.conn.execute("ROLLBACK")
            raise TokenError(f"an active token named {name!r} exists; revoke it first")
        db.conn.execute(
            "INSERT INTO tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
            [name, role, _digest(token), now()],
        )
        db.conn.execute("COMMIT")
    finally:
        db.close()
    return token


def revoke_token(instance_path: str | Path, name: str) -> int:
    db = _open(instance_path)
    try:
        cursor = db.conn.execute(
            "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", [now(), name]
        )
        return cursor.rowcount
    finally:
        db.close()


def list_tokens(instance_path: str | Path) -> list[dict[str, Any]]:
    db = _open(instance_path)
    try:
        return list(db.query("SELECT name, role, created_at, revoked_at FROM tokens ORDER BY id"))
    finally:
        db.close()


def active_token_count(instance_path: str | Path) -> int:
    db = _open(instance_path)
    try:
        return db.conn.execute("SELECT count(*) FROM tokens WHERE revoked_at IS NULL").fetchone()[0]
    finally:
        db.close()


def authenticate(instance_path: str | Path, header: str | None) -> tuple[str, str]:
    """The (name, role) of the bearer token in ``header``, or Unauthorized."""
    if not header:
        raise Unauthorized("Send Authorization: Bearer <token>.")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or not token.isascii() or len(token) > 200:
        raise Unauthorized("Malformed Authorization header; expected Bearer <token>.")
    digest = _digest(token)
    row = _lookup(instance_path, digest)
    if row is None or not hmac.compare_digest(row[2], digest):
        raise Unauthorized("The token is not valid, or has been revoked.")
    return row[0], row[1]


def token_digest(token: str) -> str:
    """What the desk's session keeps of a token: its hash, never the token."""
    return _digest(token)


def holder(instance_path: str | Path, digest: str) -> tuple[str, str] | None:
    """The (name, role) of the live token with this hash, or None once it
    is revoked: the desk asks on every request."""
    row = _lookup(instance_path, digest)
    if row is None or not hmac.compare_digest(row[2], digest):
        return None
    return row[0], row[1]


WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
#: The editors' pages sign in with a session of their own (service.desk).
DESK_BLUEPRINT = "desk"


def authenticate_writes() -> None:
    """Before any write reaches its view, who is asking: 401 without a live
    token, before the body is even looked at."""
    if request.blueprint == DESK_BLUEPRINT:
        return
    if request.method in WRITE_METHODS and request.url_rule is not None:
        g.actor, g.role = authenticate(current_app.instance_path, request.headers.get("Authorization"))


def requires(role: str = "editor") -> Callable:
    """Decorate a view that writes: it needs a live token with ``role`` or better."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if "actor" not in g:
                g.actor, g.role = authenticate(current_app.instance_path, request.headers.get("Authorization"))
            if ROLES.index(g.role) < ROLES.index(role):
                raise Forbidden(f"Only an {role} token may do this.")
            return view(*args, **kwargs)

        return flask_smorest.Blueprint.doc(security=BEARER)(wrapped)

    return decorator
