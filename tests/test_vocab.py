"""One vocabulary: the database, the API and the public site's metadata allow
exactly the values in service/vocab.py."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import marshmallow
import pytest
import sqlite_utils
import yaml

from service import db, migrations, schemas, vocab
from service.publish import DATABASE_NAME

METADATA = Path(__file__).resolve().parent.parent / "service" / "publish" / "metadata.yaml"
STAMP = "2020-01-01T00:00:00.000Z"


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    """A database built through every migration, holding one speaker, one
    source and two claims for the rows under test to point at."""
    database = db.connect(tmp_path / "vocab.db")
    db.migrate(database)
    execute = database.conn.execute
    execute("INSERT INTO speakers (name, kind, created_at, updated_at) VALUES ('S', 'person', ?, ?)", [STAMP, STAMP])
    execute("INSERT INTO sources (title, kind, created_at, updated_at) VALUES ('T', 'article', ?, ?)", [STAMP, STAMP])
    for text in ("One", "Two"):
        execute(
            "INSERT INTO claims (text, kind, speaker_id, source_id, created_at, updated_at)"
            " VALUES (?, 'paraphrase', 1, 1, ?, ?)",
            [text, STAMP, STAMP],
        )
    yield database
    database.close()


# Each constrained column, the vocabulary it must allow, and a row for it.
CONSTRAINED = {
    ("speakers", "kind"): (
        vocab.SPEAKER_KINDS,
        "INSERT INTO speakers (name, kind, created_at, updated_at) VALUES ('N', :value, 'now', 'now')",
    ),
    ("sources", "kind"): (
        vocab.SOURCE_KINDS,
        "INSERT INTO sources (title, kind, created_at, updated_at) VALUES ('N', :value, 'now', 'now')",
    ),
    ("claims", "kind"): (
        vocab.CLAIM_KINDS,
        "INSERT INTO claims (text, kind, speaker_id, source_id, created_at, updated_at)"
        " VALUES ('N', :value, 1, 1, 'now', 'now')",
    ),
    ("claim_links", "relation"): (
        vocab.LINK_RELATIONS,
        "INSERT INTO claim_links (claim_id, target_id, relation, created_at) VALUES (1, 2, :value, 'now')",
    ),
    ("reviews", "rating"): (
        vocab.RATINGS,
        "INSERT INTO reviews (claim_id, rating, rating_label, summary, reviewer, reviewed_on, created_at, updated_at)"
        " VALUES (1, :value, 'L', 'S', 'R', '2020-01-01', 'now', 'now')",
    ),
    ("revisions", "action"): (
        vocab.REVISION_ACTIONS,
        "INSERT INTO revisions (table_name, row_id, action, actor, changed_at)"
        " VALUES ('claims', 1, :value, 'a', 'now')",
    ),
}
# Every value of the vocabulary now, and every one a migration ever shipped,
# so that a value dropped from the vocabulary is refused too.
EVERY_VALUE = {value for values, _ in CONSTRAINED.values() for value in values} | {
    value
    for shipped in vars(migrations).values()
    if isinstance(shipped, tuple)
    for value in shipped
    if isinstance(value, str)
}


def inserts(database: sqlite_utils.Database, sql: str, value: str) -> bool:
    """Whether the row goes in; it is taken out again either way."""
    database.conn.execute("SAVEPOINT probe")
    try:
        database.conn.execute(sql, {"value": value})
    except sqlite3.IntegrityError:
        return False
    finally:
        database.conn.execute("ROLLBACK TO probe")
        database.conn.execute("RELEASE probe")
    return True


@pytest.mark.parametrize("column", CONSTRAINED, ids=".".join)
def test_the_database_allows_exactly_the_vocabulary(migrated: sqlite_utils.Database, column: tuple[str, str]):
    values, sql = CONSTRAINED[column]
    assert [value for value in values if not inserts(migrated, sql, value)] == []
    outsiders = sorted(EVERY_VALUE - set(values)) + ["", "unknown", values[0].upper(), f" {values[0]}"]
    assert [value for value in outsiders if inserts(migrated, sql, value)] == []


def test_the_kept_facet_counts_are_the_counted_facets(migrated: sqlite_utils.Database):
    migrated.conn.execute(
        "INSERT INTO reviews (claim_id, rating, rating_label, summary, reviewer, reviewed_on, created_at, updated_at)"
        " VALUES (1, 'false', 'False', 'S', 'R', '2020-01-01', 'now', 'now')"
    )
    kept = {facet for (facet,) in migrated.conn.execute("SELECT DISTINCT facet FROM claim_facet_counts")}
    assert kept == set(vocab.COUNTED_FACETS)


def test_the_api_accepts_exactly_the_vocabulary():
    """Every choice of values in the API's schemas, in bodies and in queries."""
    choices = {
        f"{schema.__name__}.{name}": set(validator.choices)
        for schema in vars(schemas).values()
        if isinstance(schema, type) and issubclass(schema, marshmallow.Schema)
        for name, field in schema().fields.items()
        for validator in field.validators
        if isinstance(validator, marshmallow.validate.OneOf)
    }
    found = {
        where: name
        for where, values in choices.items()
        for name, vocabulary in VOCABULARIES.items()
        if len(values & set(vocabulary)) >= 2
    }
    assert {"SpeakerIn.kind", "SourceIn.kind", "ClaimIn.kind", "LinkIn.relation", "ReviewIn.rating"} <= set(found)
    assert {
        where: sorted(choices[where]) for where, name in found.items() if choices[where] != set(VOCABULARIES[name])
    } == {}


