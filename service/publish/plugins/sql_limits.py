"""Bounds on what one query may cost the public site, and SQL helpers.

Readers keep arbitrary read-only SQL (the SQL box, ``?sql=`` as JSON and
CSV), so the bounds sit below every query rather than in front of some.
Datasette's own ``sql_time_limit_ms`` is not enough: its progress handler
runs every 1,000 steps of SQLite's virtual machine, and a single step may
build a gigabyte (``randomblob(1e9)``) or scan a long string once per
character of another (``instr``, ``replace``, ``trim``, ``LIKE``).

- **SQLite's own limits** (``Connection.setlimit``). ``SQLITE_LIMIT_LENGTH``
  makes SQLite refuse, up front, to build any string, blob or row longer
  than ``MAX_VALUE_BYTES``: ``randomblob``, ``zeroblob``, ``replace`` or
  ``hex`` growth and ``group_concat`` over a recursive CTE all hit it.
  SQLite also refuses to *read* a stored value longer than that, so it sits
  above the largest value the API can store (a revision's JSON of a
  200,000-character source text: well under 1.2 MB). It is also what keeps
  one step of a linear function (``upper``, ``hex``) to milliseconds.
- **Guarded functions.** ``instr``, ``replace``, ``trim``, ``ltrim`` and
  ``rtrim`` with a second argument take time proportional to the product
  of their arguments' lengths, and SQLite 3.40's ``printf('%.*c', n, c)``
  loops n times even past the length limit. Each is replaced, on these
  connections only, by a check of that cost followed by SQLite's own
  function, run on a private in-memory connection, so results are
  SQLite's exactly. LIKE and GLOB patterns are capped in length instead.
- **A watchdog** interrupts any statement still running after
  ``STATEMENT_SECONDS`` (``sqlite3_interrupt`` is checked on every loop of
  the virtual machine, not every 1,000 steps).
- **A budget on the bytes one cursor hands back** (``MAX_RESULT_BYTES``):
  a row factory tallies each row's size as Datasette will encode it (JSON
  escapes non-ASCII text as ``\\uXXXX``, base64 grows blobs by a third) and
  stops the query past the budget, so 1,000 rows of 1 MB each never reach
  the encoder. It still returns ``sqlite3.Row``, which Datasette relies on.
- Datasette's ``max_csv_mb`` (in ``service/publish/__init__.py``) caps a
  streamed CSV, which is fetched page by page.

tests/test_hostile_public.py measures each attack against a real
``datasette`` process: memory and time per request.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from datasette import hookimpl

#: The longest string, blob or row SQLite will make or read.
MAX_VALUE_BYTES = 2 * 1024 * 1024
#: The most one query may hand back, counted as encoded for JSON.
MAX_RESULT_BYTES = 32 * 1024 * 1024
#: Longest SQL statement: a URL's worth, far above any canned query.
MAX_SQL_BYTES = 100_000
#: A LIKE or GLOB costs its pattern's length times its text's length.
MAX_LIKE_PATTERN_BYTES = 64
#: Character comparisons one call of a guarded function may make (~0.25 s).
MAX_FUNCTION_WORK = 10**10
#: Any statement is interrupted after this long (Datasette's own limit is 1 s).
STATEMENT_SECONDS = 1.25

LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_VALUE_BYTES,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: MAX_SQL_BYTES,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: MAX_LIKE_PATTERN_BYTES,
    sqlite3.SQLITE_LIMIT_COLUMN: 500,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 200,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 100,
}

#: Per value: Python's own overhead, roughly, so many tiny values count too.
VALUE_OVERHEAD = 16


class ResultTooLarge(sqlite3.OperationalError):
    """Raised by the row factory; Datasette shows sqlite3 errors as a 400."""


def encoded_size(value: Any) -> int:
    """About how many bytes ``value`` takes once Datasette encodes it as JSON."""
    if isinstance(value, str):
        return len(value) if value.isascii() else 6 * len(value)
    if isinstance(value, bytes):
        return len(value) * 4 // 3 + 4
    return 24


def budgeted_rows(limit: int) -> Callable[[sqlite3.Cursor, tuple], sqlite3.Row]:
    """A row factory that returns ``sqlite3.Row`` and raises ``ResultTooLarge``
    once one cursor has handed back more than ``limit`` bytes."""
    # Datasette makes a cursor per query; the entry goes with the cursor.
    spent: weakref.WeakKeyDictionary[sqlite3.Cursor, int] = weakref.WeakKeyDictionary()

    def row_factory(cursor: sqlite3.Cursor, values: tuple) -> sqlite3.Row:
        total = spent.get(cursor, 0) + sum(encoded_size(value) + VALUE_OVERHEAD for value in values)
        if total > limit:
            # Closing resets the statement: raised from a row factory, the
            # error would otherwise leave it active for as long as a
            # traceback refers to the cursor, holding a read of the file
            # and keeping any interrupt of the connection pending.
            cursor.close()
            raise ResultTooLarge(
                f"The result is larger than {limit // (1024 * 1024)} MB; ask for fewer rows or columns."
            )
        spent[cursor] = total
        return sqlite3.Row(cursor, values)

    return row_factory


# -- the watchdog --------------------------------------------------------------


class Watchdog:
    """Interrupts a connection whose current statement began too long ago.

    A trace callback notes when each statement starts, on which thread, and
    from which Python frame; a thread checks ten times a second. A
    connection is interrupted only while its thread is still inside SQLite
    for that statement: an interrupt that reaches a connection after its
    statement has ended can outlive it, because SQLite clears the flag only
    once no statement on the connection is active, and a cursor abandoned by
    an error (one a traceback still refers to) stays active until collected.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        # Connections cannot be weakly referenced; an entry is dropped at most
        # ``seconds`` after its statement started, so none is kept for long.
        # The caller's frame is kept by id only, so that its locals (a
        # cursor, say) are not kept alive by the watchdog.
        self._started: dict[int, tuple[sqlite3.Connection, float, int, int]] = {}
        self._thread: threading.Thread | None = None

    def watch(self, conn: sqlite3.Connection) -> None:
        key = id(conn)

        def statement_started(_sql: str) -> None:
            caller = sys._getframe(1)  # the Python code that called into SQLite
            with self._lock:
                self._started[key] = (conn, time.monotonic(), threading.get_ident(), id(caller))

        conn.set_trace_callback(statement_started)
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._patrol, name="sql-watchdog", daemon=True)
                self._thread.start()

    @staticmethod
    def _inside_sqlite(thread_id: int, caller_id: int) -> bool:
        """Whether a thread is still in the SQLite call a statement began in:
        its innermost Python frame is the caller itself (blocked in SQLite),
        or a function of this module that SQLite called back from inside it."""
        frame = sys._current_frames().get(thread_id)
        if frame is None:
            return False
        if id(frame) == caller_id:
            return True
        if frame.f_code.co_filename != __file__:
            return False
        while frame is not None and id(frame) != caller_id:
            frame = frame.f_back
        return frame is not None

    def _patrol(self) -> None:
        while True:
            time.sleep(0.1)
            deadline = time.monotonic() - self.seconds
            with self._lock:
                overdue = [entry for entry in self._started.values() if entry[1] < deadline]
                for conn, *_ in overdue:
                    del self._started[id(conn)]
            for conn, _, thread_id, caller_id in overdue:
                if not self._inside_sqlite(thread_id, caller_id):
                    continue
                try:
                    conn.interrupt()
                except sqlite3.ProgrammingError:  # closed meanwhile
                    pass


