"""The seed articles load, load again without duplicates, and refuse bad anchors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, snapshot

from service import db, fixtures
from service.normalize import text_key
from service.store import claims


@pytest.fixture
def loaded(tmp_path: Path):
    database = db.connect(tmp_path / "seed.db")
    db.migrate(database)
    counts = fixtures.load(database, FIXTURES)
    yield database, counts
    database.close()


def seed_documents():
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.yaml"))]


def test_every_seed_claim_link_and_source_is_stored(loaded):
    database, counts = loaded
    documents = seed_documents()
    claims = [claim for document in documents for claim in document["claims"]]
    links = [link for document in documents for link in document.get("links", [])]
    assert counts["claims created"] == len(claims) == database["claims"].count
    assert counts["links created"] == len(links) == database["claim_links"].count
    assert database["sources"].count == len(documents) == 2
    stored = {(row["text_key"]) for row in database["claims"].rows}
    assert {text_key(claim["text"]) for claim in claims} == stored


def test_a_speaker_in_both_articles_is_one_record_with_merged_aliases(loaded):
    database, _ = loaded
    rows = list(database.query("SELECT id, aliases FROM speakers WHERE name = 'Popular Mobilization Forces'"))
    assert len(rows) == 1
    aliases = set(yaml.safe_load(rows[0]["aliases"]))
    assert {"PMF", "Hashd al-Shaabi", "Popular Mobilisation Forces"} <= aliases
    kataib = next(database.query("SELECT affiliation_id FROM speakers WHERE name = 'Kataib Hezbollah'"))
    assert kataib["affiliation_id"] == rows[0]["id"]


def test_the_imminent_threat_claim_has_two_counter_claims(loaded):
    database, _ = loaded
    rows = list(
        database.query(
            """
            SELECT speakers.name FROM claims
            JOIN claim_links ON claim_links.claim_id = claims.id OR claim_links.target_id = claims.id
            JOIN claims AS other ON other.id IN (claim_links.claim_id, claim_links.target_id)
                AND other.id != claims.id
            JOIN speakers ON speakers.id = other.speaker_id
            WHERE claims.text LIKE '%Soleimani posed an imminent threat%'
              AND claim_links.relation = 'contradicts'
            ORDER BY speakers.name
            """
        )
    )
    assert [row["name"] for row in rows] == ["Iran", "Prime Minister of Iraq"]


def test_the_kirkuk_denial_contradicts_the_accusation(loaded):
    database, _ = loaded
    row = next(
        database.query(
            """
            SELECT accused.text AS accusation, denial.text AS denial FROM claim_links
            JOIN claims AS accused ON accused.id = claim_links.target_id
            JOIN claims AS denial ON denial.id = claim_links.claim_id
            WHERE claim_links.relation = 'contradicts' AND accused.text LIKE '%Kirkuk%'
              AND denial.text LIKE '%not behind%'
            """
        )
    )
    assert "Kataib Hezbollah" in row["accusation"]


def test_every_quote_is_anchored_at_its_words(loaded):
    database, _ = loaded
    rows = list(
        database.query(
            "SELECT claims.anchor_exact, claims.anchor_start, claims.anchor_end, sources.text FROM claims"
            " JOIN sources ON sources.id = claims.source_id WHERE claims.kind = 'quote'"
        )
    )
    assert rows
    for row in rows:
        assert row["text"][row["anchor_start"] : row["anchor_end"]] == row["anchor_exact"]


def test_fixtures_invent_no_urls_and_keep_dates_partial(loaded):
    database, _ = loaded
    assert [row["url"] for row in database["sources"].rows] == [None, None]
    assert {row["published_on"] for row in database["sources"].rows} == {"2024-10", "2020-01"}


def test_loading_again_changes_nothing(loaded):
    database, _ = loaded
    before = snapshot(database)
    counts = fixtures.load(database, FIXTURES)
    assert not any(name.endswith("created") and number for name, number in counts.items())
    assert snapshot(database) == before


def test_a_quote_whose_anchor_does_not_match_is_refused_by_name(tmp_path: Path):
    broken = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, broken)
    path = sorted(broken.glob("*.yaml"))[0]
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    quote = next(claim for claim in document["claims"] if claim["kind"] == "quote")
    quote["anchor"]["prefix"] = "this text is not in the article"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    database = db.connect(tmp_path / "broken.db")
    db.migrate(database)
    with pytest.raises(fixtures.FixtureError, match=f"claim {quote['key']}: anchor: the prefix"):
        fixtures.load(database, broken)
    assert database["claims"].count == 0  # one transaction: nothing half-loaded
    database.close()


def test_the_cli_loads_fixtures_idempotently(runner, app):
    first = runner.invoke(args=["load-fixtures"])
    assert first.exit_code == 0, first.output
    assert "claims created: 33" in first.output
    second = runner.invoke(args=["load-fixtures"])
    assert "created" not in second.output
    assert "claims existing: 33" in second.output


def small_document(**extra):
    """One article with two speakers and three claims, for the batch paths."""
    text = "Opening words. \u201cWe were not there,\u201d said one. \u201cThey were there,\u201d said the other."
    return {
        "source": {"title": "A small article", "kind": "article", "text": text},
        "speakers": [
            {"key": "one", "name": "Speaker One", "kind": "person"},
            {"key": "other", "name": "Speaker Other", "kind": "person"},
        ],
        "claims": [
            {"key": "denial", "kind": "quote", "text": "We were not there,", "speaker": "one"},
            {"key": "accusation", "kind": "quote", "text": "They were there,", "speaker": "other"},
            {"key": "summary", "kind": "paraphrase", "text": "One side denies being there.", "speaker": "one"},
        ],
        **extra,
    }


@pytest.fixture
def empty(tmp_path: Path):
    database = db.connect(tmp_path / "empty.db")
    db.migrate(database)
    yield database
    database.close()


def test_a_claim_given_twice_in_a_batch_is_one_record(empty):
    document = small_document()
    document["claims"].append(
        {"key": "again", "kind": "paraphrase", "text": "one side DENIES being there", "speaker": "one"}
    )
    counts = fixtures.load_documents(empty, [("small.yaml", document)])
    assert counts["claims created"] == 3
    assert counts["claims existing"] == 1
    keys = fixtures.Keys()
    fixtures.load_documents(empty, [("small.yaml", document)], keys)
    assert keys.claims["again"] == keys.claims["summary"]
    assert empty["claims"].count == 3


def test_a_batch_writes_a_create_revision_holding_each_row(empty):
    fixtures.load_documents(empty, [("small.yaml", small_document())])
    revisions = list(empty.query("SELECT * FROM revisions WHERE table_name = 'claims' ORDER BY id"))
    rows = list(empty.query("SELECT * FROM claims ORDER BY id"))
    assert [revision["row_id"] for revision in revisions] == [row["id"] for row in rows]
    for revision, row in zip(revisions, rows, strict=True):
        assert revision["action"] == "create"
        assert revision["actor"] == fixtures.ACTOR
        assert revision["claim_id"] == row["id"]
        assert json.loads(revision["after"]) == row


def test_a_link_given_twice_or_either_way_round_is_made_once(empty):
    links = [
        {"claim": "denial", "target": "accusation", "relation": "contradicts"},
        {"claim": "accusation", "target": "denial", "relation": "contradicts"},
        {"claim": "summary", "target": "denial", "relation": "supports"},
        {"claim": "summary", "target": "denial", "relation": "supports"},
    ]
    counts = fixtures.load_documents(empty, [("small.yaml", small_document(links=links))])
    assert counts["links created"] == 2
    assert counts["links existing"] == 2
    assert empty["claim_links"].count == 2
    again = fixtures.load_documents(empty, [("small.yaml", small_document(links=links))])
    assert again["links existing"] == 4
    assert "links created" not in again


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ({"claim": "denial", "target": "denial", "relation": "contradicts"}, "target_id: Same as the claim"),
        ({"claim": "denial", "target": "nobody", "relation": "contradicts"}, "unknown claim key 'nobody'"),
        ({"claim": "denial", "target": "accusation", "relation": "rebuts"}, "relation"),
    ],
)
def test_a_bad_link_is_refused_by_its_place_and_nothing_is_loaded(empty, link, message):
    links = [{"claim": "summary", "target": "denial", "relation": "supports"}, link]
    with pytest.raises(fixtures.FixtureError, match=f"small.yaml: link 2: .*{message}"):
        fixtures.load_documents(empty, [("small.yaml", small_document(links=links))])
    assert empty["claims"].count == empty["claim_links"].count == empty["revisions"].count == 0


def test_a_claim_by_an_unknown_speaker_key_is_refused_by_name(empty):
    document = small_document()
    document["claims"][1]["speaker"] = "stranger"
    with pytest.raises(fixtures.FixtureError, match="small.yaml: claim accusation: unknown speaker key 'stranger'"):
        fixtures.load_documents(empty, [("small.yaml", document)])
    assert empty["claims"].count == 0


def sqlite_steps(database, call):
    """How many SQLite VM steps (in hundreds) ``call`` takes."""
    steps = 0

    def count():
        nonlocal steps
        steps += 1
        return 0

    database.conn.set_progress_handler(count, 100)
    try:
        call()
    finally:
        database.conn.set_progress_handler(None, 100)
    return steps


@pytest.mark.parametrize("lookup", ["claims", "links"])
def test_natural_key_lookups_read_an_index_not_the_table(empty, lookup):
    """Finding existing claims and links must not cost more as tables grow:
    the bulk path and the API's duplicate check run these for every write."""

    def grow(count):
        document = small_document()
        document["claims"] = [
            {"key": f"filler-{count}-{n}", "kind": "paraphrase", "text": f"Filler {count} {n}.", "speaker": "one"}
            for n in range(count)
        ]
        document["links"] = [
            {"claim": f"filler-{count}-{n}", "target": f"filler-{count}-{n + 1}", "relation": "supports"}
            for n in range(count - 1)
        ]
        fixtures.load_documents(empty, [(f"grow-{count}.yaml", document)])

    def find():
        if lookup == "claims":
            claims.existing(empty, [(text_key(f"Filler 1 {n}."), 1) for n in range(20)])
        else:
            claims.linked(empty, [(n, n + 1, "supports") for n in range(1, 21)])

    grow(500)
    small = sqlite_steps(empty, find)
    grow(5000)
    assert sqlite_steps(empty, find) < small * 2


