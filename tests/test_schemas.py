"""The patterns in the OpenAPI document are the rules the service applies."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service import schemas

PARTIAL_DATE = re.compile(schemas.PARTIAL_DATE)


def is_real(text: str) -> bool:
    parts = text.split("-")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def test_every_real_day_of_tricky_years_matches():
    for year in (1, 4, 100, 400, 1900, 2000, 2023, 2024, 9999):
        days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
        for offset in range(days):
            day = date(year, 1, 1) + timedelta(days=offset)
            assert PARTIAL_DATE.match(day.isoformat()), day


@given(st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z"))
def test_the_date_pattern_accepts_exactly_the_real_dates(text):
    assert bool(PARTIAL_DATE.match(text)) == is_real(text)


@pytest.mark.parametrize("text", ["2021-02-29", "1900-02-29", "2024-04-31", "2024-13", "0000", "2024-00"])
def test_impossible_dates_are_refused(text):
    assert not PARTIAL_DATE.match(text)


@given(st.from_regex(schemas.CURSOR, fullmatch=True))
def test_every_cursor_the_pattern_allows_can_be_read(cursor):
    from service.api.common import decode_cursor, encode_cursor

    position = decode_cursor(cursor)
    assert position["id"] >= 1
    assert decode_cursor(encode_cursor(position)) == position


@pytest.mark.parametrize(
    ("pattern", "good", "bad"),
    [
        (schemas.VISIBLE_TEXT, ["a", " a ", "\u0646\u062d\u0646", "\U0001f525"], ["", "   ", "a\x00b", "\n\t"]),
        (schemas.WEB_URL, ["https://example.com", "HTTP://A.example/x?y#z"], ["ftp://x.org", "https://", "x.org"]),
        (schemas.TAG, ["kirkuk", "us forces"], [" lead", "a,b", "two  spaces", ""]),
    ],
)
def test_patterns(pattern, good, bad):
    compiled = re.compile(pattern)
    assert all(compiled.search(text) for text in good)
    assert not any(compiled.search(text) for text in bad)


@pytest.mark.parametrize("control", ["\x1c", "\x1f", "\x0b", "\x85", "a\x01b", "a\x9fb", "\ufffe"])
def test_control_characters_are_never_text(control):
    # Python's \s would call \x1c a space; to the patterns it is a control character.
    assert not re.search(schemas.VISIBLE_TEXT, control)
    assert not re.search(schemas.ANY_TEXT, control)


def test_an_integral_float_is_an_integer_but_a_string_is_not(client, editor):
    speaker = client.post("/api/v1/speakers", json={"name": "A", "kind": "person"}, headers=editor).json
    ok = client.post(
        "/api/v1/speakers", json={"name": "B", "kind": "person", "affiliation_id": float(speaker["id"])}, headers=editor
    )
    assert ok.status_code == 201 and ok.json["affiliation_id"] == speaker["id"]
    for bad in (str(speaker["id"]), True, speaker["id"] + 0.5):
        refused = client.post(
            "/api/v1/speakers", json={"name": "C", "kind": "person", "affiliation_id": bad}, headers=editor
        )
        assert refused.status_code == 422


def test_repeated_query_parameters_are_refused(client):
    response = client.get("/api/v1/claims?limit=1&limit=2")
    assert response.status_code == 422
    assert response.json["errors"] == [{"location": "query", "field": "limit", "message": "Give this parameter once."}]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (" " * 301, "Needs a visible character."),
        (
            "\x00" * 301,
            "Holds the control character U+0000 at position 0; only tab, newline and carriage return are allowed.",
        ),
        ("\ud800" * 301, "Must be valid Unicode (no lone surrogates)."),
        ("x" * 301, "Longer than maximum length 300."),
    ],
)
def test_what_is_wrong_with_a_text_comes_before_its_length(value, message):
    with pytest.raises(schemas.ValidationError) as raised:
        schemas.SpeakerIn().load({"name": value, "kind": "person"})
    assert raised.value.messages == {"name": [message]}
