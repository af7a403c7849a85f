"""ClaimReview JSON-LD, checked by a real JSON-LD processor against schema.org."""

from __future__ import annotations

import json
import re

import pytest
from pyld import jsonld

SCHEMA = "https://schema.org/"


def offline_loader(url, options=None):  # type: ignore[no-untyped-def]
    """The schema.org context, without the network: its vocabulary is schema.org.

    Only this one context may be loaded; anything else fails the test.
    """
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


def expand(document: dict) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": offline_loader})


def values(node: dict, term: str) -> list:
    return node.get(SCHEMA + term, [])


def single(node: dict, term: str):  # type: ignore[no-untyped-def]
    found = values(node, term)
    assert len(found) == 1, f"{term}: {found}"
    value = found[0]
    return value.get("@value", value)


@pytest.fixture
def threat(seeded, client):
    found = client.get("/api/v1/claims?q=Soleimani%20imminent%20threat").json["items"]
    return next(claim for claim in found if claim["speaker"]["name"] == "Donald Trump")


def review(client, editor, claim_id, **overrides):
    body = {
        "rating": "false",
        "rating_label": "False",
        "summary": "No evidence of an imminent attack was made public.",
        "evidence": ["https://evidence.example.org/briefing"],
        "reviewer": "Claims desk",
        "reviewed_on": "2020-01-20",
    }
    body.update(overrides)
    response = client.post(f"/api/v1/claims/{claim_id}/reviews", json=body, headers=editor)
    assert response.status_code == 201
    return response.json


def test_a_reviewed_claim_has_every_required_and_recommended_field(client, editor, threat):
    assert threat["text"] == "Qassem Soleimani posed an imminent threat."
    review(client, editor, threat["id"])
    response = client.get(f"/api/v1/claims/{threat['id']}/claimreview")
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    [node] = expand(response.json)
    assert node["@type"] == [SCHEMA + "ClaimReview"]
    assert single(node, "claimReviewed") == "Qassem Soleimani posed an imminent threat."
    assert single(node, "url") == f"https://claims.example.org/c/{threat['id']}"
    assert single(node, "datePublished") == "2020-01-20"
    author = single(node, "author")
    assert author["@type"] == [SCHEMA + "Organization"] and single(author, "name")
    rating = single(node, "reviewRating")
    assert rating["@type"] == [SCHEMA + "Rating"]
    assert (single(rating, "ratingValue"), single(rating, "bestRating"), single(rating, "worstRating")) == (1, 5, 1)
    assert single(rating, "alternateName") == "False"
    item = single(node, "itemReviewed")
    assert item["@type"] == [SCHEMA + "Claim"]
    speaker = single(item, "author")
    assert speaker["@type"] == [SCHEMA + "Person"]
    assert single(speaker, "name") == "Donald Trump"
    assert single(speaker, "sameAs") == "https://www.wikidata.org/wiki/Q22686"
    assert single(item, "datePublished") == "2020-01"
    first = single(item, "firstAppearance")
    assert single(first, "headline") == "Iraq: In the shadow of US-Iran tensions"
    assert single(single(first, "publisher"), "name") == "Al Jazeera"
    assert len(values(item, "appearance")) == 1


def test_every_expanded_term_is_a_schema_org_iri(client, editor, threat):
    review(client, editor, threat["id"])
    expanded = expand(client.get(f"/api/v1/claims/{threat['id']}/claimreview").json)

    def walk(node):  # type: ignore[no-untyped-def]
        if isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if not key.startswith("@"):
                    yield key
                if key == "@type":
                    yield from value
                else:
                    yield from walk(value)

    terms = set(walk(expanded))
    assert terms and all(term.startswith(SCHEMA) for term in terms), terms


def test_a_claim_with_no_review_is_a_claim_with_no_rating(client, threat):
    [node] = expand(client.get(f"/api/v1/claims/{threat['id']}/claimreview").json)
    assert node["@type"] == [SCHEMA + "Claim"]
    assert values(node, "reviewRating") == []
    assert single(single(node, "author"), "name") == "Donald Trump"


def test_unproven_has_no_place_on_the_numeric_scale(client, editor, threat):
    review(client, editor, threat["id"], rating="unproven", rating_label="Unproven")
    [node] = expand(client.get(f"/api/v1/claims/{threat['id']}/claimreview").json)
    rating = single(node, "reviewRating")
    assert single(rating, "alternateName") == "Unproven"
    assert values(rating, "ratingValue") == []


def test_the_bulk_feed_lists_every_reviewed_claim(client, editor, threat, seeded):
    other = client.get("/api/v1/claims?q=slap").json["items"][0]
    review(client, editor, threat["id"])
    review(client, editor, other["id"], rating="mixed", rating_label="Half true")
    response = client.get("/api/v1/claimreview.jsonld")
    assert response.mimetype == "application/ld+json"
    nodes = expand(response.json)
    assert {single(node, "claimReviewed") for node in nodes} == {threat["text"], other["text"]}


async def test_the_public_claim_page_embeds_the_same_json_ld(site, seeded_file):
    from service import claimreview, config, db

    database = db.connect(seeded_file)
    claim_id = next(database.query("SELECT id FROM claims WHERE text LIKE '%posed an imminent%'"))["id"]
    expected = claimreview.document(database, claim_id, config.env("CLAIMS_PUBLIC_URL"), config.organization())
    database.close()
    html = (await site.client.get(f"/claims/claims/{claim_id}")).text
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert [json.loads(script) for script in scripts] == [expected]