def second_article(*appearances):
    """A later article repeating the denial from the small one."""
    text = "A week later the same words again: \u201cWe were not there,\u201d said one."
    return {"source": {"title": "A later article", "kind": "article", "text": text}, "appearances": list(appearances)}


def test_an_appearance_given_twice_or_already_recorded_is_stored_once(empty):
    repeat = {"claim": "denial", "quote": "We were not there,"}
    documents = [("small.yaml", small_document()), ("later.yaml", second_article(repeat, repeat))]
    counts = fixtures.load_documents(empty, documents)
    assert counts["appearances created"] == 1
    assert counts["appearances existing"] == 1
    (stored,) = empty.query("SELECT * FROM appearances")
    later = empty.execute("SELECT id FROM sources WHERE title = 'A later article'").fetchone()[0]
    assert stored["source_id"] == later
    assert stored["anchor_exact"] == "We were not there,"
    again = fixtures.load_documents(empty, documents)
    assert again["appearances existing"] == 2
    assert empty["appearances"].count == 1


@pytest.mark.parametrize(
    ("appearance", "message"),
    [
        (
            {"claim": "denial", "anchor": {"exact": "words this article never used"}},
            "anchor: the exact text does not occur",
        ),
        ({"claim": "nobody"}, "unknown claim key 'nobody'"),
    ],
)
def test_a_bad_appearance_is_refused_by_its_place_and_nothing_is_loaded(empty, appearance, message):
    documents = [("small.yaml", small_document()), ("later.yaml", second_article({"claim": "summary"}, appearance))]
    with pytest.raises(fixtures.FixtureError, match=f"later.yaml: appearance 2: .*{message}"):
        fixtures.load_documents(empty, documents)
    assert empty["claims"].count == empty["appearances"].count == empty["revisions"].count == 0


