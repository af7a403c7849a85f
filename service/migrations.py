"""Versioned schema migrations.

Each migration is a function of the database, applied once, in order, inside
the transaction that also bumps ``PRAGMA user_version``. Never edit a
migration that has shipped: add a new one.

A shipped migration carries literal copies of the values it shipped with
(``_SPEAKER_KINDS_V1`` and the like), never the live ones in
:mod:`service.vocab`: otherwise a new value would rewrite an old migration,
and new and upgraded databases would enforce different rules. A new value
in the vocabulary means a new migration that rebuilds the constraint.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import sqlite_utils

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"

# The values migration 1 shipped with. Frozen: see the module's docstring.
_SPEAKER_KINDS_V1 = ("person", "organization", "government", "group", "other")
_SOURCE_KINDS_V1 = (
    "article",
    "press_conference",
    "social_post",
    "broadcast",
    "statement",
    "interview",
    "report",
    "other",
)
_CLAIM_KINDS_V1 = ("quote", "paraphrase")
_LINK_RELATIONS_V1 = ("contradicts", "supports", "responds_to", "qualifies", "repeats")
_REVISION_ACTIONS_V1 = ("create", "update", "delete", "retract")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"CHECK ({column} IN ({quoted}))"


def _partial_date(column: str) -> str:
    digit4 = "[0-9][0-9][0-9][0-9]"
    return (
        f"CHECK ({column} IS NULL OR {column} GLOB '{digit4}'"
        f" OR {column} GLOB '{digit4}-[01][0-9]'"
        f" OR {column} GLOB '{digit4}-[01][0-9]-[0-3][0-9]')"
    )


ANCHOR_COLUMNS = """
    anchor_exact TEXT,
    anchor_prefix TEXT,
    anchor_suffix TEXT,
    anchor_start INTEGER CHECK (anchor_start IS NULL OR anchor_start >= 0),
    anchor_end INTEGER CHECK (anchor_end IS NULL OR anchor_end >= anchor_start)
"""

ALIASES_REFRESH = """
    UPDATE speakers SET aliases = (
        SELECT json_group_array(alias) FROM (
            SELECT alias FROM speaker_aliases WHERE speaker_id = {ref}.speaker_id ORDER BY alias
        )
    ) WHERE id = {ref}.speaker_id;
