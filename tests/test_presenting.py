"""Claims are presented by SQLite as the API's JSON (service/store/claims/read.py),
and answered as they come: each answer must be what its response schema
would make of it, field for field and in the schema's order."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from flask import Flask

from service import db
from service.schemas import ClaimOut, ClaimSummary, LinkOut, page_of
from service.store import claims, reviews, sources, speakers


@pytest.fixture
def stock(app: Flask) -> dict[str, int]:
    """Claims with every embed, and text a JSON encoder must escape."""
    database = db.connect(app.config["DATABASE"])
    with db.transaction(database):
        speaker = speakers.create(
            database,
            {
                "name": 'Ödön "the quoted"',
                "kind": "person",
                "description": "Line one\nline two\t✓",
                "wikidata_id": "Q42",
            },
            "tests",
        )
        source = sources.create(
            database,
            {"title": "Report \\ with a backslash", "kind": "article", "url": "https://example.org/a?b=é"},
            "tests",
        )
        other = sources.create(database, {"title": "Second report", "kind": "article", "publisher": "Wire"}, "tests")
        said = claims.create(
            database,
            {
                "text": "The “convoy” was hit at dawn.",
                "kind": "paraphrase",
                "speaker_id": speaker,
                "source_id": source,
                "said_on": "2020-02",
                "tags": ["convoy", "é tag"],
                "context": "Asked\r\nabout it",
            },
            "tests",
        )
        denied = claims.create(
            database,
            {"text": "No convoy was hit.", "kind": "paraphrase", "speaker_id": speaker, "source_id": other},
            "tests",
        )
        claims.add_links(
            database,
            [
                (denied, {"target_id": said, "relation": "contradicts", "note": "Denied"}),
                (said, {"target_id": denied, "relation": "responds_to"}),
            ],  # fmt: skip
            "tests",
        )
        claims.add_appearances(database, [(said, {"source_id": other, "quote": "the convoy"})], "tests")
        for on in ("2024-01-01", "2024-02-01"):
            review = {"rating": "false", "rating_label": "False", "summary": "It was not.", "reviewer": "Desk"}
            reviews.create(
                database, said, {**review, "evidence": ["https://example.org/e"], "reviewed_on": on}, "tests"
            )
    database.close()
    return {"said": said, "denied": denied}


def dumped(schema: Any, answer: Any) -> bytes:
    return orjson.dumps(schema.dump(answer))


def test_a_claim_with_every_embed_is_what_its_schema_makes_of_it(client, stock):
    response = client.get(f"/api/v1/claims/{stock['said']}")
    answer = response.json
    assert answer["verdict"]["reviewed_on"] == "2024-02-01"
    assert answer["counter_claims"][0]["id"] == stock["denied"]
    assert {link["direction"] for link in answer["links"]} == {"incoming", "outgoing"}
    assert answer["appearances"][0]["source"]["title"] == "Second report"
    assert answer["speaker"] == {"id": answer["speaker_id"], "name": 'Ödön "the quoted"', "kind": "person",
                                 "description": "Line one\nline two\t✓"}  # fmt: skip
    assert answer["said_on_precision"] == "month" and answer["status"] == "contested"
    assert response.data == dumped(ClaimOut(), answer) + b"\n"
    # Nothing the schema names is left out either.
    assert list(answer) == list(ClaimOut().dump_fields)
    assert list(answer["links"][0]) == list(LinkOut().dump_fields)
    assert list(answer["counter_claims"][0]) == list(ClaimSummary().dump_fields)
    assert response.headers["ETag"] == f'"claim-{stock["said"]}-v{answer["version"]}"'


def test_a_page_of_claims_is_what_its_schema_makes_of_it(client, stock):
    response = client.get("/api/v1/claims?limit=1")
    answer = response.json
    assert [claim["id"] for claim in answer["items"]] == [stock["denied"]]
    embeds = {"links", "counter_claims", "appearances"}
    assert list(answer["items"][0]) == [name for name in ClaimOut().dump_fields if name not in embeds]
    assert answer["next_cursor"] == str(stock["denied"])
    assert response.data == dumped(page_of(ClaimOut)(), answer) + b"\n"
    searched = client.get("/api/v1/claims?q=convoy")
    assert searched.data == dumped(page_of(ClaimOut)(), searched.json) + b"\n"
    assert len(searched.json["items"]) == 2


def test_summaries_and_links_are_what_their_schemas_make_of_them(app, stock):
    database = db.connect(app.config["DATABASE"])
    found = claims.summaries(database, [stock["said"], stock["denied"]], "https://claims.example")
    assert found[stock["said"]]["url"] == f"https://claims.example/c/{stock['said']}"
    for summary in found.values():
        assert orjson.dumps(summary) == dumped(ClaimSummary(), summary)
    claim = claims.get(database, stock["said"], "https://claims.example")
    assert orjson.dumps(claim["links"]) == dumped(LinkOut(many=True), claim["links"])
    database.close()
