"""Merging two records of one speaker: POST /speakers/<id>/merge."""

from __future__ import annotations

import pytest
from helpers import field_names, make_claim, make_source, make_speaker


def _etag(client, speaker_id: int) -> str:
    return client.get(f"/api/v1/speakers/{speaker_id}").headers["ETag"]


@pytest.fixture
def two_records(client, editor):
    """One minister recorded twice, the second record with a claim and a member."""
    kept = make_speaker(client, editor, name="Fuad Hussein", description="Foreign Minister of Iraq")
    duplicate = make_speaker(
        client, editor, name="Fouad Hussain", description="Iraqi foreign minister", aliases=["F. Hussain"]
    )
    aide = make_speaker(client, editor, name="Ministry spokesperson", affiliation_id=duplicate["id"])
    source = make_source(client, editor)
    claim = make_claim(client, editor, speaker_id=duplicate["id"], source_id=source["id"])
    return kept, duplicate, aide, claim


def test_merge_moves_the_claims_keeps_the_names_and_redirects_the_old_address(client, editor, two_records, database):
    kept, duplicate, aide, claim = two_records
    response = client.post(
        f"/api/v1/speakers/{duplicate['id']}/merge?reason=same%20minister",
        json={"target_id": kept["id"]},
        headers={**editor, "If-Match": _etag(client, duplicate["id"])},
    )
    assert response.status_code == 200, response.json
    body = response.json
    assert body["id"] == kept["id"]
    assert body["aliases"] == ["F. Hussain", "Fouad Hussain"]
    assert body["claim_count"] == 1
    assert response.headers["ETag"] == f'"speaker-{kept["id"]}-v2"'
    # The claim moved, kept its id and its permalink, and is versioned.
    moved = client.get(f"/api/v1/claims/{claim['id']}").json
    assert moved["speaker"]["id"] == kept["id"]
    assert moved["url"] == claim["url"]
    assert moved["version"] == claim["version"] + 1
    assert client.get(f"/api/v1/speakers/{aide['id']}").json["affiliation"]["id"] == kept["id"]
    # The old address answers 308 to the speaker it was merged into.
    old = client.get(f"/api/v1/speakers/{duplicate['id']}")
    assert old.status_code == 308
    assert old.headers["Location"] == f"/api/v1/speakers/{kept['id']}"
    assert client.get(f"/api/v1/speakers/{duplicate['id']}", follow_redirects=True).json["id"] == kept["id"]
    # A write to the merged speaker is a 404 naming where it went.
    patched = client.patch(
        f"/api/v1/speakers/{duplicate['id']}", json={"description": "x"}, headers={**editor, "If-Match": "*"}
    )
    assert patched.status_code == 404
    assert patched.json["merged_into"] == kept["id"]
    # Every change is in the history, with the reason.
    revisions = database.execute(
        "SELECT table_name, row_id, action, reason, actor FROM revisions WHERE reason = 'same minister' ORDER BY id"
    ).fetchall()
    assert [(table, row_id, action) for table, row_id, action, _, _ in revisions] == [
        ("claims", claim["id"], "update"),
        ("speakers", aide["id"], "update"),
        ("speakers", kept["id"], "update"),
        ("speakers", duplicate["id"], "update"),
        ("speakers", duplicate["id"], "delete"),
    ]
    assert {actor for *_, actor in revisions} == {"test-editor"}
    history = client.get(f"/api/v1/revisions?table_name=speakers&row_id={duplicate['id']}").json["items"]
    assert history[1]["after"] == {"merged_into": kept["id"]}
    assert history[0]["before"]["name"] == "Fouad Hussain"


def test_merge_is_documented_with_its_if_match_rule(client):
    operation = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/speakers/{speaker_id}/merge"]["post"]
    assert operation["security"] == [{"bearerAuth": []}]
    assert {"412", "428"} <= set(operation["responses"])
    assert (
        "308" in client.get("/api/v1/openapi.json").json["paths"]["/api/v1/speakers/{speaker_id}"]["get"]["responses"]
    )


@pytest.mark.parametrize(
    ("target", "status", "field"),
    [("self", 409, "target_id"), (999_999, 409, "target_id"), ("0", 422, "target_id"), (None, 422, "target_id")],
    ids=["self-merge", "unknown target", "not an id", "missing"],
)
def test_a_refused_merge_changes_nothing(client, editor, two_records, unchanged, target, status, field):
    _, duplicate, _, _ = two_records
    body = {} if target is None else {"target_id": duplicate["id"] if target == "self" else target}
    with unchanged():
        response = client.post(
            f"/api/v1/speakers/{duplicate['id']}/merge",
            json=body,
            headers={**editor, "If-Match": _etag(client, duplicate["id"])},
        )
    assert response.status_code == status, response.json
    assert response.mimetype == "application/problem+json"
    assert field in field_names(response.json)


