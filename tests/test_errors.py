"""One error shape for everything; auth on every write; hostile input refused."""

from __future__ import annotations

import json

import pytest
from helpers import make_claim, make_source, make_speaker

from service import auth

WRITES = [
    ("POST", "/api/v1/speakers"),
    ("PATCH", "/api/v1/speakers/1"),
    ("DELETE", "/api/v1/speakers/1"),
    ("POST", "/api/v1/speakers/1/aliases"),
    ("POST", "/api/v1/speakers/1/merge"),
    ("POST", "/api/v1/sources"),
    ("PATCH", "/api/v1/sources/1"),
    ("DELETE", "/api/v1/sources/1"),
    ("POST", "/api/v1/claims"),
    ("PATCH", "/api/v1/claims/1"),
    ("DELETE", "/api/v1/claims/1"),
    ("POST", "/api/v1/claims/1/links"),
    ("DELETE", "/api/v1/claims/1/links/1"),
    ("POST", "/api/v1/claims/1/appearances"),
    ("DELETE", "/api/v1/claims/1/appearances/1"),
    ("POST", "/api/v1/claims/match"),
    ("POST", "/api/v1/claims/1/reviews"),
    ("PATCH", "/api/v1/reviews/1"),
    ("DELETE", "/api/v1/reviews/1"),
    ("POST", "/api/v1/extract"),
    ("POST", "/api/v1/sources/1/drafts"),
    ("POST", "/api/v1/articles"),
]


def write_routes(app, prefix: str) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        for method in rule.methods & {"POST", "PATCH", "PUT", "DELETE"}:
            path = rule.rule
            for argument in rule.arguments:
                path = path.replace(f"<id:{argument}>", "1")
            if path.startswith(prefix):
                routes.add((method, path))
    return routes


def test_every_write_route_is_in_the_auth_matrix(app):
    assert write_routes(app, "/api/") == set(WRITES)


def test_every_desk_write_needs_a_session(app, client, editor):
    """The desk's forms sign in with a session, not a bearer token: without
    one, every write is refused (by its CSRF check, which needs a session),
    and with the CSRF check set aside, the session check alone still sends
    it to the sign-in page."""
    make_speaker(client, editor), make_source(client, editor)
    routes = write_routes(app, "/desk/") - {("POST", "/desk/login")}
    assert routes, "the desk has write routes"
    before = client.get("/api/v1/revisions").get_json()
    for method, path in sorted(routes):
        assert client.open(path, method=method, data={"name": "Nobody"}).status_code == 400, path
    app.config["WTF_CSRF_ENABLED"] = False
    for method, path in sorted(routes - {("POST", "/desk/logout")}):
        answer = client.open(path, method=method, data={"name": "Nobody", "text": "Nothing"})
        assert answer.status_code in (302, 303), (method, path, answer.status_code)
        assert answer.headers["Location"].startswith("/desk/login"), (method, path)
    assert client.get("/api/v1/revisions").get_json() == before


@pytest.fixture
def stocked(client, editor):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    claim = make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])
    other = make_claim(
        client,
        editor,
        kind="paraphrase",
        text="They did it",
        speaker_id=speaker["id"],
        source_id=source["id"],
    )
    client.post(
        f"/api/v1/claims/{claim['id']}/links",
        json={"target_id": other["id"], "relation": "contradicts"},
        headers=editor,
    )
    return claim


def revoked_token(app):
    token = auth.create_token(app.instance_path, "leaver")
    auth.revoke_token(app.instance_path, "leaver")
    return token


