"""What every table shares: reading a row, versioned writes, revisions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

import sqlite_utils

from ..db import now
from ..errors import InBatch, NotFound, PreconditionFailed, PreconditionRequired

Item = TypeVar("Item")

#: JSON as stored: UTF-8 text, not \u escapes. One encoder serves every
#: call (json.dumps builds a new one for each call with options).
to_json = json.JSONEncoder(ensure_ascii=False).encode
#: Revisions are compact, as SQLite's json_object writes the "create" ones.
_revision_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
#: Columns stored as JSON text, returned as lists.
JSON_COLUMNS = {"tags", "authors", "aliases", "evidence"}
ANCHOR_FIELDS = ("exact", "prefix", "suffix", "start", "end")
#: For rows that belong to a claim: the column naming it, so a claim's
#: history can be read in one query.
CLAIM_COLUMN = {"claims": "id", "claim_links": "claim_id", "appearances": "claim_id", "reviews": "claim_id"}


def decode(row: dict[str, Any]) -> dict[str, Any]:
    """Turn a stored row into the shape the API speaks."""
    out = dict(row)
    for column in JSON_COLUMNS & out.keys():
        out[column] = json.loads(out[column]) if out[column] else []
    if "anchor_exact" in out:
        anchor = {field: out.pop(f"anchor_{field}") for field in ANCHOR_FIELDS}
        out["anchor"] = anchor if anchor["exact"] is not None else None
    return out


def encode(values: dict[str, Any]) -> dict[str, Any]:
    """Turn API-shaped values into stored columns."""
    out = dict(values)
    for column in JSON_COLUMNS & out.keys():
        out[column] = to_json(out[column])
    if "anchor" in out:
        anchor = out.pop("anchor") or {}
        for field in ANCHOR_FIELDS:
            out[f"anchor_{field}"] = anchor.get(field)
    return out


def rows(
    db: sqlite_utils.Database, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> Iterator[dict[str, Any]]:
    """The rows of a read, as dicts, straight from the connection (sqlite-utils'
    ``query`` wraps each read in a savepoint, which a read does not need)."""
    cursor = db.conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def fetch(db: sqlite_utils.Database, table: str, row_id: int) -> dict[str, Any] | None:
    return next(rows(db, f"SELECT * FROM [{table}] WHERE id = ?", [row_id]), None)


def fetch_or_404(db: sqlite_utils.Database, table: str, row_id: int, label: str) -> dict[str, Any]:
    row = fetch(db, table, row_id)
    if row is None:
        raise NotFound(f"No {label} with id {row_id}.")
    return row


@dataclass(frozen=True)
class Expected:
    """The versions a write may be based on, as the client's If-Match said.

    It is checked only once the record has been read inside the write
    transaction, so a missing record is a 404 before any precondition.
    """

    sent: bool  # False: no If-Match at all
    #: None (when sent): "*", any version. Empty: the tags name no version
    #: of this record. A list may name several: any one of them matches.
    versions: frozenset[int] | None = None


def check_version(row: dict[str, Any], expected: Expected | None, label: str) -> None:
    """Refuse a write that is not based on the version stored now.

    ``expected`` None is for the service's own writes (the fixtures loader).
    """
    if expected is None:
        return
    if not expected.sent:
        raise PreconditionRequired(f"Send If-Match with the ETag of the {label} you last read.")
    if expected.versions is None or row["version"] in expected.versions:
        return
    if not expected.versions:
        raise PreconditionFailed(f"If-Match does not name a version of this {label}.")
    named = " or ".join(str(version) for version in sorted(expected.versions))
    raise PreconditionFailed(
        f"The {label} is at version {row['version']}, not {named}; fetch it again and reapply your change.",
        current_version=row["version"],
    )


REVISION_COLUMNS = ("table_name", "row_id", "action", "before", "after", "actor", "reason", "changed_at", "claim_id")
#: SQLite's default limit on the parameters of one statement.
MAX_PARAMETERS = 32_766
ROWS_PER_STATEMENT = 100


def _insert_rows(db: sqlite_utils.Database, table: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
    """Insert rows that share their columns, many to a statement.

    One multi-row INSERT costs one statement (and one statement journal)
    for up to a hundred rows, where executemany pays for each row.
    """
    names = ", ".join(f"[{column}]" for column in columns)
    one = "(" + ", ".join("?" for _ in columns) + ")"
    step = max(1, min(ROWS_PER_STATEMENT, MAX_PARAMETERS // len(columns)))
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        params = [value for row in chunk for value in row]
        db.conn.execute(f"INSERT INTO [{table}] ({names}) VALUES {', '.join(one for _ in chunk)}", params)


def record_revision(
    db: sqlite_utils.Database,
    table: str,
    row_id: int,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor: str,
    reason: str | None = None,
) -> None:
    """Record a change to one row (see :func:`insert_many` for creations)."""
    whole = after if after is not None else before
    claim_column = CLAIM_COLUMN.get(table)
    claim_id = whole.get(claim_column) if whole is not None and claim_column else None
    if before is not None and after is not None:
        # Keep only what changed, so a revision reads as a diff.
        changed = {key for key in after if before.get(key) != after.get(key)}
        before = {key: before.get(key) for key in changed}
        after = {key: after[key] for key in changed}
    revision = [
        table,
        row_id,
        action,
        None if before is None else _revision_json(before),
        None if after is None else _revision_json(after),
        actor,
        reason,
        now(),
        claim_id,
    ]
    _insert_rows(db, "revisions", REVISION_COLUMNS, [revision])


def insert(
    db: sqlite_utils.Database,
    table: str,
    values: dict[str, Any],
    actor: str,
    reason: str | None = None,
    *,
    versioned: bool = True,
) -> int:
    return insert_many(db, table, [values], actor, reason, versioned=versioned)[0]


def _columns(db: sqlite_utils.Database, table: str) -> list[str]:
    """A table's columns, kept with the connection for each schema cookie:
    the cookie changes with every change to the schema, migrations included."""
    (cookie,) = db.conn.execute("PRAGMA schema_version").fetchone()
    kept = db.__dict__.setdefault("_column_lists", {})
    if (cookie, table) not in kept:
        kept[(cookie, table)] = [column for _, column, *_ in db.conn.execute(f"PRAGMA table_info([{table}])")]
    return kept[(cookie, table)]


def insert_many(
    db: sqlite_utils.Database,
    table: str,
    rows: list[dict[str, Any]],
    actor: str,
    reason: str | None = None,
    *,
    versioned: bool = True,
) -> list[int]:
    """Insert ``rows`` and a "create" revision for each; return their ids.

    The caller holds the write transaction, so the ids that come next are
    known in advance: they are given explicitly, which lets rows that share
    their columns go in many to a statement, and the whole batch be found
    again, for its revisions, by one range of ids.
    """
    if not rows:
        return []
    stamp = now()
    (last,) = db.conn.execute(
        f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),"
        f" coalesce((SELECT max(id) FROM [{table}]), 0))",
        [table],
    ).fetchone()
    first = last + 1
    ids = list(range(first, first + len(rows)))
    shapes: dict[tuple[str, ...], list[list[Any]]] = {}
    for row_id, values in zip(ids, rows, strict=True):
        row = {"id": row_id, **values, "created_at": stamp}
        if versioned:
            row["updated_at"] = stamp
        shapes.setdefault(tuple(row), []).append(list(row.values()))
    for columns, shaped in shapes.items():
        _insert_rows(db, table, columns, shaped)
    # Each row's "create" revision holds the row as stored, defaults and
    # all; SQLite writes them for the whole batch in one statement.
    snapshot = ", ".join(f"'{column}', [{column}]" for column in _columns(db, table))
    claim_id = f"[{CLAIM_COLUMN[table]}]" if table in CLAIM_COLUMN else "NULL"
    db.conn.execute(
        f"INSERT INTO revisions ({', '.join(REVISION_COLUMNS)})"
        f" SELECT ?, id, 'create', NULL, json_object({snapshot}), ?, ?, ?, {claim_id}"
        f" FROM [{table}] WHERE id BETWEEN ? AND ? ORDER BY id",
        [table, actor, reason, stamp, first, ids[-1]],
    )
    return ids


def update(
    db: sqlite_utils.Database,
    table: str,
    before: dict[str, Any],
    changes: dict[str, Any],
    actor: str,
    reason: str | None = None,
    *,
    action: str = "update",
) -> dict[str, Any]:
    """Apply ``changes`` to the row ``before``, bump its version, record it."""
    # The caller read ``before`` inside this write transaction, so no other
    # writer can have moved the version since.
    stamped = {**changes, "version": before["version"] + 1, "updated_at": now()}
    assignments = ", ".join(f"[{column}] = ?" for column in stamped)
    db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*stamped.values(), before["id"]])
    after = fetch(db, table, before["id"])
    assert after is not None
    record_revision(db, table, before["id"], action, before, after, actor, reason)
    return after


def delete(
    db: sqlite_utils.Database,
    table: str,
    before: dict[str, Any],
    actor: str,
    reason: str | None = None,
) -> None:
    db.execute(f"DELETE FROM [{table}] WHERE id = ?", [before["id"]])
    record_revision(db, table, before["id"], "delete", before, None, actor, reason)


def one(
    write_many: Callable[[sqlite_utils.Database, list[Item], str], list[int]],
    db: sqlite_utils.Database,
    item: Item,
    actor: str,
) -> int:
    """Write one item through a batch writer; its error is raised as it is,
    not as :class:`InBatch`."""
    try:
        return write_many(db, [item], actor)[0]
    except InBatch as failure:
        raise failure.error from None


class Page(NamedTuple):
    """One page of a list, and the position after its last item (None at the end)."""

    items: list[Any]
    next: dict[str, Any] | None


def _after_id(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"]}


def page(
    db: sqlite_utils.Database,
    sql: str,
    params: list[Any] | dict[str, Any],
    limit: int,
    *,
    present: Callable[[list[dict[str, Any]]], list[Any]],
    position: Callable[[dict[str, Any]], dict[str, Any]] = _after_id,
) -> Page:
    """One page of the ordered read ``sql``: every list is paged here.

    One row more than ``limit`` is read, to know whether another page
    follows. ``present`` turns the page's rows into its items, all at once,
    so that related rows are read for the whole page; ``position`` is the
    place after a row, from which the next page starts (keyed on position,
    not offset, so a page token stays valid while new rows arrive).
    """
    if isinstance(params, dict):
        found = list(rows(db, f"{sql} LIMIT :page_limit", {**params, "page_limit": limit + 1}))
    else:
        found = list(rows(db, f"{sql} LIMIT ?", [*params, limit + 1]))
    more = len(found) > limit
    found = found[:limit]
    after = position(found[-1]) if more and found else None
    return Page(present(found), after)


def count(db: sqlite_utils.Database, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> int:
    return db.conn.execute(sql, params).fetchone()[0]


def among(column: str, values: Iterable[int]) -> tuple[str, list[Any]]:
    """``column`` is one of ``values``, as SQL and its parameter, for reading
    related rows for a whole page at once. The values travel as one JSON
    parameter, so the SQL (and the statement SQLite prepares and keeps) is
    the same however many there are; a single value is plain ``= ?``,
    which SQLite answers faster (one claim is read more than any page)."""
    wanted = sorted(set(values))
    if len(wanted) == 1:
        return f"{column} = ?", wanted
    return f"{column} IN (SELECT value FROM json_each(?))", [id_list(wanted)]


def id_list(ids: Iterable[int]) -> str:
    """Ids as a JSON array, for ``json_each`` (cheaper than json.dumps)."""
    return "[" + ",".join(str(int(row_id)) for row_id in ids) + "]"


def counts(db: sqlite_utils.Database, table: str, column: str, values: list[int]) -> dict[int, int]:
    """How many rows of ``table`` have each of these values in ``column``
    (an indexed column), in one query; values with none are left out."""
    if not values:
        return {}
    where, params = among(f"[{column}]", values)
    return dict(
        db.conn.execute(f"SELECT [{column}], count(*) FROM [{table}] WHERE {where} GROUP BY [{column}]", params)
    )


_CONTROL_AS_SPACE = {code: " " for code in [*range(0x20), 0x7F]}


def fts_query(q: str) -> str:
    """Turn a reader's words into an FTS5 query that cannot be a syntax error.

    Each word becomes a quoted phrase, so FTS5 operators typed by a reader
    (``AND(``, ``NEAR``, ``*``, stray quotes) are searched for as words.
    """
    terms = [fts_phrase(word) for word in q.translate(_CONTROL_AS_SPACE).split()]
    return " ".join(terms) if terms else '""'


def fts_phrase(words: str, *, prefix: bool = False) -> str:
    """``words`` as one quoted FTS5 phrase (``prefix``: its last word may go
    on). A control character (NUL above all) would end FTS5's string early,
    whatever the quoting: it is a space here, as any other separator."""
    quoted = '"' + words.translate(_CONTROL_AS_SPACE).replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted
