"""Article intake: drafts from an article's text, and a whole article recorded at once."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path

import pytest
from conftest import snapshot
from servers import ROOT, datasette, free_port, gunicorn
from test_readme import section, shell_blocks

from bench.eval_extract import DEV_SET, load_text
from service import auth, db, fixtures
from service.api import intake
from service.db import get_db
from service.store import claims

# Written for these tests, in the style of the seed articles. Its speakers
# are stored by the seed data under other spellings: the prime minister as
# "Mohammed Shia al-Sudani" (a transliteration away), the State Department
# by its alias, Miller by name; Miller's words repeat a stored claim of his.
TEXT = (
    "Baghdad vows to find those behind rocket fire\n\n"
    "BAGHDAD - Iraqi Prime Minister Mohamed Shia al-Sudany said on Thursday that his government would find"
    " those responsible for the rocket fire. \u201cWe will not allow anyone to drag Iraq into a war,\u201d"
    " al-Sudany told reporters.\n\n"
    "The US State Department said it was following events closely. US forces are in Iraq"
    " \u201cat the invitation of the government,\u201d spokesperson Matthew Miller said.\n\n"
    "A commander of a local militia, Abu Karrar al-Tamimi, said: \u201cOur patience has limits.\u201d"
)


def seeded_ids(database) -> dict[str, int]:  # type: ignore[no-untyped-def]
    def speaker(name: str) -> int:
        return database.execute("SELECT id FROM speakers WHERE name = ?", [name]).fetchone()[0]

    return {
        "sudani": speaker("Mohammed Shia al-Sudani"),
        "state": speaker("United States Department of State"),
        "miller": speaker("Matthew Miller"),
        "invitation": database.execute(
            "SELECT id FROM claims WHERE text = 'at the invitation of the government'"
        ).fetchone()[0],
    }


def by_quote(items: list[dict]) -> dict[str, dict]:
    return {item["quote"]: item for item in items}


def test_extract_proposes_drafts_matched_to_stored_speakers_and_claims(seeded, client, editor, database, unchanged):
    ids = seeded_ids(database)
    with unchanged():
        response = client.post("/api/v1/extract", json={"text": TEXT, "language": "en"}, headers=editor)
    assert response.status_code == 200, response.json
    items = response.json["items"]
    assert [item["start"] for item in items] == sorted(item["start"] for item in items)
    for item in items:
        assert TEXT[item["start"] : item["end"]] == item["quote"]
        assert 0 <= item["confidence"] <= 1
        assert "anchor" not in item
        speaker = item["speaker"]
        assert TEXT[speaker["start"] : speaker["end"]] == speaker["name"]
        assert len(speaker["candidates"]) <= 3
        assert [c["score"] for c in speaker["candidates"]] == sorted(
            (c["score"] for c in speaker["candidates"]), reverse=True
        )
    drafts = by_quote(items)

    war = drafts["We will not allow anyone to drag Iraq into a war"]
    assert war["kind"] == "quote" and war["cue"] == "told"
    # Through transliteration: "al-Sudany" is the stored "al-Sudani".
    assert war["speaker"]["name"] == "Mohamed Shia al-Sudany"
    assert war["speaker"]["speaker_id"] == ids["sudani"]
    assert war["speaker"]["candidates"][0]["name"] == "Mohammed Shia al-Sudani"
    assert war["existing_claim_id"] is None

    # Through an alias: "US State Department" is one of the department's names.
    following = drafts["it was following events closely"]
    assert following["kind"] == "paraphrase"
    assert following["speaker"]["speaker_id"] == ids["state"]

    invitation = drafts["at the invitation of the government"]
    assert invitation["speaker"]["speaker_id"] == ids["miller"]
    assert invitation["existing_claim_id"] == ids["invitation"]

    patience = next(item for quote, item in drafts.items() if quote.startswith("Our patience has limits"))
    assert patience["speaker"] == {
        "name": "Abu Karrar al-Tamimi",
        "start": TEXT.index("Abu Karrar"),
        "end": TEXT.index(", said:"),
        "speaker_id": None,
        "candidates": [],
    }


def test_extract_reads_each_speaker_name_once(seeded):
    """Candidates are looked up once per distinct name, not once per draft."""
    repeated = "\n\n".join(f"\u201cWe hold the line {n},\u201d Matthew Miller said." for n in range(30))
    statements: list[str] = []
    with seeded.test_request_context():
        connection = get_db()
        connection.conn.set_trace_callback(statements.append)
        try:
            drafts = intake.find_drafts(connection, repeated, None)
        finally:
            connection.conn.set_trace_callback(None)
    assert len(drafts) == 30
    assert {draft["speaker"]["speaker_id"] for draft in drafts} == {seeded_ids(connection)["miller"]}
    assert sum("FROM speaker_aliases" in statement for statement in statements) == 1


@pytest.fixture
def stored_source(seeded, client, editor):  # type: ignore[no-untyped-def]
    # The same words twice, by two speakers: each draft's anchor must hold its own place.
    text = TEXT + "\n\nA second commander, Hadi al-Amiri, said: \u201cOur patience has limits.\u201d"
    body = {"title": "Baghdad vows to find those behind rocket fire", "kind": "article", "text": text}
    response = client.post("/api/v1/sources", json=body, headers=editor)
    assert response.status_code == 201
    return response.json


def test_source_drafts_anchor_where_posting_them_as_claims_anchors_them(client, editor, stored_source):
    source_id, text = stored_source["id"], stored_source["text"]
    response = client.post(f"/api/v1/sources/{source_id}/drafts", json={}, headers=editor)
    assert response.status_code == 200, response.json
    quotes = [item for item in response.json["items"] if item["kind"] == "quote"]
    assert len({item["quote"] for item in quotes}) < len(quotes), "the article repeats a quote"
    for item in response.json["items"]:
        if item["kind"] != "quote":
            assert item["anchor"] is None
    for item in quotes:
        anchor = item["anchor"]
        assert (anchor["exact"], anchor["start"], anchor["end"]) == (item["quote"], item["start"], item["end"])
        assert text[: anchor["start"]].endswith(anchor["prefix"])
        speaker_id = item["speaker"]["speaker_id"]
        if speaker_id is None:
            made = client.post(
                "/api/v1/speakers", json={"name": item["speaker"]["name"], "kind": "person"}, headers=editor
            )
            speaker_id = made.json["id"]
        if item["existing_claim_id"]:
            posted = client.post(
                f"/api/v1/claims/{item['existing_claim_id']}/appearances",
                json={"source_id": source_id, "quote": item["quote"], "anchor": anchor},
                headers=editor,
            )
            assert posted.status_code == 201, posted.json
            continue
        claim = {"text": item["quote"], "kind": "quote", "speaker_id": speaker_id, "source_id": source_id}
        posted = client.post("/api/v1/claims", json={**claim, "anchor": anchor}, headers=editor)
        assert posted.status_code == 201, posted.json
        assert posted.json["anchor"] == anchor


def test_source_drafts_need_a_source_with_text(seeded, client, editor, unchanged):
    bare = client.post("/api/v1/sources", json={"title": "A radio interview", "kind": "broadcast"}, headers=editor)
    with unchanged():
        missing = client.post("/api/v1/sources/999999/drafts", json={}, headers=editor)
        textless = client.post(f"/api/v1/sources/{bare.json['id']}/drafts", json={}, headers=editor)
    assert missing.status_code == 404
    assert textless.status_code == 409
    assert "has no text" in textless.json["detail"]


def article(ids: dict[str, int]) -> dict:
    """The editor's confirmed drafts: a new speaker, claims by stored and new
    speakers, an appearance of a stored claim, and a link."""
    return {
        "source": {
            "title": "Baghdad vows to find those behind rocket fire",
            "url": "https://news.example.com/2024/10/baghdad-rocket-fire",
            "publisher": "Example News",
            "published_on": "2024-10",
            "kind": "article",
            "language": "en",
            "text": TEXT,
        },
        "speakers": [
            {"key": "tamimi", "name": "Abu Karrar al-Tamimi", "kind": "person", "description": "Militia commander"}
        ],
        "claims": [
            {
                "key": "no-war",
                "kind": "quote",
                "text": "We will not allow anyone to drag Iraq into a war",
                "speaker": ids["sudani"],
                "said_on": "2024-10",
            },
            {"key": "patience", "kind": "quote", "text": "Our patience has limits.", "speaker": "tamimi"},
        ],
        "appearances": [{"claim": ids["invitation"], "quote": "at the invitation of the government"}],
        "links": [{"claim": "patience", "target": "no-war", "relation": "responds_to"}],
    }


def test_an_article_is_recorded_in_one_request_and_again_adds_nothing(seeded, client, editor, database):
    ids = seeded_ids(database)
    response = client.post("/api/v1/articles", json=article(ids), headers=editor)
    assert response.status_code == 201, response.json
    body = response.json
    assert response.headers["Location"] == f"/api/v1/sources/{body['source_id']}"
    assert body["created"] == {"sources": 1, "speakers": 1, "claims": 2, "links": 1, "appearances": 1}
    claim_ids = {claim["key"]: claim["id"] for claim in body["claims"]}
    assert [claim["url"] for claim in body["claims"]] == [
        f"https://claims.example.org/c/{claim_ids[key]}" for key in ("no-war", "patience")
    ]
    patience = client.get(f"/api/v1/claims/{claim_ids['patience']}").json
    assert patience["speaker"]["name"] == "Abu Karrar al-Tamimi"
    assert patience["speaker"]["id"] == body["speakers"][0]["id"]
    assert patience["source"]["id"] == body["source_id"]
    assert patience["anchor"]["start"] == TEXT.index("Our patience")
    assert [link["claim"]["id"] for link in patience["links"]] == [claim_ids["no-war"]]
    assert client.get(f"/api/v1/claims/{claim_ids['no-war']}").json["speaker"]["id"] == ids["sudani"]
    appearances = client.get(f"/api/v1/claims/{ids['invitation']}/appearances").json
    assert [appearance["source_id"] for appearance in appearances] == [body["source_id"]]
    # Recorded as the editor who posted it.
    actors = {row[0] for row in database.execute("SELECT DISTINCT actor FROM revisions WHERE actor != 'fixtures'")}
    assert actors == {"test-editor"}

    before = snapshot(database)
    again = client.post("/api/v1/articles", json=article(ids), headers=editor)
    assert again.status_code == 200, again.json
    assert again.json["created"] == {"sources": 0, "speakers": 0, "claims": 0, "links": 0, "appearances": 0}
    assert again.json["existing"] == {"sources": 1, "speakers": 1, "claims": 2, "links": 1, "appearances": 1}
    assert again.json["claims"] == body["claims"]
    assert snapshot(database) == before


def row_counts(database) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {table: database[table].count for table in database.table_names()}


def add_link(**link):  # type: ignore[no-untyped-def]
    return lambda document, ids: document["links"].append({"claim": "patience", "relation": "supports", **link})


@pytest.mark.parametrize(
    ("spoil", "status", "field"),
    [
        # Refused before anything is written: the document contradicts itself.
        (add_link(target="nobody"), 409, "links.1.target"),
        (add_link(target=999999), 409, "links.1.target"),
        (lambda doc, ids: doc["claims"][-1].update(speaker="nobody"), 409, "claims.1.speaker"),
        (lambda doc, ids: doc["claims"].append(dict(doc["claims"][0])), 409, "claims.2.key"),
        (lambda doc, ids: doc["speakers"][-1].update(affiliation="tamimi"), 409, "speakers.0.affiliation"),
        (lambda doc, ids: doc["claims"][-1].update(speaker=True), 422, "claims.1.speaker"),
        # Refused by the store, once every earlier item is written in the transaction.
        (add_link(target="patience"), 409, "links.1.target_id"),
        (
            lambda doc, ids: doc["appearances"].append({"claim": ids["invitation"] + 1, "anchor": {"exact": "never"}}),
            409,
            "appearances.1.anchor",
        ),
        (lambda doc, ids: doc["claims"][-1].update(text="Our patience is endless."), 409, "claims.1.anchor"),
    ],
)
def test_an_article_is_all_or_nothing(seeded, client, editor, database, spoil, status, field):
    ids = seeded_ids(database)
    document = article(ids)
    spoil(document, ids)
    counts, before = row_counts(database), snapshot(database)
    response = client.post("/api/v1/articles", json=document, headers=editor)
    assert response.status_code == status, response.json
    assert response.headers["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json["errors"]] == [field]
    assert row_counts(database) == counts
    assert snapshot(database) == before


LONG = "x" * 200_001


@pytest.mark.parametrize(
    ("path", "body", "content_type", "status", "field"),
    [
        ("/api/v1/extract", {"text": ""}, None, 422, "text"),
        ("/api/v1/extract", {"text": " \n\t "}, None, 422, "text"),
        ("/api/v1/extract", {"text": LONG}, None, 422, "text"),
        ("/api/v1/extract", {"text": "He said: \u201cfine\u201d\x07"}, None, 422, "text"),
        ("/api/v1/extract", {"text": "fine", "language": "english!"}, None, 422, "language"),
        ("/api/v1/extract", {}, None, 422, "text"),
        ("/api/v1/extract", b'{"text": "unfinished', "application/json", 400, None),
        ("/api/v1/extract", b"He said hello.", "text/plain", 415, None),
        ("/api/v1/articles", {"source": {"title": "T", "kind": "article", "text": LONG}}, None, 422, "source.text"),
        ("/api/v1/articles", {"source": {"title": "T\x1b", "kind": "article"}}, None, 422, "source.title"),
        ("/api/v1/articles", {"claims": []}, None, 422, "source"),
        ("/api/v1/articles", b"[1, 2", "application/json", 400, None),
        ("/api/v1/articles", b"source: {}", "application/yaml", 415, None),
        ("/api/v1/sources/1/drafts", {"language": "\x00"}, None, 422, "language"),
    ],
)
def test_bad_input_is_a_4xx_and_stores_nothing(
    seeded, client, editor, unchanged, path, body, content_type, status, field
):
    with unchanged():
        if content_type is None:
            response = client.post(path, json=body, headers=editor)
        else:
            response = client.post(path, data=body, headers={**editor, "Content-Type": content_type})
    assert response.status_code == status, response.json
    assert response.headers["Content-Type"] == "application/problem+json"
    if field:
        assert field in {error["field"] for error in response.json["errors"]}


def test_the_item_errors_of_a_document_name_the_item(seeded, client, editor):
    document = {
        "source": {"title": "T", "kind": "article"},
        "speakers": [{"key": "a", "name": "A", "kind": "person"}, {"key": "b", "name": "B", "kind": "alien"}],
        "claims": [{"key": "c", "kind": "quote", "text": "Q", "speaker": ["a"], "speaker_id": 1}],
    }
    response = client.post("/api/v1/articles", json=document, headers=editor)
    assert response.status_code == 422
    assert {error["field"] for error in response.json["errors"]} == {
        "speakers.1.kind",
        "claims.0.speaker",
        "claims.0.speaker_id",
    }


def test_the_writes_need_an_editor_token(seeded, client, unchanged):
    with unchanged():
        for path, body in [("/api/v1/extract", {"text": TEXT}), ("/api/v1/articles", {"source": {}})]:
            assert client.post(path, json=body).status_code == 401


def test_load_article_is_the_fixture_loader(seeded, database):
    """The API's article goes through the seed loader: a seed document posted
    as an article is already recorded in full."""
    documents = dict(fixtures.read(ROOT / "fixtures"))
    document = documents["000-state-dept-iraq-accountable.yaml"]
    before = snapshot(database)
    with db.transaction(database):
        recorded = fixtures.load_article(database, document, "someone")
    assert snapshot(database) == before
    assert not any(kind.endswith("created") for kind in recorded.counts)
    assert set(recorded.claim_ids) == {claim["key"] for claim in document["claims"]}


@pytest.mark.slow
def test_an_editors_day_with_intake_runs_as_written_against_real_servers(tmp_path: Path):
    """/extract on gunicorn, then the README's intake walk-through: extract,
    record in one request, again, and read back on the public site."""
    database_path, instance = tmp_path / "claims.db", tmp_path / "instance"
    database = db.connect(database_path)
    db.migrate(database)
    fixtures.load(database, ROOT / "fixtures")
    ids = seeded_ids(database)
    token = auth.create_token(instance, "intake-editor")
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    with gunicorn(database_path, instance, CLAIMS_PUBLIC_URL=public) as base, datasette(database_path, port) as site:
        request = urllib.request.Request(
            f"{base}/api/v1/extract",
            data=json.dumps({"text": TEXT}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            drafts = by_quote(json.load(response)["items"])
        assert drafts["We will not allow anyone to drag Iraq into a war"]["speaker"]["speaker_id"] == ids["sudani"]
        assert drafts["at the invitation of the government"]["existing_claim_id"] == ids["invitation"]

        script = "\n".join(shell_blocks(section("An editor's day with intake")))
        script = (
            script.replace("http://127.0.0.1:5000", base)
            .replace("http://127.0.0.1:8001", site)
            .replace("clm_paste_the_token_here", token)
        )
        prelude = 'set -euo pipefail\ncurl() { command curl --fail-with-body "$@"; }\n'
        result = subprocess.run(
            ["bash", "-c", prelude + script], capture_output=True, text=True, timeout=120, cwd=tmp_path
        )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (source_id,) = database.execute(
        "SELECT id FROM sources WHERE url = 'https://news.example.com/2024/11/calm-after-strikes'"
    ).fetchone()
    recorded = json.loads((tmp_path / "recorded.json").read_text())
    assert recorded["source_id"] == source_id
    assert recorded["created"] == {"sources": 1, "speakers": 1, "claims": 2, "links": 1, "appearances": 1}
    assert [claim["url"] for claim in recorded["claims"]] == [
        f"{public}/c/{claim['id']}" for claim in recorded["claims"]
    ]
    assert database["claims"].count_where("source_id = ?", [source_id]) == 2
    assert database["appearances"].count_where("claim_id = ? AND source_id = ?", [ids["invitation"], source_id]) == 1
    assert database["speakers"].count_where("name = 'Abu Karrar al-Tamimi'") == 1
    assert database["revisions"].count_where("actor = 'intake-editor'") > 0
    # Posted twice, stored once (the counts above); and the permalink's page was served.
    assert "</html>" in result.stdout
    database.close()


def test_drafts_are_matched_as_each_draft_matched_alone(seeded):
    """Intake matches an article's drafts at once; each answer is the one a
    match of that draft alone gives, on the seed articles and the desk's."""
    articles = [load_text(json.loads(path.read_text(encoding="utf-8"))) for path in sorted(DEV_SET.glob("seed-*.json"))]
    articles.append((ROOT / "tests" / "data" / "desk_article.txt").read_text(encoding="utf-8"))
    matched = 0
    with seeded.test_request_context():
        connection = get_db()
        for text in articles:
            drafts = intake.find_drafts(connection, text, None)
            assert drafts
            for draft in drafts:
                speaker_id = draft["speaker"]["speaker_id"] if draft["speaker"] else None
                alone = claims.match(connection, draft["quote"], speaker_id=speaker_id, limit=1, public_url="x")
                same = alone and alone[0]["score"] >= intake.SAME_CLAIM_SCORE
                assert draft["existing_claim_id"] == (alone[0]["claim"]["id"] if same else None), draft["quote"]
                matched += draft["existing_claim_id"] is not None
    assert matched >= 10  # the seed articles' quotes are stored claims
