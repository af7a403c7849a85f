"""Reading claims: their presentation, permalinks and embeds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from ...errors import Retracted
from .. import records, sources, speakers

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
# A page of claims is read in a constant number of statements: the page's
# rows, then each kind of related row for the whole page at once (speakers,
# sources, verdicts; for a full claim also its links and appearances).

#: A claim's reviews, latest first: the first is the claim's verdict.
LATEST_FIRST = "reviewed_on DESC, id DESC"
#: The columns a claim's summary is made from.
SUMMARY_COLUMNS = ("id", "text", "kind", "said_on", "retracted_at", "speaker_id", "source_id")


def verdicts(db: sqlite_utils.Database, claim_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The latest review of each of these claims, by claim id."""
    wanted = sorted(set(claim_ids))
    if not wanted:
        return {}
    # For each claim, its latest review's id is found in the claim_id index.
    rows = records.rows(
        db,
        "SELECT reviews.* FROM json_each(?) AS wanted JOIN reviews ON reviews.id ="
        f" (SELECT latest.id FROM reviews AS latest WHERE latest.claim_id = wanted.value ORDER BY {LATEST_FIRST}"
        " LIMIT 1)",
        [records.id_list(wanted)],
    )
    return {row["claim_id"]: records.decode(row) for row in rows}


class _Related:
    """The speakers and sources that some claims and their embeds name,
    each read once for all of them."""

    def __init__(self, db: sqlite_utils.Database, speaker_ids: Iterable[int], source_ids: Iterable[int]) -> None:
        self.speakers = speakers.summaries(db, speaker_ids)
        self.sources = sources.summaries(db, source_ids)

    def claim_summary(self, claim: dict[str, Any], public_url: str) -> dict[str, Any]:
        """A claim as it is shown inside another record: a link, a match."""
        speaker, source = self.speakers[claim["speaker_id"]], self.sources[claim["source_id"]]
        return {
            "id": claim["id"],
            "text": claim["text"],
            "kind": claim["kind"],
            "said_on": claim["said_on"],
            "retracted": claim["retracted_at"] is not None,
            "speaker": {"id": speaker["id"], "name": speaker["name"]},
            "source": {"id": source["id"], "title": source["title"]},
            "url": permalink(public_url, claim["id"]),
        }


