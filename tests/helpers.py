"""Small builders shared by the API tests."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

ARTICLE = (
    "BAGHDAD - The ministry said on Monday that the convoy was hit at dawn. "
    "\u201cWe were not behind the attack,\u201d a spokesman said. "
    "Officials in Washington said the group was behind the attack."
)


def make_speaker(client: FlaskClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    body = {"name": "Matthew Miller", "kind": "person", "description": "US State Department spokesperson"}
    body.update(overrides)
    response = client.post("/api/v1/speakers", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def make_source(client: FlaskClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    body = {
        "title": "Convoy hit near Baghdad",
        "url": "https://news.example.com/convoy",
        "publisher": "Example News",
        "published_on": "2024-10",
        "kind": "article",
        "language": "en",
        "text": ARTICLE,
    }
    body.update(overrides)
    response = client.post("/api/v1/sources", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def make_claim(client: FlaskClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"text": "We were not behind the attack", "kind": "quote"}
    body.update(overrides)
    response = client.post("/api/v1/claims", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def field_names(problem: dict[str, Any]) -> set[str | None]:
    return {error["field"] for error in problem["errors"]}
