"""Finding a claim the service already holds, before adding it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import eval_match
from service import db
from service.store import claims, records, sources, speakers
from service.store.claims import matching


def match(client, editor, text, **extra):
    response = client.post("/api/v1/claims/match", json={"text": text, **extra}, headers=editor)
    assert response.status_code == 200, response.json
    return response.json["matches"]


@pytest.mark.parametrize(
    "text",
    [
        "Qassem Soleimani posed an imminent threat.",
        "qassem soleimani posed an IMMINENT threat",
        "\u201cQassem Soleimani posed an imminent threat\u201d",
        "  Qassem   Soleimani posed an imminent threat!!",
    ],
)
def test_the_same_words_are_an_exact_match_first(client, editor, seeded, text):
    found = match(client, editor, text)
    assert found[0]["match"] == "exact"
    assert found[0]["score"] == 1.0
    assert found[0]["claim"]["text"] == "Qassem Soleimani posed an imminent threat."
    assert all(item["score"] < 1.0 for item in found[1:])


def test_a_shortened_quote_is_found(client, editor, seeded):
    found = match(client, editor, "We are Iraqis and from Iraqi soil.")
    assert found[0]["claim"]["text"].startswith("We are Iraqis and from Iraqi soil. We have confronted US troops")
    assert found[0]["match"] == "similar" and found[0]["score"] >= 0.85


def test_a_reworded_quote_is_found(client, editor, seeded):
    found = match(client, editor, "The coalition knows Iraq is dangerous; we came to defeat ISIS and we are ready.")
    assert found[0]["claim"]["text"].startswith("The coalition recognises that Iraq is a dangerous place.")
    assert found == sorted(found, key=lambda item: -item["score"])


def test_matches_can_be_limited_to_one_speaker(client, editor, seeded):
    everyone = match(client, editor, "Soleimani did not pose an imminent threat")
    speakers = {item["claim"]["speaker"]["name"] for item in everyone}
    assert {"Iran", "Prime Minister of Iraq", "Donald Trump"} <= speakers
    iran = next(item["claim"]["speaker"]["id"] for item in everyone if item["claim"]["speaker"]["name"] == "Iran")
    only = match(client, editor, "Soleimani did not pose an imminent threat", speaker_id=iran, limit=3)
    assert {item["claim"]["speaker"]["name"] for item in only} == {"Iran"}


def test_nothing_alike_finds_nothing(client, editor, seeded):
    assert match(client, editor, "Quarterly wheat exports rose in Ukraine") == []


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "x", "limit": 0}, {"text": "x", "speaker_id": "1"}])
def test_bad_match_requests_are_422(client, editor, body):
    assert client.post("/api/v1/claims/match", json=body, headers=editor).status_code == 422


PAIRS = json.loads((Path(__file__).parent / "data" / "match_pairs.json").read_text(encoding="utf-8"))["pairs"]
#: The share of pairs whose label (and counter-claim flag) must be right.
LABEL_FLOOR = 0.95


def test_the_pair_set_covers_every_kind_of_pair():
    kinds = {pair["kind"] for pair in PAIRS}
    assert kinds == {"same", "reworded", "other_speaker", "negated", "topic", "unrelated"}
    assert len(PAIRS) >= 60
    assert {pair["label"] for pair in PAIRS} == set(matching.LABELS)


def test_labels_are_right_on_the_pair_set_through_the_store(tmp_path):
    database = db.connect(tmp_path / "claims.db")
    db.migrate(database)
    predicted = eval_match.predict(database, PAIRS)
    right = [
        (label, flag) == (pair["label"], pair["counter_claim"])
        for pair, (label, flag) in zip(PAIRS, predicted, strict=True)
    ]
    assert sum(right) / len(PAIRS) >= LABEL_FLOOR
    # The mistakes that would mislead an editor most never happen here:
    for pair, (label, _) in zip(PAIRS, predicted, strict=True):
        if pair["kind"] == "negated":
            assert label not in ("same_claim", "same_claim_other_speaker"), pair
        if pair["kind"] == "unrelated":
            assert label == "unrelated", pair


def test_an_unrelated_quote_is_not_returned(client, editor, seeded):
    # Character similarity alone once scored this 0.45 against a claim
    # about the coalition's mission, and called it similar.
    assert match(client, editor, "It was the best of times and the worst of times for the farmers of the south.") == []


def test_claims_below_the_threshold_come_only_when_asked_for(client, editor, seeded):
    text = "The farmers of the south are angry about the price of diesel in Iraq."
    default = match(client, editor, text, limit=50)
    assert all(item["score"] >= matching.SAME_TOPIC and item["label"] == "same_topic" for item in default)
    asked = match(client, editor, text, min_score=0, limit=50)
    below = [item for item in asked if item["score"] < matching.SAME_TOPIC]
    assert below and all(item["label"] == "unrelated" for item in below)
    assert [item for item in asked if item["score"] >= matching.SAME_TOPIC] == default


def test_a_negated_claim_is_a_counter_claim_candidate_not_the_same_claim(client, editor, seeded):
    found = match(client, editor, "Qassem Soleimani did not pose an imminent threat.")
    posed = next(item for item in found if item["claim"]["text"] == "Qassem Soleimani posed an imminent threat.")
    assert posed["label"] == "same_topic" and posed["counter_claim"] is True
    assert matching.SAME_TOPIC <= posed["score"] < matching.SAME_CLAIM


def test_the_same_words_by_another_speaker_are_labelled_so(client, editor, seeded):
    text = "Qassem Soleimani posed an imminent threat."
    by_anyone = match(client, editor, text)[0]
    assert by_anyone["label"] == "same_claim" and by_anyone["counter_claim"] is False
    speaker = by_anyone["claim"]["speaker"]["id"]
    assert match(client, editor, text, said_by=speaker)[0]["label"] == "same_claim"
    other = client.get("/api/v1/speakers?q=Iran").json["items"][0]["id"]
    assert other != speaker
    assert match(client, editor, text, said_by=other)[0]["label"] == "same_claim_other_speaker"


@pytest.mark.parametrize("body", [{"text": "x", "min_score": 2}, {"text": "x", "said_by": "one"}])
def test_bad_scale_arguments_are_422(client, editor, body):
    response = client.post("/api/v1/claims/match", json=body, headers=editor)
    assert response.status_code == 422
    assert {error["field"] for error in response.json["errors"]} == set(body) - {"text"}


def test_the_documented_scale_is_the_one_applied(client):
    operation = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/claims/match"]["post"]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for threshold in (matching.SAME_CLAIM, matching.SAME_TOPIC):
        assert str(threshold) in operation["description"]
        assert f"| {threshold} to" in readme or f"| under {threshold} |" in readme
    assert f"| under {matching.SAME_TOPIC} | `unrelated`" in readme


def test_matching_at_once_answers_as_matching_one_at_a_time(seeded, database):
    iran = database.execute("SELECT id FROM speakers WHERE name = 'Iran'").fetchone()[0]
    queries = [
        matching.Query("Qassem Soleimani posed an imminent threat."),  # the same words
        matching.Query("qassem soleimani posed an IMMINENT threat", said_by=iran),  # by another speaker
        matching.Query("Qassem Soleimani did not pose an imminent threat."),  # negated: a counter-claim
        matching.Query("The coalition knows Iraq is dangerous; we came to defeat ISIS and we are ready."),  # reworded
        matching.Query("We are Iraqis and from Iraqi soil."),  # shortened
        matching.Query("Soleimani did not pose an imminent threat", speaker_id=iran),  # one speaker's claims
        matching.Query("Quarterly wheat exports rose in Ukraine"),  # nothing alike
        matching.Query("Qassem Soleimani posed an imminent threat."),  # asked twice
    ]
    for min_score in (matching.SAME_TOPIC, 0):
        at_once = matching.match_many(database, queries, limit=5, public_url="https://x", min_score=min_score)
        one_by_one = [
            matching.match(
                database,
                query.text,
                speaker_id=query.speaker_id,
                said_by=query.said_by,
                limit=5,
                public_url="https://x",
                min_score=min_score,
            )
            for query in queries
        ]
        assert at_once == one_by_one
    assert [found[0]["label"] for found in at_once[:2]] == ["same_claim", "same_claim_other_speaker"]
    posed = next(item for item in at_once[2] if item["claim"]["text"] == "Qassem Soleimani posed an imminent threat.")
    assert (posed["label"], posed["counter_claim"]) == ("same_topic", True)
    assert at_once[0][0]["match"] == "exact" and at_once[-1] == at_once[0]
    assert {item["claim"]["speaker"]["id"] for item in at_once[5]} == {iran}
    assert matching.match_many(database, [], limit=5, public_url="https://x") == []


def test_matching_at_once_reads_the_store_once_per_kind_of_row(seeded, database):
    texts = [
        "Qassem Soleimani posed an imminent threat.",
        "We are Iraqis and from Iraqi soil.",
        "The coalition recognises that Iraq is a dangerous place.",
    ]
    statements: list[str] = []
    database.conn.set_trace_callback(statements.append)
    try:
        found = matching.match_many(database, [matching.Query(text) for text in texts], limit=3, public_url="x")
    finally:
        database.conn.set_trace_callback(None)
    assert all(found)
    searches = [statement for statement in statements if "claims_fts MATCH" in statement]
    assert len(searches) == len(texts)  # few hits: none needs ranking
    assert sum("CROSS JOIN claims ON claims.text_key" in statement for statement in statements) == 1
    assert sum(" FROM claims WHERE " in statement for statement in statements) == 1  # the candidates
    # The summaries, with their speakers and sources, in one statement.
    assert sum("CROSS JOIN claims ON claims.id = wanted.value" in statement for statement in statements) == 1


def test_with_more_hits_than_it_scores_the_best_ranked_are_scored(tmp_path):
    database = db.connect(tmp_path / "claims.db")
    db.migrate(database)
    with db.transaction(database):
        speaker = speakers.create(database, {"name": "Dock Union", "kind": "organization"}, "test")
        source = sources.create(database, {"title": "Port news", "kind": "article"}, "test")
        texts = [f"The harbour was quiet on day {number}." for number in range(matching.FTS_CANDIDATES + 50)]
        texts.append("Harbour workers demand higher wages from the port authority.")
        for text in texts:
            values = {"text": text, "kind": "paraphrase", "speaker_id": speaker, "source_id": source}
            records.insert(database, "claims", claims.derive(values, None), "test")
    query = matching.Query("Harbour workers demand higher wages.")
    (found,) = matching.match_many(database, [query], limit=1000, public_url="x", min_score=0)
    assert len(found) == matching.FTS_CANDIDATES
    assert found[0]["claim"]["text"] == texts[-1] and found[0]["label"] == "same_claim"
