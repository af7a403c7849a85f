"""The public site as a reader meets it: the front page, search, the tables,
link previews, quotes in place; and, in a real Chromium, accessibility and
narrow screens."""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3

import pytest
from chromium import horizontal_overflow, serious_violations, shoot
from servers import datasette

from service import db, publish
from service.publish import passages
from service.store import claims, reviews, sources


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(html: str, css_class: str) -> str:
    return html.split(f'class="{css_class}"', 1)[1].split("</section>", 1)[0]


def claim_id(path, words: str) -> int:
    database = db.connect(path)
    try:
        return next(database.query("SELECT id FROM claims WHERE text LIKE ?", [f"%{words}%"]))["id"]
    finally:
        database.close()


def speaker_id(path, name: str) -> int:
    database = db.connect(path)
    try:
        return next(database.query("SELECT id FROM speakers WHERE name = ?", [name]))["id"]
    finally:
        database.close()


def write(path, change) -> int:
    """Run ``change(database)`` in one transaction, through the store; return what it returns."""
    database = db.connect(path)
    try:
        with db.transaction(database):
            return change(database)
    finally:
        database.close()


def review(path, claim: int, rating: str = "false", label: str = "False") -> None:
    write(
        path,
        lambda database: reviews.create(
            database,
            claim,
            {
                "rating": rating,
                "rating_label": label,
                "summary": "The record shows otherwise.",
                "reviewer": "Desk",
                "reviewed_on": "2020-02-01",
                "evidence": [],
            },
            "test-editor",
        ),
    )


