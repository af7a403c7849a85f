"""Sources: URLs unique after normalisation, partial dates, filters, edits."""

from __future__ import annotations

import pytest
from helpers import ARTICLE, field_names, make_claim, make_source, make_speaker


@pytest.mark.parametrize(
    "duplicate_url",
    [
        "https://news.example.com/convoy",
        "HTTPS://NEWS.Example.com/convoy",
        "https://news.example.com/convoy/",
        "https://news.example.com/convoy#comments",
    ],
)
def test_a_stored_url_is_a_conflict_naming_the_existing_source(client, editor, unchanged, duplicate_url):
    first = make_source(client, editor)
    with unchanged():
        response = client.post(
            "/api/v1/sources",
            json={"title": "Again", "kind": "article", "url": duplicate_url},
            headers=editor,
        )
    assert response.status_code == 409
    assert response.json["existing_id"] == first["id"]
    assert field_names(response.json) == {"url"}


def test_url_is_stored_as_given_and_compared_normalised(client, editor):
    source = make_source(client, editor, url="HTTPS://News.Example.COM/a/b/#top")
    assert source["url"] == "HTTPS://News.Example.COM/a/b/#top"
    again = client.post(
        "/api/v1/sources", json={"title": "T", "kind": "article", "url": "https://news.example.com/a/b"}, headers=editor
    )
    assert again.status_code == 409 and again.json["existing_id"] == source["id"]


def test_url_path_case_is_kept_because_paths_are_case_sensitive(client, editor):
    make_source(client, editor, url="https://news.example.com/Story")
    other = make_source(client, editor, url="https://news.example.com/story")
    assert other["url"] == "https://news.example.com/story"


@pytest.mark.parametrize("published_on", ["2020", "2020-01", "2020-01-27", None])
def test_partial_dates_keep_their_precision(client, editor, published_on):
    source = make_source(client, editor, url=None, published_on=published_on)
    assert client.get(f"/api/v1/sources/{source['id']}").json["published_on"] == published_on


@pytest.mark.parametrize("published_on", ["2020-13", "2020-02-30", "20", "2020/01/01", "January 2020", ""])
def test_bad_dates_are_refused(client, editor, unchanged, published_on):
    with unchanged():
        response = client.post(
            "/api/v1/sources",
            json={"title": "T", "kind": "article", "published_on": published_on},
            headers=editor,
        )
    assert response.status_code == 422
    assert field_names(response.json) == {"published_on"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "T", "kind": "blog"}, "kind"),
        ({"title": "T", "kind": "article", "url": "not a url"}, "url"),
        ({"title": "T", "kind": "article", "url": "ftp://example.com/x"}, "url"),
        ({"title": "T", "kind": "article", "authors": "Jane"}, "authors"),
        ({"title": "T", "kind": "article", "language": "English"}, "language"),
        ({"kind": "article"}, "title"),
    ],
)
def test_invalid_sources_are_refused(client, editor, unchanged, body, field):
    with unchanged():
        response = client.post("/api/v1/sources", json=body, headers=editor)
    assert response.status_code == 422
    assert field in field_names(response.json)


def test_list_filters_by_publisher_and_words_and_leaves_out_text(client, editor):
    make_source(client, editor)
    other = make_source(client, editor, title="Talk to Al Jazeera: In the Field", url=None, publisher="Al Jazeera")
    by_publisher = client.get("/api/v1/sources?publisher=al jazeera").json["items"]
    assert [source["id"] for source in by_publisher] == [other["id"]]
    by_words = client.get("/api/v1/sources?q=Jazeera field").json["items"]
    assert [source["id"] for source in by_words] == [other["id"]]
    assert "text" not in by_words[0]
    assert client.get(f"/api/v1/sources/{other['id']}").json["text"] == ARTICLE


def test_editing_text_that_drops_an_anchored_quote_is_refused(client, editor, unchanged):
    source = make_source(client, editor)
    speaker = make_speaker(client, editor)
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    with unchanged():
        response = client.patch(
            f"/api/v1/sources/{source['id']}",
            json={"text": "A rewritten article without the quote."},
            headers={**editor, "If-Match": f'"source-{source["id"]}-v1"'},
        )
    assert response.status_code == 409
    assert f"claim {claim['id']}" in response.json["errors"][0]["message"]


def test_editing_text_moves_anchors_with_it(client, editor):
    source = make_source(client, editor)
    speaker = make_speaker(client, editor)
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    response = client.patch(
        f"/api/v1/sources/{source['id']}",
        json={"text": "UPDATED: " + ARTICLE},
        headers={**editor, "If-Match": f'"source-{source["id"]}-v1"'},
    )
    assert response.status_code == 200
    anchor = client.get(f"/api/v1/claims/{claim['id']}").json["anchor"]
    assert anchor["start"] == claim["anchor"]["start"] + len("UPDATED: ")
    assert ("UPDATED: " + ARTICLE)[anchor["start"] : anchor["end"]] == anchor["exact"]


def test_a_cited_source_cannot_be_deleted(client, editor, admin, unchanged):
    source = make_source(client, editor)
    speaker = make_speaker(client, editor)
    make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    with unchanged():
        response = client.delete(
            f"/api/v1/sources/{source['id']}", headers={**admin, "If-Match": f'"source-{source["id"]}-v1"'}
        )
    assert response.status_code == 409


def test_an_uncited_source_can_be_deleted_by_an_admin(client, editor, admin):
    source = make_source(client, editor)
    response = client.delete(
        f"/api/v1/sources/{source['id']}", headers={**admin, "If-Match": f'"source-{source["id"]}-v1"'}
    )
    assert response.status_code == 204
    assert client.get(f"/api/v1/sources/{source['id']}").status_code == 404
