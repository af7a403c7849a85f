"""Claims, the links between them, and their appearances in other sources."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from ..anchors import Anchor, AnchorError, check_offsets, resolve
from ..errors import ApiError, Conflict, InBatch, NotFound, conflicting_field
from ..normalize import text_key
from . import records, sources

LABEL = "claim"
PRECISION = {4: "year", 7: "month", 10: "day"}
#: How many of the newest matching claims a search ranks by relevance.
SEARCH_WINDOW = 1000
# Relations that read the same both ways: A contradicts B is B contradicts A.
SYMMETRIC = {"contradicts"}


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


# -- reading -----------------------------------------------------------------

SUMMARY_SQL = """
    SELECT claims.id, claims.text, claims.kind, claims.said_on, claims.retracted_at,
           speakers.id, speakers.name, sources.id, sources.title
    FROM claims
    JOIN speakers ON speakers.id = claims.speaker_id
    JOIN sources ON sources.id = claims.source_id
"""


def _summaries(db: sqlite_utils.Database, where: str, params: list[Any], public_url: str) -> list[dict[str, Any]]:
    out = []
    for row in db.conn.execute(f"{SUMMARY_SQL} WHERE {where}", params):
        claim_id, text, kind, said_on, retracted_at, speaker_id, speaker_name, source_id, title = row
        out.append(
            {
                "id": claim_id,
                "text": text,
                "kind": kind,
                "said_on": said_on,
                "retracted": retracted_at is not None,
                "speaker": {"id": speaker_id, "name": speaker_name},
                "source": {"id": source_id, "title": title},
                "url": permalink(public_url, claim_id),
            }
        )
    return out


def _links(db: sqlite_utils.Database, claim_id: int, public_url: str) -> list[dict[str, Any]]:
    rows = records.rows(
        db,
        "SELECT id, claim_id, target_id, relation, note, created_at FROM claim_links"
        " WHERE claim_id = :id OR target_id = :id ORDER BY id",
        {"id": claim_id},
    )
    links = []
    for row in rows:
        outgoing = row["claim_id"] == claim_id
        other_id = row["target_id"] if outgoing else row["claim_id"]
        links.append(
            {
                "id": row["id"],
                "relation": row["relation"],
                "direction": "outgoing" if outgoing else "incoming",
                "note": row["note"],
                "created_at": row["created_at"],
                "claim": _summaries(db, "claims.id = ?", [other_id], public_url)[0],
            }
        )
    return links


def appearances(db: sqlite_utils.Database, claim_id: int, source_id: int | None = None) -> list[dict[str, Any]]:
    where, params = "claim_id = ?", [claim_id]
    if source_id is not None:
        where += " AND source_id = ?"
        params.append(source_id)
    out = []
    for row in records.rows(db, f"SELECT * FROM appearances WHERE {where} ORDER BY id", params):
        appearance = records.decode(row)
        appearance["source"] = sources.summary(db, appearance["source_id"])
        out.append(appearance)
    return out


def present(db: sqlite_utils.Database, row: dict[str, Any], public_url: str, *, embed: bool = True) -> dict[str, Any]:
    claim = records.decode(row)
    claim.pop("text_key", None)
    claim["said_on_precision"] = precision(claim["said_on"])
    claim["retracted"] = claim["retracted_at"] is not None
    claim["url"] = permalink(public_url, claim["id"])
    claim["speaker"] = db.conn.execute(
        "SELECT id, name, kind, description FROM speakers WHERE id = ?", [claim["speaker_id"]]
    ).fetchone()
    claim["speaker"] = dict(zip(("id", "name", "kind", "description"), claim["speaker"], strict=True))
    claim["source"] = sources.summary(db, claim["source_id"])
    has_verdict = claim.pop("verdict", None) is not None
    claim.pop("verdict_label", None)
    claim.pop("verdict_on", None)
    claim["verdict"] = _latest_review(db, claim["id"]) if has_verdict else None
    claim["counter_claim_count"] = claim.pop("counter_claims")
    claim["status"] = status(claim["counter_claim_count"], claim["verdict"])
    if embed:
        claim["links"] = _links(db, claim["id"], public_url)
        claim["counter_claims"] = [link["claim"] for link in claim["links"] if link["relation"] == "contradicts"]
        claim["appearances"] = appearances(db, claim["id"])
    return claim


def status(counter_claim_count: int, verdict: dict[str, Any] | None) -> str:
    """contested when any claim contradicts it; else reviewed or unreviewed."""
    if counter_claim_count:
        return "contested"
    return "reviewed" if verdict else "unreviewed"


def reviews_of(db: sqlite_utils.Database, claim_id: int, limit: int = -1) -> list[dict[str, Any]]:
    """A claim's reviews, latest first: the first is the claim's verdict."""
    rows = records.rows(
        db, "SELECT * FROM reviews WHERE claim_id = ? ORDER BY reviewed_on DESC, id DESC LIMIT ?", [claim_id, limit]
    )
    return [records.decode(row) for row in rows]


def _latest_review(db: sqlite_utils.Database, claim_id: int) -> dict[str, Any] | None:
    latest = reviews_of(db, claim_id, 1)
    return latest[0] if latest else None


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


def _retracted(claim_id: int, retracted_at: str, reason: str) -> NotFound:
    return NotFound(
        f"Claim {claim_id} was retracted on {retracted_at[:10]}: {reason}. "
        f"Its history stays at /api/v1/revisions?claim_id={claim_id}.",
        retracted_at=retracted_at,
        retraction_reason=reason,
    )


def get(db: sqlite_utils.Database, claim_id: int, public_url: str, *, retracted: bool = False) -> dict[str, Any]:
    """The claim with everything embedded; ``retracted=True`` for the public
    page and the history, which show retracted claims too."""
    row = records.fetch_or_404(db, "claims", claim_id, LABEL) if retracted else live(db, claim_id)
    return present(db, row, public_url)


def listing(
    db: sqlite_utils.Database,
    filters: dict[str, Any],
    *,
    after: dict[str, Any] | None,
    limit: int,
    public_url: str,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """One page of claims, newest first (best match first when searching).

    Returns the page and the position after its last row, or None at the end.
    Pages are keyed on position, not offset, so a page token stays valid
    while new claims arrive.
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
    floor = None
    if searching:
        query = records.fts_query(filters["q"])
        # Relevance is ranked among the newest SEARCH_WINDOW matches (after the
        # other filters): a word in half a million claims would otherwise be
        # ranked in full on every search. The window's oldest id travels in
        # the page token, so paging stays within one window.
        floor = after.get("floor") if after else None
        if floor is None:
            newest = (
                # Ordered by the index's own rowid, so FTS5 reads it backwards
                # and stops early, rather than collecting every match to sort.
                "SELECT min(id) FROM (SELECT claims.id FROM claims_fts JOIN claims ON claims.id = claims_fts.rowid"
                " WHERE claims_fts MATCH ?"
                + "".join(f" AND {clause}" for clause in where)
                + f" ORDER BY claims_fts.rowid DESC LIMIT {SEARCH_WINDOW})"
            )
            floor = db.conn.execute(newest, [query, *params]).fetchone()[0] or 1
        source = (
            "claims JOIN (SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ? AND rowid >= ?) AS hits"
            " ON hits.rowid = claims.id"
        )
        params[:0] = [query, floor]
        order = "hits.rank, claims.id DESC"
        if after and "rank" in after:
            where.append("(hits.rank > ? OR (hits.rank = ? AND claims.id < ?))")
            params += [after["rank"], after["rank"], after["id"]]
        elif after:
            where.append("claims.id < ?")
            params.append(after["id"])
        select = "claims.*, hits.rank AS _rank"
    else:
        source, order, select = "claims", "claims.id DESC", "claims.*"
        if after:
            where.append("claims.id < ?")
            params.append(after["id"])
    sql = f"SELECT {select} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order} LIMIT ?"
    rows = list(records.rows(db, sql, [*params, limit + 1]))
    more = len(rows) > limit
    rows = rows[:limit]
    page = []
    for row in rows:
        rank = row.pop("_rank", None)
        page.append((present(db, row, public_url, embed=False), rank))
    next_position = None
    if more and page:
        last, rank = page[-1]
        next_position = {"id": last["id"], "rank": rank, "floor": floor} if searching else {"id": last["id"]}
    return [claim for claim, _ in page], next_position


