"""``/c/<id>/card.png``: a claim as a picture, for link previews.

A claim shared on a social network or pasted into a chat shows this image
(the claim page's ``og:image``): the claim's words, who said them and when,
and the verdict, 1200 x 630 pixels. It is drawn by Graphviz (``dot``, with
cairo and pango, which shape Arabic and every other script), already
installed for the network pictures: one HTML-like label, no graph.

Drawing takes a ``dot`` process about 0.2 s, so pictures are kept (the key
holds everything drawn, so a changed claim is drawn again), at most one is
drawn at a time, and when several requests already wait for a drawing the
next is told to come back (503 with Retry-After) rather than queue.
"""

from __future__ import annotations

import asyncio
import re
import textwrap
import unicodedata
import weakref
from html import escape
from typing import Any

import graphviz
from datasette import Response, hookimpl

from service.lru import LRU
from service.publish import DATABASE_NAME, readable_date
from service.schemas import MAX_ID

WIDTH, HEIGHT = 1200, 630
#: Characters per line that fit the width: the quote at 42 points, the
#: speaker and verdict lines at 28 (bold); a longer speaker line is shortened.
LINE_CHARACTERS = 42
BYLINE_CHARACTERS = 60
MAX_LINES = 5
#: Pictures kept in memory (about 40 kB each).
KEPT_PICTURES = 256
#: Requests that may wait for a drawing before more are turned away.
MAX_WAITING = 4
CLAIM_ID = r"(?P<claim_id>[1-9][0-9]{0,18})"

CARD_ROW = (
    "SELECT claims.text, claims.kind, claims.said_on, claims.verdict_label, claims.counter_claims,"
    " claims.retracted_at, speakers.name, speakers.description"
    " FROM claims JOIN speakers ON speakers.id = claims.speaker_id WHERE claims.id = ?"
)

_kept: LRU[bytes] = LRU(KEPT_PICTURES)
#: One drawing at a time, per event loop (a lock belongs to one loop).
_drawing: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
_waiting = 0


def right_to_left(text: str) -> bool:
    """Whether the text's first strong character is right-to-left."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def quote_lines(text: str, kind: str) -> list[str]:
    shown = f"“{text}”" if kind == "quote" else text
    lines = textwrap.wrap(" ".join(shown.split()), LINE_CHARACTERS) or [""]
    if len(lines) > MAX_LINES:
        rest = " ".join(lines[MAX_LINES - 1 :])
        lines = lines[: MAX_LINES - 1] + [textwrap.shorten(rest, LINE_CHARACTERS, placeholder=" …")]
    return lines


def card_label(row: dict[str, Any], site: str) -> str:
    """The picture, as one Graphviz HTML-like label."""
    align = "RIGHT" if right_to_left(row["text"]) else "LEFT"
    line_break = f'<BR ALIGN="{align}"/>'
    quote = line_break.join(escape(line) for line in quote_lines(row["text"], row["kind"])) + line_break
    when = readable_date(row["said_on"]) or ""
    who = row["name"] + (f", {row['description']}" if row["description"] else "")
    who = escape(textwrap.shorten(who, BYLINE_CHARACTERS - len(when) - 3, placeholder=" …"))
    verdict = f"Verdict: {row['verdict_label']}" if row["verdict_label"] else "Not yet reviewed"
    if row["counter_claims"]:
        verdict += f" · contradicted by {row['counter_claims']} claim{'s' if row['counter_claims'] != 1 else ''}"
    if row["retracted_at"]:
        verdict = "Retracted · " + verdict
    verdict = textwrap.shorten(verdict, BYLINE_CHARACTERS, placeholder=" …")
    face = 'FACE="DejaVu Sans"'
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" BGCOLOR="#ffffff"'
        f' WIDTH="{WIDTH}" HEIGHT="{HEIGHT}">'
        '<TR><TD ROWSPAN="4" WIDTH="18" BGCOLOR="#8a1c1c"> </TD><TD ROWSPAN="4" WIDTH="48"> </TD>'
        f'<TD ALIGN="LEFT" VALIGN="BOTTOM" HEIGHT="90" WIDTH="1086"><FONT {face} POINT-SIZE="24" COLOR="#5f6368">'
        f"{escape(site)}</FONT></TD>"
        '<TD ROWSPAN="4" WIDTH="48"> </TD></TR>'
        f'<TR><TD ALIGN="{align}" BALIGN="{align}" HEIGHT="360">'
        f'<FONT FACE="DejaVu Serif" POINT-SIZE="42" COLOR="#1d1d1f">{quote}</FONT></TD></TR>'
        f'<TR><TD ALIGN="LEFT" VALIGN="TOP" HEIGHT="60"><FONT {face} POINT-SIZE="28" COLOR="#1d1d1f">'
        f"<B>{who}</B>{' · ' + escape(when) if when else ''}</FONT></TD></TR>"
        f'<TR><TD ALIGN="LEFT" VALIGN="TOP" HEIGHT="120"><FONT {face} POINT-SIZE="28" COLOR="#8a1c1c">'
        f"<B>{escape(verdict)}</B></FONT></TD></TR>"
        "</TABLE>>"
    )


def draw(label: str) -> bytes:
    picture = graphviz.Graph(
        graph_attr={"dpi": "72", "pad": "0", "margin": "0", "bgcolor": "white"},
        node_attr={"shape": "plain", "margin": "0"},
    )
    picture.node("card", label)
    return picture.pipe(format="png", renderer="cairo")


async def card_png(datasette: Any, request: Any) -> Response:
    global _waiting
    text = request.url_vars["claim_id"]
    claim_id = int(text) if re.fullmatch(CLAIM_ID, text) and int(text) <= MAX_ID else None
    found = None
    if claim_id is not None:
        found = (await datasette.get_database(DATABASE_NAME).execute(CARD_ROW, [claim_id])).first()
    if found is None:
        return Response.text("No such claim.", status=404)
    row = dict(found)
    site = datasette.metadata("title") or "Claims"
    key = (claim_id, site, *row.values())
    picture = _kept.get(key)
    if picture is None:
        if _waiting >= MAX_WAITING:
            return Response.text("Busy drawing; try again shortly.", status=503, headers={"Retry-After": "5"})
        _waiting += 1
        try:
            async with _drawing.setdefault(asyncio.get_running_loop(), asyncio.Lock()):
                drawn = _kept.get(key)
                if drawn is None:  # another request may have drawn it while this one waited
                    drawn = await asyncio.to_thread(draw, card_label(row, site))
        finally:
            _waiting -= 1
        _kept.put(key, drawn)
        picture = drawn
    # Cache-Control and the ETag come from http_cache.py, as for every picture.
    return Response(picture, content_type="image/png")


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(rf"^/c/{CLAIM_ID}/card\.png$", card_png)]