def test_an_appearance_in_the_claims_own_source_is_refused(empty):
    document = small_document(appearances=[{"claim": "denial"}])
    with pytest.raises(fixtures.FixtureError, match="small.yaml: appearance 1: source_id: Already the claim's source"):
        fixtures.load_documents(empty, [("small.yaml", document)])


def test_a_claim_repeated_in_a_later_article_is_found_before_its_anchor_is_checked(empty):
    """The later article paraphrases the denial: the words are not in its
    text, but they are the stored claim's words, so it is the same claim."""
    later = {
        "source": {"title": "A later article", "kind": "article", "text": "They denied it again on Tuesday."},
        "speakers": [{"key": "one", "name": "Speaker One", "kind": "person"}],
        "claims": [{"key": "denial-again", "kind": "quote", "text": "\u201cWe were not there\u201d", "speaker": "one"}],
    }
    keys = fixtures.Keys()
    counts = fixtures.load_documents(empty, [("small.yaml", small_document()), ("later.yaml", later)], keys)
    assert counts["claims created"] == 3
    assert counts["claims existing"] == 1
    assert keys.claims["denial-again"] == keys.claims["denial"]


def test_a_source_without_a_url_is_the_earlier_one_of_its_title_and_publisher(empty):
    first = small_document()
    first["source"].update(url="https://example.org/small", publisher="Example")
    second = {"source": {"title": "A small article", "publisher": "Example", "kind": "article"}}
    counts = fixtures.load_documents(empty, [("small.yaml", first), ("again.yaml", second)])
    assert counts["sources created"] == 1
    assert counts["sources existing"] == 1
    assert empty["sources"].count == 1


def test_every_revision_is_compact_json(empty):
    fixtures.load_documents(empty, [("small.yaml", small_document())])
    claim_id = empty.execute("SELECT min(id) FROM claims").fetchone()[0]
    with db.transaction(empty):
        claims.update(empty, claim_id, {"context": "Said twice."}, None, "tests")
    written = [
        row for row in empty.query("SELECT before, after FROM revisions") for row in (row["before"], row["after"])
    ]
    compact = [text for text in written if text is not None]
    assert compact == [json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) for text in compact]
    assert any(text and '"context":"Said twice."' in text for text in written)


def test_create_revisions_follow_a_change_of_schema_on_the_same_connection(empty):
    fixtures.load_documents(empty, [("small.yaml", small_document())])
    empty.execute("ALTER TABLE sources ADD COLUMN section TEXT DEFAULT 'world'")
    later = {"source": {"title": "A later article", "kind": "article"}}
    fixtures.load_documents(empty, [("later.yaml", later)])
    (after,) = empty.execute("SELECT after FROM revisions WHERE table_name = 'sources' ORDER BY id DESC").fetchone()
    assert json.loads(after)["section"] == "world"
