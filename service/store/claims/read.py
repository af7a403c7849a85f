"""Reading claims: their presentation, permalinks and embeds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
import sqlite_utils

from ...errors import NotFound, Retracted
from .. import records

LABEL = "claim"
PRECISION = {4: "year", 7: "month", 10: "day"}


def permalink(public_url: str, claim_id: int) -> str:
    return f"{public_url}/c/{claim_id}"


def precision(partial_date: str | None) -> str | None:
    return PRECISION.get(len(partial_date)) if partial_date else None


def last_day(partial_date: str) -> str:
    """The end of the span a partial date covers, for comparing as text.

    "2020" -> "2020-12-31", "2020-02" -> "2020-02-31": not a real day, but it
    sorts after every real day of the month, which is all that is needed.
    """
    return partial_date + "-12-31"[len(partial_date) - 4 :]


# -- presenting ----------------------------------------------------------------
# A claim is presented by SQLite, as the JSON text the API answers: each
# claim with its speaker, source, verdict (and, for a full claim, its links,
# counter-claims and appearances) comes out of one statement, however many
# claims are asked for. Building the same answer in Python, then dumping it
# through the response schema, cost several times as long as the reads.
# The shapes below are the response schemas' (ClaimOut and the schemas it
# nests), field for field and in their order: tests/test_presenting.py
# checks that dumping an answer through its schema changes nothing.
# Every statement takes the public site's address as its first parameter
# (?1), for the permalinks.

#: A claim's reviews, latest first: the first is the claim's verdict.
LATEST_FIRST = "reviewed_on DESC, id DESC"
PERMALINK = "?1 || '/c/' || {claim}.id"


def _flag(condition: str) -> str:
    return f"json(iif({condition}, 'true', 'false'))"


def _json_list(column: str) -> str:
    """A list stored as JSON text (none stored: an empty list)."""
    return f"json(coalesce(nullif({column}, ''), '[]'))"


def _anchor(table: str) -> str:
    fields = ", ".join(f"'{field}', {table}.anchor_{field}" for field in records.ANCHOR_FIELDS)
    return f"CASE WHEN {table}.anchor_exact IS NOT NULL THEN json_object({fields}) END"


def _embedded(query: str) -> str:
    """The JSON a one-row subquery makes, kept as JSON inside another
    object (a subquery's result is plain text to the object around it)."""
    return f"json(({query}))"


def _array(query: str) -> str:
    """The JSON objects a subquery makes (one column, ``item``), in its order, as one array."""
    return f"(SELECT json_group_array(json(item)) FROM ({query}))"


def _speaker(speaker_id: str, *columns: str) -> str:
    fields = ", ".join(f"'{column}', speakers.{column}" for column in columns)
    return _embedded(f"SELECT json_object({fields}) FROM speakers WHERE speakers.id = {speaker_id}")


def _source(source_id: str, *columns: str) -> str:
    fields = ", ".join(f"'{column}', sources.{column}" for column in columns)
    return _embedded(f"SELECT json_object({fields}) FROM sources WHERE sources.id = {source_id}")


SPEAKER_SUMMARY = ("id", "name", "kind", "description")
SOURCE_SUMMARY = ("id", "title", "url", "publisher", "published_on", "kind")


def summary_json(claim: str) -> str:
    """A claim as shown inside another record (a link, a match): SQL for the
    claims row named ``claim``."""
    return (
        f"json_object('id', {claim}.id, 'text', {claim}.text, 'kind', {claim}.kind, 'said_on', {claim}.said_on,"
        f" 'retracted', {_flag(f'{claim}.retracted_at IS NOT NULL')},"
        f" 'speaker', {_speaker(f'{claim}.speaker_id', 'id', 'name')},"
        f" 'source', {_source(f'{claim}.source_id', 'id', 'title')},"
        f" 'url', {PERMALINK.format(claim=claim)})"
    )


def _links(claim: str, *, contradicting: bool) -> str:
    """The claim's links either way round, each seen from it, in the order
    they were made; ``contradicting``: the claims at the other end of its
    ``contradicts`` links (its counter-claims) instead."""
    outgoing = f"claim_links.claim_id = {claim}.id"
    link = (
        "json_object('id', claim_links.id, 'claim_id', claim_links.claim_id, 'target_id', claim_links.target_id,"
        f" 'relation', claim_links.relation, 'direction', iif({outgoing}, 'outgoing', 'incoming'),"
        " 'note', claim_links.note, 'created_at', claim_links.created_at,"
        f" 'claim', {summary_json('other')})"
    )
    where = f"({outgoing} OR claim_links.target_id = {claim}.id)"
    if contradicting:
        where += " AND claim_links.relation = 'contradicts'"
    return _array(
        f"SELECT {summary_json('other') if contradicting else link} AS item FROM claim_links"
        f" JOIN claims AS other ON other.id = iif({outgoing}, claim_links.target_id, claim_links.claim_id)"
        f" WHERE {where} ORDER BY claim_links.id"
    )


def appearance_json(appearance: str) -> str:
    """One appearance of a claim in a further source: SQL for the
    appearances row named ``appearance``."""
    return (
        f"json_object('id', {appearance}.id, 'claim_id', {appearance}.claim_id, 'source_id', {appearance}.source_id,"
        f" 'source', {_source(f'{appearance}.source_id', *SOURCE_SUMMARY)},"
        f" 'quote', {appearance}.quote, 'anchor', {_anchor(appearance)}, 'created_at', {appearance}.created_at)"
    )


def _verdict(claim: str) -> str:
    """The claim's latest review (its stored verdict says whether it has one)."""
    evidence = _json_list("reviews.evidence")
    return (
        f"CASE WHEN {claim}.verdict IS NOT NULL THEN "
        + _embedded(
            "SELECT json_object('id', reviews.id, 'rating', reviews.rating, 'rating_label', reviews.rating_label,"
            f" 'summary', reviews.summary, 'evidence', {evidence}, 'reviewer', reviews.reviewer,"
            f" 'reviewed_on', reviews.reviewed_on) FROM reviews WHERE reviews.claim_id = {claim}.id"
            f" ORDER BY {LATEST_FIRST} LIMIT 1"
        )
        + " END"
    )


#: precision(), in SQL.
_PRECISIONS = " ".join(f"WHEN {length} THEN '{name}'" for length, name in PRECISION.items())


def _joined(table: str, *columns: str) -> str:
    """A row of ``table`` LEFT JOINed by its own name, as JSON (null when none)."""
    fields = ", ".join(f"'{column}', {table}.{column}" for column in columns)
    return f"iif({table}.id IS NULL, NULL, json_object({fields}))"


def claim_json(claim: str, *, embed: bool, joined: bool = False) -> str:
    """A claim as the API answers it: SQL for the claims row named ``claim``;
    ``embed`` adds its counter-claims, links and appearances. ``joined``:
    its speaker and source are LEFT JOINed as ``speakers`` and ``sources``
    (see _PAGE), rather than read by a subquery each."""
    if joined:
        speaker, source = _joined("speakers", *SPEAKER_SUMMARY), _joined("sources", *SOURCE_SUMMARY)
    else:
        speaker = _speaker(f"{claim}.speaker_id", *SPEAKER_SUMMARY)
        source = _source(f"{claim}.source_id", *SOURCE_SUMMARY)
    fields = [
        f"'{column}', {claim}.{column}"
        for column in ("text", "kind", "speaker_id", "source_id", "said_on", "venue", "context")
    ]
    fields += [
        f"'tags', {_json_list(f'{claim}.tags')}",
        f"'anchor', {_anchor(claim)}",
        f"'id', {claim}.id",
        f"'said_on_precision', CASE length({claim}.said_on) {_PRECISIONS} END",
        f"'url', {PERMALINK.format(claim=claim)}",
        f"'speaker', {speaker}",
        f"'source', {source}",
    ]
    if embed:
        fields.append(f"'counter_claims', {_links(claim, contradicting=True)}")
    fields.append(f"'counter_claim_count', {claim}.counter_claims")
    if embed:
        fields.append(f"'links', {_links(claim, contradicting=False)}")
        fields.append(
            "'appearances', "
            + _array(
                f"SELECT {appearance_json('appearances')} AS item FROM appearances"
                f" WHERE appearances.claim_id = {claim}.id ORDER BY appearances.id"
            )
        )
    fields += [
        f"'verdict', {_verdict(claim)}",
        # contested when any claim contradicts it; else reviewed or unreviewed.
        f"'status', CASE WHEN {claim}.counter_claims > 0 THEN 'contested'"
        f" WHEN {claim}.verdict IS NOT NULL THEN 'reviewed' ELSE 'unreviewed' END",
        f"'retracted', {_flag(f'{claim}.retracted_at IS NOT NULL')}",
    ]
    fields += [
        f"'{column}', {claim}.{column}"
        for column in ("retracted_at", "retraction_reason", "version", "created_at", "updated_at")
    ]
    return f"json_object({', '.join(fields)})"


def _in_order(expression: str, table: str) -> str:
    """``expression`` for each id of a JSON list (?2), in the list's order."""
    return (
        f"SELECT {table}.id, {expression} FROM json_each(?2) AS wanted"
        f" CROSS JOIN {table} ON {table}.id = wanted.value ORDER BY wanted.key"
    )


# A page's speakers and sources are joined rather than read by a subquery
# per claim: the nested object is then not written out as text and parsed
# back by json(), about a sixth of the page's statement (50 claims).
_PAGE = _in_order(claim_json("claims", embed=False, joined=True), "claims").replace(
    " ORDER BY wanted.key",
    " LEFT JOIN speakers ON speakers.id = claims.speaker_id LEFT JOIN sources ON sources.id = claims.source_id"
    " ORDER BY wanted.key",
)
_FULL = _in_order(claim_json("claims", embed=True), "claims")
_SUMMARIES = _in_order(summary_json("claims"), "claims")
_ONE = (
    f"SELECT claims.version, claims.retracted_at, claims.retraction_reason, {claim_json('claims', embed=True)}"
    " FROM claims WHERE claims.id = ?2"
)


def present(db: sqlite_utils.Database, ids: list[int], public_url: str, *, embed: bool = True) -> list[str]:
    """These claims as the API answers them, as JSON text, in the order of
    ``ids``; ``embed`` adds their links, counter-claims and appearances.
    One statement, however many."""
    if not ids:
        return []
    found = db.conn.execute(_FULL if embed else _PAGE, [public_url, records.id_list(ids)])
    return [text for _, text in found]


def present_many(
    db: sqlite_utils.Database, ids: list[int], public_url: str, *, embed: bool = True
) -> list[dict[str, Any]]:
    """:func:`present`, as dicts (for pages and documents made in Python)."""
    return [orjson.loads(text) for text in present(db, ids, public_url, embed=embed)]


def summaries(db: sqlite_utils.Database, claim_ids: Iterable[int], public_url: str) -> dict[int, dict[str, Any]]:
    """The summaries of these claims, by id."""
    wanted = sorted(set(claim_ids))
    if not wanted:
        return {}
    found = db.conn.execute(_SUMMARIES, [public_url, records.id_list(wanted)])
    return {claim_id: orjson.loads(text) for claim_id, text in found}


def appearances(db: sqlite_utils.Database, claim_id: int, source_id: int | None = None) -> list[dict[str, Any]]:
    """The claim's appearances in further sources (in ``source_id`` only, if given)."""
    sql = f"SELECT {appearance_json('appearances')} FROM appearances WHERE appearances.claim_id = ?"
    params: list[Any] = [claim_id]
    if source_id is not None:
        sql += " AND appearances.source_id = ?"
        params.append(source_id)
    return [orjson.loads(text) for (text,) in db.conn.execute(f"{sql} ORDER BY appearances.id", params)]


def live(db: sqlite_utils.Database, claim_id: int) -> dict[str, Any]:
    """The claim's row, or 404 if there is none or it was retracted.

    A retracted claim stays on record (in lists with include_retracted, in
    the history, and on its public page), but it is gone from the API's
    claim resources, as a deleted one would be. The 404 says so, and why.
    """
    row = records.fetch_or_404(db, "claims", claim_id, LABEL)
    if row["retracted_at"] is not None:
        raise _retracted(claim_id, row["retracted_at"], row["retraction_reason"])
    return row


def _retracted(claim_id: int, retracted_at: str, reason: str | None) -> Retracted:
    return Retracted(
        f"Claim {claim_id} was retracted on {retracted_at[:10]}: {reason}. Its history stays on record.",
        claim_id=claim_id,
        retracted_at=retracted_at,
        retraction_reason=reason,
    )


def get_json(db: sqlite_utils.Database, claim_id: int, public_url: str, *, retracted: bool = False) -> tuple[str, int]:
    """The claim with everything embedded, as the API's JSON text, and its
    version; ``retracted=True`` for the public page and the history, which
    show retracted claims too. One statement: the claim, its check and its
    embeds."""
    row = db.conn.execute(_ONE, [public_url, claim_id]).fetchone()
    if row is None:
        raise NotFound(f"No {LABEL} with id {claim_id}.")
    version, retracted_at, reason, text = row
    if retracted_at is not None and not retracted:
        raise _retracted(claim_id, retracted_at, reason)
    return text, version


def get(db: sqlite_utils.Database, claim_id: int, public_url: str, *, retracted: bool = False) -> dict[str, Any]:
    """:func:`get_json`, as a dict."""
    return orjson.loads(get_json(db, claim_id, public_url, retracted=retracted)[0])