# -- writing -----------------------------------------------------------------


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
    return conflicting_field("source_id", f"No source with id {source_id}.")


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
        raise conflicting_field("anchor", f"{error}.") from error


def _no_speaker(speaker_id: int) -> Conflict:
    return conflicting_field("speaker_id", f"No speaker with id {speaker_id}.")


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
        raise Conflict(
            f"Claim {existing_id} already records these words by this speaker; "
            f"add an appearance to it instead (POST /api/v1/claims/{existing_id}/appearances).",
            errors=[{"location": "json", "field": "text", "message": "Duplicate of an existing claim."}],
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


def add_link(db: sqlite_utils.Database, claim_id: int, data: dict[str, Any], actor: str) -> int:
    try:
        return add_links(db, [(claim_id, data)], actor)[0]
    except InBatch as failure:
        raise failure.error from None


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


def add_links(db: sqlite_utils.Database, links: list[tuple[int, dict[str, Any]]], actor: str) -> list[int]:
    """Link claims: each of ``links`` is (claim_id, values), as for POST
    /claims/<claim_id>/links. The claims at either end and the links already
    made are read once for the whole batch. An error is raised as
    :class:`InBatch`, naming the link's place in ``links``."""
    ends = sorted({claim_id for claim_id, _ in links} | {values["target_id"] for _, values in links})
    states = {
        claim_id: (retracted_at, reason)
        for claim_id, retracted_at, reason in db.conn.execute(
            "SELECT id, retracted_at, retraction_reason FROM claims WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ends)],
        )
    }
    made = linked(db, [(claim_id, values["target_id"], values["relation"]) for claim_id, values in links])
    batched: set[tuple[int, int, str]] = set()
    rows = []
    for index, (claim_id, values) in enumerate(links):
        target_id, relation = values["target_id"], values["relation"]
        try:
            if claim_id not in states:
                raise NotFound(f"No {LABEL} with id {claim_id}.")
            if states[claim_id][0] is not None:
                raise _retracted(claim_id, *states[claim_id])
            if target_id == claim_id:
                raise Conflict(
                    "A claim cannot be linked to itself.",
                    errors=[{"location": "json", "field": "target_id", "message": "Same as the claim."}],
                )
            if target_id not in states:
                raise conflicting_field("target_id", f"No claim with id {target_id}.")
            if states[target_id][0] is not None:
                raise conflicting_field("target_id", f"Claim {target_id} is retracted.")
            if (claim_id, target_id, relation) in made:
                existing_id = made[(claim_id, target_id, relation)]
                raise Conflict(
                    f"These claims are already linked ({relation}), as link {existing_id}.",
                    existing_id=existing_id,
                )
            if (claim_id, target_id, relation) in batched:
                raise Conflict(f"These claims are linked ({relation}) earlier in this batch.")
        except ApiError as error:
            raise InBatch(index, error) from None
        batched.add((claim_id, target_id, relation))
        if relation in SYMMETRIC:
            batched.add((target_id, claim_id, relation))
        rows.append({"claim_id": claim_id, "target_id": target_id, "relation": relation, "note": values.get("note")})
    return records.insert_many(db, "claim_links", rows, actor, versioned=False)


def remove_link(db: sqlite_utils.Database, claim_id: int, link_id: int, actor: str) -> None:
    live(db, claim_id)
    link = records.fetch(db, "claim_links", link_id)
    if link is None or claim_id not in (link["claim_id"], link["target_id"]):
        raise NotFound(f"Claim {claim_id} has no link {link_id}.")
    records.delete(db, "claim_links", link, actor)


def add_appearance(db: sqlite_utils.Database, claim_id: int, data: dict[str, Any], actor: str) -> int:
    try:
        return add_appearances(db, [(claim_id, data)], actor)[0]
    except InBatch as failure:
        raise failure.error from None


def appeared(db: sqlite_utils.Database, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """The appearances already recorded among these (claim_id, source_id)."""
    rows = db.conn.execute(
        "SELECT appearances.claim_id, appearances.source_id, appearances.id FROM json_each(?) AS wanted"
        " CROSS JOIN appearances ON appearances.claim_id = json_extract(wanted.value, '$[0]')"
        " AND appearances.source_id = json_extract(wanted.value, '$[1]')",
        [json.dumps(pairs)],
    )
    return {(claim_id, source_id): appearance_id for claim_id, source_id, appearance_id in rows}


def add_appearances(db: sqlite_utils.Database, items: list[tuple[int, dict[str, Any]]], actor: str) -> list[int]:
    """Record appearances of claims in further sources: each of ``items`` is
    (claim_id, values), as for POST /claims/<claim_id>/appearances. The
    claims, the sources' texts and the appearances already recorded are read
    once for the whole batch. An error is raised as :class:`InBatch`,
    naming the item's place in ``items``."""
    claim_ids = json.dumps(sorted({claim_id for claim_id, _ in items}))
    states = {
        claim_id: (source_id, retracted_at, reason)
        for claim_id, source_id, retracted_at, reason in db.conn.execute(
            "SELECT id, source_id, retracted_at, retraction_reason FROM claims"
            " WHERE id IN (SELECT value FROM json_each(?))",
            [claim_ids],
        )
    }
    texts = _source_texts(db, {values["source_id"] for _, values in items})
    recorded = appeared(db, [(claim_id, values["source_id"]) for claim_id, values in items])
    batched: set[tuple[int, int]] = set()
    rows = []
    for index, (claim_id, values) in enumerate(items):
        source_id = values["source_id"]
        try:
            if claim_id not in states:
                raise NotFound(f"No {LABEL} with id {claim_id}.")
            first_source, retracted_at, reason = states[claim_id]
            if retracted_at is not None:
                raise _retracted(claim_id, retracted_at, reason)
            if source_id not in texts:
                raise _no_source(source_id)
            anchor = anchor_in_text(
                texts[source_id], values.get("quote"), values.get("anchor"), required=values.get("anchor") is not None
            )
            if source_id == first_source:
                raise Conflict(
                    f"Source {source_id} is where claim {claim_id} was first recorded.",
                    errors=[{"location": "json", "field": "source_id", "message": "Already the claim's source."}],
                )
            if (claim_id, source_id) in recorded:
                raise Conflict(
                    f"Claim {claim_id} already has an appearance in source {source_id}.",
                    existing_id=recorded[(claim_id, source_id)],
                )
            if (claim_id, source_id) in batched:
                raise Conflict(f"Claim {claim_id} appears in source {source_id} earlier in this batch.")
        except ApiError as error:
            raise InBatch(index, error) from None
        batched.add((claim_id, source_id))
        rows.append(
            records.encode(
                {"claim_id": claim_id, "source_id": source_id, "quote": values.get("quote"), "anchor": anchor}
            )
        )
    return records.insert_many(db, "appearances", rows, actor, versioned=False)


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


# -- finding a claim the service already holds -------------------------------


#: How much of each text a match compares, so that one comparison costs the
#: same however long the claims are: two texts that open with the same
#: 1,000 characters are similar. (An exact match still compares whole keys.)
COMPARED_CHARS = 1000
#: Reading alike (edit distance, quadratic in length) looks at less: it is
#: for light edits of short quotes; long texts are judged by their words.
READS_ALIKE_CHARS = 500


def _similarity(query_key: str, query_words: set[str], claim_key: str) -> float:
    """How close two normalised texts are, from 0 to just under 1, judged on
    their first :data:`COMPARED_CHARS` characters.

    A shortened quote is contained in the stored one; a reworded one shares
    many of its words; a lightly edited one reads almost the same. The
    score is the best of the three views.
    """
    claim_key = claim_key[:COMPARED_CHARS]  # the caller reads no more, but a direct call may pass more
    claim_words = set(claim_key.split())
    if not query_words or not claim_words:
        return 0.0
    shared = len(query_words & claim_words)
    contained = shared / len(query_words)
    overlap = 2 * shared / (len(query_words) + len(claim_words))
    reads_alike = fuzz.ratio(query_key[:READS_ALIKE_CHARS], claim_key[:READS_ALIKE_CHARS]) / 100
    return round(min(0.99, max(0.9 * contained, overlap, reads_alike)), 3)


def match(
    db: sqlite_utils.Database, text: str, *, speaker_id: int | None, limit: int, public_url: str
) -> list[dict[str, Any]]:
    """Existing claims like ``text``, best first: the same words (score 1)
    once case, punctuation, quotation marks and spacing are set aside, then
    claims found by full-text search, scored by similarity."""
    key = text_key(text)
    speaker_clause = " AND claims.speaker_id = :speaker" if speaker_id is not None else ""
    params: dict[str, Any] = {"key": key, "speaker": speaker_id}
    scored: dict[int, tuple[float, str]] = {}
    exact = db.conn.execute(
        f"SELECT id FROM claims WHERE text_key = :key AND retracted_at IS NULL{speaker_clause}", params
    )
    for (claim_id,) in exact:
        scored[claim_id] = (1.0, "exact")
    compared = key[:COMPARED_CHARS]
    query_words = set(compared.split())
    words = [word for word in dict.fromkeys(compared.split()) if len(word) > 2][:32]
    if words:
        params["words"] = " OR ".join(f'"{word}"' for word in words)
        similar = db.conn.execute(
            f"SELECT claims.id, substr(claims.text_key, 1, {COMPARED_CHARS}) FROM claims"
            " JOIN (SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH :words ORDER BY rank LIMIT 200) AS hits"
            f" ON hits.rowid = claims.id WHERE claims.retracted_at IS NULL{speaker_clause}",
            params,
        )
        for claim_id, claim_key in similar:
            if claim_id not in scored:
                scored[claim_id] = (_similarity(compared, query_words, claim_key), "similar")
    best = sorted(scored.items(), key=lambda item: (-item[1][0], -item[0]))[:limit]
    found = []
    for claim_id, (score, kind) in best:
        summary = _summaries(db, "claims.id = ?", [claim_id], public_url)[0]
        found.append({"claim": summary, "score": score, "match": kind})
    return found
