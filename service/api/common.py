"""What every resource's views share: ETags, If-Match, page tokens, the DB."""

from __future__ import annotations

import json
import re
from typing import Any

import flask_smorest
from flask import current_app, g, request, url_for
from webargs.flaskparser import FlaskParser

from ..errors import ValidationError
from ..store.records import Expected


class JsonParser(FlaskParser):
    """webargs' parser, refusing JSON nested too deep to parse as a 400."""

    def _raw_load_json(self, req):  # type: ignore[no-untyped-def]
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            error = json.JSONDecodeError("nested too deeply", "", 0)
            return self._handle_invalid_json_error(error, req)


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = JsonParser()


ETAG = re.compile(r'^(?:W/)?"(?P<kind>[a-z]+)-(?P<id>\d+)-v(?P<version>\d+)"$')


def etag(kind: str, record: dict[str, Any]) -> str:
    """The ETag names the record and its stored version."""
    return f'"{kind}-{record["id"]}-v{record["version"]}"'


#: (OpenAPI path, method) of every operation that needs If-Match.
IF_MATCH_OPERATIONS: set[tuple[str, str]] = set()


def needs_if_match(path: str, *methods: str) -> None:
    """Declare that these operations read If-Match, for the OpenAPI document."""
    IF_MATCH_OPERATIONS.update((path, method) for method in methods)


def expected_version(kind: str, record_id: int) -> Expected:
    """What the client's If-Match says this write is based on.

    A write to a single record must name the version it was based on, so
    two editors cannot silently overwrite each other: the store answers 428
    without it and 412 when it is stale, comparing inside the write
    transaction, after a missing record has had its 404.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return Expected(sent=False)
    candidates = [tag.strip() for tag in header.split(",") if tag.strip()]
    if "*" in candidates:
        return Expected(sent=True)
    for tag in candidates:
        match = ETAG.match(tag)
        if match and match["kind"] == kind and int(match["id"]) == record_id:
            return Expected(sent=True, version=int(match["version"]))
    return Expected(sent=True, names_record=False)


def actor() -> str:
    return g.actor


def public_url() -> str:
    return current_app.config["PUBLIC_URL"]


def decode_cursor(token: str | None) -> dict[str, Any] | None:
    """A page position: ``<id>``, or for a search ``<window>:<rank>:<id>``.
    The schema has already checked its form, so any cursor that reaches
    here can be read."""
    if not token:
        return None
    parts = token.split(":")
    position: dict[str, Any] = {"id": int(parts[-1])}
    if len(parts) > 1:
        position["rank"] = float(parts[-2])
    if len(parts) > 2:
        position["floor"] = int(parts[0])
    return position


def encode_cursor(position: dict[str, Any]) -> str:
    if position.get("rank") is None:
        return str(position["id"])
    window = f"{position['floor']}:" if position.get("floor") else ""
    return f"{window}{position['rank']!r}:{position['id']}"


def single_valued_arguments() -> None:
    """422 for a query parameter given twice: none of ours takes a list, and
    silently using the first of two would hide a mistake."""
    repeated = sorted({key for key, values in request.args.lists() if len(values) > 1})
    if repeated:
        raise ValidationError(
            errors=[{"location": "query", "field": key, "message": "Give this parameter once."} for key in repeated]
        )


def page(
    items: list[dict[str, Any]], next_position: dict[str, Any] | None
) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The envelope of every list, with a Link header to the next page."""
    body: dict[str, Any] = {"items": items, "next_cursor": None, "next": None}
    headers: dict[str, str] = {}
    if next_position is not None:
        cursor = encode_cursor(next_position)
        arguments = request.args.to_dict()
        arguments["cursor"] = cursor
        body["next_cursor"] = cursor
        body["next"] = url_for(request.endpoint or "", **(request.view_args or {}), **arguments)
        headers["Link"] = f'<{body["next"]}>; rel="next"'
    return body, 200, headers


def after_id(arguments: dict[str, Any]) -> int | None:
    position = decode_cursor(arguments.get("cursor"))
    return position["id"] if position else None