def plugin(name: str):
    """One of the site's plugin modules, loaded from its file as Datasette loads it."""
    spec = importlib.util.spec_from_file_location(f"reader_{name}", publish.PLUGINS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the front page -----------------------------------------------------------


async def test_the_front_page_shows_latest_contested_verdicts_and_speakers(site, seeded_file):
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    review(seeded_file, threat, "mostly_false", "Mostly false")
    html = (await site.client.get("/")).text
    latest = section(html, "latest-claims")
    newest = write(seeded_file, lambda database: database.execute("SELECT max(id) FROM claims").fetchone()[0])
    assert latest.index(f"/claims/claims/{newest}") < latest.index(f"/claims/claims/{newest - 1}")
    assert "Mohammad Mohie" in latest and "January 2020" in latest
    assert "status-contested" in latest and "status-unreviewed" in latest
    contested = section(html, "contested-pairs")
    assert "contradicted by" in contested
    assert "Qassem Soleimani did not pose an imminent threat." in contested
    verdicts = text_of(section(html, "latest-verdicts"))
    assert "Mostly false" in verdicts and "Qassem Soleimani posed an imminent threat." in verdicts
    speakers = text_of(section(html, "top-speakers"))
    assert speakers.index("Mohammad Mohie") < speakers.index("Donald Trump")
    assert "3 contested claims" in speakers
    assert "33 claims on record" in text_of(html)


async def test_the_front_page_links_every_ready_made_query_and_the_raw_data(site):
    html = (await site.client.get("/")).text
    queries = section(html, "ready-made")
    for name in publish.metadata()["databases"]["claims"]["queries"]:
        assert f'href="/claims/{name}"' in queries, name
    raw = section(html, "raw-data")
    for link in ("/claims/claims.json", "/claims/claims.csv", 'href="/claims"', "/claims.db"):
        assert link in raw, link
    assert '<form class="site-search" action="/search"' in html
    # Plumbing is not offered to readers.
    for internal in ("claim_tag_counts", "claim_facet_counts", "_fts"):
        assert internal not in html


async def test_the_instance_listing_stays_as_json(site):
    listing = (await site.client.get("/.json")).json()
    assert "claims" in listing


async def test_internal_tables_are_hidden_but_still_answer_sql(site):
    tables = {table["name"]: table for table in (await site.client.get("/claims.json")).json()["tables"]}
    for internal in ("claim_tag_counts", "claim_facet_counts", "speaker_aliases", "claims_fts"):
        assert tables[internal]["hidden"], internal
    for shown in ("claims", "speakers", "sources", "claim_links", "reviews", "appearances", "revisions"):
        assert not tables[shown]["hidden"], shown
    database_page = (await site.client.get("/claims")).text
    assert 'href="/claims/claim_tag_counts"' not in database_page.split("hidden table")[0]
    counted = await site.client.get(
        "/claims.json", params={"sql": "select sum(claims) as n from claim_facet_counts where facet = 'kind'"}
    )
    assert counted.json()["rows"] == [[33]]


async def test_the_front_page_follows_every_change_to_the_record(site, seeded_file):
    before = text_of(section((await site.client.get("/")).text, "contested-pairs"))
    assert "We are the sons of this area" not in before
    sons = claim_id(seeded_file, "We are the sons of this area")
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    write(
        seeded_file,
        lambda database: claims.add_link(database, threat, {"target_id": sons, "relation": "contradicts"}, "t"),
    )
    after = text_of(section((await site.client.get("/")).text, "contested-pairs"))
    assert "We are the sons of this area" in after


def test_the_front_page_reads_no_more_than_its_lists(seeded_file):
    """Each list is read in order from an index and stops at its limit: no
    sort of the claims, links or reviews, whatever their number."""
    front_page = plugin("front_page")
    connection = sqlite3.connect(seeded_file)
    plans = {
        name: [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", {"limit": 5})]
        for name, sql in front_page.FRONT_PAGE_QUERIES.items()
    }
    connection.close()
    for name in ("latest_claims", "contested_pairs", "latest_verdicts"):
        assert not any("TEMP B-TREE" in step for step in plans[name]), (name, plans[name])
        assert front_page.FRONT_PAGE_QUERIES[name].endswith("LIMIT :limit")
    # The ranking reads the partial index of contested claims, not the table.
    assert any("USING INDEX claims_published_contested" in step for step in plans["top_speakers"]), plans
    assert any("USING PRIMARY KEY" in step for step in plans["published_claims"]), plans


# -- search -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "part", "expected"),
    [
        ("Kirkuk", "found-claims", "Kataib Hezbollah was behind the attack in Kirkuk"),
        ("Hashd", "found-speakers", "Popular Mobilization Forces"),
        ("spokesperson", "found-speakers", "Matthew Miller"),
        ("Jazeera", "found-sources", "Iraq: In the shadow of US-Iran tensions"),
    ],
)
async def test_one_search_finds_claims_speakers_and_sources(site, words, part, expected):
    response = await site.client.get("/search", params={"q": words})
    assert response.status_code == 200
    assert expected in text_of(section(response.text, part))
    assert f'value="{words}"' in response.text


@pytest.mark.parametrize("words", ['AND(" NEAR *', '"', "¿qué?", "محمد", "\x00", "a\x00b"])
async def test_search_words_are_words_not_syntax(site, words):
    response = await site.client.get("/search", params={"q": words})
    assert response.status_code == 200
    assert "No claim matches." in response.text or "claim-card" in response.text


async def test_an_overlong_search_is_refused_plainly(site):
    response = await site.client.get("/search", params={"q": "x" * 201})
    assert response.status_code == 400
    assert "at most 200 characters" in response.text
    empty = await site.client.get("/search")
    assert empty.status_code == 200 and "found-claims" not in empty.text


# -- the tables ---------------------------------------------------------------


async def test_the_claims_table_shows_rows_first_with_names_and_badges(site, seeded_file):
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    review(seeded_file, threat, "false", "False")
    html = (await site.client.get("/claims/claims")).text
    assert 'class="column-descriptions"' not in html
    notes = html.split('<details class="column-notes">')[1].split("</details>")[0]
    assert "text_key" in notes and "Stable number of the claim" in notes
    headers = re.findall(r'<th scope="col" class="col-([a-z_]+)"', html)
    assert headers == ["text", "speaker_id", "said_on", "verdict", "status", "kind", "source_id"]
    row = next(row for row in html.split("<tr>") if f'href="/claims/claims/{threat}"' in row)
    assert re.search(r'<a href="/claims/speakers/\d+"><bdi>Donald Trump</bdi></a>', row)
    assert "<em>" not in row  # no id beside the name
    assert 'class="badge verdict-badge rating-false"><bdi>False</bdi>' in row
    assert "status-contested" in row
    assert "January 2020" in row
    # Every column is still there for those who want it.
    everything = (await site.client.get("/claims/claims?_columns=all")).text
    assert "col-text_key" in everything
    row_json = (await site.client.get(f"/claims/claims/{threat}.json?_shape=array")).json()[0]
    assert row_json["verdict"] == "false" and "text_key" in row_json


@pytest.mark.parametrize(
    ("table", "headers", "shown"),
    [
        ("speakers", ["name", "description", "kind", "affiliation_id", "aliases"], "Kataib Hezbollah"),
        ("sources", ["title", "publisher", "published_on", "kind", "language"], "Al Jazeera"),
    ],
)
async def test_the_speakers_and_sources_tables_read_plainly(site, table, headers, shown):
    html = (await site.client.get(f"/claims/{table}")).text
    assert re.findall(r'<th scope="col" class="col-([a-z_]+)"', html) == headers
    assert 'class="column-descriptions"' not in html and 'class="column-notes"' in html
    assert shown in html
    assert '"[' not in html.split("<tbody>")[1]  # no JSON lists in the cells


def headings(html: str) -> dict[str, str]:
    """Each column heading's inner HTML, by column."""
    return dict(re.findall(r'<th scope="col" class="col-([a-z_]+)">(.*?)</th>', html))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # Only indexed columns sort; a click sorts ascending, then descending, from the first page.
        (
            "/claims/sources",
            {
                "title": "Title",
                "publisher": '<a href="/claims/sources?_sort=publisher" rel="nofollow">Publisher</a>',
                # The sources are newest first by default: the arrow says so.
                "published_on": '<a href="/claims/sources?_sort=published_on" rel="nofollow">Published&nbsp;▲</a>',
                "kind": '<a href="/claims/sources?_sort=kind" rel="nofollow">Kind</a>',
                "language": "Language",
            },
        ),
        (
            "/claims/claims?kind=quote&_sort=said_on&_next=5",
            {
                "speaker_id": "Speaker",
                "said_on": '<a href="/claims/claims?kind=quote&amp;_sort_desc=said_on" rel="nofollow">Said&nbsp;▼</a>',
            },
        ),
        (
            "/claims/claims?_sort_desc=said_on&kind=quote",
            {"said_on": '<a href="/claims/claims?kind=quote&amp;_sort=said_on" rel="nofollow">Said&nbsp;▲</a>'},
        ),
    ],
)
async def test_sortable_headings_link_to_the_next_order_and_show_the_current_one(site, path, expected):
    found = headings((await site.client.get(path)).text)
    assert {column: found[column] for column in expected} == expected


