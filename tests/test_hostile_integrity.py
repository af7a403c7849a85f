"""Integrity of the record against hostile input: control characters,
invisible and look-alike characters in duplicate keys, quotes that lose
their source, costly matches and URL spellings that dodge de-duplication."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from helpers import make_claim, make_source, make_speaker
from marshmallow import Schema, fields
from servers import gunicorn

from service import auth, db, migrations, schemas

CONTROL_CHARACTERS = ["\x01", "\x08", "\x1b", "\x0b", "\x0c", "\x7f", "\x80", "\x85", "\x9f", "\x00"]


def call(url: str, method: str = "GET", body: Any = None, token: str | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.fixture
def served(tmp_path: Path):
    """A real gunicorn over a fresh database, with an editor token."""
    path = tmp_path / "claims.db"
    database = db.connect(path)
    db.migrate(database)
    database.close()
    instance = tmp_path / "instance"
    token = auth.create_token(instance, "hostile-editor")
    with gunicorn(path, instance) as base:
        yield f"{base}/api/v1", token, path


# -- control characters --------------------------------------------------------


def input_schemas() -> list[type[Schema]]:
    return [
        value
        for name, value in vars(schemas).items()
        if isinstance(value, type)
        and issubclass(value, Schema)
        and name.endswith(("In", "Query", "Patch"))
        and value.__module__ == schemas.__name__
    ]


def text_fields(schema: Schema, prefix: str = "") -> list[tuple[str, fields.Field]]:
    """Every string-valued field of an input schema, nested ones too."""
    found = []
    for name, field in schema.fields.items():
        if isinstance(field, fields.List):
            field, name = field.inner, f"{name}[]"
        if isinstance(field, fields.Nested):
            found += text_fields(field.schema, f"{prefix}{name}.")
        elif isinstance(field, fields.String):
            found.append((prefix + name, field))
    return found


def test_every_text_field_of_every_input_schema_goes_through_the_one_text_check():
    checked = 0
    for schema_class in input_schemas():
        for name, field in text_fields(schema_class()):
            if not isinstance(field, schemas.Text):
                # The only other strings are closed vocabularies.
                assert field.validate, f"{schema_class.__name__}.{name} is a free string"
                continue
            checked += 1
            for control in CONTROL_CHARACTERS:
                with pytest.raises(schemas.ValidationError) as raised:
                    field.deserialize(f"2020{control}")
                assert "control character" in str(raised.value.messages), (schema_class.__name__, name)
    assert checked > 40


@pytest.mark.parametrize("control", CONTROL_CHARACTERS)
def test_a_claim_with_a_control_character_is_refused_naming_the_field(client, editor, unchanged, control):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    body = {"text": f"The convoy{control} was hit", "kind": "paraphrase", "speaker_id": speaker["id"]}
    with unchanged():
        response = client.post("/api/v1/claims", json={**body, "source_id": source["id"]}, headers=editor)
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "text"
    assert f"U+{ord(control):04X}" in response.json["errors"][0]["message"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/speakers", {"name": "A", "kind": "person", "aliases": ["ok", "b\x1bc"]}, "aliases.1"),
        ("/api/v1/speakers", {"name": "A", "kind": "person", "description": "x\x85y"}, "description"),
        ("/api/v1/sources", {"title": "T", "kind": "article", "authors": ["\x08x"]}, "authors.0"),
        ("/api/v1/sources", {"title": "T", "kind": "article", "text": "line\x0bline"}, "text"),
    ],
)
def test_nested_and_listed_text_with_a_control_character_is_refused(client, editor, unchanged, path, body, field):
    with unchanged():
        response = client.post(path, json=body, headers=editor)
    assert response.status_code == 422
    assert [error["field"] for error in response.json["errors"]] == [field]


def test_an_anchor_tag_or_evidence_with_a_control_character_is_refused(client, editor, unchanged):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    good = {"text": "The convoy was hit", "kind": "paraphrase", "speaker_id": speaker["id"], "source_id": source["id"]}
    with unchanged():
        anchored = client.post("/api/v1/claims", json={**good, "anchor": {"exact": "con\x01voy"}}, headers=editor)
        tagged = client.post("/api/v1/claims", json={**good, "tags": ["ok", "\x9f"]}, headers=editor)
        review = {"rating": "false", "rating_label": "False", "summary": "s", "reviewer": "r"}
        reviewed = client.post(
            f"/api/v1/claims/{claim['id']}/reviews",
            json={**review, "reviewed_on": "2024-01-01", "evidence": ["https://e.example/\x01"]},
            headers=editor,
        )
    assert [e["field"] for e in anchored.json["errors"]] == ["anchor.exact"]
    assert [e["field"] for e in tagged.json["errors"]] == ["tags.1"]
    assert [e["field"] for e in reviewed.json["errors"]] == ["evidence.0"]


@pytest.mark.parametrize("query", ["q=a%01b", "publisher=x%1B", "tag=t%C2%85"])
def test_a_query_parameter_with_a_control_character_is_refused(client, query):
    response = client.get(f"/api/v1/claims?{query}")
    assert response.status_code == 422
    assert response.json["errors"][0]["location"] == "query"
    assert response.json["errors"][0]["field"] == query.split("=")[0]


def test_tab_newline_and_carriage_return_are_still_text(client, editor):
    speaker = make_speaker(client, editor, description="Spokesperson\tState\r\nDepartment")
    assert speaker["description"] == "Spokesperson\tState\r\nDepartment"


def test_a_real_server_refuses_control_characters(served):
    api, token, _ = served
    status, speaker = call(f"{api}/speakers", "POST", {"name": "Matthew Miller", "kind": "person"}, token)
    assert status == 201
    status, source = call(f"{api}/sources", "POST", {"title": "A", "kind": "article"}, token)
    for control in ("\x01", "\x08", "\x1b", "\x0b"):
        body = {"text": f"Hit{control}", "kind": "paraphrase", "speaker_id": speaker["id"], "source_id": source["id"]}
        status, problem = call(f"{api}/claims", "POST", body, token)
        assert status == 422
        assert problem["errors"][0]["field"] == "text"
    status, problem = call(f"{api}/claims?q=a%1Bb")
    assert status == 422 and problem["errors"][0]["field"] == "q"
    status, listing = call(f"{api}/claims")
    assert status == 200 and listing["items"] == []


def migrated_to(path: Path, version: int) -> db.sqlite_utils.Database:
    database = db.connect(path)
    everything = list(migrations.MIGRATIONS)
    migrations.MIGRATIONS[:] = [step for step in everything if step[0] <= version]
    try:
        db.migrate(database)
    finally:
        migrations.MIGRATIONS[:] = everything
    return database


def test_the_migration_cleans_stored_control_characters_and_records_why(tmp_path: Path):
    database = migrated_to(tmp_path / "claims.db", 7)
    stamp = "2024-01-01T00:00:00.000Z"
    text = "Intro\x01 text. \x1bWe were not\x0b behind it.\x85 End."
    start = text.index("We")
    end = text.index(" End") - 1
    quote = text[start:end]
    inserts = [
        ("speakers", {"id": 1, "name": "Ab\x08u", "kind": "person", "description": "Role\x7f"}),
        ("speakers", {"id": 2, "name": "Clean", "kind": "person"}),
        ("sources", {"id": 1, "title": "T\x01", "kind": "article", "text": text, "authors": '["A\\f"]'}),
        (
            "claims",
            {
                "id": 1,
                "text": quote,
                "kind": "quote",
                "speaker_id": 1,
                "source_id": 1,
                "tags": '["t\\u0001", "t"]',
                "anchor_exact": quote,
                "anchor_prefix": text[:start],
                "anchor_start": start,
                "anchor_end": end,
                "text_key": "x",
            },
        ),
        ("claims", {"id": 2, "text": "Other", "kind": "paraphrase", "speaker_id": 2, "source_id": 1}),
    ]
    with db.transaction(database):
        for table, row in inserts:
            database[table].insert({**row, "created_at": stamp, "updated_at": stamp})
        database["speaker_aliases"].insert({"speaker_id": 1, "alias": "Al\x1bias", "alias_key": "x"})
        database["claim_links"].insert(
            {"id": 1, "claim_id": 1, "target_id": 2, "relation": "supports", "note": "n\x01", "created_at": stamp}
        )
    assert db.migrate(database) == [version for version, _ in migrations.MIGRATIONS if version > 7]

    speaker = database["speakers"].get(1)
    assert (speaker["name"], speaker["description"], json.loads(speaker["aliases"])) == ("Abu", "Role", ["Alias"])
    source = database["sources"].get(1)
    assert source["text"] == "Intro text. We were not behind it. End."
    assert (source["title"], json.loads(source["authors"])) == ("T", ["A"])
    claim = database["claims"].get(1)
    assert claim["text"] == claim["anchor_exact"] == "We were not behind it."
    assert source["text"][claim["anchor_start"] : claim["anchor_end"]] == claim["anchor_exact"]
    assert json.loads(claim["tags"]) == ["t"]
    assert claim["version"] == 2
    assert database["claim_links"].get(1)["note"] == "n"
    untouched = database["claims"].get(2)
    assert untouched["version"] == 1
    revisions = list(database.query("SELECT table_name, row_id, actor, before, after FROM revisions ORDER BY id"))
    assert {(r["table_name"], r["row_id"]) for r in revisions} == {
        ("speakers", 1),
        ("sources", 1),
        ("claims", 1),
        ("claim_links", 1),
    }
    assert {r["actor"] for r in revisions} == {"migration"}
    claim_revision = next(r for r in revisions if r["table_name"] == "claims")
    assert json.loads(claim_revision["before"])["text"] == quote
    assert json.loads(claim_revision["after"])["text"] == "We were not behind it."
    for table in ("speakers", "sources", "claims", "claim_links", "speaker_aliases"):
        for row in database[table].rows:
            for value in row.values():
                assert not isinstance(value, str) or not any(c in value for c in CONTROL_CHARACTERS)


# -- lengths --------------------------------------------------------------------


def unbounded_strings(spec: dict, schema: dict, where: str) -> list[str]:
    """Places in a JSON schema where a string has neither maxLength nor enum."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return unbounded_strings(spec, spec["components"]["schemas"][name], f"{where}<{name}>")
    found = []
    kinds = schema.get("type")
    if (kinds == "string" or (isinstance(kinds, list) and "string" in kinds)) and not (
        "maxLength" in schema or "enum" in schema
    ):
        found.append(where)
    for name, child in schema.get("properties", {}).items():
        found += unbounded_strings(spec, child, f"{where}.{name}")
    if "items" in schema:
        found += unbounded_strings(spec, schema["items"], f"{where}[]")
    return found


