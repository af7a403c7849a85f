"""Appearances: a claim repeated in further sources."""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any

import sqlite_utils

from ...errors import Conflict, DomainError, FieldError, NotFound
from .. import records
from . import batches
from .read import appearances, live
from .write import _no_source, _source_texts, anchor_in_text


def add_appearance(db: sqlite_utils.Database, claim_id: int, data: dict[str, Any], actor: str) -> int:
    return records.one(add_appearances, db, (claim_id, data), actor)


def appeared(db: sqlite_utils.Database, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """The appearances already recorded among these (claim_id, source_id)."""
    rows = db.conn.execute(
        "SELECT appearances.claim_id, appearances.source_id, appearances.id FROM json_each(?) AS wanted"
        " CROSS JOIN appearances ON appearances.claim_id = json_extract(wanted.value, '$[0]')"
        " AND appearances.source_id = json_extract(wanted.value, '$[1]')",
        [json.dumps(pairs)],
    )
    return {(claim_id, source_id): appearance_id for claim_id, source_id, appearance_id in rows}


def add_appearances(db: sqlite_utils.Database, items: list[batches.Item], actor: str) -> list[int]:
    """Record appearances of claims in further sources: each of ``items`` is
    (claim_id, values), the values a schemas.AppearanceIn loaded. The
    claims, the sources' texts and the appearances already recorded are read
    once for the whole batch. An error is raised as :class:`InBatch`,
    naming the item's place in ``items``."""
    states = batches.states(db, {claim_id for claim_id, _ in items})
    texts = _source_texts(db, {values["source_id"] for _, values in items})
    recorded = appeared(db, [(claim_id, values["source_id"]) for claim_id, values in items])

    def row(claim_id: int, values: dict[str, Any]) -> dict[str, Any]:
        source_id = values["source_id"]
        first_source = batches.check_live(states, claim_id).source_id
        if source_id not in texts:
            raise _no_source(source_id)
        given = values.get("anchor")
        anchor = anchor_in_text(texts[source_id], values.get("quote"), given, required=given is not None)
        if source_id == first_source:
            raise Conflict(
                f"Source {source_id} is where claim {claim_id} was first recorded.",
                errors=[FieldError("source_id", "Already the claim's source.")],
            )
        if (claim_id, source_id) in recorded:
            raise Conflict(
                f"Claim {claim_id} already has an appearance in source {source_id}.",
                existing_id=recorded[(claim_id, source_id)],
            )
        return records.encode(
            {"claim_id": claim_id, "source_id": source_id, "quote": values.get("quote"), "anchor": anchor}
        )

    def keys(claim_id: int, values: dict[str, Any]) -> list[Hashable]:
        return [(claim_id, values["source_id"])]

    def twice(claim_id: int, values: dict[str, Any]) -> DomainError:
        return Conflict(f"Claim {claim_id} appears in source {values['source_id']} earlier in this batch.")

    return batches.insert(db, "appearances", items, actor, row=row, keys=keys, twice=twice)


def appearance(db: sqlite_utils.Database, claim_id: int, source_id: int) -> dict[str, Any]:
    live(db, claim_id)
    found = appearances(db, claim_id, source_id)
    if not found:
        raise NotFound(f"Claim {claim_id} has no appearance in source {source_id}.")
    return found[0]


def remove_appearance(db: sqlite_utils.Database, claim_id: int, source_id: int, actor: str) -> None:
    live(db, claim_id)
    row = records.rows(db, "SELECT * FROM appearances WHERE claim_id = ? AND source_id = ?", [claim_id, source_id])
    found = next(iter(row), None)
    if found is None:
        raise NotFound(f"Claim {claim_id} has no appearance in source {source_id}.")
    records.delete(db, "appearances", found, actor)
