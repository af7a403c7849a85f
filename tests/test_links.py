"""Links between claims, and appearances of a claim in other sources."""

from __future__ import annotations

import pytest
from helpers import field_names, make_claim, make_source, make_speaker

SECOND_ARTICLE = "KIRKUK - \u201cwe were not behind the attack,\u201d the militia said again on Tuesday."


@pytest.fixture
def pair(client, editor):
    speaker = make_speaker(client, editor, name="Mohammad Mohie")
    government = make_speaker(client, editor, name="United States government", kind="government")
    source = make_source(client, editor)
    denial = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    accusation = make_claim(
        client,
        editor,
        text="The group was behind the attack",
        kind="paraphrase",
        speaker_id=government["id"],
        source_id=source["id"],
    )
    return {"denial": denial, "accusation": accusation, "source": source}


def link(client, headers, claim_id, target_id, relation="contradicts"):
    return client.post(
        f"/api/v1/claims/{claim_id}/links",
        json={"target_id": target_id, "relation": relation},
        headers=headers,
    )


def test_link_answers_201_with_the_link_and_its_location(client, editor, pair):
    denial, accusation = pair["denial"]["id"], pair["accusation"]["id"]
    response = client.post(
        f"/api/v1/claims/{denial}/links",
        json={"target_id": accusation, "relation": "contradicts", "note": "The US blames the group."},
        headers=editor,
    )
    assert response.status_code == 201
    made = response.json
    assert made["claim_id"] == denial
    assert made["target_id"] == accusation
    assert (made["relation"], made["direction"]) == ("contradicts", "outgoing")
    assert made["note"] == "The US blames the group."
    assert made["claim"]["id"] == accusation
    assert response.headers["Location"] == f"/api/v1/claims/{denial}/links/{made['id']}"
    # The answer is the link resource itself.
    assert client.get(response.headers["Location"]).json == made
    assert [c["id"] for c in client.get(f"/api/v1/claims/{denial}").json["counter_claims"]] == [accusation]


def test_a_link_read_from_its_other_end_names_the_same_ends(client, editor, pair):
    made = link(client, editor, pair["denial"]["id"], pair["accusation"]["id"]).json
    seen = client.get(f"/api/v1/claims/{pair['accusation']['id']}/links/{made['id']}").json
    assert (seen["claim_id"], seen["target_id"]) == (pair["denial"]["id"], pair["accusation"]["id"])
    assert seen["direction"] == "incoming"
    assert seen["claim"]["id"] == pair["denial"]["id"]


def test_linking_a_claim_to_itself_is_a_conflict(client, editor, pair, unchanged):
    with unchanged():
        response = link(client, editor, pair["denial"]["id"], pair["denial"]["id"])
    assert response.status_code == 409
    assert field_names(response.json) == {"target_id"}


@pytest.mark.parametrize("reverse", [False, True])
def test_a_duplicate_contradiction_is_a_conflict_either_way_round(client, editor, pair, unchanged, reverse):
    first = link(client, editor, pair["denial"]["id"], pair["accusation"]["id"])
    ends = (
        (pair["accusation"]["id"], pair["denial"]["id"])
        if reverse
        else (pair["denial"]["id"], pair["accusation"]["id"])
    )
    with unchanged():
        response = link(client, editor, *ends)
    assert response.status_code == 409
    assert response.json["existing_id"] == first.json["id"]


def test_supports_is_directional(client, editor, pair):
    assert link(client, editor, pair["denial"]["id"], pair["accusation"]["id"], "responds_to").status_code == 201
    assert link(client, editor, pair["accusation"]["id"], pair["denial"]["id"], "responds_to").status_code == 201


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"target_id": 999, "relation": "contradicts"}, 409, "target_id"),
        ({"target_id": 1, "relation": "refutes"}, 422, "relation"),
        ({"relation": "contradicts"}, 422, "target_id"),
    ],
)
def test_invalid_links_are_refused(client, editor, pair, unchanged, body, status, field):
    with unchanged():
        response = client.post(f"/api/v1/claims/{pair['denial']['id']}/links", json=body, headers=editor)
    assert response.status_code == status
    assert field in field_names(response.json)


def test_removing_a_link(client, editor, pair):
    created = link(client, editor, pair["denial"]["id"], pair["accusation"]["id"])
    link_id = created.json["id"]
    # Either end of the link may remove it.
    response = client.delete(f"/api/v1/claims/{pair['accusation']['id']}/links/{link_id}", headers=editor)
    assert response.status_code == 204
    assert client.get(f"/api/v1/claims/{pair['denial']['id']}").json["counter_claims"] == []
    again = client.delete(f"/api/v1/claims/{pair['accusation']['id']}/links/{link_id}", headers=editor)
    assert again.status_code == 404


