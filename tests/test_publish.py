"""The public Datasette site, through Datasette's own test client."""

from __future__ import annotations

import re

import pytest

from service import db, publish


def claim_id(path, words: str) -> int:
    database = db.connect(path)
    try:
        return next(database.query("SELECT id FROM claims WHERE text LIKE ?", [f"%{words}%"]))["id"]
    finally:
        database.close()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


async def test_the_claim_page_shows_the_claim_its_speaker_and_its_counter_claims(site, seeded_file):
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    response = await site.client.get(f"/claims/claims/{threat}")
    assert response.status_code == 200
    page = text_of(response.text)
    assert "Qassem Soleimani posed an imminent threat." in page
    assert "Donald Trump , US President" in page
    assert "January 2020 (only the month is known)" in page
    assert "Iraq: In the shadow of US-Iran tensions" in page
    counters = response.text.split('aria-label="Counter-claims"')[1].split("</section>")[0]
    assert text_of(counters).count("Qassem Soleimani did not pose an imminent threat.") == 2
    assert "Iran" in counters and "Prime Minister of Iraq" in counters
    assert f"http://127.0.0.1:8001/c/{threat}" in page  # the default CLAIMS_PUBLIC_URL
    related = response.text.split('aria-label="Supporting and related claims"')[1].split("</section>")[0]
    assert "self-defence" in related and "Supports" in related


async def test_a_contradicts_note_shows_on_both_claims_pages(site, seeded_file):
    from service.store import claims

    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    self_defence = claim_id(seeded_file, "self-defence")
    note = "Each side's words, as the programme reports them."
    database = db.connect(seeded_file)
    try:
        with db.transaction(database):
            claims.add_link(database, self_defence, {"target_id": threat, "relation": "contradicts", "note": note}, "t")
    finally:
        database.close()
    for shown, other in ((threat, self_defence), (self_defence, threat)):
        response = await site.client.get(f"/claims/claims/{shown}")
        counters = response.text.split('aria-label="Counter-claims"')[1].split("</section>")[0]
        assert f"/claims/claims/{other}" in counters
        assert note.replace("'", "&#39;") in counters


async def test_a_quote_page_shows_the_quote_and_venue(site, seeded_file):
    quote = claim_id(seeded_file, "bear the first line of responsibility")
    page = text_of((await site.client.get(f"/claims/claims/{quote}")).text)
    assert "“[I]t is the government of Iraq that must" in page
    assert "Matthew Miller , US State Department spokesperson" in page
    assert "press conference" in page


async def test_the_permalink_redirects_to_the_claim_page(site, seeded_file):
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    response = await site.client.get(f"/c/{threat}")
    assert response.status_code == 302
    assert response.headers["location"] == f"/claims/claims/{threat}"
    assert (await site.client.get("/c/99999")).status_code == 404


async def test_the_speaker_page_lists_the_speakers_claims(site, seeded_file):
    database = db.connect(seeded_file)
    mohie = next(database.query("SELECT id FROM speakers WHERE name = 'Mohammad Mohie'"))["id"]
    count = database["claims"].count_where("speaker_id = ?", [mohie])
    database.close()
    response = await site.client.get(f"/claims/speakers/{mohie}")
    page = text_of(response.text)
    assert f"{count} claims on record" in page
    assert "We are the sons of this area" in page
    assert "Kataib Hezbollah" in page  # affiliation
    assert "Mohammed Mohie" in page  # alias


async def test_the_source_page_lists_the_claims_in_the_article(site):
    response = await site.client.get("/claims/sources/1")
    page = text_of(response.text)
    assert "16 claims in this article" in page
    assert "These attacks must stop" in page


async def test_foreign_keys_show_labels(site):
    response = await site.client.get("/claims/claims.json?_labels=on&_shape=array&_size=max")
    rows = response.json()
    threat = next(row for row in rows if row["text"] == "Qassem Soleimani posed an imminent threat.")
    assert threat["speaker_id"]["label"] == "Donald Trump"
    assert threat["source_id"]["label"] == "Iraq: In the shadow of US-Iran tensions"
    html = (await site.client.get("/claims/claim_links")).text
    assert "Qassem Soleimani posed an imminent threat." in html


@pytest.mark.parametrize(
    ("table", "words", "expected"),
    [
        ("claims", "imminent threat", "Qassem Soleimani posed an imminent threat."),
        ("claims", "Kirkuk", "Kataib Hezbollah was behind the attack in Kirkuk"),
        ("claims", "threats", "The coalition recognises that Iraq is a dangerous place."),
        ("speakers", "Hashd", "Popular Mobilization Forces"),
        ("speakers", "spokesperson", "Matthew Miller"),
        ("sources", "Jazeera", "Iraq: In the shadow of US-Iran tensions"),
    ],
)
async def test_search_finds_records_by_words_in_them(site, table, words, expected):
    response = await site.client.get(f"/claims/{table}.json", params={"_search": words, "_shape": "array"})
    assert response.status_code == 200
    label = "title" if table == "sources" else ("name" if table == "speakers" else "text")
    assert any(row[label].startswith(expected) for row in response.json())


