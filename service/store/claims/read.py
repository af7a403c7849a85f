"""Reading claims: their presentation, permalinks and embeds."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from ...errors import NotFound
from .. import records, sources

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


def _retracted(claim_id: int, retracted_at: str, reason: str | None) -> NotFound:
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