async def test_the_about_page_describes_every_public_table_and_column(site):
    html = (await site.client.get("/about")).text
    tables = publish.metadata()["databases"]["claims"]["tables"]
    for table in ("claims", "speakers", "sources", "claim_links", "reviews", "appearances", "revisions"):
        notes = html.split(f'id="table-{table}"')[1].split("</details>")[0]
        for column in tables[table]["columns"]:
            assert f"<code>{column}</code>" in notes, (table, column)
    assert 'id="table-claim_tag_counts"' not in html


async def test_the_column_descriptions_stay_in_the_sites_metadata(site):
    described = (await site.client.get("/-/metadata.json")).json()["databases"]["claims"]["tables"]["claims"]
    assert described["columns"]["text_key"].startswith("The words folded")
    html = (await site.client.get("/claims/claims")).text
    assert 'data-column-description="The words folded' not in html  # the readers' table has no such header
    every = (await site.client.get("/claims/claims?_columns=all")).text
    assert 'data-column-description="The words folded' in every


# -- the claim page -----------------------------------------------------------


async def test_a_claim_page_carries_a_link_preview_and_its_canonical_address(site, seeded_file, monkeypatch):
    monkeypatch.setenv("CLAIMS_PUBLIC_URL", "https://claims.example.org")
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    review(seeded_file, threat, "mostly_false", "Mostly false")
    head = (await site.client.get(f"/claims/claims/{threat}")).text.split("</head>")[0]

    def meta(attribute: str, name: str) -> str:
        return re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head)[1]

    assert f'<link rel="canonical" href="https://claims.example.org/c/{threat}">' in head
    assert meta("property", "og:title") == "Qassem Soleimani posed an imminent threat."
    description = "Donald Trump, US President · January 2020 · Verdict: Mostly false · contradicted by 2 claims"
    assert meta("property", "og:description") == description
    assert meta("name", "twitter:description") == description
    assert meta("property", "og:url") == f"https://claims.example.org/c/{threat}"
    assert meta("property", "og:image") == f"https://claims.example.org/c/{threat}/card.png"
    assert meta("name", "twitter:card") == "summary_large_image"
    assert meta("name", "twitter:image") == meta("property", "og:image")
    assert meta("property", "og:site_name") == "Claims and counter-claims"


