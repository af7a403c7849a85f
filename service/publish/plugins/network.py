"""The claim network on the public site: pictures, the /network page, and
what the claim and speaker pages show of it.

- ``/c/<id>/network.svg`` and ``.png``: a claim's neighbourhood, two links deep;
- ``/speakers/<id>/network.svg``: who a speaker contradicts, and who them;
- ``/network`` and ``/network.svg``: the whole record's speaker network,
  the ``?top=`` speakers with the most contested claims (default 20).

The pictures are laid out by Graphviz and kept in ``service.network.PICTURES``
until their signature changes (see service/network.py). The SQL runs on
Datasette's read connections; ``dot`` runs on a worker thread, so a layout
never holds the event loop or a read connection.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from datasette import Response, hookimpl
from markupsafe import Markup

from service import network
from service.publish import DATABASE_NAME
from service.schemas import MAX_ID

RECORD_ID = r"[1-9][0-9]{0,18}"
TOP = re.compile(r"[0-9]{1,3}")
MAX_TOP = 60
#: The picture may be opened alone: it runs no script and loads nothing.
PICTURE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    "X-Content-Type-Options": "nosniff",
}


def record_id(text: str) -> int | None:
    return int(text) if re.fullmatch(RECORD_ID, text) and int(text) <= MAX_ID else None


# -- reading and drawing, through the cache ---------------------------------------


async def _picture(
    datasette: Any,
    key: tuple,
    read: Callable[[sqlite3.Connection], tuple[str | None, Any]],
    draw: Callable[[Any], Any],
    format: str = "svg",
) -> tuple[Any, bytes] | None:
    """(what the picture shows, the picture) under ``key``, laid out at most
    once per signature. ``read`` returns (signature, data), data None when
    the picture's data is not needed (the signature was enough to find it
    kept); a None signature means no such record."""

    def lookup(connection: sqlite3.Connection) -> tuple[str, Any, Any] | None:
        signature, data = read(connection)
        if signature is None:
            return None
        return signature, network.PICTURES.get((*key, signature, format)), data

    database = datasette.get_database(DATABASE_NAME)
    found = await database.execute_fn(lookup)
    if found is None:
        return None
    signature, kept, data = found
    if kept is not None:
        return kept
    if callable(data):  # the rows are read only when the picture is not kept
        data = await database.execute_fn(data)
        if data is None:
            return None
    # Pictures kept under the record's latest revision are read again after
    # any write, but laid out again only if what they show has changed.
    by_content = (*key, "showing", data.signature, format) if hasattr(data, "signature") else None
    kept = network.PICTURES.get(by_content) if by_content else None
    if kept is None:
        kept = (data, await asyncio.to_thread(network.render, draw(data), format))
        if by_content:
            network.PICTURES.put(by_content, kept)
    network.PICTURES.put((*key, signature, format), kept)
    return kept


async def claim_picture(datasette: Any, claim_id: int, format: str = "svg") -> tuple[Any, bytes] | None:
    def read(connection: sqlite3.Connection) -> tuple[str | None, Any]:
        return network.claim_signature(connection, claim_id), lambda c: network.neighbourhood(c, claim_id)

    return await _picture(datasette, ("claim", claim_id), read, network.claim_graph, format)


async def speaker_picture(datasette: Any, speaker_id: int) -> tuple[Any, bytes] | None:
    def read(connection: sqlite3.Connection) -> tuple[str | None, Any]:
        # Counting a speaker's links reads many claims: done once per write.
        return network.record_signature(connection), lambda c: network.speaker_network(c, speaker_id)

    return await _picture(datasette, ("speaker", speaker_id), read, network.speaker_graph)


async def record_picture(datasette: Any, top: int) -> tuple[Any, bytes]:
    def read(connection: sqlite3.Connection) -> tuple[str | None, Any]:
        return network.record_signature(connection), lambda c: network.record_network(c, top)

    found = await _picture(datasette, ("record", top), read, network.speaker_graph)
    assert found is not None  # the record always has a picture, if an empty one
    return found


# -- routes ---------------------------------------------------------------------------


def _picture_response(picture: bytes, format: str) -> Response:
    return Response(picture, content_type=network.FORMATS[format], headers=PICTURE_HEADERS)


async def claim_network_route(datasette: Any, request: Any) -> Response:
    claim_id = record_id(request.url_vars["claim_id"])
    format = request.url_vars["format"]
    found = await claim_picture(datasette, claim_id, format) if claim_id else None
    if found is None:
        return Response.text("No such claim.", status=404)
    return _picture_response(found[1], format)


async def speaker_network_route(datasette: Any, request: Any) -> Response:
    speaker_id = record_id(request.url_vars["speaker_id"])
    found = await speaker_picture(datasette, speaker_id) if speaker_id else None
    if found is None:
        return Response.text("No such speaker.", status=404)
    return _picture_response(found[1], "svg")


def _top(request: Any) -> int | str:
    """The ``top`` argument, or why it will not do."""
    asked = request.args.get("top")
    if asked is None:
        return network.TOP_SPEAKERS
    if not TOP.fullmatch(asked) or not 2 <= int(asked) <= MAX_TOP:
        return f"top must be a whole number of speakers from 2 to {MAX_TOP}, in ASCII digits."
    return int(asked)


async def record_network_svg(datasette: Any, request: Any) -> Response:
    top = _top(request)
    if isinstance(top, str):
        return Response.text(top, status=400)
    _, picture = await record_picture(datasette, top)
    return _picture_response(picture, "svg")


async def record_network_page(datasette: Any, request: Any) -> Response:
    top = _top(request)
    if isinstance(top, str):
        return Response.text(top, status=400)
    data, picture = await record_picture(datasette, top)
    html = await datasette.render_template(
        "network.html", {"record_network": _speaker_vars(data, picture), "top": top}, request=request
    )
    return Response.html(html)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (rf"^/c/(?P<claim_id>{RECORD_ID})/network\.(?P<format>svg|png)$", claim_network_route),
        (rf"^/speakers/(?P<speaker_id>{RECORD_ID})/network\.svg$", speaker_network_route),
        (r"^/network$", record_network_page),
        (r"^/network\.svg$", record_network_svg),
    ]


# -- what the claim and speaker pages show --------------------------------------------


def _inline(picture: bytes, drawn: bool) -> Markup | None:
    """The SVG for the page, or None when it would show one box alone.

    Graphviz writes every name and text as XML character data, escaped
    (tests/test_network.py holds it to that with hostile names)."""
    return Markup(picture.decode("utf-8")) if drawn else None


def _legend(speakers: list[tuple[int, str]]) -> list[dict[str, Any]]:
    return [{"id": speaker_id, "name": name, "fill": network.colour(speaker_id)[0]} for speaker_id, name in speakers]


def _claim_vars(hood: network.Neighbourhood, picture: bytes) -> dict[str, Any]:
    relations = sorted({link.relation for link in hood.links}, key=list(network.RELATION_WORDS).index)
    return {
        "svg": _inline(picture, bool(hood.links)),
        "claim_id": hood.claim_id,
        "nodes": hood.nodes,
        "links": [
            {"link": link, "source": hood.node(link.source), "target": hood.node(link.target)} for link in hood.links
        ],
        "speakers": _legend(hood.speakers),
        "relations": [(network.RELATION_WORDS[r], network.RELATION_DRAWN[r]) for r in relations],
        "note": hood.left_out_note,
        "svg_url": f"/c/{hood.claim_id}/network.svg",
    }


def _speaker_vars(found: network.SpeakerNetwork, picture: bytes) -> dict[str, Any]:
    names = {node.id: node for node in found.nodes}
    return {
        "svg": _inline(picture, bool(found.edges) or (found.focus is None and bool(found.nodes))),
        "focus": found.focus,
        "nodes": found.nodes,
        "edges": [
            {"source": names[edge.source], "target": names[edge.target], "count": edge.count} for edge in found.edges
        ],
        "speakers": _legend([(node.id, node.name) for node in found.nodes]),
        "note": found.left_out_note,
        "svg_url": "/network.svg" if found.focus is None else f"/speakers/{found.focus}/network.svg",
    }


@hookimpl
def extra_template_vars(view_name: str, database: str, table: str, request: Any, datasette: Any) -> Any:
    if view_name != "row" or database != DATABASE_NAME or table not in ("claims", "speakers") or request is None:
        return {}
    row_id = record_id(request.url_vars.get("pks", ""))
    if row_id is None:
        return {}

    async def network_vars() -> dict[str, Any]:
        if table == "claims":
            found = await claim_picture(datasette, row_id)
            return {"claim_network": _claim_vars(*found)} if found else {}
        found = await speaker_picture(datasette, row_id)
        return {"speaker_network": _speaker_vars(*found)} if found else {}

    return network_vars
