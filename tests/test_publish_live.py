"""Real processes: a claim written through gunicorn is public in datasette at once."""

from __future__ import annotations

import json
import urllib.request

import pytest
from servers import datasette, gunicorn

from service import auth

pytestmark = pytest.mark.slow


def call(url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, method="POST" if body is not None else "GET")
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_a_claim_written_through_the_api_is_in_datasette_at_once(seeded_file):
    instance = seeded_file.parent / "instance"
    token = auth.create_token(instance, "live-editor")
    with gunicorn(seeded_file, instance) as api, datasette(seeded_file) as public:
        status, claim = call(
            f"{api}/api/v1/claims",
            {
                "text": "The strike was a legitimate act of self-defence under Article 51.",
                "kind": "paraphrase",
                "speaker_id": 1,
                "source_id": 1,
            },
            token,
        )
        assert status == 201
        status, row = call(f"{public}/claims/claims/{claim['id']}.json?_shape=array")
        assert status == 200
        assert row[0]["text"] == claim["text"]
        status, found = call(f"{public}/claims/claims.json?_search=legitimate&_shape=array")
        assert [found_row["id"] for found_row in found] == [claim["id"]]
        with urllib.request.urlopen(f"{public}/c/{claim['id']}", timeout=10) as page:
            assert page.url.endswith(f"/claims/claims/{claim['id']}")
            assert "Article 51" in page.read().decode()