def png_size(picture: bytes) -> tuple[int, int]:
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(picture[16:20], "big"), int.from_bytes(picture[20:24], "big")


async def test_a_claim_is_drawn_as_a_picture_for_link_previews(site, seeded_file):
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    response = await site.client.get(f"/c/{threat}/card.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    # Kept by caches like the other pictures (http_cache.py): five minutes, then a 304 on its ETag.
    assert response.headers["cache-control"].startswith("public, max-age=300,") and response.headers["etag"]
    assert png_size(response.content) == (1200, 630)
    # Kept: the same claim is not drawn twice; a changed one is drawn again.
    assert (await site.client.get(f"/c/{threat}/card.png")).content == response.content
    review(seeded_file, threat, "false", "False")
    redrawn = (await site.client.get(f"/c/{threat}/card.png")).content
    assert redrawn != response.content and png_size(redrawn) == (1200, 630)
    for missing in ("99999", "034", "0"):
        assert (await site.client.get(f"/c/{missing}/card.png")).status_code == 404


async def test_pictures_are_drawn_one_at_a_time_and_a_crowd_is_told_to_wait(site, seeded_file):
    import asyncio
    import uuid

    # Words no earlier drawing had, so that each picture must be drawn now.
    marker = uuid.uuid4().hex
    connection = sqlite3.connect(seeded_file)
    with connection:
        connection.execute("UPDATE claims SET text = text || ' ' || ? WHERE id <= 12", [marker])
    connection.close()
    responses = await asyncio.gather(*(site.client.get(f"/c/{number}/card.png") for number in range(1, 13)))
    statuses = [response.status_code for response in responses]
    assert set(statuses) == {200, 503}, statuses
    refused = [response for response in responses if response.status_code == 503]
    assert all(response.headers.get("retry-after") == "5" for response in refused)
    sizes = [png_size(response.content) for response in responses if response.status_code == 200]
    assert set(sizes) == {(1200, 630)}, sizes


def test_every_seeded_claim_fits_its_picture(seeded_file):
    claim_picture = plugin("claim_picture")
    connection = sqlite3.connect(seeded_file)
    connection.row_factory = sqlite3.Row
    rows = [dict(row) for row in connection.execute(claim_picture.CARD_ROW.replace("claims.id = ?", "1 = 1"))]
    connection.close()
    long_verdict = {"verdict_label": "Mostly false, and misleading in what it leaves out " * 3, "retracted_at": "x"}
    for row in [*rows, {**rows[0], **long_verdict}]:
        assert png_size(claim_picture.draw(claim_picture.card_label(row, "Claims and counter-claims"))) == (1200, 630)


def test_the_pictures_words_are_escaped_and_wrapped():
    claim_picture = plugin("claim_picture")
    row = {
        "text": "A <b>bold</b> & long claim " * 20,
        "kind": "quote",
        "said_on": "2020-01",
        "verdict_label": None,
        "counter_claims": 2,
        "retracted_at": None,
        "name": "Donald <Trump>",
        "description": None,
    }
    label = claim_picture.card_label(row, "Site & co")
    assert "<b>bold" not in label and "&lt;b&gt;bold" in label and "Donald &lt;Trump&gt;" in label
    assert label.count('<BR ALIGN="LEFT"/>') == claim_picture.MAX_LINES
    assert "January 2020" in label and "Not yet reviewed · contradicted by 2 claims" in label
    arabic = claim_picture.card_label({**row, "text": "نحن أبناء هذه المنطقة."}, "Site")
    assert '<BR ALIGN="RIGHT"/>' in arabic
    assert png_size(claim_picture.draw(arabic)) == (1200, 630)


async def test_a_quote_shows_in_place_in_its_source(site, seeded_file):
    sons = claim_id(seeded_file, "We are the sons of this area")
    html = (await site.client.get(f"/claims/claims/{sons}")).text
    in_place = section(html, "in-place")
    assert '<mark class="passage-exact">We are the sons of this area' in in_place
    assert "threat to everyone’s security." in in_place  # the words before
    assert "The group has been accused of" in in_place  # the words after
    assert "From" in in_place and "Iraq: In the shadow of US-Iran tensions" in in_place and "Al Jazeera" in in_place


RUDAW_TEXT = (
    "Kataib Hezbollah spokesman Mohammed Mohi told Rudaw on Sunday: \u201cWe are the sons of this area, "
    "we have the right to defend it.\u201d He did not take questions."
)


def add_rudaw_appearance(path) -> tuple[int, int]:
    sons = claim_id(path, "We are the sons of this area")

    def change(database) -> int:
        rudaw = sources.create(
            database,
            {
                "title": "Kataib Hezbollah: we will defend our area",
                "kind": "article",
                "publisher": "Rudaw",
                "published_on": "2020-01-05",
                "language": "en",
                "text": RUDAW_TEXT,
            },
            "test-editor",
        )
        claims.add_appearance(
            database, sons, {"source_id": rudaw, "quote": "We are the sons of this area, we have the right"}, "t"
        )
        return rudaw

    return sons, write(path, change)


async def test_an_appearance_shows_the_other_outlets_wording_and_spelling(site, seeded_file):
    sons, rudaw = add_rudaw_appearance(seeded_file)
    html = (await site.client.get(f"/claims/claims/{sons}")).text
    appearance = section(html, "appearances")
    assert f'href="/claims/sources/{rudaw}"' in appearance and "Rudaw" in appearance
    assert '<mark class="passage-exact">We are the sons of this area, we have the right</mark>' in appearance
    assert "Mohi told Rudaw on Sunday: \u201c" in appearance  # the outlet's words before
    spelling = text_of(appearance.split('class="spelling"')[1].split("</p>")[0])
    assert "names the speaker Mohammed Mohi (recorded here as Mohammad Mohie )" in spelling


async def test_a_source_repeating_a_claim_names_where_it_was_first_recorded(site, seeded_file):
    sons, rudaw = add_rudaw_appearance(seeded_file)
    html = (await site.client.get(f"/claims/sources/{rudaw}")).text
    note = html.split('class="note first-recorded"')[1].split("</p>")[0]
    assert '<a href="/claims/sources/2"><bdi>Iraq: In the shadow of US-Iran tensions</bdi></a>' in note
    assert "Al Jazeera" in note


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (RUDAW_TEXT, ["Mohammad Mohie", "Muhammad Mohie"], "Mohammed Mohi"),  # a spelling not yet an alias
        (RUDAW_TEXT, ["Mohammad Mohie", "Mohammed Mohi"], "Mohammed Mohi"),  # an alias, as written
        (RUDAW_TEXT, ["Donald Trump"], None),
        ("قال محمد محيي: نحن أبناء هذه المنطقة", ["محمد محيي"], "محمد محيي"),
        (None, ["Mohammad Mohie"], None),
    ],
)
def test_the_speakers_spelling_is_read_near_the_repeated_words(text, names, expected):
    start = (text or "").find("We are") if text and "We are" in text else 0
    assert passages.spelling_in(text, start, start + 6, names) == expected