async def canned(site, name: str, **params: str) -> list[dict]:
    response = await site.client.get(f"/claims/{name}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text
    return response.json()


async def test_contested_claims_pairs_each_claim_with_its_counter_claim(site):
    rows = await canned(site, "contested_claims")
    pairs = {(row["speaker"], row["counter_speaker"]) for row in rows}
    assert ("Donald Trump", "Iran") in pairs
    assert ("Donald Trump", "Prime Minister of Iraq") in pairs
    assert ("United States government", "Mohammad Mohie") in pairs
    assert all(row["claim_id"] != row["counter_claim_id"] for row in rows)


async def test_claims_by_speaker_finds_the_speaker_by_alias(site, seeded_file):
    by_name = await canned(site, "claims_by_speaker", speaker="Mohie")
    by_alias = await canned(site, "claims_by_speaker", speaker="Muhammad Mohie")
    database = db.connect(seeded_file)
    expected = next(
        database.query(
            "SELECT count(*) AS n FROM claims JOIN speakers ON speakers.id = speaker_id WHERE name = 'Mohammad Mohie'"
        )
    )["n"]
    assert expected > 1
    assert len(by_name) == expected
    assert by_alias == by_name
    assert {row["speaker"] for row in by_name} == {"Mohammad Mohie"}


async def test_claims_in_article_by_title_or_number(site):
    by_title = await canned(site, "claims_in_article", article="shadow of US-Iran")
    by_number = await canned(site, "claims_in_article", article="2")
    assert len(by_title) == 17
    assert by_number == by_title
    assert {row["appearance"] for row in by_title} == {"first recorded here"}


async def test_recent_changes_lists_newest_first(site):
    rows = await canned(site, "recent_changes")
    assert len(rows) == 33
    assert [row["updated_at"] for row in rows] == sorted((row["updated_at"] for row in rows), reverse=True)
    assert {row["change"] for row in rows} == {"added"}


async def test_most_contested_speakers(site):
    rows = await canned(site, "most_contested_speakers")
    top = {row["speaker"]: row["contested_claims"] for row in rows}
    assert top["Mohammad Mohie"] == 3
    assert top["Donald Trump"] == 1
    assert rows[0]["contested_claims"] == max(top.values())


async def test_canned_query_ids_link_to_pages(site):
    html = (await site.client.get("/claims/contested_claims")).text
    assert re.search(r'<a href="/claims/claims/\d+">\d+</a>', html)


async def test_every_table_and_column_is_described(site, seeded_file):
    tables = publish.metadata()["databases"]["claims"]["tables"]
    database = db.connect(seeded_file)
    try:
        for table in database.table_names():
            if "_fts" in table or table == "sqlite_sequence":
                continue
            assert tables[table]["description"], table
            assert set(tables[table]["columns"]) == set(database[table].columns_dict), table
    finally:
        database.close()


async def test_every_canned_query_has_a_title_and_description(site):
    queries = publish.metadata()["databases"]["claims"]["queries"]
    assert len(queries) == 6
    for name, query in queries.items():
        assert query["title"] and query["description"], name


async def test_the_site_has_title_licence_source_and_about(site):
    metadata = (await site.client.get("/-/metadata.json")).json()
    for key in (
        "title",
        "description_html",
        "license",
        "license_url",
        "source",
        "source_url",
        "about",
        "about_url",
    ):
        assert metadata[key], key
    about = await site.client.get("/about")
    assert about.status_code == 200 and "Linking to a claim" in about.text


async def test_settings_keep_large_tables_fast(site):
    settings = (await site.client.get("/-/settings.json")).json()
    assert settings["suggest_facets"] is False
    assert settings["sql_time_limit_ms"] == 1000


async def test_default_facets_on_claims(site):
    data = (await site.client.get("/claims/claims.json?_extra=facet_results")).json()
    facets = data["facet_results"]
    names = set(facets) if isinstance(facets, dict) else {facet["name"] for facet in facets}
    assert {"speaker_id", "source_id", "kind", "tags"} <= names


@pytest.mark.parametrize(
    "sql",
    [
        "delete from claims",
        "update claims set text = 'x'",
        "insert into speakers (name) values ('x')",
        "drop table claims",
    ],
)
async def test_the_public_side_cannot_write(site, seeded_file, sql):
    before = db.connect(seeded_file)["claims"].count
    response = await site.client.get("/claims.json", params={"sql": sql})
    assert response.status_code == 400
    assert db.connect(seeded_file)["claims"].count == before


async def test_arbitrary_read_only_sql_still_works(site):
    response = await site.client.get(
        "/claims.json", params={"sql": "select count(*) as n from claims", "_shape": "array"}
    )
    assert response.json() == [{"n": 33}]


def retract(path, claim_id: int) -> None:
    from service.store import claims

    database = db.connect(path)
    with db.transaction(database):
        claims.retract(database, claim_id, None, "test-editor", "Misattributed in the source")
    database.close()


def tag_facet(data: dict) -> dict[str, int]:
    facets = data["facet_results"]
    tags = facets["tags"] if isinstance(facets, dict) else next(f for f in facets if f["name"] == "tags")
    return {row["value"]: row["count"] for row in tags["results"]}


async def test_the_tags_facet_counts_published_claims_by_tag(site, seeded_file):
    database = db.connect(seeded_file)
    expected = {
        row["value"]: row["n"]
        for row in database.query(
            "SELECT value, count(*) AS n FROM claims, json_each(tags) WHERE retracted_at IS NULL GROUP BY value"
        )
    }
    database.close()
    default = (await site.client.get("/claims/claims.json?_extra=facet_results&_facet_size=max")).json()
    assert tag_facet(default) == expected
    # A filtered view counts the rows it shows.
    filtered = (await site.client.get("/claims/claims.json?_extra=facet_results&_facet_size=max&kind=quote")).json()
    assert sum(tag_facet(filtered).values()) < sum(expected.values())
    toggle = await site.client.get("/claims/claims.json?tags__arraycontains=soleimani&_shape=array")
    assert len(toggle.json()) == expected["soleimani"]


async def test_retracted_claims_leave_the_default_view_but_keep_their_page(site, seeded_file):
    threat = claim_id(seeded_file, "Soleimani posed an imminent threat")
    retract(seeded_file, threat)
    shown = (await site.client.get("/claims/claims.json?_shape=array&_size=max")).json()
    assert threat not in {row["id"] for row in shown}
    assert len(shown) == 32
    everything = (await site.client.get("/claims/claims.json?_shape=array&_size=max&_show_retracted=1")).json()
    assert threat in {row["id"] for row in everything}
    facet = tag_facet((await site.client.get("/claims/claims.json?_extra=facet_results&_facet_size=max")).json())
    database = db.connect(seeded_file)
    tagged = database["claims"].count_where("tags LIKE '%imminent-threat%' AND retracted_at IS NULL")
    database.close()
    assert facet["imminent-threat"] == tagged == 2
    page = await site.client.get(f"/c/{threat}")
    assert page.status_code == 302
    text = text_of((await site.client.get(page.headers["location"])).text)
    assert "Retracted on" in text and "Misattributed in the source" in text
    contested = await canned(site, "contested_claims")
    assert threat not in {row["claim_id"] for row in contested}


def facet(data: dict, name: str) -> dict:
    facets = data["facet_results"]
    return facets[name] if isinstance(facets, dict) else next(f for f in facets if f["name"] == name)


@pytest.mark.parametrize("column", ["speaker_id", "source_id", "kind", "verdict"])
async def test_default_facets_count_published_claims_from_kept_counts(site, seeded_file, column):
    database = db.connect(seeded_file)
    expected = {
        row["value"]: row["n"]
        for row in database.query(
            f"SELECT {column} AS value, count(*) AS n FROM claims WHERE retracted_at IS NULL"
            f" AND {column} IS NOT NULL GROUP BY {column}"
        )
    }
    database.close()
    data = (await site.client.get("/claims/claims.json?_extra=facet_results&_facet_size=max")).json()
    assert {row["value"]: row["count"] for row in facet(data, column)["results"]} == expected


async def test_a_view_of_every_published_claim_reads_the_kept_counts(site, seeded_file):
    # Mark the kept count of one source, to see where each view's count comes from.
    database = db.connect(seeded_file)
    with db.transaction(database):
        (source_id,) = database.conn.execute(
            "SELECT value FROM claim_facet_counts WHERE facet = 'source_id' ORDER BY value LIMIT 1"
        ).fetchone()
        database.conn.execute(
            "UPDATE claim_facet_counts SET claims = 999 WHERE facet = 'source_id' AND value = ?", [source_id]
        )
    database.close()

    async def counted(query: str) -> int:
        data = (await site.client.get(f"/claims/claims.json?_extra=facet_results&_facet_size=max{query}")).json()
        return {row["value"]: row["count"] for row in facet(data, "source_id")["results"]}[source_id]

    # The default view, and a filter every published claim passes: all of them, so the kept counts.
    assert await counted("") == 999
    assert await counted("&kind__not=no-such-kind") == 999
    # Fewer rows, or retracted ones too: counted from the rows shown.
    assert await counted("&_show_retracted=1") < 999
    assert await counted("&kind=quote") < 999


async def test_facets_show_names_and_follow_filters(site, seeded_file):
    data = (await site.client.get("/claims/claims.json?_extra=facet_results&_facet_size=max")).json()
    speakers = {row["label"]: row["count"] for row in facet(data, "speaker_id")["results"]}
    assert speakers["Mohammad Mohie"] == 8
    filtered = (await site.client.get("/claims/claims.json?_extra=facet_results&_facet_size=max&kind=quote")).json()
    kinds = {row["value"]: row["count"] for row in facet(filtered, "kind")["results"]}
    assert set(kinds) == {"quote"}
    toggle = facet(data, "kind")["results"][0]["toggle_url"]
    assert "kind=" in toggle
