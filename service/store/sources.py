"""Sources: the articles, press conferences and posts claims are found in."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from ..anchors import AnchorError, from_columns, resolve
from ..errors import Conflict, FieldError, InBatch
from ..normalize import normalize_url
from . import records

LABEL = "source"
#: A source as shown inside another record (a claim, an appearance, a
#: ClaimReview's appearance): the one query that reads it.
SUMMARY_COLUMNS = ("id", "title", "url", "publisher", "published_on", "kind")


def summaries(db: sqlite_utils.Database, source_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The summaries of these sources, by id, read at once."""
    wanted = sorted(set(source_ids))
    if not wanted:
        return {}
    where, params = records.among("id", wanted)
    rows = db.conn.execute(f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM sources WHERE {where}", params)
    return {row[0]: dict(zip(SUMMARY_COLUMNS, row, strict=True)) for row in rows}


def present_many(
    db: sqlite_utils.Database, rows: list[dict[str, Any]], *, with_text: bool = True
) -> list[dict[str, Any]]:
    """Sources as the API answers them, their claim counts read for all of
    ``rows`` at once."""
    claim_counts = records.counts(db, "claims", "source_id", [row["id"] for row in rows])
    found = []
    for row in rows:
        source = records.decode(row)
        source.pop("url_key", None)
        if not with_text:
            source.pop("text", None)
        source["claim_count"] = claim_counts.get(source["id"], 0)
        found.append(source)
    return found


def get(db: sqlite_utils.Database, source_id: int) -> dict[str, Any]:
    return present_many(db, [records.fetch_or_404(db, "sources", source_id, LABEL)])[0]


def _url_taken(existing_id: int) -> Conflict:
    return Conflict(
        f"A source with this URL already exists: {existing_id}.",
        errors=[FieldError("url", "Already stored.")],
        existing_id=existing_id,
    )


def _check_url(db: sqlite_utils.Database, values: dict[str, Any], source_id: int | None) -> None:
    """Key a changed URL; refuse it if another source has one of that key."""
    if "url" not in values:
        return
    values["url_key"] = normalize_url(values["url"]) if values["url"] is not None else None
    if values["url_key"] is None:
        return
    existing = db.conn.execute(
        "SELECT id FROM sources WHERE url_key = ? AND id IS NOT ?", [values["url_key"], source_id]
    ).fetchone()
    if existing:
        raise _url_taken(existing[0])


def with_urls(db: sqlite_utils.Database, url_keys: list[str]) -> dict[str, int]:
    """The sources stored under these URL keys (:func:`normalize_url`), by key."""
    return dict(
        db.conn.execute(
            "SELECT url_key, id FROM sources WHERE url_key IN (SELECT value FROM json_each(?))",
            [json.dumps(url_keys, ensure_ascii=False)],
        )
    )


def create(db: sqlite_utils.Database, data: dict[str, Any], actor: str) -> int:
    return records.one(create_many, db, data, actor)


def create_many(db: sqlite_utils.Database, batch: list[dict[str, Any]], actor: str) -> list[int]:
    """Create sources; their URLs are checked against the stored ones in one
    query. An error is raised as :class:`InBatch`, naming its place."""
    rows = [records.encode(data) for data in batch]
    for row in rows:
        # The URL is kept as given; its key finds the other spellings of it.
        row["url_key"] = normalize_url(row["url"]) if row.get("url") is not None else None
    taken = with_urls(db, [row["url_key"] for row in rows if row["url_key"] is not None])
    batched: set[str] = set()
    for index, row in enumerate(rows):
        if row["url_key"] is None:
            continue
        if row["url_key"] in taken:
            raise InBatch(index, _url_taken(taken[row["url_key"]]))
        if row["url_key"] in batched:
            raise InBatch(index, Conflict("This URL is given twice in this batch."))
        batched.add(row["url_key"])
    return records.insert_many(db, "sources", rows, actor)


def _anchored_rows(db: sqlite_utils.Database, source_id: int) -> list[tuple[str, dict[str, Any]]]:
    rows = [
        ("claim", row)
        for row in records.rows(
            db, "SELECT * FROM claims WHERE source_id = ? AND anchor_exact IS NOT NULL", [source_id]
        )
    ]
    rows += [
        ("appearance", row)
        for row in records.rows(
            db, "SELECT * FROM appearances WHERE source_id = ? AND anchor_exact IS NOT NULL", [source_id]
        )
    ]
    return rows


def _check_anchors_survive(db: sqlite_utils.Database, source_id: int, text: str | None) -> None:
    """Refuse a new text (or none) that no longer holds every quote anchored
    in this source; otherwise move the anchors' offsets to the new text,
    found again from their quote selectors."""
    broken: list[tuple[str, dict[str, Any], str]] = []
    for table, row in _anchored_rows(db, source_id):
        if text is None:
            broken.append((table, row, "the source would have no text to hold it"))
            continue
        try:
            moved = resolve(text, from_columns(row, keep_offsets=False))
        except AnchorError as error:
            broken.append((table, row, str(error)))
            continue
        # The new text may quote with other marks or spacing: the anchor
        # keeps the text's own characters.
        db.table(f"{table}s").update(
            row["id"], {"anchor_exact": moved.exact, "anchor_start": moved.start, "anchor_end": moved.end}
        )
    if broken:
        claim_ids = sorted({row["id"] if table == "claim" else row["claim_id"] for table, row, _ in broken})
        raise Conflict(
            f"The change would lose words quoted from this source by claim(s) {', '.join(map(str, claim_ids))}.",
            errors=[FieldError("text", f"{table} {row['id']}: {why}.") for table, row, why in broken],
            claim_ids=claim_ids,
        )


def update(
    db: sqlite_utils.Database,
    source_id: int,
    changes: dict[str, Any],
    expected_version: records.Expected | None,
    actor: str,
    reason: str | None = None,
) -> None:
    before = records.fetch_or_404(db, "sources", source_id, LABEL)
    records.check_version(before, expected_version, LABEL)
    values = records.encode(changes)
    _check_url(db, values, source_id)
    if "text" in values and values["text"] != before["text"]:
        _check_anchors_survive(db, source_id, values["text"])
    records.update(db, "sources", before, values, actor, reason)


def delete(
    db: sqlite_utils.Database,
    source_id: int,
    expected_version: records.Expected | None,
    actor: str,
    reason: str | None = None,
) -> None:
    before = records.fetch_or_404(db, "sources", source_id, LABEL)
    records.check_version(before, expected_version, LABEL)
    used = records.count(
        db,
        "SELECT (SELECT count(*) FROM claims WHERE source_id = :id)"
        " + (SELECT count(*) FROM appearances WHERE source_id = :id)",
        {"id": source_id},
    )
    if used:
        raise Conflict(f"Source {source_id} is cited by {used} claim(s) or appearance(s).")
    records.delete(db, "sources", before, actor, reason)


def listing(
    db: sqlite_utils.Database,
    *,
    q: str | None,
    publisher: str | None,
    kind: str | None,
    after: int | None,
    limit: int,
) -> records.Page:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if q:
        where.append("id IN (SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?)")
        params.append(records.fts_query(q))
    if publisher:
        where.append("publisher = ? COLLATE NOCASE")
        params.append(publisher)
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if after is not None:
        where.append("id > ?")
        params.append(after)
    sql = f"SELECT * FROM sources WHERE {' AND '.join(where)} ORDER BY id"
    return records.page(db, sql, params, limit, present=lambda rows: present_many(db, rows, with_text=False))
