"""Finding a claim the service already holds: exact and fuzzy matches."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from ...normalize import text_key
from .read import summaries

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
    found = summaries(db, [claim_id for claim_id, _ in best], public_url)
    return [{"claim": found[claim_id], "score": score, "match": kind} for claim_id, (score, kind) in best]
