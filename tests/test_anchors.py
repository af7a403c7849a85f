"""Anchoring a quote: tolerated differences, and what a refusal says."""

from __future__ import annotations

import random
import time

import pytest
from helpers import field_names, make_source, make_speaker

from service.anchors import Anchor, AnchorError, nearest, resolve

TEXT = (
    "BAGHDAD - The ministry said on Monday that the convoy was hit at dawn.\n"
    "\u201cWe had nothing to do with the  drone\nstrike,\u201d a militia spokesman said. "
    "He called the strike \u00aba grave mistake\u00bb and said: 'We will respond.'"
)


@pytest.mark.parametrize(
    ("quote", "exact"),
    [
        # End punctuation: the source's own mark is kept in the span.
        ("We had nothing to do with the drone strike.", "We had nothing to do with the  drone\nstrike,"),
        ("We had nothing to do with the drone strike;", "We had nothing to do with the  drone\nstrike,"),
        # Spacing: runs, a no-break space, a newline.
        ("We had nothing to do with the\u00a0drone strike", "We had nothing to do with the  drone\nstrike"),
        # Quotation-mark style, with the end punctuation inside the marks.
        (
            '"We had nothing to do with the drone strike."',
            "\u201cWe had nothing to do with the  drone\nstrike,\u201d",
        ),
        ("\u201ca grave mistake\u201d", "\u00aba grave mistake\u00bb"),
        ("\u2018We will respond.\u2019", "'We will respond.'"),
    ],
)
def test_a_quote_anchors_despite_marks_spacing_and_end_punctuation(quote, exact):
    anchor = resolve(TEXT, Anchor(quote))
    assert anchor.exact == exact
    assert TEXT[anchor.start : anchor.end] == anchor.exact
    assert TEXT[: anchor.start].endswith(anchor.prefix or "") and TEXT[anchor.end :].startswith(anchor.suffix or "")


def test_loose_context_is_replaced_by_the_texts_own():
    anchor = resolve(TEXT, Anchor("We will respond", prefix="and said: \u2018"))
    assert anchor.exact == "We will respond"
    assert TEXT[: anchor.start].endswith(anchor.prefix or "") and TEXT[anchor.end :].startswith(anchor.suffix or "")


@pytest.mark.parametrize(
    "quote",
    [
        "We had nothing to do with the drone strikes",  # a letter more
        "We had nothing to do with a drone strike",  # a word changed
        "We had nothing to do with the drone strike!",  # ! is not tolerated
        "We had nothing whatsoever to do with the drone strike",
    ],
)
def test_words_that_differ_do_not_anchor(quote):
    with pytest.raises(AnchorError, match="does not occur"):
        resolve(TEXT, Anchor(quote))


def test_a_refusal_names_the_nearest_passage_and_what_differs():
    text = "Officials said the convoy was hit at dawn, near the airport."
    with pytest.raises(AnchorError) as refused:
        resolve(text, Anchor("the convoy was hit at dusk."))
    found = refused.value.nearest
    assert found is not None
    assert (found.start, found.end) == (text.index("the convoy"), text.index(" near"))
    assert found.exact == "the convoy was hit at dawn,"
    assert [d["quote"] for d in found.differences] == ["usk."]
    assert "the last 4 characters: 'usk.' where the source has 'awn,'" in str(refused.value)


def test_the_last_character_is_named():
    text = 'He said "we will not leave, whatever happens" on Monday.'
    found = nearest(text, "we will not leave. whatever happens")
    assert found is not None and found.exact == "we will not leave, whatever happens"
    assert found.differences == [
        {
            "quote_start": 17,
            "quote_end": 18,
            "quote": ".",
            "source_start": text.index(", whatever"),
            "source_end": text.index(", whatever") + 1,
            "source": ",",
            "description": "character 18: '.' where the source has ','",
        }
    ]


def test_a_word_the_source_has_and_the_quote_lacks_is_named():
    text = "The minister said the talks would resume next week in Geneva."
    found = nearest(text, "the talks would resume in Geneva")
    assert found is not None and found.exact == "the talks would resume next week in Geneva"
    assert [(d["quote"], d["source"]) for d in found.differences] == [("", "next week ")]
    assert "the source has 'next week ', which the quote does not" in found.differences[0]["description"]


