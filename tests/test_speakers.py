"""Speakers: create, read, search by alias and near spelling, edit, delete."""

from __future__ import annotations

import pytest
from helpers import field_names, make_claim, make_source, make_speaker


def test_create_speaker_answers_201_with_location_and_etag(client, editor):
    response = client.post(
        "/api/v1/speakers",
        json={
            "name": "Popular Mobilization Forces",
            "kind": "group",
            "description": "Iraqi state-sanctioned umbrella of militias",
            "wikidata_id": "Q20979218",
            "aliases": ["PMF", "Hashd al-Shaabi", "Popular Mobilisation Forces"],
        },
        headers=editor,
    )
    assert response.status_code == 201
    body = response.json
    assert response.headers["Location"] == f"/api/v1/speakers/{body['id']}"
    assert response.headers["ETag"] == f'"speaker-{body["id"]}-v1"'
    assert body["aliases"] == ["Hashd al-Shaabi", "PMF", "Popular Mobilisation Forces"]
    fetched = client.get(response.headers["Location"])
    assert fetched.status_code == 200
    assert fetched.json == body
    assert fetched.headers["ETag"] == response.headers["ETag"]


def test_affiliation_is_shown_by_name(client, editor):
    department = make_speaker(client, editor, name="US State Department", kind="government", description=None)
    miller = make_speaker(client, editor, affiliation_id=department["id"])
    assert miller["affiliation"] == {
        "id": department["id"],
        "name": "US State Department",
        "kind": "government",
        "description": None,
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "kind": "alien"}, "kind"),
        ({"name": "   ", "kind": "person"}, "name"),
        ({"kind": "person"}, "name"),
        ({"name": "X", "kind": "person", "wikidata_id": "q42"}, "wikidata_id"),
        ({"name": "X", "kind": "person", "wikidata_id": "Q"}, "wikidata_id"),
        ({"name": "X", "kind": "person", "affiliation_id": "1"}, "affiliation_id"),
        ({"name": "X", "kind": "person", "aliases": "PMF"}, "aliases"),
    ],
)
def test_invalid_speaker_is_refused_and_names_the_field(client, editor, unchanged, body, field):
    with unchanged():
        response = client.post("/api/v1/speakers", json=body, headers=editor)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in field_names(response.json)


def test_affiliation_loop_is_refused(client, editor, unchanged):
    parent = make_speaker(client, editor, name="Parent", kind="organization")
    child = make_speaker(client, editor, name="Child", kind="organization", affiliation_id=parent["id"])
    with unchanged():
        response = client.patch(
            f"/api/v1/speakers/{parent['id']}",
            json={"affiliation_id": child["id"]},
            headers={**editor, "If-Match": f'"speaker-{parent["id"]}-v1"'},
        )
    assert response.status_code == 409
    assert field_names(response.json) == {"affiliation_id"}


def test_an_unknown_affiliation_is_a_conflict(client, editor, unchanged):
    with unchanged():
        response = client.post(
            "/api/v1/speakers", json={"name": "X", "kind": "person", "affiliation_id": 999}, headers=editor
        )
    assert response.status_code == 409
    assert field_names(response.json) == {"affiliation_id"}


@pytest.fixture
def people(client, editor):
    return {
        "soleimani": make_speaker(client, editor, name="Qassem Soleimani", description="Iranian general"),
        "muhandis": make_speaker(client, editor, name="Abu Mahdi al-Muhandis", aliases=["Jamal Jaafar al-Ibrahimi"]),
        "mohie": make_speaker(client, editor, name="Mohammad Mohie", description="Kataib Hezbollah spokesman"),
        "pmf": make_speaker(
            client,
            editor,
            name="Popular Mobilization Forces",
            kind="group",
            aliases=["PMF", "Hashd al-Shaabi"],
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Qassem Soleimani", "soleimani"),
        ("Qasem Suleimani", "soleimani"),
        ("soleimani", "soleimani"),
        ("Muhandis", "muhandis"),
        ("Abu Mahdi al-Mohandes", "muhandis"),
        ("Mohandes", "muhandis"),
        ("Ibrahimi", "muhandis"),
        ("Mohammed Mohie", "mohie"),
        ("Muhammad Mohie", "mohie"),
        ("PMF", "pmf"),
        ("Hashd al-Shaabi", "pmf"),
        ("Hashd", "pmf"),
        ("al Hashd al Shaabi", "pmf"),
        ("spokesman", "mohie"),
    ],
)
def test_speaker_search_finds_aliases_and_near_spellings(client, people, query, expected):
    response = client.get("/api/v1/speakers", query_string={"q": query})
    assert response.status_code == 200
    found = response.json["items"]
    assert found, f"nothing found for {query!r}"
    assert found[0]["id"] == people[expected]["id"]


