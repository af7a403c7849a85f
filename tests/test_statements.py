"""Reads cost a constant number of SQL statements, however long the page.

Related rows (speakers, sources, verdicts, links, appearances) are read for
a whole page at once, as Datasette reads foreign-key labels, never once per
row. Each test counts the statements SQLite runs, on the real connection,
and checks the count stays the same at 10 rows as at 50.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from service import claimreview, db
from service.publish.plugins import claims_site
from service.store import claims, reviews, sources, speakers

MANY, FEW = 50, 10


def statements(connection: sqlite3.Connection, call: Callable[[], Any]) -> list[str]:
    """The statements ``call`` runs on ``connection``. SQLite's own are left
    out: they are not ours to batch. Nested ones (FTS5 reading its index,
    triggers) are reported as "-- ...", and FTS5 reads its configuration,
    once per connection, naming the schema as 'main'."""
    seen: list[str] = []

    def trace(sql: str) -> None:
        if not sql.startswith("-- ") and "'main'." not in sql:
            seen.append(sql)

    connection.set_trace_callback(trace)
    try:
        call()
    finally:
        connection.set_trace_callback(None)
    return seen


@pytest.fixture
def stock(app: Flask) -> dict[str, Any]:
    """Two speakers (one with FEW claims, one with MANY) in an organisation,
    two sources, and claims that all have links both ways, reviews and an
    appearance in the second source."""
    database = db.connect(app.config["DATABASE"])
    with db.transaction(database):
        group = speakers.create(database, {"name": "Ministry", "kind": "organization", "wikidata_id": "Q7"}, "tests")
        few, many = (
            speakers.create(database, {"name": name, "kind": "person", "affiliation_id": group}, "tests")
            for name in ("Few Claims", "Many Claims")
        )
        first = sources.create(database, {"title": "First report", "kind": "article", "publisher": "Wire"}, "tests")
        second = sources.create(database, {"title": "Second report", "kind": "article", "text": None}, "tests")
        ids = [
            claims.create(
                database,
                {
                    "text": f"The convoy was hit at dawn, report {n}.",
                    "kind": "paraphrase",
                    "speaker_id": few if n < FEW else many,
                    "source_id": first,
                },
                "tests",
            )
            for n in range(FEW + MANY)
        ]
        relations = ("contradicts", "supports", "responds_to")
        claims.add_links(
            database,
            [(ids[n], {"target_id": ids[n - 1], "relation": relations[n % 3]}) for n in range(1, len(ids))],
            "tests",
        )
        claims.add_appearances(database, [(claim_id, {"source_id": second}) for claim_id in ids], "tests")
        for claim_id in ids:
            reviews.create(database, claim_id, review("2024-01-01"), "tests")
            reviews.create(database, claim_id, review("2024-02-01"), "tests")
    database.close()
    return {"ids": ids, "few": few, "many": many, "first": first, "second": second}


def review(on: str) -> dict[str, Any]:
    return {
        "rating": "mostly_false",
        "rating_label": "Mostly false",
        "summary": "The convoy was hit later.",
        "evidence": ["https://example.org/evidence"],
        "reviewer": "Claims desk",
        "reviewed_on": on,
    }


@pytest.fixture
def counted(app: Flask, stock: dict[str, Any]) -> Iterator[Callable[..., tuple[dict[str, Any], list[str]]]]:
    """A request through the real app: its JSON and the statements it ran."""
    client = app.test_client()
    with app.app_context():
        connection = db.get_db().conn  # the thread's connection, which the requests below use too

    def get(path: str, method: str = "GET", **options: Any) -> tuple[dict[str, Any], list[str]]:
        answers = []
        ran = statements(connection, lambda: answers.append(client.open(path, method=method, **options)))
        assert answers[0].status_code == 200, answers[0].json
        assert ran, "the requests ran on another connection"
        return answers[0].json, ran

    yield get


def test_a_page_of_claims_costs_the_same_six_statements_at_10_as_at_50(counted):
    page, few = counted(f"/api/v1/claims?limit={FEW}")
    assert len(page["items"]) == FEW
    page, many = counted(f"/api/v1/claims?limit={MANY}")
    assert len(page["items"]) == MANY
    assert all(claim["speaker"]["name"] and claim["source"]["title"] for claim in page["items"])
    assert all(claim["verdict"]["reviewed_on"] == "2024-02-01" for claim in page["items"])
    assert any(claim["counter_claim_count"] for claim in page["items"])
    # BEGIN, the page's ids, their answers (speakers, sources and verdicts
    # included), COMMIT.
    assert len(many) == len(few) == 4, many


def test_a_page_of_search_results_costs_the_same_four_statements(counted):
    page, few = counted(f"/api/v1/claims?q=convoy&limit={FEW}")
    assert len(page["items"]) == FEW
    page, many = counted(f"/api/v1/claims?q=convoy&limit={MANY}")
    assert len(page["items"]) == MANY
    # As any page: the search window is read, and ranked, with the page's ids.
    assert len(many) == len(few) == 4, many


def test_a_claim_with_every_embed_costs_at_most_eight_statements(counted, stock):
    claim, ran = counted(f"/api/v1/claims/{stock['ids'][30]}")
    assert {link["direction"] for link in claim["links"]} == {"incoming", "outgoing"}
    assert claim["counter_claims"] and claim["appearances"] and claim["verdict"]
    assert claim["appearances"][0]["source"]["title"] == "Second report"
    # The claim, its check (missing, retracted) and every embed at once.
    assert len(ran) == 1, ran


def test_speaker_and_source_pages_cost_the_same_at_any_length(counted):
    page, few = counted("/api/v1/speakers?limit=2")
    assert [speaker["claim_count"] for speaker in page["items"]] == [0, FEW]
    page, many = counted("/api/v1/speakers?limit=3")
    assert [speaker["claim_count"] for speaker in page["items"]] == [0, FEW, MANY]
    assert page["items"][1]["affiliation"]["name"] == "Ministry"
    assert len(many) == len(few) <= 5, many
    page, few = counted("/api/v1/sources?limit=1")
    page, many = counted("/api/v1/sources?limit=2")
    assert [source["claim_count"] for source in page["items"]] == [FEW + MANY, 0]
    assert len(many) == len(few) <= 4, many


def test_the_claimreview_feed_costs_the_same_for_any_number_of_claims(app, stock):
    connection = db.connect(app.config["DATABASE"])
    feed: dict[str, Any] = {}

    def read() -> None:
        feed.update(claimreview.feed(connection, "https://claims.example.org", {"name": "Desk"}))

    ran = statements(connection.conn, read)
    assert len(feed["@graph"]) == FEW + MANY
    assert feed["@graph"][0]["itemReviewed"]["author"]["name"] == "Few Claims"
    assert len(ran) <= 6, ran
    connection.close()


@pytest.mark.parametrize("speaker", ["few", "many"])
def test_the_public_pages_cost_the_same_for_any_number_of_claims(app, stock, speaker):
    """The store functions the public site builds its pages with, on a
    connection as Datasette hands it to them."""
    connection = sqlite3.connect(app.config["DATABASE"])
    costs = {
        "claim": len(statements(connection, lambda: claims_site._claim_page(connection, stock["ids"][30]))),
        "card": len(statements(connection, lambda: claims_site._card(connection, stock["ids"][30]))),
        "speaker": len(statements(connection, lambda: claims_site._speaker_page(connection, stock[speaker]))),
        "source": len(statements(connection, lambda: claims_site._source_page(connection, stock["first"]))),
    }
    said = claims_site._speaker_page(connection, stock[speaker])["speaker_claims"]
    assert len(said) == {"few": FEW, "many": MANY}[speaker]
    connection.close()
    # Each starts with sqlite-utils' PRAGMA recursive_triggers. A claim: one
    # statement, with its links, appearances, speakers, sources and verdict
    # (and, for its page, the speaker's Wikidata item, every review, and for
    # its appearances the speaker's aliases and the sources' texts, to find
    # each source's spelling of the name); a speaker: the row, affiliation,
    # claim count, then the claims as a page of claims is read (its ids,
    # then their answers), all its claims counted (the page shows 50), and
    # the members.
    assert costs == {"claim": 6, "card": 2, "speaker": 8, "source": 5}


def test_matching_costs_the_same_for_any_number_of_matches(counted, editor):
    costs = []
    for limit in (FEW, MANY):
        body = {"text": "convoy hit at dawn", "limit": limit}
        found, ran = counted("/api/v1/claims/match", method="POST", json=body, headers=editor)
        assert len(found["matches"]) == limit
        costs.append(len(ran))
    # The exact match, the full-text candidates (ranked only when there are
    # more than can be scored), their words, then their rows, speakers and
    # sources.
    assert costs[0] == costs[1] <= 8, costs
