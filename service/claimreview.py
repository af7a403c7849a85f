"""A claim as schema.org ClaimReview (JSON-LD), the format fact-checkers publish.

The same document is served by the API and embedded in the public claim
page. It carries what Google's ClaimReview profile requires and recommends:
``claimReviewed``, ``reviewRating`` (``ratingValue``, ``bestRating``,
``worstRating``, ``alternateName``), ``url``, ``author``, ``datePublished``
and ``itemReviewed``, a ``Claim`` with its ``author``, ``datePublished``,
``appearance`` and ``firstAppearance``. A claim with no review yet is a
``Claim`` alone, with no rating.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import vocab
from .store import claims, records

CONTEXT = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/"


def _author(speaker: dict[str, Any], wikidata_id: str | None) -> dict[str, Any]:
    """The claim's speaker (a speaker summary) as a schema.org Person or Organization."""
    kind = speaker["kind"]
    node: dict[str, Any] = {"@type": "Person" if kind == "person" else "Organization", "name": speaker["name"]}
    if speaker["description"]:
        node["jobTitle" if kind == "person" else "description"] = speaker["description"]
    if wikidata_id:
        node["sameAs"] = WIKIDATA + wikidata_id
    return node


def _creative_work(source: dict[str, Any]) -> dict[str, Any]:
    """A source (a source summary) as a schema.org CreativeWork."""
    node: dict[str, Any] = {"@type": "CreativeWork", "headline": source["title"]}
    if source["url"]:
        node["url"] = source["url"]
    if source["published_on"]:
        node["datePublished"] = source["published_on"]
    if source["publisher"]:
        node["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    return node


def _claim_node(claim: dict[str, Any], wikidata_id: str | None) -> dict[str, Any]:
    first = _creative_work(claim["source"])
    node: dict[str, Any] = {
        "@type": "Claim",
        "text": claim["text"],
        "author": _author(claim["speaker"], wikidata_id),
        "firstAppearance": first,
        "appearance": [first, *(_creative_work(item["source"]) for item in claim["appearances"])],
    }
    if claim["said_on"]:
        node["datePublished"] = claim["said_on"]
    return node


def _rating(review: dict[str, Any]) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": review["rating_label"]}
    value = vocab.RATING_SCALE[review["rating"]]
    if value is not None:
        rating.update(ratingValue=value, bestRating=vocab.BEST_RATING, worstRating=vocab.WORST_RATING)
    return rating


def document(
    db: sqlite_utils.Database, claim_id: int, public_url: str, organization: dict[str, str], *, retracted: bool = False
) -> dict[str, Any]:
    """The claim's latest review as ClaimReview, or the claim alone as Claim."""
    return of_claim(db, claims.get(db, claim_id, public_url, retracted=retracted), organization)


def wikidata_ids(db: sqlite_utils.Database, speaker_ids: list[int]) -> dict[int, str | None]:
    """The speakers' Wikidata items (a claim's answer names its speaker without one)."""
    where, params = records.among("id", speaker_ids)
    return dict(db.conn.execute(f"SELECT id, wikidata_id FROM speakers WHERE {where}", params))


def of_claim(db: sqlite_utils.Database, claim: dict[str, Any], organization: dict[str, str]) -> dict[str, Any]:
    """:func:`document`, for a claim already read (with its embeds)."""
    speaker_id = claim["speaker"]["id"]
    return _of_claim(claim, organization, wikidata_ids(db, [speaker_id])[speaker_id])


def _of_claim(claim: dict[str, Any], organization: dict[str, str], wikidata_id: str | None) -> dict[str, Any]:
    node = _claim_node(claim, wikidata_id)
    review = claim["verdict"]
    if review is None:
        return {"@context": CONTEXT, **node, "url": claim["url"]}
    claim_review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": claim["url"],
        "claimReviewed": claim["text"],
        "datePublished": review["reviewed_on"],
        "author": organization,
        "reviewRating": _rating(review),
        "reviewBody": review["summary"],
        "itemReviewed": node,
    }
    if review["evidence"]:
        claim_review["citation"] = review["evidence"]
    return claim_review


def feed(db: sqlite_utils.Database, public_url: str, organization: dict[str, str]) -> dict[str, Any]:
    """Every reviewed, published claim, as one JSON-LD graph."""
    reviewed = "SELECT id FROM claims WHERE verdict IS NOT NULL AND retracted_at IS NULL ORDER BY id"
    ids = [row[0] for row in db.conn.execute(reviewed)]
    found = claims.present_many(db, ids, public_url)
    wikidata = wikidata_ids(db, [claim["speaker"]["id"] for claim in found]) if found else {}
    graph = []
    for claim in found:
        item = _of_claim(claim, organization, wikidata[claim["speaker"]["id"]])
        item.pop("@context")
        graph.append(item)
    return {"@context": CONTEXT, "@graph": graph}