def test_speaker_search_puts_the_exact_name_first(client, editor):
    make_speaker(client, editor, name="Mohammed Mohie Eldin")
    exact = make_speaker(client, editor, name="Mohammed Mohie")
    found = client.get("/api/v1/speakers?q=Mohammed Mohie").json["items"]
    assert [speaker["id"] for speaker in found][0] == exact["id"]
    assert found[0]["score"] == 1.0
    assert found[1]["score"] < 1.0


def test_speaker_search_with_no_match_is_empty(client, people):
    answer = client.get("/api/v1/speakers?q=Zelensky").json
    assert answer["items"] == [] and answer["partial"] is False


def test_a_full_match_is_not_partial(client, people):
    answer = client.get("/api/v1/speakers", query_string={"q": "Qasem Suleimani"}).json
    assert answer["partial"] is False and answer["items"][0]["id"] == people["soleimani"]["id"]
    assert client.get("/api/v1/speakers").json["partial"] is False


def test_a_description_finds_the_speaker_through_its_aliases(client, seeded):
    # No speaker is called "US officials"; the US government has the alias "US government".
    answer = client.get("/api/v1/speakers", query_string={"q": "US officials"}).json
    assert answer["partial"] is True
    found = answer["items"]
    assert found[0]["name"] == "United States government"
    scores = [speaker["score"] for speaker in found]
    assert scores == sorted(scores, reverse=True) and max(scores) <= 0.5


def test_partial_matches_count_role_and_affiliation_and_read_plurals(client, editor):
    ministry = make_speaker(
        client, editor, name="Ministry of Defence", kind="government", description="A ministry", aliases=["MoD"]
    )
    spokesperson = make_speaker(
        client, editor, name="Jane Roe", description="spokesperson", affiliation_id=ministry["id"]
    )
    make_speaker(client, editor, name="John Doe", description="farmer")
    answer = client.get("/api/v1/speakers", query_string={"q": "the MoD spokespersons"}).json
    assert answer["partial"] is True
    # Jane Roe: "spokesperson" in her role, "MoD" her affiliation's alias;
    # the ministry: "MoD" alone; John Doe: nothing.
    assert [speaker["id"] for speaker in answer["items"]] == [spokesperson["id"], ministry["id"]]
    kinds = client.get("/api/v1/speakers", query_string={"q": "the MoD spokespersons", "kind": "government"}).json
    assert [speaker["id"] for speaker in kinds["items"]] == [ministry["id"]] and kinds["partial"] is True


def test_words_that_name_no_one_do_not_make_a_partial_match(client, people):
    answer = client.get("/api/v1/speakers", query_string={"q": "a top official"}).json
    assert answer == {"items": [], "next_cursor": None, "next": None, "partial": False}


def test_speaker_list_is_paginated_in_id_order(client, editor):
    made = [make_speaker(client, editor, name=f"Speaker {n}")["id"] for n in range(5)]
    first = client.get("/api/v1/speakers?limit=2").json
    assert [s["id"] for s in first["items"]] == made[:2]
    second = client.get(first["next"]).json
    assert [s["id"] for s in second["items"]] == made[2:4]
    third = client.get(second["next"]).json
    assert [s["id"] for s in third["items"]] == made[4:]
    assert third["next"] is None


def test_patch_speaker_changes_fields_and_replaces_aliases(client, editor):
    speaker = make_speaker(client, editor, aliases=["Matt Miller"])
    response = client.patch(
        f"/api/v1/speakers/{speaker['id']}",
        json={"description": "Former spokesperson", "aliases": ["M. Miller"]},
        headers={**editor, "If-Match": f'"speaker-{speaker["id"]}-v1"'},
    )
    assert response.status_code == 200
    assert response.json["description"] == "Former spokesperson"
    assert response.json["aliases"] == ["M. Miller"]
    assert response.json["version"] == 2
    assert response.headers["ETag"] == f'"speaker-{speaker["id"]}-v2"'
    assert client.get("/api/v1/speakers?q=Matt Miller").json["items"][0]["aliases"] == ["M. Miller"]


