"""Answers are dumped in one pass (schemas.Out), exactly as marshmallow dumps them.

Each test dumps the same value twice: through the schema as the API does,
and through marshmallow's own Schema.dump for every schema on the way
down. The two must agree to the byte once encoded as JSON.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from marshmallow import Schema

from service import db, schemas
from service.store import claims, reviews


def both(schema: Schema, value: Any, **options: Any) -> tuple[str, str]:
    """The JSON of ``value`` dumped by ``schema``, and by marshmallow alone."""
    ours = json.dumps(schema.dump(value, **options), ensure_ascii=False)
    mp = pytest.MonkeyPatch()
    mp.setattr(schemas.Out, "dump", Schema.dump)
    try:
        theirs = json.dumps(schema.dump(value, **options), ensure_ascii=False)
    finally:
        mp.undo()
    return ours, theirs


def test_every_claim_of_the_fixtures_dumps_as_marshmallow_dumps_it(seeded: Flask):
    with seeded.app_context():
        database = db.get_db()
        ids = [row[0] for row in database.execute("SELECT id FROM claims ORDER BY id")]
        verdict = {
            "rating": "false",
            "rating_label": "Wrong «date»",
            "summary": "Said later.",
            "evidence": ["https://example.org/e"],
            "reviewer": "Desk",
            "reviewed_on": "2024-01-02",
        }
        with db.transaction(database):
            reviews.create(database, ids[0], verdict, "tests")
            (other,) = database.execute(
                "SELECT id FROM sources WHERE id != (SELECT source_id FROM claims WHERE id = ?) LIMIT 1", [ids[0]]
            ).fetchone()
            claims.add_appearance(database, ids[0], {"source_id": other, "quote": "Repeated."}, "tests")
        found = [claims.get(database, claim_id, "https://example.org", retracted=True) for claim_id in ids]
        page = claims.listing(database, {}, after=None, limit=200, public_url="https://example.org")
    assert any(claim["links"] for claim in found) and any(claim["verdict"] for claim in found)
    assert any(claim["appearances"] for claim in found)
    for claim in found:
        ours, theirs = both(schemas.ClaimOut(), claim)
        assert ours == theirs
    ours, theirs = both(schemas.page_of(schemas.ClaimOut)(), {"items": page.items, "next_cursor": None, "next": None})
    assert ours == theirs


def test_values_of_other_types_go_through_marshmallow():
    claim = {
        "id": True,  # a bool is an int to Python, not to marshmallow: 1
        "text": 12,  # a number in a string field: "12"
        "version": "3",  # a string in an integer field: 3
        "retracted": 0,  # a number in a boolean field: false
        "tags": ["a", 7],
        "speaker": SimpleNamespace(id=1, name="Read as attributes", kind="person", description=None),
        "source": None,
        "links": [],
        "counter_claim_count": 2.0,  # a float in an integer field: 2
        "verdict": {"id": 1, "rating": "false", "evidence": ("https://example.org",)},
        "unknown": "left out",
    }
    ours, theirs = both(schemas.ClaimOut(), claim)
    assert ours == theirs
    assert json.loads(ours)["id"] == 1 and json.loads(ours)["text"] == "12"


def test_missing_fields_are_left_out_and_many_dumps_a_list():
    rows = [{"id": 1, "relation": "supports"}, {"id": 2, "claim": {"id": 3, "speaker": {"name": "x"}}}]
    ours, theirs = both(schemas.LinkOut(), rows, many=True)
    assert (
        ours
        == theirs
        == json.dumps([{"id": 1, "relation": "supports"}, {"id": 2, "claim": {"id": 3, "speaker": {"name": "x"}}}])
    )
    ours, theirs = both(schemas.LinkOut(many=True), rows)
    assert ours == theirs


def test_answers_are_encoded_by_orjson_as_the_standard_library_would(app):
    import datetime
    import json

    document = {"text": "نحن أبناء هذه المنطقة", "big": 2**70, "lone": "\ud800"}
    with app.app_context():
        encoded = app.json.dumps(document)
        assert json.loads(encoded) == document
        # Only what orjson cannot write (an integer beyond 64 bits, a lone
        # surrogate) takes the standard library's path, escaped as sent.
        assert "\\ud800" in encoded
        ordinary = app.json.dumps({"text": "نحن", "n": 1, 7: [1.5, None]})
        assert ordinary == '{"text":"نحن","n":1,"7":[1.5,null]}'  # compact, UTF-8, keys in order
        # Flask's own types keep Flask's answers.
        when = datetime.datetime(2020, 1, 3, 1, 2, 3, tzinfo=datetime.UTC)
        assert json.loads(app.json.dumps({"at": when})) == {"at": "Fri, 03 Jan 2020 01:02:03 GMT"}
        response = app.json.response({"text": "نحن"})
        assert response.get_data() == '{"text":"نحن"}\n'.encode()
        assert response.mimetype == "application/json"
