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
from .store import claims, reviews, sources

CONTEXT = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/"


def _speaker(db: sqlite_utils.Database, speaker_id: int) -> dict[str, Any]:
    row = db.conn.execute(
        "SELECT name, kind, description, wikidata_id FROM speakers WHERE id = ?", [speaker_id]
    ).fetchone()
    name, kind, description, wikidata_id = row
    node: dict[str, Any] = {"@type": "Person" if kind == "person" else "Organization", "name": name}
    if description:
        node["jobTitle" if kind == "person" else "description"] = description
    if wikidata_id:
        node["sameAs"] = WIKIDATA + wikidata_id
    return node


def _creative_work(db: sqlite_utils.Database, source_id: int) -> dict[str, Any]:
    source = sources.summary(db, source_id)
    node: dict[str, Any] = {"@type": "CreativeWork", "headline": source["title"]}
    if source["url"]:
        node["url"] = source["url"]
    if source["published_on"]:
        node["datePublished"] = source["published_on"]
    if source["publisher"]:
        node["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    return node


def _claim_node(db: sqlite_utils.Database, claim: dict[str, Any]) -> dict[str, Any]:
    first = _creative_work(db, claim["source_id"])
    node: dict[str, Any] = {
        "@type": "Claim",
        "text": claim["text"],
        "author": _speaker(db, claim["speaker_id"]),
        "firstAppearance": first,
        "appearance": [first, *(_creative_work(db, item["source_id"]) for item in claim["appearances"])],
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
    claim = claims.get(db, claim_id, public_url, retracted=retracted)
    node = _claim_node(db, claim)
    latest = reviews.for_claim(db, claim_id)[:1]
    if not latest:
        return {"@context": CONTEXT, **node, "url": claim["url"]}
    review = latest[0]
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
    ids = [row[0] for row in db.conn.execute(
        "SELECT id FROM claims WHERE verdict IS NOT NULL AND retracted_at IS NULL ORDER BY id"
    )]  # fmt: skip
    graph = []
    for claim_id in ids:
        item = document(db, claim_id, public_url, organization)
        item.pop("@context")
        graph.append(item)
    return {"@context": CONTEXT, "@graph": graph}