def add_aliases(client, headers, speaker_id, aliases, version=1):
    return client.post(
        f"/api/v1/speakers/{speaker_id}/aliases",
        json={"aliases": aliases},
        headers={**headers, "If-Match": f'"speaker-{speaker_id}-v{version}"'},
    )


def test_adding_aliases_keeps_the_others_and_records_a_revision(client, editor):
    speaker = make_speaker(client, editor, name="Mohammad Mohie", aliases=["Mohammed Mohie"])
    response = add_aliases(client, editor, speaker["id"], ["Mohammed Mohi", " mohammed  MOHIE ", "Mohammed Mohi"])
    assert response.status_code == 200
    # A spelling already kept (but for case and spacing) is left out, once or twice sent.
    assert sorted(response.json["aliases"]) == ["Mohammed Mohi", "Mohammed Mohie"]
    assert response.json["version"] == 2
    assert response.headers["ETag"] == f'"speaker-{speaker["id"]}-v2"'
    assert client.get("/api/v1/speakers?q=Mohammed Mohi").json["items"][0]["id"] == speaker["id"]
    history = client.get(f"/api/v1/revisions?table=speakers&record_id={speaker['id']}").json["items"]
    update = [revision for revision in history if revision["action"] == "update"]
    assert len(update) == 1
    assert update[0]["actor"] == "test-editor"


def test_adding_only_known_aliases_writes_nothing(client, editor, unchanged):
    speaker = make_speaker(client, editor, name="Mohammad Mohie", aliases=["Mohammed Mohie"])
    with unchanged():
        response = add_aliases(client, editor, speaker["id"], ["MOHAMMAD mohie", "Mohámmed Mohie"])
    assert response.status_code == 200
    assert (response.json["aliases"], response.json["version"]) == (["Mohammed Mohie"], 1)


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        ({"aliases": ["M. Miller"]}, {}, 428),
        ({"aliases": ["M. Miller"]}, {"If-Match": '"speaker-1-v7"'}, 412),
        ({"aliases": []}, {"If-Match": '"speaker-1-v1"'}, 422),
        ({}, {"If-Match": '"speaker-1-v1"'}, 422),
        ({"aliases": ["x" * 301]}, {"If-Match": '"speaker-1-v1"'}, 422),
    ],
)
def test_adding_aliases_is_refused_without_the_current_version_or_with_bad_input(
    client, editor, unchanged, body, headers, status
):
    speaker = make_speaker(client, editor, aliases=["Matt Miller"])
    assert speaker["id"] == 1
    with unchanged():
        response = client.post("/api/v1/speakers/1/aliases", json=body, headers={**editor, **headers})
    assert response.status_code == status
    if status == 422:
        assert field_names(response.json) & {"aliases", "aliases.0"}


def test_adding_aliases_to_a_missing_speaker_is_404(client, editor, unchanged):
    with unchanged():
        response = add_aliases(client, editor, 424242, ["Anyone"])
    assert response.status_code == 404


def test_deleting_a_speaker_needs_an_admin(client, editor, admin, unchanged):
    speaker = make_speaker(client, editor)
    headers = {"If-Match": f'"speaker-{speaker["id"]}-v1"'}
    with unchanged():
        refused = client.delete(f"/api/v1/speakers/{speaker['id']}", headers={**editor, **headers})
    assert refused.status_code == 403
    deleted = client.delete(f"/api/v1/speakers/{speaker['id']}", headers={**admin, **headers})
    assert deleted.status_code == 204
    assert client.get(f"/api/v1/speakers/{speaker['id']}").status_code == 404


def test_deleting_a_speaker_with_claims_is_a_conflict(client, editor, admin, unchanged):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    with unchanged():
        response = client.delete(
            f"/api/v1/speakers/{speaker['id']}",
            headers={**admin, "If-Match": f'"speaker-{speaker["id"]}-v1"'},
        )
    assert response.status_code == 409
    assert "1 claim" in response.json["detail"]


def test_missing_speaker_is_404(client):
    response = client.get("/api/v1/speakers/424242")
    assert response.status_code == 404
    assert response.json["status"] == 404
