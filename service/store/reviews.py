"""Fact-check reviews: a rating of a claim, with its explanation and evidence."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import claims, records

LABEL = "review"


def present(row: dict[str, Any]) -> dict[str, Any]:
    return records.decode(row)


def get(db: sqlite_utils.Database, review_id: int) -> dict[str, Any]:
    return present(records.fetch_or_404(db, "reviews", review_id, LABEL))


def for_claim(db: sqlite_utils.Database, claim_id: int) -> list[dict[str, Any]]:
    """A claim's reviews, latest first (the first is the claim's verdict)."""
    rows = records.rows(db, f"SELECT * FROM reviews WHERE claim_id = ? ORDER BY {claims.LATEST_FIRST}", [claim_id])
    return [present(row) for row in rows]


def create(db: sqlite_utils.Database, claim_id: int, data: dict[str, Any], actor: str) -> int:
    claims.live(db, claim_id)
    return records.insert(db, "reviews", records.encode({**data, "claim_id": claim_id}), actor)


def _editable(db: sqlite_utils.Database, review_id: int, expected: records.Expected | None) -> dict[str, Any]:
    before = records.fetch_or_404(db, "reviews", review_id, LABEL)
    claims.live(db, before["claim_id"])
    records.check_version(before, expected, LABEL)
    return before


def update(
    db: sqlite_utils.Database,
    review_id: int,
    changes: dict[str, Any],
    expected: records.Expected | None,
    actor: str,
    reason: str | None = None,
) -> None:
    before = _editable(db, review_id, expected)
    records.update(db, "reviews", before, records.encode(changes), actor, reason)


def delete(
    db: sqlite_utils.Database, review_id: int, expected: records.Expected | None, actor: str, reason: str | None = None
) -> None:
    records.delete(db, "reviews", _editable(db, review_id, expected), actor, reason)