def test_every_text_parameter_and_body_field_has_a_documented_maximum_length(client):
    spec = client.get("/api/v1/openapi.json").json
    unbounded = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":  # path parameters: ids
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    unbounded += unbounded_strings(spec, parameter["schema"], f"{method} {path}?{parameter['name']}")
            for content in operation.get("requestBody", {}).get("content", {}).values():
                unbounded += unbounded_strings(spec, content["schema"], f"{method} {path}")
    assert unbounded == []
    claims = spec["paths"]["/api/v1/claims"]["get"]["parameters"]
    assert next(p for p in claims if p["name"] == "q")["schema"]["maxLength"] == 500


@pytest.mark.parametrize(
    ("path", "field", "limit"),
    [("/api/v1/claims", "q", 500), ("/api/v1/speakers", "q", 300), ("/api/v1/claims", "publisher", 300)],
)
def test_a_query_parameter_over_its_length_is_422_naming_it(client, path, field, limit):
    response = client.get(f"{path}?{field}={'x' * (limit + 1)}")
    assert response.status_code == 422
    assert response.json["errors"] == [
        {"location": "query", "field": field, "message": f"Longer than maximum length {limit}."}
    ]


def test_a_body_field_over_its_length_is_422_naming_it(client, editor, unchanged):
    with unchanged():
        response = client.post("/api/v1/claims/match", json={"text": "x" * 10_001}, headers=editor)
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "text"


