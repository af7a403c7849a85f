"""Connections, PRAGMAs, transactions and the migration runner.

Every connection is opened by :func:`connect`, so every connection gets WAL,
``busy_timeout`` and ``foreign_keys=ON``. Every write is a ``BEGIN
IMMEDIATE`` transaction: the write lock is taken up front, so two writers
queue instead of one failing half-way with "database is locked" when it
upgrades a read lock. The API's writes go through :func:`write`, which lets
the writes that arrive together share one commit; one-off writers (the
fixtures loader, the CLI, migrations) use :func:`transaction`.
"""

from __future__ import annotations

import fcntl
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import sqlite_utils

from . import migrations

if TYPE_CHECKING:
    from flask import Flask

DEFAULT_BUSY_TIMEOUT_MS = 5000

log = logging.getLogger("service.db")
Result = TypeVar("Result")


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
        # Group commit: who is waiting to write, and whether a group is in flight.
        self.arrivals = threading.Condition(threading.Lock())
        self.waiting: list[PendingWrite] = []
        self.leading = False

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self.threads:
            fcntl.flock(self.file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self.file, fcntl.LOCK_UN)

    def write(self, db: sqlite_utils.Database, work: Callable[[sqlite_utils.Database], Result]) -> Result:
        """Run ``work(db)`` in a transaction shared with the writes that
        arrive meanwhile; answer its result once that transaction is on disk.

        With ``synchronous=FULL`` every commit waits for an fsync, so one
        commit per write caps writes at the disk's fsync rate. Here the
        first writer to arrive leads: once it has the queue's turn, it runs
        every write waiting by then, each in its own savepoint, and commits
        them once. Writes that arrive during that commit wait for it to
        finish, and the next leader commits them together. A write's error undoes
        only its own savepoint and is raised in its own thread; nothing is
        answered before the commit that holds it has returned.

        ``work`` runs on the leader's thread and connection: it must take
        everything it needs from its arguments, never from thread-locals
        such as Flask's request or ``g``.
        """
        pending = PendingWrite(work)
        with self.arrivals:
            self.waiting.append(pending)
            while self.leading and not pending.done:
                self.arrivals.wait()
            leads = not pending.done
            if leads:
                self.leading = True
        if leads:
            try:
                with self.turn():
                    # Whoever arrived while another process held the turn joins too.
                    with self.arrivals:
                        group, self.waiting = self.waiting, []
                    self.commit_group(db, group)
            finally:
                with self.arrivals:
                    self.leading = False
                    self.arrivals.notify_all()
        if pending.error is not None:
            raise pending.error
        return pending.result

    def commit_group(self, db: sqlite_utils.Database, group: list[PendingWrite]) -> None:
        try:
            with immediate(db):
                for pending in group:
                    try:
                        with savepoint(db):
                            pending.result = pending.work(db)
                    except Exception as error:
                        if not db.conn.in_transaction:
                            raise  # SQLite rolled the whole transaction back
                        pending.error = error
            if log.isEnabledFor(logging.DEBUG):
                log.debug("one commit for %d writes", len(group))
        except BaseException as error:
            # Nothing of this group was committed: no write in it succeeded.
            for pending in group:
                if pending.error is None:
                    pending.error, pending.result = error, None
        finally:
            for pending in group:
                pending.done = True


class PendingWrite:
    """One write handed to a :meth:`WriterQueue.write` group, and its outcome."""

    def __init__(self, work: Callable[[sqlite_utils.Database], Any]) -> None:
        self.work = work
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None


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
    with writer_queue(path).turn() if path else nullcontext(), immediate(db):
        yield db


@contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any error, for
    a caller that already has its turn in the :class:`WriterQueue`."""
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
def savepoint(db: sqlite_utils.Database) -> Iterator[None]:
    """A savepoint inside the transaction: what runs in it is undone alone
    if it fails. Its one name keeps the statements prepared in the driver's
    cache, where sqlite-utils' ``atomic()`` names every savepoint anew."""
    db.conn.execute("SAVEPOINT grouped_write")
    try:
        yield
    except BaseException:
        # An error that ended the whole transaction left no savepoint to undo.
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK TO grouped_write")
            db.conn.execute("RELEASE grouped_write")
        raise
    else:
        db.conn.execute("RELEASE grouped_write")


def write(db: sqlite_utils.Database, work: Callable[[sqlite_utils.Database], Result]) -> Result:
    """``work(db)`` in a write transaction, sharing its commit with the
    writes that arrive meanwhile in this process (:meth:`WriterQueue.write`)."""
    path = getattr(db, "path", None)
    if path is None:  # an in-memory or plain sqlite-utils database: no queue
        with transaction(db):
            return work(db)
    return writer_queue(path).write(db, work)


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
