"""A merged speaker's public page and picture lead to the speaker kept (308),
on Datasette's client and on a real process; an unknown speaker stays 404."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest
from servers import datasette

from service import db
from service.store import speakers


def merge(seeded_file, names: list[str]) -> list[int]:
    """Records for ``names``, each merged into the next, through the store: their ids."""
    database = db.connect(seeded_file)
    with db.transaction(database):
        ids = [speakers.create(database, {"name": name, "kind": "person"}, "test") for name in names]
        for merged, kept in zip(ids, ids[1:], strict=False):
            speakers.merge(database, merged, kept, None, "test")
    database.close()
    return ids


@pytest.fixture
def merged(seeded_file) -> tuple[int, int]:
    gone, kept = merge(seeded_file, ["Fouad Hussain", "Fuad Hussein"])
    return gone, kept


async def test_a_merged_speakers_page_and_picture_redirect_to_the_speaker_kept(site, merged):
    gone, kept = merged
    for old, new in [
        (f"/claims/speakers/{gone}", f"/claims/speakers/{kept}"),
        (f"/claims/speakers/{gone}.json", f"/claims/speakers/{kept}.json"),
        (f"/claims/speakers/{gone}?_shape=objects", f"/claims/speakers/{kept}?_shape=objects"),
        (f"/speakers/{gone}/network.svg", f"/speakers/{kept}/network.svg"),
    ]:
        response = await site.client.get(old)
        assert response.status_code == 308, old
        assert response.headers["location"] == new
        assert (await site.client.get(new)).status_code == 200, new


async def test_merges_of_merges_lead_to_the_last_speaker_kept(site, seeded_file):
    first, second, last = merge(seeded_file, ["A. Speaker", "A Speaker", "Anne Speaker"])
    for old in (first, second):
        response = await site.client.get(f"/claims/speakers/{old}")
        assert response.status_code == 308 and response.headers["location"] == f"/claims/speakers/{last}"


async def test_unknown_and_misspelt_speakers_stay_404(site, merged):
    gone, _ = merged
    for path in (
        "/claims/speakers/99999",
        "/speakers/99999/network.svg",
        f"/claims/speakers/0{gone}",  # one URL per record: no leading zeros
        f"/claims/speakers/%3{str(gone)[0]}{str(gone)[1:]}",
        f"/speakers/0{gone}/network.svg",
        "/claims/speakers/99999999999999999999",
    ):
        response = await site.client.get(path)
        assert response.status_code == 404, path
        assert "location" not in response.headers, path


async def test_a_speaker_that_is_there_is_not_redirected(site, merged):
    _, kept = merged
    assert (await site.client.get(f"/claims/speakers/{kept}")).status_code == 200
    assert (await site.client.get(f"/claims/speakers/{kept}/nothing-here")).status_code == 404


def test_a_real_datasette_redirects_a_speaker_merged_while_it_runs(seeded_file):
    database = db.connect(seeded_file)
    with db.transaction(database):
        gone = speakers.create(database, {"name": "Fouad Hussain", "kind": "person"}, "test")
        kept = speakers.create(database, {"name": "Fuad Hussein", "kind": "person"}, "test")
    database.close()
    with datasette(seeded_file) as base:
        host = urlsplit(base).netloc

        def head(path: str) -> tuple[int, str | None]:
            connection = http.client.HTTPConnection(host, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            connection.close()
            return response.status, response.getheader("Location")

        assert head(f"/claims/speakers/{gone}") == (200, None)
        database = db.connect(seeded_file)
        with db.transaction(database):
            speakers.merge(database, gone, kept, None, "test")
        database.close()
        assert head(f"/claims/speakers/{gone}") == (308, f"/claims/speakers/{kept}")
        assert head(f"/speakers/{gone}/network.svg") == (308, f"/speakers/{kept}/network.svg")
        assert head("/claims/speakers/99999")[0] == 404