# -- a quote never leaves its source ------------------------------------------------


def etag(client, path: str) -> dict[str, str]:
    return {"If-Match": client.get(path).headers["ETag"]}


def test_a_source_text_cannot_be_removed_from_under_a_quote(client, editor, unchanged):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    quote = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    path = f"/api/v1/sources/{source['id']}"
    with unchanged():
        removed = client.patch(path, json={"text": None}, headers={**editor, **etag(client, path)})
        rewritten = client.patch(path, json={"text": "Something else."}, headers={**editor, **etag(client, path)})
    for refused in (removed, rewritten):
        assert refused.status_code == 409
        assert refused.json["claim_ids"] == [quote["id"]]
        assert refused.json["errors"][0]["field"] == "text"
        assert f"claim {quote['id']}" in refused.json["errors"][0]["message"]
    # The attack's last step, then, meets a source that still has its text.
    claim_path = f"/api/v1/claims/{quote['id']}"
    with unchanged():
        moved = client.patch(
            claim_path, json={"text": "Words the source never held"}, headers={**editor, **etag(client, claim_path)}
        )
    assert moved.status_code == 409
    assert client.get(claim_path).json["anchor"]["exact"] == quote["text"]


def test_an_appearance_quote_also_holds_its_source_text(client, editor, unchanged):
    speaker = make_speaker(client, editor)
    first = make_source(client, editor)
    second = make_source(client, editor, url="https://other.example/x", text="He said: We were not behind the attack")
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=first["id"])
    added = client.post(
        f"/api/v1/claims/{claim['id']}/appearances",
        json={"source_id": second["id"], "quote": "We were not behind the attack"},
        headers=editor,
    )
    assert added.status_code == 201
    path = f"/api/v1/sources/{second['id']}"
    with unchanged():
        refused = client.patch(path, json={"text": None}, headers={**editor, **etag(client, path)})
    assert refused.status_code == 409 and refused.json["claim_ids"] == [claim["id"]]