def test_every_rating_has_its_claimreview_number_or_none():
    numbers = [vocab.RATING_SCALE[rating] for rating in vocab.RATINGS if vocab.RATING_SCALE[rating] is not None]
    assert numbers == sorted(numbers, reverse=True)
    assert (numbers[0], numbers[-1]) == (vocab.BEST_RATING, vocab.WORST_RATING)


# -- the public site's metadata ---------------------------------------------

# A run of words such as "a, b or c" (or "a, b, and c") in a description.
LISTED = re.compile(r"\b[a-z_]+(?:, [a-z_]+)*,? (?:or|and) [a-z_]+\b")
VOCABULARIES = {
    "speaker kinds": vocab.SPEAKER_KINDS,
    "source kinds": vocab.SOURCE_KINDS,
    "claim kinds": vocab.CLAIM_KINDS,
    "link relations": vocab.LINK_RELATIONS,
    "ratings": vocab.RATINGS,
    "revision actions": vocab.REVISION_ACTIONS,
    # Named without their "_id", as "speaker, source, kind and verdict".
    "counted facets": tuple(column.removesuffix("_id") for column in vocab.COUNTED_FACETS),
}


def descriptions() -> Iterator[tuple[str, str]]:
    tables = yaml.safe_load(METADATA.read_text())["databases"][DATABASE_NAME]["tables"]
    for table, settings in tables.items():
        yield table, settings.get("description", "")
        for column, text in settings.get("columns", {}).items():
            yield f"{table}.{column}", text


def listings() -> Iterator[tuple[str, str, set[str]]]:
    """Each place that lists values of a vocabulary: where, which, the values."""
    for where, text in descriptions():
        for run in LISTED.findall(text):
            words = set(re.split(r",? (?:or|and) |, ", run))
            for name, values in VOCABULARIES.items():
                if len(words & set(values)) >= 2:
                    yield where, name, words


def test_metadata_lists_exactly_the_vocabulary_wherever_it_lists_one():
    listed = list(listings())
    assert {(where, name) for where, name, _ in listed} == {
        ("claims.kind", "claim kinds"),
        ("claims.verdict", "ratings"),
        ("reviews", "ratings"),
        ("reviews.rating", "ratings"),
        ("speakers.kind", "speaker kinds"),
        ("sources.kind", "source kinds"),
        ("claim_links.relation", "link relations"),
        ("revisions.action", "revision actions"),
        ("claim_facet_counts", "counted facets"),
    }
    wrong = {where: sorted(words) for where, name, words in listed if words != set(VOCABULARIES[name])}
    assert wrong == {}


def test_the_claims_tables_published_facets_are_the_counted_ones():
    tables = yaml.safe_load(METADATA.read_text())["databases"][DATABASE_NAME]["tables"]
    published = [facet["published"] for facet in tables["claims"]["facets"] if "published" in facet]
    assert published == list(vocab.COUNTED_FACETS)
