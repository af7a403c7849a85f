"""Every change is on record: who, when, what before and after, and why."""

from __future__ import annotations

from helpers import make_claim, make_source, make_speaker


def test_a_claims_history_lists_edits_links_and_appearances_in_order(client, editor, app):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    other = make_claim(
        client, editor, text="They did it", kind="paraphrase", speaker_id=speaker["id"], source_id=source["id"]
    )
    client.patch(
        f"/api/v1/claims/{claim['id']}?reason=Venue%20confirmed",
        json={"venue": "television"},
        headers={**editor, "If-Match": f'"claim-{claim["id"]}-v1"'},
    )
    # A link made from the other claim still belongs to this claim's history.
    client.post(
        f"/api/v1/claims/{other['id']}/links",
        json={"target_id": claim["id"], "relation": "contradicts"},
        headers=editor,
    )
    history = client.get(f"/api/v1/claims/{claim['id']}/revisions").json["items"]
    assert [(r["table_name"], r["action"]) for r in history] == [
        ("claims", "create"),
        ("claims", "update"),
        ("claim_links", "create"),
    ]
    edit = history[1]
    assert edit["actor"] == "test-editor"
    assert edit["reason"] == "Venue confirmed"
    assert edit["before"] == {"venue": None, "version": 1, "updated_at": claim["updated_at"]}
    assert edit["after"]["venue"] == "television" and edit["after"]["version"] == 2
    assert edit["changed_at"].endswith("Z")


def test_the_global_log_filters_and_pages(client, editor):
    for number in range(3):
        make_speaker(client, editor, name=f"Speaker {number}")
    make_source(client, editor)
    speakers = client.get("/api/v1/revisions?table_name=speakers&limit=2").json
    assert [r["row_id"] for r in speakers["items"]] == [3, 2]  # newest first
    rest = client.get(speakers["next"]).json
    assert [r["row_id"] for r in rest["items"]] == [1]
    assert client.get("/api/v1/revisions?actor=test-editor").json["items"][0]["table_name"] == "sources"
    assert client.get("/api/v1/revisions?actor=nobody").json["items"] == []


def test_deleting_a_record_keeps_its_last_state_in_the_log(client, editor, admin):
    speaker = make_speaker(client, editor, name="Short-lived")
    client.delete(
        f"/api/v1/speakers/{speaker['id']}?reason=Entered%20twice",
        headers={**admin, "If-Match": f'"speaker-{speaker["id"]}-v1"'},
    )
    deleted = client.get(f"/api/v1/revisions?table_name=speakers&row_id={speaker['id']}").json["items"][0]
    assert deleted["action"] == "delete"
    assert deleted["actor"] == "test-admin"
    assert deleted["before"]["name"] == "Short-lived" and deleted["after"] is None