# -- the speaker page ---------------------------------------------------------


async def test_a_speaker_page_lists_claims_with_their_articles_and_dates(site, seeded_file):
    mohie = speaker_id(seeded_file, "Mohammad Mohie")
    html = (await site.client.get(f"/claims/speakers/{mohie}")).text
    listed = section(html, "speaker-claims")
    assert listed.count('class="from"') == 8
    assert text_of(listed).count("in Iraq: In the shadow of US-Iran tensions , January 2020") == 8
    assert "Every claim by" not in listed


async def test_a_speaker_of_many_claims_lists_the_latest_and_links_the_rest(site, seeded_file):
    mohie = speaker_id(seeded_file, "Mohammad Mohie")

    def many(database) -> None:
        for number in range(50):
            claims.create(
                database,
                {
                    "text": f"Statement number {number} of the day.",
                    "kind": "paraphrase",
                    "speaker_id": mohie,
                    "source_id": 2,
                },
                "test-editor",
            )

    write(seeded_file, many)
    html = (await site.client.get(f"/claims/speakers/{mohie}")).text
    listed = section(html, "speaker-claims")
    assert "58 claims on record" in text_of(listed)
    assert listed.count('class="claim-card') == 50
    assert "Statement number 49 of the day." in listed and "We are the sons" not in listed
    assert f'href="/claims/claims?speaker_id={mohie}"' in listed


