"""Verdicts: reviews of claims, the claim's latest verdict and its status."""

from __future__ import annotations

import pytest
from helpers import field_names, make_claim, make_source, make_speaker


def review_body(**overrides):
    body = {
        "rating": "mostly_false",
        "rating_label": "Misleading",
        "summary": "The figures quoted leave out the second attack.",
        "evidence": ["https://evidence.example.org/report"],
        "reviewer": "Claims desk",
        "reviewed_on": "2024-10-03",
    }
    body.update(overrides)
    return body


@pytest.fixture
def claim(client, editor):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    return make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])


def test_a_review_is_the_claims_verdict(client, editor, claim):
    assert client.get(f"/api/v1/claims/{claim['id']}").json["status"] == "unreviewed"
    response = client.post(f"/api/v1/claims/{claim['id']}/reviews", json=review_body(), headers=editor)
    assert response.status_code == 201
    review = response.json
    assert response.headers["Location"] == f"/api/v1/reviews/{review['id']}"
    assert response.headers["ETag"] == f'"review-{review["id"]}-v1"'
    assert review["rating_label"] == "Misleading" and review["evidence"] == ["https://evidence.example.org/report"]
    fetched = client.get(f"/api/v1/claims/{claim['id']}").json
    assert fetched["status"] == "reviewed"
    assert fetched["verdict"]["id"] == review["id"]
    assert fetched["verdict"]["rating"] == "mostly_false"
    assert client.get("/api/v1/claims?rating=mostly_false").json["items"][0]["id"] == claim["id"]


def test_the_latest_review_wins_and_deleting_it_restores_the_previous(client, editor, claim):
    path = f"/api/v1/claims/{claim['id']}/reviews"
    first = client.post(path, json=review_body(reviewed_on="2024-10-03"), headers=editor).json
    second = client.post(path, json=review_body(rating="false", reviewed_on="2024-11-01"), headers=editor).json
    assert [r["id"] for r in client.get(path).json] == [second["id"], first["id"]]
    assert client.get(f"/api/v1/claims/{claim['id']}").json["verdict"]["rating"] == "false"
    deleted = client.delete(
        f"/api/v1/reviews/{second['id']}", headers={**editor, "If-Match": f'"review-{second["id"]}-v1"'}
    )
    assert deleted.status_code == 204
    assert client.get(f"/api/v1/claims/{claim['id']}").json["verdict"]["id"] == first["id"]
    history = client.get(f"/api/v1/revisions?table_name=reviews&row_id={second['id']}").json["items"]
    assert [r["action"] for r in history] == ["delete", "create"]


def test_editing_a_review_needs_the_current_etag(client, editor, claim, unchanged):
    review = client.post(f"/api/v1/claims/{claim['id']}/reviews", json=review_body(), headers=editor).json
    path = f"/api/v1/reviews/{review['id']}"
    with unchanged():
        assert client.patch(path, json={"rating": "false"}, headers=editor).status_code == 428
        assert (
            client.patch(path, json={"rating": "false"}, headers={**editor, "If-Match": '"review-999-v1"'}).status_code
            == 412
        )
    changed = client.patch(
        path, json={"rating": "false"}, headers={**editor, "If-Match": f'"review-{review["id"]}-v1"'}
    )
    assert changed.status_code == 200 and changed.json["version"] == 2
    assert client.get(f"/api/v1/claims/{claim['id']}").json["verdict"]["rating"] == "false"
    with unchanged():
        stale = client.patch(
            path, json={"rating": "true"}, headers={**editor, "If-Match": f'"review-{review["id"]}-v1"'}
        )
    assert stale.status_code == 412


def test_a_contested_claim_stays_contested_when_reviewed(client, editor, claim):
    other = make_claim(client, editor, text="They did it", kind="paraphrase", speaker_id=claim["speaker_id"],
                       source_id=claim["source_id"])  # fmt: skip
    client.post(f"/api/v1/claims/{other['id']}/links", json={"target_id": claim["id"], "relation": "contradicts"},
                headers=editor)  # fmt: skip
    client.post(f"/api/v1/claims/{claim['id']}/reviews", json=review_body(), headers=editor)
    assert client.get(f"/api/v1/claims/{claim['id']}").json["status"] == "contested"
    assert [c["id"] for c in client.get("/api/v1/claims?status=contested").json["items"]] == [other["id"], claim["id"]]
    assert client.get("/api/v1/claims?status=reviewed").json["items"] == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"rating": "pants_on_fire"}, "rating"),
        ({"rating_label": " "}, "rating_label"),
        ({"summary": None}, "summary"),
        ({"evidence": ["not a url"]}, "evidence.0"),
        ({"reviewed_on": "2024-10"}, "reviewed_on"),
        ({"reviewed_on": "2023-02-29"}, "reviewed_on"),
        ({"reviewer": ""}, "reviewer"),
    ],
)
def test_invalid_reviews_are_refused(client, editor, claim, unchanged, overrides, field):
    with unchanged():
        response = client.post(f"/api/v1/claims/{claim['id']}/reviews", json=review_body(**overrides), headers=editor)
    assert response.status_code == 422
    assert field in field_names(response.json)


def test_reviewing_a_missing_or_retracted_claim_is_404(client, editor, claim, unchanged):
    with unchanged():
        assert client.post("/api/v1/claims/999/reviews", json=review_body(), headers=editor).status_code == 404
    client.delete(f"/api/v1/claims/{claim['id']}?reason=x", headers={**editor, "If-Match": "*"})
    with unchanged():
        assert (
            client.post(f"/api/v1/claims/{claim['id']}/reviews", json=review_body(), headers=editor).status_code == 404
        )