@pytest.mark.parametrize(("method", "path"), WRITES)
@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer clm_wrong",
        "Bearer \u00e9t\u00e9",
        "Token abc",
        "revoked",
    ],
)
def test_writes_without_a_valid_token_are_401_and_change_nothing(
    app, client, stocked, unchanged, method, path, authorization
):
    headers = {"If-Match": "*"}
    if authorization == "revoked":
        authorization = f"Bearer {revoked_token(app)}"
    if authorization is not None:
        headers["Authorization"] = authorization
    with unchanged():
        response = client.open(path, method=method, json={"name": "x"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json["status"] == 401


def test_revocation_takes_effect_on_the_next_request(app, client):
    token = auth.create_token(app.instance_path, "temp")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/speakers", json={"name": "A", "kind": "person"}, headers=headers).status_code == 201
    auth.revoke_token(app.instance_path, "temp")
    assert client.post("/api/v1/speakers", json={"name": "B", "kind": "person"}, headers=headers).status_code == 401


def test_the_error_shape_is_pinned(client, editor):
    response = client.post("/api/v1/speakers", json={"kind": "alien", "extra": 1}, headers=editor)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.json == {
        "type": "about:blank",
        "title": "Unprocessable Entity",
        "status": 422,
        "detail": "The request has 3 invalid fields.",
        "errors": [
            {"location": "json", "field": "extra", "message": "Unknown field."},
            {
                "location": "json",
                "field": "kind",
                "message": "Must be one of: person, organization, government, group, other.",
            },
            {"location": "json", "field": "name", "message": "Missing data for required field."},
        ],
    }


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/nothing-here", 404),
        ("PUT", "/api/v1/speakers", 405),
        ("GET", "/api/v1/claims/abc", 404),
    ],
)
def test_routing_errors_use_the_same_shape(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert set(response.json) == {"type", "title", "status", "detail", "errors"}


BAD_BODIES = [
    ("malformed json", b'{"name": "x", ', "application/json", 400),
    ("json array", b"[1, 2]", "application/json", 422),
    ("json scalar", b"42", "application/json", 422),
    ("wrong content type", b'{"name": "x", "kind": "person"}', "text/plain", 415),
    ("form post", b"name=x&kind=person", "application/x-www-form-urlencoded", 415),
    ("unknown field", b'{"name": "x", "kind": "person", "role": "boss"}', "application/json", 422),
    ("wrong type", b'{"name": 12, "kind": "person"}', "application/json", 422),
    ("null name", b'{"name": null, "kind": "person"}', "application/json", 422),
    ("NUL byte", b'{"name": "x\\u0000y", "kind": "person"}', "application/json", 422),
    ("lone surrogate", b'{"name": "x\\ud800y", "kind": "person"}', "application/json", 422),
    ("invalid utf-8", b'{"name": "\xff\xfe", "kind": "person"}', "application/json", 400),
    # Under the 4 MiB body limit: read, and refused for the field's length.
    ("1 MB string", json.dumps({"name": "x" * 1_000_000, "kind": "person"}).encode(), "application/json", 422),
    # Over it: refused before it is read.
    ("5 MB body", json.dumps({"name": "x" * 5_000_000, "kind": "person"}).encode(), "application/json", 413),
    (
        "deep nesting",
        b'{"name": "x", "kind": "person", "aliases": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        "application/json",
        400,
    ),
]


@pytest.mark.parametrize(("label", "body", "content_type", "status"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_bad_bodies_get_a_clear_4xx_and_change_nothing(client, editor, unchanged, label, body, content_type, status):
    with unchanged():
        response = client.post("/api/v1/speakers", data=body, headers={**editor, "Content-Type": content_type})
    assert response.status_code == status, response.json
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == status
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("q", ["\x00", "x" * 600])
def test_bad_query_strings_are_422(client, q):
    response = client.get("/api/v1/claims", query_string={"q": q})
    assert response.status_code == 422


@pytest.mark.parametrize("spelling", ["2.0", "2.", "2.000", "2e0", "0.2e1", "+2"])
def test_a_whole_number_in_a_query_is_read_as_json_schema_reads_it(client, seeded, spelling):
    # The OpenAPI document says "integer", and JSON Schema counts 2.0 as the integer 2.
    expected = client.get("/api/v1/claims", query_string={"source_id": "2", "limit": "3"}).json
    response = client.get("/api/v1/claims", query_string={"source_id": spelling, "limit": "3.0"})
    assert response.status_code == 200
    assert response.json["items"] == expected["items"] and expected["items"]
    assert response.json["next_cursor"] == expected["next_cursor"]


@pytest.mark.parametrize("spelling", ["2.5", "1e999", "9" * 30 + ".0", "2.0.0", ".", "e1", "2e", "0x2", "", " 2.0"])
def test_a_query_number_that_is_no_whole_number_is_422_naming_it(client, spelling):
    response = client.get("/api/v1/claims", query_string={"source_id": spelling})
    assert response.status_code == 422
    assert [error["field"] for error in response.json["errors"]] == ["source_id"]


def test_invalid_utf8_in_a_query_string_is_read_as_replacement_characters(client):
    # A UTF-8-encoded lone surrogate cannot reach the app as one: it is
    # decoded with U+FFFD in its place, and searched for as such.
    response = client.get("/api/v1/claims?q=%ED%A0%80")
    assert response.status_code == 200
    assert response.json["items"] == []


def test_huge_ids_in_paths_are_404_not_500(client):
    assert client.get("/api/v1/claims/99999999999999999999999").status_code == 404


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_without_a_token_the_body_is_not_even_read(client, stocked, unchanged, method, path):
    with unchanged():
        response = client.open(path, method=method, data=b"\x00not json", headers={"Content-Type": "text/plain"})
    assert response.status_code == 401


def test_a_write_with_no_body_is_422(client, editor, stocked, unchanged):
    with unchanged():
        response = client.patch(f"/api/v1/claims/{stocked['id']}", headers={**editor, "If-Match": "*"})
    assert response.status_code == 422
    assert response.json["errors"] == [{"location": "json", "field": None, "message": "Missing body."}]
