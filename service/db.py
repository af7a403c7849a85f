"""Connections, PRAGMAs, transactions and the migration runner.

Every connection is opened by :func:`connect`, so every connection gets WAL,
``busy_timeout`` and ``foreign_keys=ON``. Every write goes through
:func:`transaction`, one ``BEGIN IMMEDIATE`` each: the write lock is taken
up front, so two writers queue on ``busy_timeout`` instead of one failing
half-way with "database is locked" when it upgrades a read lock.
"""

from __future__ import annotations

import fcntl
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from . import migrations

if TYPE_CHECKING:
    from flask import Flask

DEFAULT_BUSY_TIMEOUT_MS = 5000


class WriterQueue:
    """Where writers to one database file wait their turn, in this process.

    Threads queue on a lock, processes on an advisory lock of a file beside
    the database. Both hand over the moment they are released, where
    SQLite's own busy handler makes waiting writers poll with growing
    sleeps, which shows as long tail latencies under load.
    """

    def __init__(self, path: str) -> None:
        self.threads = threading.RLock()  # re-entrant: a nested BEGIN fails loudly, not silently
        self.file = open(f"{path}.writer.lock", "a+b")  # kept open for the process's life

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self.threads:
            fcntl.flock(self.file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self.file, fcntl.LOCK_UN)


_queues: dict[str, WriterQueue] = {}
_queues_lock = threading.Lock()


def writer_queue(path: str) -> WriterQueue:
    with _queues_lock:
        if path not in _queues:
            _queues[path] = WriterQueue(path)
        return _queues[path]


def close_writer_queues() -> None:
    """Let go of every queue's lock file (for tests, which make many files)."""
    with _queues_lock:
        for queue in _queues.values():
            queue.file.close()
        _queues.clear()


class Database(sqlite_utils.Database):
    """sqlite-utils' database, knowing the file it was opened on."""

    path: str | None = None


def connect(
    path: str | Path,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    synchronous: str = "FULL",
    check_same_thread: bool = True,
    must_exist: bool = False,
) -> sqlite_utils.Database:
    # isolation_level=None: the driver never opens a transaction on its own;
    # transaction() and read_snapshot() open them explicitly.
    target = f"{Path(path).resolve().as_uri()}?mode=rw" if must_exist else str(path)
    conn = sqlite3.connect(
        target,
        isolation_level=None,
        timeout=busy_timeout_ms / 1000,
        check_same_thread=check_same_thread,
        uri=must_exist,
    )
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal" and str(path) != ":memory:":
        raise RuntimeError(f"could not put {path} in WAL mode (got {mode})")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    # Statement journals (one per write that fires triggers) and sorts stay
    # in memory rather than in temporary files.
    conn.execute("PRAGMA temp_store = MEMORY")
    database = Database(conn, execute_plugins=False)
    if str(path) != ":memory:":
        database.path = str(Path(path).resolve())
    return database


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One ``BEGIN IMMEDIATE`` transaction: all of it lands, or none of it.

    The writer first waits its turn in the file's :class:`WriterQueue`;
    ``busy_timeout`` still guards against writers that do not queue.
    """
    path = getattr(db, "path", None)  # a plain sqlite-utils Database has none
    with writer_queue(path).turn() if path else nullcontext():
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            db.conn.execute("COMMIT")


@contextmanager
def read_snapshot(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Several reads that must see one consistent state of the file."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")


def now() -> str:
    """The current UTC time as stored: ISO 8601 with milliseconds and a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def schema_version(db: sqlite_utils.Database) -> int:
    return db.conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> list[int]:
    """Apply every pending migration, each in its own transaction.

    Returns the versions applied. ``PRAGMA user_version`` records the schema
    version, and is set inside the same transaction as the migration, so a
    crash half-way leaves either the old schema or the new one.
    """
    applied = []
    for version, step in migrations.MIGRATIONS:
        with transaction(db):
            if schema_version(db) >= version:
                continue
            step(db)
            db.conn.execute(f"PRAGMA user_version = {version}")
        applied.append(version)
    return applied


def backup(source: str | Path, target: str | Path) -> dict[str, int | str]:
    """A consistent copy of ``source`` at ``target``, taken while writes go on.

    SQLite's online backup API copies every page in one step, under a read
    transaction: in WAL mode writers carry on meanwhile, and the copy is the
    database as of one moment. It is written beside the target and renamed
    into place, so ``target`` is never a half-written file.
    """
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    origin = connect(source)
    try:
        copy = sqlite3.connect(partial)
        try:
            origin.conn.backup(copy)
            integrity = copy.execute("PRAGMA integrity_check").fetchone()[0]
            claims = copy.execute("SELECT count(*) FROM claims").fetchone()[0]
            version = copy.execute("PRAGMA user_version").fetchone()[0]
        finally:
            copy.close()
    finally:
        origin.close()
    if integrity != "ok":
        raise RuntimeError(f"the copy failed its integrity check: {integrity}")
    partial.replace(target)
    return {"claims": claims, "schema_version": version, "bytes": target.stat().st_size}


def latest_version() -> int:
    return migrations.MIGRATIONS[-1][0]


# -- Flask glue: each thread keeps its connections open between requests ----
#
# Opening a connection costs its PRAGMAs, and closing the last one on a file
# checkpoints the WAL; a worker serving request after request need do
# neither each time. A connection is only ever used by the thread that
# opened it, and teardown makes sure no transaction outlives its request.

_connections = threading.local()


def cached_connection(path: str | Path, **options: Any) -> sqlite_utils.Database:
    """This thread's connection to ``path``, opened on first use."""
    pool = _connections.__dict__.setdefault("pool", {})
    key = (str(path), tuple(sorted(options.items())))
    if key not in pool:
        pool[key] = connect(path, **options)
    return pool[key]


def close_cached_connections() -> None:
    """Close this thread's connections (for tests and shutdown)."""
    for database in _connections.__dict__.pop("pool", {}).values():
        database.close()


def get_db() -> sqlite_utils.Database:
    from flask import current_app, g

    if "db" not in g:
        g.db = cached_connection(
            current_app.config["DATABASE"],
            busy_timeout_ms=current_app.config["BUSY_TIMEOUT_MS"],
            synchronous=current_app.config["SYNCHRONOUS"],
        )
    return g.db


def release_db(_error: BaseException | None = None) -> None:
    from flask import g

    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.execute("ROLLBACK")


def init_app(app: Flask) -> None:
    app.teardown_appcontext(release_db)
