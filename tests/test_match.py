"""Finding a claim the service already holds, before adding it again."""

from __future__ import annotations

import pytest


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
