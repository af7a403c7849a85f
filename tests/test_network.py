"""The claim network, drawn: a claim's neighbourhood, a speaker's network and
the record's, as SVG with a text alternative, kept until they change."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from service import db, network
from service.store import claims, speakers

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
HOSTILE = '<script>alert("x")</script> & "Bob" \\N'


@pytest.fixture(autouse=True)
def _fresh_cache():
    network.PICTURES.clear()
    yield
    network.PICTURES.clear()


@pytest.fixture
def connection(seeded_file):
    database = db.connect(seeded_file)
    yield database.conn
    database.close()


def all_links(connection) -> list[tuple[int, int, int, str]]:
    return connection.execute("SELECT id, claim_id, target_id, relation FROM claim_links ORDER BY id").fetchall()


def within_two_links(connection, claim_id: int) -> tuple[set[int], set[int]]:
    """The neighbourhood found the plain way: every link read, twice."""
    links = all_links(connection)

    def ends(ids: set[int]) -> set[int]:
        return {end for _, a, b, _ in links if a in ids or b in ids for end in (a, b)}

    near = ends({claim_id})
    nodes = ends(near) | near | {claim_id}
    return nodes, {link_id for link_id, a, b, _ in links if a in nodes and b in nodes and (a in near or b in near)}


def linked_claims(connection) -> list[int]:
    rows = connection.execute("SELECT claim_id FROM claim_links UNION SELECT target_id FROM claim_links")
    return [row[0] for row in rows]


def paraphrases(connection, hood: network.Neighbourhood, depth: int) -> list[network.ClaimNode]:
    """The claims at ``depth`` whose text can change (a quote's is held by its source's text)."""
    kinds = dict(connection.execute("SELECT id, kind FROM claims").fetchall())
    return [node for node in hood.nodes if node.depth == depth and kinds[node.id] == "paraphrase"]


def a_claim_two_links_deep(connection) -> int:
    """A claim whose neighbourhood reaches a paraphrase two links away."""
    for claim_id in linked_claims(connection):
        if paraphrases(connection, network.neighbourhood(connection, claim_id), 2):
            return claim_id
    raise AssertionError("the seeds have no claim two links from another")


def parsed(svg: bytes | str) -> ElementTree.Element:
    return ElementTree.fromstring(svg if isinstance(svg, bytes) else svg.encode("utf-8"))


def inline_svg(html: str) -> str:
    match = re.search(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert match, "no picture on the page"
    return match.group(0)


# -- the neighbourhood ------------------------------------------------------------------


def test_every_linked_claims_neighbourhood_is_two_links_deep(connection):
    for claim_id in linked_claims(connection):
        expected_nodes, expected_links = within_two_links(connection, claim_id)
        hood = network.neighbourhood(connection, claim_id)
        assert {node.id for node in hood.nodes} == expected_nodes, claim_id
        assert {link.id for link in hood.links} >= expected_links, claim_id
        assert hood.nodes[0].id == claim_id and hood.nodes[0].depth == 0
        assert hood.left_out == 0 and hood.left_out_note is None


def test_the_picture_links_every_claim_and_styles_every_relation(connection):
    # A claim with links of every relation the seeds hold, or as many as one has.
    def relations(claim_id: int) -> int:
        return len({link.relation for link in network.neighbourhood(connection, claim_id).links})

    best = max(linked_claims(connection), key=relations)
    hood = network.neighbourhood(connection, best)
    svg = parsed(network.render(network.claim_graph(hood)))
    nodes = svg.findall(f".//{SVG}g[@class='node']")
    assert len(nodes) == len(hood.nodes)
    by_title = {node.find(f"{SVG}title").text: node for node in nodes}
    for claim in hood.nodes:
        node = by_title[f"Claim {claim.id} by {claim.speaker_name}"]
        anchor = node.find(f".//{SVG}a")
        assert anchor.get(f"{XLINK}href") == f"/c/{claim.id}"
        assert anchor.get("target") == "_top"
        shape = anchor.find(f"{SVG}path")
        assert shape.get("fill").lower() == network.colour(claim.speaker_id)[0].lower()
    edges = svg.findall(f".//{SVG}g[@class='edge']")
    assert len(edges) == len(hood.links) and edges
    by_tooltip = {edge.find(f".//{SVG}a").get(f"{XLINK}title"): edge for edge in edges}
    for link in hood.links:
        edge = by_tooltip[f"Claim {link.source} {link.words} claim {link.target}"]
        line = edge.find(f".//{SVG}path")
        style = network.RELATION_STYLES[link.relation]
        assert line.get("stroke").lower() == style["color"].lower()
        assert (line.get("stroke-dasharray") is not None) == (style["style"] in ("dashed", "dotted"))
    assert len({link.relation for link in hood.links}) >= 2
    assert svg.find(f"{SVG}g/{SVG}title").text == f"Claims linked to claim {best}"


def test_a_speakers_colour_is_the_same_everywhere():
    assert network.colour(7) == network.colour(7 + len(network.PALETTE))
    assert len({fill for fill, _ in network.PALETTE}) == len(network.PALETTE) == 8


def test_a_large_neighbourhood_is_cut_and_says_so(connection, monkeypatch):
    claim_id = max(linked_claims(connection), key=lambda c: len(network.neighbourhood(connection, c).nodes))
    whole = network.neighbourhood(connection, claim_id)
    assert len(whole.nodes) >= 4 and any(node.depth == 2 for node in whole.nodes)
    monkeypatch.setattr(network, "MAX_CLAIMS", len(whole.nodes) - 1)
    cut = network.neighbourhood(connection, claim_id)
    assert [node.id for node in cut.nodes] == [node.id for node in whole.nodes][:-1]
    assert cut.left_out == 1
    assert (
        cut.left_out_note == f"1 more linked claim within two links is not drawn (the picture shows {len(cut.nodes)})."
    )
    monkeypatch.setattr(network, "MAX_CLAIMS", 2)
    assert network.neighbourhood(connection, claim_id).left_out_note.startswith(
        f"{len(whole.nodes) - 2} more linked claims within two links are not drawn"
    )
    kept = {node.id for node in cut.nodes}
    assert all(link.source in kept and link.target in kept for link in cut.links)
    # Nearest first: a claim one link away is never dropped for one two links away.
    assert max(node.depth for node in cut.nodes) <= min(n.depth for n in whole.nodes if n.id not in kept)


def test_a_claim_with_more_links_than_are_read_says_at_least(connection, monkeypatch):
    hub = max(linked_claims(connection), key=lambda c: len(network.neighbourhood(connection, c).links))
    monkeypatch.setattr(network, "LINKS_PER_CLAIM", 1)
    hood = network.neighbourhood(connection, hub)
    assert hood.more_unread
    assert "at least" in hood.left_out_note or "Only the first 1 links" in hood.left_out_note


async def test_a_claim_alone_draws_nothing_on_its_page(site, connection):
    alone = connection.execute(
        "SELECT id FROM claims WHERE id NOT IN"
        " (SELECT claim_id FROM claim_links UNION SELECT target_id FROM claim_links)"
    ).fetchone()[0]
    html = (await site.client.get(f"/claims/claims/{alone}")).text
    assert "No other claim on record is linked to this one." in html
    assert "network-picture" not in html


# -- on the site ---------------------------------------------------------------------------


async def test_the_claim_page_shows_the_picture_and_the_same_links_as_a_list(site, connection):
    claim_id = a_claim_two_links_deep(connection)
    hood = network.neighbourhood(connection, claim_id)
    html = (await site.client.get(f"/claims/claims/{claim_id}")).text
    svg = parsed(inline_svg(html))
    hrefs = {a.get(f"{XLINK}href") for a in svg.iter(f"{SVG}a") if a.get(f"{XLINK}href")}
    assert hrefs == {f"/c/{node.id}" for node in hood.nodes}
    titles = [title.text for title in svg.iter(f"{SVG}title")]
    assert f"Claim {claim_id} by {hood.nodes[0].speaker_name}" in titles
    alternative = html[html.index("<details>") : html.index("</details>")]
    for link in hood.links:
        expected = f'<a href="/c/{link.source}">Claim {link.source}</a>'
        assert expected in alternative
        assert f'{link.words} <a href="/c/{link.target}">claim {link.target}</a>' in alternative
    for speaker_id, name in hood.speakers:  # the legend names each colour
        assert f'background:{network.colour(speaker_id)[0]}"></span><bdi>{name}</bdi>' in html


async def test_the_pictures_alone(site, connection):
    claim_id = a_claim_two_links_deep(connection)
    response = await site.client.get(f"/c/{claim_id}/network.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert parsed(response.content).tag == f"{SVG}svg"
    png = await site.client.get(f"/c/{claim_id}/network.png")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG\r\n\x1a\n")
    for missing in ("/c/99999/network.svg", "/c/0/network.svg", "/c/01/network.svg", "/speakers/99999/network.svg"):
        assert (await site.client.get(missing)).status_code == 404, missing


async def test_hostile_names_stay_text(site, seeded_file, connection):
    claim_id = a_claim_two_links_deep(connection)
    hood = network.neighbourhood(connection, claim_id)
    neighbour = paraphrases(connection, hood, 2)[0]
    database = db.connect(seeded_file)
    with db.transaction(database):
        speakers.update(database, neighbour.speaker_id, {"name": HOSTILE}, None, "test")
        claims.update(database, neighbour.id, {"text": 'It is </text><script>alert(1)</script> & "so".'}, None, "test")
    database.close()
    for path in (f"/claims/claims/{claim_id}", f"/claims/speakers/{neighbour.speaker_id}", "/network"):
        html = (await site.client.get(path)).text
        assert "<script>alert" not in html, path
    page = (await site.client.get(f"/claims/claims/{claim_id}")).text
    svg = parsed(inline_svg(page))  # still well-formed, the name as text
    assert f"Claim {neighbour.id} by {HOSTILE}" in [title.text for title in svg.iter(f"{SVG}title")]
    texts = "".join(text.text or "" for text in svg.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in texts and "&" in texts
    alone = await site.client.get(f"/c/{claim_id}/network.svg")
    assert b"<script" not in alone.content and parsed(alone.content) is not None
    assert (await site.client.get(f"/c/{claim_id}/network.png")).status_code == 200


async def test_the_speaker_page_counts_contradictions_speaker_to_speaker(site, connection):
    rows = connection.execute(
        "SELECT a.speaker_id, b.speaker_id FROM claim_links JOIN claims AS a ON a.id = claim_links.claim_id"
        " JOIN claims AS b ON b.id = claim_links.target_id WHERE relation = 'contradicts'"
    ).fetchall()
    speaker_id = max({a for a, _ in rows} | {b for _, b in rows}, key=lambda s: sum(s in pair for pair in rows))
    expected: dict[tuple[int, int], int] = {}
    for pair in rows:
        if speaker_id in pair:
            expected[pair] = expected.get(pair, 0) + 1
    found = network.speaker_network(connection, speaker_id)
    assert {(edge.source, edge.target): edge.count for edge in found.edges} == expected
    html = (await site.client.get(f"/claims/speakers/{speaker_id}")).text
    svg = parsed(inline_svg(html))
    hrefs = {a.get(f"{XLINK}href") for a in svg.iter(f"{SVG}a") if a.get(f"{XLINK}href")}
    assert hrefs == {f"/claims/speakers/{node.id}" for node in found.nodes}
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    for (source, target), count in expected.items():
        if source != target:
            assert str(count) in labels
        assert (
            f'<a href="/claims/speakers/{source}"><bdi>{found.node(source).name}</bdi></a> contradicts'
            f' <a href="/claims/speakers/{target}"><bdi>{found.node(target).name}</bdi></a>: {count} time'
        ) in html
    picture = await site.client.get(f"/speakers/{speaker_id}/network.svg")
    assert picture.headers["content-type"] == "image/svg+xml"


async def test_the_record_network_keeps_the_top_speakers_and_says_how_many_are_left_out(site, connection):
    (contested,) = connection.execute(
        "SELECT count(DISTINCT speaker_id) FROM claims WHERE counter_claims > 0 AND retracted_at IS NULL"
    ).fetchone()
    assert contested > 2
    html = (await site.client.get("/network?top=2")).text
    assert f"{contested - 2} more speakers with contested claims are left out" in html
    svg = parsed(inline_svg(html))
    assert len(svg.findall(f".//{SVG}g[@class='node']")) == 2
    everyone = (await site.client.get(f"/network?top={contested}")).text
    assert "left out" not in everyone
    assert len(parsed(inline_svg(everyone)).findall(f".//{SVG}g[@class='node']")) == contested
    assert "<details>" in everyone and "contested claim" in everyone
    for bad in ("1", "61", "x", "-3", "٣"):
        assert (await site.client.get(f"/network?top={bad}")).status_code == 400, bad
    assert (await site.client.get("/network.svg")).headers["content-type"] == "image/svg+xml"


# -- kept until the neighbourhood changes ----------------------------------------------------------


async def test_a_picture_is_laid_out_once_and_again_when_a_neighbour_changes(site, seeded_file, connection):
    claim_id = a_claim_two_links_deep(connection)
    hood = network.neighbourhood(connection, claim_id)
    far = paraphrases(connection, hood, 2)[0]
    first = await site.client.get(f"/c/{claim_id}/network.svg")
    assert network.PICTURES.misses == 1 and network.PICTURES.hits == 0
    await site.client.get(f"/claims/claims/{claim_id}")  # the page reuses the layout
    assert network.PICTURES.hits == 1 and network.PICTURES.misses == 1

    database = db.connect(seeded_file)
    with db.transaction(database):
        claims.update(database, far.id, {"text": "A changed claim two links away."}, None, "test")
    changed = await site.client.get(f"/c/{claim_id}/network.svg")
    assert network.PICTURES.misses == 2
    assert b"A changed claim two links away." in changed.content and changed.content != first.content

    with db.transaction(database):  # a new link to the claim
        speaker_id = hood.nodes[0].speaker_id
        other = connection.execute(
            "SELECT id FROM claims WHERE speaker_id != ? AND id NOT IN (SELECT claim_id FROM claim_links"
            " UNION SELECT target_id FROM claim_links) AND retracted_at IS NULL",
            [speaker_id],
        ).fetchone()[0]
        claims.add_link(database, other, {"target_id": claim_id, "relation": "qualifies"}, "test")
    database.close()
    linked = await site.client.get(f"/c/{claim_id}/network.svg")
    assert network.PICTURES.misses == 3
    assert f'xlink:href="/c/{other}"'.encode() in linked.content
    assert b'stroke="#cc79a7" stroke-width="2" stroke-dasharray' in linked.content  # qualifies: dotted purple


def test_an_unrelated_change_keeps_the_signature(seeded_file, connection):
    claim_id = a_claim_two_links_deep(connection)
    before = network.claim_signature(connection, claim_id)
    nodes = {node.id for node in network.neighbourhood(connection, claim_id).nodes}
    speaker_ids = {node.speaker_id for node in network.neighbourhood(connection, claim_id).nodes}
    elsewhere = connection.execute(
        f"SELECT id FROM claims WHERE id NOT IN ({','.join(map(str, nodes))})"
        f" AND speaker_id NOT IN ({','.join(map(str, speaker_ids))}) AND retracted_at IS NULL"
    ).fetchone()[0]
    database = db.connect(seeded_file)
    with db.transaction(database):
        claims.update(database, elsewhere, {"text": "Changed elsewhere."}, None, "test")
    assert network.claim_signature(connection, claim_id) == before
    with db.transaction(database):
        speakers.update(database, next(iter(speaker_ids)), {"name": "Renamed"}, None, "test")
    database.close()
    assert network.claim_signature(connection, claim_id) != before
    assert network.claim_signature(connection, 99999) is None


# -- bounded at a million claims -------------------------------------------------------------------

QUERIES = {
    "links": (network._LINKS_QUERY, {"claim": 1, "per_claim": 20}),
    "signature": (network._CLAIM_SIGNATURE, {"claim": 1, "per_claim": 20}),
    "speaker": (network._SPEAKER_CONTRADICTIONS, {"speaker": 1, "read": 2000}),
    "speaker count": (network._SPEAKER_COUNT, {"speaker": 1, "limit": 2001}),
    "top speakers": (network._TOP_SPEAKERS, {"top": 20}),
    "contested speakers": (network._CONTESTED_SPEAKERS, {}),
    "among speakers": (network._AMONG_SPEAKERS, {"speakers": "[1,2,3]"}),
}


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_reads_an_index(connection, name):
    sql, parameters = QUERIES[name]
    plan = [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, parameters)]
    for step in plan:
        # A table read whole is the only thing that grows with the record.
        assert not re.fullmatch(r"SCAN (claims|claim_links|speakers|sources|reviews|appearances)( AS \w+)?", step), plan
    if name in ("top speakers", "contested speakers"):
        assert any("claims_published_contested" in step for step in plan), plan


async def test_a_speakers_picture_is_read_after_a_write_but_laid_out_only_when_it_changes(
    site, seeded_file, connection
):
    speaker_id = connection.execute(
        "SELECT speaker_id FROM claims WHERE counter_claims > 0 GROUP BY speaker_id ORDER BY count(*) DESC"
    ).fetchone()[0]
    page = f"/claims/speakers/{speaker_id}"
    first = inline_svg((await site.client.get(page)).text)
    laid_out = network.PICTURES.misses
    assert inline_svg((await site.client.get(page)).text) == first
    assert network.PICTURES.misses == laid_out  # kept

    database = db.connect(seeded_file)
    shown = {node.id for node in network.speaker_network(connection, speaker_id).nodes}
    elsewhere = connection.execute(
        f"SELECT id FROM claims WHERE speaker_id NOT IN ({','.join(map(str, shown))}) AND kind = 'paraphrase'"
    ).fetchone()[0]
    with db.transaction(database):
        claims.update(database, elsewhere, {"context": "A write elsewhere."}, None, "test")
    hits = network.PICTURES.hits
    assert inline_svg((await site.client.get(page)).text) == first
    assert network.PICTURES.hits == hits + 1  # read again, found by what it shows: not laid out

    with db.transaction(database):
        speakers.update(database, speaker_id, {"name": "A new name"}, None, "test")
    database.close()
    renamed = inline_svg((await site.client.get(page)).text)
    assert "A new name" in renamed and renamed != first
