"""Other articles: the embeddable card, oEmbed discovery, and the Atom feed."""

from __future__ import annotations

import re
from urllib.parse import quote
from xml.etree import ElementTree

import pytest

from service import db

PUBLIC = "http://127.0.0.1:8001"  # the default CLAIMS_PUBLIC_URL


@pytest.fixture
def threat_id(seeded_file) -> int:
    database = db.connect(seeded_file)
    claim_id = next(database.query("SELECT id FROM claims WHERE text LIKE '%posed an imminent threat%'"))["id"]
    database.close()
    return claim_id


async def test_the_embed_card_is_self_contained(site, threat_id):
    response = await site.client.get(f"/c/{threat_id}/embed")
    assert response.status_code == 200
    html = response.text
    assert "Qassem Soleimani posed an imminent threat." in html
    assert "Donald Trump" in html and "January 2020" in html
    assert "Not yet reviewed" in html and "2 counter-claims" in html
    assert f'href="{PUBLIC}/c/{threat_id}"' in html
    # Nothing loaded from elsewhere, no script, and any site may frame it.
    assert not re.search(r"<(script|link|img)\b", html)
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert "x-frame-options" not in response.headers
    assert (await site.client.get("/c/99999/embed")).status_code == 404


async def test_the_card_shows_the_verdict(site, seeded_file, threat_id):
    from service.store import reviews

    database = db.connect(seeded_file)
    with db.transaction(database):
        reviews.create(database, threat_id, {
            "rating": "unproven", "rating_label": "Unproven", "summary": "No evidence was published.",
            "evidence": [], "reviewer": "Claims desk", "reviewed_on": "2020-01-20",
        }, "test")  # fmt: skip
    database.close()
    html = (await site.client.get(f"/c/{threat_id}/embed")).text
    assert "Verdict: <bdi>Unproven</bdi>" in html  # the reviewer's wording, isolated


@pytest.mark.parametrize("form", ["/c/{id}", "/claims/claims/{id}", "/c/{id}/"])
async def test_oembed_turns_a_claim_url_into_a_card(site, threat_id, form):
    url = PUBLIC + form.format(id=threat_id)
    response = await site.client.get(f"/oembed?url={quote(url, safe='')}&format=json")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "1.0" and body["type"] == "rich"
    assert body["html"].startswith(f'<iframe src="{PUBLIC}/c/{threat_id}/embed"')
    assert (body["width"], body["height"]) == (560, 260)
    assert body["author_name"] == "Donald Trump"
    assert body["provider_url"] == PUBLIC and body["provider_name"]


async def test_oembed_respects_the_size_asked_for(site, threat_id):
    url = quote(f"{PUBLIC}/c/{threat_id}", safe="")
    body = (await site.client.get(f"/oembed?url={url}&maxwidth=400&maxheight=200")).json()
    assert (body["width"], body["height"]) == (400, 200)
    assert 'width="400" height="200"' in body["html"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("url=http%3A%2F%2F127.0.0.1%3A8001%2Fc%2F1&format=xml", 501),
        ("url=https%3A%2F%2Felsewhere.example%2Fc%2F1&format=json", 404),
        ("url=http%3A%2F%2F127.0.0.1%3A8001%2Fc%2F99999&format=json", 404),
        ("url=http%3A%2F%2F127.0.0.1%3A8001%2Fclaims%2Fspeakers%2F1", 404),
        ("format=json", 404),
    ],
)
async def test_oembed_refuses_what_it_cannot_embed(site, query, status):
    assert (await site.client.get(f"/oembed?{query}")).status_code == status


async def test_the_claim_page_advertises_oembed(site, threat_id):
    html = (await site.client.get(f"/claims/claims/{threat_id}")).text
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    assert link
    discovered = link.group(1).replace("&amp;", "&").removeprefix(PUBLIC)
    assert (await site.client.get(discovered)).json()["type"] == "rich"


async def test_the_atom_feed_lists_new_and_changed_claims(site, threat_id):
    response = await site.client.get("/claims/claims_feed.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml") or "atom" in response.headers["content-type"]
    feed = ElementTree.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("atom:entry", ns)
    assert len(entries) == 33
    links = {entry.find("atom:link", ns).get("href") for entry in entries}
    assert f"{PUBLIC}/c/{threat_id}" in links
    titles = [entry.find("atom:title", ns).text for entry in entries]
    assert "Donald Trump: Qassem Soleimani posed an imminent threat." in titles
