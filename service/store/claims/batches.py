"""What links and appearances share: rows that belong to live claims,
written many at a time, each refused by its place in the batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple

import sqlite_utils

from ...errors import DomainError, InBatch, NotFound
from .. import records
from .read import LABEL, _retracted

#: (claim_id, values): one item of a batch, the values loaded by a schema.
Item = tuple[int, dict[str, Any]]


class ClaimState(NamedTuple):
    source_id: int
    retracted_at: str | None
    retraction_reason: str | None


def states(db: sqlite_utils.Database, claim_ids: set[int]) -> dict[int, ClaimState]:
    """What a batch needs to know of these claims, read in one query."""
    rows = db.conn.execute(
        "SELECT id, source_id, retracted_at, retraction_reason FROM claims"
        " WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(claim_ids))],
    )
    return {claim_id: ClaimState(*state) for claim_id, *state in rows}


def check_live(found: dict[int, ClaimState], claim_id: int) -> ClaimState:
    """The claim's state; a missing or retracted claim is refused as :func:`read.live` refuses it."""
    if claim_id not in found:
        raise NotFound(f"No {LABEL} with id {claim_id}.")
    state = found[claim_id]
    if state.retracted_at is not None:
        raise _retracted(claim_id, state.retracted_at, state.retraction_reason)
    return state


def insert(
    db: sqlite_utils.Database,
    table: str,
    items: list[Item],
    actor: str,
    *,
    row: Callable[[int, dict[str, Any]], dict[str, Any]],
    keys: Callable[[int, dict[str, Any]], list[Hashable]],
    twice: Callable[[int, dict[str, Any]], DomainError],
) -> list[int]:
    """Check each item and store the batch; return the new rows' ids.

    ``row`` checks one item against what is stored (raising its error) and
    returns the row to insert; ``keys`` are the natural keys the item takes,
    its own first (a symmetric link takes both ways round); an item whose
    own key an earlier item took is refused with ``twice``. An error is
    raised as :class:`InBatch`, naming the item's place in ``items``.
    """
    taken: set[Hashable] = set()
    rows = []
    for index, (claim_id, values) in enumerate(items):
        item_keys = keys(claim_id, values)
        try:
            stored = row(claim_id, values)
            if item_keys[0] in taken:
                raise twice(claim_id, values)
        except DomainError as error:
            raise InBatch(index, error) from None
        taken.update(item_keys)
        rows.append(stored)
    return records.insert_many(db, table, rows, actor, versioned=False)
