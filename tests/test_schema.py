"""The schema's rules: migrations, PRAGMAs, foreign keys and their indexes, ids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from service import db, migrations


def fresh(path: Path):
    database = db.connect(path)
    db.migrate(database)
    return database


def test_every_connection_sets_wal_busy_timeout_and_foreign_keys(tmp_path: Path):
    database = db.connect(tmp_path / "x.db", busy_timeout_ms=1234)
    pragma = database.conn.execute
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA busy_timeout").fetchone()[0] == 1234
    assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrate_brings_a_new_file_to_the_latest_version_once(tmp_path: Path):
    database = db.connect(tmp_path / "x.db")
    assert db.migrate(database) == [version for version, _ in migrations.MIGRATIONS]
    assert db.schema_version(database) == db.latest_version()
    assert db.migrate(database) == []


def test_every_foreign_key_column_has_an_index(tmp_path: Path):
    database = fresh(tmp_path / "x.db")
    missing = []
    for table in database.table_names():
        if table.endswith(("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")):
            continue
        first_columns = {index.columns[0] for index in database[table].indexes if index.columns}
        for foreign_key in database[table].foreign_keys:
            if foreign_key.column not in first_columns:
                missing.append(f"{table}.{foreign_key.column}")
    assert missing == []


def test_foreign_keys_are_enforced(tmp_path: Path):
    database = fresh(tmp_path / "x.db")
    with pytest.raises(sqlite3.IntegrityError):
        database.conn.execute(
            "INSERT INTO claims (text, kind, speaker_id, source_id, created_at, updated_at)"
            " VALUES ('x', 'quote', 99, 99, 'now', 'now')"
        )


def test_ids_are_never_reused(tmp_path: Path):
    database = fresh(tmp_path / "x.db")
    insert = "INSERT INTO speakers (name, kind, created_at, updated_at) VALUES (?, 'person', 'now', 'now')"
    first = database.conn.execute(insert, ["A"]).lastrowid
    database.conn.execute("DELETE FROM speakers WHERE id = ?", [first])
    second = database.conn.execute(insert, ["B"]).lastrowid
    assert second == first + 1


def test_the_published_file_holds_no_secrets(tmp_path: Path, app):
    from service import auth

    auth.create_token(app.instance_path, "editor")
    database = db.connect(app.config["DATABASE"])
    assert not any("token" in table for table in database.table_names())
    assert Path(app.instance_path, "tokens.db").exists()


def at_version_one(path: Path):
    """A database as migration 1 alone left it."""
    database = db.connect(path)
    original, migrations.MIGRATIONS[:] = list(migrations.MIGRATIONS), migrations.MIGRATIONS[:1]
    try:
        db.migrate(database)
    finally:
        migrations.MIGRATIONS[:] = original
    assert db.schema_version(database) == 1
    return database


def schema(database) -> list[tuple[str, ...]]:
    """``sqlite_master`` without page numbers, whitespace collapsed, sorted by type and name."""
    rows = database.conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
    return [tuple(" ".join(value.split()) if value else "" for value in row) for row in rows]


def test_a_database_upgraded_from_version_one_has_the_schema_of_a_new_one(tmp_path: Path):
    old = at_version_one(tmp_path / "old.db")
    stamp = "2020-01-01T00:00:00.000Z"
    old.conn.executescript(f"""
    INSERT INTO speakers (name, kind, created_at, updated_at) VALUES ('Iran', 'government', '{stamp}', '{stamp}');
    INSERT INTO speaker_aliases (speaker_id, alias) VALUES (1, 'Islamic Republic');
    INSERT INTO sources (title, url, kind, text, created_at, updated_at)
        VALUES ('T', 'http://example.org/a', 'article', 'They said it was over.', '{stamp}', '{stamp}');
    INSERT INTO claims (text, kind, speaker_id, source_id, tags, created_at, updated_at)
        VALUES ('it was over', 'quote', 1, 1, '["war"]', '{stamp}', '{stamp}'),
               ('It goes on', 'paraphrase', 1, 1, '[]', '{stamp}', '{stamp}');
    INSERT INTO claim_links (claim_id, target_id, relation, created_at) VALUES (2, 1, 'contradicts', '{stamp}');
    INSERT INTO appearances (claim_id, source_id, quote, created_at) VALUES (2, 1, 'goes on', '{stamp}');
    INSERT INTO revisions (table_name, row_id, action, actor, changed_at)
        VALUES ('claims', 1, 'create', 'a', '{stamp}');
    """)
    assert db.migrate(old) == [version for version, _ in migrations.MIGRATIONS[1:]]
    assert schema(old) == schema(fresh(tmp_path / "new.db"))


def test_a_migration_on_an_existing_database_keeps_every_row(tmp_path: Path):
    database = at_version_one(tmp_path / "old.db")
    stamp = "2020-01-01T00:00:00.000Z"
    database.conn.execute(
        "INSERT INTO speakers (name, kind, created_at, updated_at) VALUES ('Iran', 'government', ?, ?)",
        [stamp, stamp],
    )
    database.conn.execute(
        "INSERT INTO sources (title, kind, created_at, updated_at) VALUES ('T', 'article', ?, ?)",
        [stamp, stamp],
    )
    database.conn.execute(
        "INSERT INTO claims (text, kind, speaker_id, source_id, created_at, updated_at)"
        " VALUES ('Soleimani posed no imminent threat', 'paraphrase', 1, 1, ?, ?)",
        [stamp, stamp],
    )
    before = list(database.query("SELECT * FROM claims"))
    assert db.migrate(database) == [version for version, _ in migrations.MIGRATIONS[1:]]
    after = list(database.query("SELECT * FROM claims"))
    assert len(after) == 1
    # Every column as it was, but the duplicate key, which a later migration derives afresh.
    assert {key: after[0][key] for key in before[0] if key != "text_key"} == {
        key: value for key, value in before[0].items() if key != "text_key"
    }
    assert after[0]["text_key"] == "soleimani posed no imminent threat"
    assert after[0]["retracted_at"] is None
    hits = database.conn.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'imminent'").fetchall()
    assert hits == [(1,)]


def test_a_failed_migration_leaves_the_old_schema(tmp_path: Path):
    database = fresh(tmp_path / "x.db")
    version = db.schema_version(database)

    def broken(connection):
        connection.execute("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("boom")

    migrations.MIGRATIONS.append((version + 1, broken))
    try:
        with pytest.raises(RuntimeError):
            db.migrate(database)
    finally:
        migrations.MIGRATIONS.pop()
    assert db.schema_version(database) == version
    assert "half_done" not in database.table_names()


def test_fts_follows_edits_through_triggers(tmp_path: Path):
    database = fresh(tmp_path / "x.db")
    stamp = "2020-01-01T00:00:00.000Z"
    database.conn.execute(
        "INSERT INTO speakers (name, kind, created_at, updated_at) VALUES ('Kataib Hezbollah', 'group', ?, ?)",
        [stamp, stamp],
    )
    database.conn.execute("INSERT INTO speaker_aliases (speaker_id, alias) VALUES (1, 'Hezbollah Brigades')")

    def speakers_matching(words: str):
        return database.conn.execute("SELECT rowid FROM speakers_fts WHERE speakers_fts MATCH ?", [words]).fetchall()

    assert speakers_matching("brigades") == [(1,)]
    database.conn.execute("DELETE FROM speaker_aliases")
    assert speakers_matching("brigades") == []
    database.conn.execute('INSERT INTO "speakers_fts"("speakers_fts") VALUES (\'integrity-check\')')
