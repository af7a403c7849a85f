"""The front page and the one search box over claims, speakers and sources.

Every list on the front page is a bounded read: the newest rows by id (read
backwards through the primary key and stopped at the limit), and the
speakers with the most contested claims from the partial index that holds
only contested, published claims. The figures come from the counts that
triggers keep. tests/test_reader_site.py checks each query plan, so none of
them grows into a scan of the claims table or a sort of it.

The ranking of speakers still reads every contested claim's index entry
(about 70 ms at a million claims), so the page's lists are kept until the
record changes: every change adds a row to ``revisions``, whose largest id
is read from the end of its primary key.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from datasette import Response, hookimpl

from service import config
from service.publish import DATABASE_NAME
from service.store import claims, records, sources, speakers

#: How many of each list the front page shows.
LATEST_CLAIMS = 8
CONTESTED_PAIRS = 5
LATEST_VERDICTS = 5
TOP_SPEAKERS = 8
#: How many matches of each kind the search page shows; the tables hold the rest.
SEARCH_MATCHES = 10
#: A longer query is no reader's search.
MAX_QUERY_CHARACTERS = 200

FRONT_PAGE_QUERIES = {
    "latest_claims": "SELECT * FROM claims WHERE retracted_at IS NULL ORDER BY id DESC LIMIT :limit",
    "contested_pairs": (
        "SELECT claim_links.claim_id AS counter_id, claim_links.target_id AS claim_id, claim_links.note"
        # CROSS JOIN keeps the links the outer loop, newest first, whatever
        # the planner's statistics say: the read stops at the limit.
        " FROM claim_links"
        " CROSS JOIN claims AS claim ON claim.id = claim_links.target_id"
        " CROSS JOIN claims AS counter ON counter.id = claim_links.claim_id"
        " WHERE claim_links.relation = 'contradicts'"
        " AND claim.retracted_at IS NULL AND counter.retracted_at IS NULL"
        " ORDER BY claim_links.id DESC LIMIT :limit"
    ),
    "latest_verdicts": (
        "SELECT reviews.claim_id, reviews.rating, reviews.rating_label, reviews.reviewer, reviews.reviewed_on"
        " FROM reviews CROSS JOIN claims ON claims.id = reviews.claim_id"
        " WHERE claims.retracted_at IS NULL"
        " ORDER BY reviews.id DESC LIMIT :limit"
    ),
    # Answered from the partial index of contested, published claims alone
    # (INDEXED BY: SQLite refuses the query rather than read another way).
    "top_speakers": (
        "SELECT speaker_id, count(*) AS contested_claims FROM claims INDEXED BY claims_published_contested"
        " WHERE counter_claims > 0 AND retracted_at IS NULL"
        " GROUP BY speaker_id ORDER BY contested_claims DESC, speaker_id LIMIT :limit"
    ),
    # Kept by triggers: every published claim has exactly one kind.
    "published_claims": "SELECT coalesce(sum(claims), 0) AS n FROM claim_facet_counts WHERE facet = 'kind'",
}
LIMITS = {
    "latest_claims": LATEST_CLAIMS,
    "contested_pairs": CONTESTED_PAIRS,
    "latest_verdicts": LATEST_VERDICTS,
    "top_speakers": TOP_SPEAKERS,
}


def _rows(db: sqlite_utils.Database, name: str) -> list[dict[str, Any]]:
    params = {"limit": LIMITS[name]} if name in LIMITS else {}
    return list(records.rows(db, FRONT_PAGE_QUERIES[name], params))


#: The last change to the record, as the front page's lists were read at it.
LAST_CHANGE = "SELECT coalesce(max(id), 0) FROM revisions"
#: Per database file: (the last change, the front page's lists then).
_kept: dict[str, tuple[int, dict[str, Any]]] = {}


def front_page(connection: Any, public_url: str) -> dict[str, Any]:
    """The front page's lists, read again only when the record has changed."""
    (database_path,) = [row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"]
    (last_change,) = connection.execute(LAST_CHANGE).fetchone()
    kept = _kept.get(database_path)
    if kept is not None and kept[0] == last_change:
        return kept[1]
    found = read_front_page(connection, public_url)
    _kept[database_path] = (last_change, found)
    return found


def read_front_page(connection: Any, public_url: str) -> dict[str, Any]:
    """What the front page lists, read in a fixed number of bounded statements."""
    db = sqlite_utils.Database(connection, execute_plugins=False)
    latest = claims.present_many(db, [row["id"] for row in _rows(db, "latest_claims")], public_url, embed=False)
    pairs = _rows(db, "contested_pairs")
    verdicts = _rows(db, "latest_verdicts")
    top = _rows(db, "top_speakers")
    shown = claims.summaries(
        db,
        [pair[end] for pair in pairs for end in ("claim_id", "counter_id")] + [row["claim_id"] for row in verdicts],
        public_url,
    )
    names = speakers.summaries(db, (row["speaker_id"] for row in top))
    return {
        "latest_claims": latest,
        "contested_pairs": [
            {"claim": shown[pair["claim_id"]], "counter": shown[pair["counter_id"]], "note": pair["note"]}
            for pair in pairs
        ],
        "latest_verdicts": [{**row, "claim": shown[row["claim_id"]]} for row in verdicts],
        "top_speakers": [{**names[row["speaker_id"]], "contested_claims": row["contested_claims"]} for row in top],
        "published_claims": _rows(db, "published_claims")[0]["n"],
    }


def _public_url() -> str:
    return config.env("CLAIMS_PUBLIC_URL").rstrip("/")


async def index(datasette: Any, request: Any) -> Response:
    """/: the front page, in place of Datasette's list of databases (which
    counts the rows of every table on each visit)."""
    url = _public_url()
    found = await datasette.get_database(DATABASE_NAME).execute_fn(lambda connection: front_page(connection, url))
    queries = await datasette.get_canned_queries(DATABASE_NAME, None)
    context = {
        **found,
        "metadata": datasette.metadata(),
        "canned_queries": [{"name": name, **query} for name, query in queries.items()],
    }
    return Response.html(await datasette.render_template("index.html", context, request=request, view_name="index"))


SPEAKERS_MATCHING = (
    "SELECT speakers.* FROM speakers_fts JOIN speakers ON speakers.id = speakers_fts.rowid"
    " WHERE speakers_fts MATCH ? ORDER BY speakers_fts.rank, speakers.id LIMIT ?"
)


def search_everything(connection: Any, q: str, public_url: str) -> dict[str, Any]:
    """The first matches among claims, speakers and sources: claims best
    first among the newest matches (as the API ranks them), speakers best
    first, sources oldest first."""
    db = sqlite_utils.Database(connection, execute_plugins=False)
    found_claims, more_claims = claims.listing(db, {"q": q}, after=None, limit=SEARCH_MATCHES, public_url=public_url)
    # Full-text search, as the speakers table's own search box: the API's
    # spelling-tolerant name search compares every name, too slow for a page.
    found_speakers = speakers.present_many(
        db, list(records.rows(db, SPEAKERS_MATCHING, [records.fts_query(q), SEARCH_MATCHES + 1]))
    )
    found_sources, more_sources = sources.listing(db, q=q, publisher=None, kind=None, after=None, limit=SEARCH_MATCHES)
    return {
        "found_claims": found_claims,
        "more_claims": more_claims is not None,
        "found_speakers": found_speakers[:SEARCH_MATCHES],
        "more_speakers": len(found_speakers) > SEARCH_MATCHES,
        "found_sources": found_sources,
        "more_sources": more_sources is not None,
    }


async def search(datasette: Any, request: Any) -> Response:
    """/search?q=...: one box, three kinds of record."""
    q = " ".join(request.args.get("q", "").split())
    context: dict[str, Any] = {"q": q}
    status = 200
    if len(q) > MAX_QUERY_CHARACTERS:
        context["problem"] = f"Ask for at most {MAX_QUERY_CHARACTERS} characters."
        status = 400
    elif q:
        url = _public_url()
        context.update(
            await datasette.get_database(DATABASE_NAME).execute_fn(
                lambda connection: search_everything(connection, q, url)
            )
        )
    html = await datasette.render_template("search.html", context, request=request, view_name="search")
    return Response.html(html, status=status)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/$", index), (r"^/search$", search)]