def summaries(db: sqlite_utils.Database, claim_ids: list[int], public_url: str) -> dict[int, dict[str, Any]]:
    """The summaries of these claims, by id."""
    where, params = records.among("id", claim_ids)
    rows = list(records.rows(db, f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM claims WHERE {where}", params))
    related = _Related(db, (row["speaker_id"] for row in rows), (row["source_id"] for row in rows))
    return {row["id"]: related.claim_summary(row, public_url) for row in rows}


#: A link with the summary columns of the claims at both of its ends.
_LINKS = (
    "SELECT claim_links.id, claim_links.relation, claim_links.note, claim_links.created_at, "
    + ", ".join(f"{end}.{column} AS {end}_{column}" for end in ("claim", "target") for column in SUMMARY_COLUMNS)
    + " FROM claim_links"
    " JOIN claims AS claim ON claim.id = claim_links.claim_id"
    " JOIN claims AS target ON target.id = claim_links.target_id"
)


def _link_rows(db: sqlite_utils.Database, claim_ids: list[int]) -> list[dict[str, Any]]:
    """Every link of these claims, either way round, with the summary
    columns of the claims at both of its ends (as ``claim`` and ``target``)."""
    from_claim, params = records.among("claim_links.claim_id", claim_ids)
    to_claim, _ = records.among("claim_links.target_id", claim_ids)
    return list(records.rows(db, f"{_LINKS} WHERE {from_claim} OR {to_claim} ORDER BY claim_links.id", params * 2))


def _end(row: dict[str, Any], end: str) -> dict[str, Any]:
    return {column: row[f"{end}_{column}"] for column in SUMMARY_COLUMNS}


def _appearance_rows(
    db: sqlite_utils.Database, claim_ids: list[int], source_id: int | None = None
) -> list[dict[str, Any]]:
    where, params = records.among("claim_id", claim_ids)
    sql = f"SELECT * FROM appearances WHERE {where}"
    if source_id is not None:
        sql += " AND source_id = ?"
        params.append(source_id)
    return [records.decode(row) for row in records.rows(db, f"{sql} ORDER BY id", params)]


def appearances(db: sqlite_utils.Database, claim_id: int, source_id: int | None = None) -> list[dict[str, Any]]:
    found = _appearance_rows(db, [claim_id], source_id)
    by_id = sources.summaries(db, (appearance["source_id"] for appearance in found))
    return [{**appearance, "source": by_id[appearance["source_id"]]} for appearance in found]


def present_many(
    db: sqlite_utils.Database, rows: list[dict[str, Any]], public_url: str, *, embed: bool = True
) -> list[dict[str, Any]]:
    """Claims as the API answers them; ``embed`` adds their links,
    counter-claims and appearances. Related rows are read for all of
    ``rows`` at once."""
    ids = [row["id"] for row in rows]
    link_rows = _link_rows(db, ids) if embed else []
    appearance_rows = _appearance_rows(db, ids) if embed else []
    link_ends = [_end(link, end) for link in link_rows for end in ("claim", "target")]
    related = _Related(
        db,
        [row["speaker_id"] for row in rows + link_ends],
        [row["source_id"] for row in rows + link_ends + appearance_rows],
    )
    latest = verdicts(db, [row["id"] for row in rows if row["verdict"] is not None])
    links_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for link in link_rows:
        for end in {link["claim_id"], link["target_id"]}:
            links_of[end].append(link)
    appearances_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for appearance in appearance_rows:
        appearances_of[appearance["claim_id"]].append(appearance)
    claims = []
    for row in rows:
        claim = records.decode(row)
        claim.pop("text_key", None)
        claim["said_on_precision"] = precision(claim["said_on"])
        claim["retracted"] = claim["retracted_at"] is not None
        claim["url"] = permalink(public_url, claim["id"])
        claim["speaker"] = related.speakers[claim["speaker_id"]]
        claim["source"] = related.sources[claim["source_id"]]
        for column in ("verdict", "verdict_label", "verdict_on"):
            claim.pop(column, None)
        claim["verdict"] = latest.get(claim["id"])
        claim["counter_claim_count"] = claim.pop("counter_claims")
        claim["status"] = status(claim["counter_claim_count"], claim["verdict"])
        if embed:
            claim["links"] = [_link(link, claim["id"], related, public_url) for link in links_of[claim["id"]]]
            claim["counter_claims"] = [link["claim"] for link in claim["links"] if link["relation"] == "contradicts"]
            claim["appearances"] = [
                {**appearance, "source": related.sources[appearance["source_id"]]}
                for appearance in appearances_of[claim["id"]]
            ]
        claims.append(claim)
    return claims


def _link(link: dict[str, Any], claim_id: int, related: _Related, public_url: str) -> dict[str, Any]:
    """One of a claim's links, seen from that claim."""
    outgoing = link["claim_id"] == claim_id
    return {
        "id": link["id"],
        "claim_id": link["claim_id"],
        "target_id": link["target_id"],
        "relation": link["relation"],
        "direction": "outgoing" if outgoing else "incoming",
        "note": link["note"],
        "created_at": link["created_at"],
        "claim": related.claim_summary(_end(link, "target" if outgoing else "claim"), public_url),
    }


def status(counter_claim_count: int, verdict: dict[str, Any] | None) -> str:
    """contested when any claim contradicts it; else reviewed or unreviewed."""
    if counter_claim_count:
        return "contested"
    return "reviewed" if verdict else "unreviewed"


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


def get(db: sqlite_utils.Database, claim_id: int, public_url: str, *, retracted: bool = False) -> dict[str, Any]:
    """The claim with everything embedded; ``retracted=True`` for the public
    page and the history, which show retracted claims too."""
    row = records.fetch_or_404(db, "claims", claim_id, LABEL) if retracted else live(db, claim_id)
    return present_many(db, [row], public_url)[0]
