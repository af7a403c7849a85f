"""Writing claims: checks of their speaker, source, anchor and words; create, update, retract."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from ...anchors import Anchor, AnchorError, check_offsets, resolve
from ...errors import Conflict, DuplicateClaim, FieldError, InBatch
from ...normalize import text_key
from .. import records
from .read import LABEL, live


def _source_texts(db: sqlite_utils.Database, source_ids: set[int]) -> dict[int, str | None]:
    """The texts of those of these sources that are stored, by id."""
    return dict(
        db.conn.execute(
            "SELECT id, text FROM sources WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(source_ids))],
        )
    )


def _source_text(db: sqlite_utils.Database, source_id: int) -> str | None:
    texts = _source_texts(db, {source_id})
    if source_id not in texts:
        raise _no_source(source_id)
    return texts[source_id]


def _no_source(source_id: int) -> Conflict:
    return Conflict.on_field("source_id", f"No source with id {source_id}.")


def anchor_in_text(
    text: str | None, quote: str | None, given: dict[str, Any] | None, *, required: bool
) -> dict[str, Any] | None:
    """The anchor to store for ``quote`` in a source's ``text``.

    When the source has text, the anchor is checked against it (and filled
    in from ``quote`` when none was given). When it has none, a given
    anchor is stored as it is.
    """
    if given is None and quote is None:
        return None
    anchor = Anchor(
        exact=(given or {}).get("exact") or quote or "",
        prefix=(given or {}).get("prefix"),
        suffix=(given or {}).get("suffix"),
        start=(given or {}).get("start"),
        end=(given or {}).get("end"),
    )
    try:
        if text is None:
            # Nothing to check against (a broadcast, say): a quote is still
            # anchored at its words, so a text added later must hold them.
            return check_offsets(anchor).as_dict()
        return resolve(text, anchor).as_dict()
    except AnchorError as error:
        if given is None and not required:
            return None
        raise Conflict.on_field("anchor", f"{error}.", **error.extra()) from error


def _no_speaker(speaker_id: int) -> Conflict:
    return Conflict.on_field("speaker_id", f"No speaker with id {speaker_id}.")


def _check_speaker(db: sqlite_utils.Database, speaker_id: int) -> None:
    if not records.count(db, "SELECT count(*) FROM speakers WHERE id = ?", [speaker_id]):
        raise _no_speaker(speaker_id)


def existing(
    db: sqlite_utils.Database, keys: list[tuple[str, int]], *, other_than: int | None = None
) -> dict[tuple[str, int], int]:
    """The live claims already recording these (text_key, speaker_id) pairs."""
    # CROSS JOIN keeps this order: each wanted pair is looked up in the index.
    rows = db.conn.execute(
        "SELECT claims.text_key, claims.speaker_id, claims.id FROM json_each(?) AS wanted"
        " CROSS JOIN claims ON claims.text_key = json_extract(wanted.value, '$[0]')"
        " AND claims.speaker_id = json_extract(wanted.value, '$[1]')"
        " WHERE claims.retracted_at IS NULL AND claims.id IS NOT ?",
        [json.dumps(keys, ensure_ascii=False), other_than],
    )
    return {(key, speaker_id): claim_id for key, speaker_id, claim_id in rows}


def _check_duplicate(db: sqlite_utils.Database, key: str, speaker_id: int, claim_id: int | None) -> None:
    found = existing(db, [(key, speaker_id)], other_than=claim_id)
    if found:
        (existing_id,) = found.values()
        raise DuplicateClaim(
            f"Claim {existing_id} already records these words by this speaker; "
            "record an appearance of that claim instead.",
            errors=[FieldError("text", "Duplicate of an existing claim.")],
            existing_id=existing_id,
        )


def derive(values: dict[str, Any], source_text: str | None, key: str | None = None) -> dict[str, Any]:
    """A claim's stored columns, from its values and its source's text
    (``key``: the text's :func:`text_key`, when the caller has it already)."""
    # A quote is anchored at its words (found by the service when no anchor is
    # given); a paraphrase may be anchored at the passage that reports it.
    quote = values["text"] if values["kind"] == "quote" else None
    values["anchor"] = anchor_in_text(source_text, quote, values.get("anchor"), required=quote is not None)
    values["text_key"] = key if key is not None else text_key(values["text"])
    return records.encode(values)


def _prepare(db: sqlite_utils.Database, values: dict[str, Any], claim_id: int | None) -> dict[str, Any]:
    """Check a claim's full set of values and derive the stored columns."""
    _check_speaker(db, values["speaker_id"])
    # Only a quote or a given anchor is checked against the source's text,
    # which may be long: for the rest, the source need only exist.
    if values["kind"] == "quote" or values.get("anchor") is not None:
        text = _source_text(db, values["source_id"])
    elif records.count(db, "SELECT count(*) FROM sources WHERE id = ?", [values["source_id"]]):
        text = None
    else:
        raise _no_source(values["source_id"])
    stored = derive(values, text)
    _check_duplicate(db, stored["text_key"], stored["speaker_id"], claim_id)
    return stored


def referenced(db: sqlite_utils.Database, batch: list[dict[str, Any]]) -> dict[int, str | None]:
    """For many new claims: check that each one's speaker and source are
    stored, reading each once, and return the texts of those sources by id.

    With :func:`derive` and :func:`existing`, these are :func:`_prepare`'s
    checks for a batch, which decides itself what to do with claims that
    already exist. An error is raised as :class:`InBatch`, naming the
    claim's place in ``batch``.
    """
    speaker_ids = json.dumps(sorted({values["speaker_id"] for values in batch}))
    speakers = {
        row[0]
        for row in db.conn.execute(
            "SELECT id FROM speakers WHERE id IN (SELECT value FROM json_each(?))", [speaker_ids]
        )
    }
    texts = _source_texts(db, {values["source_id"] for values in batch})
    for index, values in enumerate(batch):
        if values["speaker_id"] not in speakers:
            raise InBatch(index, _no_speaker(values["speaker_id"]))
        if values["source_id"] not in texts:
            raise InBatch(index, _no_source(values["source_id"]))
    return texts


def create(db: sqlite_utils.Database, data: dict[str, Any], actor: str) -> int:
    return records.insert(db, "claims", _prepare(db, dict(data), None), actor)


def _editable(db: sqlite_utils.Database, claim_id: int, expected_version: records.Expected | None) -> dict[str, Any]:
    before = live(db, claim_id)
    records.check_version(before, expected_version, LABEL)
    return before


def update(
    db: sqlite_utils.Database,
    claim_id: int,
    changes: dict[str, Any],
    expected_version: records.Expected | None,
    actor: str,
    reason: str | None = None,
) -> None:
    before = _editable(db, claim_id, expected_version)
    merged = records.decode(before)
    if "anchor" not in changes and {"text", "source_id", "kind"} & changes.keys():
        merged["anchor"] = None  # re-anchor the new words
    merged.update(changes)
    stored = _prepare(
        db,
        {
            key: merged[key]
            for key in (
                "text",
                "kind",
                "speaker_id",
                "source_id",
                "said_on",
                "venue",
                "context",
                "tags",
                "anchor",
            )
        },
        claim_id,
    )
    changed = {column: value for column, value in stored.items() if before.get(column) != value}
    if changed:
        records.update(db, "claims", before, changed, actor, reason)


def retract(
    db: sqlite_utils.Database,
    claim_id: int,
    expected_version: records.Expected | None,
    actor: str,
    reason: str,
) -> None:
    before = _editable(db, claim_id, expected_version)
    records.update(
        db,
        "claims",
        before,
        {"retracted_at": records.now(), "retraction_reason": reason},
        actor,
        reason,
        action="retract",
    )
