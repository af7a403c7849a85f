"""Pages that survive a spike: Cache-Control, ETags from the claim and its
neighbours, and 304 on If-None-Match, on Datasette's client and a real process."""

from __future__ import annotations

import urllib.error
import urllib.request
from email.message import Message
from urllib.parse import quote

import pytest
from servers import datasette

from service import db, network
from service.publish.plugins import http_cache
from service.store import claims, reviews, speakers

PUBLIC = "http://127.0.0.1:8001"  # the default CLAIMS_PUBLIC_URL
PAGE = "public, max-age=60, stale-while-revalidate=3600"
CARD = "public, max-age=300, stale-while-revalidate=3600"


@pytest.fixture(autouse=True)
def _fresh_pictures():
    network.PICTURES.clear()


@pytest.fixture
def contested(seeded_file) -> tuple[int, list[int]]:
    """A claim with a counter-claim, and the claims within two links of it."""
    database = db.connect(seeded_file)
    claim_id = next(database.query("SELECT id FROM claims WHERE text LIKE '%posed an imminent threat%'"))["id"]
    hood = network.neighbourhood(database.conn, claim_id)
    database.close()
    return claim_id, [node.id for node in hood.nodes if node.id != claim_id]


def paths(claim_id: int) -> dict[str, str]:
    url = quote(f"{PUBLIC}/c/{claim_id}", safe="")
    return {
        "page": f"/claims/claims/{claim_id}",
        "card": f"/c/{claim_id}/embed",
        "oembed": f"/oembed?url={url}&format=json",
        "picture": f"/c/{claim_id}/network.svg",
        "preview": f"/c/{claim_id}/card.png",
    }


def write(seeded_file, change) -> None:
    database = db.connect(seeded_file)
    with db.transaction(database):
        change(database)
    database.close()


async def tags(site, claim_id: int) -> dict[str, str]:
    found = {}
    for name, path in paths(claim_id).items():
        response = await site.client.get(path)
        assert response.status_code == 200, path
        found[name] = response.headers["etag"]
    return found