WATCHDOG = Watchdog(STATEMENT_SECONDS)


# -- guarded functions -----------------------------------------------------------

_reference = threading.local()


def sqlite_function(name: str, args: tuple) -> Any:
    """SQLite's own ``name(*args)``, on a private connection the guards do not replace."""
    conn = getattr(_reference, "conn", None)
    if conn is None:
        conn = _reference.conn = sqlite3.connect(":memory:")
        for category, limit in LIMITS.items():
            conn.setlimit(category, limit)
    return conn.execute(f"select {name}({', '.join('?' * len(args))})", args).fetchone()[0]


class TooCostly(Exception):
    """Raised by a guard; SQLite reports it as a failed function, a 400."""


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes) else 32


def pairwise_guard(name: str) -> Callable[..., Any]:
    """``name(x, y, ...)`` whose cost is ``len(x) * len(y)``."""

    def guarded(*args: Any) -> Any:
        if _length(args[0]) * _length(args[1]) > MAX_FUNCTION_WORK:
            raise TooCostly(f"{name}() over values this long would take too long")
        return sqlite_function(name, args)

    return guarded


FORMAT_NUMBER = re.compile(r"\d+")


def _as_number(value: Any) -> float:
    try:
        return abs(float(value))
    except (TypeError, ValueError, OverflowError):
        return 0.0


def printf_guard(name: str) -> Callable[..., Any]:
    """``printf``/``format``: no width or precision beyond the longest value."""

    def guarded(*args: Any) -> Any:
        if args and isinstance(args[0], str):
            widths: list[float] = [int(number) for number in FORMAT_NUMBER.findall(args[0][:1000])]
            if "*" in args[0]:
                widths += [_as_number(value) for value in args[1:]]
            if any(width > MAX_VALUE_BYTES for width in widths):
                raise TooCostly(f"{name}() width or precision over {MAX_VALUE_BYTES}")
        return sqlite_function(name, args)

    return guarded


GUARDED: list[tuple[str, int, Callable[..., Any]]] = [
    ("instr", 2, pairwise_guard("instr")),
    ("replace", 3, pairwise_guard("replace")),
    ("trim", 2, pairwise_guard("trim")),
    ("ltrim", 2, pairwise_guard("ltrim")),
    ("rtrim", 2, pairwise_guard("rtrim")),
    ("printf", -1, printf_guard("printf")),
    ("format", -1, printf_guard("format")),
]


# -- helpers for canned queries ----------------------------------------------------

#: Characters XML 1.0 cannot hold (and the C1 controls it discourages).
NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: Any) -> Any:
    """``xml_text(x)`` in SQL: x without the characters an XML document cannot hold."""
    return NOT_XML.sub("", value) if isinstance(value, str) else value


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    for category, limit in LIMITS.items():
        conn.setlimit(category, limit)
    for name, arity, function in GUARDED:
        conn.create_function(name, arity, function, deterministic=True)
    conn.create_function("xml_text", 1, xml_text, deterministic=True)
    conn.row_factory = budgeted_rows(MAX_RESULT_BYTES)
    WATCHDOG.watch(conn)