def test_nothing_near_is_said_plainly():
    with pytest.raises(AnchorError) as refused:
        resolve(TEXT, Anchor("Quarterly wheat exports rose"))
    assert refused.value.nearest is None
    assert str(refused.value) == "the exact text does not occur in the source's text, nor anything near it"


def test_a_long_text_and_a_long_quote_are_not_compared_quadratically():
    # Only "not stuck" is asserted: a 200,000-character text and a 2,000-
    # character quote took 0.02 to 0.05 s when measured, where comparing
    # the quote with every window of the text would take minutes.
    words = "the militia said that a drone strike was not their work and officials disagreed".split()
    generator = random.Random(7)
    text = " ".join(generator.choice(words) for _ in range(40_000))[:200_000]
    quote = text[150_000:151_000] + "QQQ" + text[151_000:151_997]
    started = time.perf_counter()
    with pytest.raises(AnchorError) as refused:
        resolve(text, Anchor(quote))
    assert time.perf_counter() - started < 2
    found = refused.value.nearest
    assert found is not None and (found.start, found.end) == (150_000, 151_997)
    assert [(d["quote"], d["source"]) for d in found.differences] == [("QQQ", "")]


@pytest.fixture
def world(client, editor):
    speaker = make_speaker(client, editor, name="Militia spokesman", kind="person")
    source = make_source(client, editor, text=TEXT)
    return {"speaker_id": speaker["id"], "source_id": source["id"]}


def test_the_api_stores_the_sources_own_characters(client, editor, world):
    body = {**world, "kind": "quote", "text": '"We had nothing to do with the drone strike."', "said_on": "2024"}
    response = client.post("/api/v1/claims", json=body, headers=editor)
    assert response.status_code == 201, response.json
    anchor = response.json["anchor"]
    assert anchor["exact"] == "\u201cWe had nothing to do with the  drone\nstrike,\u201d"
    assert TEXT[anchor["start"] : anchor["end"]] == anchor["exact"]
    assert response.json["text"] == body["text"]  # the claim keeps the editor's wording


def test_the_api_answers_409_with_the_nearest_passage(client, editor, world, unchanged):
    body = {**world, "kind": "quote", "text": "We had nothing to do with the drone strikes.", "said_on": "2024"}
    with unchanged():
        response = client.post("/api/v1/claims", json=body, headers=editor)
    assert response.status_code == 409
    problem = response.json
    assert response.mimetype == "application/problem+json"
    assert field_names(problem) == {"anchor"}
    start = TEXT.index("We had")
    assert problem["nearest"] == {
        "start": start,
        "end": TEXT.index("\u201d a militia"),
        "exact": "We had nothing to do with the  drone\nstrike,",
        "score": problem["nearest"]["score"],
    }
    assert 0.9 < problem["nearest"]["score"] < 1
    assert [d["description"] for d in problem["differences"]] == [
        "the last 2 characters: 's.' where the source has ','"
    ]
    assert f"characters {start} to {start + 44}" in problem["detail"] and problem["detail"].startswith("anchor: ")


def test_a_source_text_rewritten_with_other_marks_keeps_its_quotes(client, editor, world):
    body = {**world, "kind": "quote", "text": "We will respond", "said_on": "2024"}
    claim = client.post("/api/v1/claims", json=body, headers=editor).json
    source_id = world["source_id"]
    etag = client.get(f"/api/v1/sources/{source_id}").headers["ETag"]
    new_text = TEXT.replace("'We will respond.'", "\u201cWe  will respond.\u201d")
    response = client.patch(
        f"/api/v1/sources/{source_id}", json={"text": new_text}, headers={**editor, "If-Match": etag}
    )
    assert response.status_code == 200, response.json
    anchor = client.get(f"/api/v1/claims/{claim['id']}").json["anchor"]
    assert anchor["exact"] == "We  will respond"
    assert new_text[anchor["start"] : anchor["end"]] == anchor["exact"]