@pytest.mark.parametrize(
    ("name", "cache_control"), [("page", PAGE), ("card", CARD), ("oembed", CARD), ("picture", CARD)]
)
async def test_claim_responses_carry_a_tag_and_answer_304(site, contested, name, cache_control):
    path = paths(contested[0])[name]
    response = await site.client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == cache_control
    tag = response.headers["etag"]
    assert tag.startswith('W/"') and tag.endswith('"')
    again = await site.client.get(path, headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag and again.headers["cache-control"] == cache_control
    # Strong or weak, in a list, or "*": each names it.
    for asked in (tag.removeprefix("W/"), f'"other", {tag}', "*"):
        assert (await site.client.get(path, headers={"if-none-match": asked})).status_code == 304
    other = await site.client.get(path, headers={"if-none-match": 'W/"another"'})
    assert other.status_code == 200 and other.content == response.content


async def test_the_tag_follows_the_claim_and_its_neighbours(site, seeded_file, contested):
    claim_id, neighbours = contested
    before = await tags(site, claim_id)
    assert len(set(before.values())) == 1  # one signature for the claim's responses

    def counter(database):
        counter_id = neighbours[0]
        kinds = database.conn.execute("SELECT kind, speaker_id FROM claims WHERE id = ?", [counter_id]).fetchone()
        speakers.update(database, kinds[1], {"name": "Another name"}, None, "test")

    write(seeded_file, counter)
    renamed = await tags(site, claim_id)
    assert renamed["page"] != before["page"]
    page = (await site.client.get(paths(claim_id)["page"], headers={"if-none-match": before["page"]})).text
    assert "Another name" in page  # the kept response was not served under the new tag

    verdict = {"rating": "unproven", "rating_label": "Unproven", "summary": "No evidence was published.",
               "evidence": [], "reviewer": "Claims desk", "reviewed_on": "2020-01-20"}  # fmt: skip
    write(seeded_file, lambda database: reviews.create(database, claim_id, verdict, "test"))
    reviewed = await tags(site, claim_id)
    assert reviewed["card"] != renamed["card"]
    assert "Unproven" in (await site.client.get(paths(claim_id)["card"])).text

    write(seeded_file, lambda database: claims.update(database, claim_id, {"context": "More context."}, None, "test"))
    assert (await tags(site, claim_id))["page"] != reviewed["page"]


async def test_a_change_elsewhere_keeps_the_tag(site, seeded_file, contested):
    claim_id, neighbours = contested
    before = await tags(site, claim_id)
    database = db.connect(seeded_file)
    nearby = {claim_id, *neighbours}
    speaker_ids = {row[0] for row in database.conn.execute("SELECT speaker_id FROM claims")}
    near_speakers = {
        row[0]
        for row in database.conn.execute(f"SELECT speaker_id FROM claims WHERE id IN ({','.join(map(str, nearby))})")
    }
    elsewhere = database.conn.execute(
        f"SELECT id FROM claims WHERE id NOT IN ({','.join(map(str, nearby))})"
        f" AND speaker_id NOT IN ({','.join(map(str, near_speakers))}) AND kind = 'paraphrase'"
    ).fetchone()[0]
    database.close()
    assert speaker_ids - near_speakers
    write(seeded_file, lambda database: claims.update(database, elsewhere, {"text": "Elsewhere."}, None, "test"))
    assert await tags(site, claim_id) == before


async def test_the_feed_and_the_network_follow_every_write(site, seeded_file, contested):
    feed = await site.client.get("/claims/claims_feed.atom")
    assert feed.headers["cache-control"] == CARD
    tag = feed.headers["etag"]
    assert (await site.client.get("/claims/claims_feed.atom", headers={"if-none-match": tag})).status_code == 304
    database = db.connect(seeded_file)
    speaker_id = database.conn.execute("SELECT speaker_id FROM claims WHERE id = ?", [contested[0]]).fetchone()[0]
    database.close()
    before = {}
    for path in ("/network", "/network.svg", f"/speakers/{speaker_id}/network.svg"):
        response = await site.client.get(path)
        assert response.headers["cache-control"] == CARD, path
        before[path] = response.headers["etag"]
        assert (await site.client.get(path, headers={"if-none-match": before[path]})).status_code == 304
    write(seeded_file, lambda database: claims.update(database, contested[0], {"context": "New."}, None, "test"))
    changed = await site.client.get("/claims/claims_feed.atom", headers={"if-none-match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    for path, old_tag in before.items():
        assert (await site.client.get(path, headers={"if-none-match": old_tag})).status_code == 200, path


async def test_what_is_not_cached(site):
    permalink = await site.client.get("/c/1")
    assert permalink.status_code == 302 and permalink.headers["cache-control"] == "public, max-age=3600"
    assert "etag" not in permalink.headers
    for missing in ("/c/99999", "/c/99999/embed", "/claims/claims/99999", "/c/99999/network.svg"):
        response = await site.client.get(missing)
        assert response.status_code == 404, missing
        assert "etag" not in response.headers and "public" not in response.headers.get("cache-control", ""), missing
    # Another spelling of a claim's URL is left to the front door (404), never served from the cache.
    assert (await site.client.get("/claims/claims/%31")).status_code == 404
    # Datasette's own formats keep Datasette's headers.
    assert "etag" not in (await site.client.get("/claims/claims/1.json")).headers


def lookups() -> int:
    """Look-ups of the network pictures: each rendering of /network makes one; a kept response none."""
    return network.PICTURES.hits + network.PICTURES.misses


async def test_made_up_query_strings_are_answered_but_not_kept(site):
    plain = await site.client.get("/network")
    before = lookups()
    for n in range(40):
        response = await site.client.get(f"/network?x={n}")
        assert response.status_code == 200 and response.headers["etag"] == plain.headers["etag"]
    assert lookups() - before == 40  # each was rendered...
    before = lookups()
    assert (await site.client.get("/network?x=1")).status_code == 200
    assert lookups() == before + 1  # ...and none was kept
    # An argument the route reads, given twice, is not kept either.
    await site.client.get("/network?top=5&top=6")
    before = lookups()
    await site.client.get("/network?top=5&top=6")
    assert lookups() == before + 1


async def test_the_arguments_a_route_reads_still_vary_what_is_kept(site):
    five = await site.client.get("/network?top=5")
    before = lookups()
    again = await site.client.get("/network?top=5")
    assert lookups() == before and again.text == five.text  # kept
    three = await site.client.get("/network?top=3")
    assert lookups() > before and three.text != five.text  # rendered, not the kept top=5


def test_oembed_is_kept_under_the_arguments_it_reads_in_any_order():
    rule, _ = http_cache.rule_for("/oembed", "url=u&format=json")
    assert http_cache.kept_as(rule, "/oembed", "url=u&format=json") == http_cache.kept_as(
        rule, "/oembed", "format=json&url=u"
    )
    assert http_cache.kept_as(rule, "/oembed", "url=u&maxwidth=300") != http_cache.kept_as(rule, "/oembed", "url=u")
    assert http_cache.kept_as(rule, "/oembed", "url=u&format=json&utm_source=x") is None
    feed, _ = http_cache.rule_for("/claims/claims_feed.atom", "_size=1")
    assert http_cache.kept_as(feed, "/claims/claims_feed.atom", "") == "/claims/claims_feed.atom?"
    assert http_cache.kept_as(feed, "/claims/claims_feed.atom", "_size=1") is None


def test_the_kept_responses_are_capped_by_count_and_by_bytes():
    kept = http_cache.kept_responses()
    largest = (200, [(b"content-type", b"image/svg+xml")], b"x" * http_cache.LARGEST_KEPT)
    for n in range(http_cache.RESPONSES_KEPT):
        kept.put((f"/oembed?url={n}", "tag"), largest)
    assert kept.bytes <= http_cache.BYTES_KEPT
    assert len(kept) == http_cache.BYTES_KEPT // (http_cache.LARGEST_KEPT + 32)
    small = (200, [], b"x")
    for n in range(2 * http_cache.RESPONSES_KEPT):
        kept.put((f"/network?top={n}", "tag"), small)
    assert len(kept) == http_cache.RESPONSES_KEPT


def fetch(url: str, **headers: str) -> tuple[int, Message, bytes]:
    """Status, headers (any case) and body of a GET."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_real_datasette_answers_304_without_a_body(seeded_file, contested):
    claim_id, _ = contested
    with datasette(seeded_file) as base:
        for path in (*paths(claim_id).values(), "/claims/claims_feed.atom", "/network"):
            status, headers, body = fetch(base + path)
            assert status == 200 and "max-age=" in headers["Cache-Control"], path
            status, again, body = fetch(base + path, **{"If-None-Match": headers["ETag"]})
            assert status == 304 and body == b"", path
            assert again["ETag"] == headers["ETag"]
        # A change through the store reaches the real process's tags at once.
        status, headers, _ = fetch(base + f"/c/{claim_id}/embed")
        write(seeded_file, lambda database: claims.update(database, claim_id, {"context": "X."}, None, "test"))
        status, _, body = fetch(base + f"/c/{claim_id}/embed", **{"If-None-Match": headers["ETag"]})
        assert status == 200 and body


def test_the_readme_documents_the_max_ages():
    from servers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for value in (PAGE, CARD, "public, max-age=3600"):
        assert f"`{value}`" in readme, value
