"""What every resource's views share: ETags, If-Match, page tokens, the DB."""

from __future__ import annotations

import json
import re
from typing import Any, cast

import flask
import flask_smorest
import marshmallow
import orjson
from flask import Response, current_app, g, request, url_for
from webargs.flaskparser import FlaskParser, abort
from werkzeug.routing import BaseConverter
from werkzeug.routing import ValidationError as NoSuchRoute

from ..schemas import MAX_ID
from ..store.records import Expected
from .problems import UnprocessableRequest


class JsonParser(FlaskParser):
    """webargs' parser, refusing JSON it cannot read as a 400: nested too
    deep, or a number past Python's limit on digits (4,300), which json
    raises as RecursionError and a plain ValueError, not as a decoding
    error, so webargs would let them through as a 500; and reading the
    query as a plain dict."""

    def load_json(self, req: flask.Request, schema: marshmallow.Schema) -> Any:
        try:
            return super().load_json(req, schema)
        except RecursionError:
            unreadable = json.JSONDecodeError("nested too deeply", "", 0)
        except ValueError:
            unreadable = json.JSONDecodeError("a number has too many digits", "", 0)
        # The answer webargs gives any other unreadable body.
        abort(400, exc=unreadable, messages={"json": ["Invalid JSON body."]})

    def load_querystring(self, req: flask.Request, schema: marshmallow.Schema) -> Any:
        """The query's parameters as a plain dict: each is given once (see
        single_valued_arguments), and a parameter left out is then a plain
        miss, where werkzeug's MultiDict raises, and builds, an HTTP error
        for each field of the schema the query does not name."""
        return self._makeproxy(req.args.to_dict(), schema)


class RecordId(BaseConverter):
    """A record's id in a path, in its one spelling: ASCII digits, no leading
    zero (werkzeug's ``int`` also takes ``034`` and other scripts' digits, so
    one record would have many URLs). Anything else matches no route: 404."""

    regex = r"[1-9][0-9]{0,18}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise NoSuchRoute()
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def record_id_schema(_converter: RecordId) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = JsonParser()


#: One member of an If-Match list (RFC 9110 section 8.8.3): an optional weak
#: marker, then an opaque quoted tag; members are separated by commas.
ENTITY_TAG = re.compile(r'\s*(?P<weak>W/)?"(?P<tag>[^"]*)"\s*(?:,|$)')


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
    without it and 412 when none of the versions it names is current,
    comparing inside the write transaction, after a missing record has had
    its 404.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return Expected(sent=False)
    if header.strip() == "*":
        return Expected(sent=True)
    return Expected(sent=True, versions=frozenset(named_versions(header, kind, record_id)))


def named_versions(header: str, kind: str, record_id: int) -> list[int]:
    """The versions of this record that If-Match names, compared strongly as
    RFC 9110 asks: a weak tag never matches, and a tag matches only if it is
    character for character one this service sends (no ``0044``, no ``v07``).
    A malformed list names nothing."""
    own = re.compile(rf"{re.escape(kind)}-{record_id}-v(?P<version>0|[1-9][0-9]{{0,18}})")
    found, position = [], 0
    while position < len(header):
        member = ENTITY_TAG.match(header, position)
        if member is None:
            return []
        position = member.end()
        tag = own.fullmatch(member["tag"])
        if tag and not member["weak"]:
            found.append(int(tag["version"]))
    return found


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
    if not request.query_string:
        return
    repeated = sorted({key for key, values in request.args.lists() if len(values) > 1})
    if repeated:
        raise UnprocessableRequest(
            errors=[{"location": "query", "field": key, "message": "Give this parameter once."} for key in repeated]
        )


def page(items: list[Any], next_position: dict[str, Any] | None) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The envelope of every list, with a Link header to the next page."""
    body: dict[str, Any] = {"items": items, "next_cursor": None, "next": None}
    headers: dict[str, str] = {}
    if next_position is not None:
        cursor = encode_cursor(next_position)
        arguments: dict[str, Any] = {**(request.view_args or {}), **request.args.to_dict(), "cursor": cursor}
        body["next_cursor"] = cursor
        body["next"] = url_for(request.endpoint or "", **arguments)
        headers["Link"] = f'<{body["next"]}>; rel="next"'
    return body, 200, headers


def answer(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """An answer already in its final shape, sent as it is: flask-smorest
    passes a response through without dumping it by the schema, which
    documents it. Each ``encoded`` piece is JSON text the store made
    (see service/store/claims/read.py), kept as it is inside ``body``."""
    response = cast(Response, current_app.json.response(body))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def encoded(text: str) -> orjson.Fragment:
    """JSON text the store made, to go as it is inside an answer."""
    return orjson.Fragment(text)


def encoded_page(texts: list[str], next_position: dict[str, Any] | None) -> Response:
    """:func:`page` of items the store made as JSON text."""
    return answer(*page([encoded(text) for text in texts], next_position))


def after_id(arguments: dict[str, Any]) -> int | None:
    position = decode_cursor(arguments.get("cursor"))
    return position["id"] if position else None
