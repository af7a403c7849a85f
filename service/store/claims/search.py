"""One page of claims: the filters and the full-text search, with their page positions."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .. import records
from .read import last_day, present, present_many

#: How many of the newest matching claims a search ranks by relevance.
SEARCH_WINDOW = 1000

# Relevance within the window is BM25's term-frequency part: how often the
# searched words occur in the claim's own words, saturating (K1), against
# the claim's length (B, against a typical claim of TYPICAL_LENGTH
# characters). FTS5's own bm25() also weighs each word by its rarity, and to
# do so counts every match of each word in the whole index on every search:
# for a word in most claims that count is the whole cost (about 30 ms at a
# million claims, against 1 ms for the window). Every claim in the window
# holds every searched word, so rarity changes the order only little.
# highlight() marks each matching word with one character, so the count of
# matches is the marked text's extra length; it uses the index's own
# tokenizer, stemming included. A claim that matches only in its context
# scores 0 and follows those that match in their words. The score depends on
# the claim alone, so a page token stays valid while other claims change.
K1, B, TYPICAL_LENGTH = 1.2, 0.75, 100.0
_MATCHES = "(length(hits.marked) - length(claims.text))"
RELEVANCE = f"-({_MATCHES} * {K1 + 1} / ({_MATCHES} + {K1} * ({1 - B} + {B} * length(claims.text) / {TYPICAL_LENGTH})))"


def listing(
    db: sqlite_utils.Database,
    filters: dict[str, Any],
    *,
    after: dict[str, Any] | None,
    limit: int,
    public_url: str,
    encoded: bool = False,
) -> records.Page:
    """One page of claims, newest first (best match first when searching).

    Returns the page and the position after its last row, or None at the end.
    Pages are keyed on position, not offset, so a page token stays valid
    while new claims arrive. ``encoded``: the page's claims as the API's
    JSON text (:func:`.read.present`) rather than as dicts.
    """
    where, params = [], []
    if not filters.get("include_retracted"):
        where.append("claims.retracted_at IS NULL")
    if filters.get("speaker_id") is not None:
        where.append("claims.speaker_id = ?")
        params.append(filters["speaker_id"])
    if filters.get("source_id") is not None:
        where.append("(claims.source_id = ? OR claims.id IN (SELECT claim_id FROM appearances WHERE source_id = ?))")
        params += [filters["source_id"], filters["source_id"]]
    if filters.get("tag"):
        where.append("EXISTS (SELECT 1 FROM json_each(claims.tags) WHERE value = ?)")
        params.append(filters["tag"])
    contested = "claims.counter_claims > 0"
    if filters.get("contested") is not None:
        where.append(contested if filters["contested"] else "claims.counter_claims = 0")
    if filters.get("status") == "contested":
        where.append(contested)
    elif filters.get("status") == "reviewed":
        where.append("claims.counter_claims = 0 AND claims.verdict IS NOT NULL")
    elif filters.get("status") == "unreviewed":
        where.append("claims.counter_claims = 0 AND claims.verdict IS NULL")
    if filters.get("rating"):
        where.append("claims.verdict = ?")
        params.append(filters["rating"])
    for column in ("publisher", "language"):
        if filters.get(column):
            # Claims first recorded in, or repeated by, a source of that publisher (language).
            where.append(
                f"(claims.source_id IN (SELECT id FROM sources WHERE {column} = ? COLLATE NOCASE)"
                " OR claims.id IN (SELECT claim_id FROM appearances JOIN sources ON sources.id = appearances.source_id"
                f" WHERE sources.{column} = ? COLLATE NOCASE))"
            )
            params += [filters[column], filters[column]]
    if filters.get("max_age_days") is not None:
        # Recorded, changed or reviewed in the last N days.
        where.append("max(coalesce(claims.verdict_on, ''), substr(claims.updated_at, 1, 10)) >= date('now', ?)")
        params.append(f"-{filters['max_age_days']} days")
    if filters.get("said_after"):
        # A partial date covers a span; keep claims whose span reaches the
        # bound (the SQL twin of last_day()).
        where.append("claims.said_on || substr('-12-31', length(claims.said_on) - 3) >= ?")
        params.append(filters["said_after"])
    if filters.get("said_before"):
        where.append("claims.said_on <= ?")
        params.append(last_day(filters["said_before"]))

    searching = bool(filters.get("q"))
    if searching:
        query = records.fts_query(filters["q"])
        # Relevance is ranked among the newest SEARCH_WINDOW matches (after the
        # other filters): a word in half a million claims would otherwise be
        # ranked in full on every search. The window's oldest id travels in
        # the page token, so paging stays within one window.
        floor = after.get("floor") if after else None
        # MATERIALIZED: highlight() runs once per hit, not once per use.
        highlight = "highlight(claims_fts, 0, char(1), '') AS marked"
        if floor is None:
            # The window is read with the page: the newest matches after the
            # other filters, ordered by the index's own rowid, so FTS5 reads
            # it backwards and stops at the window's end, rather than
            # collecting every match to sort. Its oldest id comes with each
            # row, for the page token.
            prelude = (
                f"WITH hits AS MATERIALIZED (SELECT claims_fts.rowid AS rowid, {highlight}"
                " FROM claims_fts JOIN claims ON claims.id = claims_fts.rowid WHERE claims_fts MATCH ?"
                + "".join(f" AND {clause}" for clause in where)
                + f" ORDER BY claims_fts.rowid DESC LIMIT {SEARCH_WINDOW}) "
            )
            params[:0] = [query]
            where = []
            window_floor = ", (SELECT min(rowid) FROM hits) AS _floor"
        else:
            prelude = (
                f"WITH hits AS MATERIALIZED (SELECT rowid, {highlight}"
                " FROM claims_fts WHERE claims_fts MATCH ? AND rowid >= ?) "
            )
            params[:0] = [query, floor]
            window_floor = f", {int(floor)} AS _floor"
        source = "claims JOIN hits ON hits.rowid = claims.id"
        order = "_rank, claims.id DESC"
        if after and "rank" in after:
            where.append(f"({RELEVANCE} > ? OR ({RELEVANCE} = ? AND claims.id < ?))")
            params += [after["rank"], after["rank"], after["id"]]
        elif after:
            where.append("claims.id < ?")
            params.append(after["id"])
        select = f"claims.id, {RELEVANCE} AS _rank{window_floor}"
    else:
        prelude, source, order, select = "", "claims", "claims.id DESC", "claims.id"
        if after:
            where.append("claims.id < ?")
            params.append(after["id"])
    sql = f"{prelude}SELECT {select} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)

    def position(row: dict[str, Any]) -> dict[str, Any]:
        return {"id": row["id"], "rank": row["_rank"], "floor": row["_floor"]} if searching else {"id": row["id"]}

    def present_page(rows: list[dict[str, Any]]) -> list[Any]:
        # The page's ids first, then their answers: the ranking reads no more
        # of each claim than its id and text.
        ids = [row["id"] for row in rows]
        return (present if encoded else present_many)(db, ids, public_url, embed=False)

    return records.page(db, f"{sql} ORDER BY {order}", params, limit, present=present_page, position=position)
