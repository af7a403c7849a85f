"""A merged speaker's public addresses lead to the speaker kept.

Merging two records of one person (``service.store.speakers.merge``)
deletes the merged record; its last revision names the speaker kept. The
API and the desk answer the old address with 308 Permanent Redirect, and so
does the public site, which newsroom articles link to: when
``/claims/speakers/<id>`` (in any format) or ``/speakers/<id>/network.svg``
is 404 and the speaker was merged, the answer is 308 to the same page of the
speaker kept (following merges of merges), with the same query string. An id
that never existed stays 404.

Ids follow the site's one rule (front_door.py): ASCII digits without leading
zeros, so ``/claims/speakers/05`` is 404 whatever became of speaker 5. The
revisions are read only after a 404, so a speaker's page costs nothing more.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

import sqlite_utils
from datasette import hookimpl

from service.publish import DATABASE_NAME
from service.schemas import MAX_ID
from service.store import speakers

ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]

ID = r"(?P<id>[1-9][0-9]{0,18})"
#: A speaker's page in any format, and a speaker's picture, on the raw path.
SPEAKER_PAGE = re.compile(rf"/{DATABASE_NAME}/speakers/{ID}(?P<format>\.\w+)?")
SPEAKER_PICTURE = re.compile(rf"/speakers/{ID}/network\.svg")


def speaker_address(path: str) -> Callable[[Any, int], str] | None:
    """For a path naming a speaker, how to name the same page of another."""
    page = SPEAKER_PAGE.fullmatch(path)
    if page:
        return lambda datasette, target: datasette.urls.row(DATABASE_NAME, "speakers", target) + (page["format"] or "")
    if SPEAKER_PICTURE.fullmatch(path):
        return lambda datasette, target: datasette.urls.path(f"/speakers/{target}/network.svg")
    return None


def speaker_id(path: str) -> int | None:
    found = SPEAKER_PAGE.fullmatch(path) or SPEAKER_PICTURE.fullmatch(path)
    return int(found["id"]) if found and int(found["id"]) <= MAX_ID else None


async def merged_into(datasette: Any, speaker: int) -> int | None:
    def read(connection: sqlite3.Connection) -> int | None:
        if connection.execute("SELECT 1 FROM speakers WHERE id = ?", [speaker]).fetchone():
            return None  # 404 for another reason: the speaker is there
        return speakers.merged_into(sqlite_utils.Database(connection), speaker)

    return await datasette.get_database(DATABASE_NAME).execute_fn(read)


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    def wrap(app: ASGIApp) -> ASGIApp:
        async def merged_speakers(scope: dict, receive: Callable, send: Callable) -> None:
            path = ""
            if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
                path = (scope.get("raw_path") or scope["path"].encode("utf-8")).decode("latin-1").partition("?")[0]
            address = speaker_address(path)
            speaker = speaker_id(path)
            if address is None or speaker is None:
                await app(scope, receive, send)
                return
            held: list[dict] = []

            async def hold_not_found(message: dict) -> None:
                if held or (message["type"] == "http.response.start" and message["status"] == 404):
                    held.append(message)
                else:
                    await send(message)

            await app(scope, receive, hold_not_found)
            if not held:
                return
            target = await merged_into(datasette, speaker)
            if target is None:
                for message in held:
                    await send(message)
                return
            location = address(datasette, target)
            query = scope.get("query_string", b"")
            if query:
                location += "?" + query.decode("latin-1")
            body = f"Speaker {speaker} was merged into speaker {target}: {location}\n".encode()
            headers = [
                (b"location", location.encode("latin-1")),
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ]
            await send({"type": "http.response.start", "status": 308, "headers": headers})
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

        return merged_speakers

    return wrap