# -- in a real browser: accessibility, narrow screens, right-to-left ---------


def reader_pages(path) -> dict[str, str]:
    threat = claim_id(path, "Soleimani posed an imminent threat")
    sons = claim_id(path, "We are the sons of this area")
    return {
        "front": "/",
        "claim": f"/claims/claims/{threat}",
        "quote": f"/claims/claims/{sons}",
        "speaker": f"/claims/speakers/{speaker_id(path, 'Mohammad Mohie')}",
        "source": "/claims/sources/2",
        "contested": "/claims/contested_claims",
        "embed": f"/c/{threat}/embed",
        "search": "/search?q=Kirkuk",
        "claims-table": "/claims/claims",
        "about": "/about",
    }


@pytest.mark.slow
@pytest.mark.parametrize("width", [375, 1280])
def test_reader_pages_pass_axe_and_fit_the_screen(browser, seeded_file, width):
    add_rudaw_appearance(seeded_file)
    review(seeded_file, claim_id(seeded_file, "Soleimani posed an imminent threat"), "mostly_false", "Mostly false")
    pages = reader_pages(seeded_file)
    # The embed card forbids every script; axe is injected past that policy.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        with datasette(seeded_file) as public:
            problems = {}
            for name, path in pages.items():
                page.goto(public + path)
                violations = serious_violations(page)
                overflow = horizontal_overflow(page)
                if violations or overflow:
                    problems[name] = {"violations": violations, "overflow": overflow}
                shoot(page, f"reader-{name}-{width}")
            assert problems == {}, json.dumps(problems, indent=1)
    finally:
        context.close()


@pytest.mark.slow
def test_a_reader_searches_from_the_front_page(page, seeded_file):
    with datasette(seeded_file) as public:
        page.goto(public + "/")
        page.get_by_label("Search claims, speakers and articles").fill("Mohie")
        page.get_by_role("button", name="Search").click()
        page.wait_for_load_state()
        assert page.url.endswith("/search?q=Mohie")
        page.locator(".found-speakers a", has_text="Mohammad Mohie").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Mohammad Mohie"
        assert page.locator(".speaker-claims .from").count() == 8


@pytest.mark.slow
def test_arabic_names_and_quotes_read_right_to_left_on_the_readers_pages(page, seeded_file):
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    connection = sqlite3.connect(seeded_file)
    with connection:
        (speaker,) = connection.execute("SELECT speaker_id FROM claims WHERE id = ?", [threat]).fetchone()
        connection.execute(
            "UPDATE speakers SET name = 'محمد محيي', description = 'متحدث باسم كتائب حزب الله' WHERE id = ?", [speaker]
        )
        connection.execute("UPDATE claims SET text = 'نحن أبناء هذه المنطقة.' WHERE id = ?", [threat])
    connection.close()
    with datasette(seeded_file) as public:
        for path, selectors in [
            ("/", [".contested-pairs blockquote", ".contested-pairs .byline bdi", ".top-speakers bdi"]),
            ("/claims/claims", [".readers-table td.col-text", ".readers-table td.col-speaker_id bdi"]),
            (f"/claims/speakers/{speaker}", ["h1", ".role"]),
        ]:
            page.goto(public + path)
            assert page.locator("html").evaluate("element => element.matches(':dir(ltr)')")
            for selector in selectors:
                located = page.locator(selector).filter(has_text=re.compile("[\u0600-\u06ff]")).first
                assert located.evaluate("element => element.matches(':dir(rtl)')"), (path, selector)
        shoot(page, "reader-arabic-speaker")