def test_the_same_quote_in_two_articles_is_one_claim_with_an_appearance(client, editor, pair, unchanged):
    second = make_source(client, editor, url="https://other.example.net/kirkuk", text=SECOND_ARTICLE, title="Kirkuk")
    # Posting it again as a new claim is refused and points at the existing claim.
    with unchanged():
        duplicate = client.post(
            "/api/v1/claims",
            json={
                "text": "we were not behind the attack",
                "kind": "quote",
                "speaker_id": pair["denial"]["speaker_id"],
                "source_id": second["id"],
            },
            headers=editor,
        )
    assert duplicate.status_code == 409
    existing = duplicate.json["existing_id"]
    assert existing == pair["denial"]["id"]
    response = client.post(
        f"/api/v1/claims/{existing}/appearances",
        json={"source_id": second["id"], "quote": "we were not behind the attack"},
        headers=editor,
    )
    assert response.status_code == 201
    assert response.headers["Location"] == f"/api/v1/claims/{existing}/appearances/{second['id']}"
    assert client.get(response.headers["Location"]).json["quote"] == "we were not behind the attack"
    appearance = response.json["appearances"][0]
    assert appearance["source"]["title"] == "Kirkuk"
    assert appearance["anchor"]["start"] == SECOND_ARTICLE.index("we were not")
    assert client.get(f"/api/v1/claims/{existing}/appearances").json == response.json["appearances"]
    listed = client.get(f"/api/v1/claims?source_id={second['id']}").json["items"]
    assert [claim["id"] for claim in listed] == [existing]


def test_appearance_errors(client, editor, pair, unchanged):
    second = make_source(client, editor, url="https://other.example.net/kirkuk", text=SECOND_ARTICLE, title="Kirkuk")
    path = f"/api/v1/claims/{pair['denial']['id']}/appearances"
    with unchanged():
        assert client.post(path, json={"source_id": pair["source"]["id"]}, headers=editor).status_code == 409
        assert client.post(path, json={"source_id": 999}, headers=editor).status_code == 409
        misquoted = client.post(
            path,
            json={"source_id": second["id"], "quote": "x", "anchor": {"exact": "not there"}},
            headers=editor,
        )
        assert misquoted.status_code == 409 and field_names(misquoted.json) == {"anchor"}
    assert client.post(path, json={"source_id": second["id"]}, headers=editor).status_code == 201
    with unchanged():
        assert client.post(path, json={"source_id": second["id"]}, headers=editor).status_code == 409


def test_removing_an_appearance(client, editor, pair):
    second = make_source(client, editor, url="https://other.example.net/kirkuk", text=SECOND_ARTICLE, title="Kirkuk")
    path = f"/api/v1/claims/{pair['denial']['id']}/appearances"
    client.post(path, json={"source_id": second["id"]}, headers=editor)
    assert client.delete(f"{path}/{second['id']}", headers=editor).status_code == 204
    assert client.get(path).json == []
    assert client.get(f"{path}/{second['id']}").status_code == 404
    assert client.delete(f"{path}/{second['id']}", headers=editor).status_code == 404
    assert client.delete(path, headers=editor).status_code == 405


def test_a_quote_repeated_by_two_more_articles_is_one_claim_with_two_appearances(client, editor, pair):
    quote = "we were not behind the attack"
    claim_id = pair["denial"]["id"]
    for number in (1, 2):
        article = make_source(
            client, editor, url=f"https://other.example.net/{number}", title=f"Report {number}",
            text=f"Report {number}: \u201c{quote},\u201d the militia said.",
        )  # fmt: skip
        duplicate = client.post(
            "/api/v1/claims",
            json={
                "text": quote,
                "kind": "quote",
                "speaker_id": pair["denial"]["speaker_id"],
                "source_id": article["id"],
            },
            headers=editor,
        )
        assert duplicate.status_code == 409 and duplicate.json["existing_id"] == claim_id
        added = client.post(
            f"/api/v1/claims/{claim_id}/appearances", json={"source_id": article["id"], "quote": quote}, headers=editor
        )
        assert added.status_code == 201
    claim = client.get(f"/api/v1/claims/{claim_id}").json
    assert [a["source"]["title"] for a in claim["appearances"]] == ["Report 1", "Report 2"]
    assert (
        client.get("/api/v1/claims?q=behind%20attack&speaker_id=" + str(claim["speaker_id"])).json["items"][0]["id"]
        == claim_id
    )
    assert len(client.get(f"/api/v1/claims/{claim_id}/claimreview").json["appearance"]) == 3
