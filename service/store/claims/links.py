"""Links between claims: contradicts, supports, responds to..."""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any

import sqlite_utils

from ...errors import Conflict, DomainError, FieldError, NotFound
from .. import records
from . import batches
from .read import live

# Relations that read the same both ways: A contradicts B is B contradicts A.
SYMMETRIC = {"contradicts"}


def add_link(db: sqlite_utils.Database, claim_id: int, data: dict[str, Any], actor: str) -> int:
    return records.one(add_links, db, (claim_id, data), actor)


def linked(db: sqlite_utils.Database, links: list[tuple[int, int, str]]) -> dict[tuple[int, int, str], int]:
    """The links already made among these (claim_id, target_id, relation),
    each found either way round when its relation is symmetric."""
    wanted = links + [(target, claim, relation) for claim, target, relation in links if relation in SYMMETRIC]
    rows = db.conn.execute(
        "SELECT claim_links.claim_id, claim_links.target_id, claim_links.relation, claim_links.id"
        " FROM json_each(?) AS wanted CROSS JOIN claim_links"
        " ON claim_links.claim_id = json_extract(wanted.value, '$[0]')"
        " AND claim_links.target_id = json_extract(wanted.value, '$[1]')"
        " AND claim_links.relation = json_extract(wanted.value, '$[2]')",
        [json.dumps(wanted, ensure_ascii=False)],
    )
    found = {}
    for claim_id, target_id, relation, link_id in rows:
        found[(claim_id, target_id, relation)] = link_id
        if relation in SYMMETRIC:
            found[(target_id, claim_id, relation)] = link_id
    return found


def add_links(db: sqlite_utils.Database, links: list[batches.Item], actor: str) -> list[int]:
    """Link claims: each of ``links`` is (claim_id, values), the values a
    schemas.LinkIn loaded. The claims at either end and the links already
    made are read once for the whole batch. An error is raised as
    :class:`InBatch`, naming the link's place in ``links``."""
    states = batches.states(db, {claim_id for claim_id, _ in links} | {values["target_id"] for _, values in links})
    made = linked(db, [(claim_id, values["target_id"], values["relation"]) for claim_id, values in links])

    def row(claim_id: int, values: dict[str, Any]) -> dict[str, Any]:
        target_id, relation = values["target_id"], values["relation"]
        batches.check_live(states, claim_id)
        if target_id == claim_id:
            raise Conflict(
                "A claim cannot be linked to itself.",
                errors=[FieldError("target_id", "Same as the claim.")],
            )
        if target_id not in states:
            raise Conflict.on_field("target_id", f"No claim with id {target_id}.")
        if states[target_id].retracted_at is not None:
            raise Conflict.on_field("target_id", f"Claim {target_id} is retracted.")
        if (claim_id, target_id, relation) in made:
            existing_id = made[(claim_id, target_id, relation)]
            raise Conflict(
                f"These claims are already linked ({relation}), as link {existing_id}.",
                existing_id=existing_id,
            )
        return {"claim_id": claim_id, "target_id": target_id, "relation": relation, "note": values.get("note")}

    def keys(claim_id: int, values: dict[str, Any]) -> list[Hashable]:
        target_id, relation = values["target_id"], values["relation"]
        both_ways = relation in SYMMETRIC
        return [(claim_id, target_id, relation), *([(target_id, claim_id, relation)] if both_ways else [])]

    def twice(claim_id: int, values: dict[str, Any]) -> DomainError:
        return Conflict(f"These claims are linked ({values['relation']}) earlier in this batch.")

    return batches.insert(db, "claim_links", links, actor, row=row, keys=keys, twice=twice)


def remove_link(db: sqlite_utils.Database, claim_id: int, link_id: int, actor: str) -> None:
    live(db, claim_id)
    link = records.fetch(db, "claim_links", link_id)
    if link is None or claim_id not in (link["claim_id"], link["target_id"]):
        raise NotFound(f"Claim {claim_id} has no link {link_id}.")
    records.delete(db, "claim_links", link, actor)