"""


def initial_schema(db: sqlite_utils.Database) -> None:
    db.executescript(f"""
    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind TEXT NOT NULL {_one_of("kind", _SPEAKER_KINDS_V1)},
        description TEXT,
        affiliation_id INTEGER REFERENCES speakers(id),
        wikidata_id TEXT CHECK (wikidata_id IS NULL OR
            (wikidata_id GLOB 'Q[1-9]*' AND substr(wikidata_id, 2) NOT GLOB '*[^0-9]*')),
        aliases TEXT NOT NULL DEFAULT '[]',
        name_key TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (affiliation_id IS NULL OR affiliation_id != id)
    );
    CREATE INDEX speakers_affiliation_id ON speakers(affiliation_id);
    CREATE INDEX speakers_name ON speakers(name);

    CREATE TABLE speaker_aliases (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        alias TEXT NOT NULL CHECK (length(trim(alias)) > 0),
        alias_key TEXT NOT NULL DEFAULT '',
        UNIQUE (speaker_id, alias)
    );
    CREATE INDEX speaker_aliases_speaker_id ON speaker_aliases(speaker_id);

    CREATE TRIGGER speaker_aliases_ai AFTER INSERT ON speaker_aliases BEGIN
        {ALIASES_REFRESH.format(ref="new")}
    END;
    CREATE TRIGGER speaker_aliases_ad AFTER DELETE ON speaker_aliases BEGIN
        {ALIASES_REFRESH.format(ref="old")}
    END;

    CREATE TABLE sources (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        url TEXT UNIQUE,
        publisher TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        published_on TEXT {_partial_date("published_on")},
        kind TEXT NOT NULL {_one_of("kind", _SOURCE_KINDS_V1)},
        language TEXT,
        text TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX sources_publisher ON sources(publisher);

    CREATE TABLE claims (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        kind TEXT NOT NULL {_one_of("kind", _CLAIM_KINDS_V1)},
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        said_on TEXT {_partial_date("said_on")},
        venue TEXT,
        context TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        {ANCHOR_COLUMNS},
        text_key TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX claims_speaker_id ON claims(speaker_id);
    CREATE INDEX claims_source_id ON claims(source_id);
    CREATE INDEX claims_said_on ON claims(said_on);
    CREATE INDEX claims_updated_at ON claims(updated_at);
    CREATE INDEX claims_text_key ON claims(text_key, speaker_id);

    CREATE TABLE claim_links (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        target_id INTEGER NOT NULL REFERENCES claims(id),
        relation TEXT NOT NULL {_one_of("relation", _LINK_RELATIONS_V1)},
        note TEXT,
        created_at TEXT NOT NULL,
        CHECK (claim_id != target_id),
        UNIQUE (claim_id, target_id, relation)
    );
    CREATE INDEX claim_links_claim_id ON claim_links(claim_id);
    CREATE INDEX claim_links_target_id ON claim_links(target_id);

    CREATE TABLE appearances (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        quote TEXT,
        {ANCHOR_COLUMNS},
        created_at TEXT NOT NULL,
        UNIQUE (claim_id, source_id)
    );
    CREATE INDEX appearances_claim_id ON appearances(claim_id);
    CREATE INDEX appearances_source_id ON appearances(source_id);

    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        action TEXT NOT NULL {_one_of("action", _REVISION_ACTIONS_V1)},
        before TEXT,
        after TEXT,
        actor TEXT NOT NULL,
        reason TEXT,
        changed_at TEXT NOT NULL,
        claim_id INTEGER
    );
    CREATE INDEX revisions_row ON revisions(table_name, row_id);
    CREATE INDEX revisions_claim_id ON revisions(claim_id);
    """)
    db.table("claims").enable_fts(["text", "context"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db.table("speakers").enable_fts(["name", "aliases", "description"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db.table("sources").enable_fts(["title", "publisher"], create_triggers=True, tokenize=FTS_TOKENIZER)


MIGRATIONS: list[tuple[int, Callable[[sqlite_utils.Database], None]]] = [
    (1, initial_schema),
]


def claim_retraction(db: sqlite_utils.Database) -> None:
    """Deleting a claim retracts it: the row and its permalink stay."""
    db.executescript("""
    ALTER TABLE claims ADD COLUMN retracted_at TEXT;
    ALTER TABLE claims ADD COLUMN retraction_reason TEXT;
    CREATE INDEX claims_retracted_at ON claims(retracted_at);
    """)


MIGRATIONS.append((2, claim_retraction))


def _tag_count_change(ref: str, delta: str) -> str:
    return f"""
        INSERT INTO claim_tag_counts (tag, claims)
            SELECT value, {delta} FROM json_each({ref}.tags) WHERE {ref}.retracted_at IS NULL
            ON CONFLICT (tag) DO UPDATE SET claims = claims + excluded.claims;
    """


def public_site_indexes(db: sqlite_utils.Database) -> None:
    """What the public site's default facets need to stay fast on big tables.

    The site's default view leaves retracted claims out, so its facets group
    published claims only: partial indexes let them read an index alone.

    ``claim_tag_counts`` holds, per tag, how many published (not retracted)
    claims carry it, kept by triggers, so the unfiltered tags facet is a
    read of a small table instead of a walk through every claim's tags.
    """
    db.executescript(f"""
    CREATE INDEX claims_published_speaker ON claims(speaker_id) WHERE retracted_at IS NULL;
    CREATE INDEX claims_published_source ON claims(source_id) WHERE retracted_at IS NULL;
    CREATE INDEX claims_published_kind ON claims(kind) WHERE retracted_at IS NULL;
    CREATE TABLE claim_tag_counts (tag TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO claim_tag_counts (tag, claims)
        SELECT value, count(*) FROM claims, json_each(claims.tags)
        WHERE claims.retracted_at IS NULL GROUP BY value;
    CREATE TRIGGER claims_tag_counts_ai AFTER INSERT ON claims BEGIN
        {_tag_count_change("new", "1")}
    END;
    CREATE TRIGGER claims_tag_counts_ad AFTER DELETE ON claims BEGIN
        {_tag_count_change("old", "-1")}
        DELETE FROM claim_tag_counts WHERE claims <= 0;
    END;
    CREATE TRIGGER claims_tag_counts_au AFTER UPDATE OF tags, retracted_at ON claims BEGIN
        {_tag_count_change("old", "-1")}
        {_tag_count_change("new", "1")}
        DELETE FROM claim_tag_counts WHERE claims <= 0;
    END;
    """)


MIGRATIONS.append((3, public_site_indexes))

# Frozen: the ratings migration 4 shipped with.
_RATINGS_V4 = ("true", "mostly_true", "mixed", "mostly_false", "false", "unproven")

_LATEST_VERDICT = """
    UPDATE claims SET
        verdict = (SELECT rating FROM reviews WHERE claim_id = {ref}.claim_id
                   ORDER BY reviewed_on DESC, id DESC LIMIT 1),
        verdict_label = (SELECT rating_label FROM reviews WHERE claim_id = {ref}.claim_id
                         ORDER BY reviewed_on DESC, id DESC LIMIT 1),
        verdict_on = (SELECT reviewed_on FROM reviews WHERE claim_id = {ref}.claim_id
                      ORDER BY reviewed_on DESC, id DESC LIMIT 1)
    WHERE id = {ref}.claim_id;
"""


def reviews(db: sqlite_utils.Database) -> None:
    """Fact-check verdicts. A claim's latest verdict is copied onto the claim
    by triggers, so lists, filters and the public site's facets read it
    without a join."""
    db.executescript(f"""
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        rating TEXT NOT NULL {_one_of("rating", _RATINGS_V4)},
        rating_label TEXT NOT NULL CHECK (length(trim(rating_label)) > 0),
        summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
        evidence TEXT NOT NULL DEFAULT '[]',
        reviewer TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
        reviewed_on TEXT NOT NULL {_partial_date("reviewed_on")},
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX reviews_claim_id ON reviews(claim_id);
    ALTER TABLE claims ADD COLUMN verdict TEXT;
    ALTER TABLE claims ADD COLUMN verdict_label TEXT;
    ALTER TABLE claims ADD COLUMN verdict_on TEXT;
    CREATE INDEX claims_published_verdict ON claims(verdict) WHERE retracted_at IS NULL;
    CREATE TRIGGER reviews_verdict_ai AFTER INSERT ON reviews BEGIN
        {_LATEST_VERDICT.format(ref="new")}
    END;
    CREATE TRIGGER reviews_verdict_au AFTER UPDATE ON reviews BEGIN
        {_LATEST_VERDICT.format(ref="old")}
        {_LATEST_VERDICT.format(ref="new")}
    END;
    CREATE TRIGGER reviews_verdict_ad AFTER DELETE ON reviews BEGIN
        {_LATEST_VERDICT.format(ref="old")}
    END;
    """)


MIGRATIONS.append((4, reviews))


_COUNTER_CLAIMS_CHANGE = """
    UPDATE claims SET counter_claims = counter_claims {sign} 1
    WHERE {ref}.relation = 'contradicts' AND id IN ({ref}.claim_id, {ref}.target_id);
"""


def counter_claim_counts(db: sqlite_utils.Database) -> None:
    """Each claim's number of counter-claims, kept by triggers on its links.

    "Contested" is asked of every claim in every list, filter and facet; a
    column answers at once what a search of the links would answer slowly.
    """
    db.executescript(f"""
    ALTER TABLE claims ADD COLUMN counter_claims INTEGER NOT NULL DEFAULT 0;
    UPDATE claims SET counter_claims = (
        SELECT count(*) FROM claim_links WHERE relation = 'contradicts'
            AND (claim_links.claim_id = claims.id OR claim_links.target_id = claims.id)
    ) WHERE id IN (
        SELECT claim_id FROM claim_links WHERE relation = 'contradicts'
        UNION SELECT target_id FROM claim_links WHERE relation = 'contradicts'
    );
    CREATE INDEX claims_published_contested ON claims(speaker_id) WHERE counter_claims > 0 AND retracted_at IS NULL;
    CREATE TRIGGER claim_links_counter_claims_ai AFTER INSERT ON claim_links BEGIN
        {_COUNTER_CLAIMS_CHANGE.format(sign="+", ref="new")}
    END;
    CREATE TRIGGER claim_links_counter_claims_ad AFTER DELETE ON claim_links BEGIN
        {_COUNTER_CLAIMS_CHANGE.format(sign="-", ref="old")}
    END;
    """)


MIGRATIONS.append((5, counter_claim_counts))

# Frozen: the columns of claims whose published counts migration 6 keeps.
_COUNTED_FACETS_V6 = ("speaker_id", "source_id", "kind", "verdict")


def _facet_count_change(ref: str, delta: str) -> str:
    return "\n".join(
        f"""
        INSERT INTO claim_facet_counts (facet, value, claims)
            SELECT '{column}', {ref}.{column}, {delta} WHERE {ref}.retracted_at IS NULL AND {ref}.{column} IS NOT NULL
            ON CONFLICT (facet, value) DO UPDATE SET claims = claims + excluded.claims;"""
        for column in _COUNTED_FACETS_V6
    )


def facet_counts(db: sqlite_utils.Database) -> None:
    """Published claims per speaker, source, kind and verdict, kept by
    triggers, so the public claims table's default facets read a small
    table instead of grouping every claim on every page view."""
    backfill = "\n".join(
        f"""INSERT INTO claim_facet_counts (facet, value, claims)
            SELECT '{column}', {column}, count(*) FROM claims
            WHERE retracted_at IS NULL AND {column} IS NOT NULL GROUP BY {column};"""
        for column in _COUNTED_FACETS_V6
    )
    columns = ", ".join(_COUNTED_FACETS_V6)
    db.executescript(f"""
    CREATE TABLE claim_facet_counts (
        facet TEXT NOT NULL, value NOT NULL, claims INTEGER NOT NULL, PRIMARY KEY (facet, value)
    ) WITHOUT ROWID;
    {backfill}
    CREATE TRIGGER claims_facet_counts_ai AFTER INSERT ON claims BEGIN
        {_facet_count_change("new", "1")}
    END;
    CREATE TRIGGER claims_facet_counts_ad AFTER DELETE ON claims BEGIN
        {_facet_count_change("old", "-1")}
        DELETE FROM claim_facet_counts WHERE claims <= 0;
    END;
    CREATE TRIGGER claims_facet_counts_au AFTER UPDATE OF {columns}, retracted_at ON claims BEGIN
        {_facet_count_change("old", "-1")}
        {_facet_count_change("new", "1")}
        DELETE FROM claim_facet_counts WHERE claims <= 0;
    END;
    """)


MIGRATIONS.append((6, facet_counts))


_FTS_COLUMNS = {
    "claims": ("text", "context"),
    "speakers": ("name", "aliases", "description"),
    "sources": ("title", "publisher"),
}


def fts_follow_indexed_columns(db: sqlite_utils.Database) -> None:
    """Re-index a row only when a column the index holds changes.

    The triggers sqlite-utils made re-index on every update; counts and
    verdicts kept on claims by other triggers would re-index the claim's
    words each time for nothing.
    """
    for table, columns in _FTS_COLUMNS.items():
        listed = ", ".join(f"[{column}]" for column in columns)
        old = ", ".join(f"old.[{column}]" for column in columns)
        new = ", ".join(f"new.[{column}]" for column in columns)
        db.executescript(f"""
        DROP TRIGGER [{table}_au];
        CREATE TRIGGER [{table}_au] AFTER UPDATE OF {listed} ON [{table}] BEGIN
            INSERT INTO [{table}_fts] ([{table}_fts], rowid, {listed}) VALUES ('delete', old.rowid, {old});
            INSERT INTO [{table}_fts] (rowid, {listed}) VALUES (new.rowid, {new});
        END;
        """)


MIGRATIONS.append((7, fts_follow_indexed_columns))


# Literal, as a shipped migration must be: what migration 8 removed.
_CONTROL_CHARACTERS_V8 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
#: Columns that must hold a visible character (CHECK length(trim(...)) > 0).
_REQUIRED_TEXT_V8 = {("speakers", "name"), ("sources", "title"), ("claims", "text")} | {
    ("reviews", column) for column in ("rating_label", "summary", "reviewer")
}
_JSON_LISTS_V8 = {"tags", "authors", "evidence"}
_DERIVED_V8 = {"name_key", "alias_key", "text_key", "aliases", "verdict", "verdict_label", "verdict_on"}
_CLEANED_BY = "migration"
_CLEANED_WHY = "Control characters removed from stored text (schema version 8)."


def _clean_text_v8(value: str) -> str:
    return _CONTROL_CHARACTERS_V8.sub("", value)


def _shift_v8(original: str, position: int | None) -> int | None:
    """Where ``position`` in ``original`` lands once its control characters go."""
    if position is None:
        return None
    return position - len(_CONTROL_CHARACTERS_V8.findall(original[:position]))


def _cleaned_row_v8(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The text columns of ``row`` that change once cleaned, with their new values."""
    changes: dict[str, Any] = {}
    for column, value in row.items():
        if not isinstance(value, str) or column in _DERIVED_V8:
            continue
        if column in _JSON_LISTS_V8:
            # Stored as JSON, where a C0 character is an escape: look at the items.
            listed = json.loads(value)
            if any(_CONTROL_CHARACTERS_V8.search(item) for item in listed):
                items = [_clean_text_v8(item).strip() for item in listed]
                changes[column] = json.dumps(list(dict.fromkeys(item for item in items if item)), ensure_ascii=False)
            continue
        if not _CONTROL_CHARACTERS_V8.search(value):
            continue
        cleaned = _clean_text_v8(value)
        if (table, column) in _REQUIRED_TEXT_V8 and not cleaned.strip():
            cleaned = "\ufffd"  # the row must keep a visible value; this one says "something was here"
        changes[column] = cleaned
    return changes


def clean_control_characters(db: sqlite_utils.Database) -> None:
    """Strip control characters (other than tab, newline and carriage return)
    from every stored text, as the API now refuses them, recording a revision
    for each changed row. Anchors keep pointing at the same words: their
    offsets move back by the characters removed before them."""
    from .normalize import name_key, text_key
    from .store import records

    def rows(table: str) -> list[dict[str, Any]]:
        return list(records.rows(db, f"SELECT * FROM [{table}] ORDER BY id"))

    for alias in rows("speaker_aliases"):
        cleaned = _clean_text_v8(alias["alias"]).strip()
        if cleaned != alias["alias"]:
            db.conn.execute("DELETE FROM speaker_aliases WHERE id = ?", [alias["id"]])
            if cleaned:
                db.conn.execute(
                    "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (?, ?, ?)",
                    [alias["speaker_id"], cleaned, name_key(cleaned)],
                )
    for speaker in rows("speakers"):
        changes = _cleaned_row_v8("speakers", speaker)
        if "name" in changes:
            changes["name_key"] = name_key(changes["name"])
        (aliases,) = db.conn.execute("SELECT aliases FROM speakers WHERE id = ?", [speaker["id"]]).fetchone()
        if aliases != speaker["aliases"]:
            changes["aliases"] = aliases
        if changes:
            records.update(db, "speakers", speaker, changes, _CLEANED_BY, _CLEANED_WHY)

    source_texts: dict[int, str] = {}
    for source in rows("sources"):
        changes = _cleaned_row_v8("sources", source)
        if "text" in changes:
            source_texts[source["id"]] = source["text"]
        if changes:
            records.update(db, "sources", source, changes, _CLEANED_BY, _CLEANED_WHY)

    def with_anchor_moved(row: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        original = source_texts.get(row["source_id"])
        if original is not None and row["anchor_start"] is not None:
            changes["anchor_start"] = _shift_v8(original, row["anchor_start"])
            changes["anchor_end"] = _shift_v8(original, row["anchor_end"])
        return changes

    for claim in rows("claims"):
        changes = with_anchor_moved(claim, _cleaned_row_v8("claims", claim))
        if "text" in changes:
            changes["text_key"] = text_key(changes["text"])
        changes = {column: value for column, value in changes.items() if claim[column] != value}
        if changes:
            records.update(db, "claims", claim, changes, _CLEANED_BY, _CLEANED_WHY)
    for review in rows("reviews"):
        changes = _cleaned_row_v8("reviews", review)
        if changes:
            records.update(db, "reviews", review, changes, _CLEANED_BY, _CLEANED_WHY)
    # Links and appearances carry no version: changed in place, each with its revision.
    for table in ("claim_links", "appearances"):
        for row in rows(table):
            changes = _cleaned_row_v8(table, row)
            if table == "appearances":
                changes = with_anchor_moved(row, changes)
            changes = {column: value for column, value in changes.items() if row[column] != value}
            if changes:
                assignments = ", ".join(f"[{column}] = ?" for column in changes)
                db.conn.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*changes.values(), row["id"]])
                records.record_revision(
                    db, table, row["id"], "update", row, {**row, **changes}, _CLEANED_BY, _CLEANED_WHY
                )


MIGRATIONS.append((8, clean_control_characters))


def anchor_every_quote(db: sqlite_utils.Database) -> None:
    """Anchor the quotes stored without an anchor (their source had no text,
    or had it removed), so that a text given to the source later must hold
    them. Where the source's text holds the words once, the offsets are
    found too; a revision records each change."""
    from .anchors import Anchor, AnchorError, resolve
    from .store import records

    unanchored = records.rows(
        db,
        "SELECT claims.*, sources.text AS source_text FROM claims JOIN sources ON sources.id = claims.source_id"
        " WHERE claims.kind = 'quote' AND claims.anchor_exact IS NULL ORDER BY claims.id",
    )
    for claim in list(unanchored):
        source_text = claim.pop("source_text")
        anchor = Anchor(exact=claim["text"])
        if source_text is not None:
            try:
                anchor = resolve(source_text, anchor)
            except AnchorError:
                pass  # kept without offsets: the source's text must be corrected to hold it
        changes = {f"anchor_{field}": value for field, value in anchor.as_dict().items()}
        records.update(db, "claims", claim, changes, "migration", "Every quote is anchored (schema version 9).")


MIGRATIONS.append((9, anchor_every_quote))


def source_url_keys(db: sqlite_utils.Database) -> None:
    """Sources keep their URL as the editor gave it; de-duplication compares
    a key instead (RFC 3986 normalisation, http and https as one). Two
    sources already stored under one key stay, so the index is not unique:
    the store checks the key inside each write transaction."""
    from .normalize import normalize_url

    db.executescript("""
    ALTER TABLE sources ADD COLUMN url_key TEXT;
    CREATE INDEX sources_url_key ON sources(url_key);
    """)
    stored = db.conn.execute("SELECT id, url FROM sources WHERE url IS NOT NULL").fetchall()
    db.conn.executemany("UPDATE sources SET url_key = ? WHERE id = ?", [(normalize_url(u), i) for i, u in stored])


MIGRATIONS.append((10, source_url_keys))


def invisible_and_lookalike_keys(db: sqlite_utils.Database) -> None:
    """Recompute the stored comparison keys now that they drop invisible
    characters and read look-alike letters of other scripts as Latin. The
    keys are derived, not what anyone wrote: no revision is recorded."""
    from .normalize import name_key, text_key

    for table, source, key, compute in (
        ("claims", "text", "text_key", text_key),
        ("speakers", "name", "name_key", name_key),
        ("speaker_aliases", "alias", "alias_key", name_key),
    ):
        rows = db.conn.execute(f"SELECT id, [{source}], [{key}] FROM [{table}]").fetchall()
        changed = [(fresh, row_id) for row_id, value, stored in rows if (fresh := compute(value)) != stored]
        db.conn.executemany(f"UPDATE [{table}] SET [{key}] = ? WHERE id = ?", changed)


MIGRATIONS.append((11, invisible_and_lookalike_keys))