def test_a_quote_always_has_an_anchor(client, editor):
    speaker = make_speaker(client, editor)
    bare = make_source(client, editor, url=None, text=None, title="Broadcast")
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=bare["id"], text="Said on air")
    assert claim["anchor"]["exact"] == "Said on air"
    path = f"/api/v1/claims/{claim['id']}"
    changed = client.patch(path, json={"text": "Said again on air"}, headers={**editor, **etag(client, path)})
    assert changed.status_code == 200 and changed.json["anchor"]["exact"] == "Said again on air"
    # A text given to the source later must hold the quote.
    source_path = f"/api/v1/sources/{bare['id']}"
    refused = client.patch(
        source_path, json={"text": "Nothing like it."}, headers={**editor, **etag(client, source_path)}
    )
    assert refused.status_code == 409 and refused.json["claim_ids"] == [claim["id"]]
    held = client.patch(
        source_path, json={"text": "Then: Said again on air."}, headers={**editor, **etag(client, source_path)}
    )
    assert held.status_code == 200
    assert client.get(path).json["anchor"]["start"] == len("Then: ")


def test_the_migration_anchors_quotes_stored_without_an_anchor(tmp_path: Path):
    database = migrated_to(tmp_path / "claims.db", 8)
    stamp = "2024-01-01T00:00:00.000Z"
    with db.transaction(database):
        database["speakers"].insert({"id": 1, "name": "A", "kind": "person", "created_at": stamp, "updated_at": stamp})
        for source_id, text in ((1, "He said: hold on."), (2, None)):
            database["sources"].insert(
                {
                    "id": source_id,
                    "title": "T",
                    "kind": "article",
                    "text": text,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
        for claim_id, source_id, text in ((1, 1, "hold on"), (2, 2, "on air"), (3, 1, "never said")):
            database["claims"].insert(
                {
                    "id": claim_id,
                    "text": text,
                    "kind": "quote",
                    "speaker_id": 1,
                    "source_id": source_id,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
    db.migrate(database)
    anchors = {
        row["id"]: (row["anchor_exact"], row["anchor_start"])
        for row in database.query("SELECT id, anchor_exact, anchor_start FROM claims")
    }
    assert anchors == {1: ("hold on", 9), 2: ("on air", None), 3: ("never said", None)}
    revised = database.execute("SELECT row_id FROM revisions WHERE actor = 'migration' ORDER BY row_id").fetchall()
    assert revised == [(1,), (2,), (3,)]


# -- one web address, many spellings ------------------------------------------------

SAME_ADDRESS = [
    "https://news.example.com:443/2024/convoy",
    "http://news.example.com:80/2024/convoy",
    "http://news.example.com/2024/convoy",
    "https://news.example.com/2024/./convoy",
    "https://news.example.com/2024/x/../convoy",
    "https://NEWS.example.com/2024/%63onvoy",
    "https://news.example.com/2024/convoy/#comments",
]


@pytest.mark.parametrize("spelling", SAME_ADDRESS)
def test_another_spelling_of_a_stored_url_is_the_same_source(client, editor, unchanged, spelling):
    stored = make_source(client, editor, url="https://news.example.com/2024/convoy")
    with unchanged():
        response = client.post(
            "/api/v1/sources", json={"title": "Again", "kind": "article", "url": spelling}, headers=editor
        )
    assert response.status_code == 409
    assert response.json["existing_id"] == stored["id"]


def test_percent_escapes_of_unreserved_characters_and_their_case_are_one_url(client, editor):
    stored = make_source(client, editor, url="https://example.com/~editor/a%2fb")
    for spelling in ("https://example.com/%7Eeditor/a%2Fb", "https://example.com/%7eeditor/a%2fb"):
        response = client.post(
            "/api/v1/sources", json={"title": "T", "kind": "article", "url": spelling}, headers=editor
        )
        assert response.status_code == 409 and response.json["existing_id"] == stored["id"]
    # An escaped slash is not a slash: that is another address.
    other = client.post(
        "/api/v1/sources",
        json={"title": "T", "kind": "article", "url": "https://example.com/~editor/a/b"},
        headers=editor,
    )
    assert other.status_code == 201


def test_the_url_is_stored_exactly_as_given(client, editor, database):
    given = "HTTP://News.Example.com:80/a/./b/%7Ec/#top"
    source = make_source(client, editor, url=given)
    assert source["url"] == given
    assert client.get(f"/api/v1/sources/{source['id']}").json["url"] == given
    assert database["sources"].get(source["id"])["url"] == given


def test_another_port_or_query_is_another_url(client, editor):
    make_source(client, editor, url="https://example.com/a?id=1")
    for other in ("https://example.com:8443/a?id=1", "https://example.com/a?id=2", "https://example.org/a?id=1"):
        response = client.post("/api/v1/sources", json={"title": "T", "kind": "article", "url": other}, headers=editor)
        assert response.status_code == 201, other


def test_the_migration_keys_stored_urls(tmp_path: Path):
    database = migrated_to(tmp_path / "claims.db", 9)
    stamp = "2024-01-01T00:00:00.000Z"
    with db.transaction(database):
        database["sources"].insert(
            {
                "id": 1,
                "title": "T",
                "kind": "article",
                "url": "http://example.com:80/a",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    db.migrate(database)
    assert database["sources"].get(1)["url_key"] == "https://example.com/a"


# -- the cost of a match --------------------------------------------------------------


def test_matching_against_many_long_claims_is_bounded(client, editor, database):
    import time

    from bench.corpus import Corpus
    from service.store import claims, records
    from service.store.claims import matching

    corpus = Corpus(seed=7)
    speaker = make_speaker(client, editor)
    source = make_source(client, editor, text=None, url=None)

    def long_text() -> str:
        # The synthetic words include "no" and "not": left out, so that no
        # claim reads as the negation of another (a counter-claim scores lower).
        text = ""
        while len(text) < 10_000:
            words = [word for word in corpus.sentence().split() if word.lower().strip(".") not in matching.NEGATIONS]
            text += " ".join(words) + " "
        return text[:10_000].strip()

    with db.transaction(database):
        for _ in range(200):
            values = {"text": long_text(), "kind": "paraphrase", "speaker_id": speaker["id"], "source_id": source["id"]}
            records.insert(database, "claims", claims.derive(values, None), "tests")
    query = long_text()
    started = time.monotonic()
    response = client.post("/api/v1/claims/match", json={"text": query, "limit": 50}, headers=editor)
    # Not a speed target (that is bench/match.py): proof it is not stuck.
    # Comparing whole texts took over 20 s here.
    assert time.monotonic() - started < 5
    assert response.status_code == 200 and len(response.json["matches"]) == 50
    # Work per candidate does not grow with its length: only its opening is compared.
    opening = database.execute("SELECT text FROM claims ORDER BY id DESC LIMIT 1").fetchone()[0][:600]
    found = client.post("/api/v1/claims/match", json={"text": opening}, headers=editor).json["matches"]
    assert found[0]["claim"]["text"].startswith(opening) and found[0]["label"] == "same_claim"
    huge = "a b " + "z " * 1_000_000
    profiled = matching.profile(huge)
    assert len(profiled.key) == matching.COMPARED_CHARS
    assert profiled.words == matching.profile(huge[: matching.COMPARED_CHARS]).words == {"b", "z"}  # "a" is a stop word


# -- invisible and look-alike characters cannot make one claim two --------------------

QUOTE = "We were not behind the attack"
INVISIBLE = {
    "zero-width space": "\u200b",
    "soft hyphen": "\u00ad",
    "zero-width joiner": "\u200d",
    "zero-width non-joiner": "\u200c",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "word joiner": "\u2060",
    "combining grapheme joiner": "\u034f",
    "variation selector": "\ufe0f",
    "Hangul filler": "\u3164",
    "Hangul choseong filler": "\u115f",
    "byte order mark": "\ufeff",
}
LOOKALIKES = {
    "Cyrillic o": QUOTE.replace("not", "n\u043et"),
    "Cyrillic e, a and c": "W\u0435 w\u0435r\u0435 not b\u0435hind th\u0435 \u0430tt\u0430\u0441k",
    "Greek omicron": QUOTE.replace("not", "n\u03bft"),
    "Cyrillic capital": QUOTE.replace("We", "W\u0415"),
}


@pytest.fixture
def quoted(client, editor):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"], kind="paraphrase", text=QUOTE)
    return {"speaker_id": speaker["id"], "source_id": source["id"], "kind": "paraphrase", "existing": claim["id"]}


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_inside_a_word_is_still_a_duplicate(client, editor, unchanged, quoted, invisible):
    body = {key: quoted[key] for key in ("speaker_id", "source_id", "kind")}
    with unchanged():
        response = client.post(
            "/api/v1/claims", json={**body, "text": QUOTE.replace("behind", f"be{invisible}hind")}, headers=editor
        )
    assert response.status_code == 409
    assert response.json["existing_id"] == quoted["existing"]


@pytest.mark.parametrize("spoof", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_a_look_alike_letter_is_still_a_duplicate(client, editor, unchanged, quoted, spoof):
    body = {key: quoted[key] for key in ("speaker_id", "source_id", "kind")}
    with unchanged():
        response = client.post("/api/v1/claims", json={**body, "text": spoof}, headers=editor)
    assert response.status_code == 409
    assert response.json["existing_id"] == quoted["existing"]


def test_the_stored_text_stays_byte_exact(client, editor, database):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    text = "The \u0441onvoy\u200b was hit\ufe0f"
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"], kind="paraphrase", text=text)
    assert claim["text"] == text
    assert database["claims"].get(claim["id"])["text"].encode() == text.encode()


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The burn was deep", "The bum was deep"),  # rn and m: Latin letters are never folded
        ("The close call", "The dose call"),  # cl and d
        ("Room 1", "Room l"),  # digits are never folded
        ("\u0646\u062d\u0646 \u0647\u0646\u0627", "\u0646\u062d\u0646 \u06c1\u0646\u0627"),  # Arabic heh, Urdu heh goal
        ("\u0627\u0647", "\u0661\u0665"),  # alef heh, Arabic-Indic one five
        ("\u0642\u0627\u0644", "\u0642\u0648\u0644"),
        ("\u049a\u043e\u0441", "\u049a\u04e9\u0441"),  # Kazakh o and barred o
    ],
)
def test_different_words_are_not_merged(one, other):
    from service.normalize import text_key

    assert text_key(one) != text_key(other)


def test_arabic_still_de_duplicates_as_before(client, editor, unchanged):
    from service.normalize import text_key

    said = "نحن لم نكن وراء الهجوم"  # "we were not behind the attack"
    # The same words with short vowels, guillemets and an exclamation mark.
    with_marks = "\u00ab" + said.replace("\u0646\u062d\u0646", "\u0646\u064e\u062d\u0652\u0646\u064f") + "!\u00bb"
    assert text_key(said) == text_key(with_marks) == said
    speaker = make_speaker(client, editor)
    source = make_source(client, editor, url=None, text=None)
    make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"], kind="paraphrase", text=said)
    body = {"speaker_id": speaker["id"], "source_id": source["id"], "kind": "paraphrase"}
    with unchanged():
        again = client.post("/api/v1/claims", json={**body, "text": with_marks}, headers=editor)
        joined = client.post(
            "/api/v1/claims", json={**body, "text": said.replace("\u0646\u062d", "\u0646\u200c\u062d")}, headers=editor
        )
    assert again.status_code == joined.status_code == 409


def test_the_confusables_data_is_the_pinned_unicode_file():
    from service import normalize

    table = normalize.lookalikes()
    assert table[ord("\u043e")] == "o" and table[ord("\u03bf")] == "o" and table[ord("\u0430")] == "a"
    assert not any(chr(letter).isascii() for letter in table)
    assert ord("\u0647") not in table and ord("\u0627") not in table


def test_a_real_server_refuses_invisible_and_look_alike_duplicates(served):
    api, token, _ = served
    status, speaker = call(f"{api}/speakers", "POST", {"name": "Matthew Miller", "kind": "person"}, token)
    status, source = call(f"{api}/sources", "POST", {"title": "A", "kind": "article"}, token)
    body = {"kind": "paraphrase", "speaker_id": speaker["id"], "source_id": source["id"]}
    status, first = call(f"{api}/claims", "POST", {**body, "text": QUOTE}, token)
    assert status == 201
    for spoof in (QUOTE.replace("behind", "be\u200bhind"), QUOTE.replace("not", "n\u043et"), QUOTE + "\u00ad"):
        status, problem = call(f"{api}/claims", "POST", {**body, "text": spoof}, token)
        assert status == 409 and problem["existing_id"] == first["id"]


def test_the_migration_recomputes_stored_keys(tmp_path: Path):
    database = migrated_to(tmp_path / "claims.db", 10)
    stamp = "2024-01-01T00:00:00.000Z"
    with db.transaction(database):
        database["speakers"].insert(
            {
                "id": 1,
                "name": "A\u200bbu",
                "name_key": "a bu",
                "kind": "person",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        database["sources"].insert({"id": 1, "title": "T", "kind": "article", "created_at": stamp, "updated_at": stamp})
        database["claims"].insert(
            {
                "id": 1,
                "text": "n\u043et",
                "text_key": "n\u043et",
                "kind": "paraphrase",
                "speaker_id": 1,
                "source_id": 1,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    db.migrate(database)
    assert database["claims"].get(1)["text_key"] == "not"
    assert database["claims"].get(1)["text"] == "n\u043et"
    assert database["speakers"].get(1)["name_key"] == "ab"
