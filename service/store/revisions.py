"""The public history of every change: who changed what, when, and why."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from . import records

# A link belongs to the history of both claims it joins.
ABOUT_CLAIM = (
    "(revisions.claim_id = :claim_id OR (revisions.table_name = 'claim_links'"
    " AND json_extract(coalesce(revisions.after, revisions.before), '$.target_id') = :claim_id))"
)


def present(row: dict[str, Any]) -> dict[str, Any]:
    revision = dict(row)
    for side in ("before", "after"):
        revision[side] = json.loads(revision[side]) if revision[side] is not None else None
    return revision


def listing(
    db: sqlite_utils.Database,
    filters: dict[str, Any],
    *,
    after: int | None,
    limit: int,
    oldest_first: bool = False,
) -> records.Page:
    """A page of revisions."""
    where, params = [], {}
    if filters.get("claim_id") is not None:
        where.append(ABOUT_CLAIM)
        params["claim_id"] = filters["claim_id"]
    for column in ("table_name", "row_id", "actor"):
        if filters.get(column) is not None:
            where.append(f"revisions.{column} = :{column}")
            params[column] = filters[column]
    if after is not None:
        where.append("revisions.id > :after" if oldest_first else "revisions.id < :after")
        params["after"] = after
    sql = "SELECT * FROM revisions"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY id {'ASC' if oldest_first else 'DESC'}"
    return records.page(db, sql, params, limit, present=lambda rows: [present(row) for row in rows])