def test_merge_needs_a_token_and_the_current_version(client, editor, two_records, unchanged):
    kept, duplicate, _, _ = two_records
    url = f"/api/v1/speakers/{duplicate['id']}/merge"
    with unchanged():
        assert client.post(url, json={"target_id": kept["id"]}).status_code == 401
        assert client.post(url, json={"target_id": kept["id"]}, headers=editor).status_code == 428
        stale = {**editor, "If-Match": f'"speaker-{duplicate["id"]}-v0"'}
        assert client.post(url, json={"target_id": kept["id"]}, headers=stale).status_code == 412
        assert (
            client.post("/api/v1/speakers/999999/merge", json={"target_id": kept["id"]}, headers=editor).status_code
            == 404
        )


def test_merge_refuses_when_both_records_hold_the_same_claim(client, editor, two_records, unchanged):
    kept, duplicate, _, claim = two_records
    twin = make_claim(client, editor, speaker_id=kept["id"], source_id=claim["source"]["id"])
    with unchanged():
        response = client.post(
            f"/api/v1/speakers/{duplicate['id']}/merge",
            json={"target_id": kept["id"]},
            headers={**editor, "If-Match": _etag(client, duplicate["id"])},
        )
    assert response.status_code == 409
    assert f"{claim['id']} and {twin['id']}" in response.json["detail"]


def test_merge_refuses_to_leave_the_target_more_aliases_than_an_edit_could_send(client, editor, unchanged):
    """Each record may hold 100 aliases; together they would be more than a PUT
    of the merged speaker could send back, so the merge is refused whole."""
    kept = make_speaker(client, editor, name="Record one", aliases=[f"One spelling {n}" for n in range(60)])
    other = make_speaker(client, editor, name="Record two", aliases=[f"Two spelling {n}" for n in range(60)])
    with unchanged():
        response = client.post(
            f"/api/v1/speakers/{other['id']}/merge",
            json={"target_id": kept["id"]},
            headers={**editor, "If-Match": _etag(client, other["id"])},
        )
    assert response.status_code == 409, response.json
    assert field_names(response.json) == {"target_id"}
    assert "121 aliases" in response.json["detail"]


def test_adding_aliases_past_the_most_kept_is_refused(client, editor, unchanged):
    speaker = make_speaker(client, editor, name="Many names", aliases=[f"Spelling {n}" for n in range(99)])
    url = f"/api/v1/speakers/{speaker['id']}/aliases"
    headers = {**editor, "If-Match": _etag(client, speaker["id"])}
    with unchanged():
        response = client.post(url, json={"aliases": ["Another", "And another"]}, headers=headers)
    assert response.status_code == 409, response.json
    assert field_names(response.json) == {"aliases"}
    # One more, up to the limit, is kept.
    assert client.post(url, json={"aliases": ["The hundredth"]}, headers=headers).status_code == 200


def test_merge_refuses_to_make_an_affiliation_loop(client, editor, unchanged):
    ministry = make_speaker(client, editor, name="Ministry of Transport", kind="government", description=None)
    office = make_speaker(client, editor, name="Press office", kind="organization", affiliation_id=ministry["id"])
    spokesman = make_speaker(client, editor, name="Transport spokesman", affiliation_id=office["id"])
    # Merging the ministry into the spokesman would put the office above and below him.
    with unchanged():
        response = client.post(
            f"/api/v1/speakers/{ministry['id']}/merge",
            json={"target_id": spokesman["id"]},
            headers={**editor, "If-Match": _etag(client, ministry["id"])},
        )
    assert response.status_code == 409
    assert field_names(response.json) == {"target_id"}


def test_a_target_that_belonged_to_the_merged_speaker_takes_its_affiliation(client, editor):
    government = make_speaker(client, editor, name="Government of Norland", kind="government", description=None)
    ministry = make_speaker(client, editor, name="Norland ministry", kind="government", affiliation_id=government["id"])
    department = make_speaker(
        client, editor, name="Ministry, Norland", kind="government", affiliation_id=ministry["id"]
    )
    response = client.post(
        f"/api/v1/speakers/{ministry['id']}/merge",
        json={"target_id": department["id"]},
        headers={**editor, "If-Match": _etag(client, ministry["id"])},
    )
    assert response.status_code == 200, response.json
    assert response.json["affiliation"]["id"] == government["id"]
